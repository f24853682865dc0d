from __future__ import annotations

import json

import pandas as pd
import pytest

from cxtext.cli import main
from cxtext.emotion import EMOTIONS

ROWS = [
    ("Thank you so much for your help, really grateful", "gratitude"),
    ("Thanks a lot to the team", "gratitude"),
    ("I was terrified nobody would come", "anxiety"),
    ("I am so worried and nervous about the results", "anxiety"),
    ("This is so annoying, the app keeps logging me out", "frustration"),
    ("I don't understand the bill, what does this charge mean?", "confusion"),
    ("Absolutely furious, this is outrageous", "anger"),
    ("So sad and let down by the service", "disappointment"),
    ("The nurse was amazing, brilliant work", "admiration;delight"),
    ("I called on Monday about my order", ""),
    ("", "gratitude"),  # no text: skipped
]


@pytest.fixture
def emotions_csv(tmp_path):
    path = tmp_path / "emotions.csv"
    pd.DataFrame(ROWS, columns=["comment", "feelings"]).to_csv(path, index=False)
    return path


def test_evaluate_emotions_prints_scores_and_writes_report(tmp_path, emotions_csv, capsys):
    out = tmp_path / "reports" / "emo.json"
    assert main(["evaluate", "emotions", str(emotions_csv), "--text", "comment", "--labels", "feelings",
                 "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| fast | emotion-fast" in printed and "macro-F1" in printed and "micro-F1" in printed
    assert "| gratitude |" in printed and "precision" in printed and f"wrote {out}" in printed
    report = json.loads(out.read_text())
    assert set(report) >= {"created", "cxtext", "dataset", "emotions", "results", "notes"}
    assert report["emotions"] == list(EMOTIONS)
    ds = report["dataset"]
    assert ds["rows"] == 10 and ds["skipped_rows"] == 1 and ds["rows_without_emotion"] == 1
    assert ds["emotions"]["gratitude"] == 2 and ds["emotions"]["admiration"] == 1
    assert len(ds["sha256"]) == 64
    fast = report["results"]["fast"]
    assert set(fast["per_emotion"]) == set(EMOTIONS)
    assert fast["per_emotion"]["gratitude"]["support"] == 2
    assert fast["per_emotion"]["gratitude"]["recall"] == 1.0  # the shipped model knows "thank you"
    assert 0 < fast["macro_f1"] <= 1 and 0 < fast["micro_f1"] <= 1 and fast["texts_per_s"] > 0
    assert out.with_suffix(".md").read_text().startswith("Dataset: **emotions.csv**")


def test_other_separator_and_model_folder(tmp_path, capsys):
    from cxtext.models import models_root

    folder = max((models_root() / "emotion-fast").iterdir())
    src = tmp_path / "e.tsv"
    pd.DataFrame({"t": ["thank you", "so annoying and infuriating"], "e": ["Gratitude", "frustration|anger"]}
                 ).to_csv(src, sep="\t", index=False)
    assert main(["evaluate", "emotions", str(src), "-t", "t", "-l", "e", "--sep", "|",
                 "--model", str(folder)]) == 0
    printed = capsys.readouterr().out
    assert f"| {folder} | emotion-fast" in printed
    assert "No gold rows for" in printed  # emotions absent from the file are pointed out


@pytest.mark.parametrize("args, code, detail", [
    (["--text", "review", "--labels", "feelings"], "[CX101]", "Text column 'review'"),
    (["--text", "comment", "--labels", "emotion"], "[CX101]", "Labels column 'emotion'"),
    (["--text", "comment", "--labels", "feelings", "--sep", ","], "[CX108]", "'admiration;delight'"),
    (["--text", "comment", "--labels", "feelings", "-m", "no-such-model"], "[CX20", "no-such-model"),
])
def test_errors_are_one_line(emotions_csv, capsys, args, code, detail):
    assert main(["evaluate", "emotions", str(emotions_csv), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cxtext: error: ") and code in err and detail in err
    assert "Traceback" not in err


def test_unknown_emotion_lists_valid_ids(tmp_path, capsys):
    src = tmp_path / "bad.csv"
    pd.DataFrame({"c": ["great", "awful", "meh"], "e": ["joy", "anger;rage", ""]}).to_csv(src, index=False)
    assert main(["evaluate", "emotions", str(src), "-t", "c", "-l", "e"]) == 2
    err = capsys.readouterr().err
    assert "[CX108]" in err and "'joy' (1 row(s), first row 0)" in err and "'rage'" in err
    assert ", ".join(EMOTIONS) in err and "Traceback" not in err


def test_goemotions_labels_with_their_flag(tmp_path, capsys):
    src = tmp_path / "go.csv"
    pd.DataFrame({"c": ["thank you so much", "this is so annoying", "ok"],
                  "e": ["gratitude", "annoyance", "neutral"]}).to_csv(src, index=False)
    assert main(["evaluate", "emotions", str(src), "-t", "c", "-l", "e"]) == 2
    assert "--goemotions" in capsys.readouterr().err
    assert main(["evaluate", "emotions", str(src), "-t", "c", "-l", "e", "--goemotions"]) == 0
    printed = capsys.readouterr().out
    assert "| fast | emotion-fast" in printed and "1 with no emotion" in printed


def test_goemotions_native_files_get_hints(tmp_path, capsys):
    # GoEmotions' .tsv files have no header row and give label ids, not names
    src = tmp_path / "dev.tsv"
    src.write_text("Is this in New Orleans?? I really feel like this is New Orleans.\t27\tedgurhb\n"
                   "Thanks so much for this, it really helped me out today\t15\teeabcde\n")
    assert main(["evaluate", "emotions", str(src), "-t", "text", "-l", "labels", "--goemotions"]) == 2
    assert "look like a row of data" in capsys.readouterr().err
    named = tmp_path / "named.csv"
    pd.DataFrame({"text": ["thanks so much", "so annoying"], "labels": ["15", "3"]}).to_csv(named, index=False)
    assert main(["evaluate", "emotions", str(named), "-t", "text", "-l", "labels", "--goemotions"]) == 2
    assert "numeric label ids" in capsys.readouterr().err
