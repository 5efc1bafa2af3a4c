"""A plan that could not be opened: what the user is told, and the error that carries it."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from vv_desktop.core.i18n import translate
from vv_desktop.core.os_reason import os_reason
from vv_desktop.core.schema import NewerVersionError, PlanFileError
from vv_desktop.core.text import clean_text


class Problem(NamedTuple):
    """A plan that could not be opened, and what the user should know about it."""

    name: str
    message: str
    moved_to: Path | None


class UpdateBlocked(OSError):
    """A plan of an older version must be brought up to date (after a backup) before it opens, and
    that could not be written (a full disk, a folder that refuses): nothing is wrong with the plan."""


class PlanUnavailable(Exception):
    """A plan that cannot be opened now; ``str(exc)`` is the sentence to show the user.

    Raised by :meth:`PlanStore.open_plan`, which has already done what had to be done: a damaged
    plan's folder is set aside (``problem.moved_to``), a plan of a newer app is left where it is.
    """

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def problem_sentence(name: str, exc: Exception, moved: Path | None, plans_dir: Path) -> str:
    """What to tell about a plan in folder ``name`` that did not load, and where it is now."""
    name = clean_text(name, one_line=True)
    if isinstance(exc, UpdateBlocked):
        return translate(
            "store", "Het plan in map '{name}' is van een oudere versie van de app. De app moet het "
                    "eerst bijwerken, maar dat lukt nu niet: {why}. Maak ruimte vrij op de schijf "
                    "(of kies een map waarin je mag schrijven) en open het opnieuw. Er is niets "
                    "veranderd.").format(
            name=name, why=os_reason(exc))
    why = exc if isinstance(exc, PlanFileError) else translate("store", "onverwachte fout")
    if isinstance(exc, NewerVersionError):
        return translate(
            "store", "De app kan het plan in map '{name}' niet openen: {why}. Werk de app bij om het te openen."
        ).format(name=name, why=why)
    if moved is None:
        return translate(
            "store", "De app kan het plan in map '{name}' niet lezen ({why}), en kon het ook niet "
                    "apart zetten. Het staat nog in {folder}; je andere plannen werken gewoon.",
        ).format(name=name, why=why, folder=plans_dir)
    return translate(
        "store",
        "De app kan het plan in map '{name}' niet lezen ({why}). De app heeft het apart gezet in "
        "{moved}; je andere plannen werken gewoon.",
    ).format(name=name, why=why, moved=moved)
