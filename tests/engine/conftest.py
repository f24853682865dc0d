"""Fixtures of the engine tests: a small survey with duplicates across chunks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

_PHRASES = [
    "The staff were lovely but I waited four hours.", "n/a", "", "Great service!",
    "great service", "Delivery was late and nobody called me back about it",
    "Delivery was late and nobody called me back about it!!", "Email me at someone@example.com",
    "Le service était excellent.", "Had to call three times to get a refund.",
    "Price is fair and the app is easy to use.", "The engineer was rude and unhelpful.",
    "Website kept crashing at checkout, very frustrating experience overall.",
    "Parcel arrived damaged, box crushed.", "nothing", "Too expensive for what you get.",
]


def survey(rows: int, seed: int = 0) -> pd.DataFrame:
    """``rows`` comments: repeated phrases plus unique ones, random ids, a question column."""
    rng = np.random.default_rng(seed)
    texts = [
        _PHRASES[k] if k < len(_PHRASES) else f"Order {k} arrived {k % 7} days late, item {k} was fine."
        for k in rng.integers(0, 3 * len(_PHRASES), size=rows).tolist()
    ]
    ids = [f"R{i:06d}" for i in rng.permutation(rows * 2)[:rows].tolist()]
    questions = rng.choice(["What did we do well?", "How could we improve?"], size=rows)
    return pd.DataFrame({"rid": ids, "comment": texts, "question": questions})


@pytest.fixture(scope="session")
def make_survey():
    """The :func:`survey` builder, for tests that need another size."""
    return survey


@pytest.fixture
def survey_csv(tmp_path: Path) -> Path:
    path = tmp_path / "survey.csv"
    survey(600).to_csv(path, index=False)
    return path
