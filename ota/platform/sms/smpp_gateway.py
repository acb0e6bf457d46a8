"""The SMPP v3.4 binding of the SMS gateway interface, through smpplib (seed §5.8.5).

One long connection bound as a transmitter; each PUSH SMS is one submit_sm carrying the
§5.8.5.3 user data as 8-bit binary (data_coding 0x04) with the UDH indicator set (esm_class
0x40, SMPP v3.4 §5.2.12), answered by a submit_sm_resp whose message_id is returned.  The link
is re-opened once when it drops.  The password is never logged or shown in a repr.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import smpplib.client
import smpplib.consts
import smpplib.exceptions

from ota.platform.sms.gateway import GatewayError, GatewayUrl, reconnecting_once

log = logging.getLogger(__name__)
_LIBRARY_LOG = logging.getLogger(f"{__name__}.client")
_LIBRARY_LOG.setLevel(logging.INFO)  # smpplib's debug lines hex-dump every PDU, bind's password too

ENV_PASSWORD = "HALLTERM_SMPP_PASSWORD"
ESM_CLASS_UDHI = 0x40
DATA_CODING_BINARY = 0x04
TON_INTERNATIONAL, TON_NATIONAL, NPI_E164 = 0x01, 0x02, 0x01
LINK_ERRORS = (OSError, smpplib.exceptions.ConnectionError)


@dataclass
class SmppGateway:
    host: str
    port: int
    system_id: str
    password: str = field(repr=False)
    source_addr: str = "10658000"
    system_type: str = ""
    timeout: float = 10.0
    _client: Any = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def from_url(cls, url: str) -> SmppGateway:
        """``smpp://SYSTEM_ID[:password]@host:port[?src=10658000]``; the password may come from
        ``$HALLTERM_SMPP_PASSWORD`` instead of the URL."""
        parts = GatewayUrl.parse(url, "smpp", 2775, ENV_PASSWORD)
        return cls(parts.host, parts.port, parts.account, parts.secret, source_addr=parts.param("src", "10658000"))

    def _connect(self) -> Any:
        client = smpplib.client.Client(self.host, self.port, timeout=self.timeout, allow_unknown_opt_params=True,
                                       logger_name=_LIBRARY_LOG.name)
        try:
            client.connect()
        except LINK_ERRORS as exc:
            raise GatewayError("sms.unreachable", f"SMS gateway {self.host}:{self.port}: {exc}") from None
        try:
            client.bind_transmitter(system_id=self.system_id, password=self.password,
                                    system_type=self.system_type)
        except smpplib.exceptions.PDUError as exc:
            client.disconnect()
            status = exc.args[1] if len(exc.args) > 1 else "?"
            raise GatewayError("sms.login", f"SMPP bind_transmitter refused (status {status})") from None
        except LINK_ERRORS as exc:
            client.disconnect()
            raise GatewayError("sms.unreachable", f"SMPP bind: {exc}") from None
        return client

    def _submit_once(self, msisdn: str, user_data: bytes) -> str:
        if self._client is None:
            self._client = self._connect()
        client, answers = self._client, []
        client.set_message_sent_handler(lambda pdu, **_kw: answers.append(pdu))
        sent = client.send_message(
            source_addr_ton=TON_NATIONAL, source_addr_npi=NPI_E164, source_addr=self.source_addr,
            dest_addr_ton=TON_INTERNATIONAL, dest_addr_npi=NPI_E164, destination_addr=msisdn,
            esm_class=ESM_CLASS_UDHI, data_coding=DATA_CODING_BINARY, short_message=user_data,
            registered_delivery=0,
        )
        deadline = time.monotonic() + self.timeout
        while not any(a.sequence == sent.sequence for a in answers):
            if time.monotonic() > deadline:
                raise smpplib.exceptions.ConnectionError("no submit_sm_resp in time")
            client.read_once()  # answers enquire_link, raises PDUError on an error response
        answer = next(a for a in answers if a.sequence == sent.sequence)
        message_id = answer.message_id
        return message_id.decode() if isinstance(message_id, bytes) else str(message_id)

    # --- SmsGateway -------------------------------------------------------------------------------

    def submit(self, msisdn: str, user_data: bytes) -> str:
        with self._lock:
            try:
                return reconnecting_once(lambda: self._submit_once(msisdn, user_data), LINK_ERRORS, self.close, "SMPP")
            except smpplib.exceptions.PDUError as exc:
                status = exc.args[1] if len(exc.args) > 1 else "?"
                raise GatewayError("sms.refused", f"SMPP submit_sm refused with status {status}") from None

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.unbind()
            except (OSError, smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError):
                pass  # the link is gone or was never bound: closing the socket is enough
            client.disconnect()
