"""The fact contrasts in the fast sentiment model: evidence for or against.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_facts.py [--jobs 2]

sentiment-fast 0.14.0 reads plain facts about a service as complaints when their
words come from complaints ("The phone line opens at 8 to book." negative with
frustration, "I paid by card at the desk." negative). The fact contrasts
(``models/recipes/data/cx_fact_contrasts.csv``) hold, per topic, a plain fact
labelled neutral, a complaint and a compliment about the same thing. This script
fits 0.14.0's recipe without (setting ``0``) and with (``1``) those rows, after
the other blocks, at their weight, and scores both without the test split of any
set trained on, as ``benchmarks/sentiment_events.py`` does (validation: 15% of
the shared train splits and the two survey dev sets read with their prompts;
leave one dataset out). Writes ``sentiment_facts.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys

from sentiment_events import compare_block  # this folder is on sys.path when the script runs


def main(argv: list[str] | None = None) -> int:
    return compare_block(
        argv, __doc__,
        base={"short_answers": True, "litotes": True, "care": True, "events": True, "verdicts": True,
              "situations": True, "situation_neutrals": True, "health_situations": True},
        block="facts", settings=[0.0, 1.0], stem="sentiment_facts",
        title="Fast sentiment: the fact contrasts",
        intro=("Macro-F1 of sentiment-fast 0.14.0's recipe without (0) and with (1) the {rows} rows of the "
               "fact contrasts (a plain fact as neutral, a complaint and a compliment per topic). See the "
               "script's docstring for the protocol."),
        row_header="fact contrast rows")


if __name__ == "__main__":
    sys.exit(main())
