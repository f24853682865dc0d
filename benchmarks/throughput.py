"""Throughput of the sentiment models and of the whole ``analyze`` pass, per preset.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/throughput.py [--repeat 3]

Rows: the airline tweets as fixed in :mod:`cxtext.datasets` (all 14,427 for
the fast model, the 2,886 test tweets for the rest), read in place from
``../shared/data``. Each figure is the best of ``--repeat`` timed runs after a
warm-up (models loaded, caches filled), measured in one process (``n_jobs=1``)
except the rows with the default options, where ``Analyzer(n_jobs=None)`` analyses
2,000+ rows on worker processes, one per core; run it on a quiet machine. The fast models (sentiment, emotions) are timed with one
thread and with two (``n_jobs=2``: batches of texts scored on both cores). The cost of theme
tagging in the fast pass (issue #5: at most +30%) is the full pass against the
same pass with a tagger that finds nothing and no effort matching, timed in
interleaved pairs (median ratio) before any torch model is loaded; because this machine switches between speed states from one
run to the next, tagging is also timed inside each full pass (median share of
the rest of the pass), which compares parts that ran at the same speed. Both
run on the test tweets and on 2,000 test reviews of the women's clothing set
(longer, more clauses). The cost of emotions (issue #9: at most +20%) is the median time
ratio of interleaved passes with and without them (the rows "emotions off" alone are timed at
another moment and drift with the machine). Writes ``benchmarks/results/throughput.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from unittest import mock

import pandas as pd

import cxtext
from cxtext.clean import split_clauses
from cxtext.datasets import load_airline_tweets, load_sentiment_dataset
from cxtext.embeddings import bfloat16_is_native
from cxtext.emotion import load_emotion_model
from cxtext.sentiment import load_sentiment_model
from cxtext.themes import EmbeddingThemeTagger

RESULTS = Path(__file__).resolve().parent / "results"


class NoThemes:
    """A theme tagger that finds nothing: the pass without theme tagging."""

    def tag(self, texts: list[str]) -> list[list[object]]:
        return [[] for _ in texts]


def no_effort(texts: list[str]) -> list[list[object]]:
    """Stands in for :func:`cxtext.themes.effort.find_effort` when themes are off."""
    return [[] for _ in texts]


def tagging_share(analyzer: cxtext.Analyzer, data: pd.DataFrame, repeat: int) -> float:
    """Median over ``repeat`` passes of (time in theme tagging) / (the rest of the pass).

    Tagging (the tagger and effort matching) is timed inside each pass, so both
    parts of a ratio run at the same machine speed.
    """
    from cxtext import analyzer as module

    spent = [0.0]

    def timed(fn: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        return wrapper

    shares = []
    with mock.patch.object(module.Analyzer, "_tag", timed(module.Analyzer._tag)), \
            mock.patch.object(module, "_clause_effort", timed(module._clause_effort)):
        for _ in range(repeat):
            spent[0] = 0.0
            start = time.perf_counter()
            analyzer.analyze(data, text="text", id="id")
            total = time.perf_counter() - start
            shares.append(spent[0] / (total - spent[0]))
    return float(statistics.median(shares))


def best_rate(fn: Callable[[], object], n: int, repeat: int) -> float:
    """Best items/s over ``repeat`` timed calls of ``fn`` (``n`` items per call)."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = max(best, n / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    tweets = load_airline_tweets()
    every = tweets["text"].tolist()
    test = tweets.loc[tweets["split"] == "test", "text"].tolist()
    frame = pd.DataFrame({"id": range(len(test)), "text": test})
    rows: list[dict[str, object]] = []

    fast = load_sentiment_model("fast")
    fast.predict_proba(every[:50])
    rows.append({"what": "fast sentiment only (predict_proba)", "texts": len(every),
                 "per_s": best_rate(lambda: fast.predict_proba(every), len(every), args.repeat)})
    fast.set_params(n_jobs=2)
    rows.append({"what": "fast sentiment only, two threads (predict_proba, n_jobs=2)", "texts": len(every),
                 "per_s": best_rate(lambda: fast.predict_proba(every), len(every), args.repeat)})
    fast.set_params(n_jobs=None)
    emotions = load_emotion_model("fast")
    emotions.predict_proba(every[:50])
    for threads in (None, 2):
        emotions.set_params(n_jobs=threads)
        rows.append({"what": f"fast emotions only (predict_proba{', n_jobs=2' if threads else ''})",
                     "texts": len(every),
                     "per_s": best_rate(lambda: emotions.predict_proba(every), len(every), args.repeat)})
    # What theme tagging (keywords + effort) adds to the fast pass: the same pass with a
    # tagger that finds nothing and no effort matching. The machine's speed drifts by
    # 10-30% within minutes, so each full run is paired with the bare run next to it and
    # the median of the pairs' ratios is reported.
    full = cxtext.Analyzer(preset="fast", n_jobs=1)
    bare = cxtext.Analyzer(preset="fast", themes=NoThemes(), n_jobs=1)
    reviews = load_sentiment_dataset("womens_clothing_reviews")
    reviews = reviews.loc[reviews["split"] == "test", "text"].head(2000).tolist()
    tagging_adds: dict[str, tuple[float, float]] = {}
    for what, texts in (("airline test tweets", test), ("clothing reviews (2,000 of the test split)", reviews)):
        data = pd.DataFrame({"id": range(len(texts)), "text": texts})
        full.analyze(data.head(50), text="text", id="id")
        bare.analyze(data.head(50), text="text", id="id")
        full_rates, bare_rates = [], []
        for _ in range(max(args.repeat, 7)):
            full_rates.append(best_rate(lambda d=data: full.analyze(d, text="text", id="id"), len(data), 1))
            with mock.patch("cxtext.themes.effort.find_effort", no_effort):
                bare_rates.append(best_rate(lambda d=data: bare.analyze(d, text="text", id="id"), len(data), 1))
        rows.append({"what": f"whole analyze, fast preset, theme tagging off (no keywords, no effort), {what}",
                     "texts": len(data), "per_s": max(bare_rates)})
        rows.append({"what": f"whole analyze, fast preset, {what} (timed interleaved with the row above)",
                     "texts": len(data), "per_s": max(full_rates)})
        ratio = statistics.median(b / f for b, f in zip(bare_rates, full_rates))
        tagging_adds[what] = (float(ratio) - 1.0, tagging_share(full, data, max(args.repeat, 7)))

    emotions_add: dict[str, tuple[float, int]] = {}
    for preset in ("fast", "accurate"):  # fast first: torch's threads then have not started
        if preset == "accurate":
            accurate = load_sentiment_model("accurate")
            accurate.predict_proba(test[:50])
            rows.append({"what": f"accurate sentiment only ({accurate.manifest_.name} "
                                 f"{accurate.manifest_.version})", "texts": len(test),
                         "per_s": best_rate(lambda m=accurate: m.predict_proba(test), len(test), args.repeat)})
            # Issue #5's "embedding path": split clauses, embed them with MiniLM, tag by similarity.
            tagger = EmbeddingThemeTagger().fit()
            tagger.tag(test[:50])
            rows.append({"what": "accurate theme embedding path (split_clauses + EmbeddingThemeTagger.tag)",
                         "texts": len(test),
                         "per_s": best_rate(lambda t=tagger: t.tag([c.text for cl in split_clauses(test)
                                                                    for c in cl]), len(test), args.repeat)})
        by_emotions = {}
        for emotions in (None, False):  # with the preset's emotion model, then without emotions
            analyzer = by_emotions[emotions] = cxtext.Analyzer(preset=preset, emotions=emotions, n_jobs=1)
            analyzer.analyze(frame.head(50), text="text", id="id")
            label = "" if emotions is None else ", emotions off"
            rows.append({"what": f"whole analyze, {preset} preset{label}, one process", "texts": len(test),
                         "per_s": best_rate(lambda a=analyzer: a.analyze(frame, text="text", id="id"),
                                            len(test), args.repeat)})
        # Issue #9's cost of emotions (<= 20%): interleaved passes with and without them, as the
        # machine's speed drifts between the rows above (the accurate preset on 600 of the tweets)
        sample = frame if preset == "fast" else frame.head(600)
        ratios = []
        for _ in range(max(args.repeat, 7 if preset == "fast" else 4)):
            rate = {emotions: best_rate(lambda a=analyzer, d=sample: a.analyze(d, text="text", id="id"), len(sample), 1)
                    for emotions, analyzer in by_emotions.items()}
            ratios.append(rate[False] / rate[None])  # time with emotions over time without
        emotions_add[preset] = (float(statistics.median(ratios)) - 1.0, len(ratios))
        if preset == "fast":  # the defaults: workers on every core for 2,000+ rows (Analyzer.n_jobs)
            default = cxtext.Analyzer(preset="fast")
            default.analyze(frame.head(50), text="text", id="id")
            for what, data in (("the test tweets", frame),
                               ("all tweets", pd.DataFrame({"id": range(len(every)), "text": every}))):
                rows.append({"what": f"whole analyze, fast preset, default options (n_jobs=None), {what}",
                             "texts": len(data),
                             "per_s": best_rate(lambda a=default, d=data: a.analyze(d, text="text", id="id"),
                                                len(data), args.repeat)})

    meta = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cxtext": cxtext.__version__,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "bfloat16": bfloat16_is_native(),
        "load_avg_1min_after": round(os.getloadavg()[0], 2),
        "fast_theme_tagging_adds": "; ".join(
            f"{k}: {inside:.1%} timed inside each pass, {pairs:.1%} from interleaved passes with and without"
            for k, (pairs, inside) in tagging_adds.items())
        + f" (medians of {max(args.repeat, 7)}; target <= 30%)",
        "emotions_add": "; ".join(f"{k} preset {v:.1%} (median of {n} interleaved passes with and without)"
                                  for k, (v, n) in emotions_add.items()) + " (target <= 20%)",
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/throughput.py",
    }
    lines = ["# Throughput", "", *(f"- {k}: {v}" for k, v in meta.items()), "",
             "| what | texts | per second |", "|---|---:|---:|"]
    lines += [f"| {r['what']} | {r['texts']:,} | {r['per_s']:,.0f} |" for r in rows]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "throughput.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (RESULTS / "throughput.json").write_text(json.dumps({**meta, "rows": rows}, indent=1) + "\n",
                                             encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
