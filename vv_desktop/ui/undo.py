"""The one change path of an open plan: every change on the plan pages is a command on its QUndoStack.

A widget never changes the :class:`~vv_desktop.core.model.Plan` itself; it asks :class:`PlanUndo`,
which pushes a command. The command changes the model through its normal methods (so an undo is
a change of its own, with a fresh change mark: it is autosaved and reaches the other laptop in a
merge) and calls :meth:`PlanSession.touch`. After an undo or redo, :attr:`PlanUndo.shown` tells
the pages which field to update and focus, so the user sees what was undone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import STATUSES, Plan
from vv_desktop.core.rounds import start_round
from vv_desktop.core.worksheets import Method
from vv_desktop.ui.session import PlanSession

TYPING_PAUSE_S = 1.0  # a pause this long ends one undo step of typing
UNDO_LIMIT = 500
TYPING_ID = 8001
STATUS_FIELD = ""  # a Spot about the phase's status (the toolbar), not a field
ROUND_FIELD = "#round"  # a Spot about the round shown (a new round)
CLUB_FIELD = "#club"  # a Spot about the plan's name and club details (the header)
UNDO_ACTION, REDO_ACTION = "planUndo", "planRedo"  # object names of the window's Bewerken actions


@dataclass(frozen=True)
class Spot:
    """Where a change is seen: the page, the field widget and, within it, one answer or item cell."""

    page: str
    field: str
    key: str = ""
    item: str = ""
    column: str = ""


def _t(text: str) -> str:
    return translate("PlanUndo", text)


class PlanCommand(QUndoCommand):
    """A change in ``phase``; undo also puts back the phase status the change may have set (started)."""

    structural = False  # True: the field's rows change, so the field is rebuilt after undo/redo

    def __init__(self, owner: PlanUndo, text: str, spot: Spot, phase: str):
        super().__init__(text)
        self.owner = owner
        self.spot = spot
        self.phase = phase
        self.first = True
        self.status_before = owner.plan.status(phase)
        self.status_after = self.status_before

    @property
    def plan(self) -> Plan:
        return self.owner.plan

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.apply()
        if self.first:
            self.status_after = self.plan.status(self.phase)
        else:
            self._put_status(self.status_after)
        self.owner.changed(self, replay=not self.first)
        self.first = False

    def undo(self) -> None:
        self.revert()
        self._put_status(self.status_before)
        self.owner.changed(self, replay=True)

    def _put_status(self, status: str) -> None:
        if status in STATUSES:  # a damaged file may hold another word; it is then left as it is
            self.plan.set_status(self.phase, status)


class SetValue(PlanCommand):
    """One answer, or one column of one list item."""

    def __init__(self, owner: PlanUndo, text: str, spot: Spot, phase: str, field_id: str, old: Any, new: Any):
        super().__init__(owner, text, spot, phase)
        self.field_id, self.old, self.new = field_id, old, new

    def _write(self, value: Any) -> None:
        if self.spot.item:
            self.plan.set_item_value(self.phase, self.field_id, self.spot.item, self.spot.column, value)
        else:
            self.plan.set_answer(self.phase, self.spot.key, value)

    def apply(self) -> None:
        self._write(self.new)

    def revert(self) -> None:
        self._write(self.old)


class Typing(SetValue):
    """Keystrokes in one field: one undo step until a pause, a word ends, or the focus moves."""

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.at = time.monotonic()
        inserted, removed = _difference(str(self.old), str(self.new))
        self.bulk = len(inserted) + len(removed) > 1  # a paste or a replaced selection: a step of its own
        self.sealed = self.bulk or _ends_word(inserted)

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, Typing) or self.sealed or other.bulk or other.spot != self.spot:
            return False
        if other.at - self.at > TYPING_PAUSE_S:
            return False
        self.new, self.at, self.status_after = other.new, other.at, other.status_after
        self.sealed = other.sealed
        return True

    def redo(self) -> None:
        if not self.first:
            self.sealed = True
        super().redo()

    def undo(self) -> None:
        self.sealed = True
        super().undo()


def _common_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at the start. A binary search over slice
    comparisons (done in C): a keystroke in a text of a megabyte costs well under a millisecond."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _difference(old: str, new: str) -> tuple[str, str]:
    """What an edit inserted and what it removed (the parts between the common start and end)."""
    start = _common_length(old, new)
    end = _common_length(old[start:][::-1], new[start:][::-1])
    return new[start:len(new) - end], old[start:len(old) - end]


def _ends_word(inserted: str) -> bool:
    return any(c.isspace() or c in ".,;:!?" for c in inserted)


class AddItem(PlanCommand):
    structural = True

    def __init__(self, owner: PlanUndo, text: str, spot: Spot, phase: str, field_id: str, values: dict[str, Any]):
        super().__init__(owner, text, spot, phase)
        self.field_id, self.values = field_id, values
        self.item_id = ""

    def apply(self) -> None:
        if not self.item_id:
            self.item_id = self.plan.add_item(self.phase, self.field_id, self.values)
            self.spot = Spot(self.spot.page, self.spot.field, item=self.item_id, column=self.spot.column)
        else:
            self.plan.restore_item(self.phase, self.field_id, self.item_id)

    def revert(self) -> None:
        self.plan.remove_item(self.phase, self.field_id, self.item_id)


class RemoveItem(PlanCommand):
    structural = True

    def __init__(self, owner: PlanUndo, text: str, spot: Spot, phase: str, field_id: str):
        super().__init__(owner, text, spot, phase)
        self.field_id = field_id

    def apply(self) -> None:
        self.plan.remove_item(self.phase, self.field_id, self.spot.item)

    def revert(self) -> None:
        self.plan.restore_item(self.phase, self.field_id, self.spot.item)


class RestoreItem(RemoveItem):
    """A removed item put back by a button ("Terugzetten"); its undo removes it again."""

    def apply(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().apply()


class MoveItem(PlanCommand):
    structural = True

    def __init__(self, owner: PlanUndo, text: str, spot: Spot, phase: str, field_id: str, offset: int):
        super().__init__(owner, text, spot, phase)
        self.field_id, self.offset = field_id, offset

    def apply(self) -> None:
        self.plan.move_item(self.phase, self.field_id, self.spot.item, self.offset)

    def revert(self) -> None:
        self.plan.move_item(self.phase, self.field_id, self.spot.item, -self.offset)


class SetStatus(PlanCommand):
    def __init__(self, owner: PlanUndo, phase: str, status: str):
        super().__init__(owner, _t("stand wijzigen"), Spot(phase, STATUS_FIELD), phase)
        self.status = status

    def apply(self) -> None:
        self.plan.set_status(self.phase, self.status)

    def revert(self) -> None:
        self._put_status(self.status_before)


class NewRound(PlanCommand):
    """A new round; its undo takes the round off again (with what was noted in the previous one)."""

    structural = True

    def __init__(self, owner: PlanUndo, method: Method, phase: str, copy_previous: bool):
        super().__init__(owner, _t("nieuwe ronde"), Spot(phase, ROUND_FIELD), phase)
        self.method, self.copy_previous = method, copy_previous
        self.round: dict[str, Any] | None = None
        self.noted: dict[str, Any] = {}  # what start_round noted in the previous round (the actions' state)

    def apply(self) -> None:
        rounds = self.plan.rounds(self.phase)
        if self.round is None:
            before = set(rounds[-1]["answers"])
            self.round = start_round(self.plan, self.method, self.phase, self.copy_previous)
            self.noted = {k: c["v"] for k, c in self.plan.round(self.phase, -2)["answers"].items() if k not in before}
            return
        for key, value in self.noted.items():
            self.plan.set_answer(self.phase, key, value)
        rounds.append(self.round)

    def revert(self) -> None:
        # The model has no "remove a round": the round this command added is taken off the list.
        rounds = self.plan.rounds(self.phase)
        if len(rounds) > 1 and rounds[-1] is self.round:
            rounds.pop()
        for key in self.noted:
            self.plan.set_answer(self.phase, key, None)


@dataclass(frozen=True)
class ClubDetails:
    """The plan's name, its club fields and its logo (PNG bytes, or None for no logo)."""

    name: str
    club: dict[str, str]
    logo: bytes | None


