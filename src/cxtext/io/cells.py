"""Turn DataFrame cells into values each output format can hold.

One job: per-cell conversion for the writers, plus spreadsheet
formula-injection protection (``excel_safe``).

Formula injection (CWE-1236): a spreadsheet treats a cell starting with
``=``, ``+``, ``-`` or ``@`` (and, in some programs, tab or carriage return)
as a formula, so a customer comment such as ``=HYPERLINK("http://evil", "x")``
or ``-2+3+cmd|' /C calc'!A0`` would run when an analyst opens the export. We
follow OWASP's advice and prefix such cells with a single quote ``'``, with two
deliberate exceptions that cannot carry a formula:

* plain numbers written as text: ``-5``, ``+3.5``, ``-1e-3`` stay as they are
  (CSV readers in cxtext read every column as text, so re-exported numeric
  columns would otherwise be corrupted);
* strings made only of dashes (``-``, ``--``, ``---``), the classic
  "no answer" and separator values.

Everything else starting with a trigger character is prefixed, including
phone numbers such as ``+44 20 7946 0000`` (Excel would parse them as a
formula) and bullet-style comments such as ``- slow delivery``.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = [
    "FORMULA_TRIGGERS",
    "escape_formula",
    "is_missing",
    "looks_escaped",
    "needs_formula_escape",
    "text_to_list",
    "to_json_value",
    "to_text",
    "to_text_list",
]

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_ONLY_DASHES = re.compile(r"-+\Z")
_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps builds a new encoder per call with these options


def needs_formula_escape(value: str) -> bool:
    """Whether a text cell would be read as a formula by a spreadsheet.

    Examples
    --------
    >>> [needs_formula_escape(v) for v in ["=1+1", "@SUM(A1)", "-5", "-", "- slow", "ok"]]
    [True, True, False, False, True, False]
    """
    if not value or not value.startswith(FORMULA_TRIGGERS):
        return False
    return not (_PLAIN_NUMBER.match(value) or _ONLY_DASHES.match(value))


def escape_formula(value: str) -> str:
    """Prefix ``value`` with ``'`` if a spreadsheet would evaluate it.

    A value that already reads as escaped (``"'=x"``, typed so) gets the prefix
    too, so that readers which drop one ``'`` before a formula trigger
    (:func:`cxtext.report.load_result`) give back exactly what was written.

    Examples
    --------
    >>> escape_formula('=HYPERLINK("http://x")'), escape_formula("-5"), escape_formula("fine")
    ('\\'=HYPERLINK("http://x")', '-5', 'fine')
    >>> escape_formula("'-typed"), escape_formula("'fine")
    ("''-typed", "'fine")
    """
    return "'" + value if needs_formula_escape(value) or looks_escaped(value) else value


def looks_escaped(value: str) -> bool:
    """Whether ``value`` reads as a cell :func:`escape_formula` prefixed: ``'`` before one.

    Readers drop one ``'`` from such a cell; :func:`escape_formula` prefixes a
    value that already looks so, which keeps writing and reading exact.

    Examples
    --------
    >>> [looks_escaped(v) for v in ["'=SUM(A1)", "''-x", "'fine", "'-5", "=x"]]
    [True, True, False, False, False]
    """
    while value[:1] == "'":
        value = value[1:]
        if needs_formula_escape(value):
            return True
    return False


def is_missing(value: Any) -> bool:
    """``None``, ``NaN``, ``NaT`` and ``pd.NA`` are missing; containers never are.

    Examples
    --------
    >>> import pandas as pd
    >>> [is_missing(v) for v in [None, float("nan"), pd.NA, pd.NaT, "", [], 0]]
    [True, True, True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, (str, bytes, list, tuple, dict, set, np.ndarray)):
        return False
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, frozenset, np.ndarray))


def to_json_value(value: Any) -> Any:
    """A JSON-serialisable version of ``value`` (numpy/pandas scalars unwrapped).

    Missing values become ``None``, sequences lists, timestamps ISO 8601 text.

    Examples
    --------
    >>> import numpy as np
    >>> to_json_value({"a": np.int64(2), "b": (1, float("nan"))})
    {'a': 2, 'b': [1, None]}
    """
    kind = type(value)  # exact built-in types first: the common cells, without isinstance chains
    if kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        return None if math.isnan(value) else (str(value) if math.isinf(value) else value)
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if _is_sequence(value):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [to_json_value(v) for v in items]
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        return str(value)  # JSON has no infinity
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def to_text(value: Any, *, list_sep: str = ";") -> str:
    """One cell as text for CSV/XLSX: lists joined with ``;``, dicts as JSON.

    Missing values (and missing list items) become ``""``.

    Examples
    --------
    >>> to_text(["waiting_time", "staff_attitude"]), to_text({"a": 1}), to_text(None)
    ('waiting_time;staff_attitude', '{"a": 1}', '')
    """
    if isinstance(value, str):
        return value
    if value is None:  # duplicate_of and effort, mostly: before the slower checks below
        return ""
    if type(value) is list:  # theme and emotion lists, the common case: str items only
        try:
            return list_sep.join(value)
        except TypeError:  # an item is not text: each item on its own, below
            pass
    if type(value) is dict and all(type(k) is str and type(v) is float and math.isfinite(v)
                                   for k, v in value.items()):
        return _JSON.encode(value)  # emotion scores: JSON-ready already
    if isinstance(value, Mapping):
        return _JSON.encode(to_json_value(value))
    if _is_sequence(value):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return list_sep.join(to_text(v, list_sep=list_sep) for v in items)
    if is_missing(value):
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def text_to_list(value: Any) -> list[str]:
    """A list cell read back: lists as they are, ``"a;b"`` (as :func:`to_text` writes
    lists) or a JSON list split, missing values empty.

    Examples
    --------
    >>> [text_to_list(v) for v in (["a", "b"], "a; c", '["x", "y"]', "", None, float("nan"))]
    [['a', 'b'], ['a', 'c'], ['x', 'y'], [], [], []]
    """
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(x) for x in value if not is_missing(x) and str(x) != ""]
    if is_missing(value):
        return []
    text = str(value).strip()
    if text.startswith("["):  # JSON written by a user tool
        try:
            return [str(x) for x in json.loads(text)]
        except ValueError:
            pass
    return [t.strip() for t in text.split(";") if t.strip()]


def text_to_dict(value: Any) -> dict[str, float]:
    """A mapping cell read back (``emotion_scores``): dicts as they are, JSON objects parsed,
    missing or unreadable values empty.

    Examples
    --------
    >>> [text_to_dict(v) for v in ({"anger": 0.5}, '{"anger": 0.25}', "", None, float("nan"), "oops")]
    [{'anger': 0.5}, {'anger': 0.25}, {}, {}, {}, {}]
    """
    if isinstance(value, Mapping):
        return {str(k): float(v) for k, v in value.items() if not is_missing(v)}
    if is_missing(value):
        return {}
    text = str(value).strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return {}
        if isinstance(parsed, dict):
            return {str(k): float(v) for k, v in parsed.items() if isinstance(v, (int, float))}
    return {}


def to_text_list(value: Any) -> list[str | None] | None:
    """A Parquet ``list<string>`` cell: items as text, missing as ``None``.

    Examples
    --------
    >>> to_text_list(("a", 1)), to_text_list(None)
    (['a', '1'], None)
    """
    if is_missing(value):
        return None
    if not _is_sequence(value):
        value = [value]
    items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
    return [None if is_missing(v) else to_text(v) for v in items]
