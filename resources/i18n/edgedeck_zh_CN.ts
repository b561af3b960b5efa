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
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Sampled: {0}</source>
        <translation>采样：{0}</translation>
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
    <message>
        <source>The knowledge base is empty: no manuals or procedures have been added to this appliance.</source>
        <translation>知识库为空：本设备尚未添加任何手册或作业规程。</translation>
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
</TS>
