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


# Bug-bash fixes: each table holds the new format and the look-alikes that must survive.

UNICODE_EMAILS = [
    ("éric.dupont@orange.fr", "[EMAIL]"),
    ("contact ángel.garcía@gmail.com", "contact [EMAIL]"),
    ("mail zoë@bücher.de now", "mail [EMAIL] now"),
    ("user@пример.рф", "[EMAIL]"),
    ("søren_ølgaard@firma.dk", "[EMAIL]"),
]
UNICODE_EMAIL_LOOKALIKES = [
    "@josé_garcía thanks",  # a handle
    "josé@home",  # no top-level domain
    "meet josé @ 5pm",
    "café@ the airport",
    "ángel@garcía",
]


@pytest.mark.parametrize(("text", "expected"), UNICODE_EMAILS)
def test_redacts_unicode_emails(text: str, expected: str) -> None:
    assert redact_pii(text) == (expected, ["EMAIL"])


@pytest.mark.parametrize("text", UNICODE_EMAIL_LOOKALIKES)
def test_unicode_email_lookalikes_survive(text: str) -> None:
    assert redact_pii(text) == (text, [])


IBANS = [
    ("IBAN DE89 3704 0044 0532 0130 00", "IBAN [IBAN]"),
    ("IBAN GB29 NWBK 6016 1331 9268 19", "IBAN [IBAN]"),
    ("GB29NWBK60161331926819", "[IBAN]"),
    ("iban: gb29 nwbk 6016 1331 9268 19.", "iban: [IBAN]."),
    ("FR14 2004 1010 0505 0001 3M02 606 thanks", "[IBAN] thanks"),
    ("NO93 8601 1117 947", "[IBAN]"),  # the shortest (15)
    ("BE68 5390 0754 7034 then call", "[IBAN] then call"),  # a 4-letter word after it
    ("BE68 5390 0754 7034 1234", "[IBAN] 1234"),  # a number after it
    ("pay DE89370400440532013000 now", "pay [IBAN] now"),
]
IBAN_LOOKALIKES = [
    "IBAN GB28 NWBK 6016 1331 9268 19",  # check digits wrong
    "XX89 3704 ABCD 0532 0130 09",  # IBAN-shaped, check fails
    "code AB12 3456 7890 1234 5",  # random code
    "ref XY12ABCDEFGHIJKLMNOP",  # too few digits
    "GB29 NWBK 6016",  # too short
    "model QX50 2019 3.5 litre",
]


@pytest.mark.parametrize(("text", "expected"), IBANS)
def test_redacts_ibans_whole(text: str, expected: str) -> None:
    assert redact_pii(text) == (expected, ["IBAN"])


@pytest.mark.parametrize("text", IBAN_LOOKALIKES)
def test_iban_lookalikes_survive(text: str) -> None:
    assert redact_pii(text) == (text, [])


NATIONAL_IDS = [
    ("SSN 123-45-6789", "SSN [ID]"),
    ("ssn: 078-05-1120.", "ssn: [ID]."),
    ("NHS 943 476 5919", "NHS [ID]"),
    ("nhs no 943-476-5919", "nhs no [ID]"),
    ("my nhs number is 9434765919", "my nhs number is [ID]"),
]
NATIONAL_ID_LOOKALIKES = [
    "000-12-3456",  # area 000
    "666-12-3456",  # area 666
    "900-12-3456",  # area 9xx
    "123-00-4567",  # group 00
    "123-45-0000",  # serial 0000
    "123 45 6789",  # SSN shape needs dashes
    "123-45-67890",  # longer
    "1123-45-6789",
    "123-45-6789-1",
    "nhs 943 476 5918",  # wrong NHS check digit (3-3-4 with spaces is a US phone shape)
    "order 9434765919",  # contiguous after a reference word
    "1111111111",  # repeated digits pass mod-11
    "943 476 59190",
    "2024-03-12",
]


@pytest.mark.parametrize(("text", "expected"), NATIONAL_IDS)
def test_redacts_national_ids(text: str, expected: str) -> None:
    assert redact_pii(text) == (expected, ["ID"])


@pytest.mark.parametrize("text", NATIONAL_ID_LOOKALIKES)
def test_national_id_lookalikes_survive(text: str) -> None:
    assert redact_pii(text)[1] in ([], ["PHONE"])  # "943 476 5918" is a US phone shape
    if not text.startswith("nhs"):
        assert redact_pii(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        ("0123456789", "[PHONE]", ["PHONE"]),  # starts with 0: a UK phone, even if mod-11 passes
        ("+1 943 476 5919", "[PHONE]", ["PHONE"]),  # part of an international number
        ("943 476 5918", "[PHONE]", ["PHONE"]),  # fails mod-11: a North-American number
    ],
)
def test_national_id_precedence(text: str, expected: str, found: list[str]) -> None:
    assert redact_pii(text) == (expected, found)


