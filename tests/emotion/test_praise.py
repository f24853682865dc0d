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
    ("The nurse was kind.", []),  # kindness is not praise of quality here
    ("", []),
])
def test_praise_words(text, found):
    assert sorted(praise_words(text)) == sorted(found)


def test_praise_words_are_single_lower_case_tokens():
    assert all(w == w.lower() and " " not in w for w in PRAISE_WORDS)
