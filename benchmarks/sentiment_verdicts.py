"""Descriptive verdicts in the fast model's templates: the evidence for or against them in sentiment-fast.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_verdicts.py [--jobs 2]
    # other scales of the block's weight (0: left out; 1: half the templates' weight, as the
    # other blocks): CXTEXT_VERDICT_SCALES="0 0.5 1"

Survey and patient feedback describe people and services with a predicate
("the porter was grumpy", "the nurses were terrific"). A probe of 20 subjects
x 40 common adjectives (2026-12-07) found sentiment-fast 0.10.0 reading 21% of
such sentences wrong, 73 positive ones as negative ("The nurses were
terrific." 0.65 negative): the frame leans negative in the review and tweet
corpora and rarer adjectives carry little weight. ``models/recipes/cx_augment.py``
gained a block of such sentences (``verdicts=True``, 542 rows). This script fits
sentiment-fast 0.10.0's recipe without (setting ``0``) and with (``1``) the new
block, at the template blocks' half weight, and scores both without the test
split of any set trained on, as ``benchmarks/sentiment_events.py`` does:

1. **Validation**: 85/15 split of the shared train splits, stratified by
   (dataset, class), seed 0, and the two hand-written survey dev sets read
   with their prompts.
2. **Leave one dataset out**: train on three sets (plus the templates), score
   macro-F1 on the fourth set's test split.

The decision also reads a blind set of 300 verdicts (``tests/data/cx_verdicts.csv``,
written by a helper who saw no template, code or model output) and the four
earlier blind sets, through ``cxtext.analyze`` with the model trained by
``models/recipes/sentiment_fast.py --verdicts``. Writes
``sentiment_verdicts.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import os
import sys

from sentiment_events import compare_block  # this folder is on sys.path when the script runs


def main(argv: list[str] | None = None) -> int:
    settings = [float(v) for v in os.environ.get("CXTEXT_VERDICT_SCALES", "0 1").split()]
    return compare_block(
        argv, __doc__, base={"short_answers": True, "litotes": True, "care": True, "events": True},
        block="verdicts", settings=settings, stem="sentiment_verdicts",
        title="Fast sentiment: descriptive verdicts in the templates",
        intro=("Macro-F1 of sentiment-fast 0.10.0's recipe without (0) and with (1) the {rows} verdict rows. "
               "See the script's docstring for the protocol."),
        row_header="verdict templates")


if __name__ == "__main__":
    sys.exit(main())
