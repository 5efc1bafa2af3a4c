"""The data-folder lock of the core, without Qt: each behaviour with real processes and real files."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.read_only_folder import fill, full_disk, read_only
from vv_desktop.core.folder_lock import LOCK_FILE, FolderLock, LockProblem
from vv_desktop.core.lock_owner import LockOwner, boot_id, machine_name, parse_owner, this_process
from vv_desktop.core.running_app import app_address, ask_running_app

HOLDER = textwrap.dedent(
    """
    import os, sys, time
    from vv_desktop.core.folder_lock import FolderLock

    lock = FolderLock(sys.argv[1])
    got = lock.acquire()
    print("locked" if got else f"refused {lock.problem}", flush=True)
    if got and sys.argv[2] == "crash":
        os._exit(0)  # dies holding the lock: no release, no clean-up
    time.sleep(60)
    """
)


@contextmanager
def _held_elsewhere(folder: Path) -> Iterator[subprocess.Popen[str]]:
    """A FolderLock on ``folder`` held by another process (which does not answer as a window)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), "hold"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def locks() -> Iterator[list[FolderLock]]:
    made: list[FolderLock] = []
    yield made
    for lock in made:
        lock.release()


def _lock(locks: list[FolderLock], folder: Path) -> FolderLock:
    lock = FolderLock(folder)
    locks.append(lock)
    return lock


def write_lock(folder: Path, pid: int, host: str | None = None, program: str | None = None, boot: str = "") -> None:
    me = this_process()
    owner = LockOwner(pid, me.program if program is None else program, me.host if host is None else host, "", boot)
    (folder / LOCK_FILE).write_bytes(owner.text())


def test_a_lock_is_a_file_that_goes_when_released(tmp_path, locks):
    lock = _lock(locks, tmp_path)
    assert lock.acquire() is True
    assert parse_owner((tmp_path / LOCK_FILE).read_bytes()) == this_process()
    lock.release()
    assert not (tmp_path / LOCK_FILE).exists()
    assert _lock(locks, tmp_path).acquire() is True


def test_a_second_process_is_refused_and_cannot_take_it_over(tmp_path, locks):
    with _held_elsewhere(tmp_path) as holder:
        lock = _lock(locks, tmp_path)
        assert lock.acquire() is False
        assert lock.problem is not None
        assert (lock.problem.kind, lock.problem.pid, lock.problem.running) == (LockProblem.IN_USE, holder.pid, False)
        assert lock.take_over() is False  # its flock says it is really held
        assert parse_owner((tmp_path / LOCK_FILE).read_bytes()).pid == holder.pid  # untouched


def test_a_second_lock_in_the_same_process_cannot_take_it_over(tmp_path, locks):
    assert _lock(locks, tmp_path).acquire()
    second = _lock(locks, tmp_path)
    assert second.acquire() is False
    assert second.take_over() is False


def test_a_lock_of_a_dead_process_is_taken_over(tmp_path, locks):
    crashed = subprocess.run([sys.executable, "-c", HOLDER, str(tmp_path), "crash"], capture_output=True, text=True,
                             timeout=60)
    assert crashed.stdout.strip() == "locked"
    assert (tmp_path / LOCK_FILE).exists()  # left behind
    assert _lock(locks, tmp_path).acquire() is True
    assert parse_owner((tmp_path / LOCK_FILE).read_bytes()).pid == os.getpid()


def test_a_lock_whose_pid_now_runs_another_program_is_taken_over(tmp_path, locks):
    if shutil.which("sleep") is None:
        pytest.skip("no sleep program here")
    other = subprocess.Popen(["sleep", "60"])
    try:
        write_lock(tmp_path, other.pid)  # says this Python; the pid runs 'sleep'
        assert _lock(locks, tmp_path).acquire() is True
    finally:
        other.kill()
        other.wait()


