"""Synthetic analysis results with planted theme effects (no models needed); test helper."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxtext.analyzer import AnalysisResult

#: Planted impact of each (theme, sentiment) on the score, in score points.
EFFECTS = {
    ("waiting_time", "negative"): -2.0,
    ("effort", "negative"): -1.5,
    ("staff_attitude", "positive"): 1.0,
    ("price_value", "negative"): -0.5,
    ("delivery", "neutral"): 0.0,
}


def synthetic_result(n: int = 600, *, seed: int = 0, base: float = 6.0, noise: float = 1.0,
                     p_mention: float = 0.2, effects: dict | None = None, n_blank: int = 0,
                     as_strings: bool = False, clip: tuple[float, float] | None = None) -> AnalysisResult:
    """Comments with random theme x sentiment mentions and score = base + sum(effects) + noise.

    Features co-occur independently (so the model must separate them); the first
    ``n_blank`` rows are empty non-answers with a score but no themes.
    """
    effects = EFFECTS if effects is None else effects
    rng = np.random.default_rng(seed)
    has = rng.random((n, len(effects))) < p_mention
    has[:n_blank] = False
    score = base + has.astype(float) @ np.array(list(effects.values())) + rng.normal(0, noise, n)
    if clip is not None:
        score = np.clip(np.round(score), *clip)
    ids = [f"c{i:05d}" for i in range(n)]
    names = list(effects)
    rows = [(ids[i], names[j][0], names[j][1], 0.6 + 0.3 * ((i + j) % 2))
            for i, j in zip(*np.nonzero(has))]
    mentions = pd.DataFrame(rows, columns=["comment_id", "theme", "sentiment", "confidence"])
    mentions["evidence"] = [f"{t} {s} in {c}" for c, t, s, _ in rows]
    themes = [[names[j][0] for j in np.flatnonzero(has[i])] for i in range(n)]
    blank = np.arange(n) < n_blank
    comments = pd.DataFrame({
        "id": ids,
        "comment": np.where(blank, "", "some text"),
        "score": [f"{v:g}" for v in score] if as_strings else score,
        "segment": np.where(np.arange(n) % 2 == 0, "web", "phone"),
        "text_clean": np.where(blank, "", "some text"),
        "is_empty": blank,
        "is_non_answer": blank,
        "is_duplicate": False,
        "sentiment": np.where(blank, None, "neutral"),
        "sentiment_score": np.where(blank, np.nan, 0.0),
        "sentiment_confidence": np.where(blank, np.nan, 0.9),
        "themes": themes,
    })
    return AnalysisResult(comments=comments, mentions=mentions, text="comment", id="id")
