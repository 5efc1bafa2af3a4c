"""Help > 'Als een jongere iets vertelt': read the card, fill in the club's contacts (kept, undoable),
and print it; without an open plan the card can be read but not filled in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.gui import answer_modal, make_plans
from vv_desktop.core.model import card_key
from vv_desktop.ui.help_card import HelpCardDialog


def test_the_contacts_are_kept_and_undone_and_the_card_prints(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    contact = method.card.contacts[0]
    seen: dict[str, object] = {}

    def print_dialog(dialog) -> None:
        seen["kind"] = dialog.kind.currentData()
        dialog.reject()

    def fill(dialog: HelpCardDialog) -> None:
        qtbot.keyClicks(dialog.edits[contact.id], "Vertrouwenscontactpersoon, 06-12345678")
        answer_modal(print_dialog)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)  # keeps what was typed, then prints
        dialog.reject()

    answer_modal(fill)
    window.help_card_action.trigger()
    key = card_key(contact.id)
    assert seen["kind"] == "kaart"
    assert window.session.plan.club(key) == "Vertrouwenscontactpersoon, 06-12345678"
    assert window.store.load(window.session.plan.id).club(key) == "Vertrouwenscontactpersoon, 06-12345678"
    window.undo_action.trigger()
    assert window.session.plan.club(key) == ""


def test_without_a_plan_the_card_is_read_only(qtbot, open_window, method):
    window = open_window()
    seen: dict[str, bool] = {}

    def look(dialog: HelpCardDialog) -> None:
        seen["enabled"] = any(edit.isEnabled() for edit in dialog.edits.values())
        seen["print"] = hasattr(dialog, "print_button")
        dialog.reject()

    answer_modal(look)
    window.help_card_action.trigger()
    assert seen == {"enabled": False, "print": False}
