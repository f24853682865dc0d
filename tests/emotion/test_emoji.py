import pytest

from cxtext.clean.normalise import normalise_text
from cxtext.emotion import EMOTIONS
from cxtext.emotion.emoji import EMOJI_EMOTIONS, emoji_emotions, is_emoji_only


def test_every_emoji_in_the_table_is_named_by_the_cleaner_and_maps_to_a_cx_emotion():
    assert set(EMOJI_EMOTIONS.values()) == set(EMOTIONS)
    for char, emotion in EMOJI_EMOTIONS.items():
        assert emoji_emotions(normalise_text(char)) == [emotion], char


@pytest.mark.parametrize(("raw", "found", "only"), [
    ("😍😍", ["delight"], True),
    ("🙏 🙏!", ["gratitude"], True),
    ("Waiting 3 hours 😤", ["frustration"], False),
    ("Brilliant 👏 but I was scared 😰", ["admiration", "anxiety"], False),
    ("🐢", [], True),  # an emoji outside the table names nothing
    ("no emoji", [], False),
])
def test_emoji_emotions_of_cleaned_text(raw, found, only):
    text = normalise_text(raw)
    assert emoji_emotions(text) == found
    assert is_emoji_only(text) is only
