<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppServicePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="65"/>
        <source>No application to choose: read the phone first (Query).</source>
        <translation>No application to choose: read the phone first (Query).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="86"/>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="87"/>
        <source>No application on this phone for this service (read the phone first)</source>
        <translation>No application on this phone for this service (read the phone first)</translation>
    </message>
</context>
<context>
    <name>AppState</name>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>Not downloaded</source>
        <translation>Not downloaded</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>Loaded</source>
        <translation>Loaded</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <location filename="../../ui/labels.py" line="18"/>
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>Selectable</source>
        <translation>Selectable</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Personalized (awaiting activation)</source>
        <translation>Personalized (awaiting activation)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>Usable</source>
        <translation>Usable</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../ui/widgets/panels.py" line="49"/>
        <source>no reader</source>
        <translation>no reader</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="63"/>
        <source>not read yet</source>
        <translation>not read yet</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="50"/>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="67"/>
        <source>SE (SEID)</source>
        <translation>SE (SEID)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="67"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
</context>
<context>
    <name>ChangeNumberPage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="255"/>
        <source>The new phone number must have 11 digits.</source>
        <translation>The new phone number must have 11 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="258"/>
        <source>The two new numbers differ. Type the new number again.</source>
        <translation>The two new numbers differ. Type the new number again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="263"/>
        <source>The IMSI must have 15 digits.</source>
        <translation>The IMSI must have 15 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="282"/>
        <source>New phone number</source>
        <translation>New phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="283"/>
        <source>New phone number again</source>
        <translation>New phone number again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="284"/>
        <source>IMSI of the new SIM</source>
        <translation>IMSI of the new SIM</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../ui/confirm.py" line="27"/>
        <source>Resident identity card</source>
        <translation>Resident identity card</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="28"/>
        <source>Passport</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="29"/>
        <source>Mainland travel permit (Hong Kong / Macao)</source>
        <translation>Mainland travel permit (Hong Kong / Macao)</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="30"/>
        <source>Mainland travel permit (Taiwan)</source>
        <translation>Mainland travel permit (Taiwan)</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="31"/>
        <source>Foreigner&apos;s permanent residence ID card</source>
        <translation>Foreigner&apos;s permanent residence ID card</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="36"/>
        <source>The application and its data are erased from the phone. This cannot be undone: installing it again starts from nothing.</source>
        <translation>The application and its data are erased from the phone. This cannot be undone: installing it again starts from nothing.</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="39"/>
        <source>The application is installed on the new phone and erased from the old phone. The data on the old phone cannot be recovered.</source>
        <translation>The application is installed on the new phone and erased from the old phone. The data on the old phone cannot be recovered.</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="42"/>
        <source>The phone is bound to the new number. The old number no longer works with this phone&apos;s applications.</source>
        <translation>The phone is bound to the new number. The old number no longer works with this phone&apos;s applications.</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="45"/>
        <source>The application can be used again at once, by whoever holds the phone.</source>
        <translation>The application can be used again at once, by whoever holds the phone.</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="77"/>
        <source>Please confirm with the customer</source>
        <translation>Please confirm with the customer</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="78"/>
        <source>%1 — please confirm</source>
        <translation>%1 — please confirm</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="91"/>
        <source>Customer number</source>
        <translation>Customer number</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="93"/>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="95"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="110"/>
        <source>last 4 characters only</source>
        <translation>last 4 characters only</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="112"/>
        <source>Customer identity check</source>
        <translation>Customer identity check</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="116"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="117"/>
        <source>Last characters of the document number</source>
        <translation>Last characters of the document number</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="123"/>
        <source>Confirm and start</source>
        <translation>Confirm and start</translation>
    </message>
    <message>
        <source>The application's personal data on the phone are replaced with its provider's current data. The old data cannot be recovered.</source>
        <translation>The application's personal data on the phone are replaced with its provider's current data. The old data cannot be recovered.</translation>
    </message>
</context>
<context>
    <name>CustomerState</name>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Not on your phone yet</source>
        <translation>Not on your phone yet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <location filename="../../ui/labels.py" line="37"/>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Setup not finished</source>
        <translation>Setup not finished</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <location filename="../../ui/labels.py" line="41"/>
        <source>Ready to use</source>
        <translation>Ready to use</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Waiting to be activated</source>
        <translation>Waiting to be activated</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>DayListPage</name>
    <message>
        <location filename="../../ui/pages/daylist.py" line="137"/>
        <source>%1 services, %2 completed, %3 not completed</source>
        <translation>%1 services, %2 completed, %3 not completed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="141"/>
        <source>%1 interrupted: check those phones</source>
        <translation>%1 interrupted: check those phones</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="174"/>
        <source>Export day list</source>
        <translation>Export day list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="189"/>
        <source>End of day</source>
        <translation>End of day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="190"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="191"/>
        <source>Reprint receipt</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="192"/>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="103"/>
        <location filename="../../ui/pages/daylist.py" line="136"/>
        <source>Interrupted: check the phone</source>
        <translation>Interrupted: check the phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="105"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="106"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="106"/>
        <source>Not completed</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Release the phone</source>
        <translation>Release the phone</translation>
    </message>
    <message>
        <source>Interrupted, then resumed</source>
        <translation>Interrupted, then resumed</translation>
    </message>
    <message>
        <source>Interrupted, then released</source>
        <translation>Interrupted, then released</translation>
    </message>
</context>
<context>
    <name>DeletePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="117"/>
        <source>Delete the instance only (keep the load file)</source>
        <translation>Delete the instance only (keep the load file)</translation>
    </message>
</context>
<context>
    <name>DiagnosticsHome</name>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="71"/>
        <source>Save diagnostics bundle</source>
        <translation>Save diagnostics bundle</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="75"/>
        <source>Writing the diagnostics bundle…</source>
        <translation>Writing the diagnostics bundle…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="81"/>
        <source>Diagnostics bundle written: %1 (secrets removed).</source>
        <translation>Diagnostics bundle written: %1 (secrets removed).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="94"/>
        <source>Technician diagnostics</source>
        <translation>Technician diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="95"/>
        <source>Check the readers, the phone&apos;s chip, the APDU trace and the platform. Subscriber services are done at a counter.</source>
        <translation>Check the readers, the phone&apos;s chip, the APDU trace and the platform. Subscriber services are done at a counter.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="97"/>
        <source>Readers</source>
        <translation>Readers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="97"/>
        <source>Card info</source>
        <translation>Card info</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="97"/>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="98"/>
        <source>Platform check</source>
        <translation>Platform check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="101"/>
        <source>Create diagnostics bundle</source>
        <translation>Create diagnostics bundle</translation>
    </message>
