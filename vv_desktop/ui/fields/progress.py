"""Actions in Uitvoeren: the actions of Concretiseren, to tick off and update while carrying them out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.columns import NOTE, SNAPSHOT, STATUS, WHAT, WHEN, WHO
from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, as_text
from vv_desktop.ui.fields.card_list import CardList, choice_model, shared_combo
from vv_desktop.ui.fields.editors import PlanLineEdit, show_value
from vv_desktop.ui.focus import reading_order
from vv_desktop.ui.undo import Spot


class ProgressRow(QFrame):
    """One action: done or not, its status and a note (all stored with the action in Concretiseren)."""

    def __init__(self, owner: ActionProgressField, number: int, total: int, item: dict[str, Any]):
        super().__init__(owner.box)  # made in its place: not styled once more when it joins the page
        self.owner = owner
        self.item_id = item_id = item["id"]
        self.setObjectName("actionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        ro = owner.ctx.read_only
        grid = QGridLayout(self)
        self.done = QCheckBox(self)
        self.done.setEnabled(not ro)  # a read-only data folder
        grid.addWidget(self.done, 0, 0, 1, 3)
        self.info = QLabel(self)
        self.info.setObjectName("fieldHelp")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.info, 1, 0)
        self.status = shared_combo(owner.status_model, "", ro, "", self)
        self.note = PlanLineEdit("", ro, placeholder=self.tr("Notitie: hoe gaat het?"), parent=self)
        grid.addWidget(self.status, 1, 1)
        grid.addWidget(self.note, 1, 2)
        grid.setColumnStretch(2, 1)
        self.show_item(number, total, item)
        self.tab_widgets = reading_order(self)
        statuses = owner.statuses
        self.done.toggled.connect(lambda on: self.status.setCurrentIndex(
            self.status.findData(statuses.done if on else statuses.busy)))
        self.status.currentIndexChanged.connect(lambda _i: owner.status_chosen(self))
        self.note.edited.connect(lambda v: owner.store(item_id, NOTE, v, typed=True))

    def show_item(self, number: int, _total: int, item: dict[str, Any]) -> None:
        values = item["values"]
        shown = (number, dict(values))
        if shown == getattr(self, "shown", None):
            return  # as it is on screen already
        self.shown = shown
        what = str(values.get(WHAT, "")).strip() or self.tr("(actie zonder naam)")
        self.done.setText(f"{number}. {what}")
        self.done.setAccessibleName(self.tr("Actie {n} is klaar: {what}").format(n=number, what=what))
        show_value(self.done, values.get(STATUS) == self.owner.statuses.done)
        details = [t for t in (values.get(WHO, ""), values.get(WHEN, "")) if isinstance(t, str) and t.strip()]
        self.info.setText(" · ".join(details))
        self.info.setVisible(bool(details))
        self.status.setAccessibleName(self.tr("Actie {n}: status").format(n=number))
        show_value(self.status, str(values.get(STATUS, "")))
        self.note.setAccessibleName(self.tr("Actie {n}: notitie").format(n=number))
        show_value(self.note, as_text(values.get(NOTE, "")))


class ActionProgressField(FieldWidget):
    """The actions of Concretiseren, to tick off and update while carrying them out."""

    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.statuses = ctx.method.action_statuses
        self.source = (fdef.source_phase, fdef.source_field)
        self.list: CardList | None = None
        if ctx.round_index is not None:  # an earlier round: the actions as they were then
            self._show_snapshot(ctx.answer(f"{fdef.id}/{SNAPSHOT}", []))
            return
        if not self._source_items():
            empty = QLabel(self.tr("Er zijn nog geen acties. Maak ze in de stap Concretiseren."))
            empty.setWordWrap(True)
            self.outer.addWidget(empty)
            if ctx.navigate is not None:
                go = QPushButton(self.tr("Naar Concretiseren"))
                go.clicked.connect(lambda: ctx.navigate(fdef.source_phase))
                line = QHBoxLayout()
                line.addWidget(go)
                line.addStretch(1)
                self.outer.addLayout(line)
                self.title.setBuddy(go)
            return
        self.status_model = choice_model([(s.id, s.label) for s in self.statuses.options], self)
        self.box = QWidget()
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.box)
        self.list = CardList(self, layout, self._source_items, lambda n, total, item: ProgressRow(self, n, total, item),
                             [])
        self.list.sync(lazy=True)
        self.title.setBuddy(self.list.cards[0].done)

    def _source_items(self) -> list[dict[str, Any]]:
        return self.ctx.plan.items(*self.source)

    @property
    def rows(self) -> list[tuple[str, QCheckBox, QComboBox, QLineEdit]]:
        """Every action's (item id, done, status, note); the rows still to come are built now."""
        if self.list is None:
            return []
        self.list.finish()
        return [(r.item_id, r.done, r.status, r.note) for r in self.list.cards]

    def rows_pending(self) -> bool:
        return self.list is not None and self.list.pending()

    def follow_source(self) -> bool:
        """The actions changed on another page: show them in place. False: the page must build the
        field again (the list became empty, or its first action came)."""
        if self.ctx.round_index is not None:
            return True  # an earlier round shows what was stored with it
        if self.list is None or not self._source_items():
            return self.list is None and not self._source_items()
        self.list.sync(lazy=self.list.pending())
        self.title.setBuddy(self.list.cards[0].done)
        return True

    def status_chosen(self, row: ProgressRow) -> None:
        show_value(row.done, row.status.currentData() == self.statuses.done)
        self.store(row.item_id, STATUS, row.status.currentData())

    def store(self, item_id: str, column: str, value: Any, typed: bool = False) -> None:
        self.ctx.set_item_value(self.fdef.id, item_id, column, value, typed, source=self.source)

    def stored_value(self, spot: Spot) -> Any:
        try:
            return self.ctx.plan.item(*self.source, spot.item)["values"].get(spot.column)
        except KeyError:
            return None

    def _row(self, item_id: str) -> ProgressRow | None:
        return self.list.card(item_id) if self.list is not None else None

    def editor_for(self, spot: Spot) -> QWidget | None:
        row = self._row(spot.item)
        if row is None:
            return None
        return row.note if spot.column == NOTE else row.status

    def show_stored(self, spot: Spot) -> None:
        row = self._row(spot.item)
        if row is None:
            return
        if spot.column == NOTE:
            show_value(row.note, self.stored_value(spot))
        else:
            show_value(row.status, self.stored_value(spot))
            show_value(row.done, row.status.currentData() == self.statuses.done)

    def _show_snapshot(self, snapshot: Any) -> None:
        rows = snapshot if isinstance(snapshot, list) else []
        if not rows:
            self.outer.addWidget(QLabel(self.tr("In deze ronde waren er geen acties.")))
        for n, row in enumerate(r for r in rows if isinstance(r, dict)):
            status = str(row.get(STATUS, ""))
            text = f"{n + 1}. {row.get(WHAT) or self.tr('(actie zonder naam)')} — " \
                   f"{self.statuses.label(status) or status}"
            if row.get(NOTE):
                text += f" ({row[NOTE]})"
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.outer.addWidget(label)
