"""Writing a PDF safely, with its metadata, and the paper sizes the app offers."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A2, A3, A4

from vv_desktop.core.atomic import replace_with_retry

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3, "A2": A2}

INK = "#1d2327"
MUTED = "#5f6b73"
LIGHT = "#eef1f3"


class RenderError(ValueError):
    """The PDF cannot be made; the message is one Dutch sentence."""


def write_pdf(out: Path, build: Callable[[BinaryIO], None]) -> Path:
    """Run ``build`` into a temp file beside ``out`` and move it into place only when it succeeded.

    A failure (full disk, a bug, an interrupted render) leaves nothing half-written at ``out``.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".pdf.tmp", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            build(fh)
            fh.flush()
            os.fsync(fh.fileno())
        replace_with_retry(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
