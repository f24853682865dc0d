"""The healthcare situation corpus in the fast sentiment model: evidence for or against.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_health_situations.py [--jobs 2]

sentiment-fast 0.13.0 learned the CX situation corpus (customers of sixteen
industries, no healthcare; ``benchmarks/sentiment_situations.py``,
``sentiment_situation_neutrals.py``) and read 68% of the healthcare corpus's
718 polar comments that name no feeling right, 65% of its no-emotion ones as
neutral (``models/recipes/data/cx_health_situations.csv``: patients', relatives'
and carers' situations written for the emotion models). This script fits
0.13.0's recipe without (setting ``0``) and with (``1``) that corpus's polar rows
and its no-emotion rows as neutral, after the other blocks, at their weight, and
scores both without the test split of any set trained on, as
``benchmarks/sentiment_events.py`` does (validation: 15% of the shared train
splits and the two survey dev sets read with their prompts; leave one dataset
out). Writes ``sentiment_health_situations.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys

from sentiment_events import compare_block  # this folder is on sys.path when the script runs


def main(argv: list[str] | None = None) -> int:
    return compare_block(
        argv, __doc__,
        base={"short_answers": True, "litotes": True, "care": True, "events": True, "verdicts": True,
              "situations": True, "situation_neutrals": True},
        block="health_situations", settings=[0.0, 1.0], stem="sentiment_health_situations",
        title="Fast sentiment: the healthcare situation corpus",
        intro=("Macro-F1 of sentiment-fast 0.13.0's recipe without (0) and with (1) the {rows} rows of the "
               "healthcare situation corpus (polar, then no-emotion rows as neutral). See the script's "
               "docstring for the protocol."),
        row_header="healthcare situation rows")


if __name__ == "__main__":
    sys.exit(main())
