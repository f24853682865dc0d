"""The one-pass analysis: clean -> sentiment -> themes -> tidy tables.

:class:`Analyzer` composes the steps and holds the loaded models, so one
instance can analyse many frames (or the chunks of one large file) without
reloading anything. :func:`analyze` is the one-call convenience.

Data flows one way, chunk by chunk::

    rows --clean--> text_clean, flags, language --dedup--> is_duplicate
         --split--> clauses --sentiment--> comment + clause sentiment
         --themes--> mentions (theme, clause sentiment, span into text_clean)

Nothing is ever dropped: every input row comes out once, in order, with its
index and columns; rows that cannot be scored (empty, non-answers, other
languages) are flagged and get missing sentiment and no themes.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import warnings
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cxtext._gc import collector_paused
from cxtext.errors import (
    ColumnNotFoundError,
    ConfigError,
    DuplicateIdError,
    InputError,
    NotAvailableError,
    WorkerError,
)

__all__ = ["AUTO_PARALLEL_ROWS", "COMMENT_COLUMNS", "MENTION_COLUMNS", "PRESETS", "AnalysisResult", "Analyzer", "analyze"]

logger = logging.getLogger(__name__)

PRESETS: dict[str, dict[str, str]] = {
    "fast": {"sentiment": "fast", "themes": "keyword", "emotions": "fast"},
    "accurate": {"sentiment": "accurate", "themes": "embedding", "emotions": "accurate"},
}

#: Columns :class:`Analyzer` adds to every comments table, in this order.
COMMENT_COLUMNS = [
    "text_clean", "is_empty", "is_non_answer", "language", "is_duplicate", "duplicate_of",
    "pii", "sentiment", "sentiment_score", "sentiment_confidence", "is_suggestion", "themes",
    "emotions", "emotion_scores", "n_clauses", "effort",
]
#: Columns of the mentions table.
MENTION_COLUMNS = [
    "comment_id", "theme", "sentiment", "sentiment_score", "sentiment_confidence",
    "confidence", "start", "end", "evidence", "matched", "clause", "emotions", "effort",
]
_EVIDENCE_MAX = 300  # characters of a clause shown as evidence around a match
_WORD_SLACK = 40  # at most this many more characters on each side to end the evidence at a word break


@dataclass
class AnalysisResult:
    """What :func:`analyze` returns.

    Attributes
    ----------
    comments : pandas.DataFrame
        One row per input row, same order and index, every input column kept,
        plus :data:`COMMENT_COLUMNS`.
    mentions : pandas.DataFrame
        One row per theme mention (:data:`MENTION_COLUMNS`); ``start``/``end``
        index ``text_clean`` of the comment ``comment_id``.
    text : str
        Name of the text column analysed.
    id : str or None
        Name of the id column (``None``: ``comment_id`` holds index labels).
    info : dict
        Preset, model names/versions and options used.
    """

    comments: pd.DataFrame
    mentions: pd.DataFrame
    text: str = "text"
    id: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Return headline counts: rows, flags, languages, sentiment split, top themes.

        ``top_themes`` counts the comments naming each theme (as the command line's
        summary and :func:`cxtext.theme_table` do); ``mentions`` counts all mentions.

        Examples
        --------
        >>> import cxtext, pandas as pd
        >>> res = cxtext.analyze(pd.DataFrame({"c": ["Great staff", "n/a"]}), text="c")
        >>> res.summary()["rows"], res.summary()["non_answers"]
        (2, 1)
        """
        cm = self.comments
        mn = self.mentions
        themes = pd.Series(dtype=int)
        if len(mn):  # only the mentions of the comments in the table (a user may have filtered them)
            from cxtext.scores._base import mention_rows

            mn = mention_rows(self)
            themes = mn.drop_duplicates(["row", "theme"])["theme"].value_counts().head(top)
        return {
            "rows": len(cm),
            "empty": int(cm["is_empty"].sum()),
            "non_answers": int(cm["is_non_answer"].sum()),
            "duplicates": int(cm["is_duplicate"].sum()),
            "with_pii": int(cm["pii"].map(bool).sum()),
            "languages": {str(k): int(v) for k, v in cm["language"].value_counts().head(top).items()},
            "sentiment": {str(k): int(v) for k, v in cm["sentiment"].value_counts().items()},
            "mentions": len(mn),
            "top_themes": {str(k): int(v) for k, v in themes.items()},
        }


    # -- scores (thin shells over cxtext.scores) ---------------------------------
    def join_scores(self, **kwargs: Any) -> AnalysisResult:
        """Join NPS/CSAT/CES, segments and periods; see :func:`cxtext.join_scores`."""
        from cxtext.scores import join_scores

        return join_scores(self, **kwargs)

    def theme_table(self, **kwargs: Any) -> pd.DataFrame:
        """Per-theme volume, sentiment, scores and quotes; see :func:`cxtext.theme_table`."""
        from cxtext.scores import theme_table

        return theme_table(self, **kwargs)

    def theme_emotions(self, **kwargs: Any) -> pd.DataFrame:
        """The emotion mix of each theme's mentions; see :func:`cxtext.theme_emotions`."""
        from cxtext.scores import theme_emotions

        return theme_emotions(self, **kwargs)

    def drivers(self, score: str, kind: str | None = None, **kwargs: Any) -> pd.DataFrame:
        """Theme drivers of a score with confidence intervals; see :func:`cxtext.drivers`."""
        from cxtext.scores import drivers

        return drivers(self, score, kind, **kwargs)

    def theme_trends(self, period: str = "month", **kwargs: Any) -> pd.DataFrame:
        """Significant theme movements by period; see :func:`cxtext.theme_trends`."""
        from cxtext.scores import theme_trends

        return theme_trends(self, period, **kwargs)

    def score_trends(self, score: str, period: str = "month", **kwargs: Any) -> pd.DataFrame:
        """Score by period with significant movements; see :func:`cxtext.score_trends`."""
        from cxtext.scores import score_trends

        return score_trends(self, score, period, **kwargs)

    def review_queue(self, score: str = "nps", **kwargs: Any) -> pd.DataFrame:
        """Comments whose text contradicts their score; see :func:`cxtext.review_queue`."""
        from cxtext.scores import review_queue

        return review_queue(self, score, **kwargs)


class _RunState:
    """State shared across the chunks of one run: duplicate detector and seen ids.

    Ids are remembered as text, the form every output writes them in (see
    :func:`ids_as_text`).
    """

    def __init__(self, id_column: str | None) -> None:
        from cxtext.clean import DuplicateFinder

        self.dedup = DuplicateFinder()
        self.id_column = id_column
        self.seen_ids: set[str] = set()
        self.rows = 0
        self.ids_checked = 0  # rows whose ids were checked or remembered: where a chunk starts

    @staticmethod
    def check_unique(ids: pd.Series, column: str) -> None:
        """Check one whole id column (no run state needed)."""
        _check_ids(ids, column, set())

    def check_ids(self, ids: pd.Series) -> None:
        """Check a chunk's ids against each other and against earlier chunks."""
        self.seen_ids.update(_check_ids(ids, self.id_column, self.seen_ids, self.ids_checked))
        self.ids_checked += len(ids)

    def remember_ids(self, ids: Sequence[Hashable]) -> None:
        """Count ``ids`` as seen without checking them (chunks replayed from a checkpoint)."""
        self.seen_ids.update(ids_as_text(pd.Series(list(ids), dtype=object)).tolist())
        self.ids_checked += len(ids)


def ids_as_text(ids: pd.Series | pd.Index) -> pd.Series | pd.Index:
    """Ids as the output files hold them: text, as :func:`cxtext.io.cells.to_text` writes cells.

    Two ids that differ only in type (``1`` and ``"1"`` in JSON Lines) are the same
    id once written, and ``mentions.comment_id`` could not tell their comments apart,
    so uniqueness is checked on this form.

    Examples
    --------
    >>> ids_as_text(pd.Series([1, "1", 2.5, True], dtype=object)).tolist()
    ['1', '1', '2.5', 'True']
    """
    if ids.dtype != object and pd.api.types.is_string_dtype(ids.dtype):
        return ids  # pandas' text dtype (CSV ids): text already
    if ids.dtype == object and pd.api.types.infer_dtype(ids, skipna=False) == "string":
        return ids
    from cxtext.io.cells import to_text

    return ids.map(to_text)


def _warn_export_header_rows(frame: pd.DataFrame) -> None:
    """Warn when the first rows of ``frame`` are a survey export's extra header rows.

    They are kept (one output row per input row, aligned with the caller's
    index); the warning says how to drop them, as :func:`cxtext.read_table` does.
    """
    from cxtext.io.readers import export_header_rows

    skip, tool = export_header_rows(frame.iloc[:2])
    if skip:  # a warning the user sees (a log line would go to the library's NullHandler)
        warnings.warn(
            f"The first {skip} row(s) look like the extra header rows of a {tool} export (question texts or "
            f"column labels, not responses) and are analysed as comments. Drop them (data.iloc[{skip}:]) "
            "or read the export with cxtext.read_table(), which skips them.", UserWarning, stacklevel=4)


def _check_index(index: pd.Index) -> None:
    """Index labels serve as comment ids: one level, each label once (as written, as text)."""
    if isinstance(index, pd.MultiIndex):
        raise InputError(
            f"[CX100] analyze() needs a flat index to name comments by, got a MultiIndex with levels "
            f"{list(index.names)}. Pass id='<a unique id column>', or df.reset_index() first."
        )
    if not index.is_unique:
        raise DuplicateIdError(None, list(dict.fromkeys(index[index.duplicated()].tolist())))
    if index.dtype == object:  # mixed labels: 1 and "1" are one label once written
        keys = pd.Index(ids_as_text(index))
        if not keys.is_unique:
            raise DuplicateIdError(None, list(dict.fromkeys(keys[keys.duplicated()].tolist())),
                                   note=_TYPE_NOTE)


_TYPE_NOTE = ("Ids are compared as the output files write them, as text, so ids that differ "
              "only in type (1 and '1') are the same id.")


_SHOWN_ROWS = 10


