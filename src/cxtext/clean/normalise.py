"""Turn any spreadsheet cell into clean comment text, and the :class:`Cleaner` that does it per column.

:func:`normalise_text` is the first step for every comment. In order it:

1. turns the cell into a ``str`` (missing values give ``""``; numbers their plain
   form; bytes are decoded as UTF-8 with replacement; lone surrogates are replaced);
2. strips HTML tags, then unescapes HTML entities once (``&amp;`` -> ``&``): block
   tags (``<br>``, ``<p>``, ``<div>``, ``<li>`` …) become line breaks, inline tags
   (``<b>``, ``<span>`` …) vanish, ``<script>``/``<style>`` lose their content.
   Only known HTML tag names are stripped, so ``"I <3 it"`` or ``"a < b > c"`` survive;
   namespaced tags of any name (Word's ``<o:p></o:p>``, ``<st1:place>``) and Word's
   ``<![if ...]>`` / ``<![endif]>`` markers vanish too (``<mailto:...>``,
   ``<http:...>`` and other URI schemes are not tags and stay). Tags are stripped
   *before* entities are unescaped, and entities are unescaped only once: an
   escaped tag is text the respondent typed (``"&lt;b&gt;"`` is the literal
   ``"<b>"``; unescaping first read it as markup and deleted it with what it
   held), and a double-escaped ``"&amp;lt;"`` becomes ``"&lt;"``, not ``"<"``.
   The exception: plain escaped line breaks and paragraphs (``"&lt;br&gt;"``,
   ``"&lt;br /&gt;"``, ``"&lt;p&gt;"``, ``"&lt;/p&gt;"``, no attributes), which some
   exports write for the respondent's line breaks and nobody types, become line
   breaks. The price: other escaped markup (``"&lt;b&gt;Hi&lt;/b&gt;"``) keeps its
   now literal tags;
3. repairs mojibake with :mod:`ftfy` (``"CafÃ©"`` -> ``"Café"``) and curly quotes.
   Fast path: text that is pure ASCII after step 2 cannot hold mojibake and skips ftfy;
4. removes control and invisible format characters, normalises to Unicode NFC.
   U+200B ZERO WIDTH SPACE marks a break between words and becomes a space
   (``"the\\u200bwait"`` -> ``"the wait"``). Deleted: C0/C1 controls (except tab and
   line breaks), U+00AD SOFT HYPHEN, U+200C ZERO WIDTH NON-JOINER, U+2060 WORD
   JOINER and the invisible operators U+2061-U+2064, U+FEFF (BOM / zero width
   no-break space), bidi marks, embeddings and isolates, interlinear annotation
   marks, U+FFFC and U+FFFD. U+200D ZERO WIDTH JOINER, the variation selectors
   U+FE0E/U+FE0F and emoji tag characters are kept until emoji are named (step 5),
   so emoji sequences stay whole; leftover ones are deleted after it;
5. writes emoji as readable words with :func:`emoji.replace_emoji`:
   ``"😡"`` -> ``"[enraged face]"`` (skin-tone suffixes dropped), so emoji-only
   comments keep their sentiment for the word-based models downstream. An answer
   made only of text emoticons (``":)"``, ``":-("``, ``"<3"``; :data:`EMOTICONS`)
   is written the same way (``":)"`` -> ``"[slightly smiling face]"``), so it is
   an answer with the emoji's sentiment, not a non-answer without letters.
   Emoticons inside words are left alone: the models read them as they were
   trained on them;
6. collapses whitespace. **Line breaks are kept** (one ``"\\n"`` per run of blank
   lines, no spaces around it) because they usually separate points the respondent
   made; :func:`cxtext.clean.split_clauses` treats them as sentence ends. Every other
   run of whitespace becomes one space; the ends are stripped;
7. cuts a quoted e-mail reply (:func:`_cut_quoted_reply`): comments that arrive by
   e-mail often carry the thread they answer, and its words ("the wait time is
   terrible", written by support) were read as the customer's. The comment ends
   at the first reply header on its own line(s): ``"On <anything>, <someone>
   wrote:"`` (on one line or two; it must hold an ``@`` - the sender's address,
   as Gmail, Apple Mail and Thunderbird write it - or a date digit and be followed
   by a ``">"`` line; "On Monday, my wife wrote:" is no header),
   ``"-----Original Message-----"`` / ``"---------- Forwarded message ---------"``,
   or an Outlook block (a ``"From: ..."`` line with a ``"Sent:"`` or ``"Date:"``
   line and a ``"To:"``, ``"Cc:"`` or ``"Subject:"`` line among the next four;
   "From: London Euston\nDate: 12 May" is a journey). Quoted lines (``"> ..."``) and separator
   lines (``"_____"``) left just above the header go with it. Without a header
   nothing is cut: respondents use ``">"`` as a bullet too ("Issues:\n> staff
   rude\n> long wait"), so a quoted block alone is no evidence of a thread. Ordinary
   text is never cut: a header must be a line of its own that is not the first
   (``"On Monday the driver wrote: sorry we missed you"`` stays). A comment that is
   *only* a thread (nothing with a letter or digit before the header) keeps its
   text, with the quote markers removed: an empty answer would lose what the
   respondent sent. Limits: English headers only; a thread whose line breaks were
   lost in export (header inside a line) is not cut; a quoted block with no header
   is kept. Only texts with a line break and a header hint are looked at (a
   substring test), so most comments skip this step.

URLs, e-mails and phone numbers are *not* touched here: :func:`cxtext.clean.redact_pii`
replaces them.

The tag, control-character and whitespace handling is a handful of precompiled
regexes written here rather than an HTML parser (BeautifulSoup, lxml): comments are
plain text that only sometimes carries a stray tag, a parser would be a new
dependency, and it would treat ``"<3"`` or ``"a < b"`` as broken markup.
"""

