"""``hallterm platform serve`` and ``hallterm platform init-demo``.

The database URL comes from ``--db``, else ``HALLTERM_PLATFORM_DB``, else a SQLite file in the
user data directory; the keystore's master key from ``HALLTERM_MASTER_KEY`` or ``--master-key``
(default: ``master.key`` next to the default database, created 0600).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_path

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
    serve.add_argument(
        "--self-signed",
        type=Path,
        metavar="DIR",
        help="make (or reuse) a demo CA and server certificate in DIR; the terminal pins DIR/ca.pem",
    )
    serve.add_argument("--workers", type=int, default=1,
                       help="platform processes on this port (several: use PostgreSQL; see docs/DEPLOYMENT.md)")
    serve.set_defaults(func=_serve)

    init = commands.add_parser("init-demo", help="create the demo operators, cards and catalog")
    _common(init)
    init.add_argument("--out", type=Path, help="also write the demo TLS files (ca.pem, ...) here")
    init.add_argument("--caps", type=Path, help="folder of CAP files for the catalog")
    init.set_defaults(func=_init_demo)


build_parser = register


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, help=f"database URL (default: ${ENV_DB} or SQLite)")
    parser.add_argument("--master-key", type=Path, default=None, help="keystore master key file")


def _open(args: argparse.Namespace):  # noqa: ANN202 - returns (engine, sessions, keystore)
    from ota.platform.db import make_engine, session_factory, upgrade
    from ota.platform.keystore import SoftwareKeyStore, load_master_key

    url = args.db or default_db_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    master_key = args.master_key or data_dir() / "master.key"
    return engine, sessions, SoftwareKeyStore(sessions, load_master_key(master_key))


def _serve(args: argparse.Namespace) -> int:
    from ota.platform.api import create_app
    from ota.platform.server import serve
    from ota.platform.tls import TlsFiles, ensure

    if bool(args.cert) != bool(args.key):
        print("--cert and --key go together", file=sys.stderr)
        return 2
    if args.cert:
        tls = TlsFiles(ca_cert=args.cert, server_cert=args.cert, server_key=args.key)
    else:
        tls = ensure(args.self_signed or data_dir() / "tls")
        print(f"TLS: terminals pin {tls.ca_cert}")
    engine, _sessions, keystore = _open(args)
    if args.workers > 1:
        from ota.platform.workers import serve_workers

        engine.dispose()  # migrated; each worker opens its own pool
        master_key = args.master_key or data_dir() / "master.key"
        serve_workers(args.db or default_db_url(), master_key, args.host, args.port, tls, args.workers)
        return 0
    app = create_app(engine, keystore=keystore, migrate=False)
    serve(app, args.host, args.port, tls)
    return 0


def _init_demo(args: argparse.Namespace) -> int:
    from ota.platform.demo import CAPS_DIR, DEMO_OPERATORS, DEMO_TERMINALS, init_demo
    from ota.platform.tls import ensure

    _engine, sessions, keystore = _open(args)
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
        print(f"TLS files in {args.out}: pin {files.ca_cert}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="platform")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["platform", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
