"""Keyword theme tagger: finds taxonomy seed phrases in texts with spaCy matchers.

Matching runs two :class:`spacy.matcher.PhraseMatcher` objects over the shared
:func:`cxtext._nlp.load_nlp` tokenizer: one on ``LOWER`` (the exact words, any
case) and one on ``LEMMA``, where every token's lemma is looked up from its
*lower-cased* form (the lookup lemmatizer alone is case-sensitive, so
"Refunded" would stay "Refunded"). A seed "wait" therefore matches "Wait",
"waited" and "waiting"; "took ages" matches "takes ages". Curly apostrophes are
read as straight ones, so "can’t wait" meets the exclude phrase "can't wait".

The only hand-written part is the scoring of hits (below); matching is spaCy's.

Confidence heuristic (documented, not learned), for the best hit of a theme:

* base score of the matched seed: a one-word seed scores 0.5, or 0.3 if it is
  a generic word listed in :data:`GENERIC_SEEDS` ("service", "staff", "food",
  "online" ...); a seed of *n* >= 2 words scores ``min(0.55 + 0.15 * (n - 1), 0.85)``
  (0.70 for two words, 0.85 for three or more);
* +0.05 when the text has the seed's exact words (a ``LOWER`` match), not
  only the same lemmas;
* +0.15 for each further *distinct* seed of the same theme found at other,
  non-overlapping words of the text, up to +0.30;
* clipped to [0, 1]. Hits below ``min_confidence`` are dropped.

Negation does not remove a theme: "no wait at all" and "the staff were not
rude" still mention waiting time and staff attitude. Whether the mention is good
or bad is the sentiment step's job, not this tagger's. ``exclude`` phrases are
for look-alikes that are *not* the theme ("can't wait to try it"); they match on
lemmas like seeds. A seed or exclude written with a leading ``=`` ("=weeks later",
"=ups") matches its exact words only: its lemmas ("week late", "up") would also
match "a week late" or "set up".
"""

from __future__ import annotations

import logging
import math
import os
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Union

import numpy as np
from sklearn.base import BaseEstimator

from cxtext._texts import as_texts
from cxtext.clean.pii import PLACEHOLDERS
from cxtext.errors import ConfigError, InputError, check_fitted
from cxtext.themes.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from cxtext.clean.segment import Clause

__all__ = ["GENERIC_SEEDS", "KeywordThemeTagger", "ThemeHit"]

logger = logging.getLogger(__name__)

#: One-word seeds that only hint at a theme; their hits start at confidence 0.3.
# fmt: off
GENERIC_SEEDS: frozenset[str] = frozenset(
    {
        "service", "staff", "crew", "employee", "support", "call", "called", "phone",
        "contact", "email", "agent", "rep", "food", "meal", "dish", "product", "cooked",
        "material", "site", "online", "page", "link", "click", "button", "screen", "app",
        "room", "space", "view", "busy", "value", "money", "cost", "costs", "sale",
        "pay", "paid", "paying", "issue", "problem", "option", "options", "update", "updates",
        "information", "info", "clear", "easy", "simple", "hour", "hours", "minutes",
        "late", "forever", "lost", "book", "booking", "booked", "available", "stock",
        "fit", "fits", "sometimes", "dollars", "pounds", "bucks", "$", "£", "€", "range",
        "menu", "handled", "personal", "individual", "relevant", "generic", "delay",
        "delayed", "slow", "box", "label", "plastic", "seal", "ticket", "sick", "ill",
        "location", "located", "assistance", "schedule", "strike", "character", "dark",
        "bright", "collection", "promise", "promised", "fake", "genuine", "attitude",
    }
)
# fmt: on

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_BATCH_SIZE = 1000
_CACHE_SIZE = 100_000
#: Most taxonomies whose compiled matchers :func:`_compiled_for` keeps.
_COMPILED_KEPT = 8

TaxonomyLike = Union[Taxonomy, str, "os.PathLike[str]", None]


class ThemeHit(NamedTuple):
    """One theme found in one text.

    Attributes
    ----------
    theme : str
        Theme id.
    start, end : int
        Character offsets of the matched words, so ``text[start:end] == matched``.
    confidence : float
        Heuristic confidence in [0, 1] (see :mod:`cxtext.themes.keyword`).
    matched : str
        The matched words as they appear in the text.
    """

    theme: str
    start: int
    end: int
    confidence: float
    matched: str


class _SeedInfo(NamedTuple):
    theme_index: int
    n_tokens: int
    exclude: bool
    base: float
    seed: str


