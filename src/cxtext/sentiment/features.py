"""Text features for the ``fast`` models: hashed word and character n-grams.

Hashing (rather than a fitted vocabulary) keeps the shipped model a fixed, small
set of arrays and makes vectorising stateless and parallel-safe. Words inside a
negation scope are marked (``not helpful`` -> ``not neg_helpful``), the classic
trick (Das & Chen 2001; Pang et al. 2002) that lets a linear model tell "not bad"
from "bad". The scope tokenizer is written here because no library offers this
small rule in a form we can serialise as plain parameters.

Tweets get an optional copy of their word features (``TextHasher(tweet_copy=True)``):
feature augmentation ("frustratingly easy domain adaptation", Daumé 2007), so a
linear model learns weights shared by every genre plus tweet-only corrections
(on airline tweets a question is usually neutral, in a review it seldom is). A
text counts as a tweet when it addresses an ``@handle`` (:func:`is_tweet`), a
surface rule that needs no metadata.

An optional polarity lexicon adds four columns (``TextHasher(lexicon=...)``; see
:func:`lexicon_counts`): how many weak and strong positive and negative words a
text holds, by a word list that knows no genre (VADER's, Hutto & Gilbert 2014,
in the shipped fast model). Hashed n-grams learn the genres they are trained on;
these counts carry a prior to genres they were not (``benchmarks/sentiment_lexicon.py``).
The counting is a few lines over :func:`mark_negation`'s tokens, written here
because VADER's own scorer reads words, punctuation and rules we do not want as
features.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import reduce
from itertools import repeat
from operator import add
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = [
    "HASH_BATCH",
    "LEXICON_COLUMNS",
    "TextHasher",
    "char_ngram_counts",
    "counts_from_keys",
    "feature_major",
    "idf_l2",
    "is_tweet",
    "lexicon_counts",
    "log_scale",
    "mark_negation",
    "nb_log_count_ratios",
    "word_features",
]

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]+|[.,;:]|\[[a-z ]+\]")
_NEGATORS = frozenset(
    ["not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "barely", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "werent", "wont", "wouldnt", "couldnt", "shouldnt", "havent", "hasnt", "hadnt", "aint"]
)
_SCOPE_END = frozenset(".,;:") | frozenset(["but", "however", "although", "though", "yet"])
_MAX_SCOPE = 4
_HANDLE = re.compile(r"(?:^|[\s(\"'.,:;!?])@\w")


def is_tweet(text: str) -> bool:
    """True when ``text`` addresses an ``@handle``: the tweet rule of :class:`TextHasher`.

    Examples
    --------
    >>> is_tweet("@united where is my bag?"), is_tweet("Thanks, (@Sam) !"), is_tweet("mail me@x.com")
    (True, True, False)
    """
    return "@" in text and _HANDLE.search(text) is not None


def _is_negator(tok: str) -> bool:
    return tok in _NEGATORS or tok.endswith("n't")


def mark_negation(text: str) -> list[str]:
    """Tokenise lower-cased text and prefix words in a negation scope with ``neg_``.

    Examples
    --------
    >>> mark_negation("Not bad at all, but slow")
    ['not', 'neg_bad', 'neg_at', 'neg_all', ',', 'but', 'slow']
    >>> mark_negation("wasn't helpful")
    ["wasn't", 'neg_helpful']
    """
    low = text.lower().replace("\u2019", "'")
    tokens = _TOKEN.findall(low)
    if _NEGATORS.isdisjoint(tokens) and "n't" not in low:
        return tokens  # no negator at all (most texts): nothing to mark
    out: list[str] = []
    scope = 0
    for tok in tokens:
        if tok in _SCOPE_END or tok[0] in "!?":
            scope = 0
            out.append(tok)
        elif _is_negator(tok):
            scope = _MAX_SCOPE
            out.append(tok)
        elif scope:
            out.append("neg_" + tok)
            scope -= 1
        else:
            out.append(tok)
    return out


def _with_bigrams(toks: list[str]) -> list[str]:
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


def word_features(text: str) -> list[str]:
    """Unigrams and bigrams of :func:`mark_negation` tokens (the word analyzer)."""
    return _with_bigrams(mark_negation(text))


#: the columns of :func:`lexicon_counts`, in order
LEXICON_COLUMNS = ("positive_weak", "positive_strong", "negative_weak", "negative_strong")
_NEGATION_DAMPING = -0.74  # VADER's factor for a lexicon word in a negation scope
_STRONG = 2.0  # |valence| from which a word counts as strong (VADER's scale runs to 4)


def _lexicon_table(lexicon: Mapping[str, float]) -> dict[str, int]:
    """The :data:`LEXICON_COLUMNS` index of each word as a token reads: ``word`` and ``neg_word``.

    One dict for both (a plain token never starts with ``neg_``: the tokenizer
    has no underscore), so counting is a single ``dict.get`` per token. Words
    are lower-cased, as tokens are.
    """
    def column(valence: float) -> int:
        return (0 if valence > 0 else 2) + int(abs(valence) >= _STRONG)

    table = {w.lower(): column(v) for w, v in lexicon.items() if v}
    table.update({"neg_" + w.lower(): column(v * _NEGATION_DAMPING) for w, v in lexicon.items() if v})
    return table


def lexicon_counts(texts: Sequence[str], lexicon: Mapping[str, float], *, min_words: int = 0,
                   table: dict[str, int] | None = None,
                   tokens: Sequence[list[str]] | None = None) -> sp.csr_matrix:
    """Counts of weak/strong positive and negative lexicon words per text, shape ``(n, 4)``.

    Words are :func:`mark_negation` tokens; a word in a negation scope counts
    with its valence times -0.74 (VADER's damping: "not good" is weakly
    negative, "not terrible" weakly positive). A word is strong from
    ``|valence| >= 2`` on VADER's -4..4 scale. Texts of fewer than ``min_words``
    words (split on whitespace) get no counts: in a short answer the n-grams
    already see every word, and the survey dev sets showed the counts hurt there.

    Parameters
    ----------
    texts : sequence of str
    lexicon : mapping of str to float
        Word valences (matched without regard to case); 0 means no polarity.
    min_words : int, default=0
        Texts shorter than this keep a zero row.
    table : dict, optional
        Precomputed ``_lexicon_table(lexicon)`` (a :class:`TextHasher` keeps it).
    tokens : sequence of list of str, optional
        ``mark_negation(text)`` of each text, when the caller has them already.

    Returns
    -------
    csr_matrix of shape (n, 4), float32
        Columns :data:`LEXICON_COLUMNS`.

    Examples
    --------
    >>> lex = {"good": 1.9, "great": 3.1, "awful": -2.0}
    >>> lexicon_counts(["good but not great", "awful", "awful"], lex, min_words=0).toarray().tolist()
    [[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]
    >>> lexicon_counts(["good but not great", "awful"], lex, min_words=2).toarray().tolist()
    [[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]]
    """
    get = (table if table is not None else _lexicon_table(lexicon)).get
    n_cols = len(LEXICON_COLUMNS)
    keys: list[int] = []
    for i, text in enumerate(texts):
        if min_words and len(text.split()) < min_words:
            continue
        base = i * n_cols
        keys.extend(base + col for col in map(get, mark_negation(text) if tokens is None else tokens[i])
                    if col is not None)
    return counts_from_keys(np.asarray(keys, dtype=np.int64), len(texts), n_cols)


#: Texts hashed and scored per batch by the fast models and the analysis: the
#: sparse matrices stay cache-sized, about 1.5x faster on 10,000+ texts than one
#: matrix for all.
HASH_BATCH = 2048

_MIX = np.uint64(0x9E3779B97F4A7C15)  # 64-bit golden-ratio multiplier (Fibonacci hashing)
_BASE = np.uint64(1_000_003)


def _key_dtype(n_rows: int, n_cols: int) -> type[np.signedinteger[Any]]:
    """The narrowest integer type that holds ``row * n_cols + col`` for every cell."""
    return np.int32 if n_rows * n_cols < 2**31 else np.int64


def _sorted_keys(keys: np.ndarray) -> np.ndarray:
    """``keys`` (integers) in ascending order, as a new array.

    numpy sorts integers wider than 16 bits by comparison, but 16-bit ones with
    a stable radix sort in linear time. One stable pass per 16-bit digit, the
    lowest first, sorts non-negative keys (an LSD radix sort): two passes for
    hashed n-gram keys, which take about half the time of ``np.sort`` on the
    800,000 keys of 2,048 tweets (24.7 against 41.7 ms for
    :func:`char_ngram_counts` on that batch), which made it worth writing here.
    Negative keys go to ``np.sort``.

    Examples
    --------
    >>> _sorted_keys(np.array([70000, 3, 65536, 2**40, 3])).tolist()
    [3, 3, 65536, 70000, 1099511627776]
    """
    if len(keys) == 0 or keys.min() < 0:
        return np.sort(keys)
    shift, top = 16, int(keys.max())
    keys = keys[np.argsort(keys.astype(np.uint16), kind="stable")]
    while top >> shift:
        keys = keys[np.argsort(((keys >> shift) & 0xFFFF).astype(np.uint16), kind="stable")]
        shift += 16
    return keys


def counts_from_keys(keys: np.ndarray, n_rows: int, n_cols: int) -> sp.csr_matrix:
    """CSR counts (float32, canonical) of cell keys ``row * n_cols + col``, one per occurrence.

    scipy's way (a COO matrix of ones, then ``sum_duplicates``) sorts every
    row's columns in a C++ loop of its own; sorting the flat keys with numpy
    (:func:`_sorted_keys`, a radix sort) and counting runs of equal keys gives
    the same matrix several times faster, which made it worth writing here.

    Examples
    --------
    >>> X = counts_from_keys(np.array([5, 1, 5, 2]), n_rows=2, n_cols=4)
    >>> X.toarray().astype(int).tolist(), X.has_canonical_format
    ([[0, 1, 1, 0], [0, 2, 0, 0]], True)
    """
    keys = _sorted_keys(keys)
    new = np.empty(len(keys), dtype=bool)
    new[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    data = np.diff(starts, append=len(keys)).astype(np.float32)
    rows, cols = np.divmod(keys[starts], keys.dtype.type(n_cols))
    index_dtype = np.int32 if max(len(starts), n_cols) < 2**31 else np.int64
    indptr = np.searchsorted(rows, np.arange(n_rows + 1, dtype=rows.dtype)).astype(index_dtype)
    X = sp.csr_matrix((data, cols.astype(index_dtype), indptr), shape=(n_rows, n_cols))
    X.has_sorted_indices = True  # sorted keys: columns ascend within each row, none repeated
    return X


def char_ngram_counts(texts: Sequence[str], ngrams: tuple[int, int], n_features: int) -> sp.csr_matrix:
    """Hashed character n-gram counts, computed for all texts at once with numpy.

    Each text is lower-cased and padded with one space on both sides; n-grams
    may cross word boundaries (so ``"t b"`` of "not bad" is a feature). The texts
    are joined with a separator that no n-gram may contain, turned into one
    array of code points, and every n-gram's polynomial hash is computed with
    vectorised shifts. This replaces scikit-learn's ``char_wb`` analyzer, whose
    per-string Python loop was 80% of the fast model's run time. Counts are
    gathered by :func:`counts_from_keys`.

    Examples
    --------
    >>> X = char_ngram_counts(["ab", "ab"], (2, 2), 64)
    >>> X.shape, int(X.sum())  # " a", "ab", "b " in each text
    ((2, 64), 6)
    """
    lo, hi = ngrams
    n_docs = len(texts)
    if n_docs == 0 or hi < 1:
        return sp.csr_matrix((n_docs, n_features), dtype=np.float32)
    padded = [" " + t.lower() + " " for t in texts]
    codes = np.frombuffer("\x00".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=n_docs)
    n_codes = len(codes)
    key_dtype = _key_dtype(n_docs, n_features)
    # row_key[i]: the key of column 0 in the row of the text that code point i belongs to
    row_key = np.repeat(np.arange(n_docs, dtype=key_dtype) * key_dtype(n_features), lengths + 1)[:n_codes]
    # room[i]: code points from i up to the next separator (or the end), i.e. the
    # longest n-gram that may start at i without crossing into another text
    stops = np.append(np.flatnonzero(codes == 0), n_codes)
    room = np.repeat(stops, np.diff(stops, prepend=-1))[:n_codes] - np.arange(n_codes)
    power_of_two = n_features & (n_features - 1) == 0
    keys = []
    with np.errstate(over="ignore"):
        h = np.zeros(n_codes, dtype=np.uint64)
        for n in range(1, hi + 1):
            # h[i] = hash of codes[i : i + n]
            h = h[:-1] * _BASE + codes[n - 1:] if n > 1 else codes.copy()
            if n < lo:
                continue
            valid = room[: len(h)] >= n
            mixed = ((h[valid] + np.uint64(n)) * _MIX) >> np.uint64(20)
            # x & (m - 1) == x % m for a power of two m, without a 64-bit division
            col = mixed & np.uint64(n_features - 1) if power_of_two else mixed % np.uint64(n_features)
            key = col.astype(key_dtype)
            key += row_key[: len(h)][valid]
            keys.append(key)
    return counts_from_keys(np.concatenate(keys), n_docs, n_features)


def _rows_only(X: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """``X`` (CSR) with the rows where ``keep`` is False emptied; canonical when ``X`` is.

    The same matrix as ``diags(keep) @ X`` without a sparse product, whose
    result has unsorted columns (and so cost a sort when stacked).

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[1, 0, 2], [0, 3, 0]], dtype=np.float32))
    >>> _rows_only(X, np.array([False, True])).toarray().astype(int).tolist()
    [[0, 0, 0], [0, 3, 0]]
    """
    lengths = np.diff(X.indptr)
    entries = np.repeat(keep, lengths)
    indptr = np.zeros(len(lengths) + 1, dtype=X.indptr.dtype)
    np.cumsum(lengths * keep, out=indptr[1:])
    out = sp.csr_matrix((X.data[entries], X.indices[entries], indptr), shape=X.shape, dtype=X.dtype)
    out.has_sorted_indices = X.has_sorted_indices
    return out


class TextHasher:
    """Hash texts into a sparse matrix: word uni/bigrams + ``char_wb`` n-grams.

    Parameters
    ----------
    n_features : int
        Columns per hashed block (word block and char block).
    char_ngrams : tuple of int
        Character n-gram range (``char_wb``); ``(0, 0)`` disables the char block.
    max_chars : int
        Texts are cut to this many characters before hashing (bounds the cost of
        very long comments; the start of a comment carries most of its sentiment).
    tweet_copy : bool, default=False
        Add a third block: the word block again for texts that :func:`is_tweet`
        (zero for others), so a model can learn tweet-only weights on top of the
        shared ones (see the module docstring).
    lexicon : mapping of str to float, optional
        Word valences: four more columns, the :func:`lexicon_counts` of each
        text, after the hashed blocks.
    lexicon_min_words : int, default=0
        Texts shorter than this (in words) get no lexicon counts.
    """

    def __init__(self, n_features: int = 2**19, char_ngrams: tuple[int, int] = (2, 5),
                 max_chars: int = 3000, tweet_copy: bool = False,
                 lexicon: Mapping[str, float] | None = None, lexicon_min_words: int = 0) -> None:
        from sklearn.feature_extraction import FeatureHasher

        self.n_features = int(n_features)
        self.char_ngrams = tuple(char_ngrams)
        self.max_chars = int(max_chars)
        # The word block is scikit-learn's HashingVectorizer(analyzer=word_features,
        # alternate_sign=False, norm=None), the same matrix, fed (feature, 1) pairs
        # made by zip in C: 2-3 us a tweet faster than its per-feature generator.
        # counts() tokenises once for the word block and the lexicon.
        self._word = FeatureHasher(n_features=self.n_features, input_type="pair", alternate_sign=False,
                                   dtype=np.float32)
        self._char = self.char_ngrams[1] > 0
        self.tweet_copy = bool(tweet_copy)
        self.lexicon = lexicon
        self.lexicon_min_words = int(lexicon_min_words)
        self._lexicon_table = None if lexicon is None else _lexicon_table(lexicon)

    @property
    def n_blocks(self) -> int:
        """Hashed blocks produced: word, then char (if any), then the tweet copy (if any)."""
        return 1 + int(self._char) + int(self.tweet_copy)

    @property
    def n_lexicon_columns(self) -> int:
        """Columns of the lexicon block after the hashed blocks (0 without a lexicon)."""
        return 0 if self.lexicon is None else len(LEXICON_COLUMNS)

    @property
    def n_columns(self) -> int:
        """Total number of columns produced."""
        return self.n_features * self.n_blocks + self.n_lexicon_columns

    def counts(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Return raw n-gram counts (CSR, float32), before the sublinear scaling of :meth:`transform`."""
        docs: Sequence[str] = [t[: self.max_chars] for t in texts]
        if not docs:
            return sp.csr_matrix((0, self.n_columns), dtype=np.float32)
        tokens = [mark_negation(d) for d in docs]
        blocks = [self._word.transform(zip(features, repeat(1)) for features in map(_with_bigrams, tokens))]
        if self._char:
            blocks.append(char_ngram_counts(docs, self.char_ngrams, self.n_features))
        if self.tweet_copy:
            tweets = np.fromiter((is_tweet(t) for t in docs), dtype=bool, count=len(docs))
            blocks.append(_rows_only(blocks[0], tweets))
        if self.lexicon is not None:
            blocks.append(lexicon_counts(docs, self.lexicon, min_words=self.lexicon_min_words,
                                         table=self._lexicon_table, tokens=tokens))
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Return counts (CSR, float32) with sublinear scaling applied: ``log1p(count)``."""
        return log_scale(self.counts(texts))

    def _same_lexicon(self, other: TextHasher) -> bool:
        return (self.lexicon_min_words == other.lexicon_min_words
                and (self.lexicon is other.lexicon or dict(self.lexicon or {}) == dict(other.lexicon or {})))

    def can_fold_to(self, other: TextHasher) -> bool:
        """True when :meth:`fold` turns this hasher's counts into exactly ``other``'s.

        Both hash the same n-grams of the same characters into buckets taken
        modulo ``n_features``; when ``other.n_features`` divides ours, its bucket
        of an n-gram is our bucket modulo its size, so its counts are ours summed
        over folded columns. This lets two models (sentiment and emotion) share
        one hashing pass. A tweet copy folds into ``other``'s, or is dropped when
        ``other`` has none; so are the lexicon columns (kept only when ``other``
        reads the same lexicon the same way).
        """
        return (
            self.char_ngrams == other.char_ngrams
            and self.max_chars == other.max_chars
            and self._char == other._char
            and (self.tweet_copy or not other.tweet_copy)
            and self.n_features % other.n_features == 0
            and (other.lexicon is None or (self.lexicon is not None and self._same_lexicon(other)))
        )

    def fold(self, X_counts: sp.csr_matrix, other: TextHasher) -> sp.csr_matrix:
        """Map counts from :meth:`counts` to the counts ``other.counts`` gives for the same texts.

        Examples
        --------
        >>> big, small = TextHasher(2**12, lexicon={"bad": -2.5}), TextHasher(2**10)
        >>> texts = ["Not bad at all", "slow delivery"]
        >>> folded = big.fold(big.counts(texts), small)
        >>> folded.shape == (2, small.n_columns), bool((folded != small.counts(texts)).nnz == 0)
        (True, True)
        """
        if not self.can_fold_to(other):
            raise ValueError("fold(): the other hasher reads different n-grams, another lexicon, "
                             "or has a size that does not divide this one's.")
        X = X_counts.tocsr()
        # other's bucket of an n-gram is ours modulo its size, so each of its
        # blocks is the sum of our block's column slices of its width: sums of
        # canonical matrices, merged row by row, with no sort (0.6x the time of
        # remapping the columns and sorting them again)
        step = other.n_features
        blocks = []
        for b in range(other.n_blocks):
            start = b * self.n_features
            blocks.append(reduce(add, (X[:, start + j * step: start + (j + 1) * step]
                                       for j in range(self.n_features // step))))
        if other.n_lexicon_columns:
            blocks.append(X[:, self.n_features * self.n_blocks:])
        out = sp.hstack(blocks, format="csr", dtype=np.float32)
        out.sum_duplicates()  # a no-op on the canonical sums; makes sure of the format
        return out


def log_scale(X: sp.csr_matrix) -> sp.csr_matrix:
    """Replace each count by ``log1p(count)``, in place (the sublinear tf of :class:`TextHasher`)."""
    np.log1p(X.data, out=X.data)
    return X


def idf_l2(X: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Scale each column by its idf weight, then each row to unit L2 norm, in place.

    The same as ``sklearn.preprocessing.normalize(X.multiply(idf))`` without the
    copies and format conversions (rows with no features stay zero).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix(np.array([[1.0, 1.0], [0.0, 0.0]], dtype=np.float32))
    >>> idf_l2(X, np.array([3.0, 4.0], dtype=np.float32)).toarray().astype(float).round(2).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    X.data *= idf[X.indices]
    inplace_csr_row_normalize_l2(X)
    return X


def feature_major(coef: np.ndarray) -> np.ndarray:
    """``coef`` (classes x features) laid out feature by feature (Fortran order), values unchanged.

    The fast models predict with ``X @ coef.T`` on sparse ``X``; scipy reads the
    dense operand row by row and copies it when it is not C-contiguous. With
    hashed features ``coef`` has a million columns, so that copy cost more than
    the product itself (12 MB per batch for sentiment, 16 MB for emotions). In
    Fortran order ``coef.T`` is C-contiguous and read in place; the product, and
    so every prediction, is bit for bit the same.

    Examples
    --------
    >>> coef = feature_major(np.arange(6, dtype=np.float32).reshape(2, 3))
    >>> bool(coef.T.flags["C_CONTIGUOUS"]), coef.tolist()
    (True, [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
    """
    return np.asfortranarray(coef)


def nb_log_count_ratios(X: Any, Y: np.ndarray, alpha: float,
                        sample_weight: np.ndarray | None = None) -> np.ndarray:
    """Naive-Bayes log-count ratios of each feature for each label column (NBSVM's ``r``).

    Parameters
    ----------
    X : sparse matrix of shape (n, d)
        Non-negative features; only whether each is non-zero counts.
    Y : ndarray of shape (n, k)
        0/1 labels.
    alpha : float
        Smoothing added to every feature's positive and negative counts.
    sample_weight : ndarray of shape (n,), optional
        Row weights: each row counts ``sample_weight`` times (default once).

    Returns
    -------
    ndarray of shape (k, d), float64
        ``log((p / |p|_1) / (q / |q|_1))`` per label, with ``p = alpha + Σ_{y=1} w 1[x>0]``
        and ``q = alpha + Σ_{y=0} w 1[x>0]``.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix([[1, 0], [1, 0], [0, 1]])
    >>> nb_log_count_ratios(X, np.array([[1], [1], [0]]), 1.0).round(3)
    array([[ 0.811, -0.981]])
    """
    B = sp.csr_matrix(X, copy=True)
    B.data = (B.data != 0).astype(np.float64)
    Yf = np.asarray(Y, dtype=np.float64)
    w = np.ones(B.shape[0]) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    pos = np.asarray((sp.csr_matrix(Yf.T * w[None, :]) @ B).todense())   # (k, d)
    neg = np.asarray(B.T @ w).ravel()[None, :] - pos
    p = pos + alpha
    q = neg + alpha
    return np.log(p / p.sum(axis=1, keepdims=True)) - np.log(q / q.sum(axis=1, keepdims=True))
