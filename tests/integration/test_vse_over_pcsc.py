"""The virtual SE's commands through the real stack: pyscard -> pcscd -> vpcd -> VirtualCard.

The host side is what a GP tool runs: ``app.reader.PcscReader`` + ``ResponseChaining`` below,
``ota.gp`` commands and an SCP02 ``HostChannel`` above (``tests.unit.vse_util.Terminal``, given
the PC/SC transport instead of the card).  T=0 chaining is covered by test_reader_pcsc.py.
Run under ``flock /tmp/pcsc.lock``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.reader import CardRemovedError, NoCardError, PcscReader, ResponseChaining
from ota.gp import commands, responses
from ota.gp.apdu import CommandApdu
from ota.gp.cap import CapFile
from ota.gp.constants import ISD_AID, StoreDataFormat
from ota.gp.errors import CryptogramError
from ota.gp.responses import RegistryEntry
from ota.gp.scp02 import StaticKeys, key_check_value
from ota.gp.tlv import decode_tlv
from ota.vse.card import VirtualCard
from ota.vse.carddata import raw_tag_tlv
from ota.vse.state import SSD_PACKAGE_AID, load_state
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, PcscStack
from tests.unit.vse_util import DEFAULT_KEYS, SEID, Terminal, load_cap

pytestmark = pytest.mark.pcsc
Serve = Callable[..., VpcdServer]
CAPS = Path(__file__).resolve().parents[2] / "resources" / "caps"
BIG, SMALL = "AnssiSmartPGP", "JCMemory"  # 92 KB CAP (20 KB load file) and a 2 KB one
BLOCK = 239  # the largest LOAD block that still fits under C-MAC + C-DECRYPTION
MSISDN = bytes.fromhex("8613800138000F")
TOKEN = raw_tag_tlv(0x1047, bytes.fromhex("0104CAFEBABE") + bytes.fromhex("0208") + bytes(range(8)))
NEW_KEYS = StaticKeys(bytes(range(16)), bytes(range(16, 32)), bytes(range(32, 48)), 0x20)


class Recorder:
    """The host's transport, remembering every command APDU it sent."""

    def __init__(self, transport: ResponseChaining) -> None:
        self.transport = transport
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(bytes(apdu))
        return self.transport.transmit(apdu)


def cap(name: str) -> CapFile:
    return CapFile.open(next(CAPS.glob(f"{name}_*.cap")))


def serve_new(serve_card: Serve, path: Path, i: int = 0x15) -> tuple[VirtualCard, VpcdServer]:
    card = VirtualCard.create(path, seid=SEID, i=i)
    return card, serve_card(card)


@contextmanager
def terminal() -> Iterator[Terminal]:
    """A GP terminal connected to the card in slot 0 through pcscd."""
    with PcscReader(READERS[0]) as reader:
        yield Terminal(Recorder(ResponseChaining(reader)))  # type: ignore[arg-type]


def sent(term: Terminal) -> list[bytes]:
    return term.card.sent  # type: ignore[attr-defined]


def sequence_counter(term: Terminal) -> int:
    return responses.parse_sequence_counter(term.ok(commands.get_data(0x00C1)))


def free_nvm(term: Terminal) -> int:
    return responses.parse_extended_card_resources(term.ok(commands.get_data(0xFF21))).free_nvm


def registry(term: Terminal, subset: int) -> tuple[list[RegistryEntry], int]:
    """GET STATUS of ``subset`` with every page a GP tool would fetch; (entries, pages)."""
    pages = [term.send(commands.get_status(subset))]
    while pages[-1].sw == 0x6310:
        pages.append(term.send(commands.get_status(subset, next_page=True)))
    if pages[-1].sw == 0x6A88:
        return [], len(pages)
    pages[-1].check(command="GET STATUS")
    return responses.parse_get_status(b"".join(p.data for p in pages), subset), len(pages)


def aids(term: Terminal, subset: int) -> set[bytes]:
    return {entry.aid for entry in registry(term, subset)[0]}