</context>
<context>
    <name>DownloadPage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="176"/>
        <source>installed: %1</source>
        <translation>installed: %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="30"/>
        <source>The terminal configuration is invalid. Please call support.</source>
        <translation>The terminal configuration is invalid. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>The platform cannot be reached. Check the network and try again.</source>
        <translation>The platform cannot be reached. Check the network and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>The platform had an internal error. Please try again later.</source>
        <translation>The platform had an internal error. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>Your login has expired. Please log in again.</source>
        <translation>Your login has expired. Please log in again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34"/>
        <location filename="../../ui/errors.py" line="85"/>
        <source>Wrong operator ID or password. Please enter them again.</source>
        <translation>Wrong operator ID or password. Please enter them again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>Terminal error. Please try again.</source>
        <translation>Terminal error. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="36"/>
        <source>The platform sent an unexpected answer. Please call support.</source>
        <translation>The platform sent an unexpected answer. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>The phone&apos;s secure element cannot be read. Place it again or try another phone.</source>
        <translation>The phone&apos;s secure element cannot be read. Place it again or try another phone.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="38"/>
        <source>The input is not valid. Check it and try again.</source>
        <translation>The input is not valid. Check it and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>The phone on the reader is not the one for this service. Put the right phone back.</source>
        <translation>The phone on the reader is not the one for this service. Put the right phone back.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>This phone is busy with another service ({kind}). Try again shortly.</source>
        <translation>This phone is busy with another service ({kind}). Try again shortly.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>This phone is reported lost; only a lock is possible.</source>
        <translation>This phone is reported lost; only a lock is possible.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
        <source>Unlocking is only possible at a business-hall counter, not at a kiosk.</source>
        <translation>Unlocking is only possible at a business-hall counter, not at a kiosk.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="44"/>
        <source>You are not allowed to run this service. Ask the duty manager.</source>
        <translation>You are not allowed to run this service. Ask the duty manager.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="46"/>
        <source>Reader error. Place the phone again and retry.</source>
        <translation>Reader error. Place the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="47"/>
        <source>The smart-card service (PC/SC) is not running. Please call support.</source>
        <translation>The smart-card service (PC/SC) is not running. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="48"/>
        <source>No card reader found. Please connect a reader.</source>
        <translation>No card reader found. Please connect a reader.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>No phone on the reader. Place the phone on the reader.</source>
        <translation>No phone on the reader. Place the phone on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="50"/>
        <location filename="../../ui/errors.py" line="87"/>
        <source>The phone was removed; the service stopped. Put it back and retry.</source>
        <translation>The phone was removed; the service stopped. Put it back and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>The reader was disconnected. Please reconnect it.</source>
        <translation>The reader was disconnected. Please reconnect it.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>Another program is using the reader. Close it and retry.</source>
        <translation>Another program is using the reader. Close it and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>The phone did not answer. Place it again and retry.</source>
        <translation>The phone did not answer. Place it again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="54"/>
        <source>The phone returned malformed data. Place it again and retry.</source>
        <translation>The phone returned malformed data. Place it again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>The reader does not support extended-length commands. Use another reader or call support.</source>
        <translation>The reader does not support extended-length commands. Use another reader or call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="57"/>
        <source>Secure-element command error. Place the phone again and retry.</source>
        <translation>Secure-element command error. Place the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="58"/>
        <source>Malformed secure-element command. Please call support.</source>
        <translation>Malformed secure-element command. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59"/>
        <source>The secure element returned malformed data. Place the phone again and retry.</source>
        <translation>The secure element returned malformed data. Place the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="60"/>
        <source>The secure element refused a command. Query the phone, then retry.</source>
        <translation>The secure element refused a command. Query the phone, then retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="61"/>
        <source>Secure-channel authentication failed. Please call support.</source>
        <translation>Secure-channel authentication failed. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>Secure-channel check failed. Place the phone again and retry.</source>
        <translation>Secure-channel check failed. Place the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63"/>
        <source>The secure element&apos;s answer is malformed. Place the phone again and retry.</source>
        <translation>The secure element&apos;s answer is malformed. Place the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64"/>
        <location filename="../../ui/errors.py" line="89"/>
        <source>The application file is damaged. Please call support.</source>
        <translation>The application file is damaged. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>This phone is bound to another number. Check the subscriber number and try again.</source>
        <translation>This phone is bound to another number. Check the subscriber number and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="68"/>
        <source>This phone is reported lost; only a lock is possible. If it was found, lift the loss report first.</source>
        <translation>This phone is reported lost; only a lock is possible. If it was found, lift the loss report first.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="69"/>
        <source>This phone&apos;s secure element is retired; no service is possible. Please call support.</source>
        <translation>This phone&apos;s secure element is retired; no service is possible. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="70"/>
        <source>This phone&apos;s secure element is not registered with the platform. Please call support.</source>
        <translation>This phone&apos;s secure element is not registered with the platform. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="71"/>
        <source>This phone is bound to no number yet. Enter the subscriber number and try again.</source>
        <translation>This phone is bound to no number yet. Enter the subscriber number and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="72"/>
        <source>Not enough space on the phone&apos;s secure element ({needed} bytes needed, {free} free). Delete an unused application first, then retry.</source>
        <translation>Not enough space on the phone&apos;s secure element ({needed} bytes needed, {free} free). Delete an unused application first, then retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>This phone cannot receive this application. Try another phone.</source>
        <translation>This phone cannot receive this application. Try another phone.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="74"/>
        <source>No subscriber with the number {number}. Check the number and try again.</source>
        <translation>No subscriber with the number {number}. Check the number and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="75"/>
        <source>This number is suspended or closed. Restore the number first.</source>
        <translation>This number is suspended or closed. Restore the number first.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>The application is already on the phone ({state}); no download needed. See its state under Query.</source>
        <translation>The application is already on the phone ({state}); no download needed. See its state under Query.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>The application {app} does not support this phone. Choose another application.</source>
        <translation>The application {app} does not support this phone. Choose another application.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>No application chosen. Choose one first.</source>
        <translation>No application chosen. Choose one first.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>The platform does not know the application {app}. Read the phone again and retry.</source>
        <translation>The platform does not know the application {app}. Read the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="80"/>
        <source>The application&apos;s current state ({state}) does not allow this service. Query the phone to see its state.</source>
        <translation>The application&apos;s current state ({state}) does not allow this service. Query the phone to see its state.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="81"/>
        <source>The provider {provider} is suspended; its applications cannot be downloaded now. Try again later.</source>
        <translation>The provider {provider} is suspended; its applications cannot be downloaded now. Try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="82"/>
        <source>The new number is the same as the old one. Check the new number.</source>
        <translation>The new number is the same as the old one. Check the new number.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>A number entered is not valid. Check it and try again.</source>
        <translation>A number entered is not valid. Check it and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84"/>
        <source>This subscriber belongs to another region ({region}). Send the customer to a hall of that region.</source>
        <translation>This subscriber belongs to another region ({region}). Send the customer to a hall of that region.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="86"/>
        <source>This terminal is not registered with the platform. Please call support.</source>
        <translation>This terminal is not registered with the platform. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>The phone returned unexpected data. Place it again and retry.</source>
        <translation>The phone returned unexpected data. Place it again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="90"/>
        <source>The application catalogue is misconfigured. Please call support.</source>
        <translation>The application catalogue is misconfigured. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="91"/>
        <source>The application&apos;s personalisation is misconfigured. Please call support.</source>
        <translation>The application&apos;s personalisation is misconfigured. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92"/>
        <source>The platform&apos;s keys are misconfigured. Please call support.</source>
        <translation>The platform&apos;s keys are misconfigured. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="93"/>
        <source>The exchange with the phone went wrong. Place the phone again and retry.</source>
        <translation>The exchange with the phone went wrong. Place the phone again and retry.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="94"/>
        <source>The service&apos;s progress record is invalid. Please call support.</source>
        <translation>The service&apos;s progress record is invalid. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95"/>
        <source>A repeated request differs from the original. Start the service again.</source>
        <translation>A repeated request differs from the original. Start the service again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>An administrator stopped this service. Check the phone, then start again.</source>
        <translation>An administrator stopped this service. Check the phone, then start again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="97"/>
        <source>The service has already finished; it cannot be cancelled.</source>
        <translation>The service has already finished; it cannot be cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98"/>
        <source>The service has ended. Query the phone to see the result.</source>
        <translation>The service has ended. Query the phone to see the result.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="99"/>
        <source>Your account or this terminal may not run this service. Ask the duty manager.</source>
        <translation>Your account or this terminal may not run this service. Ask the duty manager.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100"/>
        <source>The platform does not support this service yet. Please call support.</source>
        <translation>The platform does not support this service yet. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="101"/>
        <source>The terminal sent invalid data. Retry; if it fails again, call support.</source>
        <translation>The terminal sent invalid data. Retry; if it fails again, call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>The platform has no such record ({what} {id}). Refresh and try again.</source>
        <translation>The platform has no such record ({what} {id}). Refresh and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="103"/>
        <source>The platform could not handle the request. Retry; if it fails again, call support.</source>
        <translation>The platform could not handle the request. Retry; if it fails again, call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>Secure-channel data is invalid. Please call support.</source>
        <translation>Secure-channel data is invalid. Please call support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>The platform had an internal error. Retry later; if it fails again, call support.</source>
        <translation>The platform had an internal error. Retry later; if it fails again, call support.</translation>
    </message>
    <message>
        <source>This terminal's unfinished operation on the phone was released; the phone can be served again.</source>
        <translation>This terminal's unfinished operation on the phone was released; the phone can be served again.</translation>
    </message>
    <message>
        <source>This terminal's unfinished operation is being resumed; keep the phone on the reader until it finishes.</source>
        <translation>This terminal's unfinished operation is being resumed; keep the phone on the reader until it finishes.</translation>
    </message>
    <message>
        <source>The declared structure does not match the CAP file ({field}). Correct that field and submit again.</source>
        <translation>The declared structure does not match the CAP file ({field}). Correct that field and submit again.</translation>
    </message>
    <message>
        <source>The uploaded CAP file cannot be read. Check the file and upload it again.</source>
        <translation>The uploaded CAP file cannot be read. Check the file and upload it again.</translation>
    </message>
    <message>
        <source>This AID is already used by another application. Ask for a new AID and submit again.</source>
        <translation>This AID is already used by another application. Ask for a new AID and submit again.</translation>
    </message>
    <message>
        <source>An application named {name} exists. Choose another name.</source>
        <translation>An application named {name} exists. Choose another name.</translation>
    </message>
    <message>
        <source>The platform has no SE batch yet. Add an SE batch first.</source>
        <translation>The platform has no SE batch yet. Add an SE batch first.</translation>
    </message>
    <message>
        <source>A provincial application needs a province. Add it and submit again.</source>
        <translation>A provincial application needs a province. Add it and submit again.</translation>
    </message>
    <message>
        <source>The application is at the stage {release_state}, not the one this step needs. Finish the previous step first.</source>
        <translation>The application is at the stage {release_state}, not the one this step needs. Finish the previous step first.</translation>
    </message>
    <message>
        <source>The application {app} is {release_state} and cannot be downloaded. Choose another application.</source>
        <translation>The application {app} is {release_state} and cannot be downloaded. Choose another application.</translation>
    </message>
    <message>
        <source>The application {app} is under test: only the test numbers may download it. Use a test number.</source>
        <translation>The application {app} is under test: only the test numbers may download it. Use a test number.</translation>
    </message>
    <message>
        <source>The application {app} is offered to listed subscribers only; this one is not listed. Choose another application.</source>
        <translation>The application {app} is offered to listed subscribers only; this one is not listed. Choose another application.</translation>
    </message>
    <message>
        <source>The application {app} is offered in its province only; the subscriber is from elsewhere. Choose another application.</source>
        <translation>The application {app} is offered in its province only; the subscriber is from elsewhere. Choose another application.</translation>
    </message>
    <message>
        <source>This removal has already been handled. Refresh to see its state.</source>
        <translation>This removal has already been handled. Refresh to see its state.</translation>
    </message>
    <message>
        <source>The provider {provider} is not approved or is blacklisted and cannot submit apps. Contact a business administrator.</source>
        <translation>The provider {provider} is not approved or is blacklisted and cannot submit apps. Contact a business administrator.</translation>
    </message>
    <message>
        <source>The provider {name} is already registered; look it up and change its details instead.</source>
        <translation>The provider {name} is already registered; look it up and change its details instead.</translation>
    </message>
    <message>
        <source>The provider&apos;s state ({provider_state}) does not allow this step. Refresh and try again.</source>
        <translation>The provider&apos;s state ({provider_state}) does not allow this step. Refresh and try again.</translation>
    </message>
    <message>
        <source>Approval needs an account name and a first password; fill them in and submit again.</source>
        <translation>Approval needs an account name and a first password; fill them in and submit again.</translation>
    </message>
    <message>
        <source>Archive all of the provider's applications first, then deregister it.</source>
        <translation>Archive all of the provider's applications first, then deregister it.</translation>
    </message>
    <message>
        <source>A batch named {name} exists. Choose another name.</source>
        <translation>A batch named {name} exists. Choose another name.</translation>
    </message>
    <message>
        <source>The SEID range partly overlaps the batch {name}. Adjust the range.</source>
        <translation>The SEID range partly overlaps the batch {name}. Adjust the range.</translation>
    </message>
    <message>
        <source>The region code {region} already exists; use another code or change the existing region.</source>
        <translation>The region code {region} already exists; use another code or change the existing region.</translation>
    </message>
    <message>
        <source>Wrong parent region: a city belongs to a province, a county to a city.</source>
        <translation>Wrong parent region: a city belongs to a province, a county to a city.</translation>
    </message>
    <message>
        <source>The operator name {name} exists. Choose another one.</source>
        <translation>The operator name {name} exists. Choose another one.</translation>
    </message>
    <message>
        <source>The configuration document's version is not supported. Use a file exported by this platform.</source>
        <translation>The configuration document's version is not supported. Use a file exported by this platform.</translation>
    </message>
    <message>
        <source>This subscriber is already registered; look the number up instead.</source>
        <translation>This subscriber is already registered; look the number up instead.</translation>
    </message>
    <message>
        <source>Unsubscribe and delete every application on this number's SEs first, at a business hall.</source>
        <translation>Unsubscribe and delete every application on this number's SEs first, at a business hall.</translation>
    </message>
    <message>
        <source>This business platform may not call this capability. Ask a business administrator to grant it.</source>
        <translation>This business platform may not call this capability. Ask a business administrator to grant it.</translation>
    </message>
    <message>
        <source>The application does not belong to this business platform's provider; check the application and send again.</source>
        <translation>The application does not belong to this business platform's provider; check the application and send again.</translation>
    </message>
    <message>
        <source>No SE of this subscriber holds the application in a state this notice applies to. Check its state first.</source>
        <translation>No SE of this subscriber holds the application in a state this notice applies to. Check its state first.</translation>
    </message>
    <message>
        <source>The configuration document cannot be read. Check that it is JSON.</source>
        <translation>The configuration document cannot be read. Check that it is JSON.</translation>
    </message>
    <message>
        <source>The platform lacks this card batch's key version. Ask the key custodian to import it.</source>
        <translation>The platform lacks this card batch's key version. Ask the key custodian to import it.</translation>
    </message>
    <message>
        <source>Keys in the HSM cannot be exported. Please call support.</source>
        <translation>Keys in the HSM cannot be exported. Please call support.</translation>
    </message>
    <message>
        <source>The HSM cannot send new keys; the key update was skipped, the service goes on. Tell the key custodian.</source>
        <translation>The HSM cannot send new keys; the key update was skipped, the service goes on. Tell the key custodian.</translation>
    </message>
    <message>
        <source>The HSM driver cannot be loaded. Check the platform's --keystore setting.</source>
        <translation>The HSM driver cannot be loaded. Check the platform's --keystore setting.</translation>
    </message>
    <message>
        <source>The HSM token was not found. Check the token label.</source>
        <translation>The HSM token was not found. Check the token label.</translation>
    </message>
    <message>
        <source>HSM login failed. Check the PIN variable or PIN file.</source>
        <translation>HSM login failed. Check the PIN variable or PIN file.</translation>
    </message>
    <message>
        <source>The HSM lacks the SCP02 algorithms. Use another HSM or enable OpenSSL legacy.</source>
        <translation>The HSM lacks the SCP02 algorithms. Use another HSM or enable OpenSSL legacy.</translation>
    </message>
    <message>
        <source>The key service setting is malformed. Use pkcs11:module=…;token=…;pin-env=….</source>
        <translation>The key service setting is malformed. Use pkcs11:module=…;token=…;pin-env=….</translation>
    </message>
    <message>
        <source>The PIN must not be on the command line. Use pin-env or pin-file.</source>
        <translation>The PIN must not be on the command line. Use pin-env or pin-file.</translation>
    </message>
    <message>
        <source>No HSM PIN given. Set the PIN variable or file.</source>
        <translation>No HSM PIN given. Set the PIN variable or file.</translation>
    </message>
    <message>
        <source>The check value of {role} component {n} does not match; refused. Its custodian should check it and start again.</source>
        <translation>The check value of {role} component {n} does not match; refused. Its custodian should check it and start again.</translation>
    </message>
    <message>
        <source>The combined {role} key&apos;s check value does not match; refused. Check all components and start again.</source>
        <translation>The combined {role} key&apos;s check value does not match; refused. Check all components and start again.</translation>
    </message>
    <message>
        <source>A key component or check value must be {digits} hex digits. Enter it again.</source>
        <translation>A key component or check value must be {digits} hex digits. Enter it again.</translation>
    </message>
    <message>
        <source>A key is entered as 2 or 3 components; enter it again in 2 or 3 parts.</source>
        <translation>A key is entered as 2 or 3 components; enter it again in 2 or 3 parts.</translation>
    </message>
    <message>
        <source>The key version {kvn} is outside 01 to 7F. Correct it.</source>
        <translation>The key version {kvn} is outside 01 to 7F. Correct it.</translation>
    </message>
    <message>
        <source>Key version {kvn} is not imported yet. Run the key import first.</source>
        <translation>Key version {kvn} is not imported yet. Run the key import first.</translation>
    </message>
    <message>
        <source>The card&apos;s key version {kvn} is not imported; ask the key custodian to import it, then retry.</source>
        <translation>The card&apos;s key version {kvn} is not imported; ask the key custodian to import it, then retry.</translation>
    </message>
    <message>
        <source>The security domain is not registered. Register it on the platform first.</source>
        <translation>The security domain is not registered. Register it on the platform first.</translation>
    </message>
    <message>
        <source>The issuer security domain cannot be deleted or re-created; choose a supplementary security domain.</source>
        <translation>The issuer security domain cannot be deleted or re-created; choose a supplementary security domain.</translation>
    </message>
    <message>
        <source>The security domain still holds applications. Delete them first.</source>
        <translation>The security domain still holds applications. Delete them first.</translation>
    </message>
    <message>
        <source>The security domain's keys are not imported. Run the key import first.</source>
        <translation>The security domain's keys are not imported. Run the key import first.</translation>
    </message>
    <message>
        <source>Third-party security domains are not supported yet. Please call support.</source>
        <translation>Third-party security domains are not supported yet. Please call support.</translation>
    </message>
    <message>
        <source>The security domain's authentication failed. Do not retry; call support.</source>
        <translation>The security domain's authentication failed. Do not retry; call support.</translation>
    </message>
    <message>
        <source>The security domain's key check values differ. Please call support.</source>
        <translation>The security domain's key check values differ. Please call support.</translation>
    </message>
    <message>
        <source>No such batch. Check the batch name.</source>
        <translation>No such batch. Check the batch name.</translation>
    </message>
    <message>
        <source>The secure element's answer could not be authenticated; nothing was recorded. Place the phone again and run the service again.</source>
        <translation>The secure element's answer could not be authenticated; nothing was recorded. Place the phone again and run the service again.</translation>
    </message>
    <message>
        <source>The platform's record did not match the phone; it was checked against the phone. Query the phone, then run the service again.</source>
        <translation>The platform's record did not match the phone; it was checked against the phone. Query the phone, then run the service again.</translation>
    </message>
    <message>
        <source>Phones of this batch cannot be served yet: the batch's security settings are incomplete. Please call support.</source>
        <translation>Phones of this batch cannot be served yet: the batch's security settings are incomplete. Please call support.</translation>
    </message>
    <message>
        <source>The operation was idle too long and was ended. Run the service again.</source>
        <translation>The operation was idle too long and was ended. Run the service again.</translation>
    </message>
    <message>
        <source>This terminal started the service again; the earlier unfinished operation was released. Nothing to do.</source>
        <translation>This terminal started the service again; the earlier unfinished operation was released. Nothing to do.</translation>
    </message>
    <message>
        <source>This phone gives no chip identity and its batch's keys are not diversified per card, so the platform cannot tell which card it is. Please call support.</source>
        <translation>This phone gives no chip identity and its batch's keys are not diversified per card, so the platform cannot tell which card it is. Please call support.</translation>
    </message>
    <message>
        <source>This terminal has no such unfinished operation. Refresh the list and try again.</source>
        <translation>This terminal has no such unfinished operation. Refresh the list and try again.</translation>
    </message>
    <message>
        <source>Your account may not use this service on this terminal. Go to a counter or ask an administrator.</source>
        <translation>Your account may not use this service on this terminal. Go to a counter or ask an administrator.</translation>
    </message>
    <message>
        <source>Too many failed logins; the account is locked. Try again in {seconds} seconds.</source>
        <translation>Too many failed logins; the account is locked. Try again in {seconds} seconds.</translation>
    </message>
    <message>
        <source>You were logged out after a period of inactivity. Please log in again.</source>
        <translation>You were logged out after a period of inactivity. Please log in again.</translation>
    </message>
    <message>
        <source>This terminal's enrolment does not match the login. Ask an administrator to check the terminal's configuration.</source>
        <translation>This terminal's enrolment does not match the login. Ask an administrator to check the terminal's configuration.</translation>
    </message>
    <message>
        <source>This terminal is not enrolled. Ask an administrator to enrol it.</source>
        <translation>This terminal is not enrolled. Ask an administrator to enrol it.</translation>
    </message>
    <message>
        <source>This terminal's certificate is not enrolled or was replaced. Ask an administrator to enrol it again.</source>
        <translation>This terminal's certificate is not enrolled or was replaced. Ask an administrator to enrol it again.</translation>
    </message>
    <message>
        <source>This terminal has been revoked. Please contact an administrator.</source>
        <translation>This terminal has been revoked. Please contact an administrator.</translation>
    </message>
    <message>
        <source>The request contains a forbidden character. Check the input and try again.</source>
        <translation>The request contains a forbidden character. Check the input and try again.</translation>
    </message>
    <message>
        <source>The request is too large. Send less and try again.</source>
        <translation>The request is too large. Send less and try again.</translation>
    </message>
    <message>
        <source>The secure element's secure-channel settings do not match the platform's. Ask support to check the batch configuration.</source>
        <translation>The secure element's secure-channel settings do not match the platform's. Ask support to check the batch configuration.</translation>
    </message>
    <message>
        <source>Secure-channel authentication failed: the keys do not match. Do not retry (the card may lock); call support.</source>
        <translation>Secure-channel authentication failed: the keys do not match. Do not retry (the card may lock); call support.</translation>
    </message>
    <message>
        <source>Secure-channel check failed. Place the phone again and run the service again.</source>
        <translation>Secure-channel check failed. Place the phone again and run the service again.</translation>
    </message>
    <message>
        <source>The secure element does not speak the secure-channel protocol its batch names. Ask support to check the batch.</source>
        <translation>The secure element does not speak the secure-channel protocol its batch names. Ask support to check the batch.</translation>
    </message>
    <message>
        <source>This batch's security level is not supported yet. Ask an administrator to change the batch.</source>
        <translation>This batch's security level is not supported yet. Ask an administrator to change the batch.</translation>
    </message>
    <message>
        <source>This AES batch names a key diversification the platform does not use; it must be none or kdf3. Ask an administrator to change the batch.</source>
        <translation>This AES batch names a key diversification the platform does not use; it must be none or kdf3. Ask an administrator to change the batch.</translation>
    </message>
    <message>
        <source>This batch names a secure-channel protocol the platform does not speak. Ask an administrator to fix the batch.</source>
        <translation>This batch names a secure-channel protocol the platform does not speak. Ask an administrator to fix the batch.</translation>
    </message>
    <message>
        <source>The secure channel could not be resumed. Run the service again.</source>
        <translation>The secure channel could not be resumed. Run the service again.</translation>
    </message>
    <message>
        <source>The replayed session left the recorded trace. Give the trace to support for analysis.</source>
        <translation>The replayed session left the recorded trace. Give the trace to support for analysis.</translation>
    </message>
    <message>
        <source>The APDU trace file cannot be read. Check the file and try again.</source>
        <translation>The APDU trace file cannot be read. Check the file and try again.</translation>
    </message>
    <message>
        <source>The task names SEs the platform does not know ({seids}). Check the SEIDs or import their batch first.</source>
        <translation>The task names SEs the platform does not know ({seids}). Check the SEIDs or import their batch first.</translation>
    </message>
    <message>
        <source>The task's target names no SE. Change the target and try again.</source>
        <translation>The task's target names no SE. Change the target and try again.</translation>
    </message>
    <message>
        <source>Migration and number change need a counter; they cannot be remote tasks.</source>
        <translation>Migration and number change need a counter; they cannot be remote tasks.</translation>
    </message>
    <message>
        <source>The task has no failed SE; there is nothing to retry.</source>
        <translation>The task has no failed SE; there is nothing to retry.</translation>
    </message>
    <message>
        <source>An earlier request for this SE is still waiting. Confirm that it should be cancelled to go on with this one.</source>
        <translation>An earlier request for this SE is still waiting. Confirm that it should be cancelled to go on with this one.</translation>
    </message>
    <message>
        <source>This SE has no pending work; run the service the customer needs directly.</source>
        <translation>This SE has no pending work; run the service the customer needs directly.</translation>
    </message>
    <message>
        <source>The push message has expired. Refresh the tasks in the wallet or visit a business hall.</source>
        <translation>The push message has expired. Refresh the tasks in the wallet or visit a business hall.</translation>
    </message>
    <message>
        <source>The phone did not answer the PUSH SMS. Make sure it is on and in coverage, then retry the failed SEs.</source>
        <translation>The phone did not answer the PUSH SMS. Make sure it is on and in coverage, then retry the failed SEs.</translation>
    </message>
    <message>
        <source>The SE is bound to no number. Bind it at a counter, then retry.</source>
        <translation>The SE is bound to no number. Bind it at a counter, then retry.</translation>
    </message>
    <message>
        <source>The SMS gateway cannot send now. Check the gateway link, then retry.</source>
        <translation>The SMS gateway cannot send now. Check the gateway link, then retry.</translation>
    </message>
    <message>
        <source>The SMS gateway cannot be reached. Check the network and the gateway address.</source>
        <translation>The SMS gateway cannot be reached. Check the network and the gateway address.</translation>
    </message>
    <message>
        <source>Login to the SMS gateway failed. Check the SP code and shared secret.</source>
        <translation>Login to the SMS gateway failed. Check the SP code and shared secret.</translation>
    </message>
    <message>
        <source>The SMS gateway refused the message. Contact the gateway's administrator.</source>
        <translation>The SMS gateway refused the message. Contact the gateway's administrator.</translation>
    </message>
    <message>
        <source>The SMS gateway answered unexpectedly. Try again later or call support.</source>
        <translation>The SMS gateway answered unexpectedly. Try again later or call support.</translation>
    </message>
    <message>
        <source>The SMS gateway setting is wrong; use cmpp://SPID@host:port.</source>
        <translation>The SMS gateway setting is wrong; use cmpp://SPID@host:port.</translation>
    </message>
    <message>
        <source>This charge type exists. Change the existing one or use another code.</source>
        <translation>This charge type exists. Change the existing one or use another code.</translation>
    </message>
    <message>
        <source>This terminal still has a service ({kind}) waiting in a queue, number {position}. Cancel it to start the new one, or keep waiting.</source>
        <translation>This terminal still has a service ({kind}) waiting in a queue, number {position}. Cancel it to start the new one, or keep waiting.</translation>
    </message>
    <message>
        <source>The waiting service was cancelled for the new one.</source>
        <translation>The waiting service was cancelled for the new one.</translation>
    </message>
    <message>
        <source>The terminal stopped answering while waiting in the queue. Start the service again.</source>
        <translation>The terminal stopped answering while waiting in the queue. Start the service again.</translation>
    </message>
    <message>
        <source>The uploaded phone app package cannot be read. Check the file and upload it again.</source>
        <translation>The uploaded phone app package cannot be read. Check the file and upload it again.</translation>
    </message>
    <message>
        <source>The application {app} has no such instance. Query the phone to see its instances, then try again.</source>
        <translation>The application {app} has no such instance. Query the phone to see its instances, then try again.</translation>
    </message>
    <message>
        <source>The HSM cannot keep session keys inside the token and the audited export is not enabled; nothing was done. Tell the key custodian.</source>
        <translation>The HSM cannot keep session keys inside the token and the audited export is not enabled; nothing was done. Tell the key custodian.</translation>
    </message>
    <message>
        <source>AES keys are 128, 192 or 256 bits. Check the key and enter it again.</source>
        <translation>AES keys are 128, 192 or 256 bits. Check the key and enter it again.</translation>
    </message>
    <message>
        <source>The secure element"s answer is not its current one; nothing was done. Place the phone again and run the service again.</source>
        <translation>The secure element"s answer is not its current one; nothing was done. Place the phone again and run the service again.</translation>
    </message>
    <message>
        <source>The terminal"s secure-channel preparation expired; nothing was done. Run the service again; the terminal renews it.</source>
        <translation>The terminal"s secure-channel preparation expired; nothing was done. Run the service again; the terminal renews it.</translation>
    </message>
    <message>
        <source>The terminal sent secure-channel data issued to another terminal; refused and recorded. Ask an administrator to check the terminal.</source>
        <translation>The terminal sent secure-channel data issued to another terminal; refused and recorded. Ask an administrator to check the terminal.</translation>
    </message>
    <message>
        <source>The terminal sent secure-channel data that was already used; refused and recorded. Run the service again; if it recurs, call support.</source>
        <translation>The terminal sent secure-channel data that was already used; refused and recorded. Run the service again; if it recurs, call support.</translation>
    </message>
    <message>
        <source>The platform does not know the terminal"s secure-channel data; nothing was done. Run the service again.</source>
        <translation>The platform does not know the terminal"s secure-channel data; nothing was done. Run the service again.</translation>
    </message>
    <message>
        <source>Authentication with the application"s security domain failed. Do not retry; call support.</source>
        <translation>Authentication with the application"s security domain failed. Do not retry; call support.</translation>
    </message>
    <message>
        <source>The application {app} has no personalisation data; nothing to personalise.</source>
        <translation>The application {app} has no personalisation data; nothing to personalise.</translation>
    </message>
    <message>
        <source>The application {app} is not installed on this phone. Download it first.</source>
        <translation>The application {app} is not installed on this phone. Download it first.</translation>
    </message>
    <message>
        <source>The application"s security domain is keyed by its provider; the provider must personalise it.</source>
        <translation>The application"s security domain is keyed by its provider; the provider must personalise it.</translation>
    </message>
    <message>
        <source>The provider"s transport key is not in the key service. Tell the provider or the key custodian, then try again.</source>
        <translation>The provider"s transport key is not in the key service. Tell the provider or the key custodian, then try again.</translation>
    </message>
    <message>
        <source>The security domain is already on phones: only its deletion rule and key-update period may change. Change only those.</source>
        <translation>The security domain is already on phones: only its deletion rule and key-update period may change. Change only those.</translation>
    </message>
    <message>
        <source>The application"s DAP-mode security domain is not on this phone yet. Create the security domain first.</source>
        <translation>The application"s DAP-mode security domain is not on this phone yet. Create the security domain first.</translation>
    </message>
    <message>
        <source>The phone rejected the application"s DAP signature; nothing was loaded. Ask the provider to check the signature and submit it again.</source>
        <translation>The phone rejected the application"s DAP signature; nothing was loaded. Ask the provider to check the signature and submit it again.</translation>
    </message>
    <message>
        <source>The application"s security domain needs a DAP signature that its provider has not submitted. Tell the provider.</source>
        <translation>The application"s security domain needs a DAP signature that its provider has not submitted. Tell the provider.</translation>
    </message>
    <message>
        <source>This third-party security domain has its provider"s keys; the platform cannot act on it. The provider must do it.</source>
        <translation>This third-party security domain has its provider"s keys; the platform cannot act on it. The provider must do it.</translation>
    </message>
    <message>
        <source>The security domain"s provider has not submitted its keys. Tell the provider, then try again.</source>
        <translation>The security domain"s provider has not submitted its keys. Tell the provider, then try again.</translation>
    </message>
    <message>
        <source>The application&apos;s security domain has too little fixed space ({needed} bytes needed, {free} free). Delete other applications in it first.</source>
        <translation>The application&apos;s security domain has too little fixed space ({needed} bytes needed, {free} free). Delete other applications in it first.</translation>
    </message>
    <message>
        <source>The application"s security domain is not in DAP mode; it takes no DAP signature.</source>
        <translation>The application"s security domain is not in DAP mode; it takes no DAP signature.</translation>
    </message>
    <message>
        <source>A Mobile-owned security domain is keyed by the platform; it takes no submitted keys. Do not submit any.</source>
        <translation>A Mobile-owned security domain is keyed by the platform; it takes no submitted keys. Do not submit any.</translation>
    </message>
    <message>
        <source>A provider may key only its own security domains. Check the security domain.</source>
        <translation>A provider may key only its own security domains. Check the security domain.</translation>
    </message>
    <message>
        <source>The key service has no such transport key. Import it first.</source>
        <translation>The key service has no such transport key. Import it first.</translation>
    </message>
    <message>
        <source>The HSM's AES master key may not derive card keys. Ask the key custodian to re-import the key set, then retry.</source>
        <translation>The HSM's AES master key may not derive card keys. Ask the key custodian to re-import the key set, then retry.</translation>
    </message>
    <message>
        <source>This phone's security domain is having its keys updated; nothing else can run until it ends. Try again shortly, or choose to wait in the queue.</source>
        <translation>This phone's security domain is having its keys updated; nothing else can run until it ends. Try again shortly, or choose to wait in the queue.</translation>
    </message>
    <message>
        <source>The platform has no token keys yet, so it cannot download into or delete from a token-mode security domain. Ask the system administrator to create the token keys first.</source>
        <translation>The platform has no token keys yet, so it cannot download into or delete from a token-mode security domain. Ask the system administrator to create the token keys first.</translation>
    </message>
    <message>
        <source>The token keys already exist and are not created twice. Nothing more to do.</source>
        <translation>The token keys already exist and are not created twice. Nothing more to do.</translation>
    </message>
    <message>
        <source>The phone refused the platform's delegated-management token and nothing on it changed. Do not retry; ask support to check the token keys.</source>
        <translation>The phone refused the platform's delegated-management token and nothing on it changed. Do not retry; ask support to check the token keys.</translation>
    </message>
    <message>
        <source>This security domain is not in token mode and has no delegated-management receipts. Check the security domain.</source>
        <translation>This security domain is not in token mode and has no delegated-management receipts. Check the security domain.</translation>
    </message>
    <message>
        <source>The submitted command is not a valid APDU. Check it and submit again.</source>
        <translation>The submitted command is not a valid APDU. Check it and submit again.</translation>
    </message>
    <message>
        <source>The receipt data is incomplete: a delete receipt covers one AID, an extradition receipt three, the others two. Check it and submit again.</source>
        <translation>The receipt data is incomplete: a delete receipt covers one AID, an extradition receipt three, the others two. Check it and submit again.</translation>
    </message>
    <message>
        <source>This instance is already on the phone; no download needed. See its state under Query.</source>
        <translation>This instance is already on the phone; no download needed. See its state under Query.</translation>
    </message>
    <message>
        <source>The phone lacks the application's program file. Delete the application, then download it again.</source>
        <translation>The phone lacks the application's program file. Delete the application, then download it again.</translation>
    </message>
    <message>
        <source>The instance's personalisation data is not valid. Correct it as the template describes and submit again.</source>
        <translation>The instance's personalisation data is not valid. Correct it as the template describes and submit again.</translation>
    </message>
    <message>
        <source>The application is not declared as needing personalisation. Declare it first, then set the instance's data.</source>
        <translation>The application is not declared as needing personalisation. Declare it first, then set the instance's data.</translation>
    </message>
    <message>
        <source>The platform has no record of this SE. Check the SEID or import its batch first.</source>
        <translation>The platform has no record of this SE. Check the SEID or import its batch first.</translation>
    </message>
    <message>
        <source>The link to the phone was lost during the operation. Retry the failed SEs later.</source>
        <translation>The link to the phone was lost during the operation. Retry the failed SEs later.</translation>
    </message>
    <message>
        <source>The platform is busy; nothing was done. Wait a moment and try again.</source>
        <translation>The platform is busy; nothing was done. Wait a moment and try again.</translation>
    </message>
    <message>
        <source>This terminal's certificate was not issued by the platform or has expired; refused and recorded. Ask an administrator to enrol this terminal again.</source>
        <translation>This terminal's certificate was not issued by the platform or has expired; refused and recorded. Ask an administrator to enrol this terminal again.</translation>
    </message>
    <message>
        <source>The request did not come through the platform's trusted proxy; refused and recorded. Connect through the hall's platform address, or ask an administrator.</source>
        <translation>The request did not come through the platform's trusted proxy; refused and recorded. Connect through the hall's platform address, or ask an administrator.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home.py" line="62"/>
        <source>Welcome! Place your phone on the reader.</source>
        <translation>Welcome! Place your phone on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="63"/>
        <source>Self-service: see the applications on your phone, or lock one.</source>
        <translation>Self-service: see the applications on your phone, or lock one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="65"/>
        <source>Counter services</source>
        <translation>Counter services</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="66"/>
        <source>Place the subscriber&apos;s phone on the reader, then choose a service.</source>
        <translation>Place the subscriber&apos;s phone on the reader, then choose a service.</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="34"/>
        <source>Application %1</source>
        <translation>Application %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="66"/>
        <source>The printer is not available. Please ask our staff.</source>
        <translation>The printer is not available. Please ask our staff.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="68"/>
        <source>Receipt printed. Reference: %1</source>
        <translation>Receipt printed. Reference: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="148"/>
        <source>Print receipt</source>
        <translation>Print receipt</translation>
    </message>
