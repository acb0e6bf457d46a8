"""Every error code the clerk can meet, in the clerk's language.

The core raises typed errors with a stable ``code`` (docs/CONTRACTS.md); this table is the only
place that turns a code into words, each with the next step for the clerk.  The platform's own
texts (``PlatformRefusedError.message_zh/message_en``) are a fallback for a code not here yet;
tests/ui/test_i18n_errors.py fails for any code raised in ota/ or app/ that has no line here, so a
new code (another branch's) gets its words in this table, one line, zh_CN and en.  Anything
without a code is a bug: it is logged with its traceback under a
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
    "auth.invalid": ("工号或密码错误，请重新输入。", "Wrong operator ID or password. Please enter them again."),
    "terminal.error": ("终端错误，请重试。", "Terminal error. Please try again."),
    "platform.protocol": ("平台返回的数据异常，请联系技术支持。", "The platform sent an unexpected answer. Please call support."),
    "card.unreadable": ("无法读取该手机的安全芯片，请重新放置或更换手机。", "The phone's secure element cannot be read. Place it again or try another phone."),
    "input.invalid": ("输入的内容有误，请检查后重试。", "The input is not valid. Check it and try again."),
    "card.wrong_card": ("读卡器上的手机不是本次业务的手机，请放回正确的手机。", "The phone on the reader is not the one for this service. Put the right phone back."),
    # platform ErrorBody codes (the platform's own texts are preferred when present)
    "se_busy": ("该安全芯片正在办理其他业务，请稍后再试。", "This secure element is busy with another service. Try again shortly."),
    "se_lost": ("该手机已挂失，只能办理应用锁定。", "This phone is reported lost; only a lock is possible."),
    "policy.kiosk_unlock": ("自助终端不能办理解锁，请到营业厅柜台办理。", "Unlocking is only possible at a business-hall counter, not at a kiosk."),
    
    "auth.forbidden": ("您没有办理此业务的权限，请联系值班经理。", "You are not allowed to run this service. Ask the duty manager."),
    # app/reader/errors.py
    "reader.error": ("读卡器错误，请重新放置手机后重试。", "Reader error. Place the phone again and retry."),
    "reader.no_service": ("智能卡服务未运行，请联系技术支持。", "The smart-card service (PC/SC) is not running. Please call support."),
    "reader.none": ("未检测到读卡器，请连接读卡器。", "No card reader found. Please connect a reader."),
    "reader.no_card": ("读卡器上没有手机，请将手机放到读卡器上。", "No phone on the reader. Place the phone on the reader."),
    "reader.card_removed": ("手机被移开，业务已中断，请放回手机后重试。", "The phone was removed; the service stopped. Put it back and retry."),
    "reader.reader_removed": ("读卡器已断开，请重新连接。", "The reader was disconnected. Please reconnect it."),
    "reader.sharing_violation": ("读卡器被其他程序占用，请关闭其他读卡程序后重试。", "Another program is using the reader. Close it and retry."),
    "reader.timeout": ("手机无响应，请重新放置后重试。", "The phone did not answer. Place it again and retry."),
    "reader.chaining": ("手机返回的数据异常，请重新放置手机后重试。", "The phone returned malformed data. Place it again and retry."),
    "reader.extended_length": ("读卡器不支持扩展长度指令，请更换读卡器或联系技术支持。", "The reader does not support extended-length commands. Use another reader or call support."),
    # ota/gp/errors.py
    "gp.error": ("安全芯片指令错误，请重新放置手机后重试。", "Secure-element command error. Place the phone again and retry."),
    "gp.apdu_format": ("安全芯片指令格式错误，请联系技术支持。", "Malformed secure-element command. Please call support."),
    "gp.tlv": ("安全芯片返回的数据格式错误，请重新放置手机后重试。", "The secure element returned malformed data. Place the phone again and retry."),
    "gp.status_word": ("安全芯片拒绝了指令，请查询手机确认状态后重试。", "The secure element refused a command. Query the phone, then retry."),
    "scp02.card_cryptogram": ("安全通道认证失败，请联系技术支持。", "Secure-channel authentication failed. Please call support."),
    "scp02.secure_messaging": ("安全通道校验失败，请重新放置手机后重试。", "Secure-channel check failed. Place the phone again and retry."),
    "gp.response_format": ("安全芯片返回的数据格式错误，请重新放置手机后重试。", "The secure element's answer is malformed. Place the phone again and retry."),
    "gp.cap_file": ("应用文件损坏，请联系技术支持。", "The application file is damaged. Please call support."),
    # platform codes (ota/platform): the clerk's words and the next step; the platform's own
    # texts are shown only for a code that has no line here yet.
    "se.bound_elsewhere": ("该手机已绑定其他手机号码，请核对用户号码后重试。", "This phone is bound to another number. Check the subscriber number and try again."),
    "se.lost": ("该手机已挂失，只能办理应用锁定；如已找回，请先办理解挂。", "This phone is reported lost; only a lock is possible. If it was found, lift the loss report first."),
    "se.terminated": ("该手机的安全芯片已注销，不能办理业务，请联系技术支持。", "This phone's secure element is retired; no service is possible. Please call support."),
    "se.unknown_batch": ("该手机的安全芯片未在平台登记，请联系技术支持。", "This phone's secure element is not registered with the platform. Please call support."),
    "se.unregistered": ("该手机尚未绑定手机号码，请在“用户号码”中填写号码后重试。", "This phone is bound to no number yet. Enter the subscriber number and try again."),
    "se.no_space": ("手机安全芯片空间不足，请先删除不用的应用后重试。", "Not enough space on the phone's secure element. Delete an unused application first, then retry."),
    "se.block_size": ("该手机不支持下载此应用，请换用其他手机。", "This phone cannot receive this application. Try another phone."),
    "subscriber.unknown": ("未找到该用户号码，请核对号码后重试。", "No subscriber with this number. Check the number and try again."),
    "subscriber.out_of_service": ("该号码已停机或销号，请先办理复机。", "This number is suspended or closed. Restore the number first."),
    "app.already_installed": ("该应用已在手机上，无需再次下载；可在“查询”中查看其状态。", "The application is already on the phone; no download needed. See its state under Query."),
    "app.batch_incompatible": ("该应用不支持此手机，请选择其他应用。", "This application does not support this phone. Choose another application."),
    "app.missing": ("未选择应用，请先选择应用。", "No application chosen. Choose one first."),
    "app.unknown": ("平台上没有该应用，请刷新应用列表后重试。", "The platform does not know this application. Read the phone again and retry."),
    "app.state": ("该应用当前的状态不能办理此业务，请先查询手机查看应用状态。", "The application's current state does not allow this service. Query the phone to see its state."),
    "provider.blacklisted": ("该应用的提供商已暂停服务，暂不能下载，请稍后再试。", "This application's provider is suspended; it cannot be downloaded now. Try again later."),
    "number.unchanged": ("新号码与原号码相同，请核对新号码。", "The new number is the same as the old one. Check the new number."),
    "params.*": ("输入的号码格式不正确，请核对后重试。", "A number entered is not valid. Check it and try again."),
    "policy.region": ("该用户不属于本营业厅的服务区域，请引导客户到归属地营业厅办理。", "This subscriber belongs to another region. Send the customer to a hall of that region."),
    "auth.bad_credentials": ("工号或密码错误，请重新输入。", "Wrong operator ID or password. Please enter them again."),
    "auth.unknown_terminal": ("本终端未在平台登记，请联系技术支持。", "This terminal is not registered with the platform. Please call support."),
    "card.removed": ("手机被移开，业务已中断，请放回手机后重试。", "The phone was removed; the service stopped. Put it back and retry."),
    "card.bad_response": ("手机返回的数据异常，请重新放置手机后重试。", "The phone returned unexpected data. Place it again and retry."),
    "catalog.cap_file": ("应用文件损坏，请联系技术支持。", "The application file is damaged. Please call support."),
    "catalog.module": ("应用目录配置有误，请联系技术支持。", "The application catalogue is misconfigured. Please call support."),
    "perso.template": ("应用个人化配置有误，请联系技术支持。", "The application's personalisation is misconfigured. Please call support."),
    "keystore.*": ("平台密钥配置有误，请联系技术支持。", "The platform's keys are misconfigured. Please call support."),
    "step.*": ("与手机的数据交换出错，请重新放置手机后重试。", "The exchange with the phone went wrong. Place the phone again and retry."),
    "flow.checkpoint": ("业务进度数据无效，请联系技术支持。", "The service's progress record is invalid. Please call support."),
    "idempotency.conflict": ("重复提交的业务与原业务不一致，请重新办理。", "A repeated request differs from the original. Start the service again."),
    "operation.aborted": ("业务已被平台管理员终止，请确认手机状态后重新办理。", "An administrator stopped this service. Check the phone, then start again."),
    "operation.finished": ("业务已结束，无法取消。", "The service has already finished; it cannot be cancelled."),
    "operation.not_running": ("业务已结束，请查询手机确认结果。", "The service has ended. Query the phone to see the result."),
    "operation.forbidden": ("您的账号或本终端不能办理此业务，请联系值班经理。", "Your account or this terminal may not run this service. Ask the duty manager."),
    "operation.unsupported": ("平台暂不支持此业务，请联系技术支持。", "The platform does not support this service yet. Please call support."),
    "request.invalid": ("终端发送的数据有误，请重试；如仍不成功，请联系技术支持。", "The terminal sent invalid data. Retry; if it fails again, call support."),
    "not_found": ("平台上没有找到该记录，请刷新后重试。", "The platform has no such record. Refresh and try again."),
    "http.*": ("平台无法处理该请求，请重试；如仍不成功，请联系技术支持。", "The platform could not handle the request. Retry; if it fails again, call support."),
    "gp.crypto_input": ("安全通道数据有误，请联系技术支持。", "Secure-channel data is invalid. Please call support."),
    "internal": ("平台内部错误，请稍后重试；如仍不成功，请联系技术支持。", "The platform had an internal error. Retry later; if it fails again, call support."),
}

UNKNOWN_CODE = ("未办理成功，请重试；如仍不成功，请联系技术支持。",
                "Not completed. Try again; if it fails again, please call support.")
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


def describe_both(exc: BaseException, public: bool = False) -> dict[str, UserError]:
    """The words in every language at once (logged once), so a language switch can re-show them."""
    first = describe(exc, "zh_CN", public)
    if first.code == "unexpected":
        en = UserError(UNEXPECTED[1].format(incident=first.incident), first.code, first.incident)
    else:
        en = describe(exc, "en", public)
    return {"zh_CN": first, "en": en}


def lookup(code: str | None) -> tuple[str, str] | None:
    """The words for ``code``, or for its family (``params.msisdn`` -> ``params.*``)."""
    if not code:
        return None
    return MESSAGES.get(code) or MESSAGES.get(code.split(".", 1)[0] + ".*")


def describe(exc: BaseException, language: str, public: bool = False) -> UserError:
    """Turn any exception into words for the clerk; never a traceback on screen.

    The table's words win; the platform's own text is shown only for a code the table does not
    have yet, and never on a ``public`` screen (the kiosk): it may name staff or operations.
    """
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        incident = getattr(exc, "incident", None)
        pair = lookup(code)
        zh, en = getattr(exc, "message_zh", None), getattr(exc, "message_en", None)
        if pair is None and zh and en and not public:
            return UserError(_pick((zh, en), language), code, incident)
        if pair is None and public:
            pair = UNKNOWN_CODE
        if pair is not None:
            text = _pick(pair, language)
            if incident and not public:
                text += f" ({incident})"
            return UserError(text, code, incident)
    incident = new_incident_id()
    logger.error("unexpected error, incident %s", incident, exc_info=exc)
    return UserError(_pick(UNEXPECTED, language).format(incident=incident), "unexpected", incident)


def text_for_code(code: str | None, language: str) -> str:
    """The words for a code the journal or an outcome recorded (no exception at hand)."""
    return _pick(lookup(code) or UNKNOWN_CODE, language)


def is_cancellation(exc: BaseException) -> bool:
    """The operator said stop: not an error, nothing to report."""
    return type(exc).__name__ == "Cancelled"
