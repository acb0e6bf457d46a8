<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppServicePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="57"/>
        <source>Choose an application first (run Query to list them).</source>
        <translation>请先选择应用（先办理查询以列出应用）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="87"/>
        <source>Application</source>
        <translation>应用</translation>
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
        <location filename="../../ui/pages/services.py" line="207"/>
        <source>The new phone number must have 11 digits.</source>
        <translation>新手机号码必须为 11 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="211"/>
        <source>The IMSI must have 15 digits.</source>
        <translation>IMSI 必须为 15 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="225"/>
        <source>New phone number</source>
        <translation>新手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="226"/>
        <source>IMSI of the new SIM</source>
        <translation>新 SIM 卡的 IMSI</translation>
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
        <location filename="../../ui/pages/daylist.py" line="78"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="78"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="81"/>
        <source>%1 services, %2 completed, %3 not completed</source>
        <translation>共 %1 笔业务，成功 %2 笔，未完成 %3 笔</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="91"/>
        <source>Export day list</source>
        <translation>导出日终清单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="103"/>
        <source>End of day</source>
        <translation>日终汇总</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="104"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="105"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Operator</source>
        <translation>营业员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="107"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Completed</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/pages/daylist.py" line="108"/>
        <source>Operation ID</source>
        <translation>业务流水号</translation>
    </message>
</context>
<context>
    <name>DeletePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="116"/>
        <source>Delete the instance only (keep the load file)</source>
        <translation>只删除应用实例（保留加载文件）</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home.py" line="51"/>
        <source>Welcome! Place your phone on the reader.</source>
        <translation>欢迎！请将手机放到读卡器上。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="52"/>
        <source>Self-service: see the applications on your phone, or lock one.</source>
        <translation>自助服务：查看手机里的应用，或锁定某个应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="54"/>
        <source>Counter services</source>
        <translation>柜台业务</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="55"/>
        <source>Place the subscriber&apos;s phone on the reader, then choose a service.</source>
        <translation>请将用户的手机放到读卡器上，然后选择业务。</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="47"/>
        <source>Application %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="84"/>
        <source>The printer is not available. Please ask our staff.</source>
        <translation>打印机暂不可用，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="86"/>
        <source>Receipt printed. Reference: %1</source>
        <translation>凭条已打印，参考号：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="137"/>
        <source>Print receipt</source>
        <translation>打印凭条</translation>
    </message>
</context>
<context>
    <name>KioskLockPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="286"/>
        <source>There is no application on your phone that can be locked.</source>
        <translation>您的手机上没有可以锁定的应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="288"/>
        <source>Tap the application you want to lock.</source>
        <translation>请点击要锁定的应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="329"/>
        <source>Lock this application?</source>
        <translation>确认锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="333"/>
        <source>Once locked, this application cannot be used until it is unlocked at a business hall.</source>
        <translation>锁定后该应用将无法使用，需到营业厅解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="335"/>
        <source>Lock</source>
        <translation>确认锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="337"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="282"/>
        <source>First place your phone on the reader and tap &quot;Read my phone&quot;.</source>
        <translation>请先将手机放到读卡器上，然后点击“读取手机”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="284"/>
        <source>All the applications on your phone are locked.</source>
        <translation>您手机上的应用均已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="330"/>
        <source>Lock &quot;%1&quot;?</source>
        <translation>确定要锁定“%1”吗？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="365"/>
        <source>&quot;%1&quot; is now locked.</source>
        <translation>“%1”已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="366"/>
        <source>To use it again, bring your phone and ID to a business hall.</source>
        <translation>如需恢复使用，请携带手机和身份证件到营业厅解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="382"/>
        <source>Lock the selected application</source>
        <translation>锁定所选应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="386"/>
        <source>Lock an application on your phone, for example if you fear someone else might use it.</source>
        <translation>担心手机里的应用被他人使用？可以在这里将其锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="389"/>
        <source>Read my phone</source>
        <translation>读取手机</translation>
    </message>
