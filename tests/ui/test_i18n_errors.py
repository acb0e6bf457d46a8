"""Translations are complete and compiled; every error code has words in both languages."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui import errors, i18n

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
LRELEASE = ROOT / ".venv" / "bin" / "pyside6-lrelease"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ts_files_are_complete(lang: str) -> None:
    root = ET.parse(I18N / f"hallterm_{lang}.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_zh_translations_are_chinese() -> None:
    root = ET.parse(I18N / "hallterm_zh_CN.ts").getroot()
    latin_only = {"AID", "ATR", "SEID", "TLS (HTTPS)", "%1: %2/%3 %4"}
    for message in root.iter("message"):
        source, text = message.findtext("source"), message.findtext("translation")
        assert text.count("%") == source.count("%"), source  # placeholders survive
        if source not in latin_only and not re.search(r"[\u4e00-\u9fff]", text):
            pytest.fail(f"no Chinese in the translation of {source!r}: {text!r}")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_committed_qm_matches_its_ts(lang: str, tmp_path: Path) -> None:
    out = tmp_path / "x.qm"
    subprocess.run([str(LRELEASE), "-silent", str(I18N / f"hallterm_{lang}.ts"), "-qm", str(out)], check=True)
    assert out.read_bytes() == (I18N / f"hallterm_{lang}.qm").read_bytes(), "run lrelease after editing the .ts"


def test_translator_switches_language(gui) -> None:
    from PySide6.QtCore import QCoreApplication

    assert i18n.translators.apply("zh_CN") == "zh_CN"
    assert QCoreApplication.translate("Services", "Query") == "查询"
    assert i18n.translators.apply("en") == "en"
    assert QCoreApplication.translate("Services", "Query") == "Query"
    assert i18n.translators.apply("klingon") == "zh_CN"  # unknown language: the default


def test_qt_own_dialogs_are_translated(gui) -> None:
    from PySide6.QtCore import QCoreApplication

    i18n.translators.apply("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_a_cjk_font_is_chosen(gui) -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication

    family = i18n.setup_fonts(QApplication.instance())
    assert family in i18n.CJK_FAMILIES
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(QFontInfo(
        QApplication.font()).family())


def _codes_in_contract() -> set[str]:
    text = (ROOT / "docs" / "CONTRACTS.md").read_text(encoding="utf-8")
    return set(re.findall(r'\("([a-z_]+\.[a-z_.]+)"\)', text)) | {"se_busy", "se_lost", "policy.kiosk_unlock"}


def test_every_contract_and_reader_code_has_both_languages() -> None:
    import app.errors
    import app.reader.errors
    import ota.gp.errors

    codes = _codes_in_contract()
    for module in (app.errors, app.reader.errors, ota.gp.errors):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if isinstance(getattr(cls, "code", None), str) and cls.__module__ == module.__name__:
                codes.add(cls.code)
    codes.discard("cancelled")  # not an error: nothing is shown
    missing = sorted(c for c in codes if errors.lookup(c) is None)
    assert missing == []
    for code in list(errors.MESSAGES) + list(errors.EXTRA_MESSAGES):
        zh, en = errors.lookup(code)  # type: ignore[misc]
        assert re.search(r"[\u4e00-\u9fff]", zh), (code, "no zh_CN in resources/i18n/hallterm_zh_CN.ts")
        assert en and not re.search(r"[\u4e00-\u9fff]", en), code


def test_error_words_are_linguist_messages() -> None:
    """The words are in the .ts files (context Errors), not in Python: one translation path."""
    root = ET.parse(I18N / "hallterm_zh_CN.ts").getroot()
    sources = {m.findtext("source") for c in root.iter("context") if c.findtext("name") == "Errors"
               for m in c.iter("message")}
    assert set(errors.MESSAGES.values()) <= sources


def test_typed_error_is_shown_from_the_table() -> None:
    from app.reader.errors import CardRemovedError

    shown = errors.describe(CardRemovedError("gone"), "zh_CN")
    assert shown.code == "reader.card_removed" and shown.text == errors.lookup("reader.card_removed")[0]
    assert errors.describe(CardRemovedError("gone"), "en").text.startswith("The phone was removed")


def test_codes_only_the_platform_prose_never_reaches_the_screen() -> None:
    from app.errors import PlatformRefusedError

    busy = PlatformRefusedError("se_busy", {"kind": "unlock"}, {"operation": "op-1", "operator": "clerk1"})
    assert errors.describe(busy, "zh_CN").text == errors.lookup("se_busy")[0].format(kind="解锁")
    assert "clerk1" not in errors.describe(busy, "en").text
    new = PlatformRefusedError("brand.new", {"what": "the platform's new reason"})
    shown = errors.describe(new, "zh_CN")  # a code without words: logged, quoted by its incident
    assert shown.code == "unexpected" and "平台" not in shown.text and shown.incident in shown.text
    assert errors.describe(new, "zh_CN", public=True).text == errors.UNKNOWN_CODE[0]
    assert "platform" not in errors.describe(new, "en", public=True).text
    assert errors.describe(PlatformRefusedError("params.imsi"), "en").text.startswith("A number entered")


def test_one_table_every_code_is_a_linguist_message() -> None:
    """No (zh, en) pairs in Python: a branch's pair is moved by build/i18n_messages.py move-extra."""
    assert errors.EXTRA_MESSAGES == {}, "run: .venv/bin/python build/i18n_messages.py move-extra"
    root = ET.parse(I18N / "hallterm_zh_CN.ts").getroot()
    zh = {m.findtext("source"): m.findtext("translation") for c in root.iter("context")
          if c.findtext("name") == "Errors" for m in c.iter("message")}
    assert [code for code, en in errors.MESSAGES.items() if en not in zh] == []
    assert errors.lookup("operation.released")[0] == zh[errors.MESSAGES["operation.released"]]


