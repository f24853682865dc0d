"""cxtext.plots: the right figure kind, the expected fields and marks, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from cxtext import plots
from cxtext.errors import ConfigError, CxTextError, EmptyInputError, InputError

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.figure import Figure

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------------------
# small tables shaped like the real ones
# ---------------------------------------------------------------------------
@pytest.fixture
def theme_table() -> pd.DataFrame:
    return pd.DataFrame({
        "theme": ["support", "waiting_time", "staff", "billing"],
        "mentions": [20, 12, 8, 3], "comments": [18, 11, 8, 3], "share": [0.3, 0.2, 0.13, 0.05],
        "positive_share": [0.2, 0.0, 0.75, 0.0], "neutral_share": [0.3, 0.25, 0.25, 1.0],
        "negative_share": [0.5, 0.75, 0.0, 0.0], "nps_with": [-20.0, -40.0, 35.0, 0.0],
        "nps_without": [-5.0, -2.0, -12.0, -8.0], "quotes": [["q"], ["q"], ["q"], ["q"]],
    })


@pytest.fixture
def drivers_table() -> pd.DataFrame:
    return pd.DataFrame({
        "theme": ["reliability", "waiting_time", "staff", "billing", "price"],
        "sentiment": ["negative", "negative", "positive", "neutral", "negative"],
        "n": [33, 70, 40, 2, 30], "impact": [-1.8, -1.2, 0.9, -6.0, -0.3],
        "ci_low": [-2.7, -2.2, 0.1, float("nan"), -1.5], "ci_high": [-0.8, -0.3, 1.7, float("nan"), 0.9],
        "p_value": [0.001, 0.009, 0.03, float("nan"), 0.6],
        "small_n": [False, False, False, True, False], "significant": [True, True, True, False, False],
    })


@pytest.fixture
def score_trends() -> pd.DataFrame:
    return pd.DataFrame({
        "period": ["2026-05", "2026-06", "2026-07", "2026-08"], "n": [97, 83, 100, 90],
        "value": [-22.7, -26.5, -10.0, 12.0], "ci_low": [-38.7, -44.1, -26.4, -4.0],
        "ci_high": [-5.3, -7.1, 6.9, 28.0], "significant": [False, False, False, True],
    })


@pytest.fixture
def theme_trends() -> pd.DataFrame:
    rows = []
    for theme, counts in {"support": [20, 15, 25], "delivery": [5, 9, 4], "staff": [1, 2, 1]}.items():
        for period, c in zip(["2026-05", "2026-06", "2026-07"], counts):
            rows.append({"period": period, "base": 80, "theme": theme, "comments": c, "share": c / 80,
                         "significant": theme == "delivery" and period == "2026-06"})
    return pd.DataFrame(rows)


@pytest.fixture
def candidates() -> pd.DataFrame:
    return pd.DataFrame({
        "candidate_id": [0, 1, 2], "size": [14, 9, 5], "n_comments": [12, 9, 5],
        "label": ["delivery / parcel / late", "price / expensive / cheaper", "weather / rain / cold"],
        "keywords": [["delivery", "parcel", "late"], ["price", "expensive", "cheaper"],
                     ["weather", "rain", "cold"]],
        "examples": [["The parcel came a week late."], ["Far too expensive."], ["It rained."]],
        "positive_share": [0.1, 0.0, 0.2], "neutral_share": [0.2, 0.1, 0.8],
        "negative_share": [0.7, 0.9, 0.0], "cohesion": [0.6, 0.55, 0.5],
        "comment_ids": [[1], [2], [3]], "clause_ids": [[(1, 0)], [(2, 0)], [(3, 0)]],
    })


def _alt():
    return pytest.importorskip("altair")


def _mark(spec: dict) -> str:
    mark = spec["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def _field(spec: dict, channel: str) -> str:
    return spec["encoding"][channel]["field"]


def _yticks(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


# ---------------------------------------------------------------------------
# theme overview
# ---------------------------------------------------------------------------
def test_theme_overview_interactive_stacks_sentiment(theme_table):
    alt = _alt()
    chart = plots.plot_theme_overview(theme_table, top=3, interactive=True)
    assert isinstance(chart, alt.Chart)
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert _mark(spec) == "bar"
    assert (_field(spec, "y"), _field(spec, "x"), _field(spec, "color")) == ("theme", "count", "sentiment")
    assert spec["encoding"]["y"]["sort"] == ["support", "waiting_time", "staff"]
    assert len(chart.data) == 3 * 3  # one segment per theme and sentiment
    support = chart.data[chart.data["theme"] == "support"].set_index("sentiment")["count"]
    assert support.to_dict() == {"negative": 10, "neutral": 6, "positive": 4}
    assert "quotes" not in chart.data.columns  # list columns stay out of the spec


def test_theme_overview_static(theme_table):
    fig = plots.plot_theme_overview(theme_table, interactive=False)
    assert isinstance(fig, Figure)
    assert _yticks(fig) == ["billing", "staff", "waiting_time", "support"]  # largest on top
    assert len(fig.axes[0].patches) == 4 * 3
    assert fig._repr_png_().startswith(PNG_MAGIC)  # shows in a notebook without pyplot


def test_theme_overview_accepts_accessor_table(theme_table):
    light = theme_table[["theme", "comments", "share"]]
    fig = plots.plot_theme_overview(light, interactive=False)
    assert len(fig.axes[0].patches) == 4 and fig.axes[0].get_xlabel() == "comments"
    if plots.interactive_available():
        chart = plots.plot_theme_overview(light, interactive=True)
        assert _field(chart.to_dict(), "x") == "comments" and len(chart.data) == 4


# ---------------------------------------------------------------------------
# drivers
# ---------------------------------------------------------------------------
def test_drivers_interactive_layers_ci_and_dots(drivers_table):
    alt = _alt()
    chart = plots.plot_drivers(drivers_table, interactive=True)
    assert isinstance(chart, alt.LayerChart)
    zero, ci, dots = chart.to_dict()["layer"]
    assert _mark(zero) == "rule" and _mark(ci) == "rule" and _mark(dots) == "point"
    assert (_field(ci, "x"), _field(ci, "x2")) == ("ci_low", "ci_high")
    assert _field(dots, "x") == "impact" and _field(dots, "y") == "driver"
    data = chart.layer[2].data
    assert "billing (neutral)" not in set(data["driver"])  # small_n left out by default
    assert list(data["driver"]) == ["reliability (negative)", "waiting_time (negative)",
                                    "price (negative)", "staff (positive)"]  # sorted by impact
    assert list(data["effect"]) == ["lowers", "lowers", "lowers", "raises"]


def test_drivers_top_keeps_largest_effects(drivers_table):
    fig = plots.plot_drivers(drivers_table, top=2, include_small_n=True, interactive=False)
    assert _yticks(fig) == ["reliability (negative)", "billing (neutral)"]  # bottom-up: -1.8, -6.0
    assert isinstance(fig, Figure)


def test_drivers_static_has_one_errorbar_per_driver(drivers_table):
    fig = plots.plot_drivers(drivers_table, interactive=False)
    assert len(fig.axes[0].containers) == 4
    assert _yticks(fig)[-1] == "reliability (negative)"  # most negative on top


def test_drivers_segment_table_is_refused(drivers_table):
    by = pd.concat([drivers_table.assign(channel="web"), drivers_table.assign(channel="phone")])
    with pytest.raises(ConfigError, match=r"\[CX301\].*one segment"):
        plots.plot_drivers(by, interactive=False)
    fig = plots.plot_drivers(by[by["channel"] == "web"], interactive=False)
    assert len(_yticks(fig)) == 4


def test_drivers_all_small_n_says_what_to_do(drivers_table):
    with pytest.raises(EmptyInputError, match="include_small_n=True"):
        plots.plot_drivers(drivers_table.assign(small_n=True), interactive=False)


# ---------------------------------------------------------------------------
# trends
# ---------------------------------------------------------------------------
def test_score_trend_interactive_has_band_line_points(score_trends):
    alt = _alt()
    chart = plots.plot_trends(score_trends, interactive=True)
    assert isinstance(chart, alt.LayerChart)
    band, line, pts = chart.to_dict()["layer"]
    assert [_mark(band), _mark(line), _mark(pts)] == ["area", "line", "point"]
    assert (_field(band, "y"), _field(band, "y2")) == ("ci_low", "ci_high")
    assert _field(line, "x") == "period" and _field(line, "y") == "value"
    assert _field(pts, "size") == "significant"
    assert len(chart.data) == 4  # layers share the data, hoisted to the top


def test_score_trend_by_segment(score_trends):
    seg = pd.concat([score_trends.assign(channel="web"), score_trends.assign(channel="phone")])
    with pytest.raises(ConfigError, match="by="):
        plots.plot_trends(seg, interactive=False)
    fig = plots.plot_trends(seg, by="channel", interactive=False)
    assert len(fig.axes[0].get_lines()) == 2
    if plots.interactive_available():
        layers = plots.plot_trends(seg, by="channel", interactive=True).to_dict()["layer"]
        assert [_mark(s) for s in layers] == ["line", "point"]  # no band per segment
        assert _field(layers[0], "color") == "channel"


def test_theme_trends_top_and_selection(theme_trends):
    fig = plots.plot_trends(theme_trends, top=2, interactive=False)
    assert sorted(line.get_label() for line in fig.axes[0].get_lines()) == ["delivery", "support"]
    fig = plots.plot_trends(theme_trends, themes=["staff"], interactive=False)
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["staff"]
    with pytest.raises(EmptyInputError, match="none of"):
        plots.plot_trends(theme_trends, themes=["nope"], interactive=False)
    if plots.interactive_available():
        chart = plots.plot_trends(theme_trends, top=2, interactive=True)
        line, _ = chart.to_dict()["layer"]
        assert _field(line, "color") == "theme" and _field(line, "y") == "share"
        assert len(chart.data) == 2 * 3


def test_trends_rejects_other_tables(drivers_table):
    with pytest.raises(InputError, match=r"\[CX101\].*'value'"):
        plots.plot_trends(drivers_table.assign(period="2026-01"), interactive=False)


# ---------------------------------------------------------------------------
# candidates
# ---------------------------------------------------------------------------
def test_candidates_interactive(candidates):
    alt = _alt()
    chart = plots.plot_candidates(candidates, top=2, interactive=True)
    assert isinstance(chart, alt.Chart)
    spec = chart.to_dict()
    assert _field(spec, "y") == "candidate" and _field(spec, "x") == "count"
    assert spec["encoding"]["y"]["sort"] == ["#0 delivery / parcel / late", "#1 price / expensive / cheaper"]
    tips = {t["field"] for t in spec["encoding"]["tooltip"]}
    assert {"top_keywords", "example", "n_comments", "cohesion"} <= tips
    assert len(chart.data) == 2 * 3
    assert chart.data["example"].iloc[0] == "The parcel came a week late."


def test_candidates_static_without_label_uses_keywords(candidates):
    fig = plots.plot_candidates(candidates.drop(columns="label"), interactive=False)
    assert _yticks(fig) == ["#2 weather / rain / cold", "#1 price / expensive / cheaper",
                            "#0 delivery / parcel / late"]


# ---------------------------------------------------------------------------
# errors and backend choice, every function
# ---------------------------------------------------------------------------
FUNCS = {"plot_theme_overview": "theme_table", "plot_drivers": "drivers_table",
         "plot_trends": "score_trends", "plot_candidates": "candidates"}


@pytest.mark.parametrize("name", FUNCS)
@pytest.mark.parametrize("interactive", [True, False])
def test_empty_table_raises_clear_error(name, interactive, request):
    empty = request.getfixturevalue(FUNCS[name]).iloc[0:0]
    with pytest.raises(EmptyInputError, match=r"\[CX102\].*empty table"):
        getattr(plots, name)(empty, interactive=interactive)


@pytest.mark.parametrize("name", FUNCS)
def test_bad_input_raises(name):
    func = getattr(plots, name)
    with pytest.raises(InputError, match=r"\[CX100\].*DataFrame"):
        func([1, 2, 3], interactive=False)
    with pytest.raises(InputError, match=r"\[CX101\]"):
        func(pd.DataFrame({"x": [1]}), interactive=False)
    with pytest.raises(ConfigError, match="'top'"):
        func(pd.DataFrame({"x": [1]}), top=0, interactive=False)
    with pytest.raises(ConfigError, match="'interactive'"):
        func(pd.DataFrame({"period": ["a"], "theme": ["t"], "share": [1.0], "value": [1.0],
                           "impact": [1.0], "ci_low": [0.5], "ci_high": [1.5], "candidate_id": [0],
                           "size": [3], "comments": [3]}), interactive="yes")


@pytest.mark.parametrize("name", FUNCS)
def test_default_falls_back_to_matplotlib_without_altair(name, request, monkeypatch):
    table = request.getfixturevalue(FUNCS[name])
    monkeypatch.setattr(plots, "interactive_available", lambda: False)
    assert isinstance(getattr(plots, name)(table), Figure)
    with pytest.raises(ConfigError, match=r"interactive=True needs altair"):
        getattr(plots, name)(table, interactive=True)


@pytest.mark.parametrize("name", FUNCS)
def test_default_is_interactive_with_altair(name, request):
    alt = _alt()
    chart = getattr(plots, name)(request.getfixturevalue(FUNCS[name]))
    assert isinstance(chart, alt.TopLevelMixin)


def test_errors_are_cxtext_errors():
    assert issubclass(EmptyInputError, CxTextError) and issubclass(ConfigError, CxTextError)


# ---------------------------------------------------------------------------
# notebook renderer: interactive spec + static image in one display bundle
# ---------------------------------------------------------------------------
@pytest.fixture
def restore_renderer():
    alt = _alt()
    pytest.importorskip("vl_convert")
    previous = alt.renderers.active
    yield alt
    alt.renderers.enable(previous)


def test_notebook_renderer_bundles_spec_and_png(restore_renderer, drivers_table):
    alt = restore_renderer
    before = alt.renderers.active
    assert plots.enable_notebook_renderer() == before
    assert alt.renderers.active == "cxtext"
    bundle = plots.plot_drivers(drivers_table)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    vegalite = [m for m in data if m.startswith("application/vnd.vegalite.v")]
    assert len(vegalite) == 1 and data[vegalite[0]]["layer"]
    assert data["image/png"][:8] == PNG_MAGIC or data["image/png"].startswith("iVBOR")  # raw or base64


def test_notebook_renderer_svg(restore_renderer, score_trends):
    plots.enable_notebook_renderer(static="svg")
    bundle = plots.plot_trends(score_trends)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "<svg" in data["image/svg+xml"] and "image/png" not in data


def test_notebook_renderer_options_checked():
    with pytest.raises(ConfigError, match="'static'"):
        plots.enable_notebook_renderer(static="gif")
    with pytest.raises(ConfigError, match="'scale'"):
        plots.enable_notebook_renderer(scale=0)


def test_import_has_no_side_effects():
    code = ("import sys, cxtext.plots; "
            "print(sorted(m for m in ('altair', 'matplotlib', 'vl_convert') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
