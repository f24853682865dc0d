from __future__ import annotations

import json
import math

import numpy as np
import pytest

import cxtext
from cxtext.errors import InputError
from cxtext.evaluate import dataset_info, evaluate_sentiment


class _Fixed:
    """A model that returns fixed probabilities per input text (text -> class index)."""

    classes_ = np.array(["negative", "neutral", "positive"], dtype=object)

    def __init__(self, answers):
        self.answers = answers

    def predict_proba(self, X):
        out = np.full((len(X), 3), 0.1)
        for i, t in enumerate(X):
            out[i, self.answers[t]] = 0.8
        return out


class _PredictOnly:
    classes_ = np.array(["negative", "neutral", "positive"], dtype=object)

    def predict(self, X):
        return np.array(["positive"] * len(X), dtype=object)


# gold:  neg neg neg pos pos pos neu neu
# pred:  neg neg pos pos pos neg neu pos
TEXTS = ["a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2"]
GOLD = ["negative", "negative", "negative", "positive", "positive", "positive", "neutral", "neutral"]
PRED = {"a1": 0, "a2": 0, "a3": 2, "b1": 2, "b2": 2, "b3": 0, "c1": 1, "c2": 2}


def test_report_math_on_hand_made_case():
    rep = evaluate_sentiment(TEXTS, GOLD, {"m": _Fixed(PRED)}, baselines=())
    res = rep.results["m"]
    # negative: P 2/3 R 2/3; neutral: P 1 R 1/2; positive: P 2/4 R 2/3
    f_neg, f_neu, f_pos = 2 / 3, 2 / 3, 2 * 0.5 * (2 / 3) / (0.5 + 2 / 3)
    assert res["per_class"]["negative"] == pytest.approx(
        {"precision": 2 / 3, "recall": 2 / 3, "f1": f_neg, "support": 3})
    assert res["per_class"]["neutral"]["precision"] == 1.0
    assert res["per_class"]["positive"]["f1"] == pytest.approx(f_pos)
    assert res["macro_f1"] == pytest.approx((f_neg + f_neu + f_pos) / 3)
    assert res["accuracy"] == pytest.approx(5 / 8)
    assert res["confusion"] == [[2, 0, 1], [0, 1, 1], [1, 0, 2]]
    # every prediction has confidence 0.8/1.0 and 5/8 are right: ECE = |0.625 - 0.8/1.0|
    assert res["ece"] == pytest.approx(abs(5 / 8 - 0.8))
    assert rep.dataset["labels"] == {"negative": 3, "neutral": 2, "positive": 3}


def test_macro_f1_averages_only_gold_classes():
    rep = evaluate_sentiment(["x", "y"], ["positive", "negative"], {"m": _Fixed({"x": 2, "y": 1})},
                             baselines=())
    # positive F1 = 1, negative F1 = 0; neutral (absent from gold) is not averaged in
    assert rep.results["m"]["macro_f1"] == pytest.approx(0.5)


def test_one_gold_class_is_flagged(caplog):
    """Macro-F1 over one class rewards a model that always says it."""
    rep = evaluate_sentiment(["x", "y"], ["negative", "negative"], {"m": _Fixed({"x": 0, "y": 0})}, baselines=())
    assert rep.results["m"]["macro_f1"] == pytest.approx(1.0)
    assert any("one class only" in n for n in rep.notes) and "one class only" in caplog.text
    two = evaluate_sentiment(["x", "y"], ["positive", "negative"], {"m": _Fixed({"x": 2, "y": 0})}, baselines=())
    assert not any("one class only" in n for n in two.notes)


def test_same_rows_skips_and_baselines(tmp_path):
    texts = ["I love it", "Awful, rude staff", None, "The parcel came on Tuesday", "Great"]
    gold = ["pos", "negative", "positive", "neutral", "meh"]
    rep = evaluate_sentiment(texts, gold, {"p": _PredictOnly()}, baselines=["vader"],
                             dataset={"name": "toy"})
    assert rep.dataset["rows"] == 3 and rep.dataset["skipped_rows"] == 2
    assert {r["rows"] for r in rep.results.values()} == {3}
    vader = rep.results["vader"]
    assert vader["kind"] == "baseline" and vader["accuracy"] == 1.0
    assert vader["ece"] is None and "calibrated" in vader["ece_note"]
    assert rep.results["p"]["ece"] is None  # no predict_proba: no ECE either
    assert vader["vs_vader"] == pytest.approx(1.0) and rep.results["p"]["texts_per_s"] > 0
    frame = rep.to_frame()
    assert list(frame["model"]) == ["p", "vader"] and math.isnan(frame.loc[1, "ece"])
    out = tmp_path / "r.json"
    rep.to_json(out)
    back = json.loads(out.read_text())
    assert back["results"]["vader"]["ece"] is None and back["dataset"]["name"] == "toy"


def test_ratings_scale_and_questions():
    rep = evaluate_sentiment(["a1", "b1", "c1", "a2"], [1, 5, 3, 2], {"m": _Fixed(PRED)},
                             baselines=(), scale="5", questions=["q1", "q1", "q2", "q2"])
    assert rep.dataset["labels"] == {"negative": 2, "neutral": 1, "positive": 1}
    assert rep.by_question["q1"]["m"] == {"rows": 2, "macro_f1": 1.0, "accuracy": 1.0}
    assert rep.by_question["q2"]["m"]["rows"] == 2
    assert "Macro-F1 by question" in rep.to_markdown(details=False)


