"""A failed read or write is explained in Dutch, not in the system's English."""

from __future__ import annotations

import errno
import os

import pytest

from vv_desktop.core.os_reason import os_reason

CASES = [errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENAMETOOLONG, errno.EIO,
         errno.EBUSY]


@pytest.mark.parametrize("code", CASES, ids=[errno.errorcode[c] for c in CASES])
def test_a_known_reason_is_said_in_dutch(code: int) -> None:
    exc = OSError(code, os.strerror(code))
    reason = os_reason(exc)
    assert reason and os.strerror(code) not in reason


def test_different_reasons_read_differently() -> None:
    assert len({os_reason(OSError(c, os.strerror(c))) for c in CASES}) == len(CASES) - 1  # EACCES and EPERM: same


def test_an_unknown_reason_keeps_the_systems_text_and_other_errors_their_message() -> None:
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
    assert os_reason(ValueError("kapot")) == "kapot"
