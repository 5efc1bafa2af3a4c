"""User text that fits the paper, however long it is, and stays fast to lay out.

ReportLab wraps a word longer than a line itself (``splitLongWords``) and flows a long paragraph
over pages, but it measures such a word letter by letter again for every page the paragraph
flows over: a word of 100,000 letters took 20 s. So long text is handed to ReportLab in pieces
of at most :data:`PIECE` characters (cut at a space when there is one), each its own Paragraph
with no gap between them. Places that hold one line (the footer, the poster's club band) or a
few lines (poster boxes, headers) are shortened with '…' instead.

Every piece still goes through :func:`~vv_desktop.render.fonts.markup`: it is cut before it is
escaped, so a cut never falls inside an ``&amp;``.
"""

from __future__ import annotations

import re
import unicodedata

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from vv_desktop.core.i18n import translate
from vv_desktop.render.fonts import markup

PIECE = 2000  # characters per Paragraph: about 20 lines of body text, laid out in a few milliseconds
ELLIPSIS = "…"
# A one-line field (club name, plan name, contact) shown in a header or on the cover: longer is shortened.
HEADER_CHARS = 300
# A table cell: ReportLab measures every cell of a row again for each page the row flows over, a long
# word letter by letter. So a cell holds at most this much measuring work (a word counts 1, a word longer
# than LONG_WORD one per letter: thousands of words of prose, but no 100,000-letter word) and says so.
CELL_BUDGET = 5000
# Text a poster box can show at most (four lines of its largest type hold far less).
POSTER_CHARS = 1200
LONG_WORD = 25  # longer is a long word (an address, a link): cut inside on a poster, costly to measure


def _joins_previous(char: str) -> bool:
    """A combining mark, joiner or variation selector belongs to the letter before it: never cut before it."""
    return bool(unicodedata.combining(char)) or char in "\u200d\ufe0e\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


def cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: after a sentence or a word in the last half if
    there is one, else at ``limit`` (moved back so that no accent is parted from its letter)."""
    if len(text) <= limit:
        return len(text)
    for ends in ((". ", "! ", "? ", "\n"), (" ",)):  # after a sentence reads best; else after any word
        cuts = [at + len(end) for end in ends if (at := text.rfind(end, limit // 2, limit - 1)) >= 0]
        cuts = [at for at in cuts if not _joins_previous(text[at])]  # an accent may sit on a space too
        if cuts:
            return max(cuts)
    at = limit
    while at > 1 and _joins_previous(text[at]):
        at -= 1
    return at


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` in pieces of at most ``size`` characters that put together give ``text`` again."""
    out: list[str] = []
    while len(text) > size:
        at = cut_point(text, size)
        out.append(text[:at])
        text = text[at:]
    out.append(text)
    return out


def _continued(style: ParagraphStyle, before: bool, after: bool) -> ParagraphStyle:
    """``style`` without the gap above (``before``) and/or below (``after``): the pieces read as one paragraph."""
    if not (before or after):
        return style
    return ParagraphStyle(f"{style.name}-piece", parent=style,
                          spaceBefore=0 if before else style.spaceBefore,
                          spaceAfter=0 if after else style.spaceAfter,
                          firstLineIndent=0 if before else style.firstLineIndent)


def paragraphs(text: str, style: ParagraphStyle, bold: bool = False, bullet: str | None = None) -> list[Paragraph]:
    """User text as Paragraphs of at most :data:`PIECE` characters; only the first has the bullet."""
    parts = pieces(text)
    last = len(parts) - 1
    return [Paragraph(markup(part, bold=bold), _continued(style, n > 0, n < last),
                      bulletText=bullet if n == 0 else None) for n, part in enumerate(parts)]


def shorten(text: str, limit: int = HEADER_CHARS) -> str:
    """At most ``limit`` characters (at a space if there is one near the end), with '…' when cut."""
    if len(text) <= limit:
        return text
    return text[:cut_point(text, limit - 1)].rstrip() + ELLIPSIS


def shorten_cell(text: str) -> str:
    """A table cell's text, shortened to :data:`CELL_BUDGET` with words that say so."""
    if len(text) <= CELL_BUDGET:
        return text
    work = 0
    for word in re.finditer(r"\S+", text):
        cost = len(word.group()) if len(word.group()) > LONG_WORD else 1
        if work + cost > CELL_BUDGET:
            end = word.start() + (CELL_BUDGET - work if cost > 1 else 0)
            while end > 1 and _joins_previous(text[end]):
                end -= 1
            return text[:end].rstrip() + ELLIPSIS + " " + translate("pdf", "(ingekort: de hele tekst staat in de app)")
        work += cost
    return text


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """``text`` for one drawn line of ``width`` points: whole if it fits, else the longest start with '…'."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, min(len(text), int(width / (size * 0.1)) + 1)  # no letter is narrower than 0.1 em
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + ELLIPSIS, font, size) <= width:
            low = mid
        else:
            high = mid - 1
    while low > 0 and _joins_previous(text[low]):
        low -= 1
    return text[:low].rstrip() + ELLIPSIS


def shorten_to_fit(text: str, style: ParagraphStyle, width: float, max_lines: int,
                   bullet: str | None = None) -> Paragraph:
    """A paragraph of at most ``max_lines`` lines; longer text is cut at a word (inside a long word such as an
    address) and ends in '…'."""
    bold = style.fontName.endswith(("Bold", "Black"))

    def make(words: str) -> Paragraph:
        para = Paragraph(markup(words, bold=bold), style, bulletText=bullet)
        para.wrap(width, 100_000)
        return para

    def fits(words: str) -> bool:
        return len(make(words).blPara.lines) <= max_lines

    short = shorten(text, POSTER_CHARS)
    para = make(short)
    if len(para.blPara.lines) <= max_lines:
        return para
    # No letter is narrower than a fifth of the type size: more characters than this never fit.
    low, high = 0, min(len(short), int(max_lines * width / (style.fontSize * 0.2)) + 1)
    while low < high:  # the longest start that still fits, with the ellipsis
        mid = (low + high + 1) // 2
        if fits(short[:mid].rstrip() + ELLIPSIS):
            low = mid
        else:
            high = mid - 1
    return make(_at_a_word(short, low))


def _at_a_word(text: str, end: int) -> str:
    """``text[:end]`` with '…', moved back to the last whole word unless the word it cuts is a long one."""
    space = text.rfind(" ", 0, end + 1)
    next_space = text.find(" ", end)
    word_length = (len(text) if next_space < 0 else next_space) - space - 1
    if space > 0 and word_length <= LONG_WORD:
        return text[:space].rstrip() + " " + ELLIPSIS
    return text[:end].rstrip() + ELLIPSIS
