"""Charts of cxtext's tables: interactive (Vega-Altair) with a static fallback.

=========================================  ============================================
function                                   draws
=========================================  ============================================
:func:`plot_theme_overview`                mentions per theme, split by sentiment
:func:`plot_drivers`                       each driver's impact with its confidence interval
:func:`plot_trends`                        a score (with CI band) or theme shares per period
:func:`plot_candidates`                    discovered candidate themes by size and sentiment
=========================================  ============================================

Every function takes ``interactive``: ``True`` returns an :class:`altair.Chart`
(or layered chart) with tooltips, ``False`` a :class:`matplotlib.figure.Figure`,
and ``None`` (the default) the altair chart when altair is installed, else the
matplotlib figure. Install both with ``pip install 'cxtext[plots]'``.

Why Vega-Altair rather than plotly: an altair chart is a JSON spec, and
``vl-convert-python`` (a self-contained wheel: no browser, no network) renders
the same spec to PNG or SVG. A saved notebook can therefore carry a static image
next to the interactive chart. plotly's static export (kaleido) drives a Chrome
browser it downloads, which cannot be done offline.

**Notebooks.** Call :func:`enable_notebook_renderer` once. Altair charts then
display as one bundle holding the Vega-Lite spec (JupyterLab, Notebook 7 and
VS Code draw it interactively; the Vega JavaScript comes with the notebook
frontend, Python fetches nothing) and a PNG drawn locally by vl-convert, which
plain viewers (GitHub, nbviewer, nbconvert) show instead. Without that call
altair's own default renderer is used.

**Empty tables** raise :class:`~cxtext.errors.EmptyInputError` (``[CX102]``)
rather than drawing an empty chart, which would hide the reason (no themes
matched, every driver below ``min_n`` ...). Missing columns raise
:class:`~cxtext.errors.InputError` (``[CX101]``) naming the function whose table
is expected.

Importing this module imports neither altair nor matplotlib; each function
imports what it draws with.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError, EmptyInputError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

__all__ = [
    "SENTIMENT_COLORS",
    "enable_notebook_renderer",
    "interactive_available",
    "plot_candidates",
    "plot_drivers",
    "plot_theme_overview",
    "plot_trends",
]

logger = logging.getLogger(__name__)

#: Colour of each sentiment label, shared by the interactive and static charts.
SENTIMENT_COLORS: dict[str, str] = {"negative": "#d62728", "neutral": "#bbbbbb",
                                    "positive": "#2ca02c"}
_SENTIMENTS = list(SENTIMENT_COLORS)
_LOWERS, _RAISES = "#d62728", "#2ca02c"
_LINE = "#1f77b4"
_WIDTH = 420  # px, interactive charts
_STEP = 18  # px per bar, interactive charts
_RENDERER = "cxtext"

Chart = Any  # altair.Chart | altair.LayerChart | matplotlib.figure.Figure


# ---------------------------------------------------------------------------
# backend choice and checks
# ---------------------------------------------------------------------------
def interactive_available() -> bool:
    """Whether altair is installed, i.e. what ``interactive=None`` will choose.

    Returns
    -------
    bool

    Examples
    --------
    >>> from cxtext.plots import interactive_available
    >>> isinstance(interactive_available(), bool)
    True
    """
    return importlib.util.find_spec("altair") is not None


def _use_altair(interactive: bool | None) -> bool:
    if interactive is None:
        return interactive_available()
    if interactive not in (True, False):
        raise ConfigError(f"[CX301] 'interactive' must be True, False or None. Got {interactive!r}.")
    if interactive and not interactive_available():
        raise ConfigError("[CX301] interactive=True needs altair. Install it with "
                          "pip install 'cxtext[plots]', or pass interactive=False for a matplotlib figure.")
    return bool(interactive)


def _alt() -> Any:
    import altair as alt

    return alt


@functools.cache
def _figure_class() -> type:
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ConfigError("[CX301] Static charts need matplotlib. Install it with "
                          "pip install 'cxtext[plots]' (altair and matplotlib).") from exc

    class StaticFigure(Figure):
        """A matplotlib Figure that notebooks show as a PNG even when pyplot was never imported."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return StaticFigure


