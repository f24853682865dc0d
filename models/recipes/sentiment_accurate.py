"""Recipe: train the embedded ``sentiment-accurate`` head from the shared datasets.

    .venv/bin/python models/recipes/sentiment_accurate.py --version 0.1.0 [--cache /tmp/cx-emb]

Encodes (cleaned) training texts with the hash-checked MiniLM encoder, fits the
head, evaluates on every test split and writes ``models/sentiment-accurate/<version>/``.
Large training sets are subsampled (fixed seed) to keep CPU encoding time in
minutes; the manifest records the rows used. ``--cache`` keeps embeddings
between runs (outside the repo).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from cxtext.datasets import DATASETS, LICENCES, load_sentiment_dataset
from cxtext.embeddings import get_encoder
from cxtext.models import TrainingData
from cxtext.sentiment.accurate import EmbeddingSentimentClassifier
from cxtext.sentiment.train import clean_for_model

MAX_TRAIN = {"airline_tweets": 20000, "womens_clothing_reviews": 6000, "goemotions": 10000,
             "semeval2014_restaurants": 20000}
NOTES = {
    "airline_tweets": "80% train split (stratified, seed 0) after de-duplication",
    "womens_clothing_reviews": "train split grouped by product, 6,000 rows sampled (seed 0); rating 1-2/3/4-5",
    "goemotions": "train.tsv, 10,000 rows sampled (seed 0); sentiment via sentiment_dict.json",
    "semeval2014_restaurants": "80% train split; single-polarity sentences",
}


def embed(texts: list[str], cache: Path | None) -> np.ndarray:
    key = hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:16]
    if cache is not None:
        path = cache / f"{key}.npy"
        if path.exists():
            return np.load(path)
    t0 = time.perf_counter()
    E = get_encoder().encode(texts)
    print(f"  encoded {len(texts)} texts in {time.perf_counter() - t0:.0f}s", flush=True)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / f"{key}.npy", E)
    return E


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "sentiment-accurate")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--C", type=float, default=2.0)
    args = parser.parse_args()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train_parts, provenance = [], []
    for name, df in frames.items():
        tr = df[df.split == "train"]
        if len(tr) > MAX_TRAIN[name]:
            tr = tr.sample(MAX_TRAIN[name], random_state=0)
        train_parts.append(tr)
        provenance.append(TrainingData(data=name, licence=LICENCES[name][0],
                                       commercial_use=LICENCES[name][1], rows=len(tr), note=NOTES[name]))
    train = pd.concat(train_parts, ignore_index=True)
    E = embed(clean_for_model(train["text"].tolist()), args.cache)
    model = EmbeddingSentimentClassifier(C=args.C).fit_embeddings(E, train["label"].tolist())
    metrics: dict[str, object] = {}
    for name, df in frames.items():
        test = df[df.split == "test"]
        pred = model.classes_[model.predict_proba_embeddings(
            embed(clean_for_model(test["text"].tolist()), args.cache)).argmax(1)]
        metrics[name] = {"split": "test", "rows": int(len(test)),
                         "macro_f1": round(float(f1_score(test["label"], pred, average="macro")), 4),
                         "accuracy": round(float(accuracy_score(test["label"], pred)), 4)}
        print(name, metrics[name], flush=True)
    folder = model.save(args.out / args.version, name="sentiment-accurate", version=args.version,
                        trained_on=provenance, metrics=metrics)
    print("saved", folder)


if __name__ == "__main__":
    main()
