"""Looks: a calm style sheet that keeps the system font and its size (no fixed pixel sizes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

STYLE_SHEET = """
QLabel#fieldTitle { font-weight: 600; margin-top: 10px; }
QLabel#fieldHelp, QLabel#muted { color: palette(placeholder-text); }
QLabel#dateHint, QLabel#errorText { color: #a12622; }
QLabel#columnHead { font-weight: 600; }
QLabel#banner { background: #fff4d6; color: #3d2c00; border: 1px solid #e0c060; border-radius: 4px; padding: 6px; }
QFrame#actionCard, QFrame#statementRow { border: 1px solid palette(mid); border-radius: 4px; }
QPushButton#stepButton { text-align: left; padding: 8px 10px; border: 1px solid palette(mid);
    border-left: 6px solid palette(mid); border-radius: 4px; background: palette(base); }
QPushButton#stepButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QPushButton#stepButton:focus { border: 2px solid palette(highlight); border-left: 6px solid palette(highlight); }
QPushButton#primary { font-weight: 600; padding: 6px 14px; }
"""


def documents_folder() -> Path:
    """Where a user expects to find what the app saves for them (Documenten), else the home folder."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def scaled_font(widget: QWidget, factor: float, bold: bool = True) -> QFont:
    """The widget's own font, larger by ``factor``: follows the user's font size setting."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font
