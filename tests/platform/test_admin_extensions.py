"""Extensions (seed §5.4.1, §5.4.3, §5.8.4.1–2) end to end over HTTPS: an application submitted as
two CAPs — its applet package and a library package the applet imports — loads the library first
(the virtual SE refuses a package whose import is missing), never instantiates the library, and a
delete takes the applet's package off before the library it imports."""

from __future__ import annotations

import base64
import hashlib

from tests.library_caps import applet_cap, library_cap
from tests.platform.admin_support import AdminPlatform, admin_platform  # noqa: F401
from tests.platform.flow_support import app_state

# The library's AID sorts after the applet package's: AID order would load it second.
LIBRARY = "A0000009990000000F"
PACKAGE = "A00000099900000001"
APPLET = PACKAGE + "31"


def _load_file(name: str, raw: bytes, aid: str, modules: list[str]) -> dict[str, object]:
    return {"file_name": name, "content_b64": base64.b64encode(raw).decode(), "sha1": hashlib.sha1(raw).hexdigest(),
            "aid": aid, "modules": modules}


def _submission() -> dict[str, object]:
    lib, user = library_cap(bytes.fromhex(LIBRARY)), applet_cap(bytes.fromhex(PACKAGE), bytes.fromhex(LIBRARY))
    return {
        "name": "WithLib", "title_zh": "带扩展的应用", "title_en": "App with a library", "provider": "CRoCS",
        "version": "1.0", "release_date": "20261202",
        "load_files": [_load_file("user.cap", user, PACKAGE, [APPLET]), _load_file("lib.cap", lib, LIBRARY, [])],
        "main_module": APPLET, "instances": [{"aid": APPLET, "module": APPLET}],
        "memory": {"nv": 256, "volatile": 64}, "deletion_mode": "full", "batches": ["DEMO-A"],
    }


def test_an_extension_loads_first_is_never_instantiated_and_is_deleted_last(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, tester, clerk = p.login("badmin", "laptop-01"), p.login("tester1", "laptop-01"), p.login()
    submitted = badmin.post(p.admin("/apps"), json=_submission())
    assert submitted.status_code == 200, submitted.text
    # an instance of the library is not a structure the CAP has: refused, naming the field
    wrong = {**_submission(), "name": "LibInstance", "instances": [{"aid": LIBRARY + "01", "module": LIBRARY}]}
    refused = badmin.post(p.admin("/apps"), json=wrong)
    assert refused.status_code in (409, 422) and refused.json()["code"].startswith("release."), refused.text
    assert badmin.post(p.admin("/apps/WithLib/audit"), json={"approve": True}).status_code == 200
    assert tester.post(p.admin("/apps/WithLib/test"), json={"approve": True}).status_code == 200
    assert badmin.post(p.admin("/apps/WithLib/publish"), json={"batches": ["DEMO-A"]}).status_code == 200

    card = p.card()
    run = p.run("download", card, client=clerk, app_id="WithLib")
    assert run.state == "done", run.error
    # the card links a package only against what it holds: the applet's package loaded, so the
    # library went first (AID order would have put it second)
    state = card.state
    assert state.load_file(bytes.fromhex(LIBRARY)).modules == []  # type: ignore[union-attr]
    assert state.load_file(bytes.fromhex(PACKAGE)).imports[-1] == bytes.fromhex(LIBRARY)  # type: ignore[union-attr]
    assert [a.aid.hex().upper() for a in state.apps if a.load_file_aid in (bytes.fromhex(LIBRARY), bytes.fromhex(PACKAGE))] == [APPLET]
    assert app_state(p, state.seid.hex().upper(), "WithLib") == "Usable"

    run = p.run("delete", card, client=clerk, app_id="WithLib")
    assert run.state == "done", run.error
    assert run.result["load_files_kept"] == [] and run.result["state"] == "Ready"
    # the card keeps a package another one imports (6985): both gone, so the applet's went first
    assert state.load_file(bytes.fromhex(PACKAGE)) is None and state.load_file(bytes.fromhex(LIBRARY)) is None
