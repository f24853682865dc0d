from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from cxtext.cli import main
from cxtext.sentiment import FastSentimentClassifier

POS = ["Great staff, thank you", "Lovely service and quick", "Really helpful team", "Excellent, would recommend",
       "Brilliant experience", "Friendly and fast", "Very happy with the result", "Superb support",
       "Wonderful people", "Fantastic value"]
NEG = ["Rude staff and slow", "Terrible service", "Awful wait, nobody called", "Worst experience ever",
       "Very disappointed", "The app kept crashing", "Horrible and rude", "Poor value, broken item",
       "Useless support", "Dreadful, never again"]
NEU = ["I called on Monday", "The parcel came on Tuesday", "I paid by card", "The engineer visited",
       "I changed my address", "Order number in the email", "I used the website", "Collected in store",
       "Booked for next week", "Spoke to the branch"]


@pytest.fixture
def labelled_csv(tmp_path):
    df = pd.DataFrame({
        "comment": POS + NEG + NEU,
        "stars": [5] * 10 + [1] * 10 + [3] * 10,
        "label": ["positive"] * 10 + ["negative"] * 10 + ["neutral"] * 10,
        "question": ["What did we do well?", "How could we improve?"] * 15,
    })
    path = tmp_path / "labelled.csv"
    df.to_csv(path, index=False)
    return path


