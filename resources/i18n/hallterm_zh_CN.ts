<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppServicePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="65"/>
        <source>No application to choose: read the phone first (Query).</source>
        <translation>没有可选的应用：请先读取手机（查询）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="86"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="87"/>
        <source>No application on this phone for this service (read the phone first)</source>
        <translation>手机上没有可办理此业务的应用（请先读取手机）</translation>
    </message>
</context>
<context>
    <name>AppState</name>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>Not downloaded</source>
        <translation>未下载</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>Loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <location filename="../../ui/labels.py" line="18"/>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>Selectable</source>
        <translation>可选择</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Personalized (awaiting activation)</source>
        <translation>已个人化（待激活）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../ui/widgets/panels.py" line="49"/>
        <source>no reader</source>
        <translation>无读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="63"/>
        <source>not read yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="50"/>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="67"/>
        <source>SE (SEID)</source>
        <translation>安全芯片（SEID）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="67"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
</context>
<context>
    <name>ChangeNumberPage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="255"/>
        <source>The new phone number must have 11 digits.</source>
        <translation>新手机号码必须为 11 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="258"/>
        <source>The two new numbers differ. Type the new number again.</source>
        <translation>两次输入的新号码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="263"/>
        <source>The IMSI must have 15 digits.</source>
        <translation>IMSI 必须为 15 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="282"/>
        <source>New phone number</source>
        <translation>新手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="283"/>
        <source>New phone number again</source>
        <translation>再次输入新号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="284"/>
        <source>IMSI of the new SIM</source>
        <translation>新 SIM 卡的 IMSI</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../ui/confirm.py" line="27"/>
        <source>Resident identity card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="28"/>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="29"/>
        <source>Mainland travel permit (Hong Kong / Macao)</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="30"/>
        <source>Mainland travel permit (Taiwan)</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="31"/>
        <source>Foreigner&apos;s permanent residence ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="36"/>
        <source>The application and its data are erased from the phone. This cannot be undone: installing it again starts from nothing.</source>
        <translation>该应用及其数据将从手机中删除，且无法恢复：重新安装后需从头开始。</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="39"/>
        <source>The application is installed on the new phone and erased from the old phone. The data on the old phone cannot be recovered.</source>
        <translation>该应用将安装到新手机，并从旧手机中删除；旧手机上的数据无法恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="42"/>
        <source>The phone is bound to the new number. The old number no longer works with this phone&apos;s applications.</source>
        <translation>手机将绑定到新号码，原号码将不能再使用该手机上的应用。</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="45"/>
        <source>The application can be used again at once, by whoever holds the phone.</source>
        <translation>解锁后该应用立即可用，持有该手机的任何人都能使用。</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="77"/>
        <source>Please confirm with the customer</source>
        <translation>请与客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="78"/>
        <source>%1 — please confirm</source>
        <translation>%1 — 请确认</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="91"/>
        <source>Customer number</source>
        <translation>客户号码</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="93"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="95"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="110"/>
        <source>last 4 characters only</source>
        <translation>仅填写后 4 位</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="112"/>
        <source>Customer identity check</source>
        <translation>客户身份核验</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="116"/>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="117"/>
        <source>Last characters of the document number</source>
        <translation>证件号码后 4 位</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="123"/>
        <source>Confirm and start</source>
        <translation>确认办理</translation>
    </message>
