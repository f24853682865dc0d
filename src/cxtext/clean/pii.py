"""Replace personal data in comments with typed placeholders.

:func:`redact_pii` replaces, in this order:

``[URL]``
    ``http://`` / ``https://`` links and bare ``www.`` addresses. Bare domain names
    ("booking.com") are left alone: in feedback they usually name a brand, not a person.
``[EMAIL]``
    ``name@domain.tld``, with letters of any script in the name and the domain
    ("éric.dupont@orange.fr", "ángel.garcía@gmail.com"). Twitter-style ``@handles``
    have no domain and are kept.
``[IBAN]``
    International bank account numbers: two letters, two check digits and 11-30
    letters or digits, contiguous or in groups of four separated by single spaces
    ("DE89 3704 0044 0532 0130 00", "GB29 NWBK 6016 1331 9268 19"), **only when the
    ISO 13616 mod-97 check passes** and the number holds 8+ digits (every national
    format does), so product codes and words after a number survive. Searched before
    cards and phones so that the whole number is replaced, never its digit groups; a
    word of four letters after a spaced IBAN ("... 7034 then") is dropped from the
    match until the check passes. The national length of each country is not
    checked. A mistyped IBAN (check failed) is left to the later patterns, so its
    digit groups may still read as a card or phone number and be redacted alone.
``[CARD]``
    13-19 digit payment card numbers, contiguous or grouped 4-4-4-4(-3) / 4-6-5 with
    spaces or dashes, **only when the Luhn checksum passes** (so long order numbers survive).
``[POSTCODE]``
    UK postcodes written with their space ("SW1A 1AA", "m1 1ae": without it, aircraft
    tail numbers and booking references such as "N366SW" look the same) and US
    ZIP+4 codes ("90210-1234"). Plain
    five-digit US ZIP codes are *not* redacted: in comments "12345" is far more often
    an order number, a price or a count than an address, and a ZIP alone hardly
    identifies anyone. Floors and other ordinals look like postcodes ("B2 3rd
    floor"): an inward code ending in "st", "nd", "rd" or "th" is refused when it is
    written in lower or mixed case, and, in upper case, when it is the right ordinal
    of its digit ("1ST", "2ND", "3RD", "4TH"...) *and* a word follows ("B2 3RD
    floor", "A1 2ND exit"). The cost: those 10 of the 4,000 inward codes are missed
    when a word follows the postcode ("M1 1ST Manchester"); at the end of an address
    or before punctuation they are still redacted ("M1 1ST", "M1 1ST, UK").
``[ID]``
    National identity numbers: US social security numbers written ddd-dd-dddd with
    dashes ("123-45-6789"; areas 000, 666 and 900-999, group 00 and serial 0000 are
    never issued and are left alone; spaces or no separator are too common in other
    numbers to accept), and NHS numbers, ten digits as 3-3-4 with spaces or dashes
    or contiguous ("943 476 5919"), **only when the NHS mod-11 check digit is
    right** (repeated digits such as "1111111111" excepted). A bare ten-digit
    order number passes that check by chance one time in eleven and is then
    redacted too (after a reference word it is kept, see below). Precedence: an NHS-shaped
    number starting with 0 is not an NHS number here (none is issued so) and stays
    a UK phone number; a contiguous one after a reference word is left alone like a
    phone number (see below). A North-American number written 3-3-4 that happens to
    pass the mod-11 check (about one in eleven) is labelled ``[ID]``, not
    ``[PHONE]``: it is still redacted.
``[PHONE]``
    international numbers starting with ``+`` or ``00`` (8-15 digits, E.164; the
    ``00`` form needs two separators, "0033 1 23 45 67 89"), UK
    national numbers starting with ``0`` (10-11 digits: "07700 900123",
    "020 7946 0958", or dotted "07700.900.123"), North-American numbers written with
    separators or brackets ("(555) 123-4567", "555-123-4567", "1-800-555-1234"),
    French numbers in pairs ("06 12 34 56 78", with spaces, dots or dashes; not
    when another pair follows, "01 02 03 04 05 06" being a list), Dutch mobiles
    ("06-12345678") and Spanish numbers written 3-3-3 with single spaces and
    starting 6, 7 or 9 ("612 345 678"). The Spanish form is the one that also reads
    as a count with space thousands separators: it is refused after or before a
    currency sign or word ("€612 345 678", "612 345 678 EUR"), before "%" or a
    decimal comma ("612 345 678,50"), when its
    last group is "000" (round amounts, "700 000 000"), and as part of a longer
    grouped number ("1 612 345 678"); a bare count ("612 345 678 items") is
    redacted, an accepted cost since such counts are rare in feedback. Ten digits
    with no separator and no ``+1`` are left alone (indistinguishable from an order
    number), and so are ten contiguous digits starting 0 right after a reference
    word ("serial", "order", "ref", "account", "invoice", "tracking", "number",
    "no.", "#": "Serial 0123456789"), unless the word is "number" or "no." after
    "phone", "mobile", "tel", "cell", "contact", "fax", "my", "your" or "our"
    ("phone number 0123456789", "my number 0123456789"). Eleven digits are always a
    phone number.

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
microsecond), and one with fewer than 8 digits is searched for postcodes only (every
IBAN, card, ZIP+4, national id and phone number holds 8+ digits; about 5 us a tweet
in all, most of which hold an ``@handle`` and a number).
Person names are not detected (that needs NER and is unreliable on short comments).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["PLACEHOLDERS", "redact_pii"]

#: Placeholder types, in the order :func:`redact_pii` lists them. New types are
#: appended (existing positions never change); the search order, which puts
#: ``IBAN`` before ``CARD`` and ``ID`` before ``PHONE``, is in the module docstring.
PLACEHOLDERS: tuple[str, ...] = ("URL", "EMAIL", "CARD", "POSTCODE", "PHONE", "IBAN", "ID")
_RANK = {label: i for i, label in enumerate(PLACEHOLDERS)}

_URL = re.compile(r"(?:\bhttps?://|(?<![\w.@/])www\.)[^\s<>\"'\[\]]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\""
# [^\W_] is a letter or digit of any script; a domain label may hold "-" inside.
_EMAIL = re.compile(
    r"(?<![\w.+-])[^\W_][\w.+-]{0,63}@[^\W_](?:(?:[^\W_]|-){0,62}[^\W_])?"
    r"(?:\.[^\W_](?:(?:[^\W_]|-){0,62}[^\W_])?)*\.[^\W\d_]{2,24}\b"
)
# Contiguous, or the first four characters and then groups of four (the last 1-3).
_IBAN = re.compile(
    r"(?<![\w+.,/-])[A-Z]{2}\d{2}"
    r"(?:(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?|[A-Z0-9]{11,30})"
    r"(?![\w-]|[.,/]\d)",
    re.IGNORECASE,
)
# Two letters and two digits, found from the digits: letters are everywhere, so the
# IBAN pattern (led by letters) runs only when this cheaper search finds a start.
_IBAN_HINT = re.compile(r"\d(?<=[A-Za-z]{2}\d)\d")
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
# The new patterns start with the digit they need and look behind it afterwards:
# a pattern led by a character class is tried only where that class matches, one
# led by a lookbehind at every position (3x slower on a tweet).
# "(?<!\d[ .-]\d)": not the tail of a longer grouped number ("+1 555 123 4567").
_NATIONAL_ID = re.compile(
    r"\d(?<![\w+.,/-]\d)(?<!\d[ .-]\d)"
    r"(?:\d{2}-\d{2}-\d{4}"  # US SSN: ddd-dd-dddd (_id_ok checks the parts)
    r"|\d{2}(?P<sep>[ -]?)\d{3}(?P=sep)\d{4})"  # NHS number: 3-3-4
    r"(?![\w-]|[.,/]\d)"
)
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,7}" + _PHONE_END
)
_PHONE_UK = re.compile(
    r"(?<![\w+])\(?0\d{2,4}\)?(?:[ -]?\d{3,4}[ -]?|\.\d{3,4}\.)\d{3,4}" + _PHONE_END
)
_PHONE_NANP = re.compile(
    r"(?<![\w+])(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}" + _PHONE_END
)
# French pairs (one separator throughout, no further pair) and Dutch mobiles.
_PHONE_FR_NL = re.compile(
    r"0(?<![\w+]0)(?<!\d[ .-]0)(?:[1-9]([ .-])\d{2}(?:\1\d{2}){3}(?!\1\d{2}(?!\d))"
    r"|6[ -]\d{8})" + _PHONE_END
)
_CURRENCY = r"[$£€¥]|(?i:eur|euros?|usd|gbp|dollars?|pounds?)\b"
_PHONE_ES = re.compile(
    r"[679](?<![\w+.,/$£€¥-][679])(?<![$£€¥] [679])(?<!\d[ .,][679])\d{2} \d{3} (?!000)\d{3}"
    rf"(?! \d{{3}}(?!\d)|,\d| ?(?:%|{_CURRENCY}))" + _PHONE_END
)
# Just before ten contiguous digits: a reference word, and a phone word before it.
_REF_BEFORE = re.compile(
    r"(?:\b(?:serial|order|ref|reference|account|invoice|tracking|number)|\bno\.|#)"
    r"(?:\s*(?:no\.?|number|#))?\s*[:#.]?\s*$",
    re.IGNORECASE,
)
_PHONE_WORD_BEFORE = re.compile(
    r"\b(?:phone|mobile|tel|telephone|cell|contact|fax|my|your|our)\W*(?:number|no\.)\W*$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s+[^\W\d_]")
_HAS_DIGIT = re.compile(r"\d")
_ORDINAL_INWARD = ("st", "nd", "rd", "th")
_ORDINALS = frozenset(
    f"{d}{suffix}"
    for d, suffix in zip("0123456789", ("TH", "ST", "ND", "RD", "TH", "TH", "TH", "TH", "TH", "TH"))
)
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


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


def _iban_ok(code: str) -> bool:
    """Whether ``code`` (spaces allowed) passes the ISO 13616 mod-97 check.

    Examples
    --------
    >>> _iban_ok("GB29 NWBK 6016 1331 9268 19"), _iban_ok("GB28 NWBK 6016 1331 9268 19")
    (True, False)
    """
    code = code.replace(" ", "").upper()
    if (
        not 15 <= len(code) <= 34
        or not "02" <= code[2:4] <= "98"
        or sum(ch.isdigit() for ch in code) < 8
    ):
        return False
    # letters count as 10-35 (int(ch, 36)); the first four characters go last
    return int("".join(str(int(ch, 36)) for ch in code[4:] + code[:4])) % 97 == 1


def _nhs_ok(digits: str) -> bool:
    """Whether ten digits end with their NHS mod-11 check digit.

    Examples
    --------
    >>> _nhs_ok("9434765919"), _nhs_ok("9434765918")
    (True, False)
    """
    if len(set(digits)) == 1:
        return False
    check = 11 - sum(w * (ord(ch) - 48) for w, ch in zip(_NHS_WEIGHTS, digits)) % 11
    return check != 10 and check % 11 == ord(digits[9]) - 48


def _after_reference(match: re.Match[str]) -> bool:
    """Whether a reference word ("serial", "order no.", "#"...) comes just before ``match``."""
    before = match.string[max(0, match.start() - 40) : match.start()]
    return _REF_BEFORE.search(before) is not None and _PHONE_WORD_BEFORE.search(before) is None


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


def _iban_sub(text: str, found: list[str]) -> str:
    hit = False

    def sub(match: re.Match[str]) -> str:
        nonlocal hit
        code = match.group(0)
        # a spaced IBAN may have swallowed a word or number after it: drop groups
        # from the end until the check passes
        while not _iban_ok(code):
            cut = code.rfind(" ")
            if cut < 14:  # 4 + 2 groups of 4 + 2 spaces: shorter is no IBAN
                return match.group(0)
            code = code[:cut]
        hit = True
        return "[IBAN]" + match.group(0)[len(code) :]

    text = _IBAN.sub(sub, text)
    if hit:
        found.append("IBAN")
    return text


def _card_ok(match: re.Match[str]) -> bool:
    digits = _digits(match.group(0))
    return 13 <= len(digits) <= 19 and len(set(digits)) > 1 and _luhn_ok(digits)


def _postcode_ok(match: re.Match[str]) -> bool:
    code = match.group(0)
    if code.isupper():
        # "B2 3RD floor": the right ordinal of its digit with a word after it
        return code[-3:] not in _ORDINALS or not _WORD_AFTER.match(match.string, match.end())
    # lower/mixed case: refuse "b2 3rd"-like text; accept "m1 1ae"
    return code[-2:].lower() not in _ORDINAL_INWARD


def _id_ok(match: re.Match[str]) -> bool:
    number = match.group(0)
    if number[6] == "-":  # an SSN; areas 000, 666, 9xx, group 00, serial 0000 are never issued
        area = number[:3]
        return (
            area not in ("000", "666")
            and area[0] != "9"
            and number[4:6] != "00"
            and (number[7:] != "0000")
        )
    if number[0] == "0":
        return False  # a UK phone number ("0123456789"), not an NHS number
    if match.group("sep") == "" and _after_reference(match):
        return False  # "order 4857773456"
    return _nhs_ok(_digits(number))


def _intl_ok(match: re.Match[str]) -> bool:
    number = match.group(0)
    if number.startswith("00") and len(re.findall(r"[ .()-]+", number)) < 2:
        return False  # "0012345678", "0016 964012": references more often than numbers
    return 8 <= len(_digits(number)) <= 15


def _uk_ok(match: re.Match[str]) -> bool:
    number = match.group(0)
    digits = _digits(number)
    if not (10 <= len(digits) <= 11 and digits[1] != "0"):
        return False
    # "Serial 0123456789": ten bare digits after a reference word are a reference
    return not (len(number) == 10 and _after_reference(match))


def _es_ok(match: re.Match[str]) -> bool:
    # "€ 612 345 678": the lookbehinds see one character or a sign and a space only
    before = match.string[max(0, match.start() - 5) : match.start()].rstrip().lower()
    return not before.endswith(("eur", "euro", "euros", "usd", "gbp"))


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
        The text with ``[EMAIL]``, ``[URL]``, ``[PHONE]``, ``[CARD]``,
        ``[POSTCODE]``, ``[IBAN]`` or ``[ID]`` in place of each match, and the
        placeholder types found (each type once, in :data:`PLACEHOLDERS` order, which
        is not the search order; ``[]`` when nothing was found).

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
        # IBANs, cards, ZIP+4 codes, national ids and phone numbers all hold 8+
        # digits (their patterns or checks require it); most comments with a digit
        # have fewer, and then only the postcode pattern can match.
        many_digits = len(_HAS_DIGIT.findall(text)) >= 8
        if many_digits:
            if _IBAN_HINT.search(text):
                text = _iban_sub(text, found)
            text = _replace(_CARD, "CARD", text, found, _card_ok)
        text = _replace(_UK_POSTCODE, "POSTCODE", text, found, _postcode_ok)
        if many_digits:
            text = _replace(_ZIP4, "POSTCODE", text, found)
            text = _replace(_NATIONAL_ID, "ID", text, found, _id_ok)
            text = _replace(_PHONE_INTL, "PHONE", text, found, _intl_ok)
            text = _replace(_PHONE_UK, "PHONE", text, found, _uk_ok)
            text = _replace(_PHONE_NANP, "PHONE", text, found)
            text = _replace(_PHONE_FR_NL, "PHONE", text, found)
            text = _replace(_PHONE_ES, "PHONE", text, found, _es_ok)
    if len(found) > 1:
        found = sorted(set(found), key=_RANK.__getitem__)
    return text, found
