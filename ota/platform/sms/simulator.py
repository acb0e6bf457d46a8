"""A local SMS gateway (ISMG) simulator: real CMPP 2.0 over TCP on one side, handsets on the other.

SP side (``sp_port``): CMPP_CONNECT is checked against the account's shared secret (MD5
authenticator) and answered with AuthenticatorISMG; every CMPP_SUBMIT is decoded, re-encoded
and compared with the received octets byte for byte, and must carry a PUSH SMS of seed §5.8.5.3
(TP-UDHI 1, binary Msg_Fmt, UDH 06 05 04 port addressing); anything else is answered with
result 1 and kept in ``rejected``.  ACTIVE_TEST is answered.

Handset side (``handset_port``): a phone connects, sends one JSON line
``{"register": "<msisdn>"}``, and receives ``{"sms": {"src_id": ..., "ud": "<hex>"}}`` lines.
Messages for a phone that is not connected are stored and delivered when it registers, as an
SMSC's store-and-forward would.  Test and demo tool; it lives beside the binding it checks.
"""

from __future__ import annotations

import itertools
import json
import logging
import socketserver
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ota.platform.sms import cmpp
from ota.push import PushSmsError, decode_push

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    sp_id: str
    raw: bytes
    submit: cmpp.Submit
    msg_id: int
    at: float = 0.0
    """When the gateway took it (``time.time()``)."""


@dataclass
class _State:
    accounts: dict[str, str]
    lock: threading.Lock = field(default_factory=threading.Lock)
    submitted: list[Submitted] = field(default_factory=list)
    rejected: list[tuple[bytes, str]] = field(default_factory=list)
    stored: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    handsets: dict[str, Any] = field(default_factory=dict)
    delivered: list[tuple[str, bytes]] = field(default_factory=list)
    msg_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    submit_delay: float = 0.0


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    state: _State


class _SpHandler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        sp_id: str | None = None
        while True:
            try:
                frame = cmpp.read_pdu(self.rfile)
                command, sequence, body = cmpp.split(frame)
            except (EOFError, OSError, cmpp.CmppError):
                return
            if command == cmpp.CONNECT:
                sp_id = self._connect(sequence, body)
                if sp_id is None:
                    return
            elif sp_id is None:
                return  # nothing before a successful CONNECT
            elif command == cmpp.SUBMIT:
                self._submit(sp_id, sequence, body)
            elif command == cmpp.ACTIVE_TEST:
                self._send(cmpp.ACTIVE_TEST_RESP, sequence, b"\0")
            elif command == cmpp.TERMINATE:
                self._send(cmpp.TERMINATE_RESP, sequence, b"")
                return

    def _send(self, command: int, sequence: int, body: bytes) -> None:
        self.wfile.write(cmpp.pdu(command, sequence, body))
        self.wfile.flush()

    def _connect(self, sequence: int, body: bytes) -> str | None:
        request = cmpp.Connect.decode(body)
        secret = self.server.state.accounts.get(request.source_addr)
        stamp = f"{request.timestamp:010d}"
        ok = secret is not None and request.authenticator == cmpp.authenticator_source(
            request.source_addr, secret, stamp
        )
        status = cmpp.CONNECT_OK if ok else cmpp.CONNECT_BAD_AUTH
        proof = cmpp.authenticator_ismg(status, request.authenticator, secret or "")
        self._send(cmpp.CONNECT_RESP, sequence, cmpp.ConnectResp(status, proof).encode())
        return request.source_addr if ok else None

    def _submit(self, sp_id: str, sequence: int, body: bytes) -> None:
        state = self.server.state
        if state.submit_delay:
            time.sleep(state.submit_delay)  # a slow gateway, so that concurrent workers overlap
        problem = None
        try:
            submit = cmpp.Submit.decode(body)
            if submit.encode() != body:
                problem = "re-encoded PDU differs from the received octets"
            elif submit.tp_udhi != 1 or submit.msg_fmt != cmpp.MSG_FMT_BINARY:
                problem = "a PUSH SMS is binary (Msg_Fmt 4) with TP-UDHI 1"
            else:
                decode_push(submit.msg_content)
        except (cmpp.CmppError, PushSmsError) as exc:
            problem = str(exc)
        with state.lock:
            msg_id = next(state.msg_ids)
            if problem:
                state.rejected.append((body, problem))
            else:
                state.submitted.append(Submitted(sp_id, body, submit, msg_id, time.time()))
        if not problem:  # accepted: into the SMSC (stored or handed to the phone) before the answer
            for msisdn in submit.dest_terminal_ids:
                _deliver(state, msisdn, {"src_id": submit.src_id, "ud": submit.msg_content.hex().upper()})
        result = cmpp.SUBMIT_BAD_STRUCTURE if problem else cmpp.SUBMIT_OK
        self._send(cmpp.SUBMIT_RESP, sequence, cmpp.SubmitResp(msg_id, result).encode())