</context>
<context>
    <name>KioskLockPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="268"/>
        <source>There is no application on your phone that can be locked.</source>
        <translation>There is no application on your phone that can be locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="270"/>
        <source>Tap the application you want to lock.</source>
        <translation>Tap the application you want to lock.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="311"/>
        <source>Lock this application?</source>
        <translation>Lock this application?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="315"/>
        <source>Once locked, this application cannot be used until it is unlocked at a business hall.</source>
        <translation>Once locked, this application cannot be used until it is unlocked at a business hall.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="317"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="319"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="264"/>
        <source>First place your phone on the reader and tap &quot;Read my phone&quot;.</source>
        <translation>First place your phone on the reader and tap &quot;Read my phone&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="266"/>
        <source>All the applications on your phone are locked.</source>
        <translation>All the applications on your phone are locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="312"/>
        <source>Lock &quot;%1&quot;?</source>
        <translation>Lock &quot;%1&quot;?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="347"/>
        <source>&quot;%1&quot; is now locked.</source>
        <translation>&quot;%1&quot; is now locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="348"/>
        <source>To use it again, bring your phone and ID to a business hall.</source>
        <translation>To use it again, bring your phone and ID to a business hall.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="364"/>
        <source>Lock the selected application</source>
        <translation>Lock the selected application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="368"/>
        <source>Lock an application on your phone, for example if you fear someone else might use it.</source>
        <translation>Lock an application on your phone, for example if you fear someone else might use it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="371"/>
        <source>Read my phone</source>
        <translation>Read my phone</translation>
    </message>
