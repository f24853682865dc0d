"""GoEmotions mapped to the CX emotion set, read in place from the shared data.

Mapping (GoEmotions label -> CX emotion)::

    anger                          -> anger
    annoyance                      -> frustration
    disappointment, sadness        -> disappointment
    confusion                      -> confusion
    fear, nervousness              -> anxiety
    gratitude                      -> gratitude
    joy, excitement, amusement     -> delight
    admiration                     -> admiration

Every other GoEmotions label (neutral included) is ignored, so a row carrying none
of the labels above has no CX emotion (an empty list, "none").

Files are read with Python's default CSV quoting (``quotechar='"'``), so the
1,097 train / 137 dev texts that upstream wrapped in ``"…"`` with doubled inner
quotes come back as the clean text a customer would have typed
(a field written as ``"say ""hi"" "`` is read as ``say "hi"``).
The rows, ids and labels are the same as with ``QUOTE_NONE``. Texts are stripped
of leading/trailing spaces.

The honest hold-out: :func:`holdout_split` carves a share of ``train.tsv`` off,
grouped by normalised text so identical comments never sit on both sides.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from cxtext.emotion.definitions import EMOTIONS

__all__ = [
    "GOEMOTIONS_LABELS",
    "GOEMOTIONS_TO_CX",
    "holdout_split",
    "labels_to_matrix",
    "load_goemotions_emotions",
    "map_goemotions_labels",
    "normalise_for_grouping",
]

#: The 28 GoEmotions label names, in the order of the dataset's ``emotions.txt``.
GOEMOTIONS_LABELS: tuple[str, ...] = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
    "curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
    "excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
    "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
)

#: GoEmotions label -> CX emotion id (labels not listed are ignored).
GOEMOTIONS_TO_CX: dict[str, str] = {
    "anger": "anger",
    "annoyance": "frustration",
    "disappointment": "disappointment",
    "sadness": "disappointment",
    "confusion": "confusion",
    "fear": "anxiety",
    "nervousness": "anxiety",
    "gratitude": "gratitude",
    "joy": "delight",
    "excitement": "delight",
    "amusement": "delight",
    "admiration": "admiration",
}


def map_goemotions_labels(labels: list[str] | tuple[str, ...]) -> list[str]:
    """Map GoEmotions label names to CX emotion ids (in :data:`EMOTIONS` order, no repeats).

    Examples
    --------
    >>> map_goemotions_labels(["sadness", "disappointment", "neutral"])
    ['disappointment']
    >>> map_goemotions_labels(["amusement", "annoyance"])
    ['frustration', 'delight']
    >>> map_goemotions_labels(["neutral"])
    []
    """
    found = {GOEMOTIONS_TO_CX[name] for name in labels if name in GOEMOTIONS_TO_CX}
    return [e for e in EMOTIONS if e in found]


def labels_to_matrix(labels: list[list[str]] | pd.Series) -> np.ndarray:
    """Turn lists of CX emotion ids into an ``(n, 8)`` 0/1 matrix (columns in :data:`EMOTIONS` order).

    Examples
    --------
    >>> labels_to_matrix([["anger"], [], ["gratitude", "delight"]]).sum(axis=1).tolist()
    [1, 0, 2]
    """
    from cxtext.errors import InputError

    index = {e: i for i, e in enumerate(EMOTIONS)}
    rows = list(labels)
    Y = np.zeros((len(rows), len(EMOTIONS)), dtype=np.int8)
    for r, emos in enumerate(rows):
        if isinstance(emos, str):
            emos = [emos]
        for e in emos:
            if e == "none":
                continue
            if e not in index:
                raise InputError(
                    f"[CX108] Unknown emotion label {e!r} in row {r}. Use ids from "
                    f"{list(EMOTIONS)} (or an empty list / 'none' for no emotion)."
                )
            Y[r, index[e]] = 1
    return Y


def _read_split(path: Path, names: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, sep="\t", header=None, names=["text", "labels", "id"], dtype=str,
                     keep_default_na=False, encoding="utf-8", quoting=csv.QUOTE_MINIMAL)
    go = df["labels"].str.split(",").map(lambda ids: [names[int(i)] for i in ids])
    return pd.DataFrame({"id": df["id"], "text": df["text"].str.strip(), "goemotions": go,
                         "emotions": go.map(map_goemotions_labels)})


def load_goemotions_emotions(root: Path | None = None) -> pd.DataFrame:
    """Load GoEmotions ``train.tsv`` and ``dev.tsv`` with CX emotion labels.

    Parameters
    ----------
    root : path, optional
        Shared data folder (default: :func:`cxtext.datasets.shared_data_dir`).

    Returns
    -------
    DataFrame
        Columns ``id``, ``text``, ``goemotions`` (list of source labels),
        ``emotions`` (list of CX ids, empty for none) and ``split``
        (``"train"`` or ``"dev"``).

    Examples
    --------
    >>> df = load_goemotions_emotions()                   # doctest: +SKIP
    >>> df.groupby("split").size().to_dict()              # doctest: +SKIP
    {'dev': 5426, 'train': 43410}
    """
    from cxtext.datasets import _require, shared_data_dir

    base = (root or shared_data_dir()) / "goemotions"
    names = _require(base / "emotions.txt").read_text(encoding="utf-8").split("\n")
    frames = []
    for fname, split in (("train.tsv", "train"), ("dev.tsv", "dev")):
        part = _read_split(_require(base / fname), names)
        part["split"] = split
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


_SPACE = re.compile(r"\s+")


def normalise_for_grouping(text: str) -> str:
    """Lower-case, collapse whitespace and strip: the key used to group duplicate texts.

    Examples
    --------
    >>> normalise_for_grouping("  Thank   you. ")
    'thank you.'
    """
    return _SPACE.sub(" ", str(text)).strip().lower()


def holdout_split(texts: list[str] | pd.Series, *, test_size: float = 0.15,
                  seed: int = 0) -> np.ndarray:
    """Boolean mask of hold-out rows, grouped by normalised text (seeded).

    Examples
    --------
    >>> mask = holdout_split(["a", "b", "A ", "c", "d", "e"], test_size=0.4, seed=0)
    >>> bool(mask[0] == mask[2])
    True
    """
    from sklearn.model_selection import GroupShuffleSplit

    keys = [normalise_for_grouping(t) for t in texts]
    gss = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
    _, test_idx = next(gss.split(np.zeros(len(keys)), groups=keys))
    mask = np.zeros(len(keys), dtype=bool)
    mask[test_idx] = True
    return mask
