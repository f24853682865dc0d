"""Emotions per theme on patient feedback: does each theme mention carry the emotion felt about it?

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/theme_emotions_eval.py [--preset fast --preset accurate]
        [--out benchmarks/results]

Rows: ``tests/data/cx_patient_theme_emotions.csv``, 80 patient comments with gold
``theme:emotion`` pairs, and ``cx_patient_theme_emotions_2.csv`` to ``_16.csv``, 100,
7 x 150 and 7 x 149 more with a ``kind`` column (emotions named, only shown, or both), each written blind for cxtext
by a contributor who saw neither the models' output nor their templates (``.SOURCE.md``
beside each); never trained on. The seventh was kept unscored until the decision on the CX
situation corpus (2026-12-07) and scored once for it, the eighth and ninth until the decisions on
the healthcare situation corpus the same afternoon, the tenth until the decision on the tuned
MiniLM retrained with the corpora that evening, the eleventh until the second rule of that
decision, the twelfth until a taxonomy decision later that evening (not shipped), the
thirteenth until the decision on positive mentions as admiration that night, the fourteenth
until taxonomy 1.8.3 later that night, the fifteenth until the decision on praise of people
(2026-12-07/08) and the sixteenth until the decision on praise in comments without a mention
(2026-12-08). Each preset analyses the comments (:func:`cxtext.analyze`); a comment's
emotions about a theme are those of its mentions of the theme (as
:func:`cxtext.theme_emotions` counts them). Scored:

* themes: the (comment, theme) pairs found, against the gold pairs (theme tagging
  sets which emotions can be read at all);
* emotions per theme: (comment, theme, emotion) triples on the pairs found by both,
  precision / recall / F1, and per emotion;
* emotions per comment, whatever the theme (and by ``kind`` where the set has it).

Writes ``theme_emotions.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

import cxtext
from cxtext.emotion import EMOTIONS
from cxtext.models import sha256_file
from cxtext.scores._base import emotion_ids

ROOT = Path(__file__).resolve().parents[1]
#: The scored sets, in order: ``cx_patient_theme_emotions.csv``, then ``_2`` to ``_16``.
SETS = tuple(ROOT / "tests" / "data" / f"cx_patient_theme_emotions{suffix}.csv"
             for suffix in ["", *(f"_{n}" for n in range(2, 17))])


def gold_pairs(frame: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """``{(comment id, theme): emotions}`` from the ``gold`` column (``none``: no emotion)."""
    out: dict[tuple[str, str], set[str]] = {}
    for cid, cell in zip(frame["id"], frame["gold"]):
        for pair in filter(None, cell.split(";")):
            theme, emotion = pair.split(":")
            found = out.setdefault((cid, theme), set())
            if emotion != "none":
                found.add(emotion)
    return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 of counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "tp": tp, "fp": fp, "fn": fn}


def score(frame: pd.DataFrame, preset: str) -> dict:
    """Theme, per-theme emotion and per-comment emotion scores of one preset."""
    gold = gold_pairs(frame)
    result = cxtext.analyze(frame[["id", "text"]], text="text", id="id", preset=preset)
    pred: dict[tuple[str, str], set[str]] = {}
    for cid, theme, cell in zip(result.mentions["comment_id"], result.mentions["theme"], result.mentions["emotions"]):
        pred.setdefault((str(cid), str(theme)), set()).update(e for e in emotion_ids(cell) if e in EMOTIONS)
    both = [k for k in gold if k in pred]
    tp = sum(len(gold[k] & pred[k]) for k in both)
    fp = sum(len(pred[k] - gold[k]) for k in both)
    fn = sum(len(gold[k] - pred[k]) for k in both)
    per_emotion = {}
    for e in EMOTIONS:
        etp = sum(e in gold[k] and e in pred[k] for k in both)
        efp = sum(e in pred[k] and e not in gold[k] for k in both)
        efn = sum(e in gold[k] and e not in pred[k] for k in both)
        per_emotion[e] = prf(etp, efp, efn)
    by_comment_gold: dict[str, set[str]] = {}
    for (cid, _), found in gold.items():
        by_comment_gold.setdefault(cid, set()).update(found)
    by_comment_pred = {str(c): set(emotion_ids(e)) & set(EMOTIONS)
                       for c, e in zip(result.comments["id"], result.comments["emotions"])}

    def per_comment(ids: list[str]) -> dict[str, float]:
        return prf(sum(len(by_comment_gold[c] & by_comment_pred.get(c, set())) for c in ids),
                   sum(len(by_comment_pred.get(c, set()) - by_comment_gold[c]) for c in ids),
                   sum(len(by_comment_gold[c] - by_comment_pred.get(c, set())) for c in ids))

    given = Counter(e for k in both for e in pred[k])
    out = {"themes": prf(len(both), len(pred) - len(both), len(gold) - len(both)),
           "emotions_per_theme": prf(tp, fp, fn), "per_emotion": per_emotion,
           "emotions_per_comment": per_comment(list(by_comment_gold)), "emotions_given_on_shared_pairs": dict(given)}
    if "kind" in frame:  # emotions named, only shown, or both
        out["emotions_per_comment_by_kind"] = {
            kind: {**per_comment([c for c in ids if c in by_comment_gold]), "comments": len(ids)}
            for kind, ids in frame.groupby("kind")["id"].agg(list).items()}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", action="append", help="preset to score (repeat; default fast and accurate)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    presets = args.preset or ["fast", "accurate"]
    sets = {path.name: pd.read_csv(path, dtype=str, keep_default_na=False) for path in SETS}
    results = {name: {p: score(frame, p) for p in presets} for name, frame in sets.items()}
    meta = {"command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/theme_emotions_eval.py "
                       + shlex.join(argv if argv is not None else sys.argv[1:]),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cxtext": cxtext.__version__,
            "data": "; ".join(f"{path.relative_to(ROOT)} sha256 {sha256_file(path)}" for path in SETS)}
    lines = ["# Emotions per theme on patient feedback", "", *(f"- {k}: {v}" for k, v in meta.items()), "",
             "Precision / recall / F1.", "",
             "| set | preset | themes (comment, theme) | emotions per theme (on shared pairs) | emotions per comment |",
             "|---|---|---|---|---|"]
    for name, by_preset in results.items():
        for p, r in by_preset.items():
            cells = [f"{r[k]['precision']:.2f} / {r[k]['recall']:.2f} / {r[k]['f1']:.2f}"
                     for k in ("themes", "emotions_per_theme", "emotions_per_comment")]
            lines.append(f"| {name} | {p} | " + " | ".join(cells) + " |")
    lines += ["", "Emotions per comment by kind (emotions named, only shown, or both), precision / recall / F1:",
              "", "| set | preset | kind | comments | P / R / F1 |",
              "|---|---|---|---|---|"]
    for name, by_preset in results.items():
        for p, r in by_preset.items():
            for kind, x in r.get("emotions_per_comment_by_kind", {}).items():
                lines.append(f"| {name} | {p} | {kind} | {x['comments']} | "
                             f"{x['precision']:.2f} / {x['recall']:.2f} / {x['f1']:.2f} |")
    lines += ["", "Per emotion, emotions per theme (F1; gold count in brackets):", "",
              "| set | preset | " + " | ".join(EMOTIONS) + " |", "|---|---|" + "---|" * len(EMOTIONS)]
    for name, by_preset in results.items():
        for p, r in by_preset.items():
            lines.append(f"| {name} | {p} | " + " | ".join(
                f"{r['per_emotion'][e]['f1']:.2f} ({r['per_emotion'][e]['tp'] + r['per_emotion'][e]['fn']})"
                for e in EMOTIONS) + " |")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "theme_emotions.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / "theme_emotions.json").write_text(json.dumps({**meta, "results": results}, indent=1) + "\n",
                                                  encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
