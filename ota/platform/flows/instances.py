"""One instance of a multi-instance application (seed §5.4.1, §5.8.4.2–3).

One load file can back several instances of an application.  A counter service given
``params.instance_aid`` acts on that instance alone: lock and unlock set its status only (the
card keeps each instance's lock, the query shows it), and a delete removes it and then asks the
card to delete the load file too, which the card refuses (6985) while another instance uses it,
so the load file goes with the last instance.  The application's per-SE state follows only what
the whole application has: an instance lock leaves it Usable, and a delete that keeps the load
file leaves it as it was.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform.flows import perso
from ota.platform.flows.checks import refuse
from ota.platform.flows.states import get_state
from ota.platform.models import AppInstance, Application, AppState

_MANAGEABLE = (AppState.USABLE, AppState.LOCKED, AppState.PERSONALIZED, AppState.INSTANTIATED)


def app_instances(session: Session, app: Application) -> list[str]:
    return list(session.scalars(
        sa.select(AppInstance.instance_aid).where(AppInstance.application_id == app.id).order_by(AppInstance.instance_aid)
    ))


def requested(params: dict[str, Any]) -> str | None:
    """The instance a service is limited to, or None for the whole application."""
    value = params.get("instance_aid")
    return str(value).upper() if value else None


def check(session: Session, seid: str, app: Application, instance_aid: str) -> None:
    """Refuse, before touching the card, an instance the application does not have or cannot manage."""
    declared(session, app, instance_aid)
    state = get_state(session, seid, app.id)
    if state not in _MANAGEABLE:
        raise refuse(
            "app.state",
            state=state.value,
            app=app.name,
            params={"state": state.value},
        )


def declared(session: Session, app: Application, instance_aid: str) -> None:
    if instance_aid not in app_instances(session, app):
        raise refuse("app.no_such_instance", params={"app": app.name}, instance_aid=instance_aid)


def perso_targets(session: Session, app: Application, only: list[str] | None = None) -> list[perso.Target]:
    """The instances to personalise (all, or ``only``) with their own templates (§5.8.4.1)."""
    rows = session.scalars(
        sa.select(AppInstance).where(AppInstance.application_id == app.id).order_by(AppInstance.instance_aid)
    )
    return [(bytes.fromhex(i.instance_aid), i.perso_template) for i in rows if only is None or i.instance_aid in only]


def template_for(session: Session, app: Application, instance_aid: str) -> dict[str, Any] | None:
    """The template that personalises one instance: its own, else the application's."""
    row = session.get(AppInstance, instance_aid)
    return row.perso_template if row is not None and row.perso_template is not None else app.perso_template


def outcome(session: Session, instance_aid: str, state: AppState) -> dict[str, str]:
    """The one instance a service acted on, as its result reports it: its own state after the
    service (not the application's) and its labels, so the counter names it as the clerk chose it."""
    row = session.get(AppInstance, instance_aid)
    return {"aid": instance_aid, "state": state.value,
            "label_zh": row.label_zh if row is not None else "", "label_en": row.label_en if row is not None else ""}
