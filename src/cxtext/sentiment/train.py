"""Train a ``fast`` sentiment model on labelled comments and save it as a model folder."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ColumnNotFoundError, InputError
from cxtext.models import TrainingData, prepare_model_dir, sha256_file
from cxtext.sentiment.fast import SENTIMENT_LABELS, FastSentimentClassifier

__all__ = ["LABEL_ALIASES", "balanced_cell_weights", "check_label_scale", "clean_for_model", "has_text", "normalise_labels",
           "one_scale_hint", "train_sentiment", "unusable_examples", "unusable_labels_message"]

logger = logging.getLogger(__name__)

#: Written sentiment labels (lower case, single spaces) and the class each means.
LABEL_ALIASES = {"neg": "negative", "negative": "negative", "neu": "neutral", "neut": "neutral",
            "neutral": "neutral", "pos": "positive", "positive": "positive"}
# five-level labels ("very negative" ... "very positive", as in SST-5) fold into three classes
LABEL_ALIASES.update({f"{degree} {polarity}": polarity
                 for degree in ("very", "extremely", "strongly", "somewhat", "slightly", "mostly")
                 for polarity in ("negative", "positive")})


def normalise_labels(values: pd.Series, scale: str | None = None) -> pd.Series:
    """Turn labels or ratings into ``negative``/``neutral``/``positive`` (``None`` if unknown).

    Parameters
    ----------
    values : Series
        Text labels (``"positive"``, ``"Neg"`` …) or numeric ratings.
    scale : {"5", "10"}, optional
        Ratings scale; see :func:`cxtext.datasets.rating_to_sentiment` for the rule.

    Examples
    --------
    >>> normalise_labels(pd.Series(["Positive", "neg", "meh"])).tolist()
    ['positive', 'negative', None]
    >>> normalise_labels(pd.Series([1, 3, 5]), scale="5").tolist()
    ['negative', 'neutral', 'positive']
    >>> normalise_labels(pd.Series(["Very negative", "somewhat positive"])).tolist()
    ['negative', 'positive']
    """
    if scale is not None:
        from cxtext.datasets import rating_to_sentiment

        return pd.Series(rating_to_sentiment(values, scale).to_numpy(dtype=object), index=values.index,
                         dtype=object)
    mapped = values.astype(str).str.strip().str.lower().str.split().str.join(" ").map(LABEL_ALIASES)
    return mapped.astype(object).where(mapped.notna(), None)


def unusable_labels_message(values: Sequence[Any], column: str | None = None) -> str:
    """Why no label was usable, and how to fix it, naming a few of the values seen.

    Examples
    --------
    >>> print(unusable_labels_message([1, 5, 3, 5], "stars"))
    [CX108] No usable labels in column 'stars' (values seen: 1, 3, 5). They look like numbers: \
