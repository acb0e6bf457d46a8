"""Every error code the clerk can meet, in the clerk's language.

The core and the platform send codes and parameters, never prose; this table is the only place
that turns a code into words, each with the next step for the clerk.  The words are Qt Linguist
messages (context ``Errors``, resources/i18n/*.ts), translated with the rest of the UI: one
translation path (the consoles read the same files through ``ota.wording``).  A message's
``{name}`` placeholders are filled from the error's ``params``, a state, kind or region itself
translated (context ``ErrorParams``).  A code without a line gets the generic "not completed, try
again" words, and tests/ui/test_i18n_errors.py fails for any code raised in ota/ or app/ that has
no line.  Anything without a code is a bug: it is logged with its traceback under a fresh
incident id and the clerk sees only "unexpected error, incident <id>".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass


from ota import wording
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
    "se_busy": QT_TRANSLATE_NOOP("Errors", "This phone is busy with another service ({kind}). Try again shortly."),
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
    "se.no_space": QT_TRANSLATE_NOOP("Errors", "Not enough space on the phone's secure element ({needed} bytes needed, {free} free). Delete an unused application first, then retry."),
    "se.block_size": QT_TRANSLATE_NOOP("Errors", "This phone cannot receive this application. Try another phone."),
    "subscriber.unknown": QT_TRANSLATE_NOOP("Errors", "No subscriber with the number {number}. Check the number and try again."),
    "subscriber.out_of_service": QT_TRANSLATE_NOOP("Errors", "This number is suspended or closed. Restore the number first."),
    "app.already_installed": QT_TRANSLATE_NOOP("Errors", "The application is already on the phone ({state}); no download needed. See its state under Query."),
    "app.batch_incompatible": QT_TRANSLATE_NOOP("Errors", "The application {app} does not support this phone. Choose another application."),
    "app.missing": QT_TRANSLATE_NOOP("Errors", "No application chosen. Choose one first."),
    "app.unknown": QT_TRANSLATE_NOOP("Errors", "The platform does not know the application {app}. Read the phone again and retry."),
    "app.state": QT_TRANSLATE_NOOP("Errors", "The application's current state ({state}) does not allow this service. Query the phone to see its state."),
    "provider.blacklisted": QT_TRANSLATE_NOOP("Errors", "The provider {provider} is suspended; its applications cannot be downloaded now. Try again later."),
    "number.unchanged": QT_TRANSLATE_NOOP("Errors", "The new number is the same as the old one. Check the new number."),
    "params.*": QT_TRANSLATE_NOOP("Errors", "A number entered is not valid. Check it and try again."),
    "policy.region": QT_TRANSLATE_NOOP("Errors", "This subscriber belongs to another region ({region}). Send the customer to a hall of that region."),
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
    "not_found": QT_TRANSLATE_NOOP("Errors", "The platform has no such record ({what} {id}). Refresh and try again."),
    "http.*": QT_TRANSLATE_NOOP("Errors", "The platform could not handle the request. Retry; if it fails again, call support."),
    "gp.crypto_input": QT_TRANSLATE_NOOP("Errors", "Secure-channel data is invalid. Please call support."),
    "internal": QT_TRANSLATE_NOOP("Errors", "The platform had an internal error. Retry later; if it fails again, call support."),
    "operation.released": QT_TRANSLATE_NOOP("Errors", "This terminal's unfinished operation on the phone was released; the phone can be served again."),
    "operation.resumed": QT_TRANSLATE_NOOP("Errors", "This terminal's unfinished operation is being resumed; keep the phone on the reader until it finishes."),
    "release.structure_mismatch": QT_TRANSLATE_NOOP("Errors", "The declared structure does not match the CAP file ({field}). Correct that field and submit again."),
    "release.cap_invalid": QT_TRANSLATE_NOOP("Errors", "The uploaded CAP file cannot be read. Check the file and upload it again."),
    "release.aid_taken": QT_TRANSLATE_NOOP("Errors", "This AID is already used by another application. Ask for a new AID and submit again."),
    "release.name_taken": QT_TRANSLATE_NOOP("Errors", "An application named {name} exists. Choose another name."),
    "release.no_isd": QT_TRANSLATE_NOOP("Errors", "The platform has no SE batch yet. Add an SE batch first."),
    "release.province_missing": QT_TRANSLATE_NOOP("Errors", "A provincial application needs a province. Add it and submit again."),
    "release.bad_state": QT_TRANSLATE_NOOP("Errors", "The application is at the stage {release_state}, not the one this step needs. Finish the previous step first."),
    "release.not_available": QT_TRANSLATE_NOOP("Errors", "The application {app} is {release_state} and cannot be downloaded. Choose another application."),
    "release.test_numbers_only": QT_TRANSLATE_NOOP("Errors", "The application {app} is under test: only the test numbers may download it. Use a test number."),
    "release.not_in_user_list": QT_TRANSLATE_NOOP("Errors", "The application {app} is offered to listed subscribers only; this one is not listed. Choose another application."),
    "release.other_province": QT_TRANSLATE_NOOP("Errors", "The application {app} is offered in its province only; the subscriber is from elsewhere. Choose another application."),
    "archive.removal_state": QT_TRANSLATE_NOOP("Errors", "This removal has already been handled. Refresh to see its state."),
    "provider.not_active": QT_TRANSLATE_NOOP("Errors", "The provider {provider} is not approved or is blacklisted and cannot submit apps. Contact a business administrator."),
    "provider.exists": QT_TRANSLATE_NOOP("Errors", "The provider {name} is already registered; look it up and change its details instead."),
    "provider.bad_state": QT_TRANSLATE_NOOP("Errors", "The provider's state ({provider_state}) does not allow this step. Refresh and try again."),
    "provider.account_missing": QT_TRANSLATE_NOOP("Errors", "Approval needs an account name and a first password; fill them in and submit again."),
    "provider.apps_not_archived": QT_TRANSLATE_NOOP("Errors", "Archive all of the provider's applications first, then deregister it."),
    "batch.exists": QT_TRANSLATE_NOOP("Errors", "A batch named {name} exists. Choose another name."),
    "batch.overlap": QT_TRANSLATE_NOOP("Errors", "The SEID range partly overlaps the batch {name}. Adjust the range."),
    "region.exists": QT_TRANSLATE_NOOP("Errors", "The region code {region} already exists; use another code or change the existing region."),
    "region.parent": QT_TRANSLATE_NOOP("Errors", "Wrong parent region: a city belongs to a province, a county to a city."),
    "operator.exists": QT_TRANSLATE_NOOP("Errors", "The operator name {name} exists. Choose another one."),
    "config.version": QT_TRANSLATE_NOOP("Errors", "The configuration document's version is not supported. Use a file exported by this platform."),
    "subscriber.exists": QT_TRANSLATE_NOOP("Errors", "This subscriber is already registered; look the number up instead."),
    "subscriber.has_apps": QT_TRANSLATE_NOOP("Errors", "Unsubscribe and delete every application on this number's SEs first, at a business hall."),
    "business.capability": QT_TRANSLATE_NOOP("Errors", "This business platform may not call this capability. Ask a business administrator to grant it."),
    "business.not_owner": QT_TRANSLATE_NOOP("Errors", "The application does not belong to this business platform's provider; check the application and send again."),
    "business.no_such_app_state": QT_TRANSLATE_NOOP("Errors", "No SE of this subscriber holds the application in a state this notice applies to. Check its state first."),
    "config.unreadable": QT_TRANSLATE_NOOP("Errors", "The configuration document cannot be read. Check that it is JSON."),
    "keystore.not_found": QT_TRANSLATE_NOOP("Errors", "The platform lacks this card batch's key version. Ask the key custodian to import it."),
    "keystore.not_extractable": QT_TRANSLATE_NOOP("Errors", "Keys in the HSM cannot be exported. Please call support."),
    "keystore.hsm_cannot_wrap": QT_TRANSLATE_NOOP("Errors", "The HSM cannot send new keys; the key update was skipped, the service goes on. Tell the key custodian."),
    "keystore.hsm_module": QT_TRANSLATE_NOOP("Errors", "The HSM driver cannot be loaded. Check the platform's --keystore setting."),
    "keystore.hsm_token": QT_TRANSLATE_NOOP("Errors", "The HSM token was not found. Check the token label."),
    "keystore.hsm_login": QT_TRANSLATE_NOOP("Errors", "HSM login failed. Check the PIN variable or PIN file."),
    "keystore.hsm_mechanisms": QT_TRANSLATE_NOOP("Errors", "The HSM lacks the SCP02 algorithms. Use another HSM or enable OpenSSL legacy."),
    "keystore.spec": QT_TRANSLATE_NOOP("Errors", "The key service setting is malformed. Use pkcs11:module=…;token=…;pin-env=…."),
    "keystore.pin_in_spec": QT_TRANSLATE_NOOP("Errors", "The PIN must not be on the command line. Use pin-env or pin-file."),
    "keystore.pin_missing": QT_TRANSLATE_NOOP("Errors", "No HSM PIN given. Set the PIN variable or file."),
    "keys.component_kcv": QT_TRANSLATE_NOOP("Errors", "The check value of {role} component {n} does not match; refused. Its custodian should check it and start again."),
    "keys.key_kcv": QT_TRANSLATE_NOOP("Errors", "The combined {role} key's check value does not match; refused. Check all components and start again."),
    "keys.component_format": QT_TRANSLATE_NOOP("Errors", "A key component or check value must be {digits} hex digits. Enter it again."),
    "keys.components": QT_TRANSLATE_NOOP("Errors", "A key is entered as 2 or 3 components; enter it again in 2 or 3 parts."),
    "keys.version_range": QT_TRANSLATE_NOOP("Errors", "The key version {kvn} is outside 01 to 7F. Correct it."),
    "keys.version_unknown": QT_TRANSLATE_NOOP("Errors", "Key version {kvn} is not imported yet. Run the key import first."),
    "keys.card_version_unknown": QT_TRANSLATE_NOOP("Errors", "The card's key version {kvn} is not imported; ask the key custodian to import it, then retry."),
    "sd.unknown": QT_TRANSLATE_NOOP("Errors", "The security domain is not registered. Register it on the platform first."),
    "sd.is_isd": QT_TRANSLATE_NOOP("Errors", "The issuer security domain cannot be deleted or re-created; choose a supplementary security domain."),
    "sd.holds_apps": QT_TRANSLATE_NOOP("Errors", "The security domain still holds applications. Delete them first."),
    "sd.no_keys": QT_TRANSLATE_NOOP("Errors", "The security domain's keys are not imported. Run the key import first."),
    "sd.third_party_keys": QT_TRANSLATE_NOOP("Errors", "Third-party security domains are not supported yet. Please call support."),
    "sd.authentication": QT_TRANSLATE_NOOP("Errors", "The security domain's authentication failed. Do not retry; call support."),
    "sd.kcv_mismatch": QT_TRANSLATE_NOOP("Errors", "The security domain's key check values differ. Please call support."),
    "keys.batch_unknown": QT_TRANSLATE_NOOP("Errors", "No such batch. Check the batch name."),
    "card.rmac_invalid": QT_TRANSLATE_NOOP("Errors", "The secure element's answer could not be authenticated; nothing was recorded. Place the phone again and run the service again."),
    "se.reconciled": QT_TRANSLATE_NOOP("Errors", "The platform's record did not match the phone; it was checked against the phone. Query the phone, then run the service again."),
    "batch.rmac_unavailable": QT_TRANSLATE_NOOP("Errors", "Phones of this batch cannot be served yet: the batch's security settings are incomplete. Please call support."),
    "lease.expired": QT_TRANSLATE_NOOP("Errors", "The operation was idle too long and was ended. Run the service again."),
    "operation.taken_over": QT_TRANSLATE_NOOP("Errors", "This terminal started the service again; the earlier unfinished operation was released. Nothing to do."),
    "card.identity_unproven": QT_TRANSLATE_NOOP("Errors", "This phone gives no chip identity and its batch's keys are not diversified per card, so the platform cannot tell which card it is. Please call support."),
    "orphan.unknown": QT_TRANSLATE_NOOP("Errors", "This terminal has no such unfinished operation. Refresh the list and try again."),
    "policy.forbidden": QT_TRANSLATE_NOOP("Errors", "Your account may not use this service on this terminal. Go to a counter or ask an administrator."),
    "auth.locked": QT_TRANSLATE_NOOP("Errors", "Too many failed logins; the account is locked. Try again in {seconds} seconds."),
    "auth.idle_expired": QT_TRANSLATE_NOOP("Errors", "You were logged out after a period of inactivity. Please log in again."),
    "auth.terminal_mismatch": QT_TRANSLATE_NOOP("Errors", "This terminal's enrolment does not match the login. Ask an administrator to check the terminal's configuration."),
    "terminal.certificate_required": QT_TRANSLATE_NOOP("Errors", "This terminal is not enrolled. Ask an administrator to enrol it."),
    "terminal.unknown": QT_TRANSLATE_NOOP("Errors", "This terminal's certificate is not enrolled or was replaced. Ask an administrator to enrol it again."),
    "terminal.revoked": QT_TRANSLATE_NOOP("Errors", "This terminal has been revoked. Please contact an administrator."),
    "request.nul": QT_TRANSLATE_NOOP("Errors", "The request contains a forbidden character. Check the input and try again."),
    "request.too_large": QT_TRANSLATE_NOOP("Errors", "The request is too large. Send less and try again."),
    "scp03.parameter": QT_TRANSLATE_NOOP("Errors", "The secure element's secure-channel settings do not match the platform's. Ask support to check the batch configuration."),
    "scp03.card_cryptogram": QT_TRANSLATE_NOOP("Errors", "Secure-channel authentication failed: the keys do not match. Do not retry (the card may lock); call support."),
    "scp03.secure_messaging": QT_TRANSLATE_NOOP("Errors", "Secure-channel check failed. Place the phone again and run the service again."),
    "scp03.initialize_update": QT_TRANSLATE_NOOP("Errors", "The secure element does not speak the secure-channel protocol its batch names. Ask support to check the batch."),
    "scp03.level_unsupported": QT_TRANSLATE_NOOP("Errors", "This batch's security level is not supported yet. Ask an administrator to change the batch."),
    "scp03.diversification": QT_TRANSLATE_NOOP("Errors", "This AES batch names a key diversification the platform does not use; it must be none or kdf3. Ask an administrator to change the batch."),
    "scp.protocol_unsupported": QT_TRANSLATE_NOOP("Errors", "This batch names a secure-channel protocol the platform does not speak. Ask an administrator to fix the batch."),
    "scp.checkpoint": QT_TRANSLATE_NOOP("Errors", "The secure channel could not be resumed. Run the service again."),
    "reader.replay_mismatch": QT_TRANSLATE_NOOP("Errors", "The replayed session left the recorded trace. Give the trace to support for analysis."),
    "reader.trace_file": QT_TRANSLATE_NOOP("Errors", "The APDU trace file cannot be read. Check the file and try again."),
    "task.unknown_se": QT_TRANSLATE_NOOP("Errors", "The task names SEs the platform does not know ({seids}). Check the SEIDs or import their batch first."),
    "task.no_targets": QT_TRANSLATE_NOOP("Errors", "The task's target names no SE. Change the target and try again."),
    "task.kind_not_remote": QT_TRANSLATE_NOOP("Errors", "Migration and number change need a counter; they cannot be remote tasks."),
    "task.nothing_to_retry": QT_TRANSLATE_NOOP("Errors", "The task has no failed SE; there is nothing to retry."),
    "queue.pending": QT_TRANSLATE_NOOP("Errors", "An earlier request for this SE is still waiting. Confirm that it should be cancelled to go on with this one."),
    "queue.empty": QT_TRANSLATE_NOOP("Errors", "This SE has no pending work; run the service the customer needs directly."),
    "push.unknown": QT_TRANSLATE_NOOP("Errors", "The push message has expired. Refresh the tasks in the wallet or visit a business hall."),
    "push.unanswered": QT_TRANSLATE_NOOP("Errors", "The phone did not answer the PUSH SMS. Make sure it is on and in coverage, then retry the failed SEs."),
    "push.no_msisdn": QT_TRANSLATE_NOOP("Errors", "The SE is bound to no number. Bind it at a counter, then retry."),
    "push.gateway": QT_TRANSLATE_NOOP("Errors", "The SMS gateway cannot send now. Check the gateway link, then retry."),
    "sms.unreachable": QT_TRANSLATE_NOOP("Errors", "The SMS gateway cannot be reached. Check the network and the gateway address."),
    "sms.login": QT_TRANSLATE_NOOP("Errors", "Login to the SMS gateway failed. Check the SP code and shared secret."),
    "sms.refused": QT_TRANSLATE_NOOP("Errors", "The SMS gateway refused the message. Contact the gateway's administrator."),
    "sms.protocol": QT_TRANSLATE_NOOP("Errors", "The SMS gateway answered unexpectedly. Try again later or call support."),
    "sms.config": QT_TRANSLATE_NOOP("Errors", "The SMS gateway setting is wrong; use cmpp://SPID@host:port."),
    "billing.type_exists": QT_TRANSLATE_NOOP("Errors", "This charge type exists. Change the existing one or use another code."),
    "queue.previous_waiting": QT_TRANSLATE_NOOP("Errors", "This terminal still has a service ({kind}) waiting in a queue, number {position}. Cancel it to start the new one, or keep waiting."),
    "queue.replaced": QT_TRANSLATE_NOOP("Errors", "The waiting service was cancelled for the new one."),
    "queue.expired": QT_TRANSLATE_NOOP("Errors", "The terminal stopped answering while waiting in the queue. Start the service again."),
    "companion.invalid": QT_TRANSLATE_NOOP("Errors", "The uploaded phone app package cannot be read. Check the file and upload it again."),
    "app.no_such_instance": QT_TRANSLATE_NOOP("Errors", "The application {app} has no such instance. Query the phone to see its instances, then try again."),
    "keystore.hsm_session_export": QT_TRANSLATE_NOOP("Errors", "The HSM cannot keep session keys inside the token and the audited export is not enabled; nothing was done. Tell the key custodian."),
    "keys.aes_length": QT_TRANSLATE_NOOP("Errors", "AES keys are 128, 192 or 256 bits. Check the key and enter it again."),
    "challenge.counter_stale": QT_TRANSLATE_NOOP("Errors", "The secure element\"s answer is not its current one; nothing was done. Place the phone again and run the service again."),
    "challenge.expired": QT_TRANSLATE_NOOP("Errors", "The terminal\"s secure-channel preparation expired; nothing was done. Run the service again; the terminal renews it."),
    "challenge.foreign": QT_TRANSLATE_NOOP("Errors", "The terminal sent secure-channel data issued to another terminal; refused and recorded. Ask an administrator to check the terminal."),
    "challenge.replayed": QT_TRANSLATE_NOOP("Errors", "The terminal sent secure-channel data that was already used; refused and recorded. Run the service again; if it recurs, call support."),
    "challenge.unknown": QT_TRANSLATE_NOOP("Errors", "The platform does not know the terminal\"s secure-channel data; nothing was done. Run the service again."),
    "perso.authentication": QT_TRANSLATE_NOOP("Errors", "Authentication with the application\"s security domain failed. Do not retry; call support."),
    "perso.no_template": QT_TRANSLATE_NOOP("Errors", "The application {app} has no personalisation data; nothing to personalise."),
    "perso.not_installed": QT_TRANSLATE_NOOP("Errors", "The application {app} is not installed on this phone. Download it first."),
    "perso.third_party_sd": QT_TRANSLATE_NOOP("Errors", "The application\"s security domain is keyed by its provider; the provider must personalise it."),
    "perso.transport_key": QT_TRANSLATE_NOOP("Errors", "The provider\"s transport key is not in the key service. Tell the provider or the key custodian, then try again."),
    "sd.attributes_locked": QT_TRANSLATE_NOOP("Errors", "The security domain is already on phones: only its deletion rule and key-update period may change. Change only those."),
    "sd.dap_create_first": QT_TRANSLATE_NOOP("Errors", "The application\"s DAP-mode security domain is not on this phone yet. Create the security domain first."),
    "sd.dap_refused": QT_TRANSLATE_NOOP("Errors", "The phone rejected the application\"s DAP signature; nothing was loaded. Ask the provider to check the signature and submit it again."),
    "sd.dap_signature_missing": QT_TRANSLATE_NOOP("Errors", "The application\"s security domain needs a DAP signature that its provider has not submitted. Tell the provider."),
    "sd.keyed_by_provider": QT_TRANSLATE_NOOP("Errors", "This third-party security domain has its provider\"s keys; the platform cannot act on it. The provider must do it."),
    "sd.no_provider_keys": QT_TRANSLATE_NOOP("Errors", "The security domain\"s provider has not submitted its keys. Tell the provider, then try again."),
    "sd.no_space": QT_TRANSLATE_NOOP("Errors", "The application's security domain has too little fixed space ({needed} bytes needed, {free} free). Delete other applications in it first."),
    "sd.not_dap": QT_TRANSLATE_NOOP("Errors", "The application\"s security domain is not in DAP mode; it takes no DAP signature."),
    "sd.not_third_party": QT_TRANSLATE_NOOP("Errors", "A Mobile-owned security domain is keyed by the platform; it takes no submitted keys. Do not submit any."),
    "sd.not_yours": QT_TRANSLATE_NOOP("Errors", "A provider may key only its own security domains. Check the security domain."),
    "sd.transport_unknown": QT_TRANSLATE_NOOP("Errors", "The key service has no such transport key. Import it first."),
    "keystore.hsm_key_usage": QT_TRANSLATE_NOOP("Errors", "The HSM's AES master key may not derive card keys. Ask the key custodian to re-import the key set, then retry."),
    "sd.keys_updating": QT_TRANSLATE_NOOP("Errors", "This phone's security domain is having its keys updated; nothing else can run until it ends. Try again shortly, or choose to wait in the queue."),
    "sd.token_keys_missing": QT_TRANSLATE_NOOP("Errors", "The platform has no token keys yet, so it cannot download into or delete from a token-mode security domain. Ask the system administrator to create the token keys first."),
    "sd.token_keys_exist": QT_TRANSLATE_NOOP("Errors", "The token keys already exist and are not created twice. Nothing more to do."),
    "sd.token_refused": QT_TRANSLATE_NOOP("Errors", "The phone refused the platform's delegated-management token and nothing on it changed. Do not retry; ask support to check the token keys."),
    "sd.not_token": QT_TRANSLATE_NOOP("Errors", "This security domain is not in token mode and has no delegated-management receipts. Check the security domain."),
    "sd.token_command_malformed": QT_TRANSLATE_NOOP("Errors", "The submitted command is not a valid APDU. Check it and submit again."),
    "sd.receipt_malformed": QT_TRANSLATE_NOOP("Errors", "The receipt data is incomplete: a delete receipt covers one AID, an extradition receipt three, the others two. Check it and submit again."),
    "app.instance_present": QT_TRANSLATE_NOOP("Errors", "This instance is already on the phone; no download needed. See its state under Query."),
    "app.load_file_missing": QT_TRANSLATE_NOOP("Errors", "The phone lacks the application's program file. Delete the application, then download it again."),
    "instance.perso_invalid": QT_TRANSLATE_NOOP("Errors", "The instance's personalisation data is not valid. Correct it as the template describes and submit again."),
    "instance.no_personalisation": QT_TRANSLATE_NOOP("Errors", "The application is not declared as needing personalisation. Declare it first, then set the instance's data."),
    "se.unknown": QT_TRANSLATE_NOOP("Errors", "The platform has no record of this SE. Check the SEID or import its batch first."),
    "scp02.checkpoint": QT_TRANSLATE_NOOP("Errors", "The secure channel could not be resumed. Run the service again."),
    "card_removed": QT_TRANSLATE_NOOP("Errors", "The link to the phone was lost during the operation. Retry the failed SEs later."),
    "platform.busy": QT_TRANSLATE_NOOP("Errors", "The platform is busy; nothing was done. Wait a moment and try again."),
    "terminal.certificate_invalid": QT_TRANSLATE_NOOP("Errors", "This terminal's certificate was not issued by the platform or has expired; refused and recorded. Ask an administrator to enrol this terminal again."),
    "proxy.untrusted": QT_TRANSLATE_NOOP("Errors", "The request did not come through the platform's trusted proxy; refused and recorded. Connect through the hall's platform address, or ask an administrator."),
}

EXTRA_MESSAGES: dict[str, tuple[str, str]] = {
    # A merge inbox, kept empty: a branch's (zh_CN, en) pair pasted here is moved into MESSAGES
    # and the .ts files by `.venv/bin/python build/i18n_messages.py move-extra`
    # (tests/ui/test_i18n_errors.py fails while anything is left here).
}

UNKNOWN_CODE = wording.UNKNOWN_CODE
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
        import uuid  # only for an incident: not at start-up (it pulls in ``platform``)

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
    """Turn any exception into words for the clerk; never a traceback on screen, never the
    platform's own text (it may name staff or operations, and it is not in the clerk's language)."""
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        incident = getattr(exc, "incident", None)
        # Codes only: the platform's prose never reaches the screen.  A code without words is
        # logged as unexpected below (at a kiosk: the generic words, no incident).
        pair = lookup(code) or (UNKNOWN_CODE if public else None)
        if pair is not None:
            text = wording.fill(_pick(pair, language), getattr(exc, "params", None), language)
            if incident and not public:
                text += f" ({incident})"
            return UserError(text, code, incident)
    incident = new_incident_id()
    logger.error("unexpected error, incident %s", incident, exc_info=exc)
    return UserError(_pick(UNEXPECTED, language).format(incident=incident), "unexpected", incident)


def text_for_code(code: str | None, language: str, params: dict[str, object] | None = None) -> str:
    """The words for a code the journal or an outcome recorded (no exception at hand)."""
    return wording.fill(_pick(lookup(code) or UNKNOWN_CODE, language), params, language)


def is_cancellation(exc: BaseException) -> bool:
    """The operator said stop: not an error, nothing to report."""
    return type(exc).__name__ == "Cancelled"


def describe_code(code: str, language: str) -> str:
    """A stable code's words without an exception (a statistics label, say); the code when unknown."""
    pair = lookup(code)
    return _pick(pair, language) if pair is not None else code
