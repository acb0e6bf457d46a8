"""The terminal side of access control against the demo platform (issue 9 items 5-7).

The demo enrols its own terminals; the terminal presents its certificate from the config, learns
what its operator may do from the login, and its logout ends the session on the platform.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import requests

from app.config import load_config
from app.demo import DemoEnvironment
from app.errors import ConfigError
from app.terminal import Terminal


def test_login_tells_the_terminal_what_the_operator_may_do(demo: DemoEnvironment) -> None:
    assert demo.config is not None
    terminal = Terminal.open(demo.config)
    try:
        clerk = terminal.login("clerk1", "clerk1-demo")
        assert (clerk.terminal_id, clerk.terminal_kind, clerk.hall) == ("counter-01", "counter", "广州天河营业厅")
        assert {"unlock", "download", "change_number"} <= set(clerk.services)
        kiosk = terminal.login("kiosk1", "kiosk1-demo")
        assert sorted(kiosk.services) == ["lock", "query"]
        admin = terminal.login("admin", "admin-demo")
        assert admin.services == ["administration"]
    finally:
        terminal.close()


def test_logout_revokes_the_token_on_the_platform(terminal: Terminal, demo: DemoEnvironment) -> None:
    token = terminal.client._token
    assert token
    terminal.client.logout()
    assert demo.config is not None
    cert = demo.config.client_cert_pair()
    reply = requests.get(f"{demo.url}/api/v1/operations", headers={"Authorization": f"Bearer {token}"},
                         verify=demo.config.ca_file, cert=cert, timeout=10)
    assert reply.status_code == 401 and reply.json()["code"] == "auth.invalid"


def test_key_file_readable_by_others_is_refused(demo: DemoEnvironment, tmp_path: Path) -> None:
    assert demo.config is not None and demo.config.client_key
    key = tmp_path / "terminal.key"
    key.write_bytes(Path(demo.config.client_key).read_bytes())
    os.chmod(key, 0o644)
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"platform_url": demo.url, "client_cert": demo.config.client_cert,
                                  "client_key": str(key)}))
    with pytest.raises(ConfigError) as refused:
        load_config(config)
    assert "client_key" in str(refused.value) and "600" in str(refused.value)
    assert Path(demo.config.client_key).stat().st_mode & 0o777 == 0o600
