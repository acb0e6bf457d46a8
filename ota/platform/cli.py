"""``hallterm platform serve|init-demo|terminal enrol|list|revoke|operator add``.

The database URL comes from ``--db``, else ``HALLTERM_PLATFORM_DB``, else a SQLite file in the
user data directory; the keystore's master key from ``HALLTERM_MASTER_KEY`` or ``--master-key``
(default: ``master.key`` next to the default database).  The platform's CA (``ca.pem`` +
``ca.key``) and server certificate live in ``--tls-dir`` (default: ``tls`` there too).

Production is not the demo: only a database made by ``init-demo`` gets a master key or a
self-signed CA without being asked; anything else needs ``--create-master-key`` /
``--self-signed``, and ``init-demo`` refuses a database it did not create.  Passwords are read
from a prompt or from stdin (``--password-stdin``), never from the command line.

``--keystore pkcs11:module=...;token=...;pin-env=VAR`` runs on an HSM instead
(``ota.platform.keys.spec``); ``hallterm platform keys ...`` are the key ceremonies
(``ota.platform.keys.cli``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from platformdirs import user_config_path, user_data_path

from ota import wording
from ota.platform.billing import cli as billing_cli
from ota.platform.errors import PlatformError
from ota.platform.tasks import cli as tasks_cli

ENV_DB = "HALLTERM_PLATFORM_DB"


def data_dir() -> Path:
    return user_data_path("hallterm", appauthor=False) / "platform"


def default_db_url() -> str:
    return os.environ.get(ENV_DB) or f"sqlite:///{data_dir() / 'platform.sqlite3'}"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    platform = subparsers.add_parser("platform", help="the reference platform service")
    commands = platform.add_subparsers(dest="platform_command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", help="run the platform over HTTPS")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--cert", type=Path, help="server certificate (PEM)")
    serve.add_argument("--key", type=Path, help="server private key (PEM)")
    serve.add_argument("--client-ca", type=Path, help="CA (PEM) that certified the enrolled terminals")
    serve.add_argument(
        "--self-signed",
        type=Path,
        metavar="DIR",
        help="make (or reuse) a private CA and server certificate in DIR; the terminal pins DIR/ca.pem",
    )
    serve.add_argument(
        "--create-master-key", action="store_true", help="create the keystore master key if it is missing"
    )
    serve.add_argument("--workers", type=int, default=1,
                       help="platform processes on this port (several: use PostgreSQL; see docs/DEPLOYMENT.md)")
    serve.add_argument("--trusted-proxy", action="append", default=[], metavar="CERT.pem|SHA256",
                       help="a TLS-terminating proxy whose forwarded terminal certificate is believed, "
                            "by its client certificate (repeatable; docs/DEPLOYMENT.md)")
    serve.set_defaults(func=_guard(_serve))
    tasks_cli.add_gateway_option(serve)

    init = commands.add_parser("init-demo", help="create the demo operators, cards and catalog")
    _common(init)
    init.add_argument("--out", type=Path, help="also write the demo TLS files (ca.pem, ...) here")
    init.add_argument("--caps", type=Path, help="folder of CAP files for the catalog")
    init.set_defaults(func=_guard(_init_demo))

    terminal = commands.add_parser("terminal", help="enrol, list and revoke terminals")
    terminal_commands = terminal.add_subparsers(dest="terminal_command", metavar="COMMAND", required=True)
    enrol = terminal_commands.add_parser("enrol", help="issue a terminal its client certificate")
    _common(enrol)
    enrol.add_argument("terminal_id")
    enrol.add_argument("--kind", required=True, choices=["counter", "laptop", "kiosk"])
    enrol.add_argument("--hall", required=True)
    enrol.add_argument("--region", required=True)
    enrol.add_argument("--tls-dir", type=Path, help="the platform CA (ca.pem, ca.key)")
    enrol.add_argument(
        "--out", type=Path,
        help="folder for terminal.pem / terminal.key (default: this user's hallterm config folder)",
    )
    enrol.set_defaults(func=_guard(_terminal_enrol))
    listing = terminal_commands.add_parser("list", help="list enrolled terminals")
    _common(listing)
    listing.set_defaults(func=_guard(_terminal_list))
    revoke = terminal_commands.add_parser("revoke", help="refuse a terminal's certificate from now on")
    _common(revoke)
    revoke.add_argument("terminal_id")
    revoke.set_defaults(func=_guard(_terminal_revoke))

    tasks_cli.register(commands)  # task create|list|show|cancel|retry, worker (issue 10)
    billing_cli.register(commands)  # billing run (issue 10)

    from ota.platform.keys import cli as keys_cli

    keys_cli.register(commands, _common)

    from ota.platform.admin import cli as admin_cli  # issue 14: app, provider, batch, ... commands

    admin_cli.register(commands, _common)

    from ota.platform import se_queue_cli  # issue 10: an SE's queue, end the running one

    se_queue_cli.register(commands, _common)

    from ota.platform.admin import domains_cli  # issue 13: sd list|set (§5.3.1)

    domains_cli.register(commands, _common)

    from ota.platform import proxy_cli  # issue 15: the TLS proxy's client certificate

    proxy_cli.register(commands, Refused, _guard)


build_parser = register


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, help=f"database URL (default: ${ENV_DB} or SQLite)")
    parser.add_argument("--master-key", type=Path, default=None, help="keystore master key file")
    parser.add_argument(
        "--keystore",
        default=None,
        help="key service: 'software' (default, or $HALLTERM_KEYSTORE) or "
        "'pkcs11:module=PATH;token=LABEL;pin-env=VAR' (the PIN never on the command line)",
    )


class Refused(Exception):
    """A command that must not go ahead; the message says why and what to do instead."""


def _guard(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Print a refusal for the person at the console and exit 2, instead of a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except Refused as refused:
            print(f"refused: {refused}", file=sys.stderr)
            return 2
        except PlatformError as e:  # a bad --keystore, HSM login, master key: words, not a traceback
            print(f"[{e.code}] {wording.error_text(e.code, e.params, wording.language())}", file=sys.stderr)
            return 2

    return run


def _database(args: argparse.Namespace):  # noqa: ANN202 - returns (engine, sessions)
    from ota.platform.db import make_engine, session_factory, upgrade

    url = args.db or default_db_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    upgrade(engine)
    return engine, session_factory(engine)


def _master_key_path(args: argparse.Namespace) -> Path:
    return Path(args.master_key or data_dir() / "master.key")


def _open(args: argparse.Namespace, may_create_key: bool = False):  # noqa: ANN202 - (engine, sessions, keystore)
    from ota.platform.keys.spec import ENV_KEYSTORE, open_keystore
    from ota.platform.keystore import MASTER_KEY_ENV

    engine, sessions = _database(args)
    path = _master_key_path(args)
    software = (args.keystore or os.environ.get(ENV_KEYSTORE) or "software") == "software"
    if software and not os.environ.get(MASTER_KEY_ENV) and not path.exists() and not may_create_key:
        raise Refused(
            f"no master key at {path} (and no ${MASTER_KEY_ENV}); this is not a demo database, "
            "so none is made silently: give --master-key FILE, or --create-master-key to make one"
        )
    return engine, sessions, open_keystore(args.keystore, sessions, path)


def _is_demo(sessions) -> bool:  # noqa: ANN001
    from ota.platform import meta

    with sessions() as session:
        return meta.is_demo(session)


def _serve_tls(args: argparse.Namespace, demo: bool):  # noqa: ANN202 - TlsFiles
    from ota.platform import tls

    if bool(args.cert) != bool(args.key) or (args.cert and not args.client_ca):
        raise Refused("--cert, --key and --client-ca go together (mutual TLS needs the terminals' CA)")
    if args.cert:
        return tls.TlsFiles(ca_cert=args.client_ca, server_cert=args.cert, server_key=args.key)
    if args.self_signed:
        return tls.ensure(args.self_signed)
    default = data_dir() / "tls"
    if tls.exists(default) or demo:
        return tls.ensure(default)
    raise Refused(
        f"no TLS files in {default}; this is not a demo database, so no CA is made silently: "
        "give --cert/--key/--client-ca, or --self-signed DIR to make a private CA"
    )


def _serve(args: argparse.Namespace) -> int:
    from ota.platform.api import create_app
    from ota.platform.server import serve

    engine, sessions = _database(args)
    demo = _is_demo(sessions)
    tls = _serve_tls(args, demo)
    print(f"TLS: terminals pin {tls.ca_cert}")
    _engine, _sessions, keystore = _open(args, may_create_key=demo or args.create_master_key)
    settings = _proxy_settings(args, tls)
    if args.workers > 1:
        from ota.platform.proxy import env_for as proxy_env
        from ota.platform.workers import serve_workers

        engine.dispose()  # migrated; each worker opens its own pool
        if args.keystore:
            os.environ["HALLTERM_KEYSTORE"] = args.keystore  # the workers' key service, too
        os.environ.update(proxy_env(settings.trusted_proxies, settings.terminal_ca))
        serve_workers(args.db or default_db_url(), _master_key_path(args), args.host, args.port, tls, args.workers)
        return 0
    app = create_app(engine, keystore=keystore, settings=settings, migrate=False)
    worker = tasks_cli.serve_worker(args, engine, keystore)  # SQLite: the one task worker runs in here
    try:
        serve(app, args.host, args.port, tls)
    finally:
        if worker is not None:
            worker.stop()
    return 0


def _proxy_settings(args: argparse.Namespace, tls):  # noqa: ANN001, ANN202 - PlatformSettings
    from ota.platform.proxy import proxy_fingerprint
    from ota.platform.settings import PlatformSettings

    try:
        trusted = frozenset(proxy_fingerprint(spec) for spec in args.trusted_proxy)
    except (OSError, ValueError) as exc:
        raise Refused(f"--trusted-proxy takes the proxy's certificate (PEM file) or its SHA-256: {exc}") from None
    return PlatformSettings(trusted_proxies=trusted, terminal_ca=tls.ca_cert)


def _init_demo(args: argparse.Namespace) -> int:
    from ota.platform import meta
    from ota.platform.demo import CAPS_DIR, DEMO_OPERATORS, DEMO_TERMINALS, enrol_demo_terminals, init_demo
    from ota.platform.tls import ensure

    _engine, sessions = _database(args)
    with sessions() as session:
        if not meta.is_demo(session) and not meta.is_empty(session):
            raise Refused(
                "this database was not created as a demo database: init-demo would add demo "
                "operators, known passwords and test keys to it. Use a new database for the demo."
            )
    _engine, sessions, keystore = _open(args, may_create_key=True)
    summary = init_demo(sessions, keystore, args.caps or CAPS_DIR)
    print(f"operators added: {', '.join(summary.operators) or '-'}")
    print(f"terminals added: {', '.join(summary.terminals) or '-'}")
    print(f"applications added: {', '.join(summary.applications) or '-'}")
    print("demo logins (operator / password / role / region):")
    for name, password, role, region in DEMO_OPERATORS:
        print(f"  {name} / {password} / {role} / {region}")
    print("terminals: " + ", ".join(f"{t} ({k})" for t, k, _ in DEMO_TERMINALS))
    if args.out:
        files = ensure(args.out)
        certs = enrol_demo_terminals(sessions, files, args.out / "terminals")
        print(f"TLS files in {args.out}: pin {files.ca_cert}")
        for terminal_id, (cert, key) in certs.items():
            print(f"  {terminal_id}: {cert} + {key}")
    return 0


def _terminal_enrol(args: argparse.Namespace) -> int:
    from ota.platform import terminals, tls
    from ota.platform.db import transaction
    from ota.protocol import TerminalKind

    ca = tls.files_in(args.tls_dir or data_dir() / "tls")
    if ca.ca_key is None or not ca.ca_key.exists():
        raise Refused(f"no CA key at {ca.ca_key}; give --tls-dir with the platform's ca.pem and ca.key")
    _engine, sessions = _database(args)
    with transaction(sessions) as session:
        creds = terminals.enrol(session, ca, args.terminal_id, TerminalKind(args.kind), args.hall, args.region,
                                actor="cli")
    out = args.out or Path(user_config_path("hallterm", appauthor=False))
    cert, key = out / "terminal.pem", out / "terminal.key"
    tls.write_client_credentials(creds, cert, key)
    print(f"enrolled {args.terminal_id} ({args.kind}, hall {args.hall}, region {args.region})")
    print(f"certificate {cert}\nkey         {key} (0600): copy both to the terminal's config folder")
    return 0


def _terminal_list(args: argparse.Namespace) -> int:
    from ota.platform import terminals

    _engine, sessions = _database(args)
    with sessions() as session:
        rows = terminals.list_terminals(session)
    for t in rows:
        state = "active" if t.active and t.fingerprint else "revoked" if not t.active else "not enrolled"
        print(f"{t.terminal_id}\t{t.kind}\t{t.hall or '-'}\t{t.region}\t{state}")
    return 0


def _terminal_revoke(args: argparse.Namespace) -> int:
    from ota.platform import terminals
    from ota.platform.db import transaction

    _engine, sessions = _database(args)
    with transaction(sessions) as session:
        terminals.revoke(session, args.terminal_id, actor="cli")
    print(f"revoked {args.terminal_id}: its certificate and sessions are refused from now on")
    return 0


def read_password(from_stdin: bool, prompt: str = "password: ") -> str:
    """A password from stdin (one line) or an interactive prompt; never from argv."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(prompt)
        if getpass.getpass("again: ") != password:
            raise Refused("the two passwords differ")
    if len(password) < 8:
        raise Refused("a password needs at least 8 characters")
    return password


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="platform")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["platform", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
