"""Request and response shapes of ``/api/v1/admin`` (pydantic; bounded so bad input is refused early)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Aid = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){5,16}$", to_upper=True)]
"""An AID: 5 to 16 bytes as hex (ISO/IEC 7816-5)."""
Sha1 = Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{40}$", to_upper=True)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
Text = Annotated[str, StringConstraints(max_length=128)]
Msisdn = Annotated[str, StringConstraints(pattern=r"^[0-9]{5,20}$")]
Seid = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){1,32}$", to_upper=True)]
Date8 = Annotated[str, StringConstraints(pattern=r"^20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$")]
MAX_CAP_B64 = 4 * 1024 * 1024


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LoadFileIn(_In):
    """One CAP and what the provider declares is in it (§5.4.1, §5.4.3)."""

    file_name: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    content_b64: Annotated[str, StringConstraints(min_length=4, max_length=MAX_CAP_B64)]
    sha1: Sha1
    """SHA-1 of the CAP file as uploaded (§5.4.2)."""
    aid: Aid
    """The executable load file AID."""
    modules: list[Aid] = Field(default_factory=list, max_length=32)
    """Executable module AIDs; none for an extension (load only, never instantiated)."""


class InstanceIn(_In):
    aid: Aid
    module: Aid
    privileges: Annotated[int, Field(ge=0, le=0xFFFFFF)] = 0
    install_params: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){0,255}$", to_upper=True)] = "C900"


class MemoryIn(_In):
    code: Annotated[int, Field(ge=0)] | None = None
    """Code bytes; checked against the CAP when given."""
    nv: Annotated[int, Field(ge=0)] = 0
    volatile: Annotated[int, Field(ge=0)] = 0


class Submission(_In):
    """A provider's submission (§5.4.4.1): CAP(s) plus the declared structure and attributes."""

    name: Name
    title_zh: Text = ""
    title_en: Text = ""
    provider: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.\-]{1,16}$")]
    release_date: Date8 | None = None
    load_files: list[LoadFileIn] = Field(min_length=1, max_length=8)
    main_module: Aid
    instances: list[InstanceIn] = Field(min_length=1, max_length=32)
    memory: MemoryIn = MemoryIn()
    needs_personalisation: bool = False
    needs_activation: bool = False
    perso_template: dict[str, Any] | None = None
    deletion_mode: Literal["full", "instance"] = "full"
    batches: list[Name] = Field(default_factory=list, max_length=64)
    scope: Literal["network", "provincial"] = "network"
    province: Annotated[str, StringConstraints(max_length=32)] | None = None


class Decision(_In):
    approve: bool = True
    note: Annotated[str, StringConstraints(max_length=200)] = ""
    batches: list[Name] = Field(default_factory=list, max_length=64)
    """Test: the batches the app was tested on (§5.4.4.3); recorded when given."""


class Publish(_In):
    batches: list[Name] = Field(min_length=1, max_length=64)
    users: list[Msisdn] = Field(default_factory=list, max_length=100_000)


class Archive(_In):
    method: Literal["platform", "notify"] = "platform"
    """platform: a deletion task per SE once the subscriber agrees; notify: the subscriber deletes it."""


class Consent(_In):
    consent: bool


class Attempt(_In):
    ok: bool
    error: Annotated[str, StringConstraints(max_length=200)] = ""


class LoadFileView(BaseModel):
    aid: str
    file_name: str
    cap_sha1: str
    lfdb_sha1: str
    size: int
    modules: list[str]
    extension: bool


class ReleaseView(BaseModel):
    app_id: int
    name: str
    title_zh: str
    title_en: str
    provider: str
    state: str
    version: str
    version_id: str
    app_aid: str
    load_files: list[LoadFileView]
    instances: list[str]
    code_size: int
    nv_size: int
    volatile_size: int
    needs_personalisation: bool
    needs_activation: bool
    deletion_mode: str
    scope: str
    province: str | None
    batches: list[str]
    users: int
    note: str
    submitted_by: str
    submitted_at: datetime
    updated_at: datetime


class ReleaseList(BaseModel):
    apps: list[ReleaseView]


class RemovalView(BaseModel):
    id: int
    app: str
    seid: str
    msisdn: str | None
    method: str
    consent: bool | None
    status: str
    attempts: int
    last_error: str


class RemovalList(BaseModel):
    removals: list[RemovalView]
