"""Managing plans from the window: new, club details, rename, copy, delete (to the trash) and back.

Given the app's services (:mod:`vv_desktop.ui.services`), the window as a :class:`Shell` for what
only the window can do, and a widget for the dialogs; it never holds the window itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from vv_desktop import APP_NAME
from vv_desktop.core.model import DEFAULT_CLUB_KIND
from vv_desktop.core.plan_problems import PlanUnavailable

if TYPE_CHECKING:
    from vv_desktop.ui.services import AppServices, Shell
    from vv_desktop.ui.undo import PlanUndo, Spot


class PlanActions(QObject):
    trashed = Signal(str, str)  # a plan went to the trash (id, name): the list of plans offers to undo it
    trash_undo_over = Signal()  # that offer no longer applies (the plan came back, or the trash was opened)

    def __init__(self, services: AppServices, shell: Shell, parent: QWidget):
        super().__init__(parent)
        self.services = services
        self.shell = shell
        self.dialog_parent = parent

    def new_plan(self) -> None:
        from vv_desktop.ui.dialogs import PlanDialog

        store = self.services.store
        dialog = PlanDialog(store, {"name": self._season_name(), "club": "", "kind": DEFAULT_CLUB_KIND},
                            parent=self.dialog_parent)
        if dialog.exec() != PlanDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        plan = store.create(dialog.result_name, values["club"], values["kind"])
        for key in ("contact_role", "contact_email"):
            plan.set_club(key, values[key])
        store.save(plan)
        if dialog.new_logo:
            store.store_logo(plan, dialog.new_logo)
        self.shell.refresh_home(plan.id)
        self.shell.open_plan(plan.id)

    def _season_name(self) -> str:
        """A ready name for a new plan: the club season that runs now (August to July)."""
        today = QDate.currentDate()
        start = today.year() if today.month() >= 8 else today.year() - 1
        name = self.tr("Stappenplan {start}-{end}").format(start=start, end=start + 1)
        taken = {s.name.casefold() for s in self.services.store.summaries()}
        return name if name.casefold() not in taken else self.services.store.free_copy_name(name)

    def edit_club(self, undo: PlanUndo, spot: Spot) -> bool:
        """Change the open plan's name and club details; True when they changed.

        Through the plan's undo stack (``undo``; ``spot`` is where an undo shows it): Bewerken >
        Ongedaan maken puts the old details back.
        """
        from vv_desktop.ui.dialogs import REMOVE_LOGO, PlanDialog
        from vv_desktop.ui.undo import ClubDetails

        session, store = self.services.session, self.services.store
        if session is None:
            return False
        plan = session.plan
        current = {"name": plan.name, "club": plan.club("name"), "kind": plan.club("kind"),
                   "contact_role": plan.club("contact_role"), "contact_email": plan.club("contact_email")}
        dialog = PlanDialog(store, current, plan.id, store.logo_file(plan.id), self.dialog_parent)
        if dialog.exec() != PlanDialog.DialogCode.Accepted:
            return False
        values = dialog.values()
        old = ClubDetails(plan.name, {key: plan.club(key) for key in ("name", "kind", "contact_role", "contact_email")},
                          store.logo_bytes(plan.id))
        logo = {None: old.logo, REMOVE_LOGO: None}.get(dialog.new_logo, dialog.new_logo)
        club = {"name": values["club"], "kind": values["kind"], "contact_role": values["contact_role"],
                "contact_email": values["contact_email"]}
        undo.set_club_details(spot, old, ClubDetails(dialog.result_name, club, logo))
        session.save_now()
        return True

    def _summary_name(self, plan_id: str) -> str:
        return next((s.name for s in self.services.store.summaries() if s.id == plan_id), "")

    def rename_plan(self, plan_id: str) -> None:
        from vv_desktop.ui.dialogs import NameDialog

        store = self.services.store
        dialog = NameDialog(store, self.tr("Naam wijzigen"), self._summary_name(plan_id), plan_id, self.dialog_parent)
        if dialog.exec() == NameDialog.DialogCode.Accepted:
            try:
                store.rename(store.open_plan(plan_id), dialog.result_name)
            except PlanUnavailable as exc:  # damaged since the list was read: set aside, and said so
                self._tell(exc)
            self.shell.refresh_home(plan_id)

    def duplicate_plan(self, plan_id: str) -> None:
        from vv_desktop.ui.dialogs import NameDialog

        store = self.services.store
        initial = store.free_copy_name(self._summary_name(plan_id))
        dialog = NameDialog(store, self.tr("Kopie maken"), initial, None, self.dialog_parent)
        if dialog.exec() == NameDialog.DialogCode.Accepted:
            try:
                clone = store.duplicate(plan_id, dialog.result_name)
            except PlanUnavailable as exc:
                self._tell(exc)
                self.shell.refresh_home()
                return
            self.shell.refresh_home(clone.id)

    def delete_plan(self, plan_id: str) -> None:
        name = self._summary_name(plan_id)
        answer = QMessageBox.question(
            self.dialog_parent, self.tr("Plan verwijderen"),
            self.tr("'{name}' naar de prullenbak verplaatsen? Je kunt het daar terughalen.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.services.open_plan_id() == plan_id and not self.shell.close_plan():
            return
        self.services.store.trash(plan_id)
        if self.services.settings.get("last_plan") == plan_id:
            self.services.settings.set("last_plan", None)
        self.shell.refresh_home()
        self.trashed.emit(plan_id, name)

    def undo_delete(self, plan_id: str) -> None:
        try:
            self.services.store.restore(plan_id)
        except PlanUnavailable as exc:
            self._tell(exc)
        self.trash_undo_over.emit()
        self.shell.refresh_home(plan_id)

    def _tell(self, exc: PlanUnavailable) -> None:
        QMessageBox.warning(self.dialog_parent, APP_NAME, str(exc))

    def show_trash(self) -> None:
        from vv_desktop.ui.dialogs import TrashDialog

        if self.services.session is not None:  # the trash is looked at from the list of plans
            self.shell.show_home()
        dialog = TrashDialog(self.services.store, self.dialog_parent)
        dialog.restored.connect(self.shell.refresh_home)  # each plan is listed (and selected) as it comes back
        dialog.exec()
        self.trash_undo_over.emit()
