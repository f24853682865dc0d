"""The situation corpora the emotion models may train on (``models/recipes/data/``).

``cx_emotion_situations.csv`` (customers of sixteen industries) must stay outside
healthcare, so that the patient evaluation sets measure transfer from other
industries; ``cx_health_situations.csv`` is its healthcare counterpart. Training data
only: both must stay well-formed and apart from every evaluation set (no near-duplicate
of any row under ``tests/data`` or ``benchmarks/data``), as must the fact contrasts
(``cx_fact_contrasts.csv``, whose plain facts the emotion recipes may add; its own
checks in ``tests/test_cx_fact_contrasts.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rapidfuzz import fuzz, process
from tests.conftest import import_recipe

from cxtext.emotion import EMOTIONS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "models" / "recipes" / "data" / "cx_emotion_situations.csv"
HEALTH_CORPUS = ROOT / "models" / "recipes" / "data" / "cx_health_situations.csv"
FACTS_CORPUS = ROOT / "models" / "recipes" / "data" / "cx_fact_contrasts.csv"
#: Feeling words the writers were told to keep out of the rows that only show an emotion.
FEELING_WORDS = (
    "angry", "anger", "furious", "fuming", "livid", "rage", "annoyed", "annoying", "frustrated",
    "frustrating", "irritated", "disappointed", "disappointing", "gutted", "sad", "confused", "confusing",
    "baffled", "worried", "anxious", "nervous", "scared", "terrified", "afraid", "grateful", "thankful",
    "thank", "thanks", "appreciate", "delighted", "happy", "thrilled", "excited", "love", "impressed",
)
HEALTHCARE = re.compile(r"\b(hospitals?|nurses?|doctors?|gps?|pharmac\w*|dentists?|care homes?|nhs|wards?|"
                        r"surgery|a&e|midwi\w*|clinics?)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.read_csv(CORPUS, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def health() -> pd.DataFrame:
    return pd.read_csv(HEALTH_CORPUS, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return pd.read_csv(FACTS_CORPUS, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("name", "group", "rows", "kinds", "groups"), [
    ("corpus", "industry", 1593, {"implicit": 1100, "explicit": 260, "none": 233}, 16),
    ("health", "setting", 1198, {"implicit": 840, "explicit": 180, "none": 178}, 27),
])
def test_rows_are_well_formed(name, group, rows, kinds, groups, request):
    frame = request.getfixturevalue(name)
    assert list(frame.columns) == ["text", "emotions", "kind", group]
    assert len(frame) == rows and frame["text"].str.lower().is_unique
    labels = frame["emotions"].str.split(";")
    assert all(1 <= len(ids) <= 2 for ids in labels)
    assert {e for ids in labels for e in ids} == {*EMOTIONS, "none"}
    assert (frame["kind"] == "none").equals(frame["emotions"] == "none")
    assert frame["kind"].value_counts().to_dict() == kinds
    assert frame[group].nunique() == groups


@pytest.mark.parametrize(("name", "rows"), [("corpus", 1100), ("health", 840)])
def test_implicit_rows_name_no_feeling(name, rows, request):
    frame = request.getfixturevalue(name)
    words = re.compile(r"\b(" + "|".join(FEELING_WORDS) + r"|fed up|let down)\b", re.IGNORECASE)
    implicit = frame.loc[frame["kind"] == "implicit", "text"]
    assert len(implicit) == rows
    assert [t for t in implicit if words.search(t)] == []


def test_no_healthcare(corpus):
    assert [t for t in corpus["text"] if HEALTHCARE.search(t)] == []


@pytest.mark.parametrize("name", ["corpus", "health", "facts"])
def test_no_row_is_near_an_evaluation_row(name, request):
    corpus = request.getfixturevalue(name)
    evaluation = []
    for path in [*sorted((ROOT / "tests" / "data").glob("*.csv")), *sorted((ROOT / "benchmarks" / "data").glob("*.csv"))]:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        evaluation += frame["text" if "text" in frame else frame.columns[1]].str.lower().tolist()
    assert len(evaluation) > 3000
    near = [t for t in corpus["text"].str.lower()
            if process.extractOne(t, evaluation, scorer=fuzz.ratio, score_cutoff=80) is not None]
    assert near == []


def test_recipe_reads_the_corpus_as_training_rows():
    common = import_recipe("emotion_common")
    texts, Y = common.situation_rows()
    assert len(texts) == 1593 and Y.shape == (1593, len(EMOTIONS))
    frame = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    none = (frame["emotions"] == "none").to_numpy()
    assert not Y[none].any() and Y[~none].sum(axis=1).min() >= 1
    assert Y[:, EMOTIONS.index("frustration")].sum() == 281
    more, more_Y = common.with_situations(["a"], np.zeros((1, len(EMOTIONS))), 2)
    assert len(more) == 1 + 2 * 1593 and more_Y.shape == (1 + 2 * 1593, len(EMOTIONS))
    assert common.with_situations(["a"], np.zeros((1, len(EMOTIONS))), 0)[0] == ["a"]
    record = common.situations_provenance(2)
    assert record.rows == 2 * 1593 and record.licence == "CC0 1.0"
    assert common.situations_repeat([{"data": record.data, "rows": record.rows}]) == 2
    assert common.situations_repeat([{"data": "goemotions", "rows": 43410}]) == 0


def test_recipe_reads_the_health_corpus_as_training_rows():
    common = import_recipe("emotion_common")
    texts, Y = common.situation_rows("health")
    assert len(texts) == 1198 and Y.shape == (1198, len(EMOTIONS))
    assert Y[:, EMOTIONS.index("anxiety")].sum() == 157
    record = common.situations_provenance(1, corpus="health")
    assert record.rows == 1198 and record.data != common.SITUATIONS_DATA
    trained_on = [{"data": record.data, "rows": record.rows},
                  {"data": common.SITUATIONS_DATA, "rows": 1593}]
    assert common.situations_repeat(trained_on, "health") == 1 and common.situations_repeat(trained_on) == 1
