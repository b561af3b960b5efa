<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About EdgeDeck</source>
        <translation>关于 EdgeDeck</translation>
    </message>
    <message>
        <source>The admin console of this edge AI appliance. It opens no network connection of its own.</source>
        <translation>本边缘 AI 设备的管理控制台。它自身不建立任何网络连接。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Checking which execution providers really load…</source>
        <translation>正在检测哪些执行提供程序能实际加载…</translation>
    </message>
    <message>
        <source>loads</source>
        <translation>可加载</translation>
    </message>
    <message>
        <source>listed, does not load</source>
        <translation>已列出，无法加载</translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge alarm</source>
        <translation>确认告警</translation>
    </message>
    <message>
        <source>optional, e.g. fan checked, load reduced</source>
        <translation>可选，例如：已检查风扇、已降低负载</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Show alarms</source>
        <translation>查看告警</translation>
    </message>
    <message>
        <source>1 unacknowledged alarm</source>
        <translation>1 条未确认告警</translation>
    </message>
    <message>
        <source>{0} unacknowledged alarms</source>
        <translation>{0} 条未确认告警</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Not acknowledged: {0} · {1}</source>
        <translation>未确认：{0} · {1}</translation>
    </message>
    <message>
        <source>Acknowledge: {0}</source>
        <translation>确认：{0}</translation>
    </message>
</context>
<context>
    <name>AlarmsPage</name>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>确认…</translation>
    </message>
    <message>
        <source>Shelve…</source>
        <translation>搁置…</translation>
    </message>
    <message>
        <source>Unshelve</source>
        <translation>取消搁置</translation>
    </message>
    <message>
        <source>No active alarms. Everything watched by the alarm rules is within its limits.</source>
        <translation>没有当前告警。告警规则监视的各项均在限值内。</translation>
    </message>
    <message>
        <source>Only the selected alarm</source>
        <translation>仅显示所选告警</translation>
    </message>
    <message>
        <source>Disable rule</source>
        <translation>停用规则</translation>
    </message>
    <message>
        <source>Restore default rules…</source>
        <translation>恢复默认规则…</translation>
    </message>
    <message>
        <source>Rules are changed by administrators; every change is audited.</source>
        <translation>规则由管理员修改；每次修改都会记入审计。</translation>
    </message>
    <message>
        <source>A disabled rule raises nothing; its active alarms return to normal. Every change is audited.</source>
        <translation>停用的规则不再产生告警，其当前告警恢复正常。每次修改都会记入审计。</translation>
    </message>
    <message>
        <source>{0} on display · {1} unacknowledged · {2} shelved</source>
        <translation>显示 {0} 条 · 未确认 {1} 条 · 搁置 {2} 条</translation>
    </message>
    <message>
        <source>Active ({0})</source>
        <translation>当前 ({0})</translation>
    </message>
    <message>
        <source> (scroll for older)</source>
        <translation>（向下滚动查看更早记录）</translation>
    </message>
    <message>
        <source>{0} events, newest first{1}</source>
        <translation>{0} 条事件，最新在前{1}</translation>
    </message>
    <message>
        <source>{0} alarms in the last 10 min; average {1:.1f} per 10 min over the last hour — target &lt; 1</source>
        <translation>最近 10 分钟 {0} 条告警；最近 1 小时平均每 10 分钟 {1:.1f} 条 — 目标 &lt; 1</translation>
    </message>
    <message>
        <source>{0} chattering alarm(s) latched, {1} repeats suppressed</source>
        <translation>{0} 条频繁告警已锁定，已抑制 {1} 次重复</translation>
    </message>
    <message>
        <source>Alarm flood: {0} alarms in one 10-minute period (more than {1} is a flood); deal with the highest priority first</source>
        <translation>告警泛滥：一个 10 分钟内出现 {0} 条告警（超过 {1} 条即为泛滥）；请先处理最高优先级</translation>
    </message>
    <message>
        <source>Enable rule</source>
        <translation>启用规则</translation>
    </message>
    <message>
        <source>Acknowledged: {0}</source>
        <translation>已确认：{0}</translation>
    </message>
    <message>
        <source>Alarm acknowledged.</source>
        <translation>告警已确认。</translation>
    </message>
    <message>
        <source>Shelved: {0}</source>
        <translation>已搁置：{0}</translation>
    </message>
    <message>
        <source>Back on display: {0}</source>
        <translation>已恢复显示：{0}</translation>
    </message>
    <message>
        <source>Rule {0} enabled.</source>
        <translation>规则 {0} 已启用。</translation>
    </message>
    <message>
        <source>Rule {0} disabled; its alarms returned to normal.</source>
        <translation>规则 {0} 已停用；其告警已恢复正常。</translation>
    </message>
    <message>
        <source>Default alarm rules restored.</source>
        <translation>已恢复默认告警规则。</translation>
    </message>
    <message>
        <source>Restore default rules</source>
        <translation>恢复默认规则</translation>
    </message>
    <message>
        <source>Put back the shipped alarm rules? Changes made to them are overwritten; rules you added are kept.</source>
        <translation>恢复出厂告警规则？对这些规则的修改将被覆盖；您添加的规则会保留。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>The audit trail is visible to technicians and administrators.</source>
        <translation>审计记录仅技术员和管理员可见。</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验链</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>归档…</translation>
    </message>
    <message>
        <source>from (UTC) 2026-11-01</source>
        <translation>起始 (UTC) 2026-11-01</translation>
    </message>
    <message>
        <source>until (UTC)</source>
        <translation>截止 (UTC)</translation>
    </message>
    <message>
        <source>text in event, object or details</source>
        <translation>事件、对象或详情中的文字</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Select a record to see all its fields.</source>
        <translation>选择一条记录以查看全部字段。</translation>
    </message>
    <message>
        <source>all actors</source>
        <translation>所有执行人</translation>
    </message>
    <message>
        <source>all categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>all outcomes</source>
        <translation>所有结果</translation>
    </message>
    <message>
        <source>{0} records</source>
        <translation>{0} 条记录</translation>
    </message>
    <message>
        <source>{0} matching records</source>
        <translation>{0} 条匹配记录</translation>
    </message>
    <message>
        <source>{0} · head #{1} {2}</source>
        <translation>{0} · 链头 #{1} {2}</translation>
    </message>
    <message>
        <source>Storage: {0} of {1} records kept in the database ({2:.0f} %); the database file is {3:.1f} MiB.</source>
        <translation>存储：数据库中保留 {0} / {1} 条记录（{2:.0f} %）；数据库文件 {3:.1f} MiB。</translation>
    </message>
    <message>
        <source>Verifying the audit chain…</source>
        <translation>正在校验审计链…</translation>
    </message>
    <message>
        <source>Export audit records</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在导出到 {0}…</translation>
    </message>
    <message>
        <source>Exported {0} records to {1}.</source>
        <translation>已导出 {0} 条记录到 {1}。</translation>
    </message>
    <message>
        <source>Nothing to archive.</source>
        <translation>没有可归档的内容。</translation>
    </message>
    <message>
        <source>Archive audit records</source>
        <translation>归档审计记录</translation>
    </message>
    <message>
        <source>Seal records #{0} up to this number into a signed file in the data folder&apos;s audit-archive, then remove them from the database:</source>
        <translation>将记录 #{0} 至此编号封存为数据文件夹 audit-archive 中的签名文件，然后从数据库中删除：</translation>
    </message>
    <message>
        <source>Sealing records into an archive segment…</source>
        <translation>正在将记录封存为归档段…</translation>
    </message>
    <message>
        <source>Sealed #{0}–#{1} into {2}.</source>
        <translation>已将 #{0}–#{1} 封存到 {2}。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>时间 (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>BenchmarkDialog</name>
    <message>
        <source>Benchmark {0}</source>
        <translation>基准测试 {0}</translation>
    </message>
    <message>
        <source>10 warm-up runs, then the timed runs on random inputs of the model&apos;s shape. A TensorRT engine build can take minutes the first time; its progress is shown.</source>
        <translation>先预热运行 10 次，再用符合模型输入形状的随机数据计时运行。首次构建 TensorRT 引擎可能需要几分钟，会显示进度。</translation>
    </message>
    <message>
        <source>Execution provider</source>
        <translation>执行提供程序</translation>
    </message>
    <message>
        <source>Timed runs</source>
        <translation>计时运行次数</translation>
    </message>
</context>
<context>
    <name>BenchmarksTableModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Provider asked → used</source>
        <translation>请求 → 实际提供程序</translation>
    </message>
    <message>
        <source>Mean ms</source>
        <translation>平均 ms</translation>
    </message>
    <message>
        <source>P50 ms</source>
        <translation>P50 ms</translation>
    </message>
    <message>
        <source>P99 ms</source>
        <translation>P99 ms</translation>
    </message>
    <message>
        <source>Inferences/s</source>
        <translation>推理次数/秒</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Peak MB</source>
        <translation>峰值 MB</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>ChangeOwnPasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>5 min</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 天</translation>
    </message>
    <message>
        <source> — no data in this window</source>
        <translation> — 此时间窗口内无数据</translation>
    </message>
    <message>
        <source>Show the last {0}</source>
        <translation>显示最近 {0}</translation>
    </message>
    <message>
        <source>This device reports nothing that can be charted.</source>
        <translation>此设备没有可绘制图表的数据。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Waiting for the first reading…</source>
        <translation>正在等待第一次读数…</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Device info</source>
        <translation>设备信息</translation>
    </message>
    <message>
        <source>Reading the last {0}…</source>
        <translation>正在读取最近 {0}…</translation>
    </message>
    <message>
        <source>Live · one point per {0:g} s</source>
        <translation>实时 · 每 {0:g} 秒一个点</translation>
    </message>
    <message>
        <source>The last 5 minutes as sampled, one point per {0:g} s sample; older points come from the history kept on the box.</source>
        <translation>最近 5 分钟的采样，每 {0:g} 秒一个点；更早的点来自设备上保存的历史。</translation>
    </message>
    <message>
        <source> · {0} averages</source>
        <translation> · {0} 平均值</translation>
    </message>
    <message>
        <source>History{0} · read {1}</source>
        <translation>历史{0} · 读取于 {1}</translation>
    </message>
    <message>
        <source>The last {0} from the history kept on the box: each point is the average over its interval. Read at {1}; re-read every {2}.</source>
        <translation>设备上保存的最近 {0} 历史：每个点是该区间的平均值。读取于 {1}；每 {2} 重新读取。</translation>
    </message>
    <message>
        <source>History could not be read</source>
        <translation>无法读取历史</translation>
    </message>
    <message>
        <source>Device info ({0})</source>
        <translation>设备信息 ({0})</translation>
    </message>
    <message>
        <source>No GPU or NPU is reported on this box. NVIDIA (NVML): {0}</source>
        <translation>本设备未报告 GPU 或 NPU。NVIDIA (NVML)：{0}</translation>
    </message>
    <message>
        <source>{0:g} h</source>
        <translation>{0:g} 小时</translation>
    </message>
    <message>
        <source>{0:g} min</source>
        <translation>{0:g} 分钟</translation>
    </message>
    <message>
        <source>{0:g} s</source>
        <translation>{0:g} 秒</translation>
    </message>
