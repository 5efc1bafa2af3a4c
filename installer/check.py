"""Start the built app folder and check it: version, bundled files, commands, PDFs, --self-test, window."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installer.common import project_version


def run(cmd: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)


def _output(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}: {done.stdout.strip()!r} {done.stderr.strip()!r}"


def _check_version(exe: Path, env: dict[str, str], windowed: bool) -> str:
    done = run([str(exe), "--version"], env)
    if done.returncode != 0 or (not windowed and project_version() not in done.stdout):
        return f"--version: {_output(done)}"
    print(f"ok  --version {done.stdout.strip()}")
    return ""


def _check_bundled(exe: Path) -> str:
    worksheets = list(exe.parent.rglob("vv_desktop/data/worksheets/*.toml"))
    icons = list(exe.parent.rglob("vv_desktop/data/assets/icons/*.svg"))
    if not worksheets or not icons:
        return f"bundle lacks package data: {len(worksheets)} worksheet files, {len(icons)} icons"
    print(f"ok  {len(worksheets)} worksheet files and {len(icons)} icons in the bundle")
    return ""


def _check_render(exe: Path, env: dict[str, str], tmp: Path) -> list[str]:
    failures = []
    # The kinds that need no plan; the self-test renders a poster of a real plan.
    for kind, extra in (("stellingen", []), ("blank", ["--phase", "concretiseren"])):
        pdf = tmp / f"{kind}.pdf"
        done = run([str(exe), "render", "--kind", kind, *extra, "-o", str(pdf)], env)
        if done.returncode != 0 or not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF"):
            failures.append(f"render {kind}: {_output(done)}")
        else:
            print(f"ok  render {kind}: {pdf.stat().st_size // 1024} KB")
    return failures


def check_self_test(exe: Path, env: dict[str, str]) -> str:
    done = run([str(exe), "--self-test"], env, timeout=180)
    if done.returncode != 0:
        return f"--self-test: {_output(done)}"
    print(f"ok  --self-test: {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else 'exit 0'}")
    return ""


def wait_for_log(log_file: Path, text: str, process: subprocess.Popen[str] | None, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (process is None or process.poll() is None):
        if log_file.exists() and text in log_file.read_text("utf-8", "replace"):
            return True
        time.sleep(0.2)
    return False


def stop(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.stdout.read() if process.stdout else ""


def _check_window(exe: Path, env: dict[str, str], data: Path) -> str:
    """The app logs "started" only after it has read the worksheets and shown the window."""
    log_file = data / "logs" / "stappenplan.log"
    app = subprocess.Popen([str(exe), "--data-dir", str(data)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = wait_for_log(log_file, "started", app, 60)
    output = stop(app)
    if not started:
        log = log_file.read_text("utf-8", "replace") if log_file.exists() else "(no log)"
        return f"the app did not start: exit {app.returncode}\n{output}\n{log}"
    print("ok  the window opens with the worksheets loaded (offscreen)")
    return ""


def check_bundle(exe: Path, windowed: bool) -> int:
    if not exe.exists():
        print(f"{exe} does not exist: build first.", file=sys.stderr)
        return 1
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    failures = [_check_version(exe, env, windowed), _check_bundled(exe)]
    with tempfile.TemporaryDirectory(prefix="stappenplan-check-") as tmp:
        data = Path(tmp) / "data"
        plans = run([str(exe), "plans", "--data-dir", str(data)], env)
        failures.append("" if plans.returncode == 0 else f"plans: {_output(plans)}")
        if plans.returncode == 0:
            print(f"ok  plans: {plans.stdout.strip()}")
        failures += _check_render(exe, env, Path(tmp))
        failures.append(check_self_test(exe, env))
        failures.append(_check_window(exe, env, data))
    failures = [f for f in failures if f]
    for failure in failures:
        print(f"FAILED  {failure}", file=sys.stderr)
    return 1 if failures else 0
