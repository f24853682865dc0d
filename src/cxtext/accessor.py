"""The ``df.cx`` pandas accessor: cxtext from a DataFrame, in notebook style.

Importing this module registers the accessor (``import cxtext`` does so).
If another package already registered a ``cx`` accessor, a warning is issued
and that one is kept; :func:`register_accessor` with ``force=True`` replaces it.

Every method is a thin shell over the public API:

* ``df.cx.analyze(text="comment", ...)`` -> :class:`cxtext.AnalysisResult`
  on any frame;
* on an analysed comments table (``result.comments``): ``df.cx.themes()``
  (theme counts), ``df.cx.sentiment()`` (sentiment split) and
  ``df.cx.mentions_of(theme)`` (the comments that mention a theme).

Examples
--------
>>> import cxtext, pandas as pd
>>> df = pd.DataFrame({"comment": ["The staff were lovely", "I waited four hours"]})
>>> comments = df.cx.analyze(text="comment").comments
>>> comments.cx.themes()["theme"].tolist()
['staff_attitude', 'waiting_time']
"""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from cxtext.analyzer import AnalysisResult

__all__ = ["CxAccessor", "register_accessor"]

logger = logging.getLogger(__name__)

_NAME = "cx"


class CxAccessor:
    """cxtext methods on a DataFrame, available as ``df.cx``.

    Parameters
    ----------
    pandas_obj : pandas.DataFrame
        The frame the accessor is attached to.

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> res = pd.DataFrame({"c": ["Great staff", "n/a"]}).cx.analyze(text="c")
    >>> int(res.comments.cx.sentiment().loc["positive", "comments"])
    1
    """

    def __init__(self, pandas_obj: pd.DataFrame) -> None:
        # Nothing to check here: analyze() works on any frame; the other methods
        # check for the analysis columns they need.
        self._obj = pandas_obj

    # -- raw frames ----------------------------------------------------------
    def analyze(self, text: str, id: str | None = None, question: str | None = None, *,
                preset: str = "fast", **options: Any) -> AnalysisResult:
        """Analyse this frame; see :meth:`cxtext.Analyzer.analyze`.

        Parameters
        ----------
        text : str
            Name of the comment column.
        id, question : str, optional
            Id column and survey-prompt column.
        preset : str, default "fast"
            Model preset.
        **options
            Passed to :class:`cxtext.Analyzer` (``taxonomy=``, ``sentiment=`` ...).

        Returns
        -------
        AnalysisResult

        Examples
        --------
        >>> import cxtext, pandas as pd
        >>> res = pd.DataFrame({"c": ["The courier lost my parcel"]}).cx.analyze(text="c")
        >>> res.comments["themes"][0]
        ['delivery']
        """
        from cxtext.analyzer import Analyzer

        return Analyzer(preset=preset, **options).analyze(self._obj, text=text, id=id,
                                                          question=question)

    # -- analysed comments ---------------------------------------------------
    def _need(self, method: str, columns: tuple[str, ...]) -> pd.DataFrame:
        missing = [c for c in columns if c not in self._obj.columns]
        if missing:
            from cxtext.errors import NotAnalysedError

            raise NotAnalysedError(
                f"[CX120] df.cx.{method}() works on an analysed comments table and this frame "
                f"has no {', '.join(repr(c) for c in missing)} column. Run "
                "result = df.cx.analyze(text=...) (or cxtext.analyze) and call it on "
                "result.comments."
            )
        return self._obj

    def themes(self) -> pd.DataFrame:
        """Comments per theme, most frequent first.

        Returns
        -------
        pandas.DataFrame
            ``theme``, ``comments`` and ``share`` (of comments with a sentiment,
            i.e. those the models scored).

        Examples
        --------
        >>> import cxtext, pandas as pd
        >>> cm = pd.DataFrame({"c": ["Rude staff", "Long wait, rude staff"]}).cx.analyze(text="c").comments
        >>> top = cm.cx.themes().iloc[0]
        >>> top["theme"], int(top["comments"]), float(top["share"])
        ('staff_attitude', 2, 1.0)
        """
        df = self._need("themes", ("themes", "sentiment"))
        counts = _theme_lists(df["themes"]).explode().dropna().value_counts()
        scored = max(int(df["sentiment"].notna().sum()), 1)
        out = pd.DataFrame({"theme": counts.index.astype(str), "comments": counts.to_numpy()})
        out["share"] = out["comments"] / scored
        return out.reset_index(drop=True)

    def sentiment(self) -> pd.DataFrame:
        """Sentiment split of the scored comments.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``negative``, ``neutral``, ``positive`` with ``comments``
            and ``share``; comments without sentiment (empty, non-answers,
            other languages) are left out.

        Examples
        --------
        >>> import cxtext, pandas as pd
        >>> cm = pd.DataFrame({"c": ["Great staff", "Awful wait"]}).cx.analyze(text="c").comments
        >>> cm.cx.sentiment()["comments"].tolist()
        [1, 0, 1]
        """
        df = self._need("sentiment", ("sentiment",))
        labels = ["negative", "neutral", "positive"]
        found = sorted(set(df["sentiment"].dropna().astype(str)) - set(labels))
        counts = df["sentiment"].dropna().astype(str).value_counts().reindex(labels + found, fill_value=0)
        out = pd.DataFrame({"comments": counts.astype(int)})
        out.index.name = "sentiment"
        out["share"] = out["comments"] / max(int(out["comments"].sum()), 1)
        return out

    def mentions_of(self, theme: str) -> pd.DataFrame:
        """The comments that mention ``theme`` (rows of this table).

        Parameters
        ----------
        theme : str
            A theme id, e.g. ``"waiting_time"``. A theme nobody mentions gives an
            empty frame.

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import cxtext, pandas as pd
        >>> cm = pd.DataFrame({"c": ["Rude staff", "Great app"]}).cx.analyze(text="c").comments
        >>> cm.cx.mentions_of("staff_attitude")["c"].tolist()
        ['Rude staff']
        """
        df = self._need("mentions_of", ("themes",))
        if not isinstance(theme, str):
            from cxtext.errors import ConfigError

            raise ConfigError(f"[CX120] mentions_of() takes a theme id (str), got {type(theme).__name__}: "
                              "call it once per theme.")
        if theme != theme.strip().lower() or " " in theme:
            from cxtext.errors import ConfigError

            raise ConfigError(f"[CX120] {theme!r} is not a theme id: ids are lower case with underscores "
                              f"({theme.strip().lower().replace(' ', '_')!r}).")
        mask = _theme_lists(df["themes"]).map(lambda ts: theme in ts)
        return df[mask.astype(bool)]