</context>
<context>
    <name>KioskQueryPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="137"/>
        <source>Here is what is on your phone.</source>
        <translation>Here is what is on your phone.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="148"/>
        <source>No number registered</source>
        <translation>No number registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="151"/>
        <source>No applications on your phone yet.</source>
        <translation>No applications on your phone yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="163"/>
        <source>Not known</source>
        <translation>Not known</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="168"/>
        <source>%1 free of %2</source>
        <translation>%1 free of %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="189"/>
        <source>Read my phone</source>
        <translation>Read my phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="193"/>
        <source>Place your phone on the reader, then tap &quot;Read my phone&quot;.</source>
        <translation>Place your phone on the reader, then tap &quot;Read my phone&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="196"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="197"/>
        <source>My applications</source>
        <translation>My applications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="198"/>
        <source>Free space</source>
        <translation>Free space</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="56"/>
        <source>Enter your operator ID and password.</source>
        <translation>Enter your operator ID and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="81"/>
        <source>HallTerm — log in</source>
        <translation>HallTerm — log in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="82"/>
        <source>Log in to the counter terminal</source>
        <translation>Log in to the counter terminal</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="83"/>
        <source>Operator ID</source>
        <translation>Operator ID</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="83"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="84"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Put the phone on the reader</source>
        <translation>Put the phone on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>Please confirm</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>HallTerm counter terminal</source>
        <translation>HallTerm counter terminal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>End of day</source>
        <translation>End of day</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Readers</source>
        <translation>Readers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Card info</source>
        <translation>Card info</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="205"/>
        <source>Same reader (swap the phones when asked)</source>
        <translation>Same reader (swap the phones when asked)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="220"/>
        <source>old phone on %1</source>
        <translation>old phone on %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="221"/>
        <source>new phone on %1</source>
        <translation>new phone on %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="222"/>
        <source>new phone, swapped onto the same reader when asked</source>
        <translation>new phone, swapped onto the same reader when asked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="227"/>
        <source>New phone on</source>
        <translation>New phone on</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="186"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="192"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="192"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="200"/>
        <source>The platform answers.</source>
        <translation>The platform answers.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="211"/>
        <source>Platform connection</source>
        <translation>Platform connection</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Check now</source>
        <translation>Check now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Reachable</source>
        <translation>Reachable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Latency</source>
        <translation>Latency</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="214"/>
        <source>TLS (HTTPS)</source>
        <translation>TLS (HTTPS)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="214"/>
        <source>Platform version</source>
        <translation>Platform version</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="215"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="24"/>
        <source>Reading the phone</source>
        <translation>Reading the phone</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="25"/>
        <source>Connecting to the platform</source>
        <translation>Connecting to the platform</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="26"/>
        <source>Opening the secure channel</source>
        <translation>Opening the secure channel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="27"/>
        <source>Writing</source>
        <translation>Writing</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="28"/>
        <source>Reading the applications</source>
        <translation>Reading the applications</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="29"/>
        <source>Checking</source>
        <translation>Checking</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="34"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="87"/>
        <source>Waiting for the service already running on this reader…</source>
        <translation>Waiting for the service already running on this reader…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="88"/>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="125"/>
        <source>blocks</source>
        <translation>blocks</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="125"/>
        <source>commands</source>
        <translation>commands</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="126"/>
        <source>%1: %2/%3 %4</source>
        <translation>%1: %2/%3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="147"/>
        <source>Elapsed %1</source>
        <translation>Elapsed %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="151"/>
        <source>about %1 left</source>
        <translation>about %1 left</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="160"/>
        <source>Cancelling at the next safe point…</source>
        <translation>Cancelling at the next safe point…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="164"/>
        <source>Do not remove the phone from the reader</source>
        <translation>Do not remove the phone from the reader</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="165"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>This phone is busy with another service: waiting in its queue, %1 ahead</source>
        <translation>This phone is busy with another service: waiting in its queue, %1 ahead</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <location filename="../../ui/pages/query.py" line="114"/>
        <source>The phone was read.</source>
        <translation>The phone was read.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="124"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="124"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="125"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="126"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="141"/>
        <source>IC fabricator</source>
        <translation>IC fabricator</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="141"/>
        <source>IC type</source>
        <translation>IC type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>OS ID</source>
        <translation>OS ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>OS release date</source>
        <translation>OS release date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="143"/>
        <source>IC serial number</source>
        <translation>IC serial number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="143"/>
        <source>IC batch</source>
        <translation>IC batch</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="144"/>
        <source>IC fabrication date</source>
        <translation>IC fabrication date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="145"/>
        <source>Module packaging date</source>
        <translation>Module packaging date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="146"/>
        <source>Personalizer</source>
        <translation>Personalizer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="146"/>
        <source>Personalization date</source>
        <translation>Personalization date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="155"/>
        <source>Read the phone</source>
        <translation>Read the phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="161"/>
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="162"/>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="163"/>
        <source>Security domains</source>
        <translation>Security domains</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="164"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="165"/>
        <source>Chip details</source>
        <translation>Chip details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="166"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="166"/>
        <location filename="../../ui/pages/query.py" line="168"/>
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="166"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="167"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="168"/>
        <source>Life cycle</source>
        <translation>Life cycle</translation>
    </message>
    <message>
        <source>No phone app on record for: %1. Tell the application's provider; the customer can use the application without it.</source>
        <translation>No phone app on record for: %1. Tell the application's provider; the customer can use the application without it.</translation>
    </message>
    <message>
        <source>Update personalisation…</source>
        <translation>Update personalisation…</translation>
    </message>
    <message>
        <source>Personalise the selected application again with its provider's current data</source>
        <translation>Personalise the selected application again with its provider's current data</translation>
    </message>