_CODE = re.compile(r"[a-z_]+(?:\.[a-z_]+)*")
_RAISERS = re.compile(r"(Error|Outcome|refuse|_refused|_refuse)$")


def _raise_sites(folder: str) -> list[tuple[str, frozenset[str] | None, str]]:
    """Every ``SomeError("x.y", params={...})`` / ``refuse("x.y", ...)`` / ``code="x.y"`` in the
    source: (code, the params' names or None when they are not a literal dict, where)."""
    sites = []
    for path in (ROOT / folder).rglob("*.py"):
        if "vse" in path.parts:
            continue  # the card emulator's codes stay inside the emulator (a card answers status words)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Constant):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(getattr(t, "id", "") == "code" for t in targets) and isinstance(node.value.value, str) \
                        and _CODE.fullmatch(node.value.value):
                    sites.append((node.value.value, frozenset(), f"{path.relative_to(ROOT)}:{node.lineno}"))
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            params = next((k.value for k in node.keywords if k.arg == "params"), None)
            keys = (frozenset(ast.literal_eval(k) for k in params.keys if k is not None)
                    if isinstance(params, ast.Dict) else None if params is not None else frozenset())
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            codes = [k.value.value for k in node.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)]
            if _RAISERS.search(name or "") or name == "__init__":
                codes += [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)
                          and (("." in a.value and _CODE.fullmatch(a.value)) or a.value in ("se_busy", "not_found"))]
                codes += [a.values[0].value.rstrip(".") + ".*" for a in node.args[:1]  # f"params.{name}"
                          if isinstance(a, ast.JoinedStr) and isinstance(a.values[0], ast.Constant)]
            sites += [(str(code), keys, where) for code in codes if isinstance(code, str) and _CODE.fullmatch(code.rstrip("*").rstrip("."))]
    return sites


def _codes_raised_in(folder: str) -> set[str]:
    return {code for code, _keys, _where in _raise_sites(folder)}


