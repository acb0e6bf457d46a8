"""SE batches (seed §5.8.1): SEID ranges, chip, CMS2AC and Java Card versions, initial free space,
preloaded applications and SDs with their memory and state, and the ISD key reference.

An SE's batch is the one whose SEID range holds it (``cards.batch_for_seid``).  Ranges of SEIDs
of one length may nest but not partly overlap, so the narrowest range holding an SEID is unique.
"""

from __future__ import annotations

from typing import Annotated, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin.schemas import Aid, Name, Seid
from ota.platform.cards import batch_for_seid
from ota.platform.demo import ISD_PRIVILEGES
from ota.platform.errors import ConflictError, not_found
from ota.platform.models import BatchPreload, Diversification, SeBatch, SecureElement, SecurityDomain

Version = Annotated[str, StringConstraints(min_length=1, max_length=16)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Preload(_In):
    aid: Aid
    kind: Literal["app", "sd"]
    memory: Literal["rom", "flash", "eeprom"] = "flash"
    state: Annotated[str, StringConstraints(max_length=16)] = ""


class BatchIn(_In):
    name: Name
    seid_start: Seid
    seid_end: Seid
    chip_type: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    cms2ac_version: Version
    java_version: Version
    initial_free_space: Annotated[int, Field(ge=0)]
    isd_aid: Aid = "A000000151000000"
    key_set_ref: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    diversification: Diversification = Diversification.NONE
    scp: Annotated[int, Field(ge=2, le=3)] = 2
    """SCP02 or SCP03 (issue 12)."""
    scp_i: Annotated[int, Field(ge=0, le=0xFF)] = 0x15
    scp_level: Annotated[int, Field(ge=0, le=0xFF)] = 0x01
    scp_kvn: Annotated[int, Field(ge=0, le=0xFF)] = 0
    reported_outcomes: bool = False
    """The batch's cards cannot R-MAC (``scp_i`` without b6): their outcomes are recorded as the
    terminal reports them and reconciled at every contact (issue 9).  Must be said explicitly."""
    preloads: list[Preload] = Field(default_factory=list, max_length=64)

    @model_validator(mode="after")
    def _range(self) -> BatchIn:
        if len(self.seid_start) != len(self.seid_end) or self.seid_start > self.seid_end:
            raise ValueError("seid_start and seid_end must have the same length and start <= end")
        return self


class BatchView(BatchIn):
    id: int
    ses: int


class BatchList(BaseModel):
    batches: list[BatchView]


_FIELDS = ("name", "seid_start", "seid_end", "chip_type", "cms2ac_version", "java_version", "initial_free_space",
           "isd_aid", "key_set_ref", "diversification", "scp", "scp_i", "scp_level", "scp_kvn",
           "reported_outcomes")


def view(session: Session, batch: SeBatch) -> BatchView:
    preloads = session.scalars(sa.select(BatchPreload).where(BatchPreload.batch_id == batch.id).order_by(BatchPreload.aid))
    ses = session.scalar(sa.select(sa.func.count()).where(SecureElement.batch_id == batch.id)) or 0
    return BatchView(
        id=batch.id, ses=ses, **{f: getattr(batch, f) for f in _FIELDS},
        preloads=[Preload(aid=p.aid, kind=p.kind, memory=p.memory, state=p.state) for p in preloads],  # type: ignore[arg-type]
    )


def find(session: Session, name: str) -> SeBatch:
    batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == name)).first()
    if batch is None:
        raise not_found("SE batch", name)
    return batch


def _check_overlap(session: Session, body: BatchIn, own_id: int | None) -> None:
    for other in session.scalars(sa.select(SeBatch).where(sa.func.length(SeBatch.seid_start) == len(body.seid_start))):
        overlap = other.seid_start <= body.seid_end and body.seid_start <= other.seid_end
        nested = (other.seid_start <= body.seid_start and body.seid_end <= other.seid_end) or (
            body.seid_start <= other.seid_start and other.seid_end <= body.seid_end
        )
        if other.id != own_id and overlap and not nested:
            raise ConflictError("batch.overlap", detail={"batch": other.name}, params={"name": other.name})


def save(session: Session, actor: str, body: BatchIn, replace: str | None = None) -> BatchView:
    """Add a batch, or change the one named ``replace`` (name included); its preloads are replaced."""
    existing = find(session, replace) if replace else None
    clash = session.scalars(sa.select(SeBatch).where(SeBatch.name == body.name)).first()
    if clash is not None and clash is not existing:
        raise ConflictError("batch.exists", params={"name": body.name})
    _check_overlap(session, body, existing.id if existing else None)
    batch = existing or SeBatch()
    for f in _FIELDS:
        setattr(batch, f, getattr(body, f))
    session.add(batch)
    session.flush()
    if session.get(SecurityDomain, body.isd_aid) is None:  # the batch's ISD, home of the catalog's apps
        session.add(SecurityDomain(aid=body.isd_aid, name="ISD", owner="mobile", privileges=int(ISD_PRIVILEGES),
                                   key_set_ref=body.key_set_ref))
    session.execute(sa.delete(BatchPreload).where(BatchPreload.batch_id == batch.id))
    session.add_all(BatchPreload(batch_id=batch.id, **p.model_dump()) for p in body.preloads)
    session.flush()
    audit.record(session, "batch.change" if existing else "batch.add", actor, batch=body.name,
                 seid_start=body.seid_start, seid_end=body.seid_end, key_set_ref=body.key_set_ref)
    return view(session, batch)


def list_batches(session: Session) -> list[BatchView]:
    return [view(session, b) for b in session.scalars(sa.select(SeBatch).order_by(SeBatch.name))]


def for_seid(session: Session, seid: str) -> BatchView:
    batch = batch_for_seid(session, seid)
    if batch is None:
        raise not_found("batch of SEID", seid.upper())
    return view(session, batch)
