"""From a filled-in phase to a saved PDF, through the preview in the print dialog."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog

from tests.conftest import answer_modal
from tests.test_gui_flow import field
from tests.test_gui_plans import make_plans
from vv_desktop.ui.print_dialog import PrintDialog


def wait_for_preview(qtbot, dialog: PrintDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.document.status() == QPdfDocument.Status.Ready,
                    timeout=20_000)


def test_type_an_objective_preview_the_worksheet_and_save_it(qtbot, open_window, data_dir, method, tmp_path,
                                                             monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    window.view.go("concretiseren")
    goals = field(window, "concretiseren", "doelen")
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(goals.edits[-1], "Minder schreeuwen langs de lijn")
    target = tmp_path / "uit" / "werkblad.pdf"
    target.parent.mkdir()
    asked: list[str] = []

    def save_dialog(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        wait_for_preview(qtbot, dialog)
        seen["first"] = (dialog.request().kind, dialog.request().phase, dialog.document.pageCount())
        image = dialog.document.render(0, dialog.document.pagePointSize(0).toSize())
        seen["image"] = not image.isNull()
        dialog.kind.setCurrentIndex(dialog.kind.findData("worksheet"))
        wait_for_preview(qtbot, dialog)
        seen["pages"] = dialog.document.pageCount()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["status"] = dialog.status.text()
        dialog.reject()

    answer_modal(drive)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)

    assert seen["first"] == ("poster", "concretiseren", 1)  # opens on the poster of the phase on screen
    assert seen["image"] is True
    assert seen["pages"] >= 1
    assert asked and asked[0].endswith("Mixed Hockey Club Vleuten - Concretiseren - Werkblad - " +
                                       asked[0].rsplit(" - ", 1)[1])
    assert "Opgeslagen" in seen["status"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Minder schreeuwen langs de lijn" in text  # what was just typed is in the PDF
    assert "Concretiseren" in text
    assert [p.name for p in target.parent.iterdir()] == ["werkblad.pdf"]


def test_printing_a_poster_offers_the_a4_sheets(qtbot, open_window, data_dir, method):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        wait_for_preview(qtbot, dialog)
        answer_modal(lambda box: next(b for b in box.buttons() if b.text().startswith("Op A4")).click())
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        wait_for_preview(qtbot, dialog)
        seen["kind"] = dialog.request().kind
        seen["pages"] = dialog.document.pageCount()
        dialog.reject()

    answer_modal(drive)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)
    assert seen == {"kind": "poster-tiled", "pages": 4}


def test_a_render_error_is_shown_in_the_dialog_not_raised(qtbot, open_window, data_dir, method, monkeypatch):
    make_plans(data_dir, method, "Plan", open_last=True)
    window = open_window()

    def broken(*_args, **_kwargs):
        raise RuntimeError("lettertype kwijt")

    monkeypatch.setattr("vv_desktop.render.poster.PosterPainter.draw", broken)
    seen: dict[str, object] = {}

    def drive(dialog: PrintDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        seen["status"] = dialog.status.text()
        seen["save"] = dialog.save_button.isEnabled()
        dialog.reject()

    answer_modal(drive)
    qtbot.mouseClick(window.view.print_button, Qt.MouseButton.LeftButton)
    assert "lukte niet" in seen["status"] and "lettertype kwijt" in seen["status"]
    assert seen["save"] is False
