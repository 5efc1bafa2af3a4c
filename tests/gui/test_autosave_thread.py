"""The autosave writes in a thread of its own: in order, the newest text last, failures told and
retried, and whoever needs the plan on disk (closing, save_now) waits for it."""

from __future__ import annotations

import errno
import threading
import time

from PySide6.QtGui import QTextCursor

from tests.helpers.gui import fail_saves, field, make_plans
from vv_desktop.core.plan_file import read_plan_doc
from vv_desktop.ui import session as session_module
from vv_desktop.ui.session import describe_save_error


def plan_file(window):
    return window.store.plan_folder(window.session.plan.id) / "plan.json"


def on_disk(window_or_file) -> str:
    file = window_or_file if not hasattr(window_or_file, "store") else plan_file(window_or_file)
    doc = read_plan_doc(file)
    return doc["phases"]["agenderen"]["rounds"][-1]["answers"].get("kansen", {}).get("v", "")


def at_end(edit):
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    return edit


def record_writes(monkeypatch, store, pause_s: float = 0.0,
                  started: threading.Event | None = None) -> list[tuple[int, int, str]]:
    """Wrap the store's write: (thread, changes of the job, text of the job) per write, in write order.
    ``started`` is set as soon as the first write begins."""
    real = store.write
    writes: list[tuple[int, int, str]] = []

    def write(job):
        if started is not None:
            started.set()
        if pause_s:
            time.sleep(pause_s)  # a slow disk
        real(job)
        writes.append((threading.get_ident(), job.changes,
                       job.doc()["phases"]["agenderen"]["rounds"][-1]["answers"].get("kansen", {}).get("v", "")))

    monkeypatch.setattr(store, "write", write)
    return writes


def test_the_autosave_writes_in_another_thread_and_says_saved_once_it_is_on_disk(qtbot, open_window, data_dir,
                                                                                  method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    writes = record_writes(monkeypatch, window.store)
    edit = at_end(field(window, "agenderen", "kansen").edit)
    seen_on_disk: list[str] = []
    window.session.saved.connect(lambda: seen_on_disk.append(on_disk(window)))
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        qtbot.keyClicks(edit, " in de achtergrond")  # no save_now: the timer saves
    assert writes and all(thread != threading.get_ident() for thread, _, _ in writes)
    assert seen_on_disk[-1].endswith(" in de achtergrond")
    assert not window.session.dirty


def test_a_burst_of_changes_ends_with_the_newest_text_on_disk_and_nothing_older_after_it(
        qtbot, open_window, data_dir, method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    writes = record_writes(monkeypatch, window.store, pause_s=0.05)  # saves come faster than they are written
    edit = at_end(field(window, "agenderen", "kansen").edit)
    for word in range(30):
        qtbot.keyClicks(edit, f" w{word}")
        window.session.autosave()  # what the timer does, much more often than it does it
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=10_000)
    changes = [c for _, c, _ in writes]
    assert changes == sorted(set(changes)), "every save written once, in order"
    assert len(writes) < 30, "saves that waited were replaced by the newest one"
    assert writes[-1][2].endswith(" w29") and on_disk(window).endswith(" w29")


def test_a_failing_autosave_says_why_and_retries_until_it_works(qtbot, open_window, data_dir, method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    monkeypatch.setattr(session_module, "RETRY_DELAY_MS", 100)
    fail_saves(monkeypatch, window.store)
    edit = at_end(field(window, "agenderen", "kansen").edit)
    with qtbot.waitSignal(window.session.save_failed, timeout=5000) as failed:
        qtbot.keyClicks(edit, " vol")  # the timer saves, in the writer thread
    assert failed.args == [describe_save_error(OSError(errno.ENOSPC, "No space left on device"))]
    assert window.session.dirty and not on_disk(window).endswith(" vol")
    with qtbot.waitSignal(window.session.save_failed, timeout=5000):
        pass  # the retry fails as well, and says so again
    monkeypatch.undo()  # room on the disk again
    monkeypatch.setattr(session_module, "RETRY_DELAY_MS", 100)
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        pass  # the next retry writes it
    assert on_disk(window).endswith(" vol") and not window.session.dirty


def test_save_now_returns_true_only_once_the_file_holds_the_change(qtbot, open_window, data_dir, method,
                                                                    monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    started = threading.Event()
    writes = record_writes(monkeypatch, window.store, pause_s=0.3, started=started)  # a slow disk
    edit = at_end(field(window, "agenderen", "kansen").edit)
    qtbot.keyClicks(edit, " eerst")
    window.session.autosave()
    assert started.wait(5)  # under way in the writer thread (else the newer save rightly replaces it)
    qtbot.keyClicks(edit, " daarna")
    assert window.session.save_now()
    assert on_disk(window).endswith(" eerst daarna")
    assert writes[0][2].endswith(" eerst") and writes[-1][2].endswith(" eerst daarna")
    fail_saves(monkeypatch, window.store)
    qtbot.keyClicks(edit, " niet")
    assert not window.session.save_now()  # not on disk: False, and the text is kept
    assert window.session.dirty and not on_disk(window).endswith(" niet")
    monkeypatch.undo()


def test_closing_the_window_while_a_save_is_written_loses_nothing(qtbot, open_window, data_dir, method,
                                                                  monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    file = plan_file(window)
    record_writes(monkeypatch, window.store, pause_s=0.3)
    edit = at_end(field(window, "agenderen", "kansen").edit)
    qtbot.keyClicks(edit, " half")
    window.session.autosave()
    qtbot.keyClicks(edit, " heel")  # typed while the first save is being written
    assert window.close()
    assert on_disk(file).endswith(" half heel")
