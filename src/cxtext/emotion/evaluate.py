"""Evaluate a multi-label emotion model: per-emotion P/R/F1, micro/macro F1, support."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np

from cxtext.emotion.definitions import EMOTIONS, NONE

#: Cells that say "no emotion" (as labellers write it), read like an empty cell.
_NO_EMOTION = frozenset([NONE, "n/a", "na", "-", "no emotion", "no emotions", "nothing"])

__all__ = ["emotion_scores", "evaluate_emotions", "parse_emotion_labels"]


class _Predicts(Protocol):
    def predict(self, X: Sequence[str]) -> list[list[str]]: ...


def emotion_scores(Y_true: np.ndarray, Y_pred: np.ndarray) -> dict[str, Any]:
    """Scores of 0/1 matrices ``(n, 8)`` (columns in :data:`EMOTIONS` order).

    Returns
    -------
    dict
        ``{"per_emotion": {id: {"precision", "recall", "f1", "support",
        "predicted", "true_positives"}}, "macro_f1", "micro_f1", "rows",
        "rows_with_emotion"}``; scores rounded to 4 places. ``support`` is
        the gold count, ``predicted`` how often the model gave the emotion:
        with ``true_positives`` they let the scores be checked by hand, and
        show false alarms on a file whose gold rows lack that emotion.

    Examples
    --------
    >>> Y = np.zeros((2, 8), dtype=int); Y[0, 0] = 1
    >>> emotion_scores(Y, Y)["per_emotion"]["anger"]["f1"]
    1.0
    """
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    Y_true = np.asarray(Y_true).astype(int)
    Y_pred = np.asarray(Y_pred).astype(int)
    p, r, f, s = precision_recall_fscore_support(Y_true, Y_pred, average=None, zero_division=0)
    predicted = Y_pred.sum(0)
    hits = (Y_true & Y_pred).sum(0)
    per = {e: {"precision": round(float(p[j]), 4), "recall": round(float(r[j]), 4),
               "f1": round(float(f[j]), 4), "support": int(s[j]), "predicted": int(predicted[j]),
               "true_positives": int(hits[j])} for j, e in enumerate(EMOTIONS)}
    return {
        "per_emotion": per,
        "macro_f1": round(float(np.mean(f)), 4),
        "micro_f1": round(float(f1_score(Y_true, Y_pred, average="micro", zero_division=0)), 4),
        "rows": len(Y_true),
        "rows_with_emotion": int((Y_true.sum(1) > 0).sum()),
    }


def evaluate_emotions(model: _Predicts, texts: Sequence[str],
                      labels: Sequence[Sequence[str]] | np.ndarray) -> dict[str, Any]:
    """Score ``model.predict(texts)`` against gold emotion ids.

    Parameters
    ----------
    model : object with ``predict(texts) -> list[list[str]]``
        E.g. :class:`~cxtext.emotion.FastEmotionClassifier`.
    texts : sequence of str
        Texts, cleaned as the model expects (see
        :func:`cxtext.sentiment.train.clean_for_model`).
    labels : sequence of list of str, or ndarray of shape (n, 8)
        Gold emotion ids per text (``[]`` for none).

    Returns
    -------
    dict
        See :func:`emotion_scores`.

    Examples
    --------
    >>> class Always:
    ...     def predict(self, X): return [["gratitude"] for _ in X]
    >>> res = evaluate_emotions(Always(), ["thanks", "meh"], [["gratitude"], []])
    >>> res["per_emotion"]["gratitude"]["precision"], res["per_emotion"]["gratitude"]["recall"]
    (0.5, 1.0)
    """
    from cxtext.emotion.data import labels_to_matrix

    Y_true = labels if isinstance(labels, np.ndarray) and labels.ndim == 2 else labels_to_matrix(list(labels))
    Y_pred = labels_to_matrix(model.predict(list(texts)))
    return emotion_scores(Y_true, Y_pred)


def _list_literal(cell: str) -> list[str] | None:
    """The items of a cell written as a JSON or Python list of strings (``'["anger"]'``), else None."""
    import ast

    text = cell.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    try:
        value = ast.literal_eval(text)  # literals only: never runs code
    except (ValueError, SyntaxError):
        return [part.strip(" '\"") for part in text[1:-1].split(",") if part.strip(" '\"")]  # [anger, delight]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def parse_emotion_labels(values: Iterable[Any], sep: str = ";", *,
                         goemotions: bool = False) -> list[list[str]]:
    """Gold emotion ids from label cells such as ``"anger;frustration"``.

    Ids are matched ignoring case and surrounding spaces; an empty or missing
    cell, ``"none"`` (or ``"n/a"``, ``"-"``, ``"no emotion"``) or ``"[]"``, means no emotion. Cells that are already lists,
    or hold one written as JSON or Python (``'["anger", "confusion"]'``), are
    checked the same way.

    Parameters
    ----------
    values : iterable
        One cell per text.
    sep : str, default=";"
        Separator between the ids inside a cell.
    goemotions : bool, default=False
        The cells hold GoEmotions label names (``"annoyance;joy"``), mapped to
        CX emotions by :data:`~cxtext.emotion.GOEMOTIONS_TO_CX`; the labels it
        does not map (``neutral``, ``love`` ...) mean no CX emotion.

    Returns
    -------
    list of list of str
        The CX emotion ids of each cell, in :data:`EMOTIONS` order, without repeats.

    Raises
    ------
    InputError
        ``[CX108]`` naming every unknown id (with its count and first row) and
        listing the valid ones.

    Examples
    --------
    >>> parse_emotion_labels(["Anger; frustration", "", None, "none", "N/A", "gratitude"])
    [['anger', 'frustration'], [], [], [], [], ['gratitude']]
    >>> parse_emotion_labels(["annoyance;joy", "neutral", "sadness"], goemotions=True)
    [['frustration', 'delight'], [], ['disappointment']]
    >>> parse_emotion_labels(['["anger", "confusion"]', "['gratitude']", "[]"])
    [['anger', 'confusion'], ['gratitude'], []]
    """
    from cxtext.emotion.data import GOEMOTIONS_LABELS, GOEMOTIONS_TO_CX
    from cxtext.errors import InputError

    if not sep:
        raise InputError("[CX108] The label separator must not be empty; use e.g. ';'.")
    valid = set(GOEMOTIONS_LABELS) if goemotions else set(EMOTIONS)
    out: list[list[str]] = []
    unknown: dict[str, list[int]] = {}
    uses_sep = False  # a cell with several ids split on sep: then another separator is no fix
    for row, cell in enumerate(values):
        listed = _list_literal(cell) if isinstance(cell, str) else None
        if listed is None and isinstance(cell, str) and sep in cell.strip(sep + " "):
            uses_sep = True
        if listed is not None:  # '["anger", "frustration"]', "['anger']", "[]"
            items: Iterable[Any] = listed
        elif isinstance(cell, str):
            items = cell.split(sep)
        elif isinstance(cell, (list, tuple, set, frozenset, np.ndarray)):
            items = cell
        elif cell is None or (isinstance(cell, float) and np.isnan(cell)):
            items = ()
        else:
            items = str(cell).split(sep)
        found = set()
        for item in items:
            e = str(item).strip().lower()
            if not e or e in _NO_EMOTION:
                continue
            if e in valid:
                if not goemotions:
                    found.add(e)
                elif e in GOEMOTIONS_TO_CX:
                    found.add(GOEMOTIONS_TO_CX[e])
            else:
                unknown.setdefault(str(item).strip(), []).append(row)
        out.append([e for e in EMOTIONS if e in found])
    if unknown:
        shown = ", ".join(f"{k!r} ({len(v)} row(s), first row {v[0]})"
                          for k, v in list(unknown.items())[:10])
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        if goemotions:
            cx = ""
            if {k.lower() for k in unknown} <= set(EMOTIONS):
                cx = (" These are cxtext's own emotion ids: leave out goemotions=True (on the command line "
                      "--goemotions).")
            elif all(k.isdigit() and int(k) < len(GOEMOTIONS_LABELS) for k in unknown):
                cx = (" These look like GoEmotions' numeric label ids (as in its .tsv files): write the names "
                      "instead, id 0 being the first line of the dataset's emotions.txt ('admiration').")
            raise InputError(f"[CX108] Unknown GoEmotions label(s) {shown}{more}. GoEmotions "
                             f"labels: {', '.join(GOEMOTIONS_LABELS)}.{cx}")
        hint = ""

        def splits_into_ids(key: str, mark: str) -> bool:
            return mark in key and {p.strip().lower() for p in key.split(mark)} <= valid | _NO_EMOTION

        if uses_sep:  # some cells use sep: another separator for all would break those
            if any(splits_into_ids(k, mark) for k in unknown for mark in ",;|/" if mark != sep):
                hint = (f" Some cells separate ids with {sep!r} and others otherwise: use one separator "
                        "throughout.")
        else:
            for other in (",", ";", "|", "/"):
                if other != sep and all(other in k and {p.strip().lower() for p in k.split(other)} <= valid | {NONE}
                                        for k in unknown):
                    hint = (f" The cells separate ids with {other!r}: pass sep={other!r} (on the command line "
                            f"--sep {other!r}).")
                    break
        go_names = [k for k in unknown if k.lower() in GOEMOTIONS_LABELS]
        if go_names and len(go_names) == len(unknown):
            hint = (" These are GoEmotions labels: pass goemotions=True (on the command line "
                    "--goemotions) to map them to CX emotions.")
        elif go_names:
            hint += (f" {', '.join(map(repr, go_names[:5]))} {'is a GoEmotions label' if len(go_names) == 1 else 'are GoEmotions labels'}"
                     " (cxtext.emotion.data.GOEMOTIONS_TO_CX maps them to CX emotions); use one label set throughout.")
        raise InputError(
            f"[CX108] Unknown emotion label(s) {shown}{more}. Valid emotion ids: "
            f"{', '.join(EMOTIONS)}; separate several with {sep!r}, and leave the cell empty "
            f"(or write {NONE!r}) for no emotion.{hint}"
        )
    return out
