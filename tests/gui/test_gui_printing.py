"""Printing the previewed PDF: to a PDF file its own pages, to a printer pictures of them, off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.gui import answer_modal, wait_for_preview
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.print_dialog import PrintDialog


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


def test_pages_the_preview_does_not_have_are_not_printed(qtbot, data_dir, method, tmp_path):
    plan = hockey_club_halfway(PlanStore(data_dir, "test"), method)
    dialog = tiled_poster_dialog(qtbot, method, plan)  # 4 sheets
    out = tmp_path / "geen.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(6, 9)  # typed in the print dialog: sheets that are not there
    with qtbot.waitSignal(dialog.printed, timeout=10_000) as printed:
        dialog.print_to(printer)
    assert printed.args == ["pages"]  # not the last sheet instead
    assert not out.exists()
    assert "4" in dialog.status.text()  # says which pages there are
    printer.setFromTo(3, 9)  # partly there: the sheets that are
    dialog.print_to(printer)
    pages = PdfReader(out).pages
    assert [("blad 3 van 4" in p.extract_text(), "blad 4 van 4" in p.extract_text()) for p in pages] == [
        (True, False), (False, True)]
