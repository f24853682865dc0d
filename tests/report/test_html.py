import re
import warnings

import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.report import build_report, render_report
from cxtext.scores import ces_scale


def _ids(page: str) -> list[str]:
    return re.findall(r'<section id="([a-z]+)">', page)


def test_full_report_has_every_section_and_chart(make_result):
    page = render_report(make_result(), nps="nps", csat="csat", ces="ces", ces_scale=ces_scale(easy="low"),
                         segments=["channel"], date="date", title="Q2 survey", n_boot=100)
    assert _ids(page) == ["overview", "themes", "drivers", "segments", "trends", "quotes", "method"]
    assert page.count('<svg class="chart diverging"') == 1
    assert page.count('<svg class="chart forest"') == 2  # drivers + one segment
    assert page.count('<svg class="chart trend"') == 2  # NPS + negative share
    assert "Net Promoter Score" in page and "CSAT · satisfied" in page and "CES · easy" in page
    # the planted effect shows up as the biggest drag and as a significant (coloured) driver
    assert "Biggest drag on NPS: <b>negative Waiting time</b>" in page
    assert 'class="pt neg"' in page
    assert "sentiment-fast 0.1.0" in page and "500 bootstrap" not in page and "100 case-bootstrap" in page
    assert "<title>Q2 survey</title>" in page


def test_all_comment_text_is_escaped(make_result):
    res = make_result()
    res.comments.loc[5, "channel"] = "<img src=x onerror=alert(1)>"
    res.mentions.loc[0, "theme"] = "<b>odd</b>"
    page = render_report(res, nps="nps", segments=["channel"], title="<script>x</script>", n_boot=50)
    assert "<script" not in page.lower()
    assert "<img" not in page and "<b>odd" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Content-Security-Policy" in page and "script-src 'none'" in page


def test_evidence_span_is_marked_inside_text_clean(make_result):
    res = make_result()
    page = render_report(res)
    quote = re.search(r"<blockquote class=\"neg\">(.*?)<span class=\"meta\">", page).group(1)
    assert quote.count("<mark>") == 1
    marked = re.search(r"<mark>(.*?)</mark>", quote).group(1)
    assert marked in {"I waited for two hours on hold", "far too expensive"}


def test_works_without_scores(make_result):
    page = render_report(make_result(scores=False), n_boot=50)
    assert _ids(page) == ["overview", "themes", "drivers", "quotes", "method"]
    assert "No survey score was given" in page
    assert "to see which themes move it" in page
    assert '<svg class="chart forest"' not in page


def test_segments_without_scores_use_negative_share(make_result):
    page = render_report(make_result(scores=False), segments=["channel"], date="date")
    assert "% negative comments by channel" in page
    assert '<svg class="chart trend"' in page


def test_empty_mentions_table(make_result):
    res = make_result()
    empty = AnalysisResult(comments=res.comments, mentions=res.mentions.iloc[0:0], id="id", info=res.info)
    page = render_report(empty, nps="nps", segments=["channel"], date="date", n_boot=50)
    assert "No theme mentions were found" in page
    assert "No theme mentions, so no quotes" in page
    assert "No theme mentions among comments with a score" in page
    assert _ids(page)[:3] == ["overview", "themes", "drivers"]


def test_section_error_becomes_a_note_not_a_crash(make_result):
    res = make_result(n=60)
    res.comments["nps"] = ["ten"] * 58 + ["9", "3"]  # only 2 valid scores: drivers cannot run
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = render_report(res, nps="nps")
    assert "This section could not be computed: [CX402]" in page
    assert "Data-quality warnings" in page and "ten" in page


def test_emotion_section_only_with_the_column(make_result):
    res = make_result(n=30)
    assert 'id="emotions"' not in render_report(res)
    res.comments["emotions"] = [["anger", "frustration"] if i % 2 else [] for i in range(30)]
    page = render_report(res)
    assert 'id="emotions"' in page and "Frustration" in page and "50.0%" in page
    assert "<h3>By theme</h3>" not in page  # the mentions carry no emotions


def test_emotion_section_shows_the_mix_per_theme(make_result):
    res = make_result(n=30)
    res.comments["emotions"] = [["frustration"] for _ in range(30)]
    res.mentions["emotions"] = [["frustration"] if i % 2 else [] for i in range(len(res.mentions))]
    page = render_report(res)
    section = page[page.index('id="emotions"'):]
    by_theme = section[section.index("<h3>By theme</h3>"):]
    table = by_theme[:by_theme.index("</table>")]
    assert "Frustration" in table and "Anger" not in table  # only the emotions that occur
    assert table.count("<tr>") == 1 + min(10, res.mentions["theme"].nunique())  # header + one row per theme


def test_bad_options(make_result):
    res = make_result(n=30)
    with pytest.raises(ColumnNotFoundError):
        render_report(res, nps="missing")
    with pytest.raises(ConfigError):
        render_report(res, n_boot=1)


def test_build_report_writes_atomically(tmp_path, make_result, monkeypatch):
    out = tmp_path / "sub" / "report.html"
    path = build_report(make_result(n=40), out)
    assert path == out and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(out.stat().st_mode & 0o777) == "0o644"
    # a failure while writing leaves the old report and no temp file
    import cxtext.report.html as mod

    monkeypatch.setattr(mod.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        build_report(make_result(n=40), out, title="new")
    assert "<title>Customer feedback report</title>" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]


def test_already_joined_result_is_used(make_result):
    from cxtext.scores import join_scores

    res = join_scores(make_result(), nps="nps", segments=["channel"], date="date")
    page = render_report(res, n_boot=50)
    assert {"drivers", "segments", "trends"} <= set(_ids(page))
    assert "Net Promoter Score" in page


def test_unparsed_input_is_rejected():
    from cxtext.errors import InputError

    with pytest.raises(InputError):
        render_report(pd.DataFrame({"a": [1]}))
