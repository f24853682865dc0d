"""Emotions the analyser adds by rule: on mentions, and from there on their comment."""

from __future__ import annotations

import pytest

import cxtext
import cxtext.analyzer as analyzer_module

TEXTS = ["Easy parking, short wait, friendly GP.",  # admiration (a confident positive mention; "friendly")
         "The nurse was really thorough.",  # praise word on a positive mention
         "Had to chase them three times about the refund, passed from pillar to post.",  # high effort
         "The food was cold and the staff were rude."]


def _mention_emotions(result, comment_id):
    rows = result.mentions[result.mentions["comment_id"] == comment_id]
    return {e for cell in rows["emotions"] for e in cell}


def test_comments_hold_the_emotions_of_their_mentions():
    result = cxtext.analyze(TEXTS)
    for cid, felt in zip(result.comments.index, result.comments["emotions"]):
        assert _mention_emotions(result, cid) <= set(felt), cid
    assert "admiration" in result.comments["emotions"][0]
    assert "frustration" in result.comments["emotions"][2]
    assert "admiration" not in result.comments["emotions"][3]


def test_positive_mentions_read_as_admiration_only_under_the_rule(monkeypatch):
    monkeypatch.setattr(analyzer_module, "PRAISE_IS_ADMIRATION", False)  # "friendly" is praise too
    monkeypatch.setattr(analyzer_module, "PRAISE_COMMENT_IS_ADMIRATION", False)
    monkeypatch.setattr(analyzer_module, "POSITIVE_IS_ADMIRATION", None)
    monkeypatch.setattr(analyzer_module, "RULE_EMOTIONS_TO_COMMENT", False)
    before = cxtext.analyze(TEXTS[:1])
    assert not before.comments["emotions"][0] and not _mention_emotions(before, before.comments.index[0])
    monkeypatch.setattr(analyzer_module, "POSITIVE_IS_ADMIRATION", 0.9)
    monkeypatch.setattr(analyzer_module, "RULE_EMOTIONS_TO_COMMENT", True)
    after = cxtext.analyze(TEXTS[:1])
    assert after.comments["emotions"][0] == ["admiration"]
    assert "admiration" in _mention_emotions(after, after.comments.index[0])


@pytest.mark.parametrize("threshold", [0.5, 0.99])
def test_the_rule_needs_a_confident_positive_mention(monkeypatch, threshold):
    monkeypatch.setattr(analyzer_module, "PRAISE_IS_ADMIRATION", False)
    monkeypatch.setattr(analyzer_module, "PRAISE_COMMENT_IS_ADMIRATION", False)
    monkeypatch.setattr(analyzer_module, "POSITIVE_IS_ADMIRATION", threshold)
    result = cxtext.analyze(TEXTS[:1])
    confident = (result.mentions["sentiment_confidence"] >= threshold).any()
    assert ("admiration" in result.comments["emotions"][0]) == bool(confident)


def test_no_rule_emotions_without_emotions():
    result = cxtext.analyze(TEXTS, emotions="none")
    assert not result.mentions["emotions"].map(len).any()
    assert not result.comments["emotions"].map(len).any()


def test_praise_of_people_reads_as_admiration_beside_other_emotions(monkeypatch):
    texts = ["The radiographer was friendly, so grateful to them.",  # praise word on a staff mention
             "Thank you, the delivery came early."]  # delivery: no praise, not a people theme
    result = cxtext.analyze(texts)
    assert "gratitude" in result.comments["emotions"][0] and "admiration" in result.comments["emotions"][0]
    assert "admiration" not in result.comments["emotions"][1]
    # no praise word; a confident positive staff mention in a comment the models read as gratitude
    shown = [("thank you to the team on ward 9 for looking after my mum during her treatment. "
              "the nurses were patient with every question we had")]
    monkeypatch.setattr(analyzer_module, "PRAISE_IS_ADMIRATION", False)
    monkeypatch.setattr(analyzer_module, "PRAISE_COMMENT_IS_ADMIRATION", False)
    assert cxtext.analyze(shown).comments["emotions"][0] == ["gratitude", "admiration"]
    monkeypatch.setattr(analyzer_module, "POSITIVE_IS_ADMIRATION_GROUPS", ())
    assert cxtext.analyze(shown).comments["emotions"][0] == ["gratitude"]


def test_people_themes_come_from_the_taxonomy_groups():
    from types import SimpleNamespace

    from cxtext.themes import load_taxonomy

    people = analyzer_module._theme_ids_in_groups(SimpleNamespace(taxonomy_=load_taxonomy()), ("people",))
    assert {"staff_attitude", "empathy", "knowledge"} <= people and "delivery" not in people
    assert analyzer_module._theme_ids_in_groups(SimpleNamespace(taxonomy_=load_taxonomy()), ()) == frozenset()


def test_praise_without_a_theme_mention_reads_as_admiration(monkeypatch):
    texts = ["Top marks to everyone involved.",  # praise, no theme mention
             "Not great, honestly."]  # negated: no praise
    result = cxtext.analyze(texts)
    assert result.mentions.empty or "0" not in set(result.mentions["comment_id"].astype(str))
    assert result.comments["emotions"][0] == ["admiration"]
    assert "admiration" not in result.comments["emotions"][1]
    monkeypatch.setattr(analyzer_module, "PRAISE_COMMENT_IS_ADMIRATION", False)
    assert cxtext.analyze(texts[:1]).comments["emotions"][0] == []
