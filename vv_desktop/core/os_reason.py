"""Why a file could not be read or written, in plain Dutch.

The system's own text ("No such file or directory") is English on most laptops; a message to the
user says the reason in Dutch and keeps the system's words only when there is no Dutch for them.
"""

from __future__ import annotations

import errno

from vv_desktop.core.atomic import is_disk_full, is_not_allowed
from vv_desktop.core.i18n import translate

_WINDOWS_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has it open


def os_reason(exc: BaseException) -> str:
    """'de schijf is vol', 'je mag hier niet schrijven', ...; for anything else the system's text."""
    if not isinstance(exc, OSError):
        return str(exc)
    if is_disk_full(exc):
        return translate("os", "de schijf is vol")
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE or exc.errno == errno.EBUSY:
        return translate("os", "een ander programma gebruikt het bestand")
    if exc.errno == errno.EROFS:
        return translate("os", "de schijf of stick is alleen-lezen")
    if is_not_allowed(exc):
        return translate("os", "je hebt hier geen toestemming voor")
    if exc.errno == errno.ENOENT:
        return translate("os", "het bestand of de map bestaat niet (meer)")
    if exc.errno == errno.ENAMETOOLONG:
        return translate("os", "de naam of het pad is te lang")
    if exc.errno == errno.EIO:
        return translate("os", "de schijf gaf een fout bij het lezen of schrijven")
    return exc.strerror or str(exc)
