"""--resume: a run killed (SIGKILL) or interrupted (Ctrl-C) continues to byte-identical output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from cxtext.cli import main, mentions_path, run_analyze
from cxtext.engine.checkpoint import Checkpoint, checkpoint_dir
from cxtext.errors import ConfigError


def _cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cxtext", "analyze", str(src), "-o", str(out), "--text",
            "comment", "--id", "rid", "--question", "question", "--chunksize", "100", "-q", *extra]


def _interrupt(cmd: list[str], folder: Path, sig: int, min_parts: int = 2) -> subprocess.CompletedProcess:
    """Start ``cmd``; send ``sig`` once ``min_parts`` chunks are committed."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    try:
        while len(list(folder.glob("part-*.pkl"))) < min_parts:
            assert proc.poll() is None, f"run ended before it could be interrupted: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "no chunk committed within 120 s"
            time.sleep(0.01)
        os.kill(proc.pid, sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


@pytest.fixture(scope="module")
def big(tmp_path_factory, make_survey) -> tuple[Path, Path]:
    """A 3,000-row survey and its uninterrupted analysis (CSV)."""
    folder = tmp_path_factory.mktemp("resume")
    src = folder / "survey.csv"
    make_survey(3000, seed=1).to_csv(src, index=False)
    ref = folder / "reference.csv"
    run_analyze(src, ref, text="comment", id="rid", question="question", chunksize=100,
                checkpoint=False)
    return src, ref


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes() and \
        mentions_path(a).read_bytes() == mentions_path(b).read_bytes()


def _workers_after_two_chunks(proc, out, psutil):
    """Wait until ``proc`` (a ``--jobs 2`` run writing ``out``) has committed two chunks; its worker processes."""
    deadline = time.monotonic() + 120
    while len(list(checkpoint_dir(out).glob("part-*.pkl"))) < 2:
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "no chunk committed within 120 s"
        time.sleep(0.01)
    return psutil.Process(proc.pid).children(recursive=True)


def test_sigkill_with_jobs_2_then_resume_is_identical(tmp_path, big, capsys):
    psutil = pytest.importorskip("psutil")

    src, ref = big
    out = tmp_path / "out.csv"
    cmd = _cmd(src, out, "--jobs", "2")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        workers = _workers_after_two_chunks(proc, out, psutil)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert len(workers) == 2
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive  # the workers follow their killed parent
    assert not out.exists() and not mentions_path(out).exists()
    parts = len(list(checkpoint_dir(out).glob("part-*.pkl")))
    assert 2 <= parts < 30
    assert list(tmp_path.glob(".out*.tmp-*"))  # the killed writers' temporary files

    assert main([*cmd[3:-2], "--resume"]) == 0  # same command (another --jobs is fine)
    assert f"{parts} chunk(s) already done" in capsys.readouterr().err
    assert _same(out, ref)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.info.json", "out.mentions.csv"]


def test_ctrl_c_keeps_checkpoint_then_resume_is_identical(tmp_path, big):
    src, ref = big
    out = tmp_path / "out.csv"
    stopped = _interrupt(_cmd(src, out), checkpoint_dir(out), signal.SIGINT)
    assert stopped.returncode == 130, stopped.stderr
    assert "rerun the same command with --resume" in stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert checkpoint_dir(out).is_dir() and not out.exists()

    assert main(_cmd(src, out, "--resume")[3:]) == 0
    assert _same(out, ref)
    assert not checkpoint_dir(out).exists()


def _partial_run(src: Path, out: Path, chunks: int, **options) -> Checkpoint:
    """Leave a checkpoint as a run killed after ``chunks`` chunks would."""
    from cxtext.engine.runner import analyze_stream
    from cxtext.io import iter_table

    recorded = {"preset": "fast", "sentiment": None, "taxonomy": None, "redact_pii": True, "keep_raw_text": False,
                "chunksize": 100, "text": "comment", "id": "rid", "question": "question",
                "format": None, "sep": None, "encoding": None, "sheet": None,
                "output_format": None, "excel_safe": True, **options}
    ck = Checkpoint.start(out, src=src, options=recorded, resume=False)
    ck.close()  # as if the process had died: the lock goes with it
    stream = analyze_stream(iter_table(src, chunksize=100), options={"chunksize": 100},
                            text="comment", id="rid", question="question", checkpoint=ck)
    for _ in range(chunks):
        next(stream)
    return ck


def test_resume_in_process_after_partial_run(tmp_path, big):
    src, ref = big
    out = tmp_path / "out.csv"
    _partial_run(src, out, 3)
    notes: list[str] = []
    summary, _ = run_analyze(src, out, text="comment", id="rid", question="question",
                             chunksize=100, resume=True, notify=notes.append)
    assert summary.rows == 3000 and "3 chunk(s) already done" in notes[0]
    assert _same(out, ref)


def test_resume_refuses_other_options_or_changed_input(tmp_path, big, capsys):
    src, _ = big
    local = tmp_path / "survey.csv"
    local.write_bytes(src.read_bytes())
    out = tmp_path / "out.csv"
    _partial_run(local, out, 1)
    args = _cmd(local, out, "--resume")[3:]

    assert main([*args[:-1], "--keep-pii", "--resume"]) == 2
    err = capsys.readouterr().err
    assert "[CX331]" in err and "redact_pii: True then, False now" in err

    frame = pd.read_csv(local, dtype=str)
    frame.loc[0, "comment"] = "edited after the run"
    frame.to_csv(local, index=False)
    assert main(args) == 2
    assert "[CX330]" in capsys.readouterr().err
    assert checkpoint_dir(out).is_dir()  # refused, not destroyed

    # without --resume the stale checkpoint is replaced, and says so
    assert main(args[:-1]) == 0
    assert "Replacing the checkpoint of an earlier unfinished run" in capsys.readouterr().err
    assert not checkpoint_dir(out).exists()


def test_checkpoint_counts_consecutive_parts_only(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\nhi\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    ck = Checkpoint.start(out, src=src, options={"a": 1}, resume=False)
    for n in range(3):
        ck.commit(pd.DataFrame({"text": [f"t{n}"]}), pd.DataFrame(), ids=[n])
    ck.close()
    (ck.folder / "part-000001.pkl").unlink()  # a hole: only part 0 counts
    (ck.folder / "part-000009.pkl.tmp").write_bytes(b"half a part")
    again = Checkpoint.start(out, src=src, options={"a": 1}, resume=True)
    assert again.resumed == 1 and [p.ids for p in again.replay()] == [[0]]
    assert sorted(p.name for p in again.folder.iterdir()) == ["manifest.json", "part-000000.pkl"]
    assert json.loads((again.folder / "manifest.json").read_text())["chunks_done"] == 1


def test_unreadable_manifest_is_a_clear_error(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\nhi\n", encoding="utf-8")
    folder = checkpoint_dir(tmp_path / "out.csv")
    folder.mkdir()
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[CX332\].*without --resume"):
        Checkpoint.start(tmp_path / "out.csv", src=src, options={}, resume=True)
    notes: list[str] = []
    Checkpoint.start(tmp_path / "out.csv", src=src, options={}, resume=False, notify=notes.append)
    assert "Replacing" in notes[0]


def test_second_run_on_same_output_is_refused_while_first_holds_it(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\nhi\n", encoding="utf-8")
    first = Checkpoint.start(tmp_path / "out.csv", src=src, options={}, resume=False)
    with pytest.raises(ConfigError, match=r"\[CX334\]"):
        Checkpoint.start(tmp_path / "out.csv", src=src, options={}, resume=True)
    first.close()
    again = Checkpoint.start(tmp_path / "out.csv", src=src, options={}, resume=True)
    assert again.folder.is_dir()
    again.remove()


def test_first_ctrl_c_stops_at_the_next_chunk_second_at_once():
    from cxtext.engine.interrupt import stop_between_chunks

    notes: list[str] = []
    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when started in the background by a shell
    with stop_between_chunks(notes.append) as stop:
        stop.check()  # nothing requested yet
        signal.raise_signal(signal.SIGINT)
        assert stop.requested and "Ctrl-C again" in notes[0]
        with pytest.raises(KeyboardInterrupt):
            stop.check()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before  # the caller's handler is back


class _Planted:
    """Unpickling this creates a marker file: proof that a planted part was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_planted_part_is_refused_without_being_unpickled(tmp_path, big):
    import pickle

    src, _ = big
    out = tmp_path / "out.csv"
    _partial_run(src, out, 3)
    marker = tmp_path / "unpickled"
    part = checkpoint_dir(out) / "part-000001.pkl"
    part.write_bytes(b"\0" * 32 + pickle.dumps(_Planted(marker)))
    with pytest.raises(ConfigError, match="CX332.*HMAC"):
        run_analyze(src, out, text="comment", id="rid", question="question", chunksize=100,
                    resume=True)
    assert not marker.exists()


def _edit_manifest(out: Path, **changes) -> dict:
    """Change (a value of None: delete) entries of the manifest of ``out``'s checkpoint."""
    path = checkpoint_dir(out) / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def test_resume_refuses_another_cxtext_version(tmp_path, big, capsys):
    import cxtext

    src, _ = big
    out = tmp_path / "out.csv"
    _partial_run(src, out, 2)
    assert json.loads((checkpoint_dir(out) / "manifest.json").read_text())["cxtext"] == cxtext.__version__
    _edit_manifest(out, cxtext="0.0.1")
    assert main(_cmd(src, out, "--resume")[3:]) == 2
    err = capsys.readouterr().err
    assert "[CX335]" in err and f"used cxtext 0.0.1, this is cxtext {cxtext.__version__}" in err
    assert "without --resume" in err and "pip install 'cxtext==0.0.1'" in err
    _edit_manifest(out, cxtext=None)  # a checkpoint of a cxtext that did not record its version
    assert main(_cmd(src, out, "--resume")[3:]) == 2
    assert "[CX335]" in capsys.readouterr().err
    assert len(list(checkpoint_dir(out).glob("part-*.pkl"))) == 2  # refused, not destroyed


def test_resume_refuses_other_models_then_resumes_with_the_same(tmp_path, big, capsys):
    import cxtext
    from cxtext.cli import PINNED_INFO

    src, ref = big
    out = tmp_path / "out.csv"
    _partial_run(src, out, 2)
    info = cxtext.Analyzer(preset="fast").info()
    models = {key: info.get(key) for key in PINNED_INFO}
    _edit_manifest(out, models={**models, "sentiment_model": "sentiment-fast 0.0.1"})
    assert main(_cmd(src, out, "--resume")[3:]) == 2
    err = capsys.readouterr().err
    assert "[CX335]" in err and "Traceback" not in err
    assert f"sentiment_model: 'sentiment-fast 0.0.1' then, {models['sentiment_model']!r} now" in err
    assert "without --resume" in err and "reinstall" in err
    assert len(list(checkpoint_dir(out).glob("part-*.pkl"))) == 2  # kept for the right version
    _edit_manifest(out, models=models)
    assert main(_cmd(src, out, "--resume")[3:]) == 0
    assert _same(out, ref)


def test_a_failed_write_keeps_the_checkpoint_for_resume(tmp_path, big, monkeypatch, capsys):
    """The chunk is committed before it is written: a writer error must not throw the run away."""
    import cxtext
    from cxtext.errors import InputError
    from cxtext.io import writers

    src, ref = big
    out = tmp_path / "out.csv"
    write, calls = writers._CsvSink.write, []

    def failing(self, df):
        calls.append(len(df))
        if len(calls) == 7:  # comments and mentions alternate: the 4th chunk's comments
            raise InputError("[CX106] a writer failure")
        return write(self, df)

    monkeypatch.setattr(writers._CsvSink, "write", failing)
    assert main(_cmd(src, out)[3:]) == 2
    err = capsys.readouterr().err
    assert "[CX106] a writer failure" in err and "Stopped with 4 chunk(s) done" in err and "--resume" in err
    manifest = json.loads((checkpoint_dir(out) / "manifest.json").read_text())
    assert manifest["cxtext"] == cxtext.__version__
    assert manifest["models"]["sentiment_model"].startswith("sentiment-fast")  # pinned by the run
    assert not out.exists()
    monkeypatch.undo()

    def unwritable(self):
        raise ConfigError("[CX303] Cannot write 'out.csv': a folder gone read-only")

    monkeypatch.setattr(writers.TableWriter, "__enter__", unwritable)  # opening the outputs fails
    assert main(_cmd(src, out, "--resume")[3:]) == 2
    assert "[CX303]" in capsys.readouterr().err
    assert len(list(checkpoint_dir(out).glob("part-*.pkl"))) == 4
    monkeypatch.undo()
    assert main(_cmd(src, out, "--resume")[3:]) == 0
    assert _same(out, ref)


def test_a_killed_worker_is_a_clear_error_and_the_run_resumes(tmp_path, big):
    """kill -9 of one worker (as the OOM killer does): exit 2, one line, no traceback, resumable."""
    psutil = pytest.importorskip("psutil")

    src, ref = big
    out = tmp_path / "out.csv"
    cmd = _cmd(src, out, "--jobs", "2")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        workers = _workers_after_two_chunks(proc, out, psutil)
        os.kill(workers[0].pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, err
    assert "[CX336] A worker process analysing chunks died" in err and "memory" in err
    assert "rerun the same command with --resume" in err and "--jobs 1" in err
    assert "Traceback" not in err and "internal error" not in err
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive
    assert checkpoint_dir(out).is_dir() and not out.exists()
    assert main([*cmd[3:-2], "--resume"]) == 0
    assert _same(out, ref)
