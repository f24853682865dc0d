from __future__ import annotations

import json

import pandas as pd

from cxtext.cli import main
from cxtext.sentiment import load_sentiment_model
from cxtext.themes.mention_sentiment import model_identity
from cxtext.themes.supervised import ThemeClassifier

FOOD = ["The pasta was delicious", "Great pizza crust", "Tasty burger", "The soup was bland",
        "Fresh sushi", "Steak overcooked"]
WAIT = ["We waited an hour", "Long queue at the door", "Slow to be seated", "Waited ages for food",
        "Forty minute wait", "Service was slow"]


def _csv(tmp_path):
    df = pd.DataFrame({
        "comment": FOOD + WAIT,
        "themes": ["food"] * 6 + ["waiting_time"] * 5 + ["waiting_time;food"],
        "polarity": ["positive", "positive", "positive", "negative", "positive", "negative"]
        + ["negative"] * 6,
    })
    path = tmp_path / "labelled.csv"
    df.to_csv(path, index=False)
    return path


def test_train_then_evaluate(tmp_path, capsys):
    data = _csv(tmp_path)
    out = tmp_path / "models" / "themes-demo" / "0.1.0"
    assert main(["train", "themes", str(data), "--text", "comment", "--labels", "themes",
                 "--cv", "2", "--delimiter", ",", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "themes-demo 0.1.0" in printed and "waiting_time" in printed
    model = ThemeClassifier.load(out)
    assert list(model.classes_) == ["food", "waiting_time"]

    report = tmp_path / "eval" / "themes.json"
    assert main(["evaluate", "themes", str(data), "--text", "comment", "--labels", "themes",
                 "--sentiments", "polarity", "--model", str(out), "--delimiter", ",",
                 "-o", str(report)]) == 0
    printed = capsys.readouterr().out
    assert "micro-F1" in printed and "| food |" in printed
    saved = json.loads(report.read_text())
    assert saved["per_theme"]["food"]["support"] == 7 and saved["sentiment"]["n"] > 0
    assert report.with_suffix(".md").is_file()


def test_evaluate_keyword_with_map_and_missing_column(tmp_path, capsys):
    data = _csv(tmp_path)
    assert main(["evaluate", "themes", str(data), "--text", "comment", "--labels", "themes",
                 "--map", "product_quality=food", "--delimiter", ","]) == 0
    assert "waiting_time" in capsys.readouterr().out
    assert main(["evaluate", "themes", str(data), "--text", "nope", "--labels", "themes"]) == 2
    assert "CX101" in capsys.readouterr().err


def test_train_with_polarity_labels_learns_mention_sentiment(tmp_path, capsys):
    df = pd.read_csv(_csv(tmp_path))
    df["themes"] = [";".join(f"{t}:{p}" for t in row.split(";"))
                    for row, p in zip(df["themes"], df["polarity"])]
    data = tmp_path / "polar.csv"
    df.to_csv(data, index=False)
    out = tmp_path / "models" / "themes-polar" / "0.1.0"
    assert main(["train", "themes", str(data), "--text", "comment", "--labels", "themes",
                 "--cv", "2", "--delimiter", ",", "--mention-sentiment", "fast", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    fast = model_identity(load_sentiment_model("fast"))  # "sentiment-fast <version>"
    assert f"mention sentiment learned for: {fast}" in printed
    assert "food:positive" not in printed  # counted per theme, polarity aside
    model = ThemeClassifier.load(out)
    assert list(model.classes_) == ["food", "waiting_time"]
    assert list(model.mention_heads_) == [fast]

    none = tmp_path / "models" / "themes-polar" / "0.2.0"
    assert main(["train", "themes", str(data), "--text", "comment", "--labels", "themes",
                 "--cv", "2", "--delimiter", ",", "--mention-sentiment", "none", "-o", str(none)]) == 0
    assert "mention sentiment learned for: none" in capsys.readouterr().out
    assert ThemeClassifier.load(none).mention_heads_ == {}

    report = tmp_path / "eval" / "polar.json"
    assert main(["evaluate", "themes", str(data), "--text", "comment", "--labels", "themes",
                 "--model", str(out), "--sentiment-model", "fast", "--delimiter", ",",
                 "-o", str(report)]) == 0
    saved = json.loads(report.read_text())
    assert set(saved["per_theme"]) == {"food", "waiting_time"}  # the suffixes are polarity
    assert saved["sentiment"]["n"] > 0 and saved["sentiment"]["sentiment_model"] == "fast"
