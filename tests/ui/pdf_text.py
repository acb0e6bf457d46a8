"""Just enough PDF reading to check what Qt's QPdfWriter wrote (no PDF library in the venv).

Qt writes each glyph as ``<gid> Tj`` after selecting a font (``/F11 63 Tf``); the font's
``/ToUnicode`` CMap maps glyph ids back to text.  Following resource name -> font object ->
CMap object recovers the text of the page.  NFKC folds the Kangxi radicals some CJK fonts map
common characters to (U+2F3F for 手) back to the usual code points.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from pathlib import Path


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def _stream(body: bytes) -> bytes:
    found = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
    if not found:
        return b""
    try:
        return zlib.decompress(found.group(1))
    except zlib.error:
        return found.group(1)


def _cmap(stream: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        # Either "<lo> <hi> <first>" (consecutive code points) or "<lo> <hi> [<cp> <cp> ...]".
        for lo, hi, dst, array in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])", block):
            gids = range(int(lo, 16), int(hi, 16) + 1)
            if array:
                points = [int(h, 16) for h in re.findall(rb"<([0-9A-Fa-f]+)>", array)]
            else:
                points = [int(dst, 16) + i for i in range(len(gids))]
            table.update({gid: chr(cp) for gid, cp in zip(gids, points, strict=True)})
    return table


def _fonts(objects: dict[int, bytes]) -> dict[bytes, dict[int, str]]:
    """Resource name (``F11``) -> glyph id -> text."""
    names: dict[bytes, int] = {}
    for body in objects.values():
        for name, num in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            names[name] = int(num)
    fonts = {}
    for name, num in names.items():
        ref = re.search(rb"/ToUnicode (\d+) 0 R", objects.get(num, b""))
        if ref:
            fonts[name] = _cmap(_stream(objects[int(ref.group(1))]))
    return fonts


def pdf_text(path: Path) -> str:
    objects = _objects(path.read_bytes())
    fonts = _fonts(objects)
    out = []
    for body in objects.values():
        content = _stream(body)
        if b" Tj" not in content:
            continue
        font: dict[int, str] = {}
        for name, gid in re.findall(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]{4})> Tj", content):
            if name:
                font = fonts.get(name, {})
            else:
                out.append(font.get(int(gid, 16), "\ufffd"))
    return unicodedata.normalize("NFKC", "".join(out))