def _theme_lists(themes: pd.Series) -> pd.Series:
    """Each cell's theme ids as a list: lists as they are, ``"a;b"`` text (an output file read
    with plain pandas: the writers join lists with ``;``) split, missing values empty.

    >>> _theme_lists(pd.Series([["a", "b"], "a;c", "", None, float("nan")])).tolist()
    [['a', 'b'], ['a', 'c'], [], [], []]
    """
    from cxtext.io.cells import text_to_list  # as cxtext.report.load_result reads them

    return themes.map(text_to_list)


def register_accessor(force: bool = False) -> bool:
    """Register :class:`CxAccessor` as ``DataFrame.cx``.

    Parameters
    ----------
    force : bool, default False
        Replace an existing ``cx`` accessor registered by another package.

    Returns
    -------
    bool
        Whether ``DataFrame.cx`` is now cxtext's accessor.

    Examples
    --------
    >>> register_accessor()
    True
    """
    current = getattr(pd.DataFrame, _NAME, None)  # the accessor class, for a registered accessor
    ours = current is CxAccessor or (
        getattr(current, "__module__", None) == __name__ and getattr(current, "__qualname__", None) == "CxAccessor"
    )
    if current is CxAccessor and not force:
        return True
    if current is not None and not ours and not force:
        warnings.warn(
            f"pandas.DataFrame already has a {_NAME!r} attribute from another package; cxtext "
            "kept it and did not register its accessor. Call "
            "cxtext.accessor.register_accessor(force=True) to replace it.",
            UserWarning, stacklevel=2,
        )
        return False
    # Replacing ours (module reloaded) or a forced replace: pandas' override warning is noise.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        pd.api.extensions.register_dataframe_accessor(_NAME)(CxAccessor)
    return True


register_accessor()
