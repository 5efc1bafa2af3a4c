"""The poster of one phase, for the clubhouse wall (A3 or A2), and its A4 tiles for a home printer.

Bold, few words, plenty of white space: the club's own key answers in type that reads from
three metres, two or three tips, the four phases with this one marked, and who to talk to.
Everything is measured in units of the page width, so A2 is simply A3 scaled up.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from vv_desktop.core.fields import Block, field_block
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import PHASE_COLOURS, Method, PhaseDef
from vv_desktop.render.fonts import clean, fonts, markup
from vv_desktop.render.logo_image import logo_image
from vv_desktop.render.output import INK, LIGHT, MUTED, PAPERS
from vv_desktop.render.qr import draw_qr, qr_fits
from vv_desktop.render.safe_text import fit_line, shorten, shorten_to_fit

MAX_LINES_PER_ITEM = 3
MAX_ITEMS = 4
ANSWER_SIZES = (13, 12, 11, 10, 9, 8.4, 7.6, 7)  # the answers' type size in mm on A3, largest first
MAX_FOOTER_LINES = 4  # the contact line; a longer one (an address of thousands of letters) is cut with '…'


def _tr(text: str) -> str:
    return translate("poster", text)


def _qr_value(plan: Plan | None) -> str:
    email = plan.club("contact_email").strip() if plan else ""
    return f"mailto:{email}" if email else ""


def qr_left_out(plan: Plan) -> bool:
    """The plan has a contact address, but one too long for a QR code a phone can read."""
    value = _qr_value(plan)
    return bool(value) and not qr_fits(value)


def qr_note() -> str:
    return _tr("Het e-mailadres is te lang voor een QR-code: de poster toont het alleen als tekst.")


def poster_lines(block: Block) -> tuple[list[str], int]:
    """The lines a poster shows for an answer, and how many more there are ('+ 3 meer')."""
    if block.kind == "text":
        lines = [block.text]
    elif block.kind == "list":
        lines = list(block.items)
    elif block.marked and any(block.marked):  # statements: only the ones the club chose
        lines = [f"{row[0]} ({row[1].lower()})" if row[1] else row[0]
                 for row, top in zip(block.rows, block.marked, strict=True) if top]
    elif block.field.type == "levels":
        lines = [f"{row[0]}: " + " · ".join(c for c in row[1:] if c) for row in block.rows]
    elif block.statuses:  # actions: what, and how far it is
        lines = [f"{row[0]} ({status.lower()})" if status else row[0]
                 for row, status in zip(block.rows, block.statuses, strict=True)]
    else:
        lines = [" · ".join(c for c in row if c) for row in block.rows]
    return lines[:MAX_ITEMS], max(0, len(lines) - MAX_ITEMS)


class PosterPainter:
    """Draws one poster on a canvas; ``u`` is 1 mm on A3 (and 1.41 mm on A2)."""

    def __init__(self, method: Method, plan: Plan | None, phase: PhaseDef, size: tuple[float, float],
                 logo: Path | None):
        self.method, self.plan, self.phase, self.logo = method, plan, phase, logo
        self.width, self.height = size
        self.u = self.width / 297.0
        self.colour = colors.HexColor(PHASE_COLOURS[phase.id])
        self.f = fonts()

    def style(self, size_mm: float, font: str, colour: str | colors.Color = INK,
              leading: float = 1.18) -> ParagraphStyle:
        size = size_mm * self.u
        return ParagraphStyle("p", fontName=font, fontSize=size, leading=size * leading, alignment=TA_LEFT,
                              textColor=colour if isinstance(colour, colors.Color) else colors.HexColor(colour))

    # -- the parts, top to bottom ----------------------------------------------------------------
    def draw(self, c: Canvas) -> None:
        margin = 16 * self.u
        y = self.height
        y = self._club_band(c, y)
        y = self._phase_bar(c, y - 10 * self.u, margin)
        y = self._headline(c, y - 14 * self.u, margin)
        bottom = self._footer(c, margin)
        tips_top = self._tips(c, bottom + 8 * self.u, margin)
        self._answers(c, y - 10 * self.u, tips_top + 10 * self.u, margin)

    def _club_band(self, c: Canvas, top: float) -> float:
        band = 34 * self.u
        c.setFillColor(self.colour)
        c.rect(0, top - band, self.width, band, stroke=0, fill=1)
        club = self.plan.club("name") if self.plan else ""
        name = clean(shorten(club)) or _tr("Onze club")
        logo_space = 0.0
        if self.logo is not None:
            logo_space = self._logo(c, top - band + 5 * self.u, band - 10 * self.u)
        size = 15 * self.u
        available = self.width - 32 * self.u - logo_space
        while size > 8 * self.u and c.stringWidth(name, self.f.black, size) > available:
            size *= 0.92
        name = fit_line(name, self.f.black, size, available)
        c.setFillColor(colors.white)
        c.setFont(self.f.black, size)
        c.drawString(16 * self.u, top - band / 2 - size * 0.35, name)
        return top - band

    def _logo(self, c: Canvas, y: float, box: float) -> float:
        image = logo_image(self.logo)  # checked and decoded before drawing; None when it cannot be used
        if image is None:
            return 0.0
        w, h = image.getSize()
        scale = min(box / h, 2.5 * box / w)
        dw, dh = w * scale, h * scale
        x = self.width - 16 * self.u - dw
        pad = 2 * self.u
        c.setFillColor(colors.white)
        c.roundRect(x - pad, y - pad, dw + 2 * pad, dh + 2 * pad, 2 * self.u, stroke=0, fill=1)
        c.drawImage(image, x, y, dw, dh, mask="auto")
        return dw + 8 * self.u

    def _phase_bar(self, c: Canvas, top: float, margin: float) -> float:
        gap = 3 * self.u
        height = 13 * self.u
        count = len(self.method.phases)
        width = (self.width - 2 * margin - gap * (count - 1)) / count
        for i, phase in enumerate(self.method.phases):
            x = margin + i * (width + gap)
            current = phase.id == self.phase.id
            c.setFillColor(colors.HexColor(PHASE_COLOURS[phase.id]) if current else colors.HexColor(LIGHT))
            c.roundRect(x, top - height, width, height, 2 * self.u, stroke=0, fill=1)
            c.setFillColor(colors.white if current else colors.HexColor(MUTED))
            label = f"{phase.number}. {clean(phase.title)}"
            size = 5.2 * self.u
            font = self.f.bold if current else self.f.regular
            while c.stringWidth(label, font, size) > width - 4 * self.u:
                size *= 0.95
            c.setFont(font, size)
            c.drawCentredString(x + width / 2, top - height / 2 - size * 0.35, label)
        return top - height

    def _headline(self, c: Canvas, top: float, margin: float) -> float:
        width = self.width - 2 * margin
        title = Paragraph(markup(_tr("Stap {n}: {title}").format(n=self.phase.number, title=self.phase.title)),
                          self.style(20, self.f.black, self.colour, 1.05))
        _, h = title.wrap(width, self.height)
        title.drawOn(c, margin, top - h)
        y = top - h - 3 * self.u
        if self.phase.subtitle:
            sub = Paragraph(markup(self.phase.subtitle), self.style(10, self.f.regular, INK))
            _, hs = sub.wrap(width, self.height)
            sub.drawOn(c, margin, y - hs)
            y -= hs
        return y

    def _answers(self, c: Canvas, top: float, floor: float, margin: float) -> None:
        """The club's key answers, as large as the free space allows; else the questions as an invitation."""
        width = self.width - 2 * margin
        blocks = [b for b in (self._block(fid) for fid in self.phase.poster) if b is not None]
        made: dict[int, list[tuple[Paragraph | None, float]]] = {}

        def items_at(n: int) -> list[tuple[Paragraph | None, float]]:
            if n not in made:
                made[n] = self._answer_items(blocks, width, ANSWER_SIZES[n])
            return made[n]

        def height(n: int) -> float:
            return sum(h for _, h in items_at(n))

        def fits(n: int) -> bool:
            return height(n) <= top - floor

        # The largest size that fits (the smallest when none does). The room text takes grows about with
        # the square of its size, so the first try tells where to look; the size above it is tried too
        # (smaller type never takes more room), so this is the size trying each from the top would find.
        n = 0
        if not fits(0):
            guess = ANSWER_SIZES[0] * (max(top - floor, 0) / max(height(0), 1e-6)) ** 0.5
            n = next((i for i, size in enumerate(ANSWER_SIZES) if size <= guess), len(ANSWER_SIZES) - 1)
            while n < len(ANSWER_SIZES) - 1 and not fits(n):
                n += 1
            while n > 0 and fits(n - 1):
                n -= 1
        items = items_at(n)
        y = top
        for para, height in items:
            if para is not None:
                if y - para.height < floor:
                    break
                para.drawOn(c, margin, y - para.height)
            y -= height

    def _answer_items(self, blocks: list[Block], width: float, size: float) -> list[tuple[Paragraph | None, float]]:
        """Paragraphs and the room each takes (text plus space after it) at answer text size ``size``."""
        label_style = self.style(size * 0.62, self.f.bold, self.colour)
        text_style = self.style(size, self.f.regular, INK, 1.2)
        bullet_style = ParagraphStyle("bullet", parent=text_style, leftIndent=size * 0.95 * self.u,
                                      bulletIndent=0, bulletFontName=self.f.regular,
                                      bulletFontSize=text_style.fontSize)
        items: list[tuple[Paragraph | None, float]] = []

        def add(para: Paragraph, space: float) -> None:
            _, h = para.wrap(width, self.height)
            para.height = h
            items.append((para, h + space * self.u))

        if not blocks:
            add(Paragraph(markup(_tr("Hier werken we aan. Denk je mee?")), self.style(size, self.f.bold, INK)), 4)
            if self.phase.intro:
                add(Paragraph(markup(" ".join(self.phase.intro.split())), self.style(size * 0.6, self.f.regular, INK)),
                    6)
            for fid in self.phase.poster:
                add(Paragraph(markup(self.phase.field(fid).label), bullet_style, bulletText="•"), 3)
            return items
        for block in blocks:
            add(shorten_to_fit(block.field.label, label_style, width, 2), 2)
            lines, more = poster_lines(block)
            for line in lines:
                if len(lines) > 1 or block.kind != "text":
                    add(shorten_to_fit(line, bullet_style, width, MAX_LINES_PER_ITEM, bullet="•"), 1.5)
                else:
                    add(shorten_to_fit(line, text_style, width, MAX_LINES_PER_ITEM + 1), 1.5)
            if more:
                add(Paragraph(markup(_tr("+ nog {n} in ons werkblad").format(n=more)),
                              self.style(size * 0.55, self.f.italic, MUTED)), 0)
            items.append((None, size * 0.9 * self.u))
        return items

    def _block(self, field_id: str) -> Block | None:
        if self.plan is None:
            return None
        return field_block(self.plan, self.method, self.phase.id, self.phase.field(field_id))

    def _tips(self, c: Canvas, bottom: float, margin: float) -> float:
        """Two or three tips in a light panel; returns the top of the panel."""
        width = self.width - 2 * margin
        pad = 6 * self.u
        head = Paragraph(markup(_tr("Tips")), self.style(6.5, self.f.bold, self.colour))
        tip_style = ParagraphStyle("tip", parent=self.style(5.2, self.f.regular, INK, 1.25), leftIndent=4 * self.u,
                                   bulletFontName=self.f.regular, bulletFontSize=5.2 * self.u)
        tips = [Paragraph(markup(tip.text), tip_style, bulletText="•") for tip in self.phase.tips[:3]]
        heights = [p.wrap(width - 2 * pad, self.height)[1] for p in tips]
        _, hh = head.wrap(width - 2 * pad, self.height)
        total = hh + sum(heights) + 2.5 * self.u * len(tips) + 2 * pad
        c.setFillColor(colors.HexColor(LIGHT))
        c.roundRect(margin, bottom, width, total, 3 * self.u, stroke=0, fill=1)
        y = bottom + total - pad
        head.drawOn(c, margin + pad, y - hh)
        y -= hh + 2.5 * self.u
        for para, h in zip(tips, heights, strict=True):
            para.drawOn(c, margin + pad, y - h)
            y -= h + 2.5 * self.u
        return bottom + total

    def _footer(self, c: Canvas, margin: float) -> float:
        """Not linear; who to talk to; a QR code with the contact. Returns the top of the footer."""
        qr_size = 30 * self.u
        email = self.plan.club("contact_email").strip() if self.plan else ""
        role = self.plan.club("contact_role").strip() if self.plan else ""
        qr = _qr_value(self.plan)
        qr = qr if qr and qr_fits(qr) else ""  # too long for a code a phone reads: the address as text only
        text_width = self.width - 2 * margin - (qr_size + 8 * self.u if qr else 0)
        style = self.style(4.6, self.f.regular, MUTED, 1.3)
        paras = [Paragraph(markup(_tr("Het stappenplan is geen rechte lijn: we gaan vooruit, soms terug, en doen een "
                                      "stap opnieuw als dat nodig is.")), style)]
        if role or email:
            if len(role) > 1 and role[1].islower():  # "Secretaris" reads as "onze secretaris"; keep "MT-lid"
                role = role[0].lower() + role[1:]
            contact = _tr("Vragen of ideeën? Praat met onze {role}{mail}.").format(
                role=role or _tr("contactpersoon"), mail=f" ({email})" if email else "")
            paras.append(shorten_to_fit(contact, style, text_width, MAX_FOOTER_LINES))
        heights = [p.wrap(text_width, self.height)[1] for p in paras]
        y = margin + max(sum(heights) + 2 * self.u, qr_size if qr else 0)
        top = y
        for para, h in zip(paras, heights, strict=True):
            para.drawOn(c, margin, y - h)
            y -= h + 2 * self.u
        if qr:
            draw_qr(c, qr, self.width - margin - qr_size, margin, qr_size)
        return top