from __future__ import annotations

import html
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sklearn.base import BaseEstimator

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EMOTICONS", "Cleaner", "normalise_text"]

logger = logging.getLogger(__name__)

_BLOCK_TAGS = (
    "address|article|aside|blockquote|br|caption|center|dd|div|dl|dt|fieldset|figcaption|"
    "figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|"
    "th|thead|title|tr|ul"
)
_INLINE_TAGS = (
    "a|abbr|acronym|b|basefont|bdi|bdo|big|body|cite|code|del|dfn|em|font|head|html|i|img|"
    "ins|kbd|label|link|mark|meta|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr"
)
_DROP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]{{0,500}}?/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^<>]{{0,500}}?/?>", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Line breaks an export escaped ("&lt;br /&gt;"), after unescaping; see step 2.
_ESCAPED_BREAK = re.compile(r"</?(?:br|p)\s*/?>", re.IGNORECASE)
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
# C0/C1 controls except tab/newline/carriage return, plus invisible format characters.
# The zero-width joiner (U+200D) and variation selectors are kept until emoji are named.
# The zero-width space (U+200B) is a word break: it becomes a space, not nothing.
_ZWSP = "\u200b"
_CONTROL = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200c\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ufffc\ufffd]"
)
_AFTER_EMOJI = re.compile("[\u200d\ufe0e\ufe0f]|[\U000e0020-\U000e007f]")
_SKIN_TONE = re.compile(r"_(?:light|medium-light|medium|medium-dark|dark)_skin_tone")
# Runs of spaces and tabs (not line breaks) become one space. A lone " " is left
# out of the pattern (a space followed by more blank, or another blank character,
# starts a match): replacing it by itself was a substitution at every word gap.
_SPACES = re.compile(r"(?: (?=[^\S\n])|[^\S\n ])[^\S\n]*")
_NEWLINES = re.compile(r" ?\n[\s]*")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\]) (?=[.,!?;:)])")
# Word's namespaced tags (<o:p>, </o:p>, <st1:place ...>, <w:Sdt/>) and conditional
# markers (<![if !supportLists]>, <![endif]>). URI schemes in angle brackets are no tag.
_NAMESPACED_TAG = re.compile(
    r"</?(?!(?:mailto|https?|ftp|file|tel|sms|urn|news|sip|data):)[a-z][a-z0-9]{0,20}:"
    r"[a-z][\w.-]{0,50}(?:\s[^<>]{0,500}?)?/?>|<!\[(?:end)?if\b[^<>\]]{0,200}\]>",
    re.IGNORECASE,
)