def test_a_lock_whose_pid_runs_the_same_program_is_offered(tmp_path, locks):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_lock(tmp_path, other.pid)
        lock = _lock(locks, tmp_path)
        assert lock.acquire() is False
        assert lock.problem == LockProblem(LockProblem.IN_USE, host=machine_name(), pid=other.pid)
        assert lock.take_over() is True  # nobody holds its OS lock: the person may take it
    finally:
        other.kill()
        other.wait()


def test_a_lock_from_before_the_computer_restarted_is_taken_over(tmp_path, locks):
    if not boot_id():
        pytest.skip("no boot id on this system")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # a live pid of the same program, written in another boot: the number was given out again
        write_lock(tmp_path, other.pid, boot="00000000-0000-0000-0000-000000000000")
        assert _lock(locks, tmp_path).acquire() is True
    finally:
        other.kill()
        other.wait()


def test_a_lock_of_another_computer_is_reported_not_taken(tmp_path, locks):
    write_lock(tmp_path, 4242, host="laptop-van-de-voorzitter")
    before = (tmp_path / LOCK_FILE).read_bytes()
    lock = _lock(locks, tmp_path)
    assert lock.acquire() is False
    assert lock.problem == LockProblem(LockProblem.OTHER_COMPUTER, host="laptop-van-de-voorzitter", pid=4242)
    assert (tmp_path / LOCK_FILE).read_bytes() == before
    assert lock.take_over() is True  # the person said yes
    assert parse_owner((tmp_path / LOCK_FILE).read_bytes()).pid == os.getpid()


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe kapot \n\n", b"niet-een-getal\nx\ny\n", b"-5\nx\ny\n",
                                     b"0\n", b"12abc\n"])
def test_an_empty_or_damaged_lock_file_is_taken_over(tmp_path, locks, content):
    (tmp_path / LOCK_FILE).write_bytes(content)
    assert _lock(locks, tmp_path).acquire() is True
    assert parse_owner((tmp_path / LOCK_FILE).read_bytes()).pid == os.getpid()


def test_a_lock_in_a_read_only_folder_says_so(tmp_path, locks):
    folder = tmp_path / "stick"
    folder.mkdir()
    with read_only(folder):
        lock = FolderLock(folder)
        assert lock.acquire() is False
        assert lock.problem is not None and lock.problem.kind == LockProblem.READ_ONLY
        assert lock.problem.error is not None


def test_a_lock_on_a_full_disk_says_so_and_leaves_nothing(tmp_path, locks):
    with full_disk(tmp_path / "stick") as stick:
        fill(stick)
        lock = FolderLock(stick)
        assert lock.acquire() is False
        assert lock.problem is not None and lock.problem.kind == LockProblem.CANNOT_WRITE
        assert lock.problem.error is not None and lock.problem.error.errno == errno.ENOSPC
        assert not (stick / LOCK_FILE).exists()


def test_the_text_of_older_and_newer_qt_is_read():
    assert parse_owner(b"123\npython3\nlaptop\n") == LockOwner(123, "python3", "laptop")  # Qt < 5.10
    assert parse_owner(b"123\r\nStappenplan\r\nLAPTOP\r\nguid\r\n\r\n") == LockOwner(123, "Stappenplan", "LAPTOP",
                                                                                  "guid")
    assert parse_owner(b"7\n") == LockOwner(7)


# -- asking a running window, over its local socket --------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="a Unix domain socket")
def test_a_window_is_asked_on_its_socket_and_a_dead_socket_is_nobody(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    data = tmp_path / "data"
    data.mkdir()
    assert Path(app_address(data)).parent == tmp_path
    assert ask_running_app(data) is False
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(app_address(data))
    server.listen()
    try:
        assert ask_running_app(data) is True
        lock = FolderLock(data)
        assert lock.acquire() is False
        assert lock.problem == LockProblem(LockProblem.IN_USE, running=True)
        assert not (data / LOCK_FILE).exists()  # the file is not even looked at
    finally:
        server.close()
    assert Path(app_address(data)).exists()  # left behind, as after a crash
    assert ask_running_app(data) is False
