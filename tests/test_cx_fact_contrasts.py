"""The fact contrasts the fast models may train on (``models/recipes/data/cx_fact_contrasts.csv``).

Per topic, a plain statement of fact (neutral, no emotion), a complaint and a compliment about the
same thing. Training data only: the corpus must stay well-formed, and apart from every evaluation
set (checked with the situation corpora, ``tests/test_cx_emotion_situations.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.conftest import import_recipe

from cxtext.emotion import EMOTIONS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "models" / "recipes" / "data" / "cx_fact_contrasts.csv"
NEGATIVE = {"anger", "frustration", "disappointment", "anxiety", "confusion"}
POSITIVE = {"gratitude", "delight", "admiration", "confusion"}


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.read_csv(CORPUS, dtype=str, keep_default_na=False)


def test_rows_are_well_formed(corpus):
    assert list(corpus.columns) == ["group", "setting", "text", "sentiment", "emotions", "kind"]
    assert len(corpus) == 1198 and corpus["text"].str.lower().is_unique
    assert corpus["sentiment"].value_counts().to_dict() == {"negative": 400, "positive": 400, "neutral": 398}
    assert corpus["group"].nunique() == 400 and corpus["setting"].nunique() == 24
    sides = corpus.groupby("group")["sentiment"].apply(list)
    assert sides.map(lambda s: s in (["neutral", "negative", "positive"], ["negative", "positive"])).all()
    assert (corpus.groupby("group")["setting"].nunique() == 1).all()
    neutral = corpus[corpus["sentiment"] == "neutral"]
    assert (neutral["kind"] == "fact").all() and (neutral["emotions"] == "").all()
    assert set(corpus.loc[corpus["sentiment"] != "neutral", "kind"]) == {"implicit", "explicit"}


def test_emotions_are_cx_ids_on_the_side_of_their_row(corpus):
    for sentiment, side in (("negative", NEGATIVE), ("positive", POSITIVE)):
        cells = corpus.loc[corpus["sentiment"] == sentiment, "emotions"]
        ids = {e for cell in cells for e in cell.split(";") if e}
        assert ids <= side and ids <= set(EMOTIONS)


def test_emotion_recipes_read_only_the_plain_facts_as_rows_showing_no_emotion(corpus):
    common = import_recipe("emotion_common")
    texts, Y = common.situation_rows("facts")
    assert len(texts) == 398 and Y.shape == (398, len(EMOTIONS)) and not Y.any()
    record = common.situations_provenance(2, corpus="facts")
    assert record.rows == 2 * 398 and record.data == common.FACTS_DATA
    assert common.situations_repeat([{"data": record.data, "rows": record.rows}], "facts") == 2
    assert common.situations_repeat([{"data": common.SITUATIONS_DATA, "rows": 1593}], "facts") == 0
    more, more_Y = common.with_situations(["a"], np.ones((1, len(EMOTIONS))), 1, corpus="facts")
    assert len(more) == 399 and more_Y[1:].sum() == 0
