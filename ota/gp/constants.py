"""GlobalPlatform constants (GP Card Specification 2.2.1 §11.1)."""

from __future__ import annotations

from enum import IntEnum, IntFlag


class Ins(IntEnum):
    """Instruction bytes, GPC 2.2.1 §11.1.2 Table 11-3 (plus ISO GET RESPONSE / MANAGE CHANNEL)."""

    SELECT = 0xA4
    INITIALIZE_UPDATE = 0x50
    EXTERNAL_AUTHENTICATE = 0x82
    GET_DATA = 0xCA
    GET_STATUS = 0xF2
    INSTALL = 0xE6
    LOAD = 0xE8
    DELETE = 0xE4
    SET_STATUS = 0xF0
    STORE_DATA = 0xE2
    PUT_KEY = 0xD8
    GET_RESPONSE = 0xC0
    MANAGE_CHANNEL = 0x70


class Cla(IntEnum):
    """GPC 2.2.1 §11.1.4: 00 ISO, 80 GP proprietary, 84 GP proprietary with secure messaging."""

    ISO = 0x00
    GP = 0x80
    GP_SM = 0x84


class InstallFor(IntEnum):
    """INSTALL P1 values, GPC 2.2.1 §11.5.2.1 Table 11-42."""

    LOAD = 0x02
    INSTALL = 0x04
    MAKE_SELECTABLE = 0x08
    INSTALL_AND_MAKE_SELECTABLE = 0x0C
    EXTRADITION = 0x10
    PERSONALIZATION = 0x20


class StatusSubset(IntEnum):
    """GET STATUS / SET STATUS P1, GPC 2.2.1 §11.4.2.1 Table 11-33."""

    ISD = 0x80
    APPS = 0x40
    LOAD_FILES = 0x20
    LOAD_FILES_AND_MODULES = 0x10


class AppLifeCycle(IntEnum):
    """Application life cycle coding, GPC 2.2.1 §11.1.1 Table 11-4.

    Values 07..7F with b1-b3 set are application specific; LOCKED is bit 8 set on top of the
    previous state (so a locked SELECTABLE application reports 87).
    """

    INSTALLED = 0x03
    SELECTABLE = 0x07
    PERSONALIZED = 0x0F
    LOCKED = 0x80


class CardLifeCycle(IntEnum):
    """Card life cycle coding, GPC 2.2.1 §11.1.1 Table 11-6."""

    OP_READY = 0x01
    INITIALIZED = 0x07
    SECURED = 0x0F
    CARD_LOCKED = 0x7F
    TERMINATED = 0xFF


class LoadFileLifeCycle(IntEnum):
    """Executable Load File life cycle, GPC 2.2.1 §11.1.1 Table 11-3."""

    LOADED = 0x01


class SdLifeCycle(IntEnum):
    """Security Domain life cycle coding, GPC 2.2.1 §11.1.1 Table 11-5."""

    INSTALLED = 0x03
    SELECTABLE = 0x07
    PERSONALIZED = 0x0F
    LOCKED = 0x83


class Privilege(IntFlag):
    """Privileges as the 3-byte field of GPC 2.2.1 §11.1.2 Table 11-7 (byte 1 is the high byte).

    Some privileges are multi-bit codings that include SECURITY_DOMAIN (b8 of byte 1): e.g.
    DAP_VERIFICATION = C0, DELEGATED_MANAGEMENT = A0, MANDATED_DAP = C1.
    """

    SECURITY_DOMAIN = 0x800000
    DAP_VERIFICATION = 0xC00000
    DELEGATED_MANAGEMENT = 0xA00000
    CARD_LOCK = 0x100000
    CARD_TERMINATE = 0x080000
    CARD_RESET = 0x040000
    CVM_MANAGEMENT = 0x020000
    MANDATED_DAP = 0xC10000
    TRUSTED_PATH = 0x008000
    AUTHORIZED_MANAGEMENT = 0x004000
    TOKEN_VERIFICATION = 0x002000
    GLOBAL_DELETE = 0x001000
    GLOBAL_LOCK = 0x000800
    GLOBAL_REGISTRY = 0x000400
    FINAL_APPLICATION = 0x000200
    GLOBAL_SERVICE = 0x000100
    RECEIPT_GENERATION = 0x000080
    CIPHERED_LOAD_FILE_DATA_BLOCK = 0x000040
    CONTACTLESS_ACTIVATION = 0x000020
    CONTACTLESS_SELF_ACTIVATION = 0x000010

    def to_bytes3(self) -> bytes:
        return int(self).to_bytes(3, "big")


class SecurityLevel(IntFlag):
    """EXTERNAL AUTHENTICATE P1, GPC 2.2.1 §E.5.2.1 Table E-8."""

    NONE = 0x00
    C_MAC = 0x01
    C_DECRYPTION = 0x02
    R_MAC = 0x10
    R_ENCRYPTION = 0x20  # SCP03 only (GPC 2.2 Amendment D §5.1.2 Table 5-2)


class StoreDataFormat(IntEnum):
    """STORE DATA P1 b5-b4 (data structure), GPC 2.2.1 §11.11.2.1 Table 11-72."""

    NONE = 0x00
    DGI = 0x08
    BER = 0x10


class GetDataTag(IntEnum):
    """GET DATA tags used by this project (GPC 2.2.1 §11.3 and Appendix H)."""

    IIN = 0x0042
    CIN = 0x0045
    CARD_RECOGNITION_DATA = 0x0066
    CARD_CAPABILITIES = 0x0067
    SEQUENCE_COUNTER = 0x00C1
    KDD = 0x00CF
    KEY_INFORMATION = 0x00E0
    CPLC = 0x9F7F
    EXTENDED_CARD_RESOURCES = 0xFF21


ISD_AID = bytes.fromhex("A000000151000000")
DEFAULT_TEST_KEY = bytes.fromhex("404142434445464748494A4B4C4D4E4F")

# Seed §5.5.2 table 5-1: data object tags of the customer's applet.
TAG_MSISDN = 0x2F14
TAG_TOKEN = 0x1047
