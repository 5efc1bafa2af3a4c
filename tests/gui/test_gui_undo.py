"""Undo and redo of every change on the plan pages, through Bewerken and its shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers.gui import activate, answer_modal, click_message_button, field, make_plans, press
from vv_desktop.core.model import cell_key

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def undo(window) -> None:
    press(window, Qt.Key.Key_Z, CTRL)


def redo(window) -> None:
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)


def opened(open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("agenderen")
    return window


def test_typing_is_undone_per_word_and_the_app_stack_wins_over_the_field(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    plan = window.session.plan
    edit = field(window, "agenderen", "besproken").editors[("teams", "uitkomst")]
    edit.setFocus()
    qtbot.keyClicks(edit, "een twee")
    key = cell_key("besproken", "teams", "uitkomst")
    assert plan.answer("agenderen", key) == "een twee"
    assert window.undo_action.isEnabled()
    assert window.plan_undo.stack.undoText() in window.undo_action.text()
    assert window.undo_action.text() != window.redo_action.text()
    undo(window)  # Ctrl+Z inside the QLineEdit reaches the plan's stack, not the field's own undo
    assert plan.answer("agenderen", key) == "een "
    assert edit.text() == "een "
    undo(window)
    assert plan.answer("agenderen", key) == "" and edit.text() == ""
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
    redo(window)
    redo(window)
    assert plan.answer("agenderen", key) == "een twee" and edit.text() == "een twee"
    assert QApplication.focusWidget() is edit
    # Ctrl+Y redoes too (QKeySequence.Redo on Windows); nothing left to redo here.
    assert not window.redo_action.isEnabled()


def test_text_box_undo_and_a_fresh_change_mark(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    before = plan.round("agenderen")["answers"]["kansen"]["t"]
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, "x")
    window.session.save_now()
    assert window.undo_action.isEnabled()
    undo(window)
    assert window.redo_action.isEnabled()  # the plan's stack did the undo, not the text box's own
    cell = plan.round("agenderen")["answers"]["kansen"]
    assert cell["v"] == "De nieuwe jeugdcommissie; de trainerscursus in januari; de ouderavond."
    assert cell["t"] > before  # the undo is a change of its own: it reaches the other laptop and is saved
    assert window.session.dirty
    assert edit.toPlainText() == cell["v"]


def test_choices_ticks_statuses_and_statements(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    statements = field(window, "agenderen", "stellingen")
    qtbot.mouseClick(statements.rows[2].radios["oneens"], Qt.MouseButton.LeftButton)
    key = cell_key("stellingen", "s3", "keuze")
    assert plan.answer("agenderen", key) == "oneens"
    undo(window)
    assert plan.answer("agenderen", key) == "" and not statements.rows[2].radios["oneens"].isChecked()
    statements.rows[0].top.click()  # s1 was one of the three: no longer
    assert plan.answer("agenderen", cell_key("stellingen", "s1", "top")) is False
    undo(window)
    assert plan.answer("agenderen", cell_key("stellingen", "s1", "top")) is True
    assert statements.rows[0].top.isChecked()

    page = window.view.page("agenderen")
    assert plan.status("agenderen") == "bezig"
    page.status_combo.setCurrentIndex(page.status_combo.findData("afgerond"))
    page.status_combo.activated.emit(page.status_combo.currentIndex())
    assert plan.status("agenderen") == "afgerond"
    undo(window)
    assert plan.status("agenderen") == "bezig" and page.status_combo.currentData() == "bezig"
    assert QApplication.focusWidget() is page.status_combo

    window.view.go("uitvoeren")
    check = field(window, "uitvoeren", "check").editors[("bestuur", "score")]
    check.setCurrentIndex(2)
    assert plan.answer("uitvoeren", cell_key("check", "bestuur", "score")) == 2
    progress = field(window, "uitvoeren", "voortgang")
    item_id, done, status, _note = progress.rows[0]
    done.click()
    assert plan.item("concretiseren", "acties", item_id)["values"]["status"] == "klaar"
    undo(window)
    assert plan.item("concretiseren", "acties", item_id)["values"]["status"] == "bezig"
    assert not done.isChecked() and status.currentData() == "bezig"
    undo(window)
    assert plan.answer("uitvoeren", cell_key("check", "bestuur", "score")) == ""
    assert check.currentIndex() == 0

    window.view.go("verduurzamen")
    box = next(iter(field(window, "verduurzamen", "borging").boxes.values()))
    box.click()
    assert box.isChecked()
    undo(window)
    assert not box.isChecked()
    redo(window)
    assert box.isChecked() and QApplication.focusWidget() is box


def test_removed_action_and_list_line_come_back_in_place(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    second = actions.cards[1].item_id
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    actions.ask_remove(actions.cards[1])
    activate(qtbot, window)
    assert [i["id"] for i in plan.items("concretiseren", "acties")].count(second) == 0
    assert "actie" in window.undo_action.text().lower()
    undo(window)
    assert plan.items("concretiseren", "acties")[1]["id"] == second
    actions = field(window, "concretiseren", "acties")
    assert [c.item_id for c in actions.cards][1] == second
    assert QApplication.focusWidget() is actions.cards[1].what
    redo(window)
    assert second not in [i["id"] for i in plan.items("concretiseren", "acties")]

    goals = field(window, "concretiseren", "doelen")
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    goals = field(window, "concretiseren", "doelen")
    assert len(plan.items("concretiseren", "doelen")) == 3
    undo(window)
    assert len(plan.items("concretiseren", "doelen")) == 2
    assert len(field(window, "concretiseren", "doelen").edits) == 2


def test_moving_an_action_and_its_undo(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    order = [c.item_id for c in actions.cards]
    qtbot.mouseClick(actions.cards[0].down_button, Qt.MouseButton.LeftButton)
    moved = [order[1], order[0], order[2]]
    assert [i["id"] for i in plan.items("concretiseren", "acties")] == moved
    assert [c.item_id for c in field(window, "concretiseren", "acties").cards] == moved
    undo(window)
    assert [i["id"] for i in plan.items("concretiseren", "acties")] == order
    assert [c.item_id for c in field(window, "concretiseren", "acties").cards] == order


def test_moving_a_line_and_its_undo(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    window.view.go("concretiseren")
    goals = field(window, "concretiseren", "doelen")
    order = list(goals.item_ids)
    qtbot.mouseClick(goals.move_buttons[1][0], Qt.MouseButton.LeftButton)  # the second line one up
    assert [i["id"] for i in plan.items("concretiseren", "doelen")] == order[::-1]
    assert goals.item_ids == order[::-1]
    undo(window)
    assert [i["id"] for i in plan.items("concretiseren", "doelen")] == order and goals.item_ids == order
    assert QApplication.focusWidget() is goals.edits[1]


def test_a_focus_change_ends_a_typing_step(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    levels = field(window, "agenderen", "besproken")
    first, second = levels.editors[("teams", "uitkomst")], levels.editors[("leden", "uitkomst")]
    first.setFocus()
    qtbot.keyClicks(first, "ab")
    second.setFocus()
    first.setFocus()
    qtbot.keyClicks(first, "cd")
    undo(window)
    assert first.text() == "ab"


def test_undo_after_switching_pages_shows_the_change(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    window.view.go("concretiseren")
    card = field(window, "concretiseren", "acties").cards[0]
    card.who.setFocus()
    qtbot.keyClicks(card.who, "X")
    window.view.go("verduurzamen")
    undo(window)
    assert window.view.flow.current == "concretiseren"
    assert plan.item("concretiseren", "acties", card.item_id)["values"]["wie"] == "Technisch coördinator"
    focused = QApplication.focusWidget()
    assert focused is field(window, "concretiseren", "acties").cards[0].who
    assert focused.text() == "Technisch coördinator"
    qtbot.wait(1)
    viewport = window.view.current_page.scroll.viewport()
    shown = QRect(focused.mapToGlobal(QPoint(0, 0)) - viewport.mapToGlobal(QPoint(0, 0)), focused.size())
    assert viewport.rect().contains(shown), "the undone change is in view"


def test_new_round_is_undone_and_the_stack_is_per_plan(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Ander plan")
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    window.view.go("uitvoeren")
    page = window.view.page("uitvoeren")
    click_message_button("Met een leeg werkblad")
    qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert len(plan.rounds("uitvoeren")) == 2
    undo(window)
    assert len(plan.rounds("uitvoeren")) == 1
    assert field(window, "uitvoeren", "input_impact").edit.toPlainText().startswith("Leden zeggen")
    redo(window)
    assert len(plan.rounds("uitvoeren")) == 2
    assert window.undo_action.isEnabled()
    other = next(s.id for s in window.store.summaries() if s.name == "Ander plan")
    window.open_plan(other)
    assert window.plan_undo.stack.count() == 0 and not window.undo_action.isEnabled()


def test_pasted_text_is_cleaned_where_it_enters(qtbot, open_window, data_dir, method):
    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    line = field(window, "agenderen", "besproken").editors[("teams", "uitkomst")]
    line.setFocus()
    QApplication.clipboard().setText("een\ttwee\x1b[31m\u202e")
    line.paste()
    key = cell_key("besproken", "teams", "uitkomst")
    assert plan.answer("agenderen", key) == "een twee[31m"
    assert line.text() == "een twee[31m"
    text = field(window, "agenderen", "al_bezig").edit
    text.setFocus()
    text.selectAll()
    QApplication.clipboard().setText("e\u0301\x00n\nregel")
    text.paste()
    assert plan.answer("agenderen", "al_bezig") == "\u00e9n\nregel"
    assert text.toPlainText() == "\u00e9n\nregel"
    qtbot.keyClicks(text, "ab")  # normal typing: the cursor stays where it is
    assert text.toPlainText().endswith("regelab") and text.textCursor().position() == len(text.toPlainText())


def test_an_import_starts_a_fresh_stack_and_its_own_undo_still_works(qtbot, open_window, data_dir, method,
                                                                      tmp_path):
    from vv_desktop.core import sharing
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    window = opened(open_window, data_dir, method)
    plan_id = window.session.plan.id
    window.session.save_now()
    colleague_dir = tmp_path / "collega"
    colleague_dir.mkdir()
    colleague = PlanStore(colleague_dir, Settings(colleague_dir).device_id)
    sharing.finish_import(colleague, sharing.prepare_import(
        colleague, sharing.export_plan(window.store, plan_id, tmp_path / "heen.vvplan")))
    theirs = colleague.load(plan_id)
    theirs.add_item("concretiseren", "doelen", {"tekst": "Doel van de collega"})
    colleague.save(theirs)
    reply = sharing.export_plan(colleague, plan_id, tmp_path / "terug.vvplan")

    edit = field(window, "agenderen", "besproken").editors[("teams", "uitkomst")]
    edit.setFocus()
    qtbot.keyClicks(edit, "eigen")
    assert window.undo_action.isEnabled()
    with qtbot.waitSignal(window.sharing.import_finished, timeout=20_000) as finished:
        assert window.import_file(reply)  # read, checked and merged off the UI thread
    assert finished.args[0]
    activate(qtbot, window)
    assert window.plan_undo.stack.count() == 0 and not window.undo_action.isEnabled()
    goals = [i["values"]["tekst"] for i in window.session.plan.items("concretiseren", "doelen")]
    assert "Doel van de collega" in goals
    qtbot.mouseClick(window.undo_import_button, Qt.MouseButton.LeftButton)
    goals = [i["values"]["tekst"] for i in window.session.plan.items("concretiseren", "doelen")]
    assert "Doel van de collega" not in goals
    assert window.session.plan.answer("agenderen", cell_key("besproken", "teams", "uitkomst")) == "eigen"
    assert window.plan_undo.stack.count() == 0


def test_a_pause_ends_a_typing_step(qtbot, open_window, data_dir, method, monkeypatch):
    import time

    from vv_desktop.ui import undo as undo_module

    window = opened(open_window, data_dir, method)
    edit = field(window, "agenderen", "besproken").editors[("teams", "uitkomst")]
    edit.setFocus()
    qtbot.keyClicks(edit, "ab")
    later = time.monotonic() + undo_module.TYPING_PAUSE_S + 1
    monkeypatch.setattr(undo_module.time, "monotonic", lambda: later)
    qtbot.keyClicks(edit, "cd")
    undo(window)
    assert edit.text() == "ab"
    undo(window)
    assert edit.text() == ""


def test_text_from_an_input_method_is_cleaned(qtbot, open_window, data_dir, method):
    from PySide6.QtGui import QInputMethodEvent

    window = opened(open_window, data_dir, method)
    text = field(window, "agenderen", "al_bezig").edit
    text.setFocus()
    text.selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString("caf\u0065\u0301\u2028!")
    QApplication.sendEvent(text, event)
    assert window.session.plan.answer("agenderen", "al_bezig") == "caf\u00e9!"


def test_club_details_changed_in_their_dialog_are_one_undo_step(qtbot, open_window, data_dir, method, tmp_path):
    from PIL import Image

    from vv_desktop.ui.dialogs import PlanDialog

    window = opened(open_window, data_dir, method)
    plan = window.session.plan
    before = (plan.name, plan.club("name"), plan.club("contact_email"))
    assert window.store.logo_file(plan.id) is None
    picture = tmp_path / "logo.png"
    Image.new("RGB", (300, 200), "darkgreen").save(picture)

    def change(dialog: PlanDialog) -> None:
        dialog.name.setText("Seizoen 2027")
        dialog.club.setText("Harmonie Vleuten")
        dialog.email.setText("bestuur@harmonie.example")
        dialog.load_logo(picture)
        qtbot.waitUntil(lambda: not dialog.logo_busy(), timeout=10_000)
        dialog.accept()

    answer_modal(change)
    qtbot.mouseClick(window.view.club_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert (plan.name, plan.club("name")) == ("Seizoen 2027", "Harmonie Vleuten")
    assert window.store.logo_file(plan.id) is not None
    assert "clubgegevens" in window.undo_action.text().lower()

    undo(window)
    assert (plan.name, plan.club("name"), plan.club("contact_email")) == before
    assert window.store.logo_file(plan.id) is None
    assert "Harmonie" not in window.view.heading.text() and "Seizoen 2027" not in window.windowTitle()
    window.session.save_now()
    assert window.store.load(plan.id).club("name") == before[1]

    redo(window)
    assert (plan.name, plan.club("name")) == ("Seizoen 2027", "Harmonie Vleuten")
    assert window.store.logo_file(plan.id) is not None
    assert "Harmonie Vleuten" in window.view.heading.text() and "Seizoen 2027" in window.windowTitle()
