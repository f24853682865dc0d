"""The sections of the HTML report, one function each, in page order (:data:`SECTIONS`).

Each renderer takes the :class:`~cxtext.report.html.ReportContext` and returns
the inner HTML of its section, or ``None`` to leave the section out (no date:
no trend section). All text that comes from data -- comments, theme names,
segment values, column names -- goes through :func:`html.escape` here or in
:mod:`cxtext.report.svg`.
"""

from __future__ import annotations

import logging
import math
import re
import warnings
from collections.abc import Callable
from html import escape
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from cxtext.errors import CxTextError
from cxtext.report.svg import (
    DivergingRow,
    ForestRow,
    TrendPoint,
    diverging_bars,
    forest_plot,
    line_chart,
)

__all__ = ["SECTIONS", "Section", "highlight", "render_section"]

logger = logging.getLogger(__name__)

_MIN_N = 30  # below this a segment/driver is marked "small n"
_SURE_QUOTE = 0.6  # example quotes come from mentions read with at least this sentiment confidence where possible
_TOP_THEMES = 15
_QUOTE_THEMES = 6
_ROLE_NAME = {"nps": "NPS", "csat": "CSAT", "ces": "CES"}
_POLARITY_CLASS = {"negative": "neg", "positive": "pos"}
#: Words of a comment that speaks of suicide or self-harm: such a comment is never shown as an
#: example quote (a misread sentiment once made one a "positive" example) and is listed for review.
_DISTRESS = re.compile(
    r"\b(?:suicid\w*|kill(?:ing)? my ?self|end(?:ing)? (?:my life|it all)|take my (?:own )?life|"
    r"(?:want|wanted|wanting) to die|wish (?:i|i'd) (?:was|were|had) (?:dead|died)|better off dead|"
    r"(?:not |even )?worth (?:living|staying alive|being alive)|no (?:reason|point) (?:to|in) (?:live|living)|"
    r"self[- ]?harm\w*|hurt(?:ing)? my ?self|overdos\w*)",
    re.IGNORECASE,
)


def _emotion_class(emotion: str) -> str:
    """``neg``, ``pos`` or ``neu`` (ambiguous: confusion) for an emotion id, from ``emotions.yaml``."""
    from cxtext.emotion.definitions import load_emotion_definitions

    return next((_POLARITY_CLASS.get(d.polarity, "neu") for d in load_emotion_definitions() if d.id == emotion),
                "neu")


class Section(NamedTuple):
    """One report section: anchor id, heading and renderer."""

    id: str
    title: str
    render: Callable[[Any], str | None]


# -- formatting helpers ----------------------------------------------------------------------
def _num(x: float, d: int = 0, signed: bool = False) -> str:
    if x is None or not math.isfinite(float(x)):
        return "–"
    s = f"{x:+,.{d}f}" if signed else f"{x:,.{d}f}"
    return s.replace("-", "\u2212")


def _pct(x: float, d: int = 0) -> str:
    return "–" if x is None or not math.isfinite(float(x)) else f"{100 * x:.{d}f}%"


def _wilson(k: float, n: float, z: float = 1.959964) -> tuple[float, float, float]:
    """Proportion with its Wilson score interval (better than Wald for small n or extreme p)."""
    if n <= 0:
        return (math.nan, math.nan, math.nan)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return p, max(0.0, centre - half), min(1.0, centre + half)


def _split(parts: list[tuple[str, float, str]]) -> str:
    """A 100% stacked bar (HTML) with a key: parts are (name, count, css class)."""
    total = sum(v for _, v, _ in parts)
    if total <= 0:
        return '<p class="empty">No data.</p>'
    bar = "".join(f'<span class="{c}" style="width:{100 * v / total:.2f}%" title="{escape(nm)}: '
                  f'{v:,.0f}"></span>' for nm, v, c in parts if v > 0)
    from cxtext.scores._base import whole_percents

    shares = whole_percents([v for _, v, _ in parts])
    keys = "".join(f'<span><i class="sw {c}"></i>{escape(nm)} {pct}%</span>'
                   for (nm, _, c), pct in zip(parts, shares))
    return f'<div class="split">{bar}</div><div class="keys">{keys}</div>'


def _tag(text: str, cls: str) -> str:
    return f'<span class="tag {cls}">{escape(text)}</span>'


def _sent_class(s: Any) -> str:
    return {"negative": "neg", "positive": "pos"}.get(str(s), "neu")


def _missing(v: Any) -> bool:
    from cxtext.io.cells import is_missing

    return is_missing(v)


def _cached(ctx: Any, key: str, fn: Callable[[], Any]) -> Any:
    store = ctx.__dict__.setdefault("_section_cache", {})
    if key not in store:
        store[key] = fn()
    return store[key]


# -- metrics ---------------------------------------------------------------------------------
def _metric(ctx: Any, role: str, mask: np.ndarray | None = None) -> tuple[float, float, float, int]:
    """Headline value of a score (NPS points, or % satisfied / % easy) with its 95% CI and n."""
    from cxtext.scores.nps import nps_from_counts

    cm = ctx.cm
    v = cm[ctx.roles[role]].to_numpy(dtype=float)
    keep = np.isfinite(v) if mask is None else np.isfinite(v) & mask
    v = v[keep]
    n = len(v)
    if n == 0:
        return (math.nan, math.nan, math.nan, 0)
    if role == "nps":
        pro, det = int((v >= 9).sum()), int((v <= 6).sum())
        est, lo, hi = nps_from_counts(pro, n - pro - det, det)
        return float(est), float(lo), float(hi), n
    flag = {"csat": "csat_satisfied", "ces": "ces_easy"}[role]
    if flag not in cm.columns:
        mean = float(v.mean())
        return mean, math.nan, math.nan, n
    good = cm[flag].to_numpy(dtype=object)[keep]
    k = float(sum(bool(g) for g in good if g is not None and g is not pd.NA))
    p, lo, hi = _wilson(k, n)
    return 100 * p, 100 * lo, 100 * hi, n


def _metric_name(ctx: Any, role: str) -> str:
    if role == "nps":
        return "NPS"
    return {"csat": "% satisfied (CSAT)", "ces": "% easy (CES)"}[role]


def _metric_fmt(role: str, x: float) -> str:
    return _num(x, 0, signed=True) if role == "nps" else _num(x, 0) + "%"


