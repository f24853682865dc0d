"""Split comments into sentences and clauses, so each clause can carry its own sentiment.

"The staff were lovely but I waited four hours." praises one thing and blames
another; theme and sentiment models see each half separately.

Sentences follow the rule of the shared spaCy pipeline's ``sentencizer``
(:func:`cxtext._nlp.load_nlp`), applied to the tokenizer's output as integer
arrays (same sentences, without a Python object per token), plus a break at
every line break. Each sentence is then cut before a contrast marker:

* "but", "however", "although", "though", "whereas", "yet", "except", "while",
  "on the other hand" - mid-sentence only, with guards for their non-contrast
  uses: "nothing but", "last but not least", "not yet", "have yet to",
  "as though", "for a while", "yet"/"though" before a comma, a marker ending the
  sentence ("slow service though.");
  "even though" and "and yet" are cut before "even" / "and";
* a sentence *opening* with "although", "though", "even though", "whereas" or
  "while" is cut after its first comma ("Although the staff were nice, | I waited");
* ";" (it ends the clause before it and is dropped).

Clause texts are exact slices: ``text[clause.start:clause.end] == clause.text``.
They are stripped of surrounding whitespace, of leading punctuation and of trailing
``, ; : -`` (sentence-final ``. ! ?`` stay); clauses without a letter or digit are dropped.

This is a small rule set on spaCy tokens rather than a dependency parse: the project's
pipeline has no parser (it must work offline with no model download), and contrast
markers are what matters for sentiment.

Only the first ``max_chars`` characters (20,000 by default, cut at a space) of a
text are split: feedback beyond that length is rare, and a 100 KB paste should not
cost seconds. The cut is logged at DEBUG level.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Clause", "split_clauses", "split_clauses_with_docs"]

logger = logging.getLogger(__name__)

_MARKERS = frozenset({"but", "however", "although", "though", "whereas", "yet", "except", "while"})
_OPENERS = frozenset({"although", "though", "whereas", "while"})
_NOT_BEFORE_BUT = frozenset({"nothing", "anything", "everything", "all", "none", "last", "no"})
_NOT_BEFORE_YET = frozenset({"not", "n't", "as", "nor", "never"})
_NOT_BEFORE_WHILE = frozenset({"a", "the", "worth", "little", "short", "long", "good", "great"})
_NOT_BEFORE_THOUGH = frozenset({"as"})
_PULL_BACK = frozenset({"and", "or"})
_TRAILING = ",;:-\u2013\u2014 \t\n"
_KEEP_LEADING = "([{\"'\u201c\u2018\u00ab"


class Clause(NamedTuple):
    """One clause of a comment.

    Attributes
    ----------
    start, end : int
        Character offsets in the original text: ``text[start:end] == clause.text``.
    text : str
        The clause.
    sentence : int
        0-based index of its sentence within the comment.
    """

    start: int
    end: int
    text: str
    sentence: int


class _Tokens:
    """One comment's tokens as plain lists (read once from the Doc with ``Doc.to_array``).

    Walking ``Token`` objects made each token a Python object several times over
    (sentencizer, segments, split points) and was a third of the clause split's
    time; integer lists and string hashes do the same rule checks for less.
    """

    __slots__ = ("content", "end", "idx", "lower", "n", "orth", "punct", "space")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH

        lower, orth, punct, space, idx, length = (
            doc.to_array([LOWER, ORTH, IS_PUNCT, IS_SPACE, IDX, LENGTH]).T.tolist()
            if len(doc) else ([], [], [], [], [], []))
        self.n = len(lower)
        self.lower: list[int] = lower
        self.orth: list[int] = orth
        self.punct: list[int] = punct
        self.space: list[int] = space
        self.idx: list[int] = idx
        self.end: list[int] = [i + k for i, k in zip(idx, length)]
        self.content: list[bool] = [not (p or sp) for p, sp in zip(punct, space)]


class _Hashes:
    """String hashes of the words the rules look at (built once per StringStore)."""

    def __init__(self, strings: Any, punct_chars: set[str]) -> None:
        def ids(words: frozenset[str] | set[str]) -> frozenset[int]:
            return frozenset(strings.add(w) for w in words)

        self.markers = ids(_MARKERS)
        self.openers = ids(_OPENERS)
        self.not_before_but = ids(_NOT_BEFORE_BUT)
        self.not_before_yet = ids(_NOT_BEFORE_YET)
        self.not_before_while = ids(_NOT_BEFORE_WHILE)
        self.not_before_though = ids(_NOT_BEFORE_THOUGH)
        self.pull_back = ids(_PULL_BACK)
        self.sentence_end = ids(punct_chars)
        (self.even, self.though, self.yet, self.but, self.while_, self.to, self.on, self.the,
         self.other, self.hand, self.comma, self.semicolon) = (
            strings.add(w) for w in
            ("even", "though", "yet", "but", "while", "to", "on", "the", "other", "hand", ",", ";"))


def _next_is_end(toks: _Tokens, i: int, end: int) -> bool:
    """True when nothing but punctuation/space follows token ``i`` in ``[.., end)``."""
    content = toks.content
    return not any(content[k] for k in range(i + 1, end))


def _split_points(toks: _Tokens, h: _Hashes, start: int, end: int) -> list[int]:
    """Token indices in ``(start, end)`` where a new clause begins."""
    points: list[int] = []
    content, lower = toks.content, toks.lower
    first = next((k for k in range(start, end) if content[k]), None)
    if first is None:
        return points
    opener = lower[first]
    if opener == h.even and first + 1 < end and lower[first + 1] == h.though:
        opener = h.though
    if opener in h.openers:
        for k in range(first + 1, end - 1):
            if toks.orth[k] == h.comma and not _next_is_end(toks, k, end):
                points.append(k + 1)
                break
    markers = h.markers
    for i in range(first + 1, end):
        low = lower[i]
        if toks.orth[i] == h.semicolon:
            if not _next_is_end(toks, i, end):
                points.append(i)
            continue
        if (
            low == h.on
            and i + 3 < end
            and lower[i + 1] == h.the and lower[i + 2] == h.other and lower[i + 3] == h.hand
        ):
            points.append(i)
            continue
        if low not in markers or _next_is_end(toks, i, end):
            continue
        prev = lower[i - 1]
        nxt = lower[i + 1] if i + 1 < end else None
        if low in (h.yet, h.though) and nxt is not None and toks.punct[i + 1]:
            continue  # adverb: "not received yet, but …", "nice, though, …"
        if low == h.but and prev in h.not_before_but:
            continue
        if low == h.yet and (prev in h.not_before_yet or nxt == h.to):
            continue
        if low == h.while_ and prev in h.not_before_while:
            continue
        if low == h.though and prev in h.not_before_though:
            continue
        at = i
        if (low == h.though and prev == h.even) or prev in h.pull_back:
            at = i - 1
        if at > first:
            points.append(at)
    return sorted(set(points))


def _sentence_starts(toks: _Tokens, h: _Hashes) -> list[int]:
    """Sentence start tokens by the rule of spaCy's ``sentencizer`` (same results).

    A sentence starts at the first token, and at the first token after a
    sentence-final character (``. ! ?`` and the like) that is neither punctuation
    nor itself sentence-final, so closing quotes and brackets stay with the
    sentence they close.
    """
    starts = [0]
    seen_end = False
    ends, punct, orth = h.sentence_end, toks.punct, toks.orth
    for i in range(toks.n):
        is_end = orth[i] in ends
        if seen_end and not punct[i] and not is_end:
            starts.append(i)
            seen_end = False
        elif is_end:
            seen_end = True
    return starts


def _segments(toks: _Tokens, h: _Hashes, text: str) -> list[tuple[int, int]]:
    """Sentence token ranges, further cut at line breaks."""
    out: list[tuple[int, int]] = []
    bounds = [*_sentence_starts(toks, h), toks.n]
    for sent_start, sent_end in pairwise(bounds):
        begin = sent_start
        for k in range(sent_start, sent_end):
            if toks.space[k] and "\n" in text[toks.idx[k]:toks.end[k]]:
                if k > begin:
                    out.append((begin, k))
                begin = k + 1
        if sent_end > begin:
            out.append((begin, sent_end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        text[start].isspace()
        or (unicodedata.category(text[start])[0] == "P" and text[start] not in _KEEP_LEADING)
    ):
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _clauses(doc: Doc, text: str, h: _Hashes) -> list[Clause]:
    toks = _Tokens(doc)
    out: list[Clause] = []
    sentence = 0
    for seg_start, seg_end in _segments(toks, h, text):
        cuts = [seg_start, *_split_points(toks, h, seg_start, seg_end), seg_end]
        made = False
        for a, b in pairwise(cuts):
            if a >= b:
                continue
            char_start, char_end = _trim(text, toks.idx[a], toks.end[b - 1])
            piece = text[char_start:char_end]
            if char_end > char_start and any(ch.isalnum() for ch in piece):
                out.append(Clause(char_start, char_end, piece, sentence))
                made = True
        if made:
            sentence += 1
    return out


def split_clauses(
    texts: Sequence[str], *, max_chars: int = 20_000, batch_size: int = 512
) -> list[list[Clause]]:
    """Split each text into sentences, and each sentence into clauses at contrast markers.

    Parameters
    ----------
    texts : sequence of str
        Comments (non-strings give no clauses).
    max_chars : int, default=20000
        Only this many leading characters of a text are split.
    batch_size : int, default=512
        Texts per ``nlp.pipe`` batch.

    Returns
    -------
    list of list of Clause
        One list per text, in order; ``[]`` for an empty text.

    See Also
    --------
    split_clauses_with_docs : the same clauses, plus each text's tokens.

    Examples
    --------
    >>> text = "The staff were lovely but I waited four hours. Food OK; drinks cold!"
    >>> [(c.text, c.sentence) for c in split_clauses([text])[0]]
    [('The staff were lovely', 0), ('but I waited four hours.', 0), ('Food OK', 1), ('drinks cold!', 1)]
    >>> c = split_clauses([text])[0][1]
    >>> text[c.start:c.end] == c.text
    True
    """
    return split_clauses_with_docs(texts, max_chars=max_chars, batch_size=batch_size)[0]


def split_clauses_with_docs(
    texts: Sequence[str], *, max_chars: int = 20_000, batch_size: int = 512
) -> tuple[list[list[Clause]], list[Doc | None]]:
    """:func:`split_clauses`, also returning the tokens each text was split on.

    Later steps that read tokens (the keyword theme tagger's
    :meth:`~cxtext.themes.KeywordThemeTagger.tag_clauses`) can then match each
    comment once instead of tokenizing every clause again. The clauses'
    character offsets index both the text and its Doc.

    Returns
    -------
    clauses : list of list of Clause
        As :func:`split_clauses`.
    docs : list of spacy.tokens.Doc or None
        Each text's tokens from the shared tokenizer (the first ``max_chars``
        characters); ``None`` for an empty text.

    Examples
    --------
    >>> clauses, docs = split_clauses_with_docs(["Great food but slow service", ""])
    >>> [c.text for c in clauses[0]], len(docs[0]), docs[1]
    (['Great food', 'but slow service'], 5, None)
    """
    from cxtext._nlp import load_nlp

    prepared: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            text = ""
        if len(text) > max_chars:
            cut = text.rfind(" ", 0, max_chars)
            logger.debug(
                "split_clauses: only the first %d of %d characters split", max_chars, len(text)
            )
            text = text[: cut if cut > 0 else max_chars]
        prepared.append(text)
    out: list[list[Clause]] = [[] for _ in prepared]
    docs: list[Doc | None] = [None] * len(prepared)
    todo = [i for i, t in enumerate(prepared) if t.strip()]
    if not todo:
        return out, docs
    nlp = load_nlp()
    hashes = _rule_hashes()
    for i, doc in zip(todo, nlp.tokenizer.pipe((prepared[i] for i in todo), batch_size=batch_size)):
        out[i] = _clauses(doc, prepared[i], hashes)
        docs[i] = doc
    return out, docs


@lru_cache(maxsize=1)
def _rule_hashes() -> _Hashes:
    """The rule words' hashes in the shared pipeline's StringStore (built once)."""
    from cxtext._nlp import load_nlp

    nlp = load_nlp()
    return _Hashes(nlp.vocab.strings, set(nlp.get_pipe("sentencizer").punct_chars))
