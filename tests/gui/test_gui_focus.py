"""Tab follows the screen and the focused field is always in view, also as cards come and go."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.gui import field, make_plans


def place(widget: QWidget, page) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)) - page.content.mapToGlobal(QPoint(0, 0)), widget.size())


def comes_before(a: QRect, b: QRect) -> bool:
    """Reading order: b is lower on the screen, or on the same line and further right."""
    same_line = a.top() < b.bottom() and b.top() < a.bottom()
    return b.left() > a.left() if same_line else b.top() >= a.center().y()


def tab_through(qtbot, page, start: QWidget, key=Qt.Key.Key_Tab) -> list[QWidget]:
    """Press Tab (or Shift+Tab) from ``start`` until the focus leaves the worksheet."""
    start.setFocus()
    seen = [start]
    modifier = Qt.KeyboardModifier.ShiftModifier if key == Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
    for _ in range(400):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        qtbot.wait(1)  # the event loop runs between two key presses
        now = QApplication.focusWidget()
        if now is None or not page.form.isAncestorOf(now) or now is start:
            break
        viewport = page.scroll.viewport()
        shown = QRect(now.mapToGlobal(QPoint(0, 0)) - viewport.mapToGlobal(QPoint(0, 0)), now.size())
        assert viewport.rect().intersects(shown), f"{now.accessibleName()} is out of view"
        seen.append(now)
    return seen


def assert_reading_order(page, widgets: list[QWidget]) -> None:
    for a, b in zip(widgets, widgets[1:], strict=False):
        assert comes_before(place(a, page), place(b, page)), f"{a.accessibleName()!r} -> {b.accessibleName()!r}"


def test_tab_follows_the_screen_as_action_cards_are_added_and_removed(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("concretiseren")
    page = window.view.current_page
    actions = field(window, "concretiseren", "acties")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    actions = field(window, "concretiseren", "acties")
    last = actions.cards[-1]
    last.when.setFocus()
    qtbot.keyClick(last.when, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert not field(window, "concretiseren", "doelen").isAncestorOf(after)  # never back up to a goal
    assert comes_before(place(last.when, page), place(after, page))

    first = page.first_editor()
    order = tab_through(qtbot, page, first)
    assert last.when in order and actions.add_button in order
    assert_reading_order(page, order)

    goals = field(window, "concretiseren", "doelen")
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    actions = field(window, "concretiseren", "acties")
    actions.remove(actions.cards[0])
    qtbot.wait(1)
    order = tab_through(qtbot, page, page.first_editor())
    assert field(window, "concretiseren", "doelen").edits[-1] in order
    assert_reading_order(page, order)
    back = tab_through(qtbot, page, order[-1], Qt.Key.Key_Backtab)
    assert_reading_order(page, back[::-1])

    actions = field(window, "concretiseren", "acties")
    moved = actions.cards[0].item_id
    qtbot.mouseClick(actions.cards[0].down_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    actions = field(window, "concretiseren", "acties")
    assert actions.cards[1].item_id == moved
    order = tab_through(qtbot, page, page.first_editor())
    assert actions.cards[1].what in order
    assert_reading_order(page, order)


def test_tab_follows_the_screen_on_every_page(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    for phase in method.phases:
        window.view.go(phase.id)
        page = window.view.current_page
        order = tab_through(qtbot, page, page.first_editor())
        assert len(order) > 5
        assert_reading_order(page, order)
