"""The weights of the accurate sentiment blend, chosen on rows no component trained on.

Usage::

    # fold components: the shipped recipes without the validation rows (models/recipes/blend_validation.py)
    HF_HUB_OFFLINE=1 .venv/bin/python models/recipes/accurate_shared.py --sentiment-version 0.11.0 \
        --emotion-version 0.6.0 --short-answers --without-validation --out /tmp/fold
    HF_HUB_OFFLINE=1 .venv/bin/python models/recipes/sentiment_fast.py --without-validation \
        --out /tmp/fold/sentiment-fast
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_blend_weight.py \
        --fold /tmp/fold/sentiment-accurate/0.11.0 /tmp/fold/sentiment-fast/0.7.0

``sentiment-accurate`` blends a fine-tuned MiniLM and the fast n-gram model as a
weighted geometric mean of their class probabilities. Both shipped components
train on every train split, so no shared row is left to choose the weight on.
The fold components are the same recipes (same seeds) run without the
validation rows of :mod:`blend_validation` (15% of each train split; for
GoEmotions the emotion holdout); each weight ``w`` (of the MiniLM component;
``1 - w`` for the fast one) is scored:

1. **Validation**: macro-F1 of the fold blend on the validation rows of each set;
   and of the *shipped* components' blend on the two hand-written survey dev sets
   read with their prompts (:func:`cxtext.sentiment.context.read_in_context`;
   no model ever trained on them).
2. **Test splits** of the shipped components' blend, for the record only: they
   are not used to choose.

The rule, fixed before the first run: the weight with the highest mean of the
six validation figures (four sets, two survey dev sets). Writes
``sentiment_blend_weight.md``/``.json`` to ``--out``.

Run of 2026-12-06 (fold components of ``sentiment-accurate`` 0.11.0 and
``sentiment-fast`` 0.7.0): the rule picks 0.4 (mean 0.791 against 0.787 for the
shipped 0.5 and 0.788 for 0.6), within noise (bootstrap of the four validation
sets: 0.4 is +0.003 ± 0.003 over 0.5, 0.6 +0.006 ± 0.004), so the shipped blend
keeps equal weights; RESULTS_LOG.md, *The blend's weights*.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.emotion.train import goemotions_splits
from cxtext.sentiment import BlendedSentimentClassifier, load_sentiment_model
from cxtext.sentiment.context import prompt_type, read_in_context
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from blend_validation import validation_index
from sentiment_weighting import (  # this folder is on sys.path when the script runs
    CLASSES,
    macro_f1_of_scores,
    markdown_sections,
)

SHIPPED = ("sentiment-accurate/0.11.0", "sentiment-fast/0.7.0")


def _probas(models: tuple[Any, Any], texts: list[str]) -> list[np.ndarray]:
    return [m.predict_proba(texts) for m in models]


def _pooled(models: tuple[Any, Any], probas: list[np.ndarray], w: float) -> np.ndarray:
    """The shipped pooling (:class:`BlendedSentimentClassifier`) with weights ``w`` / ``1 - w``."""
    blend = BlendedSentimentClassifier.from_fitted([("tuned", models[0]), ("fast", models[1])],
                                                   weights=(w, 1 - w))
    return blend._pool(probas)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fold", nargs=2, type=Path, required=True, metavar=("TUNED", "FAST"),
                        help="the fold components' folders (trained with --without-validation)")
    parser.add_argument("--shipped", nargs=2, default=list(SHIPPED), metavar=("TUNED", "FAST"),
                        help="the shipped components (names under models/)")
    parser.add_argument("--weights", nargs="+", type=float, default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
                        help="weights of the MiniLM component to compare")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()

    fold = tuple(load_sentiment_model(p) for p in args.fold)
    shipped = tuple(load_sentiment_model(ref) for ref in args.shipped)
    classes = CLASSES  # the order macro_f1_of_scores reads the columns in
    if any(list(m.classes_) != list(classes) for m in fold + shipped):
        raise SystemExit(f"the components' classes are not {list(classes)}")
    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    holdout = set(goemotions_splits()["holdout"].texts)
    parts: dict[str, tuple[np.ndarray, list[np.ndarray]]] = {}
    for name, df in frames.items():
        val = df.loc[validation_index(name, df, holdout)]
        parts[name] = (val["label"].to_numpy(), _probas(fold, clean_for_model(val["text"].tolist())))
    surveys = {name: pd.read_csv(ROOT / "benchmarks" / "data" / f"survey_prompts_{name}.csv", dtype=str,
                                 keep_default_na=False) for name in ("dev", "dev2")}
    survey_parts = {name: (s["label"].to_numpy(), clean_for_model(s["comment"].tolist()),
                           [prompt_type(q) for q in s["question"]]) for name, s in surveys.items()}
    survey_probas = {name: _probas(shipped, texts) for name, (_, texts, _) in survey_parts.items()}
    tests = {}
    for name, df in frames.items():
        test = df[df.split == "test"]
        tests[name] = (test["label"].to_numpy(), _probas(shipped, clean_for_model(test["text"].tolist())))

    results: dict[str, dict[str, dict[str, float]]] = {}
    for w in args.weights:
        val_scores = {name: macro_f1_of_scores(gold, _pooled(fold, p, w)) for name, (gold, p) in parts.items()}
        for name, (gold, texts, prompts) in survey_parts.items():
            read, _ = read_in_context(_pooled(shipped, survey_probas[name], w), list(classes), texts, prompts)
            val_scores[f"survey {name} with prompts"] = macro_f1_of_scores(gold, read)
        val_scores["mean of the six"] = round(float(np.mean(list(val_scores.values()))), 4)
        test_scores = {name: macro_f1_of_scores(gold, _pooled(shipped, p, w)) for name, (gold, p) in tests.items()}
        results[f"{w:g}"] = {"validation": val_scores, "test": test_scores}
    chosen = max(results, key=lambda k: results[k]["validation"]["mean of the six"])

    report = {"command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_blend_weight.py "
                         + " ".join(["--fold", *map(str, args.fold)]),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - t0), "fold": [str(p) for p in args.fold],
              "shipped": list(args.shipped), "chosen_weight": float(chosen),
              "validation_rows": {name: len(gold) for name, (gold, _) in parts.items()}, "results": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sentiment_blend_weight.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = ["# Accurate sentiment: the weight of the MiniLM component in the blend", "",
             f"Command: `{report['command']}` ({report['date']}, {report['seconds']} s)", "",
             "Macro-F1 of the geometric-mean blend per weight of the MiniLM component (the fast model gets the "
             "rest). See the script's docstring for the protocol. Validation rows: "
             + ", ".join(f"{k} {v:,}" for k, v in report["validation_rows"].items()) + ".",
             "", f"Chosen by the highest mean of the six validation figures: **{chosen}**."]
    lines += markdown_sections(results, "MiniLM weight", (
        ("validation", ("Validation: fold components on the held-out train rows; shipped ones on the "
                        "survey dev sets")),
        ("test", "Test splits, shipped components (for the record; not used to choose)")))
    (args.out / "sentiment_blend_weight.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
