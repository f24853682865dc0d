"""Recipe: build ``sentiment-accurate`` 0.17.0, an equal-weight blend of trained models.

    HF_HUB_OFFLINE=1 .venv/bin/python models/recipes/sentiment_blend.py [--version 0.17.0]
    # 0.15.0 was: --version 0.15.0 --components sentiment-accurate/0.11.0 sentiment-fast/0.15.0
    # 0.14.0 was: --version 0.14.0 --components sentiment-accurate/0.11.0 sentiment-fast/0.14.0
    # 0.13.0 was: --version 0.13.0 --components sentiment-accurate/0.11.0 sentiment-fast/0.13.0
    # 0.12.0 was: --version 0.12.0 --components sentiment-accurate/0.11.0 sentiment-fast/0.7.0
    # 0.10.0 was: --version 0.10.0 --components sentiment-accurate/0.4.0 sentiment-fast/0.7.0
    # 0.9.0 was: --version 0.9.0 --components sentiment-accurate/0.4.0 sentiment-fast/0.6.0
    # 0.8.0 was: --version 0.8.0 --components sentiment-accurate/0.4.0 sentiment-fast/0.5.0
    # 0.7.0 was: --version 0.7.0 --components sentiment-accurate/0.4.0 sentiment-fast/0.4.0
    # 0.6.0 was: --version 0.6.0 --components sentiment-accurate/0.4.0 sentiment-fast/0.3.0
    # 0.5.0 was: --version 0.5.0 --components sentiment-accurate/0.4.0 sentiment-fast/0.2.0
    # 0.3.0 was: --version 0.3.0 --components sentiment-accurate/0.2.0 sentiment-fast/0.2.0

Pools the class probabilities of ``sentiment-accurate/0.16.0`` (MiniLM
fine-tuned multi-task with the emotion head, ``accurate_shared.py --corpora
--short-answers``; 0.15.0 and earlier pooled 0.11.0, trained without ``--corpora``) and
``sentiment-fast/0.15.0`` (hashed n-grams, with the tweet copy, the CX templates, the
CX and healthcare situation corpora and the fact contrasts; 0.14.0 pooled ``sentiment-fast/0.14.0``,
0.13.0 ``sentiment-fast/0.13.0``, 0.12.0 ``sentiment-fast/0.7.0``) as a
weighted geometric mean with weights 0.5/0.5 (:class:`cxtext.sentiment.BlendedSentimentClassifier`). Nothing
is trained: the weights are fixed at equal, not tuned on any test split. The
blend is scored on every test split of the shared datasets (both components were
trained on the train splits only) and on ``tests/data/cx_idioms.csv`` (never
trained on), and written to ``models/sentiment-accurate/<version>/``; the
folder refers to its components by name and pins their manifests' sha256.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment import BlendedSentimentClassifier, load_sentiment_model
from cxtext.sentiment.calibration import expected_calibration_error
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[2]
logger = logging.getLogger("sentiment_blend")
COMPONENTS = ("sentiment-accurate/0.16.0", "sentiment-fast/0.15.0")


def _summary(model: object) -> str:
    kind = model.manifest_.kind  # type: ignore[attr-defined]
    if kind == "sentiment-tuned":
        return f"all-MiniLM-L6-v2, top {model.n_tuned_layers} layers fine-tuned"  # type: ignore[attr-defined]
    if kind == "sentiment-fast":
        return "hashed word and character n-grams"
    return kind


def _joined(parts: list[str]) -> str:
    """``"a and b"``, ``"a, b and c"``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="0.17.0")
    parser.add_argument("--components", nargs="+", default=list(COMPONENTS),
                        help="the component model folders (names under models/)")
    parser.add_argument("--weights", nargs="+", type=float, default=None,
                        help="one weight per component (default: equal); chosen on validation rows by "
                             "benchmarks/sentiment_blend_weight.py, never on a test split")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "sentiment-accurate")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    components = tuple(args.components)
    weights = tuple(args.weights) if args.weights else (1 / len(components),) * len(components)
    if len(weights) != len(components):
        parser.error(f"--weights needs one weight per component ({len(components)}), got {len(weights)}")
    models = [(ref, load_sentiment_model(ref)) for ref in components]
    blend = BlendedSentimentClassifier.from_fitted(models, weights=weights)

    tests = {name: (df := load_sentiment_dataset(name))[df.split == "test"] for name in DATASETS}
    tests["cx_idioms"] = pd.read_csv(ROOT / "tests" / "data" / "cx_idioms.csv")
    metrics: dict[str, object] = {"weights": dict(zip(components, (round(w, 6) for w in weights)))}
    for name, test in tests.items():
        proba = blend.predict_proba(clean_for_model(test["text"].tolist()))
        pred = blend.classes_[proba.argmax(1)]
        y = test["label"].to_numpy()
        y_idx = np.array([list(blend.classes_).index(v) for v in y])
        metrics[name] = {
            "split": "test" if name != "cx_idioms" else "all (evaluation only)",
            "rows": len(test),
            "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
            "accuracy": round(float(accuracy_score(y, pred)), 4),
            "ece": round(float(expected_calibration_error(proba, y_idx)), 4),
        }
        logger.info("%s %s", name, metrics[name])

    trained_on: list[dict] = []
    for _, model in models:
        for record in model.manifest_.trained_on:
            trained_on.append({**record, "note": f"{record.get('note', '')} (via {model.manifest_.name}/"
                                                 f"{model.manifest_.version})".strip()})
    folder = blend.save(
        args.out / args.version, components=components, name="sentiment-accurate",
        version=args.version, trained_on=trained_on, metrics=metrics,
        description=("Three-class sentiment: the "
                     + ("equal-weight" if len(set(weights)) == 1
                        else "weighted (" + " / ".join(f"{w:g}" for w in weights) + ")")
                     + " geometric mean of the probabilities of "
                     + _joined([f"{m.manifest_.name} {m.manifest_.version} ({_summary(m)})"
                                for _, m in models])
                     + ". The weights are fixed, not tuned on test data. The folder holds no weights: "
                     "it pins its components' manifests by sha256."))
    logger.info("saved %s", folder)


if __name__ == "__main__":
    main()
