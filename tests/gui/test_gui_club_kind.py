"""The words follow the plan's kind of club: a culture plan's pages and PDFs say what the worksheet
files give for 'cultuur', and changing the kind in Clubgegevens changes the words, never the answers."""

from __future__ import annotations

import copy
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.gui import activate, answer_modal, make_plans, press, save_worksheet_pdf
from vv_desktop.core.columns import TEXT
from vv_desktop.core.labels import source_title
from vv_desktop.core.model import cell_key
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import Method, own_fields
from vv_desktop.ui.dialogs import PlanDialog

PHASE = "concretiseren"
SPORT_WORDS = re.compile(r"trainer|wedstrijd", re.IGNORECASE)


def _shown_texts(root: QWidget) -> list[str]:
    """Every text the page shows a person: labels, buttons, titles, placeholders and choices."""
    texts: list[str] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append(w.placeholderText())
        if isinstance(w, QTextBrowser):  # the tips and good practices
            texts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            texts.extend(w.itemText(i) for i in range(w.count()))
        texts.append(w.toolTip())
    return [t for t in texts if t]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _culture_plan(data_dir, method: Method) -> None:
    settings = Settings(data_dir)
    store = PlanStore(data_dir, settings.device_id)
    plan = store.create("Seizoen", "Muziekschool De Toon", "cultuur")
    # an answer per level: the worksheet PDF names the levels it has answers for
    for level in method.phase(PHASE).field("behoeften").levels:
        plan.set_answer(PHASE, cell_key("behoeften", level, "behoefte"), "Een korte cursus")
    store.save(plan)
    settings.set("last_plan", plan.id)


def _questions(window) -> dict[str, object]:
    own = {f.id for f in own_fields()}
    return {f.fdef.id: f.fdef for f in window.view.page(PHASE).fields if f.fdef.id not in own}


def test_a_culture_plan_shows_the_culture_words_on_screen_and_on_paper(qtbot, open_window, data_dir, method: Method,
                                                                       tmp_path, monkeypatch):
    _culture_plan(data_dir, method)
    culture = method.for_kind("cultuur")
    window = open_window()
    window.view.go(PHASE)
    page = window.view.page(PHASE)
    assert _questions(window) == {f.id: f for f in culture.phase(PHASE).fields}
    shown = "\n".join(_shown_texts(page))
    behoeften = culture.phase(PHASE).field("behoeften")
    for level in behoeften.levels:
        assert culture.level(level).label in shown
    assert method.level("trainers").label not in shown
    for tip in culture.phase(PHASE).tips:
        assert _flat(tip.text) in _flat(shown)
    for practice in culture.phase(PHASE).practices:
        assert _flat(practice.text) in _flat(shown)
        assert _flat(practice.club) in _flat(shown)  # what a club could do with it
    assert not SPORT_WORDS.findall(shown), SPORT_WORDS.findall(shown)

    target = tmp_path / "werkblad.pdf"
    save_worksheet_pdf(qtbot, window, monkeypatch, target)
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    for level in behoeften.levels:
        assert _flat(culture.level(level).label) in _flat(text)
    assert _flat(culture.phase(PHASE).field("doelen").label) in _flat(text)
    assert not SPORT_WORDS.findall(text), SPORT_WORDS.findall(text)


def _choose_kind(qtbot, kind: str) -> None:
    def fill(dialog: PlanDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    answer_modal(fill)


def test_changing_the_kind_changes_the_words_and_keeps_every_answer(qtbot, open_window, data_dir, method: Method):
    plan = make_plans(data_dir, method, "Plan", open_last=True)[0]
    window = open_window()
    window.view.go(PHASE)
    assert _questions(window) == {f.id: f for f in method.phase(PHASE).fields}
    answers = copy.deepcopy(window.session.plan.doc["phases"])

    for kind in ("cultuur", "buurt"):
        _choose_kind(qtbot, kind)
        qtbot.mouseClick(window.view.club_button, Qt.MouseButton.LeftButton)
        activate(qtbot, window)
        assert window.session.plan.club("kind") == kind
        assert window.view.flow.current == PHASE
        own = method.for_kind(kind)
        assert _questions(window) == {f.id: f for f in own.phase(PHASE).fields}
        assert window.view.step_bar.method is own
        shown = "\n".join(_shown_texts(window.view.page(PHASE)))
        assert own.level("trainers").label in shown and method.level("trainers").label not in shown
        assert window.session.plan.doc["phases"] == answers  # the answers are where they were
        goals = [f for f in window.view.page(PHASE).fields if f.fdef.id == "doelen"][0]
        typed = [e.toPlainText() if hasattr(e, "toPlainText") else e.text() for e in goals.edits]
        assert typed == [item["values"][TEXT] for item in window.session.plan.items(PHASE, "doelen")]
        assert typed and all(typed)  # the page shows the answers, not empty boxes

    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: back to culture, and its words
    assert window.session.plan.club("kind") == "cultuur"
    assert _questions(window) == {f.id: f for f in method.for_kind("cultuur").phase(PHASE).fields}
    assert window.session.plan.doc["phases"] == answers
    assert plan.id == window.session.plan.id


def test_a_sport_plan_keeps_the_default_words(qtbot, open_window, data_dir, method: Method):
    settings = Settings(data_dir)
    plan = hockey_club_halfway(PlanStore(data_dir, settings.device_id), method)
    settings.set("last_plan", plan.id)
    window = open_window()
    window.view.go(PHASE)
    assert _questions(window) == {f.id: f for f in method.phase(PHASE).fields}


def test_the_statements_say_which_come_from_the_kick_off(open_window, data_dir, method: Method) -> None:
    _culture_plan(data_dir, method)
    window = open_window()
    window.view.go("agenderen")
    field = next(f for f in window.view.page("agenderen").fields if f.fdef.type == "statements")
    options = field.fdef.options
    assert any(o.source for o in options) and not all(o.source for o in options)
    titles = [source_title(method, s) for s in method.sources]
    for row, option in zip(field.rows, options, strict=False):  # the club's own statements follow
        shown = "\n".join(_shown_texts(row))
        named = [t for t in titles if t in shown]
        assert named == ([source_title(method, option.source)] if option.source else []), option.id
        said = row.text_widget.accessibleDescription()  # what a screen reader adds to the statement
        assert (source_title(method, option.source) in said) if option.source else not said


def test_the_example_role_of_an_action_fits_the_kind_of_club(qtbot, open_window, data_dir, method: Method) -> None:
    _culture_plan(data_dir, method)
    window = open_window()
    window.view.go(PHASE)
    actions = next(f for f in window.view.page(PHASE).fields if f.fdef.type == "actions")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    (card,) = actions.cards
    expected = method.for_kind("cultuur").phase(PHASE).field(actions.fdef.id).placeholder
    assert expected and expected != method.phase(PHASE).field(actions.fdef.id).placeholder
    assert card.who.placeholderText() == expected
