from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from cxtext import analyze
from cxtext.errors import InputError, ModelError
from cxtext.sentiment import load_sentiment_model
from cxtext.sentiment.train import normalise_labels
from cxtext.themes.mention_sentiment import (
    POLARITY_ALIASES,
    MentionSentimentHead,
    model_identity,
    normalise_polarity,
    split_polarity,
    warn_unknown_polarities,
)
from cxtext.themes.supervised import ThemeClassifier, train_themes

CLASSES = ["negative", "neutral", "positive"]


@pytest.mark.parametrize(("label", "expected"), [
    ("food:positive", ("food", "positive")),
    ("price_value : NEGATIVE", ("price_value", "negative")),
    ("service:conflict", ("service", "conflict")),
    ("anecdotes/miscellaneous", ("anecdotes/miscellaneous", None)),
    ("time:of day", ("time:of day", None)),
    (":positive", (":positive", None)),
    # the aliases sentiment training accepts, any case, plus +/-
    ("food:pos", ("food", "positive")),
    ("food:NEG", ("food", "negative")),
    ("food: Neu ", ("food", "neutral")),
    ("food:Very  Negative", ("food", "negative")),
    ("food:somewhat positive", ("food", "positive")),
    ("food:+", ("food", "positive")),
    ("food:-", ("food", "negative")),
    ("service:Mixed", ("service", "mixed")),
    ("food:good", ("food:good", None)),
])
def test_split_polarity(label, expected):
    assert split_polarity(label) == expected


