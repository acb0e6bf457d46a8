<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppServicePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="57"/>
        <source>Choose an application first (run Query to list them).</source>
        <translation>Choose an application first (run Query to list them).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="87"/>
        <source>Application</source>
        <translation>Application</translation>
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
        <location filename="../../ui/pages/services.py" line="207"/>
        <source>The new phone number must have 11 digits.</source>
        <translation>The new phone number must have 11 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="211"/>
        <source>The IMSI must have 15 digits.</source>
        <translation>The IMSI must have 15 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="225"/>
        <source>New phone number</source>
        <translation>New phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="226"/>
        <source>IMSI of the new SIM</source>
        <translation>IMSI of the new SIM</translation>
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
        <location filename="../../ui/pages/daylist.py" line="78"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="78"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="81"/>
        <source>%1 services, %2 completed, %3 not completed</source>
        <translation>%1 services, %2 completed, %3 not completed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="91"/>
        <source>Export day list</source>
        <translation>Export day list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="103"/>
        <source>End of day</source>
        <translation>End of day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="104"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="105"/>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Operation ID</source>
        <translation>Operation ID</translation>
    </message>
</context>
<context>
    <name>DeletePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="116"/>
        <source>Delete the instance only (keep the load file)</source>
        <translation>Delete the instance only (keep the load file)</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home.py" line="51"/>
        <source>Welcome! Place your phone on the reader.</source>
        <translation>Welcome! Place your phone on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="52"/>
        <source>Self-service: see the applications on your phone, or lock one.</source>
        <translation>Self-service: see the applications on your phone, or lock one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="54"/>
        <source>Counter services</source>
        <translation>Counter services</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="55"/>
        <source>Place the subscriber&apos;s phone on the reader, then choose a service.</source>
        <translation>Place the subscriber&apos;s phone on the reader, then choose a service.</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="47"/>
        <source>Application %1</source>
        <translation>Application %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="84"/>
        <source>The printer is not available. Please ask our staff.</source>
        <translation>The printer is not available. Please ask our staff.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="86"/>
        <source>Receipt printed. Reference: %1</source>
        <translation>Receipt printed. Reference: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="137"/>
        <source>Print receipt</source>
        <translation>Print receipt</translation>
    </message>
</context>
<context>
    <name>KioskLockPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="286"/>
        <source>There is no application on your phone that can be locked.</source>
        <translation>There is no application on your phone that can be locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="288"/>
        <source>Tap the application you want to lock.</source>
        <translation>Tap the application you want to lock.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="329"/>
        <source>Lock this application?</source>
        <translation>Lock this application?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="333"/>
        <source>Once locked, this application cannot be used until it is unlocked at a business hall.</source>
        <translation>Once locked, this application cannot be used until it is unlocked at a business hall.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="335"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="337"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="282"/>
        <source>First place your phone on the reader and tap &quot;Read my phone&quot;.</source>
        <translation>First place your phone on the reader and tap &quot;Read my phone&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="284"/>
        <source>All the applications on your phone are locked.</source>
        <translation>All the applications on your phone are locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="330"/>
        <source>Lock &quot;%1&quot;?</source>
        <translation>Lock &quot;%1&quot;?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="365"/>
        <source>&quot;%1&quot; is now locked.</source>
        <translation>&quot;%1&quot; is now locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="366"/>
        <source>To use it again, bring your phone and ID to a business hall.</source>
        <translation>To use it again, bring your phone and ID to a business hall.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="382"/>
        <source>Lock the selected application</source>
        <translation>Lock the selected application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="386"/>
        <source>Lock an application on your phone, for example if you fear someone else might use it.</source>
        <translation>Lock an application on your phone, for example if you fear someone else might use it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="389"/>
        <source>Read my phone</source>
        <translation>Read my phone</translation>
    </message>
</context>
<context>
    <name>KioskQueryPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="155"/>
        <source>Here is what is on your phone.</source>
        <translation>Here is what is on your phone.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="166"/>
        <source>No number registered</source>
        <translation>No number registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="169"/>
        <source>No applications on your phone yet.</source>
        <translation>No applications on your phone yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="181"/>
        <source>Not known</source>
        <translation>Not known</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="186"/>
        <source>%1 free of %2</source>
        <translation>%1 free of %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="207"/>
        <source>Read my phone</source>
        <translation>Read my phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="211"/>
        <source>Place your phone on the reader, then tap &quot;Read my phone&quot;.</source>
        <translation>Place your phone on the reader, then tap &quot;Read my phone&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="214"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="215"/>
        <source>My applications</source>
        <translation>My applications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="216"/>
        <source>Free space</source>
        <translation>Free space</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="54"/>
        <source>Enter your operator ID and password.</source>
        <translation>Enter your operator ID and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="77"/>
        <source>HallTerm — log in</source>
        <translation>HallTerm — log in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="78"/>
        <source>Log in to the counter terminal</source>
        <translation>Log in to the counter terminal</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79"/>
        <source>Operator ID</source>
        <translation>Operator ID</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="80"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>Put the phone on the reader</source>
        <translation>Put the phone on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>Please confirm</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>HallTerm counter terminal</source>
        <translation>HallTerm counter terminal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>End of day</source>
        <translation>End of day</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>Readers</source>
        <translation>Readers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="171"/>
        <source>Same reader (swap the phones when asked)</source>
        <translation>Same reader (swap the phones when asked)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="186"/>
        <source>New phone on</source>
        <translation>New phone on</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="185"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="191"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="191"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="199"/>
        <source>The platform answers.</source>
        <translation>The platform answers.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="210"/>
        <source>Platform connection</source>
        <translation>Platform connection</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="211"/>
        <source>Check now</source>
        <translation>Check now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Reachable</source>
        <translation>Reachable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Latency</source>
        <translation>Latency</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>TLS (HTTPS)</source>
        <translation>TLS (HTTPS)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Platform version</source>
        <translation>Platform version</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="214"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="43"/>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="66"/>
        <source>Cancelling at the next safe point…</source>
        <translation>Cancelling at the next safe point…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="70"/>
        <source>Do not remove the phone from the reader</source>
        <translation>Do not remove the phone from the reader</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="71"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <location filename="../../ui/pages/query.py" line="110"/>
        <source>The phone was read.</source>
        <translation>The phone was read.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="120"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="120"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="121"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="122"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="137"/>
        <source>IC fabricator</source>
        <translation>IC fabricator</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="137"/>
        <source>IC type</source>
        <translation>IC type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="138"/>
        <source>OS ID</source>
        <translation>OS ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="138"/>
        <source>OS release date</source>
        <translation>OS release date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="139"/>
        <source>IC serial number</source>
        <translation>IC serial number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="139"/>
        <source>IC batch</source>
        <translation>IC batch</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="140"/>
        <source>IC fabrication date</source>
        <translation>IC fabrication date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="141"/>
        <source>Module packaging date</source>
        <translation>Module packaging date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>Personalizer</source>
        <translation>Personalizer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>Personalization date</source>
        <translation>Personalization date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="151"/>
        <source>Read the phone</source>
        <translation>Read the phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="157"/>
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="158"/>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="159"/>
        <source>Security domains</source>
        <translation>Security domains</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="160"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="161"/>
        <source>Chip details</source>
        <translation>Chip details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="162"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="162"/>
        <location filename="../../ui/pages/query.py" line="164"/>
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="162"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="163"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="164"/>
        <source>Life cycle</source>
        <translation>Life cycle</translation>
    </message>
