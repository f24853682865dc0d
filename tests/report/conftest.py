"""Fixtures for the report tests: small synthetic analysis results (no models needed)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from cxtext.analyzer import AnalysisResult

_PHRASES = {
    "waiting_time": ("negative", "I waited for two hours on hold"),
    "staff_attitude": ("positive", "the staff were lovely"),
    "price": ("negative", "far too expensive"),
    "delivery": ("neutral", "delivery came on Tuesday"),
}


def synthetic_result(n: int = 240, *, seed: int = 0, scores: bool = True, months: int = 4,
                     evil: bool = True) -> AnalysisResult:
    """A result shaped like ``cxtext.analyze`` output: themes drive the NPS, spans index text_clean."""
    rng = np.random.default_rng(seed)
    rows, mentions = [], []
    for i in range(n):
        cid = f"c{i:05d}"
        picked = [t for t in _PHRASES if rng.random() < 0.35]
        parts, spans = [], []
        pos = 0
        for t in picked:
            text = _PHRASES[t][1]
            spans.append((t, pos, pos + len(text)))
            parts.append(text)
            pos += len(text) + 2
        text = ". ".join(parts) or "fine"
        if evil and i == 3:
            prefix = "<script>document.title='pwned'</script> "
            text = prefix + text
            spans = [(t, s + len(prefix), e + len(prefix)) for t, s, e in spans]
        nps = 8 + 2 * ("staff_attitude" in picked) - 4 * ("waiting_time" in picked) - 2 * ("price" in picked)
        nps = int(np.clip(nps + rng.integers(-1, 2), 0, 10))
        sent = "negative" if nps <= 6 else ("positive" if nps >= 9 else "neutral")
        rows.append({
            "id": cid, "channel": ["web", "phone", "app"][i % 3],
            "date": f"2026-{1 + i % months:02d}-{1 + i % 27:02d}",
            "nps": str(nps), "csat": str(int(np.clip(nps // 2, 1, 5))), "ces": str(1 + i % 7),
            "text_clean": text, "is_empty": False, "is_non_answer": False, "language": "en",
            "is_duplicate": False, "duplicate_of": None, "pii": [], "sentiment": sent,
            "sentiment_score": {"negative": -0.8, "neutral": 0.0, "positive": 0.8}[sent],
            "sentiment_confidence": 0.8, "is_suggestion": False, "themes": picked, "n_clauses": max(1, len(picked)),
        })
        for k, (t, s, e) in enumerate(spans):
            mentions.append({"comment_id": cid, "theme": t, "sentiment": _PHRASES[t][0],
                             "sentiment_score": 0.0, "sentiment_confidence": 0.8, "confidence": 0.9,
                             "start": s, "end": e, "evidence": text[s:e], "matched": t, "clause": k})
    cm = pd.DataFrame(rows)
    if not scores:
        cm = cm.drop(columns=["nps", "csat", "ces"])
    mn = pd.DataFrame(mentions)
    return AnalysisResult(comments=cm, mentions=mn, text="text_clean", id="id",
                          info={"cxtext": "0.1.0", "preset": "fast", "sentiment_model": "sentiment-fast 0.1.0",
                                "themes": "KeywordThemeTagger", "taxonomy": "cxtext-default 1.0.0"})


@pytest.fixture
def make_result() -> Callable[..., AnalysisResult]:
    """Builder of synthetic results (see :func:`synthetic_result`)."""
    return synthetic_result
