"""The words for stored ids that the screen and the PDFs share: a phase's state, a stance on a
statement, the kind of club, the columns of an answer. One place, so the window, the posters and
the merge dialog say the same. (Action statuses, levels and questions are worded in the worksheet files.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vv_desktop.core.columns import GOAL, LEVEL, NOTE, STANCE, STANCES, STATUS, TEXT, TOP, WHAT, WHEN, WHO, WHY
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CARD_PREFIX, CLUB_KINDS, FINISHED, NOT_STARTED, STARTED, STATUSES

if TYPE_CHECKING:
    from vv_desktop.core.worksheets import Method


def phase_status_label(status: str) -> str:
    """'Niet gestart', 'Bezig', 'Afgerond'; an unknown id as it is."""
    return {NOT_STARTED: translate("labels", "Niet gestart"), STARTED: translate("labels", "Bezig"),
            FINISHED: translate("labels", "Afgerond")}.get(status, status)


def phase_status_word(status: str) -> str:
    """The same in the middle of a sentence: 'Agenderen: bezig' (an unknown id as it is)."""
    return in_sentence(phase_status_label(status)) if status in STATUSES else status


def in_sentence(label: str) -> str:
    """A label in the middle of a sentence: 'Toelichting' -> 'toelichting'."""
    return label[:1].lower() + label[1:]


def stance_label(stance: str) -> str:
    """'Eens', 'Neutraal', 'Oneens'; empty for no choice."""
    agree, neutral, disagree = STANCES
    return {agree: translate("labels", "Eens"), neutral: translate("labels", "Neutraal"),
            disagree: translate("labels", "Oneens")}.get(stance, "")


def club_kind_label(kind: str) -> str:
    names = dict(zip(CLUB_KINDS, (translate("labels", "Sportclub"),
                                  translate("labels", "Cultuur (muziek, theater, dans...)"),
                                  translate("labels", "Buurtactiviteit"), translate("labels", "Anders")),
                     strict=True))
    return names.get(kind, kind)


def column_label(column: str) -> str:
    """The heading of a stored column ('Wie', 'Wanneer', 'Toelichting'); an unknown one as it is."""
    return {TEXT: translate("labels", "Tekst"), WHAT: translate("labels", "Actie"), GOAL: translate("labels", "Doel"),
            WHO: translate("labels", "Wie"), LEVEL: translate("labels", "Niveau"),
            WHEN: translate("labels", "Wanneer"), STATUS: translate("labels", "Status"),
            NOTE: translate("labels", "Notitie"), STANCE: translate("labels", "Keuze"),
            WHY: translate("labels", "Toelichting"), TOP: translate("labels", "Belangrijk")}.get(column, column)


def club_field_label(key: str, card_contacts: dict[str, str] | None = None) -> str:
    """A club detail in words ('Soort club'); a contact of the card by its label on the card."""
    names = {"name": translate("labels", "Naam van de club"), "kind": translate("labels", "Soort club"),
             "contact_role": translate("labels", "Contactpersoon (rol)"),
             "contact_email": translate("labels", "E-mailadres"), "logo": translate("labels", "Logo")}
    if key in names:
        return names[key]
    return (card_contacts or {}).get(key.removeprefix(CARD_PREFIX), key)


def source_title(method: Method, source_id: str) -> str:
    """'<title> (<publisher>, <year>)', leaving out what is unknown; an unknown id as it is."""
    src = method.sources.get(source_id)
    if src is None:
        return source_id
    detail = ", ".join(x for x in (src.publisher, src.year) if x)
    return f"{src.title} ({detail})" if detail else src.title


def source_label(method: Method, source_id: str) -> str:
    """'Bron: <title> (<publisher>, <year>)': under a tip, an example or a step of the card."""
    return translate("pdf", "Bron: {title}").format(title=source_title(method, source_id))
