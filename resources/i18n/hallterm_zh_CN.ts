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
    <message>
        <source>The application's personal data on the phone are replaced with its provider's current data. The old data cannot be recovered.</source>
        <translation>手机上该应用的个人化数据将被应用提供商的最新数据替换，原有数据无法恢复。</translation>
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
    <message>
        <source>Resume</source>
        <translation>继续办理</translation>
    </message>
    <message>
        <source>Release the phone</source>
        <translation>释放手机</translation>
    </message>
    <message>
        <source>Interrupted, then resumed</source>
        <translation>中断后已继续办理</translation>
    </message>
    <message>
        <source>Interrupted, then released</source>
        <translation>中断后已释放</translation>
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
        <source>This phone is busy with another service ({kind}). Try again shortly.</source>
        <translation>这部手机正在办理另一项业务（{kind}），请稍后再试。</translation>
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
        <source>Not enough space on the phone&apos;s secure element ({needed} bytes needed, {free} free). Delete an unused application first, then retry.</source>
        <translation>手机安全芯片空间不足（需要 {needed} 字节，剩余 {free} 字节），请先删除不用的应用后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>This phone cannot receive this application. Try another phone.</source>
        <translation>该手机不支持下载此应用，请换用其他手机。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="74"/>
        <source>No subscriber with the number {number}. Check the number and try again.</source>
        <translation>没有号码为 {number} 的用户，请核对号码后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="75"/>
        <source>This number is suspended or closed. Restore the number first.</source>
        <translation>该号码已停机或销号，请先办理复机。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>The application is already on the phone ({state}); no download needed. See its state under Query.</source>
        <translation>应用已在手机上（{state}），无需下载，请在查询中查看其状态。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>The application {app} does not support this phone. Choose another application.</source>
        <translation>应用 {app} 不支持这部手机，请选择其他应用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>No application chosen. Choose one first.</source>
        <translation>未选择应用，请先选择应用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>The platform does not know the application {app}. Read the phone again and retry.</source>
        <translation>平台不认识应用 {app}，请重新读取手机后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="80"/>
        <source>The application&apos;s current state ({state}) does not allow this service. Query the phone to see its state.</source>
        <translation>应用当前状态为“{state}”，不能办理此业务，请查询手机查看应用状态。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="81"/>
        <source>The provider {provider} is suspended; its applications cannot be downloaded now. Try again later.</source>
        <translation>应用提供商 {provider} 已被暂停，其应用暂时不能下载，请稍后再试。</translation>
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
        <source>This subscriber belongs to another region ({region}). Send the customer to a hall of that region.</source>
        <translation>该用户属于其他地区（{region}），请引导客户到该地区的营业厅办理。</translation>
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
        <source>The platform has no such record ({what} {id}). Refresh and try again.</source>
        <translation>平台没有该记录（{what} {id}），请刷新后重试。</translation>
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
    <message>
        <source>This terminal's unfinished operation on the phone was released; the phone can be served again.</source>
        <translation>已释放该手机上本终端未完成的操作，手机可以重新办理业务。</translation>
    </message>
    <message>
        <source>This terminal's unfinished operation is being resumed; keep the phone on the reader until it finishes.</source>
        <translation>已继续本终端未完成的操作，请保持手机在读卡器上直到完成。</translation>
    </message>
    <message>
        <source>The declared structure does not match the CAP file ({field}). Correct that field and submit again.</source>
        <translation>申报的应用结构与 CAP 文件不符（{field}），请更正该项后重新提交。</translation>
    </message>
    <message>
        <source>The uploaded CAP file cannot be read. Check the file and upload it again.</source>
        <translation>上传的 CAP 文件无法读取，请检查文件后重新上传。</translation>
    </message>
    <message>
        <source>This AID is already used by another application. Ask for a new AID and submit again.</source>
        <translation>该 AID 已被其他应用使用，请申请新的 AID 后重新提交。</translation>
    </message>
    <message>
        <source>An application named {name} exists. Choose another name.</source>
        <translation>名为 {name} 的应用已存在，请换一个名称。</translation>
    </message>
    <message>
        <source>The platform has no SE batch yet. Add an SE batch first.</source>
        <translation>平台还没有 SE 批次，请先添加 SE 批次。</translation>
    </message>
    <message>
        <source>A provincial application needs a province. Add it and submit again.</source>
        <translation>省公司本地应用须指定省份，请补充后重新提交。</translation>
    </message>
    <message>
        <source>The application is at the stage {release_state}, not the one this step needs. Finish the previous step first.</source>
        <translation>应用当前处于“{release_state}”阶段，不能执行此步骤，请先完成上一步。</translation>
    </message>
    <message>
        <source>The application {app} is {release_state} and cannot be downloaded. Choose another application.</source>
        <translation>应用 {app} 当前为“{release_state}”，不能下载，请选择其他应用。</translation>
    </message>
    <message>
        <source>The application {app} is under test: only the test numbers may download it. Use a test number.</source>
        <translation>应用 {app} 正在测试，只有测试号码可以下载，请使用测试号码。</translation>
    </message>
    <message>
        <source>The application {app} is offered to listed subscribers only; this one is not listed. Choose another application.</source>
        <translation>应用 {app} 只对指定用户开放，该用户不在名单内，请选择其他应用。</translation>
    </message>
    <message>
        <source>The application {app} is offered in its province only; the subscriber is from elsewhere. Choose another application.</source>
        <translation>应用 {app} 仅在本省提供，该用户属于外省，请选择其他应用。</translation>
    </message>
    <message>
        <source>This removal has already been handled. Refresh to see its state.</source>
        <translation>该删除任务已处理，请刷新后查看。</translation>
    </message>
    <message>
        <source>The provider {provider} is not approved or is blacklisted and cannot submit apps. Contact a business administrator.</source>
        <translation>应用提供商 {provider} 未获批准或已列入黑名单，不能提交应用，请联系业务管理员。</translation>
    </message>
    <message>
        <source>The provider {name} is already registered; look it up and change its details instead.</source>
        <translation>应用提供商 {name} 已登记，请查找后修改其资料。</translation>
    </message>
    <message>
        <source>The provider&apos;s state ({provider_state}) does not allow this step. Refresh and try again.</source>
        <translation>应用提供商当前状态为“{provider_state}”，不能执行此操作，请刷新后重试。</translation>
    </message>
    <message>
        <source>Approval needs an account name and a first password; fill them in and submit again.</source>
        <translation>批准时须填写登录账号和初始密码，请补全后重新提交。</translation>
    </message>
    <message>
        <source>Archive all of the provider's applications first, then deregister it.</source>
        <translation>请先归档该提供商的全部应用，再注销提供商。</translation>
    </message>
    <message>
        <source>A batch named {name} exists. Choose another name.</source>
        <translation>名为 {name} 的批次已存在，请换一个名称。</translation>
    </message>
    <message>
        <source>The SEID range partly overlaps the batch {name}. Adjust the range.</source>
        <translation>SEID 范围与批次 {name} 部分重叠，请调整范围。</translation>
    </message>
    <message>
        <source>The region code {region} already exists; use another code or change the existing region.</source>
        <translation>地区代码 {region} 已存在，请换一个代码或修改已有地区。</translation>
    </message>
    <message>
        <source>Wrong parent region: a city belongs to a province, a county to a city.</source>
        <translation>上级地区不正确：市的上级是省，县的上级是市。</translation>
    </message>
    <message>
        <source>The operator name {name} exists. Choose another one.</source>
        <translation>操作员名称 {name} 已存在，请换一个。</translation>
    </message>
    <message>
        <source>The configuration document's version is not supported. Use a file exported by this platform.</source>
        <translation>配置文件版本不受支持，请用本平台导出的文件。</translation>
    </message>
    <message>
        <source>This subscriber is already registered; look the number up instead.</source>
        <translation>该用户号码已登记，请直接查询该用户。</translation>
    </message>
    <message>
        <source>Unsubscribe and delete every application on this number's SEs first, at a business hall.</source>
        <translation>注销前须先退订并删除该号码 SE 上的全部应用，请到营业厅办理删除。</translation>
    </message>
    <message>
        <source>This business platform may not call this capability. Ask a business administrator to grant it.</source>
        <translation>该业务平台未获授权调用此能力，请联系业务管理员开通。</translation>
    </message>
    <message>
        <source>The application does not belong to this business platform's provider; check the application and send again.</source>
        <translation>该应用不属于此业务平台的应用提供商，请核对应用后重新提交。</translation>
    </message>
    <message>
        <source>No SE of this subscriber holds the application in a state this notice applies to. Check its state first.</source>
        <translation>该用户的 SE 上没有处于可处理状态的此应用，请先查询应用状态。</translation>
    </message>
    <message>
        <source>The configuration document cannot be read. Check that it is JSON.</source>
        <translation>配置文件无法读取，请检查文件格式（JSON）。</translation>
    </message>
    <message>
        <source>The platform lacks this card batch's key version. Ask the key custodian to import it.</source>
        <translation>平台缺少该卡批次的密钥版本，请联系密钥管理员导入。</translation>
    </message>
    <message>
        <source>Keys in the HSM cannot be exported. Please call support.</source>
        <translation>加密机中的密钥不可导出，请联系技术支持。</translation>
    </message>
    <message>
        <source>The HSM cannot send new keys; the key update was skipped, the service goes on. Tell the key custodian.</source>
        <translation>加密机无法下发新密钥，密钥更新未执行，业务照常；请联系密钥管理员。</translation>
    </message>
    <message>
        <source>The HSM driver cannot be loaded. Check the platform's --keystore setting.</source>
        <translation>无法加载加密机驱动，请检查平台的 --keystore 配置。</translation>
    </message>
    <message>
        <source>The HSM token was not found. Check the token label.</source>
        <translation>找不到加密机令牌，请检查令牌名称。</translation>
    </message>
    <message>
        <source>HSM login failed. Check the PIN variable or PIN file.</source>
        <translation>加密机登录失败，请检查 PIN 环境变量或 PIN 文件。</translation>
    </message>
    <message>
        <source>The HSM lacks the SCP02 algorithms. Use another HSM or enable OpenSSL legacy.</source>
        <translation>加密机不支持 SCP02 所需算法，请更换加密机或启用 OpenSSL legacy。</translation>
    </message>
    <message>
        <source>The key service setting is malformed. Use pkcs11:module=…;token=…;pin-env=….</source>
        <translation>密钥服务配置格式错误，请按 pkcs11:module=…;token=…;pin-env=… 填写。</translation>
    </message>
    <message>
        <source>The PIN must not be on the command line. Use pin-env or pin-file.</source>
        <translation>PIN 不能写在命令行上，请改用 pin-env 或 pin-file。</translation>
    </message>
    <message>
        <source>No HSM PIN given. Set the PIN variable or file.</source>
        <translation>未提供加密机 PIN，请设置 PIN 环境变量或文件。</translation>
    </message>
    <message>
        <source>The check value of {role} component {n} does not match; refused. Its custodian should check it and start again.</source>
        <translation>{role} 第 {n} 个分量的校验值不符，已拒绝；请该分量保管人核对后重新办理。</translation>
    </message>
    <message>
        <source>The combined {role} key&apos;s check value does not match; refused. Check all components and start again.</source>
        <translation>{role} 合成密钥的校验值不符，已拒绝；请核对各分量后重新办理。</translation>
    </message>
    <message>
        <source>A key component or check value must be {digits} hex digits. Enter it again.</source>
        <translation>密钥分量或校验值应为 {digits} 位十六进制数字，请重新输入。</translation>
    </message>
    <message>
        <source>A key is entered as 2 or 3 components; enter it again in 2 or 3 parts.</source>
        <translation>密钥分量个数应为 2 或 3，请按 2 或 3 个分量重新录入。</translation>
    </message>
    <message>
        <source>The key version {kvn} is outside 01 to 7F. Correct it.</source>
        <translation>密钥版本号 {kvn} 不在 01 至 7F 之间，请更正。</translation>
    </message>
    <message>
        <source>Key version {kvn} is not imported yet. Run the key import first.</source>
        <translation>密钥版本 {kvn} 尚未导入，请先导入密钥。</translation>
    </message>
    <message>
        <source>The card&apos;s key version {kvn} is not imported; ask the key custodian to import it, then retry.</source>
        <translation>卡片的密钥版本 {kvn} 尚未导入，请密钥保管人导入后重试。</translation>
    </message>
    <message>
        <source>The security domain is not registered. Register it on the platform first.</source>
        <translation>该安全域未登记，请先在平台登记安全域。</translation>
    </message>
    <message>
        <source>The issuer security domain cannot be deleted or re-created; choose a supplementary security domain.</source>
        <translation>主安全域不能删除或重建，请选择辅助安全域。</translation>
    </message>
    <message>
        <source>The security domain still holds applications. Delete them first.</source>
        <translation>安全域下仍有应用，请先删除这些应用再删除安全域。</translation>
    </message>
    <message>
        <source>The security domain's keys are not imported. Run the key import first.</source>
        <translation>安全域的密钥尚未导入，请先办理密钥导入。</translation>
    </message>
    <message>
        <source>Third-party security domains are not supported yet. Please call support.</source>
        <translation>第三方安全域暂不支持，请联系技术支持。</translation>
    </message>
    <message>
        <source>The security domain's authentication failed. Do not retry; call support.</source>
        <translation>安全域认证失败，请勿重试，请联系技术支持。</translation>
    </message>
    <message>
        <source>The security domain's key check values differ. Please call support.</source>
        <translation>安全域密钥校验值不符，请联系技术支持。</translation>
    </message>
    <message>
        <source>No such batch. Check the batch name.</source>
        <translation>批次不存在，请检查批次名称。</translation>
    </message>
    <message>
        <source>The secure element's answer could not be authenticated; nothing was recorded. Place the phone again and run the service again.</source>
        <translation>无法确认手机安全芯片的执行结果，本次办理未生效。请重新放好手机后再次办理。</translation>
    </message>
    <message>
        <source>The platform's record did not match the phone; it was checked against the phone. Query the phone, then run the service again.</source>
        <translation>平台记录与手机实际状态不一致，已按手机核对。请先查询手机状态，再重新办理。</translation>
    </message>
    <message>
        <source>Phones of this batch cannot be served yet: the batch's security settings are incomplete. Please call support.</source>
        <translation>该批次手机暂不能办理：批次安全设置不完整，请联系技术支持。</translation>
    </message>
    <message>
        <source>The operation was idle too long and was ended. Run the service again.</source>
        <translation>操作长时间无响应，已被结束。请重新办理。</translation>
    </message>
    <message>
        <source>This terminal started the service again; the earlier unfinished operation was released. Nothing to do.</source>
        <translation>本终端已重新办理，原来未完成的操作已释放。无需处理。</translation>
    </message>
    <message>
        <source>This phone gives no chip identity and its batch's keys are not diversified per card, so the platform cannot tell which card it is. Please call support.</source>
        <translation>该手机不提供芯片标识，且其批次未使用按卡分散的密钥，平台无法确认是哪张卡，不能办理。请联系技术支持。</translation>
    </message>
    <message>
        <source>This terminal has no such unfinished operation. Refresh the list and try again.</source>
        <translation>本终端没有这项未完成的操作，请刷新列表后重试。</translation>
    </message>
    <message>
        <source>Your account may not use this service on this terminal. Go to a counter or ask an administrator.</source>
        <translation>您的账号在本终端上不能办理此业务，请到柜台或联系管理员。</translation>
    </message>
    <message>
        <source>Too many failed logins; the account is locked. Try again in {seconds} seconds.</source>
        <translation>登录失败次数过多，账号已暂时锁定，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>You were logged out after a period of inactivity. Please log in again.</source>
        <translation>长时间未操作，已自动退出，请重新登录。</translation>
    </message>
    <message>
        <source>This terminal's enrolment does not match the login. Ask an administrator to check the terminal's configuration.</source>
        <translation>本终端的登记信息与登录请求不符，请联系管理员检查终端配置。</translation>
    </message>
    <message>
        <source>This terminal is not enrolled. Ask an administrator to enrol it.</source>
        <translation>本终端尚未登记，请联系管理员登记终端。</translation>
    </message>
    <message>
        <source>This terminal's certificate is not enrolled or was replaced. Ask an administrator to enrol it again.</source>
        <translation>本终端的证书未登记或已更换，请联系管理员重新登记。</translation>
    </message>
    <message>
        <source>This terminal has been revoked. Please contact an administrator.</source>
        <translation>本终端已被停用，请联系管理员。</translation>
    </message>
    <message>
        <source>The request contains a forbidden character. Check the input and try again.</source>
        <translation>提交的数据含有非法字符，请检查输入后重试。</translation>
    </message>
    <message>
        <source>The request is too large. Send less and try again.</source>
        <translation>提交的数据过大，请减少内容后重试。</translation>
    </message>
    <message>
        <source>The secure element's secure-channel settings do not match the platform's. Ask support to check the batch configuration.</source>
        <translation>安全芯片的安全通道参数与平台配置不符，请联系技术支持核对批次配置。</translation>
    </message>
    <message>
        <source>Secure-channel authentication failed: the keys do not match. Do not retry (the card may lock); call support.</source>
        <translation>安全通道认证失败：密钥不匹配。请勿重试，以免锁卡，请联系技术支持。</translation>
    </message>
    <message>
        <source>Secure-channel check failed. Place the phone again and run the service again.</source>
        <translation>安全通道校验失败，请重新放置手机后重新办理。</translation>
    </message>
    <message>
        <source>The secure element does not speak the secure-channel protocol its batch names. Ask support to check the batch.</source>
        <translation>手机安全芯片的安全通道协议与其批次配置不符，请联系技术支持核对批次。</translation>
    </message>
    <message>
        <source>This batch's security level is not supported yet. Ask an administrator to change the batch.</source>
        <translation>该批次配置的安全级别暂不支持，请联系管理员修改批次配置。</translation>
    </message>
    <message>
        <source>This AES batch names a key diversification the platform does not use; it must be none or kdf3. Ask an administrator to change the batch.</source>
        <translation>该 AES 批次配置的密钥分散方式平台不支持，只能为 none 或 kdf3，请联系管理员修改批次配置。</translation>
    </message>
    <message>
        <source>This batch names a secure-channel protocol the platform does not speak. Ask an administrator to fix the batch.</source>
        <translation>该批次配置的安全通道协议不受支持，请联系管理员修改批次配置。</translation>
    </message>
    <message>
        <source>The secure channel could not be resumed. Run the service again.</source>
        <translation>安全通道状态无法恢复，请重新办理该业务。</translation>
    </message>
    <message>
        <source>The replayed session left the recorded trace. Give the trace to support for analysis.</source>
        <translation>回放的指令与录制的记录不一致，请把该记录交给技术支持分析。</translation>
    </message>
    <message>
        <source>The APDU trace file cannot be read. Check the file and try again.</source>
        <translation>APDU 记录文件无法读取，请检查文件后重试。</translation>
    </message>
    <message>
        <source>The task names SEs the platform does not know ({seids}). Check the SEIDs or import their batch first.</source>
        <translation>任务中有平台不认识的 SE（{seids}），请核对 SEID 或先导入其批次。</translation>
    </message>
    <message>
        <source>The task's target names no SE. Change the target and try again.</source>
        <translation>该任务的目标没有任何 SE，请修改目标后重试。</translation>
    </message>
    <message>
        <source>Migration and number change need a counter; they cannot be remote tasks.</source>
        <translation>迁移和换号须在营业厅柜台办理，不能作为远程任务。</translation>
    </message>
    <message>
        <source>The task has no failed SE; there is nothing to retry.</source>
        <translation>该任务没有失败的 SE，无需重试。</translation>
    </message>
    <message>
        <source>An earlier request for this SE is still waiting. Confirm that it should be cancelled to go on with this one.</source>
        <translation>该 SE 还有一个等待中的申请，如要改办本业务，请先确认取消上一次申请。</translation>
    </message>
    <message>
        <source>This SE has no pending work; run the service the customer needs directly.</source>
        <translation>该 SE 没有待办的任务，可直接办理所需业务。</translation>
    </message>
    <message>
        <source>The push message has expired. Refresh the tasks in the wallet or visit a business hall.</source>
        <translation>推送消息已失效，请在手机钱包中刷新任务或到营业厅办理。</translation>
    </message>
    <message>
        <source>The phone did not answer the PUSH SMS. Make sure it is on and in coverage, then retry the failed SEs.</source>
        <translation>手机未响应推送短信，请确认手机开机在网后对失败的 SE 重试。</translation>
    </message>
    <message>
        <source>The SE is bound to no number. Bind it at a counter, then retry.</source>
        <translation>该 SE 未绑定手机号码，请先在营业厅绑定号码后重试。</translation>
    </message>
    <message>
        <source>The SMS gateway cannot send now. Check the gateway link, then retry.</source>
        <translation>短信网关暂时无法发送，请检查网关连接后重试。</translation>
    </message>
    <message>
        <source>The SMS gateway cannot be reached. Check the network and the gateway address.</source>
        <translation>无法连接短信网关，请检查网络和网关地址。</translation>
    </message>
    <message>
        <source>Login to the SMS gateway failed. Check the SP code and shared secret.</source>
        <translation>短信网关登录失败，请检查企业代码和共享密钥。</translation>
    </message>
    <message>
        <source>The SMS gateway refused the message. Contact the gateway's administrator.</source>
        <translation>短信网关拒绝了该短信，请联系网关管理员。</translation>
    </message>
    <message>
        <source>The SMS gateway answered unexpectedly. Try again later or call support.</source>
        <translation>短信网关应答异常，请稍后重试或联系技术支持。</translation>
    </message>
    <message>
        <source>The SMS gateway setting is wrong; use cmpp://SPID@host:port.</source>
        <translation>短信网关配置有误，请按 cmpp://企业代码@主机:端口 填写。</translation>
    </message>
    <message>
        <source>This charge type exists. Change the existing one or use another code.</source>
        <translation>该计费种类已存在，请修改已有种类或换一个编号。</translation>
    </message>
    <message>
        <source>This terminal still has a service ({kind}) waiting in a queue, number {position}. Cancel it to start the new one, or keep waiting.</source>
        <translation>本终端还有一项业务（{kind}）正在排队，排第 {position} 位；要办理新的业务请先取消它，或继续等候。</translation>
    </message>
    <message>
        <source>The waiting service was cancelled for the new one.</source>
        <translation>排队中的业务已取消，改为办理新的业务。</translation>
    </message>
    <message>
        <source>The terminal stopped answering while waiting in the queue. Start the service again.</source>
        <translation>排队等候时终端长时间无响应，已退出排队。请重新办理。</translation>
    </message>
    <message>
        <source>The uploaded phone app package cannot be read. Check the file and upload it again.</source>
        <translation>上传的手机客户端安装包无法读取，请检查文件后重新上传。</translation>
    </message>
    <message>
        <source>The application {app} has no such instance. Query the phone to see its instances, then try again.</source>
        <translation>应用 {app} 没有这个实例，请查询手机查看其实例后重试。</translation>
    </message>
    <message>
        <source>The HSM cannot keep session keys inside the token and the audited export is not enabled; nothing was done. Tell the key custodian.</source>
        <translation>加密机不能在令牌内保留会话密钥，平台未开启经审计的导出方式，本次业务未办理。请联系密钥管理员。</translation>
    </message>
    <message>
        <source>AES keys are 128, 192 or 256 bits. Check the key and enter it again.</source>
        <translation>AES 密钥长度应为 128、192 或 256 位，请核对后重新录入。</translation>
    </message>
    <message>
        <source>The secure element"s answer is not its current one; nothing was done. Place the phone again and run the service again.</source>
        <translation>手机安全芯片的应答不是当前的应答，本次办理未执行。请重新放好手机后再次办理。</translation>
    </message>
    <message>
        <source>The terminal"s secure-channel preparation expired; nothing was done. Run the service again; the terminal renews it.</source>
        <translation>终端的安全通道准备数据已过期，本次办理未执行。请再次办理，终端会自动更新。</translation>
    </message>
    <message>
        <source>The terminal sent secure-channel data issued to another terminal; refused and recorded. Ask an administrator to check the terminal.</source>
        <translation>终端提交的安全通道准备数据不属于本终端，已拒绝并记录。请联系管理员检查终端。</translation>
    </message>
    <message>
        <source>The terminal sent secure-channel data that was already used; refused and recorded. Run the service again; if it recurs, call support.</source>
        <translation>终端提交的安全通道准备数据已被使用过，已拒绝并记录。请再次办理；如仍出现，请联系技术支持。</translation>
    </message>
    <message>
        <source>The platform does not know the terminal"s secure-channel data; nothing was done. Run the service again.</source>
        <translation>平台不认识终端提交的安全通道准备数据，本次办理未执行。请再次办理。</translation>
    </message>
    <message>
        <source>Authentication with the application"s security domain failed. Do not retry; call support.</source>
        <translation>应用所属安全域认证失败，请勿重试，请联系技术支持。</translation>
    </message>
    <message>
        <source>The application {app} has no personalisation data; nothing to personalise.</source>
        <translation>应用 {app} 没有个人化数据，无需个人化。</translation>
    </message>
    <message>
        <source>The application {app} is not installed on this phone. Download it first.</source>
        <translation>应用 {app} 未安装在这部手机上，请先下载。</translation>
    </message>
    <message>
        <source>The application"s security domain is keyed by its provider; the provider must personalise it.</source>
        <translation>该应用安全域的密钥不由平台管理，个人化请由应用提供商办理。</translation>
    </message>
    <message>
        <source>The provider"s transport key is not in the key service. Tell the provider or the key custodian, then try again.</source>
        <translation>应用提供商的传输密钥未在密钥服务中登记，请通知提供商或密钥管理员后再办理。</translation>
    </message>
    <message>
        <source>The security domain is already on phones: only its deletion rule and key-update period may change. Change only those.</source>
        <translation>安全域已在手机上创建，只能修改删除规则和密钥更新周期，请只修改这两项。</translation>
    </message>
    <message>
        <source>The application"s DAP-mode security domain is not on this phone yet. Create the security domain first.</source>
        <translation>该应用的 DAP 模式安全域尚未在这部手机上创建，请先办理安全域创建。</translation>
    </message>
    <message>
        <source>The phone rejected the application"s DAP signature; nothing was loaded. Ask the provider to check the signature and submit it again.</source>
        <translation>手机校验应用签名（DAP）失败，应用未装载；请应用提供商核对签名后重新提交。</translation>
    </message>
    <message>
        <source>The application"s security domain needs a DAP signature that its provider has not submitted. Tell the provider.</source>
        <translation>该应用的安全域要求 DAP 签名，应用提供商尚未提交，请通知提供商。</translation>
    </message>
    <message>
        <source>This third-party security domain has its provider"s keys; the platform cannot act on it. The provider must do it.</source>
        <translation>该第三方安全域已使用提供商的密钥，平台不能再为其办理；请由提供商办理。</translation>
    </message>
    <message>
        <source>The security domain"s provider has not submitted its keys. Tell the provider, then try again.</source>
        <translation>安全域提供商尚未提交密钥，请通知提供商后再办理。</translation>
    </message>
    <message>
        <source>The application&apos;s security domain has too little fixed space ({needed} bytes needed, {free} free). Delete other applications in it first.</source>
        <translation>应用所属安全域的固定空间不足（需要 {needed} 字节，剩余 {free} 字节），请先删除其中的其他应用。</translation>
    </message>
    <message>
        <source>The application"s security domain is not in DAP mode; it takes no DAP signature.</source>
        <translation>该应用的安全域不是 DAP 模式，无需提交 DAP 签名。</translation>
    </message>
    <message>
        <source>A Mobile-owned security domain is keyed by the platform; it takes no submitted keys. Do not submit any.</source>
        <translation>中国移动自有安全域的密钥由平台生成，不接受外部提交，请勿提交。</translation>
    </message>
    <message>
        <source>A provider may key only its own security domains. Check the security domain.</source>
        <translation>只能为本提供商自己的安全域提交密钥，请核对安全域。</translation>
    </message>
    <message>
        <source>The key service has no such transport key. Import it first.</source>
        <translation>密钥服务中没有该传输密钥，请先办理传输密钥导入。</translation>
    </message>
    <message>
        <source>The HSM's AES master key may not derive card keys. Ask the key custodian to re-import the key set, then retry.</source>
        <translation>加密机中的AES主密钥不允许派生卡片密钥，请密钥管理员重新导入该密钥集后再办理。</translation>
    </message>
    <message>
        <source>This phone's security domain is having its keys updated; nothing else can run until it ends. Try again shortly, or choose to wait in the queue.</source>
        <translation>这部手机的安全域正在更新密钥，更新完成前不能办理其他业务。请稍后再试，或选择排队等候。</translation>
    </message>
    <message>
        <source>The platform has no token keys yet, so it cannot download into or delete from a token-mode security domain. Ask the system administrator to create the token keys first.</source>
        <translation>平台尚未生成 Token 密钥，无法向 Token 模式的安全域下载或删除应用。请联系系统管理员先生成 Token 密钥。</translation>
    </message>
    <message>
        <source>The token keys already exist and are not created twice. Nothing more to do.</source>
        <translation>Token 密钥已经生成过，不能重复生成。无需再办理。</translation>
    </message>
    <message>
        <source>The phone refused the platform's delegated-management token and nothing on it changed. Do not retry; ask support to check the token keys.</source>
        <translation>手机拒绝了平台签发的委托管理令牌，卡上内容没有改变。请勿重试，请联系技术支持核对 Token 密钥。</translation>
    </message>
    <message>
        <source>This security domain is not in token mode and has no delegated-management receipts. Check the security domain.</source>
        <translation>该安全域不是 Token 模式，没有委托管理回执。请核对安全域。</translation>
    </message>
    <message>
        <source>The submitted command is not a valid APDU. Check it and submit again.</source>
        <translation>提交的指令不是有效的 APDU。请核对后重新提交。</translation>
    </message>
    <message>
        <source>The receipt data is incomplete: a delete receipt covers one AID, an extradition receipt three, the others two. Check it and submit again.</source>
        <translation>回执数据不完整：删除回执含一个 AID，转移回执含三个，其余回执含两个。请核对后重新提交。</translation>
    </message>
    <message>
        <source>This instance is already on the phone; no download needed. See its state under Query.</source>
        <translation>该实例已在手机上，无需再次下载。请在查询中查看其状态。</translation>
    </message>
    <message>
        <source>The phone lacks the application's program file. Delete the application, then download it again.</source>
        <translation>手机上缺少该应用的程序文件，请先删除该应用，再重新下载。</translation>
    </message>
    <message>
        <source>The instance's personalisation data is not valid. Correct it as the template describes and submit again.</source>
        <translation>实例的个人化数据格式不正确，请按模板说明修改后重新提交。</translation>
    </message>
    <message>
        <source>The application is not declared as needing personalisation. Declare it first, then set the instance's data.</source>
        <translation>该应用未声明需要个人化，请先在应用资料中设置个人化，再设置实例数据。</translation>
    </message>
    <message>
        <source>The platform has no record of this SE. Check the SEID or import its batch first.</source>
        <translation>平台没有该 SE 的记录，请核对 SEID 或先导入其批次。</translation>
    </message>
    <message>
        <source>The link to the phone was lost during the operation. Retry the failed SEs later.</source>
        <translation>操作过程中与手机的连接中断，请稍后对失败的 SE 重试。</translation>
    </message>
    <message>
        <source>The platform is busy; nothing was done. Wait a moment and try again.</source>
        <translation>平台正忙，本次未办理任何业务；请稍等片刻再试。</translation>
    </message>
    <message>
        <source>This terminal's certificate was not issued by the platform or has expired; refused and recorded. Ask an administrator to enrol this terminal again.</source>
        <translation>本终端的证书不是平台签发的或已过期，已拒绝并记录。请联系管理员重新注册本终端。</translation>
    </message>
    <message>
        <source>The request did not come through the platform's trusted proxy; refused and recorded. Connect through the hall's platform address, or ask an administrator.</source>
        <translation>请求未经平台信任的接入代理转发，已拒绝并记录。请通过营业厅的平台地址连接，或联系管理员。</translation>
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
    <message>
        <source>This phone is busy with another service: waiting in its queue, %1 ahead</source>
        <translation>这部手机正在办理其他业务,排队等候中,前面还有 %1 项</translation>
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
    <message>
        <source>No phone app on record for: %1. Tell the application's provider; the customer can use the application without it.</source>
        <translation>以下应用没有登记配套的手机客户端:%1。请告知应用提供商;客户不用客户端也能使用该应用。</translation>
    </message>
    <message>
        <source>Update personalisation…</source>
        <translation>更新个人化数据…</translation>
    </message>
    <message>
        <source>Personalise the selected application again with its provider's current data</source>
        <translation>用应用提供商的最新数据重新个人化所选应用</translation>
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
    <message>
        <source>Scan the code with your phone to install the application's phone app:</source>
        <translation>用手机扫描二维码,安装此应用配套的手机客户端:</translation>
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
    <message>
        <source>Resume</source>
        <translation>继续办理</translation>
    </message>
    <message>
        <source>Release the phone</source>
        <translation>释放手机</translation>
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
    <message>
        <source>The platform still holds this phone for the interrupted service. Resume continues it where it stopped; Release the phone cancels it, so that the phone can be served again.</source>
        <translation>平台仍为这笔中断的业务占用这部手机。点“继续办理”从中断处继续；点“释放手机”取消这笔业务，手机即可重新办理。</translation>
    </message>
    <message>
        <source>%1: released.</source>
        <translation>%1：已释放。</translation>
    </message>
    <message>
        <source>The phone is free again and nothing more will be written to it. Query the phone to see its applications.</source>
        <translation>手机可以重新办理业务，不会再写入任何数据。请查询手机，查看其中的应用。</translation>
    </message>
    <message>
        <source>%1: not released.</source>
        <translation>%1：未能释放。</translation>
    </message>
    <message>
        <source>The phone was partly written: the application is not usable yet.</source>
        <translation>手机已写入一部分：该应用暂时还不能使用。</translation>
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
    <message>
        <source>Personalisation update</source>
        <translation>个人化更新</translation>
    </message>
    <message>
        <source>Personalise an installed application again with its provider's current data.</source>
        <translation>用应用提供商的最新数据重新个人化已安装的应用。</translation>
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
<context>
    <name>Prompts</name>
    <message>
        <source>Put the customer's new phone on the reader, then press OK.</source>
        <translation>请将客户的新手机放到读卡器上，然后点“确定”。</translation>
    </message>
    <message>
        <source>Put the customer's phone (the one being served) back on the reader, then press OK.</source>
        <translation>请将正在办理业务的客户手机放回读卡器上，然后点“确定”。</translation>
    </message>
    <message>
        <source>This is not the phone the service needs. Put the right phone on the reader, then press OK.</source>
        <translation>这不是本次业务需要的手机，请放上正确的手机，然后点“确定”。</translation>
    </message>
    <message>
        <source>This is still the same phone. Put the other phone on the reader, then press OK.</source>
        <translation>这还是原来的手机，请换上另一部手机，然后点“确定”。</translation>
    </message>
    <message>
        <source>Put the phone on the reader, then press OK.</source>
        <translation>请将手机放到读卡器上，然后点“确定”。</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Scheduled</source>
        <translation>待执行</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Runs at</source>
        <translation>执行时间</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>失败原因</translation>
    </message>
    <message>
        <source>SEs</source>
        <translation>SE 数</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation>按原因统计的失败</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Retry failed SEs</source>
        <translation>重试失败的 SE</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>SEIDs</source>
        <translation>SEID 列表</translation>
    </message>
    <message>
        <source>Start after (minutes)</source>
        <translation>延后执行(分钟)</translation>
    </message>
    <message>
        <source>one or more SEIDs, separated by spaces or commas</source>
        <translation>一个或多个 SEID,用空格或逗号分隔</translation>
    </message>
    <message>
        <source>application name, for download and delete</source>
        <translation>应用名称(下载和删除时填写)</translation>
    </message>
    <message>
        <source>Create task</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <source>Give the task a name and at least one SEID (hexadecimal digits).</source>
        <translation>请填写任务名称和至少一个 SEID(十六进制数字)。</translation>
    </message>
    <message>
        <source>Name the application to download or delete.</source>
        <translation>请填写要下载或删除的应用名称。</translation>
    </message>
    <message>
        <source>Task created: %1</source>
        <translation>任务已创建:%1</translation>
    </message>
    <message>
        <source>Task cancelled: %1</source>
        <translation>任务已取消:%1</translation>
    </message>
    <message>
        <source>Retrying the failed SEs in a new task: %1</source>
        <translation>已新建任务重试失败的 SE:%1</translation>
    </message>
