"""The poster's QR code with the contact address: drawn only when the address fits a code a phone reads.

ReportLab's encoder raises a bare ``Exception("code length overflow")`` for too much data, and only
while it draws. So the size is decided first, with the encoder's own sums: the data must fit
version :data:`MAX_VERSION`, whose modules are still 0.4 mm on an A3 poster. Every valid e-mail
address (at most 254 characters) fits; a longer text is printed as text only.

Encoding is the slow part (the encoder tries its 8 masks in pure Python), so the modules of each
value are computed once per process and every later poster, size or A4 sheet reuses them.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

LEVEL = "M"  # error correction M: readable with a bit of damage
MAX_VERSION = 12  # 65 x 65 modules, plus the border
BORDER = 4  # modules of white around the code (the quiet zone)


def qr_fits(value: str) -> bool:
    """True when ``value`` fits a QR code of at most :data:`MAX_VERSION` at level M."""
    level = getattr(qrencoder.QRErrorCorrectLevel, LEVEL)
    code = qrencoder.QRCode(None, level)
    try:
        code.addData(value)
    except ValueError:
        return False
    bits = sum(4 + data.getLengthBits(MAX_VERSION) + data.bitlength for data in code.dataList)
    return bits <= 8 * sum(block.dataCount for block in qrencoder.QRRSBlock.getRSBlocks(MAX_VERSION, level))


@lru_cache(maxsize=32)
def _modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of ``value``'s code, row by row from the top; encoded once."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, LEVEL))
    code.addData(value)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def draw_qr(c: Canvas, value: str, x: float, y: float, size: float) -> None:
    """``value`` as a QR code of ``size`` points at (x, y), quiet zone included; call :func:`qr_fits` first.

    Drawn as ReportLab's QR flowable draws it (a rectangle per run of dark modules, each a little
    taller so that rows meet without hairlines), as one path. That path is filled non-zero: ReportLab's
    default (even-odd) would leave white the strip where a rectangle overlaps the row above it.
    """
    modules = _modules(value)
    unit = size / (len(modules) + 2 * BORDER)
    path = c.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + BORDER + 1) * unit
        start = None
        for col, dark in enumerate((*row, False)):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + (start + BORDER) * unit, top, (col - start) * unit, unit * 1.05)
                start = None
    c.setFillColor(colors.black)
    c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
