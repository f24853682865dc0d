from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from cxtext.errors import ColumnNotFoundError, InputError
from cxtext.models import sha256_file
from cxtext.sentiment.train import balanced_cell_weights, train_sentiment


def test_every_cell_gets_the_same_total_weight():
    labels = ["pos"] * 6 + ["neg"] * 2 + ["pos", "neg", "neu"]
    groups = ["big"] * 8 + ["small"] * 3
    w = balanced_cell_weights(labels, groups)
    assert w.mean() == pytest.approx(1.0)
    cells = pd.DataFrame({"g": groups, "y": labels, "w": w}).groupby(["g", "y"])["w"].sum()
    np.testing.assert_allclose(cells.to_numpy(), cells.iloc[0])  # 5 cells, equal mass
    assert w[0] < w[6] < w[8]  # a row of a crowded cell weighs less


def test_cell_weights_check_lengths():
    with pytest.raises(InputError, match="CX108"):
        balanced_cell_weights(["pos", "neg"], ["a"])
    assert balanced_cell_weights([], []).shape == (0,)


def test_balance_by_changes_the_fit_and_needs_its_column():
    # the big "reviews" source reads "ok" as positive 40 times; the small "tweets" source reads it
    # as neutral, 4 times out of its 12 rows. Pooled, the reviews win; per source, each source
    # (and each class inside it) counts the same, so the tweets' reading carries the word.
    reviews = [("ok", "positive")] * 40 + [("great", "positive")] * 40 + [("awful", "negative")] * 40 \
        + [("fine I guess", "neutral")] * 40
    tweets = [("ok", "neutral"), ("great", "positive"), ("awful", "negative")] * 4
    df = pd.DataFrame(reviews + tweets, columns=["text", "label"])
    df["source"] = ["reviews"] * len(reviews) + ["tweets"] * len(tweets)
    params = {"n_features": 2**10, "char_ngrams": (0, 0), "calibration_size": 0.0}
    pooled = train_sentiment(df, "text", "label", **params)
    by_source = train_sentiment(df, "text", "label", balance_by="source", **params)
    assert list(pooled.predict(["ok"])) == ["positive"]
    assert list(by_source.predict(["ok"])) == ["neutral"]
    assert by_source.get_params()["class_weight"] is None
    with pytest.raises(ColumnNotFoundError, match="source"):
        train_sentiment(df.drop(columns="source"), "text", "label", balance_by="source", **params)


def test_label_spellings_and_polarity_codes():
    from cxtext.sentiment.train import normalise_labels

    text = pd.Series(["Positive", " NEG ", "neut", "Very  negative", "somewhat positive", "mixed", None])
    assert normalise_labels(text).tolist() == ["positive", "negative", "neutral", "negative",
                                               "positive", None, None]
    codes = pd.Series(["-1", 0, 1.0, 2, "x"])
    assert normalise_labels(codes, scale="polarity").tolist() == [
        "negative", "neutral", "positive", None, None]


@pytest.mark.parametrize(("labels", "hint"), [
    ([1, 3, 5] * 4, "--scale 5 or --scale 10"),
    ([-1, 0, 1] * 4, "--scale polarity"),
    (["good", "bad", "meh"] * 4, "map other labels"),
])
def test_unusable_labels_say_what_was_seen_and_what_to_pass(labels, hint):
    df = pd.DataFrame({"t": ["great", "awful", "ok then"] * 4, "y": labels})
    with pytest.raises(InputError, match="CX108") as err:
        train_sentiment(df, "t", "y")
    assert hint in str(err.value) and "values seen: " in str(err.value)
    from cxtext.evaluate import evaluate_sentiment

    with pytest.raises(InputError, match="values seen") as err:
        evaluate_sentiment(df["t"], df["y"], baselines=())
    assert hint in str(err.value)


def test_clean_for_model_is_the_cleaners_text(tmp_path):
    from pathlib import Path

    from cxtext.clean import Cleaner
    from cxtext.sentiment.train import clean_for_model

    demo = pd.read_csv(Path(__file__).parents[2] / "data" / "demo_survey.csv", dtype=str,
                       keep_default_na=False)["comment"].tolist()
    odd = [None, float("nan"), 3.0, b"bytes", ["a", "b"], "Call 020 7946 0000", "&amp; <p>x</p>", "\u00c3\u00a9"]
    values = demo + odd
    assert clean_for_model(values) == Cleaner(detect_language=False).transform(values)["text_clean"].tolist()


