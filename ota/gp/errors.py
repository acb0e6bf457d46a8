"""Typed errors of the GlobalPlatform layer.

Every error carries a stable ``code`` (dotted, English, never translated) that the UI maps to
the clerk's language.  Messages are for engineers and logs; they never contain key material.
"""

from __future__ import annotations


class GpError(Exception):
    """Base of every error raised by ``ota.gp``."""

    code = "gp.error"


class ApduFormatError(GpError, ValueError):
    """A command or response APDU is malformed or cannot be encoded."""

    code = "gp.apdu_format"


class TlvError(GpError, ValueError):
    """BER-TLV input is truncated, over-long or otherwise malformed."""

    code = "gp.tlv"

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} at offset {offset}")
        self.offset = offset


class ApduError(GpError):
    """The card answered a status word the caller did not accept."""

    code = "gp.status_word"

    def __init__(self, sw: int, data: bytes = b"", command: str = "") -> None:
        from ota.gp.sw import describe  # local import: sw imports nothing from here

        self.sw = sw
        self.data = data
        self.command = command
        prefix = f"{command}: " if command else ""
        super().__init__(f"{prefix}SW {sw:04X} ({describe(sw)})")


class CryptogramError(GpError):
    """The card cryptogram did not verify: wrong keys or wrong diversification.

    Never retry with the same keys: cards count failed authentications and block the key set.
    """

    code = "scp02.card_cryptogram"


class SecureMessagingError(GpError):
    """A MAC did not verify, or a command arrived below the session's security level."""

    code = "scp02.secure_messaging"


class CapFileError(GpError, ValueError):
    """A CAP file is missing a component, or a component is corrupt."""

    code = "gp.cap_file"


class ResponseFormatError(GpError, ValueError):
    """A card response is well-formed BER-TLV but not the structure GP defines for it."""

    code = "gp.response_format"
