"""Companion terminal apps over HTTPS (issue 14 round 3 item 2, seed §5.4.2, §5.4.7): stored with
the app, offered after a counter download, served to the subscriber's phone, and the query names
the installed apps that have none."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile

import requests
import sqlalchemy as sa

from ota.platform.models import AuditEntry, CompanionApp
from tests.platform.admin_support import AdminPlatform, admin_platform, sqlite_only  # noqa: F401


def _apk() -> bytes:
    """A package as a provider would upload it (an APK is a ZIP); the platform stores it as is."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("AndroidManifest.xml", b"\x03\x00\x08\x00" + bytes(range(64)))
        z.writestr("classes.dex", b"dex\n035\x00" + bytes(200))
    return out.getvalue()


def test_a_download_offers_the_stored_companion_app_and_the_phone_fetches_it(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, clerk = p.login("badmin", "laptop-01"), p.login()
    apk = _apk()
    body = {"file_name": "jcmemory-companion.apk", "package_b64": base64.b64encode(apk).decode()}
    assert clerk.put(p.admin("/apps/JCMemory/companion"), json=body).json()["code"] == "auth.forbidden"
    stored = badmin.put(p.admin("/apps/JCMemory/companion"), json=body)
    assert stored.status_code == 200, stored.text
    link = "/api/v1/companions/JCMemory"
    assert stored.json() == {"app": "JCMemory", "link": link, "file_name": "jcmemory-companion.apk",
                             "size": len(apk), "sha256": hashlib.sha256(apk).hexdigest()}
    assert badmin.get(p.admin("/apps/JCMemory/companion")).json()["link"] == link

    # the counter download answers with the link, the query knows the app has one
    card = p.card()
    run = p.run("download", card, client=clerk, app_id="JCMemory")
    assert run.state == "done", run.error
    assert run.result["companion"] == {"link": link, "file_name": "jcmemory-companion.apk"}
    # a second app without companion information: downloaded, offered nothing, named by the query
    run = p.run("download", card, client=clerk, app_id="JCAlgTest")
    assert run.state == "done" and run.result["companion"] is None
    report = p.run("query", card, client=clerk).result
    assert {a["name"]: a["companion"] for a in report["apps"]} == {"JCMemory": True, "JCAlgTest": False}
    assert report["apps_without_companion"] == ["JCAlgTest"]

    # the subscriber's phone has neither a login nor a terminal certificate
    with requests.Session() as phone:
        phone.trust_env, phone.verify = False, str(p.ca)
        served = phone.get(p.url + link)
        assert served.status_code == 200 and served.content == apk
        assert served.headers["content-type"] == "application/vnd.android.package-archive"
        assert phone.get(p.url + "/api/v1/companions/JCAlgTest").json()["code"] == "not_found"
    events = [e.event for e in p.query_db(sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert events.count("companion.store") == 1 and events.count("admin.refused") == 1


@sqlite_only
def test_a_url_replaces_the_package_and_bad_input_is_refused_keeping_what_was_stored(
    admin_platform: AdminPlatform,
) -> None:
    p = admin_platform
    badmin = p.login("badmin", "laptop-01")
    url = "https://apps.example.com/jcalgtest?ref=hall"
    first = badmin.put(p.admin("/apps/JCAlgTest/companion"), json={"url": url})
    assert first.status_code == 200 and first.json()["link"] == url and first.json()["size"] == 0
    refused = [
        ({"url": "http://apps.example.com/x"}, "request.invalid"),  # not https
        ({"url": url, "file_name": "a.apk", "package_b64": "AAAA"}, "request.invalid"),  # both
        ({}, "request.invalid"),  # neither
        ({"package_b64": "AAAA"}, "request.invalid"),  # a package without its name
        ({"file_name": "a.apk", "package_b64": "not base64!"}, "companion.invalid"),
        ({"file_name": "../a.apk", "package_b64": "AAAA"}, "request.invalid"),
    ]
    for body, code in refused:
        reply = badmin.put(p.admin("/apps/JCAlgTest/companion"), json=body)
        assert (reply.status_code, reply.json()["code"]) == (422, code), body
    assert badmin.put(p.admin("/apps/NoSuchApp/companion"), json={"url": url}).status_code == 404
    [row] = p.query_db(sa.select(CompanionApp))
    assert (row.url, row.package) == (url, None)