def install(term: Terminal, capfile: CapFile, instance: bytes | None = None) -> bytes:
    """INSTALL [for load] + LOAD blocks (unless loaded) + INSTALL [for install and make selectable]."""
    if capfile.package_aid not in aids(term, 0x20):
        load_cap(term, capfile, block_size=BLOCK)
    module = capfile.applet_aids[0]
    term.ok(commands.install_for_install(capfile.package_aid, module, instance or module))
    return instance or module


def put_key_set(term: Terminal, keys: StaticKeys) -> bytes:
    assert term.scp is not None
    blocks = [(term.scp.encrypt_sensitive(k), key_check_value(k)) for k in (keys.enc, keys.mac, keys.dek)]
    return term.ok(commands.put_key(keys.kvn, commands.put_key_data(keys.kvn, blocks)))


# -- SELECT and GET DATA ---------------------------------------------------------------------


def test_select_isd_and_read_every_data_object(serve_card: Serve, tmp_path: Path) -> None:
    card, _ = serve_new(serve_card, tmp_path / "card.json")
    with terminal() as term:
        by_default = responses.parse_fci(term.plain(commands.select()).check())
        by_aid = responses.parse_fci(term.plain(commands.select(ISD_AID)).check())
        assert by_default == by_aid and by_aid.aid == ISD_AID and by_aid.max_block_size == 0xFF
        cplc = responses.parse_cplc(term.ok(commands.get_data(0x9F7F)))
        assert cplc.ic_serial_number == SEID[-4:] and cplc.ic_batch_identifier == SEID[-6:-4]
        recognition = responses.parse_card_recognition_data(term.ok(commands.get_data(0x0066)))
        assert (recognition.gp_version, recognition.scp, recognition.i) == ("2.2.1", 2, 0x15)
        keys = responses.parse_key_information(term.ok(commands.get_data(0x00E0)))
        assert [(k.kvn, k.key_id, k.type, k.length) for k in keys] == [(0xFF, n, 0x80, 16) for n in (1, 2, 3)]
        assert sequence_counter(term) == 0
        resources = responses.parse_extended_card_resources(term.ok(commands.get_data(0xFF21)))
        assert (resources.installed_apps, resources.free_nvm) == (0, card.state.nvm_free)
        assert decode_tlv(term.ok(commands.get_data(0x0045))).value == SEID
        assert term.send(commands.get_data(0x2F14)).sw == 0x6A88  # no MSISDN bound yet
        assert term.plain(commands.select(bytes.fromhex("A0000000031010"))).sw == 0x6A82


# -- SCP02 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "i"), [(0x01, 0x15), (0x03, 0x55)])
def test_scp02_sessions_advance_the_sequence_counter(
    serve_card: Serve, tmp_path: Path, level: int, i: int
) -> None:
    serve_new(serve_card, tmp_path / "card.json", i=i)
    with terminal() as term:
        assert responses.parse_card_recognition_data(term.ok(commands.get_data(0x0066))).i == i
        first = term.authenticate(level, i=i)
        assert int(first.level) == level and first.seq == 0
        assert ISD_AID in term.ok(commands.get_status(0x80))
        assert sequence_counter(term) == 1  # read through the session: wrapped, MAC checked
        second = term.authenticate(level, i=i)
        assert second.seq == 1 and sequence_counter(term) == 2
        wrapped = sent(term)[-1]
        assert wrapped[0] == 0x84 and len(wrapped) > 5  # GET DATA went with a C-MAC


def test_wrong_keys_fail_on_the_host_before_external_authenticate(serve_card: Serve, tmp_path: Path) -> None:
    card, _ = serve_new(serve_card, tmp_path / "card.json")
    with terminal() as term:
        with pytest.raises(CryptogramError) as info:
            term.authenticate(keys=StaticKeys.single(bytes(16), 0xFF))
        assert info.value.code == "scp02.card_cryptogram"
        assert [apdu[1] for apdu in sent(term)] == [0xA4, 0x50]  # never an EXTERNAL AUTHENTICATE
        assert card.state.key_sets[0].failures == 0 and sequence_counter(term) == 0
        term.authenticate()  # the right keys still work
        assert sequence_counter(term) == 1


