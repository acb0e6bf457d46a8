"""An SMPP v3.4 front for the gateway simulator: an SMSC's ESME port beside the CMPP one.

It shares the CMPP simulator's handsets, store-and-forward and record (``simulator._State``),
so a push submitted over SMPP reaches the same wallet agents.  bind_transmitter (or transceiver)
is checked against the account's password; every submit_sm is decoded with this package's own
codec (``smpp_pdu``), re-encoded and compared with the received octets byte for byte, and must
be a PUSH SMS of seed §5.8.5.3: esm_class with UDHI (0x40), 8-bit binary data_coding (0x04) and
a UDH with 16-bit port addressing (IEI 05).  Anything else is answered ESME_RSUBMITFAIL and kept
in ``rejected``.  enquire_link and unbind are answered.  Test and demo tool.
"""

from __future__ import annotations

import socketserver
import threading
import time
from dataclasses import dataclass

from ota.platform.sms import smpp_pdu as smpp
from ota.platform.sms.simulator import GatewaySimulator, _deliver, _State
from ota.push import PushSmsError, decode_push


@dataclass(frozen=True)
class SmppSubmitted:
    system_id: str
    raw: bytes
    submit: smpp.SubmitSm
    message_id: str
    at: float


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    state: _State
    accounts: dict[str, str]
    front: SmppFront


class _EsmeHandler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        system_id: str | None = None
        while True:
            try:
                command, _status, sequence, body = smpp.read_pdu(self.rfile)
            except (EOFError, OSError, smpp.SmppError):
                return
            if command in (smpp.BIND_TRANSMITTER, smpp.BIND_TRANSCEIVER):
                system_id = self._bind(command, sequence, body)
                if system_id is None:
                    return
            elif command == smpp.ENQUIRE_LINK:
                self._send(command | smpp.RESP, sequence)
            elif command == smpp.UNBIND:
                self._send(command | smpp.RESP, sequence)
                return
            elif system_id is None:
                self._send(smpp.GENERIC_NACK, sequence, status=smpp.ESME_RINVCMDID)
                return  # nothing before a successful bind
            elif command == smpp.SUBMIT_SM:
                self._submit(system_id, sequence, body)
            else:
                self._send(smpp.GENERIC_NACK, sequence, status=smpp.ESME_RINVCMDID)

    def _send(self, command: int, sequence: int, body: bytes = b"", status: int = smpp.ESME_ROK) -> None:
        self.wfile.write(smpp.pdu(command, sequence, body, status))
        self.wfile.flush()

    def _bind(self, command: int, sequence: int, body: bytes) -> str | None:
        try:
            bind = smpp.Bind.decode(body)
        except (smpp.SmppError, UnicodeDecodeError):
            self._send(command | smpp.RESP, sequence, status=smpp.ESME_RBINDFAIL)
            return None
        ok = self.server.accounts.get(bind.system_id) == bind.password
        status = smpp.ESME_ROK if ok else smpp.ESME_RINVPASWD
        self._send(command | smpp.RESP, sequence, smpp.bind_resp("HALLSMSC") if ok else b"", status)
        return bind.system_id if ok else None

    def _submit(self, system_id: str, sequence: int, body: bytes) -> None:
        state, front = self.server.state, self.server.front
        problem = None
        try:
            submit = smpp.SubmitSm.decode(body)
            if submit.encode() != body:
                problem = "re-encoded PDU differs from the received octets"
            elif submit.esm_class & smpp.ESM_CLASS_UDHI != smpp.ESM_CLASS_UDHI:
                problem = "a PUSH SMS carries a UDH: esm_class 0x40"
            elif submit.data_coding != smpp.DATA_CODING_BINARY:
                problem = "a PUSH SMS is 8-bit binary: data_coding 0x04"
            else:
                decode_push(submit.short_message)
        except (smpp.SmppError, UnicodeDecodeError, PushSmsError) as exc:
            problem = str(exc)
        with state.lock:
            message_id = f"{next(state.msg_ids):08X}"
            if problem:
                state.rejected.append((body, problem))
            else:
                front.submitted.append(SmppSubmitted(system_id, body, submit, message_id, time.time()))
        if problem:
            self._send(smpp.SUBMIT_SM | smpp.RESP, sequence, status=smpp.ESME_RSUBMITFAIL)
            return
        _deliver(state, submit.destination_addr,
                 {"src_id": submit.source_addr, "ud": submit.short_message.hex().upper()})
        self._send(smpp.SUBMIT_SM | smpp.RESP, sequence, smpp.submit_sm_resp(message_id))


class SmppFront:
    """``SmppFront(sim, {"hallterm": "secret"}).start()``; ``url(system_id)`` for ``--sms``."""

    def __init__(self, sim: GatewaySimulator, accounts: dict[str, str], port: int = 0) -> None:
        self.submitted: list[SmppSubmitted] = []
        self._server = _Server((sim.host, port), _EsmeHandler)
        self._server.state, self._server.accounts, self._server.front = sim.state, dict(accounts), self
        self.host = sim.host

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, system_id: str) -> str:
        return f"smpp://{system_id}@{self.host}:{self.port}"

    def start(self) -> SmppFront:
        threading.Thread(target=self._server.serve_forever, name="smpp-sim", daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
