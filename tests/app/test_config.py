from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.config import TerminalConfig, load_config, save_config
from app.errors import ConfigError


def write(tmp_path: Path, content: object) -> Path:
    p = tmp_path / "config.json"
    p.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return p


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.json")
    assert config == TerminalConfig() and config.language == "zh_CN"


def test_missing_file_can_be_required(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "none.json", missing_ok=False)
    assert info.value.file.endswith("none.json") and "does not exist" in info.value.problem


def test_round_trip(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    config = TerminalConfig(platform_url="https://127.0.0.1:8443/", ca_file=str(ca), terminal_id="T-9",
                            reader_ignore=["Yubico"], language="en", kiosk=True)
    path = save_config(config, tmp_path / "c.json")
    loaded = load_config(path)
    assert loaded.platform_url == "https://127.0.0.1:8443" and loaded.reader_ignore == ["Yubico"]
    assert loaded.kiosk and loaded.terminal_id == "T-9"


def test_relative_ca_is_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("x")
    config = load_config(write(tmp_path, {"ca_file": "ca.pem"}))
    assert config.ca_file == str((tmp_path / "ca.pem").resolve())


@pytest.mark.parametrize(
    ("content", "field", "problem"),
    [
        ("{not json", None, "not valid JSON"),
        ("[1, 2]", None, "JSON object"),
        ({"language": "fr"}, "language", "zh_CN"),
        ({"platform_url": "ftp://x"}, "platform_url", "http"),
        ({"kiosk": "maybe"}, "kiosk", "bool"),
        ({"idle_reset_s": 1}, "idle_reset_s", "greater"),
        ({"reader_ignore": "Yubico"}, "reader_ignore", "list"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"ca_file": "/nonexistent/ca.pem"}, "ca_file", "does not exist"),
    ],
)
def test_bad_config_names_file_field_and_problem(tmp_path: Path, content: object, field: str | None,
                                                 problem: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert err.code == "config.invalid"
    assert err.file == str(path) and err.field == field
    assert problem.lower() in err.problem.lower()
    assert str(path) in str(err)


def test_require_platform(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        TerminalConfig().require_platform(tmp_path / "c.json")
    assert info.value.field == "platform_url"


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, {"terminal_id": "T-ENV"})
    monkeypatch.setenv("HALLTERM_CONFIG", str(path))
    assert load_config().terminal_id == "T-ENV"
