"""Benchmark: wall time and peak memory of checking and importing each hostile ``.vvplan`` file.

Every file of the hostile set (``tests/test_exchange.py``: the hand-made bad files, the heavy but
well-formed ones, and a named pipe) is checked and imported in a fresh process, into a copy of a
data folder that already holds the plan (so a file with that plan's id is merged). Per file:
wall time and the child's peak resident memory (``os.wait4`` rusage). The aim: every file under
5 s and under 300 MB; a child that takes longer than ``--timeout`` is stopped and reported.

    .venv/bin/python bench/bench_import.py [--only NAME ...] [--timeout 120] [--label after]

Prints a table and writes bench/results/bench_import-<label>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, shutil, sys, time
from pathlib import Path
from vv_desktop.core import sharing
from vv_desktop.core.exchange import ExchangeError, read_exchange
from vv_desktop.core.store import PlanStore

file, template, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
shutil.copytree(template, work)
store = PlanStore(work, json.loads((work / "device.txt").read_text()))
result = {}
try:
    read_exchange(file)  # what `vv-desktop validate` does
    outcome = sharing.prepare_import(store, file)
    sharing.finish_import(store, outcome, {c.id: "mine" for c in outcome.conflicts})
    plan = store.load(outcome.plan_id)
    plan.set_answer("agenderen", "kansen", "Verder typen na de import")  # the plan must stay editable
    store.save(plan)
    result["outcome"] = outcome.kind
except ExchangeError as exc:
    result["outcome"] = "refused: " + str(exc)[:90]
except Exception as exc:
    result["outcome"] = "CRASH: " + type(exc).__name__ + ": " + str(exc)[:80]
print(json.dumps(result))
"""


def run_one(file: Path, template: Path, work: Path, timeout: float) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(file), str(template), str(work)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            return {"wall_s": round(time.perf_counter() - started, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
                    "outcome": f"TIMEOUT (stopped after {timeout:.0f} s)"}
        time.sleep(0.01)
    wall = time.perf_counter() - started
    out = proc.stdout.read().decode("utf-8", "replace").strip().splitlines()
    try:
        outcome = json.loads(out[-1])["outcome"]
    except (IndexError, ValueError, KeyError):
        outcome = "CRASH: " + proc.stderr.read().decode("utf-8", "replace").strip()[-120:]
    return {"wall_s": round(wall, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1), "outcome": outcome}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="only these cases (names as in the table)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a child is stopped")
    parser.add_argument("--label", default="now", help="name for the results file (e.g. before, after)")
    args = parser.parse_args()

    from tests.hostile import hostile_files
    from vv_desktop.core.worksheets import load_method

    base = Path(tempfile.mkdtemp(prefix="vv-bench-import-"))
    rows: dict[str, dict] = {}
    try:
        files, template = hostile_files(base, load_method(), args.only)
        baseline = run_one(files.pop("baseline-good-file"), template, base / "work-baseline", args.timeout)
        rows["baseline-good-file"] = baseline
        for name, file in files.items():
            rows[name] = run_one(file, template, base / f"work-{len(rows)}", args.timeout)
            r = rows[name]
            print(f"{name:32} {r['wall_s']:7.2f} s {r['peak_mb']:8.1f} MB  {r['outcome'][:70]}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    worst_time = max(rows.items(), key=lambda kv: kv[1]["wall_s"])
    worst_mem = max(rows.items(), key=lambda kv: kv[1]["peak_mb"])
    print(f"\nbaseline (a good file): {baseline['wall_s']:.2f} s, {baseline['peak_mb']:.1f} MB")
    print(f"slowest: {worst_time[0]} {worst_time[1]['wall_s']:.2f} s; "
          f"most memory: {worst_mem[0]} {worst_mem[1]['peak_mb']:.1f} MB; aim < 5 s and < 300 MB")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_import-{args.label}.json"
    out.write_text(json.dumps({"python": sys.version.split()[0], "platform": platform.platform(),
                               "max_wall_s": worst_time[1]["wall_s"], "max_wall_case": worst_time[0],
                               "max_peak_mb": worst_mem[1]["peak_mb"], "max_peak_case": worst_mem[0],
                               "files": rows}, indent=1), "utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
