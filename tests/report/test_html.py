import re
import warnings

import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult
from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.report import build_report, render_report
from cxtext.scores import ScoreWarning, ces_scale


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
    res.comments["nps"] = [""] * 57 + ["ten", "9", "3"]  # only 2 valid scores: drivers cannot run
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


_CSAT_LABELS = {1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied", 5: "Very satisfied"}


def test_unusable_score_column_is_left_out_and_the_rest_computed(make_result):
    res = make_result()
    res.comments["csat"] = [_CSAT_LABELS[int(v)] for v in res.comments["csat"]]  # labels, not 1-5
    with pytest.warns(ScoreWarning, match=r"\[CX402\] CSAT column 'csat' has no valid csat scores") as rec:
        page = render_report(res, nps="nps", csat="csat", segments=["channel"], date="date", n_boot=50)
    assert "could not be computed" not in page
    assert _ids(page) == ["overview", "themes", "drivers", "segments", "trends", "quotes", "method"]
    assert "Net Promoter Score" in page and "CSAT · satisfied" not in page  # NPS still headlined
    assert "Left out: CSAT (column <code>csat</code>)" in page
    assert page.count('<svg class="chart forest"') == 2 and "NPS with</th>" in page  # drivers, segments, themes
    warn = page[page.index("Data-quality warnings"):]
    assert "[CX402] CSAT column &#x27;csat&#x27; has no valid csat scores (1-5): 240 non-numeric" in warn
    assert "[CX401]" not in warn  # the invalid-values note of the dropped column is replaced, not repeated
    assert "Left out of the report" in page[page.index("<dt>Scores"):]
    assert len([w for w in rec if issubclass(w.category, ScoreWarning)]) == 1


def test_no_usable_score_left_keeps_sentiment_and_themes(make_result):
    res = make_result()
    with pytest.warns(ScoreWarning, match=r"NPS column 'text_clean' has no valid nps scores"):
        page = render_report(res, nps="text_clean", segments=["channel"], date="date", n_boot=50)
    assert "could not be computed" not in page
    assert "No usable survey score" in page and "No driver analysis" in page
    assert "Net Promoter Score" not in page and "Comment sentiment" in page
    assert '<svg class="chart diverging"' in page  # themes
    assert "% negative comments by channel" in page  # segments fall back to the sentiment share
    assert page.count('<svg class="chart trend"') == 1  # negative share only


def test_mostly_text_score_column_is_left_out(make_result):
    res = make_result(n=60)
    res.comments["nps"] = ["7", "10"] + ["I waited for ages"] * 58  # a few stray numbers in a text column
    with pytest.warns(ScoreWarning, match=r"NPS column 'nps' is mostly not nps scores.*only 2 of 60"):
        page = render_report(res, nps="nps", n_boot=50)
    assert "No usable survey score" in page and "could not be computed" not in page


def test_counter_intuitive_driver_is_not_headlined_as_a_lift(make_result):
    res = make_result(n=400)
    staff = res.mentions["theme"] == "staff_attitude"
    res.mentions.loc[staff, "sentiment"] = "negative"  # "negative" staff mentions now go with +2 NPS
    page = render_report(res, nps="nps", n_boot=100)
    findings = page[page.index("Key findings"):page.index("</ul>")]
    assert "Biggest lift: <b>negative" not in findings
    assert "Counter-intuitive (check the comments): <b>negative Staff attitude</b> mentions go with a better NPS" \
        in findings
    assert "Biggest drag on NPS: <b>negative Waiting time</b>" in findings


def test_trend_intervals_stay_in_range_for_tiny_periods(make_result):
    res = make_result(n=9, months=4)  # 2-3 responses a month
    page = render_report(res, nps="nps", csat="csat", date="date", n_boot=50)
    neg = page[page.index("<h3>Negative comments</h3>"):]
    neg = neg[:neg.index("</svg>")]
    cis = [(float(a), float(b)) for a, b in re.findall(r"CI ([\d.]+)% to ([\d.]+)%", neg)]
    assert len(cis) == 4 and all(0 <= lo < hi <= 100 for lo, hi in cis)  # Wilson: bounded, never zero-width
    assert re.findall(r"\d\.\d{2,}", neg.split("<polyline")[-1]) == []  # tooltips rounded to 1 decimal
    page = render_report(res, csat="csat", date="date", n_boot=50)
    mean = page[page.index("<h3>Mean CSAT"):]
    mean = mean[:mean.index("</svg>")]
    cis = [(float(a), float(b)) for a, b in re.findall(r"CI ([\d.]+) to ([\d.]+)\)", mean)]
    assert cis and all(1 <= lo <= hi <= 5 for lo, hi in cis)  # clipped to the 1-5 scale


def test_method_notes_count_every_response_once():
    """Non-answers read by their prompt ("Nothing" under an improve prompt) count as analysed."""
    import cxtext

    df = pd.DataFrame({
        "c": ["Nothing", "n/a", "", "Staff were rude", "Le service était excellent.", "No comment"],
        "q": ["How could we improve?"] * 6,
    })
    page = render_report(cxtext.analyze(df, text="c", question="q"))
    found = re.search(r"6 responses; (\d+) analysed \((\d+) of them non-answers read by their survey prompt.*?"
                      r"Not analysed: (\d+) empty, (\d+) other non-answers.*?(\d+) in other languages", page)
    assert found is not None
    analysed, by_prompt, empty, other, foreign = map(int, found.groups())
    assert (analysed, by_prompt, empty, other, foreign) == (3, 2, 1, 1, 1)
    assert analysed + empty + other + foreign == 6


def test_theme_table_shows_the_score_without_and_the_difference(make_result):
    from cxtext.scores import theme_table

    res = make_result()
    page = render_report(res, nps="nps", n_boot=20)
    assert "<th class=num>NPS without</th><th class=num>Difference (pts)</th>" in page
    top = theme_table(res, scores={"nps": "nps"}).iloc[0]
    row = page[page.index("<th class=num>Difference (pts)</th>"):]
    with_, without = (f"{top[c]:+.0f}".replace("-", "\u2212") for c in ("nps_with", "nps_without"))
    assert f"<td class=num>{with_}</td><td class=num>{without}</td>" in row


def test_anxiety_is_shaded_as_a_negative_emotion_on_one_scale(make_result):
    """Anxiety was shaded like the positive emotions, and each row had its own scale."""
    res = make_result(n=30)
    res.comments["emotions"] = [["anxiety"] for _ in range(30)]
    res.mentions["emotions"] = [["anxiety"] if i % 3 == 0 else ["gratitude"] for i in range(len(res.mentions))]
    page = render_report(res)
    by_theme = page[page.index("<h3>By theme</h3>"):]
    table = by_theme[:by_theme.index("</table>")]
    anxiety_cells = [c for c in table.split("<td") if "200,85,61" in c]  # the negative colour
    assert anxiety_cells and "Any emotion" in table and "Comments" in table
    assert "relative to the highest share in the table" in by_theme
    overview = page[page.index('id="emotions"'):page.index("<h3>By theme</h3>")]
    assert 'class="neg"' in overview  # the bar of anxiety in the overall mix


def _say_it(res, rows):
    """Append the words to the comments at ``rows`` (their mention offsets stay valid)."""
    idx = res.comments.index[rows]
    res.comments.loc[idx, "text_clean"] = res.comments.loc[idx, "text_clean"] + ", made me wonder if it's worth staying alive"


def test_comments_about_suicide_or_self_harm_are_listed_not_quoted(make_result):
    """A misread comment about not wanting to live was shown as a theme's positive example."""
    res = make_result(n=30)
    _say_it(res, list(range(30)))
    page = render_report(res)
    assert "worth staying alive" not in page.split('class="quotes"', 1)[1]
    assert "30 comment(s) speak of suicide or self-harm" in page and str(res.comments["id"].iloc[0]) in page
    assert "self-harm" not in render_report(make_result(n=30))


def test_the_self_harm_check_is_what_keeps_the_comment_out(make_result, monkeypatch):
    import re

    from cxtext.report import sections

    res = make_result(n=30)
    _say_it(res, list(range(30)))
    monkeypatch.setattr(sections, "_DISTRESS", re.compile(r"(?!x)x"))
    assert "worth staying alive" in render_report(res).split('class="quotes"', 1)[1]


@pytest.mark.parametrize(("text", "speaks_of_it"), [
    ("I felt suicidal in that waiting room", True), ("wanted to die", True), ("thought about ending it all", True),
    ("history of self-harm", True), ("I could hurt myself", True), ("took an overdose", True),
    ("the wait was killing me", False), ("I nearly died laughing", False), ("cake to die for", False),
    ("worth the wait", False), ("ending my contract", False), ("they took my life savings", False),
])
def test_the_self_harm_words(text, speaks_of_it):
    from cxtext.report.sections import _DISTRESS

    assert (_DISTRESS.search(text) is not None) is speaks_of_it


def test_quotes_leave_out_comments_that_contradict_their_score(make_result):
    """A sarcastic "Thanks for raising my direct debit" was a theme's positive example beside NPS 1."""
    res = make_result(n=60)
    cm, mn = res.comments, res.mentions
    cid = mn.loc[mn["theme"] == "staff_attitude", "comment_id"].iloc[0]
    row = cm.index[cm["id"] == cid][0]

    def page_with(nps: str) -> str:
        cm.loc[row, ["nps", "sentiment", "sentiment_score"]] = [nps, "positive", 0.8]
        return render_report(res, nps="nps", n_boot=20)

    agreeing = page_with("10")
    assert f"#{cid} · NPS 10" in agreeing.split('class="quotes"', 1)[1] and "contradicts" not in agreeing
    contradicting = page_with("1")
    assert f"#{cid} ·" not in contradicting.split('class="quotes"', 1)[1]
    assert "Comments whose sentiment contradicts their NPS score" in contradicting


def test_board_facing_labels_say_what_they_count(make_result):
    res = make_result(n=60)
    res.comments["emotions"] = [["frustration"] if i % 3 == 0 else [] for i in range(60)]
    page = render_report(res, nps="nps", n_boot=20)
    assert "<b>40 of the 60 analysed comments (67%) carry none of the eight emotions</b>" in page
    assert "<th class=num>Negative mentions</th><th class=num>Positive mentions</th>" in page
    assert "Impact on the 0–10 rating behind NPS, points (not NPS points)" in page


def test_drivers_warn_when_few_comments_carry_many_indicators(make_result):
    few = render_report(make_result(n=30), nps="nps", n_boot=20)
    many = render_report(make_result(n=240), nps="nps", n_boot=20)
    assert "fewer than ten per indicator" in few and "fewer than ten per indicator" not in many
    assert "theme × sentiment indicators" in many and "(adjusted " in many


def test_segments_keep_blank_cells_and_trends_show_gaps(make_result):
    res = make_result()
    cm = res.comments.copy()
    cm.loc[cm.index % 5 == 0, "channel"] = None  # a fifth of the comments without a channel
    cm["channel"] = cm["channel"].where(cm.index % 7 != 1, cm["channel"].str.upper())
    cm = cm[~cm["date"].str.startswith("2026-02")]  # nobody answered in February
    res = AnalysisResult(comments=cm.reset_index(drop=True),
                         mentions=res.mentions[res.mentions["comment_id"].isin(cm["id"])],
                         id="id", info=res.info)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScoreWarning)  # said on the page, not as a warning
        page = render_report(res, nps="nps", segments=["channel"], date="date", n_boot=50)
    assert "(missing) gathers the" in page and "differ only in case are one segment" in page
    assert "no responses" in page  # February, between January and March
    assert "Hollow points have fewer than 30 responses" in page


def test_a_stray_date_is_pointed_out_in_the_trends(make_result):
    res = make_result()
    cm = res.comments.copy()
    cm.loc[0, "date"] = "2016-01-15"
    res = AnalysisResult(comments=cm, mentions=res.mentions, id="id", info=res.info)
    page = render_report(res, nps="nps", date="date", n_boot=50)
    assert "Check the date column for stray values" in page


def test_example_quotes_prefer_clearly_read_mentions(make_result):
    res = make_result()
    mn = res.mentions.copy()
    waits = mn.index[mn["theme"] == "waiting_time"]
    mn.loc[waits, "sentiment_confidence"] = 0.4  # coin tosses ...
    sure = waits[-1]
    mn.loc[sure, ["sentiment_confidence", "confidence"]] = [0.9, 0.5]  # ... but one read clearly, its theme less sure
    res = AnalysisResult(comments=res.comments, mentions=mn, id="id", info=res.info)
    page = render_report(res, nps="nps", n_boot=50)
    quotes = page[page.index('id="quotes"'):]
    assert f"#{mn.loc[sure, 'comment_id']}" in quotes
