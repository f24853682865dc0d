"""The tuned MiniLM on a genre it never saw: train without one shared set, score that set's test split.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_tuned_leave_one_out.py goemotions [--with-fast]

Trains :class:`cxtext.sentiment.TunedSentimentClassifier` as the accurate
model's tuned half is trained (six layers, two epochs, learning rate 8e-5, seed
0, the recipe's row caps, our CX idiom templates with the short survey answers
at row weight 3), sentiment only, on the train splits of every shared set but
the one named, then prints macro-F1 on that set's test split next to VADER's on
the same rows. About 7-8 minutes on 2 cores. The fast model's leave-one-out
figures come from ``benchmarks/sentiment_lexicon.py``.

``--with-fast`` also fits the fast recipe on the same sets (its own rows and
weights, :func:`sentiment_weighting.fast_recipe_rows`), once with 0.7.0's
features and once with 0.8.0's (the lexicon counts at weight 3 in texts of 8+
words), and scores each alone and in the accurate model's blend with the tuned
MiniLM (equal-weight geometric mean of the probabilities): what the accurate
preset would score on a genre it never saw. About 8 more minutes.

Runs of 2026-12-06 (as a ``/tmp`` copy of this script, same rows and settings):
GoEmotions left out 0.571 (VADER 0.611), the women's clothing reviews left out
0.494 (VADER 0.430); RESULTS_LOG.md, *A polarity lexicon in the fast model*. With
``--with-fast`` (05:28 and 05:44 UTC, this script; the tuned figures repeated):
GoEmotions fast 0.7.0 / 0.8.0 recipe 0.497 / 0.511, blended 0.564 / 0.568;
clothing 0.445 / 0.460, blended 0.484 / 0.487.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import f1_score

from cxtext.baselines import load_baseline
from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment import BlendedSentimentClassifier
from cxtext.sentiment.fast import FastSentimentClassifier
from cxtext.sentiment.train import clean_for_model
from cxtext.sentiment.tuned import TunedSentimentClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "recipes"))
from accurate_shared import (  # this folder is on sys.path when the script runs
    AUGMENT_WEIGHT,
    MAX_TRAIN,
)
from cx_augment import cx_augmentation
from sentiment_weighting import CLASSES, fast_recipe_rows, macro_f1_of_scores

#: the fast recipe's settings compared by --with-fast: sentiment-fast 0.7.0's and 0.8.0's
FAST_SETTINGS = {"fast 0.7.0 recipe": {"lexicon_weight": 0.0},
                 "fast 0.8.0 recipe": {"lexicon_weight": 3.0, "lexicon_min_words": 8}}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    with_fast = "--with-fast" in args
    args = [a for a in args if a != "--with-fast"]
    held = args[0] if args else "goemotions"
    if held not in DATASETS:
        raise SystemExit(f"unknown set {held!r}; one of {', '.join(DATASETS)}")
    parts, weights = [], []
    for name in DATASETS:
        if name == held:
            continue
        train = load_sentiment_dataset(name)
        train = train[train.split == "train"]
        if len(train) > MAX_TRAIN[name]:
            train = train.sample(MAX_TRAIN[name], random_state=0)
        parts.append(train[["text", "label"]])
        weights += [1.0] * len(train)
    augment = cx_augmentation(short_answers=True)
    parts.append(augment[["text", "label"]])
    weights += [AUGMENT_WEIGHT] * len(augment)
    rows = pd.concat(parts, ignore_index=True)
    t0 = time.perf_counter()
    model = TunedSentimentClassifier(n_tuned_layers=6, epochs=2, learning_rate=8e-5, random_state=0)
    model.fit(clean_for_model(rows["text"].tolist()), rows["label"].tolist(), sample_weight=weights)
    print(f"trained on {len(rows):,} rows without {held} in {time.perf_counter() - t0:.0f} s", flush=True)
    test = load_sentiment_dataset(held)
    test = test[test.split == "test"]
    texts = clean_for_model(test["text"].tolist())
    gold = test["label"].to_numpy()
    tuned_proba = model.predict_proba(texts)  # encoded once: its argmax is model.predict
    assert list(model.classes_) == list(CLASSES)
    tuned = macro_f1_of_scores(gold, tuned_proba)
    vader = f1_score(test["label"], load_baseline("vader").predict(texts), average="macro")
    print(f"{held} test split ({len(test):,} rows): tuned MiniLM left out {tuned:.4f}, VADER {vader:.4f}",
          flush=True)
    if with_fast:
        fast_rows, _, fast_weights = fast_recipe_rows({name: load_sentiment_dataset(name)
                                                       for name in DATASETS if name != held})
        fast_texts = clean_for_model(fast_rows["text"].tolist())
        for setting, params in FAST_SETTINGS.items():
            fast = FastSentimentClassifier(tweet_copy=1.0, class_weight=None, **params)
            fast.fit(fast_texts, fast_rows["label"].tolist(), sample_weight=fast_weights)
            fast_proba = fast.predict_proba(texts)
            # the accurate model's pooling (equal-weight geometric mean) on probabilities already computed
            blend = BlendedSentimentClassifier.from_fitted([("tuned", model), ("fast", fast)])
            print(f"  {setting} left out {macro_f1_of_scores(gold, fast_proba):.4f}; blended with the tuned "
                  f"MiniLM {macro_f1_of_scores(gold, blend._pool([tuned_proba, fast_proba])):.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
