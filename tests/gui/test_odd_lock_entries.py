"""Something odd named stappenplan.lock (a folder, a named pipe, a link to a device, a huge file)
is set aside under another name before the lock reads it, and the lock is taken normally; what cannot
be set aside is named in a message. Each start runs in its own process, with a time limit, so a
start that hangs fails the test instead of the test run."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.locks import new_instance
from vv_desktop.cli import main
from vv_desktop.core.folder_lock import LOCK_FILE, LockProblem
from vv_desktop.ui.folder_claim import Claim, claim_folder

_START = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vv_desktop.core.folder_lock import FolderLock

    lock = FolderLock(Path(sys.argv[1]))
    print("acquired" if lock.acquire() else f"refused {lock.problem}", flush=True)
    """
)


def _huge(file: Path) -> None:
    with open(file, "wb") as fh:  # sparse: 300 MB of zeros costs no disk
        fh.truncate(300 * 1024 * 1024)


def _folder(file: Path) -> None:
    file.mkdir()
    (file / "inhoud.txt").write_text("iets van een ander programma")


def _fifo(file: Path) -> None:
    os.mkfifo(file)


def _dev_zero(file: Path) -> None:
    file.symlink_to("/dev/zero")


ODD: dict[str, tuple[Callable[[Path], None], Callable[[Path], bool]]] = {
    "huge": (_huge, lambda p: p.lstat().st_size == 300 * 1024 * 1024),
    "folder": (_folder, lambda p: (p / "inhoud.txt").is_file()),
    "fifo": (_fifo, lambda p: stat.S_ISFIFO(p.lstat().st_mode)),
    "dev-zero": (_dev_zero, lambda p: p.is_symlink() and os.readlink(p) == "/dev/zero"),
}


def _set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{LOCK_FILE}-*"))


@pytest.mark.parametrize("kind", list(ODD))
def test_an_odd_lock_entry_is_set_aside_and_the_folder_locked(tmp_path, kind):
    make, is_the_same = ODD[kind]
    make(tmp_path / LOCK_FILE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        run = subprocess.run([sys.executable, "-c", _START, str(tmp_path)], capture_output=True, text=True,
                             timeout=30, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("the start hangs on this lock entry")
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "acquired"
    aside = _set_aside(tmp_path)
    assert len(aside) == 1 and is_the_same(aside[0])  # kept untouched, under another name
    assert not (tmp_path / LOCK_FILE).exists()  # the start locked it, and released it when it ended


def test_a_folder_named_like_the_lock_opens_for_writing_without_questions(qtbot, tmp_path, instances,
                                                                          monkeypatch):
    _folder(tmp_path / LOCK_FILE)
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.objectName()) or 0)
    assert claim_folder(new_instance(instances, tmp_path), writable=True) is Claim.WRITE
    assert seen == []
    assert (tmp_path / LOCK_FILE).is_file()
    assert len(_set_aside(tmp_path)) == 1


def test_a_small_damaged_lock_file_is_still_simply_taken_over(tmp_path, instances):
    (tmp_path / LOCK_FILE).write_bytes(b"\x00\xff kapot\n")
    assert new_instance(instances, tmp_path).acquire() is True
    assert _set_aside(tmp_path) == []


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def stuck_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder stappenplan.lock that cannot be renamed (a mount point: EBUSY, as a folder that
    Windows Explorer has open gives); the data folder is returned."""
    other = tmp_path / "other"
    other.mkdir()
    data = tmp_path / "data"
    (data / LOCK_FILE).mkdir(parents=True)
    if os.geteuid() != 0 or not _mount("--bind", str(other), str(data / LOCK_FILE)):
        pytest.skip("a mount point (a folder that cannot be renamed) cannot be made here")
    try:
        yield data
    finally:
        subprocess.run(["umount", str(data / LOCK_FILE)], check=True)


def test_an_entry_that_cannot_be_set_aside_is_named(qtbot, stuck_folder, instances):
    inst = new_instance(instances, stuck_folder)
    assert inst.acquire() is False
    assert inst.problem is not None and inst.problem.kind == LockProblem.IN_THE_WAY
    assert inst.problem.what == "folder" and inst.problem.error is not None
    seen: list[str] = []
    monkey_texts: list[str] = []

    def act(box: QMessageBox) -> None:
        seen.append(box.objectName())
        monkey_texts.append(box.text() + box.informativeText())
        box.accept()

    from tests.helpers.gui import answer_modal

    answer_modal(act)
    assert claim_folder(inst, writable=True) is Claim.REFUSED
    assert seen == ["lockInTheWay"]
    assert LOCK_FILE in monkey_texts[0] and str(stuck_folder) in monkey_texts[0]


def test_a_command_names_an_entry_that_cannot_be_set_aside(capsys, stuck_folder):
    assert main(["import", "--data-dir", str(stuck_folder), str(stuck_folder / "x.vvplan")]) == 1
    assert LOCK_FILE in capsys.readouterr().err