</context>
<context>
    <name>DeviceCard</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Data disk</source>
        <translation>数据盘</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>NPU</source>
        <translation>NPU</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>交换区</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>AI Core</source>
        <translation>AI Core</translation>
    </message>
    <message>
        <source>DLA</source>
        <translation>DLA</translation>
    </message>
    <message>
        <source>PVA</source>
        <translation>PVA</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>SM</source>
        <translation>SM</translation>
    </message>
    <message>
        <source>Fan</source>
        <translation>风扇</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>{0} (cleared, awaiting acknowledgement)</source>
        <translation>{0}（已恢复，等待确认）</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Sampled: {0}</source>
        <translation>采样：{0}</translation>
    </message>
    <message>
        <source>N/A — {0}</source>
        <translation>不适用 — {0}</translation>
    </message>
    <message>
        <source>Not reported by this device</source>
        <translation>此设备未报告</translation>
    </message>
    <message>
        <source>No reading: {0}</source>
        <translation>无读数：{0}</translation>
    </message>
    <message>
        <source>No alarm, readings arrive</source>
        <translation>无告警，读数正常到达</translation>
    </message>
    <message>
        <source>not supported by this device</source>
        <translation>此设备不支持</translation>
    </message>
</context>
<context>
    <name>DeviceInfoTree</name>
    <message>
        <source>Driver version</source>
        <translation>驱动版本</translation>
    </message>
    <message>
        <source>CUDA version</source>
        <translation>CUDA 版本</translation>
    </message>
    <message>
        <source>UUID</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>PCI bus id</source>
        <translation>PCI 总线 ID</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Lost (fallen off the bus)</source>
        <translation>已丢失（从总线掉线）</translation>
    </message>
    <message>
        <source>Clock reasons</source>
        <translation>降频原因</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Top processes by CPU</source>
        <translation>CPU 占用最高的进程</translation>
    </message>
    <message>
        <source>Top processes by memory</source>
        <translation>内存占用最高的进程</translation>
    </message>
    <message>
        <source>Process CPU window</source>
        <translation>进程 CPU 统计窗口</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>驱动</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>RSS</source>
        <translation>常驻内存</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>{0} listed</source>
        <translation>已列出 {0} 项</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>FieldKitPage</name>
    <message>
        <source>Field kit</source>
        <translation>现场工具</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Encrypt with a passphrase (USB sticks get lost)</source>
        <translation>用密码短语加密（U 盘可能丢失）</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标位置</translation>
    </message>
    <message>
        <source>Diagnostics bundle</source>
        <translation>诊断包</translation>
    </message>
    <message>
        <source>Versions, drivers, devices and a current snapshot, the last hour of history, alarms, models with checksums, which providers really load, a short benchmark, the audit chain&apos;s verification, recent logs and the configuration with secrets removed — in one zip with a checksum manifest.</source>
        <translation>版本、驱动、设备和当前快照，最近一小时的历史、告警、带校验和的模型、实际可加载的执行提供程序、简短基准测试、审计链校验结果、近期日志以及去除密钥的配置 — 打包成一个带校验清单的 zip 文件。</translation>
    </message>
    <message>
        <source>Include a short benchmark (about 10 s)</source>
        <translation>包含简短基准测试（约 10 秒）</translation>
    </message>
    <message>
        <source>Write diagnostics bundle</source>
        <translation>生成诊断包</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>A backup holds a consistent copy of the database, the models and the audit archive. Restoring checks the whole archive first and keeps a safety copy of the current data; EdgeDeck then restarts on the restored data.</source>
        <translation>备份包含数据库、模型和审计归档的一致副本。恢复前会先检查整个归档，并为当前数据保留一份安全副本；之后 EdgeDeck 会使用恢复的数据重新启动。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Check a backup…</source>
        <translation>检查备份…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Passphrase (at least 8 characters):</source>
        <translation>密码短语（至少 8 个字符）：</translation>
    </message>
    <message>
        <source>Repeat the passphrase:</source>
        <translation>再次输入密码短语：</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was written.</source>
        <translation>两次输入的密码短语不一致；未写入任何内容。</translation>
    </message>
    <message>
        <source>Writing the diagnostics bundle…</source>
        <translation>正在生成诊断包…</translation>
    </message>
    <message>
        <source>Wrote {0} ({1:.1f} MiB, {2} files, SHA-256 {3}…){4}</source>
        <translation>已写入 {0}（{1:.1f} MiB，{2} 个文件，SHA-256 {3}…）{4}</translation>
    </message>
    <message>
        <source> — sections that could not be collected: {0}</source>
        <translation> — 未能收集的部分：{0}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup written and read back: {0} ({1:.1f} MiB){2}.</source>
        <translation>备份已写入并回读验证：{0}（{1:.1f} MiB）{2}。</translation>
    </message>
    <message>
        <source>, encrypted, with the audit signing key</source>
        <translation>，已加密，含审计签名密钥</translation>
    </message>
    <message>
        <source>, not encrypted, without the audit signing key</source>
        <translation>，未加密，不含审计签名密钥</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>EdgeDeck backups (*.zip *.enc)</source>
        <translation>EdgeDeck 备份 (*.zip *.enc)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace this appliance&apos;s data with {0}?

The current data is kept as a safety copy in the data folder, and EdgeDeck restarts afterwards.</source>
        <translation>用 {0} 替换本设备的数据吗？

当前数据会在数据文件夹中保留一份安全副本，之后 EdgeDeck 将重新启动。</translation>
    </message>
    <message>
        <source>Restored {0}; safety copy in {1}. {2}</source>
        <translation>已恢复 {0}；安全副本位于 {1}。{2}</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>EdgeDeck user guide</source>
        <translation>EdgeDeck 用户指南</translation>
    </message>
