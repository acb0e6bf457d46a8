"""``hallterm platform sd list|set``: security domains and their §5.3.1 attributes from the shell,
through the same service functions and policy as ``/api/v1/admin/security-domains``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from ota.platform import sd_key_period
from ota.platform.admin import domains
from ota.platform.admin.cli import _cmd, _group, _model, _run
from ota.platform.policy import CLI_ACTOR


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    sd = _group(commands, "sd", "security domains: attributes (§5.3.1)")
    _cmd(sd, "list", "list security domains with their attributes (never keys)", _list, common)
    p = _cmd(sd, "set", "create or change a security domain from a JSON file of its attributes", _set, common)
    p.add_argument("aid")
    p.add_argument("--file", type=Path, required=True)
    p = _cmd(sd, "due-key-updates", "SEs whose SD keys are older than the SD's key-update period (§5.3.1)",
             _due, common)
    p.add_argument("--schedule", action="store_true", help="schedule the key update of those the platform can update")


def _list(args: argparse.Namespace) -> int:
    return _run(args, "sd.read", lambda s: domains.list_domains(s, CLI_ACTOR))


def _set(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"(?:[0-9A-Fa-f]{2}){5,16}", args.aid):
        print(f"request.invalid: AID 应为5至16字节的十六进制 / an AID is 5 to 16 bytes of hex: {args.aid}", file=sys.stderr)
        return 1
    body = _model(domains.DomainIn, json.loads(args.file.read_text(encoding="utf-8")))
    return _run(args, "sd.write", lambda s: domains.save(s, CLI_ACTOR.name, args.aid.upper(), body))


def _due(args: argparse.Namespace) -> int:
    from ota.platform.cli import _open

    _engine, _sessions, keystore = _open(args)
    if args.schedule:
        return _run(args, "sd.write", lambda s: sd_key_period.schedule_due(s, keystore, CLI_ACTOR.name))
    return _run(args, "sd.read", lambda s: sd_key_period.due(s, keystore))
