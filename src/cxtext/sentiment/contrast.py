"""A contrast between two clauses says their sentiments differ: "food great but the service ...".

A mixed comment split at a contrast ("The room was lovely, but breakfast was
cold toast") gives each side its own clause, and the model reads each clause
alone. A side worded as a plain fact or in words the model knows little of
("but breakfast was cold toast", "although the app logs me out daily") often
reads as neutral, so its theme mention carries no opinion, though the contrast
word itself tells which way it goes: against the other side. Where one clause
opens with a contrast word, the model reads one side as neutral and the other
with a clear polarity, :func:`read_contrasts` moves the neutral side towards the
opposite polarity by a fixed amount of log-odds. A side the model reads as
clearly neutral stays neutral ("Lovely staff, but I was only in for a blood
test"): the shift is a nudge, not a verdict.

Rules rather than a model: the pattern is a handful of contrast words, and it
only reweighs the model's own probabilities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

__all__ = ["CONTRAST_OPENING", "CONTRAST_SHIFT", "TURN_OPENING", "read_contrasts"]

_TURN_WORDS = r"but|however|although|though|yet|whereas|except|apart from|on the other hand|that said"
#: A clause that turns the comment around (an analysis carries no emotion across its start).
TURN_OPENING = re.compile(rf"\W*(?:{_TURN_WORDS})\b", re.IGNORECASE)
#: A clause that opens with one of these contrasts with the clause before it: the turns, and the
#: openings that name a complaint after praise ("shame about", "the only downside").
CONTRAST_OPENING = re.compile(
    rf"\W*(?:{_TURN_WORDS}|"
    r"shame (?:about|that)|pity (?:about|that)|let down by|only (?:downside|problem|issue|gripe|complaint)"
    r"|the only (?:downside|problem|issue|gripe|complaint))\b",
    re.IGNORECASE)

#: Log-odds by which the neutral side of a contrast moves against a clearly polar other side, in
#: every analysis and in the training of theme-aware mention heads; 0 turns the reading off.
CONTRAST_SHIFT = 1.0


def read_contrasts(proba: np.ndarray, classes: Sequence[str], comment_of: Sequence[object],
                   texts: Sequence[str], *, shift: float | None = None, min_confidence: float = 0.6) -> np.ndarray:
    """Clause probabilities with the neutral side of a contrast moved against the other side.

    Parameters
    ----------
    proba : ndarray of shape (n_clauses, n_classes)
        Clause probabilities, the clauses of a comment next to each other in order.
    classes : sequence of str
        Column names of ``proba`` (``negative``, ``neutral``, ``positive``).
    comment_of : sequence
        The comment each clause belongs to (contrasts never cross comments).
    texts : sequence of str
        The clauses' texts.
    shift : float, optional
        Log-odds added to the opposite polarity of the neutral side (default:
        :data:`CONTRAST_SHIFT`, read at each call; 0 changes nothing).
    min_confidence : float, default=0.6
        Least probability of the other side's polarity for it to count as clear.

    Returns
    -------
    ndarray
        A new array; rows that no contrast touches are unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.05, 0.15, 0.80], [0.30, 0.45, 0.25], [0.05, 0.90, 0.05]])
    >>> out = read_contrasts(p, ["negative", "neutral", "positive"], [0, 0, 1],
    ...                      ["The room was lovely", "but breakfast was cold toast", "but ok"])
    >>> out[1].argmax(), np.allclose(out[2], p[2])
    (np.int64(0), True)
    """
    out = np.array(proba, dtype=float, copy=True)
    shift = CONTRAST_SHIFT if shift is None else shift
    names = list(classes)
    if not shift or "neutral" not in names or not {"negative", "positive"} <= set(names):
        return out
    neu, neg, pos = names.index("neutral"), names.index("negative"), names.index("positive")
    opposite = {neg: pos, pos: neg}
    for k in range(1, len(out)):
        if comment_of[k] != comment_of[k - 1] or not CONTRAST_OPENING.match(texts[k]):
            continue
        first, second = int(np.argmax(proba[k - 1])), int(np.argmax(proba[k]))
        if second == neu and first != neu and proba[k - 1][first] >= min_confidence:
            out[k] = _towards(out[k], opposite[first], shift)
        elif first == neu and second != neu and proba[k][second] >= min_confidence:
            out[k - 1] = _towards(out[k - 1], opposite[second], shift)
    return out


def _towards(row: np.ndarray, column: int, shift: float) -> np.ndarray:
    logits = np.log(np.clip(row, 1e-9, 1.0))
    logits[column] += shift
    e = np.exp(logits - logits.max())
    return e / e.sum()
