"""``hallterm platform keys import|list|rollover|status``: the key ceremonies, as a custodian runs them.

Prompts go to stderr; secrets are read without echo from a terminal (``getpass``), or one per
line from stdin when stdin is not a terminal (scripts and tests).  Nothing here prints a key.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from ota import wording
from ota.platform.errors import PlatformError


def register(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    keys = commands.add_parser("keys", help="key ceremonies: import, list, roll-over")
    sub = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)

    imp = sub.add_parser("import", help="import a key set from 2-3 components, each KCV-checked")
    common(imp)
    imp.add_argument("--ref", required=True, help="key set reference (a batch's key_set_ref)")
    imp.add_argument("--kvn", required=True, type=lambda v: int(v, 0), help="key version number, 1..0x7F")
    imp.add_argument("--components", type=int, default=2, choices=(2, 3))
    imp.add_argument("--single", action="store_true", help="one key for ENC, MAC and DEK")
    imp.add_argument("--aes", type=int, choices=(128, 192, 256), help="an SCP03 (AES) key set of this many bits")
    imp.add_argument("--actor", default=os.environ.get("USER", "custodian"), help="who runs the ceremony")
    imp.set_defaults(func=_import)

    lst = sub.add_parser("list", help="key versions: KVN, KCVs, batch, state (never a key)")
    common(lst)
    lst.set_defaults(func=_list)

    roll = sub.add_parser("rollover", help="move a batch's cards to a key version at their next contact")
    common(roll)
    roll.add_argument("--batch", required=True)
    roll.add_argument("--to-kvn", required=True, type=lambda v: int(v, 0))
    roll.add_argument("--actor", default=os.environ.get("USER", "custodian"))
    roll.set_defaults(func=_rollover)

    status = sub.add_parser("status", help="cards per key version and counters near their limit")
    common(status)
    status.add_argument("--batch", required=True)
    status.set_defaults(func=_status)


def _ask(prompt: str, secret: bool) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt) if secret else input(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    print("" if secret else line.strip(), file=sys.stderr)
    return line.strip()


def _fail(error: PlatformError) -> int:
    print(f"[{error.code}] {wording.error_text(error.code, error.params, wording.language())}", file=sys.stderr)
    return 2


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from ota.platform.cli import _open as open_platform

    _engine, sessions, store = open_platform(args)
    return sessions, store


def _import(args: argparse.Namespace) -> int:
    from ota.platform.keys.ceremony import import_key_set

    try:
        sessions, store = _open(args)
        result = import_key_set(
            sessions, store, args.ref, args.kvn, args.components, _ask, args.actor, single=args.single,
            aes_len=args.aes // 8 if args.aes else None,
        )
    except PlatformError as e:
        return _fail(e)
    print(f"已导入 / imported: {result.ref} KVN {result.kvn:02X} KCV {' '.join(result.kcvs)} ({store.backend})")
    for batch in result.undiversified_batches:
        print(
            f"警告 / WARNING: 批次 {batch} 直接使用此密钥,未按卡分散 / batch {batch} uses these keys "
            "without per-card diversification (VISA2 / EMV CPG, kdf3 for AES, recommended)"
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    from ota.platform.keys.versions import list_versions

    try:
        sessions, _store = _open(args)
    except PlatformError as e:
        return _fail(e)
    with sessions() as session:
        views = list_versions(session)
    print(f"{'密钥集/REF':<20} {'KVN':<4} {'KCV ENC/MAC/DEK':<21} {'后端/BACKEND':<13} {'状态/STATE':<11} 批次/BATCH")
    for v in views:
        notes = []
        if v.batches and not v.diversified:
            notes.append("未分散/not diversified")
        if v.rollover_target:
            notes.append("轮换目标/roll-over target")
        batches = ",".join(v.batches) or "-"
        cards = f" ({v.cards} cards)" if v.batches else ""
        print(
            f"{v.ref:<20} {v.kvn:02X}   {'/'.join(v.kcv):<21} {v.backend:<13} {v.state:<11} "
            f"{batches}{cards}{'  ! ' + '; '.join(notes) if notes else ''}"
        )
    return 0


def _rollover(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from ota.platform.db import transaction
    from ota.platform.keys.rollover import start_rollover
    from ota.platform.models import SeBatch

    try:
        sessions, store = _open(args)
        with transaction(sessions) as session:
            batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == args.batch)).first()
            known = store.key_versions(batch.key_set_ref, session=session) if batch else []
            start_rollover(session, args.batch, args.to_kvn, known, args.actor)
    except PlatformError as e:
        return _fail(e)
    print(
        f"批次 {args.batch} 的卡将在下次联机时更新到密钥版本 {args.to_kvn:02X} / "
        f"cards of batch {args.batch} move to KVN {args.to_kvn:02X} at their next contact"
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    from ota.platform.keys.rollover import batch_status

    try:
        sessions, _store = _open(args)
        with sessions() as session:
            status = batch_status(session, args.batch)
    except PlatformError as e:
        return _fail(e)
    target = f"{status.target_kvn:02X}" if status.target_kvn is not None else "-"
    print(f"批次/batch {status.batch}  目标版本/target KVN {target}")
    for kvn, count in status.cards_by_kvn.items():
        print(f"  KVN {kvn:02X}: {count} 张卡/cards")
    for seid in status.near_limit:
        print(f"  计数器接近上限/counter near limit: {seid}")
    return 0
