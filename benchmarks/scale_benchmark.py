"""Scale benchmark of ``cxtext analyze``: throughput, peak memory, --jobs and --resume.

Builds a synthetic CSV of N comments in /tmp by sampling texts (with
replacement) from the shared datasets (airline tweets, women's clothing
reviews, GoEmotions) with random unique ids, then runs the real console
command and measures wall time, comments/s and peak RSS of the whole process
tree (psutil polling every 50 ms: parent + worker processes summed).

The data never enters the repository; only the figures do
(benchmarks/results/scale.md and scale.json).

Usage::

    .venv/bin/python benchmarks/scale_benchmark.py --rows 1000000 200000 --jobs 1 2
    .venv/bin/python benchmarks/scale_benchmark.py --rows 20000 --quick   # smoke run
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

logger = logging.getLogger("scale_benchmark")

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")
RESULTS = Path(__file__).resolve().parent / "results"
CLI = [str(Path(sys.executable).with_name("cxtext"))]
WORK = Path("/tmp/cxtext_scale")


def load_texts() -> list[str]:
    """Comment texts of the three shared datasets (empty ones dropped)."""
    texts: list[str] = []
    with open(DATA / "airline_tweets" / "Tweets.csv", encoding="utf-8", newline="") as fh:
        texts += [r["text"] for r in csv.DictReader(fh)]
    with gzip.open(DATA / "womens_clothing_reviews" / "Womens_Clothing_E-Commerce_Reviews.csv.gz",
                   "rt", encoding="utf-8", newline="") as fh:
        texts += [r["Review Text"] for r in csv.DictReader(fh)]
    with open(DATA / "goemotions" / "train.tsv", encoding="utf-8") as fh:
        texts += [line.split("\t", 1)[0] for line in fh]
    return [t for t in texts if t.strip()]


def make_csv(rows: int, path: Path, seed: int = 0) -> Path:
    """Write ``rows`` comments sampled with replacement, with random unique ids."""
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    texts = load_texts()
    pick = rng.integers(0, len(texts), size=rows)
    ids = rng.permutation(np.arange(10_000_000, 10_000_000 + 3 * rows))[:rows]
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "comment"])
        for i, p in zip(ids.tolist(), pick.tolist()):
            w.writerow([f"R{i}", texts[p]])
    os.replace(tmp, path)
    return path


def _tree_memory(proc: psutil.Process, *, pss: bool) -> tuple[int, int]:  # noqa: F821
    """RSS (and, with ``pss=True``, PSS) summed over the process tree.

    RSS counts the model pages that forked workers share with the parent once
    per process; PSS (proportional set size) splits shared pages between the
    processes sharing them, so its sum is the tree's real memory. PSS reads
    ``/proc/PID/smaps_rollup``, which costs CPU, so callers sample it less often.
    """
    import psutil

    rss_total = pss_total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    for p in procs:
        try:
            if pss:
                info = p.memory_full_info()
                pss_total += getattr(info, "pss", info.rss)
            else:
                info = p.memory_info()
            rss_total += info.rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return rss_total, pss_total


def run_cli(args: list[str], *, kill_after_parts: int | None = None,
            checkpoint: Path | None = None, sig: int = signal.SIGKILL) -> dict:
    """Run ``cxtext`` with ``args``; poll the process tree's RSS; optionally kill it."""
    import resource

    import psutil

    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = peak_pss = 0
    killed = False
    polls = 0
    while proc.poll() is None:
        rss, pss = _tree_memory(ps, pss=polls % 20 == 0)  # RSS every 50 ms, PSS every second
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        polls += 1
        if (kill_after_parts is not None and not killed and checkpoint is not None
                and checkpoint.exists()
                and len(list(checkpoint.glob("part-*.pkl"))) >= kill_after_parts):
            os.kill(proc.pid, sig)
            killed = True
        time.sleep(0.05)
    out, err = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": time.perf_counter() - start, "peak_rss_mb": peak / 2**20,
            "peak_pss_mb": peak_pss / 2**20, "cpu_s": cpu,
            "returncode": proc.returncode, "stdout": out, "stderr": err}


def bench(rows: int, jobs: int, chunksize: int) -> dict:
    src = make_csv(rows, WORK / f"comments_{rows}.csv")
    out = WORK / f"out_{rows}_j{jobs}.csv"
    res = run_cli(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id",
                   "--jobs", str(jobs), "--chunksize", str(chunksize), "--quiet"])
    if res["returncode"] != 0:
        raise RuntimeError(res["stderr"])
    logger.info("rows=%d jobs=%d: %.1f s, %.0f comments/s, %.0f CPU s, peak RSS %.0f MB, PSS %.0f MB",
                rows, jobs, res["seconds"], rows / res["seconds"], res["cpu_s"], res["peak_rss_mb"],
                res["peak_pss_mb"])
    return {"rows": rows, "jobs": jobs, "chunksize": chunksize, "seconds": round(res["seconds"], 1),
            "comments_per_s": round(rows / res["seconds"]), "cpu_s": round(res["cpu_s"], 1),
            "comments_per_cpu_s": round(rows / max(res["cpu_s"], 1e-9)),
            "load_avg_1min": round(os.getloadavg()[0], 1),
            "peak_rss_mb": round(res["peak_rss_mb"]), "peak_pss_mb": round(res["peak_pss_mb"]),
            "output": str(out)}


