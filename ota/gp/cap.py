"""Java Card CAP file reader (JCVM 2.2.2 §6) producing the GP Load File (GPC 2.2.1 §11.6.2.3).

A CAP file is a ZIP holding one component per file under ``<package path>/javacard/``.  Each
component is ``u1 tag, u2 size, u1 info[size]``.  The card receives the components concatenated
in the installation order of JCVM §6.2 as the Load File Data Block, wrapped as ``C4 len LFDB``.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from ota.gp.errors import CapFileError
from ota.gp.tlv import encode_length

HEADER_MAGIC = 0xDECAFFED
MAX_UNCOMPRESSED = 16 * 1024 * 1024  # far above any Java Card package; stops ZIP bombs
# Everything zipfile/zlib raise on a damaged archive; turned into CapFileError at the edge.
_ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, NotImplementedError,
    OSError, EOFError, RuntimeError, UnicodeDecodeError,
)
_COMPONENT_PATH = re.compile(r"^(?P<pkg>(?:.*/)?)javacard/(?P<name>[A-Za-z]+)\.cap$")


class Component(IntEnum):
    """Component tags, JCVM 2.2.2 §6.1 Table 6-1 (StaticResources: JCVM 3.1)."""

    Header = 1
    Directory = 2
    Applet = 3
    Import = 4
    ConstantPool = 5
    Class = 6
    Method = 7
    StaticField = 8
    RefLocation = 9
    Export = 10
    Descriptor = 11
    Debug = 12
    StaticResources = 13


# JCVM 2.2.2 §6.1: required in every CAP file; Applet/Export depend on the header flags.
REQUIRED = (
    Component.Header, Component.Directory, Component.Import, Component.ConstantPool,
    Component.Class, Component.Method, Component.StaticField, Component.RefLocation,
    Component.Descriptor,
)

# JCVM 2.2.2 §6.2 (installation order); StaticResources follows RefLocation in JCVM 3.1.
LOAD_ORDER = (
    Component.Header, Component.Directory, Component.Import, Component.Applet,
    Component.Class, Component.Method, Component.StaticField, Component.Export,
    Component.ConstantPool, Component.RefLocation, Component.StaticResources,
)

ACC_EXPORT = 0x02
ACC_APPLET = 0x04


class _Reader:
    """Bounds-checked reads inside one component, errors naming the component."""

    def __init__(self, name: str, data: bytes, pos: int = 3) -> None:
        self.name, self.data, self.pos = name, data, pos

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise CapFileError(f"{self.name} component is truncated at offset {self.pos}")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def u1(self) -> int:
        return self.take(1)[0]

    def u2(self) -> int:
        return int.from_bytes(self.take(2), "big")

    def lv(self) -> bytes:
        return self.take(self.u1())

    @property
    def remaining(self) -> int:
        return len(self.data) - self.pos


@dataclass(frozen=True)
class PackageRef:
    """One ``package_info`` of the Import component (JCVM 2.2.2 §6.6): a package this one links to."""

    aid: bytes
    version: tuple[int, int]  # major, minor


@dataclass(frozen=True)
class CapFile:
    components: dict[Component, bytes]
    package_aid: bytes
    package_version: tuple[int, int]
    package_name: str | None
    cap_version: tuple[int, int]
    applet_aids: list[bytes]
    directory_sizes: dict[str, int] = field(default_factory=dict)
    static_field_image_size: int = 0
    imports: list[PackageRef] = field(default_factory=list)
    """The packages this one needs on the card first (Java Card API packages included)."""

    @classmethod
    def open(cls, path_or_bytes: str | Path | bytes) -> CapFile:
        """Read a CAP file from a path or from its bytes; raises ``CapFileError`` if invalid."""
        if isinstance(path_or_bytes, (bytes, bytearray)):
            raw = bytes(path_or_bytes)
        else:
            try:
                raw = Path(path_or_bytes).read_bytes()
            except OSError as exc:
                raise CapFileError(f"cannot read CAP file: {exc.strerror}") from exc
        components, package_path = _read_components(raw)
        return cls._from_components(components, package_path)

    @classmethod
    def _from_components(
        cls, components: dict[Component, bytes], package_path: str = ""
    ) -> CapFile:
        for comp in REQUIRED:
            if comp not in components:
                raise CapFileError(f"{comp.name} component is missing")
        aid, version, name, cap_version, flags = _parse_header(components[Component.Header])
        if flags & ACC_APPLET and Component.Applet not in components:
            raise CapFileError("Applet component is missing (header declares applets)")
        if flags & ACC_EXPORT and Component.Export not in components:
            raise CapFileError("Export component is missing (header declares exports)")
        applet = components.get(Component.Applet)
        applets = _parse_applet(applet) if applet is not None else []
        sizes, image_size = _parse_directory(components[Component.Directory])
        for comp, data in components.items():
            declared = sizes.get(comp.name)
            if declared is not None and declared != len(data) - 3:
                raise CapFileError(
                    f"{comp.name} component is {len(data) - 3} bytes, Directory says {declared}"
                )
        # CAP format 2.1 has no name in the Header; the ZIP folder is the package path.
        name = name or package_path.strip("/").replace("/", ".") or None
        imports = _parse_import(components[Component.Import])
        return cls(components, aid, version, name, cap_version, applets, sizes, image_size, imports)

    @property
    def is_library(self) -> bool:
        """A library package (an extension, seed §5.4.3): code other packages link to, no applet
        to instantiate."""
        return not self.applet_aids

    @property
    def component_sizes(self) -> dict[str, int]:
        """Total bytes (tag + size + info) of each component present in the file."""
        return {comp.name: len(data) for comp, data in sorted(self.components.items())}

    def load_file_data_block(
        self, include_descriptor: bool = False, include_debug: bool = False
    ) -> bytes:
        """Components in JCVM §6.2 installation order (GPC 2.2.1 §11.6.2.3 Load File Data Block)."""
        order = list(LOAD_ORDER)
        if include_descriptor:
            order.append(Component.Descriptor)
        if include_debug:
            order.append(Component.Debug)
        return b"".join(self.components[c] for c in order if c in self.components)

    def load_file_data_block_hash(self) -> bytes:
        """SHA-1 of the default Load File Data Block (INSTALL [for load] hash, seed §5)."""
        return hashlib.sha1(self.load_file_data_block()).digest()

    def load_file(self) -> bytes:
        """``C4 <BER length> <LFDB>``, the data that LOAD carries (GPC 2.2.1 Table 11-58)."""
        lfdb = self.load_file_data_block()
        return b"\xC4" + encode_length(len(lfdb)) + lfdb

    @property
    def code_size(self) -> int:
        """Estimate of the non-volatile memory the package needs: the loaded components plus
        the static field image (JCVM §6.10 image_size)."""
        return len(self.load_file_data_block()) + self.static_field_image_size


def _read_components(raw: bytes) -> tuple[dict[Component, bytes], str]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_ERRORS as exc:
        raise CapFileError(f"not a ZIP archive: {exc}") from exc
    with zf:
        found: dict[Component, tuple[str, zipfile.ZipInfo]] = {}
        packages: set[str] = set()
        for info in zf.infolist():
            m = _COMPONENT_PATH.match(info.filename)
            if not m or m["name"] not in Component.__members__:
                continue
            comp = Component[m["name"]]
            packages.add(m["pkg"])
            found[comp] = (info.filename, info)
        if len(packages) > 1:
            raise CapFileError(f"CAP holds components of several packages: {sorted(packages)}")
        if sum(info.file_size for _, info in found.values()) > MAX_UNCOMPRESSED:
            raise CapFileError("CAP components are implausibly large")
        out: dict[Component, bytes] = {}
        for comp, (name, _) in found.items():
            try:
                data = zf.read(name)
            except _ZIP_ERRORS as exc:
                raise CapFileError(f"{comp.name} component cannot be extracted: {exc}") from exc
            _check_component(comp, data)
            out[comp] = data
    return out, next(iter(packages), "")


def _check_component(comp: Component, data: bytes) -> None:
    if len(data) < 3:
        raise CapFileError(f"{comp.name} component is shorter than its 3-byte header")
    if data[0] != comp:
        raise CapFileError(f"{comp.name} component has tag {data[0]}, expected {int(comp)}")
    size = int.from_bytes(data[1:3], "big")
    if size != len(data) - 3:
        raise CapFileError(
            f"{comp.name} component size field says {size}, found {len(data) - 3} bytes"
        )


def _parse_header(data: bytes) -> tuple[bytes, tuple[int, int], str | None, tuple[int, int], int]:
    """Header component, JCVM 2.2.2 §6.3."""
    r = _Reader("Header", data)
    if int.from_bytes(r.take(4), "big") != HEADER_MAGIC:
        raise CapFileError("Header component has a bad magic number (expected DECAFFED)")
    cap_minor, cap_major, flags = r.u1(), r.u1(), r.u1()
    pkg_minor, pkg_major = r.u1(), r.u1()
    aid = r.lv()
    if not 5 <= len(aid) <= 16:
        raise CapFileError(f"Header component has a package AID of {len(aid)} bytes")
    name = None
    if (cap_major, cap_minor) >= (2, 2) and r.remaining:
        # package_name_info exists from CAP format 2.2 on (JCVM 2.2.2 §6.3)
        name = r.lv().decode("ascii", "replace").replace("/", ".") or None
    return aid, (pkg_major, pkg_minor), name, (cap_major, cap_minor), flags


def _parse_applet(data: bytes) -> list[bytes]:
    """Applet component, JCVM 2.2.2 §6.5: count, then (AID, install method offset) per applet."""
    r = _Reader("Applet", data)
    aids = []
    for _ in range(r.u1()):
        aid = r.lv()
        if not 5 <= len(aid) <= 16:
            raise CapFileError(f"Applet component has an applet AID of {len(aid)} bytes")
        r.u2()
        aids.append(aid)
    if r.remaining:
        raise CapFileError(f"Applet component has {r.remaining} trailing bytes")
    return aids


def _parse_import(data: bytes) -> list[PackageRef]:
    """Import component, JCVM 2.2.2 §6.6: count, then (minor, major, AID) per imported package."""
    r = _Reader("Import", data)
    out = []
    for _ in range(r.u1()):
        minor, major = r.u1(), r.u1()
        aid = r.lv()
        if not 5 <= len(aid) <= 16:
            raise CapFileError(f"Import component has a package AID of {len(aid)} bytes")
        out.append(PackageRef(aid, (major, minor)))
    if r.remaining:
        raise CapFileError(f"Import component has {r.remaining} trailing bytes")
    return out


def load_order(caps: list[CapFile]) -> list[CapFile]:
    """``caps`` with every package after the packages of ``caps`` it imports (GPC 2.2.1 §9.3.5:
    a card links a load file against what is already on it, so an extension loads first).

    Otherwise the given order is kept; packages importing each other cannot be loaded at all.
    """
    by_aid = {cap.package_aid: cap for cap in caps}
    placed: list[CapFile] = []
    done: set[bytes] = set()
    visiting: set[bytes] = set()

    def place(cap: CapFile) -> None:
        if cap.package_aid in done:
            return
        if cap.package_aid in visiting:
            raise CapFileError(f"packages import each other: {cap.package_aid.hex().upper()}")
        visiting.add(cap.package_aid)
        for ref in cap.imports:
            needed = by_aid.get(ref.aid)
            if needed is not None:
                place(needed)
        visiting.discard(cap.package_aid)
        done.add(cap.package_aid)
        placed.append(cap)

    for cap in caps:
        place(cap)
    return placed


def _parse_directory(data: bytes) -> tuple[dict[str, int], int]:
    """Directory component, JCVM 2.2.2 §6.4.

    CAP format 2.1/2.2 lists 11 component sizes, 3.x formats 12 or 13; the count is the one for
    which the whole component parses exactly.
    """
    for count in (11, 12, 13):
        parsed = _try_directory(data, count)
        if parsed is not None:
            return parsed
    raise CapFileError("Directory component does not match any known layout")


def _try_directory(data: bytes, count: int) -> tuple[dict[str, int], int] | None:
    r = _Reader("Directory", data)
    try:
        sizes = [r.u2() for _ in range(count)]
        image_size, _array_init_count, _array_init_size = r.u2(), r.u2(), r.u2()
        _import_count, _applet_count, custom_count = r.u1(), r.u1(), r.u1()
        for _ in range(custom_count):
            r.u1()
            r.u2()
            r.lv()
    except CapFileError:
        return None
    if r.remaining:
        return None
    names = {Component(tag).name: size for tag, size in enumerate(sizes, start=1) if size}
    return names, image_size
