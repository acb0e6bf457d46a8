"""deploy/compose.yaml and deploy/systemd/* stay consistent with what the suite runs (test_deploy.py).

No container runtime or systemd runs here, so the files are checked as far as they can be without
one: every ``hallterm platform`` command line in them parses with the real command-line parser,
the platform processes are told about the terminal CA and the trusted proxy, and every secret a
command or deploy/nginx.conf names is mounted into that service.
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from ota.platform.cli import register

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SECRET = re.compile(r"/run/secrets/(\w+)")


def _parse(words: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hallterm", exit_on_error=False)
    register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["platform", *words])


def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]  # type: ignore[no-any-return]


def _command(service: dict[str, Any]) -> list[str]:
    """The ``hallterm platform`` words of a compose service (its command, or its ``sh -c`` entrypoint)."""
    if "command" in service:
        return list(service["command"])
    script = service["entrypoint"][-1].replace("$$", "$")
    for name, value in service.get("environment", {}).items():
        script = script.replace(f'"${name}"', str(value))
    return shlex.split(script.split("exec hallterm platform ", 1)[1])


def test_compose_commands_parse_and_mount_what_they_name() -> None:
    services = _compose()
    for name in ("platform", "worker", "billing"):
        words = _command(services[name])
        args = _parse(words)
        assert args.db and args.db.startswith("postgresql+psycopg://"), name
        assert set(SECRET.findall(" ".join(words))) <= set(services[name]["secrets"]), name
    platform = _parse(_command(services["platform"]))
    assert platform.client_ca and platform.trusted_proxy == ["/run/secrets/proxy_cert"] and platform.workers >= 2
    assert services["platform"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    nginx_secrets = set(SECRET.findall((DEPLOY / "nginx.conf").read_text()))
    assert nginx_secrets == set(services["proxy"]["secrets"])
    assert {"terminal_ca", "proxy_cert", "proxy_key"} <= nginx_secrets


def _exec_start(unit: Path) -> list[str]:
    text = unit.read_text().replace("\\\n", " ")
    line = next(ln for ln in text.splitlines() if ln.startswith("ExecStart="))
    words = shlex.split(line.removeprefix("ExecStart="))
    words = [w.replace("%i", "8443").replace("${WORKERS}", "2") for w in words]
    words = [re.sub(r"\$\{(\w+)\}", lambda m: {"SMS_GATEWAY": "cmpp://901234@127.0.0.1:7890",
                                               "BOSS_FTP": "ftp://u@127.0.0.1:21/bills"}[m.group(1)], w)
             for w in words]
    assert words[0].endswith("/bin/hallterm") and words[1] == "platform", unit.name
    return words[2:]


def test_systemd_units_parse_and_run_the_same_pieces() -> None:
    units = DEPLOY / "systemd"
    platform = _parse(_exec_start(units / "hallterm-platform@.service"))
    assert platform.port == 8443 and platform.workers == 2
    assert platform.client_ca and platform.trusted_proxy == ["/etc/hallterm/proxy.pem"]
    assert _parse(_exec_start(units / "hallterm-worker.service")).gateway.startswith("cmpp://")
    assert _parse(_exec_start(units / "hallterm-billing.service")).ftp.startswith("ftp://")
    assert "OnCalendar=" in (units / "hallterm-billing.timer").read_text()
    # nginx on a systemd host reads the same deploy/nginx.conf: its /run/secrets is a bind mount.
    assert "BindReadOnlyPaths=/etc/hallterm/proxy:/run/secrets" in (units / "nginx.service.d" / "hallterm.conf").read_text()
