"""Comment preprocessing: normalise text, redact personal data, flag non-answers and
duplicates, detect language, split into clauses.

Each step is a small function or class in its own module; :class:`Cleaner` runs the
per-comment steps over a column. Duplicate flagging (:class:`DuplicateFinder`, which
keeps state across chunks) and clause splitting (:func:`split_clauses`) are called
separately by the pipeline.

>>> from cxtext.clean import Cleaner
>>> Cleaner().transform(["Great service!", None])["is_empty"].tolist()
[False, True]
"""

from cxtext.clean.dedup import DuplicateFinder
from cxtext.clean.language import detect_language
from cxtext.clean.nonanswers import is_non_answer_text, rating_answer
from cxtext.clean.normalise import Cleaner, normalise_text
from cxtext.clean.pii import redact_pii
from cxtext.clean.segment import Clause, split_clauses

__all__ = [
    "Clause",
    "Cleaner",
    "DuplicateFinder",
    "detect_language",
    "is_non_answer_text",
    "normalise_text",
    "rating_answer",
    "redact_pii",
    "split_clauses",
]
