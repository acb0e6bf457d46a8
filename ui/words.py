"""The core's words in the clerk's language: a :class:`app.services.words.Words` (a code and its
parameters) worded through Qt Linguist, like an error's code.

The core sends no prose (issue 11 item 4).  This table is where its own codes get their English
source (context ``CoreWords``; zh_CN in resources/i18n/hallterm_zh_CN.ts); the card prompts' are
ui/prompts.py's and the errors' ui/errors.py's.  The consoles read the same three tables through
``ota.wording`` without Qt, so both show the same words.  A ``{name}`` placeholder is filled from
the parameters, a state or kind worded from the context ``ErrorParams``.
"""

from __future__ import annotations

from typing import Any

from ota import wording
from ui import errors, prompts
from ui.i18n import current_language, translate_in
from ui.noop import QT_TRANSLATE_NOOP

CONTEXT = "CoreWords"
TEXTS = {
    # a receipt's title: the service (app.services.words.service_title)
    "service.title.query": QT_TRANSLATE_NOOP("CoreWords", "SE query"),
    "service.title.lock": QT_TRANSLATE_NOOP("CoreWords", "Application lock"),
    "service.title.unlock": QT_TRANSLATE_NOOP("CoreWords", "Application unlock"),
    "service.title.download": QT_TRANSLATE_NOOP("CoreWords", "Application download"),
    "service.title.delete": QT_TRANSLATE_NOOP("CoreWords", "Application deletion"),
    "service.title.migrate": QT_TRANSLATE_NOOP("CoreWords", "Application migration"),
    "service.title.change_number": QT_TRANSLATE_NOOP("CoreWords", "Number change"),
    "service.title.perso_update": QT_TRANSLATE_NOOP("CoreWords", "Personalisation update"),
    "service.title.sd_create": QT_TRANSLATE_NOOP("CoreWords", "Security domain creation"),
    "service.title.sd_delete": QT_TRANSLATE_NOOP("CoreWords", "Security domain deletion"),
    # progress (app.services.runner): what a console prints per stage
    "progress.card": QT_TRANSLATE_NOOP("CoreWords", "Reading the phone"),
    "progress.start": QT_TRANSLATE_NOOP("CoreWords", "Connecting to the platform"),
    "progress.queue": QT_TRANSLATE_NOOP(
        "CoreWords", "This phone is busy with another service: waiting in its queue, {ahead} ahead"),
    "progress.apdu": QT_TRANSLATE_NOOP("CoreWords", "Step {step}: {done} of {total} commands"),
    "progress.load": QT_TRANSLATE_NOOP("CoreWords", "Loading block {done} of {total}"),
    "progress.done": QT_TRANSLATE_NOOP("CoreWords", "Done"),
    "progress.failed": QT_TRANSLATE_NOOP("CoreWords", "Not completed"),
    # a receipt's result lines (app.services.base.ReceiptLine)
    "receipt.label.app": QT_TRANSLATE_NOOP("CoreWords", "Application"),
    "receipt.label.state": QT_TRANSLATE_NOOP("CoreWords", "Application state"),
    "receipt.label.previous_msisdn": QT_TRANSLATE_NOOP("CoreWords", "Previous number"),
    "receipt.label.target_seid": QT_TRANSLATE_NOOP("CoreWords", "New phone's secure element"),
    # the console's result lines (app/commands/service_commands.py)
    "console.operation": QT_TRANSLATE_NOOP("CoreWords", "Operation {operation_id}, {seconds} s"),
    "console.batch": QT_TRANSLATE_NOOP("CoreWords", "Batch {batch}"),
    "console.space": QT_TRANSLATE_NOOP(
        "CoreWords", "Space: {free_measured} bytes free (measured), {free_recorded} recorded; {used} used of {total}"),
    "console.no_apps": QT_TRANSLATE_NOOP("CoreWords", "No applications on this phone"),
    "console.needs_activation": QT_TRANSLATE_NOOP("CoreWords", "needs activation"),
    "console.security_domain": QT_TRANSLATE_NOOP("CoreWords", "Security domain {aid}, life cycle {life_cycle}"),
    "console.day": QT_TRANSLATE_NOOP("CoreWords", "{day}: {count} services"),
    "console.unfinished": QT_TRANSLATE_NOOP("CoreWords", "{count} unfinished operations"),
    "console.run.done": QT_TRANSLATE_NOOP("CoreWords", "Completed"),
    "console.run.failed": QT_TRANSLATE_NOOP("CoreWords", "Not completed"),
    "console.run.cancelled": QT_TRANSLATE_NOOP("CoreWords", "Cancelled"),
    "console.run.interrupted": QT_TRANSLATE_NOOP("CoreWords", "Interrupted"),
    "console.run.open": QT_TRANSLATE_NOOP("CoreWords", "Still open on the platform"),
    "console.run.queued": QT_TRANSLATE_NOOP("CoreWords", "Waiting in the phone's queue"),
    "console.no_readers": QT_TRANSLATE_NOOP("CoreWords", "No card readers found. Connect a reader and try again."),
    "console.reader.card": QT_TRANSLATE_NOOP("CoreWords", "Phone on the reader (ATR {atr})"),
    "console.reader.phone": QT_TRANSLATE_NOOP("CoreWords", "Phone on the reader"),
    "console.reader.empty": QT_TRANSLATE_NOOP("CoreWords", "No phone"),
    "console.reader.ignored": QT_TRANSLATE_NOOP("CoreWords", "(ignored by the configuration)"),
    "console.label.reader": QT_TRANSLATE_NOOP("CoreWords", "Reader"),
    "console.label.card_recognition": QT_TRANSLATE_NOOP("CoreWords", "Card recognition data"),
    "console.label.free_memory": QT_TRANSLATE_NOOP("CoreWords", "Free memory"),
    "console.pending.count": QT_TRANSLATE_NOOP("CoreWords", "SE {seid}: {count} pending tasks"),
    "console.pending.task": QT_TRANSLATE_NOOP("CoreWords", "{task}: {kinds} ({state}, due {due_at})"),
    "console.ask.card": QT_TRANSLATE_NOOP("CoreWords", "[Enter: continue / n: cancel]"),
    "console.ask.confirm": QT_TRANSLATE_NOOP("CoreWords", "[Enter or y: go ahead / n: cancel]"),
}


def say(words: Any, language: str | None = None) -> str:
    """``words`` (code + params) in ``language``, by default the clerk's: a core word, a card
    prompt or an error code; an unknown code gets the generic "not completed" words."""
    language = language or current_language()
    code, params = str(words.code), dict(words.params)
    if code in TEXTS:
        text = translate_in(language, CONTEXT, TEXTS[code])
    elif code in prompts.TEXTS:
        text = translate_in(language, prompts.CONTEXT, prompts.TEXTS[code])
    else:
        return errors.text_for_code(code, language, params)
    return wording.fill(text, params, language)


def value(key: str, text: str, language: str | None = None) -> str:
    """A receipt line's value as people read it (``state`` ``Locked`` -> 已锁定)."""
    return wording.value_words(key, text, language or current_language())
