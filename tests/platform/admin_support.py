"""A platform for the administration tests: the demo catalog, admin roles, HTTPS, and a CAP the
project never shipped (``forged_cap``) to take through the life cycle to a counter download."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy.engine import Engine

from ota.platform import auth, tls
from ota.platform.api import create_app
from ota.platform.db import session_factory, transaction
from ota.platform.demo import init_demo
from ota.platform.flows import default_registry
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.settings import PlatformSettings
from ota.protocol import Role
from tests.platform.conftest import PASSWORDS, seed_people
from tests.platform.flow_support import CAPS, FlowPlatform, serving

SOURCE_CAP = CAPS / "JCMemory_v1.0_sdk2.2.2.cap"
SOURCE_PACKAGE = bytes.fromhex("4A43416C6754657375")
NEW_CAP_PACKAGE = "4A43416C6754657376"
NEW_CAP_APPLET = "4A43416C675465737631"


def forged_cap() -> bytes:
    """A CAP the project never shipped: JCMemory with its package (and so its applet) AID changed.

    The package AID is the prefix of the applet AID and appears only in the Header and Applet
    components; same length, so no size in the Directory changes.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(SOURCE_CAP) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(("Header.cap", "Applet.cap")):
                data = data.replace(SOURCE_PACKAGE, bytes.fromhex(NEW_CAP_PACKAGE))
            zout.writestr(info, data)
    return out.getvalue()
ADMIN_PEOPLE = {
    "badmin": ("pw-badmin-1", Role.BUSINESS_ADMIN, "GD-GZ"),
    "tester1": ("pw-tester-1", Role.TESTER, "GD-GZ"),
}
TEST_NUMBER = "13800138001"
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
"""For breadth: each capability keeps one PostgreSQL path, the variations run on SQLite only."""


class AdminPlatform(FlowPlatform):
    def login(self, operator: str = "clerk1", terminal: str = "counter-01") -> requests.Session:
        client = self.client(terminal)
        password = {**PASSWORDS, **ADMIN_PEOPLE, **getattr(self, "extra", {})}[operator][0]
        reply = client.post(
            self.api("/login"), json={"operator": operator, "password": password, "terminal_id": terminal}
        )
        assert reply.status_code == 200, reply.text
        client.headers["Authorization"] = f"Bearer {reply.json()['token']}"
        return client

    def client_login_status(self, operator: str, password: str, terminal: str = "laptop-01") -> int:
        with self.client(terminal) as client:
            body = {"operator": operator, "password": password, "terminal_id": terminal}
            return client.post(self.api("/login"), json=body).status_code

    def admin(self, path: str) -> str:
        return self.api(f"/admin{path}")


def submission(name: str = "MemProbe", **changes: Any) -> dict[str, Any]:
    """A submission of the forged CAP with the structure it really has; ``changes`` override fields."""
    raw = forged_cap()
    body: dict[str, Any] = {
        "name": name,
        "title_zh": "内存探针",
        "title_en": "Memory probe",
        "provider": "CRoCS",
        "version": "2.0",
        "release_date": "20261201",
        "load_files": [
            {
                "file_name": "MemProbe_v2.0.cap",
                "content_b64": base64.b64encode(raw).decode(),
                "sha1": hashlib.sha1(raw).hexdigest(),
                "aid": NEW_CAP_PACKAGE,
                "modules": [NEW_CAP_APPLET],
            }
        ],
        "main_module": NEW_CAP_APPLET,
        "instances": [{"aid": NEW_CAP_APPLET, "module": NEW_CAP_APPLET}],
        "memory": {"nv": 256, "volatile": 64},
        "deletion_mode": "full",
        "batches": ["DEMO-A"],
    }
    body.update(changes)
    return body


@pytest.fixture
def admin_platform(db: Engine, tls_files: tls.TlsFiles) -> Iterator[AdminPlatform]:
    keystore = SoftwareKeyStore(session_factory(db), os.urandom(32))
    app = create_app(db, keystore=keystore, settings=PlatformSettings(), registry=default_registry())
    seed_people(app.state.sessions)
    with transaction(app.state.sessions) as session:
        for name, (password, role, region) in ADMIN_PEOPLE.items():
            auth.add_operator(session, name, password, role, region)
    init_demo(app.state.sessions, keystore, CAPS)
    with serving(AdminPlatform, app, tls_files) as platform:
        yield platform