def _base_score(seed: str, n_tokens: int) -> float:
    if n_tokens >= 2:
        return min(0.55 + 0.15 * (n_tokens - 1), 0.85)
    return 0.3 if seed in GENERIC_SEEDS else 0.5


class _Compiled:
    """Matchers and lookup tables built by ``fit`` (rebuilt after unpickling)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        from spacy.matcher import PhraseMatcher

        from cxtext._nlp import load_nlp

        nlp: Language = load_nlp()
        self.nlp = nlp
        self.strings = nlp.vocab.strings
        self.lemma_table: Any = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_lookup"):
                self.lemma_table = lookups.get_table("lemma_lookup")
        self._lemma_cache: dict[int, int] = {}
        self._matchable_cache: dict[str, bool] = {}  # cut edge pieces repeat ("united" of "@united")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.info: dict[int, _SeedInfo] = {}
        self.theme_ids = taxonomy.ids
        n_patterns = 0
        #: LOWER and LEMMA ids of every pattern token: a token with neither is in no match.
        self.pattern_words: set[int] = set()
        for ti, theme in enumerate(taxonomy):
            for is_exclude, phrases in ((False, theme.seeds), (True, theme.exclude)):
                for si, phrase in enumerate(phrases):
                    # "=later", "=ups": matched on its exact words only, where lemmas would
                    # widen it ("later" is a form of "late", "ups" of "up")
                    exact_only = phrase.startswith("=")
                    words = phrase[1:] if exact_only else phrase
                    docs = self._pattern_docs(words)
                    if not docs:
                        continue
                    key = f"{theme.id}\x1f{'!' if is_exclude else ''}{si}"
                    n_tok = len(docs[0])
                    self.info[self.strings.add(key)] = _SeedInfo(
                        ti, n_tok, is_exclude, _base_score(words, n_tok), phrase
                    )
                    self.lower_matcher.add(key, docs)
                    if not exact_only:
                        self.lemma_matcher.add(key, docs)
                    n_patterns += len(docs)
                    for doc in docs:
                        self.pattern_words.update(t.lower for t in doc)
                        self.pattern_words.update(t.lemma for t in doc)
        self.n_patterns = n_patterns

    def _pattern_docs(self, phrase: str) -> list[Doc]:
        variants = {phrase.strip().lower()}
        if "'" in phrase:
            variants.add(phrase.replace("'", "\u2019"))
        docs = []
        for variant in sorted(variants):
            doc = self.nlp.make_doc(variant)
            if len(doc):
                self.set_lemmas(doc)
                docs.append(doc)
        return docs

    def matchable(self, text: str) -> bool:
        """Whether any token of ``text`` (tokenized alone) could be part of a match."""
        known = self._matchable_cache.get(text)
        if known is None:
            doc = self.nlp.make_doc(text)
            self.set_lemmas(doc)
            words = self.pattern_words
            known = any(t.lower in words or t.lemma in words for t in doc)
            if len(self._matchable_cache) >= _CACHE_SIZE:
                self._matchable_cache.clear()
            self._matchable_cache[text] = known
        return known

    def set_lemmas(self, doc: Doc) -> None:
        """Overwrite each token's lemma with the lemma of its lower-cased form."""
        if not len(doc):
            return
        from spacy.attrs import LEMMA, LOWER

        cache = self._lemma_cache
        lowers = doc.to_array(LOWER)
        lemmas = [cache.get(lower) for lower in lowers.tolist()]
        for i, lemma in enumerate(lemmas):
            if lemma is None:
                lower = int(lowers[i])
                text = self.strings[lower].translate(_APOSTROPHES)
                lemma = lemmas[i] = cache[lower] = self.strings.add(self.lemma_table.get(text, text))
        doc.from_array([LEMMA], np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1))


_COMPILED: dict[Taxonomy, _Compiled] = {}

#: How far (in tokens) a match may sit from the "[" and "]" around it: the longest emoji
#: name of the ``emoji`` package is about ten words.
_BRACKET_REACH = 12


