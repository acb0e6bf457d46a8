"""The one policy table (issue 14 round 3 item 3): counter services and administrative actions in
one table of role x terminal kind, enforced for the admin API behind the one principal.

``ADMIN_RIGHTS`` restates the seed's rules in words of their own (§5.4.4, §5.6, §5.7.3), so a
change to the table that breaks one fails here.
"""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform import policy
from ota.platform.models import AuditEntry
from ota.protocol import Role, Service, TerminalKind
from tests.platform.admin_support import AdminPlatform, admin_platform, sqlite_only  # noqa: F401

LIFECYCLE = {"app.read", "app.submit", "app.audit", "app.test", "app.publish", "app.archive", "removal.manage"}
ADMIN_RIGHTS: dict[Role, set[str]] = {
    Role.CLERK: set(),
    Role.TECHNICIAN: set(),
    Role.KIOSK: set(),
    Role.AUDITOR: set(),
    Role.TESTER: {"app.read", "app.test", "batch.read"},
    # a provider reads its security domains and hands over their keys under its transport key (§5.3)
    Role.PROVIDER: {"app.read", "app.submit", "companion.write", "instance.write", "provider.change_extended",
                    "provider.self", "sd.read", "sd.keys"},
    Role.BUSINESS_PLATFORM: {"business.notice"},
    # the business admin runs the business, not the system: no tests, batches, operators, config
    Role.BUSINESS_ADMIN: (LIFECYCLE - {"app.test"}) | {
        "companion.write", "instance.write", "provider.read", "provider.register", "provider.approve", "provider.change_basic",
        "provider.change_extended", "provider.blacklist", "batch.read", "system.read", "stats.read",
        "subscriber.read", "subscriber.write", "business.manage", "activation.expire",
        "sd.read", "sd.write", "sd.keys"},
    # the administrator may do everything but speak as a provider or a business platform
    Role.ADMIN: set(policy.ADMIN_ACTIONS) - {"provider.self", "business.notice"},
}


def _table() -> str:
    rows = []
    for role in Role:
        for kind in TerminalKind:
            cell = policy.actions(role, kind)
            rows.append(f"{role:<14} {kind:<8} {', '.join(sorted(cell)) or '-'}")
    return "\n".join(rows)


def test_the_one_table_holds_services_and_admin_actions() -> None:
    print(_table())
    for role in Role:
        for kind in TerminalKind:
            cell = policy.actions(role, kind)
            admin_part = {a for a in cell if a in policy.ADMIN_ACTIONS}
            service_part = cell - admin_part
            # administration only at a staffed desk, never at a kiosk
            assert admin_part == (set() if kind == TerminalKind.KIOSK else ADMIN_RIGHTS[role]), (role, kind)
            # the counter-services half is the one the login answer lists
            assert {Service(s) for s in service_part} == policy.services(role, kind), (role, kind)
    # every administrative action is somebody's, and the table is the only place that says whose
    granted = {a for role in Role for kind in TerminalKind for a in policy.actions(role, kind)}
    assert set(policy.ADMIN_ACTIONS) <= granted


@sqlite_only
def test_admin_actions_follow_the_terminal_kind_of_the_principal(admin_platform: AdminPlatform) -> None:
    """The same business admin may list apps at a laptop and not at a kiosk; the refusal names the
    terminal the certificate proved, and is audited."""
    p = admin_platform
    at_laptop, at_kiosk = p.login("badmin", "laptop-01"), p.login("badmin", "kiosk-01")
    assert at_laptop.get(p.admin("/apps")).status_code == 200
    refused = at_kiosk.get(p.admin("/apps"))
    assert (refused.status_code, refused.json()["code"]) == (403, "auth.forbidden")
    assert refused.json()["detail"] == {"action": "app.read", "role": "business_admin", "terminal_kind": "kiosk"}
    rows = p.query_db(sa.select(AuditEntry).where(AuditEntry.event == "admin.refused"))
    assert [(r.detail["action"], r.detail["terminal"], r.detail["terminal_kind"]) for r in rows] == [
        ("app.read", "kiosk-01", "kiosk")
    ]
    # the counter half of the same table still answers for the counter API
    assert at_kiosk.get(p.api("/audit")).json()["code"] == "policy.forbidden"


def test_perso_update_is_a_clerks_counter_service() -> None:
    """Seed §5.8.4.6: the personalisation update writes the subscriber's application data, so it
    is a subscriber service of a staffed counter (region rule applies); never a kiosk's, and not
    a field technician's (diagnostics only)."""
    assert Service.PERSO_UPDATE in policy.SUBSCRIBER_SERVICES
    for kind in (TerminalKind.COUNTER, TerminalKind.LAPTOP):
        assert Service.PERSO_UPDATE in policy.services(Role.CLERK, kind)
    assert Service.PERSO_UPDATE not in policy.services(Role.CLERK, TerminalKind.KIOSK)
    for role in (Role.TECHNICIAN, Role.KIOSK, Role.AUDITOR, Role.PROVIDER):
        for kind in TerminalKind:
            assert Service.PERSO_UPDATE not in policy.services(role, kind), (role, kind)
