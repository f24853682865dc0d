"""Replace personal data in comments with typed placeholders.

:func:`redact_pii` replaces, in this order:

``[URL]``
    ``http://`` / ``https://`` links and bare ``www.`` addresses. Bare domain names
    ("booking.com") are left alone: in feedback they usually name a brand, not a person.
``[EMAIL]``
    ``name@domain.tld``. Twitter-style ``@handles`` have no domain and are kept.
``[CARD]``
    13-19 digit payment card numbers, contiguous or grouped 4-4-4-4(-3) / 4-6-5 with
    spaces or dashes, **only when the Luhn checksum passes** (so long order numbers survive).
``[POSTCODE]``
    UK postcodes written with their space ("SW1A 1AA", "m1 1ae": without it, aircraft
    tail numbers and booking references such as "N366SW" look the same) and US
    ZIP+4 codes ("90210-1234"). Plain
    five-digit US ZIP codes are *not* redacted: in comments "12345" is far more often
    an order number, a price or a count than an address, and a ZIP alone hardly
    identifies anyone.
``[PHONE]``
    international numbers starting with ``+`` or ``00`` (8-15 digits, E.164; the
    ``00`` form needs two separators, "0033 1 23 45 67 89"), UK
    national numbers starting with ``0`` (10-11 digits: "07700 900123",
    "020 7946 0958"), and North-American numbers written with separators or
    brackets ("(555) 123-4567", "555-123-4567", "1-800-555-1234"). Ten digits with no
    separator and no ``+1`` are left alone (indistinguishable from an order number).

Card and phone numbers must stand alone, so that parts of longer digit runs,
decimals and ranges are left alone: a letter, digit or "+" just before them (for a
card also ".", ",", "/" or "-"), or a letter, a digit, or "." / "-" and a digit just
after them, refuses the match. Two exceptions: a number may be followed by "/" or ","
and another number ("07700 900123/07700 900124", a card's "/12/25" expiry; a card
may follow a digit and "/" or "," too), and a phone number by an extension marker,
``ext``, ``extn``, ``extension`` or ``x`` ("07700 900123ext 2", "07700 900123x").

Ordinary numbers are never touched: counts ("waited 45 minutes"), order numbers
("order 12345"), dates ("12/03/2024", "2024-03-12"), times and prices ("£19.99").

Why regexes and not a library: ``phonenumbers`` (Google's libphonenumber port) is not
a dependency of cxtext and would need a region guess per comment; Microsoft Presidio
pulls in a spaCy NER model. Feedback text needs only the common formats above, and
precompiled regexes with cheap pre-checks keep this step fast: a comment with no digit,
no ``@`` after a word character and no ``www.``/``://`` returns at once (under a
microsecond), and one with fewer than 8 digits is searched for postcodes only
(about 5 us a tweet in all, most of which hold an ``@handle`` and a number).
Person names are not detected (that needs NER and is unreliable on short comments).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["PLACEHOLDERS", "redact_pii"]

#: Placeholder types in the order they are searched.
PLACEHOLDERS: tuple[str, ...] = ("URL", "EMAIL", "CARD", "POSTCODE", "PHONE")

_URL = re.compile(r"(?:\bhttps?://|(?<![\w.@/])www\.)[^\s<>\"'\[\]]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\""
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b"
)
# A number may end at "/" or "," when another number follows ("07700 900123/07700
# 900124", a card's "/12/25" expiry), and a phone number at an extension marker
# ("07700 900123ext 2", "07700 900123x"). Any other letter or digit, and "." or "-"
# before a digit (decimals, ranges, longer digit runs), still refuse the match.
_EXT = r"(?i:ext(?:ension|n)?\.?|x)(?![^\W\d_])"
_PHONE_END = rf"(?!(?!{_EXT})\w|[.-]\d)"
_CARD = re.compile(
    r"(?:(?<![\w+.,/-])|(?<=\d[/,]))(?:"
    r"\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?"  # 4-4-4-4 (+1..3): Visa, MC, Discover…
    r"|\d{4}([ -]?)\d{6}\2\d{4,5}"  # 4-6-5 / 4-6-4: Amex, Diners
    r"|\d{13,19}"
    r")(?![.-]\d|\w)"
)
_UK_POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) [0-9][ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)
_ZIP4 = re.compile(r"(?<![\w.,/-])\d{5}-\d{4}(?![\w-]|[.,/]\d)")
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,7}" + _PHONE_END
)
_PHONE_UK = re.compile(r"(?<![\w+])\(?0\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}" + _PHONE_END)
_PHONE_NANP = re.compile(
    r"(?<![\w+])(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}" + _PHONE_END
)
_HAS_DIGIT = re.compile(r"\d")
_ORDINAL_INWARD = ("st", "nd", "rd", "th")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _replace(
    pattern: re.Pattern[str],
    label: str,
    text: str,
    found: list[str],
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> str:
    hit = False

    def sub(match: re.Match[str]) -> str:
        nonlocal hit
        if accept is not None and not accept(match):
            return match.group(0)
        hit = True
        return f"[{label}]"

    text = pattern.sub(sub, text)
    if hit:
        found.append(label)
    return text


def _url_sub(text: str, found: list[str]) -> str:
    hit = False

    def sub(match: re.Match[str]) -> str:
        nonlocal hit
        url = match.group(0)
        tail = ""
        while url and url[-1] in _URL_TRAILING:
            # keep a closing bracket that belongs to the URL, e.g. wiki/Foo_(bar)
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            tail = url[-1] + tail
            url = url[:-1]
        hit = True
        return "[URL]" + tail

    text = _URL.sub(sub, text)
    if hit:
        found.append("URL")
    return text


def _card_ok(match: re.Match[str]) -> bool:
    digits = _digits(match.group(0))
    return 13 <= len(digits) <= 19 and len(set(digits)) > 1 and _luhn_ok(digits)


def _postcode_ok(match: re.Match[str]) -> bool:
    code = match.group(0)
    if code.isupper():
        return True
    # lower/mixed case: refuse "b2 3rd"-like text; accept "m1 1ae"
    return code[-2:].lower() not in _ORDINAL_INWARD


def _intl_ok(match: re.Match[str]) -> bool:
    number = match.group(0)
    if number.startswith("00") and len(re.findall(r"[ .()-]+", number)) < 2:
        return False  # "0012345678", "0016 964012": references more often than numbers
    return 8 <= len(_digits(number)) <= 15


def _uk_ok(match: re.Match[str]) -> bool:
    digits = _digits(match.group(0))
    return 10 <= len(digits) <= 11 and digits[1] != "0"


def _may_hold_email(text: str) -> bool:
    """Whether some "@" in ``text`` follows a character an e-mail's local part may end with.

    A cheap test before the e-mail pattern: Twitter-style handles ("@united")
    follow a space or start the text, and most tweets hold one.

    Examples
    --------
    >>> _may_hold_email("@united thanks"), _may_hold_email("@united mail jo@x.com")
    (False, True)
    """
    at = text.find("@", 1)  # an e-mail's "@" follows its local part
    while at != -1:
        before = text[at - 1]
        if before.isalnum() or before in "_.+-":  # the pattern's [\w.+-] (\w: isalnum() or "_")
            return True
        at = text.find("@", at + 1)
    return False


def redact_pii(text: str) -> tuple[str, list[str]]:
    """Replace e-mails, URLs, phone/card numbers and postcodes with placeholders.

    Parameters
    ----------
    text : str
        One comment (ideally after :func:`cxtext.clean.normalise_text`).

    Returns
    -------
    tuple of (str, list of str)
        The text with ``[EMAIL]``, ``[URL]``, ``[PHONE]``, ``[CARD]`` or
        ``[POSTCODE]`` in place of each match, and the placeholder types found (each
        type once, in :data:`PLACEHOLDERS` order; ``[]`` when nothing was found).

    Examples
    --------
    >>> redact_pii("Call me on 07700 900123 or mail jo@example.com")
    ('Call me on [PHONE] or mail [EMAIL]', ['EMAIL', 'PHONE'])
    >>> redact_pii("Waited 45 minutes for order 12345, paid £19.99 on 12/03/2024")
    ('Waited 45 minutes for order 12345, paid £19.99 on 12/03/2024', [])
    """
    if not text:
        return text, []
    has_digit = _HAS_DIGIT.search(text) is not None
    has_at = _may_hold_email(text)
    has_web = "://" in text or "www." in text.lower()
    if not (has_digit or has_at or has_web):
        return text, []
    found: list[str] = []
    if has_web:
        text = _url_sub(text, found)
    if has_at:
        text = _replace(_EMAIL, "EMAIL", text, found)
    if has_digit:
        # Cards, ZIP+4 codes and phone numbers all hold 8+ digits (their patterns
        # or checks require it); most comments with a digit have fewer, and then
        # only the postcode pattern can match.
        many_digits = len(_HAS_DIGIT.findall(text)) >= 8
        if many_digits:
            text = _replace(_CARD, "CARD", text, found, _card_ok)
        text = _replace(_UK_POSTCODE, "POSTCODE", text, found, _postcode_ok)
        if many_digits:
            text = _replace(_ZIP4, "POSTCODE", text, found)
            text = _replace(_PHONE_INTL, "PHONE", text, found, _intl_ok)
            text = _replace(_PHONE_UK, "PHONE", text, found, _uk_ok)
            text = _replace(_PHONE_NANP, "PHONE", text, found)
    return text, list(dict.fromkeys(found))
