"""The CX situation corpus's no-emotion rows as neutral in the fast sentiment model: evidence for or against.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_situation_neutrals.py [--jobs 2]

sentiment-fast 0.12.0 learned the polar rows of the CX situation corpus
(``benchmarks/sentiment_situations.py``) and read neutral facts less often than
0.11.0 (the blind verdicts' 40 neutral facts: 20 read neutral, then 10): the
block has no neutral row. The corpus also holds 233 comments that show no
emotion (facts, plain questions and requests, lukewarm verdicts, a few mild
complaints or praise). This script fits 0.12.0's recipe without (setting ``0``)
and with (``1``) those rows labelled neutral, after the polar ones, at the same
weight, and scores both without the test split of any set trained on, as
``benchmarks/sentiment_events.py`` does (validation: 15% of the shared train
splits and the two survey dev sets read with their prompts; leave one dataset
out). Writes ``sentiment_situation_neutrals.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys

from sentiment_events import compare_block  # this folder is on sys.path when the script runs


def main(argv: list[str] | None = None) -> int:
    return compare_block(
        argv, __doc__,
        base={"short_answers": True, "litotes": True, "care": True, "events": True, "verdicts": True,
              "situations": True},
        block="situation_neutrals", settings=[0.0, 1.0], stem="sentiment_situation_neutrals",
        title="Fast sentiment: the CX situation corpus's no-emotion rows as neutral",
        intro=("Macro-F1 of sentiment-fast 0.12.0's recipe without (0) and with (1) the {rows} no-emotion rows of "
               "the CX situation corpus, labelled neutral. See the script's docstring for the protocol."),
        row_header="neutral situation rows")


if __name__ == "__main__":
    sys.exit(main())
