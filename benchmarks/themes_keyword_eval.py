"""Measure the zero-shot theme taggers against labelled public data, read in place.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/themes_keyword_eval.py \
        [--data /work/shared/data] [--min-confidence 0.0] \
        [--tagger keyword|embedding] [--split all|train|test] [--cache DIR]

``--split train|test`` scores only that split of :mod:`cxtext.datasets`
(``load_semeval_sentences`` / ``load_airline_tweets``, which drops duplicate
tweets); ``all`` reads the raw files as before. ``--tagger embedding`` uses
:class:`cxtext.themes.EmbeddingThemeTagger` with MiniLM vectors computed once
and cached under ``--cache``. No labels are used by either tagger.

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
import hashlib
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from cxtext.themes import EmbeddingThemeTagger, KeywordThemeTagger

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


def _micro(gold: list[set[str]], pred: list[set[str]]) -> tuple[float, float, float]:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    n_pred = sum(len(p) for p in pred)
    n_gold = sum(len(g) for g in gold)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def _load(data: Path, split: str) -> tuple[list[str], list[set[str]], list[str], list[set[str]]]:
    if split == "all":
        root = ET.parse(data / "semeval2014_restaurants" / "Restaurants_Train.xml").getroot()
        s_texts, s_gold = [], []
        for s in root.iter("sentence"):
            s_texts.append(s.findtext("text") or "")
            s_gold.append({c.get("category") for c in s.iter("aspectCategory")} & set(SEMEVAL_MAP))
        with open(data / "airline_tweets" / "Tweets.csv", encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh)
                    if r["airline_sentiment"] == "negative" and r["negativereason"] in AIRLINE_MAP]
        return s_texts, s_gold, [r["text"] for r in rows], [{r["negativereason"]} for r in rows]
    from cxtext.datasets import load_airline_tweets, load_semeval_sentences

    sem = load_semeval_sentences(data)
    sem = sem[sem["split"] == split]
    air = load_airline_tweets(data)
    air = air[(air["split"] == split) & (air["label"] == "negative") & air["reason"].isin(list(AIRLINE_MAP))]
    return (sem["text"].tolist(), [{c for c, _ in row} & set(SEMEVAL_MAP) for row in sem["categories"]],
            air["text"].tolist(), [{r} for r in air["reason"]])


def _embeddings(texts: list[str], cache: Path) -> np.ndarray:
    from cxtext.embeddings import get_encoder

    key = hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"themes_eval_{key}_minilm.npy"
    if path.is_file():
        return np.load(path)
    emb = np.asarray(get_encoder().encode(texts), dtype=np.float32)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, emb)
    return emb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--tagger", choices=["keyword", "embedding"], default="keyword")
    parser.add_argument("--split", choices=["all", "train", "test"], default="all")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cxtext_bench_cache"))
    args = parser.parse_args()
    data = Path(args.data)
    if args.tagger == "keyword":
        tagger = KeywordThemeTagger(min_confidence=args.min_confidence).fit()
    else:
        tagger = EmbeddingThemeTagger(min_confidence=args.min_confidence).fit()

    def predict(texts: list[str]) -> tuple[list[list[str]], float]:
        emb = _embeddings(texts, args.cache) if args.tagger == "embedding" else None
        t0 = time.perf_counter()
        out = tagger.predict(texts, embeddings=emb) if emb is not None else tagger.predict(texts)
        return out, time.perf_counter() - t0

    s_texts, s_gold, a_texts, a_gold = _load(data, args.split)
    print(f"tagger={args.tagger} split={args.split} min_confidence={args.min_confidence}"
          + (" (timings exclude MiniLM encoding)" if args.tagger == "embedding" else ""))
    themes, dt = predict(s_texts)
    pred = [_map(p, SEMEVAL_MAP) for p in themes]
    _show(f"SemEval-2014 restaurants, {len(s_texts)} sentences ({len(s_texts) / dt:.0f}/s)",
          _prf(s_gold, pred, list(SEMEVAL_MAP)))
    print("micro P/R/F1: {:.3f} / {:.3f} / {:.3f}".format(*_micro(s_gold, pred)))

    themes, dt = predict(a_texts)
    pred = [_map(p, AIRLINE_MAP) for p in themes]
    _show(f"Airline negative tweets with a reason, {len(a_texts)} tweets ({len(a_texts) / dt:.0f}/s)",
          _prf(a_gold, pred, list(AIRLINE_MAP)))
    print("micro P/R/F1: {:.3f} / {:.3f} / {:.3f}".format(*_micro(a_gold, pred)))
    none = sum(1 for p in themes if not p)
    print(f"\nairline tweets with no theme at all: {none}/{len(a_texts)}")


if __name__ == "__main__":
    main()
