"""Set-up shared by the emotion recipes (``emotion_fast.py``, ``emotion_accurate.py``).

Both recipes follow the protocol of :mod:`cxtext.emotion.train`; this module holds
what they have in common: the command-line options, how a model is scored from its
probabilities, the metrics block written to the manifest, and the provenance of
the GoEmotions training data.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from cx_augment import (  # a sibling recipe module: its folder is on sys.path
    FACT_CONTRASTS_CSV,
    HEALTH_SITUATIONS_CSV,
    SITUATIONS_CSV,
)

from cxtext.emotion.data import labels_to_matrix
from cxtext.emotion.evaluate import emotion_scores
from cxtext.emotion.thresholds import apply_thresholds
from cxtext.emotion.train import PROTOCOL
from cxtext.models import TrainingData

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CORPORA", "FACTS_DATA", "HEALTH_SITUATIONS_DATA", "IMPLICIT_TEMPLATES", "SITUATIONS_DATA", "cx_emotion_rows", "cx_emotion_set", "goemotions_provenance",
           "holdout_after_dev_tuning", "recipe_metrics", "recipe_parser", "score_proba", "situation_rows",
           "situations_provenance", "situations_repeat", "templates_provenance", "with_situations", "with_templates"]

MODELS_DIR = Path(__file__).resolve().parents[1]


def recipe_parser(description: str | None, model: str,
                  version: str = "0.1.0") -> argparse.ArgumentParser:
    """``--version`` (default ``version``) and ``--out`` (default ``models/<model>``).

    Also sets up INFO logging.
    """
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--version", default=version)
    parser.add_argument("--out", type=Path, default=MODELS_DIR / model)
    return parser


def score_proba(P: np.ndarray, thresholds: np.ndarray, Y: np.ndarray) -> dict[str, Any]:
    """Scores (:func:`~cxtext.emotion.evaluate.emotion_scores`) of probabilities ``P`` cut at ``thresholds``."""
    return emotion_scores(Y, labels_to_matrix(apply_thresholds(P, thresholds)))


def holdout_after_dev_tuning(model: Any, splits: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """Tune ``model``'s thresholds on dev, then score it on the holdout.

    Returns the honest holdout scores and the holdout texts per second of
    ``predict_proba`` (timed alone).
    """
    model.tune_thresholds(splits["dev"].texts, splits["dev"].Y)
    start = time.perf_counter()
    P = model.predict_proba(splits["holdout"].texts)
    per_second = len(splits["holdout"].texts) / (time.perf_counter() - start)
    return score_proba(P, model.thresholds_, splits["holdout"].Y), per_second


def recipe_metrics(holdout: dict[str, Any], dev: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The manifest metrics: protocol, honest holdout and optimistic dev scores, then ``extra``."""
    return {
        "protocol": PROTOCOL,
        "holdout": {**holdout, "note": "honest: model fitted on the 85% split, thresholds from dev"},
        "dev": {**dev, "note": "optimistic: thresholds tuned on these rows (shipped model)"},
        **extra,
    }


def goemotions_provenance(rows: int) -> list[TrainingData]:
    """Provenance of a model trained on all ``rows`` of GoEmotions train.tsv."""
    return [TrainingData(
        data="goemotions", licence="CC BY 4.0 (Demszky et al. 2020, Google)", commercial_use=True,
        rows=rows,
        note="train.tsv (all rows; 12 GoEmotions labels mapped to 8 CX emotions, others ignored); "
             "dev.tsv used to tune thresholds",
    )]


def cx_emotion_rows(implicit: bool = False, more_situations: bool = False) -> tuple[list[str], np.ndarray]:
    """Our CX emotion templates (``cx_emotion_augment.py``), cleaned for the models, with their ``(n, 8)`` matrix.

    ``implicit`` adds the situations that show an emotion without naming it (emotion-fast 0.4.0 on);
    ``more_situations`` those for all eight emotions (with ``implicit``).
    """
    from cx_emotion_augment import cx_emotion_augmentation

    from cxtext.emotion.data import labels_to_matrix
    from cxtext.sentiment.train import clean_for_model

    table = cx_emotion_augmentation(implicit=implicit, more_situations=more_situations)
    return clean_for_model(table["text"].tolist()), labels_to_matrix(table["emotions"].tolist())


def with_templates(texts: list[str], Y: np.ndarray, implicit: bool = False,
                   more_situations: bool = False) -> tuple[list[str], np.ndarray]:
    """``texts``/``Y`` followed by the CX emotion templates' rows (once each; ``implicit``: with the situations)."""
    extra_texts, extra_Y = cx_emotion_rows(implicit, more_situations)
    return list(texts) + extra_texts, np.vstack([Y, extra_Y])


#: The provenance ``data`` of the templates with the implicit situations (how a recipe tells them apart).
IMPLICIT_TEMPLATES = "cxtext CX emotion templates with implicit situations (models/recipes/cx_emotion_augment.py)"
#: The same with the situations for all eight emotions.
MORE_SITUATIONS_TEMPLATES = ("cxtext CX emotion templates with implicit situations for all eight emotions "
                             "(models/recipes/cx_emotion_augment.py)")


