"""Tests for the bundled demo export generator ``data/make_demo_data.py``.

The script is run as a subprocess (as users and ``make demo`` run it), writing
into ``tmp_path``; the default-size run is shared by a module fixture.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "data" / "make_demo_data.py"
BUNDLED = ROOT / "data" / "demo_survey.csv"
COLUMNS = [
    "response_id",
    "submitted_at",
    "channel",
    "product",
    "region",
    "question",
    "nps",
    "csat",
    "ces",
    "comment",
]


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the generator with ``args``; return the finished process."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_export(path: Path) -> pd.DataFrame:
    """Read a generated CSV keeping "n/a", "NA", "" etc. as literal text."""
    return pd.read_csv(path, keep_default_na=False, dtype={"comment": str, "response_id": str})


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out_dir = tmp_path_factory.mktemp("demo")
    out, truth = out_dir / "demo.csv", out_dir / "truth.csv"
    proc = run_script("--out", out, "--truth", truth)
    assert proc.returncode == 0, proc.stderr
    return out, truth


@pytest.fixture(scope="module")
def survey(default_run: tuple[Path, Path]) -> pd.DataFrame:
    return read_export(default_run[0])


@pytest.fixture(scope="module")
def truth(default_run: tuple[Path, Path], survey: pd.DataFrame) -> pd.DataFrame:
    frame = pd.read_csv(default_run[1], keep_default_na=False, dtype=str)
    assert frame["response_id"].tolist() == survey["response_id"].tolist()
    return frame


# --------------------------------------------------------------------------
# Determinism and the bundled file
# --------------------------------------------------------------------------
def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    for out, seed in ((a, "5"), (b, "5"), (c, "6")):
        proc = run_script("--out", out, "--n", "150", "--seed", seed)
        assert proc.returncode == 0, proc.stderr
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_bundled_file_equals_fresh_default_run(default_run: tuple[Path, Path]) -> None:
    assert BUNDLED.exists(), "run: python data/make_demo_data.py --out data/demo_survey.csv"
    assert BUNDLED.read_bytes() == default_run[0].read_bytes(), (
        "data/demo_survey.csv is stale; regenerate it with "
        "python data/make_demo_data.py --out data/demo_survey.csv"
    )
    assert BUNDLED.stat().st_size < 300_000


def test_too_few_rows_is_rejected(tmp_path: Path) -> None:
    proc = run_script("--out", tmp_path / "x.csv", "--n", "10")
    assert proc.returncode != 0
    assert "--n must be at least" in proc.stderr
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "parquet", "jsonl"])
def test_other_formats_hold_the_same_table(tmp_path: Path, fmt: str) -> None:
    csv_out, other = tmp_path / "d.csv", tmp_path / f"d.{fmt}"
    assert run_script("--out", csv_out, "--n", "80").returncode == 0
    proc = run_script("--out", other, "--n", "80", "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    expected = read_export(csv_out)
    if fmt == "xlsx":
        got = pd.read_excel(other, keep_default_na=False, dtype={"comment": str})
    elif fmt == "parquet":
        got = pd.read_parquet(other)
    else:
        got = pd.read_json(other, lines=True, dtype={"response_id": str, "comment": str})
    assert list(got.columns) == COLUMNS
    assert got["response_id"].tolist() == expected["response_id"].tolist()
    assert got["nps"].tolist() == expected["nps"].tolist()
    assert got["comment"].fillna("").tolist() == expected["comment"].tolist()


# --------------------------------------------------------------------------
# Shape and valid values
# --------------------------------------------------------------------------
def test_columns_ids_and_score_ranges(survey: pd.DataFrame) -> None:
    assert list(survey.columns) == COLUMNS
    assert len(survey) == 600
    assert survey["response_id"].is_unique
    assert survey["response_id"].str.fullmatch(r"R\d{4}").all()
    assert survey["nps"].between(0, 10).all()
    assert survey["csat"].between(1, 5).all()
    assert survey["ces"].between(1, 7).all()
    for col in ("nps", "csat", "ces"):
        assert pd.api.types.is_integer_dtype(survey[col])
        assert survey[col].nunique() >= (5 if col != "nps" else 11)


def test_categories_and_dates(survey: pd.DataFrame) -> None:
    assert set(survey["channel"]) == {"web", "app", "phone", "store", "email", "chat"}
    assert survey["product"].nunique() >= 3
    assert survey["region"].nunique() >= 4
    assert set(survey["question"]) == {
        "What is the main reason for your score?",
        "How could we improve?",
    }
    assert (survey["question"] == "How could we improve?").mean() < 0.4
    when = pd.to_datetime(survey["submitted_at"], format="ISO8601")
    assert when.min() >= pd.Timestamp("2026-05-01")
    assert when.max() <= pd.Timestamp("2026-10-31 23:59:59")
    assert when.dt.month.nunique() == 6
    assert when.is_monotonic_increasing


def test_csv_quoting_round_trips(default_run: tuple[Path, Path]) -> None:
    with default_run[0].open(encoding="utf-8", newline="") as fh:
        records = list(csv.reader(fh))
    assert records[0] == COLUMNS
    assert len(records) == 601 and all(len(r) == len(COLUMNS) for r in records)
    comments = [r[-1] for r in records[1:]]
    assert any("\n" in c for c in comments)
    assert any('"' in c for c in comments)
    assert any("," in c for c in comments)


# --------------------------------------------------------------------------
# Edge cases
# --------------------------------------------------------------------------
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
UK_PHONE = re.compile(
    r"(?:\+44\s?7\d{3}|07\d{3})\s?\d{3}\s?\d{3}|0\d{3} \d{3} \d{4}|020 \d{4} \d{4}"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")
URL = re.compile(r"https?://\S+|www\.\S+")
HTML = re.compile(r"<(?:b|p|br)\s*/?>|&amp;|&#39;")
LETTER_OR_DIGIT = re.compile(r"\w")


def _norm(text: str) -> str:
    return re.sub(r"[^\w ]", "", " ".join(text.lower().split()))


def test_blank_and_placeholder_answers(survey: pd.DataFrame) -> None:
    comments = survey["comment"]
    assert (comments == "").sum() >= 5
    assert ((comments != "") & (comments.str.strip() == "")).any()
    for placeholder in ("n/a", "N/A", "-", "nothing", "none", ".", "no comment"):
        assert (comments == placeholder).any(), placeholder


def test_emoji_numbers_html_mojibake_and_long(survey: pd.DataFrame) -> None:
    comments = survey["comment"]
    stripped = comments.str.strip()
    emoji_only = (
        (stripped != "") & ~stripped.str.contains(LETTER_OR_DIGIT) & ~stripped.str.isascii()
    )
    assert emoji_only.any()
    assert (
        comments.str.contains("[A-Za-z]{3}") & comments.str.contains("[\U0001f300-\U0001faff]")
    ).any()
    assert comments.str.fullmatch(r"\d{1,2}(/10)?").any()
    assert comments.str.contains(HTML).any()
    assert (comments == "<b>Delivery</b> was late &amp; nobody called").any()
    assert comments.str.contains("â€™|Ã©|Â£", regex=True).any()
    assert comments.str.len().max() > 3000
    long_text = comments[comments.str.len().idxmax()]
    assert 4000 < len(long_text) < 6000 and long_text.count(". ") > 20


def test_pii_and_urls(survey: pd.DataFrame) -> None:
    comments = survey["comment"]
    assert comments.str.contains(EMAIL).any()
    assert comments.str.contains(UK_PHONE).any()
    assert comments.str.contains("4111 1111 1111 1111", regex=False).any()
    assert comments.str.contains(POSTCODE).any()
    assert comments.str.contains(URL).any()
    # Only reserved/fictional contact details are used.
    emails = re.findall(r"[\w.+-]+@([\w.-]+)", "\n".join(comments))
    assert emails and all(domain.startswith("example.") for domain in emails)
    phones = re.findall(r"(?:\+44\s?|0)7\d{3}\s?(\d{3})", "\n".join(comments))
    assert phones and all(p.startswith("900") for p in phones)


def test_non_english_comments(survey: pd.DataFrame, truth: pd.DataFrame) -> None:
    assert set(truth["language"]) >= {"en", "fr", "es", "de"}
    assert (truth["language"].value_counts()[["fr", "es", "de"]] >= 2).all()
    foreign = survey.loc[truth["language"] != "en", "comment"]
    assert not foreign.str.contains(r"\b(?:the|was|and|my|to|it)\b", case=False).any()
    assert foreign.str.contains(r"[éèàáñüäöß]").mean() > 0.5


def test_exact_and_near_duplicates(survey: pd.DataFrame, truth: pd.DataFrame) -> None:
    substantive = survey.loc[survey["comment"].str.split().str.len() >= 4, "comment"]
    assert substantive.duplicated().any()
    dup_ids = truth.loc[truth["kind"] == "duplicate", "duplicate_of"]
    assert len(dup_ids) > 0 and (dup_ids != "").all()
    by_id = survey.set_index("response_id")["comment"]
    near = truth[truth["kind"] == "near_duplicate"]
    assert len(near) > 0
    for rid, src in zip(near["response_id"], near["duplicate_of"], strict=True):
        assert by_id[rid] != by_id[src]
        assert _norm(by_id[rid]) == _norm(by_id[src])


def test_every_truth_kind_present(truth: pd.DataFrame) -> None:
    kinds = {
        "themed", "empty", "whitespace", "placeholder", "emoji_only", "numbers_only", "html",
        "mojibake", "pii", "non_english", "url", "emoji_text", "duplicate", "near_duplicate",
        "long",
    }  # fmt: skip
    assert set(truth["kind"]) == kinds
    assert (truth["kind"] == "themed").mean() > 0.6


# --------------------------------------------------------------------------
# Scores versus comments: planted effects
# --------------------------------------------------------------------------
def _has(truth: pd.DataFrame, label: str) -> pd.Series:
    return truth["themes"].str.split(";").apply(lambda labels: label in labels)


def test_planted_waiting_time_and_effort_effects(survey: pd.DataFrame, truth: pd.DataFrame) -> None:
    nps = survey["nps"]
    for label in ("waiting_time:neg", "effort:neg"):
        mask = _has(truth, label)
        assert mask.sum() >= 20, label
        assert nps[mask].mean() < nps[~mask].mean() - 2.0, label
    # Beyond "negative comments score low": worse than other complaints.
    neg_only = truth["tone"] == "neg"
    wait = _has(truth, "waiting_time:neg") | _has(truth, "effort:neg")
    assert nps[neg_only & wait].mean() < nps[neg_only & ~wait].mean() - 1.0


def test_planted_staff_praise_effect(survey: pd.DataFrame, truth: pd.DataFrame) -> None:
    nps = survey["nps"]
    pos_only = (truth["tone"] == "pos") & (truth["contradictory"] == "0")
    praise = _has(truth, "staff_attitude:pos") | _has(truth, "empathy:pos")
    assert (pos_only & praise).sum() >= 20
    assert nps[pos_only & praise].mean() > nps[pos_only & ~praise].mean() + 0.3


def test_scores_agree_with_tone_and_each_other(survey: pd.DataFrame, truth: pd.DataFrame) -> None:
    nps = survey["nps"]
    assert nps[truth["tone"] == "pos"].mean() > nps[truth["tone"] == "neg"].mean() + 3
    assert survey["nps"].corr(survey["csat"]) > 0.6
    assert survey["nps"].corr(survey["ces"]) < -0.6
    contradictory = truth["contradictory"] == "1"
    assert 0.005 < contradictory.mean() < 0.06
    complaints_10 = contradictory & (truth["tone"] == "neg") & (nps >= 9)
    praise_low = contradictory & (truth["tone"] == "pos") & (nps <= 2)
    assert complaints_10.any() and praise_low.any()


def test_mild_upward_trend(survey: pd.DataFrame) -> None:
    month = pd.to_datetime(survey["submitted_at"], format="ISO8601").dt.month
    early, late = survey["nps"][month <= 6].mean(), survey["nps"][month >= 9].mean()
    assert 0.2 < late - early < 2.5
