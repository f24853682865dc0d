"""Emotions the analyser adds by rule: on mentions, and from there on their comment."""

from __future__ import annotations

import pytest

import cxtext
import cxtext.analyzer as analyzer_module

TEXTS = ["Easy parking, short wait, friendly GP.",  # shown admiration, no praise word
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
    monkeypatch.setattr(analyzer_module, "POSITIVE_IS_ADMIRATION", threshold)
    result = cxtext.analyze(TEXTS[:1])
    confident = (result.mentions["sentiment_confidence"] >= threshold).any()
    assert ("admiration" in result.comments["emotions"][0]) == bool(confident)


def test_no_rule_emotions_without_emotions():
    result = cxtext.analyze(TEXTS, emotions="none")
    assert not result.mentions["emotions"].map(len).any()
    assert not result.comments["emotions"].map(len).any()
