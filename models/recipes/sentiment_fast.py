"""Recipe: train the embedded ``sentiment-fast`` model from the shared datasets.

    .venv/bin/python models/recipes/sentiment_fast.py --version 1.0.0

Reads ``../shared/data`` in place (train splits only, as fixed in
``cxtext.datasets``), evaluates on every test split, and writes
``models/sentiment-fast/<version>/`` (weights, manifest with metrics and data
licences, model card). Seeds are fixed, so a rerun reproduces the same model.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from cxtext.datasets import DATASETS, LICENCES, load_sentiment_dataset
from cxtext.models import TrainingData
from cxtext.sentiment.train import clean_for_model, train_sentiment

NOTES = {
    "airline_tweets": "80% train split (stratified, seed 0) after de-duplication",
    "womens_clothing_reviews": "80% train split grouped by product; rating 1-2/3/4-5 -> neg/neu/pos",
    "goemotions": "train.tsv; emotions mapped to sentiment with sentiment_dict.json, mixed rows dropped",
    "semeval2014_restaurants": "80% train split; single-polarity sentences only, conflict dropped",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "sentiment-fast")
    args = parser.parse_args()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train = pd.concat([df[df.split == "train"] for df in frames.values()], ignore_index=True)
    provenance = [
        TrainingData(data=name, licence=LICENCES[name][0], commercial_use=LICENCES[name][1],
                     rows=int((df.split == "train").sum()), note=NOTES[name])
        for name, df in frames.items()
    ]
    t0 = time.perf_counter()
    model = train_sentiment(train, "text", "label")
    fit_seconds = time.perf_counter() - t0
    metrics: dict[str, object] = {"fit_seconds": round(fit_seconds, 1)}
    for name, df in frames.items():
        test = df[df.split == "test"]
        pred = model.predict(clean_for_model(test["text"].tolist()))
        metrics[name] = {
            "split": "test",
            "rows": int(len(test)),
            "macro_f1": round(float(f1_score(test["label"], pred, average="macro")), 4),
            "accuracy": round(float(accuracy_score(test["label"], pred)), 4),
        }
        print(name, metrics[name])
    folder = model.save(args.out / args.version, name="sentiment-fast", version=args.version,
                        trained_on=provenance, metrics=metrics)
    print("saved", folder)


if __name__ == "__main__":
    main()
