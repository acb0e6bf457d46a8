"""The terminal core sends codes and parameters, never words (issue 11 item 4).

No Chinese in any string of app/ (the words are in resources/i18n/*.ts); a docstring may quote
the customer spec's own term (``换号``), it is documentation, not output.  The services' progress,
prompts, receipts and outcomes carry :class:`app.services.words.Words`, never a text.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# The services and the relay speak only in codes; app/commands is the console's own edge.
CORE = ("app/services", "app/relay.py")


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs]


def test_no_chinese_literal_in_the_terminal_core() -> None:
    files = list((ROOT / "app").rglob("*.py"))
    assert len(files) > 40
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path in files for line, text in _strings(path)
             if CJK.search(text)]
    assert found == [], "word it in resources/i18n (ui/words.py TEXTS), send a Words(code, params)"


def test_the_scan_sees_a_chinese_literal(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('"""换号: a docstring may quote the spec."""\nTEXT = "正在读卡"\n', encoding="utf-8")
    assert [text for _line, text in _strings(probe) if CJK.search(text)] == ["正在读卡"]


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    paths = [p for part in CORE for p in ((ROOT / part).rglob("*.py") if (ROOT / part).is_dir() else [ROOT / part])]
    return [(f"{path.relative_to(ROOT)}:{node.lineno}", node) for path in paths
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name]


def test_progress_and_prompts_carry_words_not_text() -> None:
    """``ctx.report(stage, done, total, words)`` and ``ask_for_card`` / ``confirm``: no string
    literal where the words go (an f-string or a literal would be prose)."""
    sites = _calls("report") + _calls("ask_for_card") + _calls("confirm")
    assert len(sites) >= 8
    prose = [where for where, call in sites for arg in call.args[-1:]
             if isinstance(arg, ast.Constant | ast.JoinedStr | ast.BinOp)]
    assert prose == []
    reports = [call for _where, call in _calls("report")]
    assert all(len(call.args) == 4 for call in reports)
