"""SIGTERM (logout, shutdown, kill) saves what was typed before the app ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from vv_desktop.ui.termination import TerminationWatcher

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGTERM is a POSIX signal")


def test_sigterm_runs_the_callback_once_through_the_event_loop(qtbot):
    calls: list[str] = []
    watcher = TerminationWatcher(lambda: calls.append("ended"))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: calls == ["ended"], timeout=3000)
        os.kill(os.getpid(), signal.SIGTERM)  # a second one while ending: once is enough
        qtbot.wait(100)
        assert calls == ["ended"]
    finally:
        watcher.close()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_text_typed_just_before_sigterm_is_saved(qtbot, open_window, data_dir):
    window = open_window()
    plan = window.store.create("Seizoen", "Club")
    window.store.save(plan)
    assert window.open_plan(plan.id)
    editor = window.view.current_page.first_editor()
    editor.setFocus()
    qtbot.keyClicks(editor, "Net getypt, nog niet opgeslagen")
    assert window.session.dirty  # the autosave timer has not fired yet
    watcher = TerminationWatcher(window.save_all)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    finally:
        watcher.close()
    assert "Net getypt, nog niet opgeslagen" in str(window.store.load(plan.id).doc)


def test_the_real_app_saves_and_exits_on_sigterm(tmp_path):
    """The whole program: started, then SIGTERM; it must exit by itself (code 0) and log the save."""
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([sys.executable, "-m", "vv_desktop", "--data-dir", str(data)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = data / "logs" / "stappenplan.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (log.exists() and "started" in log.read_text("utf-8")):
        time.sleep(0.1)
    app.send_signal(signal.SIGTERM)
    try:
        code = app.wait(15)
    finally:
        if app.poll() is None:
            app.kill()
    assert code == 0, app.stdout.read() if app.stdout else ""
    assert "asked to end from outside; saved: True" in log.read_text("utf-8")


def test_sigterm_while_saving_fails_writes_the_open_plan_as_a_rescue_file(qtbot, open_window, data_dir, tmp_path,
                                                                          monkeypatch):
    """Found in review: a full disk and then a logout lost the text. With no time to ask, the open plan
    goes to Documenten as a .vvplan that brings the text back when imported."""
    from tests.helpers.gui import fail_saves
    from vv_desktop.core.exchange import read_exchange
    from vv_desktop.ui.app import _save_and_quit

    window = open_window()
    plan = window.store.create("Seizoen", "Club")
    assert window.open_plan(plan.id)
    fail_saves(monkeypatch, window.store)
    editor = window.view.current_page.first_editor()
    editor.setFocus()
    qtbot.keyClicks(editor, "Gered bij het afsluiten")
    quits: list[bool] = []

    class App:
        def quit(self) -> None:
            quits.append(True)

    _save_and_quit(window, App(), rescue_dir=lambda: tmp_path)
    (rescue,) = tmp_path.glob("*.vvplan")
    assert "Gered bij het afsluiten" in str(read_exchange(rescue).plan)
    assert quits == [True]
    monkeypatch.undo()