</context>
<context>
    <name>ReadersPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="71"/>
        <source>Scanning readers…</source>
        <translation>Scanning readers…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="79"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="79"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="83"/>
        <source>%1 reader(s) found.</source>
        <translation>%1 reader(s) found.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="90"/>
        <source>Reader diagnostics</source>
        <translation>Reader diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="91"/>
        <source>Re-scan</source>
        <translation>Re-scan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>Card present</source>
        <translation>Card present</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/receipt.py" line="45"/>
        <source>HallTerm service receipt</source>
        <translation>HallTerm service receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="53"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="53"/>
        <source>Not completed</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="57"/>
        <location filename="../../ui/receipt.py" line="80"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="58"/>
        <location filename="../../ui/receipt.py" line="81"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="59"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="60"/>
        <location filename="../../ui/receipt.py" line="82"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="63"/>
        <location filename="../../ui/receipt.py" line="85"/>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="66"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="67"/>
        <location filename="../../ui/receipt.py" line="88"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="68"/>
        <location filename="../../ui/receipt.py" line="89"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="71"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="73"/>
        <source>Operation ID</source>
        <translation>Operation ID</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="92"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="98"/>
        <source>Keep this receipt for your records.</source>
        <translation>Keep this receipt for your records.</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../ui/widgets/panels.py" line="138"/>
        <source>Print receipt</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="139"/>
        <source>Save receipt as PDF</source>
        <translation>Save receipt as PDF</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="126"/>
        <source>%1: completed.</source>
        <translation>%1: completed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="126"/>
        <source>%1: not completed.</source>
        <translation>%1: not completed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="194"/>
        <source>Cancelled. Nothing more was written.</source>
        <translation>Cancelled. Nothing more was written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="239"/>
        <location filename="../../ui/pages/base.py" line="245"/>
        <source>Save receipt</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="263"/>
        <source>Subscriber number</source>
        <translation>Subscriber number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="264"/>
        <source>needed once, to register a new SE</source>
        <translation>needed once, to register a new SE</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="270"/>
        <source>Start</source>
        <translation>Start</translation>
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
        <location filename="../../ui/status.py" line="130"/>
        <source>No reader</source>
        <translation>No reader</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="133"/>
        <source>Card: unknown</source>
        <translation>Card: unknown</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="136"/>
        <source>Card present</source>
        <translation>Card present</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="139"/>
        <source>No card</source>
        <translation>No card</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="145"/>
        <source>This machine cannot read phones right now. Please ask our staff.</source>
        <translation>This machine cannot read phones right now. Please ask our staff.</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="148"/>
        <source>Your phone is on the reader</source>
        <translation>Your phone is on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="151"/>
        <source>Please place your phone on the reader</source>
        <translation>Please place your phone on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="161"/>
        <source>Service online</source>
        <translation>Service online</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="162"/>
        <source>Service offline, please ask our staff</source>
        <translation>Service offline, please ask our staff</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="164"/>
        <source>Platform: online (%1 ms)</source>
        <translation>Platform: online (%1 ms)</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="166"/>
        <source>Platform: offline</source>
        <translation>Platform: offline</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="174"/>
        <source>Not logged in</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source>clerk</source>
        <translation>clerk</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source>technician</source>
        <translation>technician</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source>kiosk</source>
        <translation>kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="178"/>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="179"/>
        <source>Operator: %1 · Region: %2 · %3</source>
        <translation>Operator: %1 · Region: %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="184"/>
        <source>Reader:</source>
        <translation>Reader:</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="189"/>
        <source>Platform: checking…</source>
        <translation>Platform: checking…</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="189"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
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
        <location filename="../../ui/pages/technician.py" line="140"/>
        <source>%1 entries</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="148"/>
        <source>Export trace</source>
        <translation>Export trace</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="156"/>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="157"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="158"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Dir</source>
        <translation>Dir</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
</context>
</TS>
