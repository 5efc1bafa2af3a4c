"""What the lock tests share: a lock file as another process left it, a Stappenplan holding a folder."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from vv_desktop.core.folder_lock import LOCK_FILE
from vv_desktop.core.lock_owner import LockOwner, this_process

if TYPE_CHECKING:
    from vv_desktop.ui.single_instance import SingleInstance


def write_lock(data_dir: Path, pid: int, host: str) -> None:
    """A lock file as QLockFile writes it (pid, program, host), as if left by that process."""
    (data_dir / LOCK_FILE).write_bytes(LockOwner(pid, this_process().program, host).text())


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from vv_desktop.ui.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    print("acquired" if instance.acquire() else "refused", flush=True)
    time.sleep(60)
    """
)


def new_instance(instances: list[SingleInstance], data_dir: Path) -> SingleInstance:
    from vv_desktop.ui.single_instance import SingleInstance

    inst = SingleInstance(data_dir)
    instances.append(inst)
    return inst
