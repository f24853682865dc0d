"""Analyse a :class:`dask.dataframe.DataFrame` on a dask cluster.

Two ways in:

* :func:`analyze_dask` for a dask DataFrame you already have (e.g.
  ``dd.read_parquet("s3://...")``): returns the comments table (and optionally
  the mentions table) as lazy dask DataFrames, one output partition per input
  partition, computed where the data lives.
* ``cxtext analyze IN -o OUT --engine dask --scheduler tcp://host:8786``: the
  CLI reads the file in chunks on the machine running it (with cxtext's own
  readers, so quoting, encodings and multi-line comments are parsed exactly as
  by the local engine; ``dask.dataframe.read_csv`` splits files at byte
  offsets, which breaks quoted multi-line comments), sends chunks to the
  cluster through ``Client.get_executor()`` and writes results in order, with
  checkpoints and ``--resume`` like the local engine. Workers need neither the
  input nor the output file, only cxtext and its models.

Models load once per worker process: tasks look their
:class:`~cxtext.Analyzer` up in a module-level cache keyed by the options.

Duplicates (``is_duplicate``/``duplicate_of``) depend on every earlier row.
``duplicates="global"`` (default) gives exactly the local engine's flags: a
first pass cleans each partition, one task runs the duplicate detector over
the cleaned text of all partitions in order (memory: ~110 bytes per comment
plus the cleaned texts of the dataset, on one worker) and also checks ids
across partitions; then each partition is analysed with its flags.
``duplicates="partition"`` flags duplicates within each partition only
(one pass, fully parallel, ids checked per partition).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxtext.errors import ConfigError

__all__ = ["analyze_dask", "dask_client"]

logger = logging.getLogger(__name__)

_DUPLICATES = ("global", "partition")
_MENTION_DTYPES = {
    "comment_id": object, "theme": object, "sentiment": object, "sentiment_score": "float64",
    "sentiment_confidence": "float64", "confidence": "float64", "start": "int64",
    "end": "int64", "evidence": object, "matched": object, "clause": "int64", "emotions": object,
    "effort": object,
}


def _need_dask() -> None:
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            "[CX333] The dask engine needs dask and distributed: "
            "pip install 'cxtext[dask]' (or: pip install 'dask[dataframe]' distributed)."
        ) from exc


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, n_workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler``, or for a new local cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``) or path of a
        scheduler file. ``None``: start a ``LocalCluster`` of ``n_workers``
        single-threaded processes for the duration of the block.
    n_workers : int, optional
        Workers of that local cluster (default: dask's choice).
    """
    _need_dask()
    from distributed import Client, LocalCluster

    if scheduler is None:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        # connect timeout: dask's distributed.comm.timeouts.connect (default 30 s)
        client = (Client(scheduler_file=scheduler) if scheduler.endswith(".json")
                  else Client(scheduler))
    except (OSError, TimeoutError) as exc:
        raise ConfigError(
            f"[CX333] Cannot reach the dask scheduler at {scheduler!r} ({exc}). Check the "
            "address (tcp://HOST:8786) and that the scheduler is running."
        ) from exc
    with client:
        yield client


# -- tasks (run on workers) ------------------------------------------------------------
def _ids(part: pd.DataFrame, id: str | None) -> list[Hashable]:
    return part[id].tolist() if id is not None else part.index.tolist()


def _clean_keys(part: pd.DataFrame, options: Mapping[str, Any], text: str,
                id: str | None) -> tuple[list[str], list[bool], list[Hashable]]:
    from cxtext.analyzer import Analyzer
    from cxtext.engine._worker import get_analyzer

    Analyzer._check_columns(part, text, id)
    clean = get_analyzer(options).cleaner.transform(part[text])
    return (clean["text_clean"].tolist(), clean["is_non_answer"].to_numpy(dtype=bool).tolist(),
            _ids(part, id))


def _global_flags(keys: Sequence[tuple[list[str], list[bool], list[Hashable]]],
                  id: str | None) -> list[tuple[np.ndarray, list[Any]]]:
    from cxtext.analyzer import _RunState

    state = _RunState(id)
    out = []
    for texts, skip, ids in keys:
        if id is not None:
            state.check_ids(pd.Series(ids, dtype=object))
        out.append(state.dedup.flag(texts, ids, skip=skip))
    return out


