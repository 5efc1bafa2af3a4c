"""Benchmark: the print dialog's preview of a long whole-plan report, and what the window feels meanwhile.

A plan with 300 actions (long texts: a report of about a hundred pages) is previewed in the real
print dialog (offscreen). Measured per run:

- first: from the start of the render until the first pages are shown (the dialog's ``_first_pages``);
- whole: until the whole document is loaded;
- UI timer: a 1 ms QTimer on the UI thread records the gap between its ticks while the preview renders;
  reported as p50, p99 and max. **Baseline**: the same timer for the same time with nothing rendering
  (a bare event loop), measured in the same run, interleaved. Aim: p99 under 16 ms.

    .venv/bin/python bench/bench_preview.py [--runs 5] [--actions 300]

Prints a table and writes bench/results/bench_preview.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import vv_desktop.ui.print_dialog as print_dialog  # noqa: E402
from bench._plans import realistic_plan  # noqa: E402
from vv_desktop.core.store import PlanStore  # noqa: E402
from vv_desktop.core.worksheets import load_method  # noqa: E402
from vv_desktop.ui.print_dialog import PrintDialog  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def big_plan(folder: Path, actions: int):
    method = load_method()
    store = PlanStore(folder, "bench")
    plan = realistic_plan(store, method, "Groot plan", random.Random(7))
    for n in range(actions):
        plan.add_item("concretiseren", "acties", {"wat": f"Actie {n}: " + "een wat langere uitleg van de actie " * 6,
                                                   "wie": "Jeugdcommissie", "wanneer": "voorjaar"})
    return method, plan


class Ticks:
    """A 1 ms timer on the UI thread that records the gaps between its ticks."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps, self.last = [], time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.gaps

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last) * 1000)
        self.last = now


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def preview_once(method, plan, ticks: Ticks) -> dict[str, float]:
    dialog = PrintDialog(method, plan, None, "agenderen")
    loop = QEventLoop()
    marks: dict[str, float] = {}
    shown = dialog._first_pages

    def first(number: int, path: str) -> None:
        shown(number, path)
        marks.setdefault("first", time.perf_counter())

    dialog._first_pages = first  # the instance attribute is what the job's signal calls
    while dialog.is_busy():  # the poster it opens with
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.kind.setCurrentIndex(dialog.kind.findData("report"))
    dialog._timer.stop()
    start = time.perf_counter()
    ticks.start()
    dialog.render_now()
    while dialog.is_busy():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    whole = time.perf_counter()
    gaps = ticks.stop()
    pages = dialog.document.pageCount()
    dialog.reject()
    dialog.deleteLater()
    QCoreApplication.processEvents()
    return {"first_ms": (marks.get("first", whole) - start) * 1000, "whole_ms": (whole - start) * 1000,
            "pages": pages, "gaps": gaps}


def idle_once(ticks: Ticks, ms: float) -> list[float]:
    loop = QEventLoop()
    ticks.start()
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return ticks.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--whole-only", action="store_true", help="as before: no first pages, only the whole")
    parser.add_argument("--switch-interval", type=float, help="the GIL switch interval in ms (the app uses 1)")
    args = parser.parse_args()
    if args.whole_only:
        print_dialog.FIRST_PAGES_FIRST = frozenset()
    if args.switch_interval:  # e.g. 5: Python's default, what the app had before
        print_dialog.GIL_SWITCH_S = args.switch_interval / 1000
        sys.setswitchinterval(args.switch_interval / 1000)
    QApplication.instance() or QApplication([])
    ticks = Ticks()
    with tempfile.TemporaryDirectory() as tmp:
        method, plan = big_plan(Path(tmp), args.actions)
        preview_once(method, plan, ticks)  # warm-up: fonts, imports
        runs, app_gaps, bare_gaps = [], [], []
        for _ in range(args.runs):
            run = preview_once(method, plan, ticks)
            app_gaps += run.pop("gaps")
            runs.append(run)
            bare_gaps += idle_once(ticks, run["whole_ms"])
    first = [r["first_ms"] for r in runs]
    whole = [r["whole_ms"] for r in runs]
    result = {
        "pages": runs[0]["pages"], "switch_interval_s": sys.getswitchinterval(),
        "first_ms_median": statistics.median(first), "first_ms_max": max(first),
        "whole_ms_median": statistics.median(whole), "whole_ms_max": max(whole),
        "ui_gap_ms": {"app": {"p50": pct(app_gaps, .5), "p99": pct(app_gaps, .99), "max": max(app_gaps)},
                      "bare": {"p50": pct(bare_gaps, .5), "p99": pct(bare_gaps, .99), "max": max(bare_gaps)}},
    }
    print(f"report of {result['pages']} pages, {args.runs} runs "
          f"(switch interval {sys.getswitchinterval() * 1000:.1f} ms)")
    print(f"first pages shown: median {result['first_ms_median']:.0f} ms (max {result['first_ms_max']:.0f})")
    print(f"whole document:    median {result['whole_ms_median']:.0f} ms (max {result['whole_ms_max']:.0f})")
    print("UI timer gap (ms)      p50     p99     max")
    for name in ("app", "bare"):
        g = result["ui_gap_ms"][name]
        label = name + (" (rendering)" if name == "app" else " (idle)")
        print(f"  {label:<18} {g['p50']:6.1f}  {g['p99']:6.1f}  {g['max']:6.1f}")
    app99, bare99 = result["ui_gap_ms"]["app"]["p99"], result["ui_gap_ms"]["bare"]["p99"]
    print(f"  p99 ratio app/bare: {app99 / bare99:.1f}x  (aim: app p99 under 16 ms)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_preview.json").write_text(json.dumps(result, indent=1), "utf-8")


if __name__ == "__main__":
    main()
