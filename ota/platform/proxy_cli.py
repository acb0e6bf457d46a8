"""``hallterm platform proxy-cert``: the client certificate a TLS-terminating proxy shows the platform.

The platform's CA issues it, like a terminal's; it is never enrolled as a terminal.  Give the
platform processes its certificate (or the SHA-256 printed here) with ``--trusted-proxy``: they
then believe the terminal certificate that proxy forwards (``ota.platform.proxy``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ota.platform.tls import files_in, issue_client_cert, write_client_credentials


def register(commands: argparse._SubParsersAction, refused: type[Exception],  # type: ignore[type-arg]
             guard: Callable[..., Callable[[argparse.Namespace], int]]) -> None:
    cert = commands.add_parser("proxy-cert", help="issue the TLS proxy its client certificate (docs/DEPLOYMENT.md)")
    cert.add_argument("--tls-dir", type=Path, required=True, help="the platform CA (ca.pem, ca.key)")
    cert.add_argument("--out", type=Path, required=True, help="folder for proxy.pem / proxy.key")
    cert.add_argument("--name", default="proxy", help="the proxy's name in the certificate (CN)")

    def issue(args: argparse.Namespace) -> int:
        ca = files_in(args.tls_dir)
        if ca.ca_key is None or not ca.ca_key.exists():
            raise refused(f"no CA key at {ca.ca_key}; give --tls-dir with the platform's ca.pem and ca.key")
        creds = issue_client_cert(ca, f"proxy:{args.name}")
        cert_path, key_path = args.out / "proxy.pem", args.out / "proxy.key"
        write_client_credentials(creds, cert_path, key_path)
        print(f"certificate {cert_path}\nkey         {key_path} (0600)")
        print(f"sha256      {creds.fingerprint}")
        print(f"platform:   hallterm platform serve ... --trusted-proxy {cert_path}")
        return 0

    cert.set_defaults(func=guard(issue))
