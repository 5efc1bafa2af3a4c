"""Benchmark: the frozen app and its Linux packages against a frozen bare PySide6 QWizard.

The bare wizard (four pages, a label and a line edit each) is frozen with the same PyInstaller
options as the app (``installer.freeze.common_args``: one folder, the same Qt modules left out,
stripped) and packed with the same code into a .tar.gz and a .deb. Measured in one run:

- size of the app folder, the .tar.gz and the .deb, app / bare (aim: at most 1.3x);
- cold start: a fresh process until the window is exposed and painted once, then quit
  (the app with ``STAPPENPLAN_QUIT_WHEN_SHOWN``, an empty data folder; the bare wizard the same
  way), interleaved, medians of ``--repeat`` starts after one warm-up each (aim: at most 1.5x).

Needs an existing app build (``python build_installer.py build --no-package``) and PyInstaller.

    .venv/bin/python bench/bench_bundle.py [--repeat 11]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_startup import BARE_DRIVER  # noqa: E402

from installer.common import DIST, NAME, WORK, folder_size  # noqa: E402
from installer.freeze import common_args, executable, freeze  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def build_bare(folder: Path) -> Path:
    script = folder / "bare_wizard.py"
    script.write_text(BARE_DRIVER, encoding="utf-8")  # the same bare wizard as bench_startup.py
    started = time.monotonic()
    freeze([str(script), *common_args(NAME, folder / "dist", folder / "work")])
    print(f"bare wizard frozen in {time.monotonic() - started:.0f} s")
    return folder / "dist" / NAME


def packages(bundle: Path, out: Path, icons) -> dict[str, Path]:
    from installer.linux import make_deb, make_tarball

    return {"tar.gz": make_tarball(bundle, icons, out, arch="bench"), "deb": make_deb(bundle, icons, out)}


def one_start(exe: Path, args: list[str]) -> float:
    # BENCH_T0 for the bare wizard's driver (it prints when it was shown); the app quits the same way.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STAPPENPLAN_QUIT_WHEN_SHOWN="1", BENCH_T0=repr(time.time()))
    started = time.perf_counter()
    done = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{exe} failed ({done.returncode}): {done.stdout} {done.stderr}")
    return elapsed


def cold_starts(app: Path, bare: Path, data: Path, repeat: int) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {"app": [], "bare": []}
    one_start(app, ["--data-dir", str(data)])  # warm-up: the OS file cache, the data folder
    one_start(bare, [])
    for _ in range(repeat):
        runs["app"].append(one_start(app, ["--data-dir", str(data)]))
        runs["bare"].append(one_start(bare, []))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep build/bench-bare/ (the bare build) afterwards")
    args = parser.parse_args()
    app = executable()
    if not app.exists():
        raise SystemExit(f"{app} does not exist: run `python build_installer.py build --no-package` first.")
    from installer.icons import make_icons

    work = WORK / "bench-bare"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bare = build_bare(work)
    icons = make_icons(work / "icons")
    sizes = {"folder": (folder_size(DIST / NAME), folder_size(bare))}
    app_packages = packages(DIST / NAME, work / "app-pkg", icons)
    bare_packages = packages(bare, work / "bare-pkg", icons)
    for kind in app_packages:
        sizes[kind] = (app_packages[kind].stat().st_size, bare_packages[kind].stat().st_size)
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        starts = cold_starts(app, bare / NAME, Path(tmp) / "data", args.repeat)
    result = {
        "sizes_mb": {k: {"app": a / 1e6, "bare": b / 1e6, "ratio": a / b} for k, (a, b) in sizes.items()},
        "cold_start_s": {k: statistics.median(v) for k, v in starts.items()},
        "cold_start_ratio": statistics.median(starts["app"]) / statistics.median(starts["bare"]),
        "repeat": args.repeat,
    }
    print(f"{'':10} {'app':>9} {'bare':>9} {'ratio':>6}")
    for kind, row in result["sizes_mb"].items():
        print(f"{kind:10} {row['app']:8.1f}M {row['bare']:8.1f}M {row['ratio']:6.2f}  (aim <= 1.3)")
    cs = result["cold_start_s"]
    print(f"{'start':10} {cs['app']:8.3f}s {cs['bare']:8.3f}s {result['cold_start_ratio']:6.2f}  (aim <= 1.5)")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench_bundle.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
