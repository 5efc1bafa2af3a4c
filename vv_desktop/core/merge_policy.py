"""What a person may choose for a conflict of a merge, and what is chosen without a person."""

from __future__ import annotations

from vv_desktop.core import merge as merging
from vv_desktop.core.fields import field_type
from vv_desktop.core.worksheets import Method


def keep_both_allowed(conflict: merging.Conflict, method: Method) -> bool:
    """'Allebei' only where two texts can stand one after the other (the field type says where):
    not for a choice or a date."""
    if not conflict.can_keep_both or conflict.area == "item":
        return conflict.can_keep_both
    field_id, *rest = conflict.key.split("/")
    try:
        fdef = method.phase(conflict.phase).field(field_id)
    except KeyError:
        return False
    return field_type(fdef).keep_both(fdef, rest)


def default_choices(conflicts: tuple[merging.Conflict, ...], method: Method) -> dict[str, str]:
    """Without a person to ask: keep both where two texts fit side by side, else keep mine."""
    return {c.id: merging.BOTH if keep_both_allowed(c, method) else merging.MINE for c in conflicts}
