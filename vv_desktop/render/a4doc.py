"""Shared pieces of the A4 documents: styles, the page with its footer, answers and tips as flowables.

Every text that comes from the user or from the worksheet files goes through :func:`markup`
before it becomes a ``Paragraph``; the footer is drawn with :func:`clean`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vv_desktop.core.dates import format_date
from vv_desktop.core.fields import Block
from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import source_label
from vv_desktop.core.worksheets import PHASE_COLOURS, Method, PhaseDef
from vv_desktop.render.fonts import clean, fonts, markup
from vv_desktop.render.logo_image import logo_png
from vv_desktop.render.output import INK, LIGHT, MUTED
from vv_desktop.render.safe_text import PIECE, fit_line, paragraphs, shorten, shorten_cell

MARGIN = 18 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#b9c2c8")
HIGHLIGHT = colors.HexColor("#fdf1cf")
STAR = "★"
Styles = dict[str, ParagraphStyle]


def subject() -> str:
    return translate("pdf", "Stappenplan prestatiedruk en mentale gezondheid")


def phase_colour(phase_id: str) -> colors.Color:
    return colors.HexColor(PHASE_COLOURS.get(phase_id, INK))


def styles() -> Styles:
    """The paragraph styles of all A4 documents (Lato, calm sizes, dark ink)."""
    f = fonts()
    ink, muted = colors.HexColor(INK), colors.HexColor(MUTED)
    base = ParagraphStyle("body", fontName=f.regular, fontSize=10.5, leading=14.5, textColor=ink,
                          alignment=TA_LEFT, spaceAfter=4)

    def make(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "cover": make("cover", fontName=f.black, fontSize=30, leading=36, spaceAfter=10),
        "title": make("title", fontName=f.black, fontSize=22, leading=27, spaceAfter=2),
        "subtitle": make("subtitle", fontName=f.bold, fontSize=13, leading=17, textColor=muted, spaceAfter=8),
        "club": make("club", fontName=f.black, fontSize=12, leading=15, spaceAfter=0),
        "meta": make("meta", fontSize=9.5, leading=13, textColor=muted, spaceAfter=2),
        "intro": make("intro", fontName=f.italic, fontSize=10, leading=14, textColor=muted, spaceAfter=6),
        "h2": make("h2", fontName=f.black, fontSize=14, leading=18, spaceBefore=14, spaceAfter=6,
                   keepWithNext=1),
        # No keepWithNext: an answer can be pages long; callers put a CondPageBreak before a question.
        "h3": make("h3", fontName=f.bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=3),
        "help": make("help", fontName=f.italic, fontSize=9.5, leading=12.5, textColor=muted, spaceAfter=4,
                     keepWithNext=1),
        "empty": make("empty", fontName=f.italic, fontSize=9.5, leading=12.5, textColor=muted),
        "bullet": make("bullet", leftIndent=14, bulletIndent=3, bulletFontName=f.regular, spaceAfter=2),
        "cell": make("cell", fontSize=9.5, leading=12, spaceAfter=0),
        "cellhead": make("cellhead", fontName=f.bold, fontSize=9.5, leading=12, spaceAfter=0),
        "cellbold": make("cellbold", fontName=f.bold, fontSize=9.5, leading=12, spaceAfter=0),
        "source": make("source", fontSize=8.5, leading=11, textColor=muted, leftIndent=14, spaceAfter=7),
        "practice": make("practice", fontName=f.bold, spaceAfter=1, keepWithNext=1),
        "note": make("note", fontSize=8.5, leading=11, textColor=muted, spaceBefore=2),
        "bodybold": make("bodybold", fontName=f.bold),
        "big": make("big", fontSize=13.5, leading=18, spaceAfter=2),
        "bigbold": make("bigbold", fontName=f.black, fontSize=13.5, leading=18, spaceAfter=2),
    }


def tstyle(commands: list) -> TableStyle:
    """A TableStyle that uses Lato for the cells (ReportLab's default would add a non-embedded Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts().regular), *commands])


def coloured(style: ParagraphStyle, colour: colors.Color) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-c", parent=style, textColor=colour)


# -- the document ----------------------------------------------------------------------------
def _footer(author: str, day: str):
    parts = ["Stappenplan", clean(shorten(author.strip())), day]
    text = " · ".join(p for p in parts if p)

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 13 * mm, A4[0] - MARGIN, 13 * mm)
        font = fonts().regular
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        page = " · " + translate("pdf", "pagina {n}").format(n=canvas.getPageNumber())
        room = CONTENT_WIDTH - stringWidth(page, font, 8)  # a long club name is shortened, the page number stays
        canvas.drawString(MARGIN, 9 * mm, fit_line(text, font, 8, room) + page)
        canvas.restoreState()

    return on_page


