"""The terminal's configuration: one JSON file in the user's config folder.

``platformdirs.user_config_dir("hallterm")/config.json`` unless ``HALLTERM_CONFIG`` or an explicit
path says otherwise.  A missing file means "defaults" (a fresh install can still list readers and
read cards); a broken file is a :class:`~app.errors.ConfigError` that names the file, the field
and what is wrong, because the person reading it is a technician at a counter, not a developer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.errors import ConfigError
from app.paths import APP_NAME, default_config_path
from app.paths import CONFIG_ENV as CONFIG_ENV  # re-exported: callers know them from here
from app.paths import default_data_dir as default_data_dir

CLIENT_CERT_NAME = "terminal.pem"
CLIENT_KEY_NAME = "terminal.key"


def default_client_cert() -> tuple[Path, Path]:
    """Where an enrolled terminal keeps its certificate and key: the user config folder."""
    folder = Path(platformdirs.user_config_dir(APP_NAME))
    return folder / CLIENT_CERT_NAME, folder / CLIENT_KEY_NAME


class TerminalConfig(BaseModel):
    """Everything a terminal needs to know about its place in the hall."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    platform_url: str = ""
    ca_file: str | None = None
    terminal_id: str = Field(default="T-0001", min_length=1, max_length=64)
    reader_preferred: str | None = None
    reader_ignore: list[str] = Field(default_factory=list)
    language: Literal["zh_CN", "en"] = "zh_CN"
    kiosk: bool = False
    idle_reset_s: int = Field(default=120, ge=10, le=3600)
    journal_path: str | None = None
    virtual_readers: dict[str, str] = Field(default_factory=dict)
    """Reader name -> virtual SE state file, opened in-process (demo without pcscd)."""
    pcsc_too: bool = False
    """With ``virtual_readers``: PC/SC readers as well (the demo's third phone beside pcscd's two)."""
    client_cert: str | None = None
    """This terminal's enrolment certificate (PEM); default ``terminal.pem`` in the config folder."""
    client_key: str | None = None
    """Its private key (PEM, mode 0600); default ``terminal.key`` in the config folder."""

    @field_validator("platform_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value:
            return value
        parts = urlparse(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http:// or https:// URL with a host")
        return value.rstrip("/")

    def journal_file(self) -> Path:
        return Path(self.journal_path) if self.journal_path else default_data_dir() / "journal.sqlite"

    def client_cert_pair(self) -> tuple[str, str] | None:
        """(certificate, key) to present to the platform (mutual TLS), or None if not enrolled."""
        if self.client_cert and self.client_key:
            return self.client_cert, self.client_key
        cert, key = default_client_cert()
        return (str(cert), str(key)) if cert.is_file() and key.is_file() else None

    def require_platform(self, source: Path | str = "config") -> str:
        """The platform URL, or a ConfigError saying it must be set."""
        if not self.platform_url:
            raise ConfigError(str(source), "platform_url", "not set; the platform's URL is needed")
        return self.platform_url


def load_config(path: Path | str | None = None, missing_ok: bool = True) -> TerminalConfig:
    """Read and validate the configuration file."""
    file = Path(path) if path else default_config_path()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return TerminalConfig()
        raise ConfigError(str(file), None, "file does not exist") from None
    except OSError as exc:
        raise ConfigError(str(file), None, f"cannot be read ({exc.strerror})") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(str(file), None, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(raw, dict):
        raise ConfigError(str(file), None, "must contain a JSON object")
    config = _validate(file, raw)
    if config.ca_file:
        ca = _resolve(file, config.ca_file)
        if not ca.is_file():
            raise ConfigError(str(file), "ca_file", f"{ca} does not exist")
        config = config.model_copy(update={"ca_file": str(ca)})
    if bool(config.client_cert) != bool(config.client_key):
        raise ConfigError(str(file), "client_key", "client_cert and client_key go together")
    if config.client_cert and config.client_key:
        cert, key = _resolve(file, config.client_cert), _resolve(file, config.client_key)
        for name, path in (("client_cert", cert), ("client_key", key)):
            if not path.is_file():
                raise ConfigError(str(file), name, f"{path} does not exist; enrol this terminal first")
        if key.stat().st_mode & 0o077:
            raise ConfigError(str(file), "client_key", f"{key} must be readable by its owner only (chmod 600)")
        config = config.model_copy(update={"client_cert": str(cert), "client_key": str(key)})
    return config


def _validate(file: Path, raw: dict[str, Any]) -> TerminalConfig:
    try:
        return TerminalConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        problem = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
        raise ConfigError(str(file), field, problem) from None


def _resolve(config_file: Path, value: str) -> Path:
    """Relative paths in the file are relative to the file, so a config folder can move."""
    p = Path(value).expanduser()
    return p if p.is_absolute() else (config_file.parent / p).resolve()


def save_config(config: TerminalConfig, path: Path | str | None = None) -> Path:
    """Write the file atomically (temp file + rename), so a crash never leaves half a config."""
    file = Path(path) if path else default_config_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(config.model_dump_json(indent=2, exclude_defaults=False), encoding="utf-8")
    os.replace(tmp, file)
    return file
