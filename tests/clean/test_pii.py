"""PII corpus: what must be redacted, and ordinary numbers that must survive."""

from __future__ import annotations

import pytest

from cxtext.clean import redact_pii

POSITIVE = [
    ("mail me at john.smith+x@example.co.uk please", "mail me at [EMAIL] please", ["EMAIL"]),
    ("JO@EXAMPLE.COM", "[EMAIL]", ["EMAIL"]),
    ("see https://example.com/a?b=1.", "see [URL].", ["URL"]),
    ("go to www.example.org/path, thanks", "go to [URL], thanks", ["URL"]),
    ("(http://t.co/abc)", "([URL])", ["URL"]),
    ("call +44 20 7946 0958", "call [PHONE]", ["PHONE"]),
    ("call +44 7700 900123 now", "call [PHONE] now", ["PHONE"]),
    ("+447700900123", "[PHONE]", ["PHONE"]),
    ("ring 07700 900123", "ring [PHONE]", ["PHONE"]),
    ("ring 07700900123", "ring [PHONE]", ["PHONE"]),
    ("020 7946 0958", "[PHONE]", ["PHONE"]),
    ("(020) 7946 0958", "[PHONE]", ["PHONE"]),
    ("call 0161 496 0000 3 times", "call [PHONE] 3 times", ["PHONE"]),
    ("US (555) 123-4567", "US [PHONE]", ["PHONE"]),
    ("555-123-4567", "[PHONE]", ["PHONE"]),
    ("555.123.4567", "[PHONE]", ["PHONE"]),
    ("1-800-555-1234", "[PHONE]", ["PHONE"]),
    ("+1 555 123 4567", "[PHONE]", ["PHONE"]),
    ("+33 1 23 45 67 89", "[PHONE]", ["PHONE"]),
    ("0033 1 23 45 67 89", "[PHONE]", ["PHONE"]),
    ("card 4111 1111 1111 1111 thx", "card [CARD] thx", ["CARD"]),
    ("card 4111-1111-1111-1111", "card [CARD]", ["CARD"]),
    ("4111111111111111", "[CARD]", ["CARD"]),
    ("amex 3782 822463 10005", "amex [CARD]", ["CARD"]),
    ("SW1A 1AA", "[POSTCODE]", ["POSTCODE"]),
    ("live at M1 1AE.", "live at [POSTCODE].", ["POSTCODE"]),
    ("ec1a 1bb", "[POSTCODE]", ["POSTCODE"]),
    ("zip 90210-1234", "zip [POSTCODE]", ["POSTCODE"]),
    (
        "Email a@b.com, web https://x.io, tel 07700 900123, SW1A 1AA",
        "Email [EMAIL], web [URL], tel [PHONE], [POSTCODE]",
        ["URL", "EMAIL", "POSTCODE", "PHONE"],
    ),
]

NEGATIVE = [
    "waited 45 minutes",
    "order 12345",
    "3 times",
    "12/03/2024",
    "2024-03-12",
    "12.03.2024",
    "£19.99",
    "$1,234.56",
    "I paid 1,000,000",
    "version 2.0.1",
    "3-4 hours",
    "2015-2016 season",
    "flight UA1234 at 10:30",
    "on 2024-03-12 at 14:00",
    "@united thanks",
    "booking.com was good",
    "gave it 10/10",
    "ref 12345678",
    "room 1203, floor 12",
    "tel 12345",
    "postcode 90210",
    "we were 4 adults 2 kids",
    "the A380 was nice",
    "ticket 0012345678",
    "tags 0016 964012",
    "order 1234567890123456",  # 16 digits, fails Luhn
    "ID 1234 5678 9012",  # 12 digits
    "B2 3rd floor",
    "tail N366SW landed",
    "booking ref F5R3ZZ",
    "5551234567",
    "",
    "Great service, no numbers here",
]


@pytest.mark.parametrize(("text", "expected", "found"), POSITIVE)
def test_redacts(text: str, expected: str, found: list[str]) -> None:
    assert redact_pii(text) == (expected, found)


@pytest.mark.parametrize("text", NEGATIVE)
def test_leaves_ordinary_numbers(text: str) -> None:
    assert redact_pii(text) == (text, [])