# Quoted e-mail replies (step 7). Lines are already stripped and "\n"-separated here.
# One search over texts with a line break decides whether the line loop runs at all.
_REPLY_HINT = re.compile(
    r"wrote:|-{2,} ?(?:original|forwarded) message|^from:", re.IGNORECASE | re.MULTILINE
)
_ON_WROTE = re.compile(r"on\s.{0,300}?\swrote:", re.IGNORECASE)
_ON_START = re.compile(r"on\s", re.IGNORECASE)
_ORIGINAL = re.compile(r"-{2,} ?(?:original message|forwarded message) ?-{2,}", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"from: ?\S", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"(?:sent|date): ?\S", re.IGNORECASE)
_OUTLOOK_TO = re.compile(r"(?:to|subject|cc): ?\S", re.IGNORECASE)
# "> text", ">> text", ">text"; not "> 2 hours" or ">5 min" (a comparison, not a quote).
_QUOTE_LINE = re.compile(r">(?![\s>]*\d)")
_QUOTE_MARKS = re.compile(r"^(?:> ?)+", re.MULTILINE)
_SEPARATOR_LINE = re.compile(r"[-_=*~]{4,}")


@lru_cache(maxsize=1)
def _emoji_chars() -> re.Pattern[str]:
    """Matches any non-ASCII character that occurs in an emoji of the ``emoji`` package.

    Every emoji holds one (keycaps such as "1\ufe0f\u20e3" start with an ASCII
    digit but go on with U+FE0F or U+20E3), so a text this does not match holds
    no emoji, and :func:`emoji.replace_emoji`, a character-by-character scan in
    Python (about 50 us a comment), can be skipped: three in four non-ASCII
    comments hold only accents, curly quotes or dashes. The class lists the
    emoji's BMP characters one by one (a bitmap to the regex engine) and their
    astral ones as a few ranges (gaps of up to 256 code points bridged): one
    test per character, about 0.5 us a comment. Listing every astral character
    made the regex 200 times slower.
    """
    import emoji

    chars = sorted({ord(ch) for key in emoji.EMOJI_DATA for ch in key if ord(ch) > 127})
    bmp = "".join(re.escape(chr(c)) for c in chars if c <= 0xFFFF)
    ranges: list[list[int]] = []
    for c in (c for c in chars if c > 0xFFFF):
        if ranges and c - ranges[-1][1] <= 256:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    astral = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{bmp}{astral}]")


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    import ftfy

    # HTML is unescaped before ftfy runs; explain=False skips building explanations.
    return ftfy.TextFixerConfig(unescape_html=False, explain=False)


#: Text emoticons and the emoji written for them when they are the whole answer.
EMOTICONS: dict[str, str] = {
    ":)": "\U0001f642", ":-)": "\U0001f642", "=)": "\U0001f642", ":]": "\U0001f642",
    ":))": "\U0001f642", ":D": "\U0001f603", ":-D": "\U0001f603", ";)": "\U0001f609",
    ";-)": "\U0001f609", ":(": "\U0001f641", ":-(": "\U0001f641", "=(": "\U0001f641",
    ":[": "\U0001f641", ":((": "\U0001f641", ":'(": "\U0001f622", ":/": "\U0001f615",
    ":-/": "\U0001f615", ":|": "\U0001f610", ":-|": "\U0001f610", "<3": "\u2764\ufe0f",
    "</3": "\U0001f494", ":P": "\U0001f61b", ":-P": "\U0001f61b", ":p": "\U0001f61b",
}
_EMOTICON = "|".join(re.escape(e) for e in sorted(EMOTICONS, key=len, reverse=True))
_EMOTICONS_ONLY = re.compile(rf"\s*(?:(?:{_EMOTICON})\s*)+[!.]*\s*")
_ONE_EMOTICON = re.compile(_EMOTICON)


