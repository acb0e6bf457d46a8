"""``hallterm vse``: create, serve and inspect virtual secure elements.

* ``vse new --state FILE [--seid HEX] [--scp 02|03] [--i HEX] [--nvm BYTES] [--key HEX]
  [--kdf none|visa2|emv|kdf3] [--extended-max N]``: the card's keys (KVN FF) are the master key
  (``--key``, default the GP test key 404142..4F) diversified with the card's KDD, per card as
  an issuer does (``ota.vse.factory``): ``emv`` for SCP02, ``kdf3`` for SCP03 unless ``--kdf``
  says otherwise; ``--kdf none`` puts the master key itself on the card (a batch-wide batch). An
  SCP03 card takes a 16/24/32-byte AES key, ``--i`` 00/10/30/70 (+01 for S16), default 70,
  and of the ``--kdf`` methods ``kdf3`` or ``none``;
* ``vse serve --state FILE [--vpcd HOST:PORT]`` connects the card to pcscd's vpcd driver;
* ``vse show --state FILE`` prints the card: key versions and KCVs (never keys), counters,
  memory, security domains, load files, applications, MSISDN.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify import Diversification
from ota.gp.diversify_aes import KDF3
from ota.gp.scp02 import key_check_value
from ota.gp.scp03 import key_check_value as aes_kcv
from ota.vse.card import VirtualCard
from ota.vse.factory import new_card
from ota.vse.state import CardState, load_state

_KDF = {"none": Diversification.NONE, "visa2": Diversification.VISA2, "emv": Diversification.EMV_CPG204,  # GPPro "emv"
        KDF3: KDF3}


def build_parser(subparsers: argparse._SubParsersAction | None = None) -> argparse.ArgumentParser:
    """Add ``vse`` to ``subparsers`` (the hallterm console script), or make a standalone parser."""
    if subparsers is None:
        parser = argparse.ArgumentParser(prog="vse", description="Virtual GlobalPlatform secure element")
    else:
        parser = subparsers.add_parser("vse", help="virtual GlobalPlatform secure element")
    commands = parser.add_subparsers(dest="vse_command", required=True)

    new = commands.add_parser("new", help="create a card file")
    new.add_argument("--state", type=Path, required=True)
    new.add_argument("--seid", type=bytes.fromhex, help="SEID as hex (default: random 10 bytes)")
    new.add_argument("--scp", choices=["02", "03"], default="02", help="secure channel protocol")
    new.add_argument("--i", help="i parameter: SCP02 15|55 (default 15), SCP03 00|10|30|70 (+01 S16; default 70)")
    new.add_argument("--nvm", type=int, help="total NVM in bytes")
    new.add_argument("--key", type=bytes.fromhex, help="master key, 16 bytes hex")
    new.add_argument("--kdf", choices=sorted(_KDF),
                     help="how the card's keys derive from the master key and its KDD: emv (SCP02 default) or "
                          "visa2, kdf3 (SCP03 default), none (the master key itself: a batch-wide batch)")
    new.add_argument("--extended-max", type=int, default=0,
                     help="take extended-length APDUs with up to this much data (256..65535; default 0: short only)")
    new.add_argument("--force", action="store_true", help="overwrite an existing card file")

    serve = commands.add_parser("serve", help="serve a card to pcscd through vpcd")
    serve.add_argument("--state", type=Path, required=True)
    serve.add_argument("--vpcd", default="127.0.0.1:35963", help="HOST:PORT of the vpcd driver")

    show = commands.add_parser("show", help="print a card file (never its keys)")
    show.add_argument("--state", type=Path, required=True)
    parser.set_defaults(handler=run, func=run)
    return parser


def register(subparsers: argparse._SubParsersAction) -> None:
    """Hook for the ``hallterm`` console script (app/cli.py)."""
    build_parser(subparsers)


def run(args: argparse.Namespace) -> int:
    return {"new": _new, "serve": _serve, "show": _show}[args.vse_command](args)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)


def _new(args: argparse.Namespace) -> int:
    if args.state.exists() and not args.force:
        print(f"{args.state} exists (use --force to overwrite)", file=sys.stderr)
        return 2
    scp = int(args.scp, 16)
    if args.kdf not in (None, "none") and (scp == 0x03) != (args.kdf == KDF3):
        print("--kdf kdf3 is for SCP03 cards, visa2 and emv for SCP02 cards", file=sys.stderr)
        return 2
    seid = args.seid or os.urandom(10)
    try:
        i = int(args.i or ("70" if scp == 0x03 else "15"), 16)
        new_card(
            args.state, seid, scp=scp, kdf=None if args.kdf is None else _KDF[args.kdf],
            master=args.key or DEFAULT_TEST_KEY, i=i, nvm=args.nvm, extended_max=args.extended_max,
        )
    except ValueError as exc:
        print(f"cannot create the card: {exc}", file=sys.stderr)
        return 2
    print(f"created {args.state}: SEID {seid.hex().upper()}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from ota.vse.vpcd import serve_vpcd  # written alongside; imported only when serving

    host, _, port = args.vpcd.rpartition(":")
    card = VirtualCard.load(args.state)
    stop = threading.Event()
    print(f"serving {args.state} to vpcd at {host}:{port} (Ctrl-C to stop)")
    try:
        serve_vpcd(card, host=host or "127.0.0.1", port=int(port), stop=stop)
    except KeyboardInterrupt:
        stop.set()
    return 0


def describe(state: CardState) -> list[str]:
    """Human-readable lines about a card; key bytes never appear, only their KCVs."""
    lines = [
        f"SEID        {state.seid.hex().upper()}",
        f"KDD         {state.kdd.hex().upper()}",
        f"life cycle  {state.life_cycle:02X}   SCP{state.scp:02X} i={state.i:02X}",
        f"MSISDN      {state.msisdn.hex().upper() if state.msisdn else '-'}",
        f"NVM free    {state.nvm_free} of {state.nvm_total}   VM free {state.vm_free} of {state.vm_total}",
    ]
    for ks in sorted(state.key_sets, key=lambda k: k.kvn):
        kcv = aes_kcv if state.scp == 0x03 else key_check_value
        kcvs = " ".join(kcv(k).hex().upper() for k in (ks.enc, ks.mac, ks.dek))
        blocked = "  BLOCKED" if ks.blocked else ""
        lines.append(f"key set {ks.kvn:02X}  KCV {kcvs}  seq {ks.seq}  failures {ks.failures}{blocked}")
    lines.append(f"ISD   {state.isd_aid.hex().upper()}  privileges {state.isd_privileges:06X}")
    for f in state.load_files:
        modules = ", ".join(m.hex().upper() for m in f.modules)
        lines.append(f"PKG   {f.aid.hex().upper()}  {f.nv_size} bytes  SD {f.sd_aid.hex().upper()}  [{modules}]")
    for a in state.apps:
        kind = "SSD" if a.is_sd else "APP"
        lines.append(
            f"{kind:5} {a.aid.hex().upper()}  state {a.life_cycle:02X}  privileges {a.privileges:06X}"
            f"  SD {a.sd_aid.hex().upper()}"
        )
    return lines


def _show(args: argparse.Namespace) -> int:
    print("\n".join(describe(load_state(args.state))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
