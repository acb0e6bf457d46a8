"""The customer identity check a clerk records before unlock, migration and number change.

The clerk looks at the customer's document and records its type and its last digits only, never
the whole number (a terminal is no place for ID numbers).  The check travels to the platform in
the operation's params (``identity_check``), so the platform's operation record says who was
checked and how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.errors import InputError

# Document types a business hall accepts (stable codes; the UI shows the words).
DOCUMENT_TYPES = ("resident_id", "passport", "hk_macau_permit", "taiwan_permit", "foreign_permanent_id")
LAST_DIGITS = 4
_LAST = re.compile(rf"^[0-9A-Z]{{{LAST_DIGITS}}}$")

# Services that change who controls the phone's applications: the customer proves who they are.
NEEDS_IDENTITY_CHECK = frozenset({"unlock", "migrate", "change_number"})


@dataclass(frozen=True)
class IdentityCheck:
    document_type: str
    last_digits: str

    def __post_init__(self) -> None:
        if self.document_type not in DOCUMENT_TYPES:
            raise InputError(f"unknown document type {self.document_type!r}", {"field": "document_type"})
        if not _LAST.match(self.last_digits):
            raise InputError(f"the last {LAST_DIGITS} characters of the document, nothing more",
                             {"field": "last_digits"})

    def to_params(self) -> dict[str, Any]:
        return {"document_type": self.document_type, "last_digits": self.last_digits}
