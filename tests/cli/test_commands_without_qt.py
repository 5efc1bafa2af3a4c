"""The commands without a window never load Qt, and open no network connection.

Each command runs as a person runs it (``python -m vv_desktop ...``, on a real data folder with a
plan), in a clean environment whose only extra is a ``sitecustomize`` with an audit hook: it
notes every import of PySide6 or shiboken6 and every socket connect, and writes them down when
the process ends. The export and the import still ask whether a window has the folder open
(over a local Unix socket): that connect is allowed, anything else is not.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT
from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore

ROOT = REPO_ROOT
QT = ("PySide6", "shiboken6")

_PROBE = textwrap.dedent(
    f"""
    import atexit, json, os, sys

    _seen = {{"qt": [], "connects": []}}

    def _hook(event, args):
        if event == "import" and str(args[0]).split(".")[0] in {QT!r}:
            _seen["qt"].append(str(args[0]))
        elif event == "socket.connect":
            _seen["connects"].append([int(args[0].family), str(args[1])])

    def _report():
        _seen["qt"] += [m for m in sys.modules if m.split(".")[0] in {QT!r}]
        with open(os.environ["VV_PROBE_REPORT"], "w", encoding="utf-8") as fh:
            json.dump(_seen, fh)

    sys.addaudithook(_hook)
    atexit.register(_report)
    """
)


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """Run ``python ARGS`` with only this worktree and the probe on the path; what the probe saw."""
    probe = tmp_path / "probe"
    probe.mkdir(exist_ok=True)
    (probe / "sitecustomize.py").write_text(_PROBE, encoding="utf-8")
    report = tmp_path / "probe-report.json"
    report.unlink(missing_ok=True)
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.pathsep.join([str(probe), str(ROOT)]),
           "VV_PROBE_REPORT": str(report), "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("SYSTEMROOT", "LOCALAPPDATA", "APPDATA"):  # Windows cannot start Python without SYSTEMROOT
        if name in os.environ:
            env[name] = os.environ[name]
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, env=env,
                          cwd=tmp_path)
    assert report.is_file(), f"the probe did not run: {done.stderr[-800:]}"
    return done, json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture
def folder_with_a_plan(tmp_path: Path, method) -> tuple[Path, str, Path]:
    """A data folder with a plan, its id, and that plan exported to a .vvplan file."""
    data = tmp_path / "data"
    data.mkdir()
    store = PlanStore(data, Settings(data).device_id)
    plan = hockey_club_halfway(store, method)
    return data, plan.id, sharing.export_plan(store, plan.id, tmp_path / "mail.vvplan")


def _commands(data: Path, plan_id: str, file: Path, tmp_path: Path) -> dict[str, list[str]]:
    other = tmp_path / "other"
    return {
        "plans": ["plans", "--data-dir", str(data)],
        "export": ["export", "--data-dir", str(data), "--plan", plan_id, "-o", str(tmp_path / "uit.vvplan")],
        "validate": ["validate", str(file)],
        "import": ["import", "--data-dir", str(other), str(file)],
        "render": ["render", "--data-dir", str(data), "--plan", plan_id, "--kind", "worksheet", "--phase",
                   "agenderen", "-o", str(tmp_path / "werkblad.pdf")],
    }


LOCKING = {"export", "import"}  # these take the data folder's lock, and so ask for a running window


@pytest.mark.parametrize("command", ["plans", "export", "validate", "import", "render"])
def test_a_command_without_a_window_never_loads_qt(tmp_path, folder_with_a_plan, command):
    data, plan_id, file = folder_with_a_plan
    done, seen = _run(tmp_path, "-m", "vv_desktop", *_commands(data, plan_id, file, tmp_path)[command])
    assert done.returncode == 0, done.stderr[-2000:]
    assert seen["qt"] == [], f"'{command}' loaded Qt: {sorted(set(seen['qt']))[:5]}"
    families = {family for family, _address in seen["connects"]}
    assert families <= {int(getattr(socket, "AF_UNIX", -1))}, f"'{command}' connected: {seen['connects']}"
    if command in LOCKING and sys.platform != "win32":  # a window with this folder was looked for, Qt-free
        assert [Path(address).parent for _family, address in seen["connects"]] == [tmp_path / "tmp"]


def test_the_probe_sees_qt_when_it_is_loaded(tmp_path):
    """The probe itself works: the window's lock module does load Qt (QtNetwork once its server starts)."""
    done, seen = _run(tmp_path, "-c", "import vv_desktop.ui.single_instance, PySide6.QtNetwork")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PySide6" in seen["qt"] and "PySide6.QtNetwork" in seen["qt"]