</context>
<context>
    <name>CustomerState</name>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Not on your phone yet</source>
        <translation>尚未下载到手机</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <location filename="../../ui/labels.py" line="37"/>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Setup not finished</source>
        <translation>尚未开通完成</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <location filename="../../ui/labels.py" line="41"/>
        <source>Ready to use</source>
        <translation>可以使用</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Waiting to be activated</source>
        <translation>待开通</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>DayListPage</name>
    <message>
        <location filename="../../ui/pages/daylist.py" line="137"/>
        <source>%1 services, %2 completed, %3 not completed</source>
        <translation>共 %1 笔业务，成功 %2 笔，未完成 %3 笔</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="141"/>
        <source>%1 interrupted: check those phones</source>
        <translation>%1 笔中断：请检查相关手机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="174"/>
        <source>Export day list</source>
        <translation>导出日终清单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="189"/>
        <source>End of day</source>
        <translation>日终汇总</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="190"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="191"/>
        <source>Reprint receipt</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="192"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Operator</source>
        <translation>营业员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="97"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="98"/>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="103"/>
        <location filename="../../ui/pages/daylist.py" line="136"/>
        <source>Interrupted: check the phone</source>
        <translation>已中断：请检查手机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="105"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="106"/>
        <source>Completed</source>
        <translation>办理成功</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="106"/>
        <source>Not completed</source>
        <translation>未办理成功</translation>
    </message>
</context>
<context>
    <name>DeletePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="117"/>
        <source>Delete the instance only (keep the load file)</source>
        <translation>只删除应用实例（保留加载文件）</translation>
    </message>
</context>
<context>
    <name>DiagnosticsHome</name>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="71"/>
        <source>Save diagnostics bundle</source>
        <translation>保存诊断包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="75"/>
        <source>Writing the diagnostics bundle…</source>
        <translation>正在生成诊断包…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="81"/>
        <source>Diagnostics bundle written: %1 (secrets removed).</source>
        <translation>诊断包已生成：%1（已去除密码等敏感信息）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="94"/>
        <source>Technician diagnostics</source>
        <translation>技术员诊断</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="95"/>
        <source>Check the readers, the phone&apos;s chip, the APDU trace and the platform. Subscriber services are done at a counter.</source>
        <translation>检查读卡器、手机芯片、APDU 跟踪和平台连接。用户业务请到柜台办理。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="97"/>
        <source>Readers</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="97"/>
        <source>Card info</source>
        <translation>卡片信息</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="97"/>
        <source>APDU trace</source>
        <translation>APDU 跟踪</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="98"/>
        <source>Platform check</source>
        <translation>平台检查</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="101"/>
        <source>Create diagnostics bundle</source>
        <translation>生成诊断包</translation>
    </message>
