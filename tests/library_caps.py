"""A library package and an applet that imports it, made from a shipped CAP (JCMemory, CAP 2.1).

No Java Card converter runs here, so the pair is derived from real components: the library is
JCMemory under another package AID without its Applet component (so without applets, as an
extension of seed §5.4.3 is); the applet is JCMemory under a third package AID whose Import
component (JCVM 2.2.2 §6.6) also names the library.  Sizes in the Directory component follow.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CAP = Path(__file__).resolve().parents[1] / "resources" / "caps" / "JCMemory_v1.0_sdk2.2.2.cap"
SOURCE_PACKAGE = bytes.fromhex("4A43416C6754657375")  # nine bytes: replacements keep the length
_ACC_APPLET = 0x04
# Directory info of CAP 2.1: eleven u2 sizes (Header first), image_size, array_init_count,
# array_init_size, then import_count, applet_count, custom_count (JCVM 2.2.2 §6.4).
_APPLET_SIZE, _IMPORT_SIZE, _IMPORT_COUNT, _APPLET_COUNT = 4, 6, 28, 29


def _components() -> dict[str, bytes]:
    with zipfile.ZipFile(CAP) as z:
        return {Path(n).name: z.read(n) for n in z.namelist() if n.endswith(".cap")}


def _zip(folder: str, components: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in components.items():
            z.writestr(f"{folder}/javacard/{name}", data)
    return out.getvalue()


def _with_info(component: bytes, info: bytes) -> bytes:
    return component[:1] + len(info).to_bytes(2, "big") + info


def _put_u2(info: bytearray, at: int, value: int) -> None:
    info[at : at + 2] = value.to_bytes(2, "big")


def library_cap(package_aid: bytes) -> bytes:
    assert len(package_aid) == len(SOURCE_PACKAGE)
    parts = _components()
    header = bytearray(parts["Header.cap"].replace(SOURCE_PACKAGE, package_aid))
    header[3 + 6] &= ~_ACC_APPLET  # flags: after magic(4), minor, major
    directory = bytearray(parts["Directory.cap"][3:])
    _put_u2(directory, _APPLET_SIZE, 0)
    directory[_APPLET_COUNT] = 0
    parts.update({"Header.cap": bytes(header), "Directory.cap": _with_info(parts["Directory.cap"], bytes(directory))})
    del parts["Applet.cap"]
    return _zip("library", parts)


def applet_cap(package_aid: bytes, imports: bytes, version: tuple[int, int] = (1, 0)) -> bytes:
    """JCMemory as ``package_aid`` (its applet ``package_aid + 31``), importing ``imports`` too."""
    assert len(package_aid) == len(SOURCE_PACKAGE)
    parts = {n: d.replace(SOURCE_PACKAGE, package_aid) if n in ("Header.cap", "Applet.cap") else d
             for n, d in _components().items()}
    old = parts["Import.cap"][3:]
    added = bytes((version[1], version[0], len(imports))) + imports
    new_import = bytes((old[0] + 1,)) + old[1:] + added
    directory = bytearray(parts["Directory.cap"][3:])
    _put_u2(directory, _IMPORT_SIZE, len(new_import))
    directory[_IMPORT_COUNT] += 1
    parts.update({"Import.cap": _with_info(parts["Import.cap"], new_import),
                  "Directory.cap": _with_info(parts["Directory.cap"], bytes(directory))})
    return _zip("user", parts)
