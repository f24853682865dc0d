"""Score a theme tagger against labelled comments: detection and theme sentiment.

Detection: each text goes through ``tagger.tag([...])`` as a whole; a theme
counts as predicted when the tagger returns a hit for it. Gold labels are read
as theme ids the way training names them
(:func:`~cxtext.themes.supervised.label_to_theme_id`: ``"anecdotes/miscellaneous"``
is ``anecdotes_miscellaneous``, ``"Food"`` is ``food``), so a trained model is
scored on labels written as in its training data; reports show the id and, when
it differs, the label as written. Predicted theme ids can be renamed to gold
labels with ``mapping`` (many-to-one, e.g.
``{"staff_attitude": "service", "responsiveness": "service"}``; its targets are
read like gold labels). Scores are computed over the gold label space
(``themes``, default: every label in the gold data); predictions outside it
are counted but not scored.

Theme sentiment: for each (text, theme) where both gold and prediction have the
theme and the gold polarity is negative/neutral/positive (``conflict`` and
other values are dropped and counted), the predicted sentiment is compared with
the gold polarity. By default it comes from ``cxtext.analyze`` run with the same
tagger: the sentiment of the theme's highest-confidence mention, or the whole
comment's sentiment when the clause-level analysis has no mention of that theme
(both counts are reported).

Precision/recall/F1 come from :func:`sklearn.metrics.precision_recall_fscore_support`.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cxtext.errors import InputError
from cxtext.themes.mention_sentiment import normalise_polarity

__all__ = ["SENTIMENTS", "ThemeReport", "analyze_theme_sentiments", "evaluate_themes",
           "parse_mapping"]

logger = logging.getLogger(__name__)

SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")

SentimentFn = Callable[[list[str]], Sequence[Mapping[str, str]]]


def parse_mapping(spec: str | Mapping[str, Any] | None) -> dict[str, list[str]]:
    """Parse a predicted-theme -> gold-label mapping.

    Parameters
    ----------
    spec : str, mapping or None
        ``"a=b,c=b"`` (CLI form; ``a=b|d`` maps ``a`` to two labels), or a dict of
        theme id -> label or list of labels.

    Examples
    --------
    >>> parse_mapping("staff_attitude=service, price_value=price")
    {'staff_attitude': ['service'], 'price_value': ['price']}
    """
    if spec is None:
        return {}
    if isinstance(spec, str):
        out: dict[str, list[str]] = {}
        for part in spec.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise InputError(
                    f"[CX108] Mapping item {part.strip()!r} has no '='. Write predicted=gold pairs "
                    "separated by commas, e.g. --map staff_attitude=service,price_value=price."
                )
            key, value = (p.strip() for p in part.split("=", 1))
            if not key or not value:
                raise InputError(f"[CX108] Mapping item {part.strip()!r} has an empty side.")
            out.setdefault(key, [])
            out[key] += [v.strip() for v in value.split("|") if v.strip()]
        return out
    return {str(k): [v] if isinstance(v, str) else [str(x) for x in v] for k, v in spec.items()}


def _norm_polarity(value: object) -> str | None:
    """``negative``/``neutral``/``positive`` (aliases as in training), else ``None``."""
    polarity = normalise_polarity(value)
    return polarity if polarity in SENTIMENTS else None


def _gold_sentiment_rows(gold_sentiments: Sequence[Any], gold: list[list[str]],
                         to_id: Callable[[str], str]) -> list[dict[str, Any]]:
    """Per text: theme id -> raw polarity (a str row applies to every gold label of the text).

    Labels named in a dict or a ``"label:polarity;..."`` string go through ``to_id``
    like the gold labels.
    """
    rows = []
    for value, labels in zip(gold_sentiments, gold):
        if isinstance(value, Mapping):
            rows.append({to_id(str(k)): v for k, v in value.items()})
        elif isinstance(value, str) and ":" in value:
            pairs = {}
            for part in value.split(";"):
                k, sep, v = part.rpartition(":")
                if sep and k.strip():
                    pairs[to_id(k.strip())] = v.strip()
            rows.append(pairs)
        else:
            rows.append({lab: value for lab in labels})
    return rows


def _theme_id_reader(tagger: Any) -> Callable[[str], str]:
    """Label -> theme id, as training turns labels into ids (cached).

    A label that cannot name a theme (no ASCII letter or digit) stays as written,
    so it can still be matched through a mapping. For a model trained before
    accents were transliterated (``Qualité`` -> ``qualit``), the old id is used
    when the model knows it and not the new one.
    """
    import re

    from cxtext.themes.supervised import label_to_theme_id

    known = {str(c) for c in getattr(tagger, "classes_", ())}
    cache: dict[str, str] = {}

    def to_id(label: str) -> str:
        if label not in cache:
            try:
                tid = label_to_theme_id(label)
            except InputError:
                tid = label
            if known and tid not in known:
                legacy = re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")
                legacy = legacy if not legacy or legacy[0].isalpha() else "theme_" + legacy
                tid = legacy if legacy in known else tid
            cache[label] = tid
        return cache[label]

    return to_id


@dataclass
class ThemeReport:
    """Scores of one theme tagger on one labelled set.

    Attributes
    ----------
    per_theme : dict
        Theme -> precision, recall, f1, support (gold count), predicted (count),
        and, with gold sentiments, sentiment_accuracy and sentiment_n.
    micro : dict
        Micro-averaged precision, recall and F1.
    macro_f1 : float
        Unweighted mean F1 over the themes.
    sentiment : dict
        Overall theme-sentiment accuracy, pairs scored, pairs dropped (gold
        polarity not negative/neutral/positive) and where predictions came from.
    n_texts : int
        Texts scored.
    model : dict
        Name/kind of the tagger.
    gold_labels : dict
        Theme id -> the gold label(s) as written, for ids that differ from how
        the labels were written (``{"anecdotes_miscellaneous": ["anecdotes/miscellaneous"]}``).
    notes : list of str
        Anything the reader must know (dropped pairs, ignored predictions).
    """

    per_theme: dict[str, dict[str, Any]]
    micro: dict[str, float]
    macro_f1: float
    n_texts: int
    sentiment: dict[str, Any] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=dict)
    dataset: dict[str, Any] = field(default_factory=dict)
    mapping: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    gold_labels: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "n_texts": self.n_texts, "model": self.model, "dataset": self.dataset,
            "micro": self.micro, "macro_f1": self.macro_f1, "per_theme": self.per_theme,
            "sentiment": self.sentiment, "mapping": self.mapping,
            "gold_labels": self.gold_labels, "notes": self.notes,
        }

    def to_json(self, path: str | os.PathLike[str] | None = None) -> str:
        """Return the report as JSON, also written to ``path`` if given."""
        text = json.dumps(self.to_dict(), indent=2, default=float) + "\n"
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        return text

    def to_frame(self) -> Any:
        """Per-theme table as a DataFrame (one row per theme).

        With :attr:`gold_labels`, a ``label`` column holds each theme's gold label(s)
        as written.
        """
        import pandas as pd

        frame = pd.DataFrame.from_dict(self.per_theme, orient="index").rename_axis("theme")
        if self.gold_labels:
            frame.insert(0, "label", [", ".join(self.gold_labels.get(t, [t])) for t in frame.index])
        return frame

    def to_markdown(self) -> str:
        """Human-readable report: headline, per-theme table, notes."""
        def f(x: Any) -> str:
            return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.3f}"

        head = (f"Themes: {self.model.get('name', '?')} on {self.n_texts:,} texts - micro-F1 "
                f"{f(self.micro['f1'])} (P {f(self.micro['precision'])}, R "
                f"{f(self.micro['recall'])}), macro-F1 {f(self.macro_f1)}")
        lines = [head]
        if self.sentiment.get("n"):
            lines.append(f"Theme sentiment accuracy {f(self.sentiment['accuracy'])} on "
                         f"{self.sentiment['n']:,} (text, theme) pairs found by both gold and model.")
        with_sent = any("sentiment_accuracy" in r for r in self.per_theme.values())
        header = ["theme", "support", "predicted", "precision", "recall", "F1"]
        if with_sent:
            header += ["sentiment acc.", "pairs"]
        lines += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for theme, r in self.per_theme.items():
            shown = (f"{theme} ({', '.join(self.gold_labels[theme])})"
                     if theme in self.gold_labels else theme)
            cells = [shown, f"{r['support']:,}", f"{r['predicted']:,}", f(r["precision"]),
                     f(r["recall"]), f(r["f1"])]
            if with_sent:
                cells += [f(r.get("sentiment_accuracy")), f"{r.get('sentiment_n', 0):,}"]
            lines.append("| " + " | ".join(cells) + " |")
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines)


def analyze_theme_sentiments(texts: list[str], tagger: Any, *,
                             sentiment: Any = "fast") -> tuple[list[dict[str, str]], list[Any]]:
    """Per text, theme -> sentiment of its highest-confidence mention, via ``cxtext.analyze``.

    ``sentiment`` is the sentiment model the analysis uses (``"fast"``, ``"accurate"``,
    a folder or an estimator), as in :class:`cxtext.Analyzer`.

    Returns the per-text dicts (ordered by mention confidence, highest first) and
    the comment-level sentiment of each text (``None`` when not scored).
    """
    import pandas as pd

    from cxtext.analyzer import analyze

    result = analyze(pd.DataFrame({"text": list(texts)}), text="text", themes=tagger,
                     sentiment=sentiment, emotions=False)
    out: list[dict[str, str]] = [{} for _ in texts]
    m = result.mentions
    if len(m):
        m = m.sort_values(["comment_id", "confidence"], ascending=[True, False], kind="stable")
        for cid, theme, sent in zip(m["comment_id"], m["theme"], m["sentiment"]):
            d = out[int(cid)]
            if theme not in d and isinstance(sent, str):
                d[str(theme)] = sent
    comment = [s if isinstance(s, str) else None for s in result.comments["sentiment"].tolist()]
    return out, comment


def _sentiment_model_name(sentiment: Any) -> str:
    """How a report names the sentiment model of its analysis."""
    if isinstance(sentiment, (str, os.PathLike)):
        return str(sentiment)
    from cxtext.themes.mention_sentiment import model_identity

    return model_identity(sentiment) or type(sentiment).__name__


def _model_info(tagger: Any) -> dict[str, Any]:
    manifest = getattr(tagger, "manifest_", None)
    if manifest is not None:
        return {"name": f"{manifest.name} {manifest.version}", "kind": manifest.kind}
    name = type(tagger).__name__
    return {"name": "keyword" if name == "KeywordThemeTagger" else name, "kind": name}


def evaluate_themes(model_or_tagger: Any, texts: Sequence[Any], gold_labels: Sequence[Any], *,
                    gold_sentiments: Sequence[Any] | None = None,
                    predicted_sentiments_fn: SentimentFn | None = None,
                    sentiment: Any = "fast",
                    mapping: str | Mapping[str, Any] | None = None,
                    themes: Iterable[str] | None = None, sep: str = ";",
                    dataset: Mapping[str, Any] | None = None) -> ThemeReport:
    """Score theme detection (and optionally theme sentiment) against gold labels.

    Parameters
    ----------
    model_or_tagger : tagger, str or path
        Anything :func:`~cxtext.themes.supervised.load_theme_model` accepts
        (``"keyword"``, a model folder, a fitted tagger with ``tag``).
    texts : sequence of str
        The comments.
    gold_labels : sequence
        Gold theme labels per text: a list of labels or a ``sep``-separated string.
        Each label is read as the theme id training gives it
        (:func:`~cxtext.themes.supervised.label_to_theme_id`: ``"Food"`` is ``food``;
        a label with no ASCII letter or digit is kept as written). Labels may carry
        their polarity (``"food:positive"``, ``"food:pos"``; the words of
        :func:`~cxtext.themes.mention_sentiment.split_polarity`); it is then the
        gold sentiment of that label unless ``gold_sentiments`` is given.
    gold_sentiments : sequence, optional
        Gold polarity per text: a dict label -> polarity, a ``"label:polarity;..."``
        string, or one polarity for all of the text's labels. Values other than
        negative/neutral/positive (e.g. ``"conflict"``) are dropped and counted.
    predicted_sentiments_fn : callable, optional
        ``fn(texts) -> list of dict theme -> sentiment`` (dicts ordered from most to
        least confident; with a mapping, the first theme mapped to a label wins).
        Default: :func:`analyze_theme_sentiments` with the comment sentiment as fallback.
    sentiment : str, path or estimator, default "fast"
        Sentiment model of that default analysis.
    mapping : str or mapping, optional
        Predicted theme id -> gold label(s); see :func:`parse_mapping`. The gold
        labels are read as theme ids like ``gold_labels`` (so ``anecdotes/miscellaneous``
        and ``anecdotes_miscellaneous`` are the same target). Unmapped themes keep
        their id.
    themes : iterable of str, optional
        Gold label space to score (default: every label in ``gold_labels``), read
        as theme ids like them.
    sep : str, default ";"
        Separator of string label rows.
    dataset : mapping, optional
        Description of the data, stored in the report.

    Returns
    -------
    ThemeReport

    Examples
    --------
    >>> from cxtext.themes import KeywordThemeTagger
    >>> rep = evaluate_themes(KeywordThemeTagger().fit(), ["Long wait", "Rude staff", "ok"],
    ...                       [["waiting_time"], ["staff_attitude"], []])
    >>> rep.micro["f1"]
    1.0
    >>> rep = evaluate_themes(KeywordThemeTagger().fit(), ["Long wait", "Rude staff"],
    ...                       ["Waiting Time", "staff attitude"])
    >>> rep.micro["f1"], rep.gold_labels["waiting_time"]
    (1.0, ['Waiting Time'])
    """
    from sklearn.metrics import precision_recall_fscore_support

    from cxtext._texts import as_texts
    from cxtext.themes.mention_sentiment import split_polarity, warn_unknown_polarities
    from cxtext.themes.supervised import _split_labels, load_theme_model

    tagger = load_theme_model(model_or_tagger)
    texts = as_texts(texts, "evaluate_themes()")
    gold = [_split_labels(g, sep) for g in gold_labels]
    warn_unknown_polarities(lab for g in gold for lab in g)
    if any(split_polarity(lab)[1] for g in gold for lab in g):
        # "food:positive;price:negative": the themes are the labels, the suffixes their polarity
        split = [[split_polarity(lab) for lab in g] for g in gold]
        gold = [list(dict.fromkeys(lab for lab, _ in g)) for g in split]
        if gold_sentiments is None:
            gold_sentiments = [{lab: pol for lab, pol in g if pol} for g in split]
    if len(gold) != len(texts):
        raise InputError(f"[CX108] {len(texts)} texts but {len(gold)} gold label rows.")
    if not texts:
        raise InputError("[CX102] No texts to evaluate.")
    # gold labels (and mapping targets) as theme ids, the way training names them
    to_id = _theme_id_reader(tagger)
    written: dict[str, list[str]] = {}
    for lab in [lab for g in gold for lab in g] + list(themes if themes is not None else []):
        written.setdefault(to_id(lab), [])
        if lab not in written[to_id(lab)]:
            written[to_id(lab)].append(lab)
    gold = [list(dict.fromkeys(to_id(lab) for lab in g)) for g in gold]
    space = list(dict.fromkeys(to_id(t) for t in themes)) if themes is not None else sorted(
        {lab for g in gold for lab in g})
    if not space:
        raise InputError("[CX108] The gold labels are all empty; nothing to score.")
    index = {lab: j for j, lab in enumerate(space)}
    maps: dict[str, list[str]] = {}
    for key, targets in parse_mapping(mapping).items():
        row = maps.setdefault(to_id(key), [])
        row += [t for t in dict.fromkeys(to_id(v) for v in targets) if t not in row]
    renamed = {tid: labs for tid, labs in written.items() if labs != [tid]}

    def to_labels(theme_ids: Iterable[str]) -> list[str]:
        out: list[str] = []
        for t in theme_ids:
            for lab in maps.get(t, [t]):
                if lab not in out:
                    out.append(lab)
        return out

    hits = tagger.tag(texts)
    predicted = [to_labels(h.theme for h in row) for row in hits]
    ignored = Counter(lab for row in predicted for lab in row if lab not in index)
    Y = np.zeros((len(texts), len(space)), dtype=int)
    P = np.zeros_like(Y)
    for i, (g, p) in enumerate(zip(gold, predicted)):
        for lab in g:
            if lab in index:
                Y[i, index[lab]] = 1
        for lab in p:
            if lab in index:
                P[i, index[lab]] = 1
    prec, rec, f1, support = precision_recall_fscore_support(Y, P, average=None, zero_division=0)
    mp, mr, mf, _ = precision_recall_fscore_support(Y, P, average="micro", zero_division=0)
    per_theme = {
        lab: {"precision": round(float(prec[j]), 4), "recall": round(float(rec[j]), 4),
              "f1": round(float(f1[j]), 4), "support": int(support[j]),
              "predicted": int(P[:, j].sum())}
        for j, lab in enumerate(space)
    }
    notes: list[str] = []
    if ignored:
        top = ", ".join(f"{t} ({n:,})" for t, n in ignored.most_common(5))
        notes.append(f"{sum(ignored.values()):,} predicted theme(s) outside the scored label space "
                     f"were ignored (most often: {top}{', ...' if len(ignored) > 5 else ''}). If "
                     "one means a gold label, map it: --map THEME=LABEL (mapping={THEME: LABEL}).")
    if renamed:
        shown = ", ".join(f"{' / '.join(repr(lab) for lab in labs)} -> {tid}"
                          for tid, labs in list(renamed.items())[:8])
        notes.append("Gold labels were read as theme ids, as training names them: "
                     f"{shown}{', ...' if len(renamed) > 8 else ''}.")
    report = ThemeReport(
        per_theme=per_theme,
        micro={"precision": round(float(mp), 4), "recall": round(float(mr), 4),
               "f1": round(float(mf), 4)},
        macro_f1=round(float(np.mean(f1)), 4), n_texts=len(texts), model=_model_info(tagger),
        dataset=dict(dataset or {}), mapping=maps, notes=notes,
        gold_labels={tid: labs for tid, labs in renamed.items() if tid in index},
    )
    if gold_sentiments is not None:
        if len(gold_sentiments) != len(texts):
            raise InputError(f"[CX108] {len(texts)} texts but {len(gold_sentiments)} gold "
                             "sentiment rows.")
        _score_sentiment(report, texts, gold, predicted, _gold_sentiment_rows(gold_sentiments, gold, to_id),
                         tagger, predicted_sentiments_fn, to_labels, index, sentiment)
    return report


def _score_sentiment(report: ThemeReport, texts: list[str], gold: list[list[str]],
                     predicted: list[list[str]], gold_pol: list[dict[str, Any]], tagger: Any,
                     fn: SentimentFn | None, to_labels: Callable[[Iterable[str]], list[str]],
                     index: Mapping[str, int], sentiment: Any = "fast") -> None:
    both = [[lab for lab in g if lab in index and lab in p] for g, p in zip(gold, predicted)]
    need = [i for i, b in enumerate(both) if b]
    comment: list[Any] = [None] * len(texts)
    pred_sent: list[dict[str, str]] = [{} for _ in texts]
    if need:
        sub = [texts[i] for i in need]
        if fn is None:
            per_text_a, comment_sub = analyze_theme_sentiments(sub, tagger, sentiment=sentiment)
            per_text: list[Mapping[str, str]] = list(per_text_a)
            for i, c in zip(need, comment_sub):
                comment[i] = c
        else:
            per_text = list(fn(sub))
        for i, d in zip(need, per_text):
            labelled: dict[str, str] = {}
            for theme, sent in d.items():  # most confident first
                for lab in to_labels([theme]):
                    labelled.setdefault(lab, sent)
            pred_sent[i] = labelled
    correct: dict[str, int] = {}
    total: dict[str, int] = {}
    dropped = missing = from_comment = 0
    for i, labs in enumerate(both):
        for lab in labs:
            g = _norm_polarity(gold_pol[i].get(lab))
            if g is None:
                dropped += 1
                continue
            p = _norm_polarity(pred_sent[i].get(lab))
            if p is None and comment[i] is not None:
                p = _norm_polarity(comment[i])
                from_comment += p is not None
            if p is None:
                missing += 1
                continue
            total[lab] = total.get(lab, 0) + 1
            correct[lab] = correct.get(lab, 0) + int(p == g)
    n = sum(total.values())
    for lab, row in report.per_theme.items():
        row["sentiment_n"] = total.get(lab, 0)
        row["sentiment_accuracy"] = (round(correct[lab] / total[lab], 4) if total.get(lab)
                                     else None)
    report.sentiment = {
        "accuracy": round(sum(correct.values()) / n, 4) if n else None, "n": n,
        "dropped_gold_polarity": dropped, "no_prediction": missing,
        "from_comment_sentiment": from_comment,
        "source": "custom function" if fn is not None else "cxtext.analyze mentions",
    }
    if fn is None:
        report.sentiment["sentiment_model"] = _sentiment_model_name(sentiment)
    if dropped:
        report.notes.append(f"{dropped:,} (text, theme) pair(s) dropped from sentiment scoring: gold "
                            "polarity not negative/neutral/positive (e.g. 'conflict').")
    if from_comment:
        report.notes.append(f"{from_comment:,} pair(s) had no clause-level mention of the theme; the "
                            "comment's overall sentiment was used.")
    if missing:
        report.notes.append(f"{missing:,} pair(s) had no predicted sentiment and were not scored.")
