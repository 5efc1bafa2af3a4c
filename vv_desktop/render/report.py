"""The whole plan on A4: for the members' meeting or a subsidy request."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table, TopPadder

from vv_desktop.core.dates import format_date
from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import phase_status_label
from vv_desktop.core.model import Plan
from vv_desktop.core.progress import phase_progress
from vv_desktop.core.worksheets import Method, PhaseDef
from vv_desktop.render.a4doc import (
    CONTENT_WIDTH,
    GRID,
    Styles,
    coloured,
    gap,
    logo_flowable,
    make_doc,
    phase_colour,
    styles,
    subject,
    table_flowable,
    tstyle,
)
from vv_desktop.render.fonts import markup
from vv_desktop.render.output import LIGHT
from vv_desktop.render.safe_text import shorten
from vv_desktop.render.worksheet import answers_flowables, phase_title, round_text


class PhaseBar(Flowable):
    """The four phases as coloured blocks, as on the original poster."""

    def __init__(self, method: Method, width: float = CONTENT_WIDTH, height: float = 5 * mm):
        super().__init__()
        self.phases = [p.id for p in method.phases]
        self.width, self.height = width, height

    def draw(self) -> None:
        c, gap_w = self.canv, 2 * mm
        w = (self.width - gap_w * (len(self.phases) - 1)) / len(self.phases)
        for n, pid in enumerate(self.phases):
            x = n * (w + gap_w)
            c.setFillColor(phase_colour(pid))
            c.rect(x, 0, w, self.height, stroke=0, fill=1)


class ProgressBar(Flowable):
    """A small bar for 'questions answered', with the phase colour on a light track."""

    def __init__(self, part: int, whole: int, colour: colors.Color, width: float = 30 * mm):
        super().__init__()
        self.part, self.whole, self.colour = part, whole, colour
        self.width, self.height = width, 2.4 * mm

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(colors.HexColor(LIGHT))
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        if self.whole and self.part:
            c.setFillColor(self.colour)
            c.rect(0, 0, self.width * min(1, self.part / self.whole), self.height, stroke=0, fill=1)


def _contact(plan: Plan) -> str:
    parts = [shorten(plan.club("contact_role").strip()), shorten(plan.club("contact_email").strip())]
    parts = [p for p in parts if p]
    return translate("pdf", "Contact: {contact}").format(contact=" · ".join(parts)) if parts else ""


def _cover(method: Method, plan: Plan, logo: Path | None, st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    image = logo_flowable(logo, max_h=32 * mm, max_w=80 * mm)
    if image is not None:
        image.hAlign = "LEFT"
        story += [image, gap(12)]
    else:
        story.append(gap(60))
    story += [PhaseBar(method), gap(10),
              Paragraph(markup(subject()), st["subtitle"]),
              Paragraph(markup(shorten(plan.name.strip()) or translate("pdf", "Ons stappenplan")), st["cover"])]
    club = shorten(plan.club("name").strip())
    if club:
        story.append(Paragraph(markup(club), coloured(st["title"], colors.HexColor("#1d2327"))))
    day = translate("pdf", "Stand van zaken op {date}").format(date=format_date(date.today()))
    story += [gap(4), Paragraph(markup(day), st["meta"])]
    bottom: list[Flowable] = []
    if contact := _contact(plan):
        bottom.append(Paragraph(markup(contact), st["body"]))
    bottom.append(Paragraph(markup(translate(
        "pdf", "Gemaakt met Stappenplan: een werkwijze om met jongeren en leden te praten over prestatiedruk "
               "en mentale gezondheid, in vier fasen.")), st["meta"]))
    story.append(TopPadder(Table([[bottom]], colWidths=[CONTENT_WIDTH], style=tstyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))))
    return [*story, PageBreak()]


def _overview(method: Method, plan: Plan, st: Styles) -> list[Flowable]:
    header = (translate("pdf", "Fase"), translate("pdf", "Status"), translate("pdf", "Rondes"),
              translate("pdf", "Vragen beantwoord"))
    rows = []
    for phase in method.phases:
        done, total = phase_progress(plan, method, phase)
        colour = phase_colour(phase.id)
        name = [Paragraph(markup(f"{phase.number}. {phase.title}", bold=True), coloured(st["cellbold"], colour))]
        if phase.subtitle:
            name.append(Paragraph(markup(phase.subtitle), st["note"]))
        answered = translate("pdf", "{done} van {total}").format(done=done, total=total)
        rows.append([name, Paragraph(markup(phase_status_label(plan.status(phase.id))), st["cell"]),
                     Paragraph(markup(str(len(plan.rounds(phase.id)))), st["cell"]),
                     [Paragraph(markup(answered), st["cell"]), gap(1), ProgressBar(done, total, colour)]])
    widths = [CONTENT_WIDTH - 112 * mm, 32 * mm, 22 * mm, 58 * mm]
    table = table_flowable(header, rows, widths, st)
    table.setStyle(tstyle([("TOPPADDING", (0, 1), (-1, -1), 6), ("BOTTOMPADDING", (0, 1), (-1, -1), 7)]))
    intro = translate("pdf", "Het stappenplan heeft vier fasen. Zo ver is de club nu. 'Vragen beantwoord' telt de "
                             "vragen van de huidige ronde van elke fase.")
    return [Paragraph(markup(translate("pdf", "Waar staan we?")), st["title"]), gap(3),
            Paragraph(markup(intro), st["body"]), gap(4), table, gap(6)]


def _phase(method: Method, plan: Plan, phase: PhaseDef, st: Styles) -> list[Flowable]:
    rounds = plan.rounds(phase.id)
    last = len(rounds) - 1
    story: list[Flowable] = [CondPageBreak(110 * mm), *phase_title(phase, st, intro=False)]
    status = translate("pdf", "Status: {status}").format(status=phase_status_label(plan.status(phase.id)))
    if len(rounds) > 1:
        info = translate("pdf", "{n} rondes, de nieuwste eerst").format(n=len(rounds))
        story.append(Paragraph(markup(f"{status} · {info}"), st["meta"]))
    for index in range(last, -1, -1):
        head = round_text(plan, phase.id, index)
        if len(rounds) > 1:
            if index == last:
                head = translate("pdf", "{round} (huidige ronde)").format(round=head)
            story += [CondPageBreak(40 * mm), Paragraph(markup(head), coloured(st["h2"], phase_colour(phase.id)))]
        else:
            story.append(Paragraph(markup(f"{status} · {head}"), st["meta"]))
        answers = answers_flowables(plan, method, phase, index, st, skip_empty=True)
        story += answers or [gap(2), Paragraph(markup(translate("pdf", "In deze ronde is nog niets ingevuld.")),
                                               st["empty"])]
    return [*story, gap(8)]


def _closing(plan: Plan, st: Styles) -> list[Flowable]:
    text = translate("pdf", "Het stappenplan is geen rechte lijn. Een club begint bij de fase die "
                           "past en gaat terug als dat nodig is. Een stap mag ook nog een keer, voor "
                           "nieuwe informatie. Dit document laat zien waar de club nu staat; het "
                           "plan groeit verder.")
    box = Table([[[Paragraph(markup(translate("pdf", "Geen rechte lijn")), st["h3"]),
                   Paragraph(markup(text), st["body"])]]], colWidths=[CONTENT_WIDTH])
    box.setStyle(tstyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(LIGHT)),
                             ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    story: list[Flowable] = [CondPageBreak(45 * mm), gap(4), box]
    if contact := _contact(plan):
        story += [gap(4), Paragraph(markup(contact), st["meta"])]
    return story


def build_report(fh: BinaryIO, method: Method, plan: Plan, logo: Path | None = None) -> None:
    """The whole plan: cover, the state of the four phases, each phase with its rounds, a closing note."""
    st = styles()
    club = plan.club("name")
    doc = make_doc(fh, plan.name.strip() or translate("pdf", "Ons stappenplan"), club, subject())
    story = _cover(method, plan, logo, st) + _overview(method, plan, st)
    for phase in method.phases:
        story += _phase(method, plan, phase, st)
    story += _closing(plan, st)
    doc.build(story)
