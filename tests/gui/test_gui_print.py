"""From a filled-in phase to a saved PDF, through the preview in the print dialog."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.gui import answer_modal, field, make_plans, wait_for_preview
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.print_dialog import PrintDialog


def test_type_an_objective_preview_the_worksheet_and_save_it(qtbot, open_window, data_dir, method, tmp_path,
                                                             monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("concretiseren")
    goals = field(window, "concretiseren", "doelen")
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(goals.edits[-1], "Minder schreeuwen langs de lijn")
    target = tmp_path / "uit" / "werkblad.pdf"
    target.parent.mkdir()
    asked: list[str] = []

    def save_dialog(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        wait_for_preview(qtbot, dialog)
        seen["first"] = (dialog.request().kind, dialog.request().phase, dialog.document.pageCount())
        image = dialog.document.render(0, dialog.document.pagePointSize(0).toSize())
        seen["image"] = not image.isNull()
        dialog.kind.setCurrentIndex(dialog.kind.findData("worksheet"))
        wait_for_preview(qtbot, dialog)
        seen["pages"] = dialog.document.pageCount()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["status"] = dialog.status.text()
        dialog.reject()

    answer_modal(drive)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)

    assert seen["first"] == ("poster", "concretiseren", 1)  # opens on the poster of the phase on screen
    assert seen["image"] is True
    assert seen["pages"] >= 1
    title = method.phase("concretiseren").title
    assert asked and asked[0].endswith(f"Mixed Hockey Club Vleuten - {title} - Werkblad - " +
                                       asked[0].rsplit(" - ", 1)[1])
    assert "Opgeslagen" in seen["status"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Minder schreeuwen langs de lijn" in text  # what was just typed is in the PDF
    assert "Concretiseren" in text
    assert [p.name for p in target.parent.iterdir()] == ["werkblad.pdf"]


def test_printing_a_poster_offers_the_a4_sheets(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        wait_for_preview(qtbot, dialog)
        answer_modal(lambda box: next(b for b in box.buttons() if b.text().startswith("Op A4")).click())
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        wait_for_preview(qtbot, dialog)
        seen["kind"] = dialog.request().kind
        seen["pages"] = dialog.document.pageCount()
        dialog.reject()

    answer_modal(drive)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)
    assert seen == {"kind": "poster-tiled", "pages": 4}


def open_print_dialog(qtbot, window, drive) -> None:
    """Open the print dialog with the button and run ``drive`` in it; the dialog is closed even if it fails."""
    def run(dialog: PrintDialog) -> None:
        try:
            drive(dialog)
        finally:
            dialog.reject()

    answer_modal(run)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)


def test_a_bug_while_rendering_is_one_dutch_sentence_in_the_dialog(qtbot, open_window, data_dir, method,
                                                                 monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()

    def broken(*_args, **_kwargs):
        raise RuntimeError("internal: lettertype kwijt")

    monkeypatch.setattr("vv_desktop.render.poster.PosterPainter.draw", broken)
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        seen["status"] = dialog.status.text()
        seen["reason"] = dialog.error_reason
        seen["save"] = dialog.save_button.isEnabled()
        dialog.reject()

    open_print_dialog(qtbot, window, drive)
    assert seen["reason"] == "bug"
    assert seen["status"] and "lettertype kwijt" not in seen["status"] and "RuntimeError" not in seen["status"]
    assert seen["save"] is False


def test_an_address_too_long_for_a_qr_code_still_gives_a_poster_and_a_report(qtbot, open_window, data_dir, method):
    store_plan = make_plans(data_dir, method, "Plan", open_last=True)[0]
    store_plan.set_club("contact_email", "a" * 5000 + "@example.nl")
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    PlanStore(data_dir, Settings(data_dir).device_id).save(store_plan)
    window = open_window()
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        wait_for_preview(qtbot, dialog)
        seen["poster"] = (dialog.request().kind, dialog.document.pageCount(), dialog.status.text(),
                          dialog.save_button.isEnabled())
        dialog.kind.setCurrentIndex(dialog.kind.findData("report"))
        wait_for_preview(qtbot, dialog)
        seen["report"] = (dialog.document.pageCount() > 2, dialog.save_button.isEnabled())
        dialog.reject()

    open_print_dialog(qtbot, window, drive)
    kind, pages, status, can_save = seen["poster"]
    assert (kind, pages, can_save) == ("poster", 1, True)
    assert len(status.splitlines()) == 2  # the page count, and why there is no QR code
    assert seen["report"] == (True, True)


def test_a_damaged_logo_gives_the_worksheet_without_it_and_says_so(qtbot, open_window, data_dir, method):
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import LOGO_FILE, PlanStore

    plan = make_plans(data_dir, method, "Plan", open_last=True)[0]
    store = PlanStore(data_dir, Settings(data_dir).device_id)
    (store.plan_folder(plan.id) / LOGO_FILE).write_bytes(b"\x89PNG\r\n\x1a\n" + b"kapot" * 20)  # damaged on disk
    window = open_window()
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("worksheet"))
        wait_for_preview(qtbot, dialog)
        seen["status"] = dialog.status.text()
        seen["save"] = dialog.save_button.isEnabled()

    open_print_dialog(qtbot, window, drive)
    assert len(seen["status"].splitlines()) == 2 and seen["save"] is True  # made, with a note about the logo


def test_missing_fonts_are_one_dutch_sentence_in_the_dialog(qtbot, open_window, data_dir, method, tmp_path,
                                                            monkeypatch):
    from vv_desktop.render.fonts import fonts

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    monkeypatch.setattr("vv_desktop.render.fonts.assets_dir", lambda: tmp_path / "weg")
    fonts.cache_clear()
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        seen["status"] = dialog.status.text()
        seen["reason"] = dialog.error_reason
        seen["save"] = dialog.save_button.isEnabled()
        seen["print"] = dialog.print_button.isEnabled()
        dialog.reject()

    try:
        open_print_dialog(qtbot, window, drive)
    finally:
        fonts.cache_clear()
    assert seen["reason"] == "font"
    assert seen["status"] and "\n" not in seen["status"] and "Error" not in seen["status"]
    assert seen["save"] is False and seen["print"] is False


def test_saving_onto_a_full_disk_says_so_and_keeps_the_old_file(qtbot, open_window, data_dir, method, tmp_path,
                                                                monkeypatch):
    import errno
    import os

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    target = tmp_path / "uit" / "poster.pdf"
    target.parent.mkdir()
    target.write_bytes(b"oude poster")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), "")))
    seen: dict[str, object] = {}

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def drive(dialog: PrintDialog) -> None:
        wait_for_preview(qtbot, dialog)
        monkeypatch.setattr(os, "fsync", full)  # the disk's answer is simulated; the copy itself is real

        def warning(box) -> None:
            seen["warning"] = box.text()
            box.accept()

        answer_modal(warning)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        monkeypatch.undo()
        seen["status"] = dialog.status.text()
        dialog.reject()

    open_print_dialog(qtbot, window, drive)
    assert seen["warning"] and "No space" not in seen["warning"]
    assert "Opgeslagen" not in seen["status"]
    assert target.read_bytes() == b"oude poster"
    assert [p.name for p in target.parent.iterdir()] == ["poster.pdf"]


def test_a_long_report_shows_its_first_pages_before_the_whole_is_made(qtbot, data_dir, method, monkeypatch):
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    for n in range(120):  # many actions: a report of many pages
        plan.add_item("concretiseren", "acties", {"wat": f"Actie {n} " + "met een lange uitleg " * 12})
    seen: list[tuple[int, bool]] = []
    shown = PrintDialog._first_pages

    def first_pages(dialog: PrintDialog, number: int, path: str) -> None:
        shown(dialog, number, path)
        seen.append((dialog.document.pageCount(), dialog.save_button.isEnabled() or dialog.print_button.isEnabled()))

    monkeypatch.setattr(PrintDialog, "_first_pages", first_pages)
    dialog = PrintDialog(method, plan, None, "agenderen")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("report"))
    dialog.render_now()
    wait_for_preview(qtbot, dialog)
    assert seen and seen[-1] == (2, False)  # the first two pages, and nothing to save or print yet
    assert dialog.document.pageCount() > 10 and dialog.save_button.isEnabled()
    dialog.reject()


def test_closing_the_dialog_while_the_preview_is_made_cleans_up_after_the_job(qtbot, data_dir, method, monkeypatch):
    """The worker has its temp file open in the preview folder (Windows cannot remove an open file):
    the folder goes once the job has finished, and the closed dialog does not open its PDF any more."""
    import threading

    from vv_desktop.render import report

    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = PrintDialog(method, plan, None, "agenderen")
    qtbot.addWidget(dialog)
    wait_for_preview(qtbot, dialog)
    folder = Path(dialog._folder.name)
    writing, go_on = threading.Event(), threading.Event()
    build = report.build_report

    def slow_report(*args, **kwargs):  # in the worker, with its temp file open: wait until the dialog is closed
        writing.set()
        go_on.wait(10)
        return build(*args, **kwargs)

    monkeypatch.setattr(report, "build_report", slow_report)
    dialog.kind.setCurrentIndex(dialog.kind.findData("report"))
    dialog.render_now()
    qtbot.waitUntil(writing.is_set, timeout=10_000)
    assert any(folder.glob(".*.tmp"))  # the job writes there now
    dialog.reject()
    qtbot.wait(100)  # the event loop runs what closing scheduled
    assert folder.exists()
    go_on.set()
    qtbot.waitUntil(lambda: not folder.exists(), timeout=20_000)
    assert dialog.document.pageCount() == 0  # the closed dialog did not open (and so hold) the finished PDF
