"""The emotion mix per theme: how customers feel where they mention each theme.

Each mention carries the emotions of its clause (and those of a short clause
without a theme beside it, see :func:`cxtext.analyze`). A theme's emotion mix is
counted over the comments that name it, like the theme table's counts: a comment
feels an emotion about a theme when any of its mentions of that theme carries it
("frustration in 12 of 40 comments about waiting time"), so a comment that names a
theme in two clauses counts once. The overall mix (per comment, read from the
whole comment, and from its clauses too when it is long) is ``result.comments["emotions"]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cxtext.emotion.definitions import EMOTIONS
from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores._base import emotion_ids, mention_rows, require_emotions

__all__ = ["theme_emotions"]


def theme_emotions(result: Any, *, normalize: bool = False, top: int | None = None) -> pd.DataFrame:
    """How many of the comments naming each theme feel each CX emotion about it.

    Parameters
    ----------
    result : AnalysisResult
        The output of :func:`cxtext.analyze` (or of :func:`cxtext.report.load_result`:
        ``emotions`` cells written as ``"a;b"`` are read too).
    normalize : bool, default=False
        Give each emotion as a share of the comments naming the theme instead of a count.
    top : int, optional
        Keep only the ``top`` themes named by the most comments.

    Returns
    -------
    pandas.DataFrame
        One row per theme (named by the most comments first, index ``theme``)
        with ``comments`` (naming the theme), ``mentions`` (its mentions),
        ``with_emotion`` (comments feeling at least one emotion about it) and one
        column per emotion id of :data:`cxtext.emotion.EMOTIONS`, in that order.
        With ``normalize=True`` ``with_emotion`` and the emotion columns are
        shares of ``comments``; ``comments`` and ``mentions`` stay counts.

    Raises
    ------
    ColumnNotFoundError
        The mentions table has no ``emotions`` column.
    InputError
        ``[CX406]``: the result was analysed with emotions switched off.
    ConfigError
        ``top`` is not a positive int.

    Examples
    --------
    >>> import cxtext
    >>> res = cxtext.analyze(["The app keeps crashing. So frustrating.", "The app is great, thank you!"])
    >>> table = res.theme_emotions()
    >>> int(table.loc["digital_experience", "comments"]), int(table.loc["digital_experience", "frustration"])
    (2, 1)
    """
    if top is not None and (not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1):
        raise ConfigError(f"[CX301] 'top' must be a positive int or None. Got {top!r}.")
    require_emotions(result, "theme_emotions()")
    mn = mention_rows(result)
    if "emotions" not in mn.columns:
        raise ColumnNotFoundError("emotions", available=list(mn.columns), role="mentions")
    columns = ["comments", "mentions", "with_emotion", *EMOTIONS]
    known = set(EMOTIONS)
    felt: dict[tuple[str, Any], set[str]] = {}  # (theme, comment) -> emotions on any of its mentions
    mentions: dict[str, int] = {}
    for theme, comment, cell in zip(mn["theme"].astype(str), mn["row"].tolist(), mn["emotions"].tolist()):
        felt.setdefault((theme, comment), set()).update(e for e in emotion_ids(cell) if e in known)
        mentions[theme] = mentions.get(theme, 0) + 1
    counts: dict[str, dict[str, int]] = {}
    for (theme, _), found in felt.items():
        row = counts.setdefault(theme, dict.fromkeys(columns, 0))
        row["comments"] += 1
        row["with_emotion"] += bool(found)
        for emotion in found:
            row[emotion] += 1
    for theme, n in mentions.items():
        counts[theme]["mentions"] = n
    table = pd.DataFrame.from_dict(counts, orient="index", columns=columns).astype(int)
    table.index.name = "theme"
    table = table.sort_values(["comments", "mentions"], ascending=False, kind="stable")
    if top is not None:
        table = table.head(int(top))
    if normalize:
        shares = table[columns[2:]].div(table["comments"], axis=0)
        table = pd.concat([table[["comments", "mentions"]], shares], axis=1)
    return table
