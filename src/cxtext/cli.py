"""The ``cxtext`` command line: thin typer shells over the Python API.

Every command parses its options, calls plain functions, and turns a
:class:`~cxtext.errors.CxTextError` into a one-line message on stderr and exit
code 2 (never a traceback). Data goes to files; the human summary goes to stdout.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cxtext.errors import CxTextError, EmptyInputError, WorkerError

if TYPE_CHECKING:
    from cxtext.engine.checkpoint import Checkpoint

__all__ = ["app", "check_output_paths", "main", "mentions_path", "run_analyze"]

logger = logging.getLogger(__name__)

app = typer.Typer(
    name="cxtext",
    help="Turn customer feedback exports into sentiment, CX themes and score drivers.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain click help: it wraps at any width (rich panels cut long option names at 80 columns)
    context_settings={"max_content_width": 100},
    pretty_exceptions_enable=False,
)


def mentions_path(output: Path) -> Path:
    """Where the mentions table goes beside ``output``: ``out.csv`` -> ``out.mentions.csv``.

    ``.mentions`` goes before the whole extension, compression included, so the
    mentions file has the format and compression of ``output``.

    Examples
    --------
    >>> str(mentions_path(Path("results/out.csv.gz")))
    'results/out.mentions.csv.gz'
    >>> str(mentions_path(Path("out.jsonl.bz2")))
    'out.mentions.jsonl.bz2'
    """
    from cxtext.io.formats import sibling_path

    return sibling_path(output, "mentions")


class _Summary:
    """Counts accumulated chunk by chunk for the end-of-run summary."""

    def __init__(self) -> None:
        self.rows = self.empty = self.non_answers = self.duplicates = self.pii = self.mentions = 0
        self.workers = 1  # processes (or dask threads) that analysed the chunks
        self.languages: Counter[str] = Counter()
        self.sentiment: Counter[str] = Counter()
        self.themes: Counter[str] = Counter()
        self.emotions: Counter[str] = Counter()
        self.theme_emotions: dict[str, Counter[str]] = {}  # theme -> comments feeling each emotion about it

    def add(self, comments: Any, mentions: Any) -> None:
        self.rows += len(comments)
        self.empty += int(comments["is_empty"].sum())
        self.non_answers += int(comments["is_non_answer"].sum())
        self.duplicates += int(comments["is_duplicate"].sum())
        self.pii += int(comments["pii"].map(bool).sum())
        self.languages.update(comments["language"].astype(str))
        self.sentiment.update(comments["sentiment"].dropna().astype(str))
        # per comment, like cxtext.theme_emotions: a comment naming a theme twice counts once
        # (a comment's mentions are all in its chunk)
        felt: dict[tuple[Any, str], set[str]] = {}
        cells = mentions["emotions"].tolist() if "emotions" in mentions else [None] * len(mentions)
        for cid, theme, cell in zip(mentions["comment_id"].tolist(), mentions["theme"].astype(str).tolist(), cells):
            found = felt.setdefault((cid, theme), set())
            if cell:
                found.update(cell)
        self.themes.update(theme for _, theme in felt)
        for (_, theme), found in felt.items():
            if found:  # most carry no emotion: no counter to touch
                counter = self.theme_emotions.get(theme)
                if counter is None:
                    counter = self.theme_emotions[theme] = Counter()
                counter.update(found)
        if "emotions" in comments:
            self.emotions.update(e for row in comments["emotions"] for e in (row or []))
        self.mentions += len(mentions)

    def render(self, *, src: Path, out: Path, mentions_out: Path, seconds: float, info: dict) -> str:
        def share(n: int) -> str:
            return f"{n:,} ({100 * n / self.rows:.1f}%)" if self.rows else "0"

        from cxtext.scores._base import emotions_not_read, whole_percents

        scored = sum(self.sentiment.values())
        sentiments = sorted(self.sentiment.items())
        lines = [
            f"cxtext {info.get('cxtext', '')} · preset {info.get('preset')} · "
            f"sentiment {info.get('sentiment_model')} · themes {info.get('themes')}",
            f"read     {self.rows:,} rows from {src}",
            f"wrote    {self.rows:,} rows to {out}",
            f"         {self.mentions:,} theme mentions to {mentions_out}",
            f"time     {seconds:.1f} s ({self.rows / max(seconds, 1e-9):,.0f} comments/s"
            + (f", {self.workers} workers)" if self.workers > 1 else ")"),
            f"empty    {share(self.empty)}    non-answers {share(self.non_answers)}    "
            f"repeated {share(self.duplicates)}    with PII redacted {share(self.pii)}",
            "language " + ", ".join(f"{k} {v:,}" for k, v in self.languages.most_common(6)),
            "sentiment " + ", ".join(
                f"{k} {v:,} ({pct}%)" for (k, v), pct in zip(sentiments, whole_percents([v for _, v in sentiments]))
            ) if scored else "sentiment (no scorable comments)",
            "top themes (comments) " + (", ".join(f"{k} {v:,}" for k, v in self.themes.most_common(8)) or "none"),
            "emotions (comments) " + ("not read (emotions switched off)" if emotions_not_read(info)
                                      else ", ".join(f"{k} {v:,}" for k, v in self.emotions.most_common(8)) or "none"),
        ]
        by_theme = [(theme, self.theme_emotions[theme]) for theme, _ in self.themes.most_common()
                    if sum(self.theme_emotions.get(theme, Counter()).values())][:5]
        for i, (theme, felt) in enumerate(by_theme):  # the most mentioned themes that carry emotions
            lines.append(("by theme " if i == 0 else " " * 9) + f"{theme} ({self.themes[theme]:,} comments): "
                         + ", ".join(f"{k} {v:,}" for k, v in felt.most_common(3)))
        return "\n".join(lines)


def run_analyze(src: Path, out: Path, *, text: str, id: str | None = None,
                preset: str = "fast", sentiment: str | None = None,
                themes: str | None = None, emotions: str | None = None,
                taxonomy: Path | None = None, chunksize: int = 5000,
                in_format: str | None = None, out_format: str | None = None,
                sep: str | None = None, encoding: str | None = None,
                sheet: str | None = None, redact_pii: bool = True, keep_raw_text: bool = False,
                excel_safe: bool = True,
                progress: bool = False, question: str | None = None, jobs: int | None = None,
                resume: bool = False, checkpoint: bool = True, engine: str = "local",
                scheduler: str | None = None,
                notify: Callable[[str], None] | None = None) -> tuple[_Summary, dict]:
    """Stream ``src`` through an :class:`~cxtext.Analyzer` into ``out`` and its mentions file.

    Both outputs are written atomically: if anything fails, neither file appears
    (and existing files are left untouched). ``question`` names a column holding
    the survey question of each row, passed on to the analyzer as context.

    ``themes`` and ``emotions`` override the preset's theme tagger and emotion
    model (``emotions="none"`` switches emotions off).

    ``jobs`` worker processes analyse chunks in parallel (``engine="local"``),
    or a dask cluster does (``engine="dask"``, ``scheduler`` its address; a
    local cluster of ``jobs`` workers without one); results are written in input
    order and are byte-identical whatever the engine and ``jobs``. ``jobs=None``
    (the default) analyses an input of one chunk in this process and a larger one
    with :func:`~cxtext.engine.parallel.auto_jobs` workers: one per available
    core for models that run without torch (the ``fast`` preset) where workers
    are forked (Linux), else one.

    With ``checkpoint`` (default), every finished chunk is committed to
    ``.OUT.cxtext-run/`` beside ``out`` until both outputs are complete;
    ``resume=True`` continues an interrupted run of the same command from
    there (see :mod:`cxtext.engine.checkpoint`), if the cxtext version and the
    models (:data:`PINNED_INFO`) are the interrupted run's (``[CX335]``
    otherwise). ``notify`` receives one-line notices (resuming, replacing a
    stale checkpoint). Errors of the data or the options remove the
    checkpoint (a rerun must start afresh); a failure to write a committed
    chunk, other models than the interrupted run's, and a worker process that
    died (:class:`~cxtext.errors.WorkerError`, ``[CX336]``, e.g. killed for
    memory) keep it for ``--resume``, once a chunk is done.

    The output paths are checked first (:func:`check_output_paths`): an output
    (or its mentions table or run information) that is the input file is
    refused with ``[CX307]``, before anything is read or a checkpoint created.
    """
    from concurrent.futures.process import BrokenProcessPool
    from contextlib import nullcontext

    from cxtext.analyzer import _OFF, Analyzer
    from cxtext.engine.checkpoint import Checkpoint
    from cxtext.engine.interrupt import StopFlag, stop_between_chunks
    from cxtext.engine.parallel import check_jobs
    from cxtext.engine.runner import ENGINES, WINDOW_PER_WORKER, analyze_stream, open_executor
    from cxtext.errors import ConfigError
    from cxtext.io import TableWriter, detect_format, iter_table

    say = notify or logger.info
    options: dict[str, Any] = {"preset": preset, "sentiment": sentiment, "taxonomy": taxonomy,
                               "redact_pii": redact_pii, "keep_raw_text": keep_raw_text}
    if themes is not None:
        options["themes"] = themes
    if emotions is not None:
        # the analyzer reads these spellings as off too; False keeps checkpointed options as they were
        options["emotions"] = False if emotions.strip().lower() in _OFF else emotions
    Analyzer(**options, chunksize=chunksize)  # check the options before reading anything
    if jobs is not None:
        jobs = check_jobs(jobs)
    if engine not in ENGINES:
        raise ConfigError(f"[CX301] 'engine' must be one of {', '.join(ENGINES)}. Got {engine!r}.")
    if resume and not checkpoint:
        raise ConfigError("[CX301] --resume needs checkpoints; drop --no-checkpoint.")
    check_output_paths(src, out, format=out_format)  # before reading, and before any checkpoint
    chunks = iter_table(src, chunksize=chunksize, format=in_format, sep=sep, encoding=encoding,
                        sheet=sheet)
    if jobs is None and engine == "local":  # workers pay only for an input of several chunks
        head = list(itertools.islice(chunks, 2))
        chunks = itertools.chain(head, chunks)
        if len(head) < 2:
            jobs = 1
    summary = _Summary()
    m_out = mentions_path(out)
    if not out.parent.exists():
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"[CX303] Cannot create the output folder {str(out.parent)!r}: "
                f"{exc.strerror or exc}. Choose another output path (-o)."
            ) from exc
    ckpt = None
    if checkpoint:
        recorded = {**options, "taxonomy": _file_digest(taxonomy), "chunksize": chunksize,
                    "text": text, "id": id,
                    "question": question, "format": in_format, "sep": sep, "encoding": encoding,
                    "sheet": sheet, "output_format": out_format, "excel_safe": excel_safe}
        ckpt = Checkpoint.start(out, src=Path(src), options=recorded, resume=resume,
                                outputs=[m_out], notify=say)
    try:  # loading the models may fail (a bad taxonomy or model folder): no checkpoint is left then
        with open_executor(engine, jobs, options, scheduler) as (executor, window, info), \
                (stop_between_chunks(say) if ckpt is not None else nullcontext(StopFlag())) as stop:
            summary.workers = 1 if executor is None else max(1, window // WINDOW_PER_WORKER)
            if ckpt is not None:
                try:
                    ckpt.pin_models({key: info.get(key) for key in PINNED_INFO})
                except CxTextError:  # other models than the interrupted run's (CX335): its
                    ckpt.close()     # checkpoint stays as it is, for the models that wrote it
                    ckpt = None
                    raise
            try:  # the writers' errors (opening, writing a committed chunk, closing) keep it
                with _keeps_checkpoint(), \
                        TableWriter(out, format=out_format, excel_safe=excel_safe) as cw, \
                        TableWriter(m_out, format=out_format, excel_safe=excel_safe) as mw:
                    stream = analyze_stream(chunks, options=options, text=text, id=id,
                                            question=question, executor=executor, window=window,
                                            checkpoint=ckpt)
                    for comments, mentions in _progress(_analysis_errors(stream), progress):
                        stop.check()  # Ctrl-C: stop here, this chunk is already committed
                        cw.write(comments)
                        mw.write(mentions)
                        summary.add(comments, mentions)
                    if summary.rows == 0:
                        empty = EmptyInputError(f"[CX102] {str(src)!r} has no data rows; nothing to analyse.")
                        empty.keeps_checkpoint = False  # type: ignore[attr-defined]
                        raise empty
            except BrokenProcessPool as exc:  # a worker was killed (the OOM killer, kill -9)
                raise _worker_died(exc, summary.workers, ckpt) from None
            except CxTextError:
                raise  # removed below, with the checkpoint, unless it can be resumed
            except BaseException:
                if ckpt is not None:
                    ckpt.close()
                    if ckpt.done:
                        say(f"Stopped after {ckpt.done} chunk(s); rerun the same command with "
                            "--resume to continue from there.")
                raise
    except CxTextError as err:
        if ckpt is not None:
            if getattr(err, "keeps_checkpoint", False) and ckpt.done:  # not the data's or the options' fault
                ckpt.close()
                if ckpt.done and not isinstance(err, WorkerError):  # (its message says so)
                    say(f"Stopped with {ckpt.done} chunk(s) done, kept in {ckpt.folder}: once "
                        "the cause is fixed, rerun the same command with --resume to continue "
                        "from there.")
            else:  # bad data, options or models, or nothing done yet: a rerun starts afresh anyway
                ckpt.remove()
        raise
    if ckpt is not None:
        ckpt.remove()
    _write_info(out, {**info, "input": str(src), "text": text, "id": id, "question": question,
                      "output_format": detect_format(out, format=out_format), "excel_safe": excel_safe,
                      "rows": summary.rows, "mentions": summary.mentions, "workers": summary.workers})
    return summary, info


def check_output_paths(src: Path, out: Path, *, format: str | None = None) -> None:
    """Refuse an output path ``run_analyze`` cannot write, before any work is done.

    Checked before the input is read and before a checkpoint folder is
    created, so a refused run leaves nothing behind.

    Parameters
    ----------
    src : path
        The input file.
    out : path
        The comments output; the mentions table and the run information go
        beside it (:func:`mentions_path`, ``NAME.info.json``).
    format : str, optional
        The output format (``--output-format``) if the extension does not tell.

    Raises
    ------
    UnsupportedFormatError
        ``[CX105]`` the output format is not one cxtext writes.
    ConfigError
        ``[CX303]`` the output path is a directory or lies under a file;
        ``[CX307]`` the output, its mentions table or its run information
        would overwrite the input file.

    Examples
    --------
    >>> import tempfile
    >>> src = Path(tempfile.mkdtemp()) / "in.csv"
    >>> _ = src.write_text("id,comment\\n1,ok\\n")
    >>> check_output_paths(src, src.with_name("out.csv"))
    >>> check_output_paths(src, src)
    Traceback (most recent call last):
    ...
    cxtext.errors.ConfigError: [CX307] ...
    """
    from cxtext.cli_options import check_file_path, same_file
    from cxtext.errors import ConfigError
    from cxtext.io.formats import _detect
    from cxtext.report.load import info_path

    out = Path(out)
    check_file_path(out, example="results.csv")
    _detect(out, format=format, action="write")
    written = {"output": out, "mentions table": mentions_path(out), "run information": info_path(out)}
    for what, path in written.items():
        if same_file(src, path):
            where = "" if path == out else f" ({str(path)!r}, written beside the output)"
            raise ConfigError(
                f"[CX307] The {what}{where} would overwrite the input file {str(src)!r}. "
                "Choose another output path (-o), e.g. "
                f"{str(sibling_output(out))!r}."
            )


def sibling_output(out: Path) -> Path:
    """A suggested output name beside ``out``: ``comments.csv`` -> ``comments.cxtext.csv``.

    Examples
    --------
    >>> sibling_output(Path("data/comments.csv.gz")).as_posix()
    'data/comments.cxtext.csv.gz'
    """
    from cxtext.io.formats import sibling_path

    return sibling_path(out, "cxtext")


#: The keys of :meth:`cxtext.Analyzer.info` that name the software and models a run used; a
#: resumed run must match the interrupted run's. (``cxtext`` is checked when the checkpoint
#: opens too; here it is the version the workers run, e.g. on a dask cluster.)
PINNED_INFO = ("cxtext", "sentiment_model", "themes", "theme_model", "emotion_model", "taxonomy")


@contextlib.contextmanager
def _keeps_checkpoint() -> Iterator[None]:
    """Mark a :class:`CxTextError` raised inside as leaving the run's checkpoint for ``--resume``.

    For failures that are not the input's or the options' fault (opening the
    outputs, writing a chunk already committed): the chunks analysed so far
    stay valid. Errors already marked (by :func:`_analysis_errors`) keep their mark.
    """
    try:
        yield
    except CxTextError as err:
        if not hasattr(err, "keeps_checkpoint"):
            err.keeps_checkpoint = True  # type: ignore[attr-defined]
        raise


def _analysis_errors(stream: Iterator[Any]) -> Iterator[Any]:
    """``stream``, its :class:`CxTextError` marked as the data's or the options' fault.

    A rerun must start afresh after those (bad rows, duplicate ids, a missing
    column), so they remove the checkpoint.
    """
    try:
        yield from stream
    except CxTextError as err:
        err.keeps_checkpoint = False  # type: ignore[attr-defined]
        raise


def _worker_died(exc: BaseException, workers: int, ckpt: Checkpoint | None) -> WorkerError:
    """The error for a worker process that died mid-run (``BrokenProcessPool``)."""
    fewer = f"--jobs {max(1, workers - 1)}" if workers > 1 else "--jobs 1"
    if ckpt is not None:
        again = (f"The {ckpt.done} chunk(s) finished before are kept: rerun the same command with "
                 f"--resume and fewer workers ({fewer}) to continue from there")
    else:
        again = f"Rerun with fewer workers ({fewer})"
    from cxtext.analyzer import worker_died

    err = worker_died(exc, workers, again)
    err.keeps_checkpoint = True  # type: ignore[attr-defined]
    return err


def _write_info(out: Path, info: dict) -> None:
    """Record models, versions and options beside the output (read back by ``cxtext report``)."""
    import json

    from cxtext.report.load import info_path

    path = info_path(out)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(info, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _file_digest(path: Path | None) -> str | None:
    """``path`` plus the SHA-256 of its content (so an edited taxonomy blocks --resume)."""
    if path is None:
        return None
    import hashlib

    try:
        return f"{path} sha256:{hashlib.sha256(Path(path).read_bytes()).hexdigest()}"
    except OSError:
        return str(path)


def _progress(stream: Any, enabled: bool) -> Any:
    """Wrap the (comments, mentions) stream in a progress bar counting comments."""
    if not enabled:
        yield from stream
        return
    from tqdm.auto import tqdm

    with tqdm(unit="comments", desc="analyze", disable=None, leave=False) as bar:
        for comments, mentions in stream:
            bar.update(len(comments))
            yield comments, mentions


@app.command("analyze")
def analyze_cli(
    input: Annotated[Path, typer.Argument(help="Exported comments: .csv/.tsv(.gz), .xlsx, .parquet or .jsonl.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Comments table to write (format from its extension); the mentions table goes beside it as NAME.mentions.EXT.")],
    text: Annotated[str, typer.Option("--text", "-t", help="Column holding the comment text.")],
    id: Annotated[str | None, typer.Option("--id", help="Column with a unique id per row (checked). Without it, a 'row' column (0-based) is added.")] = None,
    question: Annotated[str | None, typer.Option("--question", help="Column naming the survey question each comment answers (used as context).")] = None,
    preset: Annotated[str, typer.Option(help="Model preset: 'fast' (default) or 'accurate'.")] = "fast",
    sentiment: Annotated[str | None, typer.Option(help="Sentiment model: 'fast', 'accurate' or a model folder (overrides the preset).")] = None,
    themes: Annotated[str | None, typer.Option(help="Theme tagger: 'keyword', 'embedding' or a trained theme model folder (overrides the preset).")] = None,
    emotions: Annotated[str | None, typer.Option(help="Emotion model: 'fast', 'accurate', a model folder, or 'none' (overrides the preset).")] = None,
    taxonomy: Annotated[Path | None, typer.Option(help="Theme taxonomy YAML (default: cxtext's CX taxonomy).")] = None,
    chunksize: Annotated[int, typer.Option(min=1, help="Rows per chunk (bounds memory).")] = 5000,
    in_format: Annotated[str | None, typer.Option("--format", help="Input format if the extension is unusual: csv, xlsx, parquet, jsonl.")] = None,
    out_format: Annotated[str | None, typer.Option("--output-format", help="Output format if not given by the extension.")] = None,
    sep: Annotated[str | None, typer.Option("--sep", "--delimiter", help="CSV delimiter (default: sniffed).")] = None,
    encoding: Annotated[str | None, typer.Option(help="Input encoding (default: UTF-8, falling back to cp1252/latin-1).")] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet name (default: the first).")] = None,
    redact_pii: Annotated[bool, typer.Option("--redact-pii/--keep-pii", help="Replace emails, phones, cards, URLs, postcodes with placeholders: in the cleaned text, the mentions and the comment column as written. Other columns are written as read.")] = True,
    keep_raw_text: Annotated[bool, typer.Option("--keep-raw-text", help="With --redact-pii, write the comment column exactly as read (personal data included); the cleaned text and mentions stay redacted.")] = False,
    excel_safe: Annotated[bool, typer.Option("--excel-safe/--no-excel-safe", help="Neutralise spreadsheet formulas in CSV/XLSX output.")] = True,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=-1, show_default=False, help="Worker processes analysing chunks in parallel (0 or -1: one per core). Default: one per available core (at most 8) for the fast preset on Linux when the input has more than one chunk, else 1. Output is identical whatever the number.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run of the same command from its last finished chunk.")] = False,
    checkpoint: Annotated[bool, typer.Option("--checkpoint/--no-checkpoint", help="Commit finished chunks to .OUTPUT.cxtext-run/ so an interrupted run can --resume.")] = True,
    engine: Annotated[str, typer.Option(help="'local' (this machine, --jobs processes) or 'dask' (a dask cluster, see --scheduler).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://HOST:8786) or scheduler JSON file, with --engine dask. Default: a local dask cluster of --jobs workers.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Analyse comments: one row out per row in, plus a table of theme mentions.

    Every input row is written once, in order, with its id and columns, plus
    cleaned text, flags, sentiment and themes. Theme mentions (theme, clause
    sentiment, evidence span) go to NAME.mentions.EXT beside the output.
    Interrupted? Rerun the same command with --resume.
    """
    from cxtext._nlp import import_spacy_without_torch

    start = time.perf_counter()
    import_spacy_without_torch()  # this process owns its imports: skip thinc's second of torch

    def notify(message: str) -> None:
        typer.echo(f"cxtext: {message}", err=True)

    summary, info = run_analyze(
        input, output, text=text, id=id, preset=preset, sentiment=sentiment, themes=themes,
        emotions=emotions, taxonomy=taxonomy,
        chunksize=chunksize, in_format=in_format, out_format=out_format, sep=sep,
        encoding=encoding, sheet=sheet, redact_pii=redact_pii, keep_raw_text=keep_raw_text,
        excel_safe=excel_safe,
        progress=not quiet and sys.stderr.isatty(), question=question, jobs=jobs,
        resume=resume, checkpoint=checkpoint, engine=engine, scheduler=scheduler,
        notify=notify,
    )
    if not quiet:
        typer.echo(summary.render(src=input, out=output, mentions_out=mentions_path(output),
                                  seconds=time.perf_counter() - start, info=info))


