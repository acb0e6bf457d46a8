"""Card content on the virtual card: LOAD real CAP files, INSTALL, DELETE, SET STATUS, GET STATUS."""

from __future__ import annotations

import hashlib

import pytest

from ota.gp import commands
from ota.gp.apdu import CommandApdu
from ota.gp.constants import ISD_AID, StoreDataFormat
from ota.gp.responses import parse_extended_card_resources, parse_get_status
from ota.vse.state import SSD_MODULE_AID, SSD_PACKAGE_AID

from .vse_util import CAPS, Terminal, cap, load_cap, new_card

CAP_NAMES = sorted(p.stem.split("_")[0] for p in CAPS.glob("*.cap"))


def _authenticated(**kwargs: object) -> Terminal:
    term = Terminal(new_card(**kwargs))
    term.authenticate()
    return term


@pytest.mark.parametrize("name", CAP_NAMES)
def test_every_real_cap_loads_installs_and_selects(name: str) -> None:
    term = _authenticated()
    capfile = cap(name)
    load_cap(term, capfile, block_size=239)
    applet = capfile.applet_aids[0]
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    fci = term.plain(commands.select(applet)).check()
    assert applet in fci
    load_file = term.card.state.load_file(capfile.package_aid)
    assert load_file is not None and load_file.modules == capfile.applet_aids
    assert load_file.version == bytes(capfile.package_version)


def test_load_file_and_modules_in_get_status() -> None:
    term = _authenticated()
    capfile = cap("YubicoYubiKeyOath")
    load_cap(term, capfile)
    entries = parse_get_status(term.ok(commands.get_status(0x10)), 0x10)
    ours = next(e for e in entries if e.aid == capfile.package_aid)
    assert list(ours.module_aids) == capfile.applet_aids
    assert any(e.aid == SSD_PACKAGE_AID for e in entries)


def test_load_block_out_of_sequence_is_6a80_and_discards_the_load() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    term.ok(commands.install_for_load(capfile.package_aid))
    blocks = commands.load_blocks(capfile.load_file(), 100)
    term.ok(blocks[0])
    assert term.send(blocks[2]).sw == 0x6A80
    assert term.send(blocks[1]).sw == 0x6985  # no load in progress any more
    assert term.card.state.load_file(capfile.package_aid) is None
    assert term.card.state.pending_load is None


def test_wrong_hash_is_6a80_and_nothing_is_stored() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    term.ok(commands.install_for_load(capfile.package_aid, hash=hashlib.sha1(b"other").digest()))
    responses = [term.send(b) for b in commands.load_blocks(capfile.load_file(), 200)]
    assert responses[-1].sw == 0x6A80
    assert term.card.state.load_file(capfile.package_aid) is None


def test_package_aid_must_match_install_for_load() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    term.ok(commands.install_for_load(bytes.fromhex("A00000000999")))
    responses = [term.send(b) for b in commands.load_blocks(capfile.load_file(), 200)]
    assert responses[-1].sw == 0x6A80


def test_corrupt_c4_length_is_6a80() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    term.ok(commands.install_for_load(capfile.package_aid))
    bad = capfile.load_file()[:-3]  # the C4 length now claims more than is sent
    assert term.send(commands.load_blocks(bad, 250)[-1]).sw in (0x6A80,)


def test_sha256_hash_is_accepted() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    digest = hashlib.sha256(capfile.load_file_data_block()).digest()
    term.ok(commands.install_for_load(capfile.package_aid, hash=digest))
    for block in commands.load_blocks(capfile.load_file(), 200):
        term.ok(block)
    assert term.card.state.load_file(capfile.package_aid) is not None


def test_install_errors() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    assert term.send(commands.install_for_install(capfile.package_aid, applet, applet)).sw == 0x6A88
    load_cap(term, capfile)
    assert term.send(commands.install_for_load(capfile.package_aid)).sw == 0x6985  # already loaded
    assert term.send(commands.install_for_install(capfile.package_aid, bytes(6), applet)).sw == 0x6A88
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    assert term.send(commands.install_for_install(capfile.package_aid, applet, applet)).sw == 0x6985
    bad_params = commands.install_for_install(capfile.package_aid, applet, applet + b"\x01", params=b"\xEF\x00")
    assert term.send(bad_params).sw == 0x6A80
    assert term.send(CommandApdu(0x80, 0xE6, 0x04, 0x00, b"\x05\x01")).sw == 0x6A80


