"""Mixed comments read per clause: does each aspect's mention keep its own polarity?

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/mixed_aspects_benchmark.py \
        [--preset fast --preset accurate] [--out benchmarks/results]

Issue #4 asks that mixed comments ("food great but service slow") do not
collapse to neutral at clause level, where clause sentiment feeds the theme
mentions. Rows: ``tests/data/cx_mixed_aspects.csv``, 150 comments each judging
two aspects with opposite polarity (75 with the positive one first), written
for cxtext by a helper who saw no code, template or model output
(``cx_mixed_aspects.SOURCE.md``); never trained on. Each comment is read by
:func:`cxtext.analyze` (text only). For each aspect phrase, the mentions whose
evidence span overlaps it give its polarity (the majority if several):

* **covered**: aspects with such a mention (the rest name nothing the
  taxonomy tags, e.g. an aspect the default themes lack);
* **right**: covered aspects whose mention has the gold polarity;
* **both right**: comments whose two aspects are both covered and both right;
* **collapsed**: comments whose two covered aspects got the same polarity or
  a neutral one;
* **split apart**: comments whose two aspects fall in different clauses of
  :func:`cxtext.clean.split_clauses` (the precondition for reading them apart).

Writes ``mixed_aspects.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from colloquial_benchmark import write_results  # this folder is on sys.path when the script runs

import cxtext
from cxtext.clean import split_clauses
from cxtext.models import sha256_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "cx_mixed_aspects.csv"


def aspect_polarity(mentions: pd.DataFrame, start: int, end: int) -> str | None:
    """The polarity of the mentions overlapping ``[start, end)`` (majority, first on a tie); None if none.

    >>> m = pd.DataFrame({"start": [0, 20], "end": [19, 55], "sentiment": ["positive", "negative"]})
    >>> aspect_polarity(m, 4, 8), aspect_polarity(m, 28, 35), aspect_polarity(m, 60, 64)
    ('positive', 'negative', None)
    """
    hit = mentions[(mentions["start"] < end) & (mentions["end"] > start)]
    if hit.empty:
        return None
    return Counter(hit["sentiment"].tolist()).most_common(1)[0][0]


def score(frame: pd.DataFrame, preset: str) -> dict[str, Any]:
    """Coverage and polarity of both aspects of every comment, read by ``preset``."""
    result = cxtext.analyze(frame["text"].tolist(), preset=preset, emotions="none")
    by_comment = dict(tuple(result.mentions.groupby("comment_id")))
    empty = result.mentions.iloc[:0]
    clauses = split_clauses(frame["text"].tolist())
    n_aspects = covered = right = both_right = collapsed = split_apart = 0
    for i, row in enumerate(frame.itertuples(index=False)):
        found = []
        spans = []
        for aspect, gold in ((row.aspect_1, row.polarity_1), (row.aspect_2, row.polarity_2)):
            start = row.text.index(aspect)
            spans.append((start, start + len(aspect)))
            polarity = aspect_polarity(by_comment.get(i, empty), start, start + len(aspect))
            n_aspects += 1
            covered += polarity is not None
            right += polarity == gold
            found.append((polarity, gold))
        if all(p is not None for p, _ in found):
            both_right += all(p == g for p, g in found)
            collapsed += found[0][0] == found[1][0] or "neutral" in (found[0][0], found[1][0])
        holding = [{k for k, c in enumerate(clauses[i]) if c.start < e and c.end > s} for s, e in spans]
        split_apart += not (holding[0] & holding[1])
    n = len(frame)
    comment_level = result.comments["sentiment"].fillna("(none)").value_counts().to_dict()
    return {"preset": preset, "model": result.info.get("sentiment_model", ""), "comments": n,
            "aspects": n_aspects, "covered": covered, "right": right,
            "right_of_covered": round(right / max(covered, 1), 4), "both_right": both_right,
            "collapsed": collapsed, "split_apart": split_apart,
            "comment_level": {k: int(v) for k, v in comment_level.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", action="append", help="preset to score (repeat; default fast and accurate)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    frame = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    rows = [score(frame, preset) for preset in args.preset or ["fast", "accurate"]]
    meta = {"command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/mixed_aspects_benchmark.py "
                       + shlex.join(argv if argv is not None else sys.argv[1:]),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cxtext": cxtext.__version__,
            "data": f"{DATA.relative_to(ROOT)} sha256 {sha256_file(DATA)}"}
    header = ("| model | aspects covered by a mention | right (of covered) | comments with both right | "
              "collapsed (same or neutral) | aspects in different clauses | whole comment: negative / neutral / "
              "positive |")
    lines = ["# Mixed comments read per clause", "", *(f"- {k}: {v}" for k, v in meta.items()), "",
             header, "|---|---|---|---|---|---|---|"]
    for r in rows:
        cl = r["comment_level"]
        lines.append(f"| {r['model']} | {r['covered']} / {r['aspects']} | {r['right']} ({r['right_of_covered']:.3f}) "
                     f"| {r['both_right']} / {r['comments']} | {r['collapsed']} | {r['split_apart']} / "
                     f"{r['comments']} | {cl.get('negative', 0)} / {cl.get('neutral', 0)} / "
                     f"{cl.get('positive', 0)} |")
    write_results(args.out, "mixed_aspects", lines, {**meta, "results": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