def _cleaner_brackets(doc: Doc, i: int) -> bool:
    """Whether token ``i`` lies inside a bracket the cleaner wrote: "[PHONE]", "[smiling face]".

    A respondent's own brackets ("The room was cold [and the staff rude]") are
    read like any other words.
    """
    opened = closed = -1
    for j in range(i - 1, max(-1, i - _BRACKET_REACH), -1):
        text = doc[j].text
        if text.startswith("]"):
            return False
        if text.endswith("["):
            opened = j
            break
    if opened < 0:
        return False
    for j in range(i + 1, min(len(doc), i + _BRACKET_REACH)):
        text = doc[j].text
        if text.startswith("]"):
            closed = j
            break
        if text.endswith("["):
            return False
    if closed < 0:
        return False
    inner = doc.text[doc[opened].idx + len(doc[opened].text):doc[closed].idx]
    if inner in PLACEHOLDERS:
        return True
    from cxtext.clean.segment import _emoji_names

    return inner in _emoji_names()


def _outside_placeholders(doc: Doc, matches: set[tuple[int, int, int]]) -> set[tuple[int, int, int]]:
    """``matches`` without those inside the cleaner's brackets: PII placeholders and emoji names.

    Cleaning writes personal data as "[PHONE]" (no mention of the phone, the
    ``support`` theme's seed) and emoji as their names, "😊" as "[smiling face
    with smiling eyes]" (no mention of smiling staff); the words inside stay for
    the sentiment and emotion models but name no theme. Only matched tokens are
    looked at (a few per comment), and only in texts holding a "[".
    """
    if not matches or "[" not in doc.text:
        return matches
    drop = {match for match in matches if any(_cleaner_brackets(doc, i) for i in range(match[1], match[2]))}
    return matches - drop if drop else matches


def _compiled_for(taxonomy: Taxonomy) -> _Compiled:
    """The compiled matchers of ``taxonomy``, built once per process and taxonomy.

    Compiling the default taxonomy's ~5,000 phrase patterns takes about 0.1 s,
    which every new tagger paid, and so every new :class:`~cxtext.Analyzer` (each
    :func:`cxtext.analyze` call). A :class:`Taxonomy` is immutable and compares by
    content, so taggers of equal taxonomies share one :class:`_Compiled`; its
    lemma and "matchable" caches depend only on the texts seen. Rebuilt when the
    shared spaCy pipeline is not the one it was built with.
    """
    from cxtext._nlp import load_nlp

    compiled = _COMPILED.get(taxonomy)
    if compiled is None or compiled.nlp is not load_nlp():
        compiled = _Compiled(taxonomy)
        if len(_COMPILED) >= _COMPILED_KEPT:
            _COMPILED.clear()
        _COMPILED[taxonomy] = compiled
    return compiled


