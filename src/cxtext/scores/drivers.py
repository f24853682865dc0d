"""Key-driver analysis: the impact of each theme x sentiment (and emotion) on a score.

Model
-----
One row per comment with a valid score; one 0/1 indicator per (theme,
sentiment) pair, 1 when the comment has at least one such mention. With
``source="emotions"`` (or ``"both"``) each CX emotion of the comment
(``result.comments["emotions"]``) is a driver too: its row has the emotion id in
``theme`` and ``"emotion"`` in ``sentiment``, and goes through the same
regression, intervals and flags as the theme drivers. Ordinary
least squares with an intercept::

    score = b0 + sum_j b_j * x_j + error

so ``impact`` = ``b_j`` is the score difference a mention makes *controlling for
the other themes in the same comment*. Comments without themes (empty,
non-answers, other languages) keep their score and sit in the baseline ``b0``.
Identical indicator columns cannot be told apart; a tiny ridge (``1e-9 * n``,
or ``ridge`` if larger) keeps the system solvable and splits their effect.
Nearly identical ones are told apart badly: their impacts can split a joint
effect any way, even with opposite signs. ``collinear_with`` names, for each
driver, the drivers that share at least :data:`COLLINEAR_OVERLAP` (80%) of
the comments holding either of them; read such a group's impacts together.

Uncertainty
-----------
``ci="bootstrap"`` (default): a case bootstrap over comments, seeded. It is
vectorised: rows with the same theme pattern are pooled, so each resample needs
only the pooled weights and one small ``q x q`` solve (``q`` = drivers + 1);
50,000 comments x 1,000 resamples take a few seconds. Percentile intervals;
``p_value`` is two-sided from the normal approximation ``impact / se`` with the
bootstrap standard error. A driver absent from a resample is left out of that
resample's statistics. ``ci="analytic"``: heteroskedasticity-robust (HC1)
standard errors with normal intervals -- instant, used by the coverage test.

A driver found in every comment is the intercept's column: it has no impact
(NaN, never ``significant``; ``collinear_with`` says so).

Small samples are kept but flagged: ``small_n`` is ``n < min_n``, and
``significant`` requires the interval to exclude 0 *and* ``n >= min_n``.
Drivers seen in fewer than 3 comments get no interval (NaN).

NPS counterfactual (``kind="nps"``)
-----------------------------------
For each negative driver: every comment with that negative mention has its
observed 0-10 score shifted by the fitted effect of the mention being neutral
instead (``-b_neg + b_neutral`` of the same theme; ``-b_neg`` when the
comment already has a neutral mention of it), then re-grouped
(promoter >= 8.5, detractor < 6.5, i.e. after rounding). When the neutral
driver is itself small (``n < min_n``, or absent) its coefficient is noise, so
``b_neutral`` is taken as 0: the complaint is moved to "no mention" instead
(``nps_change_basis`` says which: ``"neutral"`` or ``"no mention"``).
``nps_change`` is the NPS of the shifted scores minus the observed NPS,
``nps_if_neutral`` the shifted NPS; its interval re-applies the shift with
every bootstrap (or, for ``ci="analytic"``, normal-draw) coefficient, each
time to a Poisson resample of the complaining comments' scores (so it also
carries which comments happened to complain), and is NaN when the negative
driver has no interval (fewer than 3 comments).
Keeping each comment's own score keeps its residual, so only the modelled
part of the theme changes. Emotion drivers have no neutral counterpart, so
their ``nps_*`` cells are NaN.

The regression and bootstrap are written with numpy/scipy.sparse directly:
statsmodels is not a dependency, and scikit-learn has neither inference nor a
vectorised bootstrap.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError, InputError
from cxtext.scores._base import (
    comments_of,
    emotion_ids,
    mention_rows,
    require_emotions,
    resolve_score,
    segment_column,
    segment_values,
)
from cxtext.scores.scales import ScoreWarning

__all__ = ["COLLINEAR_OVERLAP", "DRIVER_COLUMNS", "DRIVER_SOURCES", "EMOTION_DRIVER", "drivers"]

logger = logging.getLogger(__name__)

#: Columns of :func:`drivers` output, in order (the ``nps_*`` ones only for ``kind="nps"``).
DRIVER_COLUMNS = [
    "theme", "sentiment", "n", "share", "impact", "ci_low", "ci_high", "se", "p_value", "small_n",
    "significant", "mean_with", "mean_without", "collinear_with",
    "nps_change", "nps_change_low", "nps_change_high", "nps_if_neutral", "nps_change_basis",
]
_SENTIMENTS = ("negative", "neutral", "positive")
#: Jaccard overlap of two drivers' comments from which ``collinear_with`` names them together.
COLLINEAR_OVERLAP = 0.8
_MIN_CI_N = 3
#: Values of the ``source`` parameter of :func:`drivers`.
DRIVER_SOURCES = ("themes", "emotions", "both")
#: The ``sentiment`` cell of an emotion driver (its ``theme`` cell holds the emotion id).
EMOTION_DRIVER = "emotion"


def _emotion_drivers(cm: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """(row position, emotion id) pairs of ``cm["emotions"]``."""
    from cxtext.errors import ColumnNotFoundError

    if "emotions" not in cm.columns:
        raise ColumnNotFoundError("emotions", available=list(cm.columns), role="emotions")
    rows: list[int] = []
    ids: list[str] = []
    for i, value in enumerate(cm["emotions"].tolist()):
        found = emotion_ids(value)
        rows.extend([i] * len(found))
        ids.extend(found)
    if not ids:
        logger.warning("No comment carries an emotion (were emotions switched off?); "
                       "there are no emotion drivers.")
    return np.asarray(rows, dtype=np.int64), ids


def _norm_cdf(x: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    return ndtr(x)


def _design(rows: np.ndarray, feats: np.ndarray, n: int, p: int) -> Any:
    """Binary CSR matrix (n x (p + 1)) with the intercept in column 0."""
    from scipy import sparse

    x = sparse.csr_matrix((np.ones(len(rows)), (rows, feats + 1)), shape=(n, p + 1))
    x.sum_duplicates()
    x.data[:] = 1.0
    x = x + sparse.csr_matrix((np.ones(n), (np.arange(n), np.zeros(n, dtype=int))), shape=(n, p + 1))
    x.sort_indices()
    return x.tocsr()


def _solve(xtx: np.ndarray, xty: np.ndarray, eps: np.ndarray) -> np.ndarray:
    """Solve (xtx + diag(eps)) b = xty, batched over leading axes."""
    a = xtx + np.diag(eps)
    return np.linalg.solve(a, xty[..., None])[..., 0]


def _patterns(x: Any) -> tuple[np.ndarray, Any]:
    """Group rows with identical design rows: (group per row, sparse pattern matrix G x q)."""
    from scipy import sparse

    keys: dict[tuple[int, ...], int] = {}
    grp = np.empty(x.shape[0], dtype=np.int64)
    ind, ptr = x.indices, x.indptr
    for i in range(x.shape[0]):
        grp[i] = keys.setdefault(tuple(ind[ptr[i]:ptr[i + 1]].tolist()), len(keys))
    g_rows: list[int] = []
    g_cols: list[int] = []
    for key, g in keys.items():
        g_rows.extend([g] * len(key))
        g_cols.extend(key)
    pat = sparse.csr_matrix((np.ones(len(g_rows)), (g_rows, g_cols)), shape=(len(keys), x.shape[1]))
    return grp, pat


def _outer_rows(pat: Any) -> Any:
    """Sparse G x q^2 matrix whose row g is vec(p_g p_g^T)."""
    from scipy import sparse

    q = pat.shape[1]
    rows, cols = [], []
    for g in range(pat.shape[0]):
        c = pat.indices[pat.indptr[g]:pat.indptr[g + 1]]
        rows.append(np.full(len(c) ** 2, g))
        cols.append((c[:, None] * q + c[None, :]).ravel())
    r, c = np.concatenate(rows), np.concatenate(cols)
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(pat.shape[0], q * q))


def _bootstrap(x: Any, y: np.ndarray, eps: np.ndarray, n_boot: int, seed: int | None) -> np.ndarray:
    """Case-bootstrap coefficients (n_boot x q); NaN where a column is absent from a resample."""
    n, q = x.shape
    grp, pat = _patterns(x)
    outer_t = _outer_rows(pat).T.tocsr()  # q^2 x G
    pat_t = pat.T.tocsr()                 # q x G
    n_groups = pat.shape[0]
    rng = np.random.default_rng(seed)
    batch = int(max(1, min(n_boot, 2e7 // max(n, q * q, 1))))
    out = np.empty((n_boot, q))
    done = 0
    while done < n_boot:
        b = min(batch, n_boot - done)
        idx = rng.integers(0, n, size=(b, n))
        flat = (np.arange(b)[:, None] * n_groups + grp[idx]).ravel()
        w = np.bincount(flat, minlength=b * n_groups).reshape(b, n_groups).astype(float)
        wy = np.bincount(flat, weights=y[idx].ravel(), minlength=b * n_groups).reshape(b, n_groups)
        xtx = np.asarray(outer_t @ w.T).T.reshape(b, q, q)
        xty = np.asarray(pat_t @ wy.T).T
        coef = _solve(xtx, xty, eps)
        coef[np.diagonal(xtx, axis1=1, axis2=2) == 0] = np.nan
        out[done:done + b] = coef
        done += b
    return out


def _fit(x: Any, y: np.ndarray, ridge: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """OLS (+ tiny ridge) coefficients, HC1 covariance, XtX and the ridge vector."""
    n, q = x.shape
    xtx = np.asarray((x.T @ x).todense())
    eps = np.full(q, max(ridge, 1e-9 * n))
    eps[0] = 1e-12 * n  # never shrink the intercept
    beta = _solve(xtx, np.asarray(x.T @ y).ravel(), eps)
    resid = y - x @ beta
    inv = np.linalg.inv(xtx + np.diag(eps))
    meat = np.asarray((x.T.multiply(resid**2) @ x).todense())
    cov = inv @ meat @ inv * (n / max(n - q, 1))
    return beta, cov, xtx, eps


def _nps_cat(v: np.ndarray) -> np.ndarray:
    return np.where(v >= 8.5, 1.0, np.where(v < 6.5, -1.0, 0.0))


def _nps_change(y: np.ndarray, x: Any, feat_idx: dict[tuple[str, str], int], coefs: np.ndarray,
                use_neutral: dict[str, bool],
                rng: np.random.Generator | None = None) -> dict[tuple[str, str], np.ndarray]:
    """Change in NPS points if each negative driver were neutral, for each coefficient vector row.

    ``use_neutral[theme]`` False: comments without a neutral mention of the theme
    lose the complaint without gaining the (too rarely seen) neutral effect.
    With ``rng`` (the interval's draws), each row also redraws which comments
    hold the complaint, as Poisson counts per score level (the Poisson
    bootstrap of those comments): without it, integer scores that no
    coefficient draw moves across a group boundary gave a zero-width interval.
    """
    n = len(y)
    levels = np.arange(11, dtype=float)
    base = _nps_cat(levels)
    xc = x.tocsc()
    out: dict[tuple[str, str], np.ndarray] = {}
    for (theme, sent), j in feat_idx.items():
        if sent != "negative":
            continue
        rows = xc.indices[xc.indptr[j + 1]:xc.indptr[j + 2]]
        neu = feat_idx.get((theme, "neutral"))
        if neu is not None:
            has_neu = np.zeros(n, dtype=bool)
            has_neu[xc.indices[xc.indptr[neu + 1]:xc.indptr[neu + 2]]] = True
            with_neu = has_neu[rows]
        else:
            with_neu = np.ones(len(rows), dtype=bool)
        add = neu is not None and use_neutral.get(theme, False)
        total = np.zeros(coefs.shape[0])
        for mask, add_neu in ((with_neu, False), (~with_neu, add)):
            if not mask.any():
                continue
            hist = np.bincount(np.clip(np.round(y[rows[mask]]), 0, 10).astype(int), minlength=11)
            shift = -coefs[:, j + 1] + (coefs[:, neu + 1] if add_neu else 0.0)
            moved = _nps_cat(levels[None, :] + np.nan_to_num(shift)[:, None])
            if rng is None:
                total += (moved - base[None, :]) @ hist
            else:
                total += ((moved - base[None, :]) * rng.poisson(hist, size=moved.shape)).sum(axis=1)
            total[np.isnan(shift)] = np.nan
        out[(theme, sent)] = 100.0 * total / n
    return out


def _nps_table(table: pd.DataFrame, y: np.ndarray, x: Any, names: list[tuple[str, str]], beta: np.ndarray,
               draws: np.ndarray, n_j: np.ndarray, min_n: int, alpha: float,
               rng: np.random.Generator) -> pd.DataFrame:
    """Add the ``nps_*`` counterfactual columns (see the module docstring) to ``table``."""
    feat_idx = {nm: j for j, nm in enumerate(names)}
    # a neutral driver too rare to estimate (small n) contributes 0: the complaint becomes "no mention"
    use_neutral = {t: bool(n_j[j] >= max(min_n, _MIN_CI_N)) for (t, s), j in feat_idx.items() if s == "neutral"}
    point = _nps_change(y, x, feat_idx, beta[None, :], use_neutral)
    boot = _nps_change(y, x, feat_idx, draws, use_neutral, rng)
    actual = 100.0 * _nps_cat(y).mean()
    chg = [point.get(nm, np.array([np.nan]))[0] for nm in names]
    bounds = [np.nanpercentile(boot[nm], [100 * alpha / 2, 100 * (1 - alpha / 2)])
              if nm in boot and n_j[j] >= _MIN_CI_N and np.isfinite(boot[nm]).any() else (np.nan, np.nan)
              for j, nm in enumerate(names)]
    table["nps_change"] = chg
    table["nps_change_low"] = [b[0] for b in bounds]
    table["nps_change_high"] = [b[1] for b in bounds]
    table["nps_if_neutral"] = actual + np.asarray(chg, dtype=float)
    basis = {nm: "neutral" if use_neutral.get(nm[0], False) else "no mention" for nm in point}
    table["nps_change_basis"] = [basis.get(nm) for nm in names]
    return table


def _collinear(x: Any, names: list[tuple[str, str]]) -> list[str]:
    """Per driver, the drivers it nearly always occurs with (``;``-joined, ``""`` for none).

    Two drivers are named together when the comments holding either of them
    hold both in at least :data:`COLLINEAR_OVERLAP` of cases (Jaccard overlap of
    their indicator columns): the regression cannot tell their effects apart
    well, so each one's impact may take any share of their joint effect, even
    opposite signs ("easy" tags both effort and ease_of_use).
    """
    xc = x.tocsc()[:, 1:]  # column 0 is the intercept
    both = np.asarray((xc.T @ xc).todense(), dtype=float)
    alone = np.diag(both)
    overlap = both / np.maximum(alone[:, None] + alone[None, :] - both, 1.0)
    np.fill_diagonal(overlap, 0.0)
    out = [""] * len(names)
    for j in range(len(names)):
        partners = np.flatnonzero(overlap[j] >= COLLINEAR_OVERLAP)
        out[j] = ";".join(f"{names[k][0]}:{names[k][1]}" for k in partners)
    return out


#: The columns of a driver's estimate, left empty where it cannot be estimated.
_ESTIMATES = ("impact", "ci_low", "ci_high", "se", "p_value", "nps_change", "nps_change_low", "nps_change_high",
              "nps_if_neutral")


def _identical_groups(x: Any) -> list[list[int]]:
    """Groups (of two or more) of drivers whose indicator columns are identical: the same comments."""
    xc = x.tocsc()[:, 1:]  # column 0 is the intercept
    xc.sort_indices()
    by_rows: dict[bytes, list[int]] = {}
    for j in range(xc.shape[1]):
        by_rows.setdefault(xc.indices[xc.indptr[j]:xc.indptr[j + 1]].tobytes(), []).append(j)
    return [group for group in by_rows.values() if len(group) > 1]


def _drivers_core(y: np.ndarray, m_rows: np.ndarray, m_feat: np.ndarray, names: list[tuple[str, str]],
                  *, kind: str | None, min_n: int, ci: str, n_boot: int, level: float,
                  seed: int | None, ridge: float, higher_is_better: bool = True) -> pd.DataFrame:
    n = len(y)
    present = np.zeros(len(names), dtype=bool)  # drivers that occur among these rows
    present[np.unique(m_feat)] = True
    remap = -np.ones(len(names), dtype=int)
    remap[present] = np.arange(present.sum())
    names = [nm for nm, keep in zip(names, present) if keep]
    m_feat = remap[m_feat]
    p = len(names)
    if p == 0:
        empty = pd.DataFrame(columns=DRIVER_COLUMNS[:14])
        empty.attrs["higher_is_better"] = higher_is_better
        return empty
    x = _design(m_rows, m_feat, n, p)
    n_j = np.asarray(x[:, 1:].sum(axis=0)).ravel().astype(int)
    beta, cov, _, eps = _fit(x, y, ridge)
    alpha = 1 - level
    rng = np.random.default_rng(seed)
    draws: np.ndarray | None = None
    constant = len(y) > 0 and float(np.ptp(y)) == 0.0
    if constant:  # every score equal: no theme moves it (the ridge would split the mean among
        # themes that cover every comment); exact zeros, no interval width, no p-value
        beta = np.concatenate([[float(y[0])], np.zeros(len(beta) - 1)])
        se, lo, hi = np.zeros_like(beta), beta.copy(), beta.copy()
        draws = np.tile(beta, (n_boot, 1)) if kind == "nps" else None
    elif ci == "bootstrap":
        draws = _bootstrap(x, y, eps, n_boot, seed)
        with np.errstate(all="ignore"):
            se = np.nanstd(draws, axis=0, ddof=1)
            lo, hi = np.nanpercentile(draws, [100 * alpha / 2, 100 * (1 - alpha / 2)], axis=0)
    else:
        from scipy.stats import norm

        se = np.sqrt(np.maximum(np.diag(cov), 0))
        z = norm.ppf(1 - alpha / 2)
        lo, hi = beta - z * se, beta + z * se
        if kind == "nps":
            draws = rng.multivariate_normal(beta, cov, size=n_boot, method="eigh")
    with np.errstate(divide="ignore", invalid="ignore"):
        p_value = 2 * (1 - _norm_cdf(np.abs(beta / se)))
    p_value[~(se > 0)] = np.nan  # no spread (a constant score): 0/0, not "p = 0"
    n_all = np.concatenate([[n], n_j])
    for arr in (lo, hi, se, p_value):
        arr[n_all < _MIN_CI_N] = np.nan  # one or two comments: no meaningful interval
    xd = x[:, 1:].tocsc()
    sums = np.asarray(xd.T @ y).ravel()
    mean_with = sums / np.maximum(n_j, 1)
    mean_without = (y.sum() - sums) / np.maximum(n - n_j, 1)
    table = pd.DataFrame({
        "theme": [t for t, _ in names], "sentiment": [s for _, s in names], "n": n_j,
        "share": n_j / n, "impact": beta[1:], "ci_low": lo[1:], "ci_high": hi[1:], "se": se[1:],
        "p_value": p_value[1:], "small_n": n_j < min_n,
        "significant": ((lo[1:] > 0) | (hi[1:] < 0)) & (n_j >= min_n) & (se[1:] > 0),  # se 0: not identified
        "mean_with": mean_with, "mean_without": np.where(n - n_j > 0, mean_without, np.nan),
        "collinear_with": _collinear(x, names),
    })
    if kind == "nps" and draws is not None:
        table = _nps_table(table, y, x, names, beta, draws, n_j, min_n, alpha, rng)
    everywhere = n_j >= n  # in every comment: the same column as the intercept, nothing to compare with
    if everywhere.any():
        unknown = [c for c in _ESTIMATES if c in table.columns]
        table.loc[everywhere, unknown] = np.nan
        table.loc[everywhere, "significant"] = False
        table.loc[everywhere, "collinear_with"] = "(intercept: in every comment)"
    for group in _identical_groups(x):  # the same comments: only their joint impact is estimable
        if everywhere[group].any():
            continue
        cols = np.asarray(group) + 1
        joint = float(beta[cols].sum())
        if draws is not None and not constant and ci == "bootstrap":
            low, high = np.nanpercentile(draws[:, cols].sum(axis=1), [100 * alpha / 2, 100 * (1 - alpha / 2)])
        else:
            from scipy.stats import norm

            spread = math.sqrt(max(float(cov[np.ix_(cols, cols)].sum()), 0.0))
            low, high = joint - norm.ppf(1 - alpha / 2) * spread, joint + norm.ppf(1 - alpha / 2) * spread
        together = " + ".join(f"{names[j][0]}:{names[j][1]}" for j in group)
        unknown = [c for c in _ESTIMATES if c in table.columns]
        table.loc[group, unknown] = np.nan
        table.loc[group, "significant"] = False
        table.loc[group, "collinear_with"] = (
            f"(same comments: {together}; their separate impacts cannot be estimated, only the joint "
            f"impact {joint:+.2f}, {round(100 * level)}% CI {low:+.2f} to {high:+.2f})")
    # the most harmful first: the most negative impact, the most positive where a lower score is better
    table = table.sort_values(["small_n", "impact"], ascending=[True, higher_is_better],
                              kind="stable").reset_index(drop=True)
    r2 = float(1 - np.sum((y - x @ beta) ** 2) / max(np.sum((y - y.mean()) ** 2), 1e-12))
    predictors = int(x.shape[1] - 1)  # the first column is the intercept
    adjusted = 1 - (1 - r2) * (n - 1) / (n - predictors - 1) if n > predictors + 1 else math.nan
    table.attrs.update({"n": int(n), "intercept": float(beta[0]), "kind": kind, "ci": ci, "level": level,
                        "r2": r2, "predictors": predictors, "adjusted_r2": float(adjusted),
                        "higher_is_better": higher_is_better})
    return table


#: Below this many comments per indicator single impacts are noisy (a warning here, a note in the report).
COMMENTS_PER_INDICATOR = 10


def _thin_fit(table: pd.DataFrame, ridge: float = 0.0) -> str:
    """What is wrong with a fit of too many indicators for its comments (``""`` when nothing).

    With no more comments than indicators and no ``ridge`` penalty the least-squares fit is
    exact, so no impact is identified and none is marked significant (in place).

    Examples
    --------
    >>> t = pd.DataFrame({"significant": [True]})
    >>> t.attrs.update(n=40, predictors=12)
    >>> _thin_fit(t)
    '40 comments for 12 indicators (fewer than ten per indicator): single impacts are noisy'
    >>> t.attrs.update(n=10, predictors=12)
    >>> _thin_fit(t), bool(t["significant"].any())
    ('10 comments for 12 indicators: the fit is exact, no impact is identified and none is marked significant', False)
    """
    n, predictors = int(table.attrs.get("n", 0)), int(table.attrs.get("predictors", 0))
    if not predictors:
        return ""
    if n <= predictors + 1 and ridge <= 0:
        if "significant" in table.columns:
            table["significant"] = False
        return (f"{n:,} comments for {predictors:,} indicators: the fit is exact, no impact is identified "
                "and none is marked significant")
    if n < COMMENTS_PER_INDICATOR * predictors:
        return (f"{n:,} comments for {predictors:,} indicators (fewer than ten per indicator): single impacts "
                "are noisy")
    return ""


def drivers(result: Any, score: str, kind: str | None = None, *, by: str | None = None,
            source: str = "themes", sentiments: Sequence[str] = _SENTIMENTS, min_n: int = 30,
            ci: str = "bootstrap", n_boot: int = 1000, level: float = 0.95,
            random_state: int | None = 0, min_confidence: float = 0.0, ridge: float = 0.0,
            warn: bool = True) -> pd.DataFrame:
    """Impact of each theme x sentiment (or emotion) on a score, controlling for the others.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze` (optionally after ``join_scores``).
    score : str
        A numeric score column of ``result.comments`` (strings such as ``"9"`` are
        fine; invalid values are reported with a warning and left out).
    kind : {None, "nps", "csat", "ces", "fft"}, default=None
        Scale of the score; ``None`` takes it from ``join_scores`` or from a column
        named exactly ``nps``/``csat``/``ces``, else any number. ``"nps"`` adds the
        ``nps_change`` counterfactual columns.
    by : str, optional
        Segment column (``"channel"``, ``"period_month"`` ...): one model per
        segment value, stacked with a leading ``by`` column.
    source : {"themes", "emotions", "both"}, default="themes"
        What the drivers are: theme x sentiment mentions, the comments' CX
        emotions (``result.comments["emotions"]``: lists of ids, or ``"a;b"``
        text as read back from CSV), or both in one model (each then controls
        for the other). Emotion rows have the emotion id in ``theme`` and
        ``"emotion"`` in ``sentiment``.
    sentiments : sequence of str, default=("negative", "neutral", "positive")
        Mention sentiments turned into drivers (theme drivers only).
    min_n : int, default=30
        Drivers with fewer comments are flagged ``small_n`` (kept, never ``significant``).
    ci : {"bootstrap", "analytic"}, default="bootstrap"
    n_boot : int, default=1000
        Bootstrap resamples.
    level : float, default=0.95
    random_state : int or None, default=0
        Seed (results are reproducible).
    min_confidence : float, default=0.0
        Ignore mentions whose tagger ``confidence`` is below this (theme drivers only).
    ridge : float, default=0.0
        Extra ridge penalty on the driver coefficients (not the intercept).
    warn : bool, default=True
        Warn about invalid score values, and about fits with fewer than ten comments per
        indicator (noisy impacts) or no more comments than indicators (impacts not identified:
        none is marked significant).

    Returns
    -------
    pandas.DataFrame
        :data:`DRIVER_COLUMNS`: ``theme``, ``sentiment``, ``n`` (comments with a
        valid score and that driver), ``share`` (``n`` over all rows with a valid
        score, blank comments included: not the theme table's share of analysed
        comments), ``impact`` (score points), ``ci_low``,
        ``ci_high``, ``se``, ``p_value``, ``small_n``, ``significant`` ... sorted
        with well-supported drivers first, the most harmful first: the most
        negative impact, or the most positive where a lower score is better (a
        CES scale with low = easy). ``attrs`` holds ``n``, ``intercept``, ``r2``,
        ``adjusted_r2``, ``predictors`` (the theme x sentiment indicators fitted),
        ``kind`` and ``higher_is_better`` (the score's direction).

    Raises
    ------
    ColumnNotFoundError
        ``score`` (or ``by``, or ``emotions`` for emotion drivers) is not a column
        of ``result.comments``.

    Examples
    --------
    A hand-made result (``cxtext.analyze`` output has the same shape): every
    fourth comment complains about waiting (NPS 2), praises staff (10), does
    both (6) or mentions neither (8).

    >>> import pandas as pd
    >>> from cxtext.analyzer import AnalysisResult
    >>> comments = pd.DataFrame({"id": range(60), "nps": ["2", "10", "6", "8"] * 15})
    >>> mentions = pd.DataFrame(
    ...     [(i, "waiting_time", "negative") for i in range(60) if i % 4 in (0, 2)]
    ...     + [(i, "staff_attitude", "positive") for i in range(60) if i % 4 in (1, 2)],
    ...     columns=["comment_id", "theme", "sentiment"])
    >>> res = AnalysisResult(comments=comments, mentions=mentions, id="id")
    >>> table = drivers(res, "nps", n_boot=200)
    >>> table[["theme", "sentiment", "n", "impact", "nps_change"]].round(1).values.tolist()
    [['waiting_time', 'negative', 30, -5.0, 75.0], ['staff_attitude', 'positive', 30, 3.0, nan]]

    Emotions as drivers: the same comments, where the complaints read as
    frustration and the praise as gratitude.

    >>> res.comments["emotions"] = [["frustration"], ["gratitude"], ["frustration", "gratitude"], []] * 15
    >>> table = drivers(res, "nps", source="emotions", n_boot=200)
    >>> table[["theme", "sentiment", "impact"]].round(1).values.tolist()
    [['frustration', 'emotion', -5.0], ['gratitude', 'emotion', 3.0]]
    """
    if ci not in ("bootstrap", "analytic"):
        raise ConfigError(f"[CX301] drivers() 'ci' must be 'bootstrap' or 'analytic'. Got {ci!r}.")
    if not 0 < level < 1:
        raise ConfigError(f"[CX301] 'level' must be between 0 and 1. Got {level!r}.")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 2:
        raise ConfigError(f"[CX301] 'n_boot' must be an int >= 2. Got {n_boot!r}.")
    if source not in DRIVER_SOURCES:
        raise ConfigError(f"[CX301] drivers() 'source' must be one of {', '.join(DRIVER_SOURCES)}. "
                          f"Got {source!r}.")
    bad = [s for s in sentiments if s not in _SENTIMENTS]
    if bad:
        raise ConfigError(f"[CX301] Unknown sentiment(s) {bad}. Allowed: {', '.join(_SENTIMENTS)}.")
    cm = comments_of(result)
    segment_column(cm, by)
    values, kind, scale = resolve_score(result, score, kind, warn=warn)
    higher_is_better = True if scale is None else bool(scale.higher_is_better)
    row_parts: list[np.ndarray] = []
    themes: list[str] = []
    sents: list[str] = []
    if source in ("themes", "both"):
        mn = mention_rows(result, min_confidence)
        mn = mn[mn["sentiment"].isin(list(sentiments))]
        row_parts.append(mn["row"].to_numpy(dtype=np.int64))
        themes += mn["theme"].astype(str).tolist()
        sents += mn["sentiment"].astype(str).tolist()
    if source in ("emotions", "both"):
        require_emotions(result, f"drivers(source={source!r})")
        e_rows, e_ids = _emotion_drivers(cm)
        row_parts.append(e_rows)
        themes += e_ids
        sents += [EMOTION_DRIVER] * len(e_ids)
    codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([themes, sents]))
    names = [(str(t), str(s)) for t, s in uniques] if themes else []
    y_all = values.to_numpy(dtype=float)
    m_row = np.concatenate(row_parts)
    opts: dict[str, Any] = {"kind": kind, "min_n": min_n, "ci": ci, "n_boot": n_boot, "level": level,
                            "seed": random_state, "ridge": ridge, "higher_is_better": higher_is_better}

    thin: list[str] = []

    def run(mask: np.ndarray, where: str = "") -> pd.DataFrame:
        pos = -np.ones(len(cm), dtype=int)
        pos[mask] = np.arange(mask.sum())
        keep = pos[m_row] >= 0
        table = _drivers_core(y_all[mask], pos[m_row][keep], codes[keep], names, **opts)
        note = _thin_fit(table, ridge)
        if note:
            thin.append(where + note)
        return table

    def warn_thin() -> None:
        if thin and warn:
            shown = "; ".join(thin[:5]) + (f"; and {len(thin) - 5} more segments" if len(thin) > 5 else "")
            warnings.warn(f"[CX405] drivers({score!r}): {shown}. Fit fewer indicators (source='themes' or "
                          "'emotions' rather than 'both', fewer sentiments=, a min_confidence=), a ridge= "
                          "penalty, or more comments.", ScoreWarning, stacklevel=3)

    valid = np.isfinite(y_all)
    if by is None:
        if valid.sum() < 3:
            raise InputError(f"[CX402] drivers() needs at least 3 valid scores in {score!r}; got {int(valid.sum())}.")
        table = run(valid)
        table.attrs.update({"score": score, "source": source})
        warn_thin()
        return table
    parts = []
    seg = segment_values(cm, by)
    for value in pd.unique(seg):
        mask = valid & (seg == value).to_numpy(dtype=bool)
        if mask.sum() < 3:
            logger.info("Segment %s=%r has fewer than 3 valid scores; skipped.", by, value)
            continue
        part = run(mask, f"segment {by}={value!r}: ")
        part.insert(0, by, value)
        parts.append(part)
    warn_thin()
    if not parts:
        return pd.DataFrame(columns=[by, *DRIVER_COLUMNS])
    table = pd.concat(parts, ignore_index=True)
    table.attrs.update({"score": score, "kind": kind, "by": by, "source": source,
                        "higher_is_better": higher_is_better})
    return table