def _figure(n_rows: int, width: float = 7.0, height: float | None = None) -> matplotlib.figure.Figure:
    """A matplotlib figure outside pyplot (no global state, no second display at cell end)."""
    if height is None:
        height = min(1.2 + 0.3 * max(n_rows, 3), 12.0)
    return _figure_class()(figsize=(width, height), layout="constrained")


def _check(table: Any, required: Sequence[str], func: str, source: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"[CX100] {func}() expects a pandas DataFrame from {source}. "
                         f"Got {type(table).__name__}.")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise InputError(f"[CX101] {func}() needs column(s) {', '.join(map(repr, missing))}, which the "
                         f"table lacks (it has: {', '.join(map(str, table.columns))}). Pass the table "
                         f"returned by {source}.")
    if table.empty:
        raise EmptyInputError(f"[CX102] {func}() got an empty table: nothing to plot. Check the "
                              f"call to {source} that made it.")
    return table


def _check_top(top: int | None) -> None:
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise ConfigError(f"[CX301] 'top' must be a positive integer or None. Got {top!r}.")


def _head(frame: pd.DataFrame, top: int | None) -> pd.DataFrame:
    return frame if top is None else frame.head(int(top))


# ---------------------------------------------------------------------------
# shared: horizontal bars split by sentiment
# ---------------------------------------------------------------------------
def _sentiment_long(frame: pd.DataFrame, total: str) -> pd.DataFrame | None:
    """One row per (category, sentiment) with the count, or None without share columns."""
    shares = [f"{s}_share" for s in _SENTIMENTS]
    if not set(shares) <= set(frame.columns):
        return None
    parts = []
    for rank, s in enumerate(_SENTIMENTS):
        parts.append(frame.assign(sentiment=s, sentiment_rank=rank,
                                  count=(frame[total] * frame[f"{s}_share"].fillna(0)).round()))
    return pd.concat(parts, ignore_index=True)


def _bars(frame: pd.DataFrame, *, category: str, total: str, xlabel: str, title: str,
          tooltip: Sequence[tuple[str, str, str]], interactive: bool) -> Chart:
    """Horizontal bars of ``total`` per ``category`` (largest on top), split by sentiment if known.

    ``frame`` is already ordered, largest first. ``tooltip`` holds (column, type, format).
    """
    order = frame[category].tolist()
    long = _sentiment_long(frame, total)
    extra = [c for c in dict.fromkeys(c for c, _, _ in tooltip) if c not in (category, total)]
    if interactive:
        alt = _alt()
        tips = [alt.Tooltip(f"{c}:{t}", format=f) if f else alt.Tooltip(f"{c}:{t}")
                for c, t, f in tooltip]
        y = alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
        if long is None:
            data = frame[[category, total, *extra]]
            chart = alt.Chart(data).mark_bar(color=_LINE).encode(
                y=y, x=alt.X(f"{total}:Q", title=xlabel), tooltip=tips)
        else:
            data = long[[category, total, "sentiment", "sentiment_rank", "count", *extra]]
            chart = alt.Chart(data).mark_bar().encode(
                y=y,
                x=alt.X("count:Q", stack="zero", title=xlabel),
                color=alt.Color("sentiment:N", title="sentiment",
                                scale=alt.Scale(domain=_SENTIMENTS, range=list(SENTIMENT_COLORS.values()))),
                order=alt.Order("sentiment_rank:Q"),
                tooltip=[alt.Tooltip("sentiment:N"), alt.Tooltip("count:Q", title=xlabel), *tips])
        return chart.properties(title=title, width=_WIDTH, height=alt.Step(_STEP))

    fig = _figure(len(frame))
    ax = fig.add_subplot()
    labels = order[::-1]  # barh draws bottom-up
    if long is None:
        ax.barh(labels, frame[total].to_numpy()[::-1], color=_LINE)
    else:
        left = np.zeros(len(frame))
        for s in _SENTIMENTS:
            values = long.loc[long["sentiment"] == s, "count"].to_numpy()[::-1]
            ax.barh(labels, values, left=left, color=SENTIMENT_COLORS[s], label=s)
            left += values
        ax.legend(loc="lower right", frameon=False)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return fig


