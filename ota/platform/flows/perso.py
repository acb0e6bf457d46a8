"""Application personalisation from the catalog's template (seed §5.8.4.6).

Two of the seed's three modes are scripted here:

* mode 3 (the SD serves the application): INSTALL [for personalization] to the ISD, then the
  data as STORE DATA blocks through the secure channel (GPC 2.2.1 §11.5.2.3.5, §11.11);
* mode 1 (the business platform's own commands): SELECT the instance and pass the template's
  APDUs through unchanged; the platform neither encrypts nor MACs them.  The SELECT ends the
  ISD's secure channel, so mode-1 commands always go last in a script.

Mode 2 (the application uses its SD's keys) without transport keys is treated like mode 1, as
the seed allows for third-party domains; mode 2 with the provider's data under TK / KEK opens a
channel on the application's own SD and is run by ``perso_update.py``.

Template (``Application.perso_template``)::

    {"mode": 3, "format": "BER", "instance": "<AID hex, default: every instance>",
     "records": [{"tag": "5F2D", "value": "7A68"},
                 {"tag": "5B", "source": "param:cardholder_name", "encoding": "utf8", "default": ""},
                 {"tag": "5E", "source": "subscriber:msisdn", "encoding": "ascii"}]}
    {"mode": 1, "instance": "<AID hex>", "apdus": ["80CA5E0000", {"apdu": "...", "accept": ["9000", "6A88"]}]}

or ``{"steps": [<template>, ...]}`` for several.  An instance may carry its own template
(``AppInstance.perso_template``, same form): it then gets that data instead of the application's.  Sources: ``param:<name>`` (the operation's
params), ``subscriber:msisdn``, ``subscriber:imsi``, ``se:seid``; encodings ``ascii``, ``utf8``,
``hex``.

Mode 3 with the provider's data encrypted (§5.8.4.6, issue 13): ``"transport": "<key set>"``
names the provider's transport key set in the key service (``transport-*``: ENC is the TK,
DEK the KEK), and records carry ``"tk": "<hex>"`` (the value, ISO 9797-1 padded, 3DES-CBC
under the TK: decrypted by the key service) or ``"kek": "<hex>"`` (a sensitive value, 3DES-ECB
under the KEK: translated by the key service to the session DEK, never clear in the script;
its STORE DATA blocks say "encrypted", P1 b7-b6 = 11)::

    {"mode": 3, "format": "DGI", "transport": "transport-acme",
     "records": [{"tag": "0101", "tk": "9F3A..."}, {"tag": "8010", "kek": "51C2..."}]}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ota.gp import commands
from ota.gp.constants import StoreDataFormat
from ota.gp.crypto import CryptoInputError, unpad80
from ota.gp.errors import GpError
from ota.gp.scp03 import Scp03HostChannel
from ota.gp.sw import SW
from ota.gp.tlv import encode_tlv
from ota.platform.errors import KeyStoreError
from ota.platform.flows.base import FlowError
from ota.platform.flows.secure import Session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from ota.platform.keystore import KeyStore

Resolve = Callable[[str], str | None]


@dataclass(frozen=True)
class KeyAccess:
    """The key service as personalisation with TK / KEK needs it."""

    keystore: KeyStore
    db: DbSession
    actor: str


def bad_template(why: str) -> FlowError:
    return FlowError("perso.template", detail={"why": why})


def steps(template: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not template:
        return []
    listed = template.get("steps")
    if listed is None:
        return [template]
    if not isinstance(listed, list) or not all(isinstance(s, dict) for s in listed):
        raise bad_template("steps must be a list of objects")
    return listed


def _targets(step: dict[str, Any], instances: list[bytes]) -> list[bytes]:
    """The instances a step goes to: all given, or the one it names when that is among them."""
    chosen = step.get("instance")
    if chosen is None:
        return instances
    try:
        aid = bytes.fromhex(chosen)
    except (TypeError, ValueError):
        raise bad_template("instance is not an AID in hex") from None
    return [aid] if aid in instances else []


Target = tuple[bytes, dict[str, Any] | None]
"""An instance to personalise and its own template (None: the application's), §5.8.4.1."""


def by_template(app_template: dict[str, Any] | None, targets: list[Target]) -> list[tuple[dict[str, Any] | None, list[bytes]]]:
    """Each template with the instances it personalises: the application's for the instances
    without their own, each instance's own for that instance alone (never another's data)."""
    shared = [aid for aid, own in targets if own is None]
    groups = [(app_template, shared)] if shared else []
    return groups + [(own, [aid]) for aid, own in targets if own is not None]


def _encode(value: str, encoding: str) -> bytes:
    if encoding == "hex":
        try:
            return bytes.fromhex(value)
        except ValueError:
            raise bad_template("a hex value is not hex") from None
    if encoding in ("ascii", "utf8"):
        return value.encode("ascii" if encoding == "ascii" else "utf-8", errors="strict")
    raise bad_template(f"unknown encoding {encoding}")


def records_data(step: dict[str, Any], resolve: Resolve) -> bytes:
    """The BER-TLV objects of a mode-3 step, values taken literally or from their source."""
    out = bytearray()
    for record in step.get("records", []):
        try:
            tag = int(record["tag"], 16)
            if "value" in record:
                value = bytes.fromhex(record["value"])
            else:
                found = resolve(record["source"])
                text = found if found is not None else record.get("default")
                if text is None:
                    raise bad_template(f"no value for {record['source']}")
                value = _encode(str(text), record.get("encoding", "ascii"))
            out += encode_tlv(tag, value)
        except (KeyError, TypeError, ValueError, GpError) as e:
            if isinstance(e, FlowError):
                raise
            raise bad_template(f"record {record!r:.60}: {type(e).__name__}") from None
    return bytes(out)


def _object(fmt: int, tag: int, value: bytes) -> bytes:
    if fmt == StoreDataFormat.DGI:  # two-byte DGI, length in one byte or FF + two bytes
        length = bytes((len(value),)) if len(value) < 0xFF else b"\xff" + len(value).to_bytes(2, "big")
        return tag.to_bytes(2, "big") + length + value
    return encode_tlv(tag, value)


def transported_data(step: dict[str, Any], keys: KeyAccess, session: Session, fmt: int) -> tuple[bytes, bool]:
    """The records of a step whose values came encrypted under the provider's TK / KEK."""
    ref = str(step["transport"])
    out, sensitive = bytearray(), False
    for record in step.get("records", []):
        try:
            tag = int(record["tag"], 16)
            if "tk" in record:
                value = unpad80(keys.keystore.transport_decrypt(ref, bytes.fromhex(record["tk"]), keys.db))
            elif "kek" in record:
                if isinstance(session.channel, Scp03HostChannel):
                    raise FlowError("perso.kek_scp03")
                cipher = session.channel.cipher
                value = keys.keystore.translate_kek(ref, bytes.fromhex(record["kek"]), cipher, keys.db, keys.actor)
                sensitive = True
            else:
                value = bytes.fromhex(record["value"])
        except (KeyError, TypeError, ValueError, CryptoInputError):
            raise bad_template(f"an encrypted record of tag {str(record.get('tag'))[:8]} is malformed") from None
        except KeyStoreError as e:  # the provider's transport keys are not (or no longer) registered
            raise FlowError("perso.transport_key", detail={"cause": str(e.code)}) from None
        out += _object(fmt, tag, value)
    return bytes(out), sensitive


def send_through_sd(
    session: Session,
    template: dict[str, Any] | None,
    instances: list[bytes],
    resolve: Resolve,
    keys: KeyAccess | None = None,
) -> int:
    """Mode-3 steps: INSTALL [for personalization] + STORE DATA blocks; returns commands added."""
    before = len(session)
    for step in steps(template):
        if step.get("mode") != 3:
            continue
        fmt = StoreDataFormat.DGI if str(step.get("format", "BER")).upper() == "DGI" else StoreDataFormat.BER
        sensitive = False
        if step.get("transport"):
            if keys is None:
                raise bad_template("encrypted records need the key service")
            data, sensitive = transported_data(step, keys, session, fmt)
        elif step.get("encrypted"):
            raise bad_template("encrypted mode-3 records name their provider's transport key set ('transport')")
        else:
            data = records_data(step, resolve)
        for aid in _targets(step, instances):
            tag = aid.hex().upper()
            session.send(commands.install_for_personalization(aid), f"perso:{tag}:install")
            for n, block in enumerate(commands.store_data_blocks(data, session.max_data, fmt, sensitive)):
                session.send(block, f"perso:{tag}:store:{n}")
    return len(session) - before


def send_plain(session: Session, template: dict[str, Any] | None, instances: list[bytes]) -> int:
    """Mode-1 (and 2) steps: SELECT the instance and pass the APDUs through; returns commands added."""
    before = len(session)
    for step in steps(template):
        if step.get("mode") not in (1, 2) or step.get("transport"):  # mode 2 with TK/KEK: perso_update.py
            continue
        for aid in _targets(step, instances):
            tag = aid.hex().upper()
            session.send_plain(commands.select(aid).encode(), f"perso:{tag}:select")
            for n, item in enumerate(step.get("apdus", [])):
                apdu, accept = (item, ["9000"]) if isinstance(item, str) else (item.get("apdu"), item.get("accept", ["9000"]))
                try:
                    raw = bytes.fromhex(apdu)
                    accepted = tuple(int(s, 16) for s in accept)
                except (TypeError, ValueError):
                    raise bad_template("an APDU or accepted SW is not hex") from None
                if len(raw) < 4:
                    raise bad_template("an APDU is shorter than 4 bytes")
                session.send_plain(raw, f"perso:{tag}:apdu:{n}", accepted or (SW.OK,))
    return len(session) - before


def needs_own_channel(template: dict[str, Any] | None) -> bool:
    """Mode-2 steps with TK / KEK: a channel on the app's own SD, run by perso_update.py."""
    return any(s.get("mode") == 2 and s.get("transport") for s in steps(template))


def needs_commands(template: dict[str, Any] | None) -> bool:
    return any(s.get("mode") in (1, 2, 3) for s in steps(template))


def send_through_sd_each(
    session: Session, app_template: dict[str, Any] | None, targets: list[Target], resolve: Resolve,
    keys: KeyAccess | None = None,
) -> int:
    return sum(send_through_sd(session, t, aids, resolve, keys) for t, aids in by_template(app_template, targets))


def send_plain_each(session: Session, app_template: dict[str, Any] | None, targets: list[Target]) -> int:
    return sum(send_plain(session, t, aids) for t, aids in by_template(app_template, targets))


def any_needs_commands(app_template: dict[str, Any] | None, targets: list[Target]) -> bool:
    return any(needs_commands(t) for t, _ in by_template(app_template, targets))


def any_needs_own_channel(app_template: dict[str, Any] | None, targets: list[Target]) -> bool:
    return any(needs_own_channel(t) for t, _ in by_template(app_template, targets))
