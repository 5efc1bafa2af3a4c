"""Choosing, per question, between my version and a colleague's: keep mine, take theirs, or keep both."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.columns import GOAL, LEVEL, STANCE, STATUS, TEXT, TOP, WHAT, WHY
from vv_desktop.core.labels import club_field_label, column_label, in_sentence, phase_status_label, stance_label
from vv_desktop.core.merge import BOTH, LEVEL_AREA, MINE, STATE_AREA, THEIRS, Conflict
from vv_desktop.core.merge_policy import keep_both_allowed
from vv_desktop.core.model import STATUSES
from vv_desktop.core.plan_levels import LABEL
from vv_desktop.core.worksheets import Method, own_fields


def item_texts(doc: dict[str, Any] | None) -> dict[str, str]:
    """The text of every list item of a plan document, by id: an action names its objective by id."""
    texts: dict[str, str] = {}
    for phase in ((doc or {}).get("phases") or {}).values():
        for rnd in phase.get("rounds", []):
            for items in rnd.get("lists", {}).values():
                texts.update((i["id"], str(i["values"].get(TEXT, ""))) for i in items if isinstance(i, dict))
    return texts


def _column_value(column: str, value: Any, method: Method, texts: dict[str, str]) -> str:
    """One column of a list item in words: the status, level or objective as the screen shows it."""
    text = str(value)
    if column == STATUS:
        return method.action_statuses.label(text) or text
    if column == LEVEL:
        return next((lv.label for lv in method.levels if lv.id == text), text)
    if column == GOAL:
        return texts.get(text, "").strip() or QCoreApplication.translate("MergeDialog", "(een doel)")
    if column == STANCE:
        return stance_label(text) or text
    return _shown(value, method)


def _shown(value: Any, method: Method, texts: dict[str, str] | None = None) -> str:
    """A value as a person reads it."""
    if isinstance(value, dict) and "values" in value:  # a list item
        if value.get("deleted"):
            return QCoreApplication.translate("MergeDialog", "(weggehaald)")
        # Every filled-in column, so that a difference in who or when is visible too.
        return "\n".join(str(v) if key in (TEXT, WHAT) else
                         f"{column_label(key)}: {_column_value(key, v, method, texts or {})}"
                         for key, v in value["values"].items() if v not in ("", None, False))
    if isinstance(value, bool):
        return QCoreApplication.translate("MergeDialog", "ja") if value else QCoreApplication.translate(
            "MergeDialog", "nee")
    if value in STATUSES:
        return phase_status_label(value)
    if isinstance(value, int) and 1 <= value <= len(method.scale):
        return f"{value} · {method.scale[value - 1]}"
    return "" if value is None else str(value)


def level_name(item: Any, level_id: str, method: Method) -> str:
    """One side of a level conflict in words: the level's name, or that it was removed."""
    if isinstance(item, dict) and item.get("deleted"):
        return QCoreApplication.translate("MergeDialog", "(weggehaald)")
    label = str(((item or {}).get("values") or {}).get(LABEL) or "") if isinstance(item, dict) else ""
    return label or next((lv.label for lv in method.levels if lv.id == level_id), level_id)


def describe(conflict: Conflict, method: Method) -> str:
    """Where the difference is, in words: 'Agenderen – Waar liggen de kansen?'."""
    if conflict.area == "name":
        return QCoreApplication.translate("MergeDialog", "Naam van het plan")
    if conflict.area == "club":
        contacts = {c.id: c.label for c in method.card.contacts} if method.card is not None else {}
        return QCoreApplication.translate("MergeDialog", "Clubgegevens: {what}").format(
            what=club_field_label(conflict.key, contacts))
    if conflict.area == LEVEL_AREA:
        return QCoreApplication.translate("MergeDialog", "Niveau van de club: {name}").format(
            name=level_name(conflict.mine, conflict.key, method))
    phase = method.phase(conflict.phase)
    if conflict.area == STATE_AREA:
        return QCoreApplication.translate("MergeDialog", "{phase} – stand van de fase").format(phase=phase.title)
    field_id, *rest = conflict.key.split("/")
    fdef = next((f for f in (*phase.fields, *own_fields()) if f.id == field_id), None)
    if fdef is None:  # a question of a newer version of the method
        return f"{phase.title} – {field_id}"
    label = fdef.label
    if conflict.area == "answer" and rest:
        names = {lv.id: lv.label for lv in method.levels}
        names.update({o.id: o.label for o in fdef.options})
        names.update({c.id: c.label for c in fdef.columns})
        names.update({part: in_sentence(column_label(part)) for part in (STANCE, WHY, TOP)})
        label += " (" + ", ".join(names.get(part, part) for part in rest) + ")"
    return f"{phase.title} – {label}"


