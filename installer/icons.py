"""The app and document icons for every platform, rasterized from the two SVG sources.

The SVGs in ``vv_desktop/data/assets/icons/`` are the only hand-made artwork; this step turns them into
PNGs (Linux hicolor theme, the window icon), a multi-resolution ``.ico`` (Windows) and an ``.icns``
(macOS). Qt's own SVG renderer draws them, so the icons look exactly like the SVG the app shows at run
time; Pillow packs the PNGs into ``.ico`` and ``.icns`` (its writers work on every platform).

    python -m installer.icons OUT_DIR
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from installer.common import BuildError, staged_file

if TYPE_CHECKING:  # PySide6 and Pillow are imported when an icon is drawn, not when the build starts
    from PIL.Image import Image
    from PySide6.QtGui import QGuiApplication, QImage

APP_ICON = "stappenplan"
DOC_ICON = "vvplan"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest frame an .ico can hold
# The slots Pillow's ICNS writer fills (ic11 .. ic10: 16@2x up to 512@2x); 1024 is rendered, never saved as PNG.
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)

_qt_app: QGuiApplication | None = None  # the one this module made, kept alive for the whole process

__all__ = [
    "APP_ICON", "DOC_ICON", "ICNS_SIZES", "ICO_SIZES", "PNG_SIZES", "IconSet", "main", "make_icons", "render_svg",
    "svg_source",
]


@dataclass(frozen=True)
class IconSet:
    """Where make_icons put everything; the PNG dicts map the pixel size to the file."""

    folder: Path
    app_svg: Path
    doc_svg: Path
    app_png: dict[int, Path]
    doc_png: dict[int, Path]
    app_ico: Path
    doc_ico: Path
    app_icns: Path
    doc_icns: Path


def _ensure_gui_app() -> None:
    """QSvgRenderer and QImage need a QGuiApplication; a build machine has no screen, so go offscreen."""
    global _qt_app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _qt_app = QGuiApplication([sys.argv[0] if sys.argv else "icons"])


def svg_source(name: str) -> Path:
    """The SVG of icon ``name`` inside the package, or a BuildError if it is not there."""
    from vv_desktop.core.resources import icon_file

    svg = icon_file(name)
    if not svg.is_file():
        raise BuildError(f"The icon source {svg} is missing; it is part of the source tree, restore it.")
    return svg


def render_svg(svg: Path, size: int) -> QImage:
    """``svg`` drawn on a transparent, antialiased ``size`` x ``size`` image."""
    _ensure_gui_app()
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"Qt cannot render the icon {svg}; check that it is well-formed SVG Tiny 1.2.")
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise BuildError("Qt could not encode an icon as PNG; is the Qt image plugin for PNG missing?")
    buffer.close()
    return bytes(data.data())


def _pil_image(image: QImage) -> Image:
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(_png_bytes(image))) as opened:
        return opened.convert("RGBA")


@contextlib.contextmanager
def _output(final: Path) -> Iterator[Path]:
    """staged_file, readable by everyone: the files go into packages as they are (mkstemp makes them 0600)."""
    with staged_file(final) as temp:
        yield temp
        temp.chmod(0o644)


def _render_sizes(svg: Path) -> dict[int, QImage]:
    """Every size any output needs, each drawn from the SVG at that size (never scaled from another)."""
    return {size: render_svg(svg, size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}


def _write_pngs(images: dict[int, QImage], name: str, out_dir: Path) -> dict[int, Path]:
    pngs: dict[int, Path] = {}
    for size in PNG_SIZES:
        final = out_dir / f"{name}-{size}.png"
        with _output(final) as temp:
            temp.write_bytes(_png_bytes(images[size]))
        pngs[size] = final
    return pngs


def _write_multi(images: dict[int, QImage], sizes: tuple[int, ...], fmt: str, final: Path) -> Path:
    """An .ico or .icns: the largest image, with the smaller ones appended for Pillow to pick by size."""
    frames = [_pil_image(images[size]) for size in sorted(sizes, reverse=True)]
    largest, *smaller = frames
    options = {"sizes": [(s, s) for s in sizes]} if fmt == "ICO" else {}
    with _output(final) as temp:
        largest.save(temp, format=fmt, append_images=smaller, **options)
    return final


def _make_one(name: str, out_dir: Path) -> tuple[Path, dict[int, Path], Path, Path]:
    svg = svg_source(name)
    images = _render_sizes(svg)
    pngs = _write_pngs(images, name, out_dir)
    ico = _write_multi(images, ICO_SIZES, "ICO", out_dir / f"{name}.ico")
    icns = _write_multi(images, ICNS_SIZES, "ICNS", out_dir / f"{name}.icns")
    return svg, pngs, ico, icns


def make_icons(out_dir: Path) -> IconSet:
    """Rasterize both icons into ``out_dir``: ``<name>-<size>.png``, ``<name>.ico`` and ``<name>.icns``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in (APP_ICON, DOC_ICON):  # both must be there and drawable before anything is written
        render_svg(svg_source(name), PNG_SIZES[0])
    app_svg, app_png, app_ico, app_icns = _make_one(APP_ICON, out_dir)
    doc_svg, doc_png, doc_ico, doc_icns = _make_one(DOC_ICON, out_dir)
    return IconSet(folder=out_dir, app_svg=app_svg, doc_svg=doc_svg, app_png=app_png, doc_png=doc_png,
                   app_ico=app_ico, doc_ico=doc_ico, app_icns=app_icns, doc_icns=doc_icns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.icons",
                                     description="Rasterize the app and document icons (PNG, ICO, ICNS).")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder for the PNG, ICO and ICNS files")
    args = parser.parse_args(argv)
    try:
        icons = make_icons(args.out_dir)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in (*icons.app_png.values(), *icons.doc_png.values(), icons.app_ico, icons.doc_ico,
                 icons.app_icns, icons.doc_icns):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
