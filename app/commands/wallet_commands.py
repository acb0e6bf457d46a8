"""``hallterm wallet``: the phone's wallet client as a headless agent (seed §5.8.5, app/wallet.py)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from app.cli import ExitCode
from app.commands.common import config_from, guarded

ENV_HANDSET = "HALLTERM_SMS_HANDSET"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    wallet = subparsers.add_parser(
        "wallet", help="run a phone's wallet client: wait for PUSH SMS, pull the task, run it on the SE")
    wallet.add_argument("--msisdn", required=True, help="the phone's number, registered with the SMS gateway")
    wallet.add_argument("--reader", action="append", default=None,
                        help="reader of an SE the phone carries (part of its name; repeatable)")
    wallet.add_argument("--handset", default=None, metavar="HOST:PORT",
                        help=f"the SMS gateway's handset side (default ${ENV_HANDSET})")
    wallet.add_argument("--config", type=Path, help="terminal configuration (platform URL, CA, readers)")
    wallet.add_argument("--demo", action="store_true", help="use the running demo's configuration")
    wallet.add_argument("--data-dir", type=Path, help="the demo's data folder (with --demo)")
    wallet.add_argument("--once", action="store_true", help="stop after the first PUSH for this phone")
    wallet.set_defaults(func=guarded(_wallet))


def _wallet(args: argparse.Namespace) -> int:
    import os

    import requests

    from app.terminal import reader_factory_for
    from app.wallet import WalletAgent, WalletLink

    handset = args.handset or os.environ.get(ENV_HANDSET)
    if not handset or ":" not in handset:
        print(f"name the SMS gateway's handset side: --handset HOST:PORT or ${ENV_HANDSET}", file=sys.stderr)
        return ExitCode.USAGE
    host, port = handset.rsplit(":", 1)
    config, _path = config_from(args)
    session = requests.Session()
    session.trust_env = False
    link = WalletLink(config.platform_url, session, ca_file=config.ca_file)
    done = threading.Event()

    class Agent(WalletAgent):
        def on_sms(self, user_data: bytes):  # type: ignore[no-untyped-def]
            outcome = super().on_sms(user_data)
            if outcome is not None:
                print(f"PUSH …{outcome.serial_tail}: {outcome.state}"
                      + (f" ({outcome.reason})" if outcome.reason else "")
                      + f", {outcome.operations} operation(s)", flush=True)
                if args.once and outcome.state != "ignored":
                    done.set()
            return outcome

    agent = Agent(args.msisdn, list(args.reader or [None]), reader_factory_for(config), link, (host, int(port)))
    agent.start()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(sig, lambda *_: done.set())
        except ValueError:  # not the main thread (tests): the caller stops us
            pass
    print(f"wallet of {args.msisdn} listening for PUSH on port {agent.port}", file=sys.stderr, flush=True)
    try:
        while not done.wait(0.2):
            pass
    finally:
        agent.stop()
    failed = any(o.state == "failed" for o in agent.outcomes)
    return ExitCode.FAILED if failed else ExitCode.OK
