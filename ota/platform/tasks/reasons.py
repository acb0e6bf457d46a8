"""Why a task item failed, in the administrator's words, with the next step (seed §5.8.6)."""

from __future__ import annotations

REASONS: dict[str, tuple[str, str, str, str]] = {
    # code: (message_zh, message_en, next_zh, next_en)
    "push.unanswered": (
        "手机未响应推送短信", "the phone did not answer the PUSH SMS",
        "确认手机开机、在网并已安装手机钱包客户端,然后对失败的 SE 重试",
        "check the phone is on, in coverage and has the wallet client, then retry the failed SEs",
    ),
    "push.no_msisdn": (
        "SE 未绑定手机号码,无法推送", "the SE is bound to no MSISDN, so no SMS can reach it",
        "在营业厅为该 SE 绑定号码后重试", "bind the SE to its subscriber's number at a counter, then retry",
    ),
    "push.gateway": (
        "短信网关拒绝或无法接收短信", "the SMS gateway refused or could not take the message",
        "检查短信网关连接与账号配置后重试", "check the SMS gateway link and account, then retry",
    ),
    "se.unknown": (
        "平台没有该 SE 的记录", "the platform has no record of this SE",
        "核对 SEID 或先导入该 SE 所属批次", "check the SEID or import the SE's batch first",
    ),
    "lease.expired": (
        "操作中途中断,SE 已被其他操作接替", "the operation stalled and another one took the SE over",
        "稍后对失败的 SE 重试", "retry the failed SEs later",
    ),
    "card_removed": (
        "操作过程中与卡片的连接中断", "the link to the card was lost during the operation",
        "稍后对失败的 SE 重试", "retry the failed SEs later",
    ),
}
_GENERIC = (
    "操作失败:{code}", "the operation failed: {code}",
    "查看该 SE 的操作记录,排除原因后重试", "look at the SE's operation record, remove the cause, then retry",
)


def describe(code: str) -> tuple[str, str, str, str]:
    if code in REASONS:
        return REASONS[code]
    return tuple(text.format(code=code) for text in _GENERIC)  # type: ignore[return-value]
