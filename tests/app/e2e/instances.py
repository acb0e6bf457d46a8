"""A demo platform with a two-instance application, as an admin sets it up over HTTPS (issue 14,
seed §5.8.4.1): submitted, tested and published, each instance labelled and given its own data."""

from __future__ import annotations

from typing import Any

import requests

from ota.protocol import API_PREFIX
from tests.platform.admin_support import NEW_CAP_APPLET, submission

FIRST, SECOND = NEW_CAP_APPLET + "01", NEW_CAP_APPLET + "02"
LABELS = {FIRST: ("门禁卡", "Door card"), SECOND: ("停车卡", "Parking card")}
"""Each instance's label; its personalisation data (tag 5F20) is its English label."""


def publish_two_instances(demo: Any) -> None:
    """What an admin does at a laptop: submit, test and publish, then label and personalise each instance."""
    cert = demo.terminal_certs["laptop-01"]
    with requests.Session() as admin:
        admin.trust_env = False  # REQUESTS_CA_BUNDLE would override the demo CA
        admin.verify, admin.cert = demo.config.ca_file, (str(cert[0]), str(cert[1]))
        base = f"{demo.url}{API_PREFIX}"
        login = admin.post(f"{base}/login", json={"operator": "admin", "password": "admin-demo", "terminal_id": "laptop-01"})
        assert login.status_code == 200, login.text
        admin.headers["Authorization"] = f"Bearer {login.json()['token']}"
        body = submission(name="TwoCards", title_zh="双卡通", title_en="Two cards", needs_personalisation=True,
                          instances=[{"aid": FIRST, "module": NEW_CAP_APPLET}, {"aid": SECOND, "module": NEW_CAP_APPLET}])
        for path, payload in (("/apps", body), ("/apps/TwoCards/audit", {"approve": True}),
                              ("/apps/TwoCards/test", {"approve": True}),
                              ("/apps/TwoCards/publish", {"batches": ["DEMO-A"]})):
            assert admin.post(f"{base}/admin{path}", json=payload).status_code == 200, path
        for aid, (zh, en) in LABELS.items():
            template = {"mode": 3, "records": [{"tag": "5F20", "value": en.encode().hex()}]}
            reply = admin.put(f"{base}/admin/apps/TwoCards/instances/{aid}",
                              json={"label_zh": zh, "label_en": en, "perso_template": template})
            assert reply.status_code == 200, reply.text