# ---------------------------------------------------------------------------
# public charts
# ---------------------------------------------------------------------------
def plot_theme_overview(theme_table: pd.DataFrame, *, top: int | None = 15, title: str | None = None,
                        interactive: bool | None = None) -> Chart:
    """Bar chart of the most mentioned themes, each bar split by mention sentiment.

    Parameters
    ----------
    theme_table : pandas.DataFrame
        :func:`cxtext.theme_table` / ``result.theme_table()`` output (columns
        ``theme``, ``mentions``, ``comments`` and ``*_share``), or the lighter
        ``df.cx.themes()`` table (``theme``, ``comments``: one bar per theme,
        no sentiment split).
    top : int or None, default 15
        Number of themes shown (most comments first); None shows all.
    title : str, optional
        Chart title.
    interactive : bool or None, default None
        True: an altair chart with tooltips; False: a matplotlib figure;
        None: altair if installed, else matplotlib.

    Returns
    -------
    altair.Chart or matplotlib.figure.Figure
        With sentiment shares: one bar segment per theme and sentiment
        (``top * 3`` data rows), x = mentions. Without: one bar per theme,
        x = comments.

    Raises
    ------
    cxtext.errors.EmptyInputError
        ``[CX102]`` for an empty table (no theme matched any comment).
    cxtext.errors.InputError
        ``[CX101]`` when ``theme`` or the count columns are missing.

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.plots import plot_theme_overview
    >>> table = pd.DataFrame({"theme": ["waiting_time", "staff"], "mentions": [10, 4],
    ...                       "comments": [9, 4], "share": [0.45, 0.2],
    ...                       "positive_share": [0.1, 0.75], "neutral_share": [0.2, 0.25],
    ...                       "negative_share": [0.7, 0.0]})
    >>> fig = plot_theme_overview(table, interactive=False)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # bottom to top
    ['staff', 'waiting_time']
    """
    _check_top(top)
    table = _check(theme_table, ["theme"], "plot_theme_overview", "cxtext.theme_table() or df.cx.themes()")
    has_split = {"mentions", *(f"{s}_share" for s in _SENTIMENTS)} <= set(table.columns)
    if not has_split and "mentions" not in table.columns:
        _check(table, ["comments"], "plot_theme_overview", "cxtext.theme_table() or df.cx.themes()")
    total = "mentions" if has_split or "comments" not in table.columns else "comments"
    rank = "comments" if "comments" in table.columns else total
    frame = _head(table.sort_values([rank, total], ascending=False, kind="stable"), top)
    frame = frame.assign(theme=frame["theme"].astype(str))
    tooltip = [("theme", "N", "")]
    tooltip += [(c, "Q", "") for c in ("mentions", "comments") if c in frame.columns]
    tooltip += [(c, "Q", ".0%") for c in ("share",) if c in frame.columns]
    tooltip += [(c, "Q", ".1f") for c in frame.columns
                if c.endswith(("_with", "_without")) and pd.api.types.is_numeric_dtype(frame[c])]
    return _bars(frame, category="theme", total=total, xlabel=total,
                 title=title or ("Themes by mentions and sentiment" if has_split else "Themes by comments"),
                 tooltip=tooltip, interactive=_use_altair(interactive))


