"""The texts a model's ``fit``/``predict`` was given, as a list of ``str``.

scikit-learn users hand text models many shapes: lists, Series, one-column
DataFrames (``df[["text"]]`` inside a Pipeline), 1-D or one-column arrays. A
DataFrame iterates over its column *names* and a single string over its
characters, so reading ``X`` with ``for t in X`` gave one prediction for a
1,000-row frame and 13 for ``"great service"``. This module reads them all the
same way, refuses what cannot be a sequence of texts, and turns missing values
into empty texts (not the words "None" and "nan"). The fast models, their
blends, the tuned models and the theme taggers all read their texts here.
"""

from __future__ import annotations

from typing import Any

from cxtext.errors import InputError

__all__ = ["as_texts"]


def as_texts(X: Any, owner: str = "This model", *, wrap: str = "[text]") -> list[str]:
    """``X`` as a list of texts; missing values become ``""``.

    Parameters
    ----------
    X : sequence of str, pandas Series, one-column DataFrame or array
        The texts.
    owner : str
        Who asks, for the error message (e.g. ``"FastSentimentClassifier"``).
    wrap : str, default="[text]"
        How the error message tells a caller to wrap one string (``"tagger.tag([text])"``).

    Raises
    ------
    InputError
        ``[CX108]`` one string instead of a list, a table of several columns, or
        something that is not a sequence.

    Examples
    --------
    >>> import pandas as pd
    >>> as_texts(pd.DataFrame({"text": ["great", None]})), as_texts(["ok", float("nan"), 3])
    (['great', ''], ['ok', '', '3'])
    >>> as_texts("great service")
    Traceback (most recent call last):
    ...
    cxtext.errors.InputError: [CX108] This model takes a list of texts, got one string ('great service'). Wrap it: [text].
    """
    import numpy as np
    import pandas as pd

    from cxtext.io.cells import is_missing

    if isinstance(X, (str, bytes)):
        shown = X if len(X) <= 40 else X[:39] + "…"
        raise InputError(f"[CX108] {owner} takes a list of texts, got one string ({shown!r}). Wrap it: {wrap}.")
    if isinstance(X, pd.DataFrame):
        if X.shape[1] != 1:
            raise InputError(
                f"[CX108] {owner} takes one column of texts, got a table with columns {list(X.columns)!r}. "
                "Select the text column: X[\"text\"] (or a ColumnTransformer in a Pipeline)."
            )
        X = X.iloc[:, 0]
    elif isinstance(X, np.ndarray) and X.ndim == 2:
        if X.shape[1] != 1:
            raise InputError(f"[CX108] {owner} takes one column of texts, got an array of shape {X.shape}.")
        X = X[:, 0]
    try:
        items = list(X)
    except TypeError:
        raise InputError(f"[CX108] {owner} takes a sequence of texts, got {type(X).__name__}.") from None
    return [t if type(t) is str else ("" if is_missing(t) else str(t)) for t in items]
