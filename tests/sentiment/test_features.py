from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from cxtext.sentiment.features import (
    LEXICON_COLUMNS,
    TextHasher,
    _sorted_keys,
    char_ngram_counts,
    counts_from_keys,
    idf_l2,
    is_tweet,
    lexicon_counts,
    log_scale,
    mark_negation,
)

TEXTS = [
    "Not bad at all, but the delivery was slow!!",
    "wasn't helpful",
    "",
    "é😀 naïve café",
    "Great staff. Great food. Great, great, great.",
    "a",
    "x" * 50,
]


def _reference_char_counts(texts, ngrams, n_features):
    """Slow, obvious version of char_ngram_counts: one n-gram at a time in Python ints."""
    mask64 = 2**64 - 1
    out = np.zeros((len(texts), n_features), dtype=np.float32)
    for row, text in enumerate(texts):
        padded = " " + text.lower() + " "
        for n in range(ngrams[0], ngrams[1] + 1):
            for i in range(len(padded) - n + 1):
                h = 0
                for ch in padded[i:i + n]:
                    h = (h * 1_000_003 + ord(ch)) & mask64
                mixed = ((h + n) * 0x9E3779B97F4A7C15) & mask64
                out[row, (mixed >> 20) % n_features] += 1
    return out


@pytest.mark.parametrize("n_features", [2**10, 1000])
@pytest.mark.parametrize("ngrams", [(2, 5), (1, 3)])
def test_char_ngram_counts_match_the_obvious_implementation(n_features, ngrams):
    got = char_ngram_counts(TEXTS, ngrams, n_features)
    assert got.has_canonical_format
    np.testing.assert_array_equal(got.toarray(), _reference_char_counts(TEXTS, ngrams, n_features))


def test_char_ngram_counts_when_no_text_is_long_enough():
    got = char_ngram_counts(["a", ""], (5, 5), 64)
    assert got.shape == (2, 64) and got.nnz == 0


@pytest.mark.parametrize(("dtype", "n_cols"), [(np.int32, 50), (np.int64, 50), (np.int32, 2**19),
                                               (np.int64, 2**19), (np.int64, 2**40)])
def test_counts_from_keys_equals_scipys_sum_of_duplicates(dtype, n_cols):
    # keys of one, two and three 16-bit digits (the radix sort's passes)
    rng = np.random.default_rng(0)
    n_rows = 7
    rows, cols = rng.integers(0, n_rows, 400), rng.integers(0, n_cols, 400)
    rows[rows == 3] = 4  # an empty row in the middle
    expected = sp.csr_matrix((np.ones(400, dtype=np.float32), (rows, cols)), shape=(n_rows, n_cols))
    expected.sum_duplicates()
    got = counts_from_keys((rows * n_cols + cols).astype(dtype), n_rows, n_cols)
    assert got.has_canonical_format and got.dtype == np.float32
    for name in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(got, name), getattr(expected, name))
    assert counts_from_keys(np.array([], dtype=dtype), n_rows, n_cols).nnz == 0


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.int64, np.uint32, np.uint64])
def test_sorted_keys_equals_numpys_sort(dtype):
    info = np.iinfo(dtype)
    rng = np.random.default_rng(1)
    for low, high in ((0, 1000), (0, info.max), (info.min, info.max)):
        keys = rng.integers(low, high, 5000, dtype=dtype, endpoint=True)
        np.testing.assert_array_equal(_sorted_keys(keys.copy()), np.sort(keys))
    assert len(_sorted_keys(np.array([], dtype=dtype))) == 0


def test_mark_negation_scope():
    assert mark_negation("Not bad at all, but slow") == [
        "not", "neg_bad", "neg_at", "neg_all", ",", "but", "slow"]
    assert mark_negation("no problems. great") == ["no", "neg_problems", ".", "great"]


