"""An application's load files in the order a card can take them (seed §5.4.3, §5.8.4.1–2).

An application may come with extensions: library packages its own packages import (the CAP's
Import component, JCVM 2.2.2 §6.6).  A card links a package against what is already on it, so
extensions load first; and a card refuses to delete a package another one still imports, so
deletes go the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence

from ota.gp.cap import CapFile, load_order
from ota.gp.errors import GpError
from ota.platform.flows.base import FlowError
from ota.platform.models import LoadFile


def in_load_order(files: Sequence[LoadFile]) -> list[str]:
    """Load file AIDs, every one after the extensions it imports."""
    try:
        caps = {f.aid: CapFile.open(f.cap) for f in files}
        aid_of = {cap.package_aid: aid for aid, cap in caps.items()}
        return [aid_of[cap.package_aid] for cap in load_order(list(caps.values()))]
    except GpError as e:  # a damaged CAP, or packages importing each other
        raise FlowError("catalog.cap_file", detail={"reason": str(e)}) from e


def in_delete_order(files: Sequence[LoadFile]) -> list[str]:
    """Load file AIDs, every one before the extensions it imports."""
    return in_load_order(files)[::-1]
