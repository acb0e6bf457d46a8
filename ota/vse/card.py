"""The virtual secure element: a GlobalPlatform 2.2.1 card behind ``transmit(apdu) -> bytes``.

``VirtualCard`` dispatches each APDU to the application selected on its logical channel: the
Issuer Security Domain (``secure``, ``registry``, ``loading``, ``status``, ``perso``,
``carddata``) or a loaded application (``applets``).  See ``carddata`` for the GET DATA tags
(the SEID is GET DATA 0045, the bound MSISDN GET DATA 2F14) and ``applets`` for what loaded
applications do.

Secure messaging: a secure channel belongs to the logical channel it was opened on.  GP
commands (CLA b8 set) go through the channel's ``CardChannel.unwrap``; ISO commands sent in
clear (SELECT, MANAGE CHANNEL, GET DATA with CLA 00) bypass it.  The channel is SCP02 or SCP03
as the card was made (``CardState.scp``).  The session ends on any SELECT (the ISD re-selected
included), a new INITIALIZE UPDATE, closing the channel, reset and power-off, and on a security
error (bad C-MAC, answered 6982): afterwards a plain GET DATA works and secured commands get
6982.  Card content management, GET STATUS, PUT KEY and STORE DATA to the ISD need an
authenticated session (else 6982).

Content that belongs to a token-mode SD (Delegated Management privilege) changes only with the
Card Issuer's token, and a good one earns a receipt (``delegated``).

While the card is CARD_LOCKED, SELECT of the ISD answers its FCI with 6283, other applications
are not selectable (6A82), and content management answers 6985.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ota.gp import token
from ota.gp.apdu import EXTENDED_MAX_DATA, CommandApdu, is_extended_encoding
from ota.gp.constants import DEFAULT_TEST_KEY, CardLifeCycle, Ins, InstallFor
from ota.gp.errors import GpError
from ota.gp.scp02_card import CardChannel, ChannelState
from ota.gp.scp02_sm import has_secure_messaging
from ota.gp.scp03_card import Scp03CardChannel
from ota.gp.sw import SW
from ota.vse import applets, carddata, delegated, loading, perso, registry, secure, status
from ota.vse.errors import CardRemoved, StatusWordError, fail
from ota.vse.state import INITIAL_KVN, Application, CardState, load_state, new_state, save_state

MAX_CHANNELS = 4
_OK = b"\x90\x00"
_CONTENT_INS = {Ins.INSTALL, Ins.LOAD, Ins.DELETE, Ins.PUT_KEY, Ins.STORE_DATA}
_SECURED_INS = _CONTENT_INS | {Ins.GET_STATUS, Ins.SET_STATUS}


@dataclass
class Channel:
    """What one logical channel remembers: selection, secure channel, multi-command sequences."""

    selected: bytes | None
    scp: CardChannel | Scp03CardChannel | None = None
    paging: status.Paging | None = None
    store: perso.StoreDataSession = field(default_factory=perso.StoreDataSession)

    def end_session(self) -> None:
        if self.scp is not None:
            self.scp.terminate()
        self.scp = None
        self.store = perso.StoreDataSession()

    @property
    def authenticated(self) -> bool:
        return self.scp is not None and self.scp.state is ChannelState.AUTHENTICATED


def _channel_number(cla: int) -> int:
    """Logical channel from CLA (ISO 7816-4 §5.4.1): b2-b1, or 4 + b4-b1 for further CLAs."""
    return 4 + (cla & 0x0F) if cla & 0x40 else cla & 0x03


class VirtualCard:
    """A GP card with its state in ``state_path`` (or only in memory when ``None``)."""

    def __init__(
        self, state: CardState, state_path: Path | None = None, rng: Callable[[int], bytes] = os.urandom
    ) -> None:
        self.state = state
        self.state_path = Path(state_path) if state_path is not None else None
        self.rng = rng
        self.atr = carddata.card_atr(state)
        self._channels: dict[int, Channel] = {}
        self._loading: loading.Loading | None = None
        self._load_receipt: delegated.Delegated | None = None
        self._powered = False
        self._remove_countdown: int | None = None
        self._tear_countdown: int | None = None
        self.power_on()

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, rng: Callable[[int], bytes] = os.urandom) -> VirtualCard:
        return cls(load_state(Path(path)), Path(path), rng)

    @classmethod
    def create(
        cls,
        path: Path | None,
        seid: bytes | None = None,
        keys: tuple[bytes, bytes, bytes] = (DEFAULT_TEST_KEY,) * 3,
        kvn: int = INITIAL_KVN,
        i: int = 0x35,
        nvm: int | None = None,
        rng: Callable[[int], bytes] = os.urandom,
        max_block: int = 0xFF,
        scp: int = 0x02,
        extended_max: int = 0,
    ) -> VirtualCard:
        """A new card (saved to ``path`` when given); SEID random unless given.

        ``max_block`` is the command data field length the ISD's FCI advertises (9F65, 1..255).
        ``scp`` 03 makes an SCP03 card: ``keys`` are then AES keys and ``i`` an SCP03 i (e.g. 70).
        ``extended_max`` 256..65535 makes a card that takes extended-length APDUs with that much
        command data and says so in its ATR and FCI; 0 (default) a short-APDU card.
        """
        if not 1 <= max_block <= 0xFF:
            raise ValueError(f"max_block must be 1..255, got {max_block}")
        if extended_max and not 0x100 <= extended_max <= EXTENDED_MAX_DATA:
            raise ValueError(f"extended_max must be 0 or 256..65535, got {extended_max}")
        secure.check_protocol(scp, i, keys)
        state = new_state(seid or rng(10), keys, kvn, i)
        state.max_block = max_block
        state.extended_max = extended_max
        state.scp = scp
        if nvm is not None:
            state.nvm_total = nvm
        card = cls(state, path, rng)
        card.commit()
        return card

    def commit(self) -> None:
        """Write the state to the card file: what a real card commits to NVM."""
        if self.state_path is not None:
            save_state(self.state, self.state_path)

    # -- power and faults -----------------------------------------------------------------------
    def power_on(self) -> bytes:
        """Cold start: channel 0 with the ISD selected; a torn LOAD is discarded now."""
        self._powered = True
        self._loading = None
        self._channels = {0: Channel(self.state.isd_aid)}
        if self.state.pending_load is not None:
            self.state.pending_load = None
            self.commit()
        return self.atr

    def power_off(self) -> None:
        for channel in self._channels.values():
            channel.end_session()
        self._channels = {}
        self._loading = None
        self._powered = False

    def reset(self) -> bytes:
        self.power_off()
        return self.power_on()

    @property
    def powered(self) -> bool:
        return self._powered

    def remove_after(self, n_apdus: int) -> None:
        """Fault hook: after ``n_apdus`` more APDUs the card leaves the field."""
        self._remove_countdown = n_apdus

    def tear_during_load(self, after_blocks: int | None = None, *, after_block: int | None = None) -> None:
        """Fault hook: power is lost at the LOAD that follows ``after_blocks`` more LOAD blocks."""
        self._tear_countdown = after_blocks if after_blocks is not None else after_block

    def _lose_power(self, reason: str) -> CardRemoved:
        self.power_off()
        return CardRemoved(reason)

    # -- APDU processing ------------------------------------------------------------------------
    def transmit(self, apdu: bytes) -> bytes:
        if not self._powered:
            raise CardRemoved("card not powered")
        if self._remove_countdown is not None:
            if self._remove_countdown <= 0:
                self._remove_countdown = None
                raise self._lose_power("card removed (fault hook)")
            self._remove_countdown -= 1
        try:
            command = CommandApdu.parse(apdu)
        except GpError:
            return SW.WRONG_LENGTH.to_bytes(2, "big")
        if command.cla == 0xFF:
            return SW.CLA_NOT_SUPPORTED.to_bytes(2, "big")
        if is_extended_encoding(apdu) and not self.state.extended_max:
            # A short-APDU card (its ATR does not announce extended Lc/Le): 6700, whatever the size.
            return SW.WRONG_LENGTH.to_bytes(2, "big")
        if len(command.data) > (self.state.extended_max or self.state.max_block):
            # A strict card: more data than its FCI's 9F65 promised it takes.
            return SW.WRONG_LENGTH.to_bytes(2, "big")
        channel = self._channels.get(_channel_number(command.cla))
        if channel is None:
            return SW.LOGICAL_CHANNEL_NOT_SUPPORTED.to_bytes(2, "big")
        return self._process(channel, command, bytes(apdu))

    def _process(self, channel: Channel, command: CommandApdu, raw: bytes) -> bytes:
        scp = channel.scp
        wrapped = False
        try:
            if self._goes_through_scp(channel, command):
                assert scp is not None
                try:
                    command = CommandApdu.parse(scp.unwrap(raw))
                except GpError as exc:
                    # A security error ends the session: the level drops to none, and commands
                    # that need no secure channel (a plain GET DATA) work again.
                    channel.end_session()
                    raise StatusWordError(getattr(exc, "sw", SW.SECURITY_STATUS_NOT_SATISFIED), str(exc)) from exc
                wrapped = True
            data, sw = self._dispatch(channel, command, raw)
        except StatusWordError as exc:
            data, sw = b"", exc.sw
        if wrapped and channel.scp is scp and scp is not None:
            return scp.wrap_response(command.encode(extended=command.is_extended), data, sw)
        return data + sw.to_bytes(2, "big")

    @staticmethod
    def _goes_through_scp(channel: Channel, command: CommandApdu) -> bool:
        if command.ins in (Ins.INITIALIZE_UPDATE, Ins.EXTERNAL_AUTHENTICATE):
            return False
        if has_secure_messaging(command.cla):
            if channel.scp is None:
                raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "secure messaging without a session")
            return True
        return channel.scp is not None and bool(command.cla & 0x80)

    def _dispatch(self, channel: Channel, command: CommandApdu, raw: bytes) -> tuple[bytes, int]:
        ins = command.ins
        if ins == Ins.SELECT:
            return self._select(channel, command)
        if ins == Ins.MANAGE_CHANNEL:
            return self._manage_channel(channel, command), SW.OK
        selected = channel.selected
        if selected is None:
            raise fail(SW.CONDITIONS_NOT_SATISFIED, "no application selected")
        if not self.state.is_sd(selected):
            app = self.state.app(selected)
            assert app is not None
            if ins in (Ins.INITIALIZE_UPDATE, Ins.EXTERNAL_AUTHENTICATE, Ins.STORE_DATA):
                return self._through_own_sd(channel, app, command, raw), SW.OK
            return applets.process(app, command), SW.OK
        return self._security_domain(channel, selected, command, raw)

    # -- SELECT and MANAGE CHANNEL (ISO 7816-4 §7.1; GPC 2.2.1 §11.9, §11.7) ----------------------
    def _select(self, channel: Channel, command: CommandApdu) -> tuple[bytes, int]:
        if command.p1 != 0x04 or command.p2 not in (0x00, 0x0C):
            raise fail(SW.INCORRECT_P1P2, "only SELECT by AID, first occurrence")
        if not command.data and self.state.select_by_aid_only:
            raise fail(SW.FILE_NOT_FOUND, "card emulation: SELECT by AID only")
        aid = self._resolve(command.data)
        if aid is None:
            raise fail(SW.FILE_NOT_FOUND, "no such application")
        locked_card = self.state.life_cycle == CardLifeCycle.CARD_LOCKED
        # Every SELECT ends the application session, re-selection of the same SD included, and
        # with it the secure channel session (GPC 2.2.1 §10.2.3, §E.1.6).
        channel.end_session()
        channel.paging = None
        if aid == self.state.isd_aid:
            channel.selected = aid
            sw = SW.SELECTED_FILE_INVALIDATED if locked_card else SW.OK
            return carddata.isd_fci(self.state), sw
        if locked_card:
            raise fail(SW.FILE_NOT_FOUND, "card is locked")
        app = self.state.app(aid)
        assert app is not None
        channel.selected = None
        fci = applets.select(app)
        channel.selected = aid
        return fci, SW.OK

    def _resolve(self, aid: bytes) -> bytes | None:
        """ISD for an empty AID; else an exact match, else the first AID starting with it."""
        if not aid:
            return self.state.isd_aid
        known = [self.state.isd_aid] + [a.aid for a in self.state.apps]
        if aid in known:
            return aid
        return next((k for k in known if k.startswith(aid)), None)

    def _manage_channel(self, channel: Channel, command: CommandApdu) -> bytes:
        if command.p1 == 0x00:
            free = [n for n in range(1, MAX_CHANNELS) if n not in self._channels]
            wanted = command.p2 or (free[0] if free else None)
            if wanted is None or wanted not in free:
                raise fail(SW.LOGICAL_CHANNEL_NOT_SUPPORTED, "no free logical channel")
            self._channels[wanted] = Channel(self.state.isd_aid)
            return bytes((wanted,)) if command.p2 == 0 else b""
        if command.p1 == 0x80:
            number = command.p2 or _channel_number(command.cla)
            if number == 0 or number not in self._channels:
                raise fail(SW.INCORRECT_P1P2, "cannot close that channel")
            self._channels.pop(number).end_session()
            return b""
        raise fail(SW.INCORRECT_P1P2, "MANAGE CHANNEL P1 must be 00 or 80")

    # -- the Security Domain ----------------------------------------------------------------------
    def _security_domain(
        self, channel: Channel, sd: bytes, command: CommandApdu, raw: bytes
    ) -> tuple[bytes, int]:
        ins = command.ins
        if ins == Ins.INITIALIZE_UPDATE:
            channel.end_session()
            channel.scp, response = secure.initialize_update(self.state, sd, command, self.rng)
            if self.state.scp == 0x03:
                self.commit()  # the pseudo-random challenge counter moved on
            return response, SW.OK
        if ins == Ins.EXTERNAL_AUTHENTICATE:
            return self._external_authenticate(channel, raw), SW.OK
        if ins == Ins.GET_DATA:
            found = carddata.get_data_object(self.state, (command.p1 << 8) | command.p2)
            if found is None:
                raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such data object")
            return found, SW.OK
        if ins not in _SECURED_INS:
            raise fail(SW.INS_NOT_SUPPORTED, f"INS {ins:02X}")
        if not channel.authenticated:
            raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "needs a secure channel")
        if ins in _CONTENT_INS and self.state.life_cycle == CardLifeCycle.CARD_LOCKED:
            raise fail(SW.CONDITIONS_NOT_SATISFIED, "card is locked")
        if ins == Ins.GET_STATUS:
            data, sw, channel.paging = status.get_status(
                self.state, command.p1, command.p2, command.data, channel.paging
            )
            return data, sw
        handler = {
            Ins.INSTALL: self._install,
            Ins.LOAD: self._load,
            Ins.DELETE: self._delete,
            Ins.SET_STATUS: self._set_status,
            Ins.STORE_DATA: self._store_data,
            Ins.PUT_KEY: self._put_key,
        }[Ins(ins)]
        return handler(channel, sd, command), SW.OK

    def _external_authenticate(self, channel: Channel, raw: bytes) -> bytes:
        if channel.scp is None:
            raise fail(SW.CONDITIONS_NOT_SATISFIED, "EXTERNAL AUTHENTICATE without INITIALIZE UPDATE")
        try:
            secure.external_authenticate(self.state, channel.scp, raw, channel.selected)
        except StatusWordError:
            channel.scp = None
            raise
        finally:
            self.commit()  # the sequence or the failure counter changed
        return b""

    def _through_own_sd(self, channel: Channel, app: Application, command: CommandApdu, raw: bytes) -> bytes:
        """Personalisation mode 2 (seed §5.8.4.6.2): the selected application opens a secure
        channel on its own SD's keys (GPC 2.2.1 §6.7 SecureChannel.processSecurity), then takes
        STORE DATA itself, unwrapping it and decrypting sensitive data with the session DEK
        (SecureChannel.unwrap / decryptData)."""
        if command.ins == Ins.INITIALIZE_UPDATE:
            channel.end_session()
            channel.scp, response = secure.initialize_update(self.state, app.sd_aid, command, self.rng)
            channel.store = perso.StoreDataSession(app)
            return response
        if command.ins == Ins.EXTERNAL_AUTHENTICATE:
            if channel.scp is None:
                raise fail(SW.CONDITIONS_NOT_SATISFIED, "EXTERNAL AUTHENTICATE without INITIALIZE UPDATE")
            try:
                secure.external_authenticate(self.state, channel.scp, raw, app.sd_aid)
            except StatusWordError:
                channel.scp = None
                raise
            finally:
                self.commit()
            return b""
        if not channel.authenticated or channel.store.target is not app:
            raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "the application takes STORE DATA in its SD's channel only")
        assert channel.scp is not None
        try:
            done = perso.store_data(
                self.state, channel.store, command.p1, command.p2, command.data, channel.scp.decrypt_sensitive, True
            )
        except StatusWordError:
            channel.store = perso.StoreDataSession(app)
            raise
        if done:
            self.commit()
        return b""

    def _install(self, channel: Channel, sd: bytes, command: CommandApdu) -> bytes:
        p1, data = command.p1, command.data
        if p1 == InstallFor.LOAD:
            self._loading = None
            self._load_receipt = None
            self.state.pending_load = None  # a new INSTALL [for load] abandons any previous one
            gated = delegated.check(self.state, command, sd)
            self._loading = loading.install_for_load(self.state, data, sd)
            self._load_receipt = gated
        elif p1 in (InstallFor.INSTALL, InstallFor.INSTALL_AND_MAKE_SELECTABLE):
            gated = delegated.check(self.state, command, sd)
            registry.install_for_install(self.state, data, sd, p1 == InstallFor.INSTALL_AND_MAKE_SELECTABLE)
            return self._confirmed(gated)
        elif p1 == InstallFor.MAKE_SELECTABLE:
            registry.install_for_make_selectable(self.state, data)
        elif p1 == InstallFor.EXTRADITION:
            gated = delegated.check(self.state, command, sd)
            registry.install_for_extradition(self.state, data)
            return self._confirmed(gated)
        elif p1 == InstallFor.PERSONALIZATION:
            target = registry.personalization_target(self.state, data, sd)
            channel.store = perso.StoreDataSession(target)
            return b"\x00"
        else:
            raise fail(SW.INCORRECT_P1P2, f"INSTALL P1 {p1:02X} not supported")
        self.commit()
        return b"\x00"

    def _load(self, channel: Channel, sd: bytes, command: CommandApdu) -> bytes:
        if self._loading is None:
            raise fail(SW.CONDITIONS_NOT_SATISFIED, "LOAD without INSTALL [for load]")
        if self._tear_countdown is not None:
            if self._tear_countdown <= 0:
                self._tear_countdown = None
                raise self._lose_power("power lost during LOAD (fault hook)")
            self._tear_countdown -= 1
        try:
            done = loading.load_block(self.state, self._loading, command.p1, command.p2, command.data)
        except StatusWordError:
            self._loading = None
            self.state.pending_load = None
            self.commit()
            raise
        if done is not None:
            self._loading = None
            gated, self._load_receipt = self._load_receipt, None
            return self._confirmed(gated)
        return b"\x00"

    def _delete(self, channel: Channel, sd: bytes, command: CommandApdu) -> bytes:
        gated = delegated.check(self.state, command, sd)
        data = token.split_delete_data(command.data)[0] if gated else command.data
        registry.delete(self.state, data, bool(command.p2 & 0x80))
        self._forget_deleted()
        return self._confirmed(gated)

    def _confirmed(self, gated: delegated.Delegated | None) -> bytes:
        """Commit a carried-out command; a token-gated one answers its receipt (GPC 2.2.1 §C.4.2)."""
        response = delegated.confirm(self.state, gated)
        self.commit()
        return response

    def _forget_deleted(self) -> None:
        """Channels that had a deleted application selected now have nothing selected."""
        for channel in self._channels.values():
            if channel.selected is not None and not self.state.is_sd(channel.selected):
                if self.state.app(channel.selected) is None:
                    channel.selected = None

    def _set_status(self, channel: Channel, sd: bytes, command: CommandApdu) -> bytes:
        registry.set_status(self.state, command.p1, command.p2, command.data)
        self.commit()
        return b""

    def _store_data(self, channel: Channel, sd: bytes, command: CommandApdu) -> bytes:
        assert channel.scp is not None
        try:
            done = perso.store_data(
                self.state, channel.store, command.p1, command.p2, command.data, channel.scp.decrypt_sensitive
            )
        except StatusWordError:
            channel.store = perso.StoreDataSession(channel.store.target)
            raise
        if done:
            self.commit()
        return b""

    def _put_key(self, channel: Channel, sd: bytes, command: CommandApdu) -> bytes:
        assert channel.scp is not None
        response = secure.put_key(self.state, channel.scp, command, sd)
        self.commit()
        return response


__all__ = ["CardRemoved", "VirtualCard"]
