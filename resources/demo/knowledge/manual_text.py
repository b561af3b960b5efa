# ruff: noqa: E501 - long lines are Chinese prose paragraphs
"""The text of the demo manuals that make_documents.py writes as DOCX and PDF.

Self-written for EdgeDeck (a fictional appliance and plant); free to use with the project.
Light markup, one block per blank-line-separated paragraph: "# ", "## ", "### " headings,
"=== page ===" a page break (PDF only), lines starting with "|" a table (DOCX) or one line
per row (PDF), "- " bullets kept as one paragraph.
"""

MAINTENANCE_HANDBOOK = """\
# EdgeDeck Line Maintenance Handbook

Document ED-MH-300, revision E. Preventive maintenance of the packaging lines supervised by the
EdgeDeck EA-400 appliance: the maintenance schedule, the lock-out procedure, lubrication, belt
tension, the glue unit, the case erector and the spare parts to keep in stock. For technicians
of the maintenance department. The appliance itself is covered by the Compute Module Care Guide.

## 1 Maintenance schedule

The console reminds the maintenance team of every task below on the Alarms page as a blue info
alarm, one day before it is due, and records when it was done. A task is due after the given
number of operating hours of the line (the hour counter on the Dashboard), or after the given
calendar time, whichever comes first.

| task | interval | duration | who
| clean conveyor belts and photo-eyes | every shift | 10 min | operator
| check glue level and nozzle | every shift | 5 min | operator
| lubricate conveyor chains | 160 hours or monthly | 30 min | technician
| check belt tension of CV-1, CV-2, CV-3 | 250 hours | 45 min | technician
| replace case erector suction cups | 2,000 hours | 20 min | technician
| clean appliance dust filter | 500 hours | 10 min | technician
| test emergency stops and guard switches | monthly | 60 min | technician with safety officer
| replace glue filter cartridge | 1,000 hours | 40 min | technician
| calibrate vision station | 90 days | 35 min | technician
| full safety inspection | yearly | 1 day | external inspector

Tasks that need work inside the guards are always done with the line locked out (section 3).

## 2 Before you start

Read the task card on the console (Knowledge page, search for the task name) and take the parts
listed on it from the store before stopping the line. Tell the shift leader how long the line
will be stopped; the console lets the shift leader plan the stop on the Alarms page so that the
operators see it.

Never start maintenance on a line in production by opening a guard door: the line stops with
fault E04, cartons stay inside the machines and the top sealer may glue a carton to its belts.

## 3 Lock-out and tag-out

Every person who works inside a guard or in the electrical cabinet puts their own padlock on
every energy isolation point of the machine. Nobody removes another person's lock. The locks
are red for maintenance technicians, blue for electricians and yellow for external contractors.
Each lock carries a tag with the name of its owner and a mobile phone number.

The energy isolation points of line 3 are: the main switch Q0 (electricity), the compressed air
valve V1 with its dump valve (air), and the glue unit heater switch (heat). Lines 1, 2 and 4 have
no glue unit, so they have two isolation points.

Lock-out procedure, in this order:

1. Tell the shift leader and the operators of the line that you lock out.
2. Stop the line with the STOP button and wait until all machines stand still.
3. Switch off the main switch Q0 and put your lock and tag on it.
4. Close the air valve V1, lock it, and check on the gauge that the pressure has fallen to 0 bar.
The dump valve releases the air of the machine in about 20 seconds.
5. On line 3, switch off the glue heater and lock the switch. The glue stays hot for about 2
hours; wear the heat-resistant gloves near the glue unit.
6. Verify zero energy: press START on the operator panel. Nothing must move. Then try to move
the flap folder by hand: it must not be held by air.

Removing the locks, in the reverse order: check that all tools are out of the machines and all
guards are closed, count the people (everyone who put a lock must be present), each person
removes their own lock, and the last person tells the shift leader. The EdgeDeck appliance
stays powered during a lock-out of the line: it has its own supply from the UPS circuit and
does not need to be locked out unless its own cabinet is opened.

A lock left on a machine by someone who has gone home may only be removed by the maintenance
manager, after trying to call its owner, and the removal is written in the lock-out log with the
time and the reason.

## 4 Lubrication

The conveyor chains of CV-1 and CV-2 are lubricated every 160 operating hours or once a month
with the food-grade chain oil FG-68 from the green oil can. Apply the oil with the brush to the
inner side of the chain while jogging the conveyor, about 15 ml per conveyor. Too much oil
drips on the cartons; wipe off any excess after 10 minutes.

The bearings of the drive rollers have grease nipples. Grease them every 2,000 hours with two
strokes of the grease gun loaded with the food-grade grease FG-2 (white cartridge). Never use
the black general-purpose grease of the workshop on the packaging lines.

The linear guides of the case erector are lubricated for life: do not oil them. Oil collects
carton dust and makes the guides stick, which causes fault E38 on the flap folder.

## 5 Belt tension

The conveyor belts stretch in their first weeks and then slowly over their life. A belt that is
too loose slips on the drive roller (fault E13); a belt that is too tight wears the bearings.

Check the tension every 250 hours, with the line locked out. Press the belt down in the middle
of the lower run with the spring gauge from the tool kit. At a force of 50 N the belt must
deflect by 8 mm, plus or minus 2 mm. If the deflection is larger, turn both tension screws at
the tail end of the conveyor by the same amount, half a turn at a time, and measure again. Turn
both screws equally, otherwise the belt runs off to one side.

After adjusting the tension, jog the conveyor for two minutes and check that the belt runs in
the middle of the rollers. A belt that runs to one side is corrected on the tail roller only,
with the tracking screw, a quarter turn at a time.

A belt is replaced when it has cuts deeper than 1 mm, frayed edges longer than 50 mm, or when
the tension screws are at the end of their travel. A new belt for CV-2 of line 3 is part number
CB-2-1450 (1,450 mm long, 300 mm wide).

## 6 Glue unit (line 3)

The hot-melt glue unit of the line 3 top sealer works at 165 °C. Its filter cartridge is
replaced every 1,000 hours: heat the unit to working temperature, depressurise it with the
pressure relief valve, unscrew the filter housing with the 27 mm spanner and pull out the old
cartridge with the hook. Insert the new cartridge (part number GL-F100) with a new O-ring, and
tighten the housing by hand plus a quarter turn.

Once a year, the glue tank is emptied and cleaned: old glue that has been heated many times
darkens, chars and blocks the nozzles. Let the tank run almost empty in production before the
cleaning day. Scrape the remaining glue out while warm, at about 120 °C, with the wooden
scraper; never with a metal tool, which scratches the tank coating.

The nozzle of the glue gun is cleaned with the 0.5 mm cleaning needle when fault E34 occurs.
A nozzle that clogs more than once a week points to charred glue in the tank or a damaged
filter.

## 7 Case erector

The suction cups of the case erector pick the blanks from the magazine. They are replaced as a
set of four every 2,000 hours, or earlier when one is cracked (fault E36). Pull the old cups off
their holders, push the new ones on until they click. Part number SC-40 for all formats.

The folding fingers wear at their tips. Check them every 500 hours with the gauge: a finger
worn by more than 2 mm must be replaced, otherwise the cartons are not square (fault E39).

The separating brushes at the magazine exit stop the machine from taking two blanks at once.
When fault E37 occurs more than twice a shift, move the brushes 1 mm further into the magazine
path; replace them when they cannot be moved further.

## 8 Testing the safety functions

Once a month, a technician and the plant safety officer test the safety functions of each line
together and sign the test sheet. The console has a guided test under Field kit > Safety test
that records each step.

- Each emergency stop button: press it with the line running in JOG; the line must stop and
the console must show fault E03 with the number of the button.
- Each guard door: open it with the line running in JOG; the line must stop within 0.5 seconds
and the console must show fault E04 with the number of the door.
- The light curtain at the reject gate: interrupt it with the test rod (30 mm diameter) at the
top, middle and bottom; the line must stop each time.
- On lines 1 and 2, each pull-cord: pull it at both ends and in the middle.

A safety function that fails the test is written in red on the test sheet and the line may not
run until it is repaired and tested again.

## 9 Torque values

| joint | torque
| conveyor drive motor flange screws M8 | 25 Nm
| tension screw lock nuts M12 | 40 Nm
| camera bracket screws M6 | 8 Nm
| glue hose fittings | 12 Nm
| top sealer head guide screws M10 | 45 Nm
| checkweigher load cell screws M6 | 10 Nm (never more: the load cell is damaged above 12 Nm)

Use the torque wrench from the tool cabinet, not an impact driver.

## 10 Spare parts to keep in stock

The plant keeps the following parts for the four lines. When a part is taken from the store,
note it on the console's spare parts list so that it is reordered.

| part | part number | minimum stock
| suction cups, set of four | SC-40 | 4 sets
| conveyor belt CV-2 line 3 | CB-2-1450 | 1
| glue filter cartridge with O-ring | GL-F100 | 3
| photo-eye with M12 connector | PE-12 | 4
| LED ring light for CAM-A | VS-RL5 | 1
| appliance fan | ED-FAN-80 | 2
| appliance dust filter | ED-DF-2 | 6
| safety switch with actuator | SS-RF3 | 2

## 11 After maintenance

Before the line goes back into production, run it in DRY RUN for 2 minutes, then 10 cartons in
AUTO at 50 percent speed, and check the cartons by eye. Close the task on the console with the
hours counter reading and any part used; the console then sets the next due date.

If you found something that needs more work than planned, do not leave it for the next shift
without telling them: write it on the maintenance log and make the console alarm for the task
stay open.
"""


