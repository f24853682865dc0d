"""The cxtext exception tree.

Every error cxtext raises on purpose derives from :class:`CxTextError`, so a caller
(or the CLI) can catch one class and show a clear message without a traceback.
Messages carry a stable code and say what to do next:

====== =========================================================================
CX100  analyze() given no text column / an unusable input object
CX101  a named column does not exist (lists the columns that do)
CX102  no data rows (empty file, header only)
CX103  duplicate ids (names them)
CX104  file missing, unreadable or malformed
CX105  unsupported file format (lists the supported ones)
CX106  a later chunk brings columns the first did not have
CX107  a value does not fit the column type fixed by the first Parquet chunk
CX108  unusable training labels
CX109  empty ids
CX110  a shared dataset file is not available
CX111  unknown dataset or rating scale
CX112  an id column named like a column cxtext writes
CX113  the comment column given as the id while personal data is redacted
CX15x  text cleaning
CX201  model not found (lists the models that exist)
CX202  unreadable or incomplete model manifest
CX203  a model file's sha256 differs from its manifest (refused)
CX204  model built for another cxtext version range
CX205  a model folder of another kind
CX206  the MiniLM encoder package is missing
CX301  invalid parameter value
CX302  unknown text encoding
CX303  output folder missing, or the output path is a directory
CX304  invalid sentiment/themes component
CX305  unknown preset
CX306  component not shipped in this version
CX307  the output (or a file written beside it) is the input file
CX31x  taxonomy files (missing, invalid YAML, bad content, duplicate/unknown id)
CX320  estimator not fitted
CX330  --resume with a changed input file
CX331  --resume with different options
CX332  checkpoint unreadable
CX333  dask missing or scheduler unreachable
CX334  another run is writing the same output
CX335  --resume after the cxtext version or a model's version changed
CX336  a worker process died (e.g. killed for memory)
CX401  invalid score values (reported as a warning, never coerced)
CX402  no valid scores
CX403  invalid dates, or a day/month order that is ambiguous or mixed (warning)
CX404  no period column: call join_scores(date=...) first
CX405  drivers fitted on fewer than ten comments per indicator (warning)
====== =========================================================================

::

    CxTextError
    ├── InputError                 bad data handed to cxtext
    │   ├── ColumnNotFoundError    (also a KeyError) a named column is missing
    │   ├── EmptyInputError        no rows / empty file
    │   ├── DuplicateIdError       ids are not unique
    │   ├── UnreadableFileError    file missing, unreadable or malformed
    │   ├── UnsupportedFormatError unknown file extension / format
    │   └── NotAnalysedError       (also an AttributeError) df.cx.* on a frame cxtext did not analyse
    ├── ModelError                 a model cannot be used
    │   ├── ModelNotFoundError     no model under that name or path
    │   ├── ModelIntegrityError    a file's sha256 differs from the manifest
    │   └── ModelVersionError      model built for another cxtext version
    ├── ConfigError                invalid parameter or configuration file
    ├── WorkerError                (also a RuntimeError) a worker process died mid-run
    ├── NotFittedError             (also sklearn's) estimator used before fit
    └── NotAvailableError          (also NotImplementedError) feature not shipped yet
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sklearn.exceptions import NotFittedError as _SklearnNotFittedError

__all__ = [
    "ColumnNotFoundError",
    "ConfigError",
    "CxTextError",
    "DuplicateIdError",
    "EmptyInputError",
    "InputError",
    "ModelError",
    "ModelIntegrityError",
    "ModelNotFoundError",
    "ModelVersionError",
    "NotAnalysedError",
    "NotAvailableError",
    "NotFittedError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "WorkerError",
    "check_fitted",
]


def _preview(items: Iterable[object], limit: int = 10) -> str:
    """Join up to ``limit`` items for a message, saying how many were left out."""
    items = [str(i) for i in items]
    shown = ", ".join(repr(i) for i in items[:limit])
    if len(items) > limit:
        shown += f" … (+{len(items) - limit} more)"
    return shown


class CxTextError(Exception):
    """Base class of every error cxtext raises on purpose."""


class InputError(CxTextError):
    """The data handed to cxtext cannot be analysed as given."""


def _close_name(name: str, names: Sequence[str]) -> str | None:
    """The one name in ``names`` equal to ``name`` but for case, spaces and ``_``/``-``."""

    def key(n: str) -> str:
        return "".join(ch for ch in n.casefold() if ch.isalnum())

    wanted = key(name)
    matches = [n for n in names if wanted and key(n) == wanted]
    return matches[0] if len(matches) == 1 else None


class ColumnNotFoundError(InputError, KeyError):
    """A column named by the caller does not exist.

    Parameters
    ----------
    column : str
        The column that was asked for.
    available : sequence of str
        The columns that exist, listed in the message.
    role : str, optional
        What the column was for (``"text"``, ``"id"`` ...), used in the message.
    """

    def __init__(self, column: object, *, available: Sequence[object], role: str = "") -> None:
        self.column = column
        self.available = [str(c) for c in available]
        what = f"{role} column" if role else "Column"
        what = what[0].upper() + what[1:]
        guess = _close_name(str(column), self.available)
        # a file without a header row shows its first data row as the column names (GoEmotions' .tsv files)
        data_like = not guess and any(len(c) > 40 or c.strip().lstrip("-").replace(".", "", 1).isdigit()
                                      for c in self.available)
        msg = (
            f"[CX101] {what} {column!r} not found."
            + (f" Did you mean {guess!r}?" if guess else "")
            + f" Available columns: {_preview(self.available, 50)}. Pass one of these names."
            + (" These names look like a row of data: if the file has no header row, add one naming its "
               "columns (e.g. text,label) first." if data_like else "")
        )
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


class EmptyInputError(InputError):
    """The input has no rows (or the file is empty)."""


class DuplicateIdError(InputError):
    """The id column holds the same id more than once.

    Parameters
    ----------
    column : str or None
        The id column; ``None`` when the frame's index labels serve as ids.
    duplicates : sequence
        The ids that occur more than once.
    note : str, optional
        A sentence added to the message (e.g. why two ids count as one).
    """

    def __init__(self, column: object, duplicates: Sequence[object], *, note: str = "") -> None:
        self.column = column
        self.duplicates = list(duplicates)
        extra = f" {note}" if note else ""
        if column is None:  # no id column: the frame's index labels are the ids
            super().__init__(
                f"[CX103] The frame's index is not unique: {len(self.duplicates)} label(s) occur "
                f"more than once: {_preview(self.duplicates)}.{extra} Without id=..., a mention's "
                "comment_id is its comment's index label, so labels must identify one row each: "
                "pass id='<a unique id column>', or reset the index (df.reset_index(drop=True); "
                "pd.concat(..., ignore_index=True) when stacking exports)."
            )
            return
        super().__init__(
            f"[CX103] Id column {column!r} is not unique: {len(self.duplicates)} id(s) occur "
            f"more than once: {_preview(self.duplicates)}.{extra} Ids must identify one row each; "
            "fix the export or omit the id option to use row numbers."
        )


class UnreadableFileError(InputError):
    """A file is missing, unreadable or malformed."""


class UnsupportedFormatError(InputError):
    """A file format cxtext cannot read or write."""


class NotAnalysedError(InputError, AttributeError):
    """A ``df.cx`` method that reads analysis columns was called on a frame without them.

    Also an :class:`AttributeError`, as pandas accessors raise for what a frame lacks.
    """


class ModelError(CxTextError):
    """A model cannot be loaded or used."""


class ModelNotFoundError(ModelError):
    """No model exists under the given name or path."""


class ModelIntegrityError(ModelError):
    """A model file does not match the sha256 recorded in its manifest."""


class ModelVersionError(ModelError):
    """A model was built for a cxtext version range that excludes this one."""


class ConfigError(CxTextError, ValueError):
    """An invalid parameter value or configuration file."""


class WorkerError(CxTextError, RuntimeError):
    """A worker process analysing chunks died (killed, e.g. by the out-of-memory killer).

    Not a fault of the data or the options: the run stopped, and what was
    committed before can be resumed.
    """


class NotFittedError(CxTextError, _SklearnNotFittedError):
    """An estimator was used before ``fit``; also a scikit-learn ``NotFittedError``."""


def check_fitted(estimator: object, attributes: list[str], how: str) -> None:
    """Raise :class:`NotFittedError` (CX320) unless ``estimator`` has ``attributes``.

    ``how`` tells the user how to fit it; the message names the class.

    Examples
    --------
    >>> from sklearn.base import BaseEstimator
    >>> class Model(BaseEstimator):
    ...     def fit(self):
    ...         self.coef_ = 1
    ...         return self
    >>> check_fitted(Model().fit(), ["coef_"], "Call fit().")
    >>> try:
    ...     check_fitted(Model(), ["coef_"], "Call fit().")
    ... except NotFittedError as err:
    ...     print(err)
    [CX320] This Model instance is not fitted yet. Call fit().
    """
    from sklearn.utils.validation import check_is_fitted

    try:
        check_is_fitted(estimator, attributes)
    except _SklearnNotFittedError:
        raise NotFittedError(
            f"[CX320] This {type(estimator).__name__} instance is not fitted yet. {how}"
        ) from None


class NotAvailableError(CxTextError, NotImplementedError):
    """A documented feature that this version of cxtext does not provide yet."""
