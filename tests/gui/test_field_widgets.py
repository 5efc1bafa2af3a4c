"""Every field type declared in core/fields has a widget on screen and a layout on a blank worksheet,
and there is neither for a type that does not exist: adding a type is one declaration, one widget, one layout."""

from __future__ import annotations

from vv_desktop.core.fields import FIELD_TYPES
from vv_desktop.render.worksheet import BLANK_LAYOUTS
from vv_desktop.ui.fields import WIDGETS


def test_every_field_type_has_a_widget_and_a_blank_layout() -> None:
    assert set(WIDGETS) == set(FIELD_TYPES)
    assert set(BLANK_LAYOUTS) == set(FIELD_TYPES)
