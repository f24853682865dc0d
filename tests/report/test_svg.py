import math

from cxtext.report.svg import (
    DivergingRow,
    ForestRow,
    TrendPoint,
    diverging_bars,
    forest_plot,
    line_chart,
    nice_ticks,
)


def test_nice_ticks_cover_the_range():
    for lo, hi in [(-3.2, 1.4), (0.001, 0.0093), (-100, 100), (12, 13)]:
        t = nice_ticks(lo, hi)
        assert t[0] <= lo and t[-1] >= hi and 3 <= len(t) <= 12
    assert nice_ticks(math.nan, 1) == [-1.0, 0.0, 1.0]


def test_labels_are_escaped():
    evil = "<script>alert(1)</script>"
    for svg in (diverging_bars([DivergingRow(evil, 1, 1, 1, evil)]),
                forest_plot([ForestRow(evil, 1, 0, 2, "neg", evil)], title=evil, x_label=evil),
                line_chart([TrendPoint(evil, 1, 0, 2, 5, "up", evil)], title=evil, y_label=evil)):
        assert "<script" not in svg and "&lt;script&gt;" in svg


def test_forest_plot_without_interval_and_small_rows():
    svg = forest_plot([ForestRow("a", 1.0, math.nan, math.nan, "ns"), ForestRow("b", -1, -2, 0, "small")],
                      title="t", x_label="x")
    assert svg.count('<g class="ci') == 1 and 'class="pt small"' in svg


def test_diverging_bar_widths_follow_counts():
    svg = diverging_bars([DivergingRow("a", 30, 0, 10), DivergingRow("b", 0, 0, 0)])
    import re

    widths = {cls: float(w) for w, cls in re.findall(r'width="([\d.]+)" height="\d+" class="(neg|pos)"', svg)}
    assert abs(widths["neg"] / widths["pos"] - 3) < 0.05


def test_line_chart_marks_direction_by_goodness():
    pts = [TrendPoint("p1", 10, 5, 15, 50), TrendPoint("p2", 30, 25, 35, 50, "up", "+20")]
    assert 'class="move pos"' in line_chart(pts, title="t", y_label="y")
    assert 'class="move neg"' in line_chart(pts, title="t", y_label="y", higher_is_better=False)


def test_line_chart_tooltips_are_rounded():
    import re

    pts = [TrendPoint("2026-05", -22.6804, -38.7069, -5.2931, 97), TrendPoint("2026-06", 66.6667, 20.77, 93.86, 3)]
    tips = re.findall(r"<circle[^>]*><title>([^<]*)</title>", line_chart(pts, title="t", y_label="y", fmt="{:g}%"))
    assert tips == ["2026-05: \u221222.7% (CI \u221238.7% to \u22125.3%), n=97", "2026-06: 66.7% (CI 20.8% to 93.9%), n=3"]