def test_install_then_make_selectable() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet, make_selectable=False))
    assert term.card.state.app(applet).life_cycle == 0x03
    assert term.plain(commands.select(applet)).sw == 0x6A82
    term.authenticate()
    term.ok(commands.install_for_make_selectable(applet))
    assert term.card.state.app(applet).life_cycle == 0x07
    term.plain(commands.select(applet)).check()


def test_memory_accounting_and_6a84() -> None:
    term = _authenticated(nvm=16 * 1024)
    state = term.card.state
    free = state.nvm_free
    capfile = cap("JCMemory")
    load_cap(term, capfile)
    lfdb_size = len(capfile.load_file_data_block())
    assert free - state.nvm_free >= lfdb_size
    applet = capfile.applet_aids[0]
    params = commands.install_parameters(nv_quota=4000, v_quota=100)
    before = state.nvm_free
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet, params=params))
    assert before - state.nvm_free >= 4000
    resources = parse_extended_card_resources(term.ok(commands.get_data(0xFF21)))
    assert (resources.installed_apps, resources.free_nvm, resources.free_vm) == (1, state.nvm_free, state.vm_free)
    too_big = commands.install_parameters(nv_quota=state.nvm_free + 1)
    assert term.send(commands.install_for_install(capfile.package_aid, applet, applet + b"\x02", params=too_big)).sw == 0x6A84
    # a load file larger than what is left
    big = cap("JCAlgTest")
    term.ok(commands.install_for_load(big.package_aid))
    sws = [term.send(b).sw for b in commands.load_blocks(big.load_file(), 239)]
    assert 0x6A84 in sws
    term.ok(commands.delete(applet))
    assert state.nvm_free == before


def test_code_limit_in_load_parameters_is_checked() -> None:
    term = _authenticated(nvm=8 * 1024)
    params = commands.load_parameters(code_limit=9000)
    assert term.send(commands.install_for_load(bytes.fromhex("A0000000AA01"), load_params=params)).sw == 0x6A84


def test_delete_with_and_without_related_objects() -> None:
    term = _authenticated()
    state = term.card.state
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    assert term.send(commands.delete(capfile.package_aid)).sw == 0x6985
    assert term.send(commands.delete(bytes.fromhex("A0000009990000"))).sw == 0x6A88
    assert term.send(commands.delete(ISD_AID)).sw == 0x6985
    assert term.send(commands.delete(SSD_PACKAGE_AID)).sw == 0x6985  # in ROM
    assert term.ok(commands.delete(capfile.package_aid, related=True)) == b"\x00"
    assert state.app(applet) is None and state.load_file(capfile.package_aid) is None
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    term.ok(commands.delete(applet))
    assert state.app(applet) is None and state.load_file(capfile.package_aid) is not None
    term.ok(commands.delete(capfile.package_aid))
    assert state.load_file(capfile.package_aid) is None
    assert term.send(CommandApdu(0x80, 0xE4, 0, 0, b"\x4F\x05")).sw == 0x6A80


def test_locked_app_refuses_select_and_unlock_restores(  ) -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    term.ok(commands.lock_application(applet))
    assert term.card.state.app(applet).life_cycle == 0x87
    assert term.plain(commands.select(applet)).sw == 0x6999
    term.authenticate()
    term.ok(commands.unlock_application(applet))
    assert term.plain(commands.select(applet)).check()
    # pySim style: P2 = target state, LV AID
    term.authenticate()
    term.ok(CommandApdu(0x80, 0xF0, 0x40, 0x83, bytes((len(applet),)) + applet))
    assert term.plain(commands.select(applet)).sw == 0x6999
    term.authenticate()
    term.ok(CommandApdu(0x80, 0xF0, 0x40, 0x07, applet))
    assert term.card.state.app(applet).life_cycle == 0x07
    assert term.send(commands.lock_application(bytes.fromhex("A0000009990000"))).sw == 0x6A88
    assert term.send(CommandApdu(0x80, 0xF0, 0x40, 0x80, ISD_AID)).sw == 0x6985


def test_card_lock_and_unlock() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    term.ok(commands.lock_card())
    assert term.send(commands.delete(applet)).sw == 0x6985
    assert term.plain(commands.select(applet)).sw == 0x6A82
    response = term.plain(commands.select())
    assert response.sw == 0x6283 and ISD_AID in response.data
    term.authenticate(select=False)
    assert parse_get_status(term.ok(commands.get_status(0x80)), 0x80)[0].life_cycle == 0x7F
    term.ok(commands.unlock_card())
    assert term.card.state.life_cycle == 0x0F
    term.plain(commands.select(applet)).check()
    term.authenticate()
    assert term.send(commands.set_status(0x80, 0x07)).sw == 0x6A80


