"""The foldable panel beside a worksheet: the phase's tips & voorwaarden and good practices."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from vv_desktop.core.labels import source_label
from vv_desktop.core.worksheets import Method, PhaseDef


def tips_html(method: Method, phase: PhaseDef, heading_tips: str, heading_practices: str) -> str:
    """HTML for the panel; every text from the data files is escaped."""

    def source(source_id: str) -> str:
        return f'<div style="color:gray; font-size:small">{escape(source_label(method, source_id))}</div>'

    parts = [f"<h3>{escape(heading_tips)}</h3>"]
    for tip in phase.tips:
        parts.append(f"<p>{escape(tip.text)}{source(tip.source)}</p>")
    parts.append(f"<h3>{escape(heading_practices)}</h3>")
    for practice in phase.practices:
        club = f"<br><i>{escape(practice.club)}</i>" if practice.club else ""
        parts.append(f"<p><b>{escape(practice.title)}</b><br>{escape(practice.text)}{club}"
                     f"{source(practice.source)}</p>")
    return "".join(parts)


class TipsPanel(QWidget):
    def __init__(self, method: Method, phase: PhaseDef, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setObjectName("tips")
        self.browser.setAccessibleName(self.tr("Tips en voorbeelden voor {phase}").format(phase=phase.title))
        self.browser.setHtml(tips_html(method, phase, self.tr("Tips en voorwaarden"),
                                       self.tr("Voorbeelden van elders")))
        layout.addWidget(self.browser)
