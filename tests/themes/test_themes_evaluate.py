from __future__ import annotations

import json

import pytest

from cxtext.errors import InputError
from cxtext.themes import ThemeHit
from cxtext.themes.evaluate import evaluate_themes, parse_mapping


class FixedTagger:
    """Returns hand-chosen themes per text."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table

    def tag(self, texts):
        return [[ThemeHit(t, 0, len(x), 0.9, x) for t in self.table.get(x, [])] for x in texts]


TEXTS = ["a", "b", "c", "d"]
GOLD = [["food"], ["food", "service"], ["service"], []]
TAGGER = FixedTagger({"a": ["food"], "b": ["food"], "c": ["food"], "d": ["staff_attitude"]})


def test_hand_made_scores():
    rep = evaluate_themes(TAGGER, TEXTS, GOLD)
    # food: tp 2 (a, b), fp 1 (c), fn 0 -> P 2/3, R 1, F1 0.8; service: tp 0, fn 2 -> F1 0
    assert rep.per_theme["food"] == {"precision": pytest.approx(0.6667), "recall": 1.0,
                                     "f1": pytest.approx(0.8), "support": 2, "predicted": 3}
    assert rep.per_theme["service"]["recall"] == 0.0 and rep.per_theme["service"]["support"] == 2
    # micro: tp 2, fp 1, fn 2 -> P 2/3, R 1/2, F1 4/7
    assert rep.micro["precision"] == pytest.approx(0.6667)
    assert rep.micro["recall"] == 0.5
    assert rep.micro["f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert rep.macro_f1 == pytest.approx(0.4)
    assert "outside the scored label space" in rep.notes[0]  # staff_attitude on "d"


def test_mapping_renames_predictions():
    rep = evaluate_themes(TAGGER, TEXTS, GOLD, mapping="staff_attitude=service")
    assert rep.per_theme["service"]["predicted"] == 1 and rep.per_theme["service"]["precision"] == 0.0
    assert parse_mapping("a=b|c, d=e") == {"a": ["b", "c"], "d": ["e"]}
    with pytest.raises(InputError, match="CX108"):
        parse_mapping("oops")


def test_theme_sentiment_accuracy_with_custom_fn():
    def fn(texts):
        table = {"a": {"food": "positive"}, "b": {"food": "negative"}}
        return [table.get(t, {}) for t in texts]

    gold_sent = [{"food": "positive"}, "food:positive;service:negative", {"service": "neg"}, {}]
    rep = evaluate_themes(TAGGER, TEXTS, GOLD, gold_sentiments=gold_sent, predicted_sentiments_fn=fn)
    # pairs in both gold and prediction: (a, food) right, (b, food) wrong
    assert rep.sentiment["n"] == 2 and rep.sentiment["accuracy"] == 0.5
    assert rep.per_theme["food"]["sentiment_accuracy"] == 0.5
    assert rep.per_theme["service"]["sentiment_accuracy"] is None


def test_polarity_in_the_labels_is_the_gold_sentiment():
    def fn(texts):
        table = {"a": {"food": "positive"}, "b": {"food": "negative"}}
        return [table.get(t, {}) for t in texts]

    gold = [["food:positive"], "food:positive;service:negative", ["service:conflict"], []]
    rep = evaluate_themes(TAGGER, TEXTS, gold, predicted_sentiments_fn=fn)
    plain = evaluate_themes(TAGGER, TEXTS, GOLD)
    assert rep.per_theme == {k: {**v, "sentiment_accuracy": rep.per_theme[k]["sentiment_accuracy"],
                                 "sentiment_n": rep.per_theme[k]["sentiment_n"]}
                             for k, v in plain.per_theme.items()}
    assert rep.sentiment["n"] == 2 and rep.sentiment["accuracy"] == 0.5
    # given gold sentiments win over the suffixes
    def all_positive(texts):
        return [{"food": "positive"} for _ in texts]

    assert evaluate_themes(TAGGER, TEXTS, gold, predicted_sentiments_fn=all_positive
                           ).sentiment["accuracy"] == 1.0
    rep = evaluate_themes(TAGGER, TEXTS, gold, gold_sentiments=["negative"] * 4,
                          predicted_sentiments_fn=all_positive)
    assert rep.sentiment["accuracy"] == 0.0 and rep.sentiment["n"] == 2


def test_conflict_dropped_and_reported():
    rep = evaluate_themes(TAGGER, TEXTS, GOLD, gold_sentiments=["conflict", "positive", None, None],
                          predicted_sentiments_fn=lambda t: [{"food": "positive"} for _ in t])
    assert rep.sentiment["dropped_gold_polarity"] == 1 and rep.sentiment["n"] == 1
    assert any("conflict" in n for n in rep.notes)


def test_default_sentiment_via_analyze_and_outputs(tmp_path):
    texts = ["The staff were rude and unhelpful", "Lovely staff, so kind"]
    rep = evaluate_themes("keyword", texts, [["staff_attitude"], ["staff_attitude"]],
                          gold_sentiments=["negative", "positive"])
    assert rep.per_theme["staff_attitude"]["recall"] == 1.0
    assert rep.sentiment["n"] == 2 and rep.sentiment["accuracy"] == 1.0
    assert rep.sentiment["sentiment_model"] == "fast"
    rep.to_json(tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["micro"]["f1"] == 1.0
    assert "| staff_attitude | 2 | 2 |" in rep.to_markdown()
    assert list(rep.to_frame().index) == ["staff_attitude"]


def test_bad_input():
    with pytest.raises(InputError, match="CX108"):
        evaluate_themes(TAGGER, TEXTS, GOLD[:2])
    with pytest.raises(InputError, match="CX108"):
        evaluate_themes(TAGGER, TEXTS, [[], [], [], []])