class SetClubDetails(PlanCommand):
    """What the Clubgegevens dialog changed, as one step."""

    def __init__(self, owner: PlanUndo, phase: str, old: ClubDetails, new: ClubDetails):
        super().__init__(owner, _t("clubgegevens wijzigen"), Spot(phase, CLUB_FIELD), phase)
        self.old, self.new = old, new

    def _put(self, details: ClubDetails, other: ClubDetails) -> None:
        if self.plan.name != details.name:
            self.plan.name = details.name
        for key, value in details.club.items():
            self.plan.set_club(key, value)
        if details.logo != other.logo:
            self.owner.session.store.store_logo(self.plan, details.logo)

    def apply(self) -> None:
        self._put(self.new, self.old)

    def revert(self) -> None:
        self._put(self.old, self.new)


class PlanUndo(QObject):
    """The undo stack of one open plan, and the only way the plan pages change it."""

    shown = Signal(object, bool)  # Spot, rebuild: after an undo or redo, show (and focus) this change

    def __init__(self, session: PlanSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def changed(self, command: PlanCommand, replay: bool) -> None:
        field = command.field_id if hasattr(command, "field_id") else ""
        self.session.touch(command.phase, field)
        if command.spot.page != command.phase:  # e.g. an action ticked off in Uitvoeren, kept in Concretiseren
            self.session.touch(command.spot.page, command.spot.field)
        if replay:
            self.shown.emit(command.spot, command.structural)

    def push(self, command: PlanCommand) -> None:
        self.stack.push(command)  # runs command.redo(), or merges it into the typing step before

    def seal(self) -> None:
        """End the typing step at the top (the focus moved on)."""
        top = self.stack.command(self.stack.index() - 1) if self.stack.index() else None
        if isinstance(top, Typing):
            top.sealed = True

    def undo(self) -> None:
        self.stack.undo()
        self.seal()  # typing after an undo starts a step of its own, never joins an older one

    def redo(self) -> None:
        self.stack.redo()
        self.seal()

    def clear(self) -> None:
        self.stack.clear()

    # -- the changes ----------------------------------------------------------------------------
    def set_value(self, spot: Spot, phase: str, field_id: str, value: Any, typed: bool = False) -> None:
        old = self._value(spot, phase, field_id)
        if old == value or (old is None and value in ("", None, False)):
            return
        if typed:
            self.push(Typing(self, _t("typen"), spot, phase, field_id, "" if old is None else old, value))
            return
        if isinstance(value, bool):
            text = _t("vinkje zetten") if value else _t("vinkje weghalen")
            old = False if old is None else old
        else:
            text = _t("keuze wijzigen")
            old = "" if old is None else old
        self.push(SetValue(self, text, spot, phase, field_id, old, value))

    def _value(self, spot: Spot, phase: str, field_id: str) -> Any:
        if spot.item:
            return self.plan.item(phase, field_id, spot.item)["values"].get(spot.column)
        return self.plan.answer(phase, spot.key, None)

    def add_item(self, spot: Spot, field_id: str, values: dict[str, Any], text: str) -> str:
        command = AddItem(self, text, spot, spot.page, field_id, values)
        self.push(command)
        return command.item_id

    def remove_item(self, spot: Spot, field_id: str, text: str) -> None:
        self.push(RemoveItem(self, text, spot, spot.page, field_id))

    def restore_item(self, spot: Spot, field_id: str, text: str) -> None:
        self.push(RestoreItem(self, text, spot, spot.page, field_id))

    def move_item(self, spot: Spot, field_id: str, offset: int, text: str) -> bool:
        live = [i["id"] for i in self.plan.items(spot.page, field_id)]
        if not 0 <= live.index(spot.item) + offset < len(live):
            return False
        self.push(MoveItem(self, text, spot, spot.page, field_id, offset))
        return True

    def set_status(self, phase: str, status: str) -> None:
        if self.plan.status(phase) != status:
            self.push(SetStatus(self, phase, status))

    def new_round(self, method: Method, phase: str, copy_previous: bool) -> None:
        self.push(NewRound(self, method, phase, copy_previous))

    def set_club_details(self, phase: str, old: ClubDetails, new: ClubDetails) -> None:
        if old != new:
            self.push(SetClubDetails(self, phase, old, new))
