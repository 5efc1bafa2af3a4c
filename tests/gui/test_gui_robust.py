"""Regressions from a review: failed saves, damaged files, odd data, keyboard mnemonics."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QToolButton
from shiboken6 import isValid

from tests.helpers.damage import DAMAGES, GOOD, VICTIM, prepare
from tests.helpers.gui import activate, answer_modal, fail_saves, field, listed_names, make_plans
from vv_desktop.core.progress import field_filled, phase_progress
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore


def test_leaving_a_plan_whose_save_failed_asks_and_never_writes_an_old_copy_later(
        qtbot, open_window, data_dir, method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fail_saves(monkeypatch, window.store)
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " kwijt?")
    old_session = window.session

    answer_modal(lambda box: button_with_role(box, QMessageBox.ButtonRole.RejectRole).click())
    qtbot.mouseClick(window.view.home_button, Qt.MouseButton.LeftButton)
    assert window.view is not None and window.session is old_session, "staying keeps the text"

    answer_modal(lambda box: button_with_role(box, QMessageBox.ButtonRole.DestructiveRole).click())
    qtbot.mouseClick(window.view.home_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert window.view is None
    # The discarded session (and its retry timer) is gone: no old copy can be written later.
    qtbot.waitUntil(lambda: not isValid(old_session), timeout=2000)
    monkeypatch.undo()


def button_with_role(box: QMessageBox, role: QMessageBox.ButtonRole):
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
    return button


def test_a_plan_whose_save_failed_can_be_kept_elsewhere_before_it_closes(
        qtbot, open_window, data_dir, method, monkeypatch, tmp_path):
    """Full disk, the user closes the plan: the first choice offered is to keep the text elsewhere."""
    from PySide6.QtWidgets import QFileDialog

    from vv_desktop.core.exchange import read_exchange

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fail_saves(monkeypatch, window.store)
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " gered")
    desktop = tmp_path / "bureaublad"
    desktop.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(desktop / "plan.vvplan"), "")))
    seen: list[object] = []

    def keep_elsewhere(box) -> None:
        seen.append(box.defaultButton() is button_with_role(box, QMessageBox.ButtonRole.AcceptRole))
        answer_modal(lambda options: options.accept())  # the export's own question comes next
        button_with_role(box, QMessageBox.ButtonRole.AcceptRole).click()

    answer_modal(keep_elsewhere)
    qtbot.mouseClick(window.view.home_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert seen == [True]
    assert window.view is None, "kept elsewhere: the plan closes"
    plan = read_exchange(desktop / "plan.vvplan").plan
    assert " gered" in plan["phases"]["agenderen"]["rounds"][-1]["answers"]["kansen"]["v"]
    monkeypatch.undo()


def test_a_damaged_plan_file_on_disk_does_not_block_saving_new_text(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    plan_file = data_dir / "plans" / window.session.plan.id / "plan.json"
    plan_file.write_bytes(b"{kapot")  # e.g. a sync tool wrote half a file meanwhile
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " nieuw")
    assert window.session.save_now()
    assert "nieuw" in plan_file.read_text(encoding="utf-8")


def test_answers_of_the_wrong_type_do_not_stop_the_app(qtbot, open_window, data_dir, method):
    (plan,) = make_plans(data_dir, method, "Plan", open_last=True)
    store = PlanStore(data_dir, Settings(data_dir).device_id)
    odd = store.load(plan.id)
    odd.set_answer("agenderen", "al_bezig", ["geen", "tekst"])
    odd.set_answer("agenderen", "kansen", 42)
    odd.set_answer("agenderen", "stellingen/s1/toelichting", {"x": 1})
    store.save(odd)
    window = open_window()
    assert window.view is not None
    assert field(window, "agenderen", "kansen").edit.toPlainText() == "42"
    assert field(window, "agenderen", "al_bezig").edit.toPlainText() == ""


def test_error_dialog_tells_the_truth_when_saving_failed(qtbot, open_window, data_dir, method, monkeypatch):
    from vv_desktop.ui.errors import ErrorHandler

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fail_saves(monkeypatch, window.store)
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " x")
    shown: list[str] = []
    answer_modal(lambda box: (shown.append(box.text()), box.accept()))
    try:
        raise RuntimeError("kapot")
    except RuntimeError as exc:
        ErrorHandler(window.log_file, window.save_all).handle(type(exc), exc, exc.__traceback__)
    assert "nog niet opslaan" in shown[0]
    monkeypatch.undo()  # the disk has room again before the app closes


def test_progress_counts_a_scale_answer(method, data_dir):
    """A number picked on the scale (and nothing else) makes its question count as answered."""
    (plan,) = make_plans(data_dir, method, "Plan")
    phase = method.phase("uitvoeren")
    check = phase.field("check")
    plan.start_new_round("uitvoeren", copy_previous=False)
    before = phase_progress(plan, method, phase)[0]
    assert not field_filled(plan, method, "uitvoeren", check)
    plan.set_answer("uitvoeren", "check/bestuur/score", 4)
    assert field_filled(plan, method, "uitvoeren", check)
    assert phase_progress(plan, method, phase)[0] == before + 1


def _mnemonics(widgets) -> list[str]:
    letters = []
    for widget in widgets:
        if not widget.isVisible():
            continue
        match = re.search(r"&(\w)", widget.text())
        if match:
            letters.append(match.group(1).lower())
    return letters


def test_no_two_visible_controls_share_an_alt_letter(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    menus = [a.text() for a in window.menuBar().actions()]
    menu_letters = [re.search(r"&(\w)", t).group(1).lower() for t in menus]
    assert len(menu_letters) == len(set(menu_letters)), menus
    for phase in method.phases:
        window.view.go(phase.id)
        letters = _mnemonics(window.view.findChildren(QAbstractButton)) + \
            _mnemonics(w for w in window.view.findChildren(QLabel) if w.buddy() is not None)
        clashes = {x for x in letters if letters.count(x) > 1}
        assert not clashes, f"{phase.id}: Alt+{clashes}"
    window.show_home()
    letters = _mnemonics(window.home.findChildren(QAbstractButton)) + \
        _mnemonics(w for w in window.home.findChildren(QLabel) if w.buddy() is not None)
    assert len(letters) == len(set(letters)), letters


def test_a_page_follows_what_another_page_changed_in_place(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("uitvoeren")
    progress = field(window, "uitvoeren", "voortgang")
    window.view.go("verduurzamen")
    window.view.go("uitvoeren")
    assert field(window, "uitvoeren", "voortgang") is progress  # nothing changed: the same widgets
    first_row = progress.rows[0][1]
    window.view.go("concretiseren")
    actions = field(window, "concretiseren", "acties")
    first_card = actions.cards[0]
    qtbot.keyClicks(first_card.what, " en meer")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(actions.cards[-1].what, "Nieuwe actie")
    window.view.go("uitvoeren")
    # The list of Uitvoeren follows in place: the same field and rows, the edit and the new action shown.
    assert field(window, "uitvoeren", "voortgang") is progress and progress.rows[0][1] is first_row
    assert first_row.text().endswith(" en meer")
    assert progress.rows[-1][1].text().endswith("Nieuwe actie") and len(progress.rows) == len(actions.cards)
    progress.rows[0][1].click()  # ticked off in Uitvoeren: Concretiseren shows it on the card it had
    window.view.go("concretiseren")
    assert field(window, "concretiseren", "acties").cards[0] is first_card
    assert first_card.status.currentData() == method.action_statuses.done


def test_a_removed_line_comes_back_with_one_click(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("concretiseren")
    goals = field(window, "concretiseren", "doelen")
    first = goals.edits[0].text()
    remove = goals.rows.itemAt(0).widget().findChild(QToolButton)  # the "Weg" button of the first line
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert first not in [e.text() for e in goals.edits]
    assert goals.undo_bar.isVisible() and first[:20] in goals.undo_text.text()
    qtbot.mouseClick(goals.undo_button, Qt.MouseButton.LeftButton)
    assert first in [e.text() for e in goals.edits]
    assert [i["values"]["tekst"] for i in window.session.plan.items("concretiseren", "doelen")][0] == first


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_the_window_starts_and_the_other_plans_open_and_save_whatever_is_in_the_data_folder(
        qtbot, open_window, data_dir, monkeypatch, kind):
    good, victim = prepare(data_dir, kind, monkeypatch)
    window = open_window()
    names = listed_names(window)
    assert all(name in names for name in GOOD)
    assert (VICTIM in " ".join(names)) == DAMAGES[kind].victim_lists
    assert [p for p in data_dir.rglob(".*") if p.name.endswith(".tmp")] == []
    for plan_id in good + ([victim] if DAMAGES[kind].victim_lists else []):
        assert window.open_plan(plan_id)
        edit = field(window, "agenderen", "kansen").edit
        edit.setFocus()
        qtbot.keyClicks(edit, " getypt")
        assert window.session.save_now()
        assert "getypt" in PlanStore(data_dir, "x").load(plan_id).answer("agenderen", "kansen")


@pytest.mark.parametrize("kind", ["plan-folder-cannot-be-moved", "nested-5000-levels"])
def test_a_damaged_last_plan_gives_a_message_and_the_start_page(qtbot, open_window, data_dir, monkeypatch, kind):
    _good, victim = prepare(data_dir, kind, monkeypatch)
    Settings(data_dir).set("last_plan", victim)
    shown: list[str] = []
    answer_modal(lambda box: (shown.append(box.text()), box.accept()))
    window = open_window()
    assert shown and window.view is None
    assert all(name in listed_names(window) for name in GOOD)


def test_a_file_named_plans_gives_a_message_and_a_new_plan_can_be_made(qtbot, open_window, data_dir):
    (data_dir / "plans").write_text("geen map", "utf-8")
    window = open_window()
    assert window.home.problems.isVisible() and "plans-" in window.home.problems.text()
    plan = window.store.create("Nieuw", "Club")
    assert window.open_plan(plan.id) and window.session.save_now()
