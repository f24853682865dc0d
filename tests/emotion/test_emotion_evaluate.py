import numpy as np
import pytest

from cxtext.emotion import EMOTIONS, parse_emotion_labels
from cxtext.errors import InputError


def test_parse_cells_of_every_kind():
    cells = [" Anxiety ;fear", "gratitude;gratitude", ["delight", "anger"], np.nan, None, "NONE", ""]
    with pytest.raises(InputError, match=r"'fear' \(1 row\(s\), first row 0\)"):
        parse_emotion_labels(cells)
    cells[0] = " Anxiety ;"
    assert parse_emotion_labels(cells) == [["anxiety"], ["gratitude"], ["anger", "delight"], [], [], [], []]


def test_error_lists_valid_ids_and_bad_separator():
    with pytest.raises(InputError) as err:
        parse_emotion_labels(["happy", "happy", "sad"], sep="|")
    msg = str(err.value)
    assert "'happy' (2 row(s), first row 0)" in msg and "'sad' (1 row(s), first row 2)" in msg
    assert ", ".join(EMOTIONS) in msg and "'|'" in msg
    with pytest.raises(InputError, match="separator"):
        parse_emotion_labels(["anger"], sep="")


def test_goemotions_label_names_map_to_cx_emotions():
    cells = ["Annoyance; joy", "neutral", "fear;nervousness", "", "love;curiosity", "sadness"]
    assert parse_emotion_labels(cells, goemotions=True) == [
        ["frustration", "delight"], [], ["anxiety"], [], [], ["disappointment"]]
    with pytest.raises(InputError, match="Unknown GoEmotions label"):
        parse_emotion_labels(["frustration"], goemotions=True)  # a CX id, not a GoEmotions name
    with pytest.raises(InputError, match="--goemotions") as err:  # the plain reading says how to map
        parse_emotion_labels(["annoyance", "neutral;joy"])
    assert "'annoyance'" in str(err.value)


def test_label_cells_written_as_lists_are_read():
    assert parse_emotion_labels(['["anger", "Confusion"]', "['gratitude']", "[]", "[ ]"]) == [
        ["anger", "confusion"], ["gratitude"], [], []]
    with pytest.raises(InputError, match="Unknown emotion"):  # a list of unknown ids is still refused
        parse_emotion_labels(['["rage"]'])


def test_cells_separated_otherwise_name_the_separator_to_pass():
    with pytest.raises(InputError, match=r"separate ids with ',': pass sep=','.*--sep ','"):
        parse_emotion_labels(["anger, frustration", "gratitude", "delight,admiration"])
    assert parse_emotion_labels(["anger, frustration"], sep=",") == [["anger", "frustration"]]


def test_cells_mixing_separators_are_told_to_use_one():
    with pytest.raises(InputError, match="use one separator throughout") as err:
        parse_emotion_labels(["anger;delight", "anger, delight"])
    assert "sep=','" not in str(err.value)
    assert parse_emotion_labels(["[anger, delight]", "[ 'gratitude' ]"]) == [["anger", "delight"], ["gratitude"]]


def test_label_messages_point_at_the_real_fix():
    # "N/A" and "-" are how labellers write "no emotion"
    assert parse_emotion_labels(["N/A", "-", "no emotion", "anger;n/a"]) == [[], [], [], ["anger"]]
    # a "/" inside an unknown label is no separator when its parts are no ids
    with pytest.raises(InputError) as err:
        parse_emotion_labels(["anger;frustration", "happy/sad"])
    assert "others otherwise" not in str(err.value)
    with pytest.raises(InputError, match="others otherwise"):
        parse_emotion_labels(["anger;frustration", "anger/confusion"])
    # cxtext ids under goemotions=True: say to leave the flag out
    with pytest.raises(InputError, match="cxtext's own emotion ids: leave out goemotions=True"):
        parse_emotion_labels(["frustration", "disappointment"], goemotions=True)
    # one GoEmotions name among other unknown labels is named
    with pytest.raises(InputError, match="'Annoyance' is a GoEmotions label"):
        parse_emotion_labels(["Annoyance", "happy"])


def test_scores_carry_the_counts_they_come_from():
    from cxtext.emotion.evaluate import emotion_scores

    gold = np.zeros((4, 8), dtype=int)
    pred = np.zeros((4, 8), dtype=int)
    gold[[0, 1], 0] = 1        # anger twice in the gold rows
    pred[[0, 2, 3], 0] = 1     # said three times, once right
    pred[1, 1] = 1             # frustration said where no gold row has it: a false alarm, F1 0
    per = emotion_scores(gold, pred)["per_emotion"]
    assert (per["anger"]["support"], per["anger"]["predicted"], per["anger"]["true_positives"]) == (2, 3, 1)
    assert per["anger"]["precision"] == round(1 / 3, 4) and per["anger"]["recall"] == 0.5
    assert (per["frustration"]["support"], per["frustration"]["predicted"], per["frustration"]["f1"]) == (0, 1, 0.0)