def templates_provenance(implicit: bool = False, more_situations: bool = False) -> TrainingData:
    """Provenance record of the CX emotion templates (``implicit``: with the situations)."""
    data = (MORE_SITUATIONS_TEMPLATES if implicit and more_situations else IMPLICIT_TEMPLATES if implicit
            else "cxtext CX emotion templates (models/recipes/cx_emotion_augment.py)")
    return TrainingData(
        data=data, licence="CC0 1.0", commercial_use=True,
        rows=len(cx_emotion_rows(implicit, more_situations)[0]),
        note="generated by our own script; added once to the GoEmotions rows")


#: The provenance ``data`` of the CX situation corpus (how a recipe tells it is in a model).
SITUATIONS_DATA = "cxtext CX emotion situations (models/recipes/data/cx_emotion_situations.csv)"
#: The same for the healthcare situation corpus.
HEALTH_SITUATIONS_DATA = "cxtext patient situations (models/recipes/data/cx_health_situations.csv)"
#: The same for the plain facts of the fact contrasts.
FACTS_DATA = "cxtext fact contrasts, the plain facts only (models/recipes/data/cx_fact_contrasts.csv)"
#: The situation corpora a recipe may add, by name: ``(CSV, provenance data)``. ``situations``: 1,593
#: customer comments from sixteen industries outside healthcare; ``health``: 1,198 comments of
#: patients, relatives and carers (hospitals, GPs, pharmacies, dentists, care homes, mental health ...);
#: ``facts``: the 398 plain facts of the fact contrasts, as comments showing no emotion (their
#: complaints and compliments are left out: their writers named an emotion only where a feeling word
#: stood, so the emotions those rows show are not labelled).
CORPORA = {"situations": (SITUATIONS_CSV, SITUATIONS_DATA), "health": (HEALTH_SITUATIONS_CSV, HEALTH_SITUATIONS_DATA),
           "facts": (FACT_CONTRASTS_CSV, FACTS_DATA)}


def _corpus_frame(corpus: str) -> pd.DataFrame:
    """The rows of a corpus of :data:`CORPORA` that a recipe adds (``text``, ``emotions``; read, not cleaned)."""
    import pandas as pd

    frame = pd.read_csv(CORPORA[corpus][0], dtype=str, keep_default_na=False)
    if corpus == "facts":
        frame = frame[frame["sentiment"] == "neutral"].assign(emotions="none")
    return frame


def situation_rows(corpus: str = "situations") -> tuple[list[str], np.ndarray]:
    """A situation corpus of :data:`CORPORA` (comments labelled with the emotions they show, most without
    naming them), cleaned for the models, with its ``(n, 8)`` matrix (``none`` rows: all zeros)."""
    from cxtext.emotion import parse_emotion_labels
    from cxtext.sentiment.train import clean_for_model

    frame = _corpus_frame(corpus)
    return clean_for_model(frame["text"].tolist()), labels_to_matrix(parse_emotion_labels(frame["emotions"]))


def with_situations(texts: list[str], Y: np.ndarray, repeat: int,
                    corpus: str = "situations") -> tuple[list[str], np.ndarray]:
    """``texts``/``Y`` followed by a situation corpus ``repeat`` times (``0``: unchanged)."""
    if repeat <= 0:
        return list(texts), Y
    extra_texts, extra_Y = situation_rows(corpus)
    return list(texts) + extra_texts * repeat, np.vstack([Y] + [extra_Y] * repeat)


def _situation_count(corpus: str = "situations") -> int:
    """How many comments a situation corpus adds (read, not cleaned)."""
    return len(_corpus_frame(corpus))


def situations_provenance(repeat: int, corpus: str = "situations") -> TrainingData:
    """Provenance record of a situation corpus added ``repeat`` times (``rows`` counts every copy)."""
    n = _situation_count(corpus)
    return TrainingData(
        data=CORPORA[corpus][1], licence="CC0 1.0", commercial_use=True, rows=n * repeat,
        note=f"written for cxtext (see its SOURCE.md); its {n:,} comments added {repeat} time(s)")


def situations_repeat(trained_on: list[dict[str, Any]], corpus: str = "situations") -> int:
    """How many times a model's provenance says a situation corpus was added (``0``: not at all)."""
    n = _situation_count(corpus)
    return sum(int(r["rows"]) // n for r in trained_on if r["data"] == CORPORA[corpus][1])


def cx_emotion_set() -> tuple[list[str], np.ndarray]:
    """``tests/data/cx_emotions.csv`` (evaluation only, never trained on), cleaned, with its ``(n, 8)`` matrix."""
    import pandas as pd

    from cxtext.emotion import parse_emotion_labels
    from cxtext.emotion.data import labels_to_matrix
    from cxtext.sentiment.train import clean_for_model

    frame = pd.read_csv(MODELS_DIR.parent / "tests" / "data" / "cx_emotions.csv", dtype=str, keep_default_na=False)
    return clean_for_model(frame["text"].tolist()), labels_to_matrix(parse_emotion_labels(frame["emotions"]))