</context>
<context>
    <name>DownloadPage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="176"/>
        <source>installed: %1</source>
        <translation>已安装：%1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="30"/>
        <source>The terminal configuration is invalid. Please call support.</source>
        <translation>终端配置有误，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>The platform cannot be reached. Check the network and try again.</source>
        <translation>无法连接平台，请检查网络后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>The platform had an internal error. Please try again later.</source>
        <translation>平台内部错误，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>Your login has expired. Please log in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34"/>
        <location filename="../../ui/errors.py" line="85"/>
        <source>Wrong operator ID or password. Please enter them again.</source>
        <translation>工号或密码错误，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>Terminal error. Please try again.</source>
        <translation>终端错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="36"/>
        <source>The platform sent an unexpected answer. Please call support.</source>
        <translation>平台返回的数据异常，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>The phone&apos;s secure element cannot be read. Place it again or try another phone.</source>
        <translation>无法读取该手机的安全芯片，请重新放置或更换手机。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="38"/>
        <source>The input is not valid. Check it and try again.</source>
        <translation>输入的内容有误，请检查后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>The phone on the reader is not the one for this service. Put the right phone back.</source>
        <translation>读卡器上的手机不是本次业务的手机，请放回正确的手机。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>This secure element is busy with another service. Try again shortly.</source>
        <translation>该安全芯片正在办理其他业务，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>This phone is reported lost; only a lock is possible.</source>
        <translation>该手机已挂失，只能办理应用锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
        <source>Unlocking is only possible at a business-hall counter, not at a kiosk.</source>
        <translation>自助终端不能办理解锁，请到营业厅柜台办理。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="44"/>
        <source>You are not allowed to run this service. Ask the duty manager.</source>
        <translation>您没有办理此业务的权限，请联系值班经理。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="46"/>
        <source>Reader error. Place the phone again and retry.</source>
        <translation>读卡器错误，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="47"/>
        <source>The smart-card service (PC/SC) is not running. Please call support.</source>
        <translation>智能卡服务未运行，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="48"/>
        <source>No card reader found. Please connect a reader.</source>
        <translation>未检测到读卡器，请连接读卡器。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>No phone on the reader. Place the phone on the reader.</source>
        <translation>读卡器上没有手机，请将手机放到读卡器上。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="50"/>
        <location filename="../../ui/errors.py" line="87"/>
        <source>The phone was removed; the service stopped. Put it back and retry.</source>
        <translation>手机被移开，业务已中断，请放回手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>The reader was disconnected. Please reconnect it.</source>
        <translation>读卡器已断开，请重新连接。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>Another program is using the reader. Close it and retry.</source>
        <translation>读卡器被其他程序占用，请关闭其他读卡程序后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>The phone did not answer. Place it again and retry.</source>
        <translation>手机无响应，请重新放置后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="54"/>
        <source>The phone returned malformed data. Place it again and retry.</source>
        <translation>手机返回的数据异常，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>The reader does not support extended-length commands. Use another reader or call support.</source>
        <translation>读卡器不支持扩展长度指令，请更换读卡器或联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="57"/>
        <source>Secure-element command error. Place the phone again and retry.</source>
        <translation>安全芯片指令错误，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="58"/>
        <source>Malformed secure-element command. Please call support.</source>
        <translation>安全芯片指令格式错误，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59"/>
        <source>The secure element returned malformed data. Place the phone again and retry.</source>
        <translation>安全芯片返回的数据格式错误，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="60"/>
        <source>The secure element refused a command. Query the phone, then retry.</source>
        <translation>安全芯片拒绝了指令，请查询手机确认状态后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="61"/>
        <source>Secure-channel authentication failed. Please call support.</source>
        <translation>安全通道认证失败，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>Secure-channel check failed. Place the phone again and retry.</source>
        <translation>安全通道校验失败，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63"/>
        <source>The secure element&apos;s answer is malformed. Place the phone again and retry.</source>
        <translation>安全芯片返回的数据格式错误，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64"/>
        <location filename="../../ui/errors.py" line="89"/>
        <source>The application file is damaged. Please call support.</source>
        <translation>应用文件损坏，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>This phone is bound to another number. Check the subscriber number and try again.</source>
        <translation>该手机已绑定其他手机号码，请核对用户号码后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="68"/>
        <source>This phone is reported lost; only a lock is possible. If it was found, lift the loss report first.</source>
        <translation>该手机已挂失，只能办理应用锁定；如已找回，请先办理解挂。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="69"/>
        <source>This phone&apos;s secure element is retired; no service is possible. Please call support.</source>
        <translation>该手机的安全芯片已注销，不能办理业务，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="70"/>
        <source>This phone&apos;s secure element is not registered with the platform. Please call support.</source>
        <translation>该手机的安全芯片未在平台登记，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="71"/>
        <source>This phone is bound to no number yet. Enter the subscriber number and try again.</source>
        <translation>该手机尚未绑定手机号码，请在“用户号码”中填写号码后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="72"/>
        <source>Not enough space on the phone&apos;s secure element. Delete an unused application first, then retry.</source>
        <translation>手机安全芯片空间不足，请先删除不用的应用后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>This phone cannot receive this application. Try another phone.</source>
        <translation>该手机不支持下载此应用，请换用其他手机。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="74"/>
        <source>No subscriber with this number. Check the number and try again.</source>
        <translation>未找到该用户号码，请核对号码后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="75"/>
        <source>This number is suspended or closed. Restore the number first.</source>
        <translation>该号码已停机或销号，请先办理复机。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>The application is already on the phone; no download needed. See its state under Query.</source>
        <translation>该应用已在手机上，无需再次下载；可在“查询”中查看其状态。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>This application does not support this phone. Choose another application.</source>
        <translation>该应用不支持此手机，请选择其他应用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>No application chosen. Choose one first.</source>
        <translation>未选择应用，请先选择应用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>The platform does not know this application. Read the phone again and retry.</source>
        <translation>平台上没有该应用，请刷新应用列表后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="80"/>
        <source>The application&apos;s current state does not allow this service. Query the phone to see its state.</source>
        <translation>该应用当前的状态不能办理此业务，请先查询手机查看应用状态。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="81"/>
        <source>This application&apos;s provider is suspended; it cannot be downloaded now. Try again later.</source>
        <translation>该应用的提供商已暂停服务，暂不能下载，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="82"/>
        <source>The new number is the same as the old one. Check the new number.</source>
        <translation>新号码与原号码相同，请核对新号码。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>A number entered is not valid. Check it and try again.</source>
        <translation>输入的号码格式不正确，请核对后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84"/>
        <source>This subscriber belongs to another region. Send the customer to a hall of that region.</source>
        <translation>该用户不属于本营业厅的服务区域，请引导客户到归属地营业厅办理。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="86"/>
        <source>This terminal is not registered with the platform. Please call support.</source>
        <translation>本终端未在平台登记，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>The phone returned unexpected data. Place it again and retry.</source>
        <translation>手机返回的数据异常，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="90"/>
        <source>The application catalogue is misconfigured. Please call support.</source>
        <translation>应用目录配置有误，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="91"/>
        <source>The application&apos;s personalisation is misconfigured. Please call support.</source>
        <translation>应用个人化配置有误，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92"/>
        <source>The platform&apos;s keys are misconfigured. Please call support.</source>
        <translation>平台密钥配置有误，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="93"/>
        <source>The exchange with the phone went wrong. Place the phone again and retry.</source>
        <translation>与手机的数据交换出错，请重新放置手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="94"/>
        <source>The service&apos;s progress record is invalid. Please call support.</source>
        <translation>业务进度数据无效，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95"/>
        <source>A repeated request differs from the original. Start the service again.</source>
        <translation>重复提交的业务与原业务不一致，请重新办理。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>An administrator stopped this service. Check the phone, then start again.</source>
        <translation>业务已被平台管理员终止，请确认手机状态后重新办理。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="97"/>
        <source>The service has already finished; it cannot be cancelled.</source>
        <translation>业务已结束，无法取消。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98"/>
        <source>The service has ended. Query the phone to see the result.</source>
        <translation>业务已结束，请查询手机确认结果。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="99"/>
        <source>Your account or this terminal may not run this service. Ask the duty manager.</source>
        <translation>您的账号或本终端不能办理此业务，请联系值班经理。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100"/>
        <source>The platform does not support this service yet. Please call support.</source>
        <translation>平台暂不支持此业务，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="101"/>
        <source>The terminal sent invalid data. Retry; if it fails again, call support.</source>
        <translation>终端发送的数据有误，请重试；如仍不成功，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>The platform has no such record. Refresh and try again.</source>
        <translation>平台上没有找到该记录，请刷新后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="103"/>
        <source>The platform could not handle the request. Retry; if it fails again, call support.</source>
        <translation>平台无法处理该请求，请重试；如仍不成功，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>Secure-channel data is invalid. Please call support.</source>
        <translation>安全通道数据有误，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>The platform had an internal error. Retry later; if it fails again, call support.</source>
        <translation>平台内部错误，请稍后重试；如仍不成功，请联系技术支持。</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home.py" line="62"/>
        <source>Welcome! Place your phone on the reader.</source>
        <translation>欢迎！请将手机放到读卡器上。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="63"/>
        <source>Self-service: see the applications on your phone, or lock one.</source>
        <translation>自助服务：查看手机里的应用，或锁定某个应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="65"/>
        <source>Counter services</source>
        <translation>柜台业务</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="66"/>
        <source>Place the subscriber&apos;s phone on the reader, then choose a service.</source>
        <translation>请将用户的手机放到读卡器上，然后选择业务。</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="34"/>
        <source>Application %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="66"/>
        <source>The printer is not available. Please ask our staff.</source>
        <translation>打印机暂不可用，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="68"/>
        <source>Receipt printed. Reference: %1</source>
        <translation>凭条已打印，参考号：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="148"/>
        <source>Print receipt</source>
        <translation>打印凭条</translation>
    </message>
