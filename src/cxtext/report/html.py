"""One self-contained HTML report from an analysis result.

:func:`render_report` returns the page as a string; :func:`build_report`
writes it atomically. The page has no scripts, no external files and no
network access (a Content-Security-Policy forbids them as a second line of
defence): CSS is inline and the charts are inline SVG drawn by
:mod:`cxtext.report.svg`. Every piece of comment text is HTML-escaped, and
only ``text_clean`` (PII already redacted) is shown.

Sections: overview (score cards, sentiment split, key findings), themes
(volume x sentiment), drivers (impact with confidence intervals), segments,
trends, emotions (only when the comments have an ``emotions`` column), example
quotes with the evidence highlighted, and method notes. Sections whose inputs
are missing (no score, no date, no segment) are left out or explain what to
pass; a section that cannot be computed says why instead of failing the page.
A score column with no valid value, or with more invalid values than valid
ones (labels given as ``--csat``, the comment column as ``--nps``), is left out
of the report with a data-quality warning, and the report is built from the
other scores.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError
from cxtext.report import sections
from cxtext.report.style import CSS

__all__ = ["build_report", "render_report"]

logger = logging.getLogger(__name__)

_ROLES = ("nps", "csat", "ces")
_INVALID_STATUS = ("non_numeric", "unknown_label", "out_of_range", "not_integer")  # as in scores.scales
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "script-src 'none'; base-uri 'none'; form-action 'none'")


@dataclasses.dataclass
class ReportContext:
    """Everything a section needs: the joined result and the report options."""

    result: Any
    title: str
    roles: dict[str, str]
    segments: list[str]
    date: str | None
    n_boot: int
    random_state: int | None
    notes: list[str]
    generated: str
    dropped: dict[str, str] = dataclasses.field(default_factory=dict)
    """Score roles left out as unusable (no or too few valid values): role -> column name."""

    @cached_property
    def cm(self) -> pd.DataFrame:
        return self.result.comments

    @cached_property
    def mn(self) -> pd.DataFrame:
        from cxtext.scores._base import mention_rows

        mn = mention_rows(self.result)
        return mn[mn["theme"].notna()]

    @property
    def mentions_missing(self) -> bool:
        """The result was read from a file whose mentions file was not found (:func:`~cxtext.report.load_result`)."""
        return bool((getattr(self.result, "info", None) or {}).get("mentions_file_missing"))

    @cached_property
    def analysed(self) -> np.ndarray:
        from cxtext.scores._base import analysed_mask

        return analysed_mask(self.cm)

    @property
    def primary(self) -> str | None:
        """The score that drives the driver, segment and trend views (NPS > CSAT > CES)."""
        return next((r for r in _ROLES if r in self.roles), None)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Theme id -> human label (packaged taxonomy, else the id tidied)."""
        return _default_labels()

    def label(self, theme: Any) -> str:
        t = str(theme)
        return self.labels.get(t) or t.replace("_", " ").strip().capitalize()

    def scale(self, role: str) -> dict[str, Any]:
        return dict(self.result.info.get("scores", {}).get(role, {}).get("scale", {}))

    def higher_is_better(self, role: str | None) -> bool:
        return bool(self.scale(role).get("higher_is_better", True)) if role else True

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a scores function quietly; CxTextError propagates to the section."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(self.result, *args, **kwargs)

    @cached_property
    def themes(self) -> pd.DataFrame:
        from cxtext.scores import theme_table

        # an explicit list: None would bring back the joined scores left out as unusable
        return self.run(theme_table, scores=list(self.roles.values()), n_quotes=0)

    @cached_property
    def drivers(self) -> pd.DataFrame | None:
        from cxtext.scores import drivers

        role = self.primary
        if role is None:
            return None
        return self.run(drivers, self.roles[role], role, n_boot=self.n_boot, random_state=self.random_state,
                        min_n=sections._MIN_N)

    @cached_property
    def period(self) -> str | None:
        """``month`` when the data spans three months or more, else ``week`` (None without a date)."""
        if self.date is None or "period_month" not in self.cm.columns:
            return None
        return "month" if self.cm["period_month"].nunique() >= 3 else "week"


