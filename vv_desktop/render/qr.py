"""The poster's QR code with the contact address: drawn only when the address fits a code a phone reads.

ReportLab's encoder raises a bare ``Exception("code length overflow")`` for too much data, and only
while it draws. So the size is decided first, with the encoder's own sums: the data must fit
version :data:`MAX_VERSION`, whose modules are still 0.4 mm on an A3 poster. Every valid e-mail
address (at most 254 characters) fits; a longer text is printed as text only.
"""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

LEVEL = "M"  # error correction M: readable with a bit of damage
MAX_VERSION = 12  # 65 x 65 modules, plus the border


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


def draw_qr(c: Canvas, value: str, x: float, y: float, size: float) -> None:
    """``value`` as a QR code of ``size`` points at (x, y); call :func:`qr_fits` first."""
    # ReportLab's QR flowable draws straight on the canvas; its graphics widget builds a shape per
    # module and takes several times longer.
    c.setFillColor(colors.black)
    QrCode(value, width=size, height=size, qrLevel=LEVEL).drawOn(c, x, y)
