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
    """Every module ``path`` imports: at the top, lazily inside functions, relatively (resolved
    against its package), and dynamically through ``importlib.import_module`` / ``__import__``
    with a literal name (a name computed at run time cannot be checked, so none is used)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _package_of(path)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            names.add(base)
            # ``from ota import platform`` imports the module ota.platform
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                relative = len(first.value) - len(first.value.lstrip("."))
                names.add(_absolute(first.value.lstrip(".") or None, relative, package))
    return names


def _is_dynamic_import(func: ast.expr) -> bool:
    """``importlib.import_module(...)``, ``import_module(...)`` or ``__import__(...)``."""
    if isinstance(func, ast.Attribute):
        return func.attr == "import_module"
    return isinstance(func, ast.Name) and func.id in ("import_module", "__import__")


def _package_of(path: Path) -> str:
    try:
        parts = path.resolve().relative_to(ROOT).with_suffix("").parts
    except ValueError:  # a file outside the repository (the checker's own test)
        return ""
    return ".".join(parts if parts[-1] == "__init__" and parts[:-1] else parts[:-1]).removesuffix(".__init__")


def _absolute(module: str | None, level: int, package: str) -> str:
    if level == 0:
        return module or ""
    base = package.split(".")[: len(package.split(".")) - (level - 1)] if package else []
    return ".".join([*base, *([module] if module else [])])


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


def test_checker_sees_lazy_relative_and_dynamic_imports(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import importlib\n"
        "def later():\n"
        "    import smartcard.System\n"
        "    from PySide6 import QtWidgets\n"
        "    importlib.import_module('ota.platform.engine')\n"
        "    __import__('requests')\n"
    )
    found = _imports(bad)
    assert {"smartcard.System", "PySide6.QtWidgets", "ota.platform.engine", "requests"} <= found


def test_relative_imports_are_resolved() -> None:
    pkg = ROOT / "app" / "services" / "x.py"
    assert _absolute("runner", 1, _package_of(pkg)) == "app.services.runner"
    assert _absolute("reader", 2, _package_of(pkg)) == "app.reader"
    assert _package_of(ROOT / "app" / "reader" / "__init__.py") == "app.reader"
