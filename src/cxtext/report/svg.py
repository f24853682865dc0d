"""Inline SVG charts for the HTML report: diverging bars, forest plots, trend lines.

Each function returns one ``<svg>`` element as a string, sized by a ``viewBox``
so it scales with the page, coloured by CSS classes (``neg``, ``neu``, ``pos``,
``ns``, ``small`` ...) defined in :mod:`cxtext.report.style`. Every label is
HTML-escaped here, so callers may pass raw theme names and segment values.

Hand-written rather than matplotlib/plotly: the report must be one
self-contained file with no scripts and no network, the charts are a few
rectangles and lines each, and small text-based SVG stays crisp, searchable
and light (a plotting library would add a heavy dependency and embedded
bitmaps or megabytes of JavaScript).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import NamedTuple

__all__ = ["DivergingRow", "ForestRow", "TrendPoint", "diverging_bars", "forest_plot", "line_chart",
           "nice_ticks"]

_CHAR_W = 6.6  # approximate width of one 12px character, for label columns


class DivergingRow(NamedTuple):
    """One bar of :func:`diverging_bars`: mention counts by sentiment and a right-hand note."""

    label: str
    negative: float
    neutral: float
    positive: float
    note: str = ""


class ForestRow(NamedTuple):
    """One row of :func:`forest_plot`.

    ``style`` is a CSS class for the point: ``"neg"``/``"pos"`` (significant),
    ``"ns"`` (not significant) or ``"small"`` (too few comments: hollow point).
    """

    label: str
    estimate: float
    low: float
    high: float
    style: str = "ns"
    note: str = ""


class TrendPoint(NamedTuple):
    """One period of :func:`line_chart`; ``direction`` is ``"up"``/``"down"`` when significant."""

    label: str
    value: float
    low: float
    high: float
    n: int
    direction: str = ""
    note: str = ""


def _f(x: float) -> str:
    """Compact coordinate."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _finite(*xs: float) -> bool:
    return all(x is not None and math.isfinite(x) for x in xs)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering ``[lo, hi]`` (about ``n`` of them).

    Examples
    --------
    >>> nice_ticks(-3.2, 1.4)
    [-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0]
    >>> nice_ticks(0, 0)
    [-1.0, 0.0, 1.0]
    """
    if not _finite(lo, hi) or hi - lo <= 0:
        c = float(lo) if _finite(lo) else 0.0
        return [c - 1.0, c, c + 1.0]
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t < hi + step * 0.999:
        ticks.append(round(t, 10) + 0.0)
        t += step
    return ticks


def _svg_open(width: float, height: float, label: str, cls: str) -> str:
    return (f'<svg class="chart {cls}" viewBox="0 0 {_f(width)} {_f(height)}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{escape(label)}</title>")


def _text(x: float, y: float, s: str, cls: str = "", anchor: str = "start") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{c}>{escape(s)}</text>'


def _tick_label(t: float, fmt: str) -> str:
    return fmt.format(t).replace("-", "\u2212")


def _tip_value(v: float, fmt: str, digits: int = 1) -> str:
    """A tooltip value rounded to ``digits`` decimals, then formatted like the axis.

    Examples
    --------
    >>> _tip_value(-22.6804, "{:g}"), _tip_value(66.6667, "{:g}%"), _tip_value(-0.04, "{:g}")
    ('−22.7', '66.7%', '0')
    """
    return _tick_label(round(float(v), digits) + 0.0, fmt)  # + 0.0 turns -0.0 into 0.0


def diverging_bars(rows: Sequence[DivergingRow], *, title: str = "Theme volume by sentiment",
                   width: int = 860, row_h: int = 26) -> str:
    """Diverging stacked bars: negative left of the axis, positive right, neutral split across it.

    Bar lengths are mention counts on one shared scale, so both volume and
    sentiment balance read at a glance.

    Examples
    --------
    >>> svg = diverging_bars([DivergingRow("Waiting <time>", 8, 2, 1, "11 comments")])
    >>> svg.startswith("<svg") and "Waiting &lt;time&gt;" in svg
    True
    """
    label_w = min(220.0, max(90.0, _CHAR_W * max((len(r.label) for r in rows), default=10) + 14))
    note_w = min(190.0, max(60.0, _CHAR_W * max((len(r.note) for r in rows), default=4) + 14))
    top, bottom = 30, 26
    height = top + bottom + row_h * max(len(rows), 1)
    plot_l, plot_r = label_w, width - note_w
    left = max((r.negative + r.neutral / 2 for r in rows), default=1.0) or 1.0
    right = max((r.positive + r.neutral / 2 for r in rows), default=1.0) or 1.0
    span = left + right
    zero = plot_l + (plot_r - plot_l) * left / span
    scale = (plot_r - plot_l) / span
    out = [_svg_open(width, height, title, "diverging")]
    legend = [("neg", "Negative"), ("neu", "Neutral"), ("pos", "Positive")]
    lx = plot_l
    for cls, name in legend:
        out.append(f'<rect x="{_f(lx)}" y="6" width="12" height="12" rx="2" class="{cls}"/>')
        out.append(_text(lx + 17, 16, name, "legend"))
        lx += 17 + _CHAR_W * len(name) + 18
    for i, r in enumerate(rows):
        y = top + i * row_h
        mid = y + row_h / 2
        out.append(_text(plot_l - 10, mid + 4, r.label, "label", "end"))
        x = zero - (r.negative + r.neutral / 2) * scale
        for cls, v, name in (("neg", r.negative, "negative"), ("neu", r.neutral, "neutral"),
                             ("pos", r.positive, "positive")):
            w = v * scale
            if w > 0:
                out.append(f'<rect x="{_f(x)}" y="{_f(y + 4)}" width="{_f(max(w, 0.8))}" '
                           f'height="{row_h - 8}" class="{cls}"><title>{escape(r.label)}: '
                           f"{v:g} {name} mention(s)</title></rect>")
            x += w
        out.append(_text(plot_r + 10, mid + 4, r.note, "note"))
    out.append(f'<line x1="{_f(zero)}" x2="{_f(zero)}" y1="{top - 2}" y2="{height - bottom + 2}" '
               'class="axis"/>')
    out.append(_text(zero - 6, height - 8, "\u2190 negative mentions", "axis-label", "end"))
    out.append(_text(zero + 6, height - 8, "positive mentions \u2192", "axis-label"))
    out.append("</svg>")
    return "".join(out)


def forest_plot(rows: Sequence[ForestRow], *, title: str, x_label: str, ref: float = 0.0,
                ref_label: str = "", fmt: str = "{:+g}", width: int = 860, row_h: int = 26) -> str:
    """Points with confidence-interval whiskers, one row each, around a reference line.

    Rows without a finite interval get the point only; ``style="small"`` draws a
    hollow point (too few comments to trust).

    Examples
    --------
    >>> svg = forest_plot([ForestRow("Waiting time", -2.1, -2.9, -1.3, "neg", "n=120")],
    ...                   title="Drivers", x_label="Impact")
    >>> svg.count("<circle")
    1
    """
    label_w = min(240.0, max(90.0, _CHAR_W * max((len(r.label) for r in rows), default=10) + 14))
    note_w = min(170.0, max(60.0, _CHAR_W * max((len(r.note) for r in rows), default=4) + 14))
    top, bottom = 14, 44
    height = top + bottom + row_h * max(len(rows), 1)
    plot_l, plot_r = label_w + 8, width - note_w - 8
    vals = [ref] + [v for r in rows for v in (r.estimate, r.low, r.high) if _finite(v)]
    lo, hi = min(vals), max(vals)
    pad = (hi - lo) * 0.06 or 1.0
    ticks = nice_ticks(lo - pad, hi + pad, 6)
    t0, t1 = ticks[0], ticks[-1]

    def sx(v: float) -> float:
        return plot_l + (v - t0) / (t1 - t0) * (plot_r - plot_l)

    out = [_svg_open(width, height, title, "forest")]
    for i in range(len(rows)):
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{_f(top + i * row_h)}" width="{width}" height="{row_h}" class="band"/>')
    for t in ticks:
        x = sx(t)
        out.append(f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{top}" y2="{height - bottom}" class="grid"/>')
        out.append(_text(x, height - bottom + 16, _tick_label(t, fmt), "tick", "middle"))
    xr = sx(ref)
    out.append(f'<line x1="{_f(xr)}" x2="{_f(xr)}" y1="{top - 4}" y2="{height - bottom}" class="ref"/>')
    out.append(_text((plot_l + plot_r) / 2, height - 6, x_label, "axis-label", "middle"))
    if ref_label:
        out.append(_text(xr + 4, top + 2, ref_label, "ref-label"))
    for i, r in enumerate(rows):
        mid = top + i * row_h + row_h / 2
        out.append(_text(plot_l - 12, mid + 4, r.label, "label" + (" muted" if r.style == "small" else ""),
                         "end"))
        tip = f"{r.label}: {_tick_label(r.estimate, fmt)}" if _finite(r.estimate) else r.label
        if _finite(r.low, r.high):
            tip += f" ({_tick_label(r.low, fmt)} to {_tick_label(r.high, fmt)})"
            x1, x2 = sx(r.low), sx(r.high)
            out.append(f'<g class="ci {escape(r.style)}"><line x1="{_f(x1)}" x2="{_f(x2)}" y1="{_f(mid)}" '
                       f'y2="{_f(mid)}"/><line x1="{_f(x1)}" x2="{_f(x1)}" y1="{_f(mid - 5)}" '
                       f'y2="{_f(mid + 5)}"/><line x1="{_f(x2)}" x2="{_f(x2)}" y1="{_f(mid - 5)}" '
                       f'y2="{_f(mid + 5)}"/></g>')
        if _finite(r.estimate):
            out.append(f'<circle cx="{_f(sx(r.estimate))}" cy="{_f(mid)}" r="5" class="pt {escape(r.style)}">'
                       f"<title>{escape(tip)}</title></circle>")
        out.append(_text(plot_r + 12, mid + 4, r.note, "note" + (" muted" if r.style == "small" else "")))
    out.append("</svg>")
    return "".join(out)


def _runs(flags: Sequence[bool]) -> list[list[int]]:
    """Indices of each run of consecutive true ``flags``: ``[T, T, F, T]`` -> ``[[0, 1], [3]]``."""
    runs: list[list[int]] = []
    for i, flag in enumerate(flags):
        if flag:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def line_chart(points: Sequence[TrendPoint], *, title: str, y_label: str, fmt: str = "{:g}",
               higher_is_better: bool = True, width: int = 860, height: int = 280, min_n: int = 0) -> str:
    """A value per period with its confidence band; significant moves marked with arrows.

    Arrows are coloured good/bad by ``higher_is_better``. Tooltip values are
    rounded to one decimal and formatted with ``fmt``. A period without a value
    (no responses) breaks the line and its band, and a period with fewer than
    ``min_n`` responses is drawn hollow (too few to test).

    Examples
    --------
    >>> pts = [TrendPoint("2026-05", 10, 2, 18, 120), TrendPoint("2026-06", 30, 22, 38, 130, "up")]
    >>> svg = line_chart(pts, title="NPS by month", y_label="NPS")
    >>> "\u25b2" in svg and svg.count("<circle") == 2
    True
    >>> gap = [*pts, TrendPoint("2026-07", float("nan"), float("nan"), float("nan"), 0),
    ...        TrendPoint("2026-08", 20, 5, 35, 12)]
    >>> svg = line_chart(gap, title="NPS by month", y_label="NPS", min_n=30)
    >>> svg.count("<polyline"), svg.count('class="pt small"'), "no responses" in svg
    (1, 1, True)
    """
    left, right, top, bottom = 56, 24, 28, 56
    vals = [v for p in points for v in (p.value, p.low, p.high) if _finite(v)]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    pad = (hi - lo) * 0.08 or 1.0
    ticks = nice_ticks(lo - pad, hi + pad, 5)
    t0, t1 = ticks[0], ticks[-1]
    k = max(len(points), 1)
    step = (width - left - right) / k

    def sx(i: int) -> float:
        return left + step * (i + 0.5)

    def sy(v: float) -> float:
        return top + (t1 - v) / (t1 - t0) * (height - top - bottom)

    out = [_svg_open(width, height, title, "trend")]
    for t in ticks:
        y = sy(t)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{_f(y)}" y2="{_f(y)}" class="grid"/>')
        out.append(_text(left - 8, y + 4, _tick_label(t, fmt), "tick", "end"))
    out.append(_text(14, top + (height - top - bottom) / 2, y_label, "axis-label", "middle")
               .replace("<text ", f'<text transform="rotate(-90 14 {_f(top + (height - top - bottom) / 2)})" ', 1))
    for run in _runs([_finite(p.low, p.high) for p in points]):  # bands stop at a period without one
        if len(run) > 1:
            upper = " ".join(f"{_f(sx(i))},{_f(sy(points[i].high))}" for i in run)
            lower = " ".join(f"{_f(sx(i))},{_f(sy(points[i].low))}" for i in reversed(run))
            out.append(f'<polygon points="{upper} {lower}" class="band-ci"/>')
    for run in _runs([_finite(p.value) for p in points]):  # a gap breaks the line
        if len(run) > 1:
            out.append('<polyline points="' + " ".join(f"{_f(sx(i))},{_f(sy(points[i].value))}" for i in run)
                       + '" class="line"/>')
    label_every = max(1, math.ceil(k / 14))
    for i, p in enumerate(points):
        x = sx(i)
        if i % label_every == 0:
            out.append(_text(x, height - bottom + 18, p.label, "tick", "middle"))
            out.append(_text(x, height - bottom + 32, f"n={p.n:,}", "tick muted", "middle"))
        if not _finite(p.value):
            if p.n == 0:
                out.append(_text(x, top + (height - top - bottom) / 2, "no responses", "tick muted", "middle"))
            continue
        y = sy(p.value)
        tip = f"{p.label}: {_tip_value(p.value, fmt)}"
        if _finite(p.low, p.high):
            tip += f" (CI {_tip_value(p.low, fmt)} to {_tip_value(p.high, fmt)})"
        tip += f", n={p.n:,}" + (f"; {p.note}" if p.note else "")
        good = (p.direction == "up") == higher_is_better
        cls = ("pos" if good else "neg") if p.direction in ("up", "down") else "ns"
        if p.n < min_n:
            cls = "small"
            tip += f" (fewer than {min_n} responses: not tested)"
        out.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4.5" class="pt {cls}"><title>{escape(tip)}</title></circle>')
        if p.direction in ("up", "down"):
            arrow = "\u25b2" if p.direction == "up" else "\u25bc"
            dy = -12 if p.direction == "up" else 20
            out.append(_text(x, y + dy, f"{arrow} {p.note}".strip(), f"move {cls}", "middle"))
    out.append("</svg>")
    return "".join(out)