NEW_PHONES = [
    ("appelez le 06 12 34 56 78", "appelez le [PHONE]"),
    ("06.12.34.56.78", "[PHONE]"),
    ("01-23-45-67-89 svp", "[PHONE] svp"),
    ("bel 06-12345678", "bel [PHONE]"),
    ("06 12345678", "[PHONE]"),
    ("llamar al 612 345 678", "llamar al [PHONE]"),
    ("tel 912 345 678.", "tel [PHONE]."),
    ("call 712 345 678 3 times", "call [PHONE] 3 times"),
    ("612 345 678 items", "[PHONE] items"),  # accepted cost: a spaced 9-digit count
    ("ring 07700.900.123", "ring [PHONE]"),
    ("0161.496.0000", "[PHONE]"),
]
NEW_PHONE_LOOKALIKES = [
    # French pairs
    "01 02 03 04",  # four pairs
    "01 02 03 04 05 06",  # a list of pairs
    "1 23 45 67 89",
    "06 12 34 56 789",
    "06 12.34 56 78",  # mixed separators
    "06/12/34/56/78",
    "06:12:34",
    # Dutch
    "06-1234567",
    "06-123456789",
    "07-12345678",
    "2006-12345678",
    "06-12-2024",
    # Spanish 3-3-3
    "612345678",
    "612-345-678",
    "612  345 678",
    "512 345 678",  # not 6/7/9
    "€612 345 678",
    "EUR 612 345 678",
    "612 345 678 EUR",
    "612 345 678€",
    "612 345 678 %",
    "700 000 000 passengers",  # round amounts
    "1 612 345 678",  # a longer grouped number
    "612 345 678 901",
    "612 345 678,50",
    "612 345 678.5",
    # UK dotted
    "07700.900123",  # one dot: a decimal
    "07700.900.123.4",
    "v0.123.4567",
    # ordinary numbers
    "£1 234 567",
    "3 4 5 stars",
    "10-12",
    "12.03.2024",
    "at 10:30",
    "rated 9 10 10 9 8",
]


@pytest.mark.parametrize(("text", "expected"), NEW_PHONES)
def test_redacts_more_phone_formats(text: str, expected: str) -> None:
    assert redact_pii(text) == (expected, ["PHONE"])


@pytest.mark.parametrize("text", NEW_PHONE_LOOKALIKES)
def test_phone_format_lookalikes_survive(text: str) -> None:
    assert redact_pii(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        # ordinal floors are not postcodes...
        ("B2 3RD floor", "B2 3RD floor", []),
        ("A1 2ND exit", "A1 2ND exit", []),
        ("L1 1ST floor lift", "L1 1ST floor lift", []),
        # ...but a postcode whose inward code only looks like an ordinal is redacted
        ("B2 3RD", "[POSTCODE]", ["POSTCODE"]),
        ("M1 1ST, UK", "[POSTCODE], UK", ["POSTCODE"]),
        ("B2 4RD floor", "[POSTCODE] floor", ["POSTCODE"]),  # not an ordinal
        ("SW1A 1AA London", "[POSTCODE] London", ["POSTCODE"]),
        # ten bare digits after a reference word are references...
        ("Serial 0123456789", "Serial 0123456789", []),
        ("order no. 0123456789", "order no. 0123456789", []),
        ("Order #0123456789", "Order #0123456789", []),
        ("account: 0123456789", "account: 0123456789", []),
        ("tracking number 0123456789", "tracking number 0123456789", []),
        ("invoice ref 0123456789", "invoice ref 0123456789", []),
        # ...but not after a phone word, not with separators, not eleven digits
        ("call 0123456789", "call [PHONE]", ["PHONE"]),
        ("phone: 01234567890", "phone: [PHONE]", ["PHONE"]),
        ("phone number 0123456789", "phone number [PHONE]", ["PHONE"]),
        ("my number 0123456789", "my number [PHONE]", ["PHONE"]),
        ("order 07700900123", "order [PHONE]", ["PHONE"]),
        ("serial 0123 456 789", "serial [PHONE]", ["PHONE"]),
    ],
)
def test_wrong_redactions_removed(text: str, expected: str, found: list[str]) -> None:
    assert redact_pii(text) == (expected, found)


def test_found_types_in_placeholders_order() -> None:
    from cxtext.clean.pii import PLACEHOLDERS

    assert PLACEHOLDERS[:5] == ("URL", "EMAIL", "CARD", "POSTCODE", "PHONE")  # positions kept
    text = "SSN 123-45-6789, IBAN GB29 NWBK 6016 1331 9268 19, card 4111 1111 1111 1111, jo@x.io"
    assert redact_pii(text) == (
        "SSN [ID], IBAN [IBAN], card [CARD], [EMAIL]",
        ["EMAIL", "CARD", "IBAN", "ID"],
    )