def test_labelled_and_written_ratings_are_ratings():
    """Survey tools export the scale's ends with their labels; they are the promoters and detractors."""
    from cxtext.sentiment.train import normalise_labels

    nps = pd.Series(["10 - Extremely likely", "0 - Not at all likely", "9", "7: fine", "8/10", "maybe"])
    assert normalise_labels(nps, "10").tolist() == ["positive", "negative", "positive", "neutral", "neutral", None]
    stars = pd.Series(["5 stars", "1 star", "3 out of 5", "4 - Satisfied", "8/10"])
    assert normalise_labels(stars, "5").tolist() == ["positive", "negative", "neutral", "positive", None]


def _rated(values, n=60):
    texts = ["great staff", "awful wait", "it was fine", "lovely people", "rude and slow", "ok I suppose"]
    return pd.DataFrame({"t": [texts[i % len(texts)] for i in range(n)],
                         "r": [values[i % len(values)] for i in range(n)]})


def test_ratings_out_of_ten_read_out_of_five_are_refused_with_the_scale_to_use():
    with pytest.raises(InputError, match=r"CX111.*outside 1-5 \(0, 6, 9, 10\).*scale='10'"):
        train_sentiment(_rated([0, 4, 6, 9, 10]), "t", "r", scale="5", n_features=2**10)
    train_sentiment(_rated([1, 2, 3, 4, 5]), "t", "r", scale="5", n_features=2**10)  # a real 1-5 file


def test_stars_read_out_of_ten_say_to_use_five():
    with pytest.raises(InputError, match=r"two sentiment classes.*only 'negative'.*between 1 and 5.*scale='5'"):
        train_sentiment(_rated([1, 2, 3, 4, 5]), "t", "r", scale="10", n_features=2**10)


def test_class_labels_given_a_scale_are_refused():
    with pytest.raises(InputError, match=r"CX111.*class labels.*drop the scale"):
        train_sentiment(_rated(["positive", "negative", "neutral"]), "t", "r", scale="5", n_features=2**10)


def test_written_ratings_without_a_scale_name_it():
    with pytest.raises(InputError, match=r"ratings out of 5.*--scale 5"):
        train_sentiment(_rated(["4 stars", "1 star", "3 stars"]), "t", "r", n_features=2**10)


def test_scale_as_a_number_and_data_as_a_path(tmp_path):
    path = tmp_path / "rated.csv"
    _rated([1, 3, 5]).to_csv(path, index=False)
    model = train_sentiment(path, "t", "r", scale=5, n_features=2**10)
    assert list(model.classes_) == ["negative", "neutral", "positive"]


def test_small_training_sets_are_warned_about(caplog):
    with caplog.at_level("WARNING", logger="cxtext.sentiment.train"):
        train_sentiment(_rated([1, 3, 5], n=12), "t", "r", scale="5", n_features=2**10)
    assert "12 labelled comments (negative 4, neutral 4, positive 4): expect an unreliable model" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="cxtext.sentiment.train"):
        train_sentiment(_rated([1, 3, 5], n=300), "t", "r", scale="5", n_features=2**10)
    assert "unreliable" not in caplog.text


def test_an_output_folder_with_files_is_refused_before_training_unless_overwritten(tmp_path):
    from cxtext.errors import ModelError
    from cxtext.sentiment import FastSentimentClassifier

    out = tmp_path / "m" / "1.0.0"
    train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=out, n_features=2**10)
    first = (out / "manifest.json").read_text()
    with pytest.raises(ModelError, match=r"CX206.*already holds files.*new version.*--force"):
        train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=out, n_features=2**10)
    assert (out / "manifest.json").read_text() == first  # untouched
    train_sentiment(_rated([5, 3, 1]), "t", "r", scale="5", output=out, overwrite=True, n_features=2**11)
    assert FastSentimentClassifier.load(out).get_params()["n_features"] == 2**11
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ModelError, match=r"CX206.*not part of a saved model \(notes.txt\)"):
        train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=out, overwrite=True, n_features=2**10)
    assert (out / "notes.txt").exists() and (out / "manifest.json").exists()
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(ModelError, match=r"CX206.*is a file"):
        train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=afile, n_features=2**10)
    with pytest.raises(ModelError, match=r"CX206.*Cannot create.*afile' is a file"):  # before training, too
        train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=afile / "1.0.0", n_features=2**10)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ModelError, match=r"CX206.*no saved model"):  # --force would not help: not suggested
        train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=other, n_features=2**10)


