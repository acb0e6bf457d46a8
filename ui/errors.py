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
    # platform administration, /api/v1/admin (issue 14; ota/platform/admin)
    "release.structure_mismatch": ("申报的应用结构与 CAP 文件不符，请按提示的字段更正后重新提交。", "The declared structure does not match the CAP file. Correct the field named and submit again."),
    "release.cap_invalid": ("上传的 CAP 文件无法读取，请检查文件后重新上传。", "The uploaded CAP file cannot be read. Check the file and upload it again."),
    "release.aid_taken": ("该 AID 已被其他应用使用，请申请新的 AID 后重新提交。", "This AID is already used by another application. Ask for a new AID and submit again."),
    "release.name_taken": ("应用名称已存在，请换一个名称。", "An application with this name exists. Choose another name."),
    "release.no_isd": ("平台还没有 SE 批次，请先添加 SE 批次。", "The platform has no SE batch yet. Add an SE batch first."),
    "release.province_missing": ("省公司本地应用须指定省份，请补充后重新提交。", "A provincial application needs a province. Add it and submit again."),
    "release.bad_state": ("应用当前所处阶段不能执行此操作，请先完成上一步。", "The application is not at the stage this step needs. Finish the previous step first."),
    "release.not_available": ("该应用尚未发布或已归档，不能下载。", "This application is not published (or is archived) and cannot be downloaded."),
    "release.test_numbers_only": ("该应用正在测试，只有测试号码可以下载，请使用测试号码。", "This application is under test: only the test numbers may download it. Use a test number."),
    "release.not_in_user_list": ("该应用只对指定用户开放，此用户不在名单内。", "This application is offered to listed subscribers only; this one is not listed."),
    "release.other_province": ("该应用只在本省提供，此用户不属于该省。", "This application is offered in its province only; the subscriber is from elsewhere."),
    "archive.removal_state": ("该删除任务已处理，请刷新后查看。", "This removal has already been handled. Refresh to see its state."),
    "provider.blacklisted": ("该应用的提供商已被列入黑名单，暂停下载；已下载的应用仍可删除或锁定。", "The provider is blacklisted: no downloads. Installed apps can still be deleted or locked."),
    "provider.not_active": ("应用提供商未获批准或已列入黑名单，不能提交应用，请联系业务管理员。", "The provider is not approved or is blacklisted and cannot submit apps. Contact a business administrator."),
    "provider.exists": ("该应用提供商已登记。", "This provider is already registered."),
    "provider.bad_state": ("应用提供商当前状态不能执行此操作，请刷新后重试。", "The provider's state does not allow this step. Refresh and try again."),
    "provider.account_missing": ("批准时须填写登录账号和初始密码。", "Approval needs an account name and a first password."),
    "provider.apps_not_archived": ("请先归档该提供商的全部应用，再注销提供商。", "Archive all of the provider's applications first, then deregister it."),
    "batch.exists": ("该批次名称已存在，请换一个名称。", "A batch with this name exists. Choose another name."),
    "batch.overlap": ("SEID 号段与已有批次部分重叠，请调整号段。", "The SEID range partly overlaps another batch. Adjust the range."),
    "region.exists": ("该地区编码已存在。", "This region code already exists."),
    "region.parent": ("上级地区不正确：市的上级是省，县的上级是市。", "Wrong parent region: a city belongs to a province, a county to a city."),
    "operator.exists": ("该工号已存在，请换一个工号。", "This operator name exists. Choose another one."),
    "config.version": ("配置文件版本不受支持，请用本平台导出的文件。", "The configuration document's version is not supported. Use a file exported by this platform."),
    "subscriber.exists": ("该用户号码已登记。", "This subscriber is already registered."),
    "subscriber.has_apps": ("注销前须先退订并删除该号码 SE 上的全部应用，请到营业厅办理删除。", "Unsubscribe and delete every application on this number's SEs first, at a business hall."),
    "business.capability": ("该业务平台未获授权调用此能力，请联系业务管理员开通。", "This business platform may not call this capability. Ask a business administrator to grant it."),
    "business.not_owner": ("该应用不属于此业务平台的应用提供商。", "The application does not belong to this business platform's provider."),
    "business.no_such_app_state": ("该用户的 SE 上没有处于可处理状态的此应用，请先查询应用状态。", "No SE of this subscriber holds the application in a state this notice applies to. Check its state first."),
    "config.unreadable": ("配置文件无法读取，请检查文件格式（JSON）。", "The configuration document cannot be read. Check that it is JSON."),
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


def describe_code(code: str, language: str) -> str:
    """A stable code's words without an exception (a statistics label, say); the code when unknown."""
    return _pick(MESSAGES[code], language) if code in MESSAGES else code