def plot_drivers(drivers_table: pd.DataFrame, *, top: int | None = 15, include_small_n: bool = False,
                 title: str | None = None, interactive: bool | None = None) -> Chart:
    """Dot-and-whisker chart of driver impacts with their confidence intervals.

    One row per theme (and sentiment): a dot at ``impact`` and a line from
    ``ci_low`` to ``ci_high``. Green dots raise the score, red ones lower it;
    drivers whose interval excludes zero (``significant``) are drawn solid,
    the others faded. Rows without an interval (too few mentions to bootstrap)
    show the dot only.

    Parameters
    ----------
    drivers_table : pandas.DataFrame
        :func:`cxtext.drivers` / ``result.drivers(score)`` output (``theme``,
        ``impact``, ``ci_low``, ``ci_high``; ``sentiment``, ``significant``,
        ``small_n`` and ``n`` are used when present). A ``by=`` table holds
        several rows per driver: select one segment first.
    top : int or None, default 15
        Number of drivers shown, largest absolute impact first; None shows all.
    include_small_n : bool, default False
        Also show rows flagged ``small_n`` (too few mentions to trust).
    title : str, optional
        Chart title.
    interactive : bool or None, default None
        True: altair (layered chart); False: matplotlib; None: altair if installed.

    Returns
    -------
    altair.LayerChart or matplotlib.figure.Figure
        The altair chart layers the zero line, the intervals (``mark_rule``)
        and the dots (``mark_point``), one data row per driver shown.

    Raises
    ------
    cxtext.errors.EmptyInputError
        ``[CX102]`` for an empty table, or when every row is ``small_n``.
    cxtext.errors.ConfigError
        ``[CX301]`` when a driver appears more than once (a ``by=`` table).

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.plots import plot_drivers
    >>> d = pd.DataFrame({"theme": ["waiting_time", "staff"], "sentiment": ["negative", "positive"],
    ...                   "n": [40, 25], "impact": [-1.2, 0.8], "ci_low": [-2.0, -0.1],
    ...                   "ci_high": [-0.4, 1.6], "significant": [True, False],
    ...                   "small_n": [False, False]})
    >>> fig = plot_drivers(d, interactive=False)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # bottom to top
    ['staff (positive)', 'waiting_time (negative)']
    """
    _check_top(top)
    source = "cxtext.drivers() or result.drivers()"
    table = _check(drivers_table, ["theme", "impact", "ci_low", "ci_high"], "plot_drivers", source)
    frame = table.copy()
    frame["driver"] = frame["theme"].astype(str)
    if "sentiment" in frame.columns:
        frame["driver"] += " (" + frame["sentiment"].astype(str) + ")"
    dup = frame["driver"][frame["driver"].duplicated()]
    if len(dup):
        raise ConfigError(f"[CX301] plot_drivers() got {dup.iloc[0]!r} more than once: the table has "
                          "several rows per driver (from drivers(by=...)?). Select one segment first, "
                          "e.g. table[table['channel'] == 'web'].")
    if "small_n" in frame.columns and not include_small_n:
        frame = frame[~frame["small_n"].fillna(False).astype(bool)]
        if frame.empty:
            raise EmptyInputError("[CX102] plot_drivers(): every driver is flagged small_n (too few "
                                  "mentions). Pass include_small_n=True, or lower min_n in drivers().")
    frame = frame[frame["impact"].notna()]
    if frame.empty:
        raise EmptyInputError("[CX102] plot_drivers(): no driver has an impact estimate.")
    frame = _head(frame.reindex(frame["impact"].abs().sort_values(ascending=False).index), top)
    frame = frame.sort_values("impact", kind="stable")  # most negative on top
    frame["effect"] = np.where(frame["impact"] < 0, "lowers", "raises")
    if "significant" not in frame.columns:
        frame["significant"] = (frame["ci_low"] > 0) | (frame["ci_high"] < 0)
    frame["significant"] = frame["significant"].fillna(False).astype(bool)
    title = title or "Drivers: impact with 95% CI"

    if _use_altair(interactive):
        alt = _alt()
        cols = ["driver", "impact", "ci_low", "ci_high", "effect", "significant",
                *[c for c in ("n", "p_value") if c in frame.columns]]
        data = frame[cols]
        order = data["driver"].tolist()
        y = alt.Y("driver:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
        tips = [alt.Tooltip("driver:N"), alt.Tooltip("impact:Q", format=".2f"),
                alt.Tooltip("ci_low:Q", format=".2f"), alt.Tooltip("ci_high:Q", format=".2f"),
                alt.Tooltip("significant:N")]
        tips += [alt.Tooltip("n:Q")] if "n" in cols else []
        tips += [alt.Tooltip("p_value:Q", format=".3f")] if "p_value" in cols else []
        color = alt.Color("effect:N", title="effect",
                          scale=alt.Scale(domain=["lowers", "raises"], range=[_LOWERS, _RAISES]))
        opacity = alt.Opacity("significant:N", title="significant",
                              scale=alt.Scale(domain=[True, False], range=[1.0, 0.4]))
        base = alt.Chart(data).encode(y=y, color=color, opacity=opacity, tooltip=tips)
        zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="black", strokeWidth=0.8).encode(
            x="x:Q")
        ci = base.mark_rule(strokeWidth=2).encode(
            x=alt.X("ci_low:Q", title="impact (95% CI)"), x2="ci_high:Q")
        dots = base.mark_point(filled=True, size=70).encode(x="impact:Q")
        return alt.layer(zero, ci, dots).properties(title=title, width=_WIDTH, height=alt.Step(_STEP))

    fig = _figure(len(frame))
    ax = fig.add_subplot()
    labels = frame["driver"].tolist()[::-1]
    impact = frame["impact"].to_numpy(float)[::-1]
    lo = np.nan_to_num(impact - frame["ci_low"].to_numpy(float)[::-1])
    hi = np.nan_to_num(frame["ci_high"].to_numpy(float)[::-1] - impact)
    colors = np.where(impact < 0, _LOWERS, _RAISES)
    alphas = np.where(frame["significant"].to_numpy(bool)[::-1], 1.0, 0.4)
    for i, label in enumerate(labels):
        ax.errorbar(impact[i], label, xerr=[[max(lo[i], 0.0)], [max(hi[i], 0.0)]], fmt="o",
                    color=colors[i], alpha=alphas[i], capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("impact (95% CI)")
    ax.set_title(title)
    return fig


def plot_trends(trends_table: pd.DataFrame, *, by: str | None = None,
                themes: Sequence[str] | None = None, top: int | None = 6, title: str | None = None,
                interactive: bool | None = None) -> Chart:
    """Line chart of a score or of theme shares per period; significant changes marked.

    Parameters
    ----------
    trends_table : pandas.DataFrame
        :func:`cxtext.score_trends` output (``period``, ``value``, ``ci_low``,
        ``ci_high``: one line with its CI band) or :func:`cxtext.theme_trends`
        output (``period``, ``theme``, ``share``: one line per theme). Periods
        whose change from the previous one is ``significant`` get a large dot.
    by : str, optional
        Segment column of a ``score_trends(..., by=...)`` table: one line per
        segment (bands are then left out for legibility).
    themes : sequence of str, optional
        Themes drawn from a theme-trends table (default: the ``top`` themes
        with the most comments over all periods).
    top : int or None, default 6
        Themes drawn when ``themes`` is not given; None draws all.
    title : str, optional
        Chart title.
    interactive : bool or None, default None
        True: altair; False: matplotlib; None: altair if installed.

    Returns
    -------
    altair.LayerChart or matplotlib.figure.Figure
        Layers: band (single score line only), line, and points.

    Raises
    ------
    cxtext.errors.EmptyInputError
        ``[CX102]`` for an empty table or when ``themes`` matches nothing.
    cxtext.errors.InputError
        ``[CX101]`` when the table is neither kind.
    cxtext.errors.ConfigError
        ``[CX301]`` when periods repeat (a segmented table) but ``by`` is not given.

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.plots import plot_trends
    >>> t = pd.DataFrame({"period": ["2026-01", "2026-02", "2026-03"], "n": [80, 90, 85],
    ...                   "value": [-5.0, 3.0, 12.5], "ci_low": [-20.0, -12.0, -2.0],
    ...                   "ci_high": [10.0, 18.0, 27.0], "significant": [False, False, True]})
    >>> fig = plot_trends(t, interactive=False)
    >>> fig.axes[0].get_ylabel()
    'value (95% CI)'
    """
    _check_top(top)
    source = "cxtext.score_trends() or cxtext.theme_trends()"
    table = _check(trends_table, ["period"], "plot_trends", source)
    if "value" in table.columns:
        kind, y, group = "score", "value", by
    elif {"theme", "share"} <= set(table.columns):
        kind, y, group = "theme", "share", "theme"
    else:
        raise InputError(f"[CX101] plot_trends() needs a 'value' column (score_trends) or 'theme' and "
                         f"'share' (theme_trends); the table has: {', '.join(map(str, table.columns))}.")
    if by is not None and by not in table.columns:
        raise InputError(f"[CX101] plot_trends(by={by!r}): no such column. The table has: "
                         f"{', '.join(map(str, table.columns))}.")
    frame = table.copy()
    frame["period"] = frame["period"].astype(str)
    if kind == "theme":
        if by is not None:
            raise ConfigError("[CX301] plot_trends(by=...) is for score_trends() tables; a theme-trends "
                              "chart draws one line per theme. Select one segment first, e.g. "
                              "table[table['channel'] == 'web'].")
        if themes is not None:
            frame = frame[frame["theme"].isin(list(themes))]
            if frame.empty:
                raise EmptyInputError(f"[CX102] plot_trends(themes=...): none of {list(themes)!r} is in the "
                                      "table.")
        else:
            weight = "comments" if "comments" in frame.columns else "share"
            keep = _head(frame.groupby("theme")[weight].sum().sort_values(ascending=False, kind="stable"), top)
            frame = frame[frame["theme"].isin(keep.index)]
        frame["theme"] = frame["theme"].astype(str)
    keys = ["period"] + ([group] if group else [])
    if frame.duplicated(keys).any():
        hint = ("Pass by=<segment column> to draw one line per segment." if kind == "score" else
                "Select one segment first, e.g. table[table['channel'] == 'web'].")
        raise ConfigError(f"[CX301] plot_trends(): periods repeat in the table (made with by=...?). {hint}")
    if group:
        frame[group] = frame[group].astype(str)
    band = kind == "score" and group is None and {"ci_low", "ci_high"} <= set(frame.columns)
    frame["significant"] = (frame["significant"].fillna(False).astype(bool)
                            if "significant" in frame.columns else False)
    frame = frame.sort_values(keys, kind="stable")
    ylabel = "value (95% CI)" if band else ("share of comments" if kind == "theme" else "value")
    title = title or ("Theme shares by period" if kind == "theme" else "Score by period")

    if _use_altair(interactive):
        alt = _alt()
        cols = list(dict.fromkeys([*keys, y, "significant",
                                   *[c for c in ("n", "base", "comments", "ci_low", "ci_high", "change",
                                                 "p_value") if c in frame.columns]]))
        data = frame[cols]
        fmt = ".1%" if kind == "theme" else ".1f"
        tips = [alt.Tooltip("period:N")] + ([alt.Tooltip(f"{group}:N")] if group else [])
        tips += [alt.Tooltip(f"{y}:Q", format=fmt)]
        tips += [alt.Tooltip(f"{c}:Q", format=fmt if c in ("ci_low", "ci_high", "change") else "")
                 for c in cols if c in ("n", "base", "comments", "ci_low", "ci_high", "change")]
        tips += [alt.Tooltip("significant:N")]
        periods = sorted(data["period"].unique())
        x = alt.X("period:O", title="period", sort=periods,
                  axis=alt.Axis(labelAngle=0 if len(periods) <= 8 else -45))
        yenc = alt.Y(f"{y}:Q", title=ylabel, axis=alt.Axis(format="%") if kind == "theme" else alt.Axis())
        base = alt.Chart(data).encode(x=x)
        if group:
            color = alt.Color(f"{group}:N", title=group)
            line = base.mark_line().encode(y=yenc, color=color)
            pts = base.mark_point(filled=True).encode(
                y=f"{y}:Q", color=color, tooltip=tips,
                size=alt.Size("significant:N", scale=alt.Scale(domain=[False, True], range=[30, 140]),
                              title="significant change"))
            layers = [line, pts]
        else:
            line = base.mark_line(color=_LINE).encode(y=yenc)
            pts = base.mark_point(filled=True, color=_LINE).encode(
                y=f"{y}:Q", tooltip=tips,
                size=alt.Size("significant:N", scale=alt.Scale(domain=[False, True], range=[30, 140]),
                              title="significant change"))
            layers = [line, pts]
            if band:
                layers.insert(0, base.mark_area(opacity=0.2, color=_LINE).encode(y="ci_low:Q", y2="ci_high:Q"))
        return alt.layer(*layers).properties(title=title, width=_WIDTH, height=220)

    fig = _figure(0, width=8.5 if group else 7.0, height=3.6)
    ax = fig.add_subplot()
    periods = sorted(frame["period"].unique())
    pos = {p: i for i, p in enumerate(periods)}
    groups = frame.groupby(group, sort=False) if group else [(None, frame)]
    for name, g in groups:
        xs = g["period"].map(pos).to_numpy()
        line, = ax.plot(xs, g[y].to_numpy(float), marker="o", markersize=4, label=name,
                        color=None if group else _LINE)
        sig = g["significant"].to_numpy(bool)
        ax.scatter(xs[sig], g[y].to_numpy(float)[sig], s=90, color=line.get_color(), zorder=3)
        if band:
            ax.fill_between(xs, g["ci_low"].to_numpy(float), g["ci_high"].to_numpy(float),
                            color=_LINE, alpha=0.2)
    ax.set_xticks(range(len(periods)), periods, rotation=45 if len(periods) > 8 else 0)
    if kind == "theme":
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    if group:
        ax.legend(frameon=False, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  title=group)
    ax.set_xlabel("period")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return fig


def plot_candidates(discover_table: pd.DataFrame, *, top: int | None = 20, title: str | None = None,
                    interactive: bool | None = None) -> Chart:
    """Bar chart of candidate themes from :func:`cxtext.discover`, split by sentiment.

    Each bar is labelled ``#<candidate_id> <label>`` (the label, or the first
    three keywords); the tooltip shows the keywords and a representative quote.

    Parameters
    ----------
    discover_table : pandas.DataFrame
        :func:`cxtext.discover` output (``candidate_id``, ``size``; ``label``,
        ``keywords``, ``examples``, ``n_comments``, ``cohesion`` and ``*_share``
        are used when present).
    top : int or None, default 20
        Number of candidates shown, largest first; None shows all.
    title : str, optional
        Chart title.
    interactive : bool or None, default None
        True: altair; False: matplotlib; None: altair if installed.

    Returns
    -------
    altair.Chart or matplotlib.figure.Figure
        x = clauses. With sentiment shares, one bar segment per candidate and
        sentiment (``top * 3`` data rows).

    Raises
    ------
    cxtext.errors.EmptyInputError
        ``[CX102]`` when discovery found no candidate (raise ``distance_threshold``
        or lower ``min_size`` in :func:`cxtext.discover`).

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.plots import plot_candidates
    >>> c = pd.DataFrame({"candidate_id": [0, 1], "size": [12, 7],
    ...                   "keywords": [["delivery", "parcel", "late"], ["price", "expensive"]],
    ...                   "examples": [["The parcel came late."], ["Too expensive."]]})
    >>> fig = plot_candidates(c, interactive=False)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # bottom to top
    ['#1 price / expensive', '#0 delivery / parcel / late']
    """
    _check_top(top)
    source = "cxtext.discover()"
    table = _check(discover_table, ["candidate_id", "size"], "plot_candidates", source)
    frame = _head(table.sort_values("size", ascending=False, kind="stable"), top).copy()

    def _words(v: Any, n: int) -> str:
        return ", ".join(map(str, list(v)[:n])) if isinstance(v, (list, tuple, np.ndarray)) else ""

    if "label" in frame.columns:
        names = frame["label"].fillna("").astype(str)
    elif "keywords" in frame.columns:
        names = frame["keywords"].map(lambda v: _words(v, 3).replace(", ", " / "))
    else:
        names = pd.Series("", index=frame.index)
    frame["candidate"] = ("#" + frame["candidate_id"].astype(str) + " " + names).str.strip()
    tooltip = [("candidate", "N", ""), ("size", "Q", "")]
    if "n_comments" in frame.columns:
        tooltip.append(("n_comments", "Q", ""))
    if "cohesion" in frame.columns:
        tooltip.append(("cohesion", "Q", ".2f"))
    if "keywords" in frame.columns:
        frame["top_keywords"] = frame["keywords"].map(lambda v: _words(v, 8))
        tooltip.append(("top_keywords", "N", ""))
    if "examples" in frame.columns:
        frame["example"] = frame["examples"].map(lambda v: _words(v, 1)[:160])
        tooltip.append(("example", "N", ""))
    frame = frame.drop(columns=[c for c in ("keywords", "examples", "comment_ids", "clause_ids")
                                if c in frame.columns])
    return _bars(frame, category="candidate", total="size", xlabel="clauses",
                 title=title or "Candidate themes (unmatched clauses)", tooltip=tooltip,
                 interactive=_use_altair(interactive))


# ---------------------------------------------------------------------------
# notebook display: interactive spec + static image in one bundle
# ---------------------------------------------------------------------------
def _notebook_renderer(spec: dict, static: str = "png", scale: float = 1.0,
                       **_: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Altair renderer: the Vega-Lite spec plus a PNG/SVG drawn offline by vl-convert."""
    import altair as alt
    from altair.utils.mimebundle import spec_to_mimebundle

    versions: dict[str, Any] = {"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
                                "vegaembed_version": alt.VEGAEMBED_VERSION}
    bundle: dict[str, Any] = dict(spec_to_mimebundle(spec, "vega-lite", mode="vega-lite", **versions))
    metadata: dict[str, Any] = {}
    try:
        if static == "png":
            image, meta = spec_to_mimebundle(spec, "png", mode="vega-lite", scale=scale, **versions)
            metadata.update(meta)
        else:
            image = spec_to_mimebundle(spec, "svg", mode="vega-lite", **versions)
        bundle.update(image)
    except (ImportError, ValueError, RuntimeError) as exc:  # the interactive chart still shows
        logger.warning("cxtext.plots: no static image for this chart (%s); plain viewers will show "
                       "nothing. pip install vl-convert-python", exc)
    bundle["text/plain"] = "<cxtext chart (Vega-Lite); a static image is attached for plain viewers>"
    return bundle, metadata


def enable_notebook_renderer(static: Literal["png", "svg"] = "png", scale: float = 1.0) -> str:
    """Make altair charts display interactively *and* as a static image.

    Registers and enables the altair renderer ``"cxtext"``: each chart's
    display bundle holds the Vega-Lite spec (``application/vnd.vegalite.v*+json``,
    drawn interactively by JupyterLab, Notebook 7 and VS Code, whose frontends
    bring the Vega JavaScript) and a PNG or SVG drawn locally by
    ``vl-convert-python`` (no browser, no network), which viewers without Vega
    (GitHub, nbviewer, nbconvert HTML) show instead. Affects every altair chart
    in the session; undo with ``altair.renderers.enable(<returned name>)``.

    Parameters
    ----------
    static : {"png", "svg"}, default "png"
        Format of the static image.
    scale : float, default 1.0
        PNG scale factor (2.0 for sharper, larger images).

    Returns
    -------
    str
        The renderer that was active before, to restore it.

    Raises
    ------
    cxtext.errors.ConfigError
        ``[CX301]`` when altair or vl-convert-python is missing, or on a bad option.

    Examples
    --------
    >>> import cxtext.plots
    >>> previous = cxtext.plots.enable_notebook_renderer()  # doctest: +SKIP
    """
    if static not in ("png", "svg"):
        raise ConfigError(f"[CX301] 'static' must be 'png' or 'svg'. Got {static!r}.")
    if not (isinstance(scale, (int, float)) and scale > 0):
        raise ConfigError(f"[CX301] 'scale' must be a positive number. Got {scale!r}.")
    missing = [m for m in ("altair", "vl_convert") if importlib.util.find_spec(m) is None]
    if missing:
        raise ConfigError(f"[CX301] enable_notebook_renderer() needs {' and '.join(missing)}. Install "
                          "with pip install 'cxtext[plots]' (altair, vl-convert-python).")
    alt = _alt()
    previous = alt.renderers.active
    if _RENDERER not in alt.renderers.names():
        alt.renderers.register(_RENDERER, _notebook_renderer)
    alt.renderers.enable(_RENDERER, static=static, scale=float(scale))
    logger.info("altair renderer %r enabled (static %s); previous: %r", _RENDERER, static, previous)
    return previous
