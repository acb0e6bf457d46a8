"""``hallterm readers`` and ``hallterm card info``: what a technician checks first, no platform."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from app.cli import ExitCode
from app.commands.common import add_config_args, add_output_args, config_from, emit, guarded, say
from ota import wording


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    readers = subparsers.add_parser("readers", help="list the smart card readers and their cards")
    add_config_args(readers)
    add_output_args(readers)
    readers.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages")
    readers.set_defaults(func=guarded(_readers))

    card = subparsers.add_parser("card", help="read a card without the platform")
    commands = card.add_subparsers(dest="card_command", metavar="COMMAND", required=True)
    info = commands.add_parser("info", help="ATR, CPLC, card recognition data, SEID, free memory")
    add_config_args(info)
    add_output_args(info)
    info.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages")
    info.set_defaults(func=guarded(_card_info))


def _readers(args: argparse.Namespace) -> int:
    config, _ = config_from(args)
    found: list[dict[str, Any]] = []
    if not config.virtual_readers or config.pcsc_too:
        from app.reader import reader_status

        found = [{"name": n, "card": atr is not None, "atr": atr.hex().upper() if atr else None, "kind": "pcsc"}
                 for n, atr in reader_status().items() if n not in config.virtual_readers]
    found += [{"name": n, "card": True, "atr": None, "kind": "in-process"} for n in config.virtual_readers]
    ignored = [w.casefold() for w in config.reader_ignore]
    for r in found:
        r["ignored"] = any(w in r["name"].casefold() for w in ignored)

    language = wording.language(args.lang or config.language)

    def human(out: TextIO) -> None:
        if not found:
            print(say(language, "console.no_readers"), file=out)
        for r in found:
            state = (say(language, "console.reader.card", atr=r["atr"]) if r["card"] and r["atr"] else
                     say(language, "console.reader.phone" if r["card"] else "console.reader.empty"))
            ignored = f"  {say(language, 'console.reader.ignored')}" if r["ignored"] else ""
            print(f"{r['name']:<40} {state}{ignored}", file=out)

    emit(args, {"readers": found}, human)
    return ExitCode.OK if found else ExitCode.NO_CARD


def _card_info(args: argparse.Namespace) -> int:
    from app.services.card import card_info, opened
    from app.terminal import reader_factory_for

    config, _ = config_from(args)
    with opened(reader_factory_for(config), args.reader) as card:
        info = card_info(card)

    language = wording.language(args.lang or config.language)

    def human(out: TextIO) -> None:
        print(f"{say(language, 'console.label.reader')}  {info['reader']}", file=out)
        print(f"ATR          {info['atr']}", file=out)
        print(f"SEID         {info['seid']}", file=out)
        _section(out, "CPLC", info.get("cplc"))
        _section(out, say(language, "console.label.card_recognition"), info.get("card_recognition"))
        _section(out, say(language, "console.label.free_memory"), info.get("resources"))

    emit(args, info, human)
    return ExitCode.OK


def _section(out: TextIO, title: str, data: Any) -> None:
    if not data:
        print(f"{title:<12} -", file=out)
        return
    print(f"{title}:", file=out)
    for key, value in data.items():
        print(f"  {key:<26} {value}", file=out)