def test_counts_and_transform():
    hasher = TextHasher(2**10)
    counts = hasher.counts(TEXTS)
    assert counts.shape == (len(TEXTS), 2 * 2**10)
    assert counts.data.min() >= 1 and np.all(counts.data == np.round(counts.data))
    scaled = hasher.transform(TEXTS)
    np.testing.assert_allclose(scaled.toarray(), np.log1p(counts.toarray()), rtol=1e-6)
    assert hasher.counts([]).shape == (0, 2 * 2**10)


@pytest.mark.parametrize("char_ngrams", [(2, 5), (0, 0)])
def test_fold_gives_the_smaller_hashers_counts(char_ngrams):
    big, small = TextHasher(2**12, char_ngrams), TextHasher(2**9, char_ngrams)
    assert big.can_fold_to(small)
    folded = big.fold(big.counts(TEXTS), small)
    direct = small.counts(TEXTS)
    assert folded.shape == direct.shape and folded.has_canonical_format
    assert (folded != direct).nnz == 0
    np.testing.assert_array_equal(log_scale(folded).toarray(), small.transform(TEXTS).toarray())


@pytest.mark.parametrize("char_ngrams", [(2, 5), (0, 0)])
def test_tweet_copy_repeats_the_word_block_for_tweets_only(char_ngrams):
    texts = ["@united lost my bag, not happy", "lost my bag, not happy", "mail me@example.com", ""]
    plain, copied = TextHasher(2**10, char_ngrams), TextHasher(2**10, char_ngrams, tweet_copy=True)
    assert [is_tweet(t) for t in texts] == [True, False, False, False]
    X, C = plain.counts(texts).toarray(), copied.counts(texts).toarray()
    n = 2**10
    assert C.shape == (4, X.shape[1] + n) and copied.n_blocks == plain.n_blocks + 1
    np.testing.assert_array_equal(C[:, : X.shape[1]], X)  # the blocks before are untouched
    np.testing.assert_array_equal(C[0, X.shape[1]:], X[0, :n])  # the tweet's words again
    assert not C[1:, X.shape[1]:].any()
    assert copied.counts([]).shape == (0, X.shape[1] + n)


@pytest.mark.parametrize("char_ngrams", [(2, 5), (0, 0)])
def test_fold_drops_the_tweet_copy_or_folds_it(char_ngrams):
    texts = TEXTS + ["@delta thanks, great crew!"]
    big = TextHasher(2**12, char_ngrams, tweet_copy=True)
    for small in (TextHasher(2**9, char_ngrams), TextHasher(2**9, char_ngrams, tweet_copy=True)):
        assert big.can_fold_to(small)
        folded, direct = big.fold(big.counts(texts), small), small.counts(texts)
        assert folded.shape == direct.shape and (folded != direct).nnz == 0
    assert not TextHasher(2**12, char_ngrams).can_fold_to(TextHasher(2**9, char_ngrams, tweet_copy=True))


def test_fold_refuses_hashers_it_cannot_map_to():
    big = TextHasher(2**12)
    assert not big.can_fold_to(TextHasher(2**13))  # larger
    assert not big.can_fold_to(TextHasher(3000))  # does not divide
    assert not big.can_fold_to(TextHasher(2**10, (1, 4)))  # other n-grams
    assert not big.can_fold_to(TextHasher(2**10, max_chars=100))  # reads less text
    with pytest.raises(ValueError, match="does not divide"):
        big.fold(big.counts(TEXTS), TextHasher(3000))


def test_idf_l2_equals_sklearn_normalize_of_the_weighted_matrix():
    rng = np.random.default_rng(0)
    dense = sp.random(20, 50, density=0.2, dtype=np.float32, random_state=1).toarray()
    dense[3] = 0  # an empty row stays zero
    X = sp.csr_matrix(dense)
    idf = rng.uniform(1, 5, 50).astype(np.float32)
    expected = normalize(X.multiply(idf).tocsr(), norm="l2").toarray()
    got = idf_l2(X.copy(), idf)
    np.testing.assert_allclose(got.toarray(), expected, rtol=1e-6)
    assert not got[3].toarray().any()


