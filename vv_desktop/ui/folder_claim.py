"""At start: may this window write in the data folder, only read it, or leave it to another one?

A running Stappenplan with the same folder gets the file to open and the start ends. A lock of
another computer, or of a process that does not answer as Stappenplan, is offered to be taken
over. A folder that cannot be written opens read-only; a full disk says so; something odd in the
place of the lock file that cannot be set aside is named.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from vv_desktop import APP_NAME
from vv_desktop.core.folder_lock import LOCK_FILE, LockProblem, describe_entry
from vv_desktop.core.i18n import translate
from vv_desktop.core.os_reason import os_reason
from vv_desktop.ui.single_instance import SingleInstance


class Claim(enum.Enum):
    WRITE = "write"
    READ_ONLY = "read_only"
    HANDED_OVER = "handed_over"  # a running Stappenplan has it (and got the file): this start ends
    REFUSED = "refused"  # the person chose to stop, or the folder cannot be used


def claim_folder(instance: SingleInstance, writable: bool, file: Path | None = None,
                 parent: QWidget | None = None) -> Claim:
    """Lock the data folder for this window, asking the person where only they can decide."""
    if writable and instance.acquire():
        return Claim.WRITE
    if instance.ask_first_to_activate(file):
        return Claim.HANDED_OVER
    problem = instance.problem
    if problem is None or problem.kind == LockProblem.READ_ONLY:
        instance.serve()
        return Claim.READ_ONLY
    if problem.kind == LockProblem.CANNOT_WRITE:
        return _cannot_write(instance, problem, parent)
    if problem.kind == LockProblem.IN_THE_WAY:
        return _in_the_way(instance, problem, parent)
    if problem.running:  # it answered a moment ago, not now: it is closing; never take its folder over
        _folder_in_use(parent)
        return Claim.REFUSED
    if not _ask_take_over(problem, parent):
        return Claim.REFUSED
    if instance.take_over():
        return Claim.WRITE
    _folder_in_use(parent)
    return Claim.REFUSED


def _folder_in_use(parent: QWidget | None) -> None:
    _message(parent, "folderInUse", translate("app", "Stappenplan is al geopend met deze map."),
             translate("app", "Sluit het andere venster eerst, of start met een andere map."))


def _in_the_way(instance: SingleInstance, problem: LockProblem, parent: QWidget | None) -> Claim:
    """Something odd has the lock's name and could not be renamed: say what and where, and stop."""
    error = problem.error
    why = os_reason(error) if error is not None else "?"
    text = translate("app", "Stappenplan kan deze map niet openen: er staat {what} met de naam '{name}' in de "
                            "weg.").format(what=describe_entry(problem.what), name=LOCK_FILE)
    hint = translate("app", "Stappenplan probeerde het een andere naam te geven, maar dat lukte niet ({why}). "
                            "Sluit programma's die het misschien gebruiken, of geef het zelf een andere naam, en "
                            "start Stappenplan opnieuw.").format(why=why)
    where = translate("app", "Map: {dir}").format(dir=instance.data_dir)
    _message(parent, "lockInTheWay", text, f"{hint}\n\n{where}")
    return Claim.REFUSED


def _ask_take_over(problem: LockProblem, parent: QWidget | None) -> bool:
    if problem.kind == LockProblem.OTHER_COMPUTER:
        text = translate("app", "Deze map is in gebruik door Stappenplan op de computer '{host}'.").format(
            host=problem.host)
        why = translate("app", "Misschien is de USB-stick eruit gehaald, of is die computer vastgelopen, terwijl "
                               "Stappenplan open was.")
        risk = translate("app", "Als Stappenplan op die computer echt nog open is, kunnen wijzigingen verloren gaan.")
    else:
        text = (translate("app", "Deze map is vergrendeld door een ander programma op deze computer (proces {pid}).")
                .format(pid=problem.pid) if problem.pid else  # pid 0: a lock file that cannot even be read
                translate("app", "Deze map is vergrendeld, maar niet te zien door welk programma."))
        why = translate("app", "Waarschijnlijk is Stappenplan eerder vastgelopen of niet goed afgesloten.")
        risk = translate("app", "Als Stappenplan toch nog open is, kunnen wijzigingen verloren gaan.")
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=parent)
    box.setObjectName("takeOverLock")
    box.setInformativeText(f"{why} {risk}")
    take = box.addButton(translate("app", "Map &overnemen"), QMessageBox.ButtonRole.AcceptRole)
    take.setObjectName("takeOver")
    stop = box.addButton(translate("app", "&Stoppen"), QMessageBox.ButtonRole.RejectRole)
    stop.setObjectName("stop")
    box.setDefaultButton(stop)
    box.setEscapeButton(stop)
    box.exec()
    return box.clickedButton() is take


def _cannot_write(instance: SingleInstance, problem: LockProblem, parent: QWidget | None) -> Claim:
    """A full disk (or another reason nothing can be written): say that, and offer to only look."""
    from vv_desktop.core.atomic import is_disk_full

    error = problem.error
    if is_disk_full(error):
        text = translate("app", "De schijf is vol: Stappenplan kan in deze map niets bewaren.")
        hint = translate("app", "Maak ruimte vrij en start de app opnieuw. Je kunt je plannen nu ook alleen "
                                "bekijken, afdrukken en exporteren.")
    else:
        text = translate("app", "Stappenplan kan in deze map niets bewaren ({why}).").format(
            why=os_reason(error) if error is not None else "?")
        hint = translate("app", "Je kunt je plannen alleen bekijken, afdrukken en exporteren, of stoppen en "
                                "met een andere map starten.")
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, parent=parent)
    box.setObjectName("cannotWrite")
    where = translate("app", "Map: {dir}").format(dir=instance.data_dir)
    box.setInformativeText(f"{hint}\n\n{where}")
    look = box.addButton(translate("app", "Alleen &bekijken"), QMessageBox.ButtonRole.AcceptRole)
    look.setObjectName("readOnly")
    stop = box.addButton(translate("app", "&Stoppen"), QMessageBox.ButtonRole.RejectRole)
    stop.setObjectName("stop")
    box.setDefaultButton(stop)
    box.exec()
    if box.clickedButton() is look:
        instance.serve()
        return Claim.READ_ONLY
    return Claim.REFUSED


def _message(parent: QWidget | None, name: str, text: str, detail: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, parent=parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    box.exec()
