"""A plan with hundreds of actions: the pages show at once, every card comes, and changes keep the cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.effort import QUICK
from tests.helpers.factory import hockey_club_halfway
from tests.helpers.gui import field, make_plans
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.ui.fields.actions import ActionCard
from vv_desktop.ui.fields.progress import ProgressRow

MANY = 60 if QUICK else 300  # the quick loop: still many more than the cards made at once


def many_actions(data_dir, method) -> list[dict]:
    """The hockey club's plan with MANY actions, each with its own values; reopened at start."""
    settings = Settings(data_dir)
    store = PlanStore(data_dir, settings.device_id)
    plan = hockey_club_halfway(store, method)
    goals = [item["id"] for item in plan.items("concretiseren", "doelen")]
    statuses = [s.id for s in method.action_statuses.options]
    levels = [lv.id for lv in method.for_plan(plan).levels]
    for n in range(MANY - len(plan.items("concretiseren", "acties"))):
        plan.add_item("concretiseren", "acties", {
            "wat": f"Actie nummer {n}", "wie": f"Rol {n}", "wanneer": f"week {n % 52}",
            "status": statuses[n % len(statuses)], "doel": goals[n % len(goals)], "niveau": levels[n % len(levels)],
            "notitie": f"Notitie {n}"})
    store.save(plan)
    settings.set("last_plan", plan.id)
    return plan.items("concretiseren", "acties")


def chain(start: QWidget, wanted: set[QWidget], end: QWidget) -> list[QWidget]:
    """The widgets of ``wanted`` in Tab order, from ``start`` until ``end``."""
    found, widget = [], start
    for _ in range(50 * len(wanted)):
        if widget in wanted:
            found.append(widget)
        if widget is end:
            break
        widget = widget.nextInFocusChain()
    return found


def test_a_page_with_300_actions_shows_first_and_then_every_actions_values(qtbot, open_window, data_dir, method):
    items = many_actions(data_dir, method)
    window = open_window()
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    assert len(actions.list_box.findChildren(ActionCard)) < MANY  # the page showed before every card was made
    qtbot.waitUntil(lambda: not actions.rows_pending(), timeout=30_000)
    cards = actions.cards
    assert [c.item_id for c in cards] == [item["id"] for item in items]
    for number, (card, item) in enumerate(zip(cards, items, strict=True), start=1):
        values = item["values"]
        assert card.what.text() == values["wat"] and card.who.text() == values.get("wie", "")
        assert card.when.text() == values.get("wanneer", "")
        assert card.status.currentData() == values["status"]
        assert (card.goal.currentData() or "") == values.get("doel", "")
        assert (card.level.currentData() or "") == values.get("niveau", "")
        assert str(number) in card.what.accessibleName() and card.isVisible()
    every = [w for c in cards for w in c.tab_widgets]
    assert chain(cards[0].what, set(every), actions.add_button) == every  # Tab goes through every card in order
    assert cards[0].up_button.isEnabled() is False and cards[-1].down_button.isEnabled() is False

    window.view.go("uitvoeren")
    progress = field(window, "uitvoeren", "voortgang")
    qtbot.waitUntil(lambda: not progress.rows_pending(), timeout=30_000)
    rows = progress.rows
    assert len(rows) == MANY and len(progress.findChildren(ProgressRow)) == MANY
    for (item_id, done, status, note), item in zip(rows, items, strict=True):
        assert item_id == item["id"] and item["values"]["wat"] in done.text()
        assert status.currentData() == item["values"]["status"] and note.text() == item["values"].get("notitie", "")
        assert done.isChecked() == (item["values"]["status"] == method.action_statuses.done)


def test_undo_reaches_an_action_whose_card_was_not_made_yet(qtbot, open_window, data_dir, method):
    items = many_actions(data_dir, method)
    window = open_window()
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    last = actions.cards[-1]
    last.who.setFocus()
    qtbot.keyClicks(last.who, "X")
    window.view.current_page.build_form()  # the page is built again (as after a new round): cards come later
    actions = field(window, "concretiseren", "acties")
    assert actions.rows_pending()
    window.plan_undo.undo()
    card = actions.card(items[-1]["id"])
    assert card is not None and card.who.text() == items[-1]["values"]["wie"]
    assert QApplication.focusWidget() is card.who


def test_adding_moving_and_removing_an_action_keeps_the_other_cards(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    before = list(actions.cards)
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert actions.cards[:-1] == before and len(actions.cards) == len(before) + 1
    first, second = actions.cards[0], actions.cards[1]
    qtbot.mouseClick(first.down_button, Qt.MouseButton.LeftButton)
    assert actions.cards[:2] == [second, first] and actions.cards[2:] == before[2:] + actions.cards[-1:]
    assert "1" in second.what.accessibleName() and "2" in first.what.accessibleName()  # numbered as they stand
    assert not second.up_button.isEnabled() and first.up_button.isEnabled()
    every = [w for c in actions.cards for w in c.tab_widgets]
    assert chain(actions.cards[0].what, set(every), actions.add_button) == every
    actions.remove(second)
    assert actions.cards == [first, *before[2:], actions.cards[-1]]
    assert not first.up_button.isEnabled() and "1" in first.what.accessibleName()
    window.plan_undo.undo()  # the removed action comes back in its place, next to the cards that stayed
    assert actions.cards[1:] == [first, *before[2:], actions.cards[-1]]
    assert actions.cards[0].item_id == second.item_id


def test_the_choices_are_one_model_per_list_shared_by_every_card(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    cards = actions.cards
    assert len(cards) > 1
    for name in ("status", "goal", "level"):
        assert len({id(getattr(card, name).model()) for card in cards}) == 1, name
    chosen = [card.goal.currentData() for card in cards]
    goals = field(window, "concretiseren", "doelen")
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)  # a new goal: offered on every card
    qtbot.keyClicks(goals.edits[-1], "Nieuw doel")
    assert all(card.goal.count() == len(goals.edits) + 1 for card in cards)
    assert [card.goal.currentData() for card in cards] == chosen  # and every card keeps its own goal
    assert cards[0].goal.itemText(len(goals.edits)).endswith("Nieuw doel")
    window.view.go("uitvoeren")
    rows = field(window, "uitvoeren", "voortgang").rows
    assert len({id(status.model()) for _id, _done, status, _note in rows}) == 1
