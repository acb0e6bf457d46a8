"""build/i18n_messages.py: a branch's (zh, en) pair moves into the one Linguist table."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_messages", ROOT / "build" / "i18n_messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_move_extra_empties_the_inbox_into_messages_and_both_ts(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool()
    i18n = tmp_path / "i18n"
    shutil.copytree(ROOT / "resources" / "i18n", i18n)
    errors = tmp_path / "errors.py"
    source = (ROOT / "ui" / "errors.py").read_text(encoding="utf-8")
    pasted = '    "demo.new_code": ("新的原因，请重试。", "A new reason. Try again."),\n'
    head = "EXTRA_MESSAGES: dict[str, tuple[str, str]] = {\n"
    errors.write_text(source.replace(head, head + pasted), encoding="utf-8")
    monkeypatch.setattr(tool, "I18N", i18n)
    monkeypatch.setattr(tool, "ERRORS", errors)

    assert tool.move_extra() == 1
    moved = errors.read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    exec(compile(moved.replace("from ui.i18n import translate_in", "translate_in = None"), "errors", "exec"),
         namespace)
    assert namespace["EXTRA_MESSAGES"] == {}
    assert namespace["MESSAGES"]["demo.new_code"] == "A new reason. Try again."  # type: ignore[index]
    for language, words in (("zh_CN", "新的原因，请重试。"), ("en", "A new reason. Try again.")):
        root = ET.parse(i18n / f"hallterm_{language}.ts").getroot()
        found = [m.findtext("translation") for c in root.iter("context") if c.findtext("name") == "Errors"
                 for m in c.iter("message") if m.findtext("source") == "A new reason. Try again."]
        assert found == [words]
        assert (i18n / f"hallterm_{language}.qm").read_bytes() != (
            ROOT / "resources" / "i18n" / f"hallterm_{language}.qm").read_bytes()
    assert tool.move_extra() == 0  # nothing left to move


def test_a_code_source_takes_its_english_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``add ErrorParams mode:demo 演示模式 "demo mode"``: the code is the source, English is words too."""
    tool = _tool()
    i18n = tmp_path / "i18n"
    shutil.copytree(ROOT / "resources" / "i18n", i18n)
    monkeypatch.setattr(tool, "I18N", i18n)

    assert tool.main(["add", "ErrorParams", "mode:demo", "演示模式", "demo mode"]) == 0
    for language, words in (("zh_CN", "演示模式"), ("en", "demo mode")):
        root = ET.parse(i18n / f"hallterm_{language}.ts").getroot()
        found = [m.findtext("translation") for c in root.iter("context") if c.findtext("name") == "ErrorParams"
                 for m in c.iter("message") if m.findtext("source") == "mode:demo"]
        assert found == [words]