@app.command("version")
def version_cli() -> None:
    """Print the cxtext version."""
    from cxtext import __version__

    typer.echo(__version__)


def _click_exception_types() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """(exit, usage error, abort) exception classes of typer and, if installed, click."""
    exits: list[type] = [typer.Exit]
    usage: list[type] = [typer.TyperException]
    aborts: list[type] = [typer.Abort]
    try:
        import click
    except ImportError:  # pragma: no cover - typer no longer needs click
        pass
    else:
        exits.append(click.exceptions.Exit)
        usage.append(click.ClickException)
        aborts.append(click.exceptions.Abort)
    return tuple(exits), tuple(usage), tuple(aborts)


class _WarningsToStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """cxtext's logged warnings as ``cxtext: warning: ...`` lines on stderr (the library logs to a NullHandler)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter("cxtext: warning: %(message)s"))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cxtext`` console script; returns the exit code."""
    handler = _WarningsToStderr()
    logging.getLogger("cxtext").addHandler(handler)
    try:
        return _main(argv)
    finally:
        logging.getLogger("cxtext").removeHandler(handler)


def _main(argv: list[str] | None) -> int:
    try:
        code = app(args=argv, standalone_mode=False)
        if isinstance(code, int):  # typer returns (not raises) the code of Exit, e.g. 130 on Ctrl-C
            return code
    except CxTextError as err:
        typer.echo(f"cxtext: error: {err}", err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("cxtext: interrupted; no partial output was written.", err=True)
        return 130
    except Exception as err:  # usage errors and the like
        # Recent typer releases raise their own vendored click's exceptions (typer.TyperException,
        # typer.Exit, typer.Abort); older ones raise click's. Both are usage, not internal, errors.
        exit_types, usage_types, abort_types = _click_exception_types()
        if isinstance(err, exit_types):
            return int(err.exit_code)
        if isinstance(err, usage_types) and hasattr(err, "show"):
            err.show()
            return int(getattr(err, "exit_code", 2))
        if isinstance(err, abort_types):
            typer.echo("cxtext: aborted.", err=True)
            return 1
        if isinstance(err, OSError):
            typer.echo(f"cxtext: error: {err}", err=True)
            return 2
        if os.environ.get("CXTEXT_DEBUG"):
            raise
        typer.echo(
            f"cxtext: internal error: {type(err).__name__}: {err}\n"
            "This is a bug in cxtext; please report it. Set CXTEXT_DEBUG=1 to see the traceback.",
            err=True,
        )
        return 3
    return 0


import cxtext.cli_report
import cxtext.cli_themes
import cxtext.cli_train_eval  # noqa: F401  (registers `train` and `evaluate` on app)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
