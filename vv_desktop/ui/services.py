"""What the window and its helpers share: one services object, given to each of them.

The main window, :class:`~vv_desktop.ui.plan_actions.PlanActions` (new, rename, copy, delete,
club details) and :class:`~vv_desktop.ui.sharing_ui.SharingController` (export, mail, import,
undo) are each given the same :class:`AppServices` and a parent widget for their dialogs; the
helpers never hold the window. The services object is a plain class (no Qt of its own), so a helper
can be tested with one and any ``QWidget``:

- the data folder's :class:`~vv_desktop.core.store.PlanStore` (which makes every storage decision,
  also what happens to a plan that cannot be opened) and its settings,
- the worksheets (``method``) and the log file,
- the plan open now: its :class:`~vv_desktop.ui.session.PlanSession` (autosave), or None,
- the sharing controller, made on first use (sharing needs Pillow, ReportLab and the exchange code,
  none of which the start page needs), or None until then.

What a helper needs the window itself to do (show the list of plans, open or close a plan, a status
message) goes through :class:`Shell`, which the window implements. Events that only concern one of
the window's widgets are Qt signals of the helper (e.g. ``PlanActions.trashed``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore
    from vv_desktop.core.worksheets import Method
    from vv_desktop.ui.session import PlanSession
    from vv_desktop.ui.sharing_ui import SharingController


class AppServices:
    def __init__(self, store: PlanStore, settings: Settings, method: Method, log_file: Path):
        self.store = store
        self.settings = settings
        self.method = method
        self.log_file = Path(log_file)
        self.session: PlanSession | None = None  # set by the window when a plan opens or closes
        self.sharing: SharingController | None = None  # made by the window on first use

    @property
    def read_only(self) -> bool:
        """A write-protected data folder: look, print, export; change nothing."""
        return self.store.read_only

    def open_plan_id(self) -> str | None:
        return self.session.plan.id if self.session is not None else None


class Shell(Protocol):
    """What the helpers may ask of the window (the main window implements it)."""

    def refresh_home(self, select: str | None = None) -> None:
        """Read the list of plans again and show it, with ``select`` (a plan id) selected."""

    def show_home(self) -> None:
        """Close the open plan, if the user lets it go, and show the list of plans."""

    def open_plan(self, plan_id: str) -> bool:
        """Close the open plan and open this one; False when either did not happen (the user was told)."""

    def close_plan(self) -> bool:
        """Save and close the open plan; False when the user chose to stay with unsaved changes."""

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A short message at the bottom of the window."""
