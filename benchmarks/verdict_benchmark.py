"""Descriptive verdicts ("the porter was grumpy"): cxtext against VADER and TextBlob.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/verdict_benchmark.py \
        [--model fast --model accurate ...] [--out benchmarks/results]

Rows: ``tests/data/cx_verdicts.csv``, 300 short descriptions of people, services
and things (130 positive, 130 negative, 40 neutral facts) written for cxtext by
a helper who saw no model output, no code and no training template
(``cx_verdicts.SOURCE.md``); never trained on. It was written after the
verdict templates of ``models/recipes/cx_augment.py`` (``verdicts=True``), and
the helper's brief named example words that the maintainers, who wrote both,
also put in the templates, so the set is scored three ways: all rows, the rows
holding none of the brief's words (:data:`BRIEF_WORDS`), and the rows holding
no verdict word of the templates at all (the frame without the words). Models
read each comment as :func:`cxtext.analyze` does without a question
(:func:`cxtext.evaluate_sentiment`); the baselines read the raw text. Writes
``verdicts.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
from colloquial_benchmark import parse_args, score_set

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "cx_verdicts.csv"
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import (  # models/recipes, put on sys.path just above
    VERDICT_NEGATIVE,
    VERDICT_POSITIVE,
)

#: the evaluative words the helper's brief named, as examples or inside example sentences
BRIEF_WORDS = (
    "courteous", "meticulous", "considerate", "attentive", "obliging", "personable", "conscientious", "diligent",
    "accommodating", "unflappable", "brusque", "curt", "surly", "offhand", "slapdash", "shoddy", "lackadaisical",
    "condescending", "indifferent", "unfriendly", "unhelpful", "inattentive", "impolite", "disorganised",
    "unprofessional", "brill", "ace", "spot on", "top notch", "a star", "a diamond", "a credit", "rubbish",
    "shambolic", "a shambles", "naff", "dodgy", "ropey", "a godsend", "a lifesaver", "a joke", "a nightmare",
    "a breath of fresh air", "kind", "lovely", "great", "rude", "awful", "grumpy", "pushy", "tired", "dated",
    "decent", "painless", "rock solid", "welcoming", "brilliant", "gentle", "patient", "slow",
)


def holds_word(text: str, words: tuple[str, ...] | list[str]) -> bool:
    """Whether ``text`` holds one of ``words`` as whole words (any case).

    >>> holds_word("The porter was GRUMPY.", ["grumpy"]), holds_word("a grumpyish porter", ["grumpy"])
    (True, False)
    """
    low = text.lower()
    return any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", low) for w in words)


def main(argv: list[str] | None = None) -> int:
    models, out = parse_args(__doc__, argv)
    frame = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    briefed = frame["text"].map(lambda t: holds_word(t, BRIEF_WORDS))
    templated = frame["text"].map(lambda t: holds_word(t, [*VERDICT_POSITIVE, *VERDICT_NEGATIVE]))
    parts = {"all rows": frame, "rows without the brief's words": frame[~briefed],
             "rows without a template verdict word": frame[~templated]}
    score_set(parts, models, out, data=DATA, script="verdict_benchmark.py", argv=argv,
              title="Descriptive verdicts", stem="verdicts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
