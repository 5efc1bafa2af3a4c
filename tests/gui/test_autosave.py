"""Autosave while typing goes on, the save-failed message, and the real app killed while typing."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from tests.helpers import REPO_ROOT
from tests.helpers.gui import activate, fail_saves, field, make_plans


def test_steady_typing_is_saved_while_it_goes_on(qtbot, open_window, data_dir, method):
    """Someone who never pauses long was saved only every 5 s: a crash then lost all of that.
    The promise: no key waits longer than a second to be on disk (the kill bench measures it)."""
    import time

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    unsaved_since: list[float] = []  # when the oldest key not yet on disk was typed
    waits: list[float] = []

    def saved() -> None:
        if unsaved_since:
            waits.append(time.monotonic() - unsaved_since[0])
            unsaved_since.clear()

    window.session.saved.connect(saved)
    typed: list[str] = []

    def type_one() -> None:  # a key every 100 ms: never a pause long enough to save
        qtbot.keyClicks(edit, "x")
        typed.append("x")
        if not unsaved_since:
            unsaved_since.append(time.monotonic())

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(100)
    qtbot.waitUntil(lambda: len(typed) >= 25, timeout=10_000)
    timer.stop()
    assert len(waits) >= 2, "saved while the typing went on"
    assert max(waits) <= 1.0, f"a key waited {max(waits):.2f} s to be saved"
    assert window.session.dirty or window.session.plan.answer("agenderen", "kansen") == edit.toPlainText()


def test_every_text_box_on_every_page_writes_to_the_plan_on_each_keystroke(qtbot, open_window, data_dir, method):
    """The autosave can only save what is in the plan: no field may keep typed text to itself."""
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    checked = 0
    for phase in method.phases:
        window.view.go(phase.id)
        page = window.view.current_page
        for edit in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
            if edit.isReadOnly() or not edit.isVisibleTo(page):
                continue
            before = json.dumps(window.session.plan.doc).count("Zq")
            edit.setFocus()
            qtbot.keyClicks(edit, "Zq")
            assert json.dumps(window.session.plan.doc).count("Zq") == before + 1, edit.accessibleName()
            checked += 1
    assert checked >= 30


def test_the_save_failed_message_goes_once_a_retry_succeeds(qtbot, open_window, data_dir, method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fail_saves(monkeypatch, window.store)
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " erbij")
    assert not window.session.save_now()
    assert window.statusBar().currentMessage()  # says the save failed and will be retried
    monkeypatch.undo()  # room on the disk again
    assert window.session.save_now()  # what the retry timer does
    assert window.statusBar().currentMessage() == ""
    activate(qtbot, window)


def test_another_status_message_stays_after_a_save(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.statusBar().showMessage("Iets anders")
    qtbot.keyClicks(field(window, "agenderen", "kansen").edit, " erbij")
    assert window.session.save_now()
    assert window.statusBar().currentMessage() == "Iets anders"


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and SIGTERM are POSIX signals")
def test_the_real_app_killed_while_typing_keeps_what_was_saved(tmp_path: Path):
    """A few rounds of bench/bench_kill.py: the real app, real key events, SIGKILL and SIGTERM."""
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    import bench_kill

    summary, rounds = bench_kill.run_bench(kills=3, terms=2, source=REPO_ROOT,
                                           base=tmp_path, min_s=1.2, max_s=1.6)
    kills = [r for r in rounds if r.how == "kill"]
    assert all(r.saves >= 1 for r in kills), "typing for 1.2 s or more was saved at least once before the kill"
    assert summary["acked_lost"] == 0
    assert summary["unreadable_plan_files"] == 0
    assert summary["temp_after_next_start"] == 0
    assert summary["term_lost"] == 0 and summary["term_clean_exits"] == 2
