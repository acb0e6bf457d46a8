"""The policy table, cell by cell, and its enforcement over real HTTPS (issue 9 item 6).

``EXPECTED`` restates the issue's rules in words of their own, so a change to the table that
breaks a rule fails here: clerk — every counter service (a kiosk terminal limits it to query and
lock); technician — query and diagnostics only; kiosk — query and lock only; admin —
administration, no subscriber services; auditor — the audit log.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.platform import policy
from ota.platform.models import AuditEntry
from ota.protocol import Role, Service, TerminalKind
from tests.platform.conftest import PASSWORDS, terminal_cert
from tests.platform.flow_support import (  # noqa: F401 - flow_platform is a fixture
    FOREIGN_MSISDN,
    FlowPlatform,
    flow_platform,
    new_seid,
)

APP = "ExampleHelloWorld"
SUBSCRIBER = {Service.QUERY, Service.LOCK, Service.UNLOCK, Service.DOWNLOAD, Service.DELETE,
              Service.MIGRATE, Service.CHANGE_NUMBER, Service.SD_CREATE, Service.SD_DELETE,
              Service.PERSO_UPDATE}


def expected(role: Role, kind: TerminalKind, service: Service) -> bool:
    if role == Role.CLERK:
        if kind == TerminalKind.KIOSK:
            return service in (Service.QUERY, Service.LOCK)
        return service in SUBSCRIBER
    if role == Role.TECHNICIAN:
        return service in (Service.QUERY, Service.DIAGNOSTICS)
    if role == Role.KIOSK:
        return service in (Service.QUERY, Service.LOCK)
    if role == Role.ADMIN:
        return service == Service.ADMINISTRATION and kind != TerminalKind.KIOSK
    if role == Role.AUDITOR:
        return service == Service.AUDIT_READ and kind != TerminalKind.KIOSK
    return False


CELLS = [(r, k, s) for r in Role for k in TerminalKind for s in Service]


@pytest.mark.parametrize(("role", "kind", "service"), CELLS, ids=[f"{r}-{k}-{s}" for r, k, s in CELLS])
def test_policy_cell(role: Role, kind: TerminalKind, service: Service) -> None:
    assert policy.allows(role, kind, service) is expected(role, kind, service)


def test_kiosk_never_changes_number_deletes_or_redownloads() -> None:
    for role in Role:
        for forbidden in (Service.CHANGE_NUMBER, Service.DELETE, Service.DOWNLOAD, Service.UNLOCK):
            assert not policy.allows(role, TerminalKind.KIOSK, forbidden)


# --- enforcement over HTTPS: every cell a real operator at a real enrolled terminal hits ---------

PEOPLE = {Role.CLERK: "clerk1", Role.TECHNICIAN: "tech1", Role.KIOSK: "kiosk1", Role.ADMIN: "admin",
          Role.AUDITOR: "auditor1"}
TERMINAL_OF = {TerminalKind.COUNTER: "counter-01", TerminalKind.LAPTOP: "laptop-01",
               TerminalKind.KIOSK: "kiosk-01"}


def _attempt(platform: FlowPlatform, client: requests.Session, service: Service) -> requests.Response:
    if service == Service.DIAGNOSTICS:
        return client.get(platform.api("/diagnostics"))
    if service == Service.ADMINISTRATION:
        return client.get(platform.api("/admin/links"))
    if service == Service.AUDIT_READ:
        return client.get(platform.api("/audit"))
    # A fresh unbound SE of the demo batch: an allowed start gets an operation (which the flow
    # may fail for its own reasons), a refused one never gets that far.
    card = {"atr": "3B00", "seid": new_seid()}
    body = {"kind": str(service), "card": card, "params": {"app_id": APP}, "idempotency_key": uuid.uuid4().hex}
    return client.post(platform.api("/operations"), json=body)


def test_policy_enforced_per_cell_over_https(flow_platform: FlowPlatform) -> None:
    refusals = 0
    for role, operator in PEOPLE.items():
        for kind, terminal in TERMINAL_OF.items():
            client, login = _login(flow_platform, operator, terminal)
            assert set(login["services"]) == set(policy.services(role, kind))
            assert login["terminal_kind"] == kind and login["hall"] == "hall-1"
            for service in Service:
                reply = _attempt(flow_platform, client, service)
                cell = f"{role} at {kind}: {service}"
                if expected(role, kind, service):
                    assert reply.status_code == 200, f"{cell}: {reply.text}"
                else:
                    refusals += 1
                    assert reply.status_code == 403, f"{cell}: {reply.text}"
                    assert reply.json()["code"] == "policy.forbidden", cell
    audited = flow_platform.scalar(
        sa.select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.event == "policy.refused")
    )
    assert audited == refusals > 0


def _login(platform: FlowPlatform, operator: str, terminal: str) -> tuple[requests.Session, dict[str, Any]]:
    client = requests.Session()
    client.trust_env, client.verify, client.cert = False, str(platform.ca), terminal_cert(terminal)
    platform.clients.append(client)
    reply = client.post(platform.api("/login"), json={
        "operator": operator, "password": PASSWORDS[operator][0], "terminal_id": terminal})
    assert reply.status_code == 200, reply.text
    client.headers["Authorization"] = f"Bearer {reply.json()['token']}"
    return client, reply.json()


# --- region: a clerk serves subscribers of their region, at a terminal of that region -----------


def _params(service: str) -> dict[str, Any]:
    if service == "change_number":
        return {"new_msisdn": "13800138077", "imsi": "460001234567890"}
    if service in ("query",):
        return {}
    return {"app_id": APP}


@pytest.mark.parametrize("service", sorted(s.value for s in SUBSCRIBER))
def test_out_of_region_refused_per_service(flow_platform: FlowPlatform, service: str) -> None:
    attempts = (
        ("clerk1", "counter-01", FOREIGN_MSISDN),  # GD-GZ clerk, GD-SZ subscriber
        ("clerk-sz", "counter-sz", None),  # GD-SZ clerk and terminal, GD-GZ subscriber
        ("clerk1", "counter-sz", None),  # GD-GZ clerk at a terminal enrolled in GD-SZ
    )
    for operator, terminal, msisdn in attempts:
        card = flow_platform.card(msisdn=msisdn) if msisdn else flow_platform.card()
        client = flow_platform.login(operator, terminal)
        other = flow_platform.card(msisdn=None)
        reply = flow_platform.start(client, service, card, **_params(service))
        assert reply.status_code == 200, reply.text
        run = flow_platform.relay(client, reply.json(), card, {"target": other, "source": card})
        assert (run.state, run.error.get("code")) == ("failed", "policy.region"), (operator, terminal, run.view)
        assert run.round_trips <= 1, "refused before any write reached the card"
    failed = flow_platform.query_db(
        sa.select(AuditEntry.detail).where(AuditEntry.event == "operation.failed")
    )
    assert sum(1 for d in failed if d.get("error") == "policy.region") == 3
