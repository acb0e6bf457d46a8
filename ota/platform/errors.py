"""Typed platform errors: each carries an HTTP status and the clerk's message in zh and en.

Routes and the engine raise these; the API turns them into :class:`ota.protocol.ErrorBody`.
Messages name identifiers (SEIDs, operation ids, key references), never key material.
"""

from __future__ import annotations

from typing import Any

from ota.protocol import ErrorBody


class PlatformError(Exception):
    status = 400

    def __init__(
        self,
        code: str,
        message_zh: str,
        message_en: str,
        *,
        status: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.detail = detail
        if status is not None:
            self.status = status

    def body(self, incident: str | None = None) -> ErrorBody:
        return ErrorBody(
            code=self.code,
            message_zh=self.message_zh,
            message_en=self.message_en,
            incident=incident,
            detail=self.detail,
        )


class AuthError(PlatformError):
    status = 401


class ForbiddenError(PlatformError):
    status = 403


class NotFoundError(PlatformError):
    status = 404


class ConflictError(PlatformError):
    status = 409


class KeyStoreError(PlatformError):
    """A key set is missing or cannot be unsealed (wrong master key, tampered row)."""

    status = 500


def not_found(what_zh: str, what_en: str, ident: str) -> NotFoundError:
    return NotFoundError(
        "not_found", f"未找到{what_zh}:{ident}", f"{what_en} not found: {ident}", status=404
    )


KIND_ZH = {
    "query": "查询",
    "lock": "锁定",
    "unlock": "解锁",
    "download": "应用下载",
    "delete": "应用删除",
    "migrate": "业务迁移",
    "change_number": "BOSS 换号",
    "sd_create": "安全域创建",
    "sd_delete": "安全域删除",
    "perso_update": "应用个人化更新",
}
