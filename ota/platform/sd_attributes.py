"""What a security domain's §5.3.1 attributes mean to the flows that create and fill it.

* space type ``fixed`` with a size: the SD reserves that many bytes of the SE when created (the
  SE's recorded free space drops by it, §5.8.3.1.1) and the applications downloaded into it must
  fit in it together (§5.8.4.1 note); ``flexible`` SDs share the SE's free space;
* mode ``normal`` / ``dap`` / ``token`` / ``authorized`` (GP 2.2.1 §C.1–C.4: the SD's owner signs
  load files, delegates management with tokens, or manages its content itself);
* deletion rule ``separate`` (a separate SD delete) or ``with_last_app`` (the full delete of the
  SD's last application on an SE deletes the SD in the same script: :func:`goes_with_last_app`);
* key-update period in days; install parameters generated from the mode and the space (§5.3.1:
  "自动产生"): the ``C9`` application-specific parameters the owner gave, and for a fixed space
  the ``EF``/``C8`` non-volatile memory quota (GPC 2.2.1 §11.5.2.3.7 Table 11-50).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from ota.gp import commands, dap
from ota.platform import audit, sd_key_period
from ota.platform.flows.base import FailedOutcome, FlowError
from ota.platform.models import Application, AppState, LoadFile, SeAppState, SecureElement, SecurityDomain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SPACE_TYPES = ("flexible", "fixed")
MODES = ("normal", "dap", "token", "authorized")
DELETION_RULES = ("separate", "with_last_app")


def is_fixed(sd: SecurityDomain) -> bool:
    return sd.space_type == "fixed" and sd.space_size is not None


def install_parameters(sd: SecurityDomain) -> bytes:
    """The SD's INSTALL [for install] parameters field: ``C9`` plus, for a fixed space, its quota."""
    return commands.install_parameters(
        bytes.fromhex(sd.install_params or ""), nv_quota=sd.space_size if is_fixed(sd) else None
    )


def used_space(db: Session, sd_aid: str, seid: str) -> int:
    """Bytes the platform records as taken by applications of ``sd_aid`` on one SE."""
    total = db.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Application.code_size), 0))
        .join(SeAppState, SeAppState.application_id == Application.id)
        .where(Application.sd_aid == sd_aid, SeAppState.seid == seid, SeAppState.state != AppState.READY)
    )
    return int(total or 0)


def check_fixed_space(db: Session, sd: SecurityDomain, seid: str, needed: int) -> None:
    """Refuse a download into a fixed-space SD that the SD's space cannot hold."""
    if not is_fixed(sd):
        return
    assert sd.space_size is not None
    free = sd.space_size - used_space(db, sd.aid, seid)
    if needed > free:
        raise FlowError(
            "sd.no_space",
            detail={"sd": sd.aid, "needed": needed, "free": free},
            params={"needed": needed, "free": free},
        )


def check_dap(sd: SecurityDomain, creating: bool, load_files: list[LoadFile]) -> None:
    """A download into a DAP-mode SD needs the SD on the card with its DAP key (created by the
    SD create service, never on the fly) and the owner's signature of every load file."""
    if sd.mode != "dap":
        return
    if creating:
        raise FlowError("sd.dap_create_first", detail={"sd": sd.aid})
    unsigned = [f.aid for f in load_files if not f.dap_signature]
    if unsigned:
        raise FlowError(
            "sd.dap_signature_missing",
            detail={"sd": sd.aid, "load_files": unsigned},
        )


def load_data(sd: SecurityDomain | None, load_file: LoadFile, data: bytes) -> tuple[bytes, bytes]:
    """INSTALL [for load]'s SD AID and the LOAD data: for a DAP-mode SD the load file is
    associated with it and its owner's DAP block goes ahead of C4 (GPC 2.2.1 Table 11-58)."""
    if sd is None or sd.mode != "dap" or not load_file.dap_signature:
        return b"", data
    aid = bytes.fromhex(sd.aid)
    return aid, dap.dap_block(aid, bytes.fromhex(load_file.dap_signature)) + data


def explain_dap_refusal(db: Session, app: Application, failure: FailedOutcome) -> FailedOutcome:
    """A LOAD into a DAP-mode SD refused with 6982 is the card's DAP verification failing."""
    detail = failure.detail or {}
    sd = db.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
    if sd is None or sd.mode != "dap" or detail.get("sw") != "6982" or not str(detail.get("command", "")).startswith("load:"):
        return failure
    return FailedOutcome("sd.dap_refused", {**detail, "sd": sd.aid})


def goes_with_last_app(db: Session, app: Application, seid: str, isd_aid: str) -> str | None:
    """The SD to delete with ``app`` on ``seid`` under the ``with_last_app`` rule (§5.3.1), or None."""
    sd = db.get(SecurityDomain, app.sd_aid) if app.sd_aid and app.sd_aid != isd_aid.upper() else None
    if sd is None or sd.deletion_rule != "with_last_app":
        return None
    others = db.scalar(
        sa.select(sa.func.count())
        .select_from(SeAppState)
        .join(Application, Application.id == SeAppState.application_id)
        .where(
            Application.sd_aid == sd.aid,
            Application.id != app.id,
            SeAppState.seid == seid,
            SeAppState.state != AppState.READY,
        )
    )
    return None if others else sd.aid


def record_sd_gone(db: Session, seid: str, sd_aid: str, actor: str) -> None:
    """The SD went with its last application: audited, and a fixed space returns to the SE."""
    sd = db.get(SecurityDomain, sd_aid)
    se = db.get(SecureElement, seid)
    if sd is not None and se is not None and is_fixed(sd) and se.recorded_free_space is not None:
        se.recorded_free_space += sd.space_size or 0
    sd_key_period.sd_gone(db, seid, sd_aid)
    audit.record(db, "sd.deleted", actor, seid=seid, sd=sd_aid, rule="with_last_app")