def test_evaluate_prints_table_and_writes_reports(tmp_path, labelled_csv, capsys):
    out = tmp_path / "reports" / "eval.json"
    assert main(["evaluate", "sentiment", str(labelled_csv), "--text", "comment", "--label", "label",
                 "--question", "question", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| fast | sentiment-fast" in printed and "| vader | vader" in printed
    assert "| textblob | textblob" in printed and "macro-F1" in printed and "Macro-F1 by question" in printed
    report = json.loads(out.read_text())
    assert set(report) >= {"created", "cxtext", "dataset", "labels", "results", "by_question", "notes"}
    assert list(report["results"]) == ["fast", "vader", "textblob"]
    assert len(report["dataset"]["sha256"]) == 64 and report["dataset"]["rows"] == 30
    assert set(report["results"]["fast"]) >= {"macro_f1", "accuracy", "per_class", "confusion", "ece",
                                              "texts_per_s", "vs_vader", "name", "version"}
    assert report["results"]["vader"]["ece"] is None
    assert set(report["by_question"]) == {"What did we do well?", "How could we improve?"}
    assert any("survey question" in note for note in report["notes"])  # models read the prompts
    assert out.with_suffix(".md").read_text().startswith("Dataset: **labelled.csv**")


def test_evaluate_ratings_without_baselines(labelled_csv, capsys):
    assert main(["evaluate", "sentiment", str(labelled_csv), "-t", "comment", "-l", "stars", "--scale", "5",
                 "--no-baselines"]) == 0
    printed = capsys.readouterr().out
    assert "| fast |" in printed and "vader" not in printed


def test_evaluate_reports_never_overwrite_the_input_nor_each_other(tmp_path, labelled_csv, capsys):
    before = labelled_csv.read_bytes()
    for kind, cols in (("sentiment", ["--label", "label"]), ("emotions", ["--labels", "label"])):
        assert main(["evaluate", kind, str(labelled_csv), "--text", "comment", *cols, "-o", str(labelled_csv)]) == 2
        assert "[CX307]" in capsys.readouterr().err and labelled_csv.read_bytes() == before
    (tmp_path / "adir").mkdir()
    assert main(["evaluate", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label", "--no-baselines",
                 "-o", str(tmp_path / "adir")]) == 2
    err = capsys.readouterr().err
    assert "[CX303]" in err and "is a directory" in err and "Errno" not in err
    # -o NAME.md: the markdown there and the JSON beside it, not the JSON overwritten by the markdown
    assert main(["evaluate", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label", "--no-baselines",
                 "-o", str(tmp_path / "rep.md")]) == 0
    assert f"wrote {tmp_path / 'rep.json'} and {tmp_path / 'rep.md'}" in capsys.readouterr().out
    assert json.loads((tmp_path / "rep.json").read_text())["results"]["fast"]["macro_f1"] > 0
    assert (tmp_path / "rep.md").read_text().startswith("Dataset: **labelled.csv**")


@pytest.mark.parametrize("args, code", [
    (["--label", "nope"], "[CX101]"),
    (["--label", "stars", "--scale", "7"], "[CX111]"),
    (["--label", "label", "--model", "no-such-model"], "[CX201]"),
])
def test_evaluate_errors_are_one_line(labelled_csv, capsys, args, code):
    assert main(["evaluate", "sentiment", str(labelled_csv), "--text", "comment", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cxtext: error: ") and code in err and "Traceback" not in err


def test_train_writes_a_loadable_model(tmp_path, labelled_csv, capsys):
    # 300 rows so the calibration split (30 rows or more held out) runs; one row without a usable rating
    df = pd.read_csv(labelled_csv)
    df = pd.concat([df] * 10, ignore_index=True)
    df.loc[0, "stars"] = None
    src = tmp_path / "train.csv"
    df.to_csv(src, index=False)
    folder = tmp_path / "models" / "sentiment-shop" / "2.0.0"
    assert main(["train", "sentiment", str(src), "--text", "comment", "--label", "stars", "--scale", "5",
                 "-o", str(folder), "--licence", "CC0 1.0", "--n-features", "4096", "--C", "2"]) == 0
    printed = capsys.readouterr().out
    assert "299 used, 1 skipped" in printed and "negative 100, neutral 100, positive 99" in printed
    assert "calibration ECE" in printed and "30 held-out rows" in printed
    model = FastSentimentClassifier.load(folder)
    assert model.manifest_.name == "sentiment-shop" and model.manifest_.version == "2.0.0"
    assert model.get_params()["n_features"] == 4096 and model.get_params()["C"] == 2.0
    assert model.get_params()["nb_weight"] == 0.5  # the NBSVM part is on by default
    assert model.manifest_.trained_on[0]["licence"] == "CC0 1.0"
    assert (folder / "README.md").exists()
    assert list(model.predict(["Really helpful team"])) == ["positive"]
    # and the folder is usable by evaluate
    assert main(["evaluate", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                 "--model", str(folder), "--no-baselines"]) == 0
    assert "sentiment-shop 2.0.0" in capsys.readouterr().out


def test_train_without_usable_labels_fails_cleanly(labelled_csv, tmp_path, capsys):
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "question",
                 "-o", str(tmp_path / "m" / "1.0.0")]) == 2
    assert "[CX108]" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_analyze_passes_question_on(tmp_path, labelled_csv):
    out = tmp_path / "out.csv"
    assert main(["analyze", str(labelled_csv), "-o", str(out), "--text", "comment",
                 "--question", "question", "-q"]) == 0
    res = pd.read_csv(out)
    assert "prompt_type" in res.columns  # the analyzer received the question column


def test_train_balance_by_weights_each_source_and_class_the_same(tmp_path, labelled_csv, capsys):
    # source "big" holds 4 copies of every comment, "small" one: unweighted, big would be 80% of the fit
    df = pd.read_csv(labelled_csv)
    df = pd.concat([df.assign(source="big")] * 4 + [df.assign(source="small")], ignore_index=True)
    src = tmp_path / "sources.csv"
    df.to_csv(src, index=False)
    folder = tmp_path / "models" / "sentiment-mix" / "1.0.0"
    assert main(["train", "sentiment", str(src), "-t", "comment", "-l", "label", "--balance-by", "source",
                 "-o", str(folder), "--n-features", "4096", "-q"]) == 0
    model = FastSentimentClassifier.load(folder)
    assert model.get_params()["class_weight"] is None  # the cells balance the classes instead
    assert "('source', class) cell weighted the same" in model.manifest_.trained_on[0]["note"]
    assert list(model.predict(["Really helpful team"])) == ["positive"]

    assert main(["train", "sentiment", str(src), "-t", "comment", "-l", "label", "--balance-by", "nope",
                 "-o", str(tmp_path / "m" / "1.0.0")]) == 2
    err = capsys.readouterr().err
    assert "[CX101]" in err and "nope" in err and "source" in err  # lists the columns that exist


def test_train_nb_weight_zero_is_the_plain_regression(tmp_path, labelled_csv):
    folders = {}
    for nb in ("0", "1"):
        folders[nb] = tmp_path / "models" / "sentiment-nb" / f"{nb}.0.0"
        assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                     "--nb-weight", nb, "-o", str(folders[nb]), "--n-features", "4096", "-q"]) == 0
    plain, nbsvm = (FastSentimentClassifier.load(f) for f in folders.values())
    assert plain.get_params()["nb_weight"] == 0.0 and nbsvm.get_params()["nb_weight"] == 1.0
    assert not np.allclose(plain.coef_, nbsvm.coef_)
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                 "--nb-weight", "2", "-o", str(tmp_path / "bad" / "1.0.0")]) == 2


