"""Both presets read feedback written blind for cxtext well above the lexicon baselines' level.

Ten sets, each written and labelled by a contributor who saw neither the models'
output nor their training templates; no model trains on them:

* ``tests/data/cx_colloquial.csv``: 150 comments in slang, textspeak and regional
  English ("Nurse Jo on ward 7 was fab", "sort the hospital parking out ffs";
  ``cx_colloquial.SOURCE.md``). VADER and TextBlob score 0.49 there.
* ``tests/data/cx_genres.csv``: 240 comments from genres no training set holds
  (patient feedback, banking and mobile app reviews, broadband support chat, hotel
  surveys; ``cx_genres.SOURCE.md``). VADER scores 0.616 there, TextBlob 0.471.
* ``tests/data/cx_genres_2.csv``: 240 comments from six more such genres (insurance,
  energy, food delivery, garages, public transport, online courses;
  ``cx_genres_2.SOURCE.md``). VADER scores 0.534 there, TextBlob 0.478.
* ``tests/data/cx_genres_3.csv``: 240 comments from a third set of six genres (online
  shop returns, council services, vets, letting agents, gyms, B2B software support;
  ``cx_genres_3.SOURCE.md``). VADER scores 0.522 there, TextBlob 0.468.
* ``tests/data/cx_short_answers.csv``: 240 short answers (1 to 8 words: idioms, waits,
  comparisons, requests, thanks, facts; ``cx_short_answers.SOURCE.md``), written after the
  2026-12-07 phrase rules to measure them. VADER scores 0.487 there, TextBlob 0.480.
* ``tests/data/cx_verdicts.csv``: 300 descriptive verdicts ("the porter was grumpy", and
  neutral facts in the same frame; ``cx_verdicts.SOURCE.md``), written after sentiment-fast
  0.11.0's verdict templates to measure them. VADER scores 0.583 there, TextBlob 0.516.
* ``tests/data/cx_genres_4.csv`` and ``cx_genres_5.csv``: 238 and 232 comments from twelve
  more genres each (removals to domestic cleaning; car rental to online marketplaces).
  VADER scores 0.539 and 0.623 there, TextBlob 0.445 and 0.519.
* ``tests/data/cx_patient_sentiment.csv``: 222 patient comments from fifteen care settings.
  VADER scores 0.573 there, TextBlob 0.453.
* ``tests/data/cx_genres_6.csv``: 236 comments from twelve more genres (broadband to charities),
  a third of them plain facts about things complaints are made of. VADER scores 0.562 there,
  TextBlob 0.496.
* ``tests/data/cx_genres_7.csv``: 237 comments from twelve more genres (cruise lines to car
  washes), scored once for the decision on the tuned MiniLM retrained with the corpora.

The floors sit a little under the figures measured through ``analyze``
(benchmarks/RESULTS_LOG.md, *Colloquial feedback* and *A blind set of four new
genres*). A comment left without sentiment (a non-answer such as "N/A") counts as
neutral, its gold label; the number of such comments is fixed per set.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import f1_score
from tests.conftest import analyze_with_preset, read_test_data

#: per set: floors per preset (measured: colloquial 0.719 / 0.765 with sentiment-fast 0.9.0 and
#: sentiment-accurate 0.12.0; genres 0.770 / 0.803 with sentiment-fast 0.10.0, 0.778 / 0.810 with the idiom rule;
#: six more genres 0.670 / 0.717 blind at edea8ca, 0.684 / 0.731 with the short verdicts; a third six
#: 0.634 / 0.715 at 8623602; short answers 0.652 / 0.750 at 1c7df4e, 0.679 / 0.769 with the phrase
#: rules of 2026-12-07; verdicts 0.644 / 0.854 with sentiment-fast 0.10.0, 0.729 / 0.854 with 0.11.0,
#: 0.676 with 0.12.0, which read half as many of its 40 neutral facts as neutral, 0.708 with 0.13.0;
#: with 0.13.0 the genre sets 0.813 / 0.744 / 0.691, short answers 0.707, colloquial 0.789),
#: comments left without sentiment
SETS = {
    "cx_colloquial.csv": ({"fast": 0.75, "accurate": 0.74}, 0),
    "cx_genres.csv": ({"fast": 0.78, "accurate": 0.78}, 2),
    "cx_genres_2.csv": ({"fast": 0.71, "accurate": 0.70}, 4),
    "cx_genres_3.csv": ({"fast": 0.66, "accurate": 0.69}, 4),
    "cx_short_answers.csv": ({"fast": 0.68, "accurate": 0.75}, 0),
    "cx_verdicts.csv": ({"fast": 0.68, "accurate": 0.83}, 0),
    # scored once for a decision each (their SOURCE.md), then held to floors a little under the figures
    # measured with sentiment-fast 0.14.0 / sentiment-accurate 0.14.0: 0.683 / 0.747, 0.749 / 0.781,
    # patient feedback 0.680 / 0.711 (0.634 / 0.672 with the 0.13.0 models)
    "cx_genres_4.csv": ({"fast": 0.66, "accurate": 0.72}, 0),
    "cx_genres_5.csv": ({"fast": 0.72, "accurate": 0.75}, 0),
    "cx_patient_sentiment.csv": ({"fast": 0.65, "accurate": 0.68}, 0),
    # scored once for the decision on the fact contrasts, then held under sentiment-fast 0.15.0 /
    # sentiment-accurate 0.15.0's 0.741 / 0.708 (the 0.14.0 models: 0.677 / 0.691)
    "cx_genres_6.csv": ({"fast": 0.71, "accurate": 0.68}, 0),
    # scored once for the decision on the tuned MiniLM with the corpora (2026-12-07 evening), then held
    # under sentiment-fast 0.15.0 / sentiment-accurate 0.17.0's 0.712 / 0.795 (accurate 0.15.0: 0.695)
    "cx_genres_7.csv": ({"fast": 0.68, "accurate": 0.76}, 0),
}


@pytest.fixture(scope="module", params=list(SETS))
def blind_set(request) -> tuple[str, pd.DataFrame]:
    return request.param, read_test_data(request.param)


@pytest.mark.parametrize("preset", ["fast", "accurate"])
def test_presets_read_blind_sets(blind_set, preset):
    name, frame = blind_set
    floors, unscored = SETS[name]
    found = analyze_with_preset(frame, preset)["sentiment"]
    assert int(found.isna().sum()) == unscored
    score = f1_score(frame["label"], found.fillna("neutral"), average="macro")
    assert score >= floors[preset], score


def test_colloquial_set_is_what_its_source_file_says():
    colloquial = read_test_data("cx_colloquial.csv")
    assert len(colloquial) == 150 and colloquial["text"].str.lower().is_unique
    assert colloquial["label"].value_counts().to_dict() == {"negative": 50, "neutral": 50, "positive": 50}
    assert (colloquial["domain"] == "patient").sum() == 50


def test_genre_set_is_what_its_source_file_says():
    genres = read_test_data("cx_genres.csv")
    assert len(genres) == 240 and genres["text"].str.lower().is_unique and genres["id"].is_unique
    assert genres["label"].value_counts().to_dict() == {"negative": 108, "positive": 72, "neutral": 60}
    assert (genres.groupby("genre")["label"].value_counts().unstack()
            == pd.Series({"negative": 27, "neutral": 15, "positive": 18})).all().all()
    assert genres["kind"].value_counts()["sarcasm"] == 11


@pytest.mark.parametrize("name", ["cx_genres_2.csv", "cx_genres_3.csv"])
def test_six_genre_sets_are_what_their_source_files_say(name):
    genres = read_test_data(name)
    assert len(genres) == 240 and genres["text"].str.lower().is_unique and genres["id"].is_unique
    assert genres["label"].value_counts().to_dict() == {"negative": 108, "positive": 72, "neutral": 60}
    assert (genres.groupby("genre")["label"].value_counts().unstack()
            == pd.Series({"negative": 18, "neutral": 10, "positive": 12})).all().all()
    assert genres["kind"].value_counts()["sarcasm"] == 12 and genres["genre"].nunique() == 6


def test_verdict_set_is_what_its_source_file_says():
    verdicts = read_test_data("cx_verdicts.csv")
    assert len(verdicts) == 300 and verdicts["text"].str.lower().is_unique
    assert verdicts["label"].value_counts().to_dict() == {"positive": 130, "negative": 130, "neutral": 40}


#: sets written for one decision each and scored once for it (their SOURCE.md): the group column
#: (genre or care setting), rows, labels and groups
LATER_SETS = {
    "cx_genres_4.csv": ("genre", 238, {"negative": 80, "neutral": 79, "positive": 79}, 12),
    "cx_genres_5.csv": ("genre", 232, {"negative": 79, "neutral": 77, "positive": 76}, 12),
    "cx_patient_sentiment.csv": ("setting", 222, {"negative": 77, "positive": 76, "neutral": 69}, 15),
    "cx_genres_6.csv": ("genre", 236, {"negative": 80, "positive": 79, "neutral": 77}, 12),
    "cx_genres_7.csv": ("genre", 237, {"negative": 80, "positive": 79, "neutral": 78}, 12),
    # reserved for the next decision (its SOURCE.md): only its format is checked
    "cx_genres_8.csv": ("genre", 237, {"negative": 80, "positive": 79, "neutral": 78}, 12),
}


@pytest.mark.parametrize("name", LATER_SETS)
def test_later_blind_sets_are_what_their_source_files_say(name):
    group, rows, labels, groups = LATER_SETS[name]
    frame = read_test_data(name)
    assert list(frame.columns) == ["id", group, "text", "label", "kind"]
    assert len(frame) == rows and frame["id"].is_unique and frame["text"].str.lower().is_unique
    assert frame["label"].value_counts().to_dict() == labels
    assert frame[group].nunique() == groups
    assert set(frame["kind"]) == {"implicit", "explicit", "mixed", "factual", "negation", "sarcasm"}
    assert (frame.loc[frame["kind"] == "factual", "label"] == "neutral").all()