def _check_ids(ids: pd.Series, column: str | None, seen: set[str],
               first_row: int = 0) -> list[str]:
    """Check ``ids`` (not missing, unique as text, none in ``seen``); return them as text.

    ``first_row`` is the number of data rows before ``ids`` (earlier chunks):
    empty ids are named by their 1-based data row, as a user counts the rows
    of their file below the header (the row's index label is added when it is
    not that position). Blank text (``""``, spaces only: a CSV's empty cell)
    is an empty id, like a missing value.
    """
    missing = ids.isna().to_numpy()
    if ids.dtype == object or pd.api.types.is_string_dtype(ids.dtype):
        missing = missing | np.fromiter((isinstance(v, str) and not v.strip() for v in ids.tolist()),
                                         dtype=bool, count=len(ids))
    if missing.any():
        count, at = int(missing.sum()), np.flatnonzero(missing)[:_SHOWN_ROWS]
        more = f" and {count - len(at):,} more" if count > len(at) else ""
        where = f"data row{'s' if count > 1 else ''} {', '.join(str(first_row + i + 1) for i in at)}"
        where += f"{more}, counted from 1 below the header"
        if not ids.index.equals(pd.RangeIndex(first_row, first_row + len(ids))):
            where += f"; index label{'s' if count > 1 else ''} "
            where += ", ".join(repr(label) for label in ids.index[at]) + more
        raise InputError(
            f"[CX109] Id column {column!r} is empty in {count:,} row(s) ({where}). "
            "Every row needs an id; fill them or omit the id option."
        )
    keys = ids_as_text(ids)
    repeated = keys.duplicated()
    dup_inside = keys[repeated].tolist()
    texts = keys.tolist()
    dup_before = [k for k in texts if k in seen]
    dups = list(dict.fromkeys(dup_inside + dup_before))
    if dups:
        typed = False  # ids equal only once written as text (1 and "1"): say why they repeat
        if keys is not ids:
            among = keys.isin(dups).to_numpy()
            kinds = {(type(v), k) for v, k in zip(ids[among], keys[among])}
            typed = bool(dup_before) or len(kinds) > len(set(dup_inside))
        raise DuplicateIdError(column, dups, note=_TYPE_NOTE if typed else "")
    return texts


def worker_died(exc: BaseException, workers: int, again: str) -> WorkerError:
    """The ``[CX336]`` error for a worker process that died mid-run (``BrokenProcessPool``).

    ``again`` says how to run again (fewer workers, ...), in the caller's terms:
    command-line options or Python arguments. Raise it ``from exc``.
    """
    return WorkerError(
        f"[CX336] A worker process analysing chunks died ({exc}); it was probably killed by "
        f"the system, e.g. for lack of memory (each of the {workers} workers holds its own "
        f"chunks and models). {again}, or free some memory first."
    )


#: Fewest rows for which ``Analyzer(n_jobs=None)`` (the default) analyses on worker
#: processes. Two forked workers pay from about 1,000 airline tweets (2,000: 508 against
#: 386 ms; 1,000: 272 against 235 ms; 500: 139 against 154 ms; 2026-12-06, 2 cores).
AUTO_PARALLEL_ROWS = 2000
#: Fewest rows per chunk when a table is cut into more chunks to keep every worker busy.
_MIN_SPLIT_ROWS = 1000

#: Spellings of "no emotions" accepted for ``emotions=`` and by the command line's ``--emotions``.
_OFF = frozenset({"none", "off", "false"})


