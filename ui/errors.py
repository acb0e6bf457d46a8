"""Every error code the clerk can meet, in the clerk's language.

The core raises typed errors with a stable ``code`` (docs/CONTRACTS.md); this table is the only
place that turns a code into words, each with the next step for the clerk; the words are Qt
Linguist messages (context ``Errors``), so they are translated with the rest of the UI.  The platform's own
texts (``PlatformRefusedError.message_zh/message_en``) are a fallback for a code not here yet;
tests/ui/test_i18n_errors.py fails for any code raised in ota/ or app/ that has no line here, so a
new code (another branch's) gets its words in this table, one line, zh_CN and en.  Anything
without a code is a bug: it is logged with its traceback under a
fresh incident id and the clerk sees only "unexpected error, incident <id>".
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.i18n import translate_in

logger = logging.getLogger(__name__)
CONTEXT = "Errors"

# code -> the English words, each with a next step; zh_CN (and every other language) is in
# resources/i18n/hallterm_<lang>.ts, context "Errors" (lupdate finds QT_TRANSLATE_NOOP).
MESSAGES: dict[str, str] = {
    # app/errors.py
    "config.invalid": QT_TRANSLATE_NOOP("Errors", "The terminal configuration is invalid. Please call support."),
    "platform.unreachable": QT_TRANSLATE_NOOP("Errors", "The platform cannot be reached. Check the network and try again."),
    "platform.server_error": QT_TRANSLATE_NOOP("Errors", "The platform had an internal error. Please try again later."),
    "auth.expired": QT_TRANSLATE_NOOP("Errors", "Your login has expired. Please log in again."),
    "auth.invalid": QT_TRANSLATE_NOOP("Errors", "Wrong operator ID or password. Please enter them again."),
    "terminal.error": QT_TRANSLATE_NOOP("Errors", "Terminal error. Please try again."),
    "platform.protocol": QT_TRANSLATE_NOOP("Errors", "The platform sent an unexpected answer. Please call support."),
    "card.unreadable": QT_TRANSLATE_NOOP("Errors", "The phone's secure element cannot be read. Place it again or try another phone."),
    "input.invalid": QT_TRANSLATE_NOOP("Errors", "The input is not valid. Check it and try again."),
    "card.wrong_card": QT_TRANSLATE_NOOP("Errors", "The phone on the reader is not the one for this service. Put the right phone back."),
    # platform ErrorBody codes (the platform's own texts are preferred when present)
    "se_busy": QT_TRANSLATE_NOOP("Errors", "This secure element is busy with another service. Try again shortly."),
    "se_lost": QT_TRANSLATE_NOOP("Errors", "This phone is reported lost; only a lock is possible."),
    "policy.kiosk_unlock": QT_TRANSLATE_NOOP("Errors", "Unlocking is only possible at a business-hall counter, not at a kiosk."),
    "auth.forbidden": QT_TRANSLATE_NOOP("Errors", "You are not allowed to run this service. Ask the duty manager."),
    # app/reader/errors.py
    "reader.error": QT_TRANSLATE_NOOP("Errors", "Reader error. Place the phone again and retry."),
    "reader.no_service": QT_TRANSLATE_NOOP("Errors", "The smart-card service (PC/SC) is not running. Please call support."),
    "reader.none": QT_TRANSLATE_NOOP("Errors", "No card reader found. Please connect a reader."),
    "reader.no_card": QT_TRANSLATE_NOOP("Errors", "No phone on the reader. Place the phone on the reader."),
    "reader.card_removed": QT_TRANSLATE_NOOP("Errors", "The phone was removed; the service stopped. Put it back and retry."),
    "reader.reader_removed": QT_TRANSLATE_NOOP("Errors", "The reader was disconnected. Please reconnect it."),
    "reader.sharing_violation": QT_TRANSLATE_NOOP("Errors", "Another program is using the reader. Close it and retry."),
    "reader.timeout": QT_TRANSLATE_NOOP("Errors", "The phone did not answer. Place it again and retry."),
    "reader.chaining": QT_TRANSLATE_NOOP("Errors", "The phone returned malformed data. Place it again and retry."),
    "reader.extended_length": QT_TRANSLATE_NOOP("Errors", "The reader does not support extended-length commands. Use another reader or call support."),
    # ota/gp/errors.py
    "gp.error": QT_TRANSLATE_NOOP("Errors", "Secure-element command error. Place the phone again and retry."),
    "gp.apdu_format": QT_TRANSLATE_NOOP("Errors", "Malformed secure-element command. Please call support."),
    "gp.tlv": QT_TRANSLATE_NOOP("Errors", "The secure element returned malformed data. Place the phone again and retry."),
    "gp.status_word": QT_TRANSLATE_NOOP("Errors", "The secure element refused a command. Query the phone, then retry."),
    "scp02.card_cryptogram": QT_TRANSLATE_NOOP("Errors", "Secure-channel authentication failed. Please call support."),
    "scp02.secure_messaging": QT_TRANSLATE_NOOP("Errors", "Secure-channel check failed. Place the phone again and retry."),
    "gp.response_format": QT_TRANSLATE_NOOP("Errors", "The secure element's answer is malformed. Place the phone again and retry."),
    "gp.cap_file": QT_TRANSLATE_NOOP("Errors", "The application file is damaged. Please call support."),
    # platform codes (ota/platform): the clerk's words and the next step; the platform's own
    # texts are shown only for a code that has no line here yet.
    "se.bound_elsewhere": QT_TRANSLATE_NOOP("Errors", "This phone is bound to another number. Check the subscriber number and try again."),
    "se.lost": QT_TRANSLATE_NOOP("Errors", "This phone is reported lost; only a lock is possible. If it was found, lift the loss report first."),
    "se.terminated": QT_TRANSLATE_NOOP("Errors", "This phone's secure element is retired; no service is possible. Please call support."),
    "se.unknown_batch": QT_TRANSLATE_NOOP("Errors", "This phone's secure element is not registered with the platform. Please call support."),
    "se.unregistered": QT_TRANSLATE_NOOP("Errors", "This phone is bound to no number yet. Enter the subscriber number and try again."),
    "se.no_space": QT_TRANSLATE_NOOP("Errors", "Not enough space on the phone's secure element. Delete an unused application first, then retry."),
    "se.block_size": QT_TRANSLATE_NOOP("Errors", "This phone cannot receive this application. Try another phone."),
    "subscriber.unknown": QT_TRANSLATE_NOOP("Errors", "No subscriber with this number. Check the number and try again."),
    "subscriber.out_of_service": QT_TRANSLATE_NOOP("Errors", "This number is suspended or closed. Restore the number first."),
    "app.already_installed": QT_TRANSLATE_NOOP("Errors", "The application is already on the phone; no download needed. See its state under Query."),
    "app.batch_incompatible": QT_TRANSLATE_NOOP("Errors", "This application does not support this phone. Choose another application."),
    "app.missing": QT_TRANSLATE_NOOP("Errors", "No application chosen. Choose one first."),
    "app.unknown": QT_TRANSLATE_NOOP("Errors", "The platform does not know this application. Read the phone again and retry."),
    "app.state": QT_TRANSLATE_NOOP("Errors", "The application's current state does not allow this service. Query the phone to see its state."),
    "provider.blacklisted": QT_TRANSLATE_NOOP("Errors", "This application's provider is suspended; it cannot be downloaded now. Try again later."),
    "number.unchanged": QT_TRANSLATE_NOOP("Errors", "The new number is the same as the old one. Check the new number."),
    "params.*": QT_TRANSLATE_NOOP("Errors", "A number entered is not valid. Check it and try again."),
    "policy.region": QT_TRANSLATE_NOOP("Errors", "This subscriber belongs to another region. Send the customer to a hall of that region."),
    "auth.bad_credentials": QT_TRANSLATE_NOOP("Errors", "Wrong operator ID or password. Please enter them again."),
    "auth.unknown_terminal": QT_TRANSLATE_NOOP("Errors", "This terminal is not registered with the platform. Please call support."),
    "card.removed": QT_TRANSLATE_NOOP("Errors", "The phone was removed; the service stopped. Put it back and retry."),
    "card.bad_response": QT_TRANSLATE_NOOP("Errors", "The phone returned unexpected data. Place it again and retry."),
    "catalog.cap_file": QT_TRANSLATE_NOOP("Errors", "The application file is damaged. Please call support."),
    "catalog.module": QT_TRANSLATE_NOOP("Errors", "The application catalogue is misconfigured. Please call support."),
    "perso.template": QT_TRANSLATE_NOOP("Errors", "The application's personalisation is misconfigured. Please call support."),
    "keystore.*": QT_TRANSLATE_NOOP("Errors", "The platform's keys are misconfigured. Please call support."),
    "step.*": QT_TRANSLATE_NOOP("Errors", "The exchange with the phone went wrong. Place the phone again and retry."),
    "flow.checkpoint": QT_TRANSLATE_NOOP("Errors", "The service's progress record is invalid. Please call support."),
    "idempotency.conflict": QT_TRANSLATE_NOOP("Errors", "A repeated request differs from the original. Start the service again."),
    "operation.aborted": QT_TRANSLATE_NOOP("Errors", "An administrator stopped this service. Check the phone, then start again."),
    "operation.finished": QT_TRANSLATE_NOOP("Errors", "The service has already finished; it cannot be cancelled."),
    "operation.not_running": QT_TRANSLATE_NOOP("Errors", "The service has ended. Query the phone to see the result."),
    "operation.forbidden": QT_TRANSLATE_NOOP("Errors", "Your account or this terminal may not run this service. Ask the duty manager."),
    "operation.unsupported": QT_TRANSLATE_NOOP("Errors", "The platform does not support this service yet. Please call support."),
    "request.invalid": QT_TRANSLATE_NOOP("Errors", "The terminal sent invalid data. Retry; if it fails again, call support."),
    "not_found": QT_TRANSLATE_NOOP("Errors", "The platform has no such record. Refresh and try again."),
    "http.*": QT_TRANSLATE_NOOP("Errors", "The platform could not handle the request. Retry; if it fails again, call support."),
    "gp.crypto_input": QT_TRANSLATE_NOOP("Errors", "Secure-channel data is invalid. Please call support."),
    "internal": QT_TRANSLATE_NOOP("Errors", "The platform had an internal error. Retry later; if it fails again, call support."),
}

# Codes other branches add, in their (zh_CN, en) form, until their wording moves into the .ts
# files: the integrator pastes such lines here unchanged.  lookup() reads both tables.
EXTRA_MESSAGES: dict[str, tuple[str, str]] = {}

UNKNOWN_CODE = ("未办理成功，请重试；如仍不成功，请联系技术支持。",
                "Not completed. Try again; if it fails again, please call support.")
UNEXPECTED = ("发生意外错误，事件编号 {incident}。", "Unexpected error, incident {incident}.")


@dataclass(frozen=True)
class UserError:
    """What the clerk sees: a sentence in their language, plus the code and incident to quote."""

    text: str
    code: str
    incident: str | None = None


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language.startswith("zh") else pair[1]


def new_incident_id() -> str:
    """The core's incident id when it exists, so UI and platform incidents look alike."""
    try:
        from app.errors import new_incident_id as core_incident
    except ImportError:
        return uuid.uuid4().hex[:12]
    return core_incident()


