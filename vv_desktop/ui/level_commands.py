"""The club's levels as undo steps: add, rename, remove (see core/plan_levels).

A level belongs to the whole plan, not to one phase; a command is filed under the phase on screen
(for the undo stack's bookkeeping) and shows its change in the header (``CLUB_FIELD``), which makes
the pages follow the plan's levels again.
"""

from __future__ import annotations

from vv_desktop.core import plan_levels
from vv_desktop.ui.undo import CLUB_FIELD, PlanCommand, PlanUndo, Spot, _t


class _LevelCommand(PlanCommand):
    structural = True  # the levels questions get other rows

    def __init__(self, owner: PlanUndo, text: str, phase: str, level_id: str):
        super().__init__(owner, text, Spot(phase, CLUB_FIELD), phase)
        self.level_id = level_id


class AddLevel(_LevelCommand):
    def __init__(self, owner: PlanUndo, phase: str, label: str):
        super().__init__(owner, _t("niveau toevoegen"), phase, "")
        self.label = label

    def apply(self) -> None:
        if not self.level_id:  # the first time: a new id; a redo brings back that same level
            self.level_id = plan_levels.add_level(self.plan, self.label)
        else:
            plan_levels.restore_level(self.plan, self.level_id)

    def revert(self) -> None:
        plan_levels.remove_level(self.plan, self.level_id)


class RenameLevel(_LevelCommand):
    def __init__(self, owner: PlanUndo, phase: str, level_id: str, label: str):
        super().__init__(owner, _t("naam van niveau wijzigen"), phase, level_id)
        self.old = plan_levels.stored_label(owner.plan, level_id)
        self.new = label

    def apply(self) -> None:
        plan_levels.rename_level(self.plan, self.level_id, self.new)

    def revert(self) -> None:
        plan_levels.rename_level(self.plan, self.level_id, self.old)


class RemoveLevel(_LevelCommand):
    def __init__(self, owner: PlanUndo, phase: str, level_id: str):
        super().__init__(owner, _t("niveau weghalen"), phase, level_id)

    def apply(self) -> None:
        plan_levels.remove_level(self.plan, self.level_id)

    def revert(self) -> None:
        plan_levels.restore_level(self.plan, self.level_id)


def add_level(undo: PlanUndo, phase: str, label: str) -> str:
    command = AddLevel(undo, phase, label)
    undo.push(command)
    return command.level_id


def rename_level(undo: PlanUndo, phase: str, level_id: str, label: str) -> None:
    if plan_levels.stored_label(undo.plan, level_id) != plan_levels.clean_label(label):
        undo.push(RenameLevel(undo, phase, level_id, label))


def remove_level(undo: PlanUndo, phase: str, level_id: str) -> None:
    undo.push(RemoveLevel(undo, phase, level_id))
