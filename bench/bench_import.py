"""Benchmark: wall time and peak memory of checking and importing each hostile ``.vvplan`` file.

Every file of the hostile set (``tests/core/test_exchange.py``: the hand-made bad files, the heavy but
well-formed ones, a named pipe and /dev/zero) is checked (as ``vv-desktop validate``) and imported
(as ``vv-desktop import``, then the plan is opened, edited and saved) in fresh processes, into a
copy of a data folder that already holds the plan (so a file with that plan's id is merged). Per
file and step: wall time and the child's peak resident memory (``os.wait4`` rusage). The aim: every file under
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, shutil, sys, time
from pathlib import Path
from vv_desktop.core import sharing
from vv_desktop.core.exchange import ExchangeError, read_exchange
from vv_desktop.core.store import PlanStore

file, template, work, mode = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
shutil.copytree(template, work)
store = PlanStore(work, json.loads((work / "device.txt").read_text()))
result = {}
try:
    if mode == "validate":  # what `vv-desktop validate` does
        read_exchange(file)
        print(json.dumps({"outcome": "valid"}))
        sys.exit(0)
    outcome = sharing.prepare_import(store, file)
    sharing.finish_import(store, outcome, {c.id: "mine" for c in outcome.conflicts})
    plan_id, kind = outcome.plan_id, outcome.kind
    del outcome  # as the window does: the plan is opened again from disk
    plan = store.load(plan_id)
    plan.set_answer("agenderen", "kansen", "Verder typen na de import")  # the plan must stay editable
    store.save(plan)
    result["outcome"] = kind
except ExchangeError as exc:
    result["outcome"] = "refused: " + str(exc)[:90]
except Exception as exc:
    result["outcome"] = "CRASH: " + type(exc).__name__ + ": " + str(exc)[:80]
print(json.dumps(result))
"""


def hostile_files(base: Path, only: list[str] | None) -> tuple[dict[str, Path], Path]:
    """Every case of the hostile set as a file, and a data folder that already holds their plan.

    Made in a separate process: Linux counts the parent's memory at the moment of the fork in a child's
    peak (``ru_maxrss`` survives exec), so the parent must stay small.
    """
    subprocess.run([sys.executable, __file__, "--build", str(base), *(["--only", *only] if only else [])],
                   check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    index = json.loads((base / "index.json").read_text("utf-8"))
    return {name: Path(file) for name, file in index["files"].items()}, Path(index["template"])


def build(base: Path, only: list[str] | None) -> None:
    from tests.core.test_exchange import BAD_FILES, HEAVY_FILES, World
    from vv_desktop.core.worksheets import load_method

    method = load_method()

    world = World(base / "wereld", method)
    (world.root / "device.txt").write_text(json.dumps(world.store.device_id))
    folder = base / "bestanden"
    folder.mkdir()
    files = {"baseline-good-file": folder / "goed.vvplan"}
    files["baseline-good-file"].write_bytes(world.files["whole"])
    for name, (make, _expected) in {**BAD_FILES, **HEAVY_FILES}.items():
        if only and name not in only:
            continue
        files[name] = folder / f"{name}.vvplan"
        files[name].write_bytes(make(world))
    if not only or "named-pipe" in only:
        files["named-pipe"] = folder / "pijp.vvplan"
        os.mkfifo(files["named-pipe"])
    if not only or "device-dev-zero" in only:
        files["device-dev-zero"] = Path("/dev/zero")
    (base / "index.json").write_text(json.dumps({"files": {k: str(v) for k, v in files.items()},
                                                 "template": str(world.root)}), "utf-8")


def run_one(file: Path, template: Path, work: Path, timeout: float, code: Path = ROOT, mode: str = "import") -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-P", "-c", CHILD, str(file), str(template), str(work), mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env=dict(os.environ, PYTHONPATH=str(code)))
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
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the copy of the app to measure (default: this one; e.g. a checkout of an older commit)")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # the child that makes the files
    args = parser.parse_args()
    if args.build:
        build(args.build, args.only)
        return 0

    base = Path(tempfile.mkdtemp(prefix="vv-bench-import-"))
    rows: dict[str, dict] = {}
    try:
        files, template = hostile_files(base, args.only)
        for name, file in files.items():
            for mode in ("validate", "import"):
                row = run_one(file, template, base / f"work-{len(rows)}", args.timeout, args.code, mode)
                rows[f"{name} ({mode})"] = row
                print(f"{name + ' (' + mode + ')':42} {row['wall_s']:7.2f} s {row['peak_mb']:8.1f} MB  "
                      f"{row['outcome'][:60]}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    baseline = rows["baseline-good-file (import)"]
    worst_time = max(rows.items(), key=lambda kv: kv[1]["wall_s"])
    worst_mem = max(rows.items(), key=lambda kv: kv[1]["peak_mb"])
    print(f"\nbaseline (a good file): {baseline['wall_s']:.2f} s, {baseline['peak_mb']:.1f} MB")
    print(f"slowest: {worst_time[0]} {worst_time[1]['wall_s']:.2f} s; "
          f"most memory: {worst_mem[0]} {worst_mem[1]['peak_mb']:.1f} MB; aim < 5 s and < 300 MB")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_import-{args.label}.json"
    out.write_text(json.dumps({"code": str(args.code), "python": sys.version.split()[0],
                               "platform": platform.platform(),
                               "max_wall_s": worst_time[1]["wall_s"], "max_wall_case": worst_time[0],
                               "max_peak_mb": worst_mem[1]["peak_mb"], "max_peak_case": worst_mem[0],
                               "files": rows}, indent=1), "utf-8")
    print(f"written: {out}")
    summary = write_summary()
    if summary:
        print(f"written: {summary}")
    return 0


def write_summary() -> Path | None:
    """bench_import.md: before and after side by side, when both result files are there."""
    files = {label: RESULTS / f"bench_import-{label}.json" for label in ("before", "after")}
    if not all(f.exists() for f in files.values()):
        return None
    runs = {label: json.loads(f.read_text("utf-8")) for label, f in files.items()}
    lines = ["# bench_import: each hostile file, checked and imported in a fresh process", "",
             "Made by `bench/bench_import.py` (see bench/README.md). Aim: under 5 s and under 300 MB per file.", ""]
    for label, run in runs.items():
        lines.append(f"- **{label}** ({run['code']}): slowest {run['max_wall_case']} {run['max_wall_s']:.2f} s; "
                     f"most memory {run['max_peak_case']} {run['max_peak_mb']:.1f} MB")
    lines += ["", "| case (step) | before s | before MB | before outcome | after s | after MB | after outcome |",
              "|---|---:|---:|---|---:|---:|---|"]
    before, after = runs["before"]["files"], runs["after"]["files"]
    for case in sorted({*before, *after}, key=lambda c: -max(before.get(c, {}).get("wall_s", 0),
                                                               after.get(c, {}).get("wall_s", 0))):
        b, a = before.get(case, {}), after.get(case, {})
        lines.append(f"| {case} | {b.get('wall_s', '')} | {b.get('peak_mb', '')} | {b.get('outcome', '')[:50]} | "
                     f"{a.get('wall_s', '')} | {a.get('peak_mb', '')} | {a.get('outcome', '')[:50]} |")
    out = RESULTS / "bench_import.md"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