def _emoji_words(chars: str, data: dict[str, Any]) -> str:
    name = str(data.get("en", "")).strip(":")
    name = _SKIN_TONE.sub("", name).replace("_", " ").strip()
    return f" [{name}] " if name else " "


def _scalar_to_str(value: object) -> str:
    """One cell value as raw text (no cleaning yet); never raises."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, Decimal):
        return "" if value.is_nan() else str(value)
    try:
        import pandas as pd

        missing = pd.isna(value)
        if isinstance(missing, bool) and missing:  # pd.NA, pd.NaT, np.nan, np.datetime64("NaT")
            return ""
    except (TypeError, ValueError):  # pragma: no cover - exotic objects
        pass
    import numpy as np

    if isinstance(value, np.integer):
        return str(int(value))
    if isinstance(value, np.floating):
        if np.isfinite(value) and float(value).is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, (list, tuple)):
        return " ; ".join(s for s in (_flat_item(v) for v in value) if s)
    kind = type(value)
    if kind.__str__ is object.__str__ and kind.__repr__ is object.__repr__:
        return ""  # "<object object at 0x…>" is not a comment
    return str(value)


def _flat_item(value: object) -> str:
    """An element of a list cell: containers inside it are shown with ``str``."""
    if isinstance(value, (list, tuple, set, dict)):
        return str(value)
    return _scalar_to_str(value)


def normalise_text(value: object) -> str:
    """Turn one cell value into cleaned comment text.

    Parameters
    ----------
    value : object
        Anything found in a comment column: ``str``, ``None``, ``NaN``/``pd.NA``,
        numbers, bytes, lists … Never raises: a value that cannot be shown as text
        gives ``""``.

    Returns
    -------
    str
        Cleaned text (see the module docstring for the steps); ``""`` for a missing
        or blank value. Single line breaks are kept.

    Examples
    --------
    >>> normalise_text("  Caf\u00c3\u00a9 was <b>great</b> &amp; cheap\u00a0\u00a0 ")
    'Café was great & cheap'
    >>> normalise_text("So slow \U0001f621\U0001f621")
    'So slow [enraged face] [enraged face]'
    >>> normalise_text(None), normalise_text(float("nan")), normalise_text(3.0)
    ('', '', '3')
    >>> normalise_text(":-( :("), normalise_text("Great :)")
    ('[slightly frowning face] [slightly frowning face]', 'Great :)')
    """
    try:
        text = _scalar_to_str(value)
    except Exception:
        logger.debug("could not convert %s to text", type(value).__name__, exc_info=True)
        return ""
    if not text:
        return ""
    try:
        return _clean(text)
    except Exception:  # noqa: BLE001 - defensive: one odd cell must not stop a batch
        logger.warning("normalise_text failed on a %d-char value; kept it raw", len(text))
        text = _SURROGATE.sub("", text).replace(_ZWSP, " ")
        return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def _clean(text: str) -> str:
    if _SURROGATE.search(text):
        # Pair up valid surrogate pairs, replace lone halves (removed below as U+FFFD).
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if "<" in text:  # tags first, then entities: "&lt;b&gt;" is text, not a tag
        text = _COMMENT.sub(" ", _DROP_BLOCK.sub(" ", text))
        text = _BLOCK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)
        if ":" in text:
            text = _NAMESPACED_TAG.sub("", text)
    if "&" in text:
        escaped_markup = "&lt;" in text
        text = html.unescape(text)
        if escaped_markup and "<" in text:  # an export that escaped its line breaks
            text = _ESCAPED_BREAK.sub("\n", text)
    ascii_only = text.isascii()
    if ascii_only and len(text) <= 40 and _EMOTICONS_ONLY.fullmatch(text):
        text = _ONE_EMOTICON.sub(lambda m: f" {EMOTICONS[m.group(0)]} ", text)
        ascii_only = False
    if not ascii_only:
        import ftfy

        text = ftfy.fix_text(text, _ftfy_config())
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if not ascii_only and _ZWSP in text:
        text = text.replace(_ZWSP, " ")
    text = _CONTROL.sub("", text)
    if not ascii_only:
        import emoji

        text = unicodedata.normalize("NFC", text)
        if _emoji_chars().search(text):
            text = emoji.replace_emoji(text, replace=_emoji_words)
        text = _AFTER_EMOJI.sub("", text)
        text = _SPACE_BEFORE_PUNCT.sub("", _SPACES.sub(" ", text))
    text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _NEWLINES.sub("\n", text)
    text = text.strip()
    if "\n" in text and _REPLY_HINT.search(text):
        text = _cut_quoted_reply(text)
    return text


def _reply_header(lines: list[str], i: int) -> bool:
    """Does line ``i`` open a quoted thread (a reply header, see step 7)?"""
    line = lines[i]
    if _ORIGINAL.fullmatch(line):
        return True
    if _OUTLOOK_FROM.match(line):
        # "From: London Euston\nDate: 12 May" is a journey: a header also names its
        # recipients or subject
        block = lines[i + 1 : i + 5]
        return any(_OUTLOOK_SENT.match(nxt) for nxt in block) and any(_OUTLOOK_TO.match(nxt) for nxt in block)
    if not _ON_START.match(line):
        return False
    if _ON_WROTE.fullmatch(line):
        header, after = line, i + 1
    elif i + 1 < len(lines) and _ON_WROTE.fullmatch(f"{line} {lines[i + 1]}"):
        header, after = f"{line} {lines[i + 1]}", i + 2  # wrapped over two lines
    else:
        return False
    # "On Monday the driver wrote:" on its own line is not a header by itself: the
    # sender's address, or a dated header ("On 3 Mar 2024, ...") with a quoted line
    # after it, tells an e-mail client wrote it ("On Monday, my wife wrote:\n> ..." stays).
    return "@" in header or (any(ch.isdigit() for ch in header) and after < len(lines)
                             and bool(_QUOTE_LINE.match(lines[after])))


def _cut_quoted_reply(text: str) -> str:
    """Cut ``text`` (cleaned, lines stripped) at a reply header, if it holds one.

    See step 7 of the module docstring. A text with nothing of its own before the
    thread keeps all of it, with the ``">"`` quote markers removed.

    Examples
    --------
    >>> _cut_quoted_reply("Good service.\\nOn Mon, 3 Mar 2024, Support <s@acme.com> wrote:\\n> slow")
    'Good service.'
    >>> _cut_quoted_reply("Issues:\\n> staff rude\\n> long wait")  # no header: ">" may be a bullet
    'Issues:\\n> staff rude\\n> long wait'
    """
    lines = text.split("\n")
    header = next((i for i in range(len(lines)) if _reply_header(lines, i)), None)
    if header is None:
        return text
    kept = lines[:header]
    while kept and (
        not kept[-1] or _QUOTE_LINE.match(kept[-1]) or _SEPARATOR_LINE.fullmatch(kept[-1])
    ):
        kept.pop()
    if not any(ch.isalnum() for line in kept for ch in line):
        unquoted = _QUOTE_MARKS.sub("", text).strip()  # only a quote: keep its words
        return unquoted if any(ch.isalnum() for ch in unquoted) else text
    return "\n".join(kept)


class Cleaner(BaseEstimator):  # type: ignore[misc]
    """Clean a column of comments: normalise, redact PII, flag non-answers, detect language.

    One output row per input value, in the same order and with the same index, so
    the result can be joined back on the caller's ids. Nothing is dropped.
    Duplicate flagging (:class:`cxtext.clean.DuplicateFinder`) and clause splitting
    (:func:`cxtext.clean.split_clauses`) are separate steps.

    Parameters
    ----------
    redact_pii : bool, default=True
        Replace e-mails, URLs, phone and card numbers and postcodes with typed
        placeholders (see :func:`cxtext.clean.redact_pii`).
    detect_language : bool, default=True
        Fill ``language`` with an ISO 639-1 code (see :func:`cxtext.clean.detect_language`);
        when False the column holds ``"und"``, as do one-word non-answers ("NA", "-").

    Examples
    --------
    >>> out = Cleaner().transform(["Great service! \U0001f600", None, "n/a", "mail me: a@b.com"])
    >>> out[["text_clean", "is_empty", "is_non_answer", "language"]].values.tolist()[:3]
    [['Great service! [grinning face]', False, False, 'en'], ['', True, True, 'und'], ['n/a', False, True, 'und']]
    >>> out.loc[3, "pii"]
    ['EMAIL']
    """

    def __init__(self, *, redact_pii: bool = True, detect_language: bool = True) -> None:
        self.redact_pii = redact_pii
        self.detect_language = detect_language

    def fit(self, values: object = None, y: object = None) -> Cleaner:
        """Do nothing: the cleaner has no learned state. Returns ``self``."""
        return self

    def fit_transform(self, values: object, y: object = None) -> pd.DataFrame:
        """Same as :meth:`transform`."""
        return self.transform(values)

    def clean_texts(self, items: Sequence[object]) -> tuple[list[str], list[list[str]]]:
        """The ``text_clean`` of :meth:`transform` and the PII found, without its flags.

        Each value is normalised (:func:`normalise_text`), then its PII redacted
        when ``redact_pii`` is set. Models read these texts; callers that need
        no flags (evaluations, training) skip the rest of :meth:`transform`.

        Examples
        --------
        >>> Cleaner().clean_texts(["  Great <b>staff</b>", None, "mail me: a@b.com"])
        (['Great staff', '', 'mail me: [EMAIL]'], [[], [], ['EMAIL']])
        """
        from cxtext.clean.pii import redact_pii as _redact

        texts = [normalise_text(v) for v in items]
        pii: list[list[str]] = [[] for _ in texts]
        if self.redact_pii:
            for i, text in enumerate(texts):
                if text:
                    texts[i], pii[i] = _redact(text)
        return texts, pii

    def transform(self, values: object) -> pd.DataFrame:
        """Clean every value.

        Parameters
        ----------
        values : pandas.Series or sequence of objects
            The comment column. Any element type is accepted.

        Returns
        -------
        pandas.DataFrame
            Index of the Series (a ``RangeIndex`` otherwise), columns ``text_clean``
            (str), ``is_empty`` (bool), ``is_non_answer`` (bool, True for empty too),
            ``language`` (str) and ``pii`` (list of placeholder types found).

        Raises
        ------
        cxtext.errors.InputError
            When ``values`` is a single string/bytes or not a sequence at all.
        """
        import numpy as np
        import pandas as pd

        from cxtext.clean.language import detect_language as _detect
        from cxtext.clean.nonanswers import is_non_answer_text
        from cxtext.errors import InputError

        if isinstance(values, (str, bytes, bytearray)) or not hasattr(values, "__len__"):
            raise InputError(
                f"[CX150] Cleaner.transform needs a column of comments (a pandas Series, list "
                f"or array); got a {type(values).__name__}. Wrap a single comment in a list: "
                f"transform([text])."
            )
        if isinstance(values, pd.DataFrame):
            raise InputError(
                "[CX150] Cleaner.transform needs one column of comments, got a DataFrame "
                f"with columns {list(values.columns)[:10]}. Pass df['your_text_column']."
            )
        if isinstance(values, pd.Series):
            index = values.index
            items: Sequence[object] = values.tolist()
        else:
            items = list(values)  # type: ignore[call-overload]
            index = pd.RangeIndex(len(items))

        texts, pii = self.clean_texts(items)
        is_empty = np.fromiter((not t for t in texts), dtype=bool, count=len(texts))
        non_answer = np.fromiter(
            (is_non_answer_text(t) for t in texts), dtype=bool, count=len(texts)
        )
        languages = _detect(texts) if self.detect_language else ["und"] * len(texts)
        # A one-word non-answer ("NA", "-", "nil") says nothing about the language.
        languages = [
            "und" if na and len(t.split()) < 2 else lang
            for lang, na, t in zip(languages, non_answer, texts)
        ]
        return pd.DataFrame(
            {
                "text_clean": pd.Series(texts, index=index, dtype="str"),
                "is_empty": pd.Series(is_empty, index=index),
                "is_non_answer": pd.Series(non_answer, index=index),
                "language": pd.Series(languages, index=index, dtype="str"),
                "pii": pd.Series(pii, index=index, dtype=object),
            },
            index=index,
        )
