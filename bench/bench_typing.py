"""Benchmark: one keystroke, and one undo, in a text box of the real window (offscreen).

Every keystroke goes through the plan's undo stack (a typing step that merges keystrokes) and
the autosave. The aim: a keystroke in a normal answer (2,000 characters) well under 16 ms; in a
megabyte of pasted text Qt's own layout dominates, the change path must add little to it.

    .venv/bin/python bench/bench_typing.py [--sizes 2000,1000000] [--keys 40]

Prints a table and writes bench/results/bench_typing.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

RESULTS = Path(__file__).resolve().parent / "results"
TEXT = "Prestatiedruk en plezier gaan samen als iedereen meedenkt. "


def measure(size: int, keys: int) -> dict[str, float]:
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore
    from vv_desktop.core.worksheets import load_method
    from vv_desktop.ui.main_window import MainWindow
    from vv_desktop.ui.services import AppServices

    folder = Path(tempfile.mkdtemp()) / "data"
    folder.mkdir()
    method = load_method()
    settings = Settings(folder)
    store = PlanStore(folder, settings.device_id)
    plan = store.create("Bench", "Club", "sport")
    plan.set_answer("agenderen", "al_bezig", (TEXT * (size // len(TEXT) + 1))[:size])
    store.save(plan)
    settings.set("last_plan", plan.id)
    window = MainWindow(AppServices(PlanStore(folder, settings.device_id), settings, method, folder / "log"))
    window.show()
    window.start()
    window.view.go("agenderen")
    edit = next(f for f in window.view.current_page.fields if f.fdef.id == "al_bezig").edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    typed, undone = [], []
    for n in range(keys):
        start = time.perf_counter()
        QTest.keyClick(edit, Qt.Key.Key_Space if n % 5 == 4 else Qt.Key.Key_A)
        typed.append((time.perf_counter() - start) * 1000)
    while window.plan_undo.stack.canUndo():
        start = time.perf_counter()
        window.plan_undo.undo()
        undone.append((time.perf_counter() - start) * 1000)
    window.session.save_now()
    window.close()
    return {"key_median_ms": statistics.median(typed), "key_max_ms": max(typed),
            "undo_median_ms": statistics.median(undone), "undo_steps": len(undone)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,1000000", help="text sizes in characters (default 2000,1000000)")
    parser.add_argument("--keys", type=int, default=40, help="keystrokes measured per size (default 40)")
    args = parser.parse_args()
    from vv_desktop.ui.application import Application

    app = Application(sys.argv[:1])  # noqa: F841 - the window needs it
    rows = {int(s): measure(int(s), args.keys) for s in args.sizes.split(",")}
    print(f"{'characters':>12} {'key median':>11} {'key max':>9} {'undo median':>12} {'undo steps':>11}")
    for size, row in rows.items():
        print(f"{size:>12} {row['key_median_ms']:>9.1f}ms {row['key_max_ms']:>7.1f}ms "
              f"{row['undo_median_ms']:>10.1f}ms {row['undo_steps']:>11}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench_typing.json").write_text(json.dumps({
        "python": platform.python_version(), "machine": platform.machine(), "keys": args.keys,
        "sizes": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
