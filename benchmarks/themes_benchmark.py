"""Benchmark theme detection and theme sentiment: trained vs zero-shot keyword tagger.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/themes_benchmark.py \
        [--data /work/shared/data] [--out benchmarks/results] [--folds 5]

SemEval-2014 restaurants (``Restaurants_Train.xml``, 3,044 sentences, read in place):

* **Trained** (:class:`cxtext.themes.ThemeClassifier`): 5-fold cross-validation
  grouped by identical (lower-cased) text, seed 0, on the SemEval category labels
  themselves - ``food, service, price, ambience`` (label set A) and the same plus
  ``anecdotes/miscellaneous`` (label set B, as theme ``anecdotes_miscellaneous``).
  Every sentence is predicted by the fold model that did not see it.
* **Zero-shot keyword tagger** with a fixed mapping (``MAPPINGS["semeval"]``).
* **Category sentiment**: for (sentence, category) pairs found by both gold and
  model, the sentiment of the category's highest-confidence mention from
  ``cxtext.analyze`` (the comment sentiment if the clause-level analysis has no
  mention) vs the gold polarity. ``conflict`` pairs are dropped. Only sentences in
  the *test* split of :func:`cxtext.datasets.load_semeval_sentences` are scored,
  because the shipped sentiment models were trained on that file's train split.
  The trained models learn from ``category:polarity`` labels of their training
  folds, so their mentions carry theme-aware sentiment
  (:class:`cxtext.themes.mention_sentiment.MentionSentimentHead` over the
  ``--sentiment`` model); the same mentions with the clause sentiment alone
  (the model's heads removed) are reported beside it.

Airline tweets (``Tweets.csv``): negative tweets whose ``negativereason`` is not
"Can't Tell"; zero-shot with ``MAPPINGS["airline"]`` and trained (5-fold CV,
hashed features only: encoding ~9k tweets with MiniLM is too slow on this machine).

MiniLM embeddings (features ``"both"``) are computed once per dataset and cached
under ``--cache`` (keyed by the dataset sha256). Writes ``themes.md`` and
``themes.json`` under ``--out``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import platform
import re
import shlex
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import cxtext.themes.supervised as sup
from cxtext import __version__
from cxtext.datasets import load_semeval_sentences
from cxtext.models import sha256_file
from cxtext.themes import KeywordThemeTagger, ThemeHit
from cxtext.themes.evaluate import ThemeReport, analyze_theme_sentiments, evaluate_themes
from cxtext.themes.supervised import ThemeClassifier, label_to_theme_id

logger = logging.getLogger("themes_benchmark")

SEMEVAL_FILE = "semeval2014_restaurants/Restaurants_Train.xml"
AIRLINE_FILE = "airline_tweets/Tweets.csv"
ANECDOTES = "anecdotes/miscellaneous"

#: Predicted theme id -> gold label(s); fixed before looking at results.
MAPPINGS: dict[str, dict[str, list[str]]] = {
    "semeval": {
        **{t: ["service"] for t in ("staff_attitude", "responsiveness", "waiting_time", "empathy",
                                    "knowledge", "support")},
        "price_value": ["price"],
        "product_quality": ["food"],
        "ambience": ["ambience"],
        "cleanliness": ["ambience"],
    },
    "airline": {
        "waiting_time": ["late_flight", "longlines"],
        "reliability": ["late_flight", "cancelled_flight"],
        "support": ["customer_service_issue"],
        "staff_attitude": ["customer_service_issue", "flight_attendant_complaints"],
        "responsiveness": ["customer_service_issue"],
        "empathy": ["customer_service_issue", "flight_attendant_complaints"],
        "resolution": ["customer_service_issue"],
        "delivery": ["lost_luggage", "damaged_luggage"],
        "availability": ["flight_booking_problems"],
        "digital_experience": ["flight_booking_problems"],
        "effort": ["flight_booking_problems"],
        "billing": ["flight_booking_problems"],
        "knowledge": ["flight_attendant_complaints"],
        "product_quality": ["bad_flight"],
        "ambience": ["bad_flight"],
        "cleanliness": ["bad_flight"],
        "safety": ["bad_flight"],
        "product_range": ["bad_flight"],
    },
}


class LookupTagger:
    """Serves hits computed elsewhere (out-of-fold predictions), looked up by text."""

    def __init__(self, hits: dict[str, list[ThemeHit]], name: str) -> None:
        self.hits = hits
        self.name = name

    def tag(self, texts: list[str]) -> list[list[ThemeHit]]:
        return [self.hits[t] for t in texts]


def _groups(texts: list[str]) -> np.ndarray:
    return pd.factorize(pd.Series(texts).str.strip().str.lower())[0]


def _cached_encoder(texts: list[str], cache: Path) -> None:
    """Make ThemeClassifier's encoder read vectors from a cache (computed once)."""
    if cache.is_file():
        emb = np.load(cache)
    else:
        from cxtext.embeddings import get_encoder

        t0 = time.perf_counter()
        emb = np.asarray(get_encoder().encode(texts), dtype=np.float32)
        logger.info("encoded %d texts in %.0f s", len(texts), time.perf_counter() - t0)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, emb)
    lut = {t: i for i, t in enumerate(texts)}
    original = sup._encode
    sup._encode = lambda batch: emb[[lut[t] for t in batch]] if all(t in lut for t in batch) \
        else original(batch)


