"""How the ``fast`` sentiment model weights its training sets: the evidence behind 0.3.0.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_weighting.py [--jobs 2]

The shared sentiment sets differ a lot in size (GoEmotions 36k rows, SemEval
2k) and in what their classes mean. ``models/recipes/sentiment_fast.py`` can
weight rows two ways (its ``row_weights``):

* ``class`` (sentiment-fast 0.2.0): classes balanced over all rows pooled;
* ``dataset-class`` (0.3.0): every (dataset, class) cell the same total weight.

This script compares them on the train splits only, in two ways that never read
a test split:

1. **Leave one dataset out**: train on three sets, score macro-F1 on the fourth
   set's *test* split, which the model has seen nothing of, not even its train
   split: the nearest we have to "a domain we have no data for".
2. **One model for every domain, at what price**: the same model trained on the
   airline train split alone, scored on the airline test split (a reference, not
   a candidate: cxtext ships one model for every domain).
3. **Regularisation** (``C``) for ``dataset-class``: 85/15 split of the train
   rows, stratified by (dataset, class), seed 0; macro-F1 on the 15% per set.

Each fit uses the model's own features (``TextHasher``, idf, L2 norm, exactly
as :class:`cxtext.sentiment.FastSentimentClassifier` computes them) and the same
multinomial logistic regression (lbfgs, 300 iterations), fitted directly on the
hashed matrix so that the 12 fits share one hashing pass; without the held-out
calibration step, which does not change the predicted labels.
Writes ``sentiment_weighting.md``/``.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_sample_weight

from cxtext.datasets import DATASETS, load_sentiment_dataset
from cxtext.sentiment.fast import FastSentimentClassifier
from cxtext.sentiment.features import idf_l2
from cxtext.sentiment.train import clean_for_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "recipes"))
from cx_augment import cx_augmentation
from sentiment_fast import NEW_BLOCKS_FACTOR, row_weights

CLASSES = np.array(["negative", "neutral", "positive"], dtype=object)


def benchmark_args(doc: str | None, argv: list[str] | None,
                   extra: Callable[[argparse.ArgumentParser], object] | None = None) -> argparse.Namespace:
    """The options these sentiment benchmarks share: ``--jobs`` and ``--out`` (``extra`` adds a script's own)."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    if extra is not None:
        extra(parser)
    return parser.parse_args(argv)


def shared_train_rows(frames: dict[str, pd.DataFrame], augment: pd.DataFrame | None = None) -> pd.DataFrame:
    """The train splits of ``frames`` (then ``augment``'s rows, as ``cx_augment``) with a ``dataset`` column.

    Rows without a label or a text are dropped; the index is 0..n-1.
    """
    parts = [df[df.split == "train"].assign(dataset=name) for name, df in frames.items()]
    if augment is not None:
        parts.append(augment.assign(dataset="cx_augment"))
    train = pd.concat(parts, ignore_index=True)
    return train[train["label"].notna() & train["text"].notna()].reset_index(drop=True)


def fast_recipe_rows(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, int, np.ndarray]:
    """The shipped fast recipe's rows: the train splits of ``frames``, then its templates.

    Returns the rows (:func:`shared_train_rows`), how many of them come from the
    shared sets, and the recipe's row weights (``dataset-class``; the 0.6.0
    template blocks at half weight).
    """
    train = shared_train_rows(frames, cx_augmentation(short_answers=True, litotes=True, care=True))
    n_real = int((train["dataset"] != "cx_augment").sum())
    weights = row_weights(train, "dataset-class")
    weights[n_real + len(cx_augmentation(short_answers=True)):] *= NEW_BLOCKS_FACTOR  # as the recipe
    return train, n_real, weights


def survey_dev_rows() -> tuple[pd.DataFrame, list[str], list[str]]:
    """The two hand-written survey dev sets (column ``set``), their cleaned answers and prompt types."""
    from cxtext.sentiment.context import prompt_type

    surveys = pd.concat([pd.read_csv(ROOT / "benchmarks" / "data" / f"survey_prompts_{name}.csv", dtype=str,
                                     keep_default_na=False).assign(set=name) for name in ("dev", "dev2")],
                        ignore_index=True)
    return surveys, clean_for_model(surveys["comment"].tolist()), [prompt_type(q) for q in surveys["question"]]


def compared_parts(features: Callable[[list[str]], Any], train: pd.DataFrame,
                   frames: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """``features`` of every part :func:`compare_settings` reads, texts cleaned as the pipeline cleans them.

    ``"train"`` (the rows of :func:`fast_recipe_rows`), ``"survey"``
    (:func:`survey_dev_rows`) and each set's test split in ``frames``.
    """
    return {"train": features(clean_for_model(train["text"].tolist())), "survey": features(survey_dev_rows()[1]),
            **{name: features(clean_for_model(df[df.split == "test"]["text"].tolist()))
               for name, df in frames.items()}}


def macro_f1_of_scores(gold: np.ndarray, scores: np.ndarray) -> float:
    """Macro-F1 of the argmax of ``scores`` (rows of class scores, :data:`CLASSES` order) against ``gold``."""
    return round(float(f1_score(gold, CLASSES[np.asarray(scores).argmax(1)], average="macro")), 4)


def validation_scores(val_logits: np.ndarray, val_ds: np.ndarray, val_gold: np.ndarray,
                      survey_logits: np.ndarray, surveys: pd.DataFrame, survey_texts: list[str],
                      prompts: list[str]) -> dict[str, float]:
    """Macro-F1 per shared set on the validation rows, and on each survey dev set read with its prompts."""
    from scipy.special import softmax

    from cxtext.sentiment.context import read_in_context

    scores = {name: macro_f1_of_scores(val_gold[val_ds == name], val_logits[val_ds == name]) for name in DATASETS}
    read, _ = read_in_context(softmax(survey_logits, axis=1), list(CLASSES), survey_texts, prompts)
    for name in ("dev", "dev2"):
        here = (surveys["set"] == name).to_numpy()
        scores[f"survey {name} with prompts"] = macro_f1_of_scores(surveys["label"].to_numpy()[here], read[here])
    return scores


def compare_settings(settings: list[float], features: Callable[[float, str], Any], *, y: np.ndarray,
                     weights: np.ndarray, datasets: np.ndarray, n_real: int, frames: dict[str, pd.DataFrame],
                     fit: Callable[..., list[np.ndarray]], n_jobs: int,
                     same_as_first: Callable[[float, str], bool] | None = None,
                     fit_options: Callable[[float], dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Fit the fast recipe per setting on the validation part and per set left out; score both.

    ``features(setting, part)`` is the matrix of ``part`` under ``setting``:
    ``"train"`` (every row of :func:`fast_recipe_rows`, labels ``y``, row
    ``weights``, set names ``datasets``, the first ``n_real`` from the shared
    sets), ``"survey"`` (:func:`survey_dev_rows`) or a set's name (its test
    split in ``frames``). ``fit(X, y, weights, rows, 0.5, score)`` returns the
    logits of each matrix of ``score`` (``sentiment_nb_features._fit_logits``).
    Where ``same_as_first(setting, held)`` is true the fit would be the first
    setting's, so it is not repeated and that figure is copied.
    ``fit_options(setting)`` (optional) adds keyword arguments to each ``fit``
    call, for settings of the fit itself rather than of the features. Returns
    ``{setting: {"validation": ..., "leave_one_dataset_out": ...}}`` for
    :func:`write_comparison`.
    """
    fit_rows, val_rows = validation_split(datasets[:n_real], y[:n_real])
    extra = np.arange(n_real, len(y))
    surveys, survey_texts, prompts = survey_dev_rows()
    jobs = []  # (setting, kind, X, rows, matrices to score)
    for setting in settings:
        X = features(setting, "train")
        jobs.append((setting, "validation", X, np.concatenate([fit_rows, extra]),
                     [X[val_rows], features(setting, "survey")]))
        for held in DATASETS:
            if setting != settings[0] and same_as_first is not None and same_as_first(setting, held):
                continue
            rows = np.concatenate([np.flatnonzero(datasets[:n_real] != held), extra])
            jobs.append((setting, held, X, rows, [features(setting, held)]))
    print(f"prepared {len(jobs)} fits", flush=True)
    options = fit_options or (lambda setting: {})
    logits = Parallel(n_jobs=n_jobs)(delayed(fit)(X, y, weights, rows, 0.5, score, **options(setting))
                                     for setting, _, X, rows, score in jobs)

    results: dict[str, dict[str, Any]] = {f"{s:g}": {"validation": {}, "leave_one_dataset_out": {}}
                                          for s in settings}
    val_ds, val_gold = datasets[val_rows], CLASSES[y[val_rows]]
    for (setting, kind, *_), out in zip(jobs, logits):
        res = results[f"{setting:g}"]
        if kind == "validation":
            res["validation"] = validation_scores(out[0], val_ds, val_gold, out[1], surveys, survey_texts, prompts)
        else:
            gold = frames[kind][frames[kind].split == "test"]["label"].to_numpy()
            res["leave_one_dataset_out"][kind] = macro_f1_of_scores(gold, out[0])
    first = results[f"{settings[0]:g}"]["leave_one_dataset_out"]
    for res in results.values():
        res["leave_one_dataset_out"] = {name: res["leave_one_dataset_out"].get(name, first[name])
                                        for name in DATASETS}
    return results


def validation_split(datasets: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row positions of the 85/15 fit/validation split, stratified by (dataset, class), seed 0.

    >>> fit, val = validation_split(np.array(["a", "b"] * 20), np.array([0, 0, 1, 1] * 10))
    >>> len(fit), len(val), sorted(set(fit) | set(val)) == list(range(40))
    (34, 6, True)
    """
    cells = np.char.add(datasets.astype(str), y.astype(str))
    return train_test_split(np.arange(len(y)), test_size=0.15, random_state=0, stratify=cells)


def markdown_sections(results: dict[str, dict[str, dict[str, float]]], row_header: str,
                      sections: tuple[tuple[str, str], ...]) -> list[str]:
    """Markdown lines: for each ``(part, title)`` a ``## title`` table, one row per key of ``results``.

    >>> res = {"a": {"val": {"x": 0.5}}, "b": {"val": {"x": 0.25}}}
    >>> print("\\n".join(markdown_sections(res, "run", (("val", "Validation"),))))
    <BLANKLINE>
    ## Validation
    <BLANKLINE>
    | run | x |
    |---|---|
    | a | 0.500 |
    | b | 0.250 |
    """
    lines: list[str] = []
    first = next(iter(results.values()))
    for part, title in sections:
        cols = list(first[part])
        lines += ["", f"## {title}", "", f"| {row_header} | " + " | ".join(cols) + " |",
                  "|---|" + "---|" * len(cols)]
        lines += [f"| {key} | " + " | ".join(f"{res[part][c]:.3f}" for c in cols) + " |"
                  for key, res in results.items()]
    return lines


def write_comparison(out: Path, stem: str, results: dict[str, dict[str, dict[str, float]]], *, t0: float,
                     title: str, intro: str, row_header: str, validation_title: str) -> None:
    """Write ``<stem>.json`` and ``<stem>.md`` to ``out`` and print the markdown.

    ``results`` maps each compared setting to its ``validation`` and
    ``leave_one_dataset_out`` scores (one per name of ``DATASETS``, which this
    adds their ``"mean of the four sets"`` to); the report records the
    script's command with its arguments, the date and the seconds since ``t0``.
    """
    for res in results.values():
        for part in ("validation", "leave_one_dataset_out"):
            res[part]["mean of the four sets"] = round(float(np.mean([res[part][n] for n in DATASETS])), 4)
    options = " ".join(shlex.quote(a) for a in sys.argv[1:])  # the arguments this run was given
    report = {"command": f"HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/{stem}.py" + (f" {options}" if options else ""),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - t0), "results": results}
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [f"# {title}", "", f"Command: `{report['command']}` ({report['date']}, {report['seconds']} s)", "",
             intro]
    lines += markdown_sections(results, row_header, (
        ("validation", validation_title),
        ("leave_one_dataset_out", "Leave one dataset out: test split of the set not trained on")))
    (out / f"{stem}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def fit_hashed(X: Any, y: np.ndarray, weights: np.ndarray, C: float) -> tuple[LogisticRegression, np.ndarray]:
    """The fast model's fit on hashed counts ``X``: idf, L2 norm, weighted logistic regression.

    Returns the regression and the idf; score a matrix ``M`` with ``idf_l2(M.tocsr(copy=True), idf)``.
    """
    idf = TfidfTransformer(norm="l2").fit(X).idf_.astype(np.float32)
    Xw = idf_l2(X.tocsr(copy=True), idf).astype(np.float64)
    lr = LogisticRegression(C=C, max_iter=300).fit(Xw, y, sample_weight=weights / weights.mean())
    return lr, idf


def _fit_predict(X: Any, y: np.ndarray, weights: np.ndarray, train: np.ndarray,
                 score: list[Any], C: float, class_balanced: bool) -> list[np.ndarray]:
    """Fit on rows ``train`` and predict each matrix of ``score``."""
    w = weights[train] * (compute_sample_weight("balanced", y[train]) if class_balanced else 1.0)
    lr, idf = fit_hashed(X[train], y[train], w, C)
    return [lr.predict(idf_l2(M.tocsr(copy=True), idf)) for M in score]


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv)
    t0 = time.perf_counter()

    frames = {name: load_sentiment_dataset(name) for name in DATASETS}
    train = shared_train_rows(frames, cx_augmentation())
    hasher = FastSentimentClassifier().text_hasher()
    X = hasher.transform(clean_for_model(train["text"].tolist()))
    y = np.searchsorted(CLASSES, train["label"].to_numpy())
    ds = train["dataset"].to_numpy()
    tests = {name: df[df.split == "test"] for name, df in frames.items()}
    X_test = {name: hasher.transform(clean_for_model(t["text"].tolist())) for name, t in tests.items()}
    weights = {scheme: row_weights(train, scheme) for scheme in ("class", "dataset-class")}
    print(f"hashed {X.shape[0]:,} train rows in {time.perf_counter() - t0:.0f} s", flush=True)

    jobs = []  # (kind, scheme, C, held-out set, train rows, matrices to score)
    for scheme in ("class", "dataset-class"):
        for held in DATASETS:
            jobs.append(("lodo", scheme, 4.0, held, np.flatnonzero(ds != held), [X_test[held]]))
    jobs.append(("alone", "class", 4.0, "airline_tweets", np.flatnonzero(ds == "airline_tweets"),
                 [X_test["airline_tweets"]]))
    fit_rows, val_rows = validation_split(ds, y)
    for C in (2.0, 4.0, 8.0, 16.0):
        jobs.append(("C", "dataset-class", C, None, fit_rows, [X[val_rows]]))
    preds = Parallel(n_jobs=args.jobs)(
        delayed(_fit_predict)(X, y, weights[scheme], rows, score, C, scheme == "class")
        for _, scheme, C, _, rows, score in jobs)

    lodo: dict[str, dict[str, float]] = {"class": {}, "dataset-class": {}}
    validation: dict[str, dict[str, float]] = {}
    alone: dict[str, float] = {}
    for (kind, scheme, C, held, _, _), (pred,) in zip(jobs, preds):
        if kind in ("lodo", "alone"):
            gold = np.searchsorted(CLASSES, tests[held]["label"].to_numpy())
            score = round(float(f1_score(gold, pred, average="macro")), 4)
            if kind == "lodo":
                lodo[scheme][held] = score
            else:
                alone[held] = score
        else:
            row = {}
            for name in DATASETS:
                m = ds[val_rows] == name
                row[name] = round(float(f1_score(y[val_rows][m], pred[m], average="macro")), 4)
            row["mean"] = round(float(np.mean(list(row.values()))), 4)
            validation[f"{C:g}"] = row
    for row in lodo.values():
        row["mean"] = round(float(np.mean(list(row.values()))), 4)

    result = {"command": "HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sentiment_weighting.py",
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - t0), "leave_one_dataset_out": lodo,
              "validation_C_dataset_class": validation,
              "trained_on_its_own_train_split_only": alone}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sentiment_weighting.json").write_text(json.dumps(result, indent=2) + "\n")
    names = list(DATASETS)
    lines = ["# Fast sentiment: how the training sets are weighted", "",
             f"- Command: `{result['command']}`", f"- Date: {result['date']} ({result['seconds']} s)",
             "- See the script's docstring for the protocol. Only train splits are fitted on.", "",
             "## Leave one dataset out (C = 4): macro-F1 on the test split of the set left out", "",
             "| weighting | " + " | ".join(names) + " | mean |", "|---" * (len(names) + 2) + "|"]
    for scheme, row in lodo.items():
        lines.append(f"| {scheme} | " + " | ".join(f"{row[n]:.3f}" for n in names)
                     + f" | {row['mean']:.3f} |")
    lines += ["", "## Trained on the airline train split alone (C = 4, classes balanced)", "",
              f"Airline test macro-F1: {alone['airline_tweets']:.3f}"]
    lines += ["", "## `dataset-class` weighting: C on a 15% validation part of the train splits", "",
              "| C | " + " | ".join(names) + " | mean |", "|---" * (len(names) + 2) + "|"]
    for C, row in validation.items():
        lines.append(f"| {C} | " + " | ".join(f"{row[n]:.3f}" for n in names) + f" | {row['mean']:.3f} |")
    (args.out / "sentiment_weighting.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