COMPUTE_CARE = """\
# EdgeDeck Compute Module Care Guide

Document ED-CM-400, revision B. Care of the EdgeDeck EA-400 appliance itself: its GPU and NPU,
cooling, power and UPS, storage, backups and restores, model updates, diagnostics and the
alarms it raises about itself. For technicians and administrators.

## 1 The compute module

The EA-400 is a fanless-looking industrial computer with two internal fans behind the front
dust filter. It contains an 8-core x86 processor with 32 GB of memory, a 1 TB industrial SSD, a
GPU card with 16 GB of graphics memory for the inspection models, and an NPU module on an M.2
slot that can run the same models in an int8 version at about one third of the GPU's speed.

In normal production the GPU runs the inspection models of the vision station. The NPU is the
standby: when the GPU is too hot, missing or broken, the appliance switches the inspection to
the NPU within one carton, and the line slows down if the NPU cannot keep up (fault E27).

The appliance is mounted in its own cabinet with a door filter and a thermostat-controlled fan.
The ambient temperature in the cabinet must stay between 5 and 40 °C.

=== page ===

## 2 GPU temperature and throttling

The GPU reports its temperature to the console every second. The normal temperature in
production is between 55 and 75 °C. Above 87 °C, the GPU slows itself down (thermal
throttling) to protect itself, and the inspection takes longer. Above 90 °C for 30 seconds, the
appliance raises fault E51 and moves the inspection to the NPU. When the GPU has cooled below
80 °C for 5 minutes, the inspection returns to the GPU automatically and the alarm clears.

A rising GPU temperature over weeks usually means a dirty dust filter. A sudden rise means a
stopped fan or a cabinet fan failure. Check the appliance fans first: the console shows their
speed on the Dashboard, and a fan below 1,500 rpm is faulty.

Do not open the appliance to clean the GPU card's heat sink. The card is cleaned by EdgeDeck
service during the yearly maintenance visit.

## 3 The NPU

The NPU runs int8 versions of the inspection models. Each model version imported on the console
carries both versions, so switching to the NPU needs no action from the operators. The NPU is
slower: an inspection that takes 12 ms on the GPU takes about 35 ms on the NPU, which is still
enough for 30 cartons per minute.

The NPU has no fan of its own and is cooled by the air flow of the appliance fans. Its normal
temperature is below 70 °C; above 85 °C it stops accepting work and the console raises fault
E53. If fault E53 appears while the GPU is working, production is not affected, but the line has
no standby: plan a restart of the NPU service (Models page) at the next break.

The NPU counters (load and temperature) are read once per second at most. A reading shown as
"N/A" for the NPU memory is normal: this NPU does not report its memory use.

=== page ===

## 4 Dust filter and fans

The front dust filter of the appliance is cleaned every 500 operating hours, or when the console
shows the blue "Filter service due" alarm. The filter can be cleaned without stopping the
appliance:

1. Open the appliance cabinet door.
2. Pull the filter frame out of the front of the appliance by its two tabs; the fans speed up
to full speed while the filter is out, which is normal.
3. Blow the dust out of the filter mat from the clean side with low-pressure air, at most 2 bar,
outside the hall, or replace the mat with a new one (part number ED-DF-2).
4. Push the frame back in until it clicks. The fans return to normal speed within a minute.

Replace the filter mat instead of cleaning it when it is torn, oily, or has been cleaned five
times. The console counts the cleanings when you confirm the task.

A faulty fan is replaced by a technician with the appliance shut down: the two fans (part number
ED-FAN-80) sit behind the filter frame and are held by one thumb screw each. The appliance runs
for at most 15 minutes at reduced load with one fan missing before it shuts down to protect
itself.

## 5 Power and the UPS

The appliance is powered through its own UPS in the cabinet. When the mains fail, the UPS keeps
the appliance running and the console raises fault E08. If the mains do not return within 7
minutes, the appliance saves its database, closes the history and shuts down cleanly; the UPS
then switches off after another 2 minutes. When the mains return, the UPS waits until its
battery is charged to 50 percent before it powers the appliance again, so that a second power
cut cannot catch the appliance with an empty battery.

The UPS battery is replaced every 4 years (the date is on a label on the UPS). The console tests
the UPS battery every Monday at 04:00 by switching the UPS to battery for 10 seconds; a failed
test raises a yellow warning alarm.

Never switch off the appliance with its power button during production. If the appliance must be
shut down, do it from the console (Field kit > Shut down) as an administrator; the console
refuses while a backup or a model import is running.

=== page ===

## 6 Storage

The SSD holds the operating system, the appliance software, the database with the line history,
the audit trail and the knowledge base, the imported models, and the diagnostics bundles. The
console shows the free space of the data partition on the Dashboard.

The monitoring history is kept for 90 days by default and then deleted automatically, oldest
first. Audit records are never deleted automatically: they are moved to sealed archive files
by an administrator. At less than 10 percent free space the console raises fault E54; at 5
percent it deletes the oldest history on its own, in steps of one week.

The SSD is expected to last at least 7 years at the normal write load of one line. Its wear
level is shown under Field kit > Diagnostics as "SSD life used"; replace the appliance's SSD at
EdgeDeck service when it reaches 90 percent.

## 7 Backups

The appliance backs up its data folder (database, audit keys, models, settings and knowledge
base documents) to the USB backup drive in the cabinet. Backups run:

- every night at 02:30, as an incremental backup;
- every Sunday at 03:00, as a full backup, which takes about 40 minutes;
- by hand from the Field kit page, for example before a software update.

The backup drive keeps the last 14 nightly backups and the last 8 full backups; older ones are
deleted by the appliance. Each backup is encrypted with the backup passphrase set by the
administrator at installation. The passphrase is not stored on the appliance: keep it in the
plant's safe, in the sealed envelope labelled with the appliance serial number. A backup cannot
be restored without its passphrase, not even by EdgeDeck support.

When a backup fails (fault E58), the console keeps the older backups and tries again the next
night. Two failed nights in a row raise a yellow alarm that cannot be shelved.

=== page ===

## 8 Restoring a backup

A restore replaces the whole data folder of the appliance with the contents of a backup. Only an
administrator can restore, and only with the line stopped.

1. Stop the line and set the mode selector to MAINTENANCE.
2. On the console open Field kit > Restore and choose the backup by its date. A restore from a
nightly backup needs the full backup before it on the same drive: the console checks this.
3. Type the backup passphrase.
4. The console verifies the backup before touching anything: its checksum, the audit trail
signatures and the database version. A backup made by a newer software version is refused.
5. The appliance keeps a safety copy of the current data in the safety-copies folder and then
restores. A restore of a typical line takes about 6 minutes.
6. The appliance restarts. Sign in again and check the Dashboard and the model versions before
starting the line.

The safety copy is kept for 30 days, so a restore made by mistake can be undone by restoring
the safety copy. The restore itself is recorded in the audit trail, including the date of the
restored backup.

## 9 Updating inspection models

New inspection models are delivered by the quality department on a USB stick, signed with the
plant's model signing key. A technician imports them on the Models page; the appliance checks
the signature and refuses a model whose checksum does not match (fault E59).

A new model is never activated directly in production. After the import it runs in shadow mode
for at least 1,000 cartons: it inspects every carton next to the current model but its decisions
are only recorded, not used. The console then compares both models. The technician activates
the new model only if it does not reject more than 0.5 percent more cartons than the current
one; otherwise the quality department must look at the differences first.

The previous model version stays installed, so a technician can go back to it with one click
(Models > Versions > Activate) if the new one causes problems.

=== page ===

## 10 Software updates

Appliance software updates come on a USB stick from EdgeDeck support with a printed release
note. Before an update, make a backup by hand. The update takes about 12 minutes including a
restart, during which the line cannot run. The appliance keeps the previous software version and
returns to it by itself if the new one does not start within 3 attempts.

## 11 Alarms of the appliance

The appliance monitors itself and raises alarms on the console like the line machines do. The
thresholds below are the factory defaults; an administrator can change them under Settings >
Alarms, and every change is audited.

- GPU temperature: warning at 85 °C, critical at 90 °C (fault E51).
- NPU temperature: warning at 75 °C, critical at 85 °C.
- Host CPU load: warning when above 90 percent for 5 minutes.
- Free space on the data partition: warning below 10 percent (fault E54).
- Fan speed: critical below 1,500 rpm.
- Cabinet temperature (appliance cabinet sensor): warning at 40 °C.

An alarm is raised only when its condition lasts for the configured delay (30 seconds by default)
and it clears only when the value has been back below the threshold minus the hysteresis (3 °C
for temperatures) for the same delay, so that a value hovering at the threshold does not make
the alarm flicker.

## 12 Diagnostics bundle

When you call EdgeDeck support, they will ask for a diagnostics bundle. Create it on the console
under Field kit > Diagnostics > Create bundle (technician role). The bundle is a zip file with
the logs of the last 7 days, the device readings, the alarm history, the software and model
versions and the appliance settings. It never contains passwords, keys, the audit trail or
the knowledge base documents. Copy it to a USB stick and send it to support by the plant's
normal e-mail; the bundle is at most 50 MB.

=== page ===

## 13 Yearly service visit

Once a year, EdgeDeck service visits the plant for each appliance. The visit takes about 3 hours
per appliance and includes: cleaning of the GPU heat sink and the inside of the appliance,
replacement of both fans if they have run more than 30,000 hours, a check of the SSD wear, a
test restore of the latest backup on a spare appliance, and the software update to the current
long-term version. Plan the visit in a production stop; the line cannot run during most of it.
"""