def test_saved_weights_are_as_readable_as_the_other_files(tmp_path):
    out = tmp_path / "m" / "1.0.0"
    train_sentiment(_rated([1, 3, 5]), "t", "r", scale="5", output=out, n_features=2**10)
    modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir()}
    assert modes["weights.safetensors"] == modes["manifest.json"], modes  # safetensors alone gives 0600


def test_blank_texts_are_not_trained_on():
    from cxtext.sentiment.train import train_sentiment as train

    blank = _rated([1, 3, 5], n=60)
    rows = blank.index[::6]
    blank.loc[rows, "t"] = [["", "   ", None, "\t"][i % 4] for i in range(len(rows))]
    kept = blank["t"].notna() & (blank["t"].astype(str).str.strip() != "")
    assert (~kept).sum() == len(rows)
    a = train(blank, "t", "r", scale="5", n_features=2**10, calibration_size=0)
    b = train(blank[kept], "t", "r", scale="5", n_features=2**10, calibration_size=0)
    probe = ["great staff", "awful wait", "", "fine"]
    assert np.array_equal(a.predict_proba(probe), b.predict_proba(probe))


def test_a_weight_column_must_hold_numbers():
    data = _rated([1, 3, 5], n=60).assign(w=["1"] * 59 + ["heavy"])
    with pytest.raises(InputError, match=r"weight column 'w'.*'heavy'"):
        train_sentiment(data, "t", "r", scale="5", weight="w", n_features=2**10)


def test_scale_checks_read_labelled_ratings_and_zeros():
    zero_to_five = [0, 1, 2, 3, 4, 5] * 16 + [9, 10, 7, 8]  # a 0-10 question answered low: 4% above 5
    with pytest.raises(InputError, match=r"outside 1-5 \(0, 7, 8, 9, 10\).*--scale 10"):
        train_sentiment(_rated(zero_to_five, n=100), "t", "r", scale="5", n_features=2**10)
    labelled = ["0 - Not at all likely", "10 - Extremely likely", "5", "9", "3"]
    with pytest.raises(InputError, match=r"--scale 10"):
        train_sentiment(_rated(labelled), "t", "r", scale="5", n_features=2**10)


def test_stars_with_a_stray_ten_read_out_of_ten_are_warned_about(caplog):
    stars = [1, 2, 3, 4, 5] * 20 + [10, 9]
    with caplog.at_level("WARNING", logger="cxtext.sentiment.train"):
        train_sentiment(_rated(stars, n=102), "t", "r", scale="10", n_features=2**10)
    assert "between 1 and 5 in 100 of 102 rows" in caplog.text and "scale='5'" in caplog.text


def test_a_class_with_one_labelled_comment_is_refused_clearly():
    with pytest.raises(InputError, match=r"'positive' has only 1 labelled comment"):
        train_sentiment(_rated([1, 2, 3, 4, 5] * 20 + [10], n=101), "t", "r", scale="10", n_features=2**10)


def test_mixed_words_and_numbers_name_only_the_words():
    with pytest.raises(InputError, match=r"class labels \(such as 'positive', 'negative'\)"):
        train_sentiment(_rated(["positive", "negative", "4", "positive"]), "t", "r", scale="5", n_features=2**10)


def test_a_file_trained_from_is_named_and_hashed_in_the_manifest(tmp_path):
    src = tmp_path / "my_survey.csv"
    _rated([1, 3, 5]).to_csv(src, index=False)
    out = tmp_path / "m" / "1.0.0"
    train_sentiment(src, "t", "r", scale="5", output=out, n_features=2**10)
    record = json.loads((out / "manifest.json").read_text())["trained_on"][0]
    assert record["data"] == "my_survey.csv" and record["rows"] == 60
    assert record["note"].startswith(f"sha256 {sha256_file(src)}")
