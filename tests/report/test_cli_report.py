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
