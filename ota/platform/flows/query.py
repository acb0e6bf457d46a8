"""Query / synchronisation (seed §5.5.1, §5.8.4.5, §5.8.7.1): two round trips.

Script 2 reads CPLC (9F7F), Card Recognition Data (0066), free space (FF21) and the registry
(GET STATUS 80 / 40 / 10).  The platform records what it measured (``se_content``, the SE's
measured free space) and answers the clerk with the card's identity, its batch and MSISDN, the
applications with their catalog names and per-SE state, the security domains, the load files
and both free spaces: the one the platform recorded and the one the card reported.  When the
card reports less than the platform recorded, the difference is attributed to a third party
(§5.8.7.1 note 3).
"""

from __future__ import annotations

import dataclasses
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session as DbSession

from ota.gp import commands
from ota.gp.constants import GetDataTag
from ota.gp.errors import GpError
from ota.gp.responses import parse_card_recognition_data, parse_cplc
from ota.gp.sw import SW
from ota.platform.admin import companion
from ota.platform.db import update_row, utcnow
from ota.platform.flows.base import DoneOutcome, FlowContext, Outcome
from ota.platform.flows.checks import bound_msisdn, resolve_se
from ota.platform.flows.content import CardContent, collect, entry_json, send_free_space, send_status
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.flows.states import get_state
from ota.platform.metadata_cache import CATALOGUE, VersionedCache, detached_copy
from ota.platform.models import AppInstance, Application, AppState, SeBatch, SeContent, SecureElement
from ota.protocol import OperationKind

_OPTIONAL = (SW.OK, SW.REFERENCED_DATA_NOT_FOUND, SW.INCORRECT_P1P2, SW.FILE_NOT_FOUND)


class QueryFlow(CardFlow):
    kind = OperationKind.QUERY
    write = False

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        session.send(commands.get_data(GetDataTag.CPLC), "cplc", _OPTIONAL)
        session.send(commands.get_data(GetDataTag.CARD_RECOGNITION_DATA), "crd", _OPTIONAL)
        send_free_space(session)
        send_status(session)
        return session.script({"phase": "read", "flow": state})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        content = collect(r)
        se, batch = resolve_se(ctx.session, checkpoint["card"]["seid"])
        record_content(ctx.session, se, content)
        return DoneOutcome(report(ctx, se, batch, content, r))


_SNAPSHOT = sa.insert(cast(sa.Table, SeContent.__table__))  # one statement, no unit of work


def record_content(session: DbSession, se: SecureElement, content: CardContent) -> None:
    """Keep the measured snapshot and free space (§5.8.7.1); the recorded space stays as it was."""
    session.connection().execute(
        _SNAPSHOT,
        {"seid": se.seid, "measured_at": utcnow(), "registry": content.to_json(), "free_nvm": content.free_nvm,
         "free_vm": content.free_vm},
    )
    measured = {"measured_free_space": content.free_nvm} if content.free_nvm is not None else {}
    update_row(session, se, last_sync=utcnow(), **measured)


def space_view(se: SecureElement, batch: SeBatch) -> dict[str, Any]:
    """Recorded vs measured free space; a shortfall of the card is shown as third-party use."""
    measured, recorded = se.measured_free_space, se.recorded_free_space
    total = batch.initial_free_space
    return {
        "total": total,
        "free_measured": measured,
        "free_recorded": recorded,
        "used": total - measured if measured is not None else None,
        "third_party": max(0, recorded - measured) if measured is not None and recorded is not None else 0,
    }


def report(ctx: FlowContext, se: SecureElement, batch: SeBatch, content: CardContent, r: Replies) -> dict[str, Any]:
    session = ctx.session
    apps, known = _catalog_apps(session, se.seid, content)
    return {
        "identity": {
            "seid": se.seid,
            "atr": ctx.card.atr,
            "cplc": _cplc(r.data("cplc")),
            "card_recognition": _recognition(r.data("crd")),
        },
        "batch": {
            "name": batch.name,
            "chip_type": batch.chip_type,
            "cms2ac_version": batch.cms2ac_version,
            "java_version": batch.java_version,
        },
        "msisdn": bound_msisdn(session, se.seid),
        "apps": apps,
        "apps_without_companion": sorted(a["name"] for a in apps if not a["companion"]),
        "other_apps": [entry_json(e) for e in content.applications if e.aid not in known],
        "security_domains": [entry_json(e) for e in content.security_domains],
        "load_files": [entry_json(e) for e in content.load_files],
        "space": space_view(se, batch),
        "registry_complete": not content.incomplete,
    }


_CATALOGUE: VersionedCache[str, tuple[tuple[Application, tuple[AppInstance, ...]], ...]] = VersionedCache(CATALOGUE)
"""The catalogue's applications with their declared instances, as read-only detached copies."""


def _catalogue(session: DbSession) -> tuple[tuple[Application, tuple[AppInstance, ...]], ...]:
    instances: dict[int, list[AppInstance]] = {}
    for instance in session.scalars(sa.select(AppInstance).order_by(AppInstance.instance_aid)):
        instances.setdefault(instance.application_id, []).append(detached_copy(instance))
    return tuple(
        (detached_copy(app), tuple(instances.get(app.id, ())))
        for app in session.scalars(sa.select(Application).order_by(Application.id))
    )


def _catalog_apps(session: DbSession, seid: str, content: CardContent) -> tuple[list[dict[str, Any]], set[bytes]]:
    """Catalog applications present on the card or with a per-SE state other than Ready."""
    out: list[dict[str, Any]] = []
    known: set[bytes] = set()
    for app, instances in _CATALOGUE.get(session, "apps", lambda: _catalogue(session)):
        present = [(i, e) for i in instances if (e := content.app(bytes.fromhex(i.instance_aid))) is not None]
        state = get_state(session, seid, app.id)
        if not present and state is AppState.READY:
            continue
        known.update(e.aid for _, e in present)
        out.append(
            {
                "app_id": app.id,
                "name": app.name,
                "title_zh": app.title_zh,
                "title_en": app.title_en,
                "version": app.version,
                "state": state.value,
                "needs_activation": app.needs_activation,
                "companion": companion.link_for(session, app) is not None,
                "instances": [
                    {"aid": e.aid.hex().upper(), "life_cycle": f"{e.life_cycle:02X}", "locked": bool(e.life_cycle & 0x80),
                     "label_zh": i.label_zh, "label_en": i.label_en}
                    for i, e in present
                ],
                "declared_instances": len(instances),
                # declared but not on the card: a download of that instance adds it (§5.8.4.1)
                "addable_instances": [
                    {"aid": i.instance_aid, "label_zh": i.label_zh, "label_en": i.label_en}
                    for i in instances if present and all(i is not p for p, _ in present)
                ],
            }
        )
    return out, known


def _cplc(data: bytes | None) -> dict[str, str] | None:
    if data is None:
        return None
    try:
        cplc = parse_cplc(data)
    except GpError:
        return None
    return {k: v.hex().upper() if isinstance(v, bytes) else v for k, v in dataclasses.asdict(cplc).items()}


def _recognition(data: bytes | None) -> dict[str, Any] | None:
    if data is None:
        return None
    try:
        crd = parse_card_recognition_data(data)
    except GpError:
        return None
    return {"gp_version": crd.gp_version, "scp": f"{crd.scp:02X}", "i": f"{crd.i:02X}"}


FLOW = QueryFlow()
