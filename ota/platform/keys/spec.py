"""``--keystore``: which key service the platform runs with.

* ``software`` (default): key sets sealed in the database under the master key file;
* ``pkcs11:module=<path>;token=<label>;pin-env=<VAR>|pin-file=<path>[;soft-wrap=allow]``: an HSM
  (see ``ota.platform.keys.pkcs11``).  ``HALLTERM_KEYSTORE`` gives the default.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ota.platform.errors import KeyStoreError
from ota.platform.keystore import KeyStore, SoftwareKeyStore, load_master_key

ENV_KEYSTORE = "HALLTERM_KEYSTORE"


def open_keystore(spec: str | None, sessions: sessionmaker[Session], master_key: Path | None) -> KeyStore:
    spec = spec or os.environ.get(ENV_KEYSTORE) or "software"
    if spec == "software":
        return SoftwareKeyStore(sessions, load_master_key(master_key))
    if spec.startswith("pkcs11:"):
        from ota.platform.keys.pkcs11 import Pkcs11KeyStore, Pkcs11Spec

        return Pkcs11KeyStore(sessions, Pkcs11Spec.parse(spec))
    raise KeyStoreError("keystore.spec", status=400)
