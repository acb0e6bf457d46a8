"""``hallterm platform serve --workers N``: N platform processes behind one listening socket.

uvicorn's supervisor binds the socket once and starts N worker processes; each builds its own
app with :func:`app_from_env` (its own database pool and key store).  Nothing one process needs
is held in another's memory: an operation's checkpoint, the per-SE link and the audit chain live
in the database, so any process (or host, behind a load balancer) can take the next step.  For
several processes use PostgreSQL; SQLite serialises the writers of one file.
"""

from __future__ import annotations

import argparse
import os
import ssl
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from ota.platform.server import ClientCertProtocol
from ota.platform.tls import TlsFiles

ENV_DB = "HALLTERM_PLATFORM_DB"
ENV_MASTER_KEY_FILE = "HALLTERM_MASTER_KEY_FILE"


def app_from_env() -> FastAPI:
    """The app of one worker process: database URL and master key from the environment."""
    from ota.platform.api import create_app
    from ota.platform.cli import _open

    key_file = os.environ.get(ENV_MASTER_KEY_FILE)
    # keystore None: the key service named by $HALLTERM_KEYSTORE (software when unset)
    args = argparse.Namespace(db=os.environ[ENV_DB], master_key=Path(key_file) if key_file else None, keystore=None)
    engine, _sessions, keystore = _open(args)
    from ota.platform import proxy
    from ota.platform.settings import PlatformSettings

    settings = PlatformSettings(**proxy.from_env())  # behind a proxy: whom to believe (cli._serve)
    return create_app(engine, keystore=keystore, settings=settings, migrate=False)


def serve_workers(
    db_url: str, master_key: Path | None, host: str, port: int, tls: TlsFiles | None, workers: int,
    log_level: str = "info",
) -> None:
    """Run ``workers`` processes until interrupted; the database is migrated before (by the caller)."""
    os.environ[ENV_DB] = db_url
    if master_key is not None:
        os.environ[ENV_MASTER_KEY_FILE] = str(master_key.resolve())
    uvicorn.run(
        f"{__name__}:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        ssl_certfile=str(tls.server_cert) if tls else None,
        ssl_keyfile=str(tls.server_key) if tls else None,
        # The same mutual TLS as one process (ota.platform.server): terminals are known by
        # their enrolled client certificate, which ClientCertProtocol hands to the app.
        ssl_ca_certs=str(tls.ca_cert) if tls else None,
        ssl_cert_reqs=ssl.CERT_OPTIONAL if tls else ssl.CERT_NONE,
        http=ClientCertProtocol,
        loop="auto",  # uvloop where it is installed (not on Windows), else asyncio
        timeout_keep_alive=30,
    )
