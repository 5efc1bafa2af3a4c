"""Print and PDF: choose what to make, see it, save it or print it.

The PDF is made by ReportLab in a worker thread (never a frozen window) and shown with QtPdf.
Saving copies exactly that PDF; printing to a PDF file does the same, printing on a printer
draws its pages as pictures of at most 300 dpi in a worker thread (see ui/printing.py).
"""

from __future__ import annotations

import copy
import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import Method
from vv_desktop.render.kinds import FIRST_PAGES, FIRST_PAGES_FIRST, KINDS, Request, default_file_name, kind_label
from vv_desktop.render.output import RenderError, copy_pdf
from vv_desktop.ui.printing import PrintJob, copy_pages, pages_to_print, prints_to_pdf_file
from vv_desktop.ui.style import documents_folder

log = logging.getLogger(__name__)

RERENDER_DELAY_MS = 250


GIL_SWITCH_S = 0.001


class _RenderSignals(QObject):
    # job number, pdf path ("" on error), error sentence, its reason id, notes (one per line)
    done = Signal(int, str, str, str, str)
    first = Signal(int, str)  # job number, a pdf of the first pages of a long document


class _RenderJob(QRunnable):
    def __init__(self, number: int, request: Request, out: Path, method: Method, plan: Plan, logo: Path | None):
        super().__init__()
        self.number, self.request, self.out = number, request, out
        self.method, self.plan, self.logo = method, plan, logo
        self.signals = _RenderSignals()

    def run(self) -> None:
        from vv_desktop.render.a4doc import first_pages
        from vv_desktop.render.kinds import render
        from vv_desktop.render.output import PdfWriteError, RenderError, explain

        notes: list[str] = []
        try:
            if self.request.kind in FIRST_PAGES_FIRST:  # a first look while the rest is made
                first = self.out.with_name(f"{self.out.stem}-begin.pdf")
                with first_pages(FIRST_PAGES):
                    render(self.request, first, self.method, self.plan, self.logo, [])
                self.signals.first.emit(self.number, str(first))
            render(self.request, self.out, self.method, self.plan, self.logo, notes)
        except PdfWriteError as exc:  # the preview's own temp folder, not a folder the user chose
            self.signals.done.emit(self.number, "", preview_write_sentence(), exc.reason, "")
            return
        except RenderError as exc:  # one Dutch sentence; render() logged the details
            self.signals.done.emit(self.number, "", str(exc), exc.reason, "")
            return
        except Exception as exc:
            log.exception("rendering %s failed", self.request)
            error = explain(exc)
            self.signals.done.emit(self.number, "", str(error), error.reason, "")
            return
        self.signals.done.emit(self.number, str(self.out), "", "", "\n".join(notes))


def preview_write_sentence() -> str:
    return translate("PrintDialog", "De app kan het voorbeeld niet maken: er is op de schijf geen "
                                   "ruimte of toegang voor tijdelijke bestanden. Maak ruimte vrij en "
                                   "probeer het opnieuw.")


