"""Sharing through the window: export, a colleague's changes, the merge dialog, undo, a bad file."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from tests.helpers.gui import activate, answer_modal, field, imported, make_plans
from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.merge_dialog import MergeDialog


def merge_dialogs_left(window) -> list[MergeDialog]:
    """Merge dialogs still alive after their import. exec() hands a dialog's ownership back to
    Python while the window stays its Qt parent: one left behind is deleted twice when the app
    closes (heap corruption, a crash at exit)."""
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return window.findChildren(MergeDialog)


def test_export_merge_a_colleagues_version_and_undo(qtbot, open_window, data_dir, method, tmp_path, monkeypatch):
    (plan,) = make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    outbox = tmp_path / "mail"
    outbox.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(outbox / "MHC - stappenplan.vvplan"), "")))
    answer_modal(lambda options: options.accept())  # the whole plan, with a PDF
    window.export_action.trigger()
    assert sorted(p.name for p in outbox.iterdir()) == ["MHC - stappenplan.pdf", "MHC - stappenplan.vvplan"]

    # The chair imports it on their laptop, changes the same question and adds an objective.
    chair_dir = tmp_path / "voorzitter"
    chair_dir.mkdir()
    chair = PlanStore(chair_dir, Settings(chair_dir).device_id)
    sharing.finish_import(chair, sharing.prepare_import(chair, outbox / "MHC - stappenplan.vvplan"))
    theirs = chair.load(plan.id)
    theirs.set_answer("agenderen", "kansen", "Kans van de voorzitter")
    theirs.add_item("concretiseren", "doelen", {"tekst": "Doel van de voorzitter"})
    chair.save(theirs)
    reply = sharing.export_plan(chair, plan.id, tmp_path / "antwoord.vvplan")

    # Meanwhile the secretary typed in the same question.
    edit = field(window, "agenderen", "kansen").edit
    edit.selectAll()
    qtbot.keyClicks(edit, "Kans van de secretaris")
    seen: dict[str, object] = {}

    def merge(dialog: MergeDialog) -> None:
        seen["rows"] = len(dialog.conflicts)
        seen["mine"] = dialog.conflicts[0].mine
        dialog.choose(dialog.conflicts[0].id, "both")
        dialog.ok_button.click()

    answer_modal(merge)
    assert imported(qtbot, window, reply)
    activate(qtbot, window)
    assert seen == {"rows": 1, "mine": "Kans van de secretaris"}
    assert merge_dialogs_left(window) == []
    merged = field(window, "agenderen", "kansen").edit.toPlainText()
    assert "Kans van de secretaris" in merged and "Kans van de voorzitter" in merged
    goals = [i["values"]["tekst"] for i in window.session.plan.items("concretiseren", "doelen")]
    assert "Doel van de voorzitter" in goals
    assert window.undo_import_button.isVisible()

    qtbot.mouseClick(window.undo_import_button, Qt.MouseButton.LeftButton)
    assert field(window, "agenderen", "kansen").edit.toPlainText() == "Kans van de secretaris"
    assert "Doel van de voorzitter" not in [i["values"]["tekst"] for i in window.session.plan.items(
        "concretiseren", "doelen")]


def test_cancelling_the_merge_changes_nothing(qtbot, open_window, data_dir, method, tmp_path):
    (plan,) = make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    store = window.store
    other_dir = tmp_path / "ander"
    other_dir.mkdir()
    other = PlanStore(other_dir, Settings(other_dir).device_id)
    sharing.finish_import(other, sharing.prepare_import(other, sharing.export_plan(store, plan.id,
                                                                                   tmp_path / "1.vvplan")))
    p = other.load(plan.id)
    p.set_answer("agenderen", "kansen", "Anders")
    other.save(p)
    edit = field(window, "agenderen", "kansen").edit
    edit.selectAll()
    qtbot.keyClicks(edit, "Van mij")
    window.session.save_now()
    before = (data_dir / "plans" / plan.id / "plan.json").read_bytes()
    answer_modal(lambda dialog: dialog.reject())
    assert not imported(qtbot, window, sharing.export_plan(other, plan.id, tmp_path / "2.vvplan"))
    assert (data_dir / "plans" / plan.id / "plan.json").read_bytes() == before
    assert merge_dialogs_left(window) == []


def test_a_bad_file_is_explained_and_changes_nothing(qtbot, open_window, data_dir, method, tmp_path):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    bad = tmp_path / "kapot.vvplan"
    bad.write_bytes(b'{"format": "stappenplan-uitwisseling", "format_version": 99}')
    snapshot = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and "logs" not in p.parts}
    seen: list[str] = []
    answer_modal(lambda box: (seen.append(box.text()), box.accept()))
    assert not imported(qtbot, window, bad)
    assert "nieuwere versie" in seen[0] and "niets veranderd" in seen[0]
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and "logs" not in p.parts} == snapshot


def test_dropping_a_file_on_the_window_imports_it(qtbot, open_window, data_dir, method, tmp_path):
    source_dir = tmp_path / "bron"
    source_dir.mkdir()
    source = PlanStore(source_dir, "bron")
    (plan,) = make_plans(source_dir, method, "Gedropt plan")
    file = sharing.export_plan(source, plan.id, tmp_path / "gedropt.vvplan")
    window = open_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file))])
    # Qt delivers drops only during a real drag, which offscreen Qt cannot start: call the handlers
    # the way Qt would, enter first.
    enter = QDragEnterEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.view is not None and window.session.plan.id == plan.id, timeout=5000)
    assert Path(data_dir / "plans" / plan.id / "plan.json").exists()


def test_typing_after_an_import_retires_its_undo(qtbot, open_window, data_dir, method, tmp_path):
    source_dir = tmp_path / "bron"
    source_dir.mkdir()
    (plan,) = make_plans(source_dir, method, "Van een collega")
    file = sharing.export_plan(PlanStore(source_dir, "bron"), plan.id, tmp_path / "collega.vvplan")
    window = open_window()
    assert imported(qtbot, window, file)
    assert window.undo_import_button.isVisible()
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " en nog iets")
    assert not window.undo_import_button.isVisible()  # undoing now would throw this text away


def test_reading_and_merging_run_off_the_ui_thread(qtbot, open_window, data_dir, method, tmp_path, monkeypatch):
    """A big file froze the window for up to 83 s: checking and merging ran on the UI thread."""
    import threading

    source_dir = tmp_path / "bron"
    source_dir.mkdir()
    (plan,) = make_plans(source_dir, method, "Van een collega")
    file = sharing.export_plan(PlanStore(source_dir, "bron"), plan.id, tmp_path / "collega.vvplan")
    window = open_window()
    release = threading.Event()
    threads: list[bool] = []
    real = sharing.prepare_import

    def slow_prepare(store, path):
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(5)  # a big file: the window must go on meanwhile
        return real(store, path)

    monkeypatch.setattr(sharing, "prepare_import", slow_prepare)
    ticks: list[int] = []
    with qtbot.waitSignal(window.sharing.import_finished, timeout=20_000) as finished:
        assert window.import_file(file)
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: ticks.append(1))  # the event loop still runs while the file is read
        qtbot.waitUntil(lambda: bool(ticks), timeout=2000)
        # After half a second the window says it is busy (and takes no typing that the import would overwrite).
        qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)), timeout=3000)
        release.set()
    assert finished.args == [True] and threads == [False]
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert window.session.plan.id == plan.id


def test_the_error_dialog_says_saved_only_when_something_was_saved(qtbot, open_window, data_dir, method):
    """An edit that raised never reached the plan; the dialog still said "Wat je hebt ingevuld is opgeslagen"."""
    from PySide6.QtWidgets import QMessageBox

    from vv_desktop.ui.errors import ErrorHandler

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    assert not window.session.dirty  # the edit that failed left nothing to save
    handler = ErrorHandler(window.log_file, window.save_all, lambda: window.session is not None and
                           window.session.dirty)
    shown: list[str] = []

    def read(box: QMessageBox) -> None:
        shown.append(box.text())
        box.accept()

    answer_modal(read)
    try:
        raise OverflowError("date value out of range")
    except OverflowError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    assert handler.last_outcome == "nothing-new"
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " nieuw")
    answer_modal(read)
    try:
        raise RuntimeError("kapot")
    except RuntimeError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    assert handler.last_outcome == "saved" and not window.session.dirty
    assert shown[0] != shown[1]


def test_an_export_whose_pdf_cannot_be_made_says_why_in_one_warning(qtbot, open_window, data_dir, method, tmp_path,
                                                                    monkeypatch):
    """Missing fonts (a damaged install) stop the PDF beside the .vvplan: a Dutch warning, no crash dialog."""
    from vv_desktop.render.fonts import fonts

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    outbox = tmp_path / "uit"
    outbox.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(outbox / "plan.vvplan"), "")))
    monkeypatch.setattr("vv_desktop.render.fonts.assets_dir", lambda: tmp_path / "weg")
    fonts.cache_clear()
    seen: list[str] = []

    def warned(box) -> None:
        seen.append(box.text())
        box.accept()

    answer_modal(lambda options: (answer_modal(warned), options.accept()))  # with a PDF, then the warning
    try:
        window.export_action.trigger()
    finally:
        fonts.cache_clear()
    assert len(seen) == 1 and "Traceback" not in seen[0]


def test_an_export_while_saving_fails_holds_what_was_typed(qtbot, open_window, data_dir, method, tmp_path,
                                                           monkeypatch):
    """Found in review: with a full disk, Exporteren to another place is the user's rescue; it must hold
    the text the app could not save (it used to read the plan back from disk)."""
    from tests.helpers.gui import fail_saves, field
    from vv_desktop.core.exchange import read_exchange

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fail_saves(monkeypatch, window.store)
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " NIET OPGESLAGEN")
    rescue = tmp_path / "bureaublad"
    rescue.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(rescue / "redding.vvplan"), "")))
    answer_modal(lambda options: options.accept())
    window.export_action.trigger()
    exported = read_exchange(rescue / "redding.vvplan").plan
    monkeypatch.undo()  # saving works again: closing the window at the end must not ask
    assert "NIET OPGESLAGEN" in exported["phases"]["agenderen"]["rounds"][-1]["answers"]["kansen"]["v"]
    assert (rescue / "redding.pdf").exists()


def test_text_typed_while_an_import_is_read_survives_it(qtbot, open_window, data_dir, method, tmp_path,
                                                       monkeypatch):
    """Found in review: what is typed while a colleague's file is read (off the UI thread) survives it."""
    import json
    import threading

    (plan,) = make_plans(data_dir, method, "Plan", open_last=True)
    here = PlanStore(data_dir, "hier")
    colleague = PlanStore(tmp_path / "collega", "collega")
    sharing.finish_import(colleague, sharing.prepare_import(colleague, sharing.export_plan(
        here, plan.id, tmp_path / "heen.vvplan")))
    theirs = colleague.load(plan.id)
    theirs.set_answer("agenderen", "al_bezig", "Tekst van de collega")
    colleague.save(theirs)
    file = sharing.export_plan(colleague, plan.id, tmp_path / "terug.vvplan")

    window = open_window()
    release = threading.Event()
    started = threading.Event()
    real = sharing.prepare_import

    def slow_prepare(store, path):
        started.set()
        release.wait(5)
        return real(store, path)

    monkeypatch.setattr(sharing, "prepare_import", slow_prepare)
    edit = field(window, "agenderen", "kansen").edit
    with qtbot.waitSignal(window.sharing.import_finished, timeout=20_000) as finished:
        assert window.import_file(file)
        qtbot.waitUntil(started.is_set, timeout=5000)
        edit.setFocus()
        qtbot.keyClicks(edit, " getypt tijdens import")  # well within the half second before 'busy'
        monkeypatch.setattr(sharing, "prepare_import", real)
        release.set()
    assert finished.args == [True]
    plan_now = window.session.plan
    assert plan_now.answer("agenderen", "al_bezig", None) == "Tekst van de collega"
    assert plan_now.answer("agenderen", "kansen", None).count(" getypt tijdens import") == 1
    assert field(window, "agenderen", "kansen").edit.toPlainText().count(" getypt tijdens import") == 1
    window.session.save_now()
    disk = json.loads((data_dir / "plans" / plan.id / "plan.json").read_text("utf-8"))["plan"]["1"]
    assert disk["phases"]["agenderen"]["rounds"][-1]["answers"]["kansen"]["v"].count(" getypt tijdens import") == 1