def _scale_text(ctx: Any, role: str) -> str:
    sc = ctx.scale(role)
    if not sc:
        return ""
    good = sc.get("good_from")
    hib = sc.get("higher_is_better", True)
    rng = f"{sc.get('low', 0):g}–{sc.get('high', 0):g}"
    if good is None:
        return rng
    return f"{rng}, good ≥ {good:g}" if hib else f"{rng}, good ≤ {good:g}"


def _neg_share(ctx: Any, mask: np.ndarray | None = None) -> tuple[float, float, float, int]:
    s = ctx.cm["sentiment"]
    base = ctx.analysed if mask is None else ctx.analysed & mask
    n = int(base.sum())
    k = int((s[base] == "negative").sum())
    p, lo, hi = _wilson(k, n)
    return 100 * p, 100 * lo, 100 * hi, n


# -- overview ----------------------------------------------------------------------------------
def _score_card(ctx: Any, role: str) -> str:
    est, lo, hi, n = _metric(ctx, role)
    cm = ctx.cm
    v = cm[ctx.roles[role]].to_numpy(dtype=float)
    v = v[np.isfinite(v)]
    if role == "nps":
        pro, det = int((v >= 9).sum()), int((v <= 6).sum())
        body = _split([("Detractors", det, "neg"), ("Passives", len(v) - pro - det, "neu"),
                       ("Promoters", pro, "pos")])
        key = "Net Promoter Score"
    else:
        body = f'<div class="s">Mean {_num(v.mean() if len(v) else math.nan, 2)} on {escape(_scale_text(ctx, role))}</div>'
        key = {"csat": "CSAT · satisfied", "ces": "CES · easy"}[role]
    ci = f"95% CI {_metric_fmt(role, lo)} to {_metric_fmt(role, hi)} · " if math.isfinite(lo) else ""
    return (f'<div class="card"><div class="k">{key}</div><div class="v">{_metric_fmt(role, est)}</div>'
            f'<div class="s">{ci}n = {n:,}</div>{body}</div>')


def _findings(ctx: Any) -> list[str]:
    out: list[str] = []
    th = ctx.themes
    if len(th):
        top = th.head(3)
        items = ", ".join(f"<b>{escape(ctx.label(r.theme))}</b> ({_pct(r.share)}, "
                          f"{_pct(r.negative_share)} negative)" for r in top.itertuples())
        out.append(f"Most discussed: {items}.")
    dr = _safe(lambda: ctx.drivers)
    if dr is not None and len(dr):
        name = _ROLE_NAME.get(ctx.primary, "the score")
        hib = ctx.higher_is_better(ctx.primary)
        sig = dr[dr["significant"]]
        helps = (sig["impact"] > 0) == hib
        # a complaint that goes with a better score (or praise with a worse one) is no lift/drag to headline
        odd = (helps & (sig["sentiment"] == "negative")) | (~helps & (sig["sentiment"] == "positive"))
        bad, good = sig[~helps & ~odd], sig[helps & ~odd]
        if len(bad):
            r = bad.loc[bad["impact"].abs().idxmax()]
            out.append(f"Biggest drag on {name}: <b>{escape(str(r['sentiment']))} "
                       f"{escape(ctx.label(r['theme']))}</b> mentions ({_num(r['impact'], 2, True)} points, "
                       f"95% CI {_num(r['ci_low'], 2, True)} to {_num(r['ci_high'], 2, True)}; "
                       f"{int(r['n']):,} comments).")
        if len(good):
            r = good.loc[good["impact"].abs().idxmax()]
            out.append(f"Biggest lift: <b>{escape(str(r['sentiment']))} {escape(ctx.label(r['theme']))}</b> "
                       f"mentions ({_num(r['impact'], 2, True)} points; {int(r['n']):,} comments).")
        odd_rows = sig[odd]
        for r in odd_rows.loc[odd_rows["impact"].abs().sort_values(ascending=False).index].head(2).itertuples():
            out.append(f"Counter-intuitive (check the comments): <b>{escape(str(r.sentiment))} "
                       f"{escape(ctx.label(r.theme))}</b> mentions go with a "
                       f"{'better' if r.sentiment == 'negative' else 'worse'} {name} "
                       f"({_num(r.impact, 2, True)} points; {int(r.n):,} comments).")
        if not len(sig):
            out.append(f"No theme has a statistically clear effect on {name} yet (see drivers).")
    tr = _safe(lambda: _score_trend(ctx)) if ctx.primary and ctx.period else None
    if tr is not None and len(tr) and tr["significant"].any():
        last = tr[tr["significant"]].iloc[-1]
        out.append(f"{_ROLE_NAME[ctx.primary]} moved significantly in {escape(str(last['period']))}: "
                   f"{_num(last['change'], 1, True)} vs {escape(str(last['prev_period']))}.")
    return out


