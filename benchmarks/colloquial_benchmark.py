"""Colloquial customer feedback (slang, textspeak, regional English): cxtext against VADER and TextBlob.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/colloquial_benchmark.py \
        [--model fast --model accurate ...] [--out benchmarks/results]

Rows: ``tests/data/cx_colloquial.csv``, 150 comments (50 per class, a third
patient feedback) written for cxtext by a contributor who saw no model output
and no training template (``cx_colloquial.SOURCE.md``); never trained on. The
contributor's brief named example slang words, and the slang templates of
``models/recipes/cx_augment.py`` were written by the same maintainers from a
similar list, so the set is scored three ways: all rows, the rows holding none
of the brief's words (:data:`BRIEF_WORDS`) and the rows holding one. Models
read each comment as :func:`cxtext.analyze` does without a question
(:func:`cxtext.evaluate_sentiment`); the baselines read the raw text. Writes
``colloquial.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

import cxtext
from cxtext.models import sha256_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "cx_colloquial.csv"
#: the example words of the contributor's brief
BRIEF_WORDS = (
    "fab", "brill", "ace", "mint", "class", "cracking", "top notch", "spot on", "sound", "legend", "grand",
    "bang on", "stellar", "on point", "a1", "10/10", "shocking", "dire", "rubbish", "pants", "naff", "a joke",
    "shambles", "faff", "rip-off", "rip off", "dodgy", "useless", "organise", "taking the mick", "tbh", "vg",
    "gr8", "thx", "ty", "imo", "smh", "ffs", "lol",
)


def holds_brief_word(text: str) -> bool:
    """Whether ``text`` holds one of :data:`BRIEF_WORDS` as a whole word (any case).

    >>> holds_brief_word("Nurse was FAB"), holds_brief_word("fabulous nurse")
    (True, False)
    """
    low = text.lower()
    return any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", low) for w in BRIEF_WORDS)


def score_parts(parts: dict[str, pd.DataFrame], models: list[str], set_name: str) -> dict[str, dict]:
    """Macro-F1 and accuracy of ``models`` and the baselines on each part (``text``/``label`` columns)."""
    results = {}
    for name, part in parts.items():
        report = cxtext.evaluate_sentiment(part["text"].tolist(), part["label"].tolist(),
                                           {m: m for m in models}, baselines=["vader", "textblob"],
                                           dataset={"name": f"{set_name}, {name}"})
        results[name] = {"rows": len(part), **{key: {"model": f"{r['name']} {r.get('version', '')}".strip(),
                                                     "macro_f1": round(r["macro_f1"], 4),
                                                     "accuracy": round(r["accuracy"], 4)}
                                              for key, r in report.results.items()}}
    return results


def table_lines(results: dict[str, dict]) -> list[str]:
    """A markdown table of :func:`score_parts`' results: one row per system, one column per part."""
    parts = list(results)
    systems = [k for k in results[parts[0]] if k != "rows"]
    lines = ["| system | " + " | ".join(f"{name} ({results[name]['rows']})" for name in parts) + " |",
             "|---|" + "---|" * len(parts)]
    for key in systems:
        cells = [f"{results[name][key]['macro_f1']:.3f} ({results[name][key]['accuracy']:.3f})" for name in parts]
        lines.append(f"| {results[parts[0]][key]['model']} | " + " | ".join(cells) + " |")
    return lines


def parse_args(doc: str, argv: list[str] | None) -> tuple[list[str], Path]:
    """The models to score (default fast and accurate) and the output folder, from the command line."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--model", action="append", help="model to score (repeat; default fast and accurate)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    return args.model or ["fast", "accurate"], args.out


def run_meta(script: str, argv: list[str] | None, data: Path) -> dict[str, str]:
    """The command, date, cxtext version and data file (with its sha256) of a run."""
    return {"command": f"HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/{script} "
                       + shlex.join(argv if argv is not None else sys.argv[1:]),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cxtext": cxtext.__version__,
            "data": f"{data.relative_to(ROOT)} sha256 {sha256_file(data)}"}


def write_results(out: Path, stem: str, lines: list[str], payload: dict) -> None:
    """``STEM.md`` (the lines) and ``STEM.json`` (the payload) in ``out``; the lines are printed too."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / f"{stem}.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print("\n".join(lines))


def score_set(parts: dict[str, pd.DataFrame], models: list[str], out: Path, *, data: Path, script: str,
              argv: list[str] | None, title: str, stem: str) -> None:
    """Score ``parts`` of one evaluation set (:func:`score_parts`) and write ``STEM.md``/``.json`` to ``out``."""
    results = score_parts(parts, models, data.stem)
    meta = run_meta(script, argv, data)
    lines = [f"# {title}", "", *(f"- {k}: {v}" for k, v in meta.items()), "",
             "Macro-F1 (accuracy).", "", *table_lines(results)]
    write_results(out, stem, lines, {**meta, "results": results})


def main(argv: list[str] | None = None) -> int:
    models, out = parse_args(__doc__, argv)
    frame = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    seeded = frame["text"].map(holds_brief_word)
    parts = {"all rows": frame, "rows without the brief's words": frame[~seeded],
             "rows with them": frame[seeded]}
    score_set(parts, models, out, data=DATA, script="colloquial_benchmark.py", argv=argv,
              title="Colloquial customer feedback", stem="colloquial")
    return 0


if __name__ == "__main__":
    sys.exit(main())