</context>
<context>
    <name>ReadersPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="72"/>
        <source>Scanning readers…</source>
        <translation>Scanning readers…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="80"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="80"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="84"/>
        <source>%1 reader(s) found.</source>
        <translation>%1 reader(s) found.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="91"/>
        <source>Reader diagnostics</source>
        <translation>Reader diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>Re-scan</source>
        <translation>Re-scan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Card present</source>
        <translation>Card present</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="94"/>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="94"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/receipt.py" line="38"/>
        <source>Removed from the phone</source>
        <translation>Removed from the phone</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="39"/>
        <source>Moved to the new phone</source>
        <translation>Moved to the new phone</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="74"/>
        <source>Service receipt</source>
        <translation>Service receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="80"/>
        <source>%1 business hall</source>
        <translation>%1 business hall</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="138"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="139"/>
        <source>Not completed</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="140"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="141"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="143"/>
        <source>Previous number</source>
        <translation>Previous number</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="145"/>
        <source>New number</source>
        <translation>New number</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="152"/>
        <source>Application state</source>
        <translation>Application state</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="156"/>
        <source>Free space</source>
        <translation>Free space</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="157"/>
        <source>Business hall</source>
        <translation>Business hall</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="158"/>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="160"/>
        <source>Served by</source>
        <translation>Served by</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="162"/>
        <source>Date and time</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="171"/>
        <source>Customer signature</source>
        <translation>Customer signature</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="174"/>
        <source>Keep this receipt. Quote the reference if you have a question about this service.</source>
        <translation>Keep this receipt. Quote the reference if you have a question about this service.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="147"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="149"/>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="164"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Scan the code with your phone to install the application's phone app:</source>
        <translation>Scan the code with your phone to install the application's phone app:</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="28"/>
        <source>Print receipt</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="29"/>
        <location filename="../../ui/receipt_preview.py" line="43"/>
        <location filename="../../ui/receipt_preview.py" line="49"/>
        <source>Save receipt as PDF</source>
        <translation>Save receipt as PDF</translation>
    </message>
