"""Printing the previewed PDF: to a PDF file its own pages, to a printer pictures of them, made in a worker thread.

A printer in high-resolution mode reports 1200 dpi; pictures that fine make a print job of tens of
megabytes for a few sheets and take many seconds, for no visible gain. So a printer gets pictures of at
most :data:`PRINT_DPI`, and "print to file" (a QPrinter that writes a PDF) gets the app's own PDF:
real text, small, at once.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QRunnable, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from vv_desktop.render.output import copy_pdf

PRINT_DPI = 300  # pictures sent to a printer: sharp on paper, a print job of a few MB


def prints_to_pdf_file(printer: QPrinter) -> bool:
    """The user chose "print to file" (a PDF) rather than a printer."""
    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(printer.outputFileName())


def pages_to_print(printer: QPrinter, count: int) -> range:
    """The pages chosen in the print dialog (numbered from 0), all ``count`` of them when none were chosen.

    Empty when the chosen pages are all past the last one; a range that runs past it ends there.
    """
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage()
        last = min(max(printer.toPage() or count, first), count)
        return range(first - 1, max(last, first - 1))
    return range(count)


def copy_pages(source: Path, pages: range, count: int, target: Path, scratch: Path) -> None:
    """``pages`` of the PDF ``source`` (which has ``count``) as the PDF ``target``; raises RenderError."""
    if pages != range(count):  # some pages only
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        reader = PdfReader(source)
        for index in pages:
            writer.add_page(reader.pages[index])
        source = scratch / "afdruk.pdf"
        with source.open("wb") as fh:
            writer.write(fh)
    copy_pdf(source, target)  # via a temp file: a failure leaves the old file as it was


def on_white(image: QImage) -> QImage:
    """QtPdf draws a page on a transparent background: put it on white (no transparency mask in the print job)."""
    if not image.hasAlphaChannel():
        return image
    opaque = QImage(image.size(), QImage.Format.Format_RGB32)
    opaque.fill(Qt.GlobalColor.white)
    painter = QPainter(opaque)
    painter.drawImage(0, 0, image)
    painter.end()
    return opaque


class PrintSignals(QObject):
    progress = Signal(int)  # sheets sent so far
    finished = Signal(str)  # "" when printed or stopped; "printer" when the printer could not be used or failed


class PrintJob(QRunnable):
    """Draw pages of a PDF on a printer as pictures of at most PRINT_DPI, off the UI thread.

    QPainter may paint on a QPrinter in another thread; the job reads the PDF with its own QPdfDocument.
    ``stop`` is checked before each page.
    """

    def __init__(self, pdf: Path, printer: QPrinter, pages: range):
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until it has finished
        self.pdf, self.printer, self.pages = pdf, printer, pages
        self.stop = threading.Event()
        self.signals = PrintSignals()

    def run(self) -> None:
        document = QPdfDocument()
        document.load(str(self.pdf))
        painter = QPainter()
        if document.status() != QPdfDocument.Status.Ready or not painter.begin(self.printer):
            document.close()
            self.signals.finished.emit("printer")
            return
        dpi = min(self.printer.resolution(), PRINT_DPI)
        failed = stopped = False
        try:
            for done, index in enumerate(self.pages):
                if self.stop.is_set():
                    self.printer.abort()
                    stopped = True
                    break
                if done and not self.printer.newPage():  # the printer took no more (its spool is full, it went away)
                    failed = True
                    break
                area = self.printer.pageLayout().paintRectPixels(self.printer.resolution())
                page = document.pagePointSize(index)
                scale = min(area.width() / page.width(), area.height() / page.height())  # device pixels per point
                image = on_white(document.render(index, (page * dpi / 72).toSize()))
                painter.drawImage(QRectF(0, 0, page.width() * scale, page.height() * scale), image)
                self.signals.progress.emit(done + 1)
        finally:
            ended = painter.end()
            document.close()
        self.signals.finished.emit("printer" if failed or not (ended or stopped) else "")