def cross_validate(texts: list[str], labels: list[list[str]], *, folds: int,
                   sentiment_rows: set[int], sentiment: str = "fast",
                   polarities: list[dict[str, str]] | None = None,
                   **params: Any) -> tuple[LookupTagger, dict[str, Callable], float]:
    """Out-of-fold hits for every text and theme sentiments for ``sentiment_rows``.

    With ``polarities`` the fold models train on ``theme:polarity`` labels and
    learn mention sentiment for ``sentiment``; the sentiment functions returned
    are ``"learned"`` (the model as trained) and ``"clause"`` (its heads removed).
    """
    from sklearn.model_selection import GroupKFold

    def train_labels(i: int) -> list[str]:
        pol = polarities[i] if polarities is not None else {}
        return [f"{t}:{pol[t]}" if pol.get(t) else t for t in labels[i]]

    hits: dict[str, list[ThemeHit]] = {}
    sentiments: dict[str, dict[str, dict[str, str]]] = {"learned": {}, "clause": {}}
    t0 = time.perf_counter()
    for k, (tr, te) in enumerate(GroupKFold(folds, shuffle=True, random_state=0).split(
            texts, groups=_groups(texts))):
        model = ThemeClassifier(mention_sentiment=(sentiment,) if polarities else (), **params)
        model.fit([texts[i] for i in tr], [train_labels(i) for i in tr])
        trained = set(map(str, model.classes_))
        test = [texts[i] for i in te]
        for text, row in zip(test, model.tag(test)):
            hits[text] = [h for h in row if h.theme in trained]  # score trained themes only
        sent_texts = [texts[i] for i in te if i in sentiment_rows]
        heads = model.mention_heads_
        for variant in ("learned", "clause") if sent_texts else ():
            model.mention_heads_ = heads if variant == "learned" else {}
            per_text, comment = analyze_theme_sentiments(sent_texts, model, sentiment=sentiment)
            for text, d, c in zip(sent_texts, per_text, comment):
                d = {t: s for t, s in d.items() if t in trained}
                for h in hits[text]:  # clause analysis missed it: the comment's sentiment
                    if h.theme not in d and c is not None:
                        d[h.theme] = c
                sentiments[variant][text] = d
        logger.info("fold %d/%d done (%.0f s)", k + 1, folds, time.perf_counter() - t0)
    fns = {v: (lambda batch, v=v: [sentiments[v].get(t, {}) for t in batch]) for v in sentiments}
    return LookupTagger(hits, "ThemeClassifier (out-of-fold)"), fns, time.perf_counter() - t0


def semeval(data: Path, folds: int, cache_dir: Path, sentiment: str = "fast") -> dict[str, Any]:
    df = load_semeval_sentences(data)
    texts = df["text"].tolist()
    test_rows = set(np.flatnonzero(df["split"].to_numpy() == "test").tolist())
    cats = [[c for c, _ in row] for row in df["categories"]]
    pols = [{c: p for c, p in row} for row in df["categories"]]
    sent_idx = sorted(test_rows)

    def with_sets(keep_misc: bool) -> tuple[list[list[str]], list[dict[str, str]]]:
        def name(c: str) -> str:
            return label_to_theme_id(c) if c == ANECDOTES else c
        lab = [[name(c) for c in row if keep_misc or c != ANECDOTES] for row in cats]
        pol = [{name(c): p for c, p in d.items() if keep_misc or c != ANECDOTES} for d in pols]
        return lab, pol

    results: dict[str, Any] = {"rows": len(texts), "sentiment_rows": len(sent_idx)}
    sha = sha256_file(data / SEMEVAL_FILE)[:16]
    _cached_encoder(texts, cache_dir / f"semeval_{sha}_minilm.npy")
    runs = [("A", False, "both"), ("A", False, "hashed"), ("B", True, "both")]
    for label_set, keep_misc, features in runs:
        lab, pol = with_sets(keep_misc)
        tagger, sent_fns, seconds = cross_validate(texts, lab, folds=folds, sentiment=sentiment,
                                                   sentiment_rows=test_rows, polarities=pol,
                                                   features=features)
        det = evaluate_themes(tagger, texts, lab)
        sen = {v: evaluate_themes(tagger, [texts[i] for i in sent_idx], [lab[i] for i in sent_idx],
                                  gold_sentiments=[pol[i] for i in sent_idx],
                                  predicted_sentiments_fn=fn) for v, fn in sent_fns.items()}
        packed = _pack(det, sen["learned"], seconds=seconds, features=features,
                       label_set=label_set)
        packed["sentiment_clause_only"] = sen["clause"].sentiment
        results[f"trained_{label_set}_{features}"] = packed
    lab, pol = with_sets(False)
    kw = KeywordThemeTagger().fit()
    t0 = time.perf_counter()
    det = evaluate_themes(kw, texts, lab, mapping=MAPPINGS["semeval"])
    seconds = time.perf_counter() - t0
    sen = evaluate_themes(kw, [texts[i] for i in sent_idx], [lab[i] for i in sent_idx], sentiment=sentiment,
                          gold_sentiments=[pol[i] for i in sent_idx], mapping=MAPPINGS["semeval"])
    results["keyword_A"] = _pack(det, sen, seconds=seconds, features="keyword", label_set="A")
    return results