</context>
<context>
    <name>KioskLockPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="268"/>
        <source>There is no application on your phone that can be locked.</source>
        <translation>您的手机上没有可以锁定的应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="270"/>
        <source>Tap the application you want to lock.</source>
        <translation>请点击要锁定的应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="311"/>
        <source>Lock this application?</source>
        <translation>确认锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="315"/>
        <source>Once locked, this application cannot be used until it is unlocked at a business hall.</source>
        <translation>锁定后该应用将无法使用，需到营业厅解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="317"/>
        <source>Lock</source>
        <translation>确认锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="319"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="264"/>
        <source>First place your phone on the reader and tap &quot;Read my phone&quot;.</source>
        <translation>请先将手机放到读卡器上，然后点击“读取手机”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="266"/>
        <source>All the applications on your phone are locked.</source>
        <translation>您手机上的应用均已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="312"/>
        <source>Lock &quot;%1&quot;?</source>
        <translation>确定要锁定“%1”吗？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="347"/>
        <source>&quot;%1&quot; is now locked.</source>
        <translation>“%1”已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="348"/>
        <source>To use it again, bring your phone and ID to a business hall.</source>
        <translation>如需恢复使用，请携带手机和身份证件到营业厅解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="364"/>
        <source>Lock the selected application</source>
        <translation>锁定所选应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="368"/>
        <source>Lock an application on your phone, for example if you fear someone else might use it.</source>
        <translation>担心手机里的应用被他人使用？可以在这里将其锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="371"/>
        <source>Read my phone</source>
        <translation>读取手机</translation>
    </message>