@functools.lru_cache(maxsize=1)
def _default_labels() -> dict[str, str]:
    """Labels of the packaged taxonomy's themes.

    Read with libyaml's C loader when available: the full, validating
    :func:`cxtext.load_taxonomy` parses with line tracking and takes ~0.5 s,
    too slow for a report that only needs ``id -> label``.
    """
    from importlib.resources import files

    import yaml

    try:
        text = files("cxtext.themes").joinpath("default_taxonomy.yaml").read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return {str(t["id"]): str(t["label"]) for t in data.get("themes", []) if "id" in t and "label" in t}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as err:  # pragma: no cover
        logger.debug("Default taxonomy labels not available: %s", err)
        return {}


def _join(result: Any, nps: str | None, csat: str | None, ces: str | None, csat_scale: Any,
          ces_scale: Any, segments: Sequence[str], date: str | None,
          dayfirst: bool | None = None) -> tuple[Any, list[str]]:
    """join_scores with its warnings captured as report notes."""
    from cxtext.scores import join_scores

    notes: list[str] = []
    if not any((nps, csat, ces, segments, date)):
        return result, notes
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        joined = join_scores(result, nps=nps, csat=csat, ces=ces, csat_scale=csat_scale,
                             ces_scale=ces_scale, segments=list(segments), date=date,
                             periods=("week", "month"), dayfirst=dayfirst)
    notes.extend(str(w.message) for w in caught)
    return joined, notes


def _status_text(counts: Sequence[dict[str, Any]]) -> str:
    """``"600 non-numeric (e.g. 'Very satisfied', 'Satisfied')"`` from ``info["scores"][role]["counts"]``.

    Examples
    --------
    >>> _status_text([{"status": "valid", "count": 4}, {"status": "missing", "count": 2},
    ...               {"status": "non_numeric", "count": 9, "examples": ["ok", "x" * 40]}])
    "9 non-numeric (e.g. 'ok', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'); 2 missing"
    """
    parts = []
    for c in sorted(counts, key=lambda c: c.get("status") not in _INVALID_STATUS):  # invalid first
        if c.get("status") == "valid" or not c.get("count"):
            continue
        ex = [str(e) if len(str(e)) <= 30 else str(e)[:29] + "…" for e in list(c.get("examples") or [])[:3]]
        eg = f" (e.g. {', '.join(repr(e) for e in ex)})" if ex else ""
        parts.append(f"{int(c['count']):,} {str(c['status']).replace('_', '-')}{eg}")
    return "; ".join(parts) or "no values"


def _unusable(cm: pd.DataFrame, role: str, rec: dict[str, Any]) -> str | None:
    """Why the joined ``role`` score cannot be used (a clause for a message), or ``None`` if it can.

    Unusable: no valid value at all, or fewer valid values than invalid ones
    (the column is mostly text or labels, e.g. the comment column given as NPS).
    """
    from cxtext.scores._base import scale_from_info

    n_valid = int(np.isfinite(pd.to_numeric(cm[f"{role}_score"], errors="coerce").to_numpy(dtype=float)).sum())
    counts = list(rec.get("counts") or [])
    n_invalid = sum(int(c.get("count", 0)) for c in counts if c.get("status") in _INVALID_STATUS)
    if n_valid and n_invalid <= n_valid:
        return None
    try:
        what = scale_from_info(rec).describe()
    except (KeyError, TypeError, ValueError):
        what = "scores"
    if not n_valid:
        return f"has no valid {what}: {_status_text(counts)}"
    return f"is mostly not {what}: only {n_valid:,} of {len(cm):,} values are valid; {_status_text(counts)}"


