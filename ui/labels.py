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

# Regions as people say them (the platform's region codes, seed §5.8.2); unknown codes as they came.
REGION_CONTEXT = "Region"
REGIONS = {
    "GD-GZ": QT_TRANSLATE_NOOP("Region", "Guangzhou"),
    "GD-SZ": QT_TRANSLATE_NOOP("Region", "Shenzhen"),
    "BJ-01": QT_TRANSLATE_NOOP("Region", "Beijing"),
}


def region_label(code: str) -> str:
    """``GD-GZ`` -> 广州."""
    key = (code or "").strip().upper()
    return QCoreApplication.translate(REGION_CONTEXT, REGIONS[key]) if key in REGIONS else (code or "")


# Status words as the technician reads them (ISO/IEC 7816-4 §5.1.3, GPC 2.2.1 Table 11-10); the
# ones not listed keep the core's English meaning (ota/gp/sw.py).
SW_CONTEXT = "StatusWord"
STATUS_WORDS = {
    0x9000: QT_TRANSLATE_NOOP("StatusWord", "success"),
    0x6283: QT_TRANSLATE_NOOP("StatusWord", "warning: application or card locked"),
    0x6300: QT_TRANSLATE_NOOP("StatusWord", "authentication of host cryptogram failed"),
    0x6310: QT_TRANSLATE_NOOP("StatusWord", "more data available"),
    0x6581: QT_TRANSLATE_NOOP("StatusWord", "memory failure"),
    0x6700: QT_TRANSLATE_NOOP("StatusWord", "wrong length"),
    0x6982: QT_TRANSLATE_NOOP("StatusWord", "security status not satisfied"),
    0x6985: QT_TRANSLATE_NOOP("StatusWord", "conditions of use not satisfied"),
    0x6A80: QT_TRANSLATE_NOOP("StatusWord", "wrong data"),
    0x6A82: QT_TRANSLATE_NOOP("StatusWord", "application or file not found"),
    0x6A84: QT_TRANSLATE_NOOP("StatusWord", "not enough memory"),
    0x6A86: QT_TRANSLATE_NOOP("StatusWord", "incorrect P1 P2"),
    0x6A88: QT_TRANSLATE_NOOP("StatusWord", "referenced data not found"),
    0x6D00: QT_TRANSLATE_NOOP("StatusWord", "instruction not supported"),
    0x6E00: QT_TRANSLATE_NOOP("StatusWord", "class not supported"),
}


def sw_label(sw: int | None, fallback: str) -> str:
    """``0x9000`` -> 成功; an unlisted status word keeps the core's meaning."""
    if sw is not None and (sw in STATUS_WORDS or (sw >> 8) == 0x61):
        text = STATUS_WORDS.get(sw, QT_TRANSLATE_NOOP("StatusWord", "more data available"))
        return QCoreApplication.translate(SW_CONTEXT, text)
    return fallback
