"""Add Linguist messages to resources/i18n/*.ts without running lupdate over the whole tree.

lupdate rewrites every ``<location line=...>`` of the files, so eight branches running it would
conflict on every line; this script only appends, and recompiles the ``.qm`` files.

    .venv/bin/python build/i18n_messages.py add CONTEXT "English source" "中文译文"
    .venv/bin/python build/i18n_messages.py add ErrorParams "mode:dap" "DAP模式" "DAP mode"   # a code's words
    .venv/bin/python build/i18n_messages.py move-extra   # ui/errors.py EXTRA_MESSAGES -> MESSAGES + .ts

``move-extra`` is for the integrator: a branch that added a ``(zh_CN, en)`` pair to
``EXTRA_MESSAGES`` gets it moved into the one Linguist table (``MESSAGES``, context ``Errors``);
tests/ui/test_i18n_errors.py fails while ``EXTRA_MESSAGES`` holds anything.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
ERRORS = ROOT / "ui" / "errors.py"
LRELEASE = ROOT / ".venv" / "bin" / "pyside6-lrelease"
LANGUAGES = ("zh_CN", "en")


def _message(source: str, translation: str) -> str:
    return (f"    <message>\n        <source>{escape(source)}</source>\n"
            f"        <translation>{escape(translation)}</translation>\n    </message>\n")


def add(context: str, messages: list[tuple[str, str]], english: dict[str, str] | None = None) -> int:
    """Append ``(english, chinese)`` messages to ``context`` (created if missing); skip known ones.
    A source that is a code, not English (``mode:dap``), takes its English words from ``english``."""
    english = english or {}
    added = 0
    for language in LANGUAGES:
        path = I18N / f"hallterm_{language}.ts"
        text = path.read_text(encoding="utf-8")
        head = f"<context>\n    <name>{escape(context)}</name>\n"
        if head not in text:
            text = text.replace("</TS>", head + "</context>\n</TS>")
        start = text.index(head)
        end = text.index("</context>", start)
        block = text[start:end]
        new = "".join(_message(en, english.get(en, en) if language == "en" else zh) for en, zh in messages
                      if f"<source>{escape(en)}</source>" not in block)
        added = max(added, new.count("<message>"))
        path.write_text(text[:end] + new + text[end:], encoding="utf-8")
    compile_qm()
    return added


def compile_qm() -> None:
    for language in LANGUAGES:
        ts = I18N / f"hallterm_{language}.ts"
        subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def move_extra() -> int:
    """Every ``EXTRA_MESSAGES`` pair becomes a ``MESSAGES`` line and an ``Errors`` message."""
    source = ERRORS.read_text(encoding="utf-8")
    tree = ast.parse(source)
    extra = next(n for n in tree.body if isinstance(n, ast.AnnAssign)
                 and getattr(n.target, "id", "") == "EXTRA_MESSAGES")
    table = next(n for n in tree.body if isinstance(n, ast.AnnAssign)
                 and getattr(n.target, "id", "") == "MESSAGES")
    assert isinstance(extra.value, ast.Dict) and isinstance(table.value, ast.Dict)
    pairs = {ast.literal_eval(k): ast.literal_eval(v) for k, v in zip(extra.value.keys, extra.value.values, strict=True)
             if k is not None}
    if not pairs:
        return 0
    lines = source.splitlines(keepends=True)
    known = {ast.literal_eval(k) for k in table.value.keys if k is not None}
    # A JSON string is a Python string literal, in the double quotes the file uses.
    new_lines = [f"    {json.dumps(code)}: QT_TRANSLATE_NOOP(\"Errors\", {json.dumps(en, ensure_ascii=False)}),\n"
                 for code, (_zh, en) in pairs.items() if code not in known]
    # Empty EXTRA_MESSAGES (keep its comment lines), then insert before MESSAGES' closing brace.
    extra_open, extra_close = extra.lineno - 1, extra.end_lineno - 1  # type: ignore[operator]
    kept = [line for line in lines[extra_open + 1:extra_close] if line.strip().startswith("#")]
    lines[extra_open:extra_close + 1] = [lines[extra_open].split("{")[0] + "{\n", *kept, "}\n"]
    table_close = table.end_lineno - 1  # type: ignore[operator]
    lines[table_close:table_close] = new_lines
    ERRORS.write_text("".join(lines), encoding="utf-8")
    add("Errors", [(en, zh) for _code, (zh, en) in pairs.items()])
    return len(pairs)


def main(argv: list[str]) -> int:
    if argv[:1] == ["add"] and len(argv) in (4, 5):
        english = {argv[2]: argv[4]} if len(argv) == 5 else None
        print(f"added {add(argv[1], [(argv[2], argv[3])], english)} message(s)")
        return 0
    if argv == ["move-extra"]:
        print(f"moved {move_extra()} code(s) into the Linguist table")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
