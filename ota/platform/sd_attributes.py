"""What a security domain's §5.3.1 attributes mean to the flows that create and fill it.

* space type ``fixed`` with a size: the SD reserves that many bytes of the SE when created (the
  SE's recorded free space drops by it, §5.8.3.1.1) and the applications downloaded into it must
  fit in it together (§5.8.4.1 note); ``flexible`` SDs share the SE's free space;
* mode ``normal`` / ``dap`` / ``token`` / ``authorized`` (GP 2.2.1 §C.1–C.4: the SD's owner signs
  load files, delegates management with tokens, or manages its content itself);
* deletion rule ``separate`` (a separate SD delete) or ``with_last_app`` (shown; the delete flow
  does not act on it yet);
* key-update period in days; install parameters generated from the mode and the space (§5.3.1:
  "自动产生"): the ``C9`` application-specific parameters the owner gave, and for a fixed space
  the ``EF``/``C8`` non-volatile memory quota (GPC 2.2.1 §11.5.2.3.7 Table 11-50).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from ota.gp import commands
from ota.platform.flows.base import FlowError
from ota.platform.models import Application, AppState, SeAppState

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ota.platform.models import SecurityDomain

SPACE_TYPES = ("flexible", "fixed")
MODES = ("normal", "dap", "token", "authorized")
DELETION_RULES = ("separate", "with_last_app")
MODE_ZH = {"normal": "普通模式", "dap": "DAP模式", "token": "令牌(委托管理)模式", "authorized": "授权管理模式"}
SPACE_ZH = {"flexible": "不固定空间", "fixed": "固定空间"}
DELETION_ZH = {"separate": "单独删除", "with_last_app": "随最后一个应用删除"}


def is_fixed(sd: SecurityDomain) -> bool:
    return sd.space_type == "fixed" and sd.space_size is not None


def install_parameters(sd: SecurityDomain) -> bytes:
    """The SD's INSTALL [for install] parameters field: ``C9`` plus, for a fixed space, its quota."""
    return commands.install_parameters(
        bytes.fromhex(sd.install_params or ""), nv_quota=sd.space_size if is_fixed(sd) else None
    )


def used_space(db: Session, sd_aid: str, seid: str) -> int:
    """Bytes the platform records as taken by applications of ``sd_aid`` on one SE."""
    total = db.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Application.code_size), 0))
        .join(SeAppState, SeAppState.application_id == Application.id)
        .where(Application.sd_aid == sd_aid, SeAppState.seid == seid, SeAppState.state != AppState.READY)
    )
    return int(total or 0)


def check_fixed_space(db: Session, sd: SecurityDomain, seid: str, needed: int) -> None:
    """Refuse a download into a fixed-space SD that the SD's space cannot hold."""
    if not is_fixed(sd):
        return
    assert sd.space_size is not None
    free = sd.space_size - used_space(db, sd.aid, seid)
    if needed > free:
        raise FlowError(
            "sd.no_space",
            f"安全域 {sd.name} 的固定空间不足:需要 {needed} 字节,剩余 {free} 字节;请先删除该安全域中的应用",
            f"not enough space in security domain {sd.name}: {needed} bytes needed, {free} free; "
            "delete an application of that domain first",
            detail={"sd": sd.aid, "needed": needed, "free": free},
        )
