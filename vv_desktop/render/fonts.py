"""Embedded fonts, and turning user text into safe ReportLab markup.

ReportLab's ``Paragraph`` parses markup: ``<``, ``&``, ``<img src=...>`` in an answer would be
read as tags (and an img tag would load a file). Every piece of user text therefore goes through
:func:`markup`, which escapes it and switches to the fallback font for letters the main font
lacks. A letter neither font has (emoji, Chinese) becomes a visible □ instead of an empty box.

Reading a TrueType file costs 10-20 ms each: Lato is read at the first document a process makes,
DejaVu (the fallback, 40 ms) only when a text first needs a letter Lato lacks.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from vv_desktop.core.i18n import translate
from vv_desktop.core.resources import assets_dir
from vv_desktop.render.output import RenderError

REPLACEMENT = "□"

_FILES = {
    "Lato": "Lato-Regular.ttf",
    "Lato-Bold": "Lato-Bold.ttf",
    "Lato-Italic": "Lato-Italic.ttf",
    "Lato-Black": "Lato-Black.ttf",
}
_FALLBACK_FILES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
}
# Characters that carry no visible glyph of their own and are dropped. The soft hyphen too: ReportLab
# breaks a word there, and a word that starts with one is then never wrapped at all (it runs off the page).
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff]")
# Control characters are not printable (and break the PDF text layer); keep tabs/newlines.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FontError(RenderError):
    """The app's own fonts are missing or damaged (a broken installation)."""

    reason = "font"


class Fonts(NamedTuple):
    regular: str
    bold: str
    italic: str
    black: str
    fallback: str
    fallback_bold: str


def _register(files: dict[str, str]) -> None:
    folder = assets_dir() / "fonts"
    for name, file in files.items():
        try:
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        except Exception as exc:  # ReportLab raises several kinds for a bad font file
            raise FontError(translate("render", "Het lettertype {file} in {folder} ontbreekt of is beschadigd: "
                                                "installeer de app opnieuw.").format(file=file, folder=folder)) from exc


@cache
def fonts() -> Fonts:
    """Register the main font (Lato) once; raises :class:`FontError` with a Dutch message.

    The fallback font is named here but read by :func:`_fallback_ready`, when a text needs it.
    """
    _register(_FILES)
    pdfmetrics.registerFontFamily("Lato", normal="Lato", bold="Lato-Bold", italic="Lato-Italic",
                                  boldItalic="Lato-Bold")
    return Fonts("Lato", "Lato-Bold", "Lato-Italic", "Lato-Black", "DejaVuSans", "DejaVuSans-Bold")


_fallback_lock = threading.Lock()  # documents are made in worker threads
_fallback_registered = False


def _fallback_ready() -> None:
    """Register the fallback font (DejaVu) the first time a text has a letter Lato lacks."""
    global _fallback_registered
    with _fallback_lock:
        if _fallback_registered:
            return
        _register(_FALLBACK_FILES)
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                      italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
        _fallback_registered = True


@cache
def _covered(font_name: str) -> frozenset[str]:
    """Every character the font has a glyph for (looked up once per font)."""
    return frozenset(map(chr, pdfmetrics.getFont(font_name).face.charToGlyph))


def _has(font_name: str, char: str) -> bool:
    return char in _covered(font_name)


def clean(text: str) -> str:
    """Printable text: control and invisible characters removed, missing letters replaced.

    For places that draw plain strings (canvas.drawString), which cannot switch fonts: letters
    the main font lacks become □.
    """
    f = fonts()
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    if _covered(f.regular).issuperset(text.replace("\n", "").replace("\t", "")):
        return text
    return "".join(c if c in "\n\t" or _has(f.regular, c) else REPLACEMENT for c in text)


def markup(text: str, bold: bool = False) -> str:
    """User text as safe Paragraph markup: escaped, with the fallback font where needed.

    ``bold`` does not make the text bold (the paragraph style does that); it picks the bold
    fallback font, so that letters from the fallback match bold text around them.
    """
    f = fonts()
    main, fallback = (f.bold, f.fallback_bold) if bold else (f.regular, f.fallback)
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    if _covered(main).issuperset(text.replace("\n", "")):  # the usual case: one run in the main font
        return escape(text).replace("\n", "<br/>")
    _fallback_ready()  # a letter Lato lacks: only now is the fallback font read
    parts: list[str] = []
    run: list[str] = []
    run_font = main

    def flush() -> None:
        if run:
            chunk = escape("".join(run)).replace("\n", "<br/>")
            parts.append(chunk if run_font == main else f'<font face="{run_font}">{chunk}</font>')
            run.clear()

    for char in text:
        if char == "\n" or _has(main, char):
            font = main
        elif _has(fallback, char):
            font = fallback
        else:
            font, char = main, REPLACEMENT
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(parts)
