"""The core's words (issue 11 item 4): codes and params from app/, words from the .ts files only.

Every code the terminal core can emit has Chinese and English words; the GUI (Qt, ui/words.py)
and the consoles (ota/wording.py, no Qt) word it the same; a receipt keeps codes in the journal
and an older receipt that kept words still reprints.
"""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.services import words as core
from app.services.base import Receipt, ReceiptLine, receipt_values
from app.services.words import Words
from ota import wording
from ota.protocol import OperationKind

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
ROLES = ("target", "source")  # a need_card's roles (ota.protocol.NeedCard)
OWN_CODE = re.compile(r"(console|progress|prompt|receipt\.label|service\.title)\.[a-z_.]*[a-z]")


def _codes_built_in_app() -> set[str]:
    """Every ``Words("x.y")`` / ``Words.of("x.y", ...)`` in app/, ``f"prompt.place_{role}"`` per role."""
    codes: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            built = (isinstance(func, ast.Name) and func.id == "Words") or (
                isinstance(func, ast.Attribute) and func.attr == "of" and getattr(func.value, "id", "") == "Words")
            first = node.args[0]
            if built and isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
            elif built and isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefix = str(first.values[0].value)
                codes |= {f"{prefix}{role}" for role in ROLES} if prefix == "prompt.place_" else set()
        # a code worded where it is used (the console's lines: ``say("console.batch", ...)``)
        codes |= {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and OWN_CODE.fullmatch(node.value)}
    return codes


def _reachable() -> set[str]:
    """The codes of the core's own words: its tables, and every Words built from a literal."""
    return set(core.core_codes()) | {c for c in _codes_built_in_app() if OWN_CODE.fullmatch(c)}


def _sample(code: str) -> Words:
    """``code`` with a value for each of its placeholders (a state, to see it worded too)."""
    _zh, en = wording.words(code)  # type: ignore[misc]
    return Words.of(code, **{name: "Locked" if name == "state" else "7" for name in wording.placeholders(en)})


def test_the_core_builds_words_from_codes_only() -> None:
    built = _codes_built_in_app()
    assert {"prompt.wrong_phone", "prompt.same_phone", "prompt.place_target", "prompt.place_source"} <= built
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", code) for code in built), sorted(built)


def test_every_code_the_core_can_emit_has_words_in_both_languages() -> None:
    codes = _reachable()
    assert len(codes) >= 30 and {"service.title.query", "progress.apdu", "prompt.wrong_phone",
                                 "receipt.label.state", "console.space"} <= codes
    missing = sorted(code for code in codes if wording.words(code) is None)
    assert missing == [], "add the words: ui/words.py TEXTS + build/i18n_messages.py add CoreWords ..."
    for code in codes:
        zh, en = wording.words(code)  # type: ignore[misc]
        assert CJK.search(zh), (code, zh)
        assert en and not CJK.search(en), (code, en)
        assert wording.placeholders(zh) == wording.placeholders(en), code


def test_no_core_word_is_left_unused() -> None:
    from ui import words as gui_words

    assert set(gui_words.TEXTS) - _reachable() == set()


def test_every_service_kind_has_a_title() -> None:
    assert {core.service_title(kind).code for kind in OperationKind} <= set(wording.code_table()[0])


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_gui_and_the_console_say_the_same(gui, lang: str) -> None:  # noqa: ANN001
    from ui import words as gui_words

    codes = sorted(_reachable() | {"queue.previous_waiting", "se_lost"})  # a confirm and an error too
    for code in codes:
        said = _sample(code)
        shown, printed = gui_words.say(said, lang), wording.say(said, lang)
        assert shown == printed, (code, shown, printed)
        assert "{" not in shown and (CJK.search(shown) if lang == "zh_CN" else not CJK.search(shown)), shown
    # a receipt line's value: a state in words, a name or number as it is
    assert gui_words.value("state", "Locked", lang) == ("已锁定" if lang == "zh_CN" else "locked")
    assert gui_words.value("app", "SmartPGP", lang) == "SmartPGP"


def test_progress_words_are_filled(gui) -> None:  # noqa: ANN001
    from ui import words as gui_words

    assert gui_words.say(core.loading(3, 40), "zh_CN") == "正在下载：第 3/40 块"
    assert gui_words.say(core.script_step(2, 5, 14), "en") == "Step 2: 5 of 14 commands"
    assert gui_words.say(core.in_queue(1), "zh_CN") == "这部手机正在办理其他业务，排队等候中，前面还有 1 项"


def _receipt() -> Receipt:
    now = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)
    return Receipt(core.service_title("lock"), "op-12345678", "lock", "clerk1", "T-0001", "8686001122334455",
                   "13800138000", "smartpgp", now, now, True,
                   [ReceiptLine("app", "SmartPGP"), ReceiptLine("state", "Locked")])


def test_the_journal_keeps_codes_not_words() -> None:
    stored = _receipt().to_dict()
    assert stored["title"] == {"code": "service.title.lock", "params": {}}
    assert stored["lines"][1] == {"key": "state", "code": "receipt.label.state", "value": "Locked"}
    assert not CJK.search(repr(stored)) and "Application" not in repr(stored)
    assert receipt_values(stored) == {"app": "SmartPGP", "state": "Locked"}


# A receipt as round 4 stored it in the journal: words in both languages.
OLD_RECEIPT = {
    "title": {"zh": "应用锁定", "en": "Application lock"}, "kind": "lock", "ok": True,
    "lines": [{"zh": "应用", "en": "Application", "value": "SmartPGP"},
              {"zh": "状态", "en": "State", "value": "Locked"},
              {"zh": "原号码", "en": "Old MSISDN", "value": "13900139000"}],
}


def test_an_old_receipt_still_reads() -> None:
    assert receipt_values(OLD_RECEIPT) == {"app": "SmartPGP", "state": "Locked", "previous_msisdn": "13900139000"}
    assert receipt_values({}) == {} and receipt_values({"lines": "nonsense"}) == {}


@pytest.mark.parametrize("stored", [OLD_RECEIPT, _receipt().to_dict()], ids=["round4-words", "codes"])
def test_a_stored_receipt_reprints_in_the_clerks_language(gui, stored, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.ui.conftest import receipt_png
    from tests.ui.pdf_text import pdf_text
    from ui import i18n, receipt

    entry = SimpleNamespace(kind="lock", ok=True, msisdn="13800138000", app_id="", operator="clerk1",
                            terminal="T-0001", operation_id="op-12345678", receipt=stored,
                            finished_at=datetime(2026, 12, 2, 8, 30, tzinfo=UTC), started_at=None)
    titles = {"SmartPGP": "SmartPGP 数字签名"}
    data = receipt.from_journal(entry, lambda _id, name: titles.get(name, ""), None, SimpleNamespace(hall="天河营业厅"))
    assert (data.app_title, data.state) == ("SmartPGP 数字签名", "Locked")
    i18n.translators.apply("zh_CN")
    html = receipt.receipt_html(data)
    assert "SmartPGP 数字签名" in html and "已锁定" in html and "Locked" not in html
    if stored is OLD_RECEIPT:  # the PDF of a row stored before the journal kept codes
        pdf = receipt.save_pdf(data, tmp_path / "reprint.pdf")
        assert "已锁定" in pdf_text(pdf)
        receipt_png(pdf, "receipt_reprint_round4_lock", "zh_CN")
    i18n.translators.apply("en")
    try:
        assert "Locked" in receipt.receipt_html(data)
    finally:
        i18n.translators.apply("zh_CN")
