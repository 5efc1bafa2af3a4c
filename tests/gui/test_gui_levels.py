"""Niveaus van de club: a culture club adds its own level through the real dialog, fills in a levels
question for it, prints the worksheet, and a colleague's laptop merges it (ids, not wording)."""

from __future__ import annotations

import re

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.helpers.gui import activate, answer_modal, field, imported, save_worksheet_pdf
from vv_desktop.core import plan_levels, sharing
from vv_desktop.core.model import cell_key
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import Method
from vv_desktop.ui.levels_dialog import LevelsDialog

PHASE, CHECK = "uitvoeren", "check"  # a levels question
OWN = "jeugdorkest"


def _laptop(folder):
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(folder)
    return settings, PlanStore(folder, settings.device_id)


def _own_ids(method: Method, plan) -> list[str]:
    return [lv.id for lv in method.for_plan(plan).levels if plan_levels.is_own(lv.id, method)]


def test_a_culture_club_adds_a_level_prints_it_and_a_colleague_merges_it(qtbot, open_window, data_dir, method,
                                                                          tmp_path, monkeypatch):
    settings, store = _laptop(data_dir)
    plan = store.create("Seizoen", "Muziekschool De Toon", "cultuur")
    settings.set("last_plan", plan.id)
    _colleague_settings, colleague = _laptop(tmp_path / "collega")
    sharing.finish_import(colleague, sharing.prepare_import(colleague, sharing.export_plan(
        store, plan.id, tmp_path / "0.vvplan")))

    window = open_window()
    window.view.go(PHASE)
    rows_before = set(field(window, PHASE, CHECK).editors)

    def add_level(dialog: LevelsDialog) -> None:
        try:
            dialog.name.setText(OWN)
            qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
            assert dialog.labels()[dialog.ids.index(dialog.current_id())] == OWN
        finally:
            dialog.reject()

    answer_modal(add_level)
    qtbot.mouseClick(window.view.levels_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    (own,) = _own_ids(method, window.session.plan)

    check = field(window, PHASE, CHECK)
    assert set(check.editors) - rows_before == {(own, c.id) for c in check.fdef.columns}
    editor = check.editors[(own, "uitleg")]
    editor.setFocus()
    qtbot.keyClicks(editor, "Speelt al mee")
    key = cell_key(CHECK, own, "uitleg")
    assert window.session.plan.answer(PHASE, key) == "Speelt al mee"

    target = tmp_path / "werkblad.pdf"
    save_worksheet_pdf(qtbot, window, monkeypatch, target)
    activate(qtbot, window)
    text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in PdfReader(target).pages))
    assert OWN in text and "Speeltalmee" in text

    assert window.save_all()
    file = sharing.export_plan(store, plan.id, tmp_path / "a.vvplan")

    # the colleague added a level of their own meanwhile: both survive the merge
    theirs = colleague.load(plan.id)
    plan_levels.add_level(theirs, "ouders")
    colleague.save(theirs)
    second = open_window(tmp_path / "collega")
    assert imported(qtbot, second, file)
    merged = colleague.load(plan.id)
    labels = {lv.id: lv.label for lv in method.for_plan(merged).levels}
    assert labels[own] == OWN and "ouders" in labels.values()
    assert merged.answer(PHASE, key) == "Speelt al mee"
    second.view.go(PHASE)  # the merged plan is open: its levels question asks about both new levels
    rows = {level for level, _column in field(second, PHASE, CHECK).editors}
    assert own in rows and set(_own_ids(method, merged)) <= rows
    assert field(second, PHASE, CHECK).editors[(own, "uitleg")].text() == "Speelt al mee"


