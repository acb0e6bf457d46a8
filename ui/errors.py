"""Every error code the clerk can meet, in the clerk's language.

The core raises typed errors with a stable ``code`` (docs/CONTRACTS.md); this table is the only
place that turns a code into words.  The platform sends its own texts in both languages
(``PlatformRefusedError.message_zh/message_en``); those win over the table because the platform
knows the case better.  Anything without a code is a bug: it is logged with its traceback under a
fresh incident id and the clerk sees only "unexpected error, incident <id>".
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# code -> (zh_CN, en).  Keep in step with docs/CONTRACTS.md and app/reader/errors.py.
MESSAGES: dict[str, tuple[str, str]] = {
    # app/errors.py
    "config.invalid": ("终端配置有误，请联系技术支持。", "The terminal configuration is invalid. Please call support."),
    "platform.unreachable": ("无法连接平台，请检查网络后重试。", "The platform cannot be reached. Check the network and try again."),
    "platform.server_error": ("平台内部错误，请稍后重试。", "The platform had an internal error. Please try again later."),
    "auth.expired": ("登录已过期，请重新登录。", "Your login has expired. Please log in again."),
    "auth.invalid": ("工号或密码错误。", "Wrong operator ID or password."),
    "terminal.error": ("终端错误，请重试。", "Terminal error. Please try again."),
    "platform.protocol": ("平台返回的数据异常，请联系技术支持。", "The platform sent an unexpected answer. Please call support."),
    "card.unreadable": ("无法读取该手机的安全芯片，请重新放置或更换手机。", "The phone's secure element cannot be read. Place it again or try another phone."),
    "input.invalid": ("输入的内容有误，请检查后重试。", "The input is not valid. Check it and try again."),
    "card.wrong_card": ("读卡器上的手机不是本次业务的手机，请放回正确的手机。", "The phone on the reader is not the one for this service. Put the right phone back."),
    # platform ErrorBody codes (the platform's own texts are preferred when present)
    "se_busy": ("该安全芯片正在办理其他业务，请稍后再试。", "This secure element is busy with another service. Try again shortly."),
    "se_lost": ("该安全芯片已挂失，不能办理此业务。", "This secure element is reported lost; the service is not allowed."),
    "policy.kiosk_unlock": ("自助终端不能办理解锁，请到营业厅柜台办理。", "Unlocking is only possible at a business-hall counter, not at a kiosk."),
    "policy.region": ("该用户不属于本营业员的服务区域。", "This subscriber is outside your service region."),
    "auth.forbidden": ("您没有办理此业务的权限。", "You are not allowed to run this service."),
    # issue 9, card trust (ota/platform/flows/secure.py, reconcile.py, engine.py; app/services/orphans.py)
    "card.rmac_invalid": ("无法确认手机安全芯片的执行结果，本次办理未生效。请重新放好手机后再次办理。", "The secure element's answer could not be authenticated; nothing was recorded. Place the phone again and run the service again."),
    "se.reconciled": ("平台记录与手机实际状态不一致，已按手机核对。请先查询手机状态，再重新办理。", "The platform's record did not match the phone; it was checked against the phone. Query the phone, then run the service again."),
    "batch.rmac_unavailable": ("该批次手机暂不能办理：批次安全设置不完整，请联系技术支持。", "Phones of this batch cannot be served yet: the batch's security settings are incomplete. Please call support."),
    "lease.expired": ("操作长时间无响应，已被结束。请重新办理。", "The operation was idle too long and was ended. Run the service again."),
    "operation.taken_over": ("本终端已重新办理，原来未完成的操作已释放。无需处理。", "This terminal started the service again; the earlier unfinished operation was released. Nothing to do."),
    "operation.aborted": ("操作已被管理员终止。如需办理，请重新开始。", "An administrator ended the operation. Start the service again if needed."),
    "card.identity_unproven": ("该手机不提供芯片标识，且其批次未使用按卡分散的密钥，平台无法确认是哪张卡，不能办理。请联系技术支持。", "This phone gives no chip identity and its batch's keys are not diversified per card, so the platform cannot tell which card it is. Please call support."),
    "orphan.unknown": ("本终端没有这项未完成的操作，请刷新列表后重试。", "This terminal has no such unfinished operation. Refresh the list and try again."),
    # platform access control (issue 9: enrolled terminals, policy table, sessions, bounded input)
    "policy.forbidden": ("您的账号在本终端上不能办理此业务，请到柜台或联系管理员。", "Your account may not use this service on this terminal. Go to a counter or ask an administrator."),
    "auth.bad_credentials": ("工号或密码错误，请重新输入。", "Wrong operator name or password. Please enter them again."),
    "auth.locked": ("登录失败次数过多，账号已暂时锁定，请稍后再试。", "Too many failed logins; the account is locked for a while. Try again later."),
    "auth.idle_expired": ("长时间未操作，已自动退出，请重新登录。", "You were logged out after a period of inactivity. Please log in again."),
    "auth.terminal_mismatch": ("本终端的登记信息与登录请求不符，请联系管理员检查终端配置。", "This terminal's enrolment does not match the login. Ask an administrator to check the terminal's configuration."),
    "terminal.certificate_required": ("本终端尚未登记，请联系管理员登记终端。", "This terminal is not enrolled. Ask an administrator to enrol it."),
    "terminal.unknown": ("本终端的证书未登记或已更换，请联系管理员重新登记。", "This terminal's certificate is not enrolled or was replaced. Ask an administrator to enrol it again."),
    "terminal.revoked": ("本终端已被停用，请联系管理员。", "This terminal has been revoked. Please contact an administrator."),
    "request.invalid": ("提交的数据格式有误，请检查输入后重试。", "The request was not valid. Check the input and try again."),
    "request.nul": ("提交的数据含有非法字符，请检查输入后重试。", "The request contains a forbidden character. Check the input and try again."),
    "request.too_large": ("提交的数据过大，请减少内容后重试。", "The request is too large. Send less and try again."),
    # app/reader/errors.py
    "reader.error": ("读卡器错误，请重新放置手机后重试。", "Reader error. Place the phone again and retry."),
    "reader.no_service": ("智能卡服务未运行，请联系技术支持。", "The smart-card service (PC/SC) is not running. Please call support."),
    "reader.none": ("未检测到读卡器，请连接读卡器。", "No card reader found. Please connect a reader."),
    "reader.no_card": ("读卡器上没有手机，请将手机放到读卡器上。", "No phone on the reader. Place the phone on the reader."),
    "reader.card_removed": ("手机被移开，业务已中断，请放回手机后重试。", "The phone was removed; the service stopped. Put it back and retry."),
    "reader.reader_removed": ("读卡器已断开，请重新连接。", "The reader was disconnected. Please reconnect it."),
    "reader.sharing_violation": ("读卡器被其他程序占用。", "Another program is using the reader."),
    "reader.timeout": ("手机无响应，请重新放置后重试。", "The phone did not answer. Place it again and retry."),
    "reader.chaining": ("手机返回的数据异常。", "The phone returned malformed data."),
    "reader.extended_length": ("读卡器不支持扩展长度指令。", "The reader does not support extended-length commands."),
    # ota/gp/errors.py
    "gp.error": ("安全芯片指令错误。", "Secure-element command error."),
    "gp.apdu_format": ("安全芯片指令格式错误。", "Malformed secure-element command."),
    "gp.tlv": ("安全芯片返回的数据格式错误。", "The secure element returned malformed data."),
    "gp.status_word": ("安全芯片拒绝了指令。", "The secure element refused a command."),
    "scp02.card_cryptogram": ("安全通道认证失败。", "Secure-channel authentication failed."),
    "scp02.secure_messaging": ("安全通道校验失败。", "Secure-channel check failed."),
    "gp.response_format": ("安全芯片返回的数据格式错误。", "The secure element's answer is malformed."),
    "gp.cap_file": ("应用文件损坏。", "The application file is damaged."),
    # issue 12: SCP03 (ota/gp/scp03.py)
    "scp03.parameter": ("安全芯片的安全通道参数与平台配置不符，请联系技术支持核对批次配置。", "The secure element's secure-channel settings do not match the platform's. Ask support to check the batch configuration."),
    "scp03.card_cryptogram": ("安全通道认证失败：密钥不匹配。请勿重试，以免锁卡，请联系技术支持。", "Secure-channel authentication failed: the keys do not match. Do not retry (the card may lock); call support."),
    "scp03.secure_messaging": ("安全通道校验失败，请重新放置手机后重新办理。", "Secure-channel check failed. Place the phone again and run the service again."),
    "scp03.initialize_update": ("手机安全芯片的安全通道协议与其批次配置不符，请联系技术支持核对批次。", "The secure element does not speak the secure-channel protocol its batch names. Ask support to check the batch."),
    "scp03.level_unsupported": ("该批次配置的安全级别暂不支持，请联系管理员修改批次配置。", "This batch's security level is not supported yet. Ask an administrator to change the batch."),
    "scp03.diversification": ("该批次的AES密钥分散方式暂不支持，请联系管理员修改批次配置。", "Key diversification for this AES batch is not supported yet. Ask an administrator to change the batch."),
    "scp.protocol_unsupported": ("该批次配置的安全通道协议不受支持，请联系管理员修改批次配置。", "This batch names a secure-channel protocol the platform does not speak. Ask an administrator to fix the batch."),
    "scp.checkpoint": ("安全通道状态无法恢复，请重新办理该业务。", "The secure channel could not be resumed. Run the service again."),
    # issue 12: replay card and reader robustness (app/reader/replay.py, app/reader/atr.py)
    "reader.replay_mismatch": ("回放的指令与录制的记录不一致，请把该记录交给技术支持分析。", "The replayed session left the recorded trace. Give the trace to support for analysis."),
    "reader.trace_file": ("APDU 记录文件无法读取，请检查文件后重试。", "The APDU trace file cannot be read. Check the file and try again."),
    # tasks, per-SE queue, SMS PUSH, billing (issue 10: ota/platform/tasks, sms, billing)
    "task.unknown_se": ("任务中有平台未登记的 SE，请核对 SEID 或先导入其批次。", "The task names SEs the platform does not know. Check the SEIDs or import their batch first."),
    "task.no_targets": ("该任务的目标没有任何 SE，请修改目标后重试。", "The task's target names no SE. Change the target and try again."),
    "task.kind_not_remote": ("迁移和换号须在营业厅柜台办理，不能作为远程任务。", "Migration and number change need a counter; they cannot be remote tasks."),
    "task.nothing_to_retry": ("该任务没有失败的 SE，无需重试。", "The task has no failed SE; there is nothing to retry."),
    "queue.pending": ("该 SE 还有一个等待中的申请，如要改办本业务，请先确认取消上一次申请。", "An earlier request for this SE is still waiting. Confirm that it should be cancelled to go on with this one."),
    "queue.empty": ("该 SE 没有待办的任务，可直接办理所需业务。", "This SE has no pending work; run the service the customer needs directly."),
    "push.unknown": ("推送消息已失效，请在手机钱包中刷新任务或到营业厅办理。", "The push message has expired. Refresh the tasks in the wallet or visit a business hall."),
    "push.unanswered": ("手机未响应推送短信，请确认手机开机在网后对失败的 SE 重试。", "The phone did not answer the PUSH SMS. Make sure it is on and in coverage, then retry the failed SEs."),
    "push.no_msisdn": ("该 SE 未绑定手机号码，请先在营业厅绑定号码后重试。", "The SE is bound to no number. Bind it at a counter, then retry."),
    "push.gateway": ("短信网关暂时无法发送，请检查网关连接后重试。", "The SMS gateway cannot send now. Check the gateway link, then retry."),
    "sms.unreachable": ("无法连接短信网关，请检查网络和网关地址。", "The SMS gateway cannot be reached. Check the network and the gateway address."),
    "sms.login": ("短信网关登录失败，请检查企业代码和共享密钥。", "Login to the SMS gateway failed. Check the SP code and shared secret."),
    "sms.refused": ("短信网关拒绝了该短信，请联系网关管理员。", "The SMS gateway refused the message. Contact the gateway's administrator."),
    "sms.protocol": ("短信网关应答异常，请稍后重试或联系技术支持。", "The SMS gateway answered unexpectedly. Try again later or call support."),
    "sms.config": ("短信网关配置有误，请按 cmpp://企业代码@主机:端口 填写。", "The SMS gateway setting is wrong; use cmpp://SPID@host:port."),
    "billing.type_exists": ("该计费种类已存在，请修改已有种类或换一个编号。", "This charge type exists. Change the existing one or use another code."),
}

UNEXPECTED = ("发生意外错误，事件编号 {incident}。", "Unexpected error, incident {incident}.")


@dataclass(frozen=True)
class UserError:
    """What the clerk sees: a sentence in their language, plus the code and incident to quote."""

    text: str
    code: str
    incident: str | None = None


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language.startswith("zh") else pair[1]


def new_incident_id() -> str:
    """The core's incident id when it exists, so UI and platform incidents look alike."""
    try:
        from app.errors import new_incident_id as core_incident
    except ImportError:
        return uuid.uuid4().hex[:12]
    return core_incident()


def describe_both(exc: BaseException) -> dict[str, UserError]:
    """The words in every language at once (logged once), so a language switch can re-show them."""
    first = describe(exc, "zh_CN")
    if first.code == "unexpected":
        en = UserError(UNEXPECTED[1].format(incident=first.incident), first.code, first.incident)
    else:
        en = describe(exc, "en")
    return {"zh_CN": first, "en": en}


def describe(exc: BaseException, language: str) -> UserError:
    """Turn any exception into words for the clerk; never a traceback on screen."""
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        zh, en = getattr(exc, "message_zh", None), getattr(exc, "message_en", None)
        if zh and en:
            return UserError(_pick((zh, en), language), code, getattr(exc, "incident", None))
        if code in MESSAGES:
            incident = getattr(exc, "incident", None)
            text = _pick(MESSAGES[code], language)
            if incident:
                text += f" ({incident})"
            return UserError(text, code, incident)
    incident = new_incident_id()
    logger.error("unexpected error, incident %s", incident, exc_info=exc)
    return UserError(_pick(UNEXPECTED, language).format(incident=incident), "unexpected", incident)


def is_cancellation(exc: BaseException) -> bool:
    """The operator said stop: not an error, nothing to report."""
    return type(exc).__name__ == "Cancelled"
