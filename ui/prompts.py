"""What the clerk reads when a service asks for a phone: words from the prompt's code.

The core's prompts are ``Words`` with a stable ``code`` (``app.services.words.Words``); the words are
Qt Linguist messages (context ``Prompts``), not the core's or the platform's own text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.noop import QT_TRANSLATE_NOOP

CONTEXT = "Prompts"
TEXTS = {
    "prompt.place_target": QT_TRANSLATE_NOOP(
        "Prompts", "Put the customer's new phone on the reader, then press OK."),
    "prompt.place_source": QT_TRANSLATE_NOOP(
        "Prompts", "Put the customer's phone (the one being served) back on the reader, then press OK."),
    "prompt.wrong_phone": QT_TRANSLATE_NOOP(
        "Prompts", "This is not the phone the service needs. Put the right phone on the reader, then press OK."),
    "prompt.same_phone": QT_TRANSLATE_NOOP(
        "Prompts", "This is still the same phone. Put the other phone on the reader, then press OK."),
    "prompt.place": QT_TRANSLATE_NOOP("Prompts", "Put the phone on the reader, then press OK."),
}


def prompt_text(code: str, role: str = "") -> str:
    """The words for a prompt ``code``; an unknown code is worded by the card's ``role``."""
    key = code if code in TEXTS else f"prompt.place_{role}" if f"prompt.place_{role}" in TEXTS else "prompt.place"
    return QCoreApplication.translate(CONTEXT, TEXTS[key])
