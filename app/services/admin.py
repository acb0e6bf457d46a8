"""The admin workspace's use-cases (issue 14): the catalog's life cycle, providers, SE batches and
statistics, over HTTPS through ``/api/v1/admin``.  Typed values out, so ``ui`` shows them without
knowing the wire format; refusals arrive as the client's typed ``PlatformRefusedError``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.client import PlatformClient
from app.errors import InputError

STEPS = ("audit", "test", "publish", "archive")
NEXT_STEP = {"initial": "audit", "audited": "test", "tested": "publish", "published": "archive"}
"""The one step that moves an application on from each state (§5.4.4)."""


@dataclass(frozen=True)
class AdminApp:
    name: str
    title_zh: str
    title_en: str
    provider: str
    state: str
    version_id: str
    batches: tuple[str, ...]
    code_size: int

    @property
    def next_step(self) -> str | None:
        return NEXT_STEP.get(self.state)


@dataclass(frozen=True)
class AdminProvider:
    name: str
    state: str
    spid: str | None
    blacklisted: bool
    apps: tuple[str, ...]


@dataclass(frozen=True)
class AdminBatch:
    name: str
    seid_start: str
    seid_end: str
    chip_type: str
    java_version: str
    initial_free_space: int
    ses: int


@dataclass(frozen=True)
class AdminStats:
    operations: int
    registered_ses: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_app: dict[str, int] = field(default_factory=dict)
    by_day: dict[str, int] = field(default_factory=dict)
    failures_by_reason: dict[str, int] = field(default_factory=dict)
    free_by_batch: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AdminInstance:
    """One instance of an application (§5.8.4.1): its label and whether it has its own data."""

    aid: str
    label_zh: str
    label_en: str
    own_perso: bool


def _app(data: dict[str, Any]) -> AdminApp:
    return AdminApp(
        name=data["name"], title_zh=data["title_zh"], title_en=data["title_en"], provider=data["provider"],
        state=data["state"], version_id=data["version_id"], batches=tuple(data["batches"]),
        code_size=data["code_size"],
    )


class AdminService:
    """One logged-in administrator's calls; every method blocks (run it off the GUI thread)."""

    def __init__(self, client: PlatformClient) -> None:
        self.client = client

    def apps(self, state: str | None = None) -> list[AdminApp]:
        params = {"state": state} if state else None
        return [_app(a) for a in self.client.admin_call("GET", "/apps", params=params)["apps"]]

    def advance(self, name: str, step: str, batches: tuple[str, ...] = ()) -> AdminApp:
        """Take ``step`` (audit, test, publish, archive) on ``name``; publish needs ``batches``."""
        if step not in STEPS:
            raise ValueError(f"unknown step {step}")
        if step == "archive":
            self.client.admin_call("POST", f"/apps/{name}/archive", {"method": "platform"})
            return _app(self.client.admin_call("GET", f"/apps/{name}"))
        body: dict[str, Any] = {"batches": list(batches)}
        if step != "publish":
            body["approve"] = True
        return _app(self.client.admin_call("POST", f"/apps/{name}/{step}", body))

    def providers(self) -> list[AdminProvider]:
        return [
            AdminProvider(name=p["name"], state=p["state"], spid=p["spid"], blacklisted=p["blacklisted"],
                          apps=tuple(p["apps"]))
            for p in self.client.admin_call("GET", "/providers")["providers"]
        ]

    def set_blacklisted(self, name: str, blacklisted: bool) -> None:
        self.client.admin_call("PUT", f"/providers/{name}/blacklist", {"blacklisted": blacklisted})

    def batches(self) -> list[AdminBatch]:
        return [
            AdminBatch(name=b["name"], seid_start=b["seid_start"], seid_end=b["seid_end"], chip_type=b["chip_type"],
                       java_version=b["java_version"], initial_free_space=b["initial_free_space"], ses=b["ses"])
            for b in self.client.admin_call("GET", "/batches")["batches"]
        ]

    def stats(self) -> AdminStats:
        data = self.client.admin_call("GET", "/stats")
        return AdminStats(
            operations=data["operations"], registered_ses=data["registered_ses"], by_kind=data["by_kind"],
            by_app=data["by_app"], by_day=data["by_day"], failures_by_reason=data["failures_by_reason"],
            free_by_batch={b["batch"]: b["free_total"] for b in data["space_by_batch"]},
        )

    def set_companion(self, name: str, url: str) -> str:
        """Store where ``name``'s companion phone app is published (§5.4.7); the link the platform keeps."""
        return str(self.client.admin_call("PUT", f"/apps/{name}/companion", {"url": url})["link"])

    def instances(self, name: str) -> list[AdminInstance]:
        return [AdminInstance(aid=i["aid"], label_zh=i["label_zh"], label_en=i["label_en"], own_perso=i["own_perso"])
                for i in self.client.admin_call("GET", f"/apps/{name}/instances")["instances"]]

    def set_instance(self, name: str, aid: str, label_zh: str, label_en: str, perso_file: str | None = None) -> AdminInstance:
        """Label an instance and, from a JSON file, give it its own personalisation template."""
        body: dict[str, Any] = {"label_zh": label_zh, "label_en": label_en}
        if perso_file:
            try:
                body["perso_template"] = json.loads(Path(perso_file).read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise InputError(f"personalisation file {Path(perso_file).name}: {type(e).__name__}",
                                 {"field": "perso_file"}) from None
        i = self.client.admin_call("PUT", f"/apps/{name}/instances/{aid}", body)
        return AdminInstance(aid=i["aid"], label_zh=i["label_zh"], label_en=i["label_en"], own_perso=i["own_perso"])