</context>
<context>
    <name>Region</name>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Guangzhou</source>
        <translation>Guangzhou</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Shenzhen</source>
        <translation>Shenzhen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>Beijing</source>
        <translation>Beijing</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../ui/widgets/panels.py" line="149"/>
        <source>Print receipt</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="150"/>
        <source>Save receipt as PDF</source>
        <translation>Save receipt as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="151"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Release the phone</source>
        <translation>Release the phone</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="166"/>
        <source>%1: completed.</source>
        <translation>%1: completed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="167"/>
        <source>%1: not completed.</source>
        <translation>%1: not completed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="183"/>
        <source>The subscriber number must have 11 digits.</source>
        <translation>The subscriber number must have 11 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="273"/>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="280"/>
        <source>The phone was partly written. Query the phone to see the application&apos;s state before you retry.</source>
        <translation>The phone was partly written. Query the phone to see the application&apos;s state before you retry.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="284"/>
        <source>Nothing was written to the phone: it is as before.</source>
        <translation>Nothing was written to the phone: it is as before.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="285"/>
        <source>%1: interrupted.</source>
        <translation>%1: interrupted.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="322"/>
        <location filename="../../ui/pages/base.py" line="328"/>
        <location filename="../../ui/pages/base.py" line="338"/>
        <location filename="../../ui/pages/base.py" line="345"/>
        <source>Save receipt</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="365"/>
        <source>Subscriber number</source>
        <translation>Subscriber number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="366"/>
        <source>needed once, to register a new SE</source>
        <translation>needed once, to register a new SE</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="372"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>The platform still holds this phone for the interrupted service. Resume continues it where it stopped; Release the phone cancels it, so that the phone can be served again.</source>
        <translation>The platform still holds this phone for the interrupted service. Resume continues it where it stopped; Release the phone cancels it, so that the phone can be served again.</translation>
    </message>
    <message>
        <source>%1: released.</source>
        <translation>%1: released.</translation>
    </message>
    <message>
        <source>The phone is free again and nothing more will be written to it. Query the phone to see its applications.</source>
        <translation>The phone is free again and nothing more will be written to it. Query the phone to see its applications.</translation>
    </message>
    <message>
        <source>%1: not released.</source>
        <translation>%1: not released.</translation>
    </message>
    <message>
        <source>The phone was partly written: the application is not usable yet.</source>
        <translation>The phone was partly written: the application is not usable yet.</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../ui/catalog.py" line="26"/>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="27"/>
        <source>Read the secure element: identity, applications, space.</source>
        <translation>Read the secure element: identity, applications, space.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="29"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="30"/>
        <source>Lock an application, e.g. when the phone is lost.</source>
        <translation>Lock an application, e.g. when the phone is lost.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="33"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="34"/>
        <source>Unlock an application (counter only).</source>
        <translation>Unlock an application (counter only).</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="35"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="36"/>
        <source>Install an application from the catalogue.</source>
        <translation>Install an application from the catalogue.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="37"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="38"/>
        <source>Remove an application from the secure element.</source>
        <translation>Remove an application from the secure element.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="39"/>
        <source>Migration</source>
        <translation>Migration</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="40"/>
        <source>Move an application to the subscriber&apos;s new phone.</source>
        <translation>Move an application to the subscriber&apos;s new phone.</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="41"/>
        <source>Number change</source>
        <translation>Number change</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="42"/>
        <source>Write the new phone number to the secure element.</source>
        <translation>Write the new phone number to the secure element.</translation>
    </message>
    <message>
        <source>Personalisation update</source>
        <translation>Personalisation update</translation>
    </message>
    <message>
        <source>Personalise an installed application again with its provider's current data.</source>
        <translation>Personalise an installed application again with its provider's current data.</translation>
    </message>
