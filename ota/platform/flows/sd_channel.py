"""A secure channel on a security domain's own keys, opened in the middle of a flow.

Two flows, after their first script ran in the ISD's channel, authenticate to an SSD on that SD's
keys (SCP02, GPC 2.2.1 §E.5.1.6 INITIALIZE UPDATE, §E.5.2 EXTERNAL AUTHENTICATE):
``perso_update`` to personalise an application under its SD (seed §5.8.4.6 modes 2 and 3) and
``sd_create`` to put the new SD's keys.  Which keys depends on the key version the card names,
so reading the answer and opening the channel are two calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ota.gp.errors import CryptogramError, GpError
from ota.gp.scp02 import HostChannel, InitUpdateResponse, Scp02Options, parse_initialize_update
from ota.gp.sw import SW
from ota.platform.flows.base import FlowError
from ota.platform.flows.secure import Replies, Session

if TYPE_CHECKING:
    from ota.gp.scp02_cipher import SessionCipher
    from ota.platform.flows.base import FlowContext
    from ota.platform.models import SeBatch


@dataclass(frozen=True)
class SdOpening:
    """The SD's INITIALIZE UPDATE answer, read: its ``iu`` names the key version and the KDD."""

    data: bytes
    iu: InitUpdateResponse

    @classmethod
    def read(cls, r: Replies, tag: str) -> SdOpening:
        """The answer tagged ``tag``; ``scp02.initialize_update`` when it is not one."""
        data = r.data(tag) or b""
        try:
            return cls(data, parse_initialize_update(data))
        except GpError as e:
            raise FlowError("scp02.initialize_update", detail={"reason": str(e)}) from e

    def open(
        self, ctx: FlowContext, batch: SeBatch, key_ref: str, card: dict[str, Any], host_challenge: str,
        *, refusal: str, ext_auth_tag: str,
    ) -> tuple[Session, SessionCipher]:
        """A session on ``key_ref``'s keys with its EXTERNAL AUTHENTICATE queued (tagged
        ``ext_auth_tag``), and the session cipher; ``refusal`` when the card's cryptogram says the
        keys are not its own."""
        iu = self.iu
        cipher = ctx.keystore.session_cipher(key_ref, iu.kdd, batch.diversification, iu.kvn, iu.seq, session=ctx.session)
        try:
            channel, ext_auth = HostChannel.open_with(
                cipher, bytes.fromhex(host_challenge), self.data, batch.scp_level, Scp02Options(batch.scp_i)
            )
        except CryptogramError as e:
            raise FlowError(refusal, detail={"kvn": f"{iu.kvn:02X}"}) from e
        session = Session(channel, card)
        session.add_raw(ext_auth, ext_auth_tag, (SW.OK,))
        return session, cipher
