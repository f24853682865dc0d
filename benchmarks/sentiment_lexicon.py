"""A polarity lexicon in the fast model: does it carry to genres the model never saw?

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_lexicon.py [--jobs 2] [--scales 0 1 3] [--min-words 0] [--C 4]

Trained on three of the shared sets and scored on the fourth, the fast recipe
scores near or below VADER (GoEmotions left out: about 0.50 against VADER's
0.61): its n-grams know the genres they were trained on. VADER's lexicon
(Hutto & Gilbert 2014, MIT licence; the ``baselines`` extra) holds
domain-general word polarities. This script adds four columns to the fast
model's hashed counts: per text, the lexicon words read positive or negative,
weak (|valence| < 2) or strong, a word in a negation scope
counted with its polarity flipped and damped as VADER does
(:func:`cxtext.sentiment.features.lexicon_counts`); the counts are log-scaled like the n-grams,
multiplied by ``--scales`` (0 = sentiment-fast 0.7.0's features), then go
through the same idf, L2 norm and NBSVM-averaged logistic regression. Compared
without the test split of any set trained on:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split; VADER's figure on the same rows is
   the row ``VADER`` (it trains on nothing).

Weight 3 counted in texts of 8+ words (``--scales 0 3 --min-words 8``) is
sentiment-fast 0.8.0's setting: see RESULTS_LOG.md (*A polarity lexicon in the fast
model*). Writes ``sentiment_lexicon.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import f1_score

from cxtext.baselines import load_baseline
from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.fast import FastSentimentClassifier, vader_lexicon
from cxtext.sentiment.features import lexicon_counts
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from sentiment_nb_features import _fit_logits  # this folder is on sys.path when the script runs
from sentiment_weighting import (
    CLASSES,
    benchmark_args,
    compare_settings,
    fast_recipe_rows,
    survey_dev_rows,
    validation_split,
    write_comparison,
)


def _with_lexicon(X: sp.csr_matrix, L: sp.csr_matrix, scale: float) -> sp.csr_matrix:
    """The hashed (log-scaled) counts ``X`` with the lexicon block, log-scaled and times ``scale``, after them."""
    if scale == 0:
        return X
    block = L.copy()
    block.data = np.log1p(block.data) * np.float32(scale)
    return sp.hstack([X, block], format="csr", dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--scales", nargs="+", type=float, default=[0.0, 1.0, 3.0],
                            help="weights of the lexicon block (0 = none, sentiment-fast 0.7.0's features)")
        parser.add_argument("--min-words", type=int, default=0,
                            help="no lexicon counts for texts shorter than this")
        parser.add_argument("--C", type=float, default=4.0,
                            help="inverse regularisation strength (4 = sentiment-fast 0.8.0, 2 = 0.9.0)")

    args = benchmark_args(__doc__, argv, extra=options)
    t0 = time.perf_counter()
    lexicon = vader_lexicon()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train, n_real, weights = fast_recipe_rows(frames)
    hasher = FastSentimentClassifier(tweet_copy=1.0).text_hasher()

    def features(texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        return hasher.transform(texts), lexicon_counts([t[:hasher.max_chars] for t in texts], lexicon,
                                                       min_words=args.min_words)

    surveys, survey_texts, _ = survey_dev_rows()
    test_texts = {name: clean_for_model(df[df.split == "test"]["text"].tolist()) for name, df in frames.items()}
    parts = {"train": features(clean_for_model(train["text"].tolist())), "survey": features(survey_texts),
             **{name: features(texts) for name, texts in test_texts.items()}}
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    ds = train["dataset"].to_numpy()
    results = compare_settings(args.scales, lambda scale, part: _with_lexicon(*parts[part], scale), y=y,
                               weights=weights, datasets=ds, n_real=n_real, frames=frames, fit=_fit_logits,
                               n_jobs=args.jobs, fit_options=lambda scale: {"C": args.C})

    # VADER reads each text alone (no prompt), on the same rows
    _, val_rows = validation_split(ds[:n_real], y[:n_real])
    val_ds, val_gold = ds[val_rows], CLASSES[y[val_rows]]
    gold_tests = {name: df[df.split == "test"]["label"].to_numpy() for name, df in frames.items()}
    vader = load_baseline("vader")
    results["VADER"] = {"validation": {name: round(float(f1_score(
                            val_gold[val_ds == name], vader.predict(clean_for_model(
                                train["text"].to_numpy()[val_rows][val_ds == name].tolist())), average="macro")), 4)
                            for name in DATASETS} | {
                            f"survey {name} with prompts": round(float(f1_score(
                                surveys["label"].to_numpy()[(surveys["set"] == name).to_numpy()],
                                vader.predict([t for t, s in zip(survey_texts, surveys["set"]) if s == name]),
                                average="macro")), 4) for name in ("dev", "dev2")},
                        "leave_one_dataset_out": {name: round(float(f1_score(
                            gold_tests[name], vader.predict(test_texts[name]), average="macro")), 4)
                            for name in DATASETS}}

    write_comparison(args.out, "sentiment_lexicon", results, t0=t0,
                     title="Fast sentiment: a polarity lexicon block (VADER's words)",
                     intro=("Macro-F1 of the shipped fast recipe with the lexicon block at each weight "
                            "(0 = sentiment-fast 0.7.0's features); VADER trains on nothing. See the "
                            "script's docstring for the protocol."),
                     row_header="lexicon block weight",
                     validation_title="Validation: 15% of the shared train splits, and the survey dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