</context>
<context>
    <name>SpaceChart</name>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="64"/>
        <source>Used: %1</source>
        <translation>Used: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="65"/>
        <source>Free (measured): %1</source>
        <translation>Free (measured): %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="67"/>
        <source>Free (platform record): %1</source>
        <translation>Free (platform record): %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="69"/>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/status.py" line="169"/>
        <source>No reader</source>
        <translation>No reader</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="160"/>
        <location filename="../../ui/status.py" line="172"/>
        <source>Card: unknown</source>
        <translation>Card: unknown</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="161"/>
        <location filename="../../ui/status.py" line="175"/>
        <source>Card present</source>
        <translation>Card present</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="161"/>
        <location filename="../../ui/status.py" line="178"/>
        <source>No card</source>
        <translation>No card</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="184"/>
        <source>This machine cannot read phones right now. Please ask our staff.</source>
        <translation>This machine cannot read phones right now. Please ask our staff.</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="187"/>
        <source>Your phone is on the reader</source>
        <translation>Your phone is on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="190"/>
        <source>Please place your phone on the reader</source>
        <translation>Please place your phone on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="200"/>
        <source>Service online</source>
        <translation>Service online</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="201"/>
        <source>Service offline, please ask our staff</source>
        <translation>Service offline, please ask our staff</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="203"/>
        <source>Platform: slow (%1 ms)</source>
        <translation>Platform: slow (%1 ms)</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="205"/>
        <source>Platform: online (%1 ms)</source>
        <translation>Platform: online (%1 ms)</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="207"/>
        <source>Platform: offline</source>
        <translation>Platform: offline</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="216"/>
        <source>Not logged in</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="219"/>
        <source>clerk</source>
        <translation>clerk</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="219"/>
        <source>technician</source>
        <translation>technician</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="219"/>
        <source>kiosk</source>
        <translation>kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="220"/>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="221"/>
        <source>Operator ID: %1 · Region: %2 · %3</source>
        <translation>Operator ID: %1 · Region: %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="226"/>
        <source>Reader:</source>
        <translation>Reader:</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="231"/>
        <source>Platform: checking…</source>
        <translation>Platform: checking…</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="231"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
</context>
<context>
    <name>StatusWord</name>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>warning: application or card locked</source>
        <translation>warning: application or card locked</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>authentication of host cryptogram failed</source>
        <translation>authentication of host cryptogram failed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <location filename="../../ui/labels.py" line="96"/>
        <source>more data available</source>
        <translation>more data available</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>memory failure</source>
        <translation>memory failure</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>wrong length</source>
        <translation>wrong length</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>security status not satisfied</source>
        <translation>security status not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>conditions of use not satisfied</source>
        <translation>conditions of use not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>wrong data</source>
        <translation>wrong data</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>application or file not found</source>
        <translation>application or file not found</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>not enough memory</source>
        <translation>not enough memory</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>incorrect P1 P2</source>
        <translation>incorrect P1 P2</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87"/>
        <source>referenced data not found</source>
        <translation>referenced data not found</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88"/>
        <source>instruction not supported</source>
        <translation>instruction not supported</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>class not supported</source>
        <translation>class not supported</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <location filename="../../ui/summary.py" line="23"/>
        <source>Application: %1</source>
        <translation>Application: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="24"/>
        <source>Secure element: %1</source>
        <translation>Secure element: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="25"/>
        <source>New phone&apos;s secure element: %1</source>
        <translation>New phone&apos;s secure element: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="26"/>
        <source>Application state: %1</source>
        <translation>Application state: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="27"/>
        <source>New phone number: %1</source>
        <translation>New phone number: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="28"/>
        <source>Previous number: %1</source>
        <translation>Previous number: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="29"/>
        <source>Written to the card: %1/%2 blocks</source>
        <translation>Written to the card: %1/%2 blocks</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="30"/>
        <source>Free space now: %1</source>
        <translation>Free space now: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="31"/>
        <source>Operation %1</source>
        <translation>Operation %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="32"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>TracePage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="141"/>
        <source>%1 entries</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="149"/>
        <source>Export trace</source>
        <translation>Export trace</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="157"/>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="158"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Dir</source>
        <translation>Dir</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="161"/>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="161"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Put the customer's new phone on the reader, then press OK.</source>
        <translation>Put the customer's new phone on the reader, then press OK.</translation>
    </message>
    <message>
        <source>Put the customer's phone (the one being served) back on the reader, then press OK.</source>
        <translation>Put the customer's phone (the one being served) back on the reader, then press OK.</translation>
    </message>
    <message>
        <source>This is not the phone the service needs. Put the right phone on the reader, then press OK.</source>
        <translation>This is not the phone the service needs. Put the right phone on the reader, then press OK.</translation>
    </message>
    <message>
        <source>This is still the same phone. Put the other phone on the reader, then press OK.</source>
        <translation>This is still the same phone. Put the other phone on the reader, then press OK.</translation>
    </message>
    <message>
        <source>Put the phone on the reader, then press OK.</source>
        <translation>Put the phone on the reader, then press OK.</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Runs at</source>
        <translation>Runs at</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>SEs</source>
        <translation>SEs</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation>Failures by reason</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>Cancel task</translation>
    </message>
    <message>
        <source>Retry failed SEs</source>
        <translation>Retry failed SEs</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>New task</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>SEIDs</source>
        <translation>SEIDs</translation>
    </message>
    <message>
        <source>Start after (minutes)</source>
        <translation>Start after (minutes)</translation>
    </message>
    <message>
        <source>one or more SEIDs, separated by spaces or commas</source>
        <translation>one or more SEIDs, separated by spaces or commas</translation>
    </message>
    <message>
        <source>application name, for download and delete</source>
        <translation>application name, for download and delete</translation>
    </message>
    <message>
        <source>Create task</source>
        <translation>Create task</translation>
    </message>
    <message>
        <source>Give the task a name and at least one SEID (hexadecimal digits).</source>
        <translation>Give the task a name and at least one SEID (hexadecimal digits).</translation>
    </message>
    <message>
        <source>Name the application to download or delete.</source>
        <translation>Name the application to download or delete.</translation>
    </message>
    <message>
        <source>Task created: %1</source>
        <translation>Task created: %1</translation>
    </message>
    <message>
        <source>Task cancelled: %1</source>
        <translation>Task cancelled: %1</translation>
    </message>
    <message>
        <source>Retrying the failed SEs in a new task: %1</source>
        <translation>Retrying the failed SEs in a new task: %1</translation>
    </message>
