"""Managing plans and surviving bad input, through the real window and dialogs."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers.gui import (
    activate,
    answer_modal,
    click_message_button,
    fail_saves,
    field,
    listed_names,
    make_plans,
)
from vv_desktop.ui.dialogs import NameDialog, PlanDialog, TrashDialog


def select(window, name: str) -> None:
    lst = window.home.list
    for i in range(lst.count()):
        if lst.item(i).text().startswith(name):
            lst.setCurrentRow(i)
            return
    raise AssertionError(f"{name} not listed")


def test_new_plan_dialog_explains_bad_names_and_stays_open(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Seizoen 2026")
    window = open_window()
    seen: list[str] = []

    def try_names(dialog: PlanDialog) -> None:
        qtbot.keyClicks(dialog.club, "HC Vleuten")
        for name in ("", "    ", "seizoen 2026"):
            dialog.name.setText(name)
            dialog.accept()
            assert dialog.isVisible(), "a bad name must not close the dialog"
            seen.append(dialog.error.text())
        dialog.name.setText("Seizoen 2027")
        dialog.email.setText("geen-adres")
        dialog.accept()
        seen.append(dialog.error.text())
        dialog.reject()

    answer_modal(try_names)
    qtbot.mouseClick(window.home.new_button, Qt.MouseButton.LeftButton)
    assert seen[0] == seen[1] == "Geef het plan een naam."
    assert "al een plan met de naam" in seen[2]
    assert "e-mailadres" in seen[3]
    assert listed_names(window) == ["Seizoen 2026"]  # nothing created, nothing overwritten


def test_rename_duplicate_delete_undo_and_trash(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan A", "Plan B")
    window = open_window()

    select(window, "Plan A")

    def rename(dialog: NameDialog) -> None:
        dialog.name.setText("Plan B")  # taken
        dialog.accept()
        assert dialog.isVisible() and "al een plan" in dialog.error.text()
        dialog.name.setText("Plan A (oud)")
        dialog.accept()

    answer_modal(rename)
    qtbot.mouseClick(window.home.rename_button, Qt.MouseButton.LeftButton)
    assert sorted(listed_names(window)) == ["Plan A (oud)", "Plan B"]

    select(window, "Plan B")
    answer_modal(lambda dialog: dialog.accept())  # the suggested name "Plan B (kopie)"
    qtbot.mouseClick(window.home.duplicate_button, Qt.MouseButton.LeftButton)
    assert "Plan B (kopie)" in listed_names(window)

    select(window, "Plan B (kopie)")
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(window.home.delete_button, Qt.MouseButton.LeftButton)
    assert "Plan B (kopie)" not in listed_names(window)
    assert window.home.undo_bar.isVisible()
    qtbot.mouseClick(window.home.undo_button, Qt.MouseButton.LeftButton)
    assert "Plan B (kopie)" in listed_names(window)

    # Delete again, then restore from the trash dialog.
    select(window, "Plan B (kopie)")
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(window.home.delete_button, Qt.MouseButton.LeftButton)

    def restore(dialog: TrashDialog) -> None:
        assert dialog.list.count() == 1
        dialog.restore_button.click()
        assert dialog.list.count() == 0
        dialog.accept()

    answer_modal(restore)
    qtbot.mouseClick(window.home.trash_button, Qt.MouseButton.LeftButton)
    assert "Plan B (kopie)" in listed_names(window)

    # A plan deleted for good asks first; "No" keeps it in the trash.
    select(window, "Plan A (oud)")
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(window.home.delete_button, Qt.MouseButton.LeftButton)

    def purge_but_say_no(dialog: TrashDialog) -> None:
        answer_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
        dialog.purge_button.click()
        assert dialog.list.count() == 1
        answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        dialog.purge_button.click()
        assert dialog.list.count() == 0
        dialog.accept()

    answer_modal(purge_but_say_no)
    qtbot.mouseClick(window.home.trash_button, Qt.MouseButton.LeftButton)
    assert sorted(listed_names(window)) == ["Plan B", "Plan B (kopie)"]


def test_logo_that_is_not_an_image_is_explained(qtbot, open_window, data_dir, method, tmp_path):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fake = tmp_path / "logo.png"
    fake.write_text("dit is geen plaatje")
    messages: list[str] = []

    def pick(dialog: PlanDialog) -> None:
        dialog.load_logo(fake)
        qtbot.waitUntil(lambda: not dialog.logo_busy(), timeout=5000)
        messages.append(dialog.error.text())
        dialog.reject()

    answer_modal(pick)
    qtbot.mouseClick(window.view.club_button, Qt.MouseButton.LeftButton)
    assert "geen plaatje" in messages[0]
    assert window.store.logo_file(window.session.plan.id) is None


def test_logo_is_scaled_and_shown(qtbot, open_window, data_dir, method, tmp_path):
    from PIL import Image

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    big = tmp_path / "groot.jpg"
    Image.new("RGB", (3000, 2000), "darkgreen").save(big)

    def pick(dialog: PlanDialog) -> None:
        dialog.load_logo(big)
        qtbot.waitUntil(lambda: not dialog.logo_busy(), timeout=10000)
        dialog.accept()

    answer_modal(pick)
    qtbot.mouseClick(window.view.club_button, Qt.MouseButton.LeftButton)
    stored = window.store.logo_file(window.session.plan.id)
    assert stored is not None
    with Image.open(stored) as img:
        assert max(img.size) == 1200
    assert window.view.logo.isVisible()


def test_corrupt_plan_is_set_aside_and_the_others_open(qtbot, open_window, data_dir, method):
    good, bad = make_plans(data_dir, method, "Goed plan", "Kapot plan")
    bad_file = data_dir / "plans" / bad.id / "plan.json"
    bad_file.write_text('{"plan": {"1": {"schema": 2, "kind": "vv-plan", "id": ', encoding="utf-8")
    window = open_window()
    assert listed_names(window) == ["Goed plan"]
    assert window.home.problems.isVisible()
    assert bad.id in window.home.problems.text() and "apart gezet" in window.home.problems.text()
    moved = list((data_dir / "onleesbaar").iterdir())
    assert len(moved) == 1 and (moved[0] / "plan.json").read_text(encoding="utf-8").startswith('{"plan"')


def test_second_round_can_start_empty(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("uitvoeren")
    page = window.view.page("uitvoeren")
    click_message_button("Met een leeg werkblad")
    qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert field(window, "uitvoeren", "input_impact").edit.toPlainText() == ""
    # The earlier round kept its answers and a record of how far each action was.
    page.round_combo.setCurrentIndex(0)
    page.round_combo.activated.emit(0)
    assert field(window, "uitvoeren", "input_impact").edit.toPlainText().startswith("Leden zeggen")
    progress = field(window, "uitvoeren", "voortgang")
    texts = [w.text() for w in progress.findChildren(type(progress.title)) if "Poster in de kantine" in w.text()]
    assert texts and "Klaar" in texts[0]


def test_full_disk_keeps_the_text_and_saves_when_possible(qtbot, open_window, data_dir, method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    fail_saves(monkeypatch, window.store)
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " Extra kans")
    assert not window.session.save_now()
    assert window.save_label.text() == "Niet opgeslagen"
    assert "schijf is vol" in window.statusBar().currentMessage()
    monkeypatch.undo()  # space was freed
    assert window.session.save_now()
    plan_file = data_dir / "plans" / window.session.plan.id / "plan.json"
    assert "Extra kans" in plan_file.read_text(encoding="utf-8")


def test_a_megabyte_of_pasted_text_is_kept(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    big = ("Prestatiedruk <b>&amp; plezier</b> مرحبا 👍 " * 25_000)[:1_000_000]
    edit = field(window, "agenderen", "al_bezig").edit
    QApplication.clipboard().setText(big)
    edit.selectAll()
    edit.paste()
    assert window.session.save_now()
    window.close()
    again = open_window()
    assert again.session.plan.answer("agenderen", "al_bezig") == big


def test_unexpected_error_saves_first_then_explains(qtbot, open_window, data_dir, method):
    from vv_desktop.ui.errors import ErrorHandler

    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    edit = field(window, "agenderen", "kansen").edit
    edit.setFocus()
    qtbot.keyClicks(edit, " onbewaard")
    assert window.session.dirty
    handler = ErrorHandler(window.log_file, window.save_all)
    shown: list[str] = []

    def read(box: QMessageBox) -> None:
        shown.append(box.text() + "\n" + box.informativeText())
        box.accept()

    answer_modal(read)
    try:
        raise RuntimeError("kapot")
    except RuntimeError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    assert not window.session.dirty  # saved before the dialog
    assert "opgeslagen" in shown[0] and str(window.log_file) in shown[0]
    assert "Traceback" not in shown[0]
    plan_file = data_dir / "plans" / window.session.plan.id / "plan.json"
    assert "onbewaard" in json.dumps(json.loads(plan_file.read_text(encoding="utf-8")), ensure_ascii=False)


def test_a_plan_damaged_after_the_list_was_made_is_set_aside_when_opened(qtbot, open_window, data_dir, method):
    good, bad = make_plans(data_dir, method, "Goed plan", "Kapot plan")
    window = open_window()
    (data_dir / "plans" / bad.id / "plan.json").write_bytes(b'{"plan": {"1": ')
    select(window, "Kapot plan")
    seen: list[str] = []
    answer_modal(lambda box: (seen.append(box.text()), box.accept()))
    qtbot.mouseClick(window.home.open_button, Qt.MouseButton.LeftButton)
    assert window.view is None
    assert "apart gezet" in seen[0] and bad.id in seen[0]
    assert listed_names(window) == ["Goed plan"]
    assert (next((data_dir / "onleesbaar").iterdir()) / "plan.json").read_bytes() == b'{"plan": {"1": '
