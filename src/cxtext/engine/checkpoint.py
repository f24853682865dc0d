"""Crash-safe checkpoints of a file analysis, so an interrupted run can ``--resume``.

Layout, beside the output ``OUT``::

    .OUT.cxtext-run/
        manifest.json        input fingerprint, options, cxtext and model versions,
                             chunks done, pid of the run
        part-000000.pkl      chunk 0: (comments, mentions, ids) exactly as written
        part-000001.pkl      ...

A part is written to a temporary name, flushed to disk (``fsync``) and renamed,
so a part file either holds a whole chunk or does not exist, whatever kills the
process (Ctrl-C, ``kill -9``, power loss). Parts are committed in chunk order;
the number of consecutive parts on disk is the truth about progress (the count
in the manifest is informative and may lag by one).

Resuming replays the committed parts into fresh outputs (re-feeding the
duplicate detector and the id check with their cleaned text and ids, which is
deterministic and avoids saving the detector's per-process hashed state), skips
that many chunks of the input and carries on. The final files are therefore
byte-identical to an uninterrupted run. The checkpoint is removed once both
outputs are in place.

A resume is refused (``[CX335]``) when the cxtext version, or a model the run
loaded (name and version, :meth:`Checkpoint.pin_models`), differs from the
interrupted run's: the chunks before and after would come from different
software and be mixed silently in one output.

Parts are pickles (exact round trip of every column type), each prefixed with
an HMAC-SHA256 tag made with a per-user secret key (``checkpoint.key`` in
``$CXTEXT_STATE_DIR``, default ``~/.cache/cxtext``, created with mode 0600).
A part is unpickled only after its tag checks out, so a file planted in the
checkpoint folder by anyone without that key is refused, never loaded. Hand-written
because no small, well-kept library does "append-only resumable chunk log"
with this layout; it is standard library only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import pickle
import shutil
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from cxtext.errors import ConfigError

__all__ = ["Checkpoint", "Part", "checkpoint_dir", "input_fingerprint"]

logger = logging.getLogger(__name__)

_FORMAT = 2  # 2: parts carry an HMAC tag
_MANIFEST = "manifest.json"
_FINGERPRINT_BYTES = 1 << 20


@dataclass
class Part:
    """One committed chunk: what was written, and the ids the duplicate flags point at."""

    comments: pd.DataFrame
    mentions: pd.DataFrame
    ids: list[Hashable]


_TAG_BYTES = 32


def _checkpoint_key() -> bytes:
    """This user's secret key for checkpoint tags (created on first use, mode 0600)."""
    base = os.environ.get("CXTEXT_STATE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "cxtext")
    path = Path(base) / "checkpoint.key"
    try:
        key = path.read_bytes()
        if len(key) >= _TAG_BYTES:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = os.urandom(_TAG_BYTES)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(fresh)
    try:
        os.link(tmp, path)  # first writer wins; a concurrent run reads the winner's key
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_bytes()


def _tag(data: bytes) -> bytes:
    return hmac.new(_checkpoint_key(), data, hashlib.sha256).digest()


def checkpoint_dir(out: Path) -> Path:
    """The checkpoint folder of output ``out``: ``.NAME.cxtext-run`` beside it.

    Examples
    --------
    >>> checkpoint_dir(Path("results/scored.csv")).as_posix()
    'results/.scored.csv.cxtext-run'
    """
    out = Path(out)
    return out.with_name(f".{out.name}.cxtext-run")


def input_fingerprint(path: Path) -> dict[str, Any]:
    """Size, modification time and SHA-256 of the first MiB of ``path``.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_text("id,text\\n1,hi\\n")
    >>> sorted(input_fingerprint(p))
    ['mtime_ns', 'name', 'sha256_first_mib', 'size']
    """
    path = Path(path)
    st = path.stat()
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        digest.update(fh.read(_FINGERPRINT_BYTES))
    return {"name": path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
            "sha256_first_mib": digest.hexdigest()}


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class Checkpoint:
    """The checkpoint of one run writing ``out``; create it with :meth:`start`.

    Parameters
    ----------
    out : path
        The comments output of the run.
    outputs : sequence of path, optional
        Other files the run writes (e.g. the mentions table); a killed run's
        temporary copies of them are cleaned up on the next start.

    Attributes
    ----------
    folder : Path
        ``.NAME.cxtext-run`` beside ``out``.
    done : int
        Chunks committed (including those found when resuming).
    resumed : int
        Chunks found committed when the run started (0 for a fresh run).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> tmp = Path(tempfile.mkdtemp())
    >>> src = tmp / "in.csv"; _ = src.write_text("text\\nhi\\n")
    >>> ck = Checkpoint.start(tmp / "out.csv", src=src, options={"text": "text"}, resume=False)
    >>> ck.commit(pd.DataFrame({"text": ["hi"]}), pd.DataFrame(), ids=[0])
    >>> ck.close()  # stopped (or killed) here
    >>> again = Checkpoint.start(tmp / "out.csv", src=src, options={"text": "text"}, resume=True)
    >>> again.resumed, [p.ids for p in again.replay()]
    (1, [[0]])
    >>> again.remove(); again.folder.exists()
    False
    """

    def __init__(self, out: Path, *, outputs: Sequence[Path] = ()) -> None:
        self.out = Path(out)
        self.outputs = [self.out, *map(Path, outputs)]
        self.folder = checkpoint_dir(self.out)
        self.done = 0
        self.resumed = 0
        self._manifest: dict[str, Any] = {}

    # -- starting ----------------------------------------------------------------
    @classmethod
    def start(cls, out: Path, *, src: Path, options: Mapping[str, Any], resume: bool,
              outputs: Sequence[Path] = (),
              notify: Callable[[str], None] | None = None) -> Checkpoint:
        """Open the checkpoint of a run: continue it (``resume``) or start afresh.

        Raises
        ------
        ConfigError
            ``[CX330]`` resuming with a changed input file, ``[CX331]`` with
            different options, ``[CX332]`` the checkpoint is unreadable,
            ``[CX334]`` another run is still writing this output, ``[CX335]``
            the interrupted run used another cxtext version.
        """
        from cxtext import __version__

        say = notify or logger.info
        ck = cls(out, outputs=outputs)
        manifest = {"format": _FORMAT, "cxtext": __version__, "input": input_fingerprint(src),
                    "options": json.loads(json.dumps(dict(options), default=str)),
                    "pid": os.getpid(), "chunks_done": 0, "rows_done": 0}
        try:
            ck._open(src, manifest, resume, say)
        except BaseException:
            ck._unlock()
            raise
        return ck

    def _open(self, src: Path, manifest: dict[str, Any], resume: bool,
              say: Callable[[str], None]) -> None:
        old = None
        if self.folder.exists():
            self._lock()  # refuse to touch the checkpoint of a run still going
            try:
                old = self._read_manifest()
            except ConfigError:
                if resume:
                    raise
        if resume and old is not None:
            self._check_version(old, manifest)
            self._check_same(old, manifest, src)
            self._remove_stale_temp(old.get("pid"))
            self.resumed = self.done = self._committed()
            manifest["chunks_done"] = self.done
            same = old.get("chunks_done") == self.done
            manifest["rows_done"] = old.get("rows_done", 0) if same else None
            if "models" in old:  # checked by pin_models once this run's models are loaded
                manifest["models"] = old["models"]
            say(f"Resuming from {self.folder}: {self.done} chunk(s) already done; the rest of "
                f"{src.name!r} follows.")
        else:
            if resume:
                say(f"Nothing to resume for {self.out} (no checkpoint at {self.folder}); "
                    "starting from the beginning.")
            elif self.folder.exists():
                say(f"Replacing the checkpoint of an earlier unfinished run at {self.folder} "
                    "(pass --resume to continue that run instead).")
            if old is not None:
                self._remove_stale_temp(old.get("pid"))
            if self.folder.exists():
                shutil.rmtree(self.folder)
            self.folder.mkdir(parents=True)
        self._lock()
        self._manifest = manifest
        _write_atomic(self.folder / _MANIFEST, json.dumps(manifest, indent=1).encode())

    def _lock(self) -> None:
        """Hold an advisory lock on the folder for this run (POSIX; released at exit)."""
        try:
            import fcntl
        except ImportError:  # Windows: no lock
            return
        self._unlock()
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise ConfigError(
                f"[CX334] Another cxtext run is writing {str(self.out)!r} (its checkpoint "
                f"{str(self.folder)!r} is in use). Wait for it to finish, stop it, or choose "
                "another output path."
            ) from exc
        self._lock_fd = fd

    def _unlock(self) -> None:
        fd = getattr(self, "_lock_fd", None)
        if fd is not None:
            os.close(fd)
            self._lock_fd = None

    def _read_manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.folder / _MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"[CX332] The checkpoint {str(self.folder)!r} is unreadable ({exc}). "
                "Rerun without --resume to start again (it is replaced)."
            ) from exc
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ConfigError(
                f"[CX332] The checkpoint {str(self.folder)!r} was written by another version "
                "of cxtext. Rerun without --resume to start again (it is replaced)."
            )
        return data

    def _check_version(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        then, now = old.get("cxtext"), new["cxtext"]
        if then == now:
            return
        if then is None:
            raise ConfigError(
                f"[CX335] Cannot resume: the checkpoint {str(self.folder)!r} was written by a "
                f"cxtext that did not record its version (one before this, {now}), so its chunks "
                "could differ from this version's results. Rerun without --resume to start again."
            )
        raise ConfigError(
            f"[CX335] Cannot resume: the interrupted run used cxtext {then}, this is cxtext {now}; "
            "their results may differ and would be mixed in one output. Rerun without --resume "
            f"to start again with {now}, or reinstall cxtext {then} (pip install 'cxtext=={then}') "
            "and resume with it."
        )

    def _check_same(self, old: dict[str, Any], new: dict[str, Any], src: Path) -> None:
        if old["input"] != new["input"]:
            what = [k for k in new["input"] if old["input"].get(k) != new["input"][k]]
            raise ConfigError(
                f"[CX330] Cannot resume: the input {str(src)!r} is not the file the interrupted "
                f"run read (its {', '.join(what)} changed). Rerun without --resume to analyse "
                "it from the beginning."
            )
        if old["options"] != new["options"]:
            keys = sorted(set(old["options"]) | set(new["options"]))
            diff = [f"{k}: {old['options'].get(k)!r} then, {new['options'].get(k)!r} now"
                    for k in keys if old["options"].get(k) != new["options"].get(k)]
            raise ConfigError(
                "[CX331] Cannot resume: the options differ from the interrupted run's ("
                + "; ".join(diff) + "). Repeat the original command with --resume, or rerun "
                "without --resume to start again."
            )

    def _committed(self) -> int:
        """Consecutive parts from 0; later strays and temporary files are deleted."""
        n = 0
        while self._part_path(n).exists():
            n += 1
        for stray in self.folder.glob("part-*"):
            name = stray.name
            if name.endswith(".tmp") or int(name[5:11]) >= n:
                stray.unlink()
        return n

    def _remove_stale_temp(self, pid: object) -> None:
        """Delete the temporary outputs a killed run (``pid``) left (``TableWriter`` names)."""
        if not isinstance(pid, int) or pid == os.getpid():
            return
        for target in self.outputs:
            stale = target.with_name(f".{target.name}.tmp-{pid}")
            if stale.exists():
                logger.info("Removing %s left by the interrupted run", stale)
                stale.unlink()

    def pin_models(self, models: Mapping[str, Any]) -> None:
        """Record the models the run loaded; a resumed run must have loaded the same.

        Parameters
        ----------
        models : mapping
            What names the models, e.g. ``{"sentiment_model": "sentiment-fast 0.9.0"}``
            (the name and version parts of :meth:`cxtext.Analyzer.info`).

        Raises
        ------
        ConfigError
            ``[CX335]`` the interrupted run recorded other models (names the
            differences); its checkpoint is left as it is.
        """
        pinned = json.loads(json.dumps(dict(models), default=str))
        then = self._manifest.get("models")
        if self.resumed and then is not None and then != pinned:
            keys = sorted(set(then) | set(pinned))
            diff = [f"{k}: {then.get(k)!r} then, {pinned.get(k)!r} now"
                    for k in keys if then.get(k) != pinned.get(k)]
            raise ConfigError(
                "[CX335] Cannot resume: the models differ from the interrupted run's ("
                + "; ".join(diff) + "), so its results and this run's would be mixed in one "
                "output. Rerun without --resume to start again with these models, or reinstall "
                "the models (or the cxtext release) named 'then' and resume with them."
            )
        if then != pinned:
            self._manifest["models"] = pinned
            _write_atomic(self.folder / _MANIFEST, json.dumps(self._manifest, indent=1).encode())

    # -- during the run ------------------------------------------------------------
    def _part_path(self, n: int) -> Path:
        return self.folder / f"part-{n:06d}.pkl"

    def replay(self) -> Iterator[Part]:
        """The parts committed before this run started, in order."""
        for n in range(self.resumed):
            try:
                raw = self._part_path(n).read_bytes()
                tag, body = raw[:_TAG_BYTES], raw[_TAG_BYTES:]
                if not hmac.compare_digest(tag, _tag(body)):
                    raise ConfigError(
                        f"[CX332] Checkpoint part {n} in {str(self.folder)!r} was not written by "
                        "this user's cxtext (its HMAC tag does not match), so it is not loaded. "
                        "Rerun without --resume to start again."
                    )
                data = pickle.loads(body)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
                raise ConfigError(
                    f"[CX332] Checkpoint part {n} in {str(self.folder)!r} is unreadable ({exc}). "
                    "Rerun without --resume to start again."
                ) from exc
            yield Part(**data)

    def commit(self, comments: pd.DataFrame, mentions: pd.DataFrame, ids: list[Hashable]) -> None:
        """Durably record the next chunk's final ``comments`` and ``mentions``."""
        data = pickle.dumps({"comments": comments, "mentions": mentions, "ids": list(ids)},
                            protocol=pickle.HIGHEST_PROTOCOL)
        _write_atomic(self._part_path(self.done), _tag(data) + data)
        self.done += 1
        m = self._manifest
        m["chunks_done"] = self.done
        if m.get("rows_done") is not None:
            m["rows_done"] += len(comments)
        _write_atomic(self.folder / _MANIFEST, json.dumps(m, indent=1).encode())

    def remove(self) -> None:
        """Delete the checkpoint (after the outputs are complete, or on a data error)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._unlock()

    def close(self) -> None:
        """Release the lock but keep the checkpoint (the run stopped; it can be resumed)."""
        self._unlock()
