import pytest

from cxtext.emotion import EMOTIONS
from cxtext.emotion.negation import EMOTION_WORDS, denied_emotions, drop_denied


@pytest.mark.parametrize(("text", "denied"), [
    ("I'm not angry at all, the refund was quick.", {"anger"}),
    ("Not angry, just disappointed.", {"anger"}),
    ("I wasn't worried at all, the nurse explained everything.", {"anxiety"}),
    ("No worries, the nurse sorted it.", {"anxiety"}),
    ("Nothing to worry about.", {"anxiety"}),
    ("Not confused anymore, the agent explained it.", {"confusion"}),
    ("Not happy with the delivery.", {"delight"}),
    ("I was not impressed by the room.", {"admiration"}),
    ("The ward was not great.", {"admiration"}),
    ("Never frustrated with this app.", {"frustration"}),
    ("I wasn't happy and was furious.", {"delight"}),  # the scope does not run past "and"
    # named outside a negation too, or a negation that intensifies: nothing denied
    ("I wasn't angry at first but now I'm furious.", set()),
    ("I have never been so angry in my life.", set()),
    ("I couldn't be more grateful.", set()),
    ("Never been this disappointed.", set()),
    ("Not just annoyed but angry.", set()),
    ("Not happy. Not happy at all. Happy to leave though.", set()),
    ("I was worried but they were great.", set()),
    ("Absolutely furious.", set()),
    ("", set()),
    # a bash of the first version: exclamations are no denial, understatements are
    ("I can't tell you how angry I am about the billing.", set()),
    ("I can't believe how angry I am with the delivery service.", set()),
    ("Can't stop being anxious about it.", set()),
    ("The nurses were nothing short of amazing.", set()),
    ("I cannot praise the excellent staff enough.", set()),
    ("Not too happy with the delivery service.", {"delight"}),
    ("Not so happy with how the complaint was handled.", {"delight"}),
    ("Not that impressed with the customer service.", {"admiration"}),
    ("Not too worried about the delay.", {"anxiety"}),
])
def test_denied_emotions(text, denied):
    assert denied_emotions(text) == denied


def test_emotion_words_cover_the_fixed_set_once():
    assert set(EMOTION_WORDS) == set(EMOTIONS)
    words = [w for ws in EMOTION_WORDS.values() for w in ws]
    assert len(words) == len(set(words))  # one emotion per word
    assert all(w == w.lower() and " " not in w for w in words)


def test_drop_denied_keeps_order_and_other_lists():
    found = [["anger", "disappointment"], ["anger"], []]
    out = drop_denied(["Not angry, just disappointed.", "Furious!", "Not angry."], found)
    assert out == [["disappointment"], ["anger"], []]
    assert found == [["anger", "disappointment"], ["anger"], []]  # new lists