ratings need a scale (scale='5' or '10'; on the command line --scale 5 or --scale 10), the codes \
-1/0/1 scale='polarity' (--scale polarity).
    """
    seen = sorted({str(v).strip() for v in values if v is not None and str(v).strip()
                   and str(v).strip().lower() != "nan"})
    shown = ", ".join(seen[:8]) + (", ..." if len(seen) > 8 else "")
    where = f" in column {column!r}" if column else ""
    message = f"[CX108] No usable labels{where} (values seen: {shown or 'none'})."
    if seen and pd.to_numeric(pd.Series(seen), errors="coerce").notna().all():
        return (f"{message} They look like numbers: ratings need a scale (scale='5' or '10'; on the "
                "command line --scale 5 or --scale 10), the codes -1/0/1 scale='polarity' "
                "(--scale polarity).")
    scales = _written_rating_scales(seen)
    if len(scales) == 1:
        found = next(iter(scales))
        return (f"{message} They read as ratings out of {found} ('4 stars', '8/10'): pass "
                f"scale='{found}' (on the command line --scale {found}).")
    return (f"{message} Expected {', '.join(SENTIMENT_LABELS)} (or neg/neu/pos, 'very positive' "
            "and the like); map other labels to these first.")


def _written_rating_scales(values: Sequence[str]) -> set[int]:
    """The scales of values written as ratings ("4 stars" -> 5, "8/10" -> 10); empty if none is."""
    from cxtext.clean.nonanswers import rating_answer

    found = [rating_answer(v) for v in values[:50]]
    return {f[1] for f in found if f is not None} if found and all(found) else set()


def has_text(texts: pd.Series) -> pd.Series:
    """Which cells hold a text to learn from or score: not missing, not blank.

    Examples
    --------
    >>> has_text(pd.Series(["ok", "", "   ", None, "n/a"])).tolist()
    [True, False, False, False, True]
    """
    return texts.notna() & (texts.astype(str).str.strip() != "")


def _present(values: Sequence[Any]) -> pd.Series:
    series = pd.Series(list(values), dtype=object)
    return series[series.notna() & (series.astype(str).str.strip() != "")
                  & (series.astype(str).str.strip().str.lower() != "nan")]


def unusable_examples(raw: pd.Series, normalised: pd.Series, scale: str | None) -> str:
    """A note naming up to three raw labels that :func:`normalise_labels` could not read ("" if none).

    Examples
    --------
    >>> raw = pd.Series(["positive", "??", None, 7])
    >>> unusable_examples(raw, normalise_labels(raw), None)
    " (labels such as '??', '7' are not class labels)"
    >>> unusable_examples(pd.Series([3, 12]), normalise_labels(pd.Series([3, 12]), "5"), "5")
    " (labels such as '12' are not ratings on the 1-5 scale)"
    """
    odd = raw[normalised.isna().to_numpy() & raw.notna().to_numpy()].astype(str).unique()[:3].tolist()
    if not odd:
        return ""
    what = {"5": "ratings on the 1-5 scale", "10": "ratings on the 0-10 scale",
            "polarity": "polarity codes (-1/0/1)"}.get(str(scale), "class labels") if scale else "class labels"
    return f" (labels such as {', '.join(map(repr, odd))} are not {what})"


def check_label_scale(values: Sequence[Any], scale: str | None, column: str | None = None) -> None:
    """Refuse labels that are clearly not ratings on ``scale``, before any row is misread.

    * class labels ("positive", "neg") given a scale;
    * ratings on a 1–5 scale outside it but within 0–10 (0 or 6–10: a 0–10 NPS
      question) in 5% of the rows or more, which a 1–5 reading would skip (the
      rest it would misread: a 4 is positive out of 5 but a detractor out of 10).

    Ratings nearly all between 1 and 5 read on the 0–10 scale are warned about
    (logged): they may be 1–5 stars.

    Raises
    ------
    InputError
        ``[CX111]``, naming the scale to use.

    Examples
    --------
    >>> check_label_scale([1, 4, 5, 2], "5")
    >>> try:
    ...     check_label_scale([0, 9, 10, 6], "5")
    ... except InputError as exc:
    ...     print(str(exc)[:93])
    [CX111] The labels hold ratings outside 1-5 (0, 6, 9, 10) in 4 of 4 rows: they look like 0-10
    """
    if scale is None:
        return
    where = f"Column {column!r} holds" if column else "The labels hold"
    present = _present(values)
    as_words = normalise_labels(present).notna()  # the cells that are class labels ("positive", "Neg")
    if len(present) and as_words.mean() >= 0.5:
        words = present[as_words]
        raise InputError(f"[CX111] {where} class labels (such as "
                         f"{', '.join(map(repr, words.astype(str).unique()[:3].tolist()))}), not ratings: "
                         "drop the scale (--scale / scale=).")
    num = _rating_numbers(present)
    if scale == "5":
        outside = num[((num >= 0) & (num < 1)) | ((num > 5) & (num <= 10))]  # 0 and 6-10: a 0-10 question
        if len(outside) and len(outside) >= 0.05 * len(num):
            shown = ", ".join(f"{v:g}" for v in sorted(set(outside.tolist()))[:6])
            raise InputError(
                f"[CX111] {where} ratings outside 1-5 ({shown}) in {len(outside):,} of {len(num):,} rows: they "
                "look like 0-10 ratings; use scale='10' (--scale 10). Read out of 5, those rows would be "
                "skipped and the rest misread (a 4 is positive out of 5 but a detractor out of 10).")
    elif scale == "10" and len(num) >= 20 and num.between(1, 5).mean() >= 0.95:
        logger.warning("%s ratings between 1 and 5 in %d of %d rows: if they are 1-5 stars, use scale='5' "
                       "(--scale 5); read out of 10 they are all negative.", where, int(num.between(1, 5).sum()),
                       len(num))


def _rating_numbers(values: pd.Series) -> pd.Series:
    """The numbers of rating cells as the scale readers find them ("4", "10 - Extremely likely")."""
    from cxtext.scores.scales import score_numbers

    if values.empty:
        return pd.Series(dtype=float)
    num = pd.Series(score_numbers(values), index=values.index, dtype=float)
    return num[np.isfinite(num)]


def one_scale_hint(values: Sequence[Any], scale: str | None) -> str:
    """A hint for labels that all read as one class because of their scale ("" if none applies).

    Examples
    --------
    >>> one_scale_hint([1, 2, 5, 4, 3] * 2, "10")
    " The ratings (nearly) all lie between 1 and 5: if they are 1-5 stars, use scale='5' (--scale 5); read out of 10 those are negative."
    """
    if scale != "10":
        return ""
    num = _rating_numbers(_present(values))
    if len(num) >= 5 and num.between(1, 5).mean() >= 0.95:
        return (" The ratings (nearly) all lie between 1 and 5: if they are 1-5 stars, use scale='5' (--scale 5); "
                "read out of 10 those are negative.")
    return ""


def balanced_cell_weights(labels: Sequence[Any], groups: Sequence[Any]) -> np.ndarray:
    """Row weights that give every (group, label) cell the same total weight (mean 1).

    With rows from several sources (datasets, channels, surveys), each source
    then counts the same whatever its size, and inside each source every class
    counts the same: what macro-F1 per source rewards. ``sentiment-fast`` 0.3.0 to 0.5.0
    were trained with these weights over their four datasets.

    Parameters
    ----------
    labels, groups : sequence
        The class and the source of each row.

    Returns
    -------
    ndarray of shape (n,)
        ``n / (n_cells * rows in the row's cell)``.

    Examples
    --------
    >>> balanced_cell_weights(["pos", "pos", "neg", "pos"], ["a", "a", "a", "b"]).round(3).tolist()
    [0.667, 0.667, 1.333, 1.333]
    """
    from sklearn.utils.class_weight import compute_sample_weight

    if len(labels) != len(groups):
        raise InputError(f"[CX108] {len(labels)} labels but {len(groups)} groups were given.")
    if not len(labels):
        return np.ones(0)
    cells = pd.Series([str(g) for g in groups]) + "\x1f" + pd.Series([str(v) for v in labels])
    weights = compute_sample_weight("balanced", cells.to_numpy())
    return np.asarray(weights / weights.mean(), dtype=float)


def clean_for_model(texts: Sequence[Any]) -> list[str]:
    """Clean texts exactly as the analysis pipeline does before scoring.

    The ``text_clean`` of :class:`cxtext.clean.Cleaner` (normalised, PII
    redacted; :meth:`~cxtext.clean.Cleaner.clean_texts`), without the flags
    models do not read: skipping non-answer detection and the table halves the
    cleaning time of an evaluation.

    Examples
    --------
    >>> clean_for_model(["  Great <b>staff</b> \U0001f600", None, "mail me: a@b.com"])
    ['Great staff [grinning face]', '', 'mail me: [EMAIL]']
    """
    from cxtext.clean import Cleaner

    return Cleaner(redact_pii=True, detect_language=False).clean_texts(list(texts))[0]


def train_sentiment(data: pd.DataFrame | str | os.PathLike[str], text: str, label: str, *,
                    scale: str | int | None = None,
                    output: str | os.PathLike[str] | None = None, name: str = "sentiment-custom",
                    version: str = "1.0.0",
                    trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
                    metrics: Mapping[str, Any] | None = None,
                    weight: str | None = None,
                    balance_by: str | None = None,
                    overwrite: bool = False,
                    **params: Any) -> FastSentimentClassifier:
    """Train a :class:`FastSentimentClassifier` on a labelled table (and save it if asked).

    Parameters
    ----------
    data : DataFrame or path
        Labelled comments, or a file of them (any format :func:`cxtext.io.read_table` reads).
    text, label : str
        Column names of the comment and of its label (or rating, with ``scale``).
    scale : {"5", "10", "polarity"} or {5, 10}, optional
        Treat ``label`` as a rating on this scale (1-2 / 3 / 4-5, 0-6 / 7-8 / 9-10), or
        the codes -1/0/1.
    output : path, optional
        Write a versioned model folder here.
    name, version : str
        Recorded in the manifest.
    trained_on : sequence of TrainingData or dict
        Provenance and licence of the data (default: the caller's own data, licence unknown).
    weight : str, optional
        Column of per-row training weights.
    balance_by : str, optional
        Column naming each row's source (dataset, channel, survey). Every
        (source, class) cell then gets the same total weight (see
        :func:`balanced_cell_weights`; multiplied by ``weight`` if given), in
        place of ``class_weight="balanced"`` over all rows pooled.
    overwrite : bool
        Replace a model saved in ``output`` before (see :func:`cxtext.models.prepare_model_dir`);
        without it an ``output`` folder that holds files is refused before training.
    **params
        Passed to :class:`FastSentimentClassifier` (``C``, ``n_features`` …).

    Examples
    --------
    >>> df = pd.DataFrame({"t": ["great", "awful", "ok then"] * 20, "stars": [5, 1, 3] * 20})
    >>> model = train_sentiment(df, "t", "stars", scale="5", n_features=2**10, char_ngrams=(0, 0))
    >>> list(model.classes_)
    ['negative', 'neutral', 'positive']
    """
    source = None
    if isinstance(data, (str, os.PathLike)):
        from cxtext.io import read_table

        source = Path(data)
        data = read_table(data)
    scale = None if scale is None else str(scale)
    if output is not None:
        prepare_model_dir(output, overwrite=overwrite, dry_run=True)  # fail before training, not after
    for col in (text, label) + tuple(c for c in (weight, balance_by) if c is not None):
        if col not in data.columns:
            raise ColumnNotFoundError(col, available=list(data.columns))
    check_label_scale(data[label].tolist(), scale, label)
    labels = normalise_labels(data[label], scale)
    keep = labels.notna() & has_text(data[text])
    if not keep.any():
        raise InputError(unusable_labels_message(data[label].tolist(), label))
    counts = labels[keep].value_counts()
    classes = sorted(counts.index)
    if len(classes) >= 2 and (int(keep.sum()) < 100 or int(counts.min()) < 20):
        logger.warning("Training on %d labelled comments (%s): expect an unreliable model; a few hundred per "
                       "class is typical.", int(keep.sum()),
                       ", ".join(f"{c} {int(counts[c])}" for c in classes))
    lone = [c for c in classes if counts[c] < 2]
    if len(classes) >= 2 and lone:
        raise InputError(f"[CX108] Class {lone[0]!r} has only 1 labelled comment in column {label!r}; every class "
                         "needs at least 2 (and a few hundred for a useful model). Add examples, or drop that "
                         "class's row." + one_scale_hint(data[label].tolist(), scale))
    if len(classes) < 2:
        raise InputError(f"[CX108] Need at least two sentiment classes to train; column {label!r} gives only "
                         f"{classes[0]!r} ({int(keep.sum()):,} rows)."
                         + one_scale_hint(data[label].tolist(), scale))
    dropped = int((~keep).sum())
    if dropped:
        logger.warning("Skipping %d row(s) without a text or a usable label%s.", dropped,
                       unusable_examples(data[label], labels, scale))
    texts = clean_for_model(data.loc[keep, text].tolist())
    weights = None
    if weight is not None:
        weights = pd.to_numeric(data.loc[keep, weight], errors="coerce").to_numpy(dtype=float)
        if not np.isfinite(weights).all() or (weights < 0).any():
            odd = data.loc[keep, weight][~(np.isfinite(weights) & (weights >= 0))].astype(str).unique()[:3]
            raise InputError(f"[CX108] The weight column {weight!r} must hold a number of 0 or more on every "
                             f"labelled row; it holds {', '.join(map(repr, odd))}. Fill or drop those rows.")
    if balance_by is not None:
        cell = balanced_cell_weights(labels[keep].tolist(), data.loc[keep, balance_by].tolist())
        weights = cell if weights is None else weights * cell
        params.setdefault("class_weight", None)  # the cells already balance the classes
    model = FastSentimentClassifier(**params).fit(texts, labels[keep].tolist(), sample_weight=weights)
    if output is not None:
        prepare_model_dir(output, overwrite=overwrite)
        provenance = list(trained_on) or [TrainingData(
            data="user data" if source is None else source.name, licence="unknown", rows=int(keep.sum()),
            note="" if source is None else f"sha256 {sha256_file(source)}; text {text!r}, label {label!r}")]
        model.save(output, name=name, version=version, trained_on=provenance, metrics=metrics)
    return model