def _metadata(c: Canvas, plan: Plan | None, phase: PhaseDef) -> None:
    club = shorten(plan.club("name")) if plan else ""
    c.setTitle(_tr("Poster {phase}").format(phase=phase.title) + (f" – {club}" if club else ""))
    c.setAuthor(club or "Stappenplan")
    c.setSubject(_tr("Stappenplan prestatiedruk en mentale gezondheid"))
    c.setCreator("Stappenplan")


def build_poster(fh: BinaryIO, method: Method, plan: Plan | None, phase_id: str, paper: str = "A3",
                 logo: Path | None = None) -> None:
    size = PAPERS[paper]
    phase = method.phase(phase_id)
    c = Canvas(fh, pagesize=size, lang="nl", pageCompression=1, initialFontName=fonts().regular)
    _metadata(c, plan, phase)
    PosterPainter(method, plan, phase, size, logo).draw(c)
    c.showPage()
    c.save()


TILE_MARGIN_MM = 10
POSTER_FORM = "poster"
OVERLAP_MM = 10


def build_poster_tiles(fh: BinaryIO, method: Method, plan: Plan | None, phase_id: str, paper: str = "A3",
                       logo: Path | None = None) -> None:
    """The poster split over A4 sheets: overlapping strips, cut marks, and a label per sheet."""
    from reportlab.lib.units import mm

    poster_w, poster_h = PAPERS[paper]
    sheet_w, sheet_h = PAPERS["A4"]
    margin, overlap = TILE_MARGIN_MM * mm, OVERLAP_MM * mm
    area_w, area_h = sheet_w - 2 * margin, sheet_h - 2 * margin
    step_w, step_h = area_w - overlap, area_h - overlap
    cols = max(1, -(-int(poster_w - overlap) // int(step_w)))
    rows = max(1, -(-int(poster_h - overlap) // int(step_h)))
    phase = method.phase(phase_id)
    painter = PosterPainter(method, plan, phase, (poster_w, poster_h), logo)
    c = Canvas(fh, pagesize=(sheet_w, sheet_h), lang="nl", pageCompression=1, initialFontName=fonts().regular)
    _metadata(c, plan, phase)
    f = fonts()
    # The poster is drawn once, into a form (a PDF XObject) that every sheet places shifted and clipped
    # to its own area: one drawing in the file, not one per sheet. The form comes before any page.
    c.beginForm(POSTER_FORM, 0, 0, poster_w, poster_h)
    painter.draw(c)
    c.endForm()
    for row in range(rows):
        for col in range(cols):
            left = col * step_w  # poster coordinates of this sheet's area, from the top-left
            top = poster_h - row * step_h
            c.saveState()
            path = c.beginPath()
            path.rect(margin, margin, area_w, area_h)
            c.clipPath(path, stroke=0, fill=0)
            c.translate(margin - left, margin + area_h - top)
            c.doForm(POSTER_FORM)
            c.restoreState()
            _cut_marks(c, margin, area_w, area_h, overlap, col < cols - 1, row < rows - 1)
            number = row * cols + col + 1
            c.setFont(f.regular, 8)
            c.setFillColor(colors.HexColor(MUTED))
            c.drawString(margin, margin / 2 - 3, clean(_tr(
                "Poster {phase} ({paper}) · rij {r}, kolom {k} · blad {n} van {total} · "
                "leg de stippelrand over het volgende blad").format(
                phase=phase.title, paper=paper, r=row + 1, k=col + 1, n=number, total=rows * cols)))
            c.showPage()
    c.save()


def _cut_marks(c: Canvas, margin: float, area_w: float, area_h: float, overlap: float, right: bool,
               below: bool) -> None:
    """Corner marks at the printed area, and dashed lines where the next sheet overlaps."""
    mark = 6
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.4)
    for x in (margin, margin + area_w):
        for y in (margin, margin + area_h):
            dx = -1 if x == margin else 1
            dy = -1 if y == margin else 1
            c.line(x + dx * 2, y, x + dx * (2 + mark), y)
            c.line(x, y + dy * 2, x, y + dy * (2 + mark))
    c.setDash(3, 3)
    c.setStrokeColor(colors.HexColor(MUTED))
    if right:
        x = margin + area_w - overlap
        c.line(x, margin, x, margin + area_h)
    if below:
        y = margin + overlap
        c.line(margin, y, margin + area_w, y)
    c.setDash()