</context>
<context>
    <name>KioskQueryPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="137"/>
        <source>Here is what is on your phone.</source>
        <translation>已读取您的手机，信息如下。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="148"/>
        <source>No number registered</source>
        <translation>未登记号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="151"/>
        <source>No applications on your phone yet.</source>
        <translation>您的手机上还没有应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="163"/>
        <source>Not known</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="168"/>
        <source>%1 free of %2</source>
        <translation>剩余 %1，共 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="189"/>
        <source>Read my phone</source>
        <translation>读取手机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="193"/>
        <source>Place your phone on the reader, then tap &quot;Read my phone&quot;.</source>
        <translation>请将手机放到读卡器上，然后点击“读取手机”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="196"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="197"/>
        <source>My applications</source>
        <translation>我的应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="198"/>
        <source>Free space</source>
        <translation>可用空间</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="56"/>
        <source>Enter your operator ID and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="81"/>
        <source>HallTerm — log in</source>
        <translation>HallTerm — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="82"/>
        <source>Log in to the counter terminal</source>
        <translation>登录营业厅终端</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="83"/>
        <source>Operator ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="83"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="84"/>
        <source>Terminal</source>
        <translation>终端编号</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Put the phone on the reader</source>
        <translation>请放置手机</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>HallTerm counter terminal</source>
        <translation>HallTerm 营业厅终端</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>Start</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>End of day</source>
        <translation>日终汇总</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Readers</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>APDU trace</source>
        <translation>APDU 跟踪</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Card info</source>
        <translation>卡片信息</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="205"/>
        <source>Same reader (swap the phones when asked)</source>
        <translation>同一读卡器（按提示更换手机）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="220"/>
        <source>old phone on %1</source>
        <translation>旧手机（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="221"/>
        <source>new phone on %1</source>
        <translation>新手机（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="222"/>
        <source>new phone, swapped onto the same reader when asked</source>
        <translation>新手机（按提示在同一读卡器上换机）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="227"/>
        <source>New phone on</source>
        <translation>新手机所在读卡器</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="186"/>
        <source>Checking…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="192"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="192"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="200"/>
        <source>The platform answers.</source>
        <translation>平台响应正常。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="211"/>
        <source>Platform connection</source>
        <translation>平台连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Check now</source>
        <translation>立即检测</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="214"/>
        <source>TLS (HTTPS)</source>
        <translation>TLS（HTTPS）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="214"/>
        <source>Platform version</source>
        <translation>平台版本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="215"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="24"/>
        <source>Reading the phone</source>
        <translation>读取手机</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="25"/>
        <source>Connecting to the platform</source>
        <translation>连接平台</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="26"/>
        <source>Opening the secure channel</source>
        <translation>建立安全通道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="27"/>
        <source>Writing</source>
        <translation>写入</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="28"/>
        <source>Reading the applications</source>
        <translation>读取应用</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="29"/>
        <source>Checking</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="34"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="87"/>
        <source>Waiting for the service already running on this reader…</source>
        <translation>等待本读卡器上正在办理的业务完成…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="88"/>
        <source>Working…</source>
        <translation>正在办理…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="125"/>
        <source>blocks</source>
        <translation>块</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="125"/>
        <source>commands</source>
        <translation>条指令</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="126"/>
        <source>%1: %2/%3 %4</source>
        <translation>%1：%2/%3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="147"/>
        <source>Elapsed %1</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="151"/>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="160"/>
        <source>Cancelling at the next safe point…</source>
        <translation>正在取消，将在下一个安全点停止…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="164"/>
        <source>Do not remove the phone from the reader</source>
        <translation>请勿移开手机</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="165"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <location filename="../../ui/pages/query.py" line="114"/>
        <source>The phone was read.</source>
        <translation>手机读取成功。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="150"/>
        <source>No phone app on record for: %1. Tell the application&apos;s provider; the customer can use the application without it.</source>
        <translation>以下应用没有登记配套的手机客户端:%1。请告知应用提供商;客户不用客户端也能使用该应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="124"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="124"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="125"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="126"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="141"/>
        <source>IC fabricator</source>
        <translation>芯片制造商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="141"/>
        <source>IC type</source>
        <translation>芯片型号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>OS ID</source>
        <translation>操作系统标识</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>OS release date</source>
        <translation>操作系统发布日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="143"/>
        <source>IC serial number</source>
        <translation>芯片序列号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="143"/>
        <source>IC batch</source>
        <translation>芯片批次</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="144"/>
        <source>IC fabrication date</source>
        <translation>芯片生产日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="145"/>
        <source>Module packaging date</source>
        <translation>模块封装日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="146"/>
        <source>Personalizer</source>
        <translation>个人化厂商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="146"/>
        <source>Personalization date</source>
        <translation>个人化日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="155"/>
        <source>Read the phone</source>
        <translation>读取手机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="161"/>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="162"/>
        <source>Applications</source>
        <translation>应用列表</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="163"/>
        <source>Security domains</source>
        <translation>安全域</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="164"/>
        <source>Space</source>
        <translation>存储空间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="165"/>
        <source>Chip details</source>
        <translation>芯片详情</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="166"/>
        <source>Name</source>
        <translation>名称</translation>
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
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="167"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="168"/>
        <source>Life cycle</source>
        <translation>生命周期</translation>
    </message>
