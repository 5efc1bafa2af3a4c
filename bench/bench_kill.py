"""Benchmark: SIGKILL the real app while someone types steadily; how much typing is lost?

Each round starts the real app (offscreen) on the same data folder through ``_kill_driver.py``,
which types one token every few hundred milliseconds into the fields of the open plan and logs
each token and each ``saved`` signal with its time. After a random time of typing the harness
kills the process with SIGKILL, reads ``plan.json`` and works out:

- **loss**: kill time minus the time of the oldest logged token that is not on disk (0 if all are);
- **acknowledged lost**: tokens typed before a logged ``saved`` signal that are not on disk;
- **temporary files** left by the kill, and left over once the next start has opened its window.

Then a few rounds end with SIGTERM instead, which must lose nothing. Aims: loss at most 1 s for
every kill, 0 acknowledged saves lost, 0 temporary files after the next start, 0 loss on SIGTERM.

    .venv/bin/python bench/bench_kill.py [--kills 500] [--terms 10] [--source DIR] [--label after]

``--source`` runs another copy of the code (e.g. an older commit unpacked with ``git archive``).
Prints a table and writes bench/results/bench_kill-<label>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _plans

from vv_desktop.core.settings import Settings

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
DRIVER = BENCH / "_kill_driver.py"
TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")  # what core/atomic.py names its temporary files
INTERVALS_MS = (40, 80, 150, 250, 400, 650)  # from a fast typist's words to slow, steady typing
RESET_BYTES = 400_000  # start again from a fresh data folder when the plan has grown this big


@dataclass
class Round:
    run: int
    how: str  # "kill" or "term"
    interval_ms: int
    typed_s: float  # from the first token until the signal
    tokens: int
    lost_tokens: int
    loss_s: float
    acked_lost: int
    saves: int
    temp_left: int  # temporary files right after the process ended
    temp_after_next_start: int = -1
    plan_readable: bool = True
    exit_code: int | None = None


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*") if TEMP_NAME.match(p.name)]


def fresh_data_dir(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    ids = _plans.fill_data_dir(root, 3)
    Settings(root).set("last_plan", ids[0])
    return root / "plans" / ids[0] / "plan.json"


def read_log(path: Path) -> tuple[float | None, list[tuple[int, float, str]], list[tuple[float, int]]]:
    ready, tokens, saves = None, [], []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "ready":
            ready = float(parts[1])
        elif len(parts) == 4 and parts[0] == "tok":
            tokens.append((int(parts[1]), float(parts[2]), parts[3]))
        elif len(parts) == 3 and parts[0] == "saved":
            saves.append((float(parts[1]), int(parts[2])))
    return ready, tokens, saves


def wait_for(predicate, timeout: float, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    return False


class Harness:
    def __init__(self, base: Path, source: Path, seed: int):
        self.base = base
        self.data = base / "data"
        self.plan_file = fresh_data_dir(self.data)
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(source))
        self.rng = random.Random(seed)
        self.rounds: list[Round] = []

    def start(self, run: int, interval_ms: int) -> tuple[subprocess.Popen, Path]:
        log = self.base / f"run-{run:05d}.log"
        proc = subprocess.Popen([sys.executable, str(DRIVER), str(self.data), str(log), str(run), str(interval_ms)],
                                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return proc, log

    def one(self, run: int, how: str, min_s: float = 0.1, max_s: float = 3.0) -> Round:
        if self.plan_file.exists() and self.plan_file.stat().st_size > RESET_BYTES:
            self.plan_file = fresh_data_dir(self.data)
        interval = self.rng.choice(INTERVALS_MS)
        proc, log = self.start(run, interval)
        try:
            if not wait_for(lambda: log.exists() and "ready" in log.read_text("utf-8"), 60, proc):
                raise RuntimeError(f"run {run}: the app did not start (exit code {proc.poll()})")
            if self.rounds and self.rounds[-1].temp_after_next_start < 0:
                self.rounds[-1].temp_after_next_start = len(temp_files(self.data))
            if not wait_for(lambda: " tok " in " " + log.read_text("utf-8").replace("\n", " "), 30, proc):
                raise RuntimeError(f"run {run}: the driver typed nothing")
            time.sleep(self.rng.uniform(min_s, max_s))
            signalled = time.time()
            proc.send_signal(signal.SIGKILL if how == "kill" else signal.SIGTERM)
            code = proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        result = self.measure(run, how, interval, log, signalled)
        result.exit_code = code
        self.rounds.append(result)
        return result

    def measure(self, run: int, how: str, interval: int, log: Path, signalled: float) -> Round:
        _ready, tokens, saves = read_log(log)
        raw = self.plan_file.read_bytes()
        try:
            json.loads(raw)
            readable = True
        except ValueError:
            readable = False
        text = raw.decode("utf-8", "replace")
        missing = [(seq, t) for seq, t, tok in tokens if tok not in text]
        acked = max((seq for _t, seq in saves), default=-1)
        return Round(
            run=run, how=how, interval_ms=interval,
            typed_s=signalled - tokens[0][1] if tokens else 0.0, tokens=len(tokens), lost_tokens=len(missing),
            loss_s=max(0.0, signalled - min(t for _s, t in missing)) if missing else 0.0,
            acked_lost=sum(1 for seq, _t in missing if seq <= acked), saves=len(saves),
            temp_left=len(temp_files(self.data)), plan_readable=readable)

    def last_start(self) -> None:
        """One more start, so the temporary files of the last kill are counted too; then SIGTERM."""
        proc, log = self.start(len(self.rounds), 400)
        try:
            if wait_for(lambda: log.exists() and "ready" in log.read_text("utf-8"), 60, proc) and self.rounds:
                self.rounds[-1].temp_after_next_start = len(temp_files(self.data))
            proc.send_signal(signal.SIGTERM)
            proc.wait(90)  # a guard against a hang, not a measure: a busy machine may still be starting it
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def summarize(rounds: list[Round]) -> dict[str, object]:
    kills = [r for r in rounds if r.how == "kill"]
    terms = [r for r in rounds if r.how == "term"]
    losses = [r.loss_s for r in kills] or [0.0]
    return {
        "kills": len(kills), "terms": len(terms),
        "tokens_typed": sum(r.tokens for r in kills), "tokens_lost": sum(r.lost_tokens for r in kills),
        "loss_max_s": max(losses), "loss_median_s": statistics.median(losses),
        "loss_p99_s": sorted(losses)[int(0.99 * (len(losses) - 1))],
        "kills_over_1s": sum(1 for x in losses if x > 1.0),
        "acked_lost": sum(r.acked_lost for r in rounds),
        "temp_left_by_kills": sum(r.temp_left for r in kills),
        "temp_after_next_start": sum(max(0, r.temp_after_next_start) for r in rounds),
        "unreadable_plan_files": sum(1 for r in rounds if not r.plan_readable),
        "term_tokens": sum(r.tokens for r in terms), "term_lost": sum(r.lost_tokens for r in terms),
        "term_clean_exits": sum(1 for r in terms if r.exit_code == 0),
    }


def run_bench(kills: int, terms: int, source: Path, seed: int = 2026, base: Path | None = None,
              progress: bool = False, min_s: float = 0.1, max_s: float = 3.0,
              ) -> tuple[dict[str, object], list[Round]]:
    """``kills`` rounds ended by SIGKILL, then ``terms`` by SIGTERM, each after min_s..max_s of typing."""
    base = Path(tempfile.mkdtemp(prefix="vv-bench-kill-", dir=base))
    try:
        harness = Harness(base, source, seed)
        for n in range(kills + terms):
            r = harness.one(n, "kill" if n < kills else "term", min_s=min_s, max_s=max_s)
            if progress:
                print(f"{r.how} {n + 1:4d}/{kills + terms}: {r.interval_ms:3d} ms/token, typed {r.typed_s:4.2f} s, "
                      f"lost {r.lost_tokens:2d} tokens = {r.loss_s:4.2f} s, saves {r.saves}, "
                      f"temp {r.temp_left}", flush=True)
        harness.last_start()
        return summarize(harness.rounds), harness.rounds
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--terms", type=int, default=10)
    parser.add_argument("--source", type=Path, default=BENCH.parent, help="the code to run (default: this copy)")
    parser.add_argument("--label", default="after", help="names the results file")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--dir", type=Path, help="where to make the data folder (default: a temporary folder)")
    args = parser.parse_args()

    t0 = time.monotonic()
    summary, rounds = run_bench(args.kills, args.terms, args.source.resolve(), args.seed, args.dir, progress=True)
    summary["minutes"] = round((time.monotonic() - t0) / 60, 1)
    print()
    for key, value in summary.items():
        print(f"{key:>24}: {value:.3f}" if isinstance(value, float) else f"{key:>24}: {value}")
    by_speed = {}
    for ms in INTERVALS_MS:
        losses = [r.loss_s for r in rounds if r.how == "kill" and r.interval_ms == ms]
        if losses:
            by_speed[ms] = {"kills": len(losses), "loss_max_s": max(losses), "loss_median_s": statistics.median(losses)}
            print(f"{ms:>6} ms/token: {len(losses):4d} kills, loss max {max(losses):.2f} s, "
                  f"median {statistics.median(losses):.2f} s")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_kill-{args.label}.json"
    out.write_text(json.dumps({
        "benchmark": "kill", "label": args.label, "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": sys.version.split()[0], "platform": platform.platform(), "source": str(args.source),
        "summary": summary, "by_interval_ms": by_speed, "rounds": [asdict(r) for r in rounds],
        "aims": "loss_max_s <= 1.0, acked_lost 0, temp_after_next_start 0, term_lost 0",
    }, indent=2), "utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