def test_supplementary_domain_and_extradition() -> None:
    term = _authenticated()
    ssd = bytes.fromhex("A00000015153504101")
    term.ok(commands.install_for_install(SSD_PACKAGE_AID, SSD_MODULE_AID, ssd, privileges=0x800000))
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    term.ok(commands.install_for_extradition(ssd, applet))
    entries = parse_get_status(term.ok(commands.get_status(0x40)), 0x40)
    assert next(e for e in entries if e.aid == applet).sd_aid == ssd
    assert next(e for e in entries if e.aid == ssd).privileges & 0x800000
    assert term.send(commands.install_for_extradition(applet, ssd)).sw == 0x6A88  # not an SD
    assert term.send(commands.delete(ssd)).sw == 0x6985  # still has an application
    # personalisation goes through the app's own SD only
    assert term.send(commands.install_for_personalization(applet)).sw == 0x6985
    term.ok(commands.delete(ssd, related=True))
    assert term.card.state.app(applet) is None


def test_personalisation_data_reaches_the_app_and_reads_back() -> None:
    term = _authenticated()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    term.ok(commands.install_for_personalization(applet))
    term.ok(commands.store_data(bytes.fromhex("0101") + b"\x03abc", 0, False, fmt=StoreDataFormat.DGI))
    term.ok(commands.store_data(bytes.fromhex("9F1002BEEF"), 1, True, fmt=StoreDataFormat.DGI))
    app = term.card.state.app(applet)
    assert app.data == {0x0101: b"abc", 0x9F10: bytes.fromhex("BEEF")}
    assert app.life_cycle == 0x0F
    term.plain(commands.select(applet)).check()
    assert term.plain(CommandApdu(0x80, 0xCA, 0x01, 0x01, le=256)).check() == b"abc"
    assert term.plain(CommandApdu(0x80, 0xCA, 0x02, 0x02, le=256)).sw == 0x6A88
    assert term.plain(CommandApdu(0x80, 0xD8, 0x00, 0x00, bytes(8))).sw == 0x6D00
    # Mode 2 (§5.8.4.6.2): the app takes STORE DATA itself only in a channel on its SD's keys.
    assert term.plain(commands.store_data(bytes.fromhex("0101") + b"\x01x", 0, True)).sw == 0x6982
    assert term.plain(CommandApdu(0x80, 0x50, 0x00, 0x00, bytes(8))).sw == 0x9000  # handed to its SD


def test_get_status_formats_and_search_criteria() -> None:
    term = _authenticated()
    legacy = term.ok(commands.get_status(0x80, tags=False))
    assert legacy == bytes((8,)) + ISD_AID + bytes((0x0F, 0x9E))
    assert term.send(commands.get_status(0x40)).sw == 0x6A88  # no applications yet
    assert term.send(CommandApdu(0x80, 0xF2, 0x40, 0x02, b"\x5C\x00")).sw == 0x6A80
    assert term.send(CommandApdu(0x80, 0xF2, 0x33, 0x02, b"\x4F\x00")).sw == 0x6A86
    with_modules = term.ok(commands.get_status(0x10, tags=False))
    assert with_modules[0] == len(SSD_PACKAGE_AID) and SSD_MODULE_AID in with_modules
    assert term.ok(commands.get_status(0x20, aid_filter=SSD_PACKAGE_AID[:5]))


def test_get_status_pages_with_6310() -> None:
    term = _authenticated()
    for n in range(20):
        aid = bytes.fromhex("A000000151535041") + bytes((n,))
        term.ok(commands.install_for_install(SSD_PACKAGE_AID, SSD_MODULE_AID, aid, privileges=0x800000))
    first = term.send(commands.get_status(0x40))
    assert first.sw == 0x6310 and len(first.data) <= 240
    pages = [first.data]
    response = first
    while response.sw == 0x6310:
        response = term.send(commands.get_status(0x40, next_page=True))
        pages.append(response.data)
    assert response.sw == 0x9000
    entries = parse_get_status(b"".join(pages), 0x40)
    assert len(entries) == 20 and len({e.aid for e in entries}) == 20
    assert term.send(commands.get_status(0x40, next_page=True)).sw == 0x6985
