"""Recipe: train a restaurant theme model (food/service/price/ambience) from SemEval-2014.

    HF_HUB_OFFLINE=1 .venv/bin/python models/recipes/themes_restaurants.py --version 1.0.0 \
        [--features both] [--out models/themes-restaurants]

Reads ``Restaurants_Train.xml`` in place (all 3,044 sentences; the
``anecdotes/miscellaneous`` category is dropped, so such sentences are negatives
for every theme) and writes ``<out>/<version>/`` (weights, taxonomy, manifest with
the cross-validated per-theme scores, model card). The SemEval-2014 data is for
research use only, so the manifest marks the model as not for commercial use.
Seeds are fixed: a rerun reproduces the same model. Cross-validated scores of
this setup are in ``benchmarks/results/themes.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cxtext.datasets import load_semeval_sentences
from cxtext.models import TrainingData
from cxtext.themes.supervised import ThemeClassifier

CATEGORIES = ("food", "service", "price", "ambience")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--features", default="both", choices=("hashed", "embedding", "both"))
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "themes-restaurants")
    args = parser.parse_args()

    df = load_semeval_sentences()
    labels = [[c for c, _ in row if c in CATEGORIES] for row in df["categories"]]
    t0 = time.perf_counter()
    model = ThemeClassifier(features=args.features).fit(df["text"].tolist(), labels,
                                                        classes=list(CATEGORIES))
    seconds = time.perf_counter() - t0
    provenance = [TrainingData(
        data="semeval2014_restaurants", licence="SemEval-2014 ABSA (META-SHARE, research use)",
        rows=len(df), commercial_use=False,
        note="Restaurants_Train.xml, all sentences; anecdotes/miscellaneous dropped")]
    folder = model.save(args.out / args.version, name="themes-restaurants", version=args.version,
                        trained_on=provenance, metrics={"fit_seconds": round(seconds, 1)},
                        description="Restaurant review themes (food, service, price, ambience) "
                        "learned from SemEval-2014 aspect categories; other CX themes keyword-matched.")
    print(f"wrote {folder} in {seconds:.0f} s")
    for theme, cv in model.cv_scores_.items():
        print(theme, cv)


if __name__ == "__main__":
    main()
