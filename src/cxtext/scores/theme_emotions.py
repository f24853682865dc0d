"""The emotion mix per theme: how customers feel where they mention each theme.

Each mention carries the emotions of its clause (and those of a short clause
without a theme beside it, see :func:`cxtext.analyze`), so a theme's emotion mix
is counted over its mentions: "frustration on 12 of 40 waiting-time mentions".
The overall mix (per comment) is ``result.comments["emotions"]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cxtext.emotion.definitions import EMOTIONS
from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores._base import emotion_ids, mention_rows

__all__ = ["theme_emotions"]


def theme_emotions(result: Any, *, normalize: bool = False, top: int | None = None) -> pd.DataFrame:
    """How many of each theme's mentions carry each CX emotion.

    Parameters
    ----------
    result : AnalysisResult
        The output of :func:`cxtext.analyze` (or of :func:`cxtext.report.load_result`:
        ``emotions`` cells written as ``"a;b"`` are read too).
    normalize : bool, default=False
        Give each emotion as a share of the theme's mentions instead of a count.
    top : int, optional
        Keep only the ``top`` themes with the most mentions.

    Returns
    -------
    pandas.DataFrame
        One row per theme (most mentioned first, index ``theme``) with
        ``mentions``, ``with_emotion`` (mentions carrying at least one emotion)
        and one column per emotion id of :data:`cxtext.emotion.EMOTIONS`, in that
        order. With ``normalize=True`` ``with_emotion`` and the emotion columns
        are shares of ``mentions``; ``mentions`` stays a count.

    Raises
    ------
    ColumnNotFoundError
        The mentions table has no ``emotions`` column (emotions were switched off).
    ConfigError
        ``top`` is not a positive int.

    Examples
    --------
    >>> import cxtext
    >>> res = cxtext.analyze(["The app keeps crashing. So frustrating.", "The app is great, thank you!"])
    >>> table = res.theme_emotions()
    >>> int(table.loc["digital_experience", "mentions"]), int(table.loc["digital_experience", "frustration"])
    (2, 1)
    """
    if top is not None and (not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1):
        raise ConfigError(f"[CX301] 'top' must be a positive int or None. Got {top!r}.")
    mn = mention_rows(result)
    if "emotions" not in mn.columns:
        raise ColumnNotFoundError("emotions", available=list(mn.columns), role="mentions")
    columns = ["mentions", "with_emotion", *EMOTIONS]
    known = set(EMOTIONS)
    counts: dict[str, dict[str, int]] = {}
    for theme, cell in zip(mn["theme"].astype(str), mn["emotions"].tolist()):
        row = counts.setdefault(theme, dict.fromkeys(columns, 0))
        found = [e for e in emotion_ids(cell) if e in known]
        row["mentions"] += 1
        row["with_emotion"] += bool(found)
        for emotion in found:
            row[emotion] += 1
    table = pd.DataFrame.from_dict(counts, orient="index", columns=columns).astype(int)
    table.index.name = "theme"
    table = table.sort_values("mentions", ascending=False, kind="stable")
    if top is not None:
        table = table.head(int(top))
    if normalize:
        shares = table[columns[1:]].div(table["mentions"], axis=0)
        table = pd.concat([table[["mentions"]], shares], axis=1)
    return table
