"""Measure the keyword theme tagger against labelled public data, read in place.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/themes_keyword_eval.py \
        [--data /work/shared/data] [--min-confidence 0.0]

Nothing here is tuned: the mappings below were fixed before looking at results.

SemEval-2014 restaurants (train, 3,044 sentences): a sentence counts as
"predicted <category>" when the tagger finds any theme mapped to that category;
``anecdotes/miscellaneous`` is ignored. Airline tweets: negative tweets with a
``negativereason`` other than "Can't Tell"; a tweet counts as "predicted
<reason>" when any theme mapped to that reason is found. Reasons share themes
(e.g. staff_attitude), so airline precision is a lower bound.
"""

from __future__ import annotations

import argparse
import csv
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from cxtext.themes import KeywordThemeTagger

SEMEVAL_MAP: dict[str, set[str]] = {
    "service": {"staff_attitude", "responsiveness", "waiting_time", "empathy", "knowledge"},
    "price": {"price_value"},
    "food": {"product_quality"},
    "ambience": {"cleanliness", "ambience"},
}

AIRLINE_MAP: dict[str, set[str]] = {
    "Late Flight": {"waiting_time", "reliability"},
    "Cancelled Flight": {"reliability"},
    "Customer Service Issue": {
        "support",
        "staff_attitude",
        "responsiveness",
        "empathy",
        "resolution",
    },
    "Lost Luggage": {"delivery"},
    "Damaged Luggage": {"delivery"},
    "Flight Booking Problems": {"availability", "digital_experience", "effort", "billing"},
    "Flight Attendant Complaints": {"staff_attitude", "empathy", "knowledge"},
    "longlines": {"waiting_time"},
    "Bad Flight": {"product_quality", "ambience", "cleanliness", "safety", "product_range"},
}


def _prf(gold: list[set[str]], pred: list[set[str]], labels: list[str]) -> list[tuple]:
    rows = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if label in g and label in p)
        n_pred = sum(1 for p in pred if label in p)
        n_gold = sum(1 for g in gold if label in g)
        prec = tp / n_pred if n_pred else float("nan")
        rec = tp / n_gold if n_gold else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if n_pred and n_gold and prec + rec else 0.0
        rows.append((label, n_gold, n_pred, prec, rec, f1))
    return rows


def _show(title: str, rows: list[tuple]) -> None:
    print(f"\n{title}")
    print(f"{'label':30s} {'gold':>6s} {'pred':>6s} {'prec':>6s} {'rec':>6s} {'f1':>6s}")
    for label, n_gold, n_pred, p, r, f in rows:
        print(f"{label:30s} {n_gold:6d} {n_pred:6d} {p:6.3f} {r:6.3f} {f:6.3f}")


def _map(themes: list[str], mapping: dict[str, set[str]]) -> set[str]:
    found = set(themes)
    return {label for label, ids in mapping.items() if found & ids}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    args = parser.parse_args()
    data = Path(args.data)
    tagger = KeywordThemeTagger(min_confidence=args.min_confidence).fit()

    root = ET.parse(data / "semeval2014_restaurants" / "Restaurants_Train.xml").getroot()
    texts, gold = [], []
    for s in root.iter("sentence"):
        texts.append(s.findtext("text") or "")
        gold.append({c.get("category") for c in s.iter("aspectCategory")} & set(SEMEVAL_MAP))
    t0 = time.perf_counter()
    pred = [_map(p, SEMEVAL_MAP) for p in tagger.predict(texts)]
    dt = time.perf_counter() - t0
    _show(
        f"SemEval-2014 restaurants, {len(texts)} sentences ({len(texts) / dt:.0f}/s), "
        f"min_confidence={args.min_confidence}",
        _prf(gold, pred, list(SEMEVAL_MAP)),
    )

    with open(data / "airline_tweets" / "Tweets.csv", encoding="utf-8", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["airline_sentiment"] == "negative" and r["negativereason"] in AIRLINE_MAP
        ]
    texts = [r["text"] for r in rows]
    gold = [{r["negativereason"]} for r in rows]
    t0 = time.perf_counter()
    pred = [_map(p, AIRLINE_MAP) for p in tagger.predict(texts)]
    dt = time.perf_counter() - t0
    _show(
        f"Airline negative tweets with a reason, {len(texts)} tweets ({len(texts) / dt:.0f}/s)",
        _prf(gold, pred, list(AIRLINE_MAP)),
    )
    none = sum(1 for p in tagger.predict(texts) if not p)
    print(f"\nairline tweets with no theme at all: {none}/{len(texts)}")


if __name__ == "__main__":
    main()
