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
MAX_PIXELS = 40_000_000  # about 6300 x 6300: larger is refused before it is decoded
LOGO_BOX = (1200, 1200)  # sharp enough for an A2 poster corner, small enough to keep


class LogoError(ValueError):
    """The file cannot be used as a logo; the message says why in one sentence."""


def prepare_logo(path: Path) -> bytes:
    """Return the logo as PNG bytes, at most ``LOGO_BOX`` pixels, or raise :class:`LogoError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LogoError(translate("logo", "Het bestand kan niet worden geopend.")) from exc
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


def _decode(source: Path | io.BytesIO, allowed: tuple[str, ...] | None = None) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source, formats=allowed) as img:
                width, height = img.size
                if width * height > MAX_PIXELS:
                    raise LogoError(
                        translate(
                            "logo", "Dit plaatje is te groot ({w} x {h} pixels). Maak het eerst kleiner."
                        ).format(w=width, h=height)
                    )
                img.draft("RGB", LOGO_BOX)  # JPEG: decode at reduced size, much faster
                img.load()
                logo = img.convert("RGBA")
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
        raise LogoError(translate("logo", "Dit plaatje is beschadigd en kan niet worden gelezen.")) from exc
    logo.thumbnail(LOGO_BOX)
    out = io.BytesIO()
    logo.save(out, format="PNG", optimize=True)
    return out.getvalue()
