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
    # ota/platform/keys (issue 13): key service, ceremonies, roll-over
    "keystore.not_found": ("平台缺少该卡批次的密钥版本，请联系密钥管理员导入。", "The platform lacks this card batch's key version. Ask the key custodian to import it."),
    "keystore.not_extractable": ("加密机中的密钥不可导出，请联系技术支持。", "Keys in the HSM cannot be exported. Please call support."),
    "keystore.hsm_cannot_wrap": ("加密机无法下发新密钥，密钥更新未执行，业务照常；请联系密钥管理员。", "The HSM cannot send new keys; the key update was skipped, the service goes on. Tell the key custodian."),
    "keystore.hsm_module": ("无法加载加密机驱动，请检查平台的 --keystore 配置。", "The HSM driver cannot be loaded. Check the platform's --keystore setting."),
    "keystore.hsm_token": ("找不到加密机令牌，请检查令牌名称。", "The HSM token was not found. Check the token label."),
    "keystore.hsm_login": ("加密机登录失败，请检查 PIN 环境变量或 PIN 文件。", "HSM login failed. Check the PIN variable or PIN file."),
    "keystore.hsm_mechanisms": ("加密机不支持 SCP02 所需算法，请更换加密机或启用 OpenSSL legacy。", "The HSM lacks the SCP02 algorithms. Use another HSM or enable OpenSSL legacy."),
    "keystore.spec": ("密钥服务配置格式错误，请按 pkcs11:module=…;token=…;pin-env=… 填写。", "The key service setting is malformed. Use pkcs11:module=…;token=…;pin-env=…."),
    "keystore.pin_in_spec": ("PIN 不能写在命令行上，请改用 pin-env 或 pin-file。", "The PIN must not be on the command line. Use pin-env or pin-file."),
    "keystore.pin_missing": ("未提供加密机 PIN，请设置 PIN 环境变量或文件。", "No HSM PIN given. Set the PIN variable or file."),
    "keys.component_kcv": ("密钥分量校验值不符，已拒绝；请分量保管人核对后重新办理。", "A key component's check value does not match; refused. Its custodian should check it and start again."),
    "keys.key_kcv": ("合成密钥校验值不符，已拒绝；请核对全部分量后重新办理。", "The combined key's check value does not match; refused. Check all components and start again."),
    "keys.component_format": ("密钥分量格式错误，应为 32 位十六进制数字，请重新输入。", "A key component must be 32 hex digits. Enter it again."),
    "keys.components": ("密钥分量个数应为 2 或 3。", "A key is entered as 2 or 3 components."),
    "keys.version_range": ("密钥版本号应在 01 到 7F 之间，请更正。", "The key version must be 01 to 7F. Correct it."),
    "keys.version_unknown": ("该密钥版本尚未导入，请先办理密钥导入。", "That key version is not imported yet. Run the key import first."),
    "keys.card_version_unknown": ("卡片使用的密钥版本平台未导入，请联系密钥管理员导入后再办理。", "The card's key version is not imported; ask the key custodian to import it, then retry."),
    "sd.unknown": ("该安全域未登记，请先在平台登记安全域。", "The security domain is not registered. Register it on the platform first."),
    "sd.is_isd": ("主安全域不能删除或重建。", "The issuer security domain cannot be deleted or re-created."),
    "sd.holds_apps": ("安全域下仍有应用，请先删除这些应用再删除安全域。", "The security domain still holds applications. Delete them first."),
    "sd.no_keys": ("安全域的密钥尚未导入，请先办理密钥导入。", "The security domain's keys are not imported. Run the key import first."),
    "sd.third_party_keys": ("第三方安全域暂不支持，请联系技术支持。", "Third-party security domains are not supported yet. Please call support."),
    "sd.authentication": ("安全域认证失败，请勿重试，请联系技术支持。", "The security domain's authentication failed. Do not retry; call support."),
    "sd.kcv_mismatch": ("安全域密钥校验值不符，请联系技术支持。", "The security domain's key check values differ. Please call support."),
    "keys.batch_unknown": ("批次不存在，请检查批次名称。", "No such batch. Check the batch name."),
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
