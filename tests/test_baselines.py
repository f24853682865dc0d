from __future__ import annotations

import numpy as np
import pytest

from cxtext.baselines import (
    BASELINES,
    TextBlobSentiment,
    VaderSentiment,
    load_baseline,
    polarity_to_label,
)
from cxtext.errors import ConfigError

OBVIOUS = {
    "I love this shop, the staff are wonderful!": "positive",
    "Terrible service, rude and awful staff.": "negative",
    "The parcel came on Tuesday.": "neutral",
}


@pytest.mark.parametrize("name", ["vader", "textblob"])
def test_obvious_sentences(name):
    model = load_baseline(name)
    assert list(model.predict(list(OBVIOUS))) == list(OBVIOUS.values())
    assert list(model.classes_) == ["negative", "neutral", "positive"]
    assert not hasattr(model, "predict_proba")  # no calibrated probabilities on purpose


def test_vader_standard_thresholds():
    vader = VaderSentiment()
    scores = vader.decision_function(["good", "The parcel came on Tuesday."])
    assert scores[0] >= 0.05 and abs(scores[1]) < 0.05
    assert polarity_to_label([0.05, 0.0499, -0.05, -0.0499]).tolist() == [
        "positive", "neutral", "negative", "neutral"]


def test_textblob_band_is_a_parameter():
    # "not bad" has TextBlob polarity 0.35: positive at 0.05, neutral with a 0.5 band
    assert TextBlobSentiment().predict(["not bad"])[0] == "positive"
    assert TextBlobSentiment(threshold=0.5).predict(["not bad"])[0] == "neutral"


def test_missing_text_scores_neutral():
    assert VaderSentiment().predict([None, np.nan, ""]).tolist() == ["neutral"] * 3
    assert TextBlobSentiment().predict([None]).tolist() == ["neutral"]


def test_bad_names_and_thresholds():
    with pytest.raises(ConfigError, match=r"\[CX304\].*vader, textblob"):
        load_baseline("flair")
    with pytest.raises(ConfigError, match=r"\[CX301\].*threshold"):
        VaderSentiment(threshold=1.5).predict(["ok"])
    assert set(BASELINES) == {"vader", "textblob"}


def test_info_names_library_version():
    info = load_baseline("VADER").info()
    assert info["name"] == "vader" and info["version"][0].isdigit()
