"""Split comments into sentences and clauses, so each clause can carry its own sentiment.

"The staff were lovely but I waited four hours." praises one thing and blames
another; theme and sentiment models see each half separately.

Sentences come from the shared spaCy pipeline (:func:`cxtext._nlp.load_nlp`, its
rule-based ``sentencizer``; the lemmatizer is disabled here), plus a break at
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
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Clause", "split_clauses"]

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


def _is_content(token: Token) -> bool:
    return not (token.is_punct or token.is_space)


def _next_is_end(doc: Doc, i: int, end: int) -> bool:
    """True when nothing but punctuation/space follows token ``i`` in ``[.., end)``."""
    return all(not _is_content(doc[k]) for k in range(i + 1, end))


def _split_points(doc: Doc, start: int, end: int) -> list[int]:
    """Token indices in ``(start, end)`` where a new clause begins."""
    points: list[int] = []
    first = next((k for k in range(start, end) if _is_content(doc[k])), None)
    if first is None:
        return points
    opener = doc[first].lower_
    if opener == "even" and first + 1 < end and doc[first + 1].lower_ == "though":
        opener = "though"
    if opener in _OPENERS:
        for k in range(first + 1, end - 1):
            if doc[k].text == "," and not _next_is_end(doc, k, end):
                points.append(k + 1)
                break
    for i in range(first + 1, end):
        tok = doc[i]
        low = tok.lower_
        if tok.text == ";":
            if not _next_is_end(doc, i, end):
                points.append(i)
            continue
        if (
            low == "on"
            and i + 3 < end
            and [t.lower_ for t in doc[i + 1 : i + 4]] == ["the", "other", "hand"]
        ):
            points.append(i)
            continue
        if low not in _MARKERS or _next_is_end(doc, i, end):
            continue
        prev = doc[i - 1].lower_
        nxt_tok = doc[i + 1] if i + 1 < end else None
        nxt = nxt_tok.lower_ if nxt_tok is not None else ""
        if low in ("yet", "though") and nxt_tok is not None and nxt_tok.is_punct:
            continue  # adverb: "not received yet, but …", "nice, though, …"
        if low == "but" and prev in _NOT_BEFORE_BUT:
            continue
        if low == "yet" and (prev in _NOT_BEFORE_YET or nxt == "to"):
            continue
        if low == "while" and prev in _NOT_BEFORE_WHILE:
            continue
        if low == "though" and prev in _NOT_BEFORE_THOUGH:
            continue
        at = i
        if (low == "though" and prev == "even") or prev in _PULL_BACK:
            at = i - 1
        if at > first:
            points.append(at)
    return sorted(set(points))


def _segments(doc: Doc) -> list[tuple[int, int]]:
    """Sentence token ranges, further cut at line breaks."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        begin = sent.start
        for k in range(sent.start, sent.end):
            if doc[k].is_space and "\n" in doc[k].text:
                if k > begin:
                    out.append((begin, k))
                begin = k + 1
        if sent.end > begin:
            out.append((begin, sent.end))
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


def _clauses(doc: Doc, text: str) -> list[Clause]:
    out: list[Clause] = []
    sentence = 0
    for seg_start, seg_end in _segments(doc):
        cuts = [seg_start, *_split_points(doc, seg_start, seg_end), seg_end]
        made = False
        for a, b in pairwise(cuts):
            if a >= b:
                continue
            char_start = doc[a].idx
            last = doc[b - 1]
            char_end = last.idx + len(last.text)
            char_start, char_end = _trim(text, char_start, char_end)
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

    Examples
    --------
    >>> text = "The staff were lovely but I waited four hours. Food OK; drinks cold!"
    >>> [(c.text, c.sentence) for c in split_clauses([text])[0]]
    [('The staff were lovely', 0), ('but I waited four hours.', 0), ('Food OK', 1), ('drinks cold!', 1)]
    >>> c = split_clauses([text])[0][1]
    >>> text[c.start:c.end] == c.text
    True
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
    todo = [i for i, t in enumerate(prepared) if t.strip()]
    if not todo:
        return out
    nlp = load_nlp()
    disable = [name for name in nlp.pipe_names if name != "sentencizer"]
    docs = nlp.pipe((prepared[i] for i in todo), batch_size=batch_size, disable=disable)
    for i, doc in zip(todo, docs):
        out[i] = _clauses(doc, prepared[i])
    return out