def airline(data: Path, folds: int) -> dict[str, Any]:
    with open(data / AIRLINE_FILE, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh)
                if r["airline_sentiment"] == "negative" and r["negativereason"]
                and r["negativereason"] != "Can't Tell"]
    texts = [r["text"] for r in rows]
    lab = [[label_to_theme_id(r["negativereason"])] for r in rows]
    # Identical tweets with different reasons: keep the first label set per text for lookup.
    out: dict[str, Any] = {"rows": len(texts)}
    kw = KeywordThemeTagger().fit()
    t0 = time.perf_counter()
    det = evaluate_themes(kw, texts, lab, mapping=MAPPINGS["airline"])
    out["keyword"] = _pack(det, None, seconds=time.perf_counter() - t0, features="keyword",
                           label_set="negativereason")
    tagger, _, seconds = cross_validate(texts, lab, folds=folds, sentiment_rows=set(),
                                        features="hashed")
    det = evaluate_themes(tagger, texts, lab)
    out["trained_hashed"] = _pack(det, None, seconds=seconds, features="hashed",
                                  label_set="negativereason")
    return out


def _pack(det: ThemeReport, sen: ThemeReport | None, **info: Any) -> dict[str, Any]:
    out = {**info, "micro": det.micro, "macro_f1": det.macro_f1, "per_theme": det.per_theme,
           "notes": det.notes}
    if sen is not None:
        out["sentiment"] = sen.sentiment
        out["sentiment_per_theme"] = {k: {"accuracy": v.get("sentiment_accuracy"),
                                          "n": v.get("sentiment_n")}
                                      for k, v in sen.per_theme.items()}
        out["sentiment_notes"] = sen.notes
    return out