def resume_test(rows: int, jobs: int, chunksize: int, sig: int) -> dict:
    """Kill a run after 3 committed chunks, resume it, compare with an uninterrupted run."""
    src = make_csv(rows, WORK / f"comments_{rows}.csv")
    ref = WORK / f"out_{rows}_j1.csv"
    out = WORK / f"resume_{rows}_{signal.Signals(sig).name}.csv"
    args = ["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id",
            "--jobs", str(jobs), "--chunksize", str(chunksize), "--quiet"]
    ckpt = out.with_name(f".{out.name}.cxtext-run")
    first = run_cli(args, kill_after_parts=3, checkpoint=ckpt, sig=sig)
    parts = len(list(ckpt.glob("part-*.pkl")))
    second = run_cli([*args, "--resume"])
    same = (out.read_bytes() == ref.read_bytes()
            and Path(str(out).replace(".csv", ".mentions.csv")).read_bytes()
            == Path(str(ref).replace(".csv", ".mentions.csv")).read_bytes())
    return {"rows": rows, "signal": signal.Signals(sig).name, "killed_rc": first["returncode"],
            "parts_at_kill": parts, "first_run_s": round(first["seconds"], 1),
            "resume_run_s": round(second["seconds"], 1), "resume_rc": second["returncode"],
            "identical_to_uninterrupted": same}


def render(results: dict) -> str:
    lines = ["# Scale benchmark: `cxtext analyze` on large CSV files", "",
             (f"Machine: {results['machine']}. Generated by `benchmarks/scale_benchmark.py` "
             f"({results['command']})."), "",
             ("Input: synthetic CSV of comments sampled with replacement from the airline tweets, "
             "women's clothing reviews and GoEmotions texts (mean "
             f"{results['mean_chars']:.0f} characters), random unique ids; fast preset, "
             "`--id id`, output CSV + mentions CSV. Peak RSS and peak PSS = sums over the "
             "process tree (parent + workers), RSS polled every 50 ms and PSS every second; RSS counts pages the forked "
             "workers share with the parent once per process, PSS shares them out (the real total)."), "",
             ("| rows | --jobs | chunksize | wall s | comments/s | CPU s (tree) | comments per CPU s "
             "| peak RSS MB | peak PSS MB | load avg after |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results["runs"]:
        lines.append(f"| {r['rows']:,} | {r['jobs']} | {r['chunksize']:,} | {r['seconds']} | "
                     f"{r['comments_per_s']:,} | {r['cpu_s']} | {r['comments_per_cpu_s']:,} | "
                     f"{r['peak_rss_mb']} | {r.get('peak_pss_mb', 'n/a')} | {r['load_avg_1min']} |")
    lines += ["", "Outputs of `--jobs 1` and `--jobs N` byte-identical: "
              + ", ".join(f"{k}: {v}" for k, v in results["identical"].items()), ""]
    if results.get("resume"):
        lines += ["## Kill and resume", "",
                  ("Run killed after 3 committed chunks, then rerun with `--resume`; the result is "
                  "compared byte for byte with the uninterrupted `--jobs 1` run."), "",
                  "| rows | signal | exit code | parts at kill | first run s | resume run s | identical |",
                  "|---:|---|---:|---:|---:|---:|---|"]
        for r in results["resume"]:
            lines.append(f"| {r['rows']:,} | {r['signal']} | {r['killed_rc']} | {r['parts_at_kill']} | "
                         f"{r['first_run_s']} | {r['resume_run_s']} | {r['identical_to_uninterrupted']} |")
    if results.get("notes"):
        lines += ["", "## Notes", "", *[f"- {n}" for n in results["notes"]]]
    return "\n".join(lines) + "\n"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--chunksize", type=int, default=5000)
    ap.add_argument("--resume-rows", type=int, default=None,
                    help="Rows of the kill/resume test (default: the smallest --rows).")
    ap.add_argument("--note", action="append", default=[])
    ap.add_argument("--no-write", action="store_true", help="Do not write benchmarks/results.")
    args = ap.parse_args()
    WORK.mkdir(exist_ok=True)
    runs = []
    for rows in args.rows:
        for jobs in args.jobs:
            runs.append(bench(rows, jobs, args.chunksize))
    identical = {}
    for rows in args.rows:
        outs = [Path(r["output"]) for r in runs if r["rows"] == rows]
        identical[f"{rows:,} rows"] = all(o.read_bytes() == outs[0].read_bytes() for o in outs[1:])
    resume_rows = args.resume_rows or min(args.rows)
    if 1 not in args.jobs or resume_rows not in args.rows:
        bench(resume_rows, 1, args.chunksize)
    resume = [resume_test(resume_rows, 1, args.chunksize, s) for s in (signal.SIGKILL, signal.SIGINT)]
    resume.append({**resume_test(resume_rows, 2, args.chunksize, signal.SIGKILL), "signal": "SIGKILL (--jobs 2)"})
    texts = load_texts()
    results = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores visible "
                   f"(nothing else running unless a note says so), Python {platform.python_version()}",
        "command": "python benchmarks/scale_benchmark.py " + " ".join(sys.argv[1:]),
        "mean_chars": float(np.mean([len(t) for t in texts])),
        "runs": runs, "identical": identical, "resume": resume, "notes": args.note,
    }
    logger.info(json.dumps({k: v for k, v in results.items() if k != "runs"}, indent=1))
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "scale.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        (RESULTS / "scale.md").write_text(render(results), encoding="utf-8")


if __name__ == "__main__":
    main()
