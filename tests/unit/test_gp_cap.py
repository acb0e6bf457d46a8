from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ota.gp.cap import LOAD_ORDER, CapFile, Component
from ota.gp.errors import CapFileError
from ota.gp.tlv import decode_tlv

CAP_DIR = Path(__file__).resolve().parents[2] / "resources" / "caps"
CAPS = sorted(str(p) for p in CAP_DIR.glob("*.cap"))
YUBICO = str(CAP_DIR / "YubicoYubiKeyOath_v1.0.2_sdk2.2.2.cap")


def test_sample_caps_are_present() -> None:
    assert len(CAPS) >= 5


@pytest.mark.parametrize("path", CAPS, ids=lambda p: Path(p).name)
def test_every_sample_cap(path: str) -> None:
    cap = CapFile.open(path)
    assert 5 <= len(cap.package_aid) <= 16
    assert cap.applet_aids and all(a.startswith(cap.package_aid[:5]) for a in cap.applet_aids)
    lfdb = cap.load_file_data_block()
    # the LFDB is the components in installation order, without Descriptor and Debug
    expected = b"".join(cap.components[c] for c in LOAD_ORDER if c in cap.components)
    assert lfdb == expected
    assert lfdb[0] == Component.Header and lfdb[3:7] == bytes.fromhex("DECAFFED")
    assert cap.components[Component.Descriptor] not in lfdb
    assert len(cap.load_file_data_block(include_descriptor=True)) == len(lfdb) + cap.component_sizes["Descriptor"]
    assert cap.load_file_data_block_hash() == hashlib.sha1(lfdb).digest()
    assert decode_tlv(cap.load_file()).tag == 0xC4 and decode_tlv(cap.load_file()).value == lfdb
    assert cap.code_size >= len(lfdb)
    # the sizes declared in the Directory agree with each component
    for name, size in cap.directory_sizes.items():
        assert cap.component_sizes[name] == size + 3
    # the bytes form gives the same result as the path form
    assert CapFile.open(Path(path).read_bytes()).load_file_data_block_hash() == cap.load_file_data_block_hash()
    print(
        f"\n{Path(path).name}: package {cap.package_aid.hex().upper()} {cap.package_name} "
        f"applets {[a.hex().upper() for a in cap.applet_aids]} LFDB {len(lfdb)} "
        f"SHA-1 {cap.load_file_data_block_hash().hex().upper()}"
    )


def test_known_values_of_yubico_oath() -> None:
    cap = CapFile.open(YUBICO)
    assert cap.package_aid == bytes.fromhex("A0000005272101")
    assert cap.applet_aids == [bytes.fromhex("A000000527471117")]
    assert cap.package_version == (0, 0)  # MANIFEST: Java-Card-Package-Version 0.0
    assert cap.package_name == "pkgYkneoOath"
    assert cap.cap_version == (2, 1)
    assert len(cap.load_file_data_block()) == 4150
    assert cap.load_file()[:4] == bytes.fromhex("C4821036")


def _rewrite(path: str, change) -> bytes:  # noqa: ANN001 - (name, data) -> data | None
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("name", ["Header", "Directory", "Import", "Class", "Method", "ConstantPool",
                                  "StaticField", "RefLocation", "Descriptor", "Applet"])
def test_missing_component_is_named(name: str) -> None:
    raw = _rewrite(YUBICO, lambda fn, d: None if fn.endswith(f"/{name}.cap") else d)
    with pytest.raises(CapFileError, match=f"{name} component is missing"):
        CapFile.open(raw)


def _corrupt(name: str, mutate) -> bytes:  # noqa: ANN001
    return _rewrite(YUBICO, lambda fn, d: mutate(d) if fn.endswith(f"/{name}.cap") else d)


@pytest.mark.parametrize(
    ("name", "mutate", "message"),
    [
        ("Method", lambda d: b"\x06" + d[1:], "Method component has tag 6, expected 7"),
        ("Method", lambda d: d[:-1], "Method component size field says"),
        ("Class", lambda d: d + b"\x00", "Class component size field says"),
        ("Header", lambda d: d[:3] + b"\xCA\xFE\xBA\xBE" + d[7:], "bad magic"),
        ("Applet", lambda d: d[:1] + (len(d) - 4).to_bytes(2, "big") + d[3:-1], "Applet component"),
        ("Directory", lambda d: d[:1] + (len(d) - 1).to_bytes(2, "big") + d[3:] + b"\x00\x00",
         "Directory component"),
        ("Import", lambda d: d[:2], "Import component is shorter"),
    ],
)
def test_corrupt_component_is_named(name: str, mutate, message: str) -> None:  # noqa: ANN001
    with pytest.raises(CapFileError, match=message):
        CapFile.open(_corrupt(name, mutate))


def test_directory_size_mismatch_is_detected() -> None:
    def grow_method(d: bytes) -> bytes:  # a consistent component whose size the Directory disagrees with
        body = d[3:] + b"\x00"
        return d[:1] + len(body).to_bytes(2, "big") + body

    with pytest.raises(CapFileError, match=r"Method component is .* Directory says"):
        CapFile.open(_corrupt("Method", grow_method))


def test_not_a_zip_and_unreadable_path() -> None:
    with pytest.raises(CapFileError, match="not a ZIP"):
        CapFile.open(b"PK\x03\x04garbage")
    with pytest.raises(CapFileError, match="cannot read"):
        CapFile.open("/nonexistent/file.cap")


def test_two_packages_in_one_cap_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(YUBICO) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("other/javacard/Header.cap", src.read("pkgYkneoOath/javacard/Header.cap"))
    with pytest.raises(CapFileError, match="several packages"):
        CapFile.open(out.getvalue())


JCMEMORY = (CAP_DIR / "JCMemory_v1.0_sdk2.2.2.cap").read_bytes()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(JCMEMORY) - 1), st.integers(0, 255)), min_size=1, max_size=4))
def test_damaged_archives_only_raise_cap_file_error(changes: list[tuple[int, int]]) -> None:
    raw = bytearray(JCMEMORY)
    for pos, value in changes:
        raw[pos] = value
    try:
        CapFile.open(bytes(raw))
    except CapFileError:
        pass
