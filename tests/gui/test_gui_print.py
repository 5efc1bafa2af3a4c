"""From a filled-in phase to a saved PDF, through the preview in the print dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

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


def tiled_poster_dialog(qtbot, method, hockey_plan) -> PrintDialog:
    dialog = PrintDialog(method, hockey_plan, None, "agenderen")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("poster-tiled"))
    wait_for_preview(qtbot, dialog)
    assert dialog.request().kind == "poster-tiled" and dialog.document.pageCount() == 4
    return dialog


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as print_pdf makes it: 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # "print to file" in the print dialog
    printer.setOutputFileName(str(path))
    return printer


def test_printing_the_sheets_to_a_pdf_file_gives_the_apps_own_pages(qtbot, data_dir, method, tmp_path):
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)
    out = tmp_path / "geprint.pdf"
    dialog.print_to(pdf_printer(out))
    reader = PdfReader(out)
    assert len(reader.pages) == 4
    assert out.stat().st_size < 10_000_000
    first = " ".join(reader.pages[0].extract_text().split())
    assert f"Stap 1: {method.phase('agenderen').title}" in first  # real text, not a picture of it
    assert "blad 1 van 4" in first


def test_printing_the_sheets_to_a_printer_sends_pictures_of_at_most_300_dpi(qtbot, data_dir, method, tmp_path):
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)
    out = tmp_path / "printer.pdf"
    printer = pdf_printer(out)  # stands in for a printer: what Qt would send it, as a file
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        dialog.print_images(printer, range(4))
        assert dialog.is_printing()  # made in a worker thread: the window keeps responding
    assert printed.args == [""]
    reader = PdfReader(out)
    assert len(reader.pages) == 4
    for page in reader.pages:
        images = list(page.images)
        assert len(images) == 1
        width_inch = float(page.mediabox.width) / 72
        assert images[0].image.width <= 300 * width_inch + 1  # not the printer's 1200 dpi
        assert images[0].image.width >= 150 * width_inch  # and still sharp enough to read
    assert out.stat().st_size < 10_000_000


def test_printing_only_some_sheets_to_a_pdf_file(qtbot, data_dir, method, tmp_path):
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)
    out = tmp_path / "twee.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    dialog.print_to(printer)
    pages = PdfReader(out).pages
    assert len(pages) == 2
    assert "blad 2 van 4" in pages[0].extract_text() and "blad 3 van 4" in pages[1].extract_text()


def test_printing_can_be_stopped_between_sheets(qtbot, data_dir, method, tmp_path):
    import threading

    from PySide6.QtWidgets import QProgressDialog

    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)
    out = tmp_path / "printer.pdf"
    pressed = threading.Event()
    sent: list[int] = []
    dialog.print_images(pdf_printer(out), range(4))
    job = dialog._print_job

    def after_a_sheet(n: int) -> None:  # in the worker thread: wait after the first sheet until Stoppen is pressed
        sent.append(n)
        if n == 1:
            pressed.wait(10)

    job.signals.progress.connect(after_a_sheet, Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: bool(sent), timeout=20_000)
    progress = dialog.findChild(QProgressDialog)
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Stoppen
        pressed.set()
    assert sent == [1]  # no further sheet was made after Stoppen
    assert not dialog.is_printing() and dialog.print_button.isEnabled()


def test_closing_the_dialog_while_printing_stops_and_then_cleans_up(qtbot, data_dir, method, tmp_path):
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)
    folder = Path(dialog._folder.name)
    dialog.print_images(pdf_printer(tmp_path / "printer.pdf"), range(4))
    job = dialog._print_job
    with qtbot.waitSignal(job.signals.finished, timeout=20_000):
        dialog.reject()
        assert folder.exists()  # the job still reads the preview PDF
    qtbot.waitUntil(lambda: not folder.exists(), timeout=5_000)


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


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a file that is always full)")
def test_a_printer_that_fails_halfway_is_reported(qtbot, data_dir, method):
    """The printer takes the first sheet, then cannot take more (here: its spool file is on a full disk)."""
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)
    told: list[str] = []

    def close_the_message(widget) -> None:  # the message that printing failed (not the progress window)
        if told:
            return
        if isinstance(widget, QMessageBox):
            told.append(widget.text())
            widget.accept()
        else:
            QTimer.singleShot(20, lambda: answer_modal(close_the_message))

    answer_modal(close_the_message)
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        dialog.print_images(pdf_printer("/dev/full"), range(4))
    assert printed.args == ["printer"]  # not "" (printed): the user must know the sheets did not come out
    assert told
    assert not dialog.is_printing() and dialog.print_button.isEnabled()


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