# -- card content -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [BIG, SMALL])
def test_load_install_select_and_delete_a_real_cap(serve_card: Serve, tmp_path: Path, name: str) -> None:
    serve_new(serve_card, tmp_path / "card.json")
    capfile = cap(name)
    with terminal() as term:
        term.authenticate()
        before = free_nvm(term)
        applet = install(term, capfile)
        assert free_nvm(term) < before - len(capfile.load_file_data_block())
        fci = term.plain(commands.select(applet)).check()
        assert decode_tlv(fci).children()[0].value == applet
        term.authenticate()  # SELECT of the applet closed the ISD session
        assert applet in aids(term, 0x40)
        assert capfile.package_aid in aids(term, 0x20)
        files = registry(term, 0x10)[0]
        ours = next(e for e in files if e.aid == capfile.package_aid)
        assert list(ours.module_aids) == capfile.applet_aids
        assert ours.version == bytes(capfile.package_version)
        term.ok(commands.delete(capfile.package_aid, related=True))
        assert aids(term, 0x40) == set() and aids(term, 0x20) == {SSD_PACKAGE_AID}
        assert free_nvm(term) == before
        assert term.plain(commands.select(applet)).sw == 0x6A82


def test_get_status_pages_through_many_instances(serve_card: Serve, tmp_path: Path) -> None:
    serve_new(serve_card, tmp_path / "card.json")
    capfile = cap(SMALL)
    instances = [capfile.applet_aids[0] + bytes((n,)) for n in range(8)]
    with terminal() as term:
        term.authenticate(0x03)
        for aid in instances:
            install(term, capfile, aid)
        entries, pages = registry(term, 0x40)
        assert pages > 1 and [e.aid for e in entries] == instances
        assert all(e.load_file_aid == capfile.package_aid and e.life_cycle == 0x07 for e in entries)
        assert sequence_counter(term) == 1  # paging happened inside one session


def test_lock_unlock_msisdn_and_personalisation(serve_card: Serve, tmp_path: Path) -> None:
    card, _ = serve_new(serve_card, tmp_path / "card.json")
    with terminal() as term:
        term.authenticate()
        applet = install(term, cap(SMALL))
        term.ok(commands.lock_application(applet))
        assert next(e for e in registry(term, 0x40)[0] if e.aid == applet).life_cycle & 0x80
        assert term.plain(commands.select(applet)).sw == 0x6999
        term.authenticate()
        term.ok(commands.unlock_application(applet))
        assert term.plain(commands.select(applet)).sw == 0x9000

        term.authenticate()
        term.ok(commands.store_data(raw_tag_tlv(0x2F14, MSISDN) + TOKEN, 0, last=True))
        assert term.ok(commands.get_data(0x2F14)) == raw_tag_tlv(0x2F14, MSISDN)
        assert (card.state.token, card.state.imsi_digest) == (bytes.fromhex("CAFEBABE"), bytes(range(8)))
        assert term.send(commands.store_data(bytes.fromhex("2F1400"), 0, last=True)).sw == 0x6A80

        term.ok(commands.install_for_personalization(applet))
        term.ok(commands.store_data(bytes.fromhex("0101") + b"\x03abc", 0, False, fmt=StoreDataFormat.DGI))
        term.ok(commands.store_data(bytes.fromhex("9F1002BEEF"), 1, True, fmt=StoreDataFormat.DGI))
        assert next(e for e in registry(term, 0x40)[0] if e.aid == applet).life_cycle == 0x0F
        term.plain(commands.select(applet)).check()
        assert term.plain(CommandApdu(0x80, 0xCA, 0x01, 0x01, le=256)).check() == b"abc"
        assert term.plain(CommandApdu(0x80, 0xCA, 0x9F, 0x10, le=256)).check() == bytes.fromhex("BEEF")
    with terminal() as term:  # a new connection; the card stayed powered with the applet selected
        term.plain(commands.select()).check()
        assert term.plain(commands.get_data(0x2F14, cla=0x00)).check() == raw_tag_tlv(0x2F14, MSISDN)


