"""A Stappenplan that runs (it answers its socket) keeps its folder, also when its lock file was
replaced or removed under it (a sync tool, a clean-up program): a second window and the commands
leave it alone, and nobody takes its socket name."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.locks import HOLDER, new_instance
from vv_desktop.cli import main
from vv_desktop.core import sharing
from vv_desktop.core.folder_lock import LOCK_FILE, LockProblem
from vv_desktop.core.running_app import ask_running_app
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.folder_claim import Claim, claim_folder
from vv_desktop.ui.single_instance import SingleInstance


def _replace_with_junk(folder: Path) -> None:
    junk = folder / "sync.tmp"
    junk.write_bytes(b"\x00\xff junk from a sync tool\n")
    os.replace(junk, folder / LOCK_FILE)  # a new file: the running app's flock is on the old one


def _delete(folder: Path) -> None:
    (folder / LOCK_FILE).unlink()


DAMAGE = pytest.mark.parametrize("damage", [_replace_with_junk, _delete], ids=["replaced-by-junk", "deleted"])


@contextmanager
def _running_stappenplan(folder: Path) -> Iterator[None]:
    """Stappenplan in another process with ``folder``: it holds the lock and answers on its socket."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True,
                              env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "acquired"
        yield
    finally:
        holder.kill()
        holder.wait()


def _lock_state(folder: Path) -> bytes | None:
    file = folder / LOCK_FILE
    return file.read_bytes() if file.exists() else None


@DAMAGE
def test_a_second_window_hands_over_when_the_lock_file_of_the_running_app_was_replaced(
        qtbot, tmp_path, instances, monkeypatch, damage):
    with _running_stappenplan(tmp_path):
        damage(tmp_path)
        before = _lock_state(tmp_path)
        seen: list[str] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.objectName()) or 0)
        second = new_instance(instances, tmp_path)
        assert claim_folder(second, writable=True) is Claim.HANDED_OVER
        assert seen == []
        assert _lock_state(tmp_path) == before  # not taken over, not made anew
        assert ask_running_app(tmp_path)  # the running app still answers


@DAMAGE
def test_the_lock_says_a_running_stappenplan_has_it(tmp_path, instances, damage):
    with _running_stappenplan(tmp_path):
        damage(tmp_path)
        second = new_instance(instances, tmp_path)
        assert second.acquire() is False
        assert second.problem is not None
        assert (second.problem.kind, second.problem.running) == (LockProblem.IN_USE, True)


def test_serving_never_takes_the_socket_name_of_a_running_app(qtbot, tmp_path, instances):
    first = new_instance(instances, tmp_path)
    assert first.acquire()
    late = new_instance(instances, tmp_path)
    late.serve()  # a read-only start that came just after the first one
    with qtbot.waitSignal(first.activate_requested, timeout=3000):
        assert new_instance(instances, tmp_path).ask_first_to_activate() is True


def test_serving_takes_a_socket_name_that_nobody_answers(qtbot, tmp_path, instances):
    crashed = SingleInstance(tmp_path)
    crashed.serve()
    crashed._server.close()  # type: ignore[union-attr]  - as if its process died: the name is nobody's
    inst = new_instance(instances, tmp_path)
    assert inst.acquire()
    with qtbot.waitSignal(inst.activate_requested, timeout=3000):
        assert new_instance(instances, tmp_path).ask_first_to_activate() is True


def _plan_in(folder: Path, method):
    folder.mkdir(parents=True, exist_ok=True)
    return hockey_club_halfway(PlanStore(folder, Settings(folder).device_id), method)


@DAMAGE
def test_import_is_refused_when_the_lock_file_of_the_running_app_was_replaced(
        capsys, qapp, tmp_path, method, damage):
    a, b = tmp_path / "a", tmp_path / "b"
    plan = _plan_in(a, method)
    file = sharing.export_plan(PlanStore(a, Settings(a).device_id), plan.id, tmp_path / "plan.vvplan")
    b.mkdir()
    with _running_stappenplan(b):
        damage(b)
        before = _lock_state(b)
        capsys.readouterr()
        assert main(["import", "--data-dir", str(b), str(file)]) == 1
        assert capsys.readouterr().err.strip()
        assert not (b / "plans" / plan.id).exists()
        assert _lock_state(b) == before
        out = tmp_path / "uit.vvplan"
        assert main(["export", "--data-dir", str(b), "--plan", plan.id, "-o", str(out)]) == 1
        assert _lock_state(b) == before
