"""The words for an error code, read from the Qt Linguist files without Qt (issue 11 item 4).

The platform and the core send codes and parameters; every word lives in resources/i18n/*.ts
(context ``Errors``; the card prompts ``Prompts``; the terminal core's own words ``CoreWords``:
service titles, progress, receipt labels).  The GUI reads them through Qt; the two command lines
(``hallterm query``, ``hallterm platform``) may not import Qt, so they read the same files here
with the standard library.  Which English source a code has is the table in ui/errors.py
(``MESSAGES``, plus the ``EXTRA_MESSAGES`` merge inbox of ``(zh_CN, en)`` pairs), ui/prompts.py
and ui/words.py (``TEXTS``), read as Python source, not imported.

A message's ``{name}`` placeholders are filled from the code's ``params``; a value people read
(an application state, a service kind, a record kind, a region code) is itself translated from
the context ``ErrorParams`` (source ``name:value``), and stays as sent when it has no words.
"""

from __future__ import annotations

import ast
import os
import re
import string
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
ERRORS_CONTEXT = "Errors"
PARAMS_CONTEXT = "ErrorParams"
PROMPTS_CONTEXT = "Prompts"
CORE_CONTEXT = "CoreWords"
UNKNOWN_CODE = ("未办理成功，请重试；如仍不成功，请联系技术支持。",
                "Not completed. Try again; if it fails again, please call support.")


def _root() -> Path:
    base = getattr(sys, "_MEIPASS", None)  # inside the PyInstaller bundle
    return Path(base) if base else Path(__file__).resolve().parents[1]


def language(explicit: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """``--lang`` if given, else LC_ALL / LANG (``en_US.UTF-8`` -> en), else zh_CN."""
    for value in (explicit, environ.get("LC_ALL"), environ.get("LANG")):
        if value:
            if value.lower().startswith("en"):
                return "en"
            if value.lower().startswith("zh"):
                return "zh_CN"
    return DEFAULT_LANGUAGE


@cache
def _catalogue(lang: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of resources/i18n/hallterm_<lang>.ts."""
    path = _root() / "resources" / "i18n" / f"hallterm_{lang}.ts"
    words: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            if source and translation:
                words[(name, source)] = translation
    return words


def _literal_dict(tree: ast.Module, name: str) -> dict[str, object]:
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if target is not None and getattr(target, "id", "") == name:
            assert isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict)
            return {ast.literal_eval(k): _noop_source(v) for k, v in zip(node.value.keys, node.value.values, strict=True)
                    if k is not None}
    return {}


def _noop_source(value: ast.expr) -> object:
    """``QT_TRANSLATE_NOOP("Errors", "English")`` -> "English"; a literal as it is."""
    if isinstance(value, ast.Call):
        return ast.literal_eval(value.args[-1])
    return ast.literal_eval(value)


@cache
def code_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(code -> (context, English source), code -> (zh_CN, en) merge-inbox pair): the error
    codes of ui/errors.py, the card prompts of ui/prompts.py and the core's words of ui/words.py."""
    tree = ast.parse((_root() / "ui" / "errors.py").read_text(encoding="utf-8"))
    messages = {k: (ERRORS_CONTEXT, str(v)) for k, v in _literal_dict(tree, "MESSAGES").items()}
    extra = {k: (str(v[0]), str(v[1])) for k, v in _literal_dict(tree, "EXTRA_MESSAGES").items()  # type: ignore[index]
             if isinstance(v, tuple)}
    for module, context in (("prompts.py", PROMPTS_CONTEXT), ("words.py", CORE_CONTEXT)):
        table = ast.parse((_root() / "ui" / module).read_text(encoding="utf-8"))
        messages |= {k: (context, str(v)) for k, v in _literal_dict(table, "TEXTS").items()}
    return messages, extra


def words(code: str | None) -> tuple[str, str] | None:
    """(zh_CN, en) words of ``code`` (or of its family, ``params.msisdn`` -> ``params.*``), unfilled."""
    if not code:
        return None
    messages, extra = code_table()
    for key in (code, code.split(".", 1)[0] + ".*"):
        if key in messages:
            context, source = messages[key]
            return _catalogue("zh_CN").get((context, source), source), source
        if key in extra:
            return extra[key]
    return None


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def value_words(name: str, value: object, lang: str) -> str:
    """A parameter as a person reads it: ``state=Locked`` -> 已锁定; unknown values as sent."""
    text = str(value)
    return _catalogue(lang).get((PARAMS_CONTEXT, f"{name}:{text}"), text)


def fill(text: str, params: Mapping[str, object] | None, lang: str) -> str:
    """``text`` with its placeholders filled.  A value that did not come (an older platform) is
    left out with its brackets, ``（{kind}）`` / `` ({kind})``, or shown as an ellipsis."""
    params = params or {}
    for name in placeholders(text) - set(params):
        text = re.sub(r" ?[（(]\{" + name + r"\}[）)]", "", text).replace("{" + name + "}", "…")
    return text.format_map({name: value_words(name, params[name], lang) for name in placeholders(text)})


def error_text(code: str | None, params: Mapping[str, object] | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The words for ``code`` in ``lang``, parameters filled; the generic words for an unknown code."""
    pair = words(code) or UNKNOWN_CODE
    return fill(pair[0] if lang.startswith("zh") else pair[1], params, lang)


def both(code: str | None, params: Mapping[str, object] | None = None) -> tuple[str, str]:
    """(zh_CN, en) words for ``code``, parameters filled: for a console that prints either."""
    return error_text(code, params, "zh_CN"), error_text(code, params, "en")


def say(words: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A core ``Words`` (``code`` + ``params``, app.services.words) in ``lang``: what a console
    prints for a progress line, a prompt, a receipt's title or label, or an outcome's error."""
    return error_text(getattr(words, "code", None), getattr(words, "params", None), lang)
