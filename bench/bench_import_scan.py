"""Benchmark: checking an import of a 300-action plan beside 200 other plans vs beside none.

``sharing.prepare_import`` (read and check the file, find the plan on this laptop, merge) with a
fresh ``PlanStore`` each time, as ``vv-desktop import`` does: the store first lists the plans on
this laptop. Baseline in the same run, interleaved: the same file and plan in a data folder that
holds only that plan, so the ratio is what the other 200 plans cost.

    .venv/bin/python bench/bench_import_scan.py [--runs 30] [--plans 200] [--label after]

Prints a table and writes bench/results/bench_import_scan[-LABEL].json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _plans

from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore

RESULTS = Path(__file__).resolve().parent / "results"


def big_plan(root: Path, actions: int) -> str:
    root.mkdir(parents=True)
    store = PlanStore(root, Settings(root).device_id)
    plan = store.create("Groot plan", "HC Vleuten")
    for i in range(actions):
        plan.add_item("concretiseren", "acties", {"wat": f"Actie {i}: {_plans.SENTENCES[i % 10]}", "wie": "Trainers",
                                                  "wanneer": "voorjaar", "status": "gepland"})
    store.save(plan)
    return plan.id


def timed(root: Path, file: Path) -> float:
    start = time.perf_counter()
    outcome = sharing.prepare_import(PlanStore(root, Settings(root).device_id), file)
    took = time.perf_counter() - start
    assert outcome.kind == "unchanged", outcome.kind
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="vv-bench-import-scan-"))
    try:
        alone, crowded = base / "alleen", base / "druk"
        plan_id = big_plan(alone, args.actions)
        _plans.fill_data_dir(crowded, args.plans)
        shutil.copytree(alone / "plans" / plan_id, crowded / "plans" / plan_id)
        (crowded / "instellingen.json").write_text((alone / "instellingen.json").read_text("utf-8"), "utf-8")
        file = sharing.export_plan(PlanStore(alone, Settings(alone).device_id), plan_id, base / "plan.vvplan")
        variants = {"1 plan (baseline)": alone, f"{args.plans + 1} plans": crowded}
        for root in variants.values():  # warm-up: file cache, caches the app writes itself
            timed(root, file)
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.runs):
            for name, root in variants.items():
                times[name].append(timed(root, file))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    base_runs = times["1 plan (baseline)"]
    print(f"\nprepare_import of a {args.actions}-action plan, fresh store each time, {args.runs} runs")
    print(f"{'variant':<20} {'median ms':>10} {'p90 ms':>8} {'x median':>9} {'x min-max':>12}")
    rows = []
    for name, runs in times.items():
        ratios = sorted(a / b for a, b in zip(runs, base_runs, strict=True))
        row = {"variant": name, "median_ms": statistics.median(runs) * 1000,
               "p90_ms": statistics.quantiles(runs, n=10)[-1] * 1000,
               "ratio": statistics.median(runs) / statistics.median(base_runs),
               "ratio_min": ratios[0], "ratio_max": ratios[-1]}
        rows.append(row)
        print(f"{name:<20} {row['median_ms']:>10.1f} {row['p90_ms']:>8.1f} {row['ratio']:>9.2f} "
              f"{row['ratio_min']:>5.2f}-{row['ratio_max']:<5.2f}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / (f"bench_import_scan-{args.label}.json" if args.label else "bench_import_scan.json")
    out.write_text(json.dumps({"benchmark": "import_scan", "plans": args.plans, "actions": args.actions,
                               "runs": args.runs, "rows": rows}, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