ZH_COMMISSIONING = """\
# 三号线新纸箱规格 F-250 调试与视觉检测部署手册

文件编号 ED-CM-F250（中文版），第 1 版。本手册记录三号线引入新纸箱规格 F-250 的调试过程、参数设定、视觉检测模型的部署和验收标准，供设备工程师、维修技术员和质量部参考。本手册内容仅有中文版。

## 一、F-250 纸箱规格

F-250 是为出口客户新增的纸箱规格，外形尺寸为 450 × 300 × 250 毫米，每箱装 30 个产品，满箱标准重量 6.20 千克，检重秤下限设为 6.05 千克，上限设为 6.40 千克。

F-250 只在三号线生产。三号线生产 F-250 时的额定速度为每分钟 26 箱，低于 F-220 的每分钟 30 箱，原因是顶部封箱机的热熔胶需要更长的压合时间。

F-250 的格式件使用绿色标识，与 F-110 的蓝色格式件和 F-220 的橙色格式件区分。绿色格式件存放在三号线旁边的二号格式件柜中。

=== page ===

## 二、机械参数设定

换型到 F-250 时，以下参数在控制台配方中设定，换型时自动生效：

- 侧导轨宽度：305 毫米（输送带 CV-2 的电动侧导轨自动移动）。
- 顶部封箱机高度：257 毫米，用手轮调整到刻度值。
- 折盖压板压力：0.35 MPa。
- 热熔胶喷胶量：每箱 1.8 克，比 F-220 多 0.3 克。
- 开箱机吸盘真空度：不低于 -0.65 bar。

从 F-220 换型到 F-250 需要两人操作，约 22 分钟，比 F-110 换 F-220 多 4 分钟，主要多在更换开箱机的绿色折叠指。

调试期间发现 F-250 纸箱坯较厚，开箱机容易一次吸起两张纸箱坯（故障 E37）。解决办法是把分纸毛刷向料仓内移动 1.5 毫米，并且每次装料不超过 250 张。

=== page ===

## 三、视觉检测模型

F-250 的检测模型名称为 carton-check-F250。模型由质量部使用三号线采集的 6000 张纸箱图片训练，其中不合格样本 1200 张，涵盖折盖未合、角部压伤、印刷缺失和标签错位四类缺陷。

模型导入 EdgeDeck 设备后，按照本厂新模型规定，在影子模式下运行。由于 F-250 是全新规格，影子模式的运行数量从通常的 1000 箱提高到 2000 箱。影子模式期间模型的判定只记录、不执行剔除。

GPU 上单箱推理时间为 14 毫秒，NPU 上为 38 毫秒。即使切换到 NPU，每分钟 26 箱的速度也有充足余量。

=== page ===

## 四、NPU 量化部署

NPU 只能运行 int8 模型。int8 模型由 EdgeDeck 设备在导入时自动量化生成，量化需要一个校准图片集。F-250 的校准集为 300 张正常生产的纸箱图片，存放在质量部 U 盘的 calibration 文件夹中。

量化完成后，控制台会自动比较 int8 模型与原模型的判定结果。验收要求是两者在 2000 张测试图片上的判定一致率不低于 99.5%。F-250 模型的实测一致率为 99.7%。

如果量化后一致率不达标，不要在 NPU 上启用该模型，应请质量部补充校准图片（特别是光照偏暗的图片）后重新量化。

=== page ===

## 五、剔除阈值

F-250 使用出口客户的质量标准，角部压伤的剔除阈值设为 0.45，比默认的 0.5 更严格；其余缺陷类型仍为 0.5。阈值调整需要质量部签字，并记录在审计日志中。

标签位置的允许偏差为正负 1.5 毫米，严于其他规格的正负 2 毫米，因此 F-250 投产前必须重新标定侧面相机 CAM-B。

=== page ===

## 六、试生产与验收

试生产分三个阶段：

1. 空运行：空运行模式下运行 10 分钟，检查侧导轨、封箱机和贴标机的动作。
2. 低速试生产：以 50% 速度生产 200 箱，由质量部逐箱检查。
3. 连续生产：以额定速度连续生产 4 小时。

验收标准：连续生产期间误剔率低于 0.3%，漏检为零，停机次数不超过 2 次，且每次停机能在 10 分钟内恢复。

F-250 于第一次验收时因误剔率为 0.42% 未通过。原因是印刷缺失的误判，质量部补充了 300 张浅色印刷的样本重新训练模型后，第二次验收误剔率为 0.18%，验收通过。

=== page ===

## 七、知识库中的相关资料

F-250 的调试记录、配方参数表和验收报告已导入 EdgeDeck 知识库的“三号线”资料集。在控制台“知识库”页面可以用中文或英文提问，例如“F-250 的顶封机高度是多少”。回答会标出本手册的页码。
"""