</context>
<context>
    <name>KioskExitDialog</name>
    <message>
        <source>A technician or administrator signs in to leave kiosk mode.</source>
        <translation>由技术员或管理员登录以退出自助终端模式。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>EdgeDeck — sign in</source>
        <translation>EdgeDeck — 登录</translation>
    </message>
    <message>
        <source>Sign in to EdgeDeck</source>
        <translation>登录 EdgeDeck</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: {0}</source>
        <translation>登录意外失败：{0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Leave kiosk mode…</source>
        <translation>退出自助终端模式…</translation>
    </message>
    <message>
        <source>Signed in: {0} ({1})</source>
        <translation>已登录：{0}（{1}）</translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation>数据：{0}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Operator kiosk mode</source>
        <translation>操作员自助终端模式</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>About EdgeDeck</source>
        <translation>关于 EdgeDeck</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The data was restored. EdgeDeck restarts now to open it.</source>
        <translation>数据已恢复。EdgeDeck 现在重新启动以打开它。</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Refreshed.</source>
        <translation>已刷新。</translation>
    </message>
</context>
<context>
    <name>MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>采样窗口</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>ONNX file or model package (.zip)…</source>
        <translation>ONNX 文件或模型包 (.zip)…</translation>
    </message>
    <message>
        <source>Model folder (.onnx with labels, vocab, config)…</source>
        <translation>模型文件夹（.onnx 及标签、词表、配置）…</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Optimize…</source>
        <translation>优化…</translation>
    </message>
    <message>
        <source>Benchmark…</source>
        <translation>基准测试…</translation>
    </message>
    <message>
        <source>Delete version</source>
        <translation>删除版本</translation>
    </message>
    <message>
        <source>Read-only: technicians import, activate and tune models.</source>
        <translation>只读：由技术员导入、启用和调优模型。</translation>
    </message>
    <message>
        <source>No models are registered on this appliance. A technician imports one with Import… (an .onnx file, a folder, or a model package from a USB stick).</source>
        <translation>本设备尚未注册任何模型。技术员可通过“导入…”导入模型（.onnx 文件、文件夹或 U 盘中的模型包）。</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Execution providers</source>
        <translation>执行提供程序</translation>
    </message>
    <message>
        <source>onnxruntime lists providers whose libraries may be missing; each one is tried with a tiny model to show which really load.</source>
        <translation>onnxruntime 会列出库文件可能缺失的执行提供程序；这里用一个微型模型逐一试加载，显示哪些能实际加载。</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检测</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>执行提供程序</translation>
    </message>
    <message>
        <source>Really loads</source>
        <translation>能否实际加载</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>{0} is now in service.</source>
        <translation>{0} 已投入使用。</translation>
    </message>
    <message>
        <source>Rolled back: {0}/v{1} is in service again.</source>
        <translation>已回滚：{0}/v{1} 重新投入使用。</translation>
    </message>
    <message>
        <source>Delete the files of {0}? Its record stays for lineage and benchmarks; it cannot be activated again.</source>
        <translation>删除 {0} 的文件吗？其记录会保留用于溯源和基准测试；删除后不能再启用。</translation>
    </message>
    <message>
        <source>{0} deleted.</source>
        <translation>{0} 已删除。</translation>
    </message>
    <message>
        <source>Wait for the running task to finish (or cancel it).</source>
        <translation>请等待当前任务完成（或取消它）。</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>ONNX models and packages (*.onnx *.zip);;All files (*)</source>
        <translation>ONNX 模型和模型包 (*.onnx *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation>导入模型文件夹</translation>
    </message>
    <message>
        <source>Checking and importing the package {0}…</source>
        <translation>正在检查并导入模型包 {0}…</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Imported {0}.</source>
        <translation>已导入 {0}。</translation>
    </message>
    <message>
        <source>A new version of an existing model is not activated until you choose Activate.</source>
        <translation>现有模型的新版本在您选择“启用”之前不会启用。</translation>
    </message>
    <message>
        <source>Optimizing {0} ({1})…</source>
        <translation>正在优化 {0}（{1}）…</translation>
    </message>
    <message>
        <source>{0} created from v{1}: {2}. Benchmark it, then Activate it if the change is acceptable.</source>
        <translation>已从 v{1} 生成 {0}：{2}。请先进行基准测试，若变化可接受再启用。</translation>
    </message>
    <message>
        <source>Benchmarking {0} ({1} runs, {2})…</source>
        <translation>正在对 {0} 进行基准测试（{1} 次，{2}）…</translation>
    </message>
    <message>
        <source>{0} on {1}: mean {2:.3f} ms, P50 {3:.3f} ms, P99 {4:.3f} ms, {5:,.0f} inferences/s</source>
        <translation>{0} 在 {1} 上：平均 {2:.3f} ms，P50 {3:.3f} ms，P99 {4:.3f} ms，每秒 {5:,.0f} 次推理</translation>
    </message>
    <message>
        <source>Trying each execution provider…</source>
        <translation>正在逐一尝试执行提供程序…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>onnxruntime</source>
        <translation>onnxruntime</translation>
    </message>
</context>
<context>
    <name>ModelsTableModel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Active version</source>
        <translation>在用版本</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本数</translation>
    </message>
</context>
<context>
    <name>OptimizeDialog</name>
    <message>
        <source>Optimize {0}</source>
        <translation>优化 {0}</translation>
    </message>
    <message>
        <source>The result becomes a new version beside the original, with its lineage and the accuracy change measured on sample inputs. It is not activated.</source>
        <translation>结果将作为新版本与原版本并存，记录其来源，并在样本输入上测量精度变化。新版本不会自动启用。</translation>
    </message>
    <message>
        <source>Optimization</source>
        <translation>优化方式</translation>
    </message>
</context>
<context>
    <name>PlaygroundPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>No image chosen.</source>
        <translation>未选择图像。</translation>
    </message>
    <message>
        <source>Type a sentence, e.g. “conveyor belt motor error E42 on line 3”</source>
        <translation>输入一句话，例如“3 号线传送带电机故障 E42”</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Fill with sample</source>
        <translation>填入示例</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>No model with an active version is registered yet; a technician imports one on the Models page.</source>
        <translation>尚无已启用版本的模型；请技术员在“模型”页面导入。</translation>
    </message>
    <message>
        <source>inputs: {0}</source>
        <translation>输入：{0}</translation>
    </message>
    <message>
        <source>outputs: {0}</source>
        <translation>输出：{0}</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{0} ships no vocab.txt, so text cannot be turned into its input; use Tensors (JSON).</source>
        <translation>{0} 未附带 vocab.txt，无法将文本转换为其输入；请使用“张量 (JSON)”。</translation>
    </message>
    <message>
        <source>A run is still going; wait or cancel it.</source>
        <translation>仍有运行在进行中；请等待或取消。</translation>
    </message>
    <message>
        <source>Running {0}…</source>
        <translation>正在运行 {0}…</translation>
    </message>
    <message>
        <source>Loading model… {0} on {1} (the first run creates the session)</source>
        <translation>正在加载模型… {0} 于 {1}（首次运行会创建会话）</translation>
    </message>
    <message>
        <source>{0:.2f} ms on {1} · {2}/v{3}</source>
        <translation>{0:.2f} ms，{1} · {2}/v{3}</translation>
    </message>
    <message>
        <source>Outputs (each cut to {0} values):</source>
        <translation>输出（每项截取 {0} 个值）：</translation>
    </message>
    <message>
        <source>The model returned no float output to show.</source>
        <translation>模型没有可显示的浮点输出。</translation>
    </message>
    <message>
        <source>Embedding &apos;{0}&apos;: {1} values, L2 norm {2:.4f}</source>
        <translation>嵌入向量“{0}”：{1} 个值，L2 范数 {2:.4f}</translation>
    </message>
    <message>
        <source>No class scores in the outputs; see them as JSON.</source>
        <translation>输出中没有类别得分；请以 JSON 查看。</translation>
    </message>
    <message>
        <source>Top {0} of {1} classes — best: {2} ({3:.1%})</source>
        <translation>{1} 个类别中的前 {0} 个 — 最佳：{2}（{3:.1%}）</translation>
    </message>
    <message>
        <source>{0} object(s) with score ≥ {1:.0%}</source>
        <translation>{0} 个目标，得分 ≥ {1:.0%}</translation>
    </message>
    <message>
        <source>The run failed: {0}</source>
        <translation>运行失败：{0}</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>模型试用</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ServingPage</name>
    <message>
        <source>Serving</source>
        <translation>推理服务</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Reset password of {0}</source>
        <translation>重置 {0} 的密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Appearance (this desktop only)</source>
        <translation>外观（仅本台电脑）</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>保存名称</translation>
    </message>
    <message>
        <source>Only an administrator can rename the appliance.</source>
        <translation>只有管理员可以重命名设备。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>设备 ID</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source> min (0 = never)</source>
        <translation> 分钟（0 = 从不）</translation>
    </message>
    <message>
        <source> failed sign-ins</source>
        <translation> 次登录失败</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> records</source>
        <translation> 条记录</translation>
    </message>
    <message>
        <source>Lock the console after</source>
        <translation>空闲多久后锁定控制台</translation>
    </message>
    <message>
        <source>Lock an account after</source>
        <translation>账户锁定阈值</translation>
    </message>
    <message>
        <source>…for</source>
        <translation>…锁定时长</translation>
    </message>
    <message>
        <source>Warn when the audit trail holds 80 % of</source>
        <translation>审计记录达到以下数量的 80 % 时警告</translation>
    </message>
    <message>
        <source>Save security settings</source>
        <translation>保存安全设置</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监控</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> rows</source>
        <translation> 行</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>采样间隔</translation>
    </message>
    <message>
        <source>Keep at most</source>
        <translation>最多保留</translation>
    </message>
    <message>
        <source>History now</source>
        <translation>当前历史</translation>
    </message>
    <message>
        <source>Save monitoring settings</source>
        <translation>保存监控设置</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>架构版本</translation>
    </message>
    <message>
        <source>Journal mode</source>
        <translation>Journal 模式</translation>
    </message>
    <message>
        <source>Database size</source>
        <translation>数据库大小</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>{0:,} rows in {1} series, {2:.1f} MiB{3} — {4:.0f} % of the bound; per-minute averages reach back {5:.0f} days.</source>
        <translation>{1} 个序列共 {0:,} 行，{2:.1f} MiB{3} — 占上限的 {4:.0f} %；每分钟平均值可追溯 {5:.0f} 天。</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation>（估算）</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Monitoring settings saved; they apply from the next start.</source>
        <translation>监控设置已保存；下次启动时生效。</translation>
    </message>
    <message>
        <source>Security settings saved; the idle lock applies from the next sign-in.</source>
        <translation>安全设置已保存；空闲锁定从下次登录起生效。</translation>
    </message>
    <message>
        <source>Appliance name saved.</source>
        <translation>设备名称已保存。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>EdgeDeck — first-run setup</source>
        <translation>EdgeDeck — 首次设置</translation>
    </message>
    <message>
        <source>Welcome to EdgeDeck</source>
        <translation>欢迎使用 EdgeDeck</translation>
    </message>
    <message>
        <source>This appliance has no accounts yet. Create the first administrator; they can add technicians and operators afterwards. Data is kept in:
{0}</source>
        <translation>本设备还没有任何账户。请创建第一个管理员；之后由其添加技术员和操作员。数据保存在：
{0}</translation>
    </message>
    <message>
        <source>at least {0} characters</source>
        <translation>至少 {0} 个字符</translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation>管理员名称</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Appliance name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ShelveDialog</name>
    <message>
        <source>Shelve alarm</source>
        <translation>搁置告警</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <source>required, e.g. sensor under repair, ticket 4711</source>
        <translation>必填，例如：传感器维修中，工单 4711</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>For</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The alarm keeps being followed and comes back by itself when the time is up (at most {0} hours).</source>
        <translation>该告警仍会持续监视，到时后自动恢复显示（最长 {0} 小时）。</translation>
    </message>
    <message>
        <source>Shelve</source>
        <translation>搁置</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>EdgeDeck is locked</source>
        <translation>EdgeDeck 已锁定</translation>
    </message>
    <message>
        <source>Locked after inactivity. Enter the password of {0} to go on, or sign out.</source>
        <translation>因长时间无操作已锁定。请输入 {0} 的密码以继续，或退出登录。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建者</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until {0}</source>
        <translation>锁定至 {0}</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of {0}</source>
        <translation>{0} 的角色</translation>
    </message>
</context>
<context>
    <name>VersionsTableModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Label / source</source>
        <translation>标签 / 来源</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Opset</source>
        <translation>算子集</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Derived from</source>
        <translation>派生自</translation>
    </message>
    <message>
        <source>Accuracy change</source>
        <translation>精度变化</translation>
    </message>
</context>
<context>
    <name>alarms</name>
    <message>
        <source>Raised</source>
        <translation>产生</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Unshelved</source>
        <translation>取消搁置</translation>
    </message>
    <message>
        <source>Latched: chattering</source>
        <translation>已锁定：频繁告警</translation>
    </message>
    <message>
        <source>Rule disabled or deleted</source>
        <translation>规则已停用或删除</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Cleared, unacknowledged</source>
        <translation>已恢复，未确认</translation>
    </message>
    <message>
        <source>Shelved until {0}</source>
        <translation>搁置至 {0}</translation>
    </message>
    <message>
        <source> (chattering)</source>
        <translation>（频繁告警）</translation>
    </message>
    <message>
        <source>device error matching &apos;{0}&apos;</source>
        <translation>设备错误匹配“{0}”</translation>
    </message>
    <message>
        <source> (deadband {0:g})</source>
        <translation>（死区 {0:g}）</translation>
    </message>
    <message>
        <source>Rule {0} · reading {1} · raised {2}</source>
        <translation>规则 {0} · 读数 {1} · 产生于 {2}</translation>
    </message>
    <message>
        <source>Acknowledged by {0} at {1}</source>
        <translation>{0} 于 {1} 确认</translation>
    </message>
    <message>
        <source>: “{0}”</source>
        <translation>：“{0}”</translation>
    </message>
    <message>
        <source>Shelved by {0} until {1}: “{2}”</source>
        <translation>{0} 搁置至 {1}：“{2}”</translation>
    </message>
    <message>
        <source>Chattering: {0} repeats suppressed; acknowledge once the condition is gone to reset it.</source>
        <translation>频繁告警：已抑制 {0} 次重复；待条件消失后确认即可复位。</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>State after</source>
        <translation>事件后状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source> (while shelved)</source>
        <translation>（搁置期间）</translation>
    </message>
    <message>
        <source>Event #{0} at {1} · rule {2} · reading {3} · value {4}</source>
        <translation>事件 #{0}，时间 {1} · 规则 {2} · 读数 {3} · 值 {4}</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Delays</source>
        <translation>延时</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>on {0:g} s · off {1:g} s</source>
        <translation>产生延时 {0:g} 秒 · 恢复延时 {1:g} 秒</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>auth</source>
        <translation>身份验证</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>serving</source>
        <translation>推理服务</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>activate</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>add_blocked_term</source>
        <translation>添加屏蔽词</translation>
    </message>
    <message>
        <source>add_version</source>
        <translation>添加版本</translation>
    </message>
    <message>
        <source>api_key_add</source>
        <translation>添加 API 密钥</translation>
    </message>
    <message>
        <source>api_key_revoke</source>
        <translation>吊销 API 密钥</translation>
    </message>
    <message>
        <source>archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>batch_resume</source>
        <translation>继续批处理</translation>
    </message>
    <message>
        <source>batch_start</source>
        <translation>开始批处理</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>bundle</source>
        <translation>生成诊断包</translation>
    </message>
    <message>
        <source>change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>change_password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>change_role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>create_collection</source>
        <translation>创建集合</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>delete_collection</source>
        <translation>删除集合</translation>
    </message>
    <message>
        <source>delete_document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <source>delete_version</source>
        <translation>删除版本</translation>
    </message>
    <message>
        <source>demo_seeded</source>
        <translation>写入演示数据</translation>
    </message>
    <message>
        <source>disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>export_package</source>
        <translation>导出模型包</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>import_embedding_model</source>
        <translation>导入嵌入模型</translation>
    </message>
    <message>
        <source>import_package</source>
        <translation>导入模型包</translation>
    </message>
    <message>
        <source>ingest</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <source>kiosk_enter</source>
        <translation>进入展台模式</translation>
    </message>
    <message>
        <source>kiosk_exit</source>
        <translation>退出展台模式</translation>
    </message>
    <message>
        <source>load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>lockout</source>
        <translation>账户锁定</translation>
    </message>
    <message>
        <source>login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>logout</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>model_load</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>optimize</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>permission_denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>provider_fallback</source>
        <translation>执行提供程序回退</translation>
    </message>
    <message>
        <source>reembed</source>
        <translation>重新嵌入</translation>
    </message>
    <message>
        <source>remove_blocked_term</source>
        <translation>移除屏蔽词</translation>
    </message>
    <message>
        <source>reset_password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>rule_change</source>
        <translation>修改规则</translation>
    </message>
    <message>
        <source>rule_create</source>
        <translation>创建规则</translation>
    </message>
    <message>
        <source>rule_delete</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>rule_disable</source>
        <translation>停用规则</translation>
    </message>
    <message>
        <source>rule_enable</source>
        <translation>启用规则</translation>
    </message>
    <message>
        <source>rules_restore</source>
        <translation>恢复默认规则</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>self_test</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>setup</source>
        <translation>初始设置</translation>
    </message>
    <message>
        <source>shelve</source>
        <translation>搁置</translation>
    </message>
    <message>
        <source>start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>start_service</source>
        <translation>启动服务</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>stop_service</source>
        <translation>停止服务</translation>
    </message>
    <message>
        <source>storage_warning</source>
        <translation>存储警告</translation>
    </message>
    <message>
        <source>unshelve</source>
        <translation>取消搁置</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>gui</source>
        <translation>图形界面</translation>
    </message>
    <message>
        <source>cli</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>serve</source>
        <translation>推理服务</translation>
    </message>
    <message>
        <source>self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>演示</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CPU cores</source>
        <translation>CPU 核心数</translation>
    </message>
    <message>
        <source>CPU core {index}</source>
        <translation>CPU 核心 {index}</translation>
    </message>
    <message>
        <source>CPU core {index} clock</source>
        <translation>CPU 核心 {index} 频率</translation>
    </message>
    <message>
        <source>Load (1 min)</source>
        <translation>负载（1 分钟）</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>已用内存</translation>
    </message>
    <message>
        <source>Memory total</source>
        <translation>内存总量</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>交换区</translation>
    </message>
    <message>
        <source>Data disk</source>
        <translation>数据盘</translation>
    </message>
    <message>
        <source>Data disk free</source>
        <translation>数据盘可用</translation>
    </message>
    <message>
        <source>Network rx</source>
        <translation>网络接收</translation>
    </message>
    <message>
        <source>Network tx</source>
        <translation>网络发送</translation>
    </message>
    <message>
        <source>Disk read</source>
        <translation>磁盘读取</translation>
    </message>
    <message>
        <source>Disk write</source>
        <translation>磁盘写入</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>{sensor} temperature</source>
        <translation>{sensor} 温度</translation>
    </message>
    <message>
        <source>{sensor} fan</source>
        <translation>{sensor} 风扇</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>GPU utilisation</source>
        <translation>GPU 利用率</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <source>GPU memory used</source>
        <translation>GPU 已用显存</translation>
    </message>
    <message>
        <source>GPU memory total</source>
        <translation>GPU 显存总量</translation>
    </message>
    <message>
        <source>GPU temperature</source>
        <translation>GPU 温度</translation>
    </message>
    <message>
        <source>GPU power</source>
        <translation>GPU 功率</translation>
    </message>
    <message>
        <source>GPU clock</source>
        <translation>GPU 频率</translation>
    </message>
    <message>
        <source>GPU max clock</source>
        <translation>GPU 最高频率</translation>
    </message>
    <message>
        <source>GPU min clock</source>
        <translation>GPU 最低频率</translation>
    </message>
    <message>
        <source>Memory controller</source>
        <translation>内存控制器</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Power limit</source>
        <translation>功率上限</translation>
    </message>
    <message>
        <source>SM clock</source>
        <translation>SM 频率</translation>
    </message>
    <message>
        <source>Memory clock</source>
        <translation>显存频率</translation>
    </message>
    <message>
        <source>Fan</source>
        <translation>风扇</translation>
    </message>
    <message>
        <source>P-state</source>
        <translation>性能状态</translation>
    </message>
    <message>
        <source>Clock reasons</source>
        <translation>降频原因</translation>
    </message>
    <message>
        <source>Throttling</source>
        <translation>降频</translation>
    </message>
    <message>
        <source>ECC corrected</source>
        <translation>ECC 已纠正</translation>
    </message>
    <message>
        <source>ECC uncorrected</source>
        <translation>ECC 未纠正</translation>
    </message>
    <message>
        <source>PCIe generation</source>
        <translation>PCIe 代数</translation>
    </message>
    <message>
        <source>PCIe width</source>
        <translation>PCIe 宽度</translation>
    </message>
    <message>
        <source>PCIe TX</source>
        <translation>PCIe 发送</translation>
    </message>
    <message>
        <source>PCIe RX</source>
        <translation>PCIe 接收</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>RAM used</source>
        <translation>已用内存</translation>
    </message>
    <message>
        <source>RAM total</source>
        <translation>内存总量</translation>
    </message>
    <message>
        <source>EMC clock</source>
        <translation>EMC 频率</translation>
    </message>
    <message>
        <source>{rail} power</source>
        <translation>{rail} 功率</translation>
    </message>
    <message>
        <source>{engine} clock</source>
        <translation>{engine} 频率</translation>
    </message>
    <message>
        <source>{engine} on</source>
        <translation>{engine} 开启</translation>
    </message>
    <message>
        <source>NPU</source>
        <translation>NPU</translation>
    </message>
    <message>
        <source>NPU load</source>
        <translation>NPU 负载</translation>
    </message>
    <message>
        <source>NPU core {index}</source>
        <translation>NPU 核心 {index}</translation>
    </message>
    <message>
        <source>Core {index} load</source>
        <translation>核心 {index} 负载</translation>
    </message>
    <message>
        <source>NPU clock</source>
        <translation>NPU 频率</translation>
    </message>
    <message>
        <source>NPU max clock</source>
        <translation>NPU 最高频率</translation>
    </message>
    <message>
        <source>NPU memory</source>
        <translation>NPU 内存</translation>
    </message>
    <message>
        <source>NPU voltage</source>
        <translation>NPU 电压</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>AI Core</source>
        <translation>AI Core</translation>
    </message>
    <message>
        <source>AI CPU</source>
        <translation>AI CPU</translation>
    </message>
    <message>
        <source>AI Cube</source>
        <translation>AI Cube</translation>
    </message>
    <message>
        <source>Control CPU</source>
        <translation>控制 CPU</translation>
    </message>
    <message>
        <source>Memory bandwidth</source>
        <translation>内存带宽</translation>
    </message>
    <message>
        <source>HBM</source>
        <translation>HBM</translation>
    </message>
    <message>
        <source>DDR memory</source>
        <translation>DDR 内存</translation>
    </message>
    <message>
        <source>{label} used</source>
        <translation>{label}已用</translation>
    </message>
    <message>
        <source>{label} total</source>
        <translation>{label}总量</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <source>Share of time all CPU cores were busy</source>
        <translation>所有 CPU 核心忙碌的时间占比</translation>
    </message>
    <message>
        <source>Share of time core {index} was busy</source>
        <translation>核心 {index} 忙碌的时间占比</translation>
    </message>
    <message>
        <source>Logical CPU cores</source>
        <translation>逻辑 CPU 核心数</translation>
    </message>
    <message>
        <source>Runnable processes, exponentially averaged</source>
        <translation>可运行进程数（指数平均）</translation>
    </message>
    <message>
        <source>Runnable processes</source>
        <translation>可运行进程数</translation>
    </message>
    <message>
        <source>Memory in use by processes</source>
        <translation>进程占用的内存</translation>
    </message>
    <message>
        <source>Memory in use</source>
        <translation>使用中的内存</translation>
    </message>
    <message>
        <source>Installed memory</source>
        <translation>已安装的内存</translation>
    </message>
    <message>
        <source>Swap space in use</source>
        <translation>已用交换空间</translation>
    </message>
    <message>
        <source>Used space on the volume holding {path}</source>
        <translation>{path} 所在卷的已用空间</translation>
    </message>
    <message>
        <source>Free space on the volume holding {path}</source>
        <translation>{path} 所在卷的可用空间</translation>
    </message>
    <message>
        <source>Used space</source>
        <translation>已用空间</translation>
    </message>
    <message>
        <source>Network bytes received per second</source>
        <translation>每秒网络接收字节数</translation>
    </message>
    <message>
        <source>Network bytes sent per second</source>
        <translation>每秒网络发送字节数</translation>
    </message>
    <message>
        <source>Disk bytes read per second</source>
        <translation>每秒磁盘读取字节数</translation>
    </message>
    <message>
        <source>Disk bytes written per second</source>
        <translation>每秒磁盘写入字节数</translation>
    </message>
    <message>
        <source>Hardware temperature sensors</source>
        <translation>硬件温度传感器</translation>
    </message>
    <message>
        <source>Sensor {chip}/{sensor}</source>
        <translation>传感器 {chip}/{sensor}</translation>
    </message>
    <message>
        <source>Fan {chip}/{sensor}</source>
        <translation>风扇 {chip}/{sensor}</translation>
    </message>
    <message>
        <source>Time since the host booted</source>
        <translation>主机自启动以来的时间</translation>
    </message>
    <message>
        <source>CPU share since the previous process scan (every {seconds:g} s), of one core = 100 %</source>
        <translation>自上次进程扫描（每 {seconds:g} 秒一次）以来的 CPU 占用，单核满载 = 100 %</translation>
    </message>
    <message>
        <source>Share of time one or more kernels ran on the GPU</source>
        <translation>GPU 上有一个或多个内核运行的时间占比</translation>
    </message>
    <message>
        <source>Share of time device memory was being read or written</source>
        <translation>显存被读写的时间占比</translation>
    </message>
    <message>
        <source>Device memory allocated by processes</source>
        <translation>进程分配的显存</translation>
    </message>
    <message>
        <source>Device memory size</source>
        <translation>显存容量</translation>
    </message>
    <message>
        <source>Share of device memory allocated</source>
        <translation>已分配显存的占比</translation>
    </message>
    <message>
        <source>GPU core temperature</source>
        <translation>GPU 核心温度</translation>
    </message>
    <message>
        <source>Board power draw</source>
        <translation>板卡功耗</translation>
    </message>
    <message>
        <source>Power cap the driver enforces</source>
        <translation>驱动强制执行的功率上限</translation>
    </message>
    <message>
        <source>Current sm clock</source>
        <translation>当前 SM 频率</translation>
    </message>
    <message>
        <source>Current SM clock</source>
        <translation>当前 SM 频率</translation>
    </message>
    <message>
        <source>Current memory clock</source>
        <translation>当前显存频率</translation>
    </message>
    <message>
        <source>Fan speed the driver requests, as a share of its maximum</source>
        <translation>驱动请求的风扇转速（占最高转速的比例）</translation>
    </message>
    <message>
        <source>Performance state: 0 = P0 (maximum) to 15 (minimum)</source>
        <translation>性能状态：0 = P0（最高）至 15（最低）</translation>
    </message>
    <message>
        <source>Bitmask of why clocks are held below maximum (note lists them)</source>
        <translation>频率低于最高值的原因位掩码（备注中列出）</translation>
    </message>
    <message>
        <source>1 while power or temperature limits slow the GPU down</source>
        <translation>功率或温度限制使 GPU 降速时为 1</translation>
    </message>
    <message>
        <source>ECC corrected memory errors (all memory locations)</source>
        <translation>ECC 已纠正的内存错误（所有内存位置）</translation>
    </message>
    <message>
        <source>ECC uncorrected memory errors (all memory locations)</source>
        <translation>ECC 未纠正的内存错误（所有内存位置）</translation>
    </message>
    <message>
        <source>Current PCIe link generation (drops when idle to save power)</source>
        <translation>当前 PCIe 链路代数（空闲时为省电会降低）</translation>
    </message>
    <message>
        <source>Current PCIe link width</source>
        <translation>当前 PCIe 链路宽度</translation>
    </message>
    <message>
        <source>PCIe TX throughput (KB/s from NVML / 1000)</source>
        <translation>PCIe 发送吞吐量（NVML 的 KB/s ÷ 1000）</translation>
    </message>
    <message>
        <source>PCIe RX throughput (KB/s from NVML / 1000)</source>
        <translation>PCIe 接收吞吐量（NVML 的 KB/s ÷ 1000）</translation>
    </message>
    <message>
        <source>Time a kernel was running</source>
        <translation>有内核运行的时间</translation>
    </message>
    <message>
        <source>Framebuffer memory allocated</source>
        <translation>已分配的帧缓冲显存</translation>
    </message>
    <message>
        <source>Framebuffer memory</source>
        <translation>帧缓冲显存</translation>
    </message>
    <message>
        <source>Share of memory allocated</source>
        <translation>已分配显存的占比</translation>
    </message>
    <message>
        <source>GPU die temperature</source>
        <translation>GPU 芯片温度</translation>
    </message>
    <message>
        <source>Uncorrected memory errors</source>
        <translation>未纠正的内存错误</translation>
    </message>
    <message>
        <source>Fan speed</source>
        <translation>风扇转速</translation>
    </message>
    <message>
        <source>Share of time the GPU (GR3D) was busy, as printed by tegrastats</source>
        <translation>GPU（GR3D）忙碌的时间占比，取自 tegrastats 输出</translation>
    </message>
    <message>
        <source>Share of time the iGPU was busy (nvgpu driver, per-mille / 10)</source>
        <translation>iGPU 忙碌的时间占比（nvgpu 驱动，千分比 ÷ 10）</translation>
    </message>
    <message>
        <source>Power on the rail feeding the GPU (tegrastats current value)</source>
        <translation>GPU 供电轨上的功率（tegrastats 当前值）</translation>
    </message>
    <message>
        <source>Memory in use, shared by CPU and GPU</source>
        <translation>使用中的内存（CPU 与 GPU 共享）</translation>
    </message>
    <message>
        <source>Module memory</source>
        <translation>模组内存</translation>
    </message>
    <message>
        <source>Share of module memory in use (CPU and GPU share it)</source>
        <translation>模组内存的使用占比（CPU 与 GPU 共享）</translation>
    </message>
    <message>
        <source>Share of external memory controller bandwidth in use</source>
        <translation>外部内存控制器带宽的使用占比</translation>
    </message>
    <message>
        <source>Memory controller clock</source>
        <translation>内存控制器频率</translation>
    </message>
    <message>
        <source>Clock of core {index}</source>
        <translation>核心 {index} 的频率</translation>
    </message>
    <message>
        <source>Thermal zone {zone}</source>
        <translation>温区 {zone}</translation>
    </message>
    <message>
        <source>GPU thermal zone</source>
        <translation>GPU 温区</translation>
    </message>
    <message>
        <source>Power on rail {rail}</source>
        <translation>供电轨 {rail} 上的功率</translation>
    </message>
    <message>
        <source>Share of time {engine} was busy</source>
        <translation>{engine} 忙碌的时间占比</translation>
    </message>
    <message>
        <source>Clock of {engine}</source>
        <translation>{engine} 的频率</translation>
    </message>
    <message>
        <source>1 when {engine} is clocked, 0 when tegrastats prints &apos;off&apos;</source>
        <translation>{engine} 有时钟时为 1，tegrastats 输出 &apos;off&apos; 时为 0</translation>
    </message>
    <message>
        <source>Current GPU clock (devfreq)</source>
        <translation>当前 GPU 频率（devfreq）</translation>
    </message>
    <message>
        <source>Highest clock devfreq may pick</source>
        <translation>devfreq 可选的最高频率</translation>
    </message>
    <message>
        <source>Lowest clock devfreq may pick</source>
        <translation>devfreq 可选的最低频率</translation>
    </message>
    <message>
        <source>GPU clock as printed by tegrastats (highest GPC)</source>
        <translation>tegrastats 输出的 GPU 频率（最高的 GPC）</translation>
    </message>
    <message>
        <source>Current GPU clock</source>
        <translation>当前 GPU 频率</translation>
    </message>
    <message>
        <source>1 when the {kind} clock is enabled (engine powered for work), 0 when gated</source>
        <translation>{kind} 时钟启用（引擎通电工作）时为 1，门控关闭时为 0</translation>
    </message>
    <message>
        <source>{engine} clock rate (debugfs)</source>
        <translation>{engine} 时钟频率（debugfs）</translation>
    </message>
    <message>
        <source>{engine} clock (tegrastats)</source>
        <translation>{engine} 频率（tegrastats）</translation>
    </message>
    <message>
        <source>{engine} clock rate</source>
        <translation>{engine} 时钟频率</translation>
    </message>
    <message>
        <source>Share of time the {engine} was busy (tegrastats)</source>
        <translation>{engine} 忙碌的时间占比（tegrastats）</translation>
    </message>
    <message>
        <source>Share of time the {engine} was busy</source>
        <translation>{engine} 忙碌的时间占比</translation>
    </message>
    <message>
        <source>Share of time the NPU was busy</source>
        <translation>NPU 忙碌的时间占比</translation>
    </message>
    <message>
        <source>Average busy share of the NPU cores</source>
        <translation>各 NPU 核心忙碌占比的平均值</translation>
    </message>
    <message>
        <source>NPU supply voltage (debugfs, µV / 1000)</source>
        <translation>NPU 供电电压（debugfs，µV ÷ 1000）</translation>
    </message>
    <message>
        <source>Current NPU clock</source>
        <translation>当前 NPU 频率</translation>
    </message>
    <message>
        <source>Highest clock the NPU hardware supports</source>
        <translation>NPU 硬件支持的最高频率</translation>
    </message>
    <message>
        <source>Memory allocated to NPU work (driver total, bytes/2^20)</source>
        <translation>分配给 NPU 任务的内存（驱动统计总量，字节 ÷ 2^20）</translation>
    </message>
    <message>
        <source>Share of time the NPU was executing jobs</source>
        <translation>NPU 执行任务的时间占比</translation>
    </message>
    <message>
        <source>Average load of the three NPU cores</source>
        <translation>三个 NPU 核心的平均负载</translation>
    </message>
    <message>
        <source>Load of NPU core {index}</source>
        <translation>NPU 核心 {index} 的负载</translation>
    </message>
    <message>
        <source>NPU thermal zone</source>
        <translation>NPU 温区</translation>
    </message>
    <message>
        <source>Share of time the AI Cores were busy</source>
        <translation>AI Core 忙碌的时间占比</translation>
    </message>
    <message>
        <source>Chip power draw</source>
        <translation>芯片功耗</translation>
    </message>
    <message>
        <source>Chip temperature</source>
        <translation>芯片温度</translation>
    </message>
    <message>
        <source>{label} in use</source>
        <translation>使用中的{label}</translation>
    </message>
    <message>
        <source>{label} size</source>
        <translation>{label}容量</translation>
    </message>
    <message>
        <source>{label} as printed by npu-smi watch</source>
        <translation>npu-smi watch 输出的{label}</translation>
    </message>
    <message>
        <source>npu-smi health: 0 OK, 1 Warning, 2 Alarm, 3 Critical</source>
        <translation>npu-smi 健康状态：0 正常，1 警告，2 告警，3 严重</translation>
    </message>
    <message>
        <source>instant</source>
        <translation>瞬时值</translation>
    </message>
    <message>
        <source>since the previous sample</source>
        <translation>自上次采样以来</translation>
    </message>
    <message>
        <source>{seconds:.1f} s since the previous sample</source>
        <translation>自上次采样以来的 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>1 s average</source>
        <translation>1 秒平均值</translation>
    </message>
    <message>
        <source>driver sample period, 1/6 s to 1 s</source>
        <translation>驱动采样周期，1/6 秒至 1 秒</translation>
    </message>
    <message>
        <source>NVML&apos;s 20 ms PCIe sample</source>
        <translation>NVML 的 20 毫秒 PCIe 采样</translation>
    </message>
    <message>
        <source>1 s average on Ampere (except A100) and newer; instantaneous on A100 and older</source>
        <translation>Ampere（A100 除外）及更新架构为 1 秒平均值；A100 及更早架构为瞬时值</translation>
    </message>
    <message>
        <source>since the driver was loaded (volatile counters)</source>
        <translation>自驱动加载以来（易失性计数器）</translation>
    </message>
    <message>
        <source>since the driver was loaded</source>
        <translation>自驱动加载以来</translation>
    </message>
    <message>
        <source>tegrastats interval ({ms} ms)</source>
        <translation>tegrastats 间隔（{ms} 毫秒）</translation>
    </message>
    <message>
        <source>instant (last tegrastats line)</source>
        <translation>瞬时值（最近一行 tegrastats 输出）</translation>
    </message>
    <message>
        <source>the GPU driver&apos;s own short load-averaging period, read when sampled</source>
        <translation>GPU 驱动自身的短负载平均周期，采样时读取</translation>
    </message>
    <message>
        <source>the driver&apos;s 1 s load interval (last completed)</source>
        <translation>驱动的 1 秒负载间隔（最近完成的一个）</translation>
    </message>
    <message>
        <source>driver load window (~1 s)</source>
        <translation>驱动负载窗口（约 1 秒）</translation>
    </message>
    <message>
        <source>busy time delta</source>
        <translation>忙碌时间增量</translation>
    </message>
    <message>
        <source>busy time delta over the {seconds:.1f} s since the previous read</source>
        <translation>自上次读取以来 {seconds:.1f} 秒内的忙碌时间增量</translation>
    </message>
    <message>
        <source>npu-smi&apos;s value at the moment of the query (its sampling period is not documented)</source>
        <translation>npu-smi 查询时刻的值（其采样周期未公开）</translation>
    </message>
    <message>
        <source>not supported by this device</source>
        <translation>此设备不支持</translation>
    </message>
    <message>
        <source>needs root: run as root or grant read access to {path}</source>
        <translation>需要 root 权限：请以 root 运行，或授予对 {path} 的读取权限</translation>
    </message>
    <message>
        <source>{path} does not exist on this kernel/driver</source>
        <translation>此内核/驱动中不存在 {path}</translation>
    </message>
    <message>
        <source>cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <source>{path} is not available (debugfs not mounted?)</source>
        <translation>{path} 不可用（debugfs 未挂载？）</translation>
    </message>
    <message>
        <source>available from the next sample (a rate needs two reads)</source>
        <translation>下次采样起可用（速率需要两次读取）</translation>
    </message>
    <message>
        <source>not provided by this operating system</source>
        <translation>此操作系统不提供</translation>
    </message>
    <message>
        <source>no swap space</source>
        <translation>无交换空间</translation>
    </message>
    <message>
        <source>no network interface counters</source>
        <translation>无网络接口计数器</translation>
    </message>
    <message>
        <source>no disk IO counters (common in containers)</source>
        <translation>无磁盘 IO 计数器（在容器中很常见）</translation>
    </message>
    <message>
        <source>counter reset (interface or disk removed); restarting</source>
        <translation>计数器已重置（接口或磁盘被移除）；重新开始</translation>
    </message>
    <message>
        <source>no temperature sensors exposed (common on VMs)</source>
        <translation>未提供温度传感器（在虚拟机上很常见）</translation>
    </message>
    <message>
        <source>high {limit:g} °C</source>
        <translation>高温阈值 {limit:g} °C</translation>
    </message>
    <message>
        <source>needs root: NVML refuses this query to this user</source>
        <translation>需要 root 权限：NVML 拒绝此用户的该查询</translation>
    </message>
    <message>
        <source>not provided by this driver version</source>
        <translation>此驱动版本不提供</translation>
    </message>
    <message>
        <source>NVML error: {error}</source>
        <translation>NVML 错误：{error}</translation>
    </message>
    <message>
        <source>excludes {mib:.0f} MiB reserved by the driver</source>
        <translation>不含驱动保留的 {mib:.0f} MiB</translation>
    </message>
    <message>
        <source>performance state unknown</source>
        <translation>性能状态未知</translation>
    </message>
    <message>
        <source>none active</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not throttled</source>
        <translation>未降频</translation>
    </message>
    <message>
        <source>GPU idle</source>
        <translation>GPU 空闲</translation>
    </message>
    <message>
        <source>applications clocks setting</source>
        <translation>应用程序时钟设置</translation>
    </message>
    <message>
        <source>SW power cap</source>
        <translation>软件功率上限</translation>
    </message>
    <message>
        <source>HW slowdown</source>
        <translation>硬件降速</translation>
    </message>
    <message>
        <source>sync boost</source>
        <translation>同步加速</translation>
    </message>
    <message>
        <source>SW thermal slowdown</source>
        <translation>软件过热降速</translation>
    </message>
    <message>
        <source>HW thermal slowdown</source>
        <translation>硬件过热降速</translation>
    </message>
    <message>
        <source>HW power brake slowdown</source>
        <translation>硬件功率制动降速</translation>
    </message>
    <message>
        <source>display clock setting</source>
        <translation>显示时钟设置</translation>
    </message>
    <message>
        <source>other (0x{mask:x})</source>
        <translation>其他（0x{mask:x}）</translation>
    </message>
    <message>
        <source>GPU lost: NVML reports the GPU is lost (fallen off the bus); reset the GPU or reboot to recover it</source>
        <translation>GPU 丢失：NVML 报告 GPU 已丢失（已从总线掉线）；请重置 GPU 或重启以恢复</translation>
    </message>
    <message>
        <source>no NVIDIA driver (libnvidia-ml.so.1 not found)</source>
        <translation>没有 NVIDIA 驱动（未找到 libnvidia-ml.so.1）</translation>
    </message>
    <message>
        <source>no NVIDIA driver (the nvidia kernel module is not loaded)</source>
        <translation>没有 NVIDIA 驱动（nvidia 内核模块未加载）</translation>
    </message>
    <message>
        <source>NVML failed to initialise: Driver/library version mismatch (the loaded kernel module and the NVML library differ: reboot after a driver update)</source>
        <translation>NVML 初始化失败：驱动/库版本不匹配（已加载的内核模块与 NVML 库不一致：更新驱动后请重启）</translation>
    </message>
    <message>
        <source>NVML failed to initialise: {error}</source>
        <translation>NVML 初始化失败：{error}</translation>
    </message>
    <message>
        <source>NVML cannot list GPUs: {error}</source>
        <translation>NVML 无法列出 GPU：{error}</translation>
    </message>
    <message>
        <source>NVML cannot open GPU {index}: {error}</source>
        <translation>NVML 无法打开 GPU {index}：{error}</translation>
    </message>
    <message>
        <source>{state}: no NVIDIA GPU will be shown.</source>
        <translation>{state}：不会显示 NVIDIA GPU。</translation>
    </message>
    <message>
        <source>nvidia-ml-py is not installed; NVIDIA GPUs are not monitored.</source>
        <translation>未安装 nvidia-ml-py；不监控 NVIDIA GPU。</translation>
    </message>
    <message>
        <source>simulated for demonstration; not a real device</source>
        <translation>用于演示的模拟设备；并非真实设备</translation>
    </message>
    <message>
        <source>not supported by this device (passively cooled SXM module)</source>
        <translation>此设备不支持（被动散热的 SXM 模组）</translation>
    </message>
    <message>
        <source>tegrastats on Thor (JetPack 7) prints GPU clocks but no GPU utilisation</source>
        <translation>Thor（JetPack 7）上的 tegrastats 只输出 GPU 频率，不输出 GPU 利用率</translation>
    </message>
    <message>
        <source>waiting for the first tegrastats line</source>
        <translation>正在等待第一行 tegrastats 输出</translation>
    </message>
    <message>
        <source>not printed by this tegrastats</source>
        <translation>此版本 tegrastats 不输出</translation>
    </message>
    <message>
        <source>sensor power-gated (tegrastats prints -256 C)</source>
        <translation>传感器已断电（tegrastats 输出 -256 C）</translation>
    </message>
    <message>
        <source>sensor power-gated (reads -256 C)</source>
        <translation>传感器已断电（读数为 -256 C）</translation>
    </message>
    <message>
        <source>rail VDD_GPU_SOC also feeds the SoC</source>
        <translation>供电轨 VDD_GPU_SOC 同时为 SoC 供电</translation>
    </message>
    <message>
        <source>rail VDD_CPU_GPU_CV also feeds the CPU and CV engines</source>
        <translation>供电轨 VDD_CPU_GPU_CV 同时为 CPU 和 CV 引擎供电</translation>
    </message>
    <message>
        <source>rail {rail}</source>
        <translation>供电轨 {rail}</translation>
    </message>
    <message>
        <source>no GPU power rail in this tegrastats line</source>
        <translation>此行 tegrastats 输出中没有 GPU 供电轨</translation>
    </message>
    <message>
        <source>no GR3D field in this tegrastats line</source>
        <translation>此行 tegrastats 输出中没有 GR3D 字段</translation>
    </message>
    <message>
        <source>no swap: tegrastats printed no SWAP field</source>
        <translation>无交换区：tegrastats 未输出 SWAP 字段</translation>
    </message>
    <message>
        <source>tegrastats prints EMC clock only when run as root</source>
        <translation>tegrastats 仅在以 root 运行时输出 EMC 频率</translation>
    </message>
    <message>
        <source>core offline</source>
        <translation>核心已离线</translation>
    </message>
    <message>
        <source>max {limit:g} °C since tegrastats started</source>
        <translation>自 tegrastats 启动以来最高 {limit:g} °C</translation>
    </message>
    <message>
        <source>average {average:.2f} W since tegrastats started</source>
        <translation>自 tegrastats 启动以来平均 {average:.2f} W</translation>
    </message>
    <message>
        <source>average {average:.2f} W since tegrastats started, max {peak:.2f} W</source>
        <translation>自 tegrastats 启动以来平均 {average:.2f} W，最高 {peak:.2f} W</translation>
    </message>
    <message>
        <source>no GPU load file</source>
        <translation>没有 GPU 负载文件</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>this Jetson (Thor) exposes no GPU load in sysfs</source>
        <translation>此 Jetson（Thor）未在 sysfs 中提供 GPU 负载</translation>
    </message>
    <message>
        <source>no GPU devfreq node found</source>
        <translation>未找到 GPU 的 devfreq 节点</translation>
    </message>
    <message>
        <source>no GPU thermal zone on this module</source>
        <translation>此模组上没有 GPU 温区</translation>
    </message>
    <message>
        <source>from tegrastats</source>
        <translation>来自 tegrastats</translation>
    </message>
    <message>
        <source>engine off</source>
        <translation>引擎已关闭</translation>
    </message>
    <message>
        <source>no clock node for {engine} in debugfs</source>
        <translation>debugfs 中没有 {engine} 的时钟节点</translation>
    </message>
    <message>
        <source>the {kind} exposes no utilisation counter, only on/off and clock</source>
        <translation>{kind} 没有利用率计数器，只有开/关状态和频率</translation>
    </message>
    <message>
        <source>cannot start {command}: {error}</source>
        <translation>无法启动 {command}：{error}</translation>
    </message>
    <message>
        <source>tegrastats exited with status {status}</source>
        <translation>tegrastats 已退出，状态码 {status}</translation>
    </message>
    <message>
        <source>tegrastats exited with status {status}: {line}</source>
        <translation>tegrastats 已退出，状态码 {status}：{line}</translation>
    </message>
    <message>
        <source>tegrastats printed nothing for {seconds:.1f} s</source>
        <translation>tegrastats 已 {seconds:.1f} 秒没有任何输出</translation>
    </message>
    <message>
        <source>tegrastats printed no parsable line (last: {line!r}) for {seconds:.1f} s</source>
        <translation>tegrastats 已 {seconds:.1f} 秒没有输出可解析的行（最后一行：{line!r}）</translation>
    </message>
    <message>
        <source>tegrastats stalled: no new line for {seconds:.1f} s</source>
        <translation>tegrastats 停滞：已 {seconds:.1f} 秒没有新行</translation>
    </message>
    <message>
        <source>unreadable load file: {error}</source>
        <translation>负载文件无法解析：{error}</translation>
    </message>
    <message>
        <source>driver reported {percent:g} %, not a valid load (known rknpu counter overflow); ignored</source>
        <translation>驱动报告 {percent:g} %，不是有效负载（已知的 rknpu 计数器溢出）；已忽略</translation>
    </message>
    <message>
        <source>no core reports a valid load</source>
        <translation>没有核心报告有效负载</translation>
    </message>
    <message>
        <source>average of {good} of {cores} cores (others report invalid values)</source>
        <translation>{cores} 个核心中 {good} 个的平均值（其余核心报告无效值）</translation>
    </message>
    <message>
        <source>not provided by this kernel&apos;s intel_vpu driver (added in newer kernels)</source>
        <translation>此内核的 intel_vpu 驱动不提供（较新内核中才有）</translation>
    </message>
    <message>
        <source>unexpected value {value!r}</source>
        <translation>意外的值 {value!r}</translation>
    </message>
    <message>
        <source>npu_busy_time_us not readable</source>
        <translation>无法读取 npu_busy_time_us</translation>
    </message>
    <message>
        <source>first read: shown from the next sample (needs two reads)</source>
        <translation>首次读取：从下次采样起显示（需要两次读取）</translation>
    </message>
    <message>
        <source>busy counter went backwards (driver reloaded); restarting</source>
        <translation>忙碌计数器倒退（驱动已重新加载）；重新开始</translation>
    </message>
    <message>
        <source>device suspended</source>
        <translation>设备已挂起</translation>
    </message>
    <message>
        <source>0 while the NPU is idle (the driver reports 0 when not running jobs)</source>
        <translation>NPU 空闲时为 0（未运行任务时驱动报告 0）</translation>
    </message>
    <message>
        <source>not reported by this card (npu-smi prints NA)</source>
        <translation>此卡不报告（npu-smi 输出 NA）</translation>
    </message>
    <message>
        <source>reported for the NPU&apos;s first die only (npu-smi prints -)</source>
        <translation>仅 NPU 的第一个裸片报告（npu-smi 输出 -）</translation>
    </message>
    <message>
        <source>not reported by npu-smi</source>
        <translation>npu-smi 不报告</translation>
    </message>
    <message>
        <source>npu-smi printed NA</source>
        <translation>npu-smi 输出 NA</translation>
    </message>
    <message>
        <source>no HBM column for this chip</source>
        <translation>此芯片没有 HBM 列</translation>
    </message>
    <message>
        <source>no DDR memory column for this chip</source>
        <translation>此芯片没有 DDR 内存列</translation>
    </message>
    <message>
        <source>no {label} on this chip (npu-smi prints 0 / 0)</source>
        <translation>此芯片没有{label}（npu-smi 输出 0 / 0）</translation>
    </message>
    <message>
        <source>unknown health word {word!r}</source>
        <translation>未知的健康状态词 {word!r}</translation>
    </message>
    <message>
        <source>npu-smi timed out after {seconds:g} s</source>
        <translation>npu-smi 在 {seconds:g} 秒后超时</translation>
    </message>
    <message>
        <source>{command} not found</source>
        <translation>未找到 {command}</translation>
    </message>
    <message>
        <source>npu-smi failed: {error}</source>
        <translation>npu-smi 失败：{error}</translation>
    </message>
    <message>
        <source>cannot run npu-smi: {error}</source>
        <translation>无法运行 npu-smi：{error}</translation>
    </message>
    <message>
        <source>npu-smi output not understood: {error}</source>
        <translation>无法理解 npu-smi 的输出：{error}</translation>
    </message>
    <message>
        <source>{device}: {message}</source>
        <translation>{device}：{message}</translation>
    </message>
    <message>
        <source>GPU temperature {value:.0f} °C is above {threshold:g} °C</source>
        <translation>GPU 温度 {value:.0f} °C，高于 {threshold:g} °C</translation>
    </message>
    <message>
        <source>GPU temperature {value:.0f} °C is above {threshold:g} °C; it will throttle or shut down</source>
        <translation>GPU 温度 {value:.0f} °C，高于 {threshold:g} °C；将会降频或关机</translation>
    </message>
    <message>
        <source>GPU memory {value:.0f} % full; new models may fail to load</source>
        <translation>GPU 显存已用 {value:.0f} %；新模型可能无法加载</translation>
    </message>
    <message>
        <source>GPU clocks are throttled ({note})</source>
        <translation>GPU 频率已被降低（{note}）</translation>
    </message>
    <message>
        <source>{value:.0f} uncorrectable ECC memory error(s); results may be wrong, plan a GPU reset</source>
        <translation>{value:.0f} 个不可纠正的 ECC 内存错误；结果可能有误，请安排重置 GPU</translation>
    </message>
    <message>
        <source>Host memory {value:.0f} % used; processes may be killed</source>
        <translation>主机内存已用 {value:.0f} %；进程可能会被终止</translation>
    </message>
    <message>
        <source>Data disk {value:.0f} % full; history and models need space</source>
        <translation>数据盘已用 {value:.0f} %；历史数据和模型需要空间</translation>
    </message>
    <message>
        <source>Data disk {value:.0f} % full; the database may stop accepting writes</source>
        <translation>数据盘已用 {value:.0f} %；数据库可能停止接受写入</translation>
    </message>
    <message>
        <source>{key} is {value:.1f} {unit} (limit {comparison} {threshold:g})</source>
        <translation>{key} 为 {value:.1f} {unit}（限值 {comparison} {threshold:g}）</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>reason for shelving</source>
        <translation>搁置原因</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: the account &apos;{name}&apos; is locked until {locked_until} UTC. Try again then, or ask an administrator.</source>
        <translation>登录失败次数过多：账户“{name}”已锁定至 {locked_until} UTC。请届时再试，或联系管理员。</translation>
    </message>
    <message>
        <source>The account &apos;{name}&apos; is disabled; ask an administrator.</source>
        <translation>账户“{name}”已停用；请联系管理员。</translation>
    </message>
    <message>
        <source>The current password is wrong; nothing was changed.</source>
        <translation>当前密码错误；未做任何更改。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码必须与当前密码不同。</translation>
    </message>
    <message>
        <source>The password must be at least {min_length} characters long.</source>
        <translation>密码长度至少为 {min_length} 个字符。</translation>
    </message>
    <message>
        <source>The password must be at most {max_length} characters long.</source>
        <translation>密码长度最多为 {max_length} 个字符。</translation>
    </message>
    <message>
        <source>The password must not start or end with spaces.</source>
        <translation>密码不能以空格开头或结尾。</translation>
    </message>
    <message>
        <source>That password is on every cracking list; choose another.</source>
        <translation>该密码在所有破解字典中都有；请另选一个。</translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>密码不能与用户名相同。</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; is not a valid user name: use 2-32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>“{username}”不是有效的用户名：请使用 2-32 个字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos;，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>A user named &apos;{name}&apos; already exists.</source>
        <translation>名为“{name}”的用户已存在。</translation>
    </message>
    <message>
        <source>There is no user named &apos;{username}&apos;.</source>
        <translation>不存在名为“{username}”的用户。</translation>
    </message>
    <message>
        <source>Unknown role &apos;{value}&apos;: use one of {names}.</source>
        <translation>未知角色“{value}”：请使用 {names} 之一。</translation>
    </message>
    <message>
        <source>The last enabled administrator cannot be disabled.</source>
        <translation>不能停用最后一个已启用的管理员。</translation>
    </message>
    <message>
        <source>The last enabled administrator cannot lose the admin role; make another user admin first.</source>
        <translation>最后一个已启用的管理员不能失去管理员角色；请先将另一个用户设为管理员。</translation>
    </message>
    <message>
        <source>Lockout: 3-20 failed attempts and 1-1440 minutes.</source>
        <translation>账户锁定：失败次数须为 3-20 次，时长须为 1-1440 分钟。</translation>
    </message>
    <message>
        <source>Setup was already done: this appliance has accounts. Sign in as an administrator to add users.</source>
        <translation>已完成初始设置：本设备已有账户。请以管理员身份登录以添加用户。</translation>
    </message>
    <message>
        <source>Permission denied: &apos;{user}&apos; ({role}) may not {permission}; this needs the {needed} role.</source>
        <translation>权限不足：“{user}”（{role}）不能{permission}；此操作需要{needed}角色。</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>view status</source>
        <translation>查看状态</translation>
    </message>
    <message>
        <source>acknowledge alarms</source>
        <translation>确认告警</translation>
    </message>
    <message>
        <source>run playground</source>
        <translation>使用模型试用</translation>
    </message>
    <message>
        <source>ask knowledge</source>
        <translation>查询知识库</translation>
    </message>
    <message>
        <source>manage models</source>
        <translation>管理模型</translation>
    </message>
    <message>
        <source>ingest documents</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <source>shelve alarms</source>
        <translation>搁置告警</translation>
    </message>
    <message>
        <source>run diagnostics</source>
        <translation>运行诊断</translation>
    </message>
    <message>
        <source>view audit</source>
        <translation>查看审计记录</translation>
    </message>
    <message>
        <source>export audit</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>delete data</source>
        <translation>删除数据</translation>
    </message>
    <message>
        <source>leave kiosk mode</source>
        <translation>退出展台模式</translation>
    </message>
    <message>
        <source>manage knowledge</source>
        <translation>管理知识库</translation>
    </message>
    <message>
        <source>run inference service</source>
        <translation>运行推理服务</translation>
    </message>
    <message>
        <source>manage api keys</source>
        <translation>管理 API 密钥</translation>
    </message>
    <message>
        <source>run batch jobs</source>
        <translation>运行批处理任务</translation>
    </message>
    <message>
        <source>The device name must be 1-{max_device_name} printable characters.</source>
        <translation>设备名称必须为 1-{max_device_name} 个可打印字符。</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is not a setting: choose from {known}.</source>
        <translation>“{key}”不是设置项：请从 {known} 中选择。</translation>
    </message>
    <message>
        <source>{key} ({words}) must be a number.</source>
        <translation>{key}（{words}）必须是数字。</translation>
    </message>
    <message>
        <source>{key} ({words}) must be between {low:g} and {high:g}.</source>
        <translation>{key}（{words}）必须介于 {low:g} 与 {high:g} 之间。</translation>
    </message>
    <message>
        <source>minutes of inactivity before the console locks (0 = never)</source>
        <translation>控制台锁定前的空闲分钟数（0 = 从不）</translation>
    </message>
    <message>
        <source>audit records kept in the database before archiving is due</source>
        <translation>需要归档前数据库中保留的审计记录数</translation>
    </message>
    <message>
        <source>seconds between monitoring samples</source>
        <translation>监控采样间隔秒数</translation>
    </message>
    <message>
        <source>1 = audit the full text of knowledge questions (default: only their SHA-256)</source>
        <translation>1 = 审计知识库问题的全文（默认：仅记录其 SHA-256）</translation>
    </message>
    <message>
        <source>monitoring history rows kept (about 25 bytes each)</source>
        <translation>保留的监控历史行数（每行约 25 字节）</translation>
    </message>
    <message>
        <source>This alarm is not waiting for an acknowledgement.</source>
        <translation>此告警不需要确认。</translation>
    </message>
    <message>
        <source>A shelf must end in the future.</source>
        <translation>搁置结束时间必须在未来。</translation>
    </message>
    <message>
        <source>This alarm is not shelved.</source>
        <translation>此告警未被搁置。</translation>
    </message>
    <message>
        <source>Please give a {what}.</source>
        <translation>请填写{what}。</translation>
    </message>
    <message>
        <source>The {what} must be at most {max_text} characters.</source>
        <translation>{what}最多 {max_text} 个字符。</translation>
    </message>
    <message>
        <source>There is no alarm #{alarm_id} (it may have been cleared).</source>
        <translation>不存在告警 #{alarm_id}（可能已恢复）。</translation>
    </message>
    <message>
        <source>An alarm can be shelved for 1-{max_shelve_minutes} minutes.</source>
        <translation>告警可搁置 1-{max_shelve_minutes} 分钟。</translation>
    </message>
    <message>
        <source>There is no alarm rule &apos;{rule_id}&apos;.</source>
        <translation>不存在告警规则“{rule_id}”。</translation>
    </message>
    <message>
        <source>Alarm rule id &apos;{id}&apos; must be 1-64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>告警规则 ID“{id}”必须为 1-64 个小写字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos;，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>An alarm rule needs a reading key (pattern) of 1-128 characters, or &apos;{error_metric}&apos;.</source>
        <translation>告警规则需要 1-128 个字符的读数键（模式），或“{error_metric}”。</translation>
    </message>
    <message>
        <source>Comparison must be one of {comparisons}.</source>
        <translation>比较运算符必须是 {comparisons} 之一。</translation>
    </message>
    <message>
        <source>Priority must be one of {priorities}.</source>
        <translation>优先级必须是 {priorities} 之一。</translation>
    </message>
    <message>
        <source>The rule&apos;s {name} must be a number.</source>
        <translation>规则的 {name} 必须是数字。</translation>
    </message>
    <message>
        <source>The deadband cannot be negative.</source>
        <translation>死区不能为负数。</translation>
    </message>
    <message>
        <source>The rule&apos;s {name} must be 0-{max_delay_s:.0f} seconds.</source>
        <translation>规则的 {name} 必须为 0-{max_delay_s:.0f} 秒。</translation>
    </message>
    <message>
        <source>The message must be at most {max_message} printable characters.</source>
        <translation>消息最多 {max_message} 个可打印字符。</translation>
    </message>
    <message>
        <source>The message is not a valid template: {exc}.</source>
        <translation>消息不是有效的模板：{exc}。</translation>
    </message>
    <message>
        <source>The message uses unknown field(s) {unknown}; available: {message_fields}.</source>
        <translation>消息使用了未知字段 {unknown}；可用字段：{message_fields}。</translation>
    </message>
    <message>
        <source>The rule&apos;s {name} must be at most 128 printable characters.</source>
        <translation>规则的 {name} 最多 128 个可打印字符。</translation>
    </message>
    <message>
        <source>This appliance has no audit signing key.</source>
        <translation>本设备没有审计签名密钥。</translation>
    </message>
    <message>
        <source>Unknown export format &apos;{fmt}&apos;: use one of {formats}.</source>
        <translation>未知导出格式“{fmt}”：请使用 {formats} 之一。</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消；未写入文件。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {strerror}.</source>
        <translation>无法写入 {path}：{strerror}。</translation>
    </message>
    <message>
        <source>Nothing to archive: records before #{start} are already archived.</source>
        <translation>没有可归档的内容：#{start} 之前的记录已归档。</translation>
    </message>
    <message>
        <source>Keep at least the newest record: archive up to #{seq} at most.</source>
        <translation>至少保留最新一条记录：最多归档到 #{seq}。</translation>
    </message>
    <message>
        <source>Refusing to archive: {verification}</source>
        <translation>拒绝归档：{verification}</translation>
    </message>
    <message>
        <source>Archiving needs the audit signing key.</source>
        <translation>归档需要审计签名密钥。</translation>
    </message>
    <message>
        <source>{path} already exists; nothing was archived.</source>
        <translation>{path} 已存在；未归档任何内容。</translation>
    </message>
    <message>
        <source>The written segment did not verify ({reason}); nothing was removed.</source>
        <translation>写入的归档段未通过校验（{reason}）；未删除任何内容。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date/time (use e.g. 2026-11-22 or 2026-11-22T08:30).</source>
        <translation>“{value}”不是日期/时间（例如 2026-11-22 或 2026-11-22T08:30）。</translation>
    </message>
    <message>
        <source>Verification cancelled after {checked} records (nothing is known yet).</source>
        <translation>已校验 {checked} 条记录后取消（尚无结论）。</translation>
    </message>
    <message>
        <source>Audit trail intact: {checked} records, head #{head_seq}, {checkpoints_checked} signed checkpoints.</source>
        <translation>审计记录完整：{checked} 条记录，链头 #{head_seq}，{checkpoints_checked} 个签名检查点。</translation>
    </message>
    <message>
        <source>Audit trail intact: {checked} records, head #{head_seq}, {checkpoints_checked} signed checkpoints, records up to #{archived_upto} archived.</source>
        <translation>审计记录完整：{checked} 条记录，链头 #{head_seq}，{checkpoints_checked} 个签名检查点，#{archived_upto} 及之前的记录已归档。</translation>
    </message>
    <message>
        <source>Audit trail BROKEN at record #{first_bad_seq}: {reason}</source>
        <translation>审计记录已被破坏，位于记录 #{first_bad_seq}：{reason}</translation>
    </message>
    <message>
        <source>Audit trail BROKEN: {reason}</source>
        <translation>审计记录已被破坏：{reason}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a valid model name: use 1-64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>“{name}”不是有效的模型名称：请使用 1-64 个字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos;，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a version number (e.g. 3 or v3).</source>
        <translation>“{value}”不是版本号（例如 3 或 v3）。</translation>
    </message>
    <message>
        <source>Unknown task &apos;{task}&apos;: use one of {tasks}.</source>
        <translation>未知任务“{task}”：请使用 {tasks} 之一。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>The folder {path} holds no .onnx file.</source>
        <translation>文件夹 {path} 中没有 .onnx 文件。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has no earlier active version to roll back to (or its files were deleted).</source>
        <translation>“{name}”没有可回滚的更早活动版本（或其文件已被删除）。</translation>
    </message>
    <message>
        <source>{tag} is the active version: activate another version (or roll back) before deleting it.</source>
        <translation>{tag} 是当前活动版本：删除前请先激活其他版本（或回滚）。</translation>
    </message>
    <message>
        <source>{tag} was already deleted.</source>
        <translation>{tag} 已被删除。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>个错误</translation>
    </message>
    <message>
        <source>lanes</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>h</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>RPM</source>
        <translation>转/分</translation>
    </message>
</context>
</TS>