</context>
<context>
    <name>ErrorParams</name>
    <message>
        <source>state:Ready</source>
        <translation>未下载</translation>
    </message>
    <message>
        <source>state:Loaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>state:Instantiated</source>
        <translation>已创建实例</translation>
    </message>
    <message>
        <source>state:Personalized</source>
        <translation>已个人化</translation>
    </message>
    <message>
        <source>state:Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>state:Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>kind:query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>kind:lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>kind:unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>kind:download</source>
        <translation>应用下载</translation>
    </message>
    <message>
        <source>kind:delete</source>
        <translation>应用删除</translation>
    </message>
    <message>
        <source>kind:migrate</source>
        <translation>业务迁移</translation>
    </message>
    <message>
        <source>kind:change_number</source>
        <translation>换号</translation>
    </message>
    <message>
        <source>kind:sd_create</source>
        <translation>安全域创建</translation>
    </message>
    <message>
        <source>kind:sd_delete</source>
        <translation>安全域删除</translation>
    </message>
    <message>
        <source>kind:perso_update</source>
        <translation>应用个人化更新</translation>
    </message>
    <message>
        <source>release_state:initial</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>release_state:audited</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>release_state:tested</source>
        <translation>已测试</translation>
    </message>
    <message>
        <source>release_state:published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>release_state:archiving</source>
        <translation>归档开始</translation>
    </message>
    <message>
        <source>release_state:archived</source>
        <translation>归档结束</translation>
    </message>
    <message>
        <source>provider_state:pending</source>
        <translation>在审</translation>
    </message>
    <message>
        <source>provider_state:approved</source>
        <translation>审核成功</translation>
    </message>
    <message>
        <source>provider_state:rejected</source>
        <translation>审核失败</translation>
    </message>
    <message>
        <source>provider_state:deregistered</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>region:GD-GZ</source>
        <translation>广州</translation>
    </message>
    <message>
        <source>region:GD-SZ</source>
        <translation>深圳</translation>
    </message>
    <message>
        <source>region:GD</source>
        <translation>广东</translation>
    </message>
    <message>
        <source>region:BJ</source>
        <translation>北京</translation>
    </message>
    <message>
        <source>what:SE batch</source>
        <translation>SE 批次</translation>
    </message>
    <message>
        <source>what:active link for SE</source>
        <translation>该 SE 的活动链接</translation>
    </message>
    <message>
        <source>what:application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>what:archive removal</source>
        <translation>归档删除记录</translation>
    </message>
    <message>
        <source>what:batch of SEID</source>
        <translation>SEID 所属批次</translation>
    </message>
    <message>
        <source>what:charge type</source>
        <translation>计费种类</translation>
    </message>
    <message>
        <source>what:companion app package</source>
        <translation>终端应用安装包</translation>
    </message>
    <message>
        <source>what:companion app</source>
        <translation>终端应用</translation>
    </message>
    <message>
        <source>what:load file</source>
        <translation>可执行加载文件</translation>
    </message>
    <message>
        <source>what:operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>what:operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>what:parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>what:provider</source>
        <translation>应用提供商</translation>
    </message>
    <message>
        <source>what:region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>what:security domain</source>
        <translation>安全域</translation>
    </message>
    <message>
        <source>what:submitted application</source>
        <translation>提交的应用</translation>
    </message>
    <message>
        <source>what:subscriber</source>
        <translation>用户号码</translation>
    </message>
    <message>
        <source>what:task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>what:terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>what:application instance</source>
        <translation>应用实例</translation>
    </message>
    <message>
        <source>mode:normal</source>
        <translation>普通模式</translation>
    </message>
    <message>
        <source>mode:dap</source>
        <translation>DAP模式</translation>
    </message>
    <message>
        <source>mode:token</source>
        <translation>令牌(委托管理)模式</translation>
    </message>
    <message>
        <source>mode:authorized</source>
        <translation>授权管理模式</translation>
    </message>
    <message>
        <source>space_type:flexible</source>
        <translation>不固定空间</translation>
    </message>
    <message>
        <source>space_type:fixed</source>
        <translation>固定空间</translation>
    </message>
    <message>
        <source>deletion_rule:separate</source>
        <translation>单独删除</translation>
    </message>
    <message>
        <source>deletion_rule:with_last_app</source>
        <translation>随最后一个应用删除</translation>
    </message>