def _f(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def render(result: dict[str, Any]) -> str:
    s, a = result["semeval"], result["airline"]
    lines = [
        "# Theme benchmark", "",
        f"- Command: `{result['command']}`",
        (f"- Date: {result['date']} · cxtext {result['versions']['cxtext']} · scikit-learn "
        f"{result['versions']['scikit-learn']} · {result['machine']}"),
        f"- Encoder for `both`: all-MiniLM-L6-v2 (sha256 `{result['versions']['minilm'][:16]}…`)",
        f"- Sentiment model for category sentiment: `{result.get('sentiment', 'fast')}`",
        "", "Dataset files (sha256):", "",
    ] + [f"- `{k}` {v}" for k, v in result["datasets"].items()] + [
        "", "## SemEval-2014 restaurants: aspect-category detection", "",
        (f"{s['rows']:,} sentences; trained rows are {result['folds']}-fold cross-validated, "
        "grouped by identical text (seed 0). A = food/service/price/ambience "
        "(anecdotes/miscellaneous dropped); B = A + anecdotes_miscellaneous as its own theme. "
        "Keyword = zero-shot tagger with the fixed mapping in the script. Published anchors "
        "(SemEval-2014 test set, not directly comparable): NRC-Canada 0.886, BERT ~0.92 micro-F1."),
        "", ("| model | labels | micro-P | micro-R | micro-F1 | macro-F1 | category-sentiment acc. "
             "(pairs) | clause sentiment only | time (s) |"),
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key in ("trained_A_both", "trained_A_hashed", "trained_B_both", "keyword_A"):
        r = s[key]
        sent = r.get("sentiment", {})
        clause = r.get("sentiment_clause_only")
        lines.append(f"| {r['features']} | {r['label_set']} | {_f(r['micro']['precision'])} | "
                     f"{_f(r['micro']['recall'])} | **{_f(r['micro']['f1'])}** | {_f(r['macro_f1'])} | "
                     f"**{_f(sent.get('accuracy'))}** ({sent.get('n', 0):,}) | "
                     f"{_f(clause.get('accuracy')) if clause else '(is clause only)'} | "
                     f"{r['seconds']:.0f} |")
    lines += ["", "Per theme (P / R / F1 / support; sentiment accuracy on test-split pairs):", "",
              "| theme | " + "trained_A_both | trained_B_both | keyword_A" + " |",
              "|---|---|---|---|"]
    themes = list(s["trained_B_both"]["per_theme"])
    for t in themes:
        cells = []
        for key in ("trained_A_both", "trained_B_both", "keyword_A"):
            r = s[key]["per_theme"].get(t)
            if r is None:
                cells.append("—")
                continue
            sa = s[key].get("sentiment_per_theme", {}).get(t, {})
            cells.append(f"{r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f} / {r['support']:,}"
                         f"; sent {_f(sa.get('accuracy'))}")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    lines += ["", (f"Category sentiment is scored on the {s['sentiment_rows']:,} sentences of the "
              "test split of `cxtext.datasets.load_semeval_sentences` only (the shipped "
              "sentiment models were trained on the train split). Trained rows learn mention "
              "sentiment from the `category:polarity` labels of their training folds (a "
              "`MentionSentimentHead` over the sentiment model); \"clause sentiment only\" scores "
              "the same mentions with those heads removed. `conflict` pairs are dropped:"),
              ""]
    for key in ("trained_A_both", "keyword_A"):
        lines += [f"- {key}: " + (" ".join(s[key].get("sentiment_notes", [])) or "none")]
    lines += ["", "## Airline tweets: negativereason", "",
              f"{a['rows']:,} negative tweets with a reason other than \"Can't Tell\" (single label).",
              "", "| model | micro-F1 | macro-F1 | time (s) |", "|---|---|---|---|"]
    for key in ("trained_hashed", "keyword"):
        r = a[key]
        lines.append(f"| {key} | {_f(r['micro']['f1'])} | {_f(r['macro_f1'])} | {r['seconds']:.0f} |")
    lines += ["", "| reason | support | trained P / R / F1 | keyword P / R / F1 |", "|---|---|---|---|"]
    for t, r in a["trained_hashed"]["per_theme"].items():
        k = a["keyword"]["per_theme"][t]
        lines.append(f"| {t} | {r['support']:,} | {r['precision']:.3f} / {r['recall']:.3f} / "
                     f"{r['f1']:.3f} | {k['precision']:.3f} / {k['recall']:.3f} / {k['f1']:.3f} |")
    lines += ["", ("Keyword reasons share themes (e.g. staff_attitude maps to two reasons), so its "
              "precision is a lower bound. Timings are on a shared 2-core machine (indicative)."), ""]
    return "\n".join(lines)


def results_stem(sentiment: str) -> str:
    """File name of the results: ``themes`` for the default run, else named after the sentiment model.

    >>> results_stem("fast"), results_stem("accurate"), results_stem("sentiment-accurate/0.4.0")
    ('themes', 'themes-accurate-sentiment', 'themes-sentiment-accurate-0.4.0-sentiment')
    """
    if sentiment == "fast":
        return "themes"
    return "themes-" + re.sub(r"[^A-Za-z0-9.]+", "-", sentiment).strip("-") + "-sentiment"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cxtext_bench_cache"))
    parser.add_argument("--sentiment", default="fast",
                        help="sentiment model for category sentiment: fast, accurate or a folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("cxtext").setLevel(logging.ERROR)

    import sklearn

    from cxtext.embeddings import MINILM_SHA256

    result: dict[str, Any] = {
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/themes_benchmark.py "
                   + shlex.join(sys.argv[1:]),
        "date": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "versions": {"cxtext": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "minilm": MINILM_SHA256},
        "datasets": {f: sha256_file(args.data / f) for f in (SEMEVAL_FILE, AIRLINE_FILE)},
        "folds": args.folds,
        "sentiment": args.sentiment,
        "mappings": MAPPINGS,
    }
    result["semeval"] = semeval(args.data, args.folds, args.cache, args.sentiment)
    result["airline"] = airline(args.data, args.folds)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = results_stem(args.sentiment)
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / f"{stem}.md").write_text(render(result), encoding="utf-8")
    logger.info("wrote %s and %s", args.out / f"{stem}.json", args.out / f"{stem}.md")


if __name__ == "__main__":
    main()