def _analyze_part(part: pd.DataFrame, options: Mapping[str, Any], text: str, id: str | None,
                  question: str | None,
                  flags: tuple[np.ndarray, list[Any]] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    from cxtext.analyzer import _RunState
    from cxtext.engine._worker import analyze_chunk

    if flags is None and id is not None:  # duplicates="partition": ids of this partition
        _RunState.check_unique(part[id], id)
    comments, mentions = analyze_chunk(options, part, text, id, question)
    if flags is None:  # duplicates="partition": this partition alone
        from cxtext.clean import DuplicateFinder
        from cxtext.engine._worker import apply_duplicates

        apply_duplicates(DuplicateFinder(), comments, _ids(part, id))
    else:
        comments["is_duplicate"] = np.asarray(flags[0], dtype=bool)
        comments["duplicate_of"] = pd.Series(flags[1], index=comments.index, dtype=object)
    return comments, mentions.astype(_MENTION_DTYPES) if len(mentions) else _empty_mentions()


def _empty_mentions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _MENTION_DTYPES.items()})


# -- public API --------------------------------------------------------------------------
def analyze_dask(ddf: Any, text: str, id: str | None = None, question: str | None = None, *,
                 preset: str = "fast", duplicates: str = "global", mentions: bool = False,
                 **analyzer_options: Any) -> Any:
    """Analyse a dask DataFrame of comments; lazy, one output partition per input partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The comments, one row per comment.
    text : str
        Name of the comment column.
    id : str, optional
        Name of a unique id column (checked across partitions with
        ``duplicates="global"``, within each partition otherwise). Without it,
        ``duplicate_of`` and ``mentions.comment_id`` hold index labels.
    question : str, optional
        Column naming the survey question of each row (see :meth:`cxtext.Analyzer.analyze`).
    preset : {"fast", "accurate"}, default="fast"
        Model preset.
    duplicates : {"global", "partition"}, default="global"
        ``"global"``: flags identical to the local engine (two passes, see the
        module notes). ``"partition"``: duplicates within a partition only.
    mentions : bool, default=False
        Also return the mentions table. Compute both together
        (``dask.compute(comments, mentions)``) so each partition is analysed once.
    **analyzer_options
        Passed to :class:`~cxtext.Analyzer` on every worker (``sentiment=``,
        ``taxonomy=``, ``redact_pii=``, ``languages=``). Paths must exist on
        the workers.

    Notes
    -----
    The output schema (``meta``) is found by analysing dask's two-row
    placeholder frame here, so the models also load once in this process.
    Object columns (``duplicate_of``, ``pii``, ``themes``) are kept as Python
    objects (dask's string conversion is switched off for the result).

    Returns
    -------
    dask.dataframe.DataFrame or (DataFrame, DataFrame)
        The comments table: every input row and column, in order, plus
        :data:`cxtext.COMMENT_COLUMNS`; with ``mentions=True`` also the
        mentions table.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd  # doctest: +SKIP
    >>> ddf = dd.from_pandas(pd.DataFrame({"c": ["Lovely staff", "n/a"]}), npartitions=2)  # doctest: +SKIP
    >>> analyze_dask(ddf, text="c").compute()["sentiment"].tolist()  # doctest: +SKIP
    ['positive', nan]
    """
    _need_dask()
    import dask
    import dask.dataframe as dd
    from dask.dataframe.utils import meta_nonempty

    from cxtext.analyzer import Analyzer
    from cxtext.engine._worker import analyze_chunk

    if duplicates not in _DUPLICATES:
        raise ConfigError(
            f"[CX301] 'duplicates' must be one of {', '.join(map(repr, _DUPLICATES))}. "
            f"Got {duplicates!r}."
        )
    if not isinstance(ddf, dd.DataFrame):
        raise ConfigError(
            f"[CX301] analyze_dask() takes a dask.dataframe.DataFrame; got {type(ddf).__name__}. "
            "Use cxtext.analyze() for a pandas DataFrame."
        )
    options = {"preset": preset, **analyzer_options}
    Analyzer(**options)  # fail early on a bad preset or option, before any task runs
    Analyzer._check_columns(ddf._meta, text, id, question)
    sample = meta_nonempty(ddf._meta)
    meta = analyze_chunk(options, sample, text, id, question)[0].iloc[:0]

    parts = ddf.to_delayed()
    flags: list[Any] = [None] * len(parts)
    if duplicates == "global":
        keys = [dask.delayed(_clean_keys)(p, options, text, id) for p in parts]
        every = dask.delayed(_global_flags)(keys, id)
        flags = [every[i] for i in range(len(parts))]
    analysed = [dask.delayed(_analyze_part, nout=2)(p, options, text, id, question, f)
                for p, f in zip(parts, flags)]
    divisions = ddf.divisions if ddf.known_divisions else None
    # Keep object columns as they are: dask's default string conversion would turn
    # duplicate_of (ids or None) and the list columns into strings.
    with dask.config.set({"dataframe.convert-string": False}):
        comments = dd.from_delayed([a[0] for a in analysed], meta=meta, divisions=divisions,
                                   verify_meta=False)
        if not mentions:
            return comments
        mention_frame = dd.from_delayed([a[1] for a in analysed], meta=_empty_mentions(),
                                        verify_meta=False)
    return comments, mention_frame