def test_put_key_then_open_a_channel_with_the_new_keys(serve_card: Serve, tmp_path: Path) -> None:
    card, _ = serve_new(serve_card, tmp_path / "card.json")
    with terminal() as term:
        term.authenticate(0x03)
        kcvs = b"".join(key_check_value(k) for k in (NEW_KEYS.enc, NEW_KEYS.mac, NEW_KEYS.dek))
        assert put_key_set(term, NEW_KEYS) == b"\x20" + kcvs
        keys = responses.parse_key_information(term.ok(commands.get_data(0x00E0)))
        assert {k.kvn for k in keys} == {0x20}  # PUT KEY P1=00 replaced the initial set FF
        with pytest.raises(CryptogramError):
            term.authenticate(keys=DEFAULT_KEYS)
        assert term.plain(commands.initialize_update(bytes(8), 0xFF)).sw == 0x6A88
        channel = term.authenticate(0x03, keys=NEW_KEYS, kvn=0x20)
        assert channel.seq == 0  # PUT KEY starts the new set's counter at 0
        assert ISD_AID in term.ok(commands.get_status(0x80))
    assert load_state(card.state_path).key_sets[0].kvn == 0x20  # type: ignore[arg-type]


def test_logical_channels(serve_card: Serve, tmp_path: Path) -> None:
    serve_new(serve_card, tmp_path / "card.json")
    capfile = cap(SMALL)
    with terminal() as term:
        term.authenticate()
        applet = install(term, capfile)
        assert term.plain(commands.manage_channel_open()).check() == b"\x01"
        side = Terminal(term.card, channel=1)
        assert applet in side.plain(commands.select(applet)).check()
        assert sent(term)[-1][0] == 0x01
        assert applet in aids(term, 0x40)  # channel 0 kept its ISD session meanwhile
        assert side.plain(commands.select()).check()  # and channel 1 can reach the ISD too
        assert responses.parse_sequence_counter(side.plain(commands.get_data(0x00C1)).check()) == 1
        term.plain(commands.manage_channel_close(1)).check()
        assert side.plain(commands.select(applet)).sw == 0x6881
        assert term.plain(commands.manage_channel_close(1)).sw == 0x6A86


# -- faults and persistence -------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["reader pulls the card", "card leaves the field", "power tear"])
def test_card_lost_mid_load_leaves_no_partial_load_file(
    serve_card: Serve, pcsc_stack: PcscStack, tmp_path: Path, fault: str
) -> None:
    path = tmp_path / "card.json"
    card, server = serve_new(serve_card, path)
    capfile = cap(BIG)
    blocks = commands.load_blocks(capfile.load_file(), BLOCK)
    with terminal() as term:
        term.authenticate()
        term.ok(commands.install_for_load(capfile.package_aid))
        for block in blocks[:10]:
            term.ok(block)
        if fault == "reader pulls the card":
            server.remove_card()
        elif fault == "card leaves the field":
            card.remove_after(0)
        else:
            card.tear_during_load(after_blocks=0)
        with pytest.raises((CardRemovedError, NoCardError)):
            term.send(blocks[10])
    pcsc_stack.wait_card(0, present=False)
    assert load_state(path).pending_load is not None  # the marker of the torn load is on disk
    server.insert_card()
    pcsc_stack.wait_card(0, present=True)
    with terminal() as term:
        term.authenticate()
        assert load_state(path).pending_load is None  # discarded at power-on
        assert aids(term, 0x20) == {SSD_PACKAGE_AID}
        applet = install(term, capfile)
        assert term.plain(commands.select(applet)).sw == 0x9000


def test_state_survives_a_restart(serve_card: Serve, pcsc_stack: PcscStack, tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    _, server = serve_new(serve_card, path)
    with terminal() as term:
        term.authenticate()
        applet = install(term, cap(SMALL))
        term.ok(commands.store_data(raw_tag_tlv(0x2F14, MSISDN), 0, last=True))
        term.authenticate()
        counter = sequence_counter(term)
    server.stop()
    pcsc_stack.wait_card(0, present=False)
    serve_card(VirtualCard.load(path))
    with terminal() as term:
        assert term.plain(commands.get_data(0x2F14)).check() == raw_tag_tlv(0x2F14, MSISDN)
        assert sequence_counter(term) == counter == 2
        assert decode_tlv(term.ok(commands.get_data(0x0045))).value == SEID
        assert term.authenticate().seq == counter
        assert applet in aids(term, 0x40)
        assert term.plain(commands.select(applet)).sw == 0x9000