def _meta(text: str) -> str:
    """Metadata keeps every letter (it is Unicode); only control characters go, and it is kept short."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", shorten(text)).strip()


# A preview of a long document may stop after its first pages (see first_pages): this thread's limit.
_PAGE_LIMIT: ContextVar[int] = ContextVar("page_limit", default=0)


class _EnoughPages(Exception):
    """The first pages of a preview are on paper: the rest is not laid out."""


class _A4Doc(BaseDocTemplate):
    """A document that ends, as a valid PDF, after the page limit of its thread (0: no limit)."""

    def handle_pageEnd(self) -> None:  # noqa: N802 (ReportLab's name)
        super().handle_pageEnd()
        limit = _PAGE_LIMIT.get()
        if limit and self.canv.getPageNumber() > limit:  # the page just shown was the last one wanted
            raise _EnoughPages

    def build(self, flowables: list[Flowable], *args: object, **kwargs: object) -> None:
        try:
            super().build(flowables, *args, **kwargs)
        except _EnoughPages:
            self.canv._doc.info = self._savedInfo  # what build() does on the way out: our title and author
            self.canv.save()


@contextmanager
def first_pages(limit: int) -> Iterator[None]:
    """Documents made inside stop after ``limit`` pages: a first look at a long one, sooner."""
    token = _PAGE_LIMIT.set(limit)
    try:
        yield
    finally:
        _PAGE_LIMIT.reset(token)


def make_doc(fh: BinaryIO, title: str, author: str, subject: str) -> BaseDocTemplate:
    """An A4 portrait document with metadata (language nl) and the Stappenplan footer."""
    fonts()
    doc = _A4Doc(fh, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=_meta(title), author=_meta(author), subject=_meta(subject),
                          creator="Stappenplan", lang="nl", displayDocTitle=1,
                          initialFontName=fonts().regular, initialFontSize=10.5)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="a4", frames=[frame],
                                       onPage=_footer(author, format_date(date.today())))])
    return doc


def logo_flowable(path: Path | None, max_h: float = 18 * mm, max_w: float = 50 * mm) -> Flowable | None:
    """The club's logo, scaled to fit; None when there is none or it cannot be used (see logo_image)."""
    png = logo_png(path)
    if png is None:
        return None
    w, h = ImageReader(io.BytesIO(png)).getSize()
    scale = min(max_h / h, max_w / w)
    return Image(io.BytesIO(png), width=w * scale, height=h * scale)


# -- answers ---------------------------------------------------------------------------------
def _col_widths(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], width: float) -> list[float]:
    """Share ``width`` between the columns: no column narrower than its longest word, and the
    room that is left goes to the columns that hold the most text."""
    f, size, pad = fonts(), 9.5, 12
    mins, natural = [], []
    for n, head in enumerate(header):
        cells = [r[n] for r in rows if n < len(r)]
        words = [*head.split(), *(w for c in cells for w in c.split())]
        longest = max((stringWidth(w, f.bold, size) for w in words), default=0) + pad
        mins.append(min(longest, width * 0.3))
        natural.append(max([stringWidth(head, f.bold, size), *(stringWidth(c, f.regular, size) for c in cells)]) + pad)
    fair = width / len(header)
    short = [nat <= fair for nat in natural]  # columns that fit on one line in their fair share
    room = width - sum(nat for nat, s in zip(natural, short, strict=True) if s)
    wide_mins = sum(m for m, s in zip(mins, short, strict=True) if not s)
    if sum(natural) <= width or room < wide_mins:
        return _share(mins, natural, width)
    wide = _share([m for m, s in zip(mins, short, strict=True) if not s],
                  [nat for nat, s in zip(natural, short, strict=True) if not s], room)
    return [nat if s else wide.pop(0) for nat, s in zip(natural, short, strict=True)]


def _share(mins: list[float], natural: list[float], width: float) -> list[float]:
    """Each column its minimum; the rest of ``width`` by how much more each column wants."""
    extra = width - sum(mins)
    if extra <= 0:
        return [width * m / sum(mins) for m in mins]
    want = [max(nat - m, 0) for nat, m in zip(natural, mins, strict=True)]
    if sum(want) > extra:
        return [m + extra * w / sum(want) for m, w in zip(mins, want, strict=True)]
    base = [m + w for m, w in zip(mins, want, strict=True)]
    return [b + (width - sum(base)) * b / sum(base) for b in base]


