"""A throwaway SoftHSM2 token for the key service tests: runs anywhere softhsm2 is installed.

The token directory and ``SOFTHSM2_CONF`` live in a temp dir for the whole test session (the
PKCS#11 module reads its configuration once per process); the PIN is passed the way the
platform takes it, through an environment variable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from ota.platform.db import session_factory, upgrade
from ota.platform.keys.spec import open_keystore
from ota.platform.keystore import KeyStore

MODULE_CANDIDATES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
PIN_ENV = "HALLTERM_TEST_HSM_PIN"
TOKEN = "hallterm-test"


@dataclass(frozen=True)
class HsmToken:
    module: str
    label: str
    pin: str

    def spec(self, soft_wrap: bool = True, soft_session: bool = False) -> str:
        spec = f"pkcs11:module={self.module};token={self.label};pin-env={PIN_ENV}"
        return spec + (";soft-wrap=allow" if soft_wrap else "") + (";soft-session=allow" if soft_session else "")


def softhsm_module() -> str:
    for path in MODULE_CANDIDATES:
        if Path(path).exists():
            return path
    raise RuntimeError("SoftHSM2 is not installed (apt-get install softhsm2; build/setup.sh does it)")


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HsmToken]:
    module = softhsm_module()
    base = tmp_path_factory.mktemp("softhsm")
    tokens = base / "tokens"
    tokens.mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    pin = os.urandom(6).hex()
    util = shutil.which("softhsm2-util") or "softhsm2-util"
    subprocess.run(
        [util, "--init-token", "--free", "--label", TOKEN, "--so-pin", os.urandom(6).hex(), "--pin", pin],
        check=True,
        capture_output=True,
    )
    os.environ[PIN_ENV] = pin
    try:
        yield HsmToken(module, TOKEN, pin)
    finally:
        os.environ.pop(PIN_ENV, None)
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous


def hsm_keystore(db: Engine, spec: str) -> KeyStore:
    """The key service on the token ``spec``, opened as ``platform serve --keystore pkcs11:…``
    does, on a migrated ``db`` (it records key versions there)."""
    upgrade(db)
    return open_keystore(spec, session_factory(db), None)
