import numpy as np
import pytest

from cxtext.emotion.data import (
    GOEMOTIONS_TO_CX,
    holdout_split,
    labels_to_matrix,
    load_goemotions_emotions,
    map_goemotions_labels,
)
from cxtext.errors import InputError


def test_mapping_table_is_the_issue_table():
    assert GOEMOTIONS_TO_CX == {
        "anger": "anger", "annoyance": "frustration", "disappointment": "disappointment",
        "sadness": "disappointment", "confusion": "confusion", "fear": "anxiety",
        "nervousness": "anxiety", "gratitude": "gratitude", "joy": "delight",
        "excitement": "delight", "amusement": "delight", "admiration": "admiration",
    }


@pytest.mark.parametrize("source, expected", [
    (["neutral"], []),
    (["love", "approval", "curiosity"], []),
    (["sadness", "disappointment"], ["disappointment"]),
    (["nervousness"], ["anxiety"]),
    (["amusement", "annoyance", "neutral"], ["frustration", "delight"]),
])
def test_map_goemotions_labels(source, expected):
    assert map_goemotions_labels(source) == expected


def test_labels_to_matrix_and_unknown_label():
    Y = labels_to_matrix([["anger", "admiration"], [], "none"])
    assert Y.shape == (3, 8) and Y[0, 0] == 1 and Y[0, 7] == 1 and Y[1:].sum() == 0
    with pytest.raises(InputError, match="CX108"):
        labels_to_matrix([["rage"]])


def test_holdout_groups_duplicates_and_is_seeded():
    texts = [f"text {i % 40}" for i in range(200)] + ["Text 1 "]
    mask = holdout_split(texts, test_size=0.2, seed=0)
    assert np.array_equal(mask, holdout_split(texts, test_size=0.2, seed=0))
    assert 0.1 < mask.mean() < 0.3
    keys = np.array([t.strip().lower() for t in texts])
    for k in set(keys):
        assert len(set(mask[keys == k])) == 1


def test_shared_goemotions_loader(shared_goemotions):
    df = load_goemotions_emotions(shared_goemotions)
    assert df.groupby("split").size().to_dict() == {"dev": 5426, "train": 43410}
    # CSV-style quoted fields (1,097 train rows start with '"') come back unquoted;
    # only two upstream texts genuinely contain a doubled quote
    assert df["text"].str.contains('""', regex=False).sum() <= 2
    share_none = (df["emotions"].map(len) == 0).mean()
    assert 0.4 < share_none < 0.6


def test_goemotions_label_names_are_the_datasets(shared_goemotions):
    from cxtext.emotion import GOEMOTIONS_LABELS, GOEMOTIONS_TO_CX

    names = (shared_goemotions / "goemotions" / "emotions.txt").read_text(encoding="utf-8").split()
    assert tuple(names) == GOEMOTIONS_LABELS
    assert set(GOEMOTIONS_TO_CX) <= set(GOEMOTIONS_LABELS)
