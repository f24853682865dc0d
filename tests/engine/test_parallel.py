"""--jobs N: chunks analysed in worker processes, output byte-identical to a serial run."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from cxtext.analyzer import Analyzer
from cxtext.cli import mentions_path, run_analyze
from cxtext.engine.parallel import check_jobs, ordered_map
from cxtext.errors import ConfigError, DuplicateIdError
from cxtext.io import TableWriter, iter_table


def _legacy(src: Path, out: Path, **kw) -> None:
    """The serial path: Analyzer.analyze_chunks straight into two writers."""
    analyzer = Analyzer(chunksize=kw["chunksize"])
    with TableWriter(out) as cw, TableWriter(mentions_path(out)) as mw:
        chunks = iter_table(src, chunksize=kw["chunksize"])
        for cm, mn in analyzer.analyze_chunks(chunks, text="comment", id=kw.get("id"),
                                              question=kw.get("question")):
            if kw.get("id") is None:
                cm.insert(0, "row", cm.index.to_numpy())
            cw.write(cm)
            mw.write(mn)


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes() and \
        mentions_path(a).read_bytes() == mentions_path(b).read_bytes()


def test_ordered_map_keeps_order_and_bounds_window():
    in_flight, peak = [0], [0]

    def slow_square(x: int) -> int:
        in_flight[0] += 1
        peak[0] = max(peak[0], in_flight[0])
        import time

        time.sleep(0.01 * (5 - x % 5))  # later items finish first
        in_flight[0] -= 1
        return x * x

    with ThreadPoolExecutor(4) as ex:
        assert list(ordered_map(ex, slow_square, ((i,) for i in range(12)), window=3)) == \
            [i * i for i in range(12)]
    assert peak[0] <= 3


def test_ordered_map_cancels_pending_on_error():
    def items():
        yield (1,)
        yield (2,)
        raise DuplicateIdError("rid", ["x"])

    with ThreadPoolExecutor(1) as ex, pytest.raises(DuplicateIdError):
        list(ordered_map(ex, abs, items(), window=10))


@pytest.mark.parametrize("jobs", [True, -2, 1.5, "2"])
def test_bad_jobs(jobs):
    with pytest.raises(ConfigError, match="CX301"):
        check_jobs(jobs)


def test_jobs_two_is_byte_identical_to_serial(tmp_path, survey_csv):
    ref = tmp_path / "legacy.csv"
    _legacy(survey_csv, ref, chunksize=50, id="rid", question="question")
    out1, out2 = tmp_path / "j1.csv", tmp_path / "j2.csv"
    for out, jobs in ((out1, 1), (out2, 2)):
        summary, info = run_analyze(survey_csv, out, text="comment", id="rid", question="question",
                                    chunksize=50, jobs=jobs)
        assert summary.rows == 600 and info["preset"] == "fast"
    assert _same(out1, ref) and _same(out2, ref)
    comments = pd.read_csv(out2, dtype=str, keep_default_na=False)
    # duplicates found across chunks point back at earlier chunks' ids
    dups = comments[comments["is_duplicate"] == "True"]
    assert len(dups) > 100
    first_row = dict(zip(comments["rid"], comments.index))
    assert all(first_row[of] < i for i, of in zip(dups.index, dups["duplicate_of"]))
    assert not list(tmp_path.glob(".*cxtext-run"))  # checkpoints removed after success


def test_default_jobs_use_workers_only_for_inputs_of_several_chunks(tmp_path, survey_csv,
                                                                   monkeypatch):
    """Without ``jobs``: one chunk runs here; more go to ``auto_jobs`` workers, same bytes."""
    from cxtext.engine import runner

    pools: list[int] = []

    def thread_pool(jobs, options):  # stands in for the worker processes; records their number
        pools.append(jobs)
        return ThreadPoolExecutor(1)

    monkeypatch.setattr(runner, "process_pool", thread_pool)
    monkeypatch.setattr(runner, "auto_jobs", lambda *, runs_torch: 1 if runs_torch else 3)
    # earlier tests may have run a torch model in this process; the fast preset does not
    monkeypatch.setattr("cxtext.embeddings.torch_model_loaded", lambda: False)
    one_chunk, many = tmp_path / "one.csv", tmp_path / "many.csv"
    summary, _ = run_analyze(survey_csv, one_chunk, text="comment", id="rid", chunksize=600)
    assert pools == [] and summary.workers == 1
    summary, _ = run_analyze(survey_csv, many, text="comment", id="rid", chunksize=100)
    assert pools == [3] and summary.workers == 3
    assert json.loads(many.with_suffix(".info.json").read_text())["workers"] == 3
    shown = summary.render(src=survey_csv, out=many, mentions_out=many, seconds=1.0, info={})
    assert "comments/s, 3 workers)" in shown
    serial = tmp_path / "serial.csv"
    run_analyze(survey_csv, serial, text="comment", id="rid", chunksize=100, jobs=1)
    assert pools == [3] and _same(many, serial)


def test_default_jobs_stay_in_one_process_when_a_model_runs_on_torch(tmp_path, make_survey,
                                                                    monkeypatch):
    from cxtext.engine import runner

    pools: list[int] = []
    monkeypatch.setattr(runner, "process_pool", lambda jobs, options: pools.append(jobs))
    src = tmp_path / "small.csv"
    make_survey(30).to_csv(src, index=False)
    summary, _ = run_analyze(src, tmp_path / "out.csv", text="comment", id="rid",
                                preset="accurate", chunksize=10)
    assert summary.rows == 30 and pools == []  # three chunks, yet no worker pool


@pytest.mark.parametrize(("files", "expected"), [
    ({"cpu.max": "200000 100000\n"}, 2.0),
    ({"cpu.max": "150000 100000\n"}, 1.5),
    ({"cpu.max": "max 100000\n"}, None),
    ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3.0),
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({}, None),
])
def test_cgroup_cpu_quota(tmp_path, files, expected):
    from cxtext.engine.parallel import _cgroup_cpu_quota

    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert _cgroup_cpu_quota(tmp_path) == expected


def test_available_cores_respects_a_cpu_quota(monkeypatch):
    from cxtext.engine import parallel

    monkeypatch.setattr(parallel, "_cgroup_cpu_quota", lambda: 1.5)
    assert parallel.available_cores() == 1 == parallel.check_jobs(0)
    monkeypatch.setattr(parallel, "_cgroup_cpu_quota", lambda: 0.5)
    assert parallel.available_cores() == 1
    monkeypatch.setattr(parallel, "_cgroup_cpu_quota", lambda: None)
    assert parallel.available_cores() >= 1
    assert parallel.auto_jobs(runs_torch=True) == 1
    assert 1 <= parallel.auto_jobs(runs_torch=False) <= parallel.AUTO_JOBS_MAX
    monkeypatch.setattr("sys.platform", "darwin")  # workers would be spawned: one process
    assert parallel.auto_jobs(runs_torch=False) == 1


def test_without_id_and_duplicate_ids_across_chunks(tmp_path, survey_csv):
    # the row column, index-label duplicate_of and the id check run in the parent,
    # whatever --jobs is, so one process covers them
    ref, out = tmp_path / "ref.csv", tmp_path / "out.csv"
    _legacy(survey_csv, ref, chunksize=64)
    run_analyze(survey_csv, out, text="comment", chunksize=64, jobs=1)
    assert _same(out, ref)

    frame = pd.read_csv(survey_csv, dtype=str)
    frame.loc[500, "rid"] = frame.loc[3, "rid"]  # same id, 7 chunks apart
    bad = tmp_path / "bad.csv"
    frame.to_csv(bad, index=False)
    with pytest.raises(DuplicateIdError, match=frame.loc[3, "rid"]):
        run_analyze(bad, tmp_path / "bad_out.csv", text="comment", id="rid", chunksize=64)
    assert not (tmp_path / "bad_out.csv").exists()
    assert not list(tmp_path.glob(".*cxtext-run"))  # a data error leaves no checkpoint


def test_worker_cache_shares_models_between_equivalent_options(tmp_path):
    from cxtext.engine._worker import get_analyzer

    a = get_analyzer({"preset": "fast", "chunksize": 10})
    assert get_analyzer({"preset": "fast", "sentiment": None, "redact_pii": True}) is a
    assert get_analyzer({"preset": "fast", "redact_pii": False}) is not a
    import importlib.resources

    tax = tmp_path / "tax.yaml"
    tax.write_bytes(importlib.resources.files("cxtext.themes").joinpath(
        "default_taxonomy.yaml").read_bytes())
    with_file = get_analyzer({"taxonomy": tax})
    assert get_analyzer({"taxonomy": tax}) is with_file
    tax.write_bytes(tax.read_bytes() + b"\n# edited\n")
    assert get_analyzer({"taxonomy": tax}) is not with_file  # an edited file is reloaded


def test_jobs_2_with_a_torch_model_loaded_does_not_hang(tmp_path):
    """Forking after MiniLM ran in the parent hung every worker; such pools now spawn."""
    import os
    import subprocess
    import sys

    import pandas as pd

    texts = ["The staff were lovely", "Waited two hours for a reply", "Great value, fast delivery",
             "Nobody called me back", "The app keeps crashing"] * 6
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(src, index=False)
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}" / "out.csv"
        cmd = [sys.executable, "-m", "cxtext", "analyze", str(src), "--text", "text", "--id", "id",
               "--themes", "embedding", "--chunksize", "10", "--jobs", str(jobs), "-o", str(out), "-q"]
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "HF_HUB_OFFLINE": "1"})
        assert done.returncode == 0, done.stderr
        outs[jobs] = (pd.read_csv(out), pd.read_csv(out.with_name("out.mentions.csv")))
    for a, b in zip(outs[1], outs[2]):
        assert list(a.columns) == list(b.columns) and len(a) == len(b)
    comments_1, mentions_1 = outs[1]
    comments_2, mentions_2 = outs[2]
    assert comments_1["themes"].tolist() == comments_2["themes"].tolist()
    assert mentions_1[["comment_id", "theme", "start", "end"]].equals(
        mentions_2[["comment_id", "theme", "start", "end"]])
