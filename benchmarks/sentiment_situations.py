"""The CX situation corpus in the fast sentiment model's templates: the evidence for or against it.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_situations.py [--jobs 2]

Customers often tell what happened and leave the verdict implied ("Fourth time
this month the van has 'missed' me while I sat at home all day"). The corpus of
1,593 customer comments written for the emotion models
(``models/recipes/data/cx_emotion_situations.csv``; sixteen industries, no
healthcare, 70% of them showing an emotion without naming it) reads as a
sentiment set too: a comment showing only negative emotions is negative, only
positive ones positive (confusion, mixed and no-emotion rows are left out:
1,182 rows). sentiment-fast 0.11.0 read 63% of its 954 polar comments that name
no feeling right (24% as neutral). This script fits sentiment-fast 0.11.0's
recipe without (setting ``0``) and with (``1``) those rows as a last template
block (``cx_augmentation(situations=True)``), at the other new blocks' weight,
and scores both without the test split of any set trained on, as
``benchmarks/sentiment_events.py`` does:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

Writes ``sentiment_situations.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys

from sentiment_events import compare_block  # this folder is on sys.path when the script runs


def main(argv: list[str] | None = None) -> int:
    return compare_block(
        argv, __doc__, base={"short_answers": True, "litotes": True, "care": True, "events": True, "verdicts": True},
        block="situations", settings=[0.0, 1.0], stem="sentiment_situations",
        title="Fast sentiment: the CX situation corpus in the templates",
        intro=("Macro-F1 of sentiment-fast 0.11.0's recipe without (0) and with (1) the {rows} polar rows of the "
               "CX situation corpus. See the script's docstring for the protocol."),
        row_header="situation rows")


if __name__ == "__main__":
    sys.exit(main())
