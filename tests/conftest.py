"""Shared fixtures. No network: hub access is disabled for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED_DATA = Path(os.environ.get("CXTEXT_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def shared_file(*parts: str) -> Path:
    """Path of a shared dataset file, skipping the test cleanly when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared dataset {path} not available (needs ../shared/data)")
    return path


@pytest.fixture
def tiny_survey() -> pd.DataFrame:
    """A 50-row survey with every awkward kind of comment."""
    comments = [
        "The staff were lovely but I waited four hours.", "", None, "n/a", "nothing", "😡😡", 42,
        "<b>Delivery</b> was late &amp; nobody called", "Email me at someone@example.com",
        "Great service!", "Great service!", "Le service était excellent.",
        "Had to call three times to get a refund.", "x " * 20000,
        "Price is fair and the app is easy to use.", "   ", "-", "N/A", "no comment",
        "The engineer was rude and unhelpful.", "Quick and easy, thank you!",
        "Website kept crashing at checkout.", "Parcel arrived damaged, box crushed.",
        "Very clean waiting room and friendly receptionist.", "Too expensive for what you get.",
    ]
    comments = (comments * 2)[:50]
    return pd.DataFrame({
        "rid": [f"r{i:02d}" for i in range(50)],
        "comment": comments,
        "nps": [i % 11 for i in range(50)],
        "channel": ["web", "phone"] * 25,
    })
