"""Key service figures: open an SCP02 session (derive + cryptograms) and wrap 20 commands, per back end.

    .venv/bin/python tests/bench/bench_keys.py

Makes a throwaway SoftHSM2 token in a temp dir; prints milliseconds per session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ota.gp.scp02 import HostChannel, StaticKeys, derive_session_keys
from ota.gp.scp02_cipher import SoftwareSessionCipher
from ota.platform.db import make_engine, session_factory, upgrade
from ota.platform.keys.spec import open_keystore
from ota.platform.keystore import SoftwareKeyStore

ROUNDS = 50


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="hallterm-bench-"))
    (base / "tokens").mkdir()
    (base / "softhsm2.conf").write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(base / "softhsm2.conf")
    os.environ["BENCH_PIN"] = "1234"
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "bench", "--so-pin", "5678", "--pin", "1234"],
        check=True,
        capture_output=True,
    )
    engine = make_engine(f"sqlite:///{base / 'bench.sqlite3'}")
    upgrade(engine)
    sessions = session_factory(engine)
    spec = "pkcs11:module=/usr/lib/softhsm/libsofthsm2.so;token=bench;pin-env=BENCH_PIN"
    stores = {"software": SoftwareKeyStore(sessions, os.urandom(32)), "pkcs11": open_keystore(spec, sessions, None)}
    master = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 1)
    for store in stores.values():
        store.add_key_set("bench", 1, master.enc, master.mac, master.dek)
    kdd = os.urandom(10)
    command = bytes.fromhex("80E60C00") + bytes((200,)) + os.urandom(200)
    for name, store in stores.items():
        start = time.perf_counter()
        for seq in range(ROUNDS):
            cipher = store.session_cipher("bench", kdd, "visa2", 1, seq)
            # A card's INITIALIZE UPDATE answer made with the same keys, so open_with verifies it.
            from ota.gp.diversify import diversify

            card_keys = derive_session_keys(diversify(master, kdd, "visa2"), seq)
            challenge, card_challenge = os.urandom(8), os.urandom(6)
            crypt = SoftwareSessionCipher(card_keys).cryptogram(challenge + seq.to_bytes(2, "big") + card_challenge)
            iu = kdd + bytes((1, 2)) + seq.to_bytes(2, "big") + card_challenge + crypt
            channel, _ = HostChannel.open_with(cipher, challenge, iu, 0x03)
            for _ in range(20):
                channel.wrap(command)
        per = (time.perf_counter() - start) / ROUNDS * 1000
        print(f"{name:9s}: {per:7.2f} ms per session (derive + open + 20 wrapped 200-byte commands at level 03)")


if __name__ == "__main__":
    main()
