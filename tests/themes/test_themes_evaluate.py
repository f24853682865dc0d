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


# -- gold labels are read as theme ids, as training names them ---------------
TRAINED = FixedTagger({"a": ["food", "anecdotes_miscellaneous"], "b": ["food"],
                       "c": ["qualite_service"], "d": []})
WRITTEN = ["Food;anecdotes/miscellaneous", "food", "Qualité service", ""]


def test_gold_labels_are_normalised_like_training_labels():
    rep = evaluate_themes(TRAINED, TEXTS, WRITTEN)
    assert rep.micro["f1"] == 1.0 and rep.macro_f1 == 1.0
    assert sorted(rep.per_theme) == ["anecdotes_miscellaneous", "food", "qualite_service"]
    assert rep.per_theme["food"]["support"] == 2  # "Food" and "food" are one theme
    assert rep.gold_labels == {"anecdotes_miscellaneous": ["anecdotes/miscellaneous"],
                               "food": ["Food", "food"], "qualite_service": ["Qualité service"]}
    md = rep.to_markdown()
    assert "| anecdotes_miscellaneous (anecdotes/miscellaneous) | 1 | 1 |" in md
    assert "| qualite_service (Qualité service) |" in md
    assert any("'anecdotes/miscellaneous' -> anecdotes_miscellaneous" in n for n in rep.notes)
    assert rep.to_frame().loc["qualite_service", "label"] == "Qualité service"
    assert json.loads(rep.to_json())["gold_labels"]["food"] == ["Food", "food"]
    assert not any("outside the scored label space" in n for n in rep.notes)
    # nothing renamed: no label column, no note
    plain = evaluate_themes(TAGGER, TEXTS, GOLD)
    assert plain.gold_labels == {} and "label" not in plain.to_frame().columns


@pytest.mark.parametrize("mapping", [None, "anecdotes_miscellaneous=anecdotes/miscellaneous",
                                     {"anecdotes_miscellaneous": "anecdotes_miscellaneous"}])
def test_mapping_targets_are_normalised_too(mapping):
    rep = evaluate_themes(TRAINED, TEXTS, WRITTEN, mapping=mapping)
    assert rep.per_theme["anecdotes_miscellaneous"]["f1"] == 1.0 and rep.micro["f1"] == 1.0


def test_keyword_tagger_mapping_onto_written_labels_still_works():
    texts = ["The staff were rude", "Way too expensive", "ok"]
    gold = ["Service", "Price", ""]
    rep = evaluate_themes("keyword", texts, gold, mapping="staff_attitude=Service,price_value=Price")
    assert rep.mapping == {"staff_attitude": ["service"], "price_value": ["price"]}
    assert rep.micro["f1"] == 1.0
    assert "| service (Service) |" in rep.to_markdown()
    # gold written like taxonomy ids needs no mapping at all
    assert evaluate_themes("keyword", texts, ["Staff Attitude", "price_value", ""]).micro["f1"] == 1.0


def test_ignored_predictions_are_named():
    rep = evaluate_themes(TAGGER, TEXTS, GOLD)
    assert "staff_attitude (1)" in rep.notes[0] and "--map" in rep.notes[0]


def test_labels_that_cannot_be_ids_stay_as_written():
    rep = evaluate_themes(FixedTagger({"a": ["service"]}), ["a", "b"], ["服务", ""],
                          mapping="service=服务")
    assert rep.micro["f1"] == 1.0 and list(rep.per_theme) == ["服务"]


def test_models_trained_before_transliteration_still_match():
    legacy = FixedTagger({"a": ["qualit"], "b": ["caf"]})
    legacy.classes_ = ["qualit", "caf"]
    rep = evaluate_themes(legacy, ["a", "b"], ["Qualité", "café"])
    assert rep.micro["f1"] == 1.0 and sorted(rep.per_theme) == ["caf", "qualit"]


def test_gold_polarities_use_training_aliases_and_normalised_labels():
    def fn(texts):
        return [{"food": "positive", "anecdotes_miscellaneous": "negative"} for _ in texts]

    rep = evaluate_themes(TRAINED, TEXTS, ["Food:POS;anecdotes/miscellaneous:very negative",
                                           "food:neg", "Qualité service:+", ""],
                          predicted_sentiments_fn=fn)
    assert rep.per_theme["food"]["sentiment_n"] == 2
    assert rep.per_theme["food"]["sentiment_accuracy"] == 0.5
    assert rep.per_theme["anecdotes_miscellaneous"]["sentiment_accuracy"] == 1.0
    assert rep.micro["f1"] == 1.0
    # a separate column of label:polarity pairs, labels as written
    rep = evaluate_themes(TRAINED, TEXTS, WRITTEN, predicted_sentiments_fn=fn,
                          gold_sentiments=["Food:pos;anecdotes/miscellaneous:neg", "neg", None, None])
    assert rep.sentiment["n"] == 3 and rep.per_theme["anecdotes_miscellaneous"]["sentiment_n"] == 1


def test_train_then_evaluate_on_labels_as_written(tmp_path):
    import pandas as pd

    from cxtext.cli_themes import run_evaluate_themes, run_train_themes

    texts = ["The pasta was delicious", "Great food, tasty dishes", "We came for a birthday",
             "Went there with friends last week", "The waiter was rude", "Service was slow"] * 6
    labels = ["Food:pos", "Food:POS", "anecdotes/miscellaneous:neu",
              "anecdotes/miscellaneous:neutral", "Qualité service:neg", "Qualité service:NEG"] * 6
    src = tmp_path / "train.csv"
    pd.DataFrame({"text": texts, "labels": labels}).to_csv(src, index=False)
    out = tmp_path / "themes-x" / "1.0.0"
    summary = run_train_themes(src, out, text="text", labels=["labels"], features="hashed", cv=3,
                               n_features=2**12, mention_sentiment=())
    assert summary["trained"] == ["food", "anecdotes_miscellaneous", "qualite_service"]
    rep = run_evaluate_themes(src, text="text", labels=["labels"], model=str(out),
                              output=tmp_path / "rep.json")
    assert rep.micro["f1"] == 1.0
    assert rep.per_theme["qualite_service"]["support"] == 12
    assert "qualite_service (Qualité service)" in (tmp_path / "rep.md").read_text(encoding="utf-8")
