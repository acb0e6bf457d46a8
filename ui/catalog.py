"""The services the terminal offers, with their labels, and which mode may run which.

Labels are marked with ``QT_TRANSLATE_NOOP`` (lupdate cannot see ``tr(variable)``) and
translated where they are shown, with :func:`label`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ui.noop import QT_TRANSLATE_NOOP

CONTEXT = "Services"


@dataclass(frozen=True)
class ServiceInfo:
    kind: str
    title: str
    blurb: str
    writes_card: bool
    kiosk: bool  # a self-service kiosk may run it


SERVICES = (
    ServiceInfo("query", QT_TRANSLATE_NOOP("Services", "Query"),
                QT_TRANSLATE_NOOP("Services", "Read the secure element: identity, applications, space."),
                False, True),
    ServiceInfo("lock", QT_TRANSLATE_NOOP("Services", "Lock"),
                QT_TRANSLATE_NOOP("Services", "Lock an application, e.g. when the phone is lost."),
                True, True),
    # Seed §5.8.4.3: unlocking happens only at a business-hall counter, never at a kiosk.
    ServiceInfo("unlock", QT_TRANSLATE_NOOP("Services", "Unlock"),
                QT_TRANSLATE_NOOP("Services", "Unlock an application (counter only)."), True, False),
    ServiceInfo("download", QT_TRANSLATE_NOOP("Services", "Download"),
                QT_TRANSLATE_NOOP("Services", "Install an application from the catalogue."), True, False),
    ServiceInfo("delete", QT_TRANSLATE_NOOP("Services", "Delete"),
                QT_TRANSLATE_NOOP("Services", "Remove an application from the secure element."), True, False),
    ServiceInfo("migrate", QT_TRANSLATE_NOOP("Services", "Migration"),
                QT_TRANSLATE_NOOP("Services", "Move an application to the subscriber's new phone."), True, False),
    ServiceInfo("change_number", QT_TRANSLATE_NOOP("Services", "Number change"),
                QT_TRANSLATE_NOOP("Services", "Write the new phone number to the secure element."), True, False),
    # Seed §5.8.4.6: the provider's current data written again into an installed application.
    ServiceInfo("perso_update", QT_TRANSLATE_NOOP("Services", "Personalisation update"),
                QT_TRANSLATE_NOOP("Services", "Personalise an installed application again with its provider's "
                                  "current data."), True, False),
)

BY_KIND = {s.kind: s for s in SERVICES}


def label(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def title(kind: str) -> str:
    info = BY_KIND.get(kind)
    return label(info.title) if info else kind


def allowed(kiosk: bool) -> list[ServiceInfo]:
    return [s for s in SERVICES if s.kiosk or not kiosk]