</context>
<context>
    <name>ErrorParams</name>
    <message>
        <source>state:Ready</source>
        <translation>not downloaded</translation>
    </message>
    <message>
        <source>state:Loaded</source>
        <translation>downloaded</translation>
    </message>
    <message>
        <source>state:Instantiated</source>
        <translation>instance created</translation>
    </message>
    <message>
        <source>state:Personalized</source>
        <translation>personalised</translation>
    </message>
    <message>
        <source>state:Usable</source>
        <translation>usable</translation>
    </message>
    <message>
        <source>state:Locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>kind:query</source>
        <translation>query</translation>
    </message>
    <message>
        <source>kind:lock</source>
        <translation>lock</translation>
    </message>
    <message>
        <source>kind:unlock</source>
        <translation>unlock</translation>
    </message>
    <message>
        <source>kind:download</source>
        <translation>download</translation>
    </message>
    <message>
        <source>kind:delete</source>
        <translation>delete</translation>
    </message>
    <message>
        <source>kind:migrate</source>
        <translation>migration</translation>
    </message>
    <message>
        <source>kind:change_number</source>
        <translation>number change</translation>
    </message>
    <message>
        <source>kind:sd_create</source>
        <translation>security-domain creation</translation>
    </message>
    <message>
        <source>kind:sd_delete</source>
        <translation>security-domain deletion</translation>
    </message>
    <message>
        <source>kind:perso_update</source>
        <translation>personalisation update</translation>
    </message>
    <message>
        <source>release_state:initial</source>
        <translation>initial</translation>
    </message>
    <message>
        <source>release_state:audited</source>
        <translation>audited</translation>
    </message>
    <message>
        <source>release_state:tested</source>
        <translation>tested</translation>
    </message>
    <message>
        <source>release_state:published</source>
        <translation>published</translation>
    </message>
    <message>
        <source>release_state:archiving</source>
        <translation>being archived</translation>
    </message>
    <message>
        <source>release_state:archived</source>
        <translation>archived</translation>
    </message>
    <message>
        <source>provider_state:pending</source>
        <translation>under review</translation>
    </message>
    <message>
        <source>provider_state:approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>provider_state:rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>provider_state:deregistered</source>
        <translation>deregistered</translation>
    </message>
    <message>
        <source>region:GD-GZ</source>
        <translation>Guangzhou</translation>
    </message>
    <message>
        <source>region:GD-SZ</source>
        <translation>Shenzhen</translation>
    </message>
    <message>
        <source>region:GD</source>
        <translation>Guangdong</translation>
    </message>
    <message>
        <source>region:BJ</source>
        <translation>Beijing</translation>
    </message>
    <message>
        <source>what:SE batch</source>
        <translation>SE batch</translation>
    </message>
    <message>
        <source>what:active link for SE</source>
        <translation>active link of the SE</translation>
    </message>
    <message>
        <source>what:application</source>
        <translation>application</translation>
    </message>
    <message>
        <source>what:archive removal</source>
        <translation>archive removal</translation>
    </message>
    <message>
        <source>what:batch of SEID</source>
        <translation>batch of the SEID</translation>
    </message>
    <message>
        <source>what:charge type</source>
        <translation>charge type</translation>
    </message>
    <message>
        <source>what:companion app package</source>
        <translation>phone app package</translation>
    </message>
    <message>
        <source>what:companion app</source>
        <translation>phone app</translation>
    </message>
    <message>
        <source>what:load file</source>
        <translation>load file</translation>
    </message>
    <message>
        <source>what:operation</source>
        <translation>operation</translation>
    </message>
    <message>
        <source>what:operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>what:parameter</source>
        <translation>parameter</translation>
    </message>
    <message>
        <source>what:provider</source>
        <translation>provider</translation>
    </message>
    <message>
        <source>what:region</source>
        <translation>region</translation>
    </message>
    <message>
        <source>what:security domain</source>
        <translation>security domain</translation>
    </message>
    <message>
        <source>what:submitted application</source>
        <translation>submitted application</translation>
    </message>
    <message>
        <source>what:subscriber</source>
        <translation>subscriber</translation>
    </message>
    <message>
        <source>what:task</source>
        <translation>task</translation>
    </message>
    <message>
        <source>what:terminal</source>
        <translation>terminal</translation>
    </message>
    <message>
        <source>what:application instance</source>
        <translation>application instance</translation>
    </message>
    <message>
        <source>mode:normal</source>
        <translation>normal mode</translation>
    </message>
    <message>
        <source>mode:dap</source>
        <translation>DAP mode</translation>
    </message>
    <message>
        <source>mode:token</source>
        <translation>token (delegated management) mode</translation>
    </message>
    <message>
        <source>mode:authorized</source>
        <translation>authorized management mode</translation>
    </message>
    <message>
        <source>space_type:flexible</source>
        <translation>flexible space</translation>
    </message>
    <message>
        <source>space_type:fixed</source>
        <translation>fixed space</translation>
    </message>
    <message>
        <source>deletion_rule:separate</source>
        <translation>deleted on its own</translation>
    </message>
    <message>
        <source>deletion_rule:with_last_app</source>
        <translation>deleted with its last application</translation>
    </message>
</context>
<context>
    <name>PersoUpdatePage</name>
    <message>
        <source>Update personalisation</source>
        <translation>Update personalisation</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <source>SE query</source>
        <translation>SE query</translation>
    </message>
    <message>
        <source>Application lock</source>
        <translation>Application lock</translation>
    </message>
    <message>
        <source>Application unlock</source>
        <translation>Application unlock</translation>
    </message>
    <message>
        <source>Application download</source>
        <translation>Application download</translation>
    </message>
    <message>
        <source>Application deletion</source>
        <translation>Application deletion</translation>
    </message>
    <message>
        <source>Application migration</source>
        <translation>Application migration</translation>
    </message>
    <message>
        <source>Number change</source>
        <translation>Number change</translation>
    </message>
    <message>
        <source>Personalisation update</source>
        <translation>Personalisation update</translation>
    </message>
    <message>
        <source>Security domain creation</source>
        <translation>Security domain creation</translation>
    </message>
    <message>
        <source>Security domain deletion</source>
        <translation>Security domain deletion</translation>
    </message>
    <message>
        <source>Reading the phone</source>
        <translation>Reading the phone</translation>
    </message>
    <message>
        <source>Connecting to the platform</source>
        <translation>Connecting to the platform</translation>
    </message>
    <message>
        <source>This phone is busy with another service: waiting in its queue, {ahead} ahead</source>
        <translation>This phone is busy with another service: waiting in its queue, {ahead} ahead</translation>
    </message>
    <message>
        <source>Step {step}: {done} of {total} commands</source>
        <translation>Step {step}: {done} of {total} commands</translation>
    </message>
    <message>
        <source>Loading block {done} of {total}</source>
        <translation>Loading block {done} of {total}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Application state</source>
        <translation>Application state</translation>
    </message>
    <message>
        <source>Previous number</source>
        <translation>Previous number</translation>
    </message>
    <message>
        <source>New phone's secure element</source>
        <translation>New phone's secure element</translation>
    </message>
    <message>
        <source>Operation {operation_id}, {seconds} s</source>
        <translation>Operation {operation_id}, {seconds} s</translation>
    </message>
    <message>
        <source>Batch {batch}</source>
        <translation>Batch {batch}</translation>
    </message>
    <message>
        <source>Space: {free_measured} bytes free (measured), {free_recorded} recorded; {used} used of {total}</source>
        <translation>Space: {free_measured} bytes free (measured), {free_recorded} recorded; {used} used of {total}</translation>
    </message>
    <message>
        <source>No applications on this phone</source>
        <translation>No applications on this phone</translation>
    </message>
    <message>
        <source>needs activation</source>
        <translation>needs activation</translation>
    </message>
    <message>
        <source>Security domain {aid}, life cycle {life_cycle}</source>
        <translation>Security domain {aid}, life cycle {life_cycle}</translation>
    </message>
    <message>
        <source>{day}: {count} services</source>
        <translation>{day}: {count} services</translation>
    </message>
    <message>
        <source>{count} unfinished operations</source>
        <translation>{count} unfinished operations</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>Still open on the platform</source>
        <translation>Still open on the platform</translation>
    </message>
    <message>
        <source>Waiting in the phone's queue</source>
        <translation>Waiting in the phone's queue</translation>
    </message>
    <message>
        <source>No card readers found. Connect a reader and try again.</source>
        <translation>No card readers found. Connect a reader and try again.</translation>
    </message>
    <message>
        <source>Phone on the reader (ATR {atr})</source>
        <translation>Phone on the reader (ATR {atr})</translation>
    </message>
    <message>
        <source>Phone on the reader</source>
        <translation>Phone on the reader</translation>
    </message>
    <message>
        <source>No phone</source>
        <translation>No phone</translation>
    </message>
    <message>
        <source>(ignored by the configuration)</source>
        <translation>(ignored by the configuration)</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Card recognition data</source>
        <translation>Card recognition data</translation>
    </message>
    <message>
        <source>Free memory</source>
        <translation>Free memory</translation>
    </message>
    <message>
        <source>SE {seid}: {count} pending tasks</source>
        <translation>SE {seid}: {count} pending tasks</translation>
    </message>
    <message>
        <source>{task}: {kinds} ({state}, due {due_at})</source>
        <translation>{task}: {kinds} ({state}, due {due_at})</translation>
    </message>
    <message>
        <source>[Enter: continue / n: cancel]</source>
        <translation>[Enter: continue / n: cancel]</translation>
    </message>
    <message>
        <source>[Enter or y: go ahead / n: cancel]</source>
        <translation>[Enter or y: go ahead / n: cancel]</translation>
    </message>
</context>
</TS>
