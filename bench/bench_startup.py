"""Benchmark: cold start of the real app (0, 200 and 1,000 plans) vs a bare PySide6 QWizard with four pages.

Each start is a fresh interpreter in its own process. Measured per start:

- shown: wall time from launching the process until the first window is exposed and the event loop
  has processed it (painted), taken inside the child against the launch time the parent passes in;
- total: wall time of the whole process, launch to exit (includes quitting);
- peak memory: the child's maximum resident set size (``os.wait4`` rusage, per child).

The app is started through its real entry point (``vv_desktop.cli.main`` -> ``run_gui``) with
``--data-dir`` pointing at a folder with 0, 200 or 1,000 plans; the only change is that
``MainWindow.start`` is wrapped so that the app quits as soon as its window is on screen. The
"stale" variants change the time stamp of every plan file before each start, so that no cached
summary matches (as after a copy by another program, or a restore from a backup). Aims: app/bare
< 1.5x in time at 200 plans, < 1.7x at 1,000 (also stale), < 1.3x in peak memory.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--plans 200 1000] [--dir FOLDER] [--label after]

Runs with QT_QPA_PLATFORM=offscreen unless you set it. Prints a table and writes
bench/results/bench_startup[-LABEL].json.
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


def run_once(code: str, args: list[str], log: Path, pycache: Path | None, app_code: Path | None = None
             ) -> dict[str, float]:
    """One start; ``app_code``: the folder of another copy of the app to start (e.g. an older commit)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    cwd = None
    if app_code is not None:  # that copy first on the path, and as the working folder ("" on sys.path)
        env["PYTHONPATH"] = str(app_code)
        cwd = str(app_code)
    if pycache is not None:  # compiled modules are kept (in a side folder), as for an installed app
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["BENCH_T0"] = repr(time.time())
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child only
    total = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{text}")
    shown = next(json.loads(line) for line in text.splitlines() if line.startswith("{"))
    peak_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return {"shown_s": shown["shown_s"], "total_s": total, "peak_mib": peak_kib / 1024, "title": shown["title"]}


