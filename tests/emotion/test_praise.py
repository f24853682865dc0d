import pytest

from cxtext.emotion.praise import PRAISE_WORDS, praise_words


@pytest.mark.parametrize(("text", "found"), [
    ("The physio department is spotless.", ["spotless"]),
    ("Doctors were really thorough with her.", ["thorough"]),
    ("The paramedics were a credit to the service, well done.", ["well done", "a credit to"]),
    ("Above and beyond.", ["above and beyond"]),
    ("Couldn't fault them.", ["couldn't fault"]),
    ("Not great.", []),  # negated
    ("The food wasn't excellent.", []),
    ("The nurse was kind.", ["kind"]),  # praise of a person (since 2026-12-07/08)
    ("What kind of service is this?", []),  # "kind of" is no praise
    ("Staff were kind of rude.", []),
    ("Nurse Karen, you are a star.", ["star"]),
    ("4 stars, it was fine.", []),
    ("The midwives couldn't do enough for us.", ["couldn't do enough"]),
    ("Not very helpful.", []),  # negated
    ("Lovely staff, nothing was too much trouble.", ["lovely", "nothing was too much trouble"]),
    ("", []),
])
def test_praise_words(text, found):
    assert sorted(praise_words(text)) == sorted(found)


def test_praise_words_are_single_lower_case_tokens():
    assert all(w == w.lower() and " " not in w for w in PRAISE_WORDS)
