"""The whole story of a user, driven through the real window: create, fill, jump, repeat, quit, return."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from tests.helpers.gui import activate, answer_modal, click_message_button, field, press
from vv_desktop.core.model import cell_key
from vv_desktop.ui.dialogs import PlanDialog


def fill_new_plan_dialog(qtbot, name: str, club: str):
    def fill(dialog: PlanDialog) -> None:
        assert dialog.name.text().startswith("Stappenplan 20")  # a ready name for this season
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, name)
        qtbot.keyClicks(dialog.club, club)
        dialog.kind.setCurrentIndex(dialog.kind.findData("cultuur"))
        qtbot.keyClicks(dialog.role, "Secretaris")
        qtbot.keyClicks(dialog.email, "bestuur@toneelclub.nl")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    answer_modal(fill)


def test_create_fill_jump_repeat_quit_and_find_everything_back(qtbot, open_window, data_dir):
    window = open_window()
    assert window.stack.currentWidget() is window.home
    assert window.home.empty.isVisible()

    # 1. A new plan through the dialog, as a user types it.
    fill_new_plan_dialog(qtbot, "Seizoen 2026-2027", "Toneelclub De Spiegel")
    qtbot.mouseClick(window.home.new_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert window.view is not None
    assert "Toneelclub De Spiegel" in window.view.heading.text()
    assert window.view.flow.current == "agenderen"

    # 2. Agenderen: free text, a date in a sloppy form, a statement with its top-3 tick.
    text = field(window, "agenderen", "al_bezig").edit
    text.setFocus()
    qtbot.keyClicks(text, "We hebben een vertrouwenspersoon")
    levels = field(window, "agenderen", "besproken")
    date_edit = levels.editors[("bestuur", "datum")]
    date_edit.setFocus()
    qtbot.keyClicks(date_edit, "3/9/2026")
    qtbot.keyClick(date_edit, Qt.Key.Key_Tab)
    assert date_edit.text() == "03-09-2026"
    statements = field(window, "agenderen", "stellingen")
    qtbot.mouseClick(statements.rows[0].radios["oneens"], Qt.MouseButton.LeftButton)
    for row in statements.rows[:3]:
        row.top.click()
    assert not statements.rows[3].top.isEnabled()  # only three may be picked
    assert window.view.step_bar.buttons["agenderen"].text().splitlines()[1].startswith("Bezig")

    # 3. Out of order: jump to Verduurzamen with Alt+4, then back to Concretiseren with the step bar.
    press(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.view.flow.current == "verduurzamen"
    visie = field(window, "verduurzamen", "visie").edit
    visie.setFocus()
    qtbot.keyClicks(visie, "Plezier gaat voor presteren ")
    visie.insertPlainText("🎭")  # QTest types ASCII only; an emoji arrives as from the emoji picker
    qtbot.mouseClick(window.view.step_bar.buttons["concretiseren"], Qt.MouseButton.LeftButton)
    assert window.view.flow.current == "concretiseren"
    goals = field(window, "concretiseren", "doelen")
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(goals.edits[0], "Iedereen durft te zeggen hoe het gaat")
    actions = field(window, "concretiseren", "acties")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    card = actions.cards[0]
    qtbot.keyClicks(card.what, "Gesprek na de voorstelling")
    assert card.goal.count() == 2  # the new objective is offered at once
    card.goal.setCurrentIndex(1)
    qtbot.keyClicks(card.who, "Regisseur")

    # 4. Volgende goes to Uitvoeren, where the action can be ticked off.
    qtbot.mouseClick(window.view.next_button, Qt.MouseButton.LeftButton)
    assert window.view.flow.current == "uitvoeren"
    progress = field(window, "uitvoeren", "voortgang")
    item_id, done, status, note = progress.rows[0]
    assert "Gesprek na de voorstelling" in done.text()
    done.click()
    assert status.currentData() == "klaar"
    qtbot.keyClicks(note, "Ging goed, 12 leden bleven")
    qtbot.mouseClick(window.view.previous_button, Qt.MouseButton.LeftButton)
    assert window.view.flow.current == "concretiseren"
    assert field(window, "concretiseren", "acties").cards[0].status.currentData() == "klaar"

    # 5. Agenderen again: a second round, starting from the previous answers.
    window.view.go("agenderen")
    page = window.view.page("agenderen")
    click_message_button("Met de vorige antwoorden")
    qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert page.round_combo.count() == 2
    new_text = field(window, "agenderen", "al_bezig").edit
    assert new_text.toPlainText() == "We hebben een vertrouwenspersoon"
    new_text.moveCursor(new_text.textCursor().MoveOperation.End)
    new_text.setFocus()
    qtbot.keyClicks(new_text, " en een gedragscode")

    # 6. Autosave happens by itself within about a second.
    session = window.session
    qtbot.waitUntil(lambda: not session.dirty, timeout=3000)
    assert "Opgeslagen" in window.save_label.text()

    # 7. Quit, start again: the plan reopens where we were, with everything in it.
    window.close()
    again = open_window()
    assert again.view is not None, "the last plan opens by itself"
    plan = again.session.plan
    assert plan.club("name") == "Toneelclub De Spiegel" and plan.club("kind") == "cultuur"
    assert plan.club("contact_email") == "bestuur@toneelclub.nl"
    assert field(again, "agenderen", "al_bezig").edit.toPlainText() == \
        "We hebben een vertrouwenspersoon en een gedragscode"
    assert field(again, "agenderen", "besproken").editors[("bestuur", "datum")].text() == "03-09-2026"
    assert plan.answer("agenderen", cell_key("stellingen", "s1", "keuze")) == "oneens"
    assert field(again, "verduurzamen", "visie").edit.toPlainText() == "Plezier gaat voor presteren 🎭"
    assert [i["values"]["tekst"] for i in plan.items("concretiseren", "doelen")] == \
        ["Iedereen durft te zeggen hoe het gaat"]
    action = plan.items("concretiseren", "acties")[0]["values"]
    assert action["wat"] == "Gesprek na de voorstelling" and action["status"] == "klaar"
    assert action["notitie"] == "Ging goed, 12 leden bleven" and action["wie"] == "Regisseur"

    # 8. The earlier round stays readable, and cannot be changed.
    again.view.go("agenderen")
    page = again.view.page("agenderen")
    assert page.round_combo.count() == 2 and page.round_combo.isEnabled()
    page.round_combo.setCurrentIndex(0)
    page.round_combo.activated.emit(0)
    old_text = field(again, "agenderen", "al_bezig").edit
    assert old_text.toPlainText() == "We hebben een vertrouwenspersoon"
    assert old_text.isReadOnly()
    assert page.banner.isVisible()


def test_every_editor_has_an_accessible_name(qtbot, open_window, data_dir, method):
    from tests.helpers.factory import hockey_club_halfway
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    settings = Settings(data_dir)
    plan = hockey_club_halfway(PlanStore(data_dir, settings.device_id), method)
    settings.set("last_plan", plan.id)
    window = open_window()
    for phase in method.phases:
        page = window.view.page(phase.id)
        editors = page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit) + \
            page.findChildren(QComboBox) + page.findChildren(QCheckBox)
        assert editors
        nameless = [type(e).__name__ for e in editors if not e.accessibleName()]
        assert not nameless, f"{page.phase.id}: {nameless}"
        for button in page.findChildren(QPushButton):
            assert button.text() or button.accessibleName()


def test_keyboard_alone_moves_between_phases(qtbot, open_window, data_dir, method):
    from tests.helpers.factory import hockey_club_halfway
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    settings = Settings(data_dir)
    plan = hockey_club_halfway(PlanStore(data_dir, settings.device_id), method)
    settings.set("last_plan", plan.id)
    window = open_window()
    for number, phase in enumerate(("agenderen", "concretiseren", "uitvoeren", "verduurzamen"), start=1):
        press(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
        assert window.view.flow.current == phase
        assert window.view.stack.currentWidget() is window.view.page(phase)
    press(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.view.flow.current == "uitvoeren"
    press(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.view.flow.current == "verduurzamen"