def make_stale(data: Path) -> None:
    """A new time stamp on every plan file: no summary (nor any index entry) matches any more."""
    now = time.time_ns()
    for n, plan_file in enumerate(sorted(data.glob("plans/*/plan.json"))):
        os.utime(plan_file, ns=(now + n, now + n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts per variant (default 5)")
    parser.add_argument("--plans", type=int, nargs="+", default=[200, 1000],
                        help="plans in the data folders (default 200 1000; 0 plans is always measured)")
    parser.add_argument("--label", default="", help="added to the results file name (e.g. before, after)")
    parser.add_argument("--before", type=Path, metavar="CODE",
                        help="also start this copy of the app (e.g. `git archive` of an older commit), interleaved")
    parser.add_argument("--dir", type=Path, help="where to make the data folders (default: a temporary folder)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="leave PYTHONDONTWRITEBYTECODE as it is, so every start compiles the app's modules again")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="vv-bench-startup-", dir=args.dir))
    pycache = None if args.no_bytecode_cache else base / "pycache"
    bytecode = "compiled anew each start" if pycache is None and os.environ.get("PYTHONDONTWRITEBYTECODE") \
        else "cached after the warm-up start"
    try:
        t0 = time.perf_counter()
        empty = base / "data-0"
        empty.mkdir()
        variants: dict[str, tuple[str, list[str], Path | None]] = {
            "bare QWizard": (BARE_DRIVER, [], None),
            "app, 0 plans": (APP_DRIVER, [str(empty)], None),
        }
        before: dict[str, Path] = {}  # variant -> the data folder of its "before" twin
        for count in args.plans:
            data = base / f"data-{count}"
            ids = _plans.fill_data_dir(data, count)
            stale = base / f"data-{count}-stale"
            shutil.copytree(data, stale)
            variants[f"app, {count} plans"] = (APP_DRIVER, [str(data)], None)
            variants[f"app, {count} plans, stale cache"] = (APP_DRIVER, [str(stale)], stale)
            if args.before is not None:  # its own copies: the two versions write different caches
                for name, folder, stale_dir in ((f"app, {count} plans", data, None),
                                                (f"app, {count} plans, stale cache", stale, stale)):
                    twin = base / f"{folder.name}-before"
                    shutil.copytree(data, twin)
                    variants[f"BEFORE {name}"] = (APP_DRIVER, [str(twin)], twin if stale_dir else None)
                    before[f"BEFORE {name}"] = twin
            if count == args.plans[0]:
                reopen = base / f"data-{count}-reopen"  # the last plan worked on is reopened at start
                shutil.copytree(data, reopen)
                Settings(reopen).set("last_plan", ids[0])
                variants[f"app, {count} plans, reopen last"] = (APP_DRIVER, [str(reopen)], None)
        print(f"plans made in {time.perf_counter() - t0:.1f} s")

        results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        def code_of(name: str) -> Path | None:
            return args.before if name in before else None

        for name, (code, extra, _stale) in variants.items():  # warm-up: fill the OS file cache, not measured
            run_once(code, extra, base / "warmup.log", pycache, code_of(name))
        for i in range(args.runs):
            for name, (code, extra, stale_dir) in variants.items():  # interleaved, so drift hits all
                if stale_dir is not None:
                    make_stale(stale_dir)
                results[name].append(run_once(code, extra, base / f"run-{i}.log", pycache, code_of(name)))
                print(".", end="", flush=True)
        print()
    finally:
        shutil.rmtree(base, ignore_errors=True)

    rows = []
    for name, runs in results.items():
        shown = sorted(r["shown_s"] for r in runs)
        rows.append({
            "variant": name, "runs": len(runs), "window": runs[0]["title"],
            "shown_s": statistics.median(shown), "shown_min_s": shown[0], "shown_max_s": shown[-1],
            "total_s": statistics.median(r["total_s"] for r in runs),
            "peak_mib": statistics.median(r["peak_mib"] for r in runs),
            "all_shown_s": [round(r["shown_s"], 4) for r in runs],
            "all_peak_mib": [round(r["peak_mib"], 1) for r in runs],
        })
    bare = rows[0]
    bare_runs = results["bare QWizard"]
    for r in rows:
        r["ratio_shown"] = r["shown_s"] / bare["shown_s"]
        # Spread of the ratio: each start against the bare start of the same round.
        pairs = sorted(a["shown_s"] / b["shown_s"] for a, b in zip(results[r["variant"]], bare_runs, strict=True))
        r["ratio_shown_min"], r["ratio_shown_max"] = pairs[0], pairs[-1]
        r["ratio_best"] = r["shown_min_s"] / bare["shown_min_s"]  # best start of each: least hit by a busy machine
        r["ratio_total"] = r["total_s"] / bare["total_s"]
        r["ratio_peak"] = r["peak_mib"] / bare["peak_mib"]

    print(f"\nmedians of {args.runs} starts each (QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, "
          f"Python bytecode {bytecode})")
    print(f"{'variant':<40} {'shown s':>8} {'best s':>7} {'total s':>8} {'peak MiB':>9} {'x shown':>8} "
          f"{'(min-max)':>11} "
          f"{'x best':>7} {'x total':>8} {'x peak':>7}")
    for r in rows:
        spread = f"{r['ratio_shown_min']:.2f}-{r['ratio_shown_max']:.2f}"
        print(f"{r['variant']:<40} {r['shown_s']:>8.3f} {r['shown_min_s']:>7.3f} {r['total_s']:>8.3f} "
              f"{r['peak_mib']:>9.1f} {r['ratio_shown']:>8.2f} {spread:>11} {r['ratio_best']:>7.2f} "
              f"{r['ratio_total']:>8.2f} {r['ratio_peak']:>7.2f}")

    def aim(variant: str) -> float:
        count = int(variant.removeprefix("BEFORE ").split(", ")[1].split()[0])
        return 1.5 if count <= 200 else 1.7

    aims_met = {}
    for r in rows[2:]:
        if "reopen" in r["variant"] or r["variant"].startswith("BEFORE"):
            continue
        ok_time = r["ratio_shown"] < aim(r["variant"])
        ok_mem = r["ratio_peak"] < 1.3
        aims_met[r["variant"]] = {"time": ok_time, "memory": ok_mem}
        print(f"aims for '{r['variant']}': time < {aim(r['variant'])}x: {'yes' if ok_time else 'NO'} "
              f"({r['ratio_shown']:.2f}x), memory < 1.3x: {'yes' if ok_mem else 'NO'} ({r['ratio_peak']:.2f}x)")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / (f"bench_startup-{args.label}.json" if args.label else "bench_startup.json")
    out.write_text(json.dumps({
        "benchmark": "startup", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": sys.version.split()[0], "platform": platform.platform(),
        "qpa": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "bytecode": bytecode,
        "plans": args.plans, "runs": args.runs,
        "rows": rows, "aims": {"time_ratio_below": {"200": 1.5, "1000": 1.7}, "memory_ratio_below": 1.3},
        "aims_met": aims_met,
    }, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
