"""The per-SE application state machine of seed §5.8.7.2 (figure 5-7).

States: Ready (not on the card) -> Loaded -> Instantiated -> Personalized -> Usable, and
Usable <-> Locked.  The rules the flows rely on:

* a download passes through Loaded and Instantiated; an application that needs no
  personalisation goes from Instantiated straight to Personalized, one that needs no activation
  from Personalized straight to Usable; one that needs activation waits in Personalized;
* an interrupted download stays in Loaded or Instantiated and resumes from there;
* deleting the instances leads to Loaded, deleting the load file too leads to Ready;
* only Usable can be locked, only Locked can be unlocked.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from ota.platform.db import insert_row, update_row, utcnow
from ota.platform.flows.base import FlowError
from ota.platform.models import Application, AppState, SeAppState

class Event(StrEnum):
    LOADED = "loaded"
    INSTANTIATED = "instantiated"
    PERSONALIZED = "personalized"
    ACTIVATED = "activated"
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    INSTANCES_DELETED = "instances_deleted"
    FILES_DELETED = "files_deleted"


_ON_CARD = (AppState.INSTANTIATED, AppState.PERSONALIZED, AppState.USABLE, AppState.LOCKED)

_NEXT: dict[tuple[AppState, Event], AppState] = {
    (AppState.READY, Event.LOADED): AppState.LOADED,
    (AppState.LOADED, Event.INSTANTIATED): AppState.INSTANTIATED,
    (AppState.INSTANTIATED, Event.PERSONALIZED): AppState.PERSONALIZED,
    (AppState.PERSONALIZED, Event.ACTIVATED): AppState.USABLE,
    (AppState.USABLE, Event.LOCKED): AppState.LOCKED,
    (AppState.LOCKED, Event.UNLOCKED): AppState.USABLE,
    (AppState.LOADED, Event.FILES_DELETED): AppState.READY,
    **{(s, Event.INSTANCES_DELETED): AppState.LOADED for s in _ON_CARD},
    **{(s, Event.FILES_DELETED): AppState.READY for s in _ON_CARD},
}


class IllegalTransition(FlowError):
    def __init__(self, state: AppState, event: Event) -> None:
        super().__init__(
            "app.state",
            detail={"state": state.value, "event": event.value},
            params={"state": state.value},
        )


def next_state(state: AppState, event: Event) -> AppState:
    try:
        return _NEXT[(state, event)]
    except KeyError:
        raise IllegalTransition(state, event) from None


def require(state: AppState, event: Event) -> None:
    """Refuse an operation before touching the card when its event is not allowed."""
    next_state(state, event)


def settle(state: AppState, app: Application) -> AppState:
    """Apply the automatic transitions of §5.8.7.2 after a download step.

    No personalisation needed: Instantiated -> Personalized.  No activation needed:
    Personalized -> Usable.
    """
    if state is AppState.INSTANTIATED and not app.needs_personalisation:
        state = AppState.PERSONALIZED
    if state is AppState.PERSONALIZED and not app.needs_activation:
        state = AppState.USABLE
    return state


def walk(state: AppState, events: list[Event]) -> AppState:
    for event in events:
        state = next_state(state, event)
    return state


def get_state(session: Session, seid: str, app_id: int) -> AppState:
    row = session.get(SeAppState, (seid, app_id))
    return AppState(row.state) if row else AppState.READY


def set_state(session: Session, seid: str, app_id: int, state: AppState) -> None:
    row = session.get(SeAppState, (seid, app_id))
    if row is None:
        insert_row(session, SeAppState, seid=seid, application_id=app_id, state=state, updated_at=utcnow())
    else:
        update_row(session, row, state=state, updated_at=utcnow())
