"""What is on a card, read in one script: GET STATUS pages and GET DATA FF21 (seed §5.8.7.1).

GET STATUS answers 6310 when more entries follow and the next page is asked with P2 b1 set
(GPC 2.2.1 §11.4.2).  Only pages the card said exist are asked: a real card may reject a
speculative "next" before checking its C-MAC, and the host's MAC chain would then run ahead of
the card's (issue 9, item 4).  So a script asks each subset's first page; when one answered
6310, ``CardFlow`` sends one more script (:func:`send_pages`) that asks that subset again,
first page then the next ones, back to back (a "next" continues the *last* GET STATUS, so the
pages of one subset must follow each other).  That costs a round trip only for a registry
longer than one page.  A registry longer than ``PAGES`` pages is reported as incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ota.gp import commands
from ota.gp.constants import GetDataTag, Privilege, StatusSubset
from ota.gp.errors import GpError
from ota.gp.responses import RegistryEntry, parse_extended_card_resources, parse_get_status
from ota.gp.sw import SW
from ota.platform.flows.base import FlowError

if TYPE_CHECKING:
    from ota.platform.flows.secure import Replies, Session

PAGES = 4
SUBSETS = (StatusSubset.ISD, StatusSubset.APPS, StatusSubset.LOAD_FILES_AND_MODULES)
_FIRST_ACCEPT = (SW.OK, SW.MORE_DATA_AVAILABLE, SW.REFERENCED_DATA_NOT_FOUND, SW.INCORRECT_P1P2)
_OPTIONAL = (SW.OK, SW.REFERENCED_DATA_NOT_FOUND, SW.INCORRECT_P1P2, SW.FILE_NOT_FOUND)


@dataclass
class CardContent:
    isd: list[RegistryEntry] = field(default_factory=list)
    apps: list[RegistryEntry] = field(default_factory=list)
    load_files: list[RegistryEntry] = field(default_factory=list)
    free_nvm: int | None = None
    free_vm: int | None = None
    incomplete: list[int] = field(default_factory=list)

    def app(self, aid: bytes) -> RegistryEntry | None:
        return next((e for e in self.apps if e.aid == aid), None)

    def load_file(self, aid: bytes) -> RegistryEntry | None:
        return next((e for e in self.load_files if e.aid == aid), None)

    def is_sd(self, aid: bytes) -> bool:
        if any(e.aid == aid for e in self.isd):
            return True
        entry = self.app(aid)
        return entry is not None and bool(entry.privileges & Privilege.SECURITY_DOMAIN)

    @property
    def security_domains(self) -> list[RegistryEntry]:
        return self.isd + [e for e in self.apps if e.privileges & Privilege.SECURITY_DOMAIN]

    @property
    def applications(self) -> list[RegistryEntry]:
        return [e for e in self.apps if not e.privileges & Privilege.SECURITY_DOMAIN]

    def to_json(self) -> dict[str, Any]:
        return {
            "isd": [entry_json(e) for e in self.isd],
            "apps": [entry_json(e) for e in self.apps],
            "load_files": [entry_json(e) for e in self.load_files],
            "incomplete": [f"{s:02X}" for s in self.incomplete],
        }


def entry_json(e: RegistryEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "aid": e.aid.hex().upper(),
        "life_cycle": f"{e.life_cycle:02X}",
        "privileges": f"{e.privileges:06X}",
    }
    if e.module_aids:
        out["modules"] = [m.hex().upper() for m in e.module_aids]
    if e.load_file_aid:
        out["load_file"] = e.load_file_aid.hex().upper()
    if e.sd_aid:
        out["sd"] = e.sd_aid.hex().upper()
    if e.version:
        out["version"] = e.version.hex().upper()
    return out


def send_free_space(session: Session) -> None:
    """GET DATA FF21, Extended Card Resources (GPC 2.2.1 Amd C / §H.4); optional on a card."""
    session.send(commands.get_data(GetDataTag.EXTENDED_CARD_RESOURCES), "ff21", _OPTIONAL)


def send_status(session: Session, subsets: tuple[int, ...] = SUBSETS) -> None:
    """The first page of GET STATUS of each subset; further pages only once the card says so."""
    for subset in subsets:
        session.send(commands.get_status(subset), f"status:{subset:02X}:0", _FIRST_ACCEPT)


def more_pages(replies: Replies) -> dict[int, int]:
    """Subsets whose last page asked answered 6310, with how many pages to ask next time."""
    wanted: dict[int, int] = {}
    for subset in SUBSETS:
        pages = [replies.get(f"status:{subset:02X}:{n}") for n in range(PAGES)]
        asked = [reply for reply in pages if reply is not None]
        if asked and asked[-1].sw == SW.MORE_DATA_AVAILABLE and len(asked) < PAGES:
            wanted[subset] = len(asked) + 1
    return wanted


def send_pages(session: Session, wanted: dict[int, int]) -> None:
    """Each subset of ``wanted`` again: its first page and then its next pages, known to exist."""
    for subset, pages in wanted.items():
        session.send(commands.get_status(subset), f"status:{subset:02X}:0", _FIRST_ACCEPT)
        for page in range(1, pages):
            session.send(
                commands.get_status(subset, next_page=True), f"status:{subset:02X}:{page}", _FIRST_ACCEPT
            )


def collect(replies: Replies) -> CardContent:
    """Parse the FF21 and GET STATUS answers of a script built with the two functions above."""
    content = CardContent()
    ff21 = replies.data("ff21")
    if ff21 is not None:
        try:
            resources = parse_extended_card_resources(ff21)
            content.free_nvm, content.free_vm = resources.free_nvm, resources.free_vm
        except GpError:
            pass  # a card's optional object we cannot read is as good as absent
    targets = {
        StatusSubset.ISD: content.isd,
        StatusSubset.APPS: content.apps,
        StatusSubset.LOAD_FILES_AND_MODULES: content.load_files,
    }
    for subset, entries in targets.items():
        more = False
        for page in range(PAGES):
            reply = replies.get(f"status:{subset:02X}:{page}")
            if reply is None or (page and not more):
                break
            more = reply.sw == SW.MORE_DATA_AVAILABLE
            if reply.sw in (SW.OK, SW.MORE_DATA_AVAILABLE) and reply.data:
                try:
                    entries.extend(parse_get_status(reply.data, subset))
                except GpError as e:  # the card's answer, not our bug: a refusal, not an incident
                    raise FlowError("card.bad_response", detail={"reason": str(e), "subset": subset}) from e
        if more:
            content.incomplete.append(subset)
    return content