</context>
<context>
    <name>PersoUpdatePage</name>
    <message>
        <source>Update personalisation</source>
        <translation>更新个人化数据</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <source>SE query</source>
        <translation>SE 查询</translation>
    </message>
    <message>
        <source>Application lock</source>
        <translation>应用锁定</translation>
    </message>
    <message>
        <source>Application unlock</source>
        <translation>应用解锁</translation>
    </message>
    <message>
        <source>Application download</source>
        <translation>应用下载</translation>
    </message>
    <message>
        <source>Application deletion</source>
        <translation>应用删除</translation>
    </message>
    <message>
        <source>Application migration</source>
        <translation>应用迁移</translation>
    </message>
    <message>
        <source>Number change</source>
        <translation>换号</translation>
    </message>
    <message>
        <source>Personalisation update</source>
        <translation>应用个人化更新</translation>
    </message>
    <message>
        <source>Security domain creation</source>
        <translation>安全域创建</translation>
    </message>
    <message>
        <source>Security domain deletion</source>
        <translation>安全域删除</translation>
    </message>
    <message>
        <source>Reading the phone</source>
        <translation>正在读取手机</translation>
    </message>
    <message>
        <source>Connecting to the platform</source>
        <translation>正在连接平台</translation>
    </message>
    <message>
        <source>This phone is busy with another service: waiting in its queue, {ahead} ahead</source>
        <translation>这部手机正在办理其他业务，排队等候中，前面还有 {ahead} 项</translation>
    </message>
    <message>
        <source>Step {step}: {done} of {total} commands</source>
        <translation>第 {step} 步：{done}/{total} 条指令</translation>
    </message>
    <message>
        <source>Loading block {done} of {total}</source>
        <translation>正在下载：第 {done}/{total} 块</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>未办理成功</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Application state</source>
        <translation>应用状态</translation>
    </message>
    <message>
        <source>Previous number</source>
        <translation>原号码</translation>
    </message>
    <message>
        <source>New phone's secure element</source>
        <translation>新手机的安全芯片</translation>
    </message>
    <message>
        <source>Operation {operation_id}, {seconds} s</source>
        <translation>业务编号 {operation_id}，用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Batch {batch}</source>
        <translation>批次 {batch}</translation>
    </message>
    <message>
        <source>Space: {free_measured} bytes free (measured), {free_recorded} recorded; {used} used of {total}</source>
        <translation>空间：实测可用 {free_measured} 字节，记录可用 {free_recorded} 字节；已用 {used}，共 {total}</translation>
    </message>
    <message>
        <source>No applications on this phone</source>
        <translation>这部手机上没有应用</translation>
    </message>
    <message>
        <source>needs activation</source>
        <translation>待激活</translation>
    </message>
    <message>
        <source>Security domain {aid}, life cycle {life_cycle}</source>
        <translation>安全域 {aid}，生命周期 {life_cycle}</translation>
    </message>
    <message>
        <source>{day}: {count} services</source>
        <translation>{day}：共 {count} 项业务</translation>
    </message>
    <message>
        <source>{count} unfinished operations</source>
        <translation>共 {count} 项未完成的业务</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办理成功</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Still open on the platform</source>
        <translation>平台上仍未结束</translation>
    </message>
    <message>
        <source>Waiting in the phone's queue</source>
        <translation>正在排队等候</translation>
    </message>
    <message>
        <source>No card readers found. Connect a reader and try again.</source>
        <translation>未找到读卡器，请连接读卡器后重试。</translation>
    </message>
    <message>
        <source>Phone on the reader (ATR {atr})</source>
        <translation>读卡器上有手机（ATR {atr}）</translation>
    </message>
    <message>
        <source>Phone on the reader</source>
        <translation>读卡器上有手机</translation>
    </message>
    <message>
        <source>No phone</source>
        <translation>无手机</translation>
    </message>
    <message>
        <source>(ignored by the configuration)</source>
        <translation>（配置中已忽略）</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Card recognition data</source>
        <translation>卡片识别数据</translation>
    </message>
    <message>
        <source>Free memory</source>
        <translation>可用内存</translation>
    </message>
    <message>
        <source>SE {seid}: {count} pending tasks</source>
        <translation>SE {seid}：{count} 项待办任务</translation>
    </message>
    <message>
        <source>{task}: {kinds} ({state}, due {due_at})</source>
        <translation>{task}：{kinds}（{state}，截止 {due_at}）</translation>
    </message>
    <message>
        <source>[Enter: continue / n: cancel]</source>
        <translation>[回车继续 / 输入 n 取消]</translation>
    </message>
    <message>
        <source>[Enter or y: go ahead / n: cancel]</source>
        <translation>[回车或输入 y 确认办理 / 输入 n 取消]</translation>
    </message>
</context>
</TS>
