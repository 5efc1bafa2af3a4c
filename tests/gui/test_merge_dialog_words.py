"""The merge dialog shows a difference in the words of the screen: an action's status, level and
objective as the cards show them, the club's own lists by their title; never a stored id."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.gui import answer_modal, imported, make_plans
from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import OWN_TIPS, own_fields
from vv_desktop.ui.merge_dialog import MergeDialog


def _change_on_both_laptops(data_dir: Path, method, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    (plan,) = make_plans(data_dir, method, "Plan", open_last=True)
    mine = PlanStore(data_dir, Settings(data_dir).device_id)
    chair_dir = tmp_path / "voorzitter"
    chair_dir.mkdir()
    chair = PlanStore(chair_dir, Settings(chair_dir).device_id)
    first = sharing.export_plan(mine, plan.id, tmp_path / "a.vvplan")
    sharing.finish_import(chair, sharing.prepare_import(chair, first))
    statuses, level = method.action_statuses, method.levels[0]
    theirs = chair.load(plan.id)
    goals = theirs.items("concretiseren", "doelen")
    action = theirs.items("concretiseren", "acties")[0]["id"]
    tip = theirs.items("concretiseren", OWN_TIPS)[0]["id"]
    for column, value in (("status", statuses.done), ("niveau", level.id), ("doel", goals[-1]["id"])):
        theirs.set_item_value("concretiseren", "acties", action, column, value)
    theirs.set_item_value("concretiseren", OWN_TIPS, tip, "tekst", "Tip van de voorzitter")
    chair.save(theirs)
    local = mine.load(plan.id)
    assert local.set_item_value("concretiseren", "acties", action, "wie", "Penningmeester")  # a change here too
    local.set_item_value("concretiseren", OWN_TIPS, tip, "tekst", "Tip van de secretaris")
    mine.save(local)
    expected = {"done": statuses.label(statuses.done), "level": level.label, "goal": goals[-1]["values"]["tekst"],
                "done_id": statuses.done, "level_id": level.id, "goal_id": goals[-1]["id"]}
    return sharing.export_plan(chair, plan.id, tmp_path / "antwoord.vvplan"), expected


def test_an_action_and_an_own_tip_are_shown_in_words(qtbot, open_window, data_dir, method, tmp_path):
    reply, expected = _change_on_both_laptops(data_dir, method, tmp_path)
    window = open_window()
    seen: dict[str, list[str]] = {}

    def look(dialog: MergeDialog) -> None:
        from PySide6.QtWidgets import QLabel, QPlainTextEdit

        seen["texts"] = [t.toPlainText() for t in dialog.findChildren(QPlainTextEdit)]
        seen["titles"] = [label.text() for label in dialog.findChildren(QLabel)]
        dialog.reject()

    answer_modal(look)
    assert not imported(qtbot, window, reply)  # cancelled: nothing changed
    theirs = "\n".join(seen["texts"])
    assert expected["done"] in theirs and expected["level"] in theirs and expected["goal"] in theirs
    for stored in ("done_id", "level_id", "goal_id"):
        assert f": {expected[stored]}" not in theirs, stored
    own_tips_title = own_fields()[0].label
    assert any(own_tips_title in title for title in seen["titles"])
    assert not any(OWN_TIPS in title for title in seen["titles"])


def test_a_club_detail_and_a_contact_of_the_card_are_named_in_words(qapp, method):
    from vv_desktop.core.merge import Conflict
    from vv_desktop.core.model import card_key
    from vv_desktop.ui.merge_dialog import describe

    contact = method.card.contacts[0]
    text = describe(Conflict("club/x", "club", "", card_key(contact.id), "a", "b"), method)
    assert contact.label in text and card_key(contact.id) not in text
    assert "contact_email" not in describe(Conflict("club/y", "club", "", "contact_email", "a", "b"), method)
