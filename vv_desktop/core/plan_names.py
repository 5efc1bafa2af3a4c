"""The rules for a plan's name: the store checks every name through these before it is used."""

from __future__ import annotations

from collections.abc import Iterable

from vv_desktop.core.i18n import translate
from vv_desktop.core.summary import PlanSummary

MAX_NAME_LENGTH = 80


class NameError_(ValueError):  # noqa: N801 - not the builtin NameError
    """A plan name that cannot be used; the message explains why, in Dutch."""


def check_name(name: str, known: Iterable[PlanSummary], exclude_id: str | None = None) -> str:
    """The cleaned-up name, or :class:`NameError_` with a message saying what is wrong."""
    clean = " ".join(name.split())
    if not clean:
        raise NameError_(translate("store", "Geef het plan een naam."))
    if len(clean) > MAX_NAME_LENGTH:
        raise NameError_(
            translate("store", "Die naam is te lang. Gebruik hoogstens {n} tekens.").format(n=MAX_NAME_LENGTH)
        )
    for s in known:
        if s.id != exclude_id and s.name.casefold() == clean.casefold():
            raise NameError_(
                translate("store", "Er is al een plan met de naam '{name}'. Kies een andere naam.").format(
                    name=s.name
                )
            )
    return clean


def free_copy_name(base: str, known: Iterable[PlanSummary]) -> str:
    """``base (kopie)``, or ``base (kopie 2)`` and up when that is taken."""
    names = {s.name.casefold() for s in known}
    n = 1
    while True:
        candidate = translate("store", "{name} (kopie)").format(name=base) if n == 1 else \
            translate("store", "{name} (kopie {n})").format(name=base, n=n)
        if candidate.casefold() not in names:
            return candidate
        n += 1
