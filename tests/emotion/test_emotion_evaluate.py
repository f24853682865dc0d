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
