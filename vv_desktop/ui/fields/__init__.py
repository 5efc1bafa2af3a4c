"""Field widgets, one per field type of the phase definitions."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.actions import ActionsField
from vv_desktop.ui.fields.base import FieldContext, FieldWidget
from vv_desktop.ui.fields.checklist import ChecklistField
from vv_desktop.ui.fields.levels import LevelsField
from vv_desktop.ui.fields.progress import ActionProgressField
from vv_desktop.ui.fields.simple import LineField, ListField, TextField
from vv_desktop.ui.fields.statements import StatementsField

WIDGETS: dict[str, type[FieldWidget]] = {
    "text": TextField,
    "line": LineField,
    "list": ListField,
    "levels": LevelsField,
    "statements": StatementsField,
    "actions": ActionsField,
    "action_progress": ActionProgressField,
    "checklist": ChecklistField,
}


def make_field(fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None) -> FieldWidget:
    return WIDGETS[fdef.type](fdef, ctx, parent)


__all__ = ["FieldContext", "FieldWidget", "make_field"]