</context>
<context>
    <name>ReadersPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="72"/>
        <source>Scanning readers…</source>
        <translation>正在扫描读卡器…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="80"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="80"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="84"/>
        <source>%1 reader(s) found.</source>
        <translation>找到 %1 个读卡器。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="91"/>
        <source>Reader diagnostics</source>
        <translation>读卡器诊断</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>Re-scan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Card present</source>
        <translation>手机已放置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="94"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="94"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/receipt.py" line="38"/>
        <source>Removed from the phone</source>
        <translation>已从手机中删除</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="39"/>
        <source>Moved to the new phone</source>
        <translation>已迁移到新手机</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="74"/>
        <source>Service receipt</source>
        <translation>业务回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="80"/>
        <source>%1 business hall</source>
        <translation>%1营业厅</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="138"/>
        <source>Completed</source>
        <translation>办理成功</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="139"/>
        <source>Not completed</source>
        <translation>未办理成功</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="140"/>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="141"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="143"/>
        <source>Previous number</source>
        <translation>原号码</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="145"/>
        <source>New number</source>
        <translation>新号码</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="152"/>
        <source>Application state</source>
        <translation>应用状态</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="156"/>
        <source>Free space</source>
        <translation>可用空间</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="157"/>
        <source>Business hall</source>
        <translation>营业厅</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="158"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="160"/>
        <source>Served by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="162"/>
        <source>Date and time</source>
        <translation>办理时间</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="171"/>
        <source>Customer signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="175"/>
        <source>Scan the code with your phone to install the application&apos;s phone app:</source>
        <translation>用手机扫描二维码,安装此应用配套的手机客户端:</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="174"/>
        <source>Keep this receipt. Quote the reference if you have a question about this service.</source>
        <translation>请妥善保管本回执。如对本次业务有疑问，请出示业务参考号。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="147"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="149"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="164"/>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="28"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="29"/>
        <location filename="../../ui/receipt_preview.py" line="43"/>
        <location filename="../../ui/receipt_preview.py" line="49"/>
        <source>Save receipt as PDF</source>
        <translation>回执另存为 PDF</translation>
    </message>
