"""Feedback from genres no training set resembles: cxtext against VADER and TextBlob.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/genre_benchmark.py \
        [--model fast --model accurate ...] [--out benchmarks/results]

Rows: seven blind sets, each written and labelled for cxtext by a contributor who
saw no model output and no training template; never trained on:

* ``tests/data/cx_genres.csv``, 240 comments (patient feedback, banking and
  mobile app reviews, broadband support chat, hotel surveys; 60 each;
  ``cx_genres.SOURCE.md``);
* ``tests/data/cx_genres_2.csv``, 240 comments (insurance, energy, food delivery,
  garages, public transport, online courses; 40 each; ``cx_genres_2.SOURCE.md``).
* ``tests/data/cx_genres_3.csv``, 240 comments (online shop returns, council
  services, vets, letting agents, gyms, B2B software support; 40 each;
  ``cx_genres_3.SOURCE.md``);
* ``tests/data/cx_genres_4.csv``, 238 comments (twelve more genres, from removals
  to domestic cleaning; ``cx_genres_4.SOURCE.md``), first scored for the accurate
  blend of 2026-12-07 morning;
* ``tests/data/cx_genres_5.csv``, 232 comments (twelve more, from car rental to
  online marketplaces; ``cx_genres_5.SOURCE.md``) and
  ``tests/data/cx_patient_sentiment.csv``, 222 patient comments (fifteen care
  settings, scored per setting; ``cx_patient_sentiment.SOURCE.md``), both first
  scored for the decision on the healthcare situation corpus (2026-12-07 afternoon);
* ``tests/data/cx_genres_6.csv``, 236 comments (twelve more, from broadband to
  charities; a third of them plain facts about things complaints are made of;
  ``cx_genres_6.SOURCE.md``), first scored for the decision on the fact contrasts
  (2026-12-07, late afternoon);
* ``tests/data/cx_genres_7.csv``, 237 comments (twelve more, from cruise lines to
  car washes; ``cx_genres_7.SOURCE.md``), first scored for the decision on the tuned
  MiniLM retrained with the corpora (2026-12-07, evening).

Each is scored on all rows, per
genre, and per kind of comment as the contributor tagged it (sarcasm, implicit
complaints, mixed opinions, negation ...; a kind holds mostly one class, so read
its accuracy, not its macro-F1). Models read each comment as
:func:`cxtext.analyze` does without a question (:func:`cxtext.evaluate_sentiment`);
the baselines read the raw text. Writes ``genres.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from colloquial_benchmark import parse_args, run_meta, score_parts, table_lines, write_results

ROOT = Path(__file__).resolve().parents[1]
#: The blind sets, with the title of their section.
SETS = {"cx_genres": (ROOT / "tests" / "data" / "cx_genres.csv", "Feedback from four new genres"),
        "cx_genres_2": (ROOT / "tests" / "data" / "cx_genres_2.csv", "Feedback from six more genres"),
        "cx_genres_3": (ROOT / "tests" / "data" / "cx_genres_3.csv", "Feedback from a third set of six genres"),
        "cx_genres_4": (ROOT / "tests" / "data" / "cx_genres_4.csv", "Feedback from a fourth set of twelve genres"),
        "cx_genres_5": (ROOT / "tests" / "data" / "cx_genres_5.csv", "Feedback from a fifth set of twelve genres"),
        "cx_genres_6": (ROOT / "tests" / "data" / "cx_genres_6.csv",
                        "Feedback from a sixth set of twelve genres, a third of it plain facts"),
        "cx_genres_7": (ROOT / "tests" / "data" / "cx_genres_7.csv", "Feedback from a seventh set of twelve genres"),
        "cx_patient_sentiment": (ROOT / "tests" / "data" / "cx_patient_sentiment.csv",
                                 "Patient feedback from fifteen care settings")}
#: the kinds of comment scored on their own (the others are plain statements)
KINDS = ("implicit", "mixed", "negation", "question", "sarcasm", "factual", "long", "short", "story")


def main(argv: list[str] | None = None) -> int:
    models, out = parse_args(__doc__, argv)
    lines: list[str] = []
    payload: dict[str, dict] = {}
    for name, (path, title) in SETS.items():
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        group = "genre" if "genre" in frame else "setting"  # the patient set names care settings
        by_genre = {"all rows": frame, **{genre: part for genre, part in frame.groupby(group, sort=False)}}
        by_kind = {kind: frame[frame["kind"] == kind] for kind in KINDS if (frame["kind"] == kind).any()}
        genres = score_parts(by_genre, models, name)
        kinds = score_parts(by_kind, models, name)
        meta = run_meta("genre_benchmark.py", argv, path)
        lines += [f"# {title}", "", *(f"- {k}: {v}" for k, v in meta.items()), "",
                  "Macro-F1 (accuracy), all rows and per genre.", "", *table_lines(genres), "",
                  "Per kind of comment: read the accuracy (a kind holds mostly one class).", "",
                  *table_lines(kinds), ""]
        payload[name] = {**meta, "genres": genres, "kinds": kinds}
    write_results(out, "genres", lines[:-1], payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
