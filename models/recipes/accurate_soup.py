"""Recipe: average the weights of several shared-top trainings into one pair of accurate models.

    HF_HUB_OFFLINE=1 .venv/bin/python models/recipes/accurate_soup.py \\
        --member models:0.11.0:0.6.0 --member /tmp/o1:0.13.0:0.8.0 --member /tmp/o2:0.13.0:0.8.0 \\
        --sentiment-version 0.13.0 --emotion-version 0.8.0 --short-answers

Each ``--member ROOT:SENTIMENT_VERSION:EMOTION_VERSION`` names one run of
``accurate_shared.py`` (its ``--out`` folder and the two versions it wrote).
The members must come from the same start and the same rows: the same
``--seed``, ``--short-answers`` and layer count, differing only in
``--order-seed`` (batch order and dropout). Their tuned layers, sentiment head
and emotion head are averaged weight by weight (:func:`cxtext.tuning.average_tops`,
a "model soup"), then the averaged model is calibrated, scored and saved exactly
as ``accurate_shared.py`` does with one run (:func:`accurate_shared.save_shared_top`):
the softmax temperature on the same 10% calibration rows (no member trained on
them, since all share ``--seed``), emotion thresholds on GoEmotions dev, the
honest emotion score on the 15% holdout (no member trained on it), the
sentiment scores on the test splits. The result costs what one run costs at
prediction time.

Run once (2026-12-06) on the shipped run and two ``--order-seed`` runs
(``models:0.11.0:0.6.0``, ``/tmp/o1:0.13.0:0.8.0``, ``/tmp/o2:0.13.0:0.8.0``):
not shipped; the blend with the fast model and the emotions did not gain
(benchmarks/RESULTS_LOG.md, *Averaging the weights of three trainings*).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

from cxtext.emotion import TunedEmotionClassifier
from cxtext.emotion.train import goemotions_splits
from cxtext.sentiment.fast import SENTIMENT_LABELS
from cxtext.sentiment.train import clean_for_model
from cxtext.sentiment.tuned import TunedSentimentClassifier
from cxtext.tuning import TunedTop, average_tops, frozen_states, top_features

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accurate_shared import save_shared_top, sentiment_rows

ROOT = Path(__file__).resolve().parents[2]
logger = logging.getLogger("accurate_soup")


def load_member(spec: str) -> tuple[TunedTop, dict]:
    """The shared top of one ``ROOT:SENTIMENT_VERSION:EMOTION_VERSION`` run, and its sentiment params."""
    root, s_version, e_version = spec.rsplit(":", 2)
    os.environ["CXTEXT_MODELS_DIR"] = str(Path(root).resolve())  # the emotion head's top_from
    sent = TunedSentimentClassifier.load(Path(root) / "sentiment-accurate" / s_version)
    emo = TunedEmotionClassifier.load(Path(root) / "emotion-accurate" / e_version)
    if emo.tuned_layers_ is not sent.tuned_layers_:
        raise SystemExit(f"{spec}: the emotion head does not sit on that sentiment model's layers")
    top = TunedTop(layers=list(sent.tuned_layers_), coef=np.vstack([sent.coef_, emo.coef_]),
                   intercept=np.concatenate([sent.intercept_, emo.intercept_]), history=list(sent.history_))
    return top, sent.get_params()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--member", action="append", required=True,
                        help="ROOT:SENTIMENT_VERSION:EMOTION_VERSION of one accurate_shared.py run")
    parser.add_argument("--sentiment-version", required=True)
    parser.add_argument("--emotion-version", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "models")
    parser.add_argument("--short-answers", action="store_true", help="as the members were trained")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    members = [load_member(spec) for spec in args.member]
    params = [p for _, p in members]
    keys = ("n_tuned_layers", "epochs", "learning_rate", "random_state")
    if any(tuple(p[k] for k in keys) != tuple(params[0][k] for k in keys) for p in params):
        raise SystemExit(f"members differ in {keys}: {[tuple(p[k] for k in keys) for p in params]}")
    soup = average_tops([top for top, _ in members])
    args.layers, args.epochs = params[0]["n_tuned_layers"], params[0]["epochs"]
    args.lr, args.seed = params[0]["learning_rate"], params[0]["random_state"]

    # The members' calibration rows, as accurate_shared.py drew them for this seed.
    emo = goemotions_splits()
    sent_df, sent_provenance, sent_tests = sentiment_rows(set(emo["holdout"].texts), args.short_answers, args.seed)
    texts = clean_for_model(sent_df["text"].tolist())
    y_idx = np.searchsorted(np.array(SENTIMENT_LABELS, dtype=object), sent_df["label"].to_numpy())
    _, s_cal = train_test_split(np.arange(len(texts)), test_size=0.1, random_state=args.seed, stratify=y_idx)
    encoder = TunedSentimentClassifier(**{k: v for k, v in params[0].items()
                                          if k in TunedSentimentClassifier().get_params()}).encoder()
    states = frozen_states(encoder, [texts[i] for i in s_cal], encoder.n_layers - args.layers)
    feats = top_features(encoder, states, np.arange(len(s_cal)), soup.layers)
    note = f"; the weight average of {len(members)} runs ({', '.join(args.member)})"
    save_shared_top(soup, args, cal_features=feats, cal_y=y_idx[s_cal], sent_tests=sent_tests, emo=emo,
                    sent_provenance=sent_provenance, n_emotion_rows=len(emo["fit"].texts),
                    extra_metrics={"members": list(args.member)}, note=note)


if __name__ == "__main__":
    main()