def test_removing_a_level_with_answers_asks_first_and_undo_brings_it_back(qtbot, open_window, data_dir, method):
    settings, store = _laptop(data_dir)
    plan = store.create("Seizoen", "Muziekschool De Toon", "cultuur")
    plan.set_answer(PHASE, cell_key(CHECK, "leden", "uitleg"), "Goed")
    store.save(plan)
    settings.set("last_plan", plan.id)
    window = open_window()
    window.view.go(PHASE)

    def remove(dialog: LevelsDialog) -> None:
        try:
            dialog.select("leden")
            answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
            qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        finally:
            dialog.reject()

    answer_modal(remove)
    qtbot.mouseClick(window.view.levels_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert ("leden", "uitleg") not in field(window, PHASE, CHECK).editors
    assert window.session.plan.answer(PHASE, cell_key(CHECK, "leden", "uitleg")) == "Goed"  # kept, hidden
    window.view.undo.undo()
    assert field(window, PHASE, CHECK).editors[("leden", "uitleg")].text() == "Goed"
    window.view.undo.redo()
    assert ("leden", "uitleg") not in field(window, PHASE, CHECK).editors


def test_a_rename_on_both_laptops_is_asked_once_in_the_merge_dialog(qtbot, open_window, data_dir, method, tmp_path):
    from PySide6.QtWidgets import QPlainTextEdit

    from vv_desktop.ui.merge_dialog import MergeDialog

    settings, store = _laptop(data_dir)
    plan = store.create("Seizoen", "Muziekschool De Toon", "cultuur")
    own = plan_levels.add_level(plan, OWN)
    store.save(plan)
    settings.set("last_plan", plan.id)
    _s, colleague = _laptop(tmp_path / "collega")
    sharing.finish_import(colleague, sharing.prepare_import(colleague, sharing.export_plan(
        store, plan.id, tmp_path / "0.vvplan")))
    for laptop, name in ((store, "Jeugdorkest A"), (colleague, "Jeugdorkest B")):
        p = laptop.load(plan.id)
        plan_levels.rename_level(p, own, name)
        laptop.save(p)
    reply = sharing.export_plan(colleague, plan.id, tmp_path / "b.vvplan")

    window = open_window()
    seen: dict[str, object] = {}

    def take_theirs(dialog: MergeDialog) -> None:
        seen["rows"] = [c.id for c in dialog.conflicts]
        seen["texts"] = [t.toPlainText() for t in dialog.findChildren(QPlainTextEdit)]
        seen["both"] = [b.isEnabled() for g in dialog.groups.values() for b in g.buttons()
                        if b.property("choice") == "both"]
        dialog.choose_all("theirs")
        dialog.accept()

    answer_modal(take_theirs)
    assert imported(qtbot, window, reply)
    assert seen["rows"] == [f"levels/{own}"]
    assert seen["texts"] == ["Jeugdorkest A", "Jeugdorkest B"] and seen["both"] == [False]
    assert method.for_plan(store.load(plan.id)).level(own).label == "Jeugdorkest B"


def test_the_action_card_offers_the_plans_levels(qtbot, open_window, data_dir, method):
    from tests.helpers.factory import hockey_club_halfway

    settings, store = _laptop(data_dir)
    plan = hockey_club_halfway(store, method)
    own = plan_levels.add_level(plan, OWN)
    plan_levels.remove_level(plan, "ouders")
    store.save(plan)
    settings.set("last_plan", plan.id)
    window = open_window()
    window.view.go("concretiseren")
    combo = field(window, "concretiseren", "acties").cards[0].level
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert own in offered and "ouders" not in offered and "leden" in offered


def test_a_question_per_level_opens_the_levels_and_shows_the_new_one(qtbot, open_window, data_dir, method) -> None:
    settings, store = _laptop(data_dir)
    plan = store.create("Seizoen", "Muziekschool De Toon", "cultuur")
    settings.set("last_plan", plan.id)
    window = open_window()
    window.view.go(PHASE)
    button = field(window, PHASE, CHECK).levels_button
    assert button is not None and button.isVisibleTo(window)

    def add_level(dialog: LevelsDialog) -> None:
        try:
            dialog.name.setText(OWN)
            qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        finally:
            dialog.reject()

    answer_modal(add_level)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    (own,) = _own_ids(method, window.session.plan)
    check = field(window, PHASE, CHECK)
    assert {(own, c.id) for c in check.fdef.columns} <= set(check.editors)
    assert window.focusWidget() is check.levels_button  # back where the user was, on the page built again
