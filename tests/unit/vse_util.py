"""Helpers for the virtual secure element tests: a tiny GP terminal speaking to a VirtualCard."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ota.gp import commands
from ota.gp.apdu import CommandApdu, ResponseApdu
from ota.gp.cap import CapFile
from ota.gp.constants import DEFAULT_TEST_KEY, ISD_AID
from ota.gp.scp02 import HostChannel, Scp02Options, StaticKeys
from ota.vse.card import VirtualCard

CAPS = Path(__file__).resolve().parents[2] / "resources" / "caps"
DEFAULT_KEYS = StaticKeys.single(DEFAULT_TEST_KEY, 0xFF)
HOST_CHALLENGE = bytes.fromhex("0102030405060708")
SEID = bytes.fromhex("11223344556677889900")


def new_card(tmp_path: Path | None = None, **kwargs: object) -> VirtualCard:
    path = tmp_path / "card.json" if tmp_path is not None else None
    return VirtualCard.create(path, seid=kwargs.pop("seid", SEID), **kwargs)  # type: ignore[arg-type]


class Terminal:
    """Plays the platform's part: SELECT, SCP02 host side, wrapping, unwrapping."""

    def __init__(self, card: VirtualCard, channel: int = 0) -> None:
        self.card = card
        self.channel = channel
        self.scp: HostChannel | None = None

    def _on_channel(self, command: CommandApdu) -> CommandApdu:
        return CommandApdu(command.cla | self.channel, command.ins, command.p1, command.p2, command.data, command.le)

    def plain(self, command: CommandApdu) -> ResponseApdu:
        return ResponseApdu.parse(self.card.transmit(self._on_channel(command).encode()))

    def send(self, command: CommandApdu) -> ResponseApdu:
        """Through the secure channel when one is open (GP-class commands only, like the platform)."""
        command = self._on_channel(command)
        if self.scp is None or not command.cla & 0x80:
            return ResponseApdu.parse(self.card.transmit(command.encode()))
        wrapped = self.scp.wrap(command.encode())
        return ResponseApdu.parse(self.scp.unwrap(self.card.transmit(wrapped), wrapped))

    def ok(self, command: CommandApdu) -> bytes:
        return self.send(command).check()

    def authenticate(
        self, level: int = 0x01, keys: StaticKeys = DEFAULT_KEYS, kvn: int = 0, i: int = 0x15, select: bool = True
    ) -> HostChannel:
        if select:
            self.plain(commands.select(ISD_AID)).check()
        iu = self.plain(commands.initialize_update(HOST_CHALLENGE, kvn)).check()
        self.scp, ext_auth = HostChannel.open(keys, HOST_CHALLENGE, iu, level, Scp02Options(i=i))
        ext = bytes((ext_auth[0] | self.channel,)) + ext_auth[1:]
        ResponseApdu.parse(self.card.transmit(ext)).check(command="EXTERNAL AUTHENTICATE")
        return self.scp


def cap(name: str) -> CapFile:
    return CapFile.open(next(CAPS.glob(f"{name}*.cap")))


def load_cap(term: Terminal, capfile: CapFile, block_size: int = 200, with_hash: bool = True) -> None:
    lfdb = capfile.load_file_data_block()
    digest = hashlib.sha1(lfdb).digest() if with_hash else b""
    term.ok(commands.install_for_load(capfile.package_aid, hash=digest))
    for block in commands.load_blocks(capfile.load_file(), block_size):
        term.ok(block)
