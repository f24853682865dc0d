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
* "apart from", "aside from", "other than" (not "fell apart from", "nothing other
  than"), "the / my only downside / problem / issue / complaint / ..." (cut before
  "the" / "my"), "shame / pity about / that" after a word that is not an article or
  a copula ("Lovely staff shame about the wait", not "It's a shame that") -
  mid-sentence only;
* a sentence *opening* with "although", "though", "even though", "whereas",
  "while", "except", "apart from", "aside from" or "other than" is cut after its
  first comma ("Although the staff were nice, | I waited");
* ";" (it ends the clause before it and is dropped).

Then each clause is cut at a comma, a spaced dash (" - ", "--", an en or em dash)
or an ellipsis that joins **opposite opinions**: "Great price, | poor quality.",
"Love the app, | hate the fees.", "Staff were helpful, | the wait was not.". The
boundaries divide the clause into parts; a part's opinion is the sign of the
opinion words in it, from the small word list :mod:`cxtext.clean.opinion_words`
(our own, about 220 positive and 310 negative customer-feedback words; no model
and no new dependency). A word is flipped by "not", "no", "never", "n't",
"without", "less" and the like up to three words before it ("no problems" is
praise; so is a fault word before "free": "hassle-free"), except in "no doubt the
best", "not only", "couldn't be happier", "can't recommend them enough", "nothing
short of"; words after "if", "want",
"expected" and the like are not counted ("If you want good food, avoid it"). A
part that ends on its negator ("the wait was not", "the rooms not so much") or is
"not the / a ..." with no opinion word ("not the website") takes the opposite of
the part before it. A boundary is cut when the part before it has an opinion and
the part after it has the other one, or opens with a contrast cue ("Lovely staff, |
shame about the wait", "unfortunately", "sadly", "the only thing / downside"), or,
after a part with no opinion word, with "otherwise" ("Refund took three weeks, |
otherwise happy").
It is not cut after a part that opens with "which" / "who" (a relative clause: the
sentence's verb follows), nor after a lone opening "Ok", "Unfortunately",
"Luckily" ("Luckily, the delay was short" is one clause).

Why opposite opinions only: a theme mention takes the sentiment of its clause, so
a clause holding praise and blame gives one of its themes the other half's
sentiment ("Great price, poor quality." read the quality mention as positive).
Ordinary commas - lists ("fast, friendly, efficient service"), openers ("Overall,",
"Thanks,", "Yes,", "However,"), numbers ("1,000"), addresses, greetings and
vocatives, "..., thanks" - join at most one opinion side and stay. Parts of the
*same* opinion ("Great food, great staff, great price.") are not cut either:
that would change no mention's sentiment, each extra clause is scored by the
sentiment (and emotion) models, and shorter clauses give the theme taggers less
context. The price is that an opinion worded without a listed word is missed
("Super comfy shoes, the sole came off after a month.").

Measured on the shared data (before -> after this rule, 2-core machine):

* 74 hand-written cases (``OPINION_CUT`` / ``OPINION_KEEP`` in
  ``tests/clean/test_segment.py``): 34 to cut, 0 -> 34 cut; 40 not to cut, no
  wrong cut before or after. 33 more written after the rule was settled and not
  tuned on: 1 -> 11 of 16 cut (the 5 missed have no listed opinion word:
  "the sole came off", "prices too high", "cheap tickets"), 0 -> 1 wrong cut of 17
  ("Not great, | not terrible.").
* The bug bash's 7 comments: theme mentions with the other half's sentiment,
  7 of 14 -> 0 of 14 with both presets (fast reads "Good quality product" neutral).
* Clauses: SemEval-2014 restaurants +1.4% (47 of 3,044 sentences change; about
  30 cuts read as real contrasts, about 15 as wrong cuts between parts that share a
  sentiment or hold no theme, 2 hurt a mention), clothing reviews +0.5%, airline
  tweets +0.3%.
* SemEval category sentiment (the SemEval part of ``benchmarks/themes_benchmark.py``,
  fast sentiment 0.9.0, test split): trained A-both 0.811 -> 0.804 (418 pairs),
  A-hashed 0.823 -> 0.815 (383), B-both 0.764 -> 0.759 (610), keyword tagger
  0.794 -> 0.794 (311): 3 pairs lost in each trained row (with fast 0.10.0: 0.804
  -> 0.799, 0.812 -> 0.809, 0.761 -> 0.757, keyword 0.785 -> 0.785), from the 7
  test sentences that change, none of them with opposite gold polarities: "tasty
  food on the cheap, | you'll likely have trouble finishing ..." and "pricey ...,
  | thus cost effective" put a positive price mention in a negative clause.
  SemEval sentences rarely join opposite opinions with a bare comma (15 of its 67
  sentences with a positive and a negative category are still one clause, and
  need more than a word list to split).
* Time: the rules add 0.017 s CPU to 20,000 airline tweets (1.3% of the split's
  1.35 s) and 0.010 s to 2,000 clothing reviews (2.7% of 0.37 s); the tokenizer
  is most of the split. A quick look at whether a clause has both opinion sides,
  a negator or a cue skips the rest for most commas.

Separators that are not words (:func:`_separator_points`, :func:`_list_items`):

* a run of emoji holding a *feeling* emoji (faces, hand gestures, hearts, ticks and
  crosses; :data:`_FEELING_EMOJI`) ends its clause when words come before and after
  it: "staff friendly [thumbs up] | delivery slow [thumbs down] | price ok". The
  cleaner has written emoji as bracketed names by then, so names are matched (the
  cleaner's own naming function), and raw emoji too. The emoji stays with the words
  before it, which it rates. Not after a number or a subject pronoun ("10 👍",
  "I ❤ flying"), nor before a lower-case word that carries the sentence on ("Thanks 🙏
  for sorting my refund"); object emoji ("🚚") and stars ("5 ⭐ hotel") are no separators;
  on the 14,640 airline tweets 84 comments change, mostly as meant (a few cut off a
  trailing URL or hashtag as a clause of its own);
* a bullet (• ◦ ‣ ● ■ ► ➤ ·, with a blank on both sides) starts a clause and is
  trimmed from it: "Great staff • | Slow checkout". Emoji bullets ("▪") arrive as
  names and are not bullets;
* numbered items: "1." / "1)" opening the text, a line or following ":" or a sentence end, then "2.",
  "3." … in order, each start a sentence holding its number ("1. Fast delivery |
  2. Terrible packaging"; the sentencizer gave "1." | "Fast delivery 2." | ...);
* an opening bracket just before a cut or a sentence start goes with the clause it
  opens: "Great service | (but slow checkout)", "GUYS!!! | [growing heart]".

Clause texts are exact slices: ``text[clause.start:clause.end] == clause.text``.
They are stripped of surrounding whitespace, of leading punctuation (except opening
brackets and quotes, and the ``@``/``#`` of a handle or hashtag, so that a tweet's one
clause is the tweet the sentiment model reads) and of trailing ``, ; : -``
(sentence-final ``. ! ?`` stay); clauses without a letter or digit are dropped.

This is a small rule set on spaCy tokens rather than a dependency parse: the project's
pipeline has no parser (it must work offline with no model download), and contrast
markers and opposite opinion words are what matters for sentiment.

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

from cxtext.clean.opinion_words import NEGATIVE, NEGATORS, POSITIVE

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
# "apart from" / "other than" that are not a contrast: "fell apart from day one",
# "nothing other than praise", "in a size other than M".
_NOT_BEFORE_APART = frozenset({
    "fall", "fell", "falls", "falling", "fallen", "come", "came", "comes", "coming", "tear",
    "tore", "torn", "tearing", "pull", "pulled", "pulling", "rip", "ripped", "ripping", "set",
    "sets", "stand", "stands", "stood", "live", "lived", "lives", "living", "far", "worlds",
    "miles", "feet", "inches", "break", "broke", "broken", "split", "kept", "keep", "grew",
    "drifted",
})
_NOT_BEFORE_OTHER = frozenset({
    "nothing", "anything", "everything", "none", "no", "any", "anyone", "anybody", "anywhere",
    "nowhere", "someone", "somewhere", "size", "sizes", "colour", "color", "colours", "colors",
    "way", "ways", "one", "ones", "people", "those", "something", "else",
})
# "the only downside was", "my only complaint is", "the only thing I'd change"
_ONLY_FAULTS = frozenset({
    "downside", "downsides", "drawback", "drawbacks", "problem", "issue", "complaint", "gripe",
    "criticism", "letdown", "disappointment", "niggle", "negative", "negatives", "cons",
})
# ... and after a comma also "the only thing": "Great stay, the only thing I'd change is ..."
_ONLY_NOUNS = _ONLY_FAULTS | {"thing", "let", "con", "fault", "concern", "bad", "minus"}
_ONLY_DETERMINERS = frozenset({"the", "my", "our", "one", "his", "her", "their"})
# "What a shame", "it's a pity that": an article or copula before "shame" / "pity"
_NOT_BEFORE_SHAME = frozenset({
    "a", "an", "such", "what", "the", "'s", "is", "was", "are", "were", "be", "been", "it", "its",
    "real", "big", "great", "huge", "bit", "total", "absolute", "terrible", "awful", "no",
})
# Fault nouns that "-free" turns into praise ("hassle-free"; not "slow free wifi").
_FAULT_NOUNS = frozenset({"hassle", "trouble", "worry", "stress", "pain", "fuss", "problem", "glitch", "error",
                          "issue", "bug", "risk", "faff"})
# Contrast cues that open the second half of "Lovely staff, shame about the wait".
_CUES = frozenset({"shame", "pity", "unfortunately", "unfortunatly", "sadly", "alas", "otherwise",
                   "downside", "drawback"})
# Word pairs where the opinion word is no opinion: greetings, "kind of", dishes.
_NOT_OPINION_PAIRS = frozenset({
    ("good", "morning"), ("good", "afternoon"), ("good", "evening"), ("good", "night"),
    ("good", "day"), ("good", "luck"), ("happy", "birthday"), ("happy", "holidays"),
    ("happy", "new"), ("happy", "christmas"), ("happy", "easter"), ("happy", "hour"),
    ("happy", "thanksgiving"), ("best", "regards"), ("best", "wishes"), ("kind", "regards"),
    ("kind", "of"), ("sweet", "potato"), ("sweet", "potatoes"), ("soft", "drink"),
    ("soft", "drinks"), ("fast", "food"), ("cold", "drinks"), ("cold", "drink"),
    ("cold", "beer"), ("cold", "beers"), ("cold", "water"), ("cold", "brew"), ("fine", "dining"),
    ("clear", "up"), ("cold", "night"), ("cold", "day"), ("cold", "weather"),
    ("cold", "morning"), ("cold", "evening"), ("cold", "winter"), ("wait", "list"),
    ("waiting", "list"), ("waiting", "room"),
})
# Words after a negator that cancel it: "no doubt the best", "not only fast".
_NEGATION_BLOCKERS = frozenset({"doubt", "question", "wonder", "only", "but", "exception",
                                "short"})  # "nothing short of amazing"
# "couldn't be happier": a negated comparative after "be" is praise.
_COMPARATIVES = frozenset({
    "better", "happier", "nicer", "easier", "friendlier", "lovelier", "quicker", "faster",
    "smoother", "cleaner", "worse", "more",
})
# "Easy app, not the website": "not" before a determiner echoes the other part's
# opinion ("not too heavy" or "not overbearing" does not).
_AFTER_NOT = frozenset({"the", "a", "an", "my", "our", "your", "their", "his", "her", "its",
                        "this", "that", "these", "those", "so", "for", "when", "with", "in", "on",
                        "at"})
# "the wait was not", "service not so much": a part that ends with its negator.
_ELLIPSIS_TAIL = frozenset({
    "so", "much", "really", "at", "all", "quite", "very", "too", "either", "though", "always",
    "entirely", "exactly", "that", "as",
})
# Opinion words after these are wished for or supposed, not given: "if you want good
# food, avoid it", "I wanted to love this dress, it was too small".
_IRREALIS = frozenset({"if", "unless", "whether", "want", "wants", "wanted", "wanting",
                       "expect", "expected", "expecting", "hope", "hoped", "hoping", "wish",
                       "wished", "assumed", "supposed"})
# A lone first part that sets the tone of the sentence rather than judging a
# part of it: "Ok, the food was cold", "Luckily, the delay was short".
_ONE_WORD_NEUTRAL = frozenset({"ok", "okay", "fine", "unfortunately", "sadly", "luckily",
                               "thankfully", "fortunately", "honestly"})
_BOUNDARIES = (",", "--", "\u2013", "\u2014", "...", "\u2026")
# Inline bullets, cut before when spaced on both sides: "Great staff • Slow checkout".
# (Bullet-like characters that are emoji - "▪", "▶", "➡" - reach the splitter as names
# such as "[black small square]" and are not bullets here.)
_BULLETS = "\u2022\u25e6\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8\u25b9\u27a2\u27a4\u00b7"
_TRAILING = ",;:-\u2013\u2014 \t\n" + _BULLETS
_KEEP_LEADING = "([{\"'\u201c\u2018\u00ab"
_OPEN_BRACKETS = ("(", "[", "{")
_SUBJECTS = frozenset({"i", "we", "you", "u", "they", "he", "she", "everyone", "everybody"})
# Emoji that say how the writer feels (faces, hand gestures, hearts, ticks and
# crosses, 100, fire, poo) end the clause before them when words follow:
# "staff friendly 👍 delivery slow 👎 price ok". First code point ranges; objects
# ("🚚", "🍕") often stand for a word and stars rate ("5 ⭐ hotel"): not separators.
_FEELING_EMOJI = (
    (0x1F600, 0x1F64F), (0x1F910, 0x1F92F), (0x1F970, 0x1F97A), (0x1F9D0, 0x1F9D0),
    (0x1FAE0, 0x1FAE8), (0x1F44A, 0x1F450), (0x1F590, 0x1F596), (0x1F494, 0x1F49F),
    (0x2764, 0x2764), (0x1F5A4, 0x1F5A4), (0x1F90D, 0x1F90E), (0x1F9E1, 0x1F9E1),
    (0x1FA75, 0x1FA77), (0x2705, 0x2705), (0x2714, 0x2714), (0x274C, 0x274C),
    (0x274E, 0x274E), (0x1F4AF, 0x1F4AF), (0x1F525, 0x1F525), (0x1F4A9, 0x1F4A9),
    (0x263A, 0x263A), (0x2639, 0x2639), (0x270C, 0x270C), (0x261D, 0x261D),
)


def _handle_at(text: str, i: int, end: int) -> bool:
    """Whether ``text[i]`` opens an ``@handle`` or a ``#hashtag`` (kept: a tweet's clause is still a tweet)."""
    return text[i] in "@#" and i + 1 < end and (text[i + 1].isalnum() or text[i + 1] == "_")


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
        (self.apart, self.from_, self.than, self.except_, self.only, self.shame, self.pity,
         self.about, self.that, self.dash, self.never, self.be, self.been, self.enough) = (
            strings.add(w) for w in
            ("apart", "from", "than", "except", "only", "shame", "pity", "about", "that", "-",
             "never", "be", "been", "enough"))
        self.not_before_apart = ids(_NOT_BEFORE_APART)
        self.not_before_other = ids(_NOT_BEFORE_OTHER)
        self.only_nouns = ids(_ONLY_NOUNS)
        self.only_faults = ids(_ONLY_FAULTS)
        self.only_determiners = ids(_ONLY_DETERMINERS)
        self.not_before_shame = ids(_NOT_BEFORE_SHAME)
        self.cues = ids(_CUES)
        self.negators = ids(NEGATORS)
        self.negation_blockers = ids(_NEGATION_BLOCKERS)
        self.comparatives = ids(_COMPARATIVES)
        self.ellipsis_tail = ids(_ELLIPSIS_TAIL)
        self.irrealis = ids(_IRREALIS)
        self.relatives = ids({"which", "who", "whose", "whom"})
        self.one_word_neutral = ids(_ONE_WORD_NEUTRAL)
        self.boundaries = ids({*_BOUNDARIES, "-"})
        self.not_opinion_pairs = frozenset(
            (strings.add(a), strings.add(b)) for a, b in _NOT_OPINION_PAIRS)
        self.not_ = strings.add("not")
        self.otherwise = strings.add("otherwise")
        self.free = strings.add("free")
        self.fault_nouns = ids(_FAULT_NOUNS)
        self.open_brackets = ids(set(_OPEN_BRACKETS))
        self.after_not = ids(_AFTER_NOT)
        self.aside = strings.add("aside")
        self.phrase_heads = frozenset(
            {self.apart, self.aside, self.other, self.only, self.shame, self.pity})
        self.intensifiers = ids({"so", "such", "more"})
        # every token the marker loop stops at (punctuation's LOWER is its ORTH)
        self.interesting = (self.markers | self.phrase_heads | self.boundaries
                            | {self.on, self.semicolon})
        self.polarity: dict[int, int] = {
            **{strings.add(w): 1 for w in POSITIVE}, **{strings.add(w): -1 for w in NEGATIVE}}
        # 1 praise, 2 blame, 4 a negator or a cue: a quick look whether a cut is possible
        self.flags: dict[int, int] = {k: 1 if v > 0 else 2 for k, v in self.polarity.items()}
        for k in (*self.negators, *self.cues, self.only, self.free):  # "free": "hassle-free" is praise
            self.flags[k] = self.flags.get(k, 0) | 4


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
    second = lower[first + 1] if first + 1 < end else None
    if opener == h.even and second == h.though:
        opener = h.though
    if (opener in h.openers or opener == h.except_
            or ((opener == h.apart or opener == h.aside) and second == h.from_)
            or (opener == h.other and second == h.than)):
        for k in range(first + 1, end - 1):
            if toks.orth[k] == h.comma and not _next_is_end(toks, k, end):
                points.append(k + 1)
                break
    boundaries, interesting = h.boundaries, h.interesting
    commas: list[int] = []
    for i in range(first + 1, end):
        low = lower[i]
        if low not in interesting:  # one look-up for most tokens
            continue
        if low in boundaries:
            commas.append(i)
            continue
        if low == h.semicolon:
            if not _next_is_end(toks, i, end):
                points.append(i)
            continue
        if low == h.on:
            if (i + 3 < end and lower[i + 1] == h.the and lower[i + 2] == h.other
                    and lower[i + 3] == h.hand):
                points.append(i)
            continue
        prev = lower[i - 1]
        nxt = lower[i + 1] if i + 1 < end else None
        if low in h.phrase_heads:
            at = _phrase_point(toks, h, first, i, end, low, prev, nxt)
            if at is not None:
                points.append(at)
            continue
        if _next_is_end(toks, i, end):
            continue
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
    points = sorted(set(points))
    if commas:
        bounds = [first, *points, end]
        for a, b in pairwise(bounds):
            inside = [k for k in commas if a < k < b - 1]
            if inside:
                points.extend(_opinion_points(toks, h, a, b, inside))
        points.sort()
    return points


def _phrase_point(toks: _Tokens, h: _Hashes, first: int, i: int, end: int,
                  low: int, prev: int, nxt: int | None) -> int | None:
    """Where a two-word contrast starting at token ``i`` cuts, or None.

    "apart from" / "aside from" / "other than" (cut before them), "(the|my) only
    downside/problem/issue/complaint" (before the determiner), "shame/pity
    about/that" after a word that is not an article or a copula. ("the only
    thing" is a cue only after a comma: "The service was the only thing good".)
    """
    lower = toks.lower
    if nxt is None or _next_is_end(toks, i + 1, end):
        return None
    at: int | None = None
    if low == h.apart or low == h.aside:
        if nxt == h.from_ and prev not in h.not_before_apart:
            at = i
    elif low == h.other:
        if nxt == h.than and prev not in h.not_before_other:
            at = i
    elif low == h.only:
        if nxt in h.only_faults:
            at = i - 1 if prev in h.only_determiners else i
            if at - 1 >= first and lower[at - 1] in h.negators:  # "not the only problem"
                return None
    elif nxt in (h.about, h.that) and prev not in h.not_before_shame and (
            i < 2 or lower[i - 2] not in h.not_before_shame):  # shame / pity
        at = i
    if at is None:
        return None
    if at - 1 > first and lower[at - 1] in h.pull_back:
        at -= 1
    return at if at > first else None


def _negated(lower: list[int], h: _Hashes, a: int, i: int, b: int) -> bool:
    """Is the opinion word at ``i`` turned by a negator up to three words before it?"""
    for j in range(i - 1, max(a, i - 3) - 1, -1):
        if lower[j] not in h.negators:
            continue
        between = lower[j + 1:i]
        if any(w in h.negation_blockers for w in between):
            return False  # "no doubt the best", "not only fast"
        if lower[j] == h.never and any(w in h.intensifiers for w in between):
            return False  # "never been so happy"
        if lower[i] in h.comparatives and (h.be in between or h.been in between):
            return False  # "couldn't be happier"
        # "can't recommend them enough" is praise
        return h.enough not in lower[i + 1:min(b, i + 5)]
    return False


def _polarity(toks: _Tokens, h: _Hashes, a: int, b: int) -> int:
    """+1, -1 or 0: the sign of the opinion words in tokens ``[a, b)``, negation applied."""
    lower, polarity = toks.lower, h.polarity
    total = 0
    for i in range(a, b):
        sign = polarity.get(lower[i])
        if sign is None:
            if lower[i] in h.irrealis:
                break
            continue
        if i + 1 < b and (lower[i], lower[i + 1]) in h.not_opinion_pairs:
            continue
        if sign < 0 and lower[i] in h.fault_nouns:  # "hassle-free", "stress free": the fault is absent
            after = lower[i + 2] if i + 2 < b and lower[i + 1] == h.dash else (
                lower[i + 1] if i + 1 < b else None)
            if after == h.free:
                sign = 1
        total += -sign if _negated(lower, h, a, i, b) else sign
    return (total > 0) - (total < 0)


def _opinion_points(toks: _Tokens, h: _Hashes, a: int, b: int, commas: list[int]) -> list[int]:
    """Commas and spaced dashes in ``[a, b)`` between parts of opposite opinion.

    The parts are the runs between the boundaries. A boundary is cut when the part
    before it carries an opinion and the part after it carries the other one
    ("Great price, poor quality."), or opens with a contrast cue ("Lovely staff,
    shame about the wait", "Great stay, the only thing I'd change ..."). A part
    that echoes the one before it with a negator ("the wait was not", "not the
    website") carries the opposite opinion. Opinion words after "if", "want",
    "expected" and the like are not counted, a lone "ok" or "unfortunately"
    opening the clause carries none, and a part opening with "which" / "who" is
    not cut from what follows it.
    """
    content, lower, flags = toks.content, toks.lower, h.flags
    seen = 0
    for i in range(a, b):
        seen |= flags.get(lower[i], 0)
    if seen & 3 != 3 and not (seen & 4 and seen & 3):
        return []  # one opinion side and no negator or cue: nothing to cut (most commas)
    cuts = [k for k in commas if lower[k] != h.dash
            or (toks.end[k - 1] < toks.idx[k] and toks.end[k] < toks.idx[k + 1])]
    if not cuts:
        return []
    parts = list(pairwise([a - 1, *cuts, b]))
    words = [[k for k in range(lo + 1, hi) if content[k]] for lo, hi in parts]
    signs = []
    for n, ((lo, hi), w) in enumerate(zip(parts, words)):
        if not w or (
                n == 0 and len(w) == 1 and lower[w[0]] in h.one_word_neutral):
            signs.append(0)
        else:
            signs.append(_polarity(toks, h, lo + 1, hi))
    out: list[int] = []
    for n, k in enumerate(cuts):
        left, right, w = signs[n], signs[n + 1], words[n + 1]
        if (left == 0 and w and right != 0 and lower[w[0]] == h.otherwise and words[n]
                and lower[words[n][0]] not in h.relatives):
            out.append(k)  # "Refund took three weeks, | otherwise happy": the fault has no opinion word
            continue
        if left == 0 or not w or not words[n] or lower[words[n][0]] in h.relatives:
            continue  # "The salad, which is usually a disaster, | is crispy": no
        if _is_elliptic(lower, h, w, right):
            right = -left
        cue = any(lower[x] in h.cues or (lower[x] == h.only and y < len(w) - 1
                                         and lower[w[y + 1]] in h.only_nouns)
                  for y, x in enumerate(w[:4]))
        if cue or (right != 0 and right != left):
            out.append(k)
    return out


def _is_elliptic(lower: list[int], h: _Hashes, words: list[int], sign: int) -> bool:
    """Is the part a negated echo of the part before it?

    It ends on its negator ("the wait was not", "the rooms not so much"), or
    opens with "not" and has no opinion word of its own ("not the website").
    """
    if sign == 0 and lower[words[0]] == h.not_ and len(words) > 1 and (
            lower[words[1]] in h.after_not):
        return True
    for k in reversed(words):
        if lower[k] in h.negators:
            return True
        if lower[k] not in h.ellipsis_tail:
            return False
    return False


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


@lru_cache(maxsize=1)
def _emoji_names() -> dict[str, bool]:
    """Every emoji as the cleaner names it ("thumbs up"), True for feeling emoji.

    Names are written by :func:`cxtext.clean.normalise._emoji_words` (the same
    function, so the two cannot drift apart). Raw emoji (texts split without
    cleaning) are keyed by their first character.
    """
    import emoji

    from cxtext.clean.normalise import _emoji_words

    out: dict[str, bool] = {}
    for key, data in emoji.EMOJI_DATA.items():
        feeling = any(lo <= ord(key[0]) <= hi for lo, hi in _FEELING_EMOJI)
        for name in (_emoji_words(key, data).strip()[1:-1], key[0]):
            if name and not name.isascii() or len(name) > 1:
                out[name] = out.get(name, False) or feeling
    return out


#: Lower-case words after an emoji run that carry its sentence on: the emoji sits inside the phrase.
_CARRIES_ON = frozenset(["for", "to", "with", "on", "of", "from", "about", "at", "in", "by", "that", "who",
                         "which", "as", "than"])


def _separator_points(toks: _Tokens, text: str) -> list[tuple[int, int]]:
    """Clause starts after a run of feeling emoji and at inline bullets.

    Returns ``(first, cut)`` pairs: the run or bullet begins at token ``first``
    and the next clause at token ``cut``. A run of emoji (``"[thumbs up]"`` as
    the cleaner writes it, or the emoji itself; only blanks between them) that
    holds a feeling emoji ends the clause before it: ``cut`` is the token after
    the run. A run after a number ("10 👍") or a subject pronoun ("I ❤ flying")
    is no separator. A bullet (:data:`_BULLETS`) with a
    blank on both sides starts a clause: ``cut == first``. The caller cuts only
    when its segment has words before ``first`` and after ``cut``. Pre-checks:
    names are looked for only when the text holds ``"["``, emoji and bullets
    only when it is not ASCII.
    """
    has_bracket = "[" in text
    if not has_bracket and text.isascii():
        return []
    names = _emoji_names()
    idx, end, space, n = toks.idx, toks.end, toks.space, toks.n
    out: list[tuple[int, int]] = []
    run: list[int] = []  # [first token, last token, holds a feeling emoji] of the current run
    k = 0
    while k < n:
        a, b = idx[k], end[k]
        last, feeling = -1, False
        if has_bracket and b - a == 1 and text[a] == "[":
            close = text.find("]", b, b + 64)
            if close > 0 and text[b:close] in names:
                last, feeling = k, names[text[b:close]]
                while last + 1 < n and end[last + 1] <= close + 1:
                    last += 1
        elif not text[a].isascii() and text[a] in names:
            last, feeling = k, names[text[a]]
        elif b - a == 1 and text[a] in _BULLETS and (
                k == 0 or end[k - 1] < a or space[k - 1]) and (
                k + 1 < n and (b < idx[k + 1] or space[k + 1])):
            out.append((k, k))
        if last < 0:
            k += 1
            continue
        if run and all(space[j] for j in range(run[1] + 1, k)):
            run[1], run[2] = last, run[2] or feeling  # only blanks between: one run
        else:
            if run and run[2]:
                out.append((run[0], run[1] + 1))
            run = [k, last, feeling]
        k = last + 1
    if run and run[2]:
        out.append((run[0], run[1] + 1))
    # A run with nothing before or after it is no separator, nor one after a number
    # ("10 👍") or a subject pronoun, where the emoji stands for a verb ("I ❤ flying"),
    # nor one before a word that carries the sentence on ("Thanks 🙏 for sorting my refund").
    return sorted((first, cut) for first, cut in out if first == cut or (
        0 < first and cut < n and not text[idx[first - 1]:end[first - 1]].isdigit()
        and text[idx[first - 1]:end[first - 1]].lower() not in _SUBJECTS
        and text[idx[cut]:end[cut]] not in _CARRIES_ON))


def _list_items(toks: _Tokens, text: str) -> list[int]:
    """Number tokens that open the items of an inline numbered list, in order.

    "1." or "1)" at the start of the text or of a line (or after a ``":"`` or a
    sentence's end mark, "Two issues. 1. ...") opens
    a list when a word follows; then "2." ("2)"), "3." … after a space, in order
    and with the same punctuation, open the next items. Each item is a sentence
    of its own that starts with its number: "1. Fast delivery 2. Terrible
    packaging" -> "1. Fast delivery" | "2. Terrible packaging" (the sentencizer
    read "1." and "Fast delivery 2." as sentences). Prices ("£2."), decimals
    ("2.5", one token) and a number not in sequence ("Rated it 2. Bad") are not
    items. Pre-check: the text holds "1." or "1)".
    """
    if "1." not in text and "1)" not in text:
        return []
    idx, end, n, content = toks.idx, toks.end, toks.n, toks.content
    items: list[int] = []
    mark = ""
    expected = "1"
    for k in range(n - 2):
        if text[idx[k]:end[k]] != expected or end[k] != idx[k + 1]:
            continue
        punct = text[idx[k + 1]:end[k + 1]]
        if punct not in (".", ")") or (mark and punct != mark) or not content[k + 2]:
            continue
        if not items:
            j = k - 1
            while j >= 0 and toks.space[j] and "\n" not in text[idx[j]:end[j]]:
                j -= 1
            opens = j < 0 or (toks.space[j] and "\n" in text[idx[j]:end[j]]) or (
                text[idx[j]:end[j]] in (":", ".", "!", "?"))
            if not opens or (k > 0 and end[k - 1] == idx[k] and not toks.space[k - 1]):
                continue
            mark = punct
        elif end[k - 1] == idx[k] and not toks.space[k - 1]:
            continue  # "£2.": no space before the number
        items.append(k)
        expected = str(len(items) + 1)
    return items


def _segments(toks: _Tokens, h: _Hashes, text: str) -> list[tuple[int, int]]:
    """Sentence token ranges, further cut at line breaks and before numbered items."""
    out: list[tuple[int, int]] = []
    starts = _sentence_starts(toks, h)
    items = _list_items(toks, text)
    if items:
        after_mark = {k + 2 for k in items if toks.orth[k + 1] in h.sentence_end}
        starts = sorted({0, *(s for s in starts if s not in after_mark), *items})
    # "GUYS!!! [growing heart]": the sentencizer leaves an opening bracket after the
    # sentence end with the sentence it ends; it goes with the one it opens.
    starts = [s - 1 if s > 1 and toks.orth[s - 1] in h.open_brackets and s - 1 > prev else s
              for prev, s in zip([-1, *starts], starts)]
    bounds = [*starts, toks.n]
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
        or text[start] in _BULLETS
        or (unicodedata.category(text[start])[0] == "P" and text[start] not in _KEEP_LEADING
            and not _handle_at(text, start, end))
    ):
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _clauses(doc: Doc, text: str, h: _Hashes) -> list[Clause]:
    toks = _Tokens(doc)
    out: list[Clause] = []
    sentence = 0
    separators = _separator_points(toks, text)
    for seg_start, seg_end in _segments(toks, h, text):
        points = _split_points(toks, h, seg_start, seg_end)
        if separators:
            first = next((k for k in range(seg_start, seg_end) if toks.content[k]), seg_end)
            points = sorted({*points, *(cut for at, cut in separators
                                        if first < at and cut < seg_end)})
        # "Great service (but slow checkout)": the bracket goes with the clause it opens
        points = [k - 1 if k - 1 > seg_start and toks.orth[k - 1] in h.open_brackets else k
                  for k in points]
        cuts = [seg_start, *points, seg_end]
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