class Analyzer:
    """A reusable analysis pipeline.

    Parameters
    ----------
    preset : {"fast", "accurate"}, default="fast"
        ``"fast"``: scikit-learn models, thousands of comments per second.
        ``"accurate"``: fine-tuned MiniLM models on the CPU (hundreds per second),
        pooled with the fast ones.
    sentiment : str, path or estimator, optional
        Override the preset's sentiment model: ``"fast"``, a model folder, or a
        fitted estimator with ``predict_proba`` and ``classes_``.
    themes : str, path or tagger, optional
        Override the preset's theme tagger: ``"keyword"`` (``fast``), ``"embedding"``
        (keywords + MiniLM similarity, ``accurate``), a trained theme model folder
        (:func:`cxtext.train_themes`), or an object with
        ``tag(texts) -> list[list[ThemeHit]]`` (given ``embeddings=`` of the clauses
        when its ``tag`` accepts them and it sets ``uses_embeddings``).
    emotions : str, path, model or False, optional
        Override the preset's emotion model (``"fast"``, ``"accurate"``, a model
        folder, a fitted model); ``False`` (or ``"none"``, as on the command line)
        skips emotions (the columns stay, empty).
        A comment's ``emotions`` and ``emotion_scores`` are read from the whole
        comment, like its sentiment (a comment of ``LONG_COMMENT_WORDS`` words or
        more also takes its clauses'); each mention carries its own clause's emotions.
        A few rules from the emotions' definitions add to a mention (praise words as
        admiration, high effort as frustration, a confident positive mention in a
        comment without emotions, or of a theme in the taxonomy group ``people`` in any
        comment, as admiration); such a mention gives its emotions to its
        comment's ``emotions``, and a comment read as positive whose words praise
        takes admiration, mention or not; ``emotion_scores`` stay the models' probabilities.
    taxonomy : Taxonomy or path, optional
        Theme taxonomy (default: cxtext's packaged CX taxonomy).
    redact_pii : bool, default=True
        Replace emails, phones, cards, URLs and postcodes with typed placeholders,
        in ``text_clean`` (what the models read), in the evidence of mentions and in
        the comment column itself as written out (the raw text with placeholders;
        ``text_clean`` where personal data hides in markup the raw text does not
        show as such). Other input columns are kept as read.
    keep_raw_text : bool, default=False
        With ``redact_pii``, keep the comment column exactly as read, personal data
        included (``text_clean`` and the mentions stay redacted). For analyses that
        stay where the raw export already is; leave it off for files you share.
    languages : sequence of str, default=("en", "und")
        Languages the models score; other rows are flagged by ``language`` and get
        no sentiment or themes (never dropped).
    chunksize : int, default=5000
        Rows processed at a time (bounds memory).
    progress : bool, default=False
        Show a progress bar (only on a terminal).
    n_jobs : int, optional
        Worker processes that analyse chunks in parallel (``-1`` or ``0``: one per
        core; ``1``: none, everything in this process). ``None`` (the default)
        chooses per call: one per available core (at most 8) for a table of at
        least :data:`AUTO_PARALLEL_ROWS` rows when no model runs on torch (the
        ``fast`` preset), the platform forks (Linux) and the options are names or
        paths, not objects; otherwise 1 (and 1 again, with a logged warning,
        if the workers cannot start or fail; with ``n_jobs`` given, a worker
        that dies raises :class:`~cxtext.errors.WorkerError`). Rows come back
        in input order and duplicates are flagged across all chunks, so the
        results are those of a serial run. A table whose chunks do not share evenly among the workers
        is cut into equal chunks (at least 1,000 rows each). Each call starts
        its workers afresh (forked from this process for the ``fast`` preset,
        so at once; spawned, loading their models for a few seconds, when a
        model runs on torch or the platform cannot fork). A script whose workers are spawned must call
        ``analyze`` under ``if __name__ == "__main__":``, as :mod:`multiprocessing`
        requires. With torch models (the ``accurate`` preset) a text's encoding
        depends a little on the batch it is padded in (other rows, chunk size,
        ``n_jobs``): scores may differ by up to about 0.004, and a label, theme or
        emotion whose score sits at its threshold can change (2 of 300 reviews
        alone against in a batch, 2026-12-06). The ``fast`` preset gives the
        same results whatever the batch.
        Pass ``n_jobs=1`` where cores are already busy (inside your own worker
        processes, say).

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "comment": ["The staff were lovely", "n/a"]})
    >>> result = cxtext.Analyzer(preset="fast").analyze(df, text="comment", id="id")
    >>> result.comments[["id", "is_non_answer", "sentiment"]].values.tolist()
    [['a', False, 'positive'], ['b', True, nan]]
    """

    def __init__(self, preset: str = "fast", *, sentiment: Any = None, themes: Any = None,
                 emotions: Any = None, taxonomy: Any = None, redact_pii: bool = True,
                 keep_raw_text: bool = False, languages: Sequence[str] = ("en", "und"), chunksize: int = 5000,
                 progress: bool = False, n_jobs: int | None = None) -> None:
        if preset not in PRESETS:
            raise ConfigError(
                f"[CX305] Unknown preset {preset!r}. Available presets: {', '.join(PRESETS)}."
            )
        if not isinstance(chunksize, (int, np.integer)) or chunksize < 1:
            raise ConfigError(f"[CX301] 'chunksize' must be a positive int. Got {chunksize!r}.")
        if n_jobs is not None:
            from cxtext.engine.parallel import check_jobs

            check_jobs(n_jobs, name="n_jobs")
        self.preset = preset
        self.sentiment = sentiment
        self.themes = themes
        self.emotions = emotions
        self.taxonomy = taxonomy
        self.redact_pii = redact_pii
        self.keep_raw_text = keep_raw_text
        self.languages = tuple(languages)
        self.chunksize = int(chunksize)
        self.progress = progress
        self.n_jobs = None if n_jobs is None else int(n_jobs)
        self._sentiment_model: Any = None
        self._theme_tagger: Any = None
        self._emotion_model: Any = None
        self._cleaner: Any = None
        #: The options each loaded component was built from (see :meth:`_fresh`).
        self._built_from: dict[str, Any] = {}
        # Fail early on choices that cannot work, before any data is read.
        self._spec("sentiment")
        self._spec("themes")
        self._spec("emotions")

    def __repr__(self) -> str:
        return (f"Analyzer(preset={self.preset!r}, sentiment={self._spec('sentiment')!r}, "
                f"themes={self._spec('themes')!r})")

    # -- components ------------------------------------------------------------
    def _spec(self, part: str) -> Any:
        chosen = getattr(self, part)
        spec = PRESETS[self.preset][part] if chosen is None else chosen
        if chosen is False or (part == "emotions" and isinstance(chosen, str)
                               and chosen.strip().lower() in _OFF):
            return False
        if isinstance(spec, str) and spec == "embedding" and part != "themes":
            raise NotAvailableError(
                f"[CX306] The {spec!r} {part} component is not shipped in this version of "
                f"cxtext yet. Use 'keyword' or pass your own {part} model."
            )
        return spec

    def _fresh(self, part: str, *options: Any) -> bool:
        """Whether the loaded ``part`` was built from ``options``; if not, forget it.

        Components load once, on first use; an option changed afterwards
        (``analyzer.redact_pii = False``, ``set``-style) rebuilds the component
        it affects, so the analysis, its worker processes and :meth:`info` agree.
        """
        key = tuple(o if isinstance(o, (str, bool, int, float, type(None), tuple, os.PathLike)) else ("id", id(o))
                    for o in options)
        if self._built_from.get(part) == key:
            return True
        setattr(self, f"_{part}", None)
        self._built_from[part] = key
        return False

    @property
    def sentiment_model(self) -> Any:
        """The loaded sentiment model (loaded on first use)."""
        if not self._fresh("sentiment_model", self.preset, self.sentiment) or self._sentiment_model is None:
            spec = self._spec("sentiment")
            if isinstance(spec, str) or hasattr(spec, "__fspath__"):
                from cxtext.sentiment import load_sentiment_model

                self._sentiment_model = load_sentiment_model(spec)
            elif hasattr(spec, "predict_proba") and hasattr(spec, "classes_"):
                _check_sentiment_classes(spec)
                self._sentiment_model = spec
            else:
                raise ConfigError(
                    "[CX304] sentiment must be 'fast', a model folder, or a fitted estimator "
                    f"with predict_proba and classes_. Got {type(spec).__name__}."
                )
        return self._sentiment_model

    @property
    def theme_tagger(self) -> Any:
        """The fitted theme tagger (built on first use)."""
        if (not self._fresh("theme_tagger", self.preset, self.themes, self.taxonomy, _file_stamp(self.taxonomy))
                or self._theme_tagger is None):  # a taxonomy file edited since: read it again
            spec = self._spec("themes")
            if isinstance(spec, str) and spec in ("keyword", "embedding"):
                from cxtext.themes import EmbeddingThemeTagger, KeywordThemeTagger, load_taxonomy

                tax = load_taxonomy(self.taxonomy) if self.taxonomy is not None else None
                cls = KeywordThemeTagger if spec == "keyword" else EmbeddingThemeTagger
                self._theme_tagger = cls(taxonomy=tax).fit()
            elif isinstance(spec, str) or hasattr(spec, "__fspath__"):
                from cxtext.themes.supervised import load_theme_model

                self._theme_tagger = load_theme_model(spec)
            elif hasattr(spec, "tag"):
                self._theme_tagger = spec
            else:
                raise ConfigError(
                    "[CX304] themes must be 'keyword', 'embedding', a theme model folder, or a "
                    "tagger with a "
                    "tag(texts) method. "
                    f"Got {spec!r}."
                )
        return self._theme_tagger

    @property
    def emotion_model(self) -> Any:
        """The loaded emotion model, or ``None`` when emotions are switched off."""
        spec = self._spec("emotions")
        if spec is False or spec is None:
            return None
        if not self._fresh("emotion_model", self.preset, self.emotions) or self._emotion_model is None:
            if isinstance(spec, str) or hasattr(spec, "__fspath__"):
                from cxtext.emotion import load_emotion_model

                self._emotion_model = load_emotion_model(spec)
            elif hasattr(spec, "predict_proba") and hasattr(spec, "thresholds_"):
                self._emotion_model = spec
            else:
                raise ConfigError(
                    "[CX304] emotions must be 'fast', 'accurate', a model folder, False, or a fitted "
                    f"emotion model with predict_proba and thresholds_. Got {type(spec).__name__}."
                )
        return self._emotion_model

    @property
    def cleaner(self) -> Any:
        """The text cleaner."""
        if not self._fresh("cleaner", bool(self.redact_pii)) or self._cleaner is None:
            from cxtext.clean import Cleaner

            self._cleaner = Cleaner(redact_pii=self.redact_pii)
        return self._cleaner

    def info(self) -> dict[str, Any]:
        """Preset, models and versions used (recorded with every result)."""
        from cxtext import __version__

        model = self.sentiment_model
        manifest = getattr(model, "manifest_", None)
        tagger = self.theme_tagger
        tax = getattr(tagger, "taxonomy_", None)
        theme_manifest = getattr(tagger, "manifest_", None)  # a trained theme model
        emo = self.emotion_model
        emo_manifest = getattr(emo, "manifest_", None)
        return {
            "cxtext": __version__,
            "preset": self.preset,
            "sentiment_model": f"{manifest.name} {manifest.version}" if manifest else type(model).__name__,
            "themes": type(tagger).__name__,
            "theme_model": f"{theme_manifest.name} {theme_manifest.version}" if theme_manifest else None,
            "emotion_model": (f"{emo_manifest.name} {emo_manifest.version}" if emo_manifest
                              else (type(emo).__name__ if emo is not None else None)),
            "taxonomy": f"{getattr(tax, 'name', '')} {getattr(tax, 'version', '')}".strip() or None,
            **_taxonomy_file(self.taxonomy),
            "redact_pii": self.redact_pii,
            "keep_raw_text": bool(self.keep_raw_text),
            "languages": list(self.languages),
        }

    # -- public API --------------------------------------------------------------
    def analyze(self, data: pd.DataFrame | pd.Series | Sequence[Any], text: str | None = None,
                id: str | None = None, question: str | None = None) -> AnalysisResult:
        """Analyse a table of comments.

        Parameters
        ----------
        data : DataFrame, Series or sequence of str
            The comments. A Series or list is treated as one text column.
        text : str
            Name of the comment column (required for a DataFrame).
        id : str, optional
            Name of a unique id column; ``mentions.comment_id`` then holds these ids,
            otherwise the index labels.
        question : str, optional
            Name of a column holding the survey prompt each comment answers: the
            question itself or an export code (``what_good``, ``could_improve``).
            The prompt type (praise / improve / neutral, see
            :mod:`cxtext.sentiment.context`) sets the class prior of its answers,
            gives "Nothing."-style answers their meaning ("Nothing, all good" under
            "How could we improve?" is positive, "Nothing" under "What did we do
            well?" negative) and marks answers to an improve prompt that do not
            read as praise as ``is_suggestion``. Adds a ``prompt_type`` column.

        Returns
        -------
        AnalysisResult

        Raises
        ------
        ColumnNotFoundError
            ``text`` or ``id`` is not a column (the message lists the columns).
        DuplicateIdError
            The id column is not unique (the message lists the duplicated ids).
        InputError
            ``[CX109]`` an id is empty (the message names the 1-based data rows).
        WorkerError
            ``[CX336]`` with ``n_jobs`` given: a worker process died (e.g. killed
            for lack of memory); pass a smaller ``n_jobs`` or ``chunksize``.

        Notes
        -----
        Every row given is analysed and returned, in order. First rows that are
        the extra header rows of a Qualtrics or SurveyMonkey export (a file read
        with ``pd.read_csv``; see :func:`cxtext.io.readers.export_header_rows`)
        are analysed too, with a warning saying how to drop them:
        :func:`cxtext.read_table` skips them when it reads the file.
        """
        frame, text = self._as_frame(data, text)
        self._check_columns(frame, text, id, question)
        _warn_export_header_rows(frame)
        if id is not None:  # fail before any work, not at the chunk that repeats an id
            _RunState.check_unique(frame[id], id)
        else:  # the index labels are the comments' ids in the mentions table
            _check_index(frame.index)
        jobs, size = self._plan(len(frame))
        parts: list[tuple[pd.DataFrame, pd.DataFrame]] | None = None
        if jobs > 1:  # the models are loaded for the workers, not again in this analyzer
            from concurrent.futures.process import BrokenProcessPool

            chunks = (frame.iloc[i:i + size] for i in range(0, len(frame), size))
            try:
                parts, info = self._analyze_in_workers(chunks, jobs, text=text, id=id,
                                                       question=question, total=len(frame))
            except (OSError, BrokenProcessPool) as err:
                if self.n_jobs is not None:  # asked for: the caller hears why it failed
                    if isinstance(err, BrokenProcessPool):  # a worker died (e.g. killed for memory)
                        raise worker_died(
                            err, jobs,
                            (f"Pass fewer workers (n_jobs={jobs - 1}) or a smaller " if jobs > 2 else
                             "Pass a smaller ")
                            + f"chunksize (its chunks had {size:,} rows), or n_jobs=1 to analyse in this process",
                        ) from err
                    raise
                # chosen here: a sandbox without process semaphores, a worker killed for memory ...
                logger.warning("Worker processes failed (%s: %s); analysing in this process instead.",
                               type(err).__name__, err)
        if parts is None:
            chunks = (frame.iloc[i:i + self.chunksize] for i in range(0, len(frame), self.chunksize))
            parts = list(self.analyze_chunks(chunks, text=text, id=id, question=question,
                                             total=len(frame)))
            info = self.info()
        comments = [cm for cm, _ in parts] or [self._empty_comments(frame, question)]
        mentions = [mn for _, mn in parts]
        return AnalysisResult(
            comments=pd.concat(comments) if len(comments) > 1 else comments[0],
            mentions=_concat_mentions(mentions),
            text=text, id=id, info=info,
        )

    def analyze_chunks(self, chunks: Iterable[pd.DataFrame], text: str, id: str | None = None,
                       question: str | None = None,
                       total: int | None = None) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
        """Analyse a stream of chunks of one table, yielding ``(comments, mentions)`` per chunk.

        Duplicate detection and the id uniqueness check span all chunks, so the
        stream behaves like one table while memory stays bounded.
        """
        state = _RunState(id)

        def results() -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
            for chunk in chunks:
                self._check_columns(chunk, text, id, question)
                if id is not None:
                    state.check_ids(chunk[id])
                cm, mn = self._analyze_chunk(chunk, text, id, question, state)
                state.rows += len(chunk)
                yield cm, mn

        yield from self._with_progress(results(), total)

    # -- internals ---------------------------------------------------------------
    def _plan(self, n_rows: int) -> tuple[int, int]:
        """``(worker processes, rows per chunk)`` for a table of ``n_rows`` rows.

        ``n_jobs`` resolved (:meth:`_auto_jobs` when ``None``), never more than
        the chunks. When the chunks of ``chunksize`` rows do not share evenly
        among the workers (5,000 rows for two; 14,427 rows in three chunks,
        the last run by one worker while the other waits), the table is cut
        into a multiple of ``jobs`` equal chunks, of at least
        :data:`_MIN_SPLIT_ROWS` rows.
        """
        from cxtext.engine.parallel import check_jobs

        jobs = self._auto_jobs(n_rows) if self.n_jobs is None else check_jobs(self.n_jobs, name="n_jobs")
        size = self.chunksize
        n_chunks = -(-n_rows // size)
        if jobs > 1 and n_chunks % jobs:  # a last round with idle workers: cut the table evenly instead
            even = min(-(-n_chunks // jobs) * jobs, max(n_chunks, n_rows // _MIN_SPLIT_ROWS))
            if even > n_chunks:
                n_chunks, size = even, -(-n_rows // even)
        jobs = min(jobs, n_chunks)
        return (jobs, size) if jobs > 1 else (1, self.chunksize)

    def _auto_jobs(self, n_rows: int) -> int:
        """Worker processes when ``n_jobs`` is not given (see the class docstring).

        Loads this analyzer's models and runs them on one row first: whether a
        model runs on torch (whose workers would be spawned, loading their models
        for seconds, and which uses every core already) is known only then.
        """
        import multiprocessing

        from cxtext.engine._worker import _key, warm_up
        from cxtext.engine.parallel import auto_jobs

        if (n_rows < AUTO_PARALLEL_ROWS or multiprocessing.current_process().daemon
                or auto_jobs(runs_torch=False) < 2 or _key(self) is None):
            return 1  # a daemonic process (a multiprocessing.Pool worker) cannot start processes
        from cxtext.embeddings import torch_model_loaded

        warm_up(self)
        return auto_jobs(runs_torch=torch_model_loaded())

    def _worker_options(self) -> dict[str, Any]:
        """The keyword arguments that rebuild this analyzer in a worker (one process each)."""
        return {"preset": self.preset, "sentiment": self.sentiment, "themes": self.themes,
                "emotions": self.emotions, "taxonomy": self.taxonomy,
                "redact_pii": self.redact_pii, "keep_raw_text": self.keep_raw_text,
                "languages": self.languages, "chunksize": self.chunksize}

    def _analyze_in_workers(self, chunks: Iterable[pd.DataFrame], jobs: int, *, text: str,
                            id: str | None, question: str | None, total: int,
                            ) -> tuple[list[tuple[pd.DataFrame, pd.DataFrame]], dict[str, Any]]:
        """Every chunk's ``(comments, mentions)`` from ``jobs`` worker processes, and :meth:`info`.

        The command line's engine (:mod:`cxtext.engine`): workers analyse chunks,
        in input order; this process flags duplicates across chunks as a serial
        run does. ``info`` is the workers' analyzer's, so this one loads nothing.
        """
        from cxtext.engine.runner import analyze_stream, open_executor

        options = self._worker_options()
        with open_executor("local", jobs, options) as (executor, window, info):
            stream = analyze_stream(chunks, options=options, text=text, id=id, question=question,
                                    executor=executor, window=window, row_column=False)
            return list(self._with_progress(stream, total)), info

    def _with_progress(self, results: Iterable[tuple[pd.DataFrame, pd.DataFrame]],
                       total: int | None) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
        """Pass ``(comments, mentions)`` chunks through, advancing a progress bar (when on)."""
        bar = self._progress_bar(total)
        try:
            for cm, mn in results:
                if bar is not None:
                    bar.update(len(cm))
                yield cm, mn
        finally:
            if bar is not None:
                bar.close()

    def _progress_bar(self, total: int | None) -> Any:
        if not self.progress:
            return None
        from tqdm.auto import tqdm

        return tqdm(total=total, unit="comments", desc="analyze", disable=None, leave=False)

    @staticmethod
    def _as_frame(data: Any, text: str | None) -> tuple[pd.DataFrame, str]:
        if isinstance(data, pd.DataFrame):
            if text is None:
                raise InputError(
                    "[CX100] Name the comment column with text=...; the frame has columns: "
                    f"{', '.join(map(str, data.columns))}."
                )
            return data, text
        if isinstance(data, pd.Series):
            name = text or (str(data.name) if data.name is not None else "text")
            return data.to_frame(name), name
        if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
            raise InputError(
                "[CX100] analyze() takes a DataFrame, a Series or a list of comments; "
                f"got {type(data).__name__}."
            )
        name = text or "text"
        return pd.DataFrame({name: list(data)}), name

    @staticmethod
    def _check_columns(frame: pd.DataFrame, text: str, id: str | None,
                       question: str | None = None) -> None:
        for role, col in (("text", text), ("id", id), ("question", question)):
            if col is not None and col not in frame.columns:
                raise ColumnNotFoundError(col, available=list(frame.columns), role=role)
        if id is not None and (id in COMMENT_COLUMNS or id == "prompt_type"):
            # the input column would be kept as "<id>_input" and the output column take its
            # name, so the comments' id column and the mentions' comment_id would disagree
            raise InputError(
                f"[CX112] The id column {id!r} has the name of a column cxtext writes. Rename that column "
                f"in your data first (in pandas: df.rename(columns={{{id!r}: 'id'}})) and pass the new name as id."
            )

    def _empty_comments(self, frame: pd.DataFrame, question: str | None) -> pd.DataFrame:
        out = _rename_clashes(frame.copy())
        for col in COMMENT_COLUMNS + (["prompt_type"] if question is not None else []):
            out[col] = pd.Series(dtype=object)
        return out

    def _analyze_chunk(self, chunk: pd.DataFrame, text: str, id: str | None,
                       question: str | None, state: _RunState) -> tuple[pd.DataFrame, pd.DataFrame]:
        """One chunk's ``(comments, mentions)``, with Python's cycle collector paused.

        The analysis of a chunk allocates hundreds of thousands of short-lived
        containers and makes almost no reference cycles, so the collector's
        passes were pure cost: about an eighth of a fast run's time (:mod:`cxtext._gc`).
        """
        if id is not None and id == text and self.redact_pii and not self.keep_raw_text:
            raise InputError(
                f"[CX113] The id column {id!r} is the comment column: the ids (in duplicate_of and the "
                "mentions' comment_id) would carry the personal data that redaction removes from the "
                "comments. Pass another id column, or none (rows are numbered), or keep_raw_text=True "
                "(--keep-raw-text) if the raw text may stay."
            )
        with collector_paused():
            return self._analyze_rows(chunk, text, id, question, state)

    def _analyze_rows(self, chunk: pd.DataFrame, text: str, id: str | None,
                      question: str | None, state: _RunState) -> tuple[pd.DataFrame, pd.DataFrame]:
        from cxtext.clean.segment import split_clauses_with_docs
        from cxtext.emotion.emoji import EMOJI_SCORE, is_emoji_only
        from cxtext.emotion.negation import denied_emotions, drop_denied
        from cxtext.sentiment.context import (
            RULE_CONFIDENCE,
            answer_meaning,
            asks_for_change,
            is_suggestion,
            prompt_type,
            read_comments,
            rule_proba,
        )
        from cxtext.sentiment.contrast import TURN_OPENING, read_contrasts
        from cxtext.sentiment.politeness import model_texts

        ids = chunk[id] if id is not None else pd.Series(chunk.index, index=chunk.index)
        id_values = ids.tolist()
        clean = self.cleaner.transform(chunk[text])
        texts = clean["text_clean"].tolist()
        skip = clean["is_non_answer"].to_numpy(dtype=bool)
        is_dup, dup_of = state.dedup.flag(texts, id_values, skip=skip.tolist())
        language_ok = clean["language"].isin(self.languages).to_numpy()
        scored = ~skip & language_ok
        rows = np.flatnonzero(scored)
        if question is not None:  # a survey asks a handful of questions: read each one once
            asked = chunk[question].tolist()
            kinds = {q: prompt_type(q) for q in dict.fromkeys(q for q in asked if isinstance(q, str))}
            prompts = [kinds.get(q, "neutral") if isinstance(q, str) else "neutral" for q in asked]
            # improve prompts that ask what to change, not what went wrong ("What did you dislike?")
            change = {q: asks_for_change(q) for q, kind in kinds.items() if kind == "improve"}
            asks_change = [change.get(q, False) if isinstance(q, str) else False for q in asked]
        else:
            prompts = ["neutral"] * len(chunk)
            asks_change = [False] * len(chunk)

        n = len(chunk)
        label = np.full(n, None, dtype=object)
        score = np.full(n, np.nan)
        conf = np.full(n, np.nan)
        # Scored rows get their flag from read_in_context below; rows in other languages by rule.
        suggestion = np.array([bool(t) and not na and not s and is_suggestion(t, p if change else "neutral")
                               for t, na, s, p, change in zip(texts, skip, scored, prompts, asks_change)],
                              dtype=bool)
        themes: list[list[str]] = [[] for _ in range(n)]
        emotions: list[list[str]] = [[] for _ in range(n)]
        emotion_scores: list[dict[str, float]] = [{} for _ in range(n)]
        n_clauses = np.zeros(n, dtype=int)
        effort: list[str | None] = [None] * n
        mention_rows: list[dict[str, Any]] = []

        if question is not None:  # "Nothing." answers a prompt: give it its meaning
            for r in np.flatnonzero(skip):
                meaning = answer_meaning(texts[r], prompts[r])
                if meaning is not None:  # the same reading as a scored answer's rule (rule_proba)
                    p = rule_proba(meaning, ["negative", "neutral", "positive"])
                    label[r], score[r], conf[r] = meaning, p[2] - p[0], RULE_CONFIDENCE

        if len(rows):
            model = self.sentiment_model
            classes = [str(c) for c in model.classes_]
            scored_texts = [texts[i] for i in rows]
            clauses, docs = split_clauses_with_docs(scored_texts)
            flat = [(r, c) for r, cl in zip(rows, clauses) for c in cl]
            for r, cl in zip(rows, clauses):
                n_clauses[r] = len(cl)
            clause_texts = [c.text for _, c in flat]
            # A comment that is one clause is scored once, as that clause.
            whole = [i for i, (r, cl) in enumerate(zip(rows, clauses))
                     if not (len(cl) == 1 and cl[0].text == texts[r])]
            # The models read each text without thanks given in advance (a politeness formula,
            # not satisfaction); the rules below read the texts as written.
            batch = model_texts([*clause_texts, *(scored_texts[i] for i in whole)])
            # Each comment's row of a [clauses..., whole comments...] output: its only
            # clause when the clause is the comment, else its own whole-comment row.
            first_clause: dict[int, int] = {}
            for k, (r, _) in enumerate(flat):
                first_clause.setdefault(r, k)
            whole_row = dict(zip(whole, range(len(clause_texts), len(batch))))
            comment_row = np.array([whole_row[i] if i in whole_row else first_clause[r]
                                    for i, r in enumerate(rows)], dtype=np.intp)
            encoded = self._embed(batch, model, len(clause_texts))
            embeddings = encoded["base"]
            hits = self._tag(clause_texts, embeddings, docs, clauses) if flat else []
            clause_effort = _clause_effort(clause_texts, hits, self.theme_tagger) if flat else []
            effort_theme = effort_theme_id(self.theme_tagger)
            emo = self.emotion_model
            # Emotions are read for each comment, for each clause with a theme (its
            # mentions) and for the clauses without one in a comment that has mentions
            # (their emotions join a mention, _carry_orphan_emotions); the fast pass
            # scores no other row.
            emotion_rows = None
            short = [_short(t) for t in clause_texts]
            # Comments longer than the texts the emotion thresholds were tuned on also
            # take their clauses' emotions (_pool_long_comment_emotions).
            long_comment = {r for r, cl in zip(rows, clauses)
                            if len(cl) > 1 and _word_count(texts[r]) >= LONG_COMMENT_WORDS}
            if flat and emo is not None:
                themed = [bool(h) or extra is not None for h, (_, extra) in zip(hits, clause_effort)]
                has_mentions = {r for (r, _), t in zip(flat, themed) if t}
                read = [k for k, ((r, _), t) in enumerate(zip(flat, themed))
                        if t or (r in has_mentions and short[k]) or r in long_comment]
                emotion_rows = np.union1d(comment_row, np.asarray(read, dtype=np.intp))
            shared = _shared_hash_proba(batch, model, emo if flat else None, emotion_rows)
            if shared is not None:  # sentiment and emotion read one hashing pass
                sentiment_proba, shared_emotion = shared
                clause_proba = sentiment_proba[:len(clause_texts)]
                comment_proba = sentiment_proba[len(clause_texts):]
            else:
                shared_emotion = None
                clause_proba, comment_proba = self._score(batch, len(clause_texts), model,
                                                          encoded["sentiment"])
            proba = np.vstack([clause_proba, comment_proba])[comment_row]
            # Read as cxtext reads every model output (emoji-only texts from our emoji table,
            # then the prompt).
            proba, suggestion[rows] = read_comments(proba, classes, scored_texts,
                                                    [prompts[r] for r in rows],
                                                    asks_change=[asks_change[r] for r in rows])
            clause_proba = _read_clauses(clause_proba, proba, classes, clause_texts,
                                         [prompts[r] for r, _ in flat], comment_row)
            # "lovely room, but breakfast was cold toast": the neutral side of a contrast reads against the other
            clause_proba = read_contrasts(clause_proba, classes, [r for r, _ in flat], clause_texts)
            lab, sc, cf = _sentiment_outputs(proba, classes)
            label[rows], score[rows], conf[rows] = lab, sc, cf
            c_lab, c_sc, c_cf = _sentiment_outputs(clause_proba, classes)  # emoji emotions and mentions read them

            clause_emotions: list[list[str]] = [[] for _ in flat]
            if flat and emo is not None:
                e_names = [str(e) for e in getattr(emo, "classes_", [])]
                if shared_emotion is not None:  # rows nobody reads stay NaN: no emotion
                    e_proba = np.full((len(batch), len(e_names)), np.nan)
                    e_proba[emotion_rows] = shared_emotion
                else:
                    e_proba = self._emotion_proba(emo, batch, encoded["emotion"])
                thresholds = np.asarray(emo.thresholds_)
                # plain lists, not numpy rows, in the per-row loops below: 4x faster
                clause_emotions = [[e for e, hit in zip(e_names, row_hits) if hit]
                                   for row_hits in (e_proba[:len(flat)] >= thresholds).tolist()]
                clause_emotions = drop_denied(clause_texts, clause_emotions)
                clause_emotions = _add_emoji_emotions(clause_texts, clause_emotions, c_lab, e_names)
                # A comment's emotions are read from the same text as its sentiment: the
                # comment itself, or its only clause. Not the max over its clauses: on
                # GoEmotions dev that max scored 0.558 macro-F1 against 0.583 for the
                # whole text (the thresholds are tuned on whole comments). Long comments
                # are the exception (_pool_long_comment_emotions).
                comment_e = _pool_long_comment_emotions(
                    e_proba[comment_row], e_proba[:len(flat)], [r for r, _ in flat], rows, long_comment)
                for i, r in enumerate(rows):  # an emoji-only comment: the emotions its emoji name (a rule score)
                    if not is_emoji_only(scored_texts[i]):
                        continue
                    for e in _add_emoji_emotions([scored_texts[i]], [[]], [label[r]], e_names)[0]:
                        j = e_names.index(e)
                        comment_e[i, j] = np.fmax(comment_e[i, j], EMOJI_SCORE)
                # an emotion the comment denies in words scores 0 (only comments with an emotion to deny)
                for i in np.flatnonzero((comment_e >= thresholds).any(axis=1)).tolist():
                    for e in denied_emotions(scored_texts[i]) if n_clauses[rows[i]] else ():
                        if e in e_names:
                            comment_e[i, e_names.index(e)] = 0.0
                rounded = np.round(comment_e, 4).tolist()
                comment_hits = (comment_e >= thresholds).tolist()
                for i, r in enumerate(rows):
                    if n_clauses[r]:
                        emotion_scores[r] = dict(zip(e_names, rounded[i]))
                        emotions[r] = [e for e, hit in zip(e_names, comment_hits[i]) if hit]

            if flat:
                clause_no: dict[int, int] = {}
                mention_clause: list[int] = []
                for k, ((r, clause), clause_hits) in enumerate(zip(flat, hits)):
                    idx = clause_no[r] = clause_no.get(r, -1) + 1
                    direction, effort_hit = clause_effort[k]
                    if direction is not None:
                        effort[r] = "high" if effort[r] == "high" else direction
                    if effort_hit is not None:
                        clause_hits = [*clause_hits, effort_hit]
                    for hit in clause_hits:
                        start, end = _evidence_span(texts[r], clause, hit)
                        if hit.theme not in themes[r]:
                            themes[r].append(hit.theme)
                        mention_rows.append({
                            "comment_id": id_values[r], "theme": hit.theme,
                            "sentiment": c_lab[k], "sentiment_score": float(c_sc[k]),
                            "sentiment_confidence": float(c_cf[k]),
                            "confidence": float(hit.confidence), "start": start, "end": end,
                            "evidence": texts[r][start:end], "matched": hit.matched,
                            "clause": idx, "emotions": list(clause_emotions[k]),
                            "effort": direction if hit.theme == effort_theme else None,
                        })
                        mention_clause.append(k)
                _rescore_mentions(self.theme_tagger, mention_rows, clause_proba, mention_clause,
                                  model, classes)
                _carry_orphan_emotions(mention_rows, mention_clause, [r for r, _ in flat],
                                       [e if s else [] for e, s in zip(clause_emotions, short)],
                                       [TURN_OPENING.match(c.text) is not None for _, c in flat])
                _drop_amusement_from_complaints(mention_rows)
                if emo is not None:  # no emotions asked for: none by rule either
                    before = [m["emotions"] for m in mention_rows]
                    mention_row = [flat[k][0] for k in mention_clause]
                    if PRAISE_IS_ADMIRATION:
                        _praise_as_admiration(mention_rows)
                    if EFFORT_IS_FRUSTRATION:
                        _effort_as_frustration(mention_rows, [clause_effort[k][0] for k in mention_clause])
                    if POSITIVE_IS_ADMIRATION is not None:
                        people = _theme_ids_in_groups(self.theme_tagger, POSITIVE_IS_ADMIRATION_GROUPS)
                        _positive_as_admiration(
                            mention_rows, [not emotions[r] or m["theme"] in people
                                           for r, m in zip(mention_row, mention_rows)],
                            POSITIVE_IS_ADMIRATION)
                    if RULE_EMOTIONS_TO_COMMENT:
                        for m, old_emotions, r in zip(mention_rows, before, mention_row):
                            if m["emotions"] is not old_emotions:
                                emotions[r] = _in_fixed_order([*emotions[r], *m["emotions"]])
            if flat and emo is not None and PRAISE_COMMENT_IS_ADMIRATION:
                _praise_comments_as_admiration(emotions, [r for r in rows.tolist() if n_clauses[r]], label, texts)

        out = chunk.copy()
        if self.redact_pii and not self.keep_raw_text:
            out[text] = _redacted_raw(out[text], clean)
        out = _rename_clashes(out)
        out["text_clean"] = clean["text_clean"].to_numpy()
        out["is_empty"] = clean["is_empty"].to_numpy(dtype=bool)
        out["is_non_answer"] = skip
        out["language"] = clean["language"].to_numpy()
        out["is_duplicate"] = np.asarray(is_dup, dtype=bool)
        out["duplicate_of"] = pd.Series(dup_of, index=out.index, dtype=object)
        out["pii"] = pd.Series(clean["pii"].tolist(), index=out.index, dtype=object)
        out["sentiment"] = pd.Series(label, index=out.index, dtype=_text_dtype())  # the same in every chunk
        out["sentiment_score"] = score
        out["sentiment_confidence"] = conf
        out["is_suggestion"] = suggestion
        out["themes"] = pd.Series(themes, index=out.index, dtype=object)
        out["emotions"] = pd.Series(emotions, index=out.index, dtype=object)
        out["emotion_scores"] = pd.Series(emotion_scores, index=out.index, dtype=object)
        out["n_clauses"] = n_clauses
        out["effort"] = pd.Series(effort, index=out.index, dtype=object)
        if question is not None:
            out["prompt_type"] = prompts
        mentions = pd.DataFrame(mention_rows, columns=MENTION_COLUMNS) if mention_rows else _empty_mentions()
        if mention_rows:  # None or "low"/"high": one dtype whatever the chunk holds
            mentions["effort"] = pd.Series([m["effort"] for m in mention_rows], dtype=object)
        return out, mentions

    def _embed(self, texts: list[str], model: Any, n_clauses: int) -> dict[str, Any]:
        """Encode texts once for every component that reads MiniLM (the accurate preset).

        Returns ``{"base": ..., "sentiment": ..., "emotion": ...}``: the plain
        sentence embeddings (for themes, and for heads over the frozen encoder)
        and each model's features — the plain embeddings for a head over the
        frozen encoder, or the output of its own fine-tuned top layers. All are
        computed in one pass that shares the lower layers. A value is ``None``
        when nothing needs it, and a list of arrays for a blend with several
        MiniLM components (one per entry of its ``encoder_tops_``). ``texts``
        starts with the ``n_clauses`` clause texts: themes read clauses only,
        so when nothing else reads the plain embeddings their branch skips the
        whole-comment texts after them (sentiment and emotions read both).
        """
        emo = self.emotion_model
        readers = {"sentiment": model, "emotion": emo}
        # Each MiniLM reader's feature sources: a list of tuned tops (None = the plain
        # encoder); a blend may hold several tuned components.
        sources: dict[str, list[Any]] = {}
        for name, m in readers.items():
            if hasattr(m, "predict_proba_embeddings"):
                listed = getattr(m, "encoder_tops_", None)
                sources[name] = list(listed) if listed is not None else [getattr(m, "encoder_top_", None)]
        tops = {f"{name}:{i}": top for name, listed in sources.items()
                for i, top in enumerate(listed) if top is not None}
        reads_plain = any(top is None for listed in sources.values() for top in listed)
        need_base = reads_plain or bool(getattr(self.theme_tagger, "uses_embeddings", False))
        out: dict[str, Any] = {"base": None, "sentiment": None, "emotion": None}
        if not texts or not (need_base or tops):
            return out
        from cxtext.embeddings import get_encoder

        owner = next((readers[name] for name, listed in sources.items()
                      if any(top is not None for top in listed) and hasattr(readers[name], "encoder")), None)
        encoder = owner.encoder() if owner is not None else get_encoder()
        limits = {}
        if not reads_plain:  # then only themes read "base"
            limits["base"] = n_clauses
        encoded = encoder.encode_branches(texts, tops, base=need_base, limits=limits)
        out["base"] = encoded.get("base")
        for name, listed in sources.items():
            features = [encoded[f"{name}:{i}"] if top is not None else out["base"] for i, top in enumerate(listed)]
            out[name] = features[0] if len(features) == 1 else features
        return out

    def _tag(self, clause_texts: list[str], embeddings: np.ndarray | None,
             docs: list[Any], clauses: list[list[Any]]) -> list[list[Any]]:
        """Theme hits per clause.

        Taggers that read embeddings get the clause embeddings; a tagger with
        ``tag_clauses`` (the keyword tagger) reads the tokens the comments were
        split on instead of tokenizing every clause again.
        """
        tagger = self.theme_tagger
        if (embeddings is not None and getattr(tagger, "uses_embeddings", False)
                and _accepts(tagger.tag, "embeddings")):
            hits = tagger.tag(clause_texts, embeddings=embeddings[:len(clause_texts)])
        elif callable(getattr(tagger, "tag_clauses", None)):
            hits = tagger.tag_clauses(docs, clauses)
        else:
            hits = tagger.tag(clause_texts)
        hits = list(hits)
        if len(hits) != len(clause_texts):  # a custom tagger: zip() would drop clauses without a word
            raise ConfigError(
                f"[CX304] The theme tagger {type(tagger).__name__} returned {len(hits)} lists of hits for "
                f"{len(clause_texts)} texts; tag(texts) must return one list per text, in order."
            )
        hit = next((found[0] for found in hits if found), None)  # one hit tells what kind they are
        if hit is not None and not all(hasattr(hit, a) for a in ("theme", "start", "end", "confidence")):
            raise ConfigError(
                f"[CX304] The theme tagger {type(tagger).__name__} returned a {type(hit).__name__} hit; "
                "each hit needs theme, start, end and confidence (e.g. cxtext.themes.ThemeHit)."
            )
        return hits

    @staticmethod
    def _score(texts: list[str], n_clauses: int, model: Any,
               embeddings: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities for clause texts and whole-comment texts in one batched call."""
        if not texts:
            k = len(model.classes_)
            return np.zeros((0, k)), np.zeros((0, k))
        if embeddings is not None and hasattr(model, "predict_proba_embeddings"):
            from cxtext.blending import read_features

            proba = np.asarray(read_features(model, embeddings, texts), dtype=float)
        else:
            proba = np.asarray(model.predict_proba(texts), dtype=float)
        return proba[:n_clauses], proba[n_clauses:]

    @staticmethod
    def _emotion_proba(model: Any, texts: list[str], embeddings: np.ndarray | None) -> np.ndarray:
        if embeddings is not None and hasattr(model, "predict_proba_embeddings"):
            return np.asarray(model.predict_proba_embeddings(embeddings, texts), dtype=float)
        return np.asarray(model.predict_proba(texts), dtype=float)


def _accepts(method: Any, parameter: str) -> bool:
    """Whether ``method`` takes a parameter called ``parameter``."""
    import inspect

    return parameter in inspect.signature(method).parameters


def _shared_hash_proba(texts: list[str], sentiment: Any, emotion: Any,
                       emotion_rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """Sentiment and emotion probabilities of ``texts`` from one hashing pass.

    The fast models hash the same word and character n-grams; when the emotion
    model's buckets fold out of the sentiment model's
    (:meth:`~cxtext.sentiment.features.TextHasher.can_fold_to`), the texts are
    hashed once and the emotion counts are folded from the sentiment counts:
    the same probabilities as hashing twice, in about half the time. ``None``
    when the models cannot share (then each reads the texts itself).

    ``emotion_rows`` (sorted indices into ``texts``) limits the emotion model
    to the rows whose emotions are read; the emotion array then has one row per
    index, each the same as without the limit (rows are scored independently).
    """
    hashers = [getattr(m, "text_hasher", None) for m in (sentiment, emotion)]
    if not all(callable(h) and callable(getattr(m, "predict_proba_counts", None))
               for h, m in zip(hashers, (sentiment, emotion))):
        return None
    s_hasher, e_hasher = hashers[0](), hashers[1]()
    if not s_hasher.can_fold_to(e_hasher):
        return None
    from cxtext.sentiment.features import HASH_BATCH

    sentiment_parts, emotion_parts = [], []
    wanted = None if emotion_rows is None else np.asarray(emotion_rows, dtype=np.intp)
    for lo in range(0, len(texts), HASH_BATCH):  # cache-sized sparse matrices
        counts = s_hasher.counts(texts[lo:lo + HASH_BATCH])
        sentiment_parts.append(sentiment.predict_proba_counts(counts))
        if wanted is not None:
            here = wanted[(wanted >= lo) & (wanted < lo + HASH_BATCH)] - lo
            if not len(here):
                continue
            counts = counts[here] if len(here) < counts.shape[0] else counts
        emotion_parts.append(emotion.predict_proba_counts(s_hasher.fold(counts, e_hasher)))
    k_s, k_e = len(sentiment.classes_), len(emotion.classes_)
    sentiment_proba = np.vstack(sentiment_parts) if sentiment_parts else np.zeros((0, k_s))
    emotion_proba = np.vstack(emotion_parts) if emotion_parts else np.zeros((0, k_e))
    return np.asarray(sentiment_proba, dtype=float), np.asarray(emotion_proba, dtype=float)


def _read_clauses(clause_proba: np.ndarray, comment_read: np.ndarray, classes: list[str],
                  clause_texts: list[str], clause_prompts: list[str], comment_row: np.ndarray) -> np.ndarray:
    """Clause probabilities read as :func:`~cxtext.sentiment.context.read_comments` reads them.

    A comment that is one clause was scored as that clause (its ``comment_row``
    points into the clause rows) and has just been read with the same text,
    prompt and model row; its reading is copied instead of made again (read_in_context
    reads each row on its own, so the rows are the same). On airline tweets this
    cut the reading of clauses by about a seventh (0.42 to 0.36 s for 14,427 tweets);
    short survey answers, more often one clause, gain more.
    """
    from cxtext.sentiment.context import read_comments

    n = len(clause_texts)
    out = np.empty_like(clause_proba)
    single = np.flatnonzero(comment_row < n)
    out[comment_row[single]] = comment_read[single]
    rest = np.ones(n, dtype=bool)
    rest[comment_row[single]] = False
    todo = np.flatnonzero(rest)
    if len(todo):
        out[todo] = read_comments(clause_proba[todo], classes, [clause_texts[k] for k in todo.tolist()],
                                  [clause_prompts[k] for k in todo.tolist()])[0]
    return out


def _check_sentiment_classes(model: Any) -> None:
    """A sentiment model given as an object must name its classes as cxtext reads them."""
    classes = np.asarray(model.classes_, dtype=object).tolist()
    known = {"negative", "neutral", "positive"}
    if not classes or any(c not in known for c in classes) or not {"negative", "positive"} <= set(classes):
        raise ConfigError(
            f"[CX304] The sentiment model's classes_ are {classes!r}; cxtext reads 'negative', 'neutral' "
            "and 'positive' (at least the first and last). Fit it on labels with these names (e.g. "
            "cxtext.datasets.rating_to_sentiment for ratings, or map 'pos'/'neg' first)."
        )


def _sentiment_outputs(proba: np.ndarray, classes: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, scores in [-1, 1] (P(positive) - P(negative)) and confidences."""
    proba = np.asarray(proba, dtype=float)
    col = {c: i for i, c in enumerate(classes)}
    pos = proba[:, col["positive"]] if "positive" in col else 0.0
    neg = proba[:, col["negative"]] if "negative" in col else 0.0
    labels = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
    return labels, np.clip(pos - neg, -1.0, 1.0), proba.max(axis=1)


def _rescore_mentions(tagger: Any, mention_rows: list[dict[str, Any]], clause_proba: np.ndarray,
                      mention_clause: list[int], model: Any, classes: list[str]) -> None:
    """Theme-aware mention sentiment, in place, when the tagger learned it for ``model``.

    A :class:`~cxtext.themes.supervised.ThemeClassifier` trained on
    ``theme:polarity`` labels holds a head per sentiment model; without one,
    mentions keep their clause's sentiment. ``mention_clause`` holds each
    mention's row in ``clause_proba``.
    """
    rescore = getattr(tagger, "mention_sentiment_proba", None)
    if not mention_rows or not callable(rescore):
        return
    proba = rescore([m["theme"] for m in mention_rows], clause_proba[mention_clause], model)
    if proba is None:
        return
    labels, scores, confidences = _sentiment_outputs(proba, classes)
    for m, lab, sc, cf in zip(mention_rows, labels, scores, confidences):
        m["sentiment"], m["sentiment_score"], m["sentiment_confidence"] = lab, float(sc), float(cf)


#: Longest clause without a theme whose emotions join a mention (_carry_orphan_emotions).
_ORPHAN_MAX_WORDS = 8


def _short(clause: str) -> bool:
    """Whether a clause is short enough for :func:`_carry_orphan_emotions`."""
    return clause.count(" ") < _ORPHAN_MAX_WORDS


#: Comments of at least this many words (and two or more clauses) also take their
#: clauses' emotions: the 95th percentile of the GoEmotions dev comments the emotion
#: thresholds are tuned on (25 words; 99th 27). Read whole, a longer comment dilutes a
#: feeling one sentence states ("Absolutely furious." lost its anger after one more
#: sentence of events). Results log, 2026-12-07.
LONG_COMMENT_WORDS = 25


def _word_count(text: str) -> int:
    return len(text.split()) if isinstance(text, str) else 0


def _pool_long_comment_emotions(comment_e: np.ndarray, clause_e: np.ndarray, clause_comment: list[int],
                                rows: np.ndarray | list[int], long_comment: set[int]) -> np.ndarray:
    """Each comment's emotion scores, the max with its clauses' for the ``long_comment`` rows.

    ``comment_e`` has one row per entry of ``rows``; ``clause_e`` one per clause, whose
    comment is ``clause_comment``. Clauses nobody scored are NaN and count for nothing.

    Examples
    --------
    >>> whole = np.array([[0.1, 0.2], [0.1, 0.2]])
    >>> clauses = np.array([[0.9, 0.1], [0.2, np.nan], [0.8, 0.3]])
    >>> _pool_long_comment_emotions(whole, clauses, [0, 0, 1], [0, 1], long_comment={0}).tolist()
    [[0.9, 0.2], [0.1, 0.2]]
    """
    out = np.array(comment_e, dtype=float, copy=True)
    if not long_comment:
        return out
    position = {r: i for i, r in enumerate(rows)}
    for k, r in enumerate(clause_comment):
        if r in long_comment:
            i = position[r]
            out[i] = np.fmax(out[i], clause_e[k])
    return out


def _add_emoji_emotions(texts: Sequence[str], emotions: list[list[str]], sentiments: Sequence[Any],
                        known: Sequence[str]) -> list[list[str]]:
    """``emotions`` plus the ones each text's emoji name (:func:`cxtext.emotion.emoji.emoji_emotions`),
    where the emotion's polarity fits the text's sentiment; new lists in the fixed order.

    Examples
    --------
    >>> E = ["anger", "frustration", "disappointment", "confusion", "anxiety", "gratitude", "delight", "admiration"]
    >>> _add_emoji_emotions(["[folded hands]", "a joke [face with tears of joy]", "ok"], [[], ["anger"], []],
    ...                     ["positive", "negative", "neutral"], E)
    [['gratitude'], ['anger'], []]
    """
    from cxtext.emotion.emoji import emoji_emotions

    polarity = _emotion_polarity()
    out = []
    for text, found, sentiment in zip(texts, emotions, sentiments):
        named = [e for e in emoji_emotions(text) if e in known and e not in found
                 and _polarity_fits({"sentiment": sentiment}, polarity.get(e, ""))]
        out.append(_in_fixed_order([*found, *named]) if named else found)
    return out


@functools.cache
def _emotion_polarity() -> dict[str, str]:
    from cxtext.emotion.definitions import load_emotion_definitions

    return {d.id: d.polarity for d in load_emotion_definitions()}


def _in_fixed_order(felt: Iterable[str]) -> list[str]:
    """A new list of ``felt`` without repeats, in the fixed order of :data:`cxtext.emotion.EMOTIONS`
    (ids outside it last, as given): how rules that add an emotion to a mention keep its list.

    Examples
    --------
    >>> _in_fixed_order(["disappointment", "anger", "frustration", "anger"])
    ['anger', 'frustration', 'disappointment']
    """
    from cxtext.emotion import EMOTIONS

    felt = list(dict.fromkeys(felt))
    return [e for e in EMOTIONS if e in felt] + [e for e in felt if e not in EMOTIONS]


#: Whether praise words on a positive mention read as admiration (_praise_as_admiration).
PRAISE_IS_ADMIRATION = True
#: Whether a negative mention in a clause of high effort reads as frustration (_effort_as_frustration).
EFFORT_IS_FRUSTRATION = True
#: Whether a mention these rules add an emotion to gives its emotions (the rule's and its clause's)
#: to its comment's ``emotions`` (since 2026-12-07: before, a comment could lack the admiration its
#: mention carried). Mentions no rule changed give nothing.
RULE_EMOTIONS_TO_COMMENT = True
#: Sentiment confidence from which a positive mention in a comment without emotions reads as
#: admiration (_positive_as_admiration); None: never. 0.9 was chosen among 0.5 / 0.7 / 0.9 on the
#: patient sets 1-12 under a GoEmotions-dev guard (lower values cost it 0.004-0.012) and checked on
#: the blind patient set 13 (benchmarks/RESULTS_LOG.md, twenty-ninth session).
POSITIVE_IS_ADMIRATION: float | None = 0.9
#: Taxonomy groups whose confident positive mentions read as admiration even in a comment the
#: models gave emotions (praise of staff is admiration beside gratitude or relief). Chosen with the
#: wider praise words (2026-12-07/08) on the patient sets 1-14 and checked on the blind set 15 (results log,
#: thirtieth session); () keeps the rule to comments without emotions.
POSITIVE_IS_ADMIRATION_GROUPS: tuple[str, ...] = ("people",)


def _theme_ids_in_groups(tagger: Any, groups: tuple[str, ...]) -> frozenset[str]:
    """Ids of the tagger's themes whose taxonomy ``group`` is one of ``groups`` (none without a taxonomy).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from cxtext.themes import load_taxonomy
    >>> sorted(_theme_ids_in_groups(SimpleNamespace(taxonomy_=load_taxonomy()), ("people",)))[:3]
    ['empathy', 'knowledge', 'personalisation']
    >>> _theme_ids_in_groups(SimpleNamespace(), ("people",))
    frozenset()
    """
    tax = getattr(tagger, "taxonomy_", None)
    if tax is None or not groups:
        return frozenset()
    return frozenset(t.id for t in tax if getattr(t, "group", None) in groups)


def _positive_as_admiration(mention_rows: list[dict[str, Any]], eligible: list[bool],
                            min_confidence: float) -> None:
    """Add *admiration* to confident positive mentions the rule may read, in place.

    ``emotions.yaml`` defines admiration as praise and respect for the quality of a
    service or person; patients and customers mostly show it by telling what went
    well ("Phlebotomist found a vein first time, didn't feel a thing."), which the
    emotion models, trained on Reddit's named admiration, miss: on the patient
    sets it was the most missed emotion where it is only shown. A mention the
    sentiment step reads as positive with confidence ``min_confidence`` or more, which
    carries no emotion itself and which the rule may read, reads as admiration.
    ``eligible`` holds that per mention: the analyser passes True where the models
    gave the comment no emotion at all, or where the mention's theme is in one of
    :data:`POSITIVE_IS_ADMIRATION_GROUPS` (praise of people: in "thank you to the team
    on ward 9 ... the nurses were patient with every question we had" the staff mention
    reads as admiration beside the gratitude the models give the comment).

    Examples
    --------
    >>> rows = [{"sentiment": "positive", "sentiment_confidence": 0.9, "emotions": []},
    ...         {"sentiment": "positive", "sentiment_confidence": 0.4, "emotions": []},
    ...         {"sentiment": "positive", "sentiment_confidence": 0.9, "emotions": []}]
    >>> _positive_as_admiration(rows, [True, True, False], 0.7)
    >>> [m["emotions"] for m in rows]
    [['admiration'], [], []]
    """
    for m, may_read in zip(mention_rows, eligible):
        if (may_read and not m["emotions"] and m["sentiment"] == "positive"
                and m["sentiment_confidence"] >= min_confidence):
            m["emotions"] = ["admiration"]


#: Whether a comment read as positive whose words praise takes *admiration*, mentions or not
#: (_praise_comments_as_admiration). Chosen among three variants on the patient sets 1-15 under
#: the GoEmotions-dev guard and checked on the blind patient set 16 (results log, thirtieth session).
PRAISE_COMMENT_IS_ADMIRATION = True


def _praise_comments_as_admiration(emotions: list[list[str]], rows: list[int], labels: np.ndarray,
                                   texts: list[str]) -> None:
    """Add *admiration* to the comments of ``rows`` read as positive whose words praise, in place.

    The mention rule (:func:`_praise_as_admiration`) needs a theme mention read as
    positive; praise of a team the taxonomy has no word for ("Legends the lot of
    ye", "Fab team at the blood clinic") carried no admiration. A comment whose
    sentiment is positive and whose text holds words of praise
    (:func:`cxtext.emotion.praise.praise_words`, not negated) takes it, beside the
    emotions it has; ``emotion_scores`` stay the models' probabilities.

    Examples
    --------
    >>> emotions = [[], ["gratitude"], [], []]
    >>> labels = np.array(["positive", "positive", "negative", "positive"], dtype=object)
    >>> texts = ["Legends the lot of them.", "Brilliant team, thank you.", "Not great.", "Fine."]
    >>> _praise_comments_as_admiration(emotions, [0, 1, 2, 3], labels, texts)
    >>> emotions
    [['admiration'], ['gratitude', 'admiration'], [], []]
    """
    for r in rows:
        emotions[r] = _admiration_if_praised(labels[r], emotions[r], texts[r])


def _effort_as_frustration(mention_rows: list[dict[str, Any]], directions: list[str | None]) -> None:
    """Add *frustration* to negative mentions whose clause reads as high effort, in place.

    ``emotions.yaml`` defines frustration as "irritation at obstacles, repetition and
    effort: being kept waiting, passed between departments, forced to repeat details";
    :func:`cxtext.themes.effort.find_effort` reads exactly those ("rang four times",
    "passed from pillar to post"), which the emotion models, trained on Reddit's
    annoyance, mostly miss when no feeling is named. ``directions`` holds each
    mention's clause direction (``"high"``, ``"low"`` or None).

    Examples
    --------
    >>> rows = [{"sentiment": "negative", "emotions": []}, {"sentiment": "positive", "emotions": []},
    ...         {"sentiment": "negative", "emotions": ["anger", "disappointment"]},
    ...         {"sentiment": "negative", "emotions": []}]
    >>> _effort_as_frustration(rows, ["high", "high", "high", "low"])
    >>> [m["emotions"] for m in rows]
    [['frustration'], [], ['anger', 'frustration', 'disappointment'], []]
    """
    for m, direction in zip(mention_rows, directions):
        if direction == "high" and m["sentiment"] == "negative" and "frustration" not in m["emotions"]:
            m["emotions"] = _in_fixed_order([*m["emotions"], "frustration"])  # a new list, not an edit in place


def _praise_as_admiration(mention_rows: list[dict[str, Any]]) -> None:
    """Add *admiration* to positive mentions whose evidence praises (:func:`~cxtext.emotion.praise.praise_words`).

    Examples
    --------
    >>> rows = [{"sentiment": "positive", "emotions": [], "evidence": "Doctors were really thorough."},
    ...         {"sentiment": "negative", "emotions": [], "evidence": "Great, another delay."},
    ...         {"sentiment": "positive", "emotions": ["gratitude"], "evidence": "Brilliant nurses, thank you."}]
    >>> _praise_as_admiration(rows)
    >>> [m["emotions"] for m in rows]
    [['admiration'], [], ['gratitude', 'admiration']]
    """
    for m in mention_rows:
        m["emotions"] = _admiration_if_praised(m["sentiment"], m["emotions"], m["evidence"])


def _admiration_if_praised(sentiment: Any, felt: list[str], text: str) -> list[str]:
    """``felt`` with *admiration* added when ``sentiment`` is positive and ``text`` praises.

    The one test of both praise rules (a mention's, :func:`_praise_as_admiration`, and a
    comment's, :func:`_praise_comments_as_admiration`). Returns ``felt`` itself when
    nothing is added and a new list otherwise (never an edit in place: the analyser
    tells the rules' changes by identity).

    Examples
    --------
    >>> felt = ["gratitude"]
    >>> _admiration_if_praised("positive", felt, "Brilliant nurses, thank you.")
    ['gratitude', 'admiration']
    >>> _admiration_if_praised("negative", felt, "Great, another delay.") is felt
    True
    """
    from cxtext.emotion.praise import praise_words

    if sentiment == "positive" and "admiration" not in felt and praise_words(text):
        return _in_fixed_order([*felt, "admiration"])
    return felt


def _drop_amusement_from_complaints(mention_rows: list[dict[str, Any]]) -> None:
    """Take *delight* off mentions read as negative, in place.

    The emotion models learned *delight* from GoEmotions' joy, excitement and
    amusement, and amusement is how Reddit labels "the service is a joke" and
    "laughable": on a complaint about a theme it reads as delight in the theme's
    emotion mix. A mention read as negative keeps its other emotions. Comments
    keep theirs (read from the whole comment, as the emotion models were
    scored); dropping delight there cost macro-F1 on GoEmotions and on our CX
    emotion sets, while on mentions every delight it removed in those sets was
    wrong (results log, 2026-12-06, *Delight on complaints*).

    Examples
    --------
    >>> rows = [{"sentiment": "negative", "emotions": ["delight", "frustration"]},
    ...         {"sentiment": "positive", "emotions": ["delight"]}]
    >>> _drop_amusement_from_complaints(rows)
    >>> [m["emotions"] for m in rows]
    [['frustration'], ['delight']]
    """
    for m in mention_rows:
        if m["sentiment"] == "negative" and "delight" in m["emotions"]:
            m["emotions"] = [e for e in m["emotions"] if e != "delight"]  # a new list, not an edit in place


def _file_stamp(path: Any) -> tuple[int, int] | None:
    """``(mtime_ns, size)`` of a file option (a taxonomy YAML), so an edited file is read again; else None."""
    if not isinstance(path, (str, os.PathLike)):
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _taxonomy_file(path: Any) -> dict[str, str]:
    """The run information of a taxonomy given as a file: its path and sha256 (a copy of the default
    taxonomy keeps its name and version, so only these tell an edited copy from the original)."""
    if not isinstance(path, (str, os.PathLike)) or not os.path.isfile(path):
        return {}
    from cxtext.models import sha256_file

    return {"taxonomy_file": str(path), "taxonomy_sha256": sha256_file(path)}


def _carry_orphan_emotions(mention_rows: list[dict[str, Any]], mention_clause: list[int],
                           clause_comment: list[int], clause_emotions: list[list[str]],
                           turns: list[bool] | None = None) -> None:
    """Give the emotions of clauses without a theme to a nearby mention, in place.

    Customers often put the feeling in a sentence of its own: "Couldn't get
    through on the phone. Very frustrating." The second clause names no theme,
    so it has no mention, and its frustration would be lost to the theme table.
    Each emotion of such a clause joins the mentions of the nearest clause of the
    same comment whose mention sentiment has the emotion's polarity (negative
    emotions go to negative mentions, positive ones to positive; confusion, of
    either polarity, to any): the closest clause before it, else the closest after,
    never across a clause that turns the comment around (``turns``: it opens with
    "but", "however", "although" ...; "Was worried about the anaesthetic, | but the
    anaesthetist explained everything" keeps the worry off the anaesthetist).
    ``mention_clause`` holds each mention's clause index, ``clause_comment`` each
    clause's comment row.

    Examples
    --------
    >>> rows = [{"sentiment": "negative", "emotions": []}, {"sentiment": "positive", "emotions": []}]
    >>> _carry_orphan_emotions(rows, [0, 2], [7, 7, 7, 7], [[], ["frustration"], [], ["gratitude"]])
    >>> [m["emotions"] for m in rows]
    [['frustration'], ['gratitude']]
    """
    if not mention_rows:
        return
    polarity = _emotion_polarity()
    by_clause: dict[int, list[dict[str, Any]]] = {}
    for m, k in zip(mention_rows, mention_clause):
        by_clause.setdefault(k, []).append(m)
    first: dict[int, int] = {}  # a comment's clauses are contiguous: its first and past-the-end index
    stop: dict[int, int] = {}
    for k, r in enumerate(clause_comment):
        first.setdefault(r, k)
        stop[r] = k + 1
    for k, feelings in enumerate(clause_emotions):
        if not feelings or k in by_clause:
            continue
        r = clause_comment[k]
        lo, hi = first[r], stop[r]
        if turns is not None:  # the span of clauses between turns that holds clause k
            lo = max((j for j in range(lo + 1, k + 1) if turns[j]), default=lo)
            hi = next((j for j in range(k + 1, hi) if turns[j]), hi)
        before = [j for j in range(k - 1, lo - 1, -1) if j in by_clause]
        after = [j for j in range(k + 1, hi) if j in by_clause]
        for emotion in feelings:
            wanted = polarity.get(emotion, "")
            target = next((j for j in (*before, *after)
                           if any(_polarity_fits(m, wanted) for m in by_clause[j])), None)
            if target is None:
                continue
            for m in by_clause[target]:
                if _polarity_fits(m, wanted) and emotion not in m["emotions"]:
                    m["emotions"] = _in_fixed_order([*m["emotions"], emotion])


def _polarity_fits(mention: dict[str, Any], polarity: str) -> bool:
    """Whether an emotion of ``polarity`` (from ``emotions.yaml``) may join ``mention``."""
    return polarity not in ("negative", "positive") or mention["sentiment"] == polarity


def _evidence_span(text: str, clause: Any, hit: Any) -> tuple[int, int]:
    """The clause as evidence, or a word-bounded window around the match in a long clause."""
    if clause.end - clause.start <= _EVIDENCE_MAX:
        return clause.start, clause.end
    centre = clause.start + (hit.start + hit.end) // 2
    lo = max(clause.start, centre - _EVIDENCE_MAX // 2)
    hi = min(clause.end, lo + _EVIDENCE_MAX)
    # widen to whole words, but not through a long run without spaces (a pasted token, CJK text)
    edge = lo
    while lo > max(clause.start, edge - _WORD_SLACK) and not text[lo - 1].isspace():
        lo -= 1
    if lo > clause.start and not text[lo - 1].isspace():
        lo = edge
    edge = hi
    while hi < min(clause.end, edge + _WORD_SLACK) and not text[hi].isspace():
        hi += 1
    if hi < clause.end and not text[hi].isspace():
        hi = edge
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def effort_theme_id(tagger: Any) -> str | None:
    """The theme that carries the effort reading: ``effort``, or in a taxonomy without
    that id the first theme whose id has "effort" as one of its parts (a renamed copy:
    ``customer_effort``, ``Effort_Score``; not ``effortless_checkout``); None when there is none.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from cxtext.themes import load_taxonomy
    >>> effort_theme_id(SimpleNamespace(taxonomy_=load_taxonomy()))
    'effort'
    >>> renamed = [SimpleNamespace(id="effortless_checkout"), SimpleNamespace(id="customer_effort")]
    >>> effort_theme_id(SimpleNamespace(taxonomy_=renamed)), effort_theme_id(SimpleNamespace(taxonomy_=renamed[:1]))
    ('customer_effort', None)
    """
    tax = getattr(tagger, "taxonomy_", None)
    if tax is None:
        return "effort"
    ids = [t.id for t in tax]
    if "effort" in ids:
        return "effort"
    # "effort" as a whole part of the id: customer_effort, effort_score; not effortless_checkout
    return next((i for i in ids if "effort" in re.split(r"[^a-z0-9]+", str(i).lower())), None)


def _clause_effort(clause_texts: list[str], hits: list[list[Any]],
                   tagger: Any) -> list[tuple[str | None, Any]]:
    """Effort direction of each clause, and an effort hit to add when the tagger missed it.

    The added hit is on :func:`effort_theme_id`'s theme and spans the effort words found
    (confidence 0.7, a fixed rule value); none is added when the taxonomy has no such theme.
    """
    from cxtext.themes.effort import combine_directions, find_effort
    from cxtext.themes.keyword import ThemeHit

    theme = effort_theme_id(tagger)
    out: list[tuple[str | None, Any]] = []
    for found, clause_hits in zip(find_effort(clause_texts), hits):
        direction = combine_directions(m.direction for m in found)
        extra = None
        if direction is not None and theme is not None and not any(h.theme == theme for h in clause_hits):
            first = next(m for m in found if m.direction == direction)
            extra = ThemeHit(theme, first.start, first.end, 0.7, first.matched)
        out.append((direction, extra))
    return out


def _text_dtype() -> Any:
    """The dtype this pandas gives a column of strings (``str`` in pandas 3, object before)."""
    return pd.Series(["x"]).dtype


_NUMBER_DTYPES = {"sentiment_score": "float64", "sentiment_confidence": "float64", "confidence": "float64",
                  "start": "int64", "end": "int64", "clause": "int64"}
_TEXT_MENTION_COLUMNS = frozenset({"theme", "sentiment", "evidence", "matched"})


def _empty_mentions() -> pd.DataFrame:
    """No mentions, with the column dtypes a table of mentions has (ids: object, their type unknown)."""
    text = _text_dtype()
    return pd.DataFrame({
        c: pd.Series(dtype=_NUMBER_DTYPES.get(c) or (text if c in _TEXT_MENTION_COLUMNS else object))
        for c in MENTION_COLUMNS
    })


def _concat_mentions(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The chunks' mentions as one table; chunks without mentions do not turn its columns to object."""
    found = [m for m in parts if len(m)]
    if not found:
        return parts[0] if parts else _empty_mentions()
    return pd.concat(found, ignore_index=True) if len(found) > 1 else found[0].reset_index(drop=True)


def free_name(columns: Iterable[Hashable], name: str) -> str:
    """``name``, or ``name_2``, ``name_3`` ... when ``columns`` already hold it.

    Examples
    --------
    >>> free_name(["a", "sentiment_input"], "sentiment_input"), free_name(["a"], "b")
    ('sentiment_input_2', 'b')
    """
    taken = set(columns)
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}_{n}"
    return candidate


def _redacted_raw(raw: pd.Series, clean: pd.DataFrame) -> pd.Series:
    """The comment column as written out with PII redaction: the raw text with placeholders.

    Each raw text is redacted as it was read (its formatting kept). Where that
    leaves fewer placeholders of some kind than the cleaned text holds (personal
    data the raw text does not show as such: an address spelt with HTML entities,
    a number split by ``&nbsp;``, next to a plain one of the same kind), and for
    cells that are no text (a card number stored as a number), the cleaned,
    redacted text is written instead, so no personal data the cleaning found is
    left in the output.
    """
    from cxtext.clean.pii import redact_pii

    values = raw.tolist()
    found = clean["pii"].tolist()
    cleaned = clean["text_clean"].tolist()
    changed = False
    for i, value in enumerate(values):
        if not isinstance(value, str):
            if found[i]:
                values[i], changed = cleaned[i], True
            continue
        redacted = redact_pii(value)[0]
        if found[i] and any(cleaned[i].count(f"[{k}]") > redacted.count(f"[{k}]") for k in found[i]):
            redacted = cleaned[i]
        if redacted != value:
            values[i] = redacted
            changed = True
    if not changed:
        return raw
    keeps_text = raw.dtype == object or pd.api.types.is_string_dtype(raw.dtype)
    return pd.Series(values, index=raw.index, dtype=raw.dtype if keeps_text else object, name=raw.name)


def _rename_clashes(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with input columns named like cxtext's output columns renamed ``<name>_input``.

    The warning names each column's new name as written (``sentiment_input_2``
    when ``sentiment_input`` is taken too).
    """
    clashes = [c for c in frame.columns if c in COMMENT_COLUMNS]
    if clashes:
        renamed: dict[Hashable, str] = {}
        for c in clashes:  # "sentiment_input" may be taken too (an output analysed again)
            renamed[c] = free_name([*frame.columns, *renamed.values()], f"{c}_input")
        logger.warning("Input columns clash with cxtext output columns and are kept under new names: %s.",
                       ", ".join(f"{old!r} as {new!r}" for old, new in renamed.items()))
        frame = frame.rename(columns=renamed)
    return frame


def analyze(data: pd.DataFrame | pd.Series | Sequence[Any], text: str | None = None,
            id: str | None = None, question: str | None = None, *, preset: str = "fast",
            **options: Any) -> AnalysisResult:
    """Analyse comments in one call (see :class:`Analyzer` for the options).

    Parameters
    ----------
    data : DataFrame, Series or sequence of str
        The comments.
    text : str
        Name of the comment column.
    id : str, optional
        Name of a unique id column.
    question : str, optional
        Name of the column holding each comment's survey prompt (see
        :meth:`Analyzer.analyze`).
    preset : {"fast", "accurate"}
        Model preset.
    **options
        Passed to :class:`Analyzer` (``sentiment=``, ``themes=``, ``taxonomy=`` ...).

    Examples
    --------
    >>> import cxtext, pandas as pd
    >>> df = pd.DataFrame({"comment": ["The staff were lovely but I waited four hours."]})
    >>> res = cxtext.analyze(df, text="comment")
    >>> sorted(res.comments["themes"][0])
    ['staff_attitude', 'waiting_time']
    """
    return Analyzer(preset=preset, **options).analyze(data, text=text, id=id, question=question)
