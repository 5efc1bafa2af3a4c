"""Tick the places where the approach is embedded, and add your own."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from vv_desktop.core.model import cell_key
from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget
from vv_desktop.ui.fields.simple import ListField
from vv_desktop.ui.undo import Spot


class ChecklistField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        grid = QGridLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for n, option in enumerate(fdef.options):
            key = cell_key(fdef.id, option.id)
            box = QCheckBox(option.label)
            box.setChecked(bool(ctx.answer(key, False)))
            box.setEnabled(not ctx.read_only)
            box.setAccessibleName(f"{fdef.label}: {option.label}")
            box.toggled.connect(lambda on, k=key: self.ctx.set_answer(self.fdef.id, k, on))
            grid.addWidget(box, n // 2, n % 2)
            self.boxes[option.id] = box
        self.outer.addLayout(grid)
        own = fdef._replace(type="list", label=self.tr("Andere plekken"), help="",
                      placeholder=self.tr("Bijvoorbeeld: de nieuwsbrief"))
        self.own = ListField(own, ctx)
        self.outer.addWidget(self.own)
        self.title.setBuddy(next(iter(self.boxes.values())))
        self.keys = {cell_key(fdef.id, option_id): box for option_id, box in self.boxes.items()}
        self.reload = self.own.reload  # the own places are the rows of this field

    def editor_for(self, spot: Spot) -> QWidget | None:
        return self.own.editor_for(spot) if spot.item or not spot.key else self.keys.get(spot.key)