def test_every_raise_site_passes_exactly_the_placeholders_of_its_words() -> None:
    """A placeholder used in the words but never passed, or a param passed but missing from the
    words, fails; the platform sends no prose (no message_zh/en argument survives)."""
    from ota import wording

    sites = _raise_sites("ota") + _raise_sites("app")
    assert len([s for s in sites if s[1]]) >= 30, "the params of the raise sites are seen"
    wrong = []
    for code, keys, where in sites:
        pair = errors.lookup(code.replace("*", "x"))
        if pair is None or keys is None:
            continue
        for text in pair:
            if wording.placeholders(text) != keys:
                wrong.append((where, code, sorted(keys), text))
    assert wrong == []
    prose = [where for folder in ("ota/platform", "app") for path in (ROOT / folder).rglob("*.py")
             for where in re.findall(r"message_(?:zh|en)\s*=", path.read_text(encoding="utf-8"))]
    assert prose == []


def test_error_schemas_carry_no_prose() -> None:
    from ota import protocol
    from ota.platform.tasks.schemas import FailureGroup

    for model in (protocol.ErrorBody, protocol.NeedCard, FailureGroup):
        assert not [f for f in model.model_fields if f.startswith(("message_", "next_"))], model
    assert set(protocol.ErrorBody.model_fields) == {"code", "params", "incident", "detail"}
    assert {"role", "prompt", "params"} <= set(protocol.NeedCard.model_fields)
    schema = protocol.ErrorBody.model_json_schema()
    assert not [p for p in schema["properties"] if p.startswith("message")]


def test_a_state_param_is_shown_in_the_clerks_words() -> None:
    from app.errors import PlatformRefusedError

    shown = errors.describe(PlatformRefusedError("app.state", {"state": "Locked"}), "zh_CN").text
    assert "已锁定" in shown and "Locked" not in shown and "{" not in shown
    assert "(locked)" in errors.describe(PlatformRefusedError("app.state", {"state": "Locked"}), "en").text
    region = errors.describe(PlatformRefusedError("policy.region", {"region": "GD-SZ"}), "zh_CN").text
    assert "深圳" in region and "GD-SZ" not in region
    unknown = errors.describe(PlatformRefusedError("policy.region", {"region": "XX-YY"}), "zh_CN").text
    assert "XX-YY" in unknown  # a region the terminal has no name for stays as sent


def test_every_code_the_platform_reader_or_core_can_send_has_words_and_a_next_step() -> None:
    codes = _codes_raised_in("ota") | _codes_raised_in("app")
    codes -= {"cancelled"}  # not an error: nothing is shown
    codes = {c for c in codes if not c.startswith("prompt.")}  # card prompts: ui/prompts.py, tested above
    assert {"reader.card_removed", "platform.unreachable", "se.bound_elsewhere", "gp.status_word"} <= codes
    assert len(codes) > 60, sorted(codes)
    missing = sorted(c for c in codes if errors.lookup(c.rstrip("*").rstrip(".") + ".x" if c.endswith("*") else c)
                     is None)
    assert missing == [], "add a line to ui/errors.py MESSAGES for each of these codes"
    for code in codes:
        zh, en = errors.lookup(code)  # type: ignore[misc]
        # A next step: a second clause after the reason (zh ，/；) or an imperative sentence (en).
        assert re.search(r"[\u4e00-\u9fff]", zh) and ("，" in zh or "；" in zh or "请" in zh), (code, zh)
        assert not re.search(r"[\u4e00-\u9fff]", en) and en.endswith("."), (code, en)


def test_server_error_carries_its_incident() -> None:
    from app.errors import PlatformServerError

    shown = errors.describe(PlatformServerError("boom", incident="P-1234"), "en")
    assert shown.incident == "P-1234" and "P-1234" in shown.text


def test_unknown_exception_gets_an_incident_and_is_logged(caplog) -> None:
    shown = errors.describe(ZeroDivisionError("x"), "zh_CN")
    assert shown.code == "unexpected" and shown.incident
    assert shown.text == f"发生意外错误，事件编号 {shown.incident}。"
    assert any(r.exc_info and shown.incident in r.getMessage() for r in caplog.records)


def test_unknown_code_is_treated_as_unexpected() -> None:
    class Odd(Exception):
        code = "never.heard.of"

    assert errors.describe(Odd(), "en").code == "unexpected"


def test_cancellation_is_recognised() -> None:
    from app.errors import Cancelled

    assert errors.is_cancellation(Cancelled("x"))
    assert not errors.is_cancellation(RuntimeError("x"))
