"""Litotes and care-setting templates in the fast model's training data: the evidence behind sentiment-fast 0.6.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_templates.py [--jobs 2]

``models/recipes/cx_augment.py`` writes the CX idiom templates the sentiment
models train on. From 0.6.0 the fast model adds two blocks: understatements and
hedged verdicts (``litotes=True``: "wasn't bad", "can't grumble", "not the
greatest") and patient-feedback sentences (``care=True``: pain, wards, food,
bedside manner); a third block, slang and textspeak (``colloquial=True``: "the
nurse was fab", "parking is a joke", "vg"), was weighed and not shipped. This script
trains the recipe of 0.6.0 (``dataset-class`` row weights, C = 4, ``nb_weight``
0.5, 0.6.0's features: no tweet copy, no lexicon) with the 0.5.0 templates,
with the litotes added, with both blocks, with both blocks at half the template
row weight, and with all three at half weight (``--sets`` picks some), and
compares them without the test split of any set trained on:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0; macro-F1 on the 15% per set. The same fit scores
   the two hand-written survey dev sets (``benchmarks/data/survey_prompts_dev*.csv``)
   read with their prompts, their healthcare and community-pharmacy answers on
   their own, the idiom set ``tests/data/cx_idioms.csv`` and the colloquial
   set ``tests/data/cx_colloquial.csv`` (text only; written by a contributor
   who saw no template and no model output).
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

The blocks were written after reading the fast model's misreadings of the
negation table and of a probe of patient comments; none of those sentences is
among the templates, but the idiom set shares their constructions, so its gain
is partly by construction. The validation and leave-one-dataset-out figures
are not. Writes ``sentiment_templates.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed
from scipy.special import softmax
from sklearn.metrics import f1_score

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.context import prompt_type, read_in_context
from cxtext.sentiment.fast import FastSentimentClassifier
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import cx_augmentation
from sentiment_fast import row_weights
from sentiment_nb_features import _fit_logits  # this folder is on sys.path when the script runs
from sentiment_weighting import (
    benchmark_args,
    shared_train_rows,
    validation_split,
    write_comparison,
)

CLASSES = np.array(["negative", "neutral", "positive"], dtype=object)
TEMPLATE_SETS = {  # name -> (cx_augmentation options, weight factor of the rows 0.5.0 did not have)
    "0.5.0 templates": ({"short_answers": True}, 1.0),
    "+ litotes": ({"short_answers": True, "litotes": True}, 1.0),
    "+ litotes + care": ({"short_answers": True, "litotes": True, "care": True}, 1.0),
    "+ litotes + care, new rows at half weight": ({"short_answers": True, "litotes": True, "care": True}, 0.5),
    "+ litotes + care + colloquial, new rows at half weight": (
        {"short_answers": True, "litotes": True, "care": True, "colloquial": True}, 0.5),
}
CARE_DOMAINS = ("healthcare", "community_pharmacy")


def _macro_f1(gold: np.ndarray, proba: np.ndarray) -> float:
    return round(float(f1_score(gold, CLASSES[proba.argmax(1)], average="macro")), 4)


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv, extra=lambda parser: parser.add_argument(
        "--sets", nargs="+", choices=list(TEMPLATE_SETS), default=list(TEMPLATE_SETS),
        help="template sets to train (default: all)"))
    t0 = time.perf_counter()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    base = shared_train_rows(frames)
    hasher = FastSentimentClassifier().text_hasher()
    X_base = hasher.transform(clean_for_model(base["text"].tolist()))
    y_base = np.searchsorted(CLASSES, base["label"].to_numpy())
    ds = base["dataset"].to_numpy()
    fit_rows, val_rows = validation_split(ds, y_base)
    surveys = pd.concat([pd.read_csv(ROOT / "benchmarks" / "data" / f"survey_prompts_{name}.csv", dtype=str,
                                     keep_default_na=False).assign(set=name) for name in ("dev", "dev2")],
                        ignore_index=True)
    survey_texts = clean_for_model(surveys["comment"].tolist())
    idioms = pd.read_csv(ROOT / "tests" / "data" / "cx_idioms.csv")
    colloquial = pd.read_csv(ROOT / "tests" / "data" / "cx_colloquial.csv")
    score_val = [X_base[val_rows], hasher.transform(survey_texts),
                 hasher.transform(clean_for_model(idioms["text"].tolist())),
                 hasher.transform(clean_for_model(colloquial["text"].tolist()))]
    tests = {name: hasher.transform(clean_for_model(df[df.split == "test"]["text"].tolist()))
             for name, df in frames.items()}

    jobs = []  # (template set, kind, X, y, weights, rows, matrices to score)
    n_old = len(cx_augmentation(short_answers=True))  # the blocks come after 0.5.0's rows
    for key in args.sets:
        options, new_weight = TEMPLATE_SETS[key]
        augment = cx_augmentation(**options).assign(dataset="cx_augment")
        train = pd.concat([base, augment], ignore_index=True)
        X = sp.vstack([X_base, hasher.transform(clean_for_model(augment["text"].tolist()))]).tocsr()
        y = np.searchsorted(CLASSES, train["label"].to_numpy())
        weights = row_weights(train, "dataset-class")
        weights[len(base) + n_old:] *= new_weight
        extra = np.arange(len(base), len(train))
        jobs.append((key, "validation", X, y, weights, np.concatenate([fit_rows, extra]), score_val))
        for held in DATASETS:
            jobs.append((key, held, X, y, weights, np.concatenate([np.flatnonzero(ds != held), extra]),
                         [tests[held]]))
    print(f"prepared {len(jobs)} fits in {time.perf_counter() - t0:.0f} s", flush=True)
    logits = Parallel(n_jobs=args.jobs)(
        delayed(_fit_logits)(X, y, w, rows, 0.5, score) for _, _, X, y, w, rows, score in jobs)

    results: dict[str, dict[str, Any]] = {key: {"validation": {}, "leave_one_dataset_out": {}}
                                          for key in args.sets}
    val_ds, val_gold = ds[val_rows], CLASSES[y_base[val_rows]]
    care = surveys["domain"].isin(CARE_DOMAINS).to_numpy()
    prompts = [prompt_type(q) for q in surveys["question"]]
    for (key, kind, *_), out in zip(jobs, logits):
        res = results[key]
        if kind != "validation":
            gold = frames[kind][frames[kind].split == "test"]["label"].to_numpy()
            res["leave_one_dataset_out"][kind] = _macro_f1(gold, out[0])
            continue
        for name in DATASETS:
            res["validation"][name] = _macro_f1(val_gold[val_ds == name], out[0][val_ds == name])
        read, _ = read_in_context(softmax(out[1], axis=1), list(CLASSES), survey_texts, prompts)
        gold = surveys["label"].to_numpy()
        for name in ("dev", "dev2"):
            here = (surveys["set"] == name).to_numpy()
            res["validation"][f"survey {name} with prompts"] = _macro_f1(gold[here], read[here])
        res["validation"][f"survey care answers with prompts (n={int(care.sum())})"] = _macro_f1(gold[care],
                                                                                                  read[care])
        res["validation"]["idiom set, text only"] = _macro_f1(idioms["label"].to_numpy(), out[2])
        res["validation"]["colloquial set, text only"] = _macro_f1(colloquial["label"].to_numpy(), out[3])

    write_comparison(args.out, "sentiment_templates", results, t0=t0,
                     title="Fast sentiment: litotes and care-setting templates",
                     intro="Macro-F1 of the shipped recipe trained with each template set. See the script's docstring.",
                     row_header="templates",
                     validation_title="Validation: 15% of the shared train splits, survey dev sets, idiom set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
