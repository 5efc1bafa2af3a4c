"""The club's logo as the documents draw it: checked and scaled once, from memory.

The logo file in the plan folder was checked when it was chosen, but a file on disk can still be
damaged, replaced or huge by the time a PDF is made. ReportLab reads an image only while it draws
(a damaged PNG then stops the whole document with "image file is truncated"), so every document
asks :func:`logo_image` instead: the same checks as at import (``prepare_logo``), done before
drawing; a logo that fails them is left out.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader

from vv_desktop.core.i18n import translate
from vv_desktop.core.logo import LOGO_BOX, MAX_FILE_BYTES, prepare_logo

log = logging.getLogger(__name__)


def logo_png(path: Path | None) -> bytes | None:
    """The logo as a small PNG, or None when there is none or it cannot be used."""
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        log.warning("logo %s cannot be read", path, exc_info=True)
        return None
    return _checked(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _checked(path: str, _mtime_ns: int, size: int) -> bytes | None:
    """Cached per file version: the print dialog makes a new preview for every choice."""
    try:
        return _as_stored(Path(path), size) or prepare_logo(Path(path))
    except Exception:  # LogoError, MemoryError, anything Pillow raises: the logo is left out
        log.warning("logo %s left out of the PDF", path, exc_info=True)
        return None


def _as_stored(path: Path, size: int) -> bytes | None:
    """The file itself when it is what the app stores (an RGB(A) PNG within LOGO_BOX that decodes in full): no
    need to scale it again. None for anything else, which then gets every check of ``prepare_logo``."""
    if size > MAX_FILE_BYTES:
        return None
    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data), formats=("PNG",)) as img:
            if img.mode not in ("RGB", "RGBA") or img.width > LOGO_BOX[0] or img.height > LOGO_BOX[1]:
                return None
            img.load()  # a damaged file fails here, not while ReportLab draws
    except Exception:  # noqa: BLE001 - not a whole small PNG: prepare_logo says why
        return None
    return data


def logo_image(path: Path | None) -> ImageReader | None:
    png = logo_png(path)
    return None if png is None else ImageReader(io.BytesIO(png))


def logo_note() -> str:
    return translate("render", "De app kon het logo niet lezen, dus het staat niet in de PDF: kies "
                              "het logo opnieuw bij Clubgegevens.")
