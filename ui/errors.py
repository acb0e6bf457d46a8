"""Every error code the clerk can meet, in the clerk's language.

The core raises typed errors with a stable ``code`` (docs/CONTRACTS.md); this table is the only
place that turns a code into words, each with the next step for the clerk; the words are Qt
Linguist messages (context ``Errors``), so they are translated with the rest of the UI.  The platform's own
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


from ui.noop import QT_TRANSLATE_NOOP
from ui.i18n import translate_in

logger = logging.getLogger(__name__)
CONTEXT = "Errors"

# code -> the English words, each with a next step; zh_CN (and every other language) is in
# resources/i18n/hallterm_<lang>.ts, context "Errors" (lupdate finds QT_TRANSLATE_NOOP).
MESSAGES: dict[str, str] = {
    # app/errors.py
    "config.invalid": QT_TRANSLATE_NOOP("Errors", "The terminal configuration is invalid. Please call support."),
    "platform.unreachable": QT_TRANSLATE_NOOP("Errors", "The platform cannot be reached. Check the network and try again."),
    "platform.server_error": QT_TRANSLATE_NOOP("Errors", "The platform had an internal error. Please try again later."),
    "auth.expired": QT_TRANSLATE_NOOP("Errors", "Your login has expired. Please log in again."),
    "auth.invalid": QT_TRANSLATE_NOOP("Errors", "Wrong operator ID or password. Please enter them again."),
    "terminal.error": QT_TRANSLATE_NOOP("Errors", "Terminal error. Please try again."),
    "platform.protocol": QT_TRANSLATE_NOOP("Errors", "The platform sent an unexpected answer. Please call support."),
    "card.unreadable": QT_TRANSLATE_NOOP("Errors", "The phone's secure element cannot be read. Place it again or try another phone."),
    "input.invalid": QT_TRANSLATE_NOOP("Errors", "The input is not valid. Check it and try again."),
    "card.wrong_card": QT_TRANSLATE_NOOP("Errors", "The phone on the reader is not the one for this service. Put the right phone back."),
    # platform ErrorBody codes (the platform's own texts are preferred when present)
    "se_busy": QT_TRANSLATE_NOOP("Errors", "This secure element is busy with another service. Try again shortly."),
    "se_lost": QT_TRANSLATE_NOOP("Errors", "This phone is reported lost; only a lock is possible."),
    "policy.kiosk_unlock": QT_TRANSLATE_NOOP("Errors", "Unlocking is only possible at a business-hall counter, not at a kiosk."),
    "auth.forbidden": QT_TRANSLATE_NOOP("Errors", "You are not allowed to run this service. Ask the duty manager."),
    # app/reader/errors.py
    "reader.error": QT_TRANSLATE_NOOP("Errors", "Reader error. Place the phone again and retry."),
    "reader.no_service": QT_TRANSLATE_NOOP("Errors", "The smart-card service (PC/SC) is not running. Please call support."),
    "reader.none": QT_TRANSLATE_NOOP("Errors", "No card reader found. Please connect a reader."),
    "reader.no_card": QT_TRANSLATE_NOOP("Errors", "No phone on the reader. Place the phone on the reader."),
    "reader.card_removed": QT_TRANSLATE_NOOP("Errors", "The phone was removed; the service stopped. Put it back and retry."),
    "reader.reader_removed": QT_TRANSLATE_NOOP("Errors", "The reader was disconnected. Please reconnect it."),
    "reader.sharing_violation": QT_TRANSLATE_NOOP("Errors", "Another program is using the reader. Close it and retry."),
    "reader.timeout": QT_TRANSLATE_NOOP("Errors", "The phone did not answer. Place it again and retry."),
    "reader.chaining": QT_TRANSLATE_NOOP("Errors", "The phone returned malformed data. Place it again and retry."),
    "reader.extended_length": QT_TRANSLATE_NOOP("Errors", "The reader does not support extended-length commands. Use another reader or call support."),
    # ota/gp/errors.py
    "gp.error": QT_TRANSLATE_NOOP("Errors", "Secure-element command error. Place the phone again and retry."),
    "gp.apdu_format": QT_TRANSLATE_NOOP("Errors", "Malformed secure-element command. Please call support."),
    "gp.tlv": QT_TRANSLATE_NOOP("Errors", "The secure element returned malformed data. Place the phone again and retry."),
    "gp.status_word": QT_TRANSLATE_NOOP("Errors", "The secure element refused a command. Query the phone, then retry."),
    "scp02.card_cryptogram": QT_TRANSLATE_NOOP("Errors", "Secure-channel authentication failed. Please call support."),
    "scp02.secure_messaging": QT_TRANSLATE_NOOP("Errors", "Secure-channel check failed. Place the phone again and retry."),
    "gp.response_format": QT_TRANSLATE_NOOP("Errors", "The secure element's answer is malformed. Place the phone again and retry."),
    "gp.cap_file": QT_TRANSLATE_NOOP("Errors", "The application file is damaged. Please call support."),
    # platform codes (ota/platform): the clerk's words and the next step; the platform's own
    # texts are shown only for a code that has no line here yet.
    "se.bound_elsewhere": QT_TRANSLATE_NOOP("Errors", "This phone is bound to another number. Check the subscriber number and try again."),
    "se.lost": QT_TRANSLATE_NOOP("Errors", "This phone is reported lost; only a lock is possible. If it was found, lift the loss report first."),
    "se.terminated": QT_TRANSLATE_NOOP("Errors", "This phone's secure element is retired; no service is possible. Please call support."),
    "se.unknown_batch": QT_TRANSLATE_NOOP("Errors", "This phone's secure element is not registered with the platform. Please call support."),
    "se.unregistered": QT_TRANSLATE_NOOP("Errors", "This phone is bound to no number yet. Enter the subscriber number and try again."),
    "se.no_space": QT_TRANSLATE_NOOP("Errors", "Not enough space on the phone's secure element. Delete an unused application first, then retry."),
    "se.block_size": QT_TRANSLATE_NOOP("Errors", "This phone cannot receive this application. Try another phone."),
    "subscriber.unknown": QT_TRANSLATE_NOOP("Errors", "No subscriber with this number. Check the number and try again."),
    "subscriber.out_of_service": QT_TRANSLATE_NOOP("Errors", "This number is suspended or closed. Restore the number first."),
    "app.already_installed": QT_TRANSLATE_NOOP("Errors", "The application is already on the phone; no download needed. See its state under Query."),
    "app.batch_incompatible": QT_TRANSLATE_NOOP("Errors", "This application does not support this phone. Choose another application."),
    "app.missing": QT_TRANSLATE_NOOP("Errors", "No application chosen. Choose one first."),
    "app.unknown": QT_TRANSLATE_NOOP("Errors", "The platform does not know this application. Read the phone again and retry."),
    "app.state": QT_TRANSLATE_NOOP("Errors", "The application's current state does not allow this service. Query the phone to see its state."),
    "provider.blacklisted": QT_TRANSLATE_NOOP("Errors", "This application's provider is suspended; it cannot be downloaded now. Try again later."),
    "number.unchanged": QT_TRANSLATE_NOOP("Errors", "The new number is the same as the old one. Check the new number."),
    "params.*": QT_TRANSLATE_NOOP("Errors", "A number entered is not valid. Check it and try again."),
    "policy.region": QT_TRANSLATE_NOOP("Errors", "This subscriber belongs to another region. Send the customer to a hall of that region."),
    "auth.bad_credentials": QT_TRANSLATE_NOOP("Errors", "Wrong operator ID or password. Please enter them again."),
    "auth.unknown_terminal": QT_TRANSLATE_NOOP("Errors", "This terminal is not registered with the platform. Please call support."),
    "card.removed": QT_TRANSLATE_NOOP("Errors", "The phone was removed; the service stopped. Put it back and retry."),
    "card.bad_response": QT_TRANSLATE_NOOP("Errors", "The phone returned unexpected data. Place it again and retry."),
    "catalog.cap_file": QT_TRANSLATE_NOOP("Errors", "The application file is damaged. Please call support."),
    "catalog.module": QT_TRANSLATE_NOOP("Errors", "The application catalogue is misconfigured. Please call support."),
    "perso.template": QT_TRANSLATE_NOOP("Errors", "The application's personalisation is misconfigured. Please call support."),
    "keystore.*": QT_TRANSLATE_NOOP("Errors", "The platform's keys are misconfigured. Please call support."),
    "step.*": QT_TRANSLATE_NOOP("Errors", "The exchange with the phone went wrong. Place the phone again and retry."),
    "flow.checkpoint": QT_TRANSLATE_NOOP("Errors", "The service's progress record is invalid. Please call support."),
    "idempotency.conflict": QT_TRANSLATE_NOOP("Errors", "A repeated request differs from the original. Start the service again."),
    "operation.aborted": QT_TRANSLATE_NOOP("Errors", "An administrator stopped this service. Check the phone, then start again."),
    "operation.finished": QT_TRANSLATE_NOOP("Errors", "The service has already finished; it cannot be cancelled."),
    "operation.not_running": QT_TRANSLATE_NOOP("Errors", "The service has ended. Query the phone to see the result."),
    "operation.forbidden": QT_TRANSLATE_NOOP("Errors", "Your account or this terminal may not run this service. Ask the duty manager."),
    "operation.unsupported": QT_TRANSLATE_NOOP("Errors", "The platform does not support this service yet. Please call support."),
    "request.invalid": QT_TRANSLATE_NOOP("Errors", "The terminal sent invalid data. Retry; if it fails again, call support."),
    "not_found": QT_TRANSLATE_NOOP("Errors", "The platform has no such record. Refresh and try again."),
    "http.*": QT_TRANSLATE_NOOP("Errors", "The platform could not handle the request. Retry; if it fails again, call support."),
    "gp.crypto_input": QT_TRANSLATE_NOOP("Errors", "Secure-channel data is invalid. Please call support."),
    "internal": QT_TRANSLATE_NOOP("Errors", "The platform had an internal error. Retry later; if it fails again, call support."),
}

# Codes other branches add, in their (zh_CN, en) form, until their wording moves into the .ts
# files: the integrator pastes such lines here unchanged.  lookup() reads both tables.
EXTRA_MESSAGES: dict[str, tuple[str, str]] = {
    # Codes added in the same round as the Linguist table (issues 9, 10, 12, 13, 14); they move
    # into resources/i18n/*.ts (context "Errors") when their wording is next reviewed.
    "operation.released": ("已释放该手机上本终端未完成的操作，手机可以重新办理业务。", "This terminal's unfinished operation on the phone was released; the phone can be served again."),
    "operation.resumed": ("已继续本终端未完成的操作，请保持手机在读卡器上直到完成。", "This terminal's unfinished operation is being resumed; keep the phone on the reader until it finishes."),
    "release.structure_mismatch": ("申报的应用结构与 CAP 文件不符，请按提示的字段更正后重新提交。", "The declared structure does not match the CAP file. Correct the field named and submit again."),
    "release.cap_invalid": ("上传的 CAP 文件无法读取，请检查文件后重新上传。", "The uploaded CAP file cannot be read. Check the file and upload it again."),
    "companion.invalid": ("上传的手机客户端安装包无法读取，请检查文件后重新上传。", "The uploaded phone app package cannot be read. Check the file and upload it again."),
    "app.no_such_instance": ("该应用没有这个实例，请先查询手机上的应用实例后再办理。", "The application has no such instance. Query the phone to see its instances, then try again."),
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
    "provider.not_active": ("应用提供商未获批准或已列入黑名单，不能提交应用，请联系业务管理员。", "The provider is not approved or is blacklisted and cannot submit apps. Contact a business administrator."),
    "provider.exists": ("该应用提供商已登记，请查询后修改其资料，无需重复登记。", "This provider is already registered; look it up and change its details instead."),
    "provider.bad_state": ("应用提供商当前状态不能执行此操作，请刷新后重试。", "The provider's state does not allow this step. Refresh and try again."),
    "provider.account_missing": ("批准时须填写登录账号和初始密码，请补全后重新提交。", "Approval needs an account name and a first password; fill them in and submit again."),
    "provider.apps_not_archived": ("请先归档该提供商的全部应用，再注销提供商。", "Archive all of the provider's applications first, then deregister it."),
    "batch.exists": ("该批次名称已存在，请换一个名称。", "A batch with this name exists. Choose another name."),
    "batch.overlap": ("SEID 号段与已有批次部分重叠，请调整号段。", "The SEID range partly overlaps another batch. Adjust the range."),
    "region.exists": ("该地区编码已存在，请换用其他编码或修改已有地区。", "This region code already exists; use another code or change the existing region."),
    "region.parent": ("上级地区不正确：市的上级是省，县的上级是市。", "Wrong parent region: a city belongs to a province, a county to a city."),
    "operator.exists": ("该工号已存在，请换一个工号。", "This operator name exists. Choose another one."),
    "config.version": ("配置文件版本不受支持，请用本平台导出的文件。", "The configuration document's version is not supported. Use a file exported by this platform."),
    "subscriber.exists": ("该用户号码已登记，请直接查询该用户。", "This subscriber is already registered; look the number up instead."),
    "subscriber.has_apps": ("注销前须先退订并删除该号码 SE 上的全部应用，请到营业厅办理删除。", "Unsubscribe and delete every application on this number's SEs first, at a business hall."),
    "business.capability": ("该业务平台未获授权调用此能力，请联系业务管理员开通。", "This business platform may not call this capability. Ask a business administrator to grant it."),
    "business.not_owner": ("该应用不属于此业务平台的应用提供商，请核对应用后重新提交。", "The application does not belong to this business platform's provider; check the application and send again."),
    "business.no_such_app_state": ("该用户的 SE 上没有处于可处理状态的此应用，请先查询应用状态。", "No SE of this subscriber holds the application in a state this notice applies to. Check its state first."),
    "config.unreadable": ("配置文件无法读取，请检查文件格式（JSON）。", "The configuration document cannot be read. Check that it is JSON."),
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
    "keys.components": ("密钥分量个数应为 2 或 3，请按 2 或 3 个分量重新录入。", "A key is entered as 2 or 3 components; enter it again in 2 or 3 parts."),
    "keys.version_range": ("密钥版本号应在 01 到 7F 之间，请更正。", "The key version must be 01 to 7F. Correct it."),
    "keys.version_unknown": ("该密钥版本尚未导入，请先办理密钥导入。", "That key version is not imported yet. Run the key import first."),
    "keys.card_version_unknown": ("卡片使用的密钥版本平台未导入，请联系密钥管理员导入后再办理。", "The card's key version is not imported; ask the key custodian to import it, then retry."),
    "sd.unknown": ("该安全域未登记，请先在平台登记安全域。", "The security domain is not registered. Register it on the platform first."),
    "sd.is_isd": ("主安全域不能删除或重建，请选择辅助安全域。", "The issuer security domain cannot be deleted or re-created; choose a supplementary security domain."),
    "sd.holds_apps": ("安全域下仍有应用，请先删除这些应用再删除安全域。", "The security domain still holds applications. Delete them first."),
    "sd.no_keys": ("安全域的密钥尚未导入，请先办理密钥导入。", "The security domain's keys are not imported. Run the key import first."),
    "sd.third_party_keys": ("第三方安全域暂不支持，请联系技术支持。", "Third-party security domains are not supported yet. Please call support."),
    "sd.authentication": ("安全域认证失败，请勿重试，请联系技术支持。", "The security domain's authentication failed. Do not retry; call support."),
    "sd.kcv_mismatch": ("安全域密钥校验值不符，请联系技术支持。", "The security domain's key check values differ. Please call support."),
    "keys.batch_unknown": ("批次不存在，请检查批次名称。", "No such batch. Check the batch name."),
    "card.rmac_invalid": ("无法确认手机安全芯片的执行结果，本次办理未生效。请重新放好手机后再次办理。", "The secure element's answer could not be authenticated; nothing was recorded. Place the phone again and run the service again."),
    "se.reconciled": ("平台记录与手机实际状态不一致，已按手机核对。请先查询手机状态，再重新办理。", "The platform's record did not match the phone; it was checked against the phone. Query the phone, then run the service again."),
    "batch.rmac_unavailable": ("该批次手机暂不能办理：批次安全设置不完整，请联系技术支持。", "Phones of this batch cannot be served yet: the batch's security settings are incomplete. Please call support."),
    "lease.expired": ("操作长时间无响应，已被结束。请重新办理。", "The operation was idle too long and was ended. Run the service again."),
    "operation.taken_over": ("本终端已重新办理，原来未完成的操作已释放。无需处理。", "This terminal started the service again; the earlier unfinished operation was released. Nothing to do."),
    "card.identity_unproven": ("该手机不提供芯片标识，且其批次未使用按卡分散的密钥，平台无法确认是哪张卡，不能办理。请联系技术支持。", "This phone gives no chip identity and its batch's keys are not diversified per card, so the platform cannot tell which card it is. Please call support."),
    "orphan.unknown": ("本终端没有这项未完成的操作，请刷新列表后重试。", "This terminal has no such unfinished operation. Refresh the list and try again."),
    "policy.forbidden": ("您的账号在本终端上不能办理此业务，请到柜台或联系管理员。", "Your account may not use this service on this terminal. Go to a counter or ask an administrator."),
    "auth.locked": ("登录失败次数过多，账号已暂时锁定，请稍后再试。", "Too many failed logins; the account is locked for a while. Try again later."),
    "auth.idle_expired": ("长时间未操作，已自动退出，请重新登录。", "You were logged out after a period of inactivity. Please log in again."),
    "auth.terminal_mismatch": ("本终端的登记信息与登录请求不符，请联系管理员检查终端配置。", "This terminal's enrolment does not match the login. Ask an administrator to check the terminal's configuration."),
    "terminal.certificate_required": ("本终端尚未登记，请联系管理员登记终端。", "This terminal is not enrolled. Ask an administrator to enrol it."),
    "terminal.unknown": ("本终端的证书未登记或已更换，请联系管理员重新登记。", "This terminal's certificate is not enrolled or was replaced. Ask an administrator to enrol it again."),
    "terminal.revoked": ("本终端已被停用，请联系管理员。", "This terminal has been revoked. Please contact an administrator."),
    "request.nul": ("提交的数据含有非法字符，请检查输入后重试。", "The request contains a forbidden character. Check the input and try again."),
    "request.too_large": ("提交的数据过大，请减少内容后重试。", "The request is too large. Send less and try again."),
    "scp03.parameter": ("安全芯片的安全通道参数与平台配置不符，请联系技术支持核对批次配置。", "The secure element's secure-channel settings do not match the platform's. Ask support to check the batch configuration."),
    "scp03.card_cryptogram": ("安全通道认证失败：密钥不匹配。请勿重试，以免锁卡，请联系技术支持。", "Secure-channel authentication failed: the keys do not match. Do not retry (the card may lock); call support."),
    "scp03.secure_messaging": ("安全通道校验失败，请重新放置手机后重新办理。", "Secure-channel check failed. Place the phone again and run the service again."),
    "scp03.initialize_update": ("手机安全芯片的安全通道协议与其批次配置不符，请联系技术支持核对批次。", "The secure element does not speak the secure-channel protocol its batch names. Ask support to check the batch."),
    "scp03.level_unsupported": ("该批次配置的安全级别暂不支持，请联系管理员修改批次配置。", "This batch's security level is not supported yet. Ask an administrator to change the batch."),
    "scp03.diversification": ("该批次的AES密钥分散方式暂不支持，请联系管理员修改批次配置。", "Key diversification for this AES batch is not supported yet. Ask an administrator to change the batch."),
    "scp.protocol_unsupported": ("该批次配置的安全通道协议不受支持，请联系管理员修改批次配置。", "This batch names a secure-channel protocol the platform does not speak. Ask an administrator to fix the batch."),
    "scp.checkpoint": ("安全通道状态无法恢复，请重新办理该业务。", "The secure channel could not be resumed. Run the service again."),
    "reader.replay_mismatch": ("回放的指令与录制的记录不一致，请把该记录交给技术支持分析。", "The replayed session left the recorded trace. Give the trace to support for analysis."),
    "reader.trace_file": ("APDU 记录文件无法读取，请检查文件后重试。", "The APDU trace file cannot be read. Check the file and try again."),
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
    """(zh_CN, en) words for ``code``, or for its family (``params.msisdn`` -> ``params.*``)."""
    if not code:
        return None
    for key in (code, code.split(".", 1)[0] + ".*"):
        if key in MESSAGES:
            return translate_in("zh_CN", CONTEXT, MESSAGES[key]), MESSAGES[key]
        if key in EXTRA_MESSAGES:
            return EXTRA_MESSAGES[key]
    return None


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


def describe_code(code: str, language: str) -> str:
    """A stable code's words without an exception (a statistics label, say); the code when unknown."""
    pair = lookup(code)
    return _pick(pair, language) if pair is not None else code