def _synthetic(n: int = 300, seed: int = 0):
    """Clause probabilities that are right for food and rotate the classes for price."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, size=n)
    themes = np.where(rng.random(n) < 0.5, "food", "price")
    shown = np.where(themes == "price", (truth + 1) % 3, truth)
    proba = np.full((n, 3), 0.1)
    proba[np.arange(n), shown] = 0.8
    return list(themes), proba, [CLASSES[t] for t in truth]


def test_head_learns_a_theme_specific_correction():
    themes, proba, y = _synthetic()
    head = MentionSentimentHead().fit(themes, proba, y, classes=CLASSES)
    assert list(head.themes_) == ["food", "price"]
    test_themes, test_proba, test_y = _synthetic(seed=1)
    plain = np.array(CLASSES)[test_proba.argmax(1)]
    learned = np.array(CLASSES)[head.predict_proba(test_themes, test_proba).argmax(1)]
    is_price = np.array(test_themes) == "price"
    truth = np.array(test_y)
    # the plain reading is always wrong on price; the head mends it
    assert (plain[is_price] == truth[is_price]).mean() == 0
    assert (learned[is_price] == truth[is_price]).mean() > 0.9
    assert (learned[~is_price] == truth[~is_price]).mean() > 0.9
    out = head.predict_proba(["delivery"], test_proba[:1])  # theme it never saw: unchanged
    np.testing.assert_allclose(out, test_proba[:1])
    np.testing.assert_allclose(head.predict_proba(test_themes, test_proba).sum(1), 1.0)
    assert clone(head).get_params() == head.get_params()


def test_head_rare_themes_keep_clause_sentiment_and_round_trip():
    themes, proba, y = _synthetic()
    themes[:5] = ["rare"] * 5
    head = MentionSentimentHead(min_pairs=10).fit(themes, proba, y, classes=CLASSES)
    assert "rare" not in head.themes_ and head.counts_["rare"]
    again = MentionSentimentHead.from_saved(head.to_arrays(), head.to_meta())
    np.testing.assert_allclose(again.predict_proba(themes, proba), head.predict_proba(themes, proba))
    meta = {**head.to_meta(), "themes": ["food"]}
    with pytest.raises(ModelError, match="does not match"):
        MentionSentimentHead.from_saved(head.to_arrays(), meta)


def test_head_input_checks():
    themes, proba, y = _synthetic(30)
    with pytest.raises(InputError, match="not sentiment classes"):
        MentionSentimentHead().fit(themes, proba, ["great"] * 30, classes=CLASSES)
    with pytest.raises(InputError, match="two different values"):
        MentionSentimentHead().fit(themes, proba, ["negative"] * 30, classes=CLASSES)
    with pytest.raises(InputError, match="one label per mention"):
        MentionSentimentHead().fit(themes, proba[:5], y, classes=CLASSES)


FOOD = ["The pasta was delicious", "Great pizza crust", "Tasty burger and fries", "Fresh sushi",
        "Lovely curry", "Best dessert in town", "Warm bread", "Crisp salad", "Juicy steak",
        "Rich soup", "Perfect noodles", "Sweet tart"]
PRICE = ["Prices are fair", "Good value for the money", "Cheap and cheerful", "Affordable menu",
         "Reasonable prices", "Fair bill", "Decent value", "Low prices", "Modest prices",
         "Worth the price", "Inexpensive wine", "Bargain lunch deal"]


def _frame() -> pd.DataFrame:
    # A team that counts every price mention as a complaint, whatever the words say.
    texts = FOOD + PRICE + ["We went on a Tuesday", "Met some colleagues"] * 4
    labels = ["food:positive"] * 12 + ["price_value:negative"] * 12 + [""] * 8
    return pd.DataFrame({"text": texts, "labels": labels})


@pytest.fixture(scope="module")
def fast():
    return load_sentiment_model("fast")


@pytest.fixture(scope="module")
def model(fast):
    return train_themes(_frame(), text="text", labels="labels", cv=3, n_features=2**12,
                        mention_sentiment=(fast,))


def test_polarity_labels_train_detection_and_a_head(model, fast):
    assert list(model.classes_) == ["food", "price_value"]  # polarity is not part of the theme
    assert list(model.mention_heads_) == [model_identity(fast)]
    assert re.fullmatch(r"sentiment-fast \d+\.\d+\.\d+", model_identity(fast))
    plain = train_themes(_frame().assign(labels=lambda d: d["labels"].str.split(":").str[0]),
                         text="text", labels="labels", cv=3, n_features=2**12)
    assert plain.mention_heads_ == {}
    np.testing.assert_allclose(plain.predict_proba(PRICE), model.predict_proba(PRICE))


def test_analysis_uses_the_head_of_its_own_sentiment_model(model, fast):
    df = pd.DataFrame({"text": ["Prices are fair and the pasta was delicious"] * 2 + ["Fair prices"]})
    learned = analyze(df, text="text", themes=model, sentiment=fast, emotions=False).mentions
    price = learned[learned["theme"] == "price_value"]
    assert len(price) and (price["sentiment"] == "negative").all()
    assert (price["sentiment_score"] < 0).all()
    food = learned[learned["theme"] == "food"]
    assert (food["sentiment"] == "positive").all()

    heads, model.mention_heads_ = model.mention_heads_, {}
    try:
        clause = analyze(df, text="text", themes=model, sentiment=fast, emotions=False).mentions
    finally:
        model.mention_heads_ = heads
    assert (clause[clause["theme"] == "price_value"]["sentiment"] != "negative").any()
    # same mentions and spans either way: only their sentiment changes
    cols = ["comment_id", "theme", "start", "end", "confidence"]
    pd.testing.assert_frame_equal(learned[cols], clause[cols])

    other = load_sentiment_model("fast")
    other.manifest_ = None  # not from a model folder: no head can be matched to it
    assert model.mention_sentiment_proba(["price_value"], np.full((1, 3), 1 / 3), other) is None


def test_heads_survive_save_and_load(tmp_path, model, fast):
    folder = model.save(tmp_path / "themes-pol" / "1.0.0")
    loaded = ThemeClassifier.load(folder)
    assert list(loaded.mention_heads_) == list(model.mention_heads_)
    assert loaded.get_params()["mention_sentiment"] == (model_identity(fast),)
    proba = np.array([[0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])
    np.testing.assert_allclose(loaded.mention_sentiment_proba(["price_value", "food"], proba, fast),
                               model.mention_sentiment_proba(["price_value", "food"], proba, fast))
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    assert model_identity(fast) in manifest and "mention_sentiment" in manifest


def test_label_polarities_per_row():
    from cxtext.themes.supervised import _label_polarities

    row = ["food:positive", "food:negative", "price", "price_value:neutral", "price_value",
           "service:positive", "service:positive"]
    assert _label_polarities(row) == {"food": "conflict", "price": None, "price_value": "neutral",
                                      "service": "positive"}


def test_one_polarity_only_learns_no_head(fast):
    df = _frame().assign(labels=lambda d: d["labels"].str.replace("negative", "positive"))
    model = train_themes(df, text="text", labels="labels", cv=3, n_features=2**12,
                         mention_sentiment=(fast,))
    assert model.mention_heads_ == {} and list(model.classes_) == ["food", "price_value"]


def test_head_with_two_polarities_never_predicts_the_third():
    from sklearn.linear_model import LogisticRegression

    themes, proba, y = _synthetic()
    keep = [i for i, v in enumerate(y) if v != "neutral"]
    themes = [themes[i] for i in keep]
    proba, y = proba[keep], [y[i] for i in keep]
    head = MentionSentimentHead().fit(themes, proba, y, classes=CLASSES)
    out = head.predict_proba(themes, proba)
    np.testing.assert_allclose(out.sum(1), 1.0)
    assert out[:, 1].max() < 1e-6  # neutral was never labelled
    X = (head._inputs(themes, proba) - head.mean_) / head.scale_
    reference = LogisticRegression(C=head.C, max_iter=5000).fit(X, y).predict_proba(X)
    np.testing.assert_allclose(out[:, [0, 2]], reference, atol=1e-6)


def test_polarity_aliases_cover_those_of_sentiment_training():
    from cxtext.sentiment.train import LABEL_ALIASES

    assert set(LABEL_ALIASES) <= set(POLARITY_ALIASES)
    words = pd.Series(list(LABEL_ALIASES) + ["POS", "Very Positive"])
    assert [normalise_polarity(w) for w in words] == normalise_labels(words).tolist()
    assert normalise_polarity(float("nan")) is None and normalise_polarity("conflict") == "conflict"


def test_abbreviated_polarities_train_the_same_model(model, fast):
    short = _frame().assign(labels=lambda d: d["labels"].str.replace(":positive", ":POS")
                            .str.replace(":negative", ":neg"))
    m = train_themes(short, text="text", labels="labels", cv=3, n_features=2**12,
                     mention_sentiment=(fast,))
    assert list(m.classes_) == ["food", "price_value"]  # not food_pos, price_value_neg
    assert list(m.mention_heads_) == list(model.mention_heads_)
    proba = np.array([[0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])
    np.testing.assert_allclose(m.mention_sentiment_proba(["price_value", "food"], proba, fast),
                               model.mention_sentiment_proba(["price_value", "food"], proba, fast))


def test_unknown_polarity_words_are_warned_about(caplog, fast):
    odd = _frame().assign(labels=lambda d: d["labels"].str.replace(":positive", ":good")
                          .str.replace(":negative", ":bad"))
    with caplog.at_level("WARNING", logger="cxtext.themes.mention_sentiment"):
        m = train_themes(odd, text="text", labels="labels", cv=3, n_features=2**12,
                         mention_sentiment=(fast,))
    assert list(m.classes_) == ["food_good", "price_value_bad"] and m.mention_heads_ == {}
    warning = next(r.getMessage() for r in caplog.records if "not a polarity" in r.getMessage())
    assert "'food:good'" in warning and "pos" in warning and "neg" in warning
    caplog.clear()
    with caplog.at_level("WARNING", logger="cxtext.themes.mention_sentiment"):
        quiet = ["time:of day", "a:x1", "b:x2", "c:x3", "a:x4", "b:x5", "c:x6", "food:pos"]
        assert warn_unknown_polarities(quiet) == []  # many different sub-themes: no warning
        assert warn_unknown_polarities(["product:battery", "service:staff"]) == []
    assert not caplog.records
    assert warn_unknown_polarities(["food:yay", "service:yay", "food:yay"]) == ["food:yay",
                                                                               "service:yay"]
    assert warn_unknown_polarities(["food:meh", "food:wow"]) == ["food:meh", "food:wow"]


def test_heads_learn_from_clauses_read_as_an_analysis_reads_them(fast, monkeypatch):
    # an analysis reads the neutral side of a contrast against the other side (cxtext.sentiment.contrast);
    # the head must learn from those same probabilities, not from the clause read alone
    from cxtext.sentiment.context import read_comments
    from cxtext.sentiment.contrast import read_contrasts
    from cxtext.themes.mention_sentiment import MentionSentimentHead

    seen = []
    original = MentionSentimentHead.fit

    def spy(self, themes, proba, y, **kw):
        seen.append(np.array(proba))
        return original(self, themes, proba, y, **kw)

    monkeypatch.setattr(MentionSentimentHead, "fit", spy)
    frame = _frame()
    frame.loc[len(frame)] = ["Lovely pasta, although the price is the price", "food:positive;price_value:negative"]
    train_themes(frame, text="text", labels="labels", cv=3, n_features=2**12, mention_sentiment=(fast,))
    classes = [str(c) for c in fast.classes_]
    clauses = ["Lovely pasta", "although the price is the price"]  # as split_clauses cuts it
    alone, _ = read_comments(fast.predict_proba(clauses), classes, clauses, ["neutral"] * 2)
    read = read_contrasts(alone, classes, [0, 0], clauses)
    # the fast model reads the clause neutral alone; read against the praise, it leans negative
    assert alone[1].argmax() == 1 and read[1][0] > alone[1][0] + 0.1
    assert any(np.allclose(row, read[1]) for row in seen[0])  # the head saw the clause as the analysis reads it
    assert not any(np.allclose(row, alone[1]) for row in seen[0])