def _safe(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except CxTextError as err:
        logger.info("Left out of the key findings: %s", err)
        return None


def render_overview(ctx: Any) -> str:
    cm = ctx.cm
    cards = [_score_card(ctx, role) for role in ctx.roles]
    s = cm["sentiment"][ctx.analysed].astype(str)
    n_an = int(ctx.analysed.sum())
    cards.append(
        f'<div class="card"><div class="k">Comment sentiment</div>'
        f'<div class="v">{_pct((s == "negative").mean() if n_an else math.nan)}</div>'
        f'<div class="s">negative · {n_an:,} of {len(cm):,} responses analysed</div>'
        + _split([("Negative", int((s == "negative").sum()), "neg"), ("Neutral", int((s == "neutral").sum()), "neu"),
                  ("Positive", int((s == "positive").sum()), "pos")]) + "</div>")
    if "is_suggestion" in cm.columns:
        k = int(cm["is_suggestion"].fillna(False).astype(bool).sum())
        with_themes = len(set(ctx.mn["row"])) if len(ctx.mn) else 0
        share = math.nan if ctx.mentions_missing or not n_an else with_themes / n_an  # unknown without them
        cards.append(f'<div class="card"><div class="k">Themes &amp; suggestions</div>'
                     f'<div class="v">{_pct(share)}</div>'
                     f'<div class="s">of analysed comments name a theme · {k:,} suggestions</div></div>')
    findings = _findings(ctx)
    fl = ("<h3>Key findings</h3><ul class=\"findings\">" + "".join(f"<li>{f}</li>" for f in findings)
          + "</ul>") if findings else ""
    lede = ('<p class="lede">Headline scores with 95% confidence intervals and the sentiment of the '
            "comments themselves.</p>")
    if not ctx.roles and ctx.dropped:
        lede = ('<p class="lede">No usable survey score: the score column(s) given hold no (or too few) valid '
                "scores, so the report covers comment sentiment and themes.</p>")
    elif not ctx.roles:
        lede = ('<p class="lede">No survey score was given (use <code>--nps</code>, <code>--csat</code> or '
                "<code>--ces</code>); the report covers comment sentiment and themes.</p>")
    return lede + _dropped_note(ctx) + f'<div class="cards">{"".join(cards)}</div>' + fl


def _dropped_note(ctx: Any) -> str:
    """A warning naming the score columns left out as unusable (``""`` when none)."""
    if not ctx.dropped:
        return ""
    cols = "; ".join(f"{_ROLE_NAME.get(r, r)} (column <code>{escape(c)}</code>)" for r, c in ctx.dropped.items())
    return (f'<p class="warn">Left out: {cols}: no (or too few) valid scores, e.g. labels or text instead '
            "of numbers, or blanks. See the data-quality warnings in the method notes.</p>")


# -- themes ------------------------------------------------------------------------------------
_MENTIONS_MISSING = ('<p class="warn">The comments name themes, but their mentions file (saved beside the '
                     "results as <code>NAME.mentions.csv</code>, or the format of the results) was not "
                     "found, so theme detail, drivers and quotes are left out. Keep the two files together "
                     "and run the report again.</p>")


def render_themes(ctx: Any) -> str:
    th = ctx.themes
    if not len(th):
        if ctx.mentions_missing:
            return _MENTIONS_MISSING
        return '<p class="empty">No theme mentions were found in these comments.</p>'
    top = th.head(_TOP_THEMES)
    counts = ctx.mn.groupby(["theme", "sentiment"]).size()
    rows = []
    for r in top.itertuples():
        c = counts.get(r.theme, pd.Series(dtype=int))
        rows.append(DivergingRow(ctx.label(r.theme), float(c.get("negative", 0)), float(c.get("neutral", 0)),
                                 float(c.get("positive", 0)), f"{r.comments:,} · {_pct(r.share)}"))
    chart = diverging_bars(rows, title="Theme mentions by sentiment")
    role = ctx.primary
    group = {"nps": "nps", "csat": "csat_satisfied", "ces": "ces_easy"}.get(role or "", "")
    has_score = f"{group}_with" in top.columns
    head = ("<tr><th>Theme</th><th class=num>Comments</th><th class=num>Share</th>"
            "<th class=num>Negative mentions</th><th class=num>Positive mentions</th>")
    if has_score:
        metric = escape(_metric_name(ctx, role))
        head += (f"<th class=num>{metric} with</th><th class=num>{metric} without</th>"
                 "<th class=num>Difference (pts)</th>")
    body = []
    for r in top.itertuples():
        row = (f"<tr><td>{escape(ctx.label(r.theme))}</td><td class=num>{r.comments:,}</td>"
               f"<td class=num>{_pct(r.share)}</td><td class=num>{_pct(r.negative_share)}</td>"
               f"<td class=num>{_pct(r.positive_share)}</td>")
        if has_score:
            w, wo = getattr(r, f"{group}_with"), getattr(r, f"{group}_without")
            gap = w - wo
            hib = ctx.higher_is_better(role) or role == "nps"
            cls = "" if not math.isfinite(gap) or abs(gap) < 1 else ("up" if (gap > 0) == hib else "down")
            fmt = (lambda x: _num(x, 0, True)) if role == "nps" else (lambda x: _num(x, 0) + "%")
            row += (f"<td class=num>{fmt(w)}</td><td class=num>{fmt(wo)}</td>"
                    f"<td class=\"num {cls}\">{_num(gap, 0, True)}</td>")
        body.append(row + "</tr>")
    more = f" (top {_TOP_THEMES} of {len(th)})" if len(th) > _TOP_THEMES else ""
    return ('<p class="lede">How often each theme comes up and how people feel about it. Bars count '
            f"mentions; the note gives comments naming the theme and their share of analysed comments{more}.</p>"
            + chart + f"<table><thead>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


# -- drivers -----------------------------------------------------------------------------------
def render_drivers(ctx: Any) -> str:
    role = ctx.primary
    if role is None and ctx.dropped:
        return ('<p class="empty">No driver analysis: the score column(s) given hold no (or too few) valid '
                "scores. Pass a numeric score column to see which themes move it.</p>"
                + _dropped_note(ctx))
    if role is None:
        return ('<p class="empty">Pass a score column (<code>--nps</code>, <code>--csat</code> or '
                "<code>--ces</code>) to see which themes move it.</p>")
    dr = ctx.drivers
    if dr is None or not len(dr):
        if ctx.mentions_missing:
            return _MENTIONS_MISSING
        return '<p class="empty">No theme mentions among comments with a score: no drivers to estimate.</p>'
    hib = ctx.higher_is_better(role)
    estimable = dr[dr["impact"].notna()]  # not drivers in every comment, nor ones in the same comments
    strong = estimable[~estimable["small_n"]].copy()
    strong = strong.loc[strong["impact"].abs().sort_values(ascending=False).index].head(14)
    small = estimable[estimable["small_n"]].sort_values("n", ascending=False).head(max(0, 18 - len(strong)))
    # the most harmful first: the most negative impact, or the most positive where a lower score is better
    pick = pd.concat([strong.sort_values("impact", ascending=hib), small.sort_values("impact", ascending=hib)])
    rows = []
    for r in pick.itertuples():
        if r.small_n:
            style = "small"
        elif r.significant:
            style = "pos" if (r.impact > 0) == hib else "neg"
        else:
            style = "ns"
        note = f"n={r.n:,}" + (" · small n" if r.small_n else "") + _moves_with(ctx, r)
        rows.append(ForestRow(f"{ctx.label(r.theme)} · {r.sentiment}", float(r.impact), float(r.ci_low),
                              float(r.ci_high), style, note))
    sc = _scale_text(ctx, role)
    chart = forest_plot(rows, title=f"Drivers of {_ROLE_NAME[role]}", fmt="{:+.1f}",
                        x_label=("Impact on the 0–10 rating behind NPS, points (not NPS points) · 95% CI"
                                 if role == "nps" else
                                 f"Impact on the {_ROLE_NAME[role]} score ({sc}), points · 95% CI"),
                        ref_label="no effect")
    at = dr.attrs
    lede = (f'<p class="lede">The difference each theme × sentiment makes to the {_ROLE_NAME[role]} score '
            "(0–10 points for NPS), controlling for the other themes in the same comment. Filled points: "
            "the 95% interval excludes zero; grey: not significant; hollow: fewer than "
            f"{_MIN_N} comments (shown, never called significant); \u201cmoves with\u201d names drivers "
            "found in the same comments at least 80% of the time, whose impacts should be read together.</p>")
    n_fit, predictors = int(at.get("n", 0)), int(at.get("predictors", 0))
    facts = (f'<p class="keys">Model: n = {n_fit:,} comments with a score · {predictors:,} theme × sentiment '
             f"indicators · baseline (no theme) {_num(at.get('intercept', math.nan), 2)} · "
             f"R² = {_num(at.get('r2', math.nan), 3)} (adjusted {_num(at.get('adjusted_r2', math.nan), 3)}) · "
             f"{ctx.n_boot} bootstrap resamples</p>")
    from cxtext.scores.drivers import COMMENTS_PER_INDICATOR

    if predictors and n_fit < COMMENTS_PER_INDICATOR * predictors:
        facts += (f'<p class="warn">{n_fit:,} comments for {predictors:,} indicators (fewer than ten per '
                  "indicator): single impacts are noisy and some will point the unexpected way by chance. Read "
                  "the filled points and their intervals, not the sign of a grey or hollow one.</p>")
    joint = dict.fromkeys(str(c) for c in dr["collinear_with"] if str(c).startswith("(same comments"))
    if joint:
        def readable(note: str) -> str:  # theme ids as the report names them, minus signs as elsewhere
            note = re.sub(r"([\w-]+):(negative|neutral|positive|emotion)\b",
                          lambda m: f"{ctx.label(m.group(1))} · {m.group(2)}", note)
            return re.sub(r"(?<![\w.])-(?=\d)", "\u2212", note)

        facts += ('<p class="keys">Not in the chart: ' + "; ".join(escape(readable(j[1:-1])) for j in joint)
                  + ".</p>")
    table = _counterfactual_table(ctx, dr) if role == "nps" and "nps_change" in dr.columns else ""
    return lede + chart + facts + table


def _moves_with(ctx: Any, row: Any) -> str:
    """" · moves with <driver>" for a driver that nearly always occurs with others (``collinear_with``)."""
    partners = str(getattr(row, "collinear_with", "") or "")
    if not partners or partners.startswith("("):
        return ""
    names = []
    for item in partners.split(";"):
        theme, _, sentiment = item.rpartition(":")
        names.append(f"{ctx.label(theme)} · {sentiment}")
    return " · moves with " + ", ".join(names)


def _excludes_zero(low: float, high: float) -> bool | None:
    """Whether the interval lies wholly above or below 0; ``None`` when there is no interval."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    return bool(low > 0 or high < 0)


def _counterfactual_table(ctx: Any, dr: pd.DataFrame) -> str:
    """The "What if the complaints were neutral?" table (NPS), or ``""`` without eligible drivers.

    Each row is labelled by its own NPS-change interval (not the driver's).
    """
    neg = dr[(dr["sentiment"] == "negative") & ~dr["small_n"] & dr["nps_change"].notna()]
    neg = neg.sort_values("nps_change", ascending=False).head(8)
    if not len(neg):
        return ""
    body = []
    for r in neg.itertuples():
        sig = _excludes_zero(r.nps_change_low, r.nps_change_high)
        tag = {True: _tag("significant", "neg"), False: _tag("not significant", "small"),
               None: _tag("no interval", "small")}[sig]
        star = "*" if getattr(r, "nps_change_basis", "neutral") == "no mention" else ""
        body.append(f"<tr><td>{escape(ctx.label(r.theme))}{star}</td><td class=num>{r.n:,}</td>"
                    f"<td class=num>{_num(r.impact, 2, True)}</td><td class=num>{_num(r.nps_change, 1, True)}</td>"
                    f"<td class=num>{_num(r.nps_change_low, 1, True)} to {_num(r.nps_change_high, 1, True)}</td>"
                    f"<td>{tag}</td></tr>")
    note = "Significant: the 95% interval of that NPS change excludes zero."
    if "nps_change_basis" in neg.columns and (neg["nps_change_basis"] == "no mention").any():
        note += (f" * Too few neutral mentions of this theme (fewer than {_MIN_N} comments) to estimate "
                 "their effect: the change moves these complaints to no mention of the theme instead.")
    return ("<h3>What if the complaints were neutral?</h3><p class=\"lede\">NPS change if each "
            "negative theme were mentioned neutrally instead (scores shifted by the fitted effect, "
            "then re-grouped).</p><table><thead><tr><th>Negative theme</th><th class=num>Comments</th>"
            "<th class=num>Impact</th><th class=num>NPS change</th><th class=num>95% CI</th><th></th>"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table><p class=\"keys\">{escape(note)}</p>")


# -- segments ----------------------------------------------------------------------------------
def _segment_block(ctx: Any, col: str) -> str:
    from cxtext.scores._base import MISSING_SEGMENT, segment_values

    cm = ctx.cm
    with warnings.catch_warnings(record=True) as caught:  # said in the section, not on stderr
        warnings.simplefilter("always")
        seg = segment_values(cm, col).map(str)
    if (seg == MISSING_SEGMENT).all():
        return f'<h3>By {escape(col)}</h3><p class="empty">No values in this column.</p>'
    counts = seg.value_counts()
    values = counts.head(12)
    notes = [escape(str(w.message)) for w in caught]
    if len(counts) > len(values):
        notes.append(f"The {len(values)} largest of {len(counts):,} segments are shown "
                     f"({int(values.sum()):,} of {len(seg):,} comments).")
    if MISSING_SEGMENT in counts.index:
        notes.append(f"{MISSING_SEGMENT} gathers the {int(counts[MISSING_SEGMENT]):,} comments without a value.")
    note = f'<p class="keys">{" ".join(notes)}</p>' if notes else ""
    role = ctx.primary
    if role is not None:
        overall = _metric(ctx, role)[0]
        name = _metric_name(ctx, role)
        hib = ctx.higher_is_better(role)
        metric = lambda m: _metric(ctx, role, m)
        fmt = "{:+.0f}" if role == "nps" else "{:.0f}%"
    else:
        overall = _neg_share(ctx)[0]
        name, hib, fmt = "% negative comments", False, "{:.0f}%"
        metric = lambda m: _neg_share(ctx, m)
    rows = []
    seg_arr = seg.to_numpy(dtype=object)
    for value in values.index:
        est, lo, hi, n = metric(seg_arr == value)
        small = n < _MIN_N
        differs = math.isfinite(lo) and (lo > overall or hi < overall)
        style = "small" if small else (("pos" if (est > overall) == hib else "neg") if differs else "ns")
        rows.append(ForestRow(str(value), est, lo, hi, style, f"n={n:,}" + (" · small n" if small else "")))
    chart = forest_plot(rows, title=f"{name} by {col}", x_label=f"{name} · 95% CI", ref=overall,
                        ref_label=f"overall {fmt.format(overall).replace('-', chr(0x2212))}", fmt=fmt)
    # theme share heat table
    mn = ctx.mn
    heat = ""
    if len(mn) and len(ctx.themes):
        themes = list(ctx.themes["theme"].head(8))
        cols = list(values.index[:8])
        hits = mn[["row", "theme"]].drop_duplicates()
        hits = hits[hits["theme"].isin(themes)]
        hits = hits.assign(seg=seg_arr[hits["row"].to_numpy()])
        ct = hits.groupby(["theme", "seg"]).size()
        base = pd.Series(seg_arr[ctx.analysed]).value_counts()
        head = "".join(f"<th class=num>{escape(c)}</th>" for c in cols)
        body = ["<tr><td class=muted>Analysed comments</td>" + "".join(
            f"<td class=num>{int(base.get(c, 0)):,}</td>" for c in cols) + "</tr>"]
        neg = pd.Series(seg_arr[ctx.analysed & (cm["sentiment"] == "negative").to_numpy()]).value_counts()
        neg_shares = [neg.get(c, 0) / base.get(c, 1) if base.get(c, 0) else math.nan for c in cols]
        neg_top = max([s for s in neg_shares if math.isfinite(s)], default=0.0)
        body.append("<tr><td>Negative sentiment</td>" + "".join(
            _heat_cell(s, neg_top, "neg") for s in neg_shares) + "</tr>")
        for t in themes:
            shares = [ct.get((t, c), 0) / base.get(c, 1) if base.get(c, 0) else math.nan for c in cols]
            top = max([s for s in shares if math.isfinite(s)], default=0.0)
            body.append(f"<tr><td>{escape(ctx.label(t))}</td>"
                        + "".join(_heat_cell(s, top, "acc") for s in shares) + "</tr>")
        heat = (f'<table class="heat"><thead><tr><th>Share of comments</th>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>"
                '<p class="keys">Shading is relative to the highest value in each row.</p>')
    return f"<h3>By {escape(col)}</h3>" + note + chart + heat


def _heat_cell(share: float, top: float, kind: str) -> str:
    if not math.isfinite(share):
        return "<td class=num>–</td>"
    alpha = 0.0 if not top or not math.isfinite(top) else 0.42 * share / top
    rgb = {"neg": "200,85,61", "neu": "120,120,128"}.get(kind, "35,57,93")
    return f'<td class=num style="background:rgba({rgb},{alpha:.2f})">{_pct(share)}</td>'


def render_segments(ctx: Any) -> str | None:
    if not ctx.segments:
        return None
    role = ctx.primary
    what = (f"{_metric_name(ctx, role)}" if role else "the share of negative comments")
    lede = (f'<p class="lede">{escape(what)} by segment against the overall value (dashed line). Coloured '
            "points differ from the overall value beyond their 95% interval; hollow points have fewer than "
            f"{_MIN_N} responses. The table shows how often the main themes come up in each segment.</p>")
    return lede + "".join(_segment_block(ctx, col) for col in ctx.segments)


# -- trends ------------------------------------------------------------------------------------
def _score_trend(ctx: Any) -> pd.DataFrame:
    from cxtext.scores import score_trends

    role = ctx.primary
    return _cached(ctx, "score_trend", lambda: ctx.run(score_trends, ctx.roles[role], ctx.period, kind=role))


def _neg_trend(ctx: Any) -> pd.DataFrame:
    """Share of negative comments per period (a 0/100 indicator: Wilson intervals, two-proportion tests)."""
    from cxtext.scores import score_trends
    from cxtext.scores._base import replace_result

    def compute() -> pd.DataFrame:
        cm = ctx.cm.copy()
        flag = np.where(ctx.analysed, (cm["sentiment"] == "negative").to_numpy(dtype=float), np.nan)
        cm["_negative_share"] = flag * 100.0
        res = replace_result(ctx.result, cm, dict(ctx.result.info or {}))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return score_trends(res, "_negative_share", ctx.period, metric="share")

    return _cached(ctx, "neg_trend", compute)


def _points(tr: pd.DataFrame, fmt: str) -> list[TrendPoint]:
    pts = []
    for r in tr.itertuples():
        note = fmt.format(r.change).replace("-", "\u2212") if r.significant else ""
        pts.append(TrendPoint(str(r.period), float(r.value), float(r.ci_low), float(r.ci_high), int(r.n),
                              str(r.direction), note))  # a period without responses: NaN value, n 0
    return pts


def _sparse_periods_note(ctx: Any, per: str) -> str:
    """A warning when most periods between the first and last date have no responses (stray dates?)."""
    from cxtext.scores.join import period_range
    from cxtext.scores.trends import mostly_gaps

    col = f"period_{per}"
    have = ctx.cm[col].dropna().astype(str).unique() if col in ctx.cm.columns else []
    if len(have) < 2:
        return ""
    span = period_range(min(have), max(have), per)
    if not mostly_gaps(len(have), len(span)):  # the rule by which the trend tables leave gaps unfilled
        return ""
    return (f'<p class="warn">The dates run from {escape(span[0])} to {escape(span[-1])}, but only {len(have):,} '
            f"of those {len(span):,} {per}s have responses, so the charts join periods far apart. Check the "
            "date column for stray values (a mistyped year).</p>")


def render_trends(ctx: Any) -> str | None:
    if ctx.date is None:
        return None
    if ctx.period is None:
        return '<p class="empty">The date column has no valid dates.</p>'
    per = ctx.period
    lede = (f'<p class="lede">By {per}, with 95% confidence bands. Arrows mark changes from the previous '
            f"{per} that are statistically significant (z-test, Benjamini–Hochberg corrected, at least "
            f"{_MIN_N} responses in both {per}s). Hollow points have fewer than {_MIN_N} responses and are "
            f"not tested; a {per} without responses breaks the line.</p>")
    out = [lede, _sparse_periods_note(ctx, per)]
    role = ctx.primary
    if role is not None:
        tr = _score_trend(ctx)
        label = "NPS" if role == "nps" else f"Mean {_ROLE_NAME[role]} ({_scale_text(ctx, role)})"
        fmt = "{:+.0f}" if role == "nps" else "{:+.2f}"
        out.append(f"<h3>{escape(label)}</h3>" + line_chart(
            _points(tr, fmt), title=f"{label} by {per}", y_label=label.split(" (")[0],
            fmt="{:g}", higher_is_better=ctx.higher_is_better(role), min_n=_MIN_N))
    neg = _neg_trend(ctx)
    out.append("<h3>Negative comments</h3>" + line_chart(
        _points(neg, "{:+.0f} pts"), title=f"Share of negative comments by {per}", y_label="% negative",
        fmt="{:g}%", higher_is_better=False, min_n=_MIN_N))
    from cxtext.scores import theme_trends

    # theme_trends needs at least one mention (it fails on an empty mentions table)
    tt = _cached(ctx, "theme_trends", lambda: ctx.run(theme_trends, per)) if len(ctx.mn) else pd.DataFrame()
    sig = tt[tt["significant"]].sort_values("q_value").head(12) if len(tt) else tt
    if len(sig):
        body = "".join(
            f"<tr><td>{escape(str(r.period))}</td><td>{escape(ctx.label(r.theme))}</td>"
            f"<td class=num>{_pct(r.prev_share)} → {_pct(r.share)}</td>"
            f"<td class=\"num {'down' if r.change > 0 else 'up'}\">{_num(100 * r.change, 1, True)} pts</td>"
            f"<td class=num>{r.q_value:.3g}</td></tr>" for r in sig.sort_values(["period", "q_value"]).itertuples())
        out.append("<h3>Significant theme movements</h3><table><thead><tr><th>Period</th><th>Theme</th>"
                   "<th class=num>Share of comments</th><th class=num>Change</th><th class=num>q</th></tr>"
                   f"</thead><tbody>{body}</tbody></table>")
    else:
        out.append(f'<h3>Theme movements</h3><p class="empty">No theme share changed significantly from one '
                   f"{per} to the next.</p>")
    return "".join(out)


# -- emotions ----------------------------------------------------------------------------------
def render_emotions(ctx: Any) -> str | None:
    from cxtext.scores._base import emotions_not_read

    cm = ctx.cm
    if "emotions" not in cm.columns:
        return None
    if emotions_not_read(ctx.result):
        return ('<p class="empty">Emotions were not read in this run (switched off); analyse again without '
                "<code>--emotions none</code> to see them.</p>")
    per_row = [[str(e) for e in v if str(e) and str(e) != "none"] if isinstance(v, (list, tuple, np.ndarray)) else []
               for v in cm["emotions"][ctx.analysed]]
    flat = pd.Series([e for felt in per_row for e in felt], dtype=object)
    n = int(ctx.analysed.sum())
    if not len(flat) or not n:
        return '<p class="empty">No emotions were detected in the analysed comments.</p>'
    counts = flat.value_counts()
    top = counts.max()
    rows = "".join(
        f'<tr><td>{escape(str(e).capitalize())}</td><td style="width:60%"><div class="split" '
        f'style="margin:4px 0"><span class="{_emotion_class(str(e))}" '
        f'style="width:{100 * c / top:.1f}%"></span></div></td><td class=num>{c:,}</td>'
        f"<td class=num>{_pct(c / n, 1)}</td></tr>" for e, c in counts.items())
    none = sum(not felt for felt in per_row)
    return ('<p class="lede">Emotions detected in the analysed comments, each read from the whole comment '
            "and, in a long comment, from its sentences too (a comment can carry several; shares of the "
            "analysed comments). "
            f"<b>{none:,} of the {n:,} analysed comments ({_pct(none / n)}) carry none of the eight emotions</b>: "
            "the models find emotions that are named or plainly shown, and read many complaints told as facts "
            "as no emotion, so read the mix, not its absence.</p>"
            "<table><thead><tr><th>Emotion</th><th></th><th class=num>Comments</th>"
            f"<th class=num>Share</th></tr></thead><tbody>{rows}</tbody></table>" + _emotions_by_theme(ctx))


def _emotions_by_theme(ctx: Any) -> str:
    """The emotion mix of the themes named by most comments (share of those comments), or ``""``."""
    from cxtext.scores.theme_emotions import theme_emotions

    mn = ctx.mn
    if not len(mn) or "emotions" not in mn.columns:
        return ""
    table = theme_emotions(ctx.result, normalize=True, top=10)
    felt = [e for e in table.columns[3:] if table[e].gt(0).any()]
    if not felt:
        return ""
    head = "".join(f"<th class=num>{escape(str(e).capitalize())}</th>" for e in felt)
    top = float(table[felt].to_numpy().max())  # one scale for the whole table
    body = []
    for theme, row in table.iterrows():
        body.append(f"<tr><td>{escape(ctx.label(str(theme)))}</td><td class=num>{int(row['comments']):,}</td>"
                    f"<td class=num>{_pct(float(row['with_emotion']))}</td>"
                    + "".join(_heat_cell(float(row[e]), top, _emotion_class(str(e))) for e in felt) + "</tr>")
    return ("<h3>By theme</h3>"
            '<p class="lede">Of the comments naming each theme, the share that feel each emotion about it: '
            "the emotions of the clauses that name the theme (and of a short clause without a theme beside "
            "them, never across a \u201cbut\u201d). A comment counts once per theme. Read shares of small "
            "themes with care.</p>"
            f'<table class="heat"><thead><tr><th>Theme</th><th class=num>Comments</th>'
            f"<th class=num>Any emotion</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            '<p class="keys">Shading is relative to the highest share in the table: red negative emotions, '
            "grey confusion, blue positive ones.</p>")


# -- quotes ------------------------------------------------------------------------------------
def highlight(text: str, start: int, end: int, evidence: str | None = None, context: int = 110) -> str:
    """``text`` HTML-escaped with ``text[start:end]`` in ``<mark>``, trimmed to ``context`` chars each side.

    When the offsets do not point at ``evidence`` the evidence is searched for;
    failing that, the evidence alone is shown.

    Examples
    --------
    >>> highlight("Staff <b>rude</b> but quick", 0, 17)
    '<mark>Staff &lt;b&gt;rude&lt;/b&gt;</mark> but quick'
    """
    text = "" if text is None else str(text)
    ev = None if _missing(evidence) else str(evidence)
    ok = 0 <= start < end <= len(text) and (not ev or text[start:end] == ev)
    if not ok:
        i = text.find(ev) if ev else -1
        if i < 0:
            return f"<mark>{escape(ev or text[:2 * context])}</mark>"
        start, end = i, i + len(ev)
    pre, mid, post = text[:start], text[start:end], text[end:]
    if len(pre) > context:
        cut = pre[-context:]
        pre = "… " + (cut.split(" ", 1)[1] if " " in cut else cut)
    if len(post) > context:
        cut = post[:context]
        post = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"
    return f"{escape(pre)}<mark>{escape(mid)}</mark>{escape(post)}"


def _quote_meta(ctx: Any, row: int, cid: Any) -> str:
    cm = ctx.cm
    bits = [f"#{cid}"]
    for role, col in ctx.roles.items():
        v = cm[col].iloc[row]
        if not _missing(v):
            bits.append(f"{_ROLE_NAME[role]} {v:g}")
    for col in ctx.segments[:3]:
        v = cm[col].iloc[row]
        if not _missing(v) and str(v).strip():
            bits.append(str(v))
    if ctx.date and ctx.date in cm.columns:
        v = cm[ctx.date].iloc[row]
        if not _missing(v) and str(v).strip():
            bits.append(str(v)[:10])
    return escape(" · ".join(bits))


def _contradicting_rows(ctx: Any) -> np.ndarray:
    """Rows whose comment sentiment contradicts the report's main score (:func:`cxtext.review_queue`'s
    first two reasons), so that no example quote pairs praise with a detractor's score."""
    out = np.zeros(len(ctx.cm), dtype=bool)
    role = ctx.primary
    if role is None:
        return out
    from cxtext.errors import CxTextError
    from cxtext.scores.review import REASONS, review_queue

    try:
        queue = ctx.run(review_queue, ctx.roles[role], role, warn=False)
    except CxTextError:
        return out
    flagged = queue[queue["reason"].astype(str).str.contains(f"{REASONS[0]}|{REASONS[1]}", regex=True)]
    id_col = getattr(ctx.result, "id", None)
    ids = ctx.cm[id_col] if id_col is not None and id_col in ctx.cm.columns else pd.Series(ctx.cm.index)
    out[np.asarray(ids.isin(set(flagged["comment_id"])), dtype=bool)] = True
    return out


def render_quotes(ctx: Any) -> str:
    mn = ctx.mn
    if not len(mn) or "text_clean" not in ctx.cm.columns:
        if ctx.mentions_missing:
            return _MENTIONS_MISSING
        return '<p class="empty">No theme mentions, so no quotes to show.</p>'
    cm = ctx.cm
    texts = cm["text_clean"].to_numpy(dtype=object)
    dup = cm["is_duplicate"].fillna(False).to_numpy(dtype=bool) if "is_duplicate" in cm.columns else None
    pool = mn if dup is None else mn[~dup[mn["row"].to_numpy()]]
    distress = np.array([isinstance(t, str) and _DISTRESS.search(t) is not None for t in texts], dtype=bool)
    pool = pool[~distress[pool["row"].to_numpy()]]
    contradicts = _contradicting_rows(ctx)
    pool = pool[~contradicts[pool["row"].to_numpy()]]
    sort = [c for c in ("confidence", "sentiment_confidence") if c in pool.columns]
    if "sentiment_confidence" in pool.columns:  # clearly read mentions first: a quote should not be a coin toss
        pool = pool.assign(_sure=pool["sentiment_confidence"].fillna(0).to_numpy() >= _SURE_QUOTE)
        sort = ["_sure", *sort]
    if sort:
        pool = pool.sort_values(sort, ascending=False, kind="stable")
    blocks = []
    for theme in list(ctx.themes["theme"].head(_QUOTE_THEMES)):
        q = pool[pool["theme"] == theme].drop_duplicates("row")
        picks = pd.concat([q[q["sentiment"] == "negative"].head(2), q[q["sentiment"] == "positive"].head(1)])
        if len(picks) < 3:
            picks = pd.concat([picks, q[~q.index.isin(picks.index)].head(3 - len(picks))])
        items = []
        for r in picks.itertuples():
            start = int(getattr(r, "start", -1)) if "start" in q.columns else -1
            end = int(getattr(r, "end", -1)) if "end" in q.columns else -1
            body = highlight(texts[r.row], start, end, getattr(r, "evidence", None))
            cls = _sent_class(r.sentiment)
            items.append(f'<blockquote class="{cls}">{body}<span class="meta">{_tag(str(r.sentiment), cls)} '
                         f"{_quote_meta(ctx, int(r.row), r.comment_id)}</span></blockquote>")
        if items:
            blocks.append(f'<div class="theme-quotes"><h3>{escape(ctx.label(theme))}</h3>{"".join(items)}</div>')
    review = ""
    if distress.any():
        rows = np.flatnonzero(distress)
        id_col = getattr(ctx.result, "id", None)
        ids = [str(cm[id_col].iloc[r]) if id_col in cm.columns else str(cm.index[r]) for r in rows[:20]]
        review = (f'<p class="warn">{len(rows):,} comment(s) speak of suicide or self-harm: read them one by '
                  f"one and follow your safeguarding process. They are never shown as example quotes. Ids: "
                  f"{escape(', '.join(ids))}{' …' if len(rows) > 20 else ''}.</p>")
    skipped = (f" Comments whose sentiment contradicts their {_ROLE_NAME[ctx.primary]} score (a good score "
               "with a clearly negative comment, or a bad score with a clearly positive one: often sarcasm or a "
               f"misreading; {int(contradicts.sum()):,} here, the first two reasons of "
               "<code>cxtext.review_queue</code>) are not quoted." if contradicts.any() else "")
    return (review + '<p class="lede">Representative comments for the main themes (highest-confidence mentions, '
            f"those whose sentiment was read with at least {_SURE_QUOTE:.0%} confidence first; duplicates "
            "skipped). The highlighted span is the evidence the theme was found in; "
            f"personal details were redacted before analysis.{skipped}</p>"
            f'<div class="quotes">{"".join(blocks)}</div>')


# -- method notes ------------------------------------------------------------------------------
def render_method(ctx: Any) -> str:
    cm, info = ctx.cm, ctx.result.info or {}

    def count(col: str) -> int:
        return int(cm[col].fillna(False).astype(bool).sum()) if col in cm.columns else 0

    n = len(cm)
    from cxtext.scores._base import other_language_mask

    other_lang = int(other_language_mask(cm, info)[0].sum())
    pii = int(cm["pii"].map(lambda v: bool(len(v)) if isinstance(v, (list, tuple)) else bool(v)).sum()) \
        if "pii" in cm.columns else 0
    analysed = ctx.analysed
    left = ~analysed

    def left_out(col: str) -> int:  # flagged rows the analysis left without sentiment
        return int((cm[col].fillna(False).astype(bool).to_numpy() & left).sum()) if col in cm.columns else 0

    empty, non_answers = left_out("is_empty"), left_out("is_non_answer")
    by_prompt = count("is_non_answer") - non_answers  # "Nothing." under "How could we improve?": positive
    read = (f" ({by_prompt:,} of them non-answers read by their survey prompt, e.g. \"Nothing\" under "
            "\"How could we improve?\")" if by_prompt else "")
    data = (f"{n:,} responses; {int(analysed.sum()):,} analysed{read}. Not analysed: {empty:,} empty, "
            f"{non_answers - empty:,} other non-answers (\"n/a\", \"nothing\"), {other_lang:,} in other languages. "
            f"{count('is_duplicate'):,} repeated comments (the same or nearly the same text as an earlier one, "
            "25+ characters; short answers such as \"Great service\" are never counted) kept but "
            "left out of quotes. "
            f"{pii:,} comments had personal details redacted; only redacted text is shown.")
    if info.get("sentiment_model"):
        models = (f"cxtext {escape(str(info.get('cxtext', '?')))}, preset {escape(str(info.get('preset', '?')))}; "
                  f"sentiment model {escape(str(info.get('sentiment_model')))}; themes "
                  f"{escape(str(info.get('themes', '?')))} with taxonomy {escape(str(info.get('taxonomy') or 'custom'))}.")
    else:
        models = ("Not recorded with these results (the analysis output has no run-information file "
                  "<code>NAME.info.json</code>). Report made with cxtext "
                  f"{escape(str(info.get('cxtext') or _version()))}.")
    scores = []
    for role, rec in (info.get("scores") or {}).items():
        counts = {c["status"]: c["count"] for c in rec.get("counts", []) if "status" in c and "count" in c}
        detail = ", ".join(f"{v:,} {k}" for k, v in counts.items())
        left_out = " Left out of the report: no (or too few) valid scores." if role in ctx.dropped else ""
        scores.append(f"{_ROLE_NAME.get(role, role)}: column <code>{escape(str(rec.get('column')))}</code> "
                      f"({escape(_scale_text(ctx, role))}){'; ' + escape(detail) if detail else ''}.{left_out}")
    dl = [("Data", escape(data)), ("Models", models)]
    if scores:
        dl.append(("Scores", " ".join(scores)))
    dl += [
        ("Sentiment", ("Each comment is scored as a whole; each theme mention takes the sentiment of its "
         "clause, so \"great staff but slow delivery\" counts as positive staff and negative delivery.")),
        ("Themes", ("Shares are of analysed comments; a comment can name several themes. Bars count "
         "mentions.")),
        ("NPS interval", ("Adjusted Wald interval (Rocks 2016): add ¾ promoter and ¾ detractor, then the "
         "multinomial variance of the difference. Percentages (CSAT, CES, shares) use Wilson intervals.")),
        ("Drivers", ("Least squares of the score on one 0/1 indicator per theme × sentiment (with an "
         f"intercept), so each impact controls for the other themes in the comment. 95% percentile "
         f"intervals from {ctx.n_boot} case-bootstrap resamples (seeded, reproducible). Drivers with fewer "
         f"than {_MIN_N} comments are shown hollow and never called significant.")),
        ("Trends", ("Consecutive periods compared with a z-test (Fisher's exact test for small counts "
         "of shares); p-values corrected for the number of comparisons with Benjamini–Hochberg (q &lt; 0.05). "
         "Shares have Wilson intervals; intervals of mean scores are clipped to the scale, and a period with "
         f"one response has none. Periods with fewer than {_MIN_N} responses are not tested.")),
        ("Caveats", ("Drivers are associations, not proof of cause. Keyword themes miss paraphrases and can "
         "misfire on unusual wording; model sentiment is wrong on some comments (sarcasm, mixed feelings). "
         "People who leave comments are not a random sample of customers. Treat small segments and "
         "single-period moves with care.")),
    ]
    notes = "".join(f'<p class="warn">{escape(str(m))}</p>' for m in ctx.notes)
    if notes:
        notes = "<h3>Data-quality warnings</h3>" + notes
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in dl)
    return f'<dl class="notes">{items}</dl>{notes}'


def _version() -> str:
    from cxtext import __version__

    return __version__


#: Page order.
SECTIONS: tuple[Section, ...] = (
    Section("overview", "Overview", render_overview),
    Section("themes", "Themes", render_themes),
    Section("drivers", "Drivers", render_drivers),
    Section("segments", "Segments", render_segments),
    Section("trends", "Trends", render_trends),
    Section("emotions", "Emotions", render_emotions),
    Section("quotes", "Example quotes", render_quotes),
    Section("method", "Method notes", render_method),
)


def render_section(section: Section, ctx: Any) -> str:
    """The ``<section>`` HTML, or ``""`` when the section does not apply.

    A :class:`~cxtext.errors.CxTextError` inside a section (too few scores, no
    valid dates ...) becomes a note in that section instead of failing the page.
    """
    try:
        inner = section.render(ctx)
    except CxTextError as err:
        logger.warning("Report section %r left out: %s", section.id, err)
        inner = f'<p class="warn">This section could not be computed: {escape(str(err))}</p>'
    if inner is None:
        return ""
    return f'<section id="{section.id}"><h2>{escape(section.title)}</h2>{inner}</section>'
