"""Names a clerk reads aloud: application states, in the clerk's language.

The platform speaks the seed's application states (§5.8.7.2: Ready, Loaded, Instantiated,
Personalized, Usable, Locked); a card's registry speaks GP life cycles (GPC 2.2.1 §5.3).  Both
are stable English words on the wire and translated only here, for every screen alike.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.noop import QT_TRANSLATE_NOOP

CONTEXT = "AppState"

STATES = {
    "READY": QT_TRANSLATE_NOOP("AppState", "Not downloaded"),
    "LOADED": QT_TRANSLATE_NOOP("AppState", "Loaded"),
    "INSTALLED": QT_TRANSLATE_NOOP("AppState", "Installed"),
    "INSTANTIATED": QT_TRANSLATE_NOOP("AppState", "Installed"),
    "SELECTABLE": QT_TRANSLATE_NOOP("AppState", "Selectable"),
    "PERSONALIZED": QT_TRANSLATE_NOOP("AppState", "Personalized (awaiting activation)"),
    "USABLE": QT_TRANSLATE_NOOP("AppState", "Usable"),
    "LOCKED": QT_TRANSLATE_NOOP("AppState", "Locked"),
}


def state_label(state: str) -> str:
    """``Usable`` -> 可用; an unknown state is shown as it came (never hidden)."""
    key = (state or "").strip().upper()
    return QCoreApplication.translate(CONTEXT, STATES[key]) if key in STATES else (state or "")

# The kiosk's words for the same states: what the customer can do with the application.
CUSTOMER_CONTEXT = "CustomerState"

CUSTOMER_STATES = {
    "READY": QT_TRANSLATE_NOOP("CustomerState", "Not on your phone yet"),
    "LOADED": QT_TRANSLATE_NOOP("CustomerState", "Setup not finished"),
    "INSTALLED": QT_TRANSLATE_NOOP("CustomerState", "Setup not finished"),
    "INSTANTIATED": QT_TRANSLATE_NOOP("CustomerState", "Setup not finished"),
    "SELECTABLE": QT_TRANSLATE_NOOP("CustomerState", "Ready to use"),
    "PERSONALIZED": QT_TRANSLATE_NOOP("CustomerState", "Waiting to be activated"),
    "USABLE": QT_TRANSLATE_NOOP("CustomerState", "Ready to use"),
    "LOCKED": QT_TRANSLATE_NOOP("CustomerState", "Locked"),
}

# States a customer may lock (an instance exists and is not locked yet).
LOCKABLE = frozenset({"INSTALLED", "INSTANTIATED", "SELECTABLE", "PERSONALIZED", "USABLE"})


def customer_state_label(state: str) -> str:
    """``Usable`` -> 可以使用: the state as a customer at the kiosk reads it."""
    key = (state or "").strip().upper()
    if key in CUSTOMER_STATES:
        return QCoreApplication.translate(CUSTOMER_CONTEXT, CUSTOMER_STATES[key])
    return state_label(state)
