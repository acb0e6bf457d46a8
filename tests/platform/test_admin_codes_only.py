"""The admin API sends codes, never display words (issue 11 item 4): a state, a mode, a space type
or a deletion rule leaves as its code and the GUI and the CLI word it from resources/i18n.  Only
what an operator typed in two languages is data, and keeps its ``_zh`` / ``_en`` pair."""

from __future__ import annotations

from typing import Any

from ota.platform.api import create_app
from ota.platform.db import make_engine, session_factory
from ota.platform.keystore import MASTER_KEY_BYTES, SoftwareKeyStore
from ota.protocol import API_PREFIX

# Entered by an operator in both languages: a catalogue title, an instance label, a charge type's
# description, a region's name.
BILINGUAL_DATA = {"title_zh", "title_en", "label_zh", "label_en", "description_zh", "description_en",
                  "name_zh", "name_en"}


def _schemas_answered_by(spec: dict[str, Any], prefix: str) -> set[str]:
    """The component schemas any answer under ``prefix`` refers to, directly or nested."""
    pending: list[Any] = [op.get("responses", {}) for path, ops in spec["paths"].items()
                          if path.startswith(prefix) for op in ops.values()]
    found: set[str] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/") and (name := ref.rsplit("/", 1)[1]) not in found:
                found.add(name)
                pending.append(spec["components"]["schemas"][name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def test_no_admin_answer_has_a_display_label() -> None:
    engine = make_engine("sqlite://")
    app = create_app(engine, keystore=SoftwareKeyStore(session_factory(engine), bytes(MASTER_KEY_BYTES)), migrate=False)
    spec = app.openapi()
    schemas = _schemas_answered_by(spec, f"{API_PREFIX}/admin")
    assert {"ReleaseView", "ProviderView", "DomainView", "ErrorBody"} <= schemas
    fields = {(schema, field) for schema in schemas
              for field in spec["components"]["schemas"][schema].get("properties", {})}
    labelled = {(schema, field) for schema, field in fields if field.endswith(("_zh", "_en"))}
    assert {("ReleaseView", "title_zh"), ("InstanceView", "label_en")} <= labelled  # the walk sees the data
    assert sorted((s, f) for s, f in labelled if f not in BILINGUAL_DATA) == []
    engine.dispose()
