"""Benchmark: what one autosave costs the UI thread, and in all, against a bare atomic save.

The autosave runs when the session's timer fires (``PlanSession.autosave``; before issue 11 the
timer called ``save_now`` and the whole save ran on the UI thread: encode, temporary file, fsync,
rename, fsync of the folder, summary). Measured for plans of about 26 KiB, 200 KiB, 740 KiB and
1 MiB, each time after one changed answer:

* **block**: the longest time the UI thread's event loop did not run, from the timer's call until
  the save is on disk (a 1 ms timer ticks meanwhile): the call itself, and whatever the writer
  thread holds the GIL for (what the window freezes);
* **save**: from that call until the ``saved`` signal (the bytes are on disk), with the event
  loop running meanwhile;
* **bare**: ``atomic_write_bytes`` of the same bytes (temporary file, fsync, rename, fsync of the
  folder) into the same folder, measured right after each save, so that disk noise hits both.

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
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

from vv_desktop.core.atomic import atomic_write_bytes
from vv_desktop.core.rounds import start_round
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PLAN_FILE, PlanStore
from vv_desktop.core.worksheets import load_method
from vv_desktop.ui.session import PlanSession

RESULTS = Path(__file__).resolve().parent / "results"
SIZES_KIB = (26, 200, 740, 1024)


def encoded(plan) -> bytes:
    """The plan file's bytes as the app writes them (compact, UTF-8)."""
    return json.dumps({"plan": {"1": plan.doc}}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def grow_to(plan, method, kib: int) -> None:
    """Add rounds with long texts until the plan file is about ``kib`` KiB."""
    text = " ".join(_plans.SENTENCES)
    n = 0
    while len(encoded(plan)) < kib * 1024:
        phase = method.phases[n % len(method.phases)]
        if n % 2 == 0:
            start_round(plan, method, phase.id, copy_previous=True)
        plan.set_answer("agenderen", "kansen", f"{n}: {text}" + f" {text}" * min(n, 8))
        plan.set_answer("uitvoeren", "reflectie", f"{n}: {text}")
        n += 1


def pad_to(plan, kib: int) -> None:
    """Fill one long answer so the file is ``kib`` KiB within a few hundred bytes."""
    missing = kib * 1024 - len(encoded(plan))
    if missing > 0:
        plan.set_answer("agenderen", "al_bezig", "x" * missing)


def timer_save(session: PlanSession):
    """What the session's timer calls (``save_now`` before the save moved off the UI thread)."""
    return getattr(session, "autosave", session.save_now)


def one_save(session: PlanSession, i: int) -> tuple[float, float]:
    """(block ms, save ms) of one autosave after one changed answer."""
    session.plan.set_answer("agenderen", "al_bezig", session.plan.answer("agenderen", "al_bezig")[:-8]
                            + f"{i % 10_000_000:08d}")
    session.touch("agenderen", "al_bezig")
    done: list[float] = []
    loop = QEventLoop()

    def saved() -> None:
        done.append(time.perf_counter())
        loop.quit()

    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start(1)
    session.saved.connect(saved)
    start = time.perf_counter()
    timer_save(session)()
    call_end = time.perf_counter()
    if not done:
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
    heartbeat.stop()
    session.saved.disconnect(saved)
    if not done:
        raise RuntimeError("no saved signal within 10 s")
    moments = [start, call_end, *(t for t in ticks if t < done[0]), done[0]]
    block = max(b - a for a, b in zip(moments, moments[1:], strict=False))
    return block * 1000, (done[0] - start) * 1000


def bare_save(folder: Path, data: bytes) -> float:
    start = time.perf_counter()
    atomic_write_bytes(folder / "bare.json", data)
    return (time.perf_counter() - start) * 1000


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--dir", type=Path, help="where to make the data folder (default: a temporary folder)")
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication([])
    base = Path(tempfile.mkdtemp(prefix="vv-bench-savecost-", dir=args.dir))
    method = load_method()
    rows = []
    try:
        ids = _plans.fill_data_dir(base, len(SIZES_KIB))
        store = PlanStore(base, Settings(base).device_id)
        store.scan()
        for kib, plan_id in zip(SIZES_KIB, ids, strict=True):
            plan = store.load(plan_id)
            grow_to(plan, method, kib - 4)
            pad_to(plan, kib)
            store.save(plan)
            folder = store.plan_folder(plan.id)
            session = PlanSession(store, plan)
            blocks, saves, bares, ratios = [], [], [], []
            for i in range(args.saves + 5):
                block, save = one_save(session, i)
                bare = bare_save(folder, (folder / PLAN_FILE).read_bytes())
                if i >= 5:  # the first 5 warm up
                    blocks.append(block)
                    saves.append(save)
                    bares.append(bare)
                    ratios.append(save / bare)
            assert session.save_now()
            session.deleteLater()
            rows.append({
                "plan_kib": round((folder / PLAN_FILE).stat().st_size / 1024), "saves": len(blocks),
                "block_median_ms": statistics.median(blocks), "block_p99_ms": pct(blocks, 99),
                "block_max_ms": max(blocks), "save_median_ms": statistics.median(saves),
                "bare_median_ms": statistics.median(bares), "ratio_median": statistics.median(ratios),
                "ratio_p90": pct(ratios, 90),
                "block_vs_bare_median": statistics.median(blocks) / statistics.median(bares),
            })
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print(f"{'KiB':>5} {'block med':>9} {'p99':>6} {'max':>6} {'save med':>8} {'bare med':>8} "
          f"{'save/bare med':>13} {'p90':>5} {'block/bare':>10}   (ms)")
    for r in rows:
        print(f"{r['plan_kib']:>5} {r['block_median_ms']:>9.2f} {r['block_p99_ms']:>6.2f} {r['block_max_ms']:>6.2f} "
              f"{r['save_median_ms']:>8.2f} {r['bare_median_ms']:>8.2f} {r['ratio_median']:>13.2f} "
              f"{r['ratio_p90']:>5.2f} {r['block_vs_bare_median']:>10.2f}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_save_cost.json"
    out.write_text(json.dumps({"benchmark": "save_cost", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
                               "python": sys.version.split()[0], "platform": platform.platform(),
                               "rows": rows}, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
