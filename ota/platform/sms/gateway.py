"""The SMS gateway interface and its CMPP 2.0 binding (seed §5.8.5, figure 5-1).

The task worker only needs ``submit(msisdn, user_data)``; the second binding, SMPP v3.4 through
smpplib, is ``smpp_gateway.SmppGateway``; :func:`from_url` picks one by the URL's scheme.  The CMPP binding keeps one long connection:
CMPP_CONNECT with the MD5 authenticator, then CMPP_SUBMIT / CMPP_SUBMIT_RESP pairs matched by
Sequence_Id, an ACTIVE_TEST when idle, and one reconnect when the link drops.  The shared
secret is never logged or shown in a repr.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from ota.platform.sms import cmpp

log = logging.getLogger(__name__)

ENV_SECRET = "HALLTERM_CMPP_SECRET"


class GatewayError(Exception):
    """The gateway refused or could not take the message; ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


@dataclass(frozen=True)
class GatewayUrl:
    """``scheme://ACCOUNT[:secret]@host:port[?src=...]`` of a gateway, the secret possibly from the environment."""

    host: str
    port: int
    account: str
    secret: str = field(repr=False)
    query: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, url: str, scheme: str, default_port: int, secret_env: str) -> GatewayUrl:
        parts = urlsplit(url)
        if parts.scheme != scheme or not parts.hostname or not parts.username:
            account = "SPID" if scheme == "cmpp" else "SYSTEM_ID"
            raise GatewayError("sms.config", f"gateway URL must be {scheme}://{account}@host:port")
        secret = unquote(parts.password or "") or os.environ.get(secret_env, "")
        return cls(parts.hostname, parts.port or default_port, unquote(parts.username), secret, parse_qs(parts.query))

    def param(self, name: str, default: str) -> str:
        return self.query.get(name, [default])[0]


T = TypeVar("T")


def reconnecting_once(exchange: Callable[[], T], link_errors: tuple[type[BaseException], ...],
                      close: Callable[[], None], protocol: str) -> T:
    """``exchange()``, run again on a fresh link when the link drops under it; a second drop is
    ``sms.unreachable``.  ``close`` drops the broken link so that ``exchange`` opens a new one."""
    for attempt in (1, 2):
        try:
            return exchange()
        except link_errors as exc:
            close()
            if attempt == 2:
                raise GatewayError("sms.unreachable", f"SMS gateway link lost: {exc}") from None
            log.info("%s link lost (%s); reconnecting", protocol, type(exc).__name__)
    raise AssertionError("unreachable")


class SmsGateway(Protocol):
    def submit(self, msisdn: str, user_data: bytes) -> str:
        """Submit one binary, UDH-carrying MT message; returns the gateway's message id."""
        ...

    def close(self) -> None: ...


@dataclass
class CmppGateway:
    host: str
    port: int
    sp_id: str
    secret: str = field(repr=False)
    src_id: str = "10658000"
    service_id: str = "PUSH"
    timeout: float = 10.0
    _sock: socket.socket | None = field(default=None, init=False, repr=False)
    _file: object = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _seq: itertools.count = field(default_factory=lambda: itertools.count(1), init=False, repr=False)

    @classmethod
    def from_url(cls, url: str) -> CmppGateway:
        """``cmpp://SPID[:secret]@host:port[?src=10658000&service=PUSH]``; the secret may come
        from ``$HALLTERM_CMPP_SECRET`` instead of the URL."""
        parts = GatewayUrl.parse(url, "cmpp", 7890, ENV_SECRET)
        return cls(parts.host, parts.port, parts.account, parts.secret,
                   src_id=parts.param("src", "10658000"), service_id=parts.param("service", "PUSH"))

    # --- the link --------------------------------------------------------------------------------

    def _exchange(self, command: int, body: bytes) -> tuple[int, bytes]:
        sequence = next(self._seq)
        assert self._sock is not None
        self._sock.sendall(cmpp.pdu(command, sequence, body))
        while True:
            answer, answer_seq, answer_body = cmpp.split(cmpp.read_pdu(self._file))
            if answer == cmpp.ACTIVE_TEST:  # the gateway checks on us: answer and read on
                self._sock.sendall(cmpp.pdu(cmpp.ACTIVE_TEST_RESP, answer_seq, b"\0"))
                continue
            if answer_seq != sequence:
                raise GatewayError("sms.protocol", f"answer to sequence {answer_seq}, expected {sequence}")
            return answer, answer_body

    def _connect(self) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise GatewayError("sms.unreachable", f"SMS gateway {self.host}:{self.port}: {exc}") from None
        self._sock, self._file = sock, sock.makefile("rb")
        request = cmpp.Connect.make(self.sp_id, self.secret, datetime.now())
        command, body = self._exchange(cmpp.CONNECT, request.encode())
        answer = cmpp.ConnectResp.decode(body) if command == cmpp.CONNECT_RESP else None
        if answer is None or answer.status != cmpp.CONNECT_OK:
            self.close()
            raise GatewayError("sms.login", f"CMPP_CONNECT refused (status {answer.status if answer else '?'})")
        expected = cmpp.authenticator_ismg(answer.status, request.authenticator, self.secret)
        if answer.authenticator != expected:
            self.close()
            raise GatewayError("sms.login", "the gateway's AuthenticatorISMG does not verify")

    def _call(self, command: int, body: bytes) -> tuple[int, bytes]:
        def exchange() -> tuple[int, bytes]:
            if self._sock is None:
                self._connect()  # refused: sms.login, final; a link dropped under it: as below
            return self._exchange(command, body)

        with self._lock:
            return reconnecting_once(exchange, (OSError, EOFError), self.close, "CMPP")

    # --- SmsGateway -------------------------------------------------------------------------------

    def submit(self, msisdn: str, user_data: bytes) -> str:
        submit = cmpp.Submit(dest_terminal_ids=(msisdn,), msg_content=user_data, msg_src=self.sp_id,
                             src_id=self.src_id, service_id=self.service_id)
        command, body = self._call(cmpp.SUBMIT, submit.encode())
        if command != cmpp.SUBMIT_RESP:
            raise GatewayError("sms.protocol", f"unexpected answer 0x{command:08X} to CMPP_SUBMIT")
        answer = cmpp.SubmitResp.decode(body)
        if answer.result != cmpp.SUBMIT_OK:
            raise GatewayError("sms.refused", f"CMPP_SUBMIT refused with result {answer.result}")
        return f"{answer.msg_id:016X}"

    def active_test(self) -> bool:
        command, _body = self._call(cmpp.ACTIVE_TEST, b"")
        return command == cmpp.ACTIVE_TEST_RESP

    def close(self) -> None:
        sock, stream, self._sock, self._file = self._sock, self._file, None, None
        for part in (stream, sock):
            if part is not None:
                try:
                    part.close()  # type: ignore[attr-defined]
                except OSError:
                    pass


def from_url(url: str) -> SmsGateway:
    """``cmpp://SPID@host:port`` or ``smpp://SYSTEM_ID@host:port`` (``--sms`` / ``--gateway``)."""
    scheme = urlsplit(url).scheme
    if scheme == "cmpp":
        return CmppGateway.from_url(url)
    if scheme == "smpp":
        from ota.platform.sms.smpp_gateway import SmppGateway

        return SmppGateway.from_url(url)
    raise GatewayError("sms.config", "gateway URL must be cmpp://SPID@host:port or smpp://SYSTEM_ID@host:port")
