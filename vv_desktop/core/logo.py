"""Checking and shrinking a club logo before it is copied into the app's data.

A logo comes from anywhere on the laptop: it may be no image at all, broken, huge on disk or
huge in pixels (a "decompression bomb"). Each case gets a clear Dutch message; a usable image is
scaled down and stored as a small PNG.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from vv_desktop.core.i18n import translate

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 6300 x 6300 in the file's header: larger is refused before anything is read
# What is actually decoded (a JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that still fills the logo
# box; a PNG always in full): 16 million pixels take 64 MB, and a converted copy as much again.
MAX_DECODED_PIXELS = 16_000_000
MAX_SIDE = 10_000  # a logo of 1 x 40,000,000 pixels is no logo, and decoding its rows one by one takes seconds
LOGO_BOX = (1200, 1200)  # sharp enough for an A2 poster corner, small enough to keep


class LogoError(ValueError):
    """The file cannot be used as a logo; the message says why in one sentence."""


def prepare_logo(path: Path) -> bytes:
    """Return the logo as PNG bytes, at most ``LOGO_BOX`` pixels, or raise :class:`LogoError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LogoError(translate("logo", "De app kan het bestand niet openen.")) from exc
    if size > MAX_FILE_BYTES:
        raise LogoError(
            translate("logo", "Dit bestand is te groot ({mb} MB). Kies een logo kleiner dan {max} MB.").format(
                mb=round(size / 1024 / 1024), max=MAX_FILE_BYTES // 1024 // 1024
            )
        )
    return _decode(path)


def prepare_logo_bytes(data: bytes, allowed: tuple[str, ...] | None = None) -> bytes:
    """Like :func:`prepare_logo`, for an image already in memory (a logo inside an exchange file).

    ``allowed`` limits the image formats (Pillow names, e.g. ``("PNG", "JPEG")``).
    """
    if len(data) > MAX_FILE_BYTES:
        raise LogoError(translate("logo", "Het logo is te groot."))
    return _decode(io.BytesIO(data), allowed)


def _check_size(width: int, height: int, limit: int) -> None:
    if width * height > limit or max(width, height) > MAX_SIDE:
        raise LogoError(
            translate("logo", "Dit plaatje is te groot ({w} x {h} pixels). Maak het eerst kleiner.").format(
                w=width, h=height)
        )


def _decode(source: Path | io.BytesIO, allowed: tuple[str, ...] | None = None) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source, formats=allowed) as img:
                _check_size(*img.size, MAX_PIXELS)  # from the header, before anything is decoded
                img.draft("RGB", LOGO_BOX)  # JPEG: decode at reduced size, much faster
                _check_size(*img.size, MAX_DECODED_PIXELS)  # what load() would now hold in memory
                img.load()
                # Scaled before it is converted (a palette image first, so that it is scaled in full colour).
                image = img if img.mode in ("RGB", "RGBA", "L", "LA") else img.convert("RGBA")
                image.thumbnail(LOGO_BOX)
                logo = image.convert("RGBA")
    except LogoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses these (over ~89M pixels) in Image.open, before we see the size
        raise LogoError(
            translate("logo", "Dit plaatje is te groot (meer dan {n} miljoen pixels). Maak het eerst kleiner.").format(
                n=MAX_PIXELS // 1_000_000
            )
        ) from None
    except UnidentifiedImageError:
        raise LogoError(translate("logo", "Dit bestand is geen plaatje dat de app kan lezen. Kies een PNG of JPG.")) \
            from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise LogoError(translate("logo", "Dit plaatje is beschadigd; de app kan het niet lezen.")) from exc
    out = io.BytesIO()
    logo.save(out, format="PNG", optimize=True)
    return out.getvalue()
