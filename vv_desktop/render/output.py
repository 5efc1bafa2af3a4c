"""Writing a PDF safely, the errors the render layer gives, and the paper sizes the app offers."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A2, A3, A4

from vv_desktop.core.atomic import is_disk_full, is_not_allowed, replace_with_retry
from vv_desktop.core.i18n import translate

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3, "A2": A2}

INK = "#1d2327"
MUTED = "#5f6b73"
LIGHT = "#eef1f3"



class RenderError(ValueError):
    """The PDF cannot be made; the message is one Dutch sentence that says what to do.

    ``reason`` is a fixed id for tests and logs: request, font, layout, memory, disk_full, read_only,
    write or bug.
    """

    reason = "request"

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class PdfWriteError(RenderError, OSError):
    """The PDF was made but could not be written. Also an ``OSError``, for callers that catch those."""

    def __new__(cls, message: str, reason: str, code: int | None = None):
        return OSError.__new__(cls, message)

    def __init__(self, message: str, reason: str, code: int | None = None):
        RenderError.__init__(self, message, reason)
        self.errno = code


def write_failure(exc: OSError, out: Path) -> PdfWriteError:
    """What the user reads when ``out`` cannot be written: a full disk, a folder that is read-only, or else."""
    folder = str(Path(out).parent)
    if is_disk_full(exc):
        return PdfWriteError(translate("render", "De schijf is vol, dus de app kan de PDF niet "
                                                "opslaan in {folder}: maak ruimte vrij of kies een "
                                                "andere map.").format(folder=folder),
                             "disk_full", exc.errno)
    if is_not_allowed(exc):
        return PdfWriteError(translate("render", "De app mag niets opslaan in de map {folder} (de map is "
                                                "alleen-lezen of beveiligd): kies een andere map.").format(
            folder=folder), "read_only", exc.errno)
    return PdfWriteError(translate("render", "De app kan de PDF niet opslaan als {file}: kies een "
                                            "andere map of een andere naam.").format(file=str(out)),
                         "write", exc.errno)


def explain(exc: Exception) -> RenderError:
    """Any other failure while drawing, as one sentence; the details go to the log."""
    from reportlab.platypus.doctemplate import LayoutError

    if isinstance(exc, RenderError):
        return exc
    if isinstance(exc, LayoutError):
        return RenderError(translate("render", "Een tekst past niet op een pagina, dus de app kan de "
                                              "PDF niet maken: maak het langste antwoord korter en "
                                              "probeer het opnieuw."),
                           "layout")
    if isinstance(exc, MemoryError):
        return RenderError(translate("render", "Er is te weinig geheugen om deze PDF te maken: sluit andere "
                                               "programma's en probeer het opnieuw."), "memory")
    return RenderError(translate("render", "Er ging iets mis bij het maken van de PDF: probeer het opnieuw, en stuur "
                                           "het logbestand naar wie je helpt als het weer misgaat."), "bug")


def _atomic(out: Path, fill: Callable[[BinaryIO], None]) -> Path:
    """Run ``fill`` into a temp file beside ``out`` and move it into place only when it succeeded.

    A failure (full disk, a bug, an interrupted render) leaves nothing half-written at ``out``;
    an ``OSError`` from the file system becomes a :class:`PdfWriteError`.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".pdf.tmp", dir=out.parent)
    except OSError as exc:
        raise write_failure(exc, out) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        replace_with_retry(tmp, out)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, RenderError):
            raise write_failure(exc, out) from exc
        raise
    return out


def write_pdf(out: Path, build: Callable[[BinaryIO], None]) -> Path:
    """Build the PDF into ``out`` atomically (see :func:`_atomic`)."""
    return _atomic(out, build)


def copy_pdf(source: Path, out: Path) -> Path:
    """Copy a PDF that was already made (the preview) to ``out``, atomically, with the same errors."""
    def fill(fh: BinaryIO) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, fh)

    return _atomic(out, fill)
