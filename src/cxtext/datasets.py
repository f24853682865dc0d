"""Loaders for the shared labelled datasets, with fixed, documented splits.

These read ``../shared/data`` (or ``$CXTEXT_SHARED_DATA``) in place; nothing is
copied into the project. Each loader returns a DataFrame with at least ``text``,
``label`` and ``split`` (``"train"``/``"test"``/``"dev"``), so training scripts,
the evaluation harness and benchmarks all use the same rows.

Splits
------
airline_tweets
    De-duplicated on ``tweet_id`` (first copy kept) and on text; 80/20 split
    stratified by sentiment with ``random_state=0``.
womens_clothing_reviews
    Rows with review text; rating mapped with :func:`rating_to_sentiment`
    (1–2 negative, 3 neutral, 4–5 positive); 80/20 split grouped by ``Clothing ID``
    so one product never sits on both sides, seed 0.
goemotions
    ``train.tsv`` is train, ``dev.tsv`` is test. Sentiment from upstream's
    ``sentiment_dict.json``: rows whose labels are all positive emotions ->
    positive, all negative -> negative, ``neutral`` only -> neutral; mixed and
    "ambiguous" rows are dropped for sentiment.
semeval2014_restaurants
    Sentence polarity from its aspect categories: all positive -> positive, all
    negative -> negative, all neutral -> neutral; "conflict" and mixed sentences
    dropped. 80/20 split stratified, seed 0.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from cxtext.errors import InputError

__all__ = [
    "DATASETS",
    "load_airline_tweets",
    "load_goemotions_sentiment",
    "load_semeval_sentences",
    "load_sentiment_dataset",
    "load_womens_clothing",
    "rating_to_sentiment",
    "shared_data_dir",
]

LICENCES = {
    "airline_tweets": ("CC BY-NC-SA 4.0", False),
    "womens_clothing_reviews": ("CC0 1.0", True),
    "goemotions": ("CC BY 4.0", True),
    "semeval2014_restaurants": ("research use (META-SHARE)", False),
}
DATASETS = tuple(LICENCES)


def shared_data_dir() -> Path:
    """Return the shared data folder (``$CXTEXT_SHARED_DATA`` or ``<repo>/../shared/data``)."""
    env = os.environ.get("CXTEXT_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def _require(path: Path) -> Path:
    if not path.exists():
        raise InputError(
            f"[CX110] Shared dataset file {str(path)!r} is not available. Put the shared data "
            "beside the project (../shared/data) or set CXTEXT_SHARED_DATA."
        )
    return path


def rating_to_sentiment(values: pd.Series | np.ndarray | list, scale: str = "5") -> pd.Series:
    """Map ratings to sentiment classes with cxtext's documented rule.

    Parameters
    ----------
    values : array-like of numbers
        Ratings: numbers, numbers with their label as survey tools export them
        (``"10 - Extremely likely"``) or ratings written out (``"4 stars"``,
        ``"8/10"``, ``"3 out of 5"``, on the requested scale); other values map
        to missing.
    scale : {"5", "10", "polarity"}
        ``"5"``: 1–2 negative, 3 neutral, 4–5 positive (stars, CSAT).
        ``"10"``: 0–6 negative, 7–8 neutral, 9–10 positive (the NPS groups).
        ``"polarity"``: the codes -1 negative, 0 neutral, 1 positive.

    Examples
    --------
    >>> rating_to_sentiment([1, 3, 5]).tolist()
    ['negative', 'neutral', 'positive']
    >>> rating_to_sentiment([0, 7, 10], scale="10").tolist()
    ['negative', 'neutral', 'positive']
    >>> rating_to_sentiment(["-1", 0, 1, 2], scale="polarity").tolist()
    ['negative', 'neutral', 'positive', None]
    >>> rating_to_sentiment(["10 - Extremely likely", "0 - Not at all likely", "8/10", "great"], scale="10").tolist()
    ['positive', 'negative', 'neutral', None]
    >>> rating_to_sentiment(["4 stars", "1 star", "2 out of 5"]).tolist()
    ['positive', 'negative', 'negative']
    """
    num = _ratings(pd.Series(values), scale)
    if scale == "polarity":
        codes = {-1: "negative", 0: "neutral", 1: "positive"}
        return pd.Series([codes.get(v) for v in num.tolist()], index=num.index, dtype=object)
    if scale == "5":
        bins, low, high = [0, 2, 3, 5], 1, 5
    elif scale == "10":
        bins, low, high = [-1, 6, 8, 10], 0, 10
    else:
        raise InputError(f"[CX111] Unknown rating scale {scale!r}; use '5', '10' or 'polarity'.")
    num = num.where((num >= low) & (num <= high))
    out = pd.cut(num, bins=bins, labels=["negative", "neutral", "positive"])
    return out.astype(object).where(out.notna(), None)


def _ratings(values: pd.Series, scale: str) -> pd.Series:
    """Numbers of ``values``: plain, labelled ("10 - Extremely likely") or written out on ``scale`` ("4 stars")."""
    from cxtext.scores.scales import read_written_ratings, score_numbers  # join_scores' readers

    num = score_numbers(values)
    if scale in ("5", "10"):
        num = read_written_ratings(values, num, int(scale))
    return pd.Series(num, index=values.index)


def _split(df: pd.DataFrame, *, stratify: str | None = None, groups: str | None = None,
           test_size: float = 0.2, seed: int = 0) -> pd.Series:
    from sklearn.model_selection import GroupShuffleSplit, train_test_split

    idx = np.arange(len(df))
    if groups is not None:
        gss = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
        train_idx, test_idx = next(gss.split(idx, groups=df[groups].to_numpy()))
    else:
        strat = df[stratify].to_numpy() if stratify else None
        train_idx, test_idx = train_test_split(idx, test_size=test_size, random_state=seed,
                                               stratify=strat)
    split = np.empty(len(df), dtype=object)
    split[train_idx] = "train"
    split[test_idx] = "test"
    return pd.Series(split, index=df.index)


def load_airline_tweets(root: Path | None = None) -> pd.DataFrame:
    """Airline tweets: ``text``, ``label``, ``reason``, ``airline``, ``split``."""
    path = _require((root or shared_data_dir()) / "airline_tweets" / "Tweets.csv")
    df = pd.read_csv(path, dtype={"tweet_id": str})
    df = df.drop_duplicates("tweet_id").drop_duplicates("text").reset_index(drop=True)
    out = pd.DataFrame({
        "id": df["tweet_id"], "text": df["text"], "label": df["airline_sentiment"],
        "reason": df["negativereason"], "airline": df["airline"],
    })
    out["split"] = _split(out, stratify="label")
    return out


def load_womens_clothing(root: Path | None = None) -> pd.DataFrame:
    """Clothing reviews with text: ``text``, ``rating``, ``label``, ``split`` (grouped by product)."""
    path = _require((root or shared_data_dir()) / "womens_clothing_reviews"
                    / "Womens_Clothing_E-Commerce_Reviews.csv.gz")
    df = pd.read_csv(path, index_col=0)
    df = df[df["Review Text"].notna()].reset_index(drop=True)
    out = pd.DataFrame({
        "id": df.index.astype(str), "text": df["Review Text"], "title": df["Title"],
        "rating": df["Rating"], "label": rating_to_sentiment(df["Rating"], "5"),
        "product": df["Clothing ID"], "department": df["Department Name"],
    })
    out["split"] = _split(out, groups="product")
    return out


def load_goemotions_sentiment(root: Path | None = None) -> pd.DataFrame:
    """GoEmotions mapped to sentiment: ``text``, ``label``, ``emotions``, ``split``."""
    base = (root or shared_data_dir()) / "goemotions"
    names = _require(base / "emotions.txt").read_text(encoding="utf-8").split("\n")
    groups = json.loads(_require(base / "sentiment_dict.json").read_text(encoding="utf-8"))
    polarity = {emo: grp for grp, emos in groups.items() for emo in emos}
    polarity["neutral"] = "neutral"
    frames = []
    for fname, split in (("train.tsv", "train"), ("dev.tsv", "test")):
        df = pd.read_csv(_require(base / fname), sep="\t", header=None, names=["text", "labels", "id"],
                         dtype=str, keep_default_na=False, encoding="utf-8")
        emos = df["labels"].str.split(",").map(lambda ids: [names[int(i)] for i in ids])
        pols = emos.map(lambda es: {polarity.get(e, "ambiguous") for e in es})
        label = pols.map(lambda p: next(iter(p)) if len(p) == 1 else None)
        frames.append(pd.DataFrame({"id": df["id"], "text": df["text"].str.strip(),
                                    "emotions": emos, "label": label, "split": split}))
    out = pd.concat(frames, ignore_index=True)
    return out[out["label"].isin(["negative", "neutral", "positive"])].reset_index(drop=True)


def load_semeval_sentences(root: Path | None = None) -> pd.DataFrame:
    """SemEval-2014 restaurant sentences: ``text``, ``label``, ``categories``, ``split``."""
    import xml.etree.ElementTree as ET

    path = _require((root or shared_data_dir()) / "semeval2014_restaurants" / "Restaurants_Train.xml")
    rows = []
    for s in ET.parse(path).getroot().iter("sentence"):
        cats = [(c.get("category"), c.get("polarity")) for c in s.iter("aspectCategory")]
        pols = {p for _, p in cats}
        rows.append({"id": s.get("id"), "text": s.findtext("text"),
                     "categories": cats,
                     "label": next(iter(pols)) if len(pols) == 1 and "conflict" not in pols else None})
    out = pd.DataFrame(rows)
    out["split"] = _split(out.assign(_s=out["label"].fillna("none")), stratify="_s")
    return out


def load_sentiment_dataset(name: str, root: Path | None = None) -> pd.DataFrame:
    """Load one shared dataset by folder name, restricted to rows with a sentiment label."""
    loaders = {
        "airline_tweets": load_airline_tweets,
        "womens_clothing_reviews": load_womens_clothing,
        "goemotions": load_goemotions_sentiment,
        "semeval2014_restaurants": load_semeval_sentences,
    }
    if name not in loaders:
        raise InputError(f"[CX111] Unknown dataset {name!r}. Known: {', '.join(loaders)}.")
    df = loaders[name](root)
    return df[df["label"].notna()].reset_index(drop=True)

