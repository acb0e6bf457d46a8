"""The per-SE application state machine of seed §5.8.7.2, without a database."""

from __future__ import annotations

import pytest

from ota.platform.flows.states import Event, IllegalTransition, next_state, settle, walk
from ota.platform.models import Application, AppState


def _app(perso: bool, activation: bool) -> Application:
    return Application(name="x", version="1", needs_personalisation=perso, needs_activation=activation)


def test_download_path_and_back() -> None:
    state = walk(AppState.READY, [Event.LOADED, Event.INSTANTIATED, Event.PERSONALIZED, Event.ACTIVATED])
    assert state is AppState.USABLE
    assert walk(state, [Event.LOCKED, Event.UNLOCKED]) is AppState.USABLE
    assert next_state(AppState.LOCKED, Event.INSTANCES_DELETED) is AppState.LOADED
    assert next_state(AppState.LOADED, Event.FILES_DELETED) is AppState.READY
    assert next_state(AppState.PERSONALIZED, Event.FILES_DELETED) is AppState.READY


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (AppState.READY, Event.LOCKED),
        (AppState.PERSONALIZED, Event.LOCKED),  # only Usable can be locked
        (AppState.USABLE, Event.UNLOCKED),
        (AppState.READY, Event.INSTANCES_DELETED),
        (AppState.LOADED, Event.INSTANCES_DELETED),
        (AppState.READY, Event.INSTANTIATED),
        (AppState.LOCKED, Event.LOCKED),
    ],
)
def test_illegal_transitions_are_refused_with_a_code(state: AppState, event: Event) -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_state(state, event)
    assert caught.value.code == "app.state"
    assert caught.value.params == {"state": state.value}


@pytest.mark.parametrize(
    ("perso", "activation", "expected"),
    [
        (False, False, AppState.USABLE),  # neither: Instantiated -> Usable
        (False, True, AppState.PERSONALIZED),  # waits for the activation notice
        (True, False, AppState.INSTANTIATED),  # personalisation still to do
        (True, True, AppState.INSTANTIATED),
    ],
)
def test_settle_after_instantiation(perso: bool, activation: bool, expected: AppState) -> None:
    assert settle(AppState.INSTANTIATED, _app(perso, activation)) is expected


def test_settle_after_personalisation() -> None:
    assert settle(AppState.PERSONALIZED, _app(True, False)) is AppState.USABLE
    assert settle(AppState.PERSONALIZED, _app(True, True)) is AppState.PERSONALIZED
    assert settle(AppState.LOADED, _app(False, False)) is AppState.LOADED
