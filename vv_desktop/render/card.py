"""The card "Als een jongere iets vertelt" on one A4: what a volunteer can do, and whom the club calls.

For the clubhouse wall or the volunteer's bag. The steps come from kaart.toml, each with its source
(or marked as an addition of the app); the contacts are the club's own (a role and how to reach it),
with writing lines where the club has not filled them in yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepInFrame, Paragraph, Table

from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import source_label
from vv_desktop.core.model import Plan, card_key
from vv_desktop.core.tips import HelpCard
from vv_desktop.core.worksheets import Method
from vv_desktop.render.a4doc import (
    CONTENT_WIDTH,
    Styles,
    coloured,
    gap,
    labelled_line,
    logo_flowable,
    make_doc,
    styles,
    subject,
    tstyle,
)
from vv_desktop.render.fonts import markup
from vv_desktop.render.output import LIGHT, RenderError
from vv_desktop.render.safe_text import paragraphs, shorten

COLOUR = colors.HexColor("#2b5f8a")  # calm blue, not one of the four phases: the card belongs to none
NUMBER_COL = 11 * mm


def _card(method: Method) -> HelpCard:
    if method.card is None:
        raise RenderError(translate("pdf", "De kaart 'Als een jongere iets vertelt' ontbreekt in de werkbladen."))
    return method.card


def _steps(method: Method, card: HelpCard, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    number = coloured(st["bigbold"], COLOUR)
    for n, step in enumerate(card.steps, start=1):
        where = source_label(method, step.source) if step.source else step.addition
        text = [Paragraph(markup(step.title, bold=True), st["bigbold"]), *paragraphs(step.text, st["body"]),
                Paragraph(markup(where), st["note"])]
        row = Table([[Paragraph(markup(str(n)), number), text]],
                    colWidths=[NUMBER_COL, CONTENT_WIDTH - NUMBER_COL], hAlign="LEFT")
        row.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        out.append(row)  # (no KeepTogether: the whole card is one KeepInFrame, on one page)
    return out


def _contacts(card: HelpCard, plan: Plan | None, st: Styles) -> list[Flowable]:
    heading = translate("pdf", "Bij onze club bel of mail je")
    out: list[Flowable] = [Paragraph(markup(heading), coloured(st["h2"], COLOUR))]
    for contact in card.contacts:
        value = plan.club(card_key(contact.id)).strip() if plan is not None else ""
        if value:
            out += [Paragraph(markup(contact.label, bold=True), st["bodybold"]), *paragraphs(value, st["body"])]
        else:
            out.append(labelled_line(contact.label, st, label_width=62 * mm))
        out.append(gap(2))
    box = Table([[out]], colWidths=[CONTENT_WIDTH])  # (no KeepTogether inside: a table cell cannot split it)
    box.setStyle(tstyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(LIGHT)), ("LEFTPADDING", (0, 0), (-1, -1), 9),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (-1, -1), 2),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return [box]


def build_card(fh: BinaryIO, method: Method, plan: Plan | None = None, logo: Path | None = None) -> None:
    """The card on one A4: title, the steps with their sources, and the club's contacts."""
    card = _card(method)
    st = styles()
    club = plan.club("name").strip() if plan is not None else ""
    doc = make_doc(fh, card.title, club, subject())
    story: list[Flowable] = []
    image = logo_flowable(logo, max_h=14 * mm)
    if club or image is not None:
        head = [Paragraph(markup(shorten(club)), st["club"]) if club else "", image or ""]
        top = Table([head], colWidths=[CONTENT_WIDTH - 52 * mm, 52 * mm], hAlign="LEFT")
        top.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(top)
    story += [HRFlowable(width="100%", thickness=2.5, color=COLOUR, spaceBefore=4, spaceAfter=8),
              Paragraph(markup(card.title), coloured(st["title"], COLOUR))]
    if card.intro:
        story += [Paragraph(markup(card.intro), st["big"]), gap(4)]
    story += [*_steps(method, card, st), gap(2), *_contacts(card, plan, st)]
    # One sheet, whatever the club wrote: a longer text makes the letters a little smaller, not a second page.
    doc.build([KeepInFrame(CONTENT_WIDTH, doc.height - 2 * mm, story, mode="shrink")])
