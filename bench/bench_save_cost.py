"""Benchmark: what one autosave costs on the UI thread, for a small and a big plan.

The autosave runs on the UI thread (``PlanSession.save_now``: encode, write a temporary file,
fsync, rename, fsync the folder, write the summary). Saving at most 0.6 s after the first unsaved
change means it runs more often while someone types, so it must stay cheap. Measured for a
realistic plan (~26 KB) and a big one (13 rounds of every phase, long texts, ~300 KB), with the
compact encoding the app uses and with the pretty ``indent=1`` encoding of earlier versions.

    .venv/bin/python bench/bench_save_cost.py [--saves 40] [--dir FOLDER]

Prints a table and writes bench/results/bench_save_cost.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _plans
from PySide6.QtCore import QCoreApplication

from vv_desktop.core import atomic
from vv_desktop.core.rounds import start_round
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PLAN_FILE, PlanStore
from vv_desktop.core.worksheets import load_method
from vv_desktop.ui.session import PlanSession

RESULTS = Path(__file__).resolve().parent / "results"
COMPACT = atomic.atomic_write_json


def pretty_write_json(path: Path, data: object) -> None:
    """How versions before issue 8 encoded a plan file."""
    atomic.atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def make_big(plan, method) -> None:
    text = " ".join(_plans.SENTENCES)
    for n in range(12):
        for phase in method.phases:
            start_round(plan, method, phase.id, copy_previous=True)
        plan.set_answer("agenderen", "kansen", f"{n}: {text} {text}")
        plan.set_answer("uitvoeren", "reflectie", f"{n}: {text}")


def measure(session: PlanSession, saves: int) -> list[float]:
    times = []
    for i in range(saves + 5):
        session.plan.set_answer("agenderen", "al_bezig", f"Autosave {i}: {_plans.SENTENCES[i % 10]}")
        session.touch("agenderen", "al_bezig")
        start = time.perf_counter()
        assert session.save_now()
        if i >= 5:  # the first 5 warm up
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--dir", type=Path, help="where to make the data folder (default: a temporary folder)")
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication([])
    base = Path(tempfile.mkdtemp(prefix="vv-bench-savecost-", dir=args.dir))
    rows = []
    try:
        ids = _plans.fill_data_dir(base, 2)
        store = PlanStore(base, Settings(base).device_id)
        store.scan()
        small, big = store.load(ids[0]), store.load(ids[1])
        make_big(big, load_method())
        store.save(big)
        for label, plan in (("small", small), ("big", big)):
            for encoding, writer in (("compact", COMPACT), ("indent=1 (before)", pretty_write_json)):
                atomic.atomic_write_json = writer
                session = PlanSession(store, plan)
                values = measure(session, args.saves)
                size = (store.plan_folder(plan.id) / PLAN_FILE).stat().st_size
                rows.append({"plan": label, "encoding": encoding, "bytes": size, "saves": len(values),
                             "median_ms": statistics.median(values), "max_ms": max(values)})
                session.deleteLater()
        atomic.atomic_write_json = COMPACT
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print(f"{'plan':>6} {'encoding':>18} {'KB':>7} {'median ms':>10} {'max ms':>8}")
    for r in rows:
        print(f"{r['plan']:>6} {r['encoding']:>18} {r['bytes'] / 1024:>7.1f} {r['median_ms']:>10.2f} "
              f"{r['max_ms']:>8.2f}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_save_cost.json"
    out.write_text(json.dumps({"benchmark": "save_cost", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
                               "python": sys.version.split()[0], "platform": platform.platform(),
                               "rows": rows}, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