def test_dataset_pinned_by_sha256(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(b"abc")
    info = dataset_info(path)
    assert info == {"name": "d.csv", "path": str(path),
                    "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
    rep = evaluate_sentiment(["a1"], ["negative"], {"m": _Fixed(PRED)}, baselines=(), dataset=path)
    assert rep.dataset["sha256"].startswith("ba7816bf") and "ba7816bf" in rep.to_markdown()


def test_model_names_resolve_like_the_analyzer():
    rep = evaluate_sentiment(["Lovely staff", "Rude staff"], ["positive", "negative"], ["fast"],
                             baselines=())
    res = rep.results["fast"]
    assert res["name"] == "sentiment-fast" and res["version"][0].isdigit()
    assert 0.0 <= res["ece"] <= 1.0


def test_errors():
    with pytest.raises(InputError, match=r"\[CX108\].*2 texts but 1 labels"):
        evaluate_sentiment(["a", "b"], ["positive"], baselines=())
    with pytest.raises(InputError, match=r"\[CX108\] No usable labels \(values seen: meh\)"):
        evaluate_sentiment(["a", "b"], ["meh", None], {"m": _PredictOnly()}, baselines=())
    with pytest.raises(InputError, match=r"\[CX108\] No row with a usable label has a text"):
        evaluate_sentiment(["", None], ["positive", "negative"], {"m": _PredictOnly()}, baselines=())


def test_cx_idiom_set_is_well_formed():
    from pathlib import Path

    import pandas as pd

    df = pd.read_csv(Path(__file__).parent / "data" / "cx_idioms.csv")
    assert list(df.columns) == ["text", "label"] and len(df) >= 40
    assert set(df["label"]) == {"negative", "neutral", "positive"}
    assert df["text"].is_unique and df["text"].str.strip().str.len().min() > 0


def test_questions_make_models_read_answers_in_context():
    # the model alone reads all three as neutral; their prompts give them their meaning
    texts = ["the receptionist", "Nothing", "Nothing"]
    gold = ["positive", "positive", "negative"]
    model = _Fixed({"the receptionist": 1, "Nothing": 1})
    questions = ["What did we do well?", "could_improve", "What was good?"]
    plain = evaluate_sentiment(texts, gold, {"m": model}, baselines=())
    read = evaluate_sentiment(texts, gold, {"m": model}, baselines=(), questions=questions)
    assert plain.results["m"]["accuracy"] == 0.0
    assert read.results["m"]["accuracy"] == 1.0
    assert any("survey question" in note for note in read.notes)
    assert not any("survey question" in note for note in plain.notes)


def test_text_only_evaluation_scores_what_analyze_outputs():
    # gold = analyze()'s labels, so the evaluation must score them all right; the plain
    # model reads the requests as positive or neutral, analyze() as pain points
    texts = ["More staff at weekends please", "Would be nice to have more parking",
             "Please add more vegan options", "Great staff, thank you", "\U0001f621\U0001f621",
             ("Love this dress, the fabric is soft, the fit is perfect and it washes well. "
              "I wish it came in more colours.")]
    analyzed = cxtext.analyze(texts).comments["sentiment"].tolist()
    report = evaluate_sentiment(texts, analyzed, {"fast": "fast"}, baselines=())
    assert report.results["fast"]["accuracy"] == 1.0
    # the requests lean negative ("Please add more vegan options": neutral at score -0.26 with
    # sentiment-fast 0.11.0, negative at -0.34 with 0.10.0); the review with a wish stays positive
    assert analyzed[:2] == ["negative"] * 2 and analyzed[2] != "positive" and analyzed[5] == "positive"
    assert any("without a question" in note for note in report.notes)


def test_throughput_is_the_fastest_of_short_passes(monkeypatch):
    from cxtext import evaluate

    calls = []

    def task():
        calls.append(1)
        return len(calls)

    result, seconds = evaluate._fastest(task)
    assert result == 1 and len(calls) == evaluate._MAX_TIMINGS and seconds >= 0  # first run's result
    calls.clear()
    monkeypatch.setattr(evaluate, "_TIMING_BUDGET", 0.0)  # a pass that took the whole budget runs once
    assert evaluate._fastest(task)[0] == 1 and len(calls) == 1


def test_label_messages_name_the_column_and_the_unread_labels(caplog):
    with pytest.raises(InputError, match=r"No usable labels in column 'mood'"):
        evaluate_sentiment(["a", "b"], ["zz", "yy"], {"m": _Fixed(PRED)}, baselines=(), dataset={"label": "mood"})
    with caplog.at_level("WARNING", logger="cxtext.evaluate"):
        evaluate_sentiment(["a1", "a2"], ["negative", "??"], {"m": _Fixed(PRED)}, baselines=(),
                           dataset={"label": "mood"})
    assert "labels such as '??' are not class labels" in caplog.text


def test_rows_without_a_question_group_together_whatever_the_file_format():
    rep = evaluate_sentiment(["a1", "a2", "a3"], ["negative"] * 3, {"m": _Fixed(PRED)}, baselines=(),
                             questions=["How could we improve?", np.nan, None])
    assert list(rep.by_question) == ["How could we improve?", ""]
    assert "| (no question) | 2 |" in rep.to_markdown()
