"""The non-answer table: what says nothing, and short real answers that must survive."""

from __future__ import annotations

import pytest

from cxtext.clean import is_non_answer_text
from cxtext.clean.nonanswers import NON_ANSWERS

NON_ANSWER_CASES = [
    "",
    # repeated, or with "tbh"/"honestly" around it, or declining (a bug bash found these missed)
    "n/a n/a",
    "na na",
    "N/A N/A N/A",
    "none none",
    "idk tbh",
    "nothing tbh",
    "honestly nothing",
    "Nothing to be honest",
    "bla bla",
    "prefer not to say",
    "Prefer not to say.",
    "I'd rather not say",
    "n/a",
    "na",
    "N/A.",
    "N.A.",
    "NA",
    "none",
    "None.",
    "nothing",
    "nothing.",
    "Nothing!",
    "-",
    "--",
    ".",
    "?",
    "...",
    "no comment",
    "No comments",
    "no comment(s)",
    "nil",
    "no",
    "No.",
    "nope",
    "not applicable",
    "Not Applicable",
    "idk",
    "IDK",
    "I don't know",
    "I don’t know",
    "nothing to add",
    "Nothing else",
    "no thanks",
    "No thank you.",
    "Nothing, thanks!",
    "none at the moment, thanks",
    "um no comment",
    "asdf",
    "ASDF",
    "asdfgh",
    "qwerty",
    "jkl",
    "jkljkl",
    "asdasd",
    "xxxx",
    "zzz",
    "sdfghj",
    "fjdkslgh",
    "asdf asdf",
    "42",
    "!!!",
    "10/12",
    "12/05/2026",
    "   ???  ",
    "[EMAIL]",
    "[URL] [PHONE]",
    "test",
    "same as above",
]

ANSWER_CASES = [
    "Great service!",
    "not bad not bad",
    "honestly great",
    "no no no, terrible",
    "Call me on [ID] or [IBAN] please",
    "No problems at all",
    "Nothing to improve, all perfect",
    "nothing to improve",
    "[enraged face]",
    "[thumbs up] [thumbs up]",
    "ok",
    "thanks",
    "Staff lovely",
    "haha",
    "lol",
    "no complaints",
    "None, all perfect",
    "Glass was dirty",
    "flask",
    "all good",
    "Rude",
    "No. The staff ignored me.",
    "Nothing works on the app",
    "NA flight 123 was late",
    "yes",
    "Good",
    "wow",
    "10/10 would fly again",
    "Call me on [PHONE]",
    "10/10",
    "0/10!!",
    "9.5 / 10",
    "5/5",
    "3 out of 10",
    "100%",
    "5*",
    "★★★★☆",
    "★★★★★",
    "サービスがとても悪かった",  # other scripts hold no Latin vowel, and are no keyboard mash
    "服务太差了，等了两个小时",
    "Отлично",
    "Εξαιρετικά",
]


@pytest.mark.parametrize("text", NON_ANSWER_CASES)
def test_non_answers(text: str) -> None:
    assert is_non_answer_text(text) is True


@pytest.mark.parametrize("text", ANSWER_CASES)
def test_real_answers(text: str) -> None:
    assert is_non_answer_text(text) is False


def test_table_is_normalised() -> None:
    # every entry must be in the form the lookup produces, or it could never match
    for phrase in NON_ANSWERS:
        assert phrase == phrase.lower().strip()
        assert all(ch.isalnum() or ch == " " for ch in phrase), phrase
        assert "  " not in phrase


def test_long_text_is_not_a_non_answer() -> None:
    assert is_non_answer_text("nothing " * 100) is False
    assert is_non_answer_text("!" * 500) is True


def test_non_string_counts_as_empty() -> None:
    assert is_non_answer_text(None) is True  # type: ignore[arg-type]


def test_rating_answers_are_parsed():
    from cxtext.clean import rating_answer

    assert rating_answer(" 10/10!! ") == (10.0, 10)
    assert rating_answer("4,5/5") == (4.5, 5)
    assert rating_answer("90 out of 100") == (90.0, 100)
    assert rating_answer("11/10") == (11.0, 10)
    assert rating_answer("100%") == (100.0, 100) and rating_answer("4.5 *") == (4.5, 5)
    for text in ("10/12", "1/2", "10/10 great", "great 10/10", "", "1000/10", "6*", "50%off"):
        assert rating_answer(text) is None, text


@pytest.mark.parametrize(("text", "expected"), [
    ("Ten out of ten", (10.0, 10)), ("ten out of ten!!", (10.0, 10)), ("Nought out of ten.", (0.0, 10)),
    ("7 out of ten", (7.0, 10)), ("three out of five", (3.0, 5)), ("nine/10", (9.0, 10)),
    ("Five stars", (5.0, 5)), ("one star.", (1.0, 5)), ("zero stars", (0.0, 5)),
    ("a hundred out of a hundred", (100.0, 100)),
    ("Three out of five stars.", (3.0, 5)), ("3 out of 5 stars", (3.0, 5)), ("Four and a half stars", (4.5, 5)),
    ("seven and a half out of ten", (7.5, 10)),
    ("Ten out of ten would recommend", None), ("Ten", None), ("Seven stars", None), ("eleven out of ten", None),
    ("one star hotel at best", None), ("One of the best", None), ("five out of six", None),
])
def test_ratings_with_their_numbers_in_words(text, expected):
    from cxtext.clean import rating_answer

    assert rating_answer(text) == expected
    assert is_non_answer_text(text) is False
