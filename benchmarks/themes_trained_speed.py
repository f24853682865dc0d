"""Analyse speed with a trained theme model: hashed n-grams vs n-grams + MiniLM.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/themes_trained_speed.py [--rows 2000]

Trains :class:`cxtext.themes.supervised.ThemeClassifier` on the SemEval-2014
train-split categories with ``features="hashed"`` and ``features="both"`` (no
mention sentiment), then times ``Analyzer(preset=..., themes=model).analyze`` on
the first ``--rows`` airline tweets (after a 50-row warm-up) in each preset.
Prints one line per (features, preset). Read in place from ``../shared/data``.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from cxtext.analyzer import Analyzer
from cxtext.datasets import load_airline_tweets, load_semeval_sentences
from cxtext.themes.supervised import ThemeClassifier, label_to_theme_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    semeval = load_semeval_sentences()
    train = semeval[semeval["split"] == "train"]
    labels = [[label_to_theme_id(c) for c, _ in cats] for cats in train["categories"]]
    frame = pd.DataFrame({"text": load_airline_tweets()["text"].tolist()[:args.rows]})
    for features in ("hashed", "both"):
        t0 = time.perf_counter()
        model = ThemeClassifier(features=features, mention_sentiment=()).fit(
            train["text"].tolist(), labels)
        fit_seconds = time.perf_counter() - t0
        for preset in ("fast", "accurate"):
            analyzer = Analyzer(preset=preset, themes=model)
            analyzer.analyze(frame.head(50), text="text")
            t0 = time.perf_counter()
            analyzer.analyze(frame, text="text")
            rate = len(frame) / (time.perf_counter() - t0)
            print(f"features={features} preset={preset}: fit {fit_seconds:.1f} s, "
                  f"analyze {rate:,.0f} comments/s")


if __name__ == "__main__":
    main()
