"""Stories and tallies in the fast model's templates: the evidence for or against sentiment-fast 0.11.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_arcs.py [--jobs 2]
    # other scales of the block's weight (0: left out; 1: half the templates' weight, as the
    # other blocks): CXTEXT_ARC_SCALES="0 0.5 1"

A blind set of six genres (``tests/data/cx_genres_2.csv``, 2026-12-06) showed
the fast preset reading long comments that open with a setback and end in
praise as negative, complaints told as a tally of failures or a promise not
kept as neutral, and "not once did anyone ..." as positive.
``models/recipes/cx_augment.py`` gained a block of such sentences
(``arcs=True``, 222 rows, written after reading the helper's summary of that
set's misreadings; none of its sentences is in any evaluation set). This script
fits sentiment-fast 0.10.0's recipe (0.9.0's features and C = 2, with the event
block) without (setting ``0``) and with (``1``) the new block, at the template
blocks' half weight, and scores both without the test split of any set trained
on, as ``benchmarks/sentiment_events.py`` does:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

The decision also reads a third blind set, written by a helper after the block
and scored by a script that prints no comment. Writes
``sentiment_arcs.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import os
import sys

from sentiment_events import compare_block  # this folder is on sys.path when the script runs


def main(argv: list[str] | None = None) -> int:
    settings = [float(v) for v in os.environ.get("CXTEXT_ARC_SCALES", "0 1").split()]
    return compare_block(
        argv, __doc__, base={"short_answers": True, "litotes": True, "care": True, "events": True}, block="arcs",
        settings=settings, stem="sentiment_arcs", title="Fast sentiment: stories and tallies in the templates",
        intro=("Macro-F1 of sentiment-fast 0.10.0's recipe without (0) and with (1) the {rows} arc rows. "
               "See the script's docstring for the protocol."),
        row_header="arc templates")


if __name__ == "__main__":
    sys.exit(main())
