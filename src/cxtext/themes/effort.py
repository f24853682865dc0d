"""Customer effort direction: did getting things done feel easy ("low") or hard ("high")?

Customer Effort Score (CES) is a core CX metric, so effort gets a direction, not
just a theme: "quick and easy", "hassle-free", "sorted in minutes" are *low*
effort; "had to call three times", "chased for weeks", "kept being
transferred", "jumped through hoops" are *high* effort.

Matching uses a spaCy :class:`~spacy.matcher.Matcher` over the shared
tokenizer (:func:`cxtext._nlp.load_nlp`), with token patterns on the lower-cased
words. Token patterns rather than regular expressions because effort is said in
short *constructions* with optional words and contractions ("had to ring them
back three times", "couldn't have been easier", "kept being passed around"):
spaCy splits "couldn't" into "could" + "n't", gives token-level optional and
set operators, and returns spans whose character offsets index the text. The
hand-written parts are the pattern lists, a word-set prefilter (a pattern runs
only on texts holding its required words, and texts with none skip spaCy: its
set predicates are slow; the same matches as one Matcher of all patterns, 2.7x
faster on 189k texts) and two rules:

* **negation**: a match preceded, within three tokens and the same clause, by
  a negator ("not", "n't", "never", "no", "without", "hardly", "barely") flips
  its direction: "not easy" -> high, "never had to chase" -> low,
  "wasn't a hassle" -> low. Phrases that carry their own negation
  ("no hassle", "couldn't have been easier") are patterns of their own;
* **one direction per text**: high wins over low (one episode of friction is
  what the customer remembers, and what the CES question asks about).

Ambiguous adjectives only count in a process reading: "simple" as "simple to
..." or "made it simple", "easy" as "easy to ...", "made it easy", "was easy"
(not "easy going", "take it easy"), "smooth" only as "smoothly" or "went
smooth", so "a smooth texture" or "simple but tasty" are not effort.

Examples
--------
>>> effort_direction("Booking was quick and easy")
'low'
>>> effort_direction("I had to call three times")
'high'
>>> effort_direction("It was not easy to get a refund")
'high'
>>> effort_direction("The staff were easy going") is None
True
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

__all__ = ["EffortMatch", "combine_directions", "effort_direction", "find_effort"]

logger = logging.getLogger(__name__)

Direction = Literal["low", "high"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})  # 1:1, offsets kept
_NEGATORS = frozenset({"not", "n't", "nt", "never", "no", "without", "hardly", "barely", "cannot"})
_CLAUSE_BREAK = frozenset({",", ";", ".", "!", "?", "but", "and", "though", "although", "-", ":"})
_NEG_WINDOW = 3

_CONTACT = ["call", "ring", "phone", "email", "e-mail", "chase", "contact", "explain", "repeat",
            "complain", "escalate", "resend", "re-send", "reapply", "re-apply", "fight", "beg",
            "push", "nag", "write", "message", "text", "follow", "keep", "ring", "return",
            "resubmit", "re-submit", "start"]
_CONTACT_PAST = ["called", "rang", "phoned", "emailed", "e-mailed", "contacted", "chased",
                 "complained", "messaged", "texted", "wrote", "explained", "escalated", "call",
                 "ring", "phone", "email", "contact"]
_TIMES_COUNT = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
                "several", "multiple", "many", "numerous", "countless", "umpteen", "dozens",
                "endless", "so", "too", "hundreds"]
_LONG = ["forever", "ages", "weeks", "months", "days", "hours", "an", "so", "too", "far"]
_GET_DONE = ["get", "sort", "sorted", "resolve", "resolved", "fix", "fixed", "sorting", "solve",
             "solved", "process", "processed", "complete", "arrange", "cancel", "change", "refund",
             "get", "deal", "respond", "through"]
_EASY_TO = ["order", "book", "use", "return", "cancel", "find", "set", "sort", "get", "arrange",
            "navigate", "pay", "change", "contact", "follow", "register", "apply", "claim",
            "deal", "buy", "reach", "understand", "do", "complete", "reschedule", "track",
            "exchange", "collect", "install", "manage", "access", "log", "sign", "check", "park",
            "speak", "talk", "resolve", "fix", "amend", "upgrade", "switch", "open", "close"]
_COPULA = ["was", "is", "were", "are", "been", "be", "seemed", "felt", "'s", "s"]
_INTENS = ["so", "very", "really", "super", "incredibly", "extremely", "pretty", "quite", "nice",
           "totally", "completely", "surprisingly", "remarkably", "all", "fairly", "relatively",
           "just", "dead", "absolutely", "refreshingly", "genuinely"]
_HAD = ["had", "have", "has", "having", "got", "needed", "need"]
#: "hard to <these>" is not effort ("hard to believe", "difficult to choose").
_NOT_HARD = ["believe", "say", "beat", "fault", "resist", "choose", "pick", "describe", "top",
             "imagine", "tell", "decide", "put", "recommend", "argue", "criticise",
             "criticize", "match", "improve", "compare", "understand"]
_PERSON = ["them", "him", "her", "it", "us", "up", "for", "this", "that", "the", "my", "our",
           "again", "every", "round", "around", "back", "everyone", "someone", "people"]


def _l(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}} if len(words) > 1 else {"LOWER": words[0]}


def _opt(*words: str) -> dict[str, Any]:
    return {**_l(*words), "OP": "?"}


_ANY_OPT: dict[str, Any] = {"IS_PUNCT": False, "OP": "?"}

#: name -> (direction, token patterns)
_PATTERNS: dict[str, tuple[Direction, list[list[dict[str, Any]]]]] = {
    # ---- low effort -----------------------------------------------------------------
    "low_quick_easy": ("low", [
        [_l("quick", "fast", "nice", "simple", "easy", "speedy", "free"), _l("and", "&", "n"),
         _l("easy", "simple", "painless", "quick", "straightforward", "hassle-free")],
        [_l("easy"), {"LOWER": "-", "OP": "?"}, _l("peasy")],
        [_l("a"), _l("breeze")],
    ]),
    "low_no_hassle": ("low", [
        [_l("hassle", "fuss", "stress", "hassle-free", "fuss-free", "stress-free", "worry-free"),
         {"LOWER": "-"}, _l("free")],
        [_l("hassle-free", "fuss-free")],
        [_l("hassle", "fuss", "trouble", "bother"), _l("free")],
        [_l("no", "zero", "without", "minimal", "little", "minimum"), _opt("any", "much", "real"),
         _l("hassle", "hassles", "fuss", "bother", "faff", "palaver", "runaround")],
        [_l("nothing"), _l("was"), _l("too"), _l("much"), _l("trouble")],
    ]),
    "low_adjective": ("low", [
        [_l("straightforward", "effortless", "effortlessly", "seamless", "seamlessly",
            "painless", "painlessly", "smoothly", "hassle-less", "frictionless", "streamlined")],
        [_l("went", "ran", "go", "goes", "run"), _opt("very", "so", "really"), _l("smooth")],
    ]),
    "low_easy": ("low", [
        [_l("easy", "simple", "easier", "simpler"), _l("to"), _l(*_EASY_TO)],
        [_l("made", "makes", "make", "making"), _l("it", "things", "everything", "the", "life"),
         _opt("process"), _opt("so", "very", "really", "super", "nice", "and"),
         _l("easy", "simple", "easier", "simpler")],
        [_l(*_COPULA), _opt(*_INTENS), _opt(*_INTENS), _l("easy")],
    ]),
    "low_couldnt_easier": ("low", [
        [_l("could", "can"), _l("n't", "not", "nt"), _opt("have", "be"), _opt("been", "be"),
         _opt("any"), _l("easier", "simpler", "smoother", "quicker")],
        [_l("never"), _l("been", "was"), _opt("so"), _l("easier", "simpler", "smoother", "easy")],
    ]),
    "low_minutes": ("low", [
        [_l("in", "within", "took", "takes", "only"), _opt("just", "only", "about", "under"),
         _opt("a"), _opt("few", "couple", "two", "2", "three", "3", "five", "5", "matter"),
         _opt("of"), _l("minutes", "mins", "seconds", "secs", "moments")],
        [_l("in", "took"), _l("no"), _l("time")],
    ]),
    "low_first_time": ("low", [
        [_l("sorted", "fixed", "resolved", "solved", "done", "handled"), _ANY_OPT, _ANY_OPT,
         _l("first", "one", "single"), _l("time", "call", "go", "visit", "contact", "phone")],
        [_l("first"), _l("time"), _l("right", "fix")],
    ]),
    # ---- high effort ----------------------------------------------------------------
    "high_had_to": ("high", [
        [_l(*_HAD), _l("to"), _l(*_CONTACT)],
        [_l(*_HAD), _l("to"), _l("go", "come", "drive", "travel", "walk", "queue"),
         _l("back", "again", "elsewhere", "all", "into", "in", "through")],
    ]),
    "high_n_times": ("high", [
        [_l(*_CONTACT_PAST), _opt(*_PERSON), _opt("back", "up", "them", "again"),
         {"LOWER": {"IN": _TIMES_COUNT}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"},
         _opt("more", "many", "different"), _l("times", "occasions", "attempts")],
        [_l("over"), _l("and"), _l("over"), _l("again")],
    ]),
    "high_chase": ("high", [
        [_l("chase", "chased", "chasing", "chases"), _l(*_PERSON, "up", "for", "after")],
        [_l("had", "have", "keep", "kept", "still", "constantly", "constant", "endless", "lots",
            "more", "much", "of"), _l("chasing", "chase", "chased")],
    ]),
    "high_transferred": ("high", [
        [_l("kept", "keep", "keeps", "keeping"), _opt("being", "getting"),
         _l("transferred", "passed", "put", "cut", "redirected", "bounced", "calling", "ringing",
            "phoning", "emailing", "chasing", "asking", "repeating", "explaining", "trying",
            "told", "sent", "shunted", "fobbed", "pushed")],
        [_l("transferred", "passed", "bounced", "shunted", "shuffled", "pushed", "redirected"),
         _opt("me", "us", "him", "her"), _l("around", "about", "between", "round", "from")],
        [_l("pillar"), _l("to"), _l("post")],
        [_l("from"), _l("department", "person", "team", "one"), _l("to"),
         _l("department", "person", "team", "another")],
        [_l("back"), _l("and", "&"), _l("forth")],
        [_l("run"), {"LOWER": "-", "OP": "?"}, _l("around", "round")],
        [_l("runaround", "run-around")],
    ]),
    "high_hoops": ("high", [
        [_l("jump", "jumped", "jumping", "jumps", "go", "went", "going"), _l("through"),
         _opt("so", "all", "many", "endless", "lots"), _opt("the", "of", "these", "those"),
         _l("hoops")],
        [_l("hoops"), _l("to"), _l("jump")],
        [_l("red"), _l("tape")],
        [_l("bureaucracy", "bureaucratic")],
    ]),
    "high_took_forever": ("high", [
        [_l("took", "takes", "take", "taking", "taken"), _l(*_LONG), _opt("eternity", "age"),
         _l("to"), _opt("finally", "actually", "even"), _l(*_GET_DONE)],
    ]),
    "high_repeat": ("high", [
        [_l("repeat", "repeating", "repeated"), _l("myself", "ourselves", "the", "my", "everything", "it", "this")],
        # explaining is the customer's effort when it is their own story or told again; "the surgeon
        # explained the procedure" is no effort of theirs
        [_l("explain", "explaining", "explained"), _l("myself", "ourselves", "my", "our")],
        [_l("explain", "explaining", "explained"), _l("the", "everything", "it", "this", "all"),
         _opt("over", "all"), _l("again")],
    ]),
    "high_adjective": ("high", [
        [_l("hassle", "nightmare", "ordeal", "palaver", "faff", "rigmarole", "saga", "headache")],
        [_l("complicated", "convoluted", "tedious", "time-consuming", "long-winded",
            "cumbersome", "laborious", "arduous", "painful", "exhausting")],
        [_l("time", "long"), {"LOWER": "-", "OP": "?"}, _l("consuming", "winded")],
        [_l("difficult", "hard", "impossible", "tricky", "harder", "struggle", "struggled",
            "struggling", "struggles"), _l("to"),
         {"IS_ALPHA": True, "LOWER": {"NOT_IN": _NOT_HARD}}],
        [_l("so", "too", "lot", "much", "real", "huge", "big", "of", "extra"), _l("effort")],
        [_l("waste", "wasted", "wasting"), _opt("of", "my", "our", "so", "much", "a", "lot"),
         _opt("my", "our", "of"), _l("time", "day", "morning", "afternoon")],
        [_l("not", "n't", "never", "no", "nt"), _opt(*_INTENS), _l("easy")],
        [_l("could", "should"), _l("be", "have"), _opt("been"),
         _opt("a", "lot", "much", "so", "far"), _opt("lot"), _l("easier", "simpler", "smoother")],
    ]),
}

def _required_sets() -> list[list[frozenset[str]]]:
    """Per pattern, the word sets of its required (non-optional) literal tokens."""
    required: list[list[frozenset[str]]] = []
    for _, patterns in _PATTERNS.values():
        for pattern in patterns:
            sets = []
            for tok in pattern:
                spec = tok.get("LOWER")
                if tok.get("OP") in ("?", "*") or spec is None:
                    continue
                options = [spec] if isinstance(spec, str) else list(spec.get("IN", []))
                if options:
                    sets.append(frozenset(options))
            required.append(sets)
    return required


#: Rough tokens for the prefilter, close to spaCy's ("couldn't" -> "could", "n't").
_ROUGH_TOKENS = re.compile(r"n't|'s|'re|'ve|'ll|'d|'m|[a-z0-9]+|[&-]")


def _anchor_set(sets: list[frozenset[str]]) -> frozenset[str]:
    """The required word set of a pattern with the longest words (so the rarest)."""
    return max(sets, key=lambda words: min(len(w) for w in words))


def _anchor_words(required: list[list[frozenset[str]]]) -> frozenset[str]:
    """One required word set per pattern (its longest-worded, so rarest), merged.

    A text can only match a pattern if it has a word of each of the pattern's
    sets, so a text with none of these words matches no pattern at all.
    """
    anchors: set[str] = set()
    for sets in required:
        if not sets:
            return frozenset()  # a pattern without required words: no shortcut possible
        anchors |= _anchor_set(sets)
    return frozenset(anchors)


def _pattern_index(required: list[list[frozenset[str]]]) -> dict[str, list[int]]:
    """Anchor word -> the patterns it anchors; ``""`` holds patterns without required words."""
    index: dict[str, list[int]] = {}
    for i, sets in enumerate(required):
        for word in (_anchor_set(sets) if sets else ("",)):
            index.setdefault(word, []).append(i)
    return index


@functools.lru_cache(maxsize=4)
def _anchor_pattern(anchors: frozenset[str]) -> re.Pattern[str]:
    """A regex finding any anchor word (faster than tokenising every text)."""
    words = sorted(anchors, key=lambda w: (-len(w), w))
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, words)) + r")(?![a-z0-9])")


def _candidate_patterns(text: str, required: list[list[frozenset[str]]],
                        anchors: frozenset[str], index: dict[str, list[int]]) -> list[int]:
    """Cheap test before spaCy: the patterns that can find all their required words in the text.

    spaCy's set predicates cost time on every token and most texts say nothing
    about effort, so only texts with a candidate are tokenized, and only their
    candidate patterns run. ``anchors`` (see :func:`_anchor_words`) rejects most
    texts with one regex search; ``index`` (:func:`_pattern_index`) then names
    the patterns whose anchor words the text has, and only those are checked.
    Indices follow :func:`_required_sets`.
    """
    low = text.lower().replace("n't", " n't")
    if anchors and _anchor_pattern(anchors).search(low) is None:
        return []
    tokens = set(_ROUGH_TOKENS.findall(low))
    found = set(index.get("", ()))
    for token in tokens:
        found.update(index.get(token, ()))
    return [i for i in sorted(found) if all(not tokens.isdisjoint(req) for req in required[i])]


#: Words after "easy"/"smooth" that make it something else ("easy going", "easy on the eye").
_NOT_AFTER = {"easy": {"going", "-", "goer", "on", "listening", "win"}}


class EffortMatch(NamedTuple):
    """One effort expression found in a text.

    Attributes
    ----------
    direction : {"low", "high"}
        Direction after negation.
    start, end : int
        Character offsets, so ``text[start:end] == matched``.
    matched : str
        The words matched.
    negated : bool
        Whether a preceding negator flipped the pattern's direction.
    """

    direction: Direction
    start: int
    end: int
    matched: str
    negated: bool


class _State:
    matchers: list[Matcher] | None = None
    nlp: Any = None
    required: list[list[frozenset[str]]] | None = None
    anchors: frozenset[str] = frozenset()
    index: ClassVar[dict[str, list[int]]] = {}


def _matchers() -> tuple[Any, list[Matcher]]:
    """One spaCy ``Matcher`` per pattern (labelled with its name), in :func:`_required_sets` order."""
    if _State.matchers is None:
        from spacy.matcher import Matcher

        from cxtext._nlp import load_nlp

        nlp = load_nlp()
        matchers = []
        for name, (_, patterns) in _PATTERNS.items():
            for pattern in patterns:
                matcher = Matcher(nlp.vocab)
                matcher.add(name, [pattern])
                matchers.append(matcher)
        _State.nlp, _State.matchers = nlp, matchers
    return _State.nlp, _State.matchers


def _negated(doc: Doc, start: int) -> bool:
    for i in range(start - 1, max(-1, start - 1 - _NEG_WINDOW), -1):
        low = doc[i].lower_
        if low in _CLAUSE_BREAK:
            return False
        if low in _NEGATORS:
            return True
    return False


def _doc_matches(doc: Doc, matchers: list[Matcher]) -> list[EffortMatch]:
    from spacy.util import filter_spans

    strings = doc.vocab.strings
    found = {match for matcher in matchers for match in matcher(doc)}
    spans = []
    for match_id, start, end in sorted(found, key=lambda m: (m[1], m[2], strings[m[0]])):
        span = doc[start:end]
        span.label_ = strings[match_id]
        last = doc[end - 1].lower_
        if last in _NOT_AFTER and end < len(doc) and doc[end].lower_ in _NOT_AFTER[last]:
            continue
        if last == "easy" and start > 0 and doc[start - 1].lower_ == "take":
            continue  # "take it easy"
        spans.append(span)
    out = []
    for span in filter_spans(spans):  # longest first, no overlaps
        direction: Direction = _PATTERNS[span.label_][0]
        neg = _negated(doc, span.start)
        if neg:
            direction = "high" if direction == "low" else "low"
        out.append(EffortMatch(direction, span.start_char, span.end_char, span.text, neg))
    return out


def find_effort(texts: Iterable[str | None]) -> list[list[EffortMatch]]:
    """Effort expressions in each text, in text order.

    Parameters
    ----------
    texts : iterable of str
        Texts (clauses or whole comments); ``None`` gives no matches.

    Returns
    -------
    list of list of EffortMatch

    Examples
    --------
    >>> [(m.direction, m.matched) for m in find_effort(["No hassle, sorted in minutes"])[0]]
    [('low', 'No hassle'), ('low', 'in minutes')]
    """
    # Curly apostrophes are not ASCII: most texts skip the (slow, per character) translate.
    items = [(t if t.isascii() else t.translate(_APOSTROPHES)) if isinstance(t, str) else "" for t in texts]
    out: list[list[EffortMatch]] = [[] for _ in items]
    if _State.required is None:
        _State.required = _required_sets()
        _State.anchors = _anchor_words(_State.required)
        _State.index = _pattern_index(_State.required)
    required, anchors, index = _State.required, _State.anchors, _State.index
    candidates = {i: _candidate_patterns(t, required, anchors, index) for i, t in enumerate(items) if t}
    todo = [i for i, patterns in candidates.items() if patterns]
    if not todo:
        return out
    nlp, matchers = _matchers()
    for i, doc in zip(todo, nlp.tokenizer.pipe(items[i] for i in todo)):
        out[i] = _doc_matches(doc, [matchers[k] for k in candidates[i]])
    return out


def combine_directions(directions: Iterable[str | None]) -> Direction | None:
    """One direction from several: ``"high"`` if any is high, else ``"low"`` if any, else None.

    Examples
    --------
    >>> combine_directions(["low", None, "high"])
    'high'
    >>> combine_directions([None]) is None
    True
    """
    seen = set(directions)
    if "high" in seen:
        return "high"
    if "low" in seen:
        return "low"
    return None


def effort_direction(text: str | None) -> Direction | None:
    """Customer effort expressed in a text: ``"low"``, ``"high"`` or ``None``.

    Parameters
    ----------
    text : str or None
        A comment or clause.

    Returns
    -------
    {"low", "high"} or None
        ``None`` when the text says nothing about effort.

    Examples
    --------
    >>> effort_direction("Returns were hassle-free")
    'low'
    >>> effort_direction("I've chased them for weeks")
    'high'
    >>> effort_direction("It wasn't a hassle at all")
    'low'
    """
    if isinstance(text, (list, tuple)):
        raise TypeError("effort_direction() takes one text; use find_effort() for many.")
    return combine_directions(m.direction for m in find_effort([text])[0])

