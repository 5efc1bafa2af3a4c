"""Starting on a locked data folder: what is taken over by itself, what is asked, what is refused."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tests.helpers.gui import answer_modal
from tests.helpers.locks import write_lock
from tests.helpers.read_only_folder import fill, full_disk
from vv_desktop.core.folder_lock import LOCK_FILE
from vv_desktop.core.lock_owner import machine_name
from vv_desktop.ui.folder_claim import Claim, claim_folder
from vv_desktop.ui.single_instance import SingleInstance


@pytest.fixture
def instances(qapp) -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for inst in made:
        inst.release()


def _new(instances: list[SingleInstance], folder: Path) -> SingleInstance:
    inst = SingleInstance(folder)
    instances.append(inst)
    return inst


def _press(name: str, seen: list[str]):
    """Answer the next message box with its button called ``name``; note which box it was."""
    def act(box: QMessageBox) -> None:
        seen.append(box.objectName())
        box.findChild(QPushButton, name).click()
    return act


def test_a_lock_of_another_computer_is_taken_over_when_the_person_says_so(qtbot, tmp_path, instances):
    write_lock(tmp_path, 4242, "laptop-van-de-voorzitter")
    seen: list[str] = []
    texts: list[str] = []

    def act(box: QMessageBox) -> None:
        texts.append(box.text() + box.informativeText())
        _press("takeOver", seen)(box)

    answer_modal(act)
    inst = _new(instances, tmp_path)
    assert claim_folder(inst, writable=True) is Claim.WRITE
    assert seen == ["takeOverLock"]
    assert "laptop-van-de-voorzitter" in texts[0]
    assert f"{QApplication.applicationPid()}\n" == (tmp_path / LOCK_FILE).read_text().splitlines(True)[0]


def test_saying_no_leaves_the_lock_alone(qtbot, tmp_path, instances):
    write_lock(tmp_path, 4242, "laptop-van-de-voorzitter")
    before = (tmp_path / LOCK_FILE).read_bytes()
    seen: list[str] = []
    answer_modal(_press("stop", seen))
    assert claim_folder(_new(instances, tmp_path), writable=True) is Claim.REFUSED
    assert seen == ["takeOverLock"]
    assert (tmp_path / LOCK_FILE).read_bytes() == before


def test_a_lock_of_a_live_program_that_is_not_stappenplan_is_offered(qtbot, tmp_path, instances):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_lock(tmp_path, other.pid, machine_name())
        seen: list[str] = []
        answer_modal(_press("takeOver", seen))
        assert claim_folder(_new(instances, tmp_path), writable=True) is Claim.WRITE
        assert seen == ["takeOverLock"]
    finally:
        other.kill()
        other.wait()


def _no_questions(monkeypatch) -> list[str]:
    """Message boxes that would be shown; none is expected."""
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.objectName()) or 0)
    return seen


def test_a_running_stappenplan_gets_the_file_and_nothing_is_asked(qtbot, tmp_path, instances, monkeypatch):
    first = _new(instances, tmp_path)
    assert first.acquire()
    seen = _no_questions(monkeypatch)
    mail = tmp_path / "plan.vvplan"
    with qtbot.waitSignal(first.open_requested, timeout=3000):
        assert claim_folder(_new(instances, tmp_path), writable=True, file=mail) is Claim.HANDED_OVER
    assert seen == []


HOLDER = textwrap.dedent(
    """
    import sys, time
    from vv_desktop.core.folder_lock import FolderLock

    lock = FolderLock(sys.argv[1])  # held (no socket: it does not answer as Stappenplan)
    print("locked" if lock.acquire() else "refused", flush=True)
    time.sleep(60)
    """
)


def test_taking_over_a_lock_that_is_really_held_fails_and_says_so(qtbot, tmp_path, instances):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                              env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        seen: list[str] = []

        def take_over(box: QMessageBox) -> None:
            answer_modal(lambda second: (seen.append(second.objectName()), second.accept()))
            _press("takeOver", seen)(box)

        answer_modal(take_over)
        assert claim_folder(_new(instances, tmp_path), writable=True) is Claim.REFUSED
        assert seen == ["takeOverLock", "folderInUse"]
    finally:
        holder.kill()
        holder.wait()


def test_a_full_disk_says_so_not_that_the_app_is_open(qtbot, tmp_path, instances):
    with full_disk(tmp_path / "stick") as stick:
        fill(stick)
        seen: list[str] = []
        answer_modal(_press("stop", seen))
        inst = SingleInstance(stick)
        assert claim_folder(inst, writable=True) is Claim.REFUSED
        assert seen == ["cannotWrite"]
        assert inst.problem is not None and inst.problem.error is not None
        assert inst.problem.error.errno == errno.ENOSPC


def test_a_read_only_folder_opens_read_only_without_a_question(qtbot, tmp_path, instances, monkeypatch):
    seen = _no_questions(monkeypatch)
    inst = _new(instances, tmp_path)
    assert claim_folder(inst, writable=False) is Claim.READ_ONLY
    assert seen == []
    with qtbot.waitSignal(inst.activate_requested, timeout=3000):  # a second start still finds this one
        assert _new(instances, tmp_path).ask_first_to_activate() is True