def test_train_tweet_copy_is_recorded_and_widens_the_model(tmp_path, labelled_csv):
    folder = tmp_path / "models" / "sentiment-tw" / "1.0.0"
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                 "--tweet-copy", "1", "-o", str(folder), "--n-features", "4096", "-q"]) == 0
    model = FastSentimentClassifier.load(folder)
    assert model.get_params()["tweet_copy"] == 1.0
    assert model.coef_.shape[1] == 3 * 4096  # word, char and the tweet copy
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                 "--tweet-copy", "2", "-o", str(tmp_path / "bad" / "1.0.0")]) == 2


def test_train_with_a_lexicon_file_records_it_and_refuses_a_bad_one(tmp_path, labelled_csv):
    lexicon = tmp_path / "words.tsv"
    lexicon.write_text("\ufeffsuperb\t3.0\r\ndreadful\t-3.0\nhelpful\t1.8\n", encoding="utf-8")  # BOM, CRLF
    folder = tmp_path / "models" / "sentiment-lex" / "1.0.0"
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                 "--lexicon-weight", "3", "--lexicon", str(lexicon), "--lexicon-min-words", "0",
                 "-o", str(folder), "--n-features", "4096", "-q"]) == 0
    model = FastSentimentClassifier.load(folder)
    assert model.get_params()["lexicon_weight"] == 3.0 and model.get_params()["lexicon_min_words"] == 0
    assert model.lexicon_ == {"superb": 3.0, "dreadful": -3.0, "helpful": 1.8}
    assert model.coef_.shape[1] == 2 * 4096 + 4
    assert model.manifest_.trained_on[-1]["rows"] == 3
    bad = tmp_path / "bad.tsv"
    bad.write_text("superb three\n", encoding="utf-8")
    for path in (bad, tmp_path / "missing.tsv"):
        assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label",
                     "--lexicon-weight", "1", "--lexicon", str(path), "-o", str(tmp_path / "x" / "1.0.0")]) == 2


@pytest.mark.parametrize("flag", ["--sep", "--delimiter"])
def test_the_csv_delimiter_has_the_name_every_command_knows(tmp_path, capsys, flag):
    """--delimiter is the CSV delimiter on every command (the theme commands' --sep splits labels)."""
    data = tmp_path / "semi.csv"
    data.write_text("text;label\ngreat service;positive\nawful wait;negative\nok i guess;neutral\n", encoding="utf-8")
    assert main(["evaluate", "sentiment", str(data), "--text", "text", "--label", "label", flag, ";",
                 "--no-baselines"]) == 0
    assert "3 rows" in capsys.readouterr().out
    assert main(["analyze", str(data), "--text", "text", "-o", str(tmp_path / "o.csv"), flag, ";", "-q"]) == 0


def test_train_refuses_an_existing_model_folder_unless_forced(tmp_path, labelled_csv, capsys):
    out = tmp_path / "m" / "1.0.0"
    args = ["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label", "-o", str(out),
            "--n-features", "4096", "-q"]
    assert main(args) == 0
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "[CX206]" in err and "--force" in err and "Traceback" not in err
    assert main([*args, "--force"]) == 0
    assert FastSentimentClassifier.load(out).manifest_.version == "1.0.0"


def test_a_model_whose_manifest_was_edited_is_refused_by_analyze(tmp_path, labelled_csv, capsys):
    out = tmp_path / "m" / "1.0.0"
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label", "-o", str(out),
                 "--n-features", "4096", "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["labels"] = manifest["labels"][::-1]  # would flip every reading
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    assert main(["analyze", str(labelled_csv), "-t", "comment", "-o", str(tmp_path / "a.csv"),
                 "--sentiment", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "[CX203]" in err and "manifest was edited" in err


def test_evaluate_with_ratings_out_of_ten_read_out_of_five_fails(tmp_path, capsys):
    src = tmp_path / "nps.csv"
    pd.DataFrame({"c": POS + NEG + NEU, "nps": [10, 9] * 5 + [2, 4] * 5 + [7, 8] * 5}).to_csv(src, index=False)
    assert main(["evaluate", "sentiment", str(src), "-t", "c", "-l", "nps", "--scale", "5", "--no-baselines"]) == 2
    assert "--scale 10" in capsys.readouterr().err
    assert main(["evaluate", "sentiment", str(src), "-t", "c", "-l", "nps", "--scale", "10", "--no-baselines"]) == 0


def test_train_into_the_current_folder_names_the_model_from_its_path(tmp_path, labelled_csv, monkeypatch):
    here = tmp_path / "sentiment-shop" / "3.1.0"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    assert main(["train", "sentiment", str(labelled_csv), "-t", "comment", "-l", "label", "-o", ".",
                 "--n-features", "4096", "-q"]) == 0
    manifest = json.loads((here / "manifest.json").read_text())
    assert (manifest["name"], manifest["version"]) == ("sentiment-shop", "3.1.0")
