#!/usr/bin/env python3
"""Build the wheel, install it (not editable) into a fresh virtual environment, and use it.

From outside the checkout, so only the installed package can be imported: every PDF kind is
rendered through the ``vv-desktop`` command, and ``stappenplan --self-test`` opens the window
offscreen, makes, saves and reopens a plan, prints a poster and exports a .vvplan. Exit 0 when
all of it works; otherwise 1, with what failed. Used by .ci/run; works on Windows and macOS too.

    python scripts/check_wheel.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = {  # kind -> extra arguments; all with the plan made below
    "poster": ["--phase", "uitvoeren", "--paper", "A3"],
    "poster-tiled": ["--phase", "agenderen", "--paper", "A2"],
    "worksheet": ["--phase", "concretiseren", "--all-rounds"],
    "blank": ["--phase", "verduurzamen"],
    "stellingen": [],
    "report": [],
    "kaart": [],
}
MAKE_PLAN = """
import sys
from pathlib import Path
import vv_desktop
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
root = Path(sys.argv[1])
root.mkdir(parents=True, exist_ok=True)
store = PlanStore(root, Settings(root).device_id)
plan = store.create("Wielcheck", "Muziekvereniging & <Harmonie>")
plan.set_answer("agenderen", "al_bezig", "We praten er <b>wel</b> over & bij de repetitie.")
store.save(plan)
print(vv_desktop.__file__)
"""


def _bin(env_dir: Path, name: str) -> Path:
    scripts = env_dir / ("Scripts" if os.name == "nt" else "bin")
    return scripts / (f"{name}.exe" if os.name == "nt" else name)


def _run(cmd: list[str | Path], cwd: Path, env: dict[str, str], timeout: int = 900) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check(work: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    wheels = work / "wheel"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT],
         work, env)
    wheel = next(wheels.glob("vv_desktop-*.whl"))
    print(f"ok  built {wheel.name} ({wheel.stat().st_size // 1024} KB)")
    target = work / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(target)
    python = _bin(target, "python")
    _run([python, "-m", "pip", "install", "-q", wheel], work, env)
    print(f"ok  installed into a fresh venv ({target})")
    site = _run([python, "-c", MAKE_PLAN, work / "data"], work, env).strip()
    if str(ROOT) in site or "site-packages" not in site:
        raise RuntimeError(f"the package was imported from {site}, not from the venv")
    print(f"ok  imported from {site}")
    for kind, extra in KINDS.items():
        out = work / f"{kind}.pdf"
        _run([_bin(target, "vv-desktop"), "render", "--data-dir", work / "data", "--plan", "Wielcheck",
              "--kind", kind, *extra, "-o", out], work, env)
        if not out.read_bytes().startswith(b"%PDF-"):
            raise RuntimeError(f"render {kind} did not make a PDF")
        print(f"ok  render {kind}: {out.stat().st_size // 1024} KB")
    gui = _bin(target, "stappenplan")
    if not gui.exists():
        raise RuntimeError(f"the GUI entry point {gui.name} is not installed")
    print("ok  " + _run([python, "-m", "vv_desktop", "--self-test"], work, env).strip().splitlines()[-1])
    print("ok  " + _run([gui, "--version"], work, env).strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    try:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            check(args.keep.resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="stappenplan-wheel-") as tmp:
                check(Path(tmp))
    except (RuntimeError, StopIteration, subprocess.TimeoutExpired) as exc:
        print(f"FAILED  {exc}", file=sys.stderr)
        return 1
    print("The wheel works.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
