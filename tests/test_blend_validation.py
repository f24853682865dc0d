"""The rows held out to choose blend weights (``models/recipes/blend_validation.py``)."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.conftest import import_recipe


@pytest.fixture(scope="module")
def blend_validation():
    return import_recipe("blend_validation")


def _frame(n_train: int = 200, n_test: int = 50) -> pd.DataFrame:
    labels = ["negative", "neutral", "positive", "positive"]
    return pd.DataFrame({
        "text": [f"comment number {i}" for i in range(n_train + n_test)],
        "label": [labels[i % 4] for i in range(n_train + n_test)],
        "split": ["train"] * n_train + ["test"] * n_test,
    })


def test_validation_rows_are_a_stratified_share_of_the_train_split(blend_validation):
    df = _frame()
    val = blend_validation.validation_index("airline_tweets", df, set())
    assert len(val) == 30  # 15% of 200
    assert set(df.loc[val, "split"]) == {"train"}
    share = df.loc[val, "label"].value_counts(normalize=True)
    assert share["positive"] == pytest.approx(0.5, abs=0.05)
    # Fixed seed: the same rows every time.
    assert list(val) == list(blend_validation.validation_index("airline_tweets", df, set()))


def test_goemotions_validation_rows_are_the_emotion_holdout(blend_validation):
    df = _frame()
    holdout = {"comment number 3", "comment number 7", "comment number 220"}  # 220 is a test row
    val = blend_validation.validation_index("goemotions", df, holdout)
    assert list(val) == [3, 7]


def test_rows_left_out_leave_the_train_split_only(blend_validation, monkeypatch):
    import cxtext.emotion.train as emotion_train

    class _Split:
        texts = ("comment number 5",)

    monkeypatch.setattr(emotion_train, "goemotions_splits", lambda: {"holdout": _Split()})
    frames = {"goemotions": _frame(), "semeval2014_restaurants": _frame()}
    out = blend_validation.without_validation(frames)
    assert len(out["goemotions"]) == 249 and 5 not in out["goemotions"].index
    assert len(out["semeval2014_restaurants"]) == 220
    for df in out.values():
        assert (df["split"] == "test").sum() == 50
