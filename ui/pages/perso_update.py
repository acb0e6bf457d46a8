"""Personalisation update (seed §5.8.4.6): personalise an installed application again with its
provider's current data.  Reached from the app's row on the query page or from the navigation;
the clerk confirms with the customer first (the application's personal data are replaced)."""

from __future__ import annotations

from ui import views
from ui.labels import LOCKABLE
from ui.pages.services import AppServicePage


class PersoUpdatePage(AppServicePage):
    kind = "perso_update"

    def valid(self, row: views.AppRow) -> bool:
        """On the phone and not locked: a locked application takes no new data until unlocked."""
        return (row.state or "").upper() in LOCKABLE

    def choose(self, app_id: str) -> None:
        """Preselect ``app_id`` (from the query page's row) when this page offers it."""
        index = self.app_choice.findData(app_id)
        if index >= 0:
            self.app_choice.setCurrentIndex(index)

    def run_label(self) -> str:
        return self.tr("Update personalisation")
