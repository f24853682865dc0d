"""A/B throughput of the accurate preset: default models against given older ones, one process.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/accurate_ab.py \
        --old-sentiment sentiment-accurate/0.3.0 --old-emotions emotion-accurate/0.2.0 [--repeat 3]

Times ``cxtext.Analyzer(preset="accurate").analyze`` on the 2,886 airline test
tweets for four set-ups (old and default models, each with and without
emotions), interleaved round-robin and reported as the best of ``--repeat``, so
that the machine's drift over minutes hits all four alike. Prints a markdown
table; the data is read in place and never written.
"""

from __future__ import annotations

import argparse
import time

import cxtext
from cxtext.datasets import load_airline_tweets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old-sentiment", default="sentiment-accurate/0.3.0")
    parser.add_argument("--old-emotions", default="emotion-accurate/0.2.0")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    df = load_airline_tweets()
    df = df[df["split"] == "test"][["text"]].reset_index(drop=True)
    setups = {
        f"old ({args.old_sentiment}, {args.old_emotions})":
            {"sentiment": args.old_sentiment, "emotions": args.old_emotions},
        "old, emotions off": {"sentiment": args.old_sentiment, "emotions": False},
        "default models": {},
        "default, emotions off": {"emotions": False},
    }
    analyzers = {name: cxtext.Analyzer(preset="accurate", **kw) for name, kw in setups.items()}
    for analyzer in analyzers.values():  # warm-up: load models, fill caches
        analyzer.analyze(df.head(100), text="text")
    best = dict.fromkeys(analyzers, 0.0)
    for _ in range(args.repeat):
        for name, analyzer in analyzers.items():
            start = time.perf_counter()
            analyzer.analyze(df, text="text")
            best[name] = max(best[name], len(df) / (time.perf_counter() - start))
    print(f"| accurate preset, {len(df):,} airline test tweets | comments/s |\n|---|---:|")
    for name, rate in best.items():
        print(f"| {name} | {rate:,.0f} |")


if __name__ == "__main__":
    main()