def table_flowable(header: tuple[str, ...], rows: list[list], widths: list[float], st: Styles,
                   marked: tuple[bool, ...] = (), min_row_height: float | None = None) -> Table:
    """A table with a repeated header row, a light grid and optionally highlighted rows."""
    head = [Paragraph(markup(h, bold=True), st["cellhead"]) for h in header]
    data = [head, *rows]
    heights = None if min_row_height is None else [None] + [min_row_height] * len(rows)
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, splitInRow=1, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(LIGHT)),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3.5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5), ("LEFTPADDING", (0, 0), (-1, -1), 5),
             ("RIGHTPADDING", (0, 0), (-1, -1), 5)]
    style += [("BACKGROUND", (0, n + 1), (-1, n + 1), HIGHLIGHT) for n, m in enumerate(marked) if m]
    table.setStyle(tstyle(style))
    return table


def cell(text: str, style: ParagraphStyle, bold: bool = False) -> Paragraph | list[Paragraph]:
    """User text for a table cell: one Paragraph, or a list of them for a long text (see safe_text)."""
    text = shorten_cell(text)
    if len(text) <= PIECE:
        return Paragraph(markup(text, bold=bold), style)
    return paragraphs(text, style, bold=bold)


def block_flowables(block: Block, st: Styles, width: float = CONTENT_WIDTH) -> list[Flowable]:
    """One answered question (a content Block) as flowables."""
    if block.kind == "text":
        parts = [p for p in re.split(r"\n\s*\n", block.text) if p.strip()]
        return [para for p in parts for para in paragraphs(p.strip("\n"), st["body"])]
    if block.kind == "list":
        return [para for item in block.items for para in paragraphs(item, st["bullet"], bullet="•")]
    rows = []
    for n, row in enumerate(block.rows):
        bold = n < len(block.marked) and block.marked[n]
        # markup(bold=True) only picks the bold fallback font; the style must be bold itself.
        style = st["cellbold"] if bold else st["cell"]
        rows.append([cell(f"{STAR} {c}" if bold and i == 0 else c, style, bold) for i, c in enumerate(row)])
    out: list[Flowable] = [table_flowable(block.header, rows, _col_widths(block.header, block.rows, width), st,
                                          block.marked)]
    if any(block.marked):
        note = translate("pdf", "{star} = gekozen als een van de belangrijkste").format(star=STAR)
        out.append(Paragraph(markup(note), st["note"]))
    return out


# -- tips and good practices -----------------------------------------------------------------
def tips_flowables(method: Method, phase_def: PhaseDef, st: Styles) -> list[Flowable]:
    """The phase's tips & voorwaarden and good practices, each with its source."""
    h2 = coloured(st["h2"], phase_colour(phase_def.id))
    out: list[Flowable] = []
    if phase_def.tips:
        out.append(Paragraph(markup(translate("pdf", "Tips en voorwaarden")), h2))
        for tip in phase_def.tips:
            out.append(KeepTogether([Paragraph(markup(tip.text), st["bullet"], bulletText="•"),
                                     Paragraph(markup(source_label(method, tip.source)), st["source"])]))
    if phase_def.practices:
        out.append(Paragraph(markup(translate("pdf", "Voorbeelden van elders")), h2))
        for practice in phase_def.practices:
            club = [Paragraph(markup(practice.club), st["body"])] if practice.club else []
            out.append(KeepTogether([Paragraph(markup(practice.title, bold=True), st["practice"]),
                                     Paragraph(markup(practice.text), st["body"]), *club,
                                     Paragraph(markup(source_label(method, practice.source)),
                                               ParagraphStyle("src0", parent=st["source"], leftIndent=0))]))
    return out


# -- writing space for paper forms -----------------------------------------------------------
class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 4.5 * mm):
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.HexColor(INK))
        c.setLineWidth(0.8)
        c.rect(0, 0, self.size, self.size)


class RuledLines(Flowable):
    """``count`` lines to write on by hand."""

    def __init__(self, count: int, spacing: float = 8 * mm, width: float = CONTENT_WIDTH, indent: float = 0):
        super().__init__()
        self.count, self.spacing, self.indent = count, spacing, indent
        self.width, self.height = width, count * spacing

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        for n in range(self.count):
            y = self.height - (n + 1) * self.spacing + 1
            c.line(self.indent, y, self.width, y)


def tick_row(labels: list[str], st: Styles, label_width: float = 24 * mm, pad: float = 1) -> Table:
    """Tick boxes in a row, each followed by its label: ☐ eens ☐ neutraal ☐ oneens."""
    cells, widths = [], []
    for label in labels:
        cells += [TickBox(), Paragraph(markup(label), st["cell"])]
        widths += [7 * mm, label_width]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), pad),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]))
    return table


def labelled_line(label: str, st: Styles, width: float = CONTENT_WIDTH, label_width: float = 18 * mm) -> Table:
    """'Waarom? ________': a short muted label with one line to write on."""
    table = Table([[Paragraph(markup(label), st["meta"]), RuledLines(1, 7 * mm, width - label_width)]],
                  colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def gap(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)
