"""One app instance per data folder (Qt: pytest-qt's qapp/qtbot, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import errno
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from tests.helpers.locks import HOLDER, new_instance, write_lock
from tests.helpers.read_only_folder import fill, full_disk, read_only
from vv_desktop.core.folder_lock import LOCK_FILE, FolderLock, LockProblem
from vv_desktop.core.lock_owner import machine_name, this_process
from vv_desktop.core.running_app import app_address, ask_running_app, server_name
from vv_desktop.ui.single_instance import SingleInstance

_CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from vv_desktop.ui.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    got = instance.acquire()
    print("acquired" if got else "refused", flush=True)
    if got and sys.argv[2] == "crash":
        os._exit(0)  # dies holding the lock: no release, no clean-up
    if got:
        instance.release()
    """
)


def _start_in_other_process(data_dir: Path, how: str = "release") -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _CHILD, str(data_dir), how],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_second_instance_cannot_acquire(tmp_path: Path, instances: list[SingleInstance]) -> None:
    first = new_instance(instances, tmp_path)
    assert first.acquire() is True
    assert (tmp_path / LOCK_FILE).exists()
    second = new_instance(instances, tmp_path)
    assert second.acquire() is False


def test_other_data_folder_is_independent(tmp_path: Path, instances: list[SingleInstance]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert new_instance(instances, tmp_path / "a").acquire() is True
    assert new_instance(instances, tmp_path / "b").acquire() is True


def test_second_start_asks_the_first_to_come_to_the_front(
    tmp_path: Path, instances: list[SingleInstance], qtbot: QtBot
) -> None:
    first = new_instance(instances, tmp_path)
    assert first.acquire()
    second = new_instance(instances, tmp_path)
    assert not second.acquire()
    with qtbot.waitSignal(first.activate_requested, timeout=3000):
        assert second.ask_first_to_activate() is True


def test_no_signal_without_a_request(tmp_path: Path, instances: list[SingleInstance], qtbot: QtBot) -> None:
    first = new_instance(instances, tmp_path)
    assert first.acquire()
    with qtbot.assertNotEmitted(first.activate_requested, wait=300):
        pass


def test_asking_without_a_first_instance_fails(tmp_path: Path, instances: list[SingleInstance]) -> None:
    assert new_instance(instances, tmp_path).ask_first_to_activate() is False


def test_after_release_a_new_instance_can_acquire(tmp_path: Path, instances: list[SingleInstance],
                                                  qtbot: QtBot) -> None:
    first = new_instance(instances, tmp_path)
    assert first.acquire()
    first.release()
    assert not (tmp_path / LOCK_FILE).exists()
    third = new_instance(instances, tmp_path)
    assert third.acquire() is True
    with qtbot.waitSignal(third.activate_requested, timeout=3000):  # and it now owns the socket
        assert new_instance(instances, tmp_path).ask_first_to_activate() is True


def test_start_in_another_process_is_refused_while_locked(tmp_path: Path, instances: list[SingleInstance]) -> None:
    first = new_instance(instances, tmp_path)
    assert first.acquire()
    assert _start_in_other_process(tmp_path) == "refused"
    first.release()
    assert _start_in_other_process(tmp_path) == "acquired"


def test_lock_of_a_crashed_process_is_taken_over(tmp_path: Path, instances: list[SingleInstance],
                                                 qtbot: QtBot) -> None:
    assert _start_in_other_process(tmp_path, "crash") == "acquired"
    assert (tmp_path / LOCK_FILE).exists()  # left behind by the dead process
    after = new_instance(instances, tmp_path)
    assert after.acquire() is True
    with qtbot.waitSignal(after.activate_requested, timeout=3000):  # its stale socket name was removed
        assert new_instance(instances, tmp_path).ask_first_to_activate() is True


def test_a_second_start_with_a_file_hands_it_to_the_first(
    tmp_path: Path, instances: list[SingleInstance], qtbot: QtBot
) -> None:
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    instances += [first, second]
    assert first.acquire() and not second.acquire()
    mail = tmp_path / "Bijlage – stappenplan é.vvplan"
    with qtbot.waitSignal(first.open_requested, timeout=3000) as opened:
        assert second.ask_first_to_activate(mail)
    assert opened.args == [str(mail.resolve())]


# -- locks a person can get past -------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe kapot \n\n", b"niet-een-getal\nx\ny\n"])
def test_an_empty_or_damaged_lock_file_is_taken_over(tmp_path: Path, instances: list[SingleInstance],
                                                      content: bytes) -> None:
    (tmp_path / LOCK_FILE).write_bytes(content)
    assert new_instance(instances, tmp_path).acquire() is True


def test_a_lock_of_another_computer_is_offered_not_taken(tmp_path: Path, instances: list[SingleInstance],
                                                          qtbot: QtBot) -> None:
    write_lock(tmp_path, 4242, "laptop-van-de-voorzitter")
    inst = new_instance(instances, tmp_path)
    assert inst.acquire() is False
    assert inst.problem is not None
    assert (inst.problem.kind, inst.problem.host) == (LockProblem.OTHER_COMPUTER, "laptop-van-de-voorzitter")
    assert (tmp_path / LOCK_FILE).exists()  # nothing taken without asking
    assert inst.take_over() is True  # the person said yes
    with qtbot.waitSignal(inst.activate_requested, timeout=3000):  # and it now serves this folder
        assert new_instance(instances, tmp_path).ask_first_to_activate() is True


def test_a_lock_whose_pid_is_now_another_python_program_can_be_taken_over(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_lock(tmp_path, other.pid, machine_name())
        inst = new_instance(instances, tmp_path)
        assert inst.acquire() is False
        assert inst.problem is not None and inst.problem.kind == LockProblem.IN_USE
        assert inst.problem.pid == other.pid
        assert inst.ask_first_to_activate() is False  # no Stappenplan answers for this folder
        assert inst.take_over() is True
    finally:
        other.kill()
        other.wait()


def test_a_running_stappenplan_is_never_taken_over(tmp_path: Path, instances: list[SingleInstance]) -> None:
    first = new_instance(instances, tmp_path)
    assert first.acquire()
    second = new_instance(instances, tmp_path)
    assert second.acquire() is False
    assert second.problem is not None and second.problem.kind == LockProblem.IN_USE
    assert second.take_over() is False  # the OS lock on the open file says it is really in use
    assert first.lock_file.exists()


def test_a_stappenplan_running_in_another_process_is_never_taken_over(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                              env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "acquired"
        inst = new_instance(instances, tmp_path)
        assert inst.acquire() is False
        assert inst.problem is not None and inst.problem.kind == LockProblem.IN_USE
        assert inst.take_over() is False
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_that_cannot_be_written_on_a_full_disk_says_so(tmp_path: Path,
                                                               instances: list[SingleInstance]) -> None:
    with full_disk(tmp_path / "stick") as stick:
        fill(stick)
        inst = new_instance(instances, stick)
        assert inst.acquire() is False
        assert inst.problem is not None and inst.problem.kind == LockProblem.CANNOT_WRITE
        assert inst.problem.error is not None and inst.problem.error.errno == errno.ENOSPC
        assert not (stick / LOCK_FILE).exists()
        instances.remove(inst)


def test_a_lock_in_a_read_only_folder_says_so(tmp_path: Path, instances: list[SingleInstance]) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    with read_only(folder):
        inst = new_instance(instances, folder)
        assert inst.acquire() is False
        assert inst.problem is not None and inst.problem.kind == LockProblem.READ_ONLY
        instances.remove(inst)


# -- the previous version locked with Qt's QLockFile: both versions respect each other's lock ------
def test_our_lock_file_says_what_qlockfile_writes(tmp_path: Path) -> None:
    probe = QLockFile(str(tmp_path / "probe.lock"))
    assert probe.tryLock(0)
    qt_text = (tmp_path / "probe.lock").read_bytes()
    probe.unlock()
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    try:
        assert (tmp_path / LOCK_FILE).read_bytes() == qt_text  # the same process: pid, program, host, ids
    finally:
        lock.release()


_QT_HOLDER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QLockFile

    lock = QLockFile(sys.argv[1])
    lock.setStaleLockTime(0)
    print("locked" if lock.tryLock(0) else "refused", flush=True)
    time.sleep(60)
    """
)


def test_a_lock_of_the_previous_version_is_respected_and_taken_over_when_it_died(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", _QT_HOLDER, str(tmp_path / LOCK_FILE)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        lock = FolderLock(tmp_path)
        assert lock.acquire() is False
        assert lock.problem is not None and (lock.problem.kind, lock.problem.pid) == (LockProblem.IN_USE, holder.pid)
        assert lock.take_over() is False  # Qt's flock is held
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / LOCK_FILE).exists()  # left behind by the killed process
    assert lock.acquire() is True
    lock.release()


def test_the_previous_version_respects_our_lock(tmp_path: Path) -> None:
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    try:
        old = QLockFile(str(tmp_path / LOCK_FILE))
        old.setStaleLockTime(0)
        assert old.tryLock(0) is False
        assert old.error() == QLockFile.LockError.LockFailedError
        pid, host, program = old.getLockInfo()
        assert (pid, host, program) == (os.getpid(), machine_name(), this_process().program)
        assert old.removeStaleLockFile() is False  # our flock is held
    finally:
        lock.release()
    assert old.tryLock(0) is True
    old.unlock()


def test_the_commands_find_a_window_of_the_previous_version(tmp_path: Path, qapp: object,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The previous version listened on the plain name: Qt puts that in QDir::tempPath(), $TMPDIR."""
    # A short folder: a socket's path has room for about 100 bytes (pytest-xdist's tmp_path is longer).
    short = Path(tempfile.mkdtemp(prefix="vv"))
    try:
        temp = short / "eigen tmp"
        temp.mkdir()
        monkeypatch.setenv("TMPDIR", f"{temp}//")
        data = tmp_path / "data"
        data.mkdir()
        assert not ask_running_app(data)
        old = QLocalServer()
        assert old.listen(server_name(data))
        try:
            assert ask_running_app(data)
            assert Path(old.fullServerName()) == temp / server_name(data)
            assert app_address(data) == old.fullServerName()
        finally:
            old.close()
        assert not ask_running_app(data)
    finally:
        shutil.rmtree(short, ignore_errors=True)
