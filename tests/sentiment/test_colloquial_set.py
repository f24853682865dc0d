"""Both presets read colloquial customer feedback well above the lexicon baselines' level.

``tests/data/cx_colloquial.csv`` holds 150 comments in slang, textspeak and
regional English ("Nurse Jo on ward 7 was fab", "sort the hospital parking out
ffs"), written for cxtext by a contributor who saw neither the models' output
nor their training templates (``cx_colloquial.SOURCE.md``); no model trains on
it. The floors sit a little under the figures measured through ``analyze``
(benchmarks/RESULTS_LOG.md, *Colloquial feedback*); VADER and TextBlob score 0.49 there.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import f1_score
from tests.conftest import analyze_with_preset, read_test_data

FLOORS = {"fast": 0.70, "accurate": 0.74}  # measured 0.719 and 0.765 (sentiment-fast 0.9.0, sentiment-accurate 0.12.0)


@pytest.fixture(scope="module")
def colloquial() -> pd.DataFrame:
    return read_test_data("cx_colloquial.csv")


@pytest.mark.parametrize("preset", ["fast", "accurate"])
def test_presets_read_colloquial_feedback(colloquial, preset):
    found = analyze_with_preset(colloquial, preset)["sentiment"]
    assert found.notna().all()  # every comment is English and answers something
    score = f1_score(colloquial["label"], found, average="macro")
    assert score >= FLOORS[preset], score


def test_colloquial_set_is_what_its_source_file_says(colloquial):
    assert len(colloquial) == 150 and colloquial["text"].str.lower().is_unique
    assert colloquial["label"].value_counts().to_dict() == {"negative": 50, "neutral": 50, "positive": 50}
    assert (colloquial["domain"] == "patient").sum() == 50