</context>
<context>
    <name>KioskQueryPage</name>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="155"/>
        <source>Here is what is on your phone.</source>
        <translation>已读取您的手机，信息如下。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="166"/>
        <source>No number registered</source>
        <translation>未登记号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="169"/>
        <source>No applications on your phone yet.</source>
        <translation>您的手机上还没有应用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="181"/>
        <source>Not known</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="186"/>
        <source>%1 free of %2</source>
        <translation>剩余 %1，共 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="207"/>
        <source>Read my phone</source>
        <translation>读取手机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="211"/>
        <source>Place your phone on the reader, then tap &quot;Read my phone&quot;.</source>
        <translation>请将手机放到读卡器上，然后点击“读取手机”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="214"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="215"/>
        <source>My applications</source>
        <translation>我的应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/kiosk.py" line="216"/>
        <source>Free space</source>
        <translation>可用空间</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="54"/>
        <source>Enter your operator ID and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="77"/>
        <source>HallTerm — log in</source>
        <translation>HallTerm — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="78"/>
        <source>Log in to the counter terminal</source>
        <translation>登录营业厅终端</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79"/>
        <source>Operator ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="80"/>
        <source>Terminal</source>
        <translation>终端编号</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>Put the phone on the reader</source>
        <translation>请放置手机</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>HallTerm counter terminal</source>
        <translation>HallTerm 营业厅终端</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Technician</source>
        <translation>技术维护</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Start</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>End of day</source>
        <translation>日终汇总</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>Readers</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>APDU trace</source>
        <translation>APDU 跟踪</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="171"/>
        <source>Same reader (swap the phones when asked)</source>
        <translation>同一读卡器（按提示更换手机）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="186"/>
        <source>New phone on</source>
        <translation>新手机所在读卡器</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="185"/>
        <source>Checking…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="191"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="191"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="199"/>
        <source>The platform answers.</source>
        <translation>平台响应正常。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="210"/>
        <source>Platform connection</source>
        <translation>平台连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="211"/>
        <source>Check now</source>
        <translation>立即检测</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="212"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>TLS (HTTPS)</source>
        <translation>TLS（HTTPS）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="213"/>
        <source>Platform version</source>
        <translation>平台版本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="214"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="43"/>
        <source>Working…</source>
        <translation>正在办理…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="66"/>
        <source>Cancelling at the next safe point…</source>
        <translation>正在取消，将在下一个安全点停止…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="70"/>
        <source>Do not remove the phone from the reader</source>
        <translation>请勿移开手机</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_panel.py" line="71"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <location filename="../../ui/pages/query.py" line="110"/>
        <source>The phone was read.</source>
        <translation>手机读取成功。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="120"/>
        <source>SEID</source>
        <translation>SEID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="120"/>
        <source>Phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="121"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="122"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="137"/>
        <source>IC fabricator</source>
        <translation>芯片制造商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="137"/>
        <source>IC type</source>
        <translation>芯片型号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="138"/>
        <source>OS ID</source>
        <translation>操作系统标识</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="138"/>
        <source>OS release date</source>
        <translation>操作系统发布日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="139"/>
        <source>IC serial number</source>
        <translation>芯片序列号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="139"/>
        <source>IC batch</source>
        <translation>芯片批次</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="140"/>
        <source>IC fabrication date</source>
        <translation>芯片生产日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="141"/>
        <source>Module packaging date</source>
        <translation>模块封装日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>Personalizer</source>
        <translation>个人化厂商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="142"/>
        <source>Personalization date</source>
        <translation>个人化日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="151"/>
        <source>Read the phone</source>
        <translation>读取手机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="157"/>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="158"/>
        <source>Applications</source>
        <translation>应用列表</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="159"/>
        <source>Security domains</source>
        <translation>安全域</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="160"/>
        <source>Space</source>
        <translation>存储空间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="161"/>
        <source>Chip details</source>
        <translation>芯片详情</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="162"/>
        <source>Name</source>
        <translation>名称</translation>
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
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="163"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/query.py" line="164"/>
        <source>Life cycle</source>
        <translation>生命周期</translation>
    </message>
