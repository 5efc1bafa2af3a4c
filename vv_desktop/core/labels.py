"""The words for stored ids that the screen and the PDFs share: a phase's state, a stance on a
statement, the kind of club. One place, so the window, the posters and the merge dialog say the
same. (Action statuses, levels and questions are worded in the worksheet files.)"""

from __future__ import annotations

from vv_desktop.core.columns import STANCES
from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CLUB_KINDS, FINISHED, NOT_STARTED, STARTED


def phase_status_label(status: str) -> str:
    """'Niet gestart', 'Bezig', 'Afgerond'; an unknown id as it is."""
    return {NOT_STARTED: translate("labels", "Niet gestart"), STARTED: translate("labels", "Bezig"),
            FINISHED: translate("labels", "Afgerond")}.get(status, status)


def phase_status_word(status: str) -> str:
    """The same in the middle of a sentence: 'Agenderen: bezig'."""
    label = phase_status_label(status)
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
