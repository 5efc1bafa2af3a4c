"""Managing plans from the window: new, club details, rename, copy, delete (to the trash) and back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QMessageBox

from vv_desktop import APP_NAME

if TYPE_CHECKING:
    from vv_desktop.ui.main_window import MainWindow


class PlanActions(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def new_plan(self) -> None:
        from vv_desktop.ui.dialogs import PlanDialog

        dialog = PlanDialog(self.window.store, {"name": self._season_name(), "club": "", "kind": "sport"},
                            parent=self.window)
        if dialog.exec() != PlanDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        plan = self.window.store.create(dialog.result_name, values["club"], values["kind"])
        for key in ("contact_role", "contact_email"):
            plan.set_club(key, values[key])
        self.window.store.save(plan)
        if dialog.new_logo:
            self.window.store.store_logo(plan, dialog.new_logo)
        self.window.refresh_home(plan.id)
        self.window.open_plan(plan.id)

    def _season_name(self) -> str:
        """A ready name for a new plan: the club season that runs now (August to July)."""
        today = QDate.currentDate()
        start = today.year() if today.month() >= 8 else today.year() - 1
        name = self.tr("Stappenplan {start}-{end}").format(start=start, end=start + 1)
        taken = {s.name.casefold() for s in self.window.store.summaries()}
        return name if name.casefold() not in taken else self.window.store.free_copy_name(name)

    def edit_club(self) -> None:
        from vv_desktop.ui.dialogs import REMOVE_LOGO, PlanDialog
        from vv_desktop.ui.undo import ClubDetails

        if self.window.session is None or self.window.view is None:
            return
        plan = self.window.session.plan
        current = {"name": plan.name, "club": plan.club("name"), "kind": plan.club("kind"),
                   "contact_role": plan.club("contact_role"), "contact_email": plan.club("contact_email")}
        dialog = PlanDialog(self.window.store, current, plan.id, self.window.store.logo_file(plan.id),
                            self.window)
        if dialog.exec() != PlanDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        logo_file = self.window.store.logo_file(plan.id)
        old = ClubDetails(plan.name, {key: plan.club(key) for key in ("name", "kind", "contact_role", "contact_email")},
                          logo_file.read_bytes() if logo_file else None)
        logo = {None: old.logo, REMOVE_LOGO: None}.get(dialog.new_logo, dialog.new_logo)
        club = {"name": values["club"], "kind": values["kind"], "contact_role": values["contact_role"],
                "contact_email": values["contact_email"]}
        new = ClubDetails(dialog.result_name, club, logo)
        # Through the plan's undo stack: Bewerken > Ongedaan maken puts the old details back.
        self.window.plan_undo.set_club_details(self.window.view.flow.current, old, new)
        self.window.session.save_now()
        self.window.view.refresh_header()
        self.window.setWindowTitle(f"{plan.name} — {APP_NAME}")

    def _summary_name(self, plan_id: str) -> str:
        return next((s.name for s in self.window.store.summaries() if s.id == plan_id), "")

    def rename_plan(self, plan_id: str) -> None:
        from vv_desktop.ui.dialogs import NameDialog

        dialog = NameDialog(self.window.store, self.tr("Naam wijzigen"), self._summary_name(plan_id), plan_id,
                            self.window)
        if dialog.exec() == NameDialog.DialogCode.Accepted:
            self.window.store.rename(self.window.store.load(plan_id), dialog.result_name)
            self.window.refresh_home(plan_id)

    def duplicate_plan(self, plan_id: str) -> None:
        from vv_desktop.ui.dialogs import NameDialog

        initial = self.window.store.free_copy_name(self._summary_name(plan_id))
        dialog = NameDialog(self.window.store, self.tr("Kopie maken"), initial, None, self.window)
        if dialog.exec() == NameDialog.DialogCode.Accepted:
            clone = self.window.store.duplicate(plan_id, dialog.result_name)
            self.window.refresh_home(clone.id)

    def delete_plan(self, plan_id: str) -> None:
        name = self._summary_name(plan_id)
        answer = QMessageBox.question(
            self.window, self.tr("Plan verwijderen"),
            self.tr("'{name}' naar de prullenbak verplaatsen? Je kunt het daar terughalen.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.window.session is not None and self.window.session.plan.id == plan_id and not self.window.close_plan():
            return
        self.window.store.trash(plan_id)
        if self.window.settings.get("last_plan") == plan_id:
            self.window.settings.set("last_plan", None)
        self.window.refresh_home()
        self.window.home.offer_undo(plan_id, name)

    def undo_delete(self, plan_id: str) -> None:
        self.window.store.restore(plan_id)
        self.window.home.hide_undo()
        self.window.refresh_home(plan_id)

    def show_trash(self) -> None:
        from vv_desktop.ui.dialogs import TrashDialog

        if self.window.stack.currentWidget() is not self.window.home:
            self.window.show_home()
        dialog = TrashDialog(self.window.store, self.window)
        dialog.restored.connect(lambda plan_id: self.window.refresh_home(plan_id))
        dialog.exec()
        self.window.home.hide_undo()
        self.window.refresh_home(self.window.home.selected_id())

