"""cxtext: customer feedback into sentiment, CX themes and score drivers.

>>> import cxtext, pandas as pd
>>> df = pd.DataFrame({"id": [1, 2], "comment": ["Lovely staff", "n/a"]})
>>> result = cxtext.analyze(df, text="comment", id="id")
>>> result.comments["sentiment"].tolist()
['positive', nan]
"""

import logging as _logging

from cxtext import accessor as _accessor  # noqa: F401  registers DataFrame.cx (documented)
from cxtext import plots  # charts; imports altair/matplotlib only when drawing
from cxtext.analyzer import AnalysisResult, Analyzer, analyze
from cxtext.discovery import (
    candidate_to_theme,
    candidates_to_taxonomy,
    discover,
    discover_stability,
    unmatched_clauses,
)
from cxtext.engine import analyze_dask
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
    NotAnalysedError,
    NotAvailableError,
    NotFittedError,
    UnreadableFileError,
    UnsupportedFormatError,
    WorkerError,
)
from cxtext.evaluate import EvaluationReport, evaluate_sentiment
from cxtext.io import iter_table, read_table, write_table
from cxtext.scores import (
    NPSResult,
    Scale,
    ScoreWarning,
    ces_scale,
    check_scores,
    csat_scale,
    drivers,
    fft_scale,
    join_scores,
    nps,
    nps_scale,
    review_queue,
    score_trends,
    theme_emotions,
    theme_table,
    theme_trends,
)
from cxtext.sentiment.train import train_sentiment
from cxtext.themes import Taxonomy, load_taxonomy
from cxtext.themes.evaluate import ThemeReport, evaluate_themes
from cxtext.themes.supervised import ThemeClassifier, load_theme_model, train_themes

__version__ = "0.1.0"

__all__ = [
    "AnalysisResult",
    "Analyzer",
    "ColumnNotFoundError",
    "ConfigError",
    "CxTextError",
    "DuplicateIdError",
    "EmptyInputError",
    "EvaluationReport",
    "InputError",
    "ModelError",
    "ModelIntegrityError",
    "ModelNotFoundError",
    "ModelVersionError",
    "NPSResult",
    "NotAnalysedError",
    "NotAvailableError",
    "NotFittedError",
    "Scale",
    "ScoreWarning",
    "Taxonomy",
    "ThemeClassifier",
    "ThemeReport",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "WorkerError",
    "__version__",
    "analyze",
    "analyze_dask",
    "candidate_to_theme",
    "candidates_to_taxonomy",
    "ces_scale",
    "check_scores",
    "csat_scale",
    "discover",
    "discover_stability",
    "drivers",
    "evaluate_sentiment",
    "evaluate_themes",
    "fft_scale",
    "iter_table",
    "join_scores",
    "load_taxonomy",
    "load_theme_model",
    "nps",
    "nps_scale",
    "plots",
    "read_table",
    "review_queue",
    "score_trends",
    "theme_emotions",
    "theme_table",
    "theme_trends",
    "train_sentiment",
    "train_themes",
    "unmatched_clauses",
    "write_table",
]

for _name in ("analyze", "Analyzer", "AnalysisResult"):
    globals()[_name].__module__ = "cxtext"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())
