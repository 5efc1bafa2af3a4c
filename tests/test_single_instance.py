"""One app instance per data folder (Qt: pytest-qt's qapp/qtbot, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from vv_desktop.ui.single_instance import LOCK_FILE, SingleInstance  # noqa: E402

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


@pytest.fixture
def instances(qapp: object) -> Iterator[list[SingleInstance]]:
    """Instances made by a test; all released afterwards, so a failing test leaves no lock behind."""
    made: list[SingleInstance] = []
    yield made
    for inst in made:
        inst.release()


def _new(instances: list[SingleInstance], data_dir: Path) -> SingleInstance:
    inst = SingleInstance(data_dir)
    instances.append(inst)
    return inst


def test_second_instance_cannot_acquire(tmp_path: Path, instances: list[SingleInstance]) -> None:
    first = _new(instances, tmp_path)
    assert first.acquire() is True
    assert (tmp_path / LOCK_FILE).exists()
    second = _new(instances, tmp_path)
    assert second.acquire() is False


def test_other_data_folder_is_independent(tmp_path: Path, instances: list[SingleInstance]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _new(instances, tmp_path / "a").acquire() is True
    assert _new(instances, tmp_path / "b").acquire() is True


def test_second_start_asks_the_first_to_come_to_the_front(
    tmp_path: Path, instances: list[SingleInstance], qtbot: QtBot
) -> None:
    first = _new(instances, tmp_path)
    assert first.acquire()
    second = _new(instances, tmp_path)
    assert not second.acquire()
    with qtbot.waitSignal(first.activate_requested, timeout=3000):
        assert second.ask_first_to_activate() is True


def test_no_signal_without_a_request(tmp_path: Path, instances: list[SingleInstance], qtbot: QtBot) -> None:
    first = _new(instances, tmp_path)
    assert first.acquire()
    with qtbot.assertNotEmitted(first.activate_requested, wait=300):
        pass


def test_asking_without_a_first_instance_fails(tmp_path: Path, instances: list[SingleInstance]) -> None:
    assert _new(instances, tmp_path).ask_first_to_activate() is False


def test_after_release_a_new_instance_can_acquire(tmp_path: Path, instances: list[SingleInstance],
                                                  qtbot: QtBot) -> None:
    first = _new(instances, tmp_path)
    assert first.acquire()
    first.release()
    assert not (tmp_path / LOCK_FILE).exists()
    third = _new(instances, tmp_path)
    assert third.acquire() is True
    with qtbot.waitSignal(third.activate_requested, timeout=3000):  # and it now owns the socket
        assert _new(instances, tmp_path).ask_first_to_activate() is True


def test_start_in_another_process_is_refused_while_locked(tmp_path: Path, instances: list[SingleInstance]) -> None:
    first = _new(instances, tmp_path)
    assert first.acquire()
    assert _start_in_other_process(tmp_path) == "refused"
    first.release()
    assert _start_in_other_process(tmp_path) == "acquired"


def test_lock_of_a_crashed_process_is_taken_over(tmp_path: Path, instances: list[SingleInstance],
                                                 qtbot: QtBot) -> None:
    assert _start_in_other_process(tmp_path, "crash") == "acquired"
    assert (tmp_path / LOCK_FILE).exists()  # left behind by the dead process
    after = _new(instances, tmp_path)
    assert after.acquire() is True
    with qtbot.waitSignal(after.activate_requested, timeout=3000):  # its stale socket name was removed
        assert _new(instances, tmp_path).ask_first_to_activate() is True


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
