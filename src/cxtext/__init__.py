"""cxtext: customer feedback into sentiment, CX themes and score drivers.

>>> import cxtext, pandas as pd
>>> df = pd.DataFrame({"id": [1, 2], "comment": ["Lovely staff", "n/a"]})
>>> result = cxtext.analyze(df, text="comment", id="id")
>>> result.comments["sentiment"].tolist()
['positive', nan]
"""

import logging as _logging

from cxtext.analyzer import AnalysisResult, Analyzer, analyze
from cxtext.errors import (
    ColumnNotFoundError,
    ConfigError,
    CxTextError,
    DuplicateIdError,
    EmptyInputError,
    InputError,
    ModelError,
    ModelIntegrityError,
    ModelNotFoundError,
    ModelVersionError,
    NotAvailableError,
    NotFittedError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from cxtext.io import iter_table, read_table, write_table
from cxtext.themes import Taxonomy, load_taxonomy

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "analyze",
    "Analyzer",
    "AnalysisResult",
    "load_taxonomy",
    "Taxonomy",
    "read_table",
    "iter_table",
    "write_table",
    "CxTextError",
    "InputError",
    "ColumnNotFoundError",
    "EmptyInputError",
    "DuplicateIdError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "ModelError",
    "ModelNotFoundError",
    "ModelIntegrityError",
    "ModelVersionError",
    "ConfigError",
    "NotFittedError",
    "NotAvailableError",
]

for _name in ("analyze", "Analyzer", "AnalysisResult"):
    globals()[_name].__module__ = "cxtext"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())