def test_card_needs_luhn() -> None:
    assert redact_pii("4111 1111 1111 1112")[1] == []
    assert redact_pii("0000 0000 0000 0000")[1] == []  # passes Luhn but is a dummy


def test_each_type_listed_once() -> None:
    text, found = redact_pii("a@b.com and c@d.org")
    assert text == "[EMAIL] and [EMAIL]" and found == ["EMAIL"]


def test_placeholders_survive_second_pass() -> None:
    once = redact_pii("call 07700 900123 or mail a@b.com")[0]
    assert redact_pii(once) == (once, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call +33 12 34 56 now", "call [PHONE] now"),  # 8 digits: the fewest a number may have
        ("call +33 12 34 5 now", "call +33 12 34 5 now"),  # 7: left alone
        ("flight 1234 to SW1A 1AA", "flight 1234 to [POSTCODE]"),  # few digits: postcodes still read
        ("see www.x.com/12345678 or 07700 900123", "see [URL] or [PHONE]"),
    ],
)
def test_digit_count_boundary(text: str, expected: str) -> None:
    assert redact_pii(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@united mail me at jo@x.com", "@united mail me at [EMAIL]"),  # a handle first, then an e-mail
        ("@united @delta thanks", "@united @delta thanks"),  # handles only
        ("a_b@x.io", "[EMAIL]"),  # "_" ends a local part too
        ("see WWW.X.COM now", "see [URL] now"),  # web addresses in any case
    ],
)
def test_quick_checks_keep_every_match(text: str, expected: str) -> None:
    assert redact_pii(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        # "/" or "," and another number after a number
        ("ring 07700 900123/07700 900124", "ring [PHONE]/[PHONE]", ["PHONE"]),
        ("ring 07700 900123,07700 900124", "ring [PHONE],[PHONE]", ["PHONE"]),
        ("555-123-4567,555-123-4568", "[PHONE],[PHONE]", ["PHONE"]),
        ("+44 20 7946 0958/0959", "[PHONE]/0959", ["PHONE"]),
        ("card 4111 1111 1111 1111/12/25 cvv 123", "card [CARD]/12/25 cvv 123", ["CARD"]),
        ("4111111111111111,5500000000000004", "[CARD],[CARD]", ["CARD"]),
        # an extension marker after a phone number
        ("call 07700 900123ext 2", "call [PHONE]ext 2", ["PHONE"]),
        ("07700 900123x", "[PHONE]x", ["PHONE"]),
        ("07700 900123x45", "[PHONE]x45", ["PHONE"]),
        ("020 7946 0958 EXT. 4", "[PHONE] EXT. 4", ["PHONE"]),
        ("555-123-4567ext12", "[PHONE]ext12", ["PHONE"]),
        ("+44 20 7946 0958extn 3", "[PHONE]extn 3", ["PHONE"]),
    ],
)
def test_redacts_numbers_next_to_separators_and_extensions(
    text: str, expected: str, found: list[str]
) -> None:
    assert redact_pii(text) == (expected, found)


@pytest.mark.parametrize(
    "text",
    [
        "order 12345678901234567/2",  # a long order number with a suffix
        "order 1234567890123456/1",  # 16 digits, fails Luhn
        "order 0123 4567 8901/23",  # 12 digits: too long for a UK number
        "ref 0161 496 00001,2",
        "paid on 12/05/2024",
        "12/05/2024, 13/05/2024",
        "£1,234,567.89",
        "price 4,111,111,111,111,111",  # thousands groups, not a card
        "07700 900123.5",  # a decimal
        "07700 900123-4",  # a range or a longer number
        "4111 1111 1111 1111.50",
        "4111 1111 1111 1111-2",
        "07700 900123abc",  # letters that are not an extension marker
        "07700 900123extra",
        "ref 07700900123AB",  # an alphanumeric reference
        "4111111111111111x",  # extension markers belong to phone numbers only
        "5551234567/5551234568",  # ten bare digits stay order numbers
    ],
)
def test_separators_keep_protections(text: str) -> None:
    assert redact_pii(text) == (text, [])