LEXICON = {"good": 1.9, "great": 3.1, "awful": -2.5, "helpful": 1.8, "slow": -0.5}


def test_lexicon_counts_weak_and_strong_words_and_flips_them_under_negation():
    texts = ["great staff, good food", "awful wait and slow app", "not helpful at all",
             "not awful", "nothing here", ""]
    counts = lexicon_counts(texts, LEXICON).toarray()
    assert LEXICON_COLUMNS == ("positive_weak", "positive_strong", "negative_weak", "negative_strong")
    assert counts.tolist() == [[1, 1, 0, 0],  # good weak, great strong
                               [0, 0, 1, 1],  # slow weak, awful strong
                               [0, 0, 1, 0],  # not helpful: weakly negative
                               [1, 0, 0, 0],  # not awful: 2.5 * 0.74 < 2, weakly positive
                               [0, 0, 0, 0], [0, 0, 0, 0]]
    assert (lexicon_counts(texts, {w.upper(): v for w, v in LEXICON.items()}).toarray() == counts).all()
    short = lexicon_counts(texts, LEXICON, min_words=4).toarray()
    assert short[:3].tolist() == counts[:3].tolist() and not short[3:].any()  # 4+ words only


@pytest.mark.parametrize("char_ngrams", [(2, 5), (0, 0)])
def test_the_lexicon_block_comes_last_and_folds_away(char_ngrams):
    texts = TEXTS + ["@delta thanks, great crew!", "the food was good but the wait was awful"]
    plain = TextHasher(2**12, char_ngrams, tweet_copy=True)
    with_lexicon = TextHasher(2**12, char_ngrams, tweet_copy=True, lexicon=LEXICON, lexicon_min_words=2)
    X, L = plain.counts(texts), with_lexicon.counts(texts)
    assert L.shape == (len(texts), X.shape[1] + 4) == (len(texts), with_lexicon.n_columns)
    assert (L[:, : X.shape[1]] != X).nnz == 0
    np.testing.assert_array_equal(L[:, X.shape[1]:].toarray(),
                                  lexicon_counts(texts, LEXICON, min_words=2).toarray())
    for small in (TextHasher(2**9, char_ngrams), TextHasher(2**9, char_ngrams, tweet_copy=True),
                  TextHasher(2**9, char_ngrams, lexicon=dict(LEXICON), lexicon_min_words=2)):
        assert with_lexicon.can_fold_to(small)
        folded, direct = with_lexicon.fold(L, small), small.counts(texts)
        assert folded.shape == direct.shape and (folded != direct).nnz == 0
    # the lexicon is read only by a hasher that has it, the same way
    assert not plain.can_fold_to(TextHasher(2**9, char_ngrams, lexicon=LEXICON, lexicon_min_words=2))
    assert not with_lexicon.can_fold_to(TextHasher(2**9, char_ngrams, lexicon=LEXICON, lexicon_min_words=3))
    assert not with_lexicon.can_fold_to(TextHasher(2**9, char_ngrams, lexicon={"good": 1.0},
                                                   lexicon_min_words=2))


def test_the_word_block_is_scikit_learns_hashing_vectorizer():
    # The shipped models' weights were learned on HashingVectorizer's buckets;
    # TextHasher builds the same matrix its own (faster) way.
    from sklearn.feature_extraction.text import HashingVectorizer

    from cxtext.sentiment.features import word_features

    texts = TEXTS + ["@delta thanks, great crew!", "not bad at all, wasn't helpful though", "x " * 400]
    reference = HashingVectorizer(analyzer=word_features, n_features=2**12, alternate_sign=False,
                                  norm=None).transform(texts)
    words = TextHasher(2**12, (0, 0)).counts(texts)
    assert words.shape == reference.shape and (words != reference).nnz == 0
