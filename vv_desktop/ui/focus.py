"""Tab order that follows the screen.

Qt's Tab chain follows the order in which widgets were created. A card or line added later
(an action, a goal) then sits at the end of the chain: Tab from it jumps back up the page, and
whatever the user types next lands in a field they cannot see. The pages put their chain in
layout order instead (top to bottom, and left to right within a row), each time rows change.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLayout, QLayoutItem, QWidget


def _items(layout: QLayout) -> list[QLayoutItem]:
    items = [layout.itemAt(i) for i in range(layout.count())]
    if isinstance(layout, QGridLayout):
        places = [layout.getItemPosition(i) for i in range(layout.count())]
        return [item for _, item in sorted(zip(places, items, strict=True), key=lambda p: (p[0][0], p[0][1]))]
    if isinstance(layout, QBoxLayout) and layout.direction() in (QBoxLayout.Direction.RightToLeft,
                                                                 QBoxLayout.Direction.BottomToTop):
        return items[::-1]
    return items


def reading_order(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that Tab can reach, in the order they stand on the screen."""
    found: list[QWidget] = []
    layouts: list[QLayout] = [root.layout()] if root.layout() is not None else []
    pending: list[QLayoutItem | QLayout] = list(layouts)
    while pending:  # depth first, without recursion: a deep form cannot hit the recursion limit
        current = pending.pop(0)
        if isinstance(current, QLayout):
            pending[:0] = _items(current)
            continue
        widget, inner = current.widget(), current.layout()
        if widget is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(widget)
            if widget.layout() is not None:
                pending.insert(0, widget.layout())
        elif inner is not None:
            pending.insert(0, inner)
    return found


def put_in_reading_order(root: QWidget) -> None:
    for before, after in pairwise(reading_order(root)):
        QWidget.setTabOrder(before, after)
