"""Moving through the stappenplan, as plain Python (no window needed to test it).

The method is not linear: a club may enter at any phase, jump back and forth, and repeat a
phase. ``Flow`` keeps the phase on screen and the rules for Vorige/Volgende; the rounds of a
phase live in the plan itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from vv_desktop.core.model import FINISHED, STARTED, Plan
from vv_desktop.core.worksheets import PHASE_IDS


def entry_phase(plan: Plan) -> str:
    """Where the club is: the last phase it is busy with, else the first one not finished."""
    busy = [p for p in PHASE_IDS if plan.status(p) == STARTED]
    if busy:
        return busy[-1]
    for p in PHASE_IDS:
        if plan.status(p) != FINISHED:
            return p
    return PHASE_IDS[-1]


@dataclass
class Flow:
    current: str = PHASE_IDS[0]

    def __post_init__(self) -> None:
        if self.current not in PHASE_IDS:
            raise ValueError(self.current)

    @classmethod
    def for_plan(cls, plan: Plan) -> Flow:
        return cls(entry_phase(plan))

    @property
    def index(self) -> int:
        return PHASE_IDS.index(self.current)

    @property
    def has_previous(self) -> bool:
        return self.index > 0

    @property
    def has_next(self) -> bool:
        return self.index < len(PHASE_IDS) - 1

    def go(self, phase: str) -> str:
        if phase not in PHASE_IDS:
            raise ValueError(phase)
        self.current = phase
        return phase

    def next(self) -> str:
        return self.go(PHASE_IDS[self.index + 1]) if self.has_next else self.current

    def previous(self) -> str:
        return self.go(PHASE_IDS[self.index - 1]) if self.has_previous else self.current
