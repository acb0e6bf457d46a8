"""Extensions (seed §5.4.3): the Import component read byte-exact from a shipped CAP, the load
order it implies, and a virtual SE that links a package only against what it holds."""

from __future__ import annotations

import hashlib

import pytest

from ota.gp import commands
from ota.gp.cap import CapFile, PackageRef, load_order
from ota.gp.errors import CapFileError
from ota.gp.sw import SW
from tests.library_caps import applet_cap, library_cap
from tests.unit.vse_util import Terminal, cap, new_card

LIBRARY = bytes.fromhex("A0000009990000000F")
PACKAGE = bytes.fromhex("A00000099900000001")
JC_FRAMEWORK = PackageRef(bytes.fromhex("A0000000620101"), (1, 2))


def test_import_component_of_a_shipped_cap() -> None:
    # JCMemory's Import component is 04 000B 01 | 02 01 07 A0000000620101: javacard.framework 1.2
    assert cap("JCMemory").imports == [JC_FRAMEWORK]
    smartpgp = cap("AnssiSmartPGP")
    assert [r.aid.hex().upper() for r in smartpgp.imports] == [
        "A0000000620001", "A0000000620102", "A0000000620101", "A0000000620201"]
    assert not smartpgp.is_library


def test_the_library_and_the_applet_that_imports_it() -> None:
    lib = CapFile.open(library_cap(LIBRARY))
    user = CapFile.open(applet_cap(PACKAGE, LIBRARY, (1, 3)))
    assert (lib.package_aid, lib.applet_aids, lib.is_library) == (LIBRARY, [], True)
    assert user.imports == [JC_FRAMEWORK, PackageRef(LIBRARY, (1, 3))]
    assert user.applet_aids == [PACKAGE + b"\x31"]


def test_load_order_puts_extensions_first_and_keeps_the_rest() -> None:
    lib = CapFile.open(library_cap(LIBRARY))
    user = CapFile.open(applet_cap(PACKAGE, LIBRARY))
    other = cap("JCMemory")
    assert [c.package_aid for c in load_order([user, other, lib])] == [LIBRARY, PACKAGE, other.package_aid]
    assert [c.package_aid for c in load_order([other, lib, user])] == [other.package_aid, LIBRARY, PACKAGE]
    # two packages importing each other can never be linked
    a = CapFile.open(applet_cap(PACKAGE, LIBRARY))
    b = CapFile.open(applet_cap(LIBRARY, PACKAGE))
    with pytest.raises(CapFileError, match="import each other"):
        load_order([a, b])


def test_a_truncated_import_component_is_named() -> None:
    good = cap("JCMemory")
    from ota.gp.cap import Component

    broken = dict(good.components)
    broken[Component.Import] = bytes.fromhex("04000A01020107A00000006201")
    with pytest.raises(CapFileError, match="Import component"):
        CapFile._from_components(broken)


def _load(term: Terminal, capfile: CapFile) -> int:
    """INSTALL [for load] and every LOAD block; the last block's status word."""
    term.ok(commands.install_for_load(capfile.package_aid, hash=hashlib.sha1(capfile.load_file_data_block()).digest()))
    blocks = commands.load_blocks(capfile.load_file(), 200)
    for block in blocks[:-1]:
        term.ok(block)
    return term.send(blocks[-1]).sw


def test_the_virtual_se_links_only_against_what_it_holds() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    lib, user = CapFile.open(library_cap(LIBRARY)), CapFile.open(applet_cap(PACKAGE, LIBRARY))
    assert _load(term, user) == SW.REFERENCED_DATA_NOT_FOUND  # its library is not there yet
    assert card.state.load_file(PACKAGE) is None
    assert _load(term, lib) == SW.OK and _load(term, user) == SW.OK
    # the library is never instantiated: it has no module to install from
    assert card.state.load_file(LIBRARY).modules == []  # type: ignore[union-attr]
    # a package another one imports stays while that one does
    assert term.send(commands.delete(LIBRARY)).sw == SW.CONDITIONS_NOT_SATISFIED
    assert term.send(commands.delete(PACKAGE)).sw == SW.OK
    assert term.send(commands.delete(LIBRARY)).sw == SW.OK
    assert card.state.load_file(LIBRARY) is None