def describe_both(exc: BaseException, public: bool = False) -> dict[str, UserError]:
    """The words in every language at once (logged once), so a language switch can re-show them."""
    first = describe(exc, "zh_CN", public)
    if first.code == "unexpected":
        en = UserError(UNEXPECTED[1].format(incident=first.incident), first.code, first.incident)
    else:
        en = describe(exc, "en", public)
    return {"zh_CN": first, "en": en}


def lookup(code: str | None) -> tuple[str, str] | None:
    """(zh_CN, en) words for ``code``, or for its family (``params.msisdn`` -> ``params.*``)."""
    if not code:
        return None
    for key in (code, code.split(".", 1)[0] + ".*"):
        if key in MESSAGES:
            return translate_in("zh_CN", CONTEXT, MESSAGES[key]), MESSAGES[key]
        if key in EXTRA_MESSAGES:
            return EXTRA_MESSAGES[key]
    return None


def describe(exc: BaseException, language: str, public: bool = False) -> UserError:
    """Turn any exception into words for the clerk; never a traceback on screen.

    The table's words win; the platform's own text is shown only for a code the table does not
    have yet, and never on a ``public`` screen (the kiosk): it may name staff or operations.
    """
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        incident = getattr(exc, "incident", None)
        pair = lookup(code)
        zh, en = getattr(exc, "message_zh", None), getattr(exc, "message_en", None)
        if pair is None and zh and en and not public:
            return UserError(_pick((zh, en), language), code, incident)
        if pair is None and public:
            pair = UNKNOWN_CODE
        if pair is not None:
            text = _pick(pair, language)
            if incident and not public:
                text += f" ({incident})"
            return UserError(text, code, incident)
    incident = new_incident_id()
    logger.error("unexpected error, incident %s", incident, exc_info=exc)
    return UserError(_pick(UNEXPECTED, language).format(incident=incident), "unexpected", incident)


def text_for_code(code: str | None, language: str) -> str:
    """The words for a code the journal or an outcome recorded (no exception at hand)."""
    return _pick(lookup(code) or UNKNOWN_CODE, language)


def is_cancellation(exc: BaseException) -> bool:
    """The operator said stop: not an error, nothing to report."""
    return type(exc).__name__ == "Cancelled"