</context>
<context>
    <name>Region</name>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Guangzhou</source>
        <translation>广州</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Shenzhen</source>
        <translation>深圳</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>Beijing</source>
        <translation>北京</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../ui/widgets/panels.py" line="149"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="150"/>
        <source>Save receipt as PDF</source>
        <translation>回执存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="151"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="166"/>
        <source>%1: completed.</source>
        <translation>%1：办理成功。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="167"/>
        <source>%1: not completed.</source>
        <translation>%1：未办理成功。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="183"/>
        <source>The subscriber number must have 11 digits.</source>
        <translation>用户号码必须为 11 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="273"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="280"/>
        <source>The phone was partly written. Query the phone to see the application&apos;s state before you retry.</source>
        <translation>手机已被部分写入。请先查询手机，确认应用状态后再重试。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="284"/>
        <source>Nothing was written to the phone: it is as before.</source>
        <translation>未向手机写入任何数据，手机保持原状。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="285"/>
        <source>%1: interrupted.</source>
        <translation>%1：已中断。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="322"/>
        <location filename="../../ui/pages/base.py" line="328"/>
        <location filename="../../ui/pages/base.py" line="338"/>
        <location filename="../../ui/pages/base.py" line="345"/>
        <source>Save receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="365"/>
        <source>Subscriber number</source>
        <translation>用户号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="366"/>
        <source>needed once, to register a new SE</source>
        <translation>新 SE 首次办理时需填写，用于登记</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="372"/>
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../ui/catalog.py" line="26"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="27"/>
        <source>Read the secure element: identity, applications, space.</source>
        <translation>读取安全芯片：基本信息、应用和空间。</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="29"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="30"/>
        <source>Lock an application, e.g. when the phone is lost.</source>
        <translation>锁定应用，例如手机丢失时。</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="33"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="34"/>
        <source>Unlock an application (counter only).</source>
        <translation>解锁应用（仅限柜台办理）。</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="35"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="36"/>
        <source>Install an application from the catalogue.</source>
        <translation>从应用目录安装应用。</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="37"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="38"/>
        <source>Remove an application from the secure element.</source>
        <translation>从安全芯片中删除应用。</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="39"/>
        <source>Migration</source>
        <translation>应用迁移</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="40"/>
        <source>Move an application to the subscriber&apos;s new phone.</source>
        <translation>将应用迁移到用户的新手机。</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="41"/>
        <source>Number change</source>
        <translation>换号</translation>
    </message>
    <message>
        <location filename="../../ui/catalog.py" line="42"/>
        <source>Write the new phone number to the secure element.</source>
        <translation>将新手机号码写入安全芯片。</translation>
    </message>
