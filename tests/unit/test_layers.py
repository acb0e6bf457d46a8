"""The dependency direction of docs/ARCHITECTURE.md, enforced.

ui -> app -> ota.gp;  ota.platform -> ota.gp;  ota.vse -> ota.gp.
app and ota never import Qt; only app/reader imports pyscard; ota never imports app or ui;
ui never does I/O itself (no pyscard, requests, sqlalchemy, socket). The demo launcher and the
CLI are the two places in app allowed to start the platform and the virtual SE in-process.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# app modules that may import ota.platform / ota.vse: they start them in-process.
IN_PROCESS_LAUNCHERS = {"app/cli.py", "app/demo.py"}

IO_MODULES = ("smartcard", "requests", "sqlalchemy", "socket", "urllib3", "httpx", "uvicorn")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _violations(package: str, forbidden: tuple[str, ...], allow: set[str] = frozenset()) -> list[str]:
    found = []
    for path in _sources(package):
        rel = path.relative_to(ROOT).as_posix()
        if rel in allow:
            continue
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                found.append(f"{rel} imports {name}")
    return found


def _starts(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("package", ["app", "ota"])
def test_core_never_imports_qt(package: str) -> None:
    assert _violations(package, ("PySide6", "PyQt5", "PyQt6", "shiboken6")) == []


def test_only_app_reader_imports_pyscard() -> None:
    offenders = []
    for package in ("app", "ota", "ui"):
        for path in _sources(package):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("app/reader/"):
                continue
            offenders += [f"{rel} imports {n}" for n in _imports(path) if _starts(n, "smartcard")]
    assert offenders == []


def test_ota_never_imports_app_or_ui() -> None:
    assert _violations("ota", ("app", "ui")) == []


def test_gp_is_the_bottom_layer() -> None:
    assert _violations("ota/gp", ("ota.platform", "ota.vse", "ota.protocol", "app", "ui")) == []


def test_vse_and_platform_do_not_know_each_other() -> None:
    assert _violations("ota/vse", ("ota.platform",)) == []
    assert _violations("ota/platform", ("ota.vse",)) == []


def test_app_reaches_platform_and_vse_only_through_launchers() -> None:
    assert _violations("app", ("ota.platform", "ota.vse"), allow=IN_PROCESS_LAUNCHERS) == []


def test_app_never_imports_ui() -> None:
    """Not even lazily: the GUI is handed to app.cli by the entry point ui/cli.py."""
    assert _violations("app", ("ui",)) == []


def test_ui_does_no_io_itself() -> None:
    assert _violations("ui", IO_MODULES + ("ota.platform", "ota.vse")) == []


def test_checker_sees_a_violation(tmp_path: Path) -> None:
    """The scanner itself must catch an import, or every test above passes vacuously."""
    bad = tmp_path / "bad.py"
    bad.write_text("import PySide6.QtCore\nfrom smartcard.System import readers\n")
    assert {"PySide6.QtCore", "smartcard.System"} <= _imports(bad)
