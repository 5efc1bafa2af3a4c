"""The window's server starts after its first paint; a second start in between still finds the first."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pytestqt.qtbot import QtBot

from vv_desktop.core.running_app import ask_running_app
from vv_desktop.ui.single_instance import SingleInstance

_SLOW_FIRST = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from vv_desktop.ui.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]), serve_later=True)
    print("acquired" if instance.acquire() else "refused", flush=True)
    instance.activate_requested.connect(lambda: (print("raised", flush=True), app.quit()))
    QTimer.singleShot(1000, instance.serve_now)  # a slow first paint
    QTimer.singleShot(20_000, app.quit)
    app.exec()
    instance.release()
    """
)


def test_the_server_waits_for_serve_now(tmp_path: Path, instances: list[SingleInstance], qtbot: QtBot) -> None:
    first = SingleInstance(tmp_path, serve_later=True)
    instances.append(first)
    assert first.acquire()
    assert not ask_running_app(tmp_path)  # locked, but not answering yet
    first.serve_now()
    assert ask_running_app(tmp_path)
    second = SingleInstance(tmp_path)
    instances.append(second)
    assert not second.acquire()
    with qtbot.waitSignal(first.activate_requested, timeout=3000):
        assert second.ask_first_to_activate() is True


def test_a_second_start_while_the_first_is_still_starting_raises_the_first(
        tmp_path: Path, instances: list[SingleInstance]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", _SLOW_FIRST, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                             env=env)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "acquired"
        second = SingleInstance(tmp_path)
        instances.append(second)
        assert not second.acquire()
        assert second.ask_first_to_activate() is True  # not a take-over question: the first one answers
        out, _ = child.communicate(timeout=30)
        assert "raised" in out
    finally:
        child.kill()
        child.wait()