class PrintDialog(QDialog):
    printed = Signal(str)  # printing finished (or stopped): "" or the reason it failed

    def __init__(self, method: Method, plan: Plan, logo: Path | None, phase: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.method, self.logo = method, logo
        # A private copy: the worker thread reads it while the window may still autosave the plan.
        self.plan = Plan(copy.deepcopy(plan.doc), plan.device_id)
        self.setWindowTitle(self.tr("Afdrukken en PDF"))
        self._folder = tempfile.TemporaryDirectory(prefix="stappenplan-")
        self._job_number = 0
        self._busy = False
        self._print_job: PrintJob | None = None
        self._rendering = 0  # preview jobs still writing in the temp folder
        self._closed = False
        self.pdf_path: Path | None = None
        self.error_reason: str | None = None  # why the last preview failed (a RenderError reason id)

        layout = QHBoxLayout(self)
        layout.addWidget(self._build_options(phase))
        right = QVBoxLayout()
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setAccessibleName(self.tr("Voorbeeld"))
        right.addWidget(self.view, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(self.fontMetrics().height() // 2)
        right.addWidget(self.progress)
        layout.addLayout(right, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.render_now)
        screen = self.screen().availableGeometry()
        self.resize(min(1100, screen.width() - 40), min(760, screen.height() - 40))
        self._update_controls()
        self.render_now()

    def _build_options(self, phase: str) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        form.addRow(self.tr("&Wat wil je maken?"), self.kind)
        self.phase = QComboBox()
        for p in self.method.phases:
            self.phase.addItem(f"{p.number}. {p.title}", p.id)
        self.phase.setCurrentIndex(max(self.phase.findData(phase), 0))
        form.addRow(self.tr("&Fase:"), self.phase)
        self.paper = QComboBox()
        form.addRow(self.tr("&Papier:"), self.paper)
        self.all_rounds = QCheckBox(self.tr("Alle &rondes"))
        self.all_rounds.setToolTip(self.tr("Het werkblad met alle rondes van deze fase, niet alleen de laatste"))
        form.addRow(self.all_rounds)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.status)
        self.save_button = QPushButton(self.tr("&Opslaan als PDF..."))
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(self.tr("&Afdrukken..."))
        self.print_button.clicked.connect(self.print_pdf)
        close = QPushButton(self.tr("Sluiten"))
        close.clicked.connect(self.reject)
        for button in (self.save_button, self.print_button, close):
            form.addRow(button)
        self.kind.currentIndexChanged.connect(self._options_changed)
        self.phase.currentIndexChanged.connect(self._options_changed)
        self.paper.currentIndexChanged.connect(self._options_changed)
        self.all_rounds.toggled.connect(self._options_changed)
        box.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        return box

    # -- choosing and rendering ---------------------------------------------------------------
    def request(self) -> Request:
        kind = KINDS[self.kind.currentData()]
        return Request(kind.id, self.phase.currentData() if kind.needs_phase else None,
                       self.paper.currentData() or kind.papers[0],
                       self.all_rounds.isChecked() and kind.id == "worksheet")

    def _update_controls(self) -> None:
        kind = KINDS[self.kind.currentData()]
        current = self.paper.currentData()
        self.paper.blockSignals(True)
        self.paper.clear()
        for paper in kind.papers:
            self.paper.addItem(paper, paper)
        self.paper.setCurrentIndex(max(self.paper.findData(current), 0))
        self.paper.blockSignals(False)
        self.paper.setEnabled(len(kind.papers) > 1)
        self.phase.setEnabled(kind.needs_phase)
        self.all_rounds.setEnabled(kind.id == "worksheet")

    def _options_changed(self) -> None:
        self._update_controls()
        self._timer.start(RERENDER_DELAY_MS)

    def render_now(self) -> None:
        # ReportLab runs in Python in the worker and holds the GIL: let it hand the GIL to the window
        # after 1 ms instead of 5, so the window keeps drawing while a long document is made.
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        self._job_number += 1
        self._set_busy(True)
        out = Path(self._folder.name) / f"voorbeeld-{self._job_number}.pdf"
        job = _RenderJob(self._job_number, self.request(), out, self.method, self.plan, self.logo)
        job.signals.done.connect(self._rendered)
        job.signals.first.connect(self._first_pages)
        self._rendering += 1
        QThreadPool.globalInstance().start(job)

    def _first_pages(self, number: int, path: str) -> None:
        """The first pages of a long document: shown at once; saving and printing wait for the whole."""
        if number != self._job_number or self._closed:
            return
        self.document.load(path)
        self.status.setText(self.tr("De eerste pagina's staan er. De rest komt eraan..."))

    def _rendered(self, number: int, path: str, error: str, reason: str, notes: str) -> None:
        self._rendering -= 1
        if self._closed:  # the dialog was closed while this job wrote in its folder: now that can go
            self._clean_up_when_idle()
            return
        if number != self._job_number:  # an older choice finished late: ignore it
            return
        self._set_busy(False)
        self.error_reason = reason or None
        if error:
            self.pdf_path = None
            self.document.close()
            self.status.setText(error)  # one sentence: what happened and what to do
            self._enable_output(False)
            return
        self.pdf_path = Path(path)
        self.document.load(path)
        pages = self.document.pageCount()
        text = (self.tr("1 pagina. Kijk of alles klopt.") if pages == 1 else
                self.tr("{n} pagina's. Kijk of alles klopt.").format(n=pages))
        self.status.setText(f"{text}\n{notes}" if notes else text)  # notes: what the PDF was made without
        self._enable_output(True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        if busy:
            self.status.setText(self.tr("Bezig met maken..."))
            self._enable_output(False)

    def _enable_output(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def is_busy(self) -> bool:
        return self._busy or self._timer.isActive()

    # -- saving and printing ------------------------------------------------------------------
    def suggested_path(self) -> Path:
        return documents_folder() / default_file_name(self.request(), self.method, self.plan)

    def save_as(self) -> None:
        if self.pdf_path is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Opslaan als PDF"), str(self.suggested_path()),
                                                self.tr("PDF-bestanden (*.pdf)"))
        if not target:
            return
        target_path = Path(target if target.lower().endswith(".pdf") else target + ".pdf")
        try:
            copy_pdf(self.pdf_path, target_path)  # via a temp file: a failure leaves the old file as it was
        except RenderError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.status.setText(self.tr("Opgeslagen: {path}").format(path=target_path))

    def print_pdf(self) -> None:
        if self.pdf_path is None:
            return
        if self.request().kind == "poster" and not self._poster_to_printer():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_path().stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())  # the pages the user can choose
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def _poster_to_printer(self) -> bool:
        """A home printer takes A4: print the poster in A4 pieces, or open it in the PDF reader."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Poster afdrukken"))
        box.setText(self.tr("Een poster is groter dan A4. Hoe wil je hem afdrukken?"))
        tiles = box.addButton(self.tr("Op A4-vellen om aan elkaar te plakken"), QMessageBox.ButtonRole.AcceptRole)
        viewer = box.addButton(self.tr("Openen in mijn PDF-lezer"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is viewer:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path)))
            return False
        if box.clickedButton() is tiles:
            self.kind.setCurrentIndex(self.kind.findData("poster-tiled"))
            self._timer.stop()
            self.status.setText(self.tr("De poster staat nu op A4-vellen. Kijk het voorbeeld na en kies weer "
                                        "Afdrukken."))
            self.render_now()
        return False

    def print_to(self, printer: QPrinter) -> None:
        """Print the previewed PDF on ``printer``: to a PDF file its own pages, to a printer as pictures."""
        if self.pdf_path is None:
            return
        count = self.document.pageCount()
        pages = pages_to_print(printer, count)
        if not pages:  # only pages past the last one were chosen
            self.status.setText(self.tr("Die pagina's zitten niet in dit voorbeeld: kies pagina 1 tot en met "
                                        "{n}.").format(n=count))
            self.printed.emit("pages")
        elif prints_to_pdf_file(printer):
            self._print_to_file(Path(printer.outputFileName()), pages)
        else:
            self.print_images(printer, pages)

    def _print_to_file(self, target: Path, pages: range) -> None:
        try:
            copy_pages(self.pdf_path, pages, self.document.pageCount(), target, Path(self._folder.name))
        except RenderError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            self.printed.emit(exc.reason)
            return
        self.status.setText(self.tr("Afgedrukt naar het bestand {path}").format(path=target))
        self.printed.emit("")

    def print_images(self, printer: QPrinter, pages: range) -> None:
        """Send ``pages`` to ``printer`` as pictures, made in a worker thread, with progress and Stoppen."""
        if self.pdf_path is None or self._print_job is not None:
            return
        job = PrintJob(self.pdf_path, printer, pages)
        self._print_job = job
        progress = QProgressDialog(self.tr("Afdrukken..."), self.tr("Stoppen"), 0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)  # shown only when it takes longer
        progress.setValue(0)
        progress.canceled.connect(job.stop.set)
        job.signals.progress.connect(progress.setValue)
        job.signals.finished.connect(lambda reason: self._printed(job, progress, reason))
        self._enable_output(False)
        QThreadPool.globalInstance().start(job)

    def _printed(self, job: PrintJob, progress: QProgressDialog, reason: str) -> None:
        progress.canceled.disconnect(job.stop.set)
        progress.close()
        progress.deleteLater()
        self._print_job = None
        if self._closed:
            self._clean_up_when_idle()
        self._enable_output(self.pdf_path is not None and not self._busy)
        if reason:
            QMessageBox.warning(self, self.windowTitle(), self.tr("De app kan de printer niet gebruiken."))
        self.printed.emit(reason)

    def is_printing(self) -> bool:
        return self._print_job is not None

    def done(self, result: int) -> None:
        self.document.close()
        super().done(result)
        self._closed = True
        if self._print_job is not None:  # still printing: stop after this sheet
            self._print_job.stop.set()
        self._clean_up_when_idle()

    def _clean_up_when_idle(self) -> None:
        """Remove the temp folder once no job reads or writes in it (an open file cannot be removed on Windows)."""
        if self._print_job is None and self._rendering == 0:
            QTimer.singleShot(0, self._folder.cleanup)