</context>
<context>
    <name>SpaceChart</name>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="64"/>
        <source>Used: %1</source>
        <translation>已用：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="65"/>
        <source>Free (measured): %1</source>
        <translation>剩余（实测）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="67"/>
        <source>Free (platform record): %1</source>
        <translation>剩余（平台记录）：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/space_chart.py" line="69"/>
        <source>Total: %1</source>
        <translation>总计：%1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/status.py" line="169"/>
        <source>No reader</source>
        <translation>无读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="160"/>
        <location filename="../../ui/status.py" line="172"/>
        <source>Card: unknown</source>
        <translation>手机：未知</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="161"/>
        <location filename="../../ui/status.py" line="175"/>
        <source>Card present</source>
        <translation>手机已放置</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="161"/>
        <location filename="../../ui/status.py" line="178"/>
        <source>No card</source>
        <translation>未放置手机</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="184"/>
        <source>This machine cannot read phones right now. Please ask our staff.</source>
        <translation>本机暂时无法读取手机，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="187"/>
        <source>Your phone is on the reader</source>
        <translation>您的手机已放好</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="190"/>
        <source>Please place your phone on the reader</source>
        <translation>请将手机放到读卡器上</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="200"/>
        <source>Service online</source>
        <translation>服务正常</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="201"/>
        <source>Service offline, please ask our staff</source>
        <translation>服务暂不可用，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="203"/>
        <source>Platform: slow (%1 ms)</source>
        <translation>平台：响应慢（%1 毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="205"/>
        <source>Platform: online (%1 ms)</source>
        <translation>平台：在线（%1 毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="207"/>
        <source>Platform: offline</source>
        <translation>平台：离线</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="216"/>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="219"/>
        <source>clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="219"/>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="219"/>
        <source>kiosk</source>
        <translation>自助终端</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="220"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="221"/>
        <source>Operator ID: %1 · Region: %2 · %3</source>
        <translation>工号：%1 · 区域：%2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="226"/>
        <source>Reader:</source>
        <translation>读卡器：</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="231"/>
        <source>Platform: checking…</source>
        <translation>平台：检测中…</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="231"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>StatusWord</name>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>warning: application or card locked</source>
        <translation>警告：应用或卡片已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>authentication of host cryptogram failed</source>
        <translation>主机密文认证失败</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <location filename="../../ui/labels.py" line="96"/>
        <source>more data available</source>
        <translation>还有更多数据</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>memory failure</source>
        <translation>存储器故障</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>wrong length</source>
        <translation>长度错误</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>security status not satisfied</source>
        <translation>安全状态不满足</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>conditions of use not satisfied</source>
        <translation>使用条件不满足</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>wrong data</source>
        <translation>数据错误</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>application or file not found</source>
        <translation>未找到应用或文件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>not enough memory</source>
        <translation>存储空间不足</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>incorrect P1 P2</source>
        <translation>P1 P2 参数错误</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87"/>
        <source>referenced data not found</source>
        <translation>未找到引用的数据</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88"/>
        <source>instruction not supported</source>
        <translation>不支持该指令</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>class not supported</source>
        <translation>不支持该指令类别</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <location filename="../../ui/summary.py" line="23"/>
        <source>Application: %1</source>
        <translation>应用：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="24"/>
        <source>Secure element: %1</source>
        <translation>安全芯片：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="25"/>
        <source>New phone&apos;s secure element: %1</source>
        <translation>新手机安全芯片：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="26"/>
        <source>Application state: %1</source>
        <translation>应用状态：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="27"/>
        <source>New phone number: %1</source>
        <translation>新号码：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="28"/>
        <source>Previous number: %1</source>
        <translation>原号码：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="29"/>
        <source>Written to the card: %1/%2 blocks</source>
        <translation>已写入卡片：%1/%2 块</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="30"/>
        <source>Free space now: %1</source>
        <translation>当前剩余空间：%1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="31"/>
        <source>Operation %1</source>
        <translation>业务编号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="32"/>
        <source>%1 s</source>
        <translation>用时 %1 秒</translation>
    </message>
</context>
<context>
    <name>TracePage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="141"/>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="149"/>
        <source>Export trace</source>
        <translation>导出跟踪记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="157"/>
        <source>APDU trace</source>
        <translation>APDU 跟踪</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="158"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Dir</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="161"/>
        <source>Bytes</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="161"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
</context>
</TS>
