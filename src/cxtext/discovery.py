"""Discover candidate themes in the clauses no theme matched.

After :func:`cxtext.analyze`, some clauses of scored comments carry no theme: the
taxonomy has no words for what they talk about. :func:`discover` groups those
clauses into *candidate themes* an analyst can review, name and add to the
taxonomy (:func:`candidates_to_taxonomy`)::

    unmatched clauses --MiniLM--> unit vectors --average-linkage clustering,
    cut at a cosine distance--> clusters --small clusters and far members ->
    noise; a giant cluster -> re-cut--> candidates: size, keywords (class-based
    TF-IDF), quotes nearest the centre, clause sentiment split

Choices, measured on the demo survey with ``delivery`` and ``price_value``
dropped from the taxonomy (166 unmatched clauses; F1 of the best candidate
against the clauses the full taxonomy tags with each theme; adjusted Rand index
between two seeds on two 90 % subsamples):

====================================  ===============  ===========  =======
clusterer                             F1 deliv/price   ARI (2x90%)  noise
====================================  ===============  ===========  =======
average linkage, cosine, cut 0.75     0.95 / 0.84      0.70         19 %
average linkage, cosine, cut 0.8      0.95 / 0.90      0.78         10 %
KMeans, k by cosine silhouette        0.43 / 0.49      0.36         31 %
KMeans, k = 8                         0.92 / 0.78      0.46         0 %
HDBSCAN (min_cluster_size 5)          0.56 / 0.44      --           38 %
====================================  ===============  ===========  =======

Average linkage is deterministic and both more accurate and more stable than
KMeans here (silhouette favours many tiny clusters on short clauses, scattering
a theme). The cut at 0.75 is the default because on noisier text 0.8 was less stable
(1,200 airline tweets with a complaint reason: ARI 0.64 at 0.8 vs 0.69 at 0.75,
same purity against the reason labels). Its memory
grows with the square of the clauses, so above ``max_clauses`` a seeded sample
is clustered and the other clauses join the nearest candidate centre.

* **Noise.** Clusters smaller than ``min_size`` and members whose cosine
  similarity to their centre is below ``min_similarity`` are noise (label
  ``-1``): left out of the candidates, never lumped into one bucket.
* **No giant bucket.** A cluster holding more than ``max_share`` of the
  clustered clauses is re-cut lower until it falls apart into real parts.
* **Keywords.** Class-based TF-IDF (each cluster's clauses as one document;
  term share in the cluster times ``log(1 + mean words per cluster / corpus
  frequency)``), the weighting BERTopic made popular. It is a few lines on top
  of scikit-learn's ``CountVectorizer``, so it is written here rather than
  pulling in BERTopic and its UMAP/HDBSCAN stack.

Everything is deterministic under ``random_state``; :func:`discover_stability`
reports the adjusted Rand index between seeds on different subsamples.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError, InputError

if TYPE_CHECKING:
    from cxtext.analyzer import AnalysisResult
    from cxtext.themes.taxonomy import Taxonomy, Theme

__all__ = [
    "CANDIDATE_COLUMNS",
    "candidate_to_theme",
    "candidates_to_taxonomy",
    "discover",
    "discover_stability",
    "unmatched_clauses",
]

logger = logging.getLogger(__name__)

#: Columns of the table :func:`discover` returns, in order.
CANDIDATE_COLUMNS = [
    "candidate_id", "size", "n_comments", "label", "keywords", "examples",
    "positive_share", "neutral_share", "negative_share", "mean_sentiment_score",
    "cohesion", "comment_ids", "clause_ids",
]
_CLAUSE_COLUMNS = ["comment_id", "clause", "start", "end", "text", "sentiment", "sentiment_score"]
_MAX_SPLITS = 40  # most giant-cluster splits
_SPLIT_FLOOR = 0.5  # a giant is re-cut at most down to this share of distance_threshold
_KEYWORD_STOP = frozenset({
    "did", "does", "just", "got", "get", "really", "also", "ve", "ll", "re", "didn", "doesn", "don",
    "wasn", "weren", "isn", "aren", "couldn", "wouldn", "shouldn", "won", "hasn", "haven", "ain",
})
_WORDS = re.compile(r"\W+")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]")  # PII placeholders such as [EMAIL], [POSTCODE]
_BRACKETED = re.compile(r"\[[^\]\n]{0,80}\]")  # what the cleaner writes in brackets: emoji names, PII placeholders


# ---------------------------------------------------------------------------
# unmatched clauses
# ---------------------------------------------------------------------------
def unmatched_clauses(result: AnalysisResult, *, sentiment_model: Any = None,
                      include_duplicates: bool = False, min_words: int = 2) -> pd.DataFrame:
    """Clauses of scored comments that no theme mention overlaps.

    Only comments that got a sentiment are read: not empty, not non-answers, and
    in one of the analysis's ``languages`` (English by default); a ``UserWarning``
    says how many comments in other languages were left out.

    Clauses are recomputed from ``text_clean`` with
    :func:`cxtext.clean.split_clauses` (the split the analyzer uses); a clause is
    matched when a mention of its comment overlaps its character span.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze`.
    sentiment_model : estimator, optional
        Model with ``predict_proba`` and ``classes_`` that scores each clause
        (default: the ``fast`` model of ``result.info["preset"]``). When the
        comments have a ``prompt_type`` column the analyzer's prompt context is
        applied, as for mentions.
    include_duplicates : bool, default False
        Keep clauses of comments flagged ``is_duplicate`` (copies would otherwise
        form clusters of one repeated text).
    min_words : int, default 2
        Drop clauses with fewer words ("Thanks.", "Fine."). Words inside the
        cleaner's square brackets (emoji names such as "[smiling face]", PII
        placeholders) do not count: an emoji-only clause is no topic.

    Returns
    -------
    pandas.DataFrame
        ``comment_id, clause, start, end, text, sentiment, sentiment_score``;
        ``clause`` is the 0-based clause number in its comment and
        ``start``/``end`` index its ``text_clean``.

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> res = cxtext.analyze(pd.DataFrame({"c": ["The staff were lovely but the weather was awful."]}),
    ...                      text="c")
    >>> unmatched_clauses(res)["text"].tolist()
    ['but the weather was awful.']
    """
    from cxtext.clean import split_clauses

    cm = _comments(result)
    keep = cm["sentiment"].notna().to_numpy() & ~cm["is_non_answer"].to_numpy(dtype=bool)
    from cxtext.scores._base import other_language_mask

    foreign, langs = other_language_mask(cm, getattr(result, "info", None))
    other = int((foreign & ~cm["is_non_answer"].to_numpy(dtype=bool)).sum())
    if other:
        import warnings

        warnings.warn(f"discover: {other} comment(s) in other languages than {', '.join(langs)} "
                      "are left out: they were not analysed (Analyzer(languages=...) sets which are).",
                      UserWarning, stacklevel=3)
    if not include_duplicates:
        keep &= ~cm["is_duplicate"].to_numpy(dtype=bool)
    ids = cm[result.id] if result.id is not None else pd.Series(cm.index, index=cm.index)
    rows = np.flatnonzero(keep)
    texts = [str(t) for t in cm["text_clean"].to_numpy()[rows]]
    spans = _mention_spans(result.mentions)
    prompts_all = cm["prompt_type"].tolist() if "prompt_type" in cm.columns else None

    records: list[dict[str, Any]] = []
    prompts: list[str] = []
    for r, clauses in zip(rows, split_clauses(texts)):
        cid = ids.iloc[r]
        taken = spans.get(cid, ())
        for k, clause in enumerate(clauses):
            if len(_BRACKETED.sub(" ", clause.text).split()) < min_words:
                continue
            if any(s < clause.end and e > clause.start for s, e in taken):
                continue
            records.append({"comment_id": cid, "clause": k, "start": clause.start,
                            "end": clause.end, "text": clause.text})
            prompts.append(prompts_all[r] if prompts_all is not None else "neutral")
    out = pd.DataFrame(records, columns=_CLAUSE_COLUMNS[:5])
    label, score = _clause_sentiment(out["text"].tolist(), prompts, result, sentiment_model)
    out["sentiment"] = pd.Series(label, index=out.index, dtype=object)
    out["sentiment_score"] = score
    return out


def _comments(result: Any) -> pd.DataFrame:
    cm = getattr(result, "comments", None)
    if not isinstance(cm, pd.DataFrame) or not isinstance(getattr(result, "mentions", None), pd.DataFrame):
        raise InputError(
            "[CX121] discover() needs the AnalysisResult returned by cxtext.analyze(); got "
            f"{type(result).__name__}. Run result = cxtext.analyze(df, text=...) first."
        )
    missing = [c for c in ("text_clean", "sentiment", "is_non_answer", "is_duplicate") if c not in cm.columns]
    if missing:
        raise InputError(
            f"[CX121] result.comments lacks the analysis column(s) {', '.join(missing)}; "
            "pass the unmodified result of cxtext.analyze()."
        )
    return cm


def _mention_spans(mentions: pd.DataFrame) -> dict[Any, list[tuple[int, int]]]:
    spans: dict[Any, list[tuple[int, int]]] = {}
    if len(mentions):
        for cid, s, e in zip(mentions["comment_id"], mentions["start"], mentions["end"]):
            spans.setdefault(cid, []).append((int(s), int(e)))
    return spans


def _clause_sentiment(texts: list[str], prompts: list[str], result: Any,
                      model: Any) -> tuple[np.ndarray, np.ndarray]:
    if not texts:
        return np.empty(0, dtype=object), np.empty(0)
    if model is None:
        from cxtext.analyzer import Analyzer

        model = Analyzer(preset=str(result.info.get("preset", "fast"))).sentiment_model
    from cxtext.analyzer import _sentiment_outputs
    from cxtext.sentiment.context import read_comments
    from cxtext.sentiment.politeness import model_texts

    classes = [str(c) for c in model.classes_]
    proba, _ = read_comments(np.asarray(model.predict_proba(model_texts(texts)), dtype=float), classes,
                             texts, prompts)
    label, score, _ = _sentiment_outputs(proba, classes)
    return label, score


# ---------------------------------------------------------------------------
# clustering
# ---------------------------------------------------------------------------
_DEFAULTS: dict[str, Any] = {"n_candidates": None, "min_size": 5, "max_share": 0.25,
                             "min_similarity": 0.25, "distance_threshold": 0.75, "max_clauses": 5000}


def _cluster_options(**kwargs: Any) -> dict[str, Any]:
    """Validated clustering options (defaults filled in)."""
    unknown = sorted(set(kwargs) - set(_DEFAULTS))
    if unknown:
        raise ConfigError(f"[CX301] Unknown option(s) {', '.join(unknown)}; use "
                          f"{', '.join([*_DEFAULTS, 'include_duplicates', 'min_words'])}.")
    opts = {**_DEFAULTS, **kwargs}
    n_candidates, min_size = opts["n_candidates"], opts["min_size"]
    max_share, min_similarity = opts["max_share"], opts["min_similarity"]
    if n_candidates is not None and (not isinstance(n_candidates, (int, np.integer)) or n_candidates < 1):
        raise ConfigError(f"[CX301] 'n_candidates' must be a positive int or None. Got {n_candidates!r}.")
    if not isinstance(min_size, (int, np.integer)) or min_size < 2:
        raise ConfigError(f"[CX301] 'min_size' must be an int >= 2. Got {min_size!r}.")
    if not 0 < max_share <= 1:
        raise ConfigError(f"[CX301] 'max_share' must be in (0, 1]. Got {max_share!r}.")
    if not -1 <= min_similarity < 1:
        raise ConfigError(f"[CX301] 'min_similarity' must be in [-1, 1). Got {min_similarity!r}.")
    if not 0 < opts["distance_threshold"] <= 2:
        raise ConfigError("[CX301] 'distance_threshold' is a cosine distance in (0, 2]. "
                          f"Got {opts['distance_threshold']!r}.")
    if not isinstance(opts["max_clauses"], (int, np.integer)) or opts["max_clauses"] < min_size:
        raise ConfigError(f"[CX301] 'max_clauses' must be an int >= min_size. Got {opts['max_clauses']!r}.")
    return opts


def _embed(texts: Sequence[str], encoder: Any) -> np.ndarray:
    """Unit vectors for ``texts``, encoding each distinct text once."""
    if not len(texts):
        return np.zeros((0, 384), dtype=np.float32)
    if encoder is None:
        from cxtext.embeddings import get_encoder

        encoder = get_encoder()
    unique, inverse = np.unique(np.asarray(texts, dtype=object).astype(str), return_inverse=True)
    vectors = np.asarray(encoder.encode(unique.tolist()), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None))[inverse]


def _agglomerate(X: np.ndarray, n_candidates: int | None, distance_threshold: float) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if len(X) < 2:
        return np.zeros(len(X), dtype=int)
    if n_candidates is not None:
        model = AgglomerativeClustering(n_clusters=min(int(n_candidates), len(X)), metric="cosine",
                                        linkage="average")
    else:
        model = AgglomerativeClustering(n_clusters=None, distance_threshold=distance_threshold,
                                        metric="cosine", linkage="average")
    return model.fit_predict(X)


def _cluster(X: np.ndarray, *, n_candidates: int | None, min_size: int, max_share: float,
             min_similarity: float, distance_threshold: float, max_clauses: int,
             seed: int) -> np.ndarray:
    """Cluster labels for ``X`` (unit rows); ``-1`` marks noise.

    Average-linkage agglomerative clustering on cosine distance (cut at
    ``distance_threshold``, or into ``n_candidates`` clusters). Above
    ``max_clauses`` rows a seeded sample is clustered and the other rows join
    their most similar cluster centre (or noise), keeping memory linear.
    """
    n = len(X)
    if n < min_size:
        return np.full(n, -1, dtype=int)
    rng = np.random.default_rng(seed)
    fit = np.sort(rng.choice(n, size=max_clauses, replace=False)) if n > max_clauses else np.arange(n)
    labels = np.full(n, -1, dtype=int)
    labels[fit] = _agglomerate(X[fit], n_candidates, distance_threshold)
    if len(fit) < n:
        labels = _assign_rest(X, labels, fit, min_similarity)
    if n_candidates is None:  # a number asked for is respected
        labels = _split_giants(X, labels, min_size=min_size, max_share=max_share,
                               distance_threshold=distance_threshold)
    return _mark_noise(X, labels, min_size=min_size, min_similarity=min_similarity)


def _centroids(X: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ids = np.unique(labels[labels >= 0])
    cent = np.stack([X[labels == c].mean(axis=0) for c in ids]) if len(ids) else np.zeros((0, X.shape[1]))
    cent /= np.clip(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12, None)
    return ids, cent


def _assign_rest(X: np.ndarray, labels: np.ndarray, fit: np.ndarray,
                 min_similarity: float) -> np.ndarray:
    ids, cent = _centroids(X[fit], labels[fit])
    rest = np.setdiff1d(np.arange(len(X)), fit)
    if not len(ids):
        return labels
    for lo in range(0, len(rest), 4096):
        chunk = rest[lo:lo + 4096]
        sims = X[chunk] @ cent.T
        best = sims.argmax(axis=1)
        labels[chunk] = np.where(sims[np.arange(len(chunk)), best] >= min_similarity, ids[best], -1)
    return labels


def _split_giants(X: np.ndarray, labels: np.ndarray, *, min_size: int, max_share: float,
                  distance_threshold: float) -> np.ndarray:
    """Split any cluster above ``max_share`` of the clustered rows.

    The cluster is re-clustered (average linkage) with a lower cut, lowered
    until it falls apart into at least two parts of ``min_size``; a cluster
    that only falls apart far below the threshold is coherent and kept (its
    share is then reported, not hidden). Unsplittable giants stop the loop, so
    a smaller giant behind one is not split either.
    """
    labels = labels.copy()
    for _ in range(_MAX_SPLITS):  # bounded: each pass splits one cluster or stops
        clustered = labels >= 0
        if not clustered.any():
            break
        sizes = np.bincount(labels[clustered])
        giant = int(sizes.argmax())
        if sizes[giant] <= max_share * clustered.sum() or sizes[giant] < 2 * min_size:
            break
        members = np.flatnonzero(labels == giant)
        threshold, sub = distance_threshold, None
        while threshold > _SPLIT_FLOOR * distance_threshold:
            threshold *= 0.85
            parts = _agglomerate(X[members], None, threshold)
            if (np.bincount(parts) >= min_size).sum() >= 2:
                sub = parts
                break
        if sub is None:  # coherent: no cut well below the threshold splits it into real parts
            break
        labels[members] = np.where(sub == 0, giant, labels.max() + sub)
    return labels


def _mark_noise(X: np.ndarray, labels: np.ndarray, *, min_size: int,
                min_similarity: float) -> np.ndarray:
    labels = labels.copy()
    for _ in range(3):  # dropping far members can shrink a cluster below min_size
        changed = False
        for c in np.unique(labels[labels >= 0]):
            members = np.flatnonzero(labels == c)
            if len(members) >= min_size:
                centroid = X[members].mean(axis=0)
                centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
                far = members[X[members] @ centroid < min_similarity]
                if len(far):
                    labels[far], changed = -1, True
            members = np.flatnonzero(labels == c)
            if 0 < len(members) < min_size:
                labels[members], changed = -1, True
        if not changed:
            break
    return labels


# ---------------------------------------------------------------------------
# describing clusters
# ---------------------------------------------------------------------------
def _keywords(texts: Sequence[str], labels: np.ndarray, clusters: Sequence[int],
              top: int) -> dict[int, list[str]]:
    """Top words per cluster by class-based TF-IDF."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    docs = [_PLACEHOLDER.sub(" ", " ".join(t for t, lab in zip(texts, labels) if lab == c))
            for c in clusters]
    if not docs:
        return {}
    stop = sorted(ENGLISH_STOP_WORDS | _KEYWORD_STOP)
    vec = CountVectorizer(stop_words=stop, token_pattern=r"(?u)\b[^\W\d_][^\W\d_']+\b",
                          ngram_range=(1, 2), min_df=1)
    try:
        counts = vec.fit_transform(docs).toarray().astype(float)
    except ValueError:  # only stop words
        return {c: [] for c in clusters}
    terms = vec.get_feature_names_out()
    tf = counts / np.clip(counts.sum(axis=1, keepdims=True), 1.0, None)
    idf = np.log1p(counts.sum(axis=1).mean() / np.clip(counts.sum(axis=0), 1.0, None))
    weight = tf * idf
    out: dict[int, list[str]] = {}
    for row, c in enumerate(clusters):
        order = np.argsort(-weight[row], kind="stable")
        chosen: list[str] = []
        for j in order:
            if weight[row, j] <= 0 or len(chosen) >= top:
                break
            term = str(terms[j])
            # skip a word already covered by a chosen bigram and vice versa
            if any(term in kept.split() or kept in term.split() for kept in chosen):
                continue
            chosen.append(term)
        out[c] = chosen
    return out


def _describe(clauses: pd.DataFrame, X: np.ndarray, labels: np.ndarray, *, n_keywords: int,
              n_examples: int) -> pd.DataFrame:
    clusters = [int(c) for c in pd.Series(labels[labels >= 0]).value_counts().index]
    texts = clauses["text"].tolist()
    keywords = _keywords(texts, labels, clusters, n_keywords)
    rows = []
    for new_id, c in enumerate(clusters):
        members = np.flatnonzero(labels == c)
        centroid = X[members].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
        sims = X[members] @ centroid
        examples: list[str] = []
        seen: set[str] = set()
        for i in members[np.argsort(-sims, kind="stable")]:
            key = _WORDS.sub(" ", texts[i].lower()).strip()  # "Late!" and "late." are one quote
            if key not in seen:
                seen.add(key)
                examples.append(texts[i])
            if len(examples) >= n_examples:
                break
        sent = clauses["sentiment"].to_numpy()[members]
        kw = keywords.get(c, [])
        rows.append({
            "candidate_id": new_id,
            "size": len(members),
            "n_comments": int(clauses["comment_id"].iloc[members].nunique()),
            "label": " / ".join(kw[:3]),
            "keywords": kw,
            "examples": examples,
            "positive_share": float(np.mean(sent == "positive")),
            "neutral_share": float(np.mean(sent == "neutral")),
            "negative_share": float(np.mean(sent == "negative")),
            "mean_sentiment_score": float(np.mean(clauses["sentiment_score"].to_numpy()[members])),
            "cohesion": float(sims.mean()),
            "comment_ids": list(dict.fromkeys(clauses["comment_id"].iloc[members].tolist())),
            "clause_ids": list(zip(clauses["comment_id"].iloc[members].tolist(),
                                   clauses["clause"].iloc[members].astype(int).tolist())),
        })
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------
def discover(result: AnalysisResult, *, n_candidates: int | None = None, min_size: int = 5,
             random_state: int = 0, distance_threshold: float = 0.75, max_share: float = 0.25,
             min_similarity: float = 0.25, max_clauses: int = 5000, n_keywords: int = 8, n_examples: int = 3, sentiment_model: Any = None,
             encoder: Any = None, include_duplicates: bool = False, min_words: int = 2,
             return_clauses: bool = False) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Group the clauses no theme matched into candidate themes.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze`.
    n_candidates : int, optional
        Number of clusters to cut the tree into (default: cut at ``distance_threshold``
        and split giant clusters). Clusters smaller than ``min_size`` become noise,
        so fewer candidates may come back.
    min_size : int, default 5
        Smallest candidate, in clauses; smaller clusters are noise.
    random_state : int, default 0
        Seed for giant-cluster splits and for the sample drawn above
        ``max_clauses``; the same seed gives the same table.
    distance_threshold : float, default 0.75
        Cosine distance at which the average-linkage tree is cut (smaller:
        tighter, more and smaller candidates). Ignored with ``n_candidates``.
    max_share : float, default 0.25
        A cluster with more than this share of the clauses is split again
        (unless ``n_candidates`` is given, or it is too coherent to split).
    min_similarity : float, default 0.25
        Members less cosine-similar than this to their cluster centre are noise.
    max_clauses : int, default 5000
        Above this many clauses, a seeded sample of this size is clustered and
        the rest join the most similar candidate (memory grows with its square).
    n_keywords, n_examples : int
        Keywords and representative quotes (closest to the centre) per candidate.
    sentiment_model : estimator, optional
        Scores each clause (default: the preset's model); see :func:`unmatched_clauses`.
    encoder : object, optional
        Anything with ``encode(texts) -> (n, d) array`` (default: the MiniLM
        encoder from :func:`cxtext.embeddings.get_encoder`).
    include_duplicates, min_words
        Which clauses are considered; see :func:`unmatched_clauses`.
    return_clauses : bool, default False
        Also return the unmatched-clause table with a ``candidate_id`` column
        (``-1``: noise).

    Returns
    -------
    pandas.DataFrame or (DataFrame, DataFrame)
        One row per candidate, largest first: :data:`CANDIDATE_COLUMNS`.
        ``size`` counts clauses, ``n_comments`` distinct comments, ``*_share``
        the clause sentiment split, ``cohesion`` the mean cosine similarity to
        the centre, ``clause_ids`` ``(comment_id, clause number)`` pairs.

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"c": ["It rained all day.", "The rain ruined our trip."] * 5})
    >>> res = cxtext.analyze(df, text="c")
    >>> cands = cxtext.discover(res, include_duplicates=True)  # doctest: +SKIP
    >>> cands[["size", "keywords"]].values.tolist()           # doctest: +SKIP
    [[5, ['day', 'rained']], [5, ['rain', 'ruined', 'trip']]]
    """
    opts = _cluster_options(n_candidates=n_candidates, min_size=min_size, max_share=max_share,
                            min_similarity=min_similarity, distance_threshold=distance_threshold,
                            max_clauses=max_clauses)
    clauses = unmatched_clauses(result, sentiment_model=sentiment_model,
                                include_duplicates=include_duplicates, min_words=min_words)
    X = _embed(clauses["text"].tolist(), encoder)
    labels = _cluster(X, seed=random_state, **opts)
    table = _describe(clauses, X, labels, n_keywords=n_keywords, n_examples=n_examples)
    logger.info("discover: %d unmatched clauses -> %d candidates, %d noise",
                len(clauses), len(table), int((labels < 0).sum()))
    if not return_clauses:
        return table
    order = {c: i for i, c in enumerate(pd.Series(labels[labels >= 0]).value_counts().index)}
    clauses = clauses.assign(candidate_id=[order.get(int(c), -1) for c in labels])
    return table, clauses


def discover_stability(result: AnalysisResult, seeds: Sequence[int] = (0, 1), *,
                       subsample: float = 0.9, encoder: Any = None, sentiment_model: Any = None,
                       **kwargs: Any) -> float:
    """Agreement (adjusted Rand index) between discovery runs with different seeds.

    Each seed clusters its own random ``subsample`` of the unmatched clauses
    with that seed; the ARI is computed on the clauses both runs saw (noise is
    its own label) and averaged over pairs of seeds. 1.0 means identical
    groupings; values near 0 mean chance agreement.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`cxtext.analyze`.
    seeds : sequence of int, default (0, 1)
        At least two seeds.
    subsample : float, default 0.9
        Share of clauses each run sees (1.0: only the clusterer's seed varies).
    encoder, sentiment_model
        As in :func:`discover` (clauses are embedded once).
    **kwargs
        Clustering options of :func:`discover` (``n_candidates``, ``min_size``,
        ``distance_threshold``, ``max_share``, ``min_similarity``, ``max_clauses``)
        and clause options
        (``include_duplicates``, ``min_words``).

    Returns
    -------
    float

    Examples
    --------
    >>> import cxtext
    >>> cxtext.discover_stability(result, seeds=(0, 1))  # doctest: +SKIP
    0.83
    """
    from itertools import combinations

    from sklearn.metrics import adjusted_rand_score

    seeds = list(seeds)
    if len(seeds) < 2:
        raise ConfigError(f"[CX301] 'seeds' needs at least two seeds. Got {seeds!r}.")
    if not 0 < subsample <= 1:
        raise ConfigError(f"[CX301] 'subsample' must be in (0, 1]. Got {subsample!r}.")
    clause_opts = {k: kwargs.pop(k) for k in ("include_duplicates", "min_words") if k in kwargs}
    opts = _cluster_options(**kwargs)
    clauses = unmatched_clauses(result, sentiment_model=sentiment_model, **clause_opts)
    X = _embed(clauses["text"].tolist(), encoder)
    n = len(X)
    runs: list[tuple[np.ndarray, np.ndarray]] = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        idx = np.sort(rng.choice(n, size=max(1, round(subsample * n)), replace=False)) if n else np.arange(0)
        runs.append((idx, _cluster(X[idx], seed=seed, **opts)))
    scores = []
    for (ia, la), (ib, lb) in combinations(runs, 2):
        common, pa, pb = np.intersect1d(ia, ib, return_indices=True)
        if len(common) < 2:
            continue
        scores.append(adjusted_rand_score(la[pa], lb[pb]))
    if not scores or all((labels < 0).all() for _, labels in runs):  # every run all noise: nothing to compare
        raise InputError(
            f"[CX122] Too few unmatched clauses ({n}) to measure stability (no run found a topic); "
            "analyse more comments."
        )
    return float(np.mean(scores))


def candidate_to_theme(row: Mapping[str, Any] | pd.Series, id: str, group: str, *,
                       label: str | None = None, description: str | None = None,
                       seeds: Sequence[str] | None = None, n_seeds: int = 5,
                       stage: str | None = None) -> Theme:
    """Turn one row of :func:`discover` into a :class:`~cxtext.themes.Theme`.

    Parameters
    ----------
    row : mapping or Series
        A candidate (needs ``keywords`` and ``examples``).
    id : str
        Snake-case theme id, e.g. ``"parking"``.
    group : str
        One of :data:`cxtext.themes.taxonomy.GROUPS`.
    label, description : str, optional
        Defaults: the id in words; a sentence naming the top keywords. Edit them
        before sharing the taxonomy.
    seeds : sequence of str, optional
        Seeds to use instead of the keywords (recommended after review).
    n_seeds : int, default 5
        Without ``seeds``: the top keywords used as seeds. Review them: a seed
        matches its lemma anywhere, so a generic word ("wrong") over-matches.
    stage : str, optional
        Customer-journey stage.

    Returns
    -------
    Theme

    Examples
    --------
    >>> row = {"keywords": ["parking", "car park"], "examples": ["No parking spaces left."]}
    >>> candidate_to_theme(row, id="parking", group="place").seeds
    ('parking', 'car park')
    """
    from cxtext.themes.taxonomy import Taxonomy, Theme

    try:
        keywords = [str(k).lower() for k in row["keywords"]]
        examples = [str(e) for e in row["examples"]]
    except (KeyError, TypeError) as exc:
        raise InputError(
            "[CX121] A candidate needs 'keywords' and 'examples'; pass a row of cxtext.discover()."
        ) from exc
    if description is None:
        about = ", ".join(keywords[:3]) or "uncategorised feedback"
        description = f"Comments about {about} (discovered from unmatched feedback; review me)."
    chosen = [str(s).lower() for s in seeds] if seeds is not None else keywords[:n_seeds]
    theme = Theme(id, label or id.replace("_", " ").capitalize(), description, group, stage,
                  tuple(chosen), (), tuple(examples))
    Taxonomy([theme])  # validates id, group, stage and seeds with the taxonomy's messages
    return theme


def candidates_to_taxonomy(candidates: pd.DataFrame, ids: Mapping[int, str] | Sequence[str], *,
                           groups: str | Mapping[int, str], labels: Mapping[int, str] | None = None,
                           n_seeds: int = 5, name: str = "discovered",
                           version: str = "0.1.0") -> Taxonomy:
    """Build a taxonomy from chosen candidates, ready to ``merge`` or ``to_yaml``.

    Parameters
    ----------
    candidates : DataFrame
        Output of :func:`discover`.
    ids : mapping or sequence
        ``{candidate_id: theme_id}`` for the candidates to keep, or one theme id
        per row of ``candidates``.
    groups : str or mapping
        One group for all, or ``{candidate_id: group}``.
    labels : mapping, optional
        ``{candidate_id: label}``.
    n_seeds : int, default 5
        Keywords used as seeds per theme.
    name, version : str
        Name and version of the new taxonomy.

    Returns
    -------
    Taxonomy

    Examples
    --------
    >>> import pandas as pd
    >>> cands = pd.DataFrame({"candidate_id": [0], "keywords": [["parking"]],
    ...                       "examples": [["No parking."]]})
    >>> candidates_to_taxonomy(cands, {0: "parking"}, groups="place").ids
    ['parking']
    """
    from cxtext.themes.taxonomy import Taxonomy

    if "candidate_id" not in candidates.columns:
        raise InputError("[CX121] candidates needs a 'candidate_id' column; pass cxtext.discover() output.")
    by_id = {int(c): row for c, (_, row) in zip(candidates["candidate_id"], candidates.iterrows())}
    if isinstance(ids, Mapping):
        chosen = {int(k): str(v) for k, v in ids.items()}
    else:
        ids = list(ids)
        if len(ids) != len(candidates):
            raise ConfigError(
                f"[CX301] 'ids' has {len(ids)} theme ids for {len(candidates)} candidates; pass one "
                "per row or a {candidate_id: theme_id} mapping."
            )
        chosen = {int(c): str(t) for c, t in zip(candidates["candidate_id"], ids)}
    unknown = sorted(set(chosen) - set(by_id))
    if unknown:
        raise ConfigError(f"[CX301] Unknown candidate id(s) {unknown}; known: {sorted(by_id)}.")
    themes = []
    for cand, theme_id in chosen.items():
        group = groups if isinstance(groups, str) else groups.get(cand)
        if group is None:
            raise ConfigError(f"[CX301] No group given for candidate {cand}; add it to 'groups'.")
        themes.append(candidate_to_theme(by_id[cand], id=theme_id, group=group, n_seeds=n_seeds,
                                         label=(labels or {}).get(cand)))
    return Taxonomy(themes, name=name, version=version,
                    description="Themes discovered from unmatched feedback with cxtext.discover().")