def _usable_roles(joined: Any, notes: list[str]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Split the joined score roles into usable ones and unusable ones (see :func:`_unusable`).

    Returns ``(roles, dropped, notes)``: role -> score column for the usable
    roles, role -> original column for the dropped ones, and the notes with
    one CX402 note per dropped role (replacing its CX401 invalid-values note).
    """
    info = getattr(joined, "info", None) or {}
    recorded = info.get("scores", {})
    cm = joined.comments
    roles: dict[str, str] = {}
    dropped: dict[str, str] = {}
    for role in _ROLES:
        col = f"{role}_score"
        if role not in recorded or col not in cm.columns:
            continue
        why = _unusable(cm, role, recorded[role])
        if why is None:
            roles[role] = col
            continue
        source = str(recorded[role].get("column", col))
        name = role.upper()
        dropped[role] = source
        notes = [n for n in notes if not (n.startswith("[CX401]") and f"column {source!r}" in n[:120])]
        notes.append(
            f"[CX402] {name} column {source!r} {why}. {name} is left out of the report; the other "
            "sections are computed without it. Pass the right column, or recode its answers as numbers "
            "on the scale."
        )
    return roles, dropped, notes


def _emit(notes: Sequence[str]) -> None:
    """Issue each data-quality note as a :class:`~cxtext.scores.ScoreWarning` (the CLI prints them)."""
    from cxtext.scores import ScoreWarning

    for note in notes:
        warnings.warn(note, ScoreWarning, stacklevel=3)


def render_report(result: Any, *, nps: str | None = None, csat: str | None = None,
                  ces: str | None = None, csat_scale: Any = None, ces_scale: Any = None,
                  segments: Sequence[str] = (), date: str | None = None,
                  title: str = "Customer feedback report", n_boot: int = 1000,
                  random_state: int | None = 0, dayfirst: bool | None = None) -> str:
    """Render the HTML report of an analysis result as a string.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze` or :func:`cxtext.report.load_result`
        (optionally already passed through :func:`cxtext.join_scores`).
    nps, csat, ces : str, optional
        Score columns of ``result.comments`` (0-10 NPS; CSAT default 1-5 with
        satisfied = 4-5; CES default 1-7 with easy = 5-7). Without any, the
        report shows sentiment and themes only. Scores already joined are used
        when none is given.
    csat_scale, ces_scale : Scale or (low, high), optional
        Scales for CSAT/CES, e.g. ``cxtext.ces_scale(easy="low")`` when 1 = very easy.
    segments : sequence of str, default=()
        Segment columns (channel, region ...) for the segment view.
    date : str, optional
        Date column for the trend view (monthly when the data spans three
        months or more, else weekly).
    title : str, default="Customer feedback report"
    n_boot : int, default=1000
        Bootstrap resamples for the driver confidence intervals.
    random_state : int or None, default=0
        Seed of the bootstrap (the report is reproducible).
    dayfirst : bool, optional
        Order of numeric dates such as ``04/05/2026`` in ``date``: True = day
        first, False = month first, None = read off the column (see
        :func:`cxtext.scores.add_periods`).

    Returns
    -------
    str
        A complete HTML document.

    Raises
    ------
    ColumnNotFoundError
        A named column is not in ``result.comments``.

    Warns
    -----
    ScoreWarning
        One per data-quality note of the report: invalid scores or dates, and
        each score column left out because it has no valid value or more
        invalid values than valid ones (every section is then computed with
        the remaining scores; with none left, the score views say so).

    Examples
    --------
    >>> import pandas as pd
    >>> from cxtext.analyzer import AnalysisResult
    >>> cm = pd.DataFrame({"id": [1, 2], "text_clean": ["Slow <b>app</b>", "Great staff"],
    ...                    "sentiment": ["negative", "positive"], "nps": ["3", "10"]})
    >>> mn = pd.DataFrame({"comment_id": [1], "theme": ["app"], "sentiment": ["negative"],
    ...                    "start": [0], "end": [4], "evidence": ["Slow"], "confidence": [0.9]})
    >>> page = render_report(AnalysisResult(cm, mn, id="id"), nps="nps", n_boot=50)
    >>> page.startswith("<!DOCTYPE html>"), "<mark>Slow</mark> &lt;b&gt;app&lt;/b&gt;" in page
    (True, True)
    """
    from cxtext.scores._base import comments_of

    comments_of(result)
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 2:
        raise ConfigError(f"[CX301] 'n_boot' must be an int >= 2. Got {n_boot!r}.")
    if isinstance(segments, str):
        segments = [segments]
    joined, notes = _join(result, nps, csat, ces, csat_scale, ces_scale, segments, date, dayfirst)
    info = getattr(joined, "info", None) or {}
    roles, dropped, notes = _usable_roles(joined, notes)
    _emit(notes)
    if date is None and info.get("date"):
        date = info["date"].get("column")
    ctx = ReportContext(
        result=joined, title=title, roles=roles,
        segments=list(dict.fromkeys([*segments, *info.get("segments", [])])), date=date,
        n_boot=int(n_boot), random_state=random_state, notes=notes,
        generated=_dt.datetime.now().strftime("%d %B %Y, %H:%M"), dropped=dropped,
    )
    version = str(info.get("cxtext") or _version())
    body = []
    toc = []
    for sec in sections.SECTIONS:
        html_part = sections.render_section(sec, ctx)
        if html_part:
            body.append(html_part)
            toc.append(f'<a href="#{sec.id}">{escape(sec.title)}</a>')
    cmn = ctx.cm
    sub = (f"{len(cmn):,} responses · {int(ctx.analysed.sum()):,} comments analysed · "
           f"generated {escape(ctx.generated)}")
    src = info.get("source")
    if src:
        sub += f" · source {escape(Path(str(src)).name)}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="cxtext {escape(version)}">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f'<header class="top"><div class="wrap"><h1>{escape(title)}</h1><p>{sub}</p></div></header>'
        f'<nav class="toc"><div class="wrap">{"".join(toc)}</div></nav>'
        f'<main class="wrap">{"".join(body)}</main>'
        f'<footer>Made with cxtext {escape(version)} · self-contained report, '
        "no tracking, no external resources</footer></body></html>\n"
    )


def _version() -> str:
    from cxtext import __version__

    return __version__


def build_report(result: Any, path: str | os.PathLike[str], *, nps: str | None = None,
                 csat: str | None = None, ces: str | None = None, csat_scale: Any = None,
                 ces_scale: Any = None, segments: Sequence[str] = (), date: str | None = None,
                 title: str = "Customer feedback report", n_boot: int = 1000,
                 random_state: int | None = 0, dayfirst: bool | None = None) -> Path:
    """Write the HTML report of ``result`` to ``path`` (atomically) and return the path.

    Parameters are those of :func:`render_report`. The file is written to a
    temporary file in the same folder and moved into place, so a failed run
    never leaves a half-written report (or clobbers an old one).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from cxtext.analyzer import AnalysisResult
    >>> cm = pd.DataFrame({"text_clean": ["<script>alert(1)</script>"], "sentiment": ["neutral"]})
    >>> out = build_report(AnalysisResult(cm, pd.DataFrame(columns=["comment_id", "theme", "sentiment"])),
    ...                    pathlib.Path(tempfile.mkdtemp()) / "report.html")
    >>> "<script>" in out.read_text(encoding="utf-8")
    False
    """
    page = render_report(result, nps=nps, csat=csat, ces=ces, csat_scale=csat_scale,
                         ces_scale=ces_scale, segments=segments, date=date, title=title,
                         n_boot=n_boot, random_state=random_state, dayfirst=dayfirst)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a report is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    logger.info("Wrote report %s (%d kB).", path, len(page) // 1024)
    return path