</context>
<context>
    <name>ReadersPage</name>
    <message>
        <location filename="../../ui/pages/technician.py" line="71"/>
        <source>Scanning readers…</source>
        <translation>正在扫描读卡器…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="79"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="79"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="83"/>
        <source>%1 reader(s) found.</source>
        <translation>找到 %1 个读卡器。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="90"/>
        <source>Reader diagnostics</source>
        <translation>读卡器诊断</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="91"/>
        <source>Re-scan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>Card present</source>
        <translation>手机已放置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="92"/>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="93"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/receipt.py" line="45"/>
        <source>HallTerm service receipt</source>
        <translation>HallTerm 业务回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="53"/>
        <source>Completed</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="53"/>
        <source>Not completed</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="57"/>
        <location filename="../../ui/receipt.py" line="80"/>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="58"/>
        <location filename="../../ui/receipt.py" line="81"/>
        <source>Result</source>
        <translation>结果</translation>
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
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="63"/>
        <location filename="../../ui/receipt.py" line="85"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="66"/>
        <source>Operator</source>
        <translation>营业员</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="67"/>
        <location filename="../../ui/receipt.py" line="88"/>
        <source>Terminal</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="68"/>
        <location filename="../../ui/receipt.py" line="89"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="71"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="73"/>
        <source>Operation ID</source>
        <translation>业务流水号</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="92"/>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="98"/>
        <source>Keep this receipt for your records.</source>
        <translation>请妥善保存本回执。</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../ui/widgets/panels.py" line="138"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/panels.py" line="139"/>
        <source>Save receipt as PDF</source>
        <translation>回执存为 PDF</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="126"/>
        <source>%1: completed.</source>
        <translation>%1：办理成功。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="126"/>
        <source>%1: not completed.</source>
        <translation>%1：未办理成功。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="194"/>
        <source>Cancelled. Nothing more was written.</source>
        <translation>已取消，未再写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="239"/>
        <location filename="../../ui/pages/base.py" line="245"/>
        <source>Save receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="263"/>
        <source>Subscriber number</source>
        <translation>用户号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="264"/>
        <source>needed once, to register a new SE</source>
        <translation>新 SE 首次办理时需填写，用于登记</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="270"/>
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
        <location filename="../../ui/status.py" line="130"/>
        <source>No reader</source>
        <translation>无读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="133"/>
        <source>Card: unknown</source>
        <translation>手机：未知</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="136"/>
        <source>Card present</source>
        <translation>手机已放置</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="139"/>
        <source>No card</source>
        <translation>未放置手机</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="145"/>
        <source>This machine cannot read phones right now. Please ask our staff.</source>
        <translation>本机暂时无法读取手机，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="148"/>
        <source>Your phone is on the reader</source>
        <translation>您的手机已放好</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="151"/>
        <source>Please place your phone on the reader</source>
        <translation>请将手机放到读卡器上</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="161"/>
        <source>Service online</source>
        <translation>服务正常</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="162"/>
        <source>Service offline, please ask our staff</source>
        <translation>服务暂不可用，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="164"/>
        <source>Platform: online (%1 ms)</source>
        <translation>平台：在线（%1 毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="166"/>
        <source>Platform: offline</source>
        <translation>平台：离线</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="174"/>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source>clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source>kiosk</source>
        <translation>自助终端</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="178"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="179"/>
        <source>Operator: %1 · Region: %2 · %3</source>
        <translation>营业员：%1 · 区域：%2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="184"/>
        <source>Reader:</source>
        <translation>读卡器：</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="189"/>
        <source>Platform: checking…</source>
        <translation>平台：检测中…</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="189"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
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
        <location filename="../../ui/pages/technician.py" line="140"/>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="148"/>
        <source>Export trace</source>
        <translation>导出跟踪记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="156"/>
        <source>APDU trace</source>
        <translation>APDU 跟踪</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="157"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="158"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Dir</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Bytes</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="160"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../../ui/pages/technician.py" line="159"/>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
</context>
</TS>
