import pytest

from cxtext.cli import main
from cxtext.cli_report import parse_range
from cxtext.errors import ConfigError
from cxtext.io import write_table


@pytest.fixture
def results_csv(tmp_path, make_result):
    res = make_result(n=120)
    path = tmp_path / "res.csv"
    write_table(res.comments, path)
    write_table(res.mentions, tmp_path / "res.mentions.csv")
    return path


def test_report_command_writes_html(tmp_path, results_csv, capsys):
    out = tmp_path / "r" / "report.html"
    code = main(["report", str(results_csv), "-o", str(out), "--nps", "nps", "--csat", "csat", "--ces", "ces",
                 "--ces-easy", "low", "--segment", "channel", "--date", "date", "--title", "Demo", "--n-boot", "50"])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Demo</title>" in page and 'id="trends"' in page and 'id="segments"' in page
    assert "1–7, good ≤ 3" in page  # CES read with 1 = very easy
    assert "wrote" in capsys.readouterr().out


def test_report_command_errors_are_one_line(tmp_path, results_csv, capsys):
    assert main(["report", str(results_csv), "-o", str(tmp_path / "x.html"), "--nps", "nope"]) == 2
    assert "[CX101]" in capsys.readouterr().err
    assert main(["report", str(results_csv), "-o", str(tmp_path / "x.html"), "--ces-easy", "middle"]) == 2
    assert main(["report", str(results_csv), "-o", str(tmp_path / "x.html"), "--csat-scale", "one-five"]) == 2
    assert not (tmp_path / "x.html").exists()


def test_parse_range():
    assert parse_range("0..10", "--x") == (0, 10)
    with pytest.raises(ConfigError, match="LOW-HIGH"):
        parse_range("5", "--x")


def test_unusable_score_column_warns_on_stderr(tmp_path, results_csv, capsys):
    import pandas as pd

    cm = pd.read_csv(results_csv, dtype=str, keep_default_na=False)
    labels = {"1": "Very dissatisfied", "2": "Dissatisfied", "3": "Neutral", "4": "Satisfied", "5": "Very satisfied"}
    cm["csat"] = cm["csat"].map(labels)
    cm.loc[0, "nps"] = "11"  # one out-of-range NPS: a data-quality warning, the column stays
    cm.to_csv(results_csv, index=False)
    out = tmp_path / "r.html"
    code = main(["report", str(results_csv), "-o", str(out), "--nps", "nps", "--csat", "csat",
                 "--segment", "channel", "--n-boot", "50", "-q"])
    assert code == 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == ""  # -q: no summary, but the warnings still go to stderr
    assert len(lines) == 2 and all(line.startswith("cxtext: warning: ") for line in lines)
    assert any("[CX402] CSAT column 'csat' has no valid csat scores (1-5): 120 non-numeric" in line
               for line in lines)
    nps_line = next(line for line in lines if "[CX401]" in line)
    assert "'nps'" in nps_line and "'11'" in nps_line and "Fix the export" not in nps_line  # first sentence
    page = out.read_text(encoding="utf-8")
    assert "could not be computed" not in page and "Net Promoter Score" in page
    assert "Data-quality warnings" in page


def test_no_warnings_no_stderr(tmp_path, results_csv, capsys):
    assert main(["report", str(results_csv), "-o", str(tmp_path / "r.html"), "--nps", "nps", "--n-boot", "20"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_analysis_without_theme_mentions(tmp_path, make_result, capsys, ext):
    # what `cxtext analyze` writes when no comment names a theme: a header-only CSV, a 0-byte JSONL
    import pandas as pd

    from cxtext.analyzer import MENTION_COLUMNS

    res = make_result(n=3, evil=False)
    write_table(res.comments, tmp_path / f"nt.{ext}")
    write_table(pd.DataFrame(columns=MENTION_COLUMNS), tmp_path / f"nt.mentions.{ext}")
    if ext == "jsonl":
        assert (tmp_path / "nt.mentions.jsonl").stat().st_size == 0
    out = tmp_path / "nt.html"
    assert main(["report", str(tmp_path / f"nt.{ext}"), "-o", str(out), "--nps", "nps", "--n-boot", "20"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "No theme mentions were found in these comments." in page
    assert "could not be computed" not in page


def test_brief_keeps_the_first_sentence_on_one_line():
    from cxtext.cli_report import brief

    msg = ("[CX403] Date column 'd': 2 value(s) are not dates and get no period ('soon. Maybe', 'x').\n"
           "Use ISO dates (2026-05-04) or fix the export; the rows are flagged in date_status.")
    assert brief(msg) == "[CX403] Date column 'd': 2 value(s) are not dates and get no period ('soon. Maybe', 'x')."
    assert len(brief("word " * 100)) == 240


def test_dayfirst_reads_ambiguous_numeric_dates(tmp_path, results_csv, capsys):
    """Dates no field of which is above 12 cannot tell their order: a warning, or --dayfirst/--monthfirst."""
    import pandas as pd

    table = pd.read_csv(results_csv, dtype=str, keep_default_na=False)
    table["date"] = ["01/02/2026", "03/02/2026", "02/03/2026"] * (len(table) // 3) + ["01/02/2026"] * (len(table) % 3)
    table.to_csv(results_csv, index=False)
    out = tmp_path / "r.html"
    assert main(["report", str(results_csv), "-o", str(out), "--nps", "nps", "--date", "date", "-q"]) == 0
    assert "cannot be told from the data" in capsys.readouterr().err
    views = {}
    for flag in ("--dayfirst", "--monthfirst"):
        assert main(["report", str(results_csv), "-o", str(out), "--nps", "nps", "--date", "date", "-q", flag]) == 0
        assert "cannot be told" not in capsys.readouterr().err
        page = out.read_text(encoding="utf-8")
        views[flag] = "NPS by month" if "NPS by month" in page else "NPS by week" if "NPS by week" in page else None
    # day first: 1 Feb - 2 Mar, two months, a weekly view; month first: 2 Jan - 2 Mar, three, monthly
    assert views == {"--dayfirst": "NPS by week", "--monthfirst": "NPS by month"}


def test_report_reads_an_output_named_without_a_known_extension(tmp_path, make_result, capsys):
    """`cxtext analyze -o res.dat --output-format parquet` output: --format, or the info file's record."""
    res = make_result(n=20)
    path = tmp_path / "res.dat"
    write_table(res.comments, path, format="parquet")
    write_table(res.mentions, tmp_path / "res.mentions.dat", format="parquet")
    html = tmp_path / "r.html"
    assert main(["report", str(path), "-o", str(html)]) == 2
    err = capsys.readouterr().err
    assert "[CX105]" in err and "--format" in err and not html.exists()
    assert main(["report", str(path), "-o", str(html), "--format", "parquet", "-q"]) == 0 and html.exists()
    html.unlink()
    (tmp_path / "res.info.json").write_text('{"output_format": "parquet"}', encoding="utf-8")
    assert main(["report", str(path), "-o", str(html), "-q"]) == 0 and html.exists()


@pytest.mark.parametrize("target", ["res.csv", "res.mentions.csv"])
def test_a_report_that_would_overwrite_its_input_is_refused(tmp_path, results_csv, capsys, target):
    before = (tmp_path / target).read_bytes()
    assert main(["report", str(results_csv), "-o", str(tmp_path / target)]) == 2
    err = capsys.readouterr().err
    assert "[CX307]" in err and "would overwrite the input file" in err
    assert (tmp_path / target).read_bytes() == before