class MergeDialog(QDialog):
    """One row per difference; nothing changes unless the user presses 'Samenvoegen'."""

    def __init__(self, conflicts: list[Conflict], method: Method, plan_name: str, parent: QWidget | None = None,
                 doc: dict[str, Any] | None = None):
        super().__init__(parent)
        self.conflicts = conflicts
        self.texts = item_texts(doc)  # the merged plan: the objectives an action names
        self.setWindowTitle(self.tr("Samenvoegen: {name}").format(name=plan_name))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Jij en je collega hebben dezelfde vragen verschillend ingevuld. Kies per vraag welke versie je "
            "houdt. Alles wat maar aan één kant veranderd is, is al samengevoegd."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        all_row = QHBoxLayout()
        mine_all = QPushButton(self.tr("Overal &mijn versie"))
        theirs_all = QPushButton(self.tr("Overal &hun versie"))
        # Bound methods, not lambdas holding self: such a lambda on a child's signal is a cycle Python
        # cannot see, so the dialog never went away. exec() gives Python the ownership while the window
        # stays its parent, so at exit both deleted it: heap corruption, a crash when the app closed.
        mine_all.clicked.connect(self._choose_all_mine)
        theirs_all.clicked.connect(self._choose_all_theirs)
        all_row.addWidget(mine_all)
        all_row.addWidget(theirs_all)
        all_row.addStretch(1)
        layout.addLayout(all_row)

        body = QWidget()
        rows = QVBoxLayout(body)
        self.groups: dict[str, QButtonGroup] = {}
        for n, conflict in enumerate(conflicts, start=1):
            rows.addWidget(self._row(n, conflict, method))
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("&Samenvoegen"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(700, screen.height() - 40))

    def _row(self, number: int, conflict: Conflict, method: Method) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        where = describe(conflict, method)
        title = QLabel(f"{number}. {where}")
        title.setObjectName("fieldTitle")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(title, 0, 0, 1, 2)
        group = QButtonGroup(self)
        for column, (label, value, choice) in enumerate(((self.tr("Mijn versie"), conflict.mine, MINE),
                                                         (self.tr("Hun versie"), conflict.theirs, THEIRS))):
            radio = QRadioButton(label)
            radio.setAccessibleName(f"{where}: {label}")
            radio.setChecked(choice == MINE)
            group.addButton(radio)
            radio.setProperty("choice", choice)
            grid.addWidget(radio, 1, column)
            shown = level_name(value, conflict.key, method) if conflict.area == LEVEL_AREA else \
                _shown(value, method, self.texts)
            text = QPlainTextEdit(shown)
            text.setReadOnly(True)
            text.setAccessibleName(f"{where}: {label}")
            text.setMaximumHeight(text.fontMetrics().lineSpacing() * 5 + 12)
            grid.addWidget(text, 2, column)
        both = QRadioButton(self.tr("Allebei houden"))
        both.setAccessibleName(f"{where}: " + self.tr("Allebei houden"))
        both.setProperty("choice", BOTH)
        both.setEnabled(keep_both_allowed(conflict, method))
        group.addButton(both)
        grid.addWidget(both, 3, 0, 1, 2)
        self.groups[conflict.id] = group
        return frame

    def choose(self, conflict_id: str, choice: str) -> None:
        for button in self.groups[conflict_id].buttons():
            if button.property("choice") == choice and button.isEnabled():
                button.setChecked(True)

    def choose_all(self, choice: str) -> None:
        for conflict_id in self.groups:
            self.choose(conflict_id, choice)

    def _choose_all_mine(self) -> None:
        self.choose_all(MINE)

    def _choose_all_theirs(self) -> None:
        self.choose_all(THEIRS)

    def choices(self) -> dict[str, str]:
        result = {}
        for conflict_id, group in self.groups.items():
            checked = group.checkedButton()
            result[conflict_id] = checked.property("choice") if checked is not None else MINE
        return result