def _deliver(state: _State, msisdn: str, sms: dict[str, Any]) -> None:
    with state.lock:
        handset = state.handsets.get(msisdn)
        if handset is None:
            state.stored[msisdn].append(sms)
            return
        state.delivered.append((msisdn, bytes.fromhex(sms["ud"])))
    handset.push(sms)


class _HandsetHandler(socketserver.StreamRequestHandler):
    server: _Server

    def push(self, sms: dict[str, Any]) -> None:
        with self._write_lock:
            try:
                self.wfile.write((json.dumps({"sms": sms}) + "\n").encode())
                self.wfile.flush()
            except OSError:
                pass

    def handle(self) -> None:
        self._write_lock = threading.Lock()
        state = self.server.state
        line = self.rfile.readline()
        try:
            msisdn = str(json.loads(line)["register"])
        except (ValueError, KeyError, TypeError):
            return
        with state.lock:
            state.handsets[msisdn] = self
            waiting = state.stored.pop(msisdn, [])
        self.push_line({"registered": msisdn})
        for sms in waiting:
            with state.lock:
                state.delivered.append((msisdn, bytes.fromhex(sms["ud"])))
            self.push(sms)
        try:
            while self.rfile.readline():
                pass  # the phone only listens; EOF means it went offline
        finally:
            with state.lock:
                if state.handsets.get(msisdn) is self:
                    del state.handsets[msisdn]

    def push_line(self, data: dict[str, Any]) -> None:
        with self._write_lock:
            self.wfile.write((json.dumps(data) + "\n").encode())
            self.wfile.flush()


class GatewaySimulator:
    """Both sides on 127.0.0.1, free ports by default; ``accounts`` maps SP id to shared secret."""

    def __init__(self, accounts: dict[str, str], host: str = "127.0.0.1", sp_port: int = 0,
                 handset_port: int = 0, submit_delay: float = 0.0) -> None:
        self.state = _State(dict(accounts), submit_delay=submit_delay)
        self._servers = []
        for port, handler in ((sp_port, _SpHandler), (handset_port, _HandsetHandler)):
            server = _Server((host, port), handler)
            server.state = self.state
            self._servers.append(server)
        self.host = host

    @property
    def sp_port(self) -> int:
        return int(self._servers[0].server_address[1])

    @property
    def handset_port(self) -> int:
        return int(self._servers[1].server_address[1])

    def gateway_url(self, sp_id: str) -> str:
        return f"cmpp://{sp_id}@{self.host}:{self.sp_port}"

    def start(self) -> GatewaySimulator:
        for server in self._servers:
            threading.Thread(target=server.serve_forever, name="sms-sim", daemon=True).start()
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> GatewaySimulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- what tests look at -----------------------------------------------------------------------

    def submitted(self) -> list[Submitted]:
        with self.state.lock:
            return list(self.state.submitted)

    def rejected(self) -> list[tuple[bytes, str]]:
        with self.state.lock:
            return list(self.state.rejected)

    def stored_for(self, msisdn: str) -> int:
        with self.state.lock:
            return len(self.state.stored.get(msisdn, []))
