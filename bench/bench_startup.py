"""Benchmark: cold start of the real app (200 plans) vs a bare PySide6 QWizard with four pages.

Each start is a fresh interpreter in its own process. Measured per start:

- shown: wall time from launching the process until the first window is exposed and the event loop
  has processed it (painted), taken inside the child against the launch time the parent passes in;
- total: wall time of the whole process, launch to exit (includes quitting);
- peak memory: the child's maximum resident set size (``os.wait4`` rusage, per child).

The app is started through its real entry point (``vv_desktop.cli.main`` -> ``run_gui``) with
``--data-dir`` pointing at a folder with 200 plans; the only change is that ``MainWindow.start`` is
wrapped so that the app quits as soon as its window is on screen. Aims: app/bare < 2x in time and
< 1.5x in peak memory.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--plans 200] [--dir FOLDER]

Runs with QT_QPA_PLATFORM=offscreen unless you set it. Prints a table and writes
bench/results/bench_startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import _plans

from vv_desktop.core.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"

# Shared by both drivers: quit once the window is exposed and a round of events (paint) is processed.
_WHEN_SHOWN = textwrap.dedent(
    """
    import json, os, sys, time
    T0 = float(os.environ["BENCH_T0"])

    def quit_when_shown(window):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def check():
            handle = window.windowHandle()
            if handle is None or not handle.isExposed():
                QTimer.singleShot(1, check)
                return
            QApplication.processEvents()
            print(json.dumps({"shown_s": time.time() - T0, "title": window.windowTitle()}), flush=True)
            QApplication.quit()

        QTimer.singleShot(0, check)
    """
)

APP_DRIVER = _WHEN_SHOWN + textwrap.dedent(
    """
    from vv_desktop.ui import main_window

    _original_start = main_window.MainWindow.start

    def start(self):
        _original_start(self)
        quit_when_shown(self)

    main_window.MainWindow.start = start

    from vv_desktop.cli import main

    sys.exit(main(["--data-dir", sys.argv[1]]))
    """
)

BARE_DRIVER = _WHEN_SHOWN + textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("Stappenplan")
    for n, title in enumerate(["Agenderen", "Concretiseren", "Uitvoeren", "Verduurzamen"], start=1):
        page = QWizardPage()
        page.setTitle(f"{n}. {title}")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Wat doet jullie club al om prestatiedruk bespreekbaar te maken?"))
        layout.addWidget(QLineEdit())
        wizard.addPage(page)
    wizard.resize(1280, 720)
    wizard.show()
    quit_when_shown(wizard)
    sys.exit(app.exec())
    """
)


def run_once(code: str, args: list[str], log: Path, pycache: Path | None) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if pycache is not None:  # compiled modules are kept (in a side folder), as for an installed app
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["BENCH_T0"] = repr(time.time())
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child only
    total = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{text}")
    shown = next(json.loads(line) for line in text.splitlines() if line.startswith("{"))
    peak_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return {"shown_s": shown["shown_s"], "total_s": total, "peak_mib": peak_kib / 1024, "title": shown["title"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts per variant (default 5)")
    parser.add_argument("--plans", type=int, default=200, help="plans in the data folder (default 200)")
    parser.add_argument("--dir", type=Path, help="where to make the data folders (default: a temporary folder)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="leave PYTHONDONTWRITEBYTECODE as it is, so every start compiles the app's modules again")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="vv-bench-startup-", dir=args.dir))
    pycache = None if args.no_bytecode_cache else base / "pycache"
    bytecode = "compiled anew each start" if pycache is None and os.environ.get("PYTHONDONTWRITEBYTECODE") \
        else "cached after the warm-up start"
    try:
        data = base / "data"
        t0 = time.perf_counter()
        ids = _plans.fill_data_dir(data, args.plans)
        reopen = base / "data-reopen"  # the same plans, with the last one worked on reopened at start
        shutil.copytree(data, reopen)
        Settings(reopen).set("last_plan", ids[0])
        print(f"{args.plans} plans made in {time.perf_counter() - t0:.1f} s")

        variants = {
            "bare QWizard": (BARE_DRIVER, []),
            f"app, {args.plans} plans": (APP_DRIVER, [str(data)]),
            f"app, {args.plans} plans, reopen last": (APP_DRIVER, [str(reopen)]),
        }
        results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for code, extra in variants.values():  # warm-up: fill the OS file cache, not measured
            run_once(code, extra, base / "warmup.log", pycache)
        for i in range(args.runs):
            for name, (code, extra) in variants.items():  # interleaved, so drift hits all variants
                results[name].append(run_once(code, extra, base / f"run-{i}.log", pycache))
                print(".", end="", flush=True)
        print()
    finally:
        shutil.rmtree(base, ignore_errors=True)

    rows = []
    for name, runs in results.items():
        rows.append({
            "variant": name, "runs": len(runs), "window": runs[0]["title"],
            "shown_s": statistics.median(r["shown_s"] for r in runs),
            "total_s": statistics.median(r["total_s"] for r in runs),
            "peak_mib": statistics.median(r["peak_mib"] for r in runs),
            "all_shown_s": [round(r["shown_s"], 4) for r in runs],
            "all_peak_mib": [round(r["peak_mib"], 1) for r in runs],
        })
    bare = rows[0]
    for r in rows:
        r["ratio_shown"] = r["shown_s"] / bare["shown_s"]
        r["ratio_total"] = r["total_s"] / bare["total_s"]
        r["ratio_peak"] = r["peak_mib"] / bare["peak_mib"]

    print(f"\nmedians of {args.runs} starts each (QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, "
          f"Python bytecode {bytecode})")
    print(f"{'variant':<32} {'shown s':>8} {'total s':>8} {'peak MiB':>9} {'x shown':>8} {'x total':>8} {'x peak':>7}")
    for r in rows:
        print(f"{r['variant']:<32} {r['shown_s']:>8.3f} {r['total_s']:>8.3f} {r['peak_mib']:>9.1f} "
              f"{r['ratio_shown']:>8.2f} {r['ratio_total']:>8.2f} {r['ratio_peak']:>7.2f}")
    app = rows[1]
    time_ok = app["ratio_shown"] < 2.0
    mem_ok = app["ratio_peak"] < 1.5
    print(f"\naims for '{app['variant']}' vs bare: time < 2x: {'yes' if time_ok else 'NO'} "
          f"({app['ratio_shown']:.2f}x), memory < 1.5x: {'yes' if mem_ok else 'NO'} ({app['ratio_peak']:.2f}x)")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_startup.json"
    out.write_text(json.dumps({
        "benchmark": "startup", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": sys.version.split()[0], "platform": platform.platform(),
        "qpa": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "bytecode": bytecode,
        "plans": args.plans, "runs": args.runs,
        "rows": rows, "aims": {"time_ratio_below": 2.0, "memory_ratio_below": 1.5},
        "aims_met": {"time": time_ok, "memory": mem_ok},
    }, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
