"""Benchmark: one autosave with 1 plan in the data folder vs with 200 plans.

Saving a plan writes only that plan's file, so an autosave should cost the same however many plans
there are: the aim is a ratio 200/1 of about 1.0 (anything under 1.2 is noise on a busy disk).

    .venv/bin/python bench/bench_autosave.py [--saves 50] [--plans 200] [--dir FOLDER]

Prints a table and writes bench/results/bench_autosave.json.
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

from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=50, help="saves measured per data folder (default 50)")
    parser.add_argument("--plans", type=int, default=200, help="plans in the big data folder (default 200)")
    parser.add_argument("--dir", type=Path, help="where to make the data folders (default: a temporary folder)")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="vv-bench-autosave-", dir=args.dir))
    try:
        t0 = time.perf_counter()
        folders = {1: base / "een", args.plans: base / "veel"}
        stores: dict[int, PlanStore] = {}
        plans = {}
        for n, root in folders.items():
            ids = _plans.fill_data_dir(root, n)  # same seed: plan 0 is identical in both folders
            stores[n] = PlanStore(root, Settings(root).device_id)
            stores[n].scan()  # as the app does at start
            plans[n] = stores[n].load(ids[0])
        answers, items = _plans.count(plans[1])
        size = (stores[1].plan_folder(plans[1].id) / "plan.json").stat().st_size
        print(f"data folders ready in {time.perf_counter() - t0:.1f} s: plan with {answers} answers, "
              f"{items} list items, {size / 1024:.1f} KB on disk")

        times: dict[int, list[float]] = {n: [] for n in folders}
        for i in range(args.saves + 5):  # interleaved, so that disk hiccups hit both; first 5 are warm-up
            for n in (folders if i % 2 else reversed(list(folders))):
                plan = plans[n]
                plan.set_answer("agenderen", "kansen", f"Autosave nummer {i}: {_plans.SENTENCES[i % 10]}")
                start = time.perf_counter()
                stores[n].save(plan)
                elapsed = time.perf_counter() - start
                if i >= 5:
                    times[n].append(elapsed * 1000)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    rows = {}
    for n, values in times.items():
        rows[n] = {"plans": n, "saves": len(values), "median_ms": statistics.median(values),
                   "p90_ms": percentile(values, 0.9), "min_ms": min(values), "max_ms": max(values)}
    big = args.plans
    ratio_median = rows[big]["median_ms"] / rows[1]["median_ms"]
    ratio_p90 = rows[big]["p90_ms"] / rows[1]["p90_ms"]

    print()
    print(f"{'plans in folder':>16} {'saves':>6} {'median ms':>10} {'p90 ms':>9} {'min ms':>8} {'max ms':>8}")
    for r in rows.values():
        print(f"{r['plans']:>16} {r['saves']:>6} {r['median_ms']:>10.2f} {r['p90_ms']:>9.2f} "
              f"{r['min_ms']:>8.2f} {r['max_ms']:>8.2f}")
    print(f"\nratio {big}/1: median {ratio_median:.2f}, p90 {ratio_p90:.2f}  (aim: about 1.0)")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "bench_autosave.json"
    out.write_text(json.dumps({
        "benchmark": "autosave", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": sys.version.split()[0], "platform": platform.platform(),
        "plan": {"answers": answers, "list_items": items, "bytes": size},
        "rows": list(rows.values()), "ratio_median": ratio_median, "ratio_p90": ratio_p90,
        "aim": "ratio about 1.0",
    }, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