class KeywordThemeTagger(BaseEstimator):
    """Tag texts with CX themes by matching the taxonomy's seed phrases.

    Parameters
    ----------
    taxonomy : Taxonomy, str, path-like or None, default None
        The taxonomy, or a YAML file to load; ``None`` uses the packaged default.
    min_confidence : float, default 0.0
        Hits with a lower confidence (see the module docstring) are dropped.

    Attributes
    ----------
    taxonomy_ : Taxonomy
        The loaded taxonomy.
    classes_ : list of str
        Theme ids in taxonomy order.
    n_patterns_ : int
        Number of phrase patterns compiled (seeds, excludes and spelling variants).

    See Also
    --------
    cxtext.themes.load_taxonomy : load or validate a taxonomy file.

    Examples
    --------
    >>> tagger = KeywordThemeTagger().fit()
    >>> tagger.predict(["We waited ages in the queue"])
    [['waiting_time']]
    >>> hit = tagger.tag(["Staff were so rude"])[0][0]
    >>> hit.theme, hit.matched
    ('staff_attitude', 'rude')
    """

    def __init__(self, taxonomy: TaxonomyLike = None, *, min_confidence: float = 0.0) -> None:
        self.taxonomy = taxonomy
        self.min_confidence = min_confidence

    # -- fitting ---------------------------------------------------------
    def fit(self, X: Any = None, y: Any = None) -> KeywordThemeTagger:
        """Load the taxonomy and compile the matchers; ``X`` and ``y`` are ignored.

        Returns
        -------
        KeywordThemeTagger
            ``self``.
        """
        mc = self.min_confidence
        if (
            isinstance(mc, bool)
            or not isinstance(mc, (int, float))
            or math.isnan(mc)
            or not 0.0 <= mc <= 1.0
        ):
            raise ConfigError(
                "[CX301] The 'min_confidence' parameter of KeywordThemeTagger must be a float "
                f"in [0, 1]. Got {mc!r} instead."
            )
        self.taxonomy_ = load_taxonomy(self.taxonomy)
        compiled = _compiled_for(self.taxonomy_)
        self._compiled = compiled
        self.classes_ = list(self.taxonomy_.ids)
        self.n_patterns_ = compiled.n_patterns
        logger.debug(
            "KeywordThemeTagger fitted: %d themes, %d patterns",
            len(self.classes_),
            compiled.n_patterns,
        )
        return self

    def _check_fitted(self) -> _Compiled:
        check_fitted(self, ["taxonomy_", "classes_"],
                     "Call 'fit()' before 'tag' or 'predict' (fit() needs no data).")
        compiled = getattr(self, "_compiled", None)
        if compiled is None:  # e.g. after unpickling
            compiled = self._compiled = _compiled_for(self.taxonomy_)
        return compiled

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_compiled", None)  # spaCy matchers are rebuilt on first use
        return state

    # -- tagging ---------------------------------------------------------
    def tag(self, texts: Sequence[str]) -> list[list[ThemeHit]]:
        """Find themes in each text.

        Parameters
        ----------
        texts : sequence of str
            Texts (ideally clauses or sentences). ``None`` and missing values give no hits.

        Returns
        -------
        list of list of ThemeHit
            One list per text, at most one hit per theme (its best match), sorted by
            confidence (highest first), then position.

        Examples
        --------
        >>> tagger = KeywordThemeTagger().fit()
        >>> text = "The refund took ages"
        >>> [(h.theme, text[h.start:h.end]) for h in tagger.tag([text])[0]]
        [('waiting_time', 'took ages'), ('returns_refunds', 'refund')]
        """
        compiled = self._check_fitted()
        clean = as_texts(texts, f"{type(self).__name__}.tag()", wrap="tagger.tag([text])")
        nlp = compiled.nlp
        threshold = float(self.min_confidence)
        out: list[list[ThemeHit]] = []
        for doc in nlp.pipe(clean, batch_size=_BATCH_SIZE, disable=list(nlp.pipe_names)):
            compiled.set_lemmas(doc)
            out.append(self._score_doc(doc, compiled, threshold))
        return out

    def tag_clauses(self, docs: Sequence[Doc | None],
                    clauses: Sequence[Sequence[Clause]]) -> list[list[ThemeHit]]:
        """Find themes in every clause, matching each comment's tokens once.

        The fast path of :class:`~cxtext.Analyzer`: the comments were tokenized
        to split them (:func:`cxtext.clean.segment.split_clauses_with_docs`), so
        the matchers run once over each comment's Doc and every match is given
        to the clause holding it, instead of tokenizing and matching each clause
        again (about 2.5 times as fast). Hits are those of ``tag`` on the clause
        texts, with offsets into each clause; a phrase crossing a clause boundary
        belongs to neither, as with ``tag``. A clause whose edge was trimmed
        inside a token ("@united" read as "united") is tokenized alone, as ``tag``
        would, when the cut piece could be part of a match. On the 141,889 clauses of 47k comments from the shared datasets
        the hits equal ``tag``'s for all but one clause, where the tokenizer
        reads a quote glued to the next sentence (``crew".Tells``) differently.

        Parameters
        ----------
        docs : sequence of Doc or None
            Each comment's tokens from the shared tokenizer (:func:`cxtext._nlp.load_nlp`).
        clauses : sequence of sequence of Clause
            Each comment's clauses; their offsets index the comment.

        Returns
        -------
        list of list of ThemeHit
            One list per clause, comments in order and clauses in order within each.

        Examples
        --------
        >>> from cxtext.clean.segment import split_clauses_with_docs
        >>> clauses, docs = split_clauses_with_docs(["The staff were rude but the refund was quick"])
        >>> tagger = KeywordThemeTagger().fit()
        >>> [[h.theme for h in hits] for hits in tagger.tag_clauses(docs, clauses)]
        [['staff_attitude'], ['returns_refunds']]
        """
        compiled = self._check_fitted()
        if len(docs) != len(clauses):
            raise InputError(
                f"[CX108] tag_clauses() needs one Doc per comment: got {len(docs)} docs for "
                f"{len(clauses)} comments' clauses. Pass both lists returned by split_clauses_with_docs()."
            )
        threshold = float(self.min_confidence)
        out: list[list[ThemeHit]] = []
        for doc, doc_clauses in zip(docs, clauses):
            if not doc_clauses:
                continue
            if doc is None:
                raise InputError(
                    "[CX108] tag_clauses() got clauses without the Doc they were split from. Pass "
                    "both lists returned by split_clauses_with_docs(), or call tag() on the clause texts."
                )
            compiled.set_lemmas(doc)
            exact = set(compiled.lower_matcher(doc))
            matches = _outside_placeholders(doc, exact.union(compiled.lemma_matcher(doc)))
            starts, ends = _token_bounds(doc)
            for clause in doc_clauses:
                first = bisect_left(starts, clause.start)  # tokens [first, last) start in the clause
                last = bisect_left(starts, clause.end)
                # Clause edges trimmed inside a token ("@united" read as "united") leave a
                # piece that tokenizes differently alone. Pieces no pattern can match change
                # nothing; otherwise the clause is tokenized alone, as ``tag`` would.
                pieces = []
                if first > 0 and ends[first - 1] > clause.start:
                    pieces.append(clause.text[:min(ends[first - 1], clause.end) - clause.start])
                if last > first and ends[last - 1] > clause.end:
                    pieces.append(clause.text[starts[last - 1] - clause.start:])
                    last -= 1
                if any(compiled.matchable(piece) for piece in pieces):
                    alone = compiled.nlp.make_doc(clause.text)
                    compiled.set_lemmas(alone)
                    out.append(self._score_doc(alone, compiled, threshold))
                    continue
                inside = {m for m in matches if first <= m[1] and m[2] <= last}
                out.append(self._score_matches(doc, exact, inside, compiled, threshold, clause.start,
                                               (starts, ends, clause.text)) if inside else [])
        return out

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """Theme ids found in each text (ordered as in :meth:`tag`).

        Examples
        --------
        >>> KeywordThemeTagger().fit().predict(["I was charged twice", ""])
        [['billing'], []]
        """
        return [[hit.theme for hit in hits] for hits in self.tag(texts)]

    # -- scoring ---------------------------------------------------------
    @staticmethod
    def _score_doc(doc: Doc, compiled: _Compiled, threshold: float) -> list[ThemeHit]:
        exact = set(compiled.lower_matcher(doc))
        matches = _outside_placeholders(doc, exact.union(compiled.lemma_matcher(doc)))
        if not matches:
            return []
        return KeywordThemeTagger._score_matches(doc, exact, matches, compiled, threshold, 0)

    @staticmethod
    def _score_matches(doc: Doc, exact: set[tuple[int, int, int]], matches: set[tuple[int, int, int]],
                       compiled: _Compiled, threshold: float, offset: int,
                       clause: tuple[list[int], list[int], str] | None = None) -> list[ThemeHit]:
        """Best hit per theme from ``matches``; character offsets are taken relative to ``offset``.

        ``clause`` (the doc's token starts and ends, and the text from ``offset``)
        gives hit offsets and words without building spaCy spans.
        """
        info = compiled.info
        seeds: dict[int, list[tuple[float, int, int, str]]] = {}
        excluded: dict[int, list[tuple[int, int]]] = {}
        for match_id, start, end in matches:
            si = info[match_id]
            if si.exclude:
                excluded.setdefault(si.theme_index, []).append((start, end))
            else:
                score = si.base + (0.05 if (match_id, start, end) in exact else 0.0)
                seeds.setdefault(si.theme_index, []).append((score, start, end, si.seed))
        hits: list[ThemeHit] = []
        for ti, found in seeds.items():
            blocked = excluded.get(ti, ())
            if blocked:
                found = [f for f in found if not any(f[1] < e and s < f[2] for s, e in blocked)]
            if not found:
                continue
            # Greedy non-overlapping selection, best (longest / most specific) first.
            found.sort(key=lambda f: (-f[0], -(f[2] - f[1]), f[1], f[3]))  # seed breaks ties
            taken: list[tuple[int, int]] = []
            distinct: set[str] = set()
            for _, start, end, seed in found:
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                distinct.add(seed)
            best_score, start, end, _ = found[0]
            confidence = min(1.0, best_score + 0.15 * min(len(distinct) - 1, 2))
            confidence = round(confidence, 3)
            if confidence < threshold:
                continue
            if clause is None:
                span = doc[start:end]
                lo, hi, words = span.start_char - offset, span.end_char - offset, span.text
            else:
                lo, hi = clause[0][start] - offset, clause[1][end - 1] - offset
                words = clause[2][lo:hi]
            hits.append(ThemeHit(compiled.theme_ids[ti], lo, hi, confidence, words))
        hits.sort(key=lambda h: (-h.confidence, h.start, h.theme))
        return hits


def _token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every token of ``doc``."""
    from spacy.attrs import IDX, LENGTH

    if not len(doc):
        return [], []
    idx, length = doc.to_array([IDX, LENGTH]).T.tolist()
    return idx, [i + k for i, k in zip(idx, length)]