CHECKWEIGHER_LABELLER = """\
# Checkweigher and Label Printer-Applicator Manual

Document ED-CW-220, revision A. Operation, set-up and care of the checkweigher and of the label
printer-applicator at the end of the EdgeDeck packaging lines, and how the EdgeDeck appliance
works with them. For operators, shift leaders and technicians.

## 1 The checkweigher

The checkweigher weighs every carton on a short weighing belt mounted on a load cell, after the
vision station and before the label printer. It compares the weight with the limits of the
recipe and tells the appliance whether to reject the carton. The checkweigher has its own
terminal with a touch screen; the appliance reads its results over Modbus TCP and shows them on
the console.

The weighing range is 0.5 to 30 kg with a resolution of 2 g. At full speed on line 3 (30
cartons per minute) every carton stays about 0.9 seconds on the weighing belt, of which the last
0.35 seconds are used for the measurement.

The checkweigher is a legal measuring instrument: it was verified by the weights and measures
office and carries a lead seal on the load cell junction box. Never break the seal. A broken
seal means the checkweigher may no longer be used for the declared net weight until it has been
verified again, which takes about two weeks.

=== page ===

## 2 Weight limits and recipes

Each carton format has three weight values in its recipe: the nominal weight, the lower limit
and the upper limit. A carton below the lower limit is rejected as underweight (fault E46 on the
console for a single carton); a carton above the upper limit is rejected as overweight.

| format | nominal | lower limit | upper limit
| F-110 | 2.45 kg | 2.38 kg | 2.60 kg
| F-220 | 5.00 kg | 4.85 kg | 5.20 kg
| F-330 | 10.10 kg | 9.85 kg | 10.50 kg

The limits can only be changed by the quality department. A technician who changes them on the
console needs a second person with the quality role to confirm the change within 10 minutes;
both names are recorded in the audit trail.

The checkweigher also computes the mean weight of the last 50 cartons. When the mean moves more
than 40 g away from the nominal weight, the console shows a yellow warning "Mean weight drift"
so that the filler can be corrected before cartons are rejected.

=== page ===

## 3 Zeroing and the test weight

The checkweigher zeroes itself automatically during every gap between cartons that is longer
than 2 seconds. If the automatic zeroing fails or the zero drifted by more than 5 g, the console
shows fault E47 (see the Fault Code Reference for clearing it).

At the beginning of every shift, the operator checks the checkweigher with the 5 kg test weight
kept in the wooden box on the checkweigher frame: on the terminal press Test, place the weight
in the middle of the stopped weighing belt and wait for the reading. The reading must be
between 4.996 and 5.004 kg. Write it on the shift sheet. If it is outside, do not produce:
call the shift leader, who calls the quality department.

Handle the test weight only with the cotton gloves in its box. Fingerprints and dust change its
mass over time; the weight itself is recalibrated by the quality laboratory every 12 months.

## 4 Cleaning the weighing belt

Carton dust, glue drops and label backing paper on the weighing belt change the zero point.
Clean the weighing belt at every shift change with a dry brush while the line is stopped. Glue
drops are removed with the plastic scraper after they have cooled; never scrape with a knife.

Do not lean on the checkweigher frame or put anything on it. A load of only 200 g on the frame
shifts the zero point by about 1 g.

=== page ===

## 5 The label printer-applicator

The label printer-applicator prints a shipping label for every carton and applies it to the long
side of the carton with a tamp pad driven by an air cylinder. The label carries the article
number, the batch, the net weight measured by the checkweigher, the date and an EAN-128
barcode. The appliance sends the label data to the printer for every carton, so the printed
weight is always the real weight of that carton.

The printer prints by thermal transfer: the print head melts ink from a ribbon onto the label.
A label roll holds 1,000 labels of 100 x 150 mm; a ribbon lasts for about 2.5 label rolls, so
change the ribbon at every second or third label roll.

The applicator places the label 60 mm from the top edge and 40 mm from the front edge of the
carton. The side camera CAM-B of the vision station checks the label position with a tolerance
of plus or minus 2 mm.

## 6 Loading labels and ribbon

To load a new label roll: open the printer cover, press the green lever to lift the print head,
pull out the empty core, push the new roll onto the spindle until it touches the guide disc, and
thread the labels under the print head along the yellow path. Close the print head and press
FEED twice so that the printer measures the label length. The first label after a roll change
is always printed blank and must be removed by hand from the tamp pad.

To change the ribbon: the ink side faces outwards on the supply roll. Thread it under the print
head to the take-up spindle, wind two turns by hand and close the head. A creased ribbon prints
white lines through the barcode, which makes the label verification fail (fault E44).

=== page ===

## 7 Print quality

The barcode scanner after the applicator grades every label according to ISO/IEC 15416 from A
(best) to F. The customer requires at least grade C. Three consecutive labels below C stop the
line with fault E44.

Print darkness is set on the printer between 1 and 30; the plant standard is 18 for the paper
labels in use. Raising the darkness makes the bars wider and can make the barcode fail as well;
never set it above 22. A faded print is better fixed by cleaning the print head than by raising
the darkness.

Clean the print head every time the ribbon is changed, with a cleaning pen (isopropyl alcohol),
from the middle towards the ends, with the printer switched off. Let it dry for one minute before
closing the head.

## 8 Air supply of the applicator

The tamp pad cylinder works with 4.5 bar from its own pressure regulator on the valve island.
The vacuum that holds the label on the pad comes from a small vacuum generator; if labels fall
off the pad before reaching the carton, clean the holes of the pad with the 1 mm pin from the
printer tool bag.

If the cylinder does not return to its home position within 0.8 seconds, the console shows fault
E45. The most frequent cause is a label stuck across the pad, blocking the cylinder.

=== page ===

## 9 Data on the console

The console shows the checkweigher and labeller data on the Dashboard of each line: the last
carton's weight, the mean of the last 50, the rejects this shift split by reason (underweight,
overweight, label), and the labels left on the roll, computed from the roll size and the labels
printed since the last FEED.

The weights of all cartons are kept in the line history for 90 days, like the other monitoring
history, and are part of the shift report exported to the USB stick. The quality department
uses them for the monthly net content statistics.

## 10 Troubleshooting

Weights jump by several grams from carton to carton: look for air from a blow-off nozzle or a
fan pointed at the weighing belt, and for cartons touching the side guides on the weighing belt.

Every carton is rejected as overweight after a changeover: the recipe of the old format is still
active on the checkweigher terminal. Select the recipe again on the console; the console sends it
to the terminal.

Labels are applied crooked: the carton is not pressed against the rear guide at the moment of
tamping. Check the guide rail position of the applicator for the format.

The printer shows "Head open" although it is closed: the green lever is not fully locked; press
it down until it clicks.
"""
