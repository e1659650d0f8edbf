# bulletin 的简体中文消息。
#
# 每行一条：`键 = 文字`，`{ $名称 }` 处填入参数。键和 `{ $名称 }` 都不要改动；
# 三种语言（../en、../zh-Hant）的键相同，`tests/catalogue.rs` 检查它们与代码一致。

## 磁盘读写

io-read = 无法读取 `{ $path }`：{ $reason }
io-write = 无法写入 `{ $path }`：{ $reason }
io-open = 无法打开 `{ $path }`：{ $reason }
io-create = 无法创建 `{ $path }`：{ $reason }
io-remove = 无法删除 `{ $path }`：{ $reason }
io-lock = 无法锁定 `{ $path }`：{ $reason }
io-sync = 无法同步 `{ $path }`：{ $reason }
io-not-found = 文件或文件夹不存在
io-permission-denied = 没有权限
io-already-exists = 已经存在
io-is-a-directory = 这是一个文件夹
io-not-a-directory = 不是文件夹
io-storage-full = 磁盘空间已满
io-read-only = 文件系统只读

## 诊断的格式

diag-line-too-long = 位于 { $place }（该行过长，不予显示）：{ $label }
diag-more-not-shown = `{ $path }` 另有 { $count } 个问题未显示
diag-internal-error = 生成 `{ $path }` 时发生内部错误：{ $text }
diag-internal-error-help = 这是 bulletin 的缺陷，请连同引起问题的文件一并报告

## 生成与检查

wrote = 已写入 { $path }
build-summary = 生成 { $built } 个，跳过 { $skipped } 个，失败 { $failed } 个，用时 { $seconds } 秒
build-stand-ins = 字体：以下用途改用了其他风格的字体：{ $roles }；可用 `bulletin fonts` 查看能补上的字体
build-published-unchanged = `{ $file }` 已发布（v{ $version }）；此后其输入有改动，但没有任何句子读起来不同：无需更正，`{ $out }/` 中仍是 v{ $version }
build-published-changed = `{ $file }` 已发布（v{ $version }），此后其输入有改动：草稿在 `{ $drafts }/`；`{ $out }/` 中仍是 v{ $version }
build-draft-sentences = 改动的句子：{"\u000A"}{ $sentences }
build-draft-publish-help = 如要将改动作为更正发布：`bulletin publish { $file } --reason "…"`
build-draft-keep-help = 如要保留 v{ $version }，请撤销改动；`bulletin diff { $file }` 可显示改动
check-ok = 通过 { $file }
check-not-converted = { $edition }：未经词典转换：{ $terms }
build-unknown-edition = 本次生成的系列都没有 `{ $tag }` 版本
build-editions-are = 现有版本：{ $editions }

## 数字文件：YAML 格式

yaml-nothing = 空值
yaml-quoted-string = 带引号的文字
yaml-value = 一个值
yaml-list = 一个列表
yaml-mapping = 一组键值
yaml-second-document = 文件中有第二个 YAML 文档
yaml-second-document-label = 新文档从这里开始
yaml-second-document-help = 一个数字文件只能有一个文档；请删去上面的 `---` 或 `...` 行
yaml-empty = 文件是空的
expected-as-of-and-figures = 应有 `as_of:` 和 `figures:`
yaml-never-closed = 这个 `{ $bracket }` 没有闭合
yaml-tag = 不允许使用 `!!str` 之类的 YAML 标签
yaml-tag-label = 请删去标签：每个值是什么由系列的结构定义决定
yaml-too-deep = 文件嵌套层数过多
yaml-too-deep-label = 数字文件只有三层：`figures:`、分组、分组的字段
yaml-alias = 数字文件中不允许使用别名
yaml-alias-label = 请在此直接填写数字
yaml-key-not-plain = 键必须是简单的名称
yaml-key-not-plain-label = 应为 `cases` 这样的名称
yaml-commas = 数字中带有逗号
yaml-commas-label = 逗号把它拆成了几个键
yaml-commas-help = 请不加逗号书写数字，如 1362000000
yaml-duplicate-key = 键 `{ $key }` 重复
yaml-duplicate-key-second = 这里是第二次出现
yaml-duplicate-key-first = 这里是第一次出现
yaml-duplicate-key-help = 请只保留其中一行
yaml-tabs = YAML 格式有误：不能用制表符缩进
yaml-unclosed = YAML 格式有误：`{ $bracket }` 没有闭合
yaml-indentation = YAML 格式有误：缩进与上面几行不一致
yaml-quote = YAML 格式有误：引号没有闭合
yaml-quote-label = 这个引号在本行没有对应的结束引号
yaml-colon = YAML 格式有误：键后面少了 `:`
yaml-colon-label = 上面的键一直延续到这里
yaml-colon-missing-here = 这个键后面少了 `:`
yaml-colon-space = YAML 格式有误：`:` 后面应有空格
yaml-colon-space-label = 请在 `:` 后加一个空格
yaml-escape = YAML 格式有误：双引号中的 `\` 不是 YAML 认得的转义
yaml-escape-label = 请去掉引号或改用单引号，反斜杠本身写作 `\\`
yaml-comment = YAML 格式有误：注释的 `#` 前应有空格
yaml-comment-label = 请在 `#` 前加一个空格
yaml-marker = YAML 格式有误：数字文件中不使用 `&`、`*`、`!` 和 `%` 这些标记
yaml-marker-help = 请直接写出值；以这些标记开头的文字请加引号
yaml-no-value = YAML 格式有误：这里应有一个值
yaml-invalid = YAML 格式有误
yaml-tabs-label = 请用空格缩进
yaml-expected-comma-or = 此处之前应有 `,` 或 `{ $bracket }`
yaml-indentation-label = 这里应是与上面几行缩进相同的键
yaml-here = 此处

## 数字文件：内容

figures-missing-top = 缺少 `{ $name }`
figures-expected-line = 应有一行 `{ $example }`
figures-as-of-not-date = `as_of` 必须是日期
figures-expected-date-found = 应为 2019-11-15 这样的日期，实际为{ $found }
figures-expected-real-date = 应为实际存在的日期，格式为 YYYY-MM-DD
figures-as-of-mismatch = `as_of` 为 { $date }，但文件名是 { $stem }.yaml
figures-as-of-mismatch-label = 应为文件名中的日期 { $stem }
figures-as-of-mismatch-help = 数字文件以其 `as_of` 日期命名；请改正二者之一
figures-as-of-not-period-end = `as_of` { $date } 不是其周期的最后一天，series.yaml 声明的周期为 `period: { $period }`
figures-as-of-not-period-end-label = 该周期止于 { $end }
figures-as-of-not-period-end-help = 周期以其最后一天为日期：请将文件命名为 { $end }.yaml 并写 `as_of: { $end }`；若系列可在任意一天发布，请在 series.yaml 中声明 `period: date`
figures-expected-groups = 应每行一个分组，如 `food: {"{"}cases: 186, …{"}"}`
figures-expected-group-fields = 应为该分组的字段，如 `{"{"}cases: 186, suspects: 306{"}"}`
figures-missing-group = 缺少分组 `{ $name }`
figures-missing-group-labelled = 缺少分组 `{ $name }`（{ $label }）
figures-expected-group = `figures` 下应有分组 `{ $name }:`
figures-missing-field = { $owner }缺少字段 { $what }
figures-group-needs = 此分组需要 `{ $name }`（{ $kind }）
figures-record-needs = 此记录需要 `{ $name }`（{ $kind }）
figures-a-date = 日期
figures-expected-date = 应为 2021-12-31 这样的日期
figures-field-problem = { $field }：{ $problem }
figures-is-a-list = { $field }是列表
figures-expected-records = 应为记录列表，每行一条 `- {"{"}…{"}"}`；实际为{ $found }
figures-records-exactly = 应正好有 { $count } 条记录
figures-records-between = 应有 { $min } 至 { $max } 条记录
figures-holds-records = { $field }有 { $count } 条记录
figures-expected-record = 应为一条记录，如 `{"{"}name: …, amount_yuan: …{"}"}`
figures-duplicate-record = { $field }中有两条记录的 { $key } 都是 { $value }
figures-duplicate-record-label = `{ $key }` 用来指称记录：每条记录须各不相同
figures-an-amount = 金额
figures-a-count = 计数
figures-expected-yuan = 应为整数元，如 1350000000
figures-expected-whole = 应为整数，如 186
figures-negative = { $field }不能为负数
figures-whole-yuan = { $field }必须是整数元
figures-whole-number = { $field }必须是整数
figures-is-what = { $field }应是{ $what }
found-text = { $expected }，实际为 `{ $text }`
found-quoted = { $expected }，实际为文字“{ $text }”
found-node = { $expected }，实际为{ $found }
figures-expected-signed = 应为整数，如 -16
figures-a-whole-number = 整数
figures-a-percentage = 百分比
figures-a-decimal = 小数
figures-expected-decimal = 应为最多 { $places } 位小数的{ $what }，如 { $example }
figures-percent-sign = { $field }带有 `%`
figures-percent-sign-help = 该字段的类型已表明是百分比；请写 { $bare }
figures-too-many-places = { $field }有 { $count } 位小数，超过 { $places } 位
figures-at-most-places = 应最多 { $places } 位小数，如 { $example }
figures-declared-as = 系列将其定义为 `{ $kind }`
figures-28-digits = 28 位数字
figures-is-text = { $field }是文字
figures-expected-paragraph-found = 应为一段文字，实际为{ $found }
figures-text-empty = { $field }为空
figures-expected-paragraph = 应为一段文字
figures-text-lines = { $field }超过一行
figures-text-lines-label = 文字字段是写在一行里的一段文字
figures-text-long = { $field }长 { $count } 个字
figures-text-long-label = 最多应为 { $length } 个字
figures-text-invisible = { $field }含有不可见字符 { $code }
figures-text-invisible-label = 请删除
figures-text-bar = { $field }含有 `|`，会把表格的单元格分开
figures-text-bar-label = 请改用全角的 `｜`
figures-text-problem = { $field }{ $problem }
figures-text-prose-label = 文字字段只能是正文，最多带 **粗体** 或 *斜体*
text-link = 含有链接
text-image = 含有图片
text-html = 含有 HTML
text-heading = 会变成标题
text-list = 会变成列表
text-quote = 会变成引文
text-code-block = 会变成代码块
text-table = 会变成表格
text-rule = 会变成分隔线
text-not-prose = 不是纯文字
text-not-a-paragraph = 读来不是一段文字
figures-not-text = { $field }应是{ $what }，不是文字
figures-commas = { $field }中带有逗号
figures-commas-help = 请不加逗号书写数字：{ $plain }
figures-full-width = { $field }用了全角数字
figures-full-width-help = 请用半角数字：{ $plain }
figures-myriads = { $field }用了“万”或“亿”
figures-myriads-help = 请写出确切数字：{ $text } → { $exact }
figures-leading-zero = { $field }以 0 开头
figures-leading-zero-label = 其他程序会把以 0 开头的数读作八进制数
figures-leading-zero-help = 请写作 { $plain }
figures-too-large = { $field }太大，无法存放
figures-at-most = 最大为 { $limit }
figures-total-too-large = `{ $field }` 的合计太大，无法存放
figures-total-too-large-label = 加上这个数字，合计超出了能存放的范围
figures-total-too-large-help = 某个数字多了几位；请与原始材料核对
figures-expected-mapping = 应为一组键值，实际为{ $found }
figures-unknown-top-level-key = 未知的顶层键 `{ $name }`
figures-not-a-top-level-key = 不是本系列的顶层键
figures-unknown-group = 未知的分组 `{ $name }`
figures-not-a-group = 不是本系列的分组
figures-unknown-field-in = { $within }中没有字段 `{ $name }`
figures-unknown-field = 未知的字段 `{ $name }`
figures-not-a-field = 不是本系列的字段
figures-unknown-commas-help = 是否在数字中加了逗号？请不加逗号书写数字
did-you-mean = 是否想写 `{ $name }`？
expected-one-of = 应为以下之一：{ $names }
names-or = { $names } 或 { $last }
names-separator = 、
place-record-field-labelled = { $list } 第 { $record } 条记录的 `{ $field }`（{ $label }）
place-record-field = { $list } 第 { $record } 条记录的 `{ $field }`
place-field-labelled = `{ $field }`（{ $label }）
place-field = `{ $field }`
place-group-labelled = 分组 `{ $group }`（{ $label }）
place-group = 分组 `{ $group }`
place-record = { $list } 第 { $record } 条记录
rule-broken = { $group }：{ $left }（{ $left_value }）{ $op ->
         [le] 不应多于
         [lt] 应少于
         [ge] 不应少于
         [gt] 应多于
        *[eq] 应等于
    }{ $right }（{ $right_value }）
rule-broken-label = `{ $left }` 为 { $left_value }，`{ $right }` 为 { $right_value }
rule-declared-in = 该规则定义在 `{ $path }` 中
date-not-a-date = `{ $text }` 不是日期
date-no-year-0 = `{ $text }` 不是日期：没有 0 年
date-no-month = `{ $text }` 不是日期：没有 { $month } 月
date-days-in-month = `{ $text }` 不是日期：{ $year } 年 { $month } 月只有 { $days } 天

## 发布、校验、历史、比较

publish-accepted = 已接受：{ $warning }
publish-published = 已将 { $file } 发布为 v{ $version }
publish-published-upload = 已将 { $file } 发布为 v{ $version }；待上传的文件：
publish-unchanged = { $file } 自 v{ $version } 以来没有变化，未发布新版本；待上传的文件：
publish-invisible = 自 v{ $version } 以来，读者看到的内容没有变化；未发布新版本
publish-invisible-change = { $figure }：{ $exact }（两者印出来都是 { $shown }）
verify-nothing-empty = 无需校验：尚未发布任何一期（archive/ 是空的）
verify-nothing-no-folder = 无需校验：尚未发布任何一期（没有 archive/ 文件夹）
verify-head = 最新版本 { $period } v{ $version } { $hash }
history-not-published = { $file } 尚未发布
diff-two-series = `{ $file }` 和 `{ $other }` 分属两个系列：`{ $series }` 和 `{ $other_series }`
diff-two-series-help = `diff` 比较同一系列的两个数字文件（或一个文件与其已发布的版本）
diff-not-published = { $file } 尚未发布：没有可供比较的版本
diff-not-published-other = 如要与另一个数字文件比较：bulletin diff { $file } 另一个文件
diff-no-figure = 没有数字改动
diff-figures = 数字：
diff-no-sentence = 没有句子改动
diff-sentences = 句子：

## 新建一期

new-date-help = 请按 YYYY-MM-DD 格式填写日期
new-last-year-errors = 未填入去年同期（{ $date }）的数字：该文件有错误
new-wrote = 已根据 { $from } 写入 { $path }
new-missing-none = { $date } 的文件中没有这个数字
new-missing-errors = { $date } 的文件有错误
new-missing-no-file = 没有 { $date } 的数字文件
new-every-other = 其余数字：暂与 { $from } 相同，请填入本期数字
new-then-check = 之后运行 `bulletin check { $path }` 可查看还有哪些要做
new-usage-help = 请给出本期日期：`bulletin new { $series } YYYY-MM-DD`
new-no-period = 系列 `{ $series }` 没有定义周期，`new` 需要给出日期
new-declare-period-help = 或在 `{ $path }` 中定义周期（`period: month`、`quarter` 或 `year`），`new` 就会新建下一期
new-no-file = 系列 `{ $series }` 没有可作起点的数字文件
new-first-by-hand-under = 请在 `{ $path }` 下手工编写第一个文件
new-no-next = `{ $file }` 之后没有下一{ $period ->
        [month] 月
        [quarter] 季度
        [year] 年
       *[other] 期
    }
new-proposed = （{ $latest } 的下一{ $period ->
        [month] 月
        [quarter] 季度
        [year] 年
       *[other] 期
    }）
new-no-file-before = 系列 `{ $series }` 在 { $date } 之前没有可作起点的数字文件
new-first-by-hand-as = 请手工编写第一个文件 `{ $path }`
new-filled = { $figure }：{ $value }，取自 { $date } 文件中的去年同期数字
new-emptied = { $figure }：留空（{ $missing }）：请填入去年同期数字

## 字体

fonts-not-installed = 未安装
fonts-lacks = 缺少 { $sample }
fonts-lacks-many = 缺少 { $count } 个字，如 { $sample }
fonts-no-font-has = 没有字体含有 { $character }，{ $role } 文字需要它
fonts-no-font-has-many = { $role } 文字需要的 { $count } 个字没有字体含有，如 { $character }
fonts-tried-one = { $family }（{ $why }）
fonts-fallback-lacks = { $family }（后备字体，同样缺少）
fonts-is-here = { $character } 在此处
fonts-in-the-text = { $character } 出现在正文中：{ $line }
fonts-all-of-them = 全部：{ $all }
fonts-none = 无
fonts-tried = 已尝试的字体：{ $tried }
fonts-install-help = 请安装含有这些字的字体，或在 series.yaml 的 `font_fallback` 下列出一种
fonts-no-roles = { $series }：未定义字体用途（由版式决定）
fonts-file-not-counted = （未计入其文字：{ $path } 有错误，可用 `bulletin check` 查看）
fonts-passed-over = 未选 { $family }：{ $why }
fonts-missing = 没有字体含有：{ $missing }
fonts-stand-in = 以{ $style }体代替{ $wanted }；可用于此用途的字体：
fonts-none-parenthesised = （无）
fonts-none-installed = （均未安装）
fonts-weight-nearest = ，字重 { $weight }（该字体没有此字重：使用最接近的）
fonts-weight = ，字重 { $weight }
fonts-no-bold = （无粗体：粗体文字用标题字体）
fonts-edition-heading = { $series }（{ $edition }）：

## 网站、预览、新系列

site-up-to-date = 网站已是最新
serve-not-loopback = 正在 { $host } 上监听：其他机器也能看到这些草稿（默认是 127.0.0.1，仅本机可见）
serve-serving = 预览地址 http://{ $address }/（按 Ctrl-C 停止）
series-built-in = 版式（GB/T 9704）和网页样式表用内置的；`bulletin build` 生成全部输出
exists-already = `{ $path }` 已经存在
series-exists-help = 一个系列只新建一次；请换一个名称，或编辑已有的系列
series-no-clock = 系统时钟给不出日期
series-bad-name = `{ $name }` 不能用作系列名称
series-bad-name-help = 请用小写 ASCII 字母、数字、`-` 和 `_`，以字母开头（如 `city-crime`、`air2024`）
stdout-failed = 无法写入标准输出：{ $reason }

## 与上一期比较

compare-fell = { $label }从 { $from } 降到了 { $to }
compare-fell-here = 这里 `{ $group }.{ $field }` 为 { $after }
compare-fell-before = 上一期为 { $before }
compare-fell-note = 本系列从 1 月 1 日起累计（`cumulative: year`），数字不会下降
compare-fell-help = 请改正两者中有误的一个
compare-tenfold = { $label }从 { $from } 变为 { $to }，相差十倍以上
compare-tenfold-label = 是否多打了一个 0？
compare-earlier-period = 上一期
compare-tenfold-help = 如数字无误，请加 `--accept { $group }.{ $field }` 发布
compare-unchanged = 所有数字都与 `{ $path }` 相同
compare-this-file = 本文件
compare-unchanged-copied-help = 是否从上一期复制了文件但还没有修改？
compare-unchanged-accept-help = 如数字无误，请加 `--accept unchanged` 发布

## 发布：拒绝的情形

publish-waiting = `{ $file }` 的另一次发布
io-waiting = 正在等待{ $waiting }（`{ $path }` 已被锁定）
publish-accept-none-help = 此文件没有这样的警告：发布时不必加 `--accept`
publish-accept-known-help = 此文件的警告：{ $names }
publish-accept-unknown = `--accept { $names }`：`{ $file }` 没有这样的警告
publish-guarded = `{ $file }` 未发布：其中可能有录入错误（见上面的 { $count } 条警告）
publish-guarded-note = 数字比上一期大或小十倍以上，或所有数字都与上一期相同，通常是录入错误
publish-guarded-help = 请改正数字文件；如所有数字都无误，请加 `--accept { $names }` 发布
publish-reworded = `{ $file }` 的文字与 v{ $version } 不同，但没有说明原因
publish-reworded-help = 如要作为文字更正发布：`bulletin publish { $file } --reason "…"`；如要保留 v{ $version }，请撤销改动
publish-reason-needed = 更正需要说明原因：请用 `--reason` 说明哪里有误
publish-reason-empty = 原因为空
publish-reason-lines = 原因超过一行
publish-reason-control = 原因中有控制字符
publish-reason-long = 原因超过 { $max } 个字
publish-reason-help = 只写一行，如 `--reason "食品类案件数录入有误"`；它会印在更正说明中
publish-epoch-not-time = SOURCE_DATE_EPOCH 为 `{ $value }`，不是时间
publish-epoch-help = 它是自 1970 年起以秒计的发布时间（`SOURCE_DATE_EPOCH=1573869600`）；或取消设置，以当前时间发布
publish-time-before = 发布时间 { $time } 早于 v{ $version } 的发布时间 { $before }
publish-time-help = 请检查本机时钟，或已设置的 `SOURCE_DATE_EPOCH`

## 项目与文件

project-not-a-project = `{ $path }` 不是 bulletin 项目：其中没有 `templates/` 文件夹
project-not-a-project-help = 请指定含有 `templates/` 和 `data/` 的文件夹
project-none = `{ $path }` 及其上级文件夹中都没有 bulletin 项目
project-none-help = 请在含有 `templates/` 和 `data/` 的文件夹中运行 bulletin，或用 `--root` 指定
project-not-a-figure-file = `{ $path }` 不是本项目的数字文件
project-figure-files-live = 数字文件应放在 `data/<系列>/<as_of>.yaml`
project-capital-extension = 未读取 `{ $path }`：数字文件名应以 `.yaml` 结尾
project-rename = 请改名为 `{ $path }`
project-backslash = 系列 `{ $series }` 的名称中有反斜杠
project-backslash-help = Typst 路径中不能有反斜杠；请重命名 `data/<系列>` 和 `templates/<系列>` 文件夹
project-twins = { $stem } 这一期有两个数字文件：`{ $yaml }` 和 `{ $yml }`
project-twins-help = 请只保留其中一个；每期只有一个数字文件
project-left-out = 已略过此文件；其他数字文件不受影响
project-link = `{ $path }` 是符号链接
project-link-help = bulletin 只读取项目内的普通文件，不经由链接读取
snapshot-no-template-folder = 系列 `{ $series }` 没有模板文件夹
snapshot-create-folder = 请新建 `{ $path }/`，放入 `series.yaml` 和 `bulletin.md`
snapshot-no-file = 系列中没有 `{ $name }`
snapshot-create-file = 请新建 `{ $path }`
snapshot-not-a-folder = `{ $path }` 不是文件夹
snapshot-not-a-folder-help = 系列的模板应放在项目内真实的文件夹中，不能经由链接
snapshot-utf16 = `{ $path }` 的编码是 { $encoding }
snapshot-save-utf8 = 请另存为 UTF-8 编码（记事本：另存为，编码选 UTF-8）
snapshot-not-utf8 = 文件不是有效的 UTF-8 编码
snapshot-this-byte = 这个字节
snapshot-gbk = 它似乎是以 GBK（GB2312、GB18030）编码保存的，即中文 Windows 的编码
snapshot-nul = 文件中有 NUL 字符
snapshot-nul-help = 文本文件中不应有 NUL 字节；请删除（文件是否存成了 UTF-16？）
snapshot-control = 文件中有控制字符（{ $code }）
snapshot-invisible-here = 在此处，看不见
snapshot-control-help = 请删除；文本文件中只应有文字、数字、标点、空格、制表符和换行

## 预览

preview-title = bulletin 预览
preview-has-errors = （有错误）
preview-all-files = 全部文件
preview-pdf-note = （最近一次成功生成的，在浏览器中查看）
preview-typst-source = Typst 源文件
preview-web-page = 网页
preview-refused-host = 已拒绝：本预览只在 `bulletin serve` 给出的地址上应答
preview-refused-path = 已拒绝：不是本预览的路径
preview-not-found = 未找到
serve-not-an-ip = `{ $host }` 不是 IP 地址
serve-not-an-ip-help = 如 127.0.0.1 或 ::1
serve-cannot-listen = 无法在 { $address } 上监听：{ $reason }
serve-cannot-listen-port = 无法在 { $address } 上监听：{ $reason }（端口 { $port } 上是否已有另一个 `bulletin serve`？）
serve-cannot-listen-help = 请用 `--port` 换一个端口，或不加此项，自动选用空闲端口
serve-cannot-watch-project = 无法监视项目：{ $reason }
serve-cannot-watch = 无法监视 `{ $path }`：{ $reason }
serve-stopped = 预览已停止：{ $reason }

## 生成：流程

workspace-series-skipped = 已跳过：系列 `{ $series }` 的模板有错误（见上文）
build-thread-stopped = 一个生成线程提前停止了
build-out-real-folder = 输出只写入项目中真实的 `out/` 文件夹
build-waiting = `{ $path }` 的另一次生成

## 命令行

cli-usage = 用法：
cli-commands = 命令：
cli-arguments = 参数：
cli-options = 选项：
cli-help = 显示帮助
cli-version = 显示版本
cli-value-separator = 、
cli-possible-value = `{ $name }`（{ $help }）
cli-possible-values = 可选值：{ $values }。
cli-default = 默认值：`{ $value }`。
cli-env = 环境变量：`{ $name }`。
cli-lang-values = 应为 `zh-Hans`、`zh-Hant` 或 `en`
cli-error-invalid-value = `{ $value }` 不是 `{ $arg }` 可取的值
cli-error-unknown-argument = 无法识别的参数 `{ $arg }`
cli-error-unknown-command = 没有 `{ $command }` 这个命令
cli-error-missing = 缺少必需的参数：{ $args }
cli-error-conflict = `{ $arg }` 不能与 `{ $other }` 同时使用
cli-error-no-command = 没有给出命令
cli-error-other = 无法理解此命令行
cli-error-valid-values = 可取的值：{ $values }
cli-error-at-least = 应为不小于 { $low } 的整数
cli-error-range = 应为 { $low } 到 { $high } 之间的整数
cli-error-more = 加上 `--help` 可查看该命令的用法
cli-about = 根据数字文件和模板生成宣传部门的新闻通报（Markdown、HTML 和存档用 PDF）。
cli-build = 将数字文件生成为 out/<系列>/<as_of>.md、.html 和 .pdf。
cli-check = 检查数字文件和模板，不写入任何文件。
cli-publish = 将数字文件发布为 archive/ 中该期的下一个版本。
cli-verify = 重新计算存档的散列值，报告与清单不符的每个文件。
cli-diff = 显示两个数字文件之间（或数字文件与其最新发布版本之间）不同的数字和句子。
cli-history = 列出某一期已发布的各个版本。
cli-fonts = 显示每个系列的每种字体用途选定了哪个字体，以及排在前面的字体为何未选。
cli-serve = 在浏览器中预览数字文件，文件一保存即重新生成。
cli-new = 新建一期：根据该系列最新的数字文件写出 data/<系列>/<日期>.yaml，填好 `as_of` 和去年同期数字。
cli-series = 新建一个系列：带注释的 templates/<名称>/series.yaml 和 bulletin.md，使用内置版式和样式表，并附第一个可生成的数字文件。
cli-series-new = 写出 templates/<名称>/series.yaml 和 bulletin.md（带注释）及第一个数字文件 data/<名称>/<日期>.yaml；版式和样式表用内置的。
cli-site = 将网站写入 out/：所有系列的索引，以及每个系列的页面和 Atom 订阅源，列出每期的最新发布版本。
cli-root = 项目文件夹（含 `data/` 和 `templates/`）；默认：从当前文件夹往上找到的第一个含 `templates/` 的文件夹。
cli-time-limit = 一个模板生成一份通报最多可用的秒数；超时即停止，并作为该数字文件的错误报告。
cli-lang = 本工具使用的语言：`zh-Hans`、`zh-Hant` 或 `en`（默认按 LC_ALL、LC_MESSAGES 或 LANG 的区域设置：zh_CN、zh_SG 为简体，zh_TW、zh_HK、zh_MO 为繁体，其他为英文）。
cli-show-keys = 在每条诊断的级别后显示其键名（如 `error[rule-broken]`），各语言相同。
cli-font-paths = 另行查找字体的文件夹，先于系统字体。
cli-ignore-system-fonts = 只用项目的 `fonts/` 文件夹和 `--font-path` 指定的文件夹，不用系统已安装的字体（这样新装字体不会改变结果）。
cli-build-files = 要生成的数字文件（默认：data/ 下所有 *.yaml）。
cli-build-format = 另外写出这些格式（`typ`：生成的 Typst 源文件，放在 PDF 旁边）。
cli-build-without = 不写出这些格式（`docx`、`fragment`、`html`、`pdf`；Markdown 总会写出）。
cli-build-jobs = 同时生成的文件数（默认：每个处理器核心一个）。
cli-build-force = 重新生成所有文件，包括输入没有改动的。
cli-build-edition = 只生成这些版本（series.yaml 中 `editions` 的语言标记，如 `zh-Hans`）；默认：全部。
cli-check-files = 要检查的数字文件（默认：data/ 下所有 *.yaml）。
cli-publish-file = 要发布的数字文件。
cli-publish-reason = 发布此版本的原因（更正时：哪里有误）。
cli-publish-accept = 即使这些数字与上一期相比像是录入错误也照样发布（如 `food.cases` 大了十倍；所有数字都与上一期相同时用 `unchanged`）：记入该版本的清单。
cli-verify-rebuild = 同时根据存档的输入重新生成每个版本，并逐字节比较。
cli-verify-print-head = 显示每期的最新版本及其清单的 SHA-256，供另行记录（登记簿、签名邮件）并日后核对，历史若被改写即可发现。
cli-diff-file = 较早的数字文件（如只给一个，则与其最新发布版本比较）。
cli-diff-other = 较晚的数字文件。
cli-history-file = 该期的一个数字文件。
cli-serve-files = 要预览的数字文件（默认：data/ 下所有数字文件，随文件增减而变）。
cli-serve-port = 监听的端口（默认：一个空闲端口，启动时显示）。
cli-serve-host = 监听的地址；除默认的本机回环地址外，其他地址都会让别的机器看到草稿。
cli-new-series = 系列（即 templates/ 和 data/ 下的文件夹名）。
cli-new-date = 本期日期，格式为 YYYY-MM-DD（默认：对定义了 `period: month`、`quarter` 或 `year` 的系列，取最新一期之后那一期的最后一天）。
cli-series-new-name = 系列名称：即 templates/ 和 data/ 下的文件夹名（小写 ASCII 字母、数字、`-` 和 `_`）。
cli-series-new-script = 模板所用的文字：`zh-Hans`（简体）或 `zh-Hant`（繁体）；另一种文字为第二版本。
cli-site-drafts = 同时列出已生成到 out/ 但从未发布的各期，标为草稿（不进入订阅源）。
cli-format-md = Markdown 格式的通报。
cli-format-html = 网页。
cli-format-fragment = 仅正文，供内容管理系统使用。
cli-format-pdf = PDF 文件。
cli-format-docx = Word 文件。
cli-format-typ = 生成的 Typst 源文件。

## 校验存档

archive-tampered = 存档中只应有真实的文件夹；它可能被人改动过
archive-version-not-folder-help = 已发布的版本是一个文件夹；存档可能被人改动过
verify-cannot-read = 无法读取存档：{ $reason }
verify-stray = `{ $path }` 不应出现在存档中
verify-stray-note = 存档中每个系列一个文件夹，其中每期一个文件夹
verify-interrupted = 一次中断的发布留下了 `{ $path }`；该期下次发布时会将其删除
verify-stray-in-period-note = 每期的文件夹中只有各个版本 v1、v2……，别无他物
verify-version-missing = 缺少 `{ $path }`
verify-version-missing-note = 版本从 v1 起连续编号；有一个被删除或改名了
verify-nothing = 无
verify-chain = `{ $manifest }` 与 `{ $later }` 中的记录不符
verify-chain-note = 其 SHA-256 为 { $actual }；v{ $version } 记录的是 { $recorded }
verify-chain-help = 较早版本的记录在较晚版本发布之后被改动过
verify-moved = `{ $path }` 中是 `{ $home }` 的清单
verify-moved-help = 版本文件夹不会被复制或改名；存档可能被人改动过
verify-file-missing = 存档中缺少 `{ $path }`
verify-not-in-manifest = `{ $path }` 不在其清单中
verify-mismatch = `{ $path }` 与其清单不符
verify-mismatch-note = 其 SHA-256 为 { $actual }，清单记录的是 { $recorded }
verify-other-tool = `{ $path }` 由 { $tool } 而非 { $this } 生成：只核对了文件，未重新生成
verify-rebuild-differs = 根据输入重新生成的 `{ $path }` 与原文件字节不同
verify-fonts-changed = 这些字体不是该版本排版时所用的文件：{ $fonts }
verify-before-publishing = 未发布：`{ $path }` 中已不是当初发布的内容，而更正要以它为基础
verify-before-publishing-help = 请用单位的备份恢复存档（`bulletin verify` 会列出所有问题），然后再发布
verify-record-differs = `{ $path }` 与其版本的记录和输入所生成的不同
verify-record-differs-note = `{ $manifest }` 或其旁的输入在发布后被改动过

## 网站

site-nothing = 没有可列出的内容：所有系列都还没有发布任何一期
site-nothing-help = 请用 `bulletin publish 文件` 发布一期，或用 `bulletin site --drafts` 列出草稿
site-waiting = `{ $path }` 的另一次生成或网站写入
site-not-an-output = `{ $manifest }` 列出了 `{ $path }`，但它不是该期的输出
site-verify-help = `bulletin verify` 可校验存档
site-not-as-published = out/ 中不是以 `{ $path }` 发布的文件
site-replaced = 此后被替换的：{ $files }
site-missing = 缺少：{ $files }
site-links-note = 网站链接的是发布时放入 out/ 的文件，即提供 out/ 的网站服务器所能找到的文件
site-build-help = `bulletin build { $figure }` 可放回已发布的文件（改动的草稿放入 `drafts/`）
feed-bad-time = 系列 `{ $series }` 的发布时间 `{ $time }` 不是有效时间：{ $reason }
feed-cannot-write = 无法写出 `{ $series }` 的订阅源：{ $reason }

## 模板：检查发现的问题

lint-space = 汉字之间有空格
lint-space-label = 请删除（GB/T 15834）
lint-half-width = 汉字之间用了半角的 `{ $mark }`
lint-half-width-label = 请写作 `{ $full }`（GB/T 15834）
lint-typed-number = 模板中直接写了数字 { $number }
lint-typed-number-label = 这一期对，下一期就错了
lint-year-help = 请从本期日期取年份：`{"{{"} as_of | date(style="year") {"}}"}`
lint-figure-help = 请从数字文件中取：即 series.yaml 中分组的字段，写作 `{"{{"} figures.分组.字段 {"}}"}`
lint-literal-help = 如果每一期的正文都是这个数，请在 series.yaml 中列出：`literals: ["{ $literal }"]`
lint-invisible = { $file } 含有不可见字符 { $code }
lint-invisible-label = 请删除：读者看不见，检索却会碰到
lint-division = 模板中有除法
lint-division-label = 这会产生浮点数
lint-division-help = 比例、平均数或变化请用 `ratio`、`share`、`mean` 或 `change(prior=…)` 精确表述
lint-power = 模板中有乘方
lint-power-label = 负数次方会产生浮点数
lint-power-help = 请乘以整数，或把数字放进数字文件
lint-decimal = 模板中有小数
lint-decimal-label = Tera 会把它当作浮点数
lint-decimal-help = 请把数字作为 `decimal:N` 字段放进数字文件

## 可安装的字体

face-fzxiaobiaosong = 方正小标宋 FZXiaoBiaoSong-B05（需向方正购买授权）
face-no-free-xiaobiaosong = 没有免费字体是这种字形：以粗宋体代替
face-fangsong-licensed = 仿宋_GB2312 或 FangSong（需授权，随 Windows 和办公软件提供）
face-cwtex-fangsong = cwTeX 仿宋（免费：apt-get install fonts-cwtex-fs；只有繁体字）
face-zhuque = 朱雀仿宋 Zhuque Fangsong（免费，SIL Open Font License）
face-kai-licensed = 楷体_GB2312 或 KaiTi（需授权，随 Windows 和办公软件提供）
face-ukai = AR PL UKai（免费：apt-get install fonts-arphic-ukai）
face-lxgw = 霞鹜文楷 LXGW WenKai（免费，SIL Open Font License）
face-simhei = SimHei 黑体（需授权，随 Windows 提供）
face-noto-sans = Noto Sans CJK（免费：apt-get install fonts-noto-cjk）
face-simsun = SimSun 宋体（需授权，随 Windows 提供）
face-noto-serif = Noto Serif CJK（免费：apt-get install fonts-noto-cjk）
style-xiaobiaosong = 小标宋
style-fangsong = 仿宋
style-kai = 楷
style-hei = 黑
style-song = 宋
preview-edition-label = 版本：
preview-edition = { $tag ->
        [zh-Hans] 简体
        [zh-Hant] 繁体
       *[other] { $tag }
    }

## 文件的种类

io-too-large = `{ $path }` 有 { $size } 字节，作为{ $what }太大（最多 { $limit } 字节）
io-a-link = 符号链接
io-a-folder = 文件夹
io-a-fifo = 命名管道
io-a-socket = 套接字
io-a-device = 设备文件
io-not-regular = 不是普通文件
io-special = `{ $path }` 是{ $is }，不是{ $what }
what-stamps-file = 生成记录文件
what-template-file = 模板文件
what-figure-file = 数字文件
what-site-page = 网站页面
what-published-file = 已发布的文件
what-built-file = 已生成的文件
what-archived-file = 存档文件
what-input = 输入文件
what-manifest = 清单
manifest-not-utf8 = `{ $path }` 不是 UTF-8 编码
manifest-invalid = `{ $path }` 不是有效的清单
period-no-as-of = 最新的数字文件中没有可作起点的 `as_of`
period-expected-as-of = 应有 `as_of: …`
period-exists-help = 每期的数字文件只新建一次；请编辑已有的文件
http-too-large = 已拒绝：请求头超过 16 KiB
http-not-http = 已拒绝：不是 HTTP 请求
http-only-get = 已拒绝：预览只显示页面，不接受上传或修改
http-has-body = 已拒绝：请求页面时不应带有正文
http-too-slow = 请求超过 5 秒仍未到达；请重新加载页面
http-busy = 繁忙：同时请求过多；请稍后重新加载页面
preview-busy-pages = 繁忙：本预览已打开 32 个页面；请关闭一些，再重新加载本页

## 模板：生成

template-title = `{ $file }` 的标题为空或超过一行
template-this-title = 此标题
template-title-declared = 标题定义在 `{ $path }` 中
template-here = 此处
template-in = 在模板 `{ $name }` 中
template-error = 模板有误：{ $message }
template-error-rendering = 生成 `{ $file }` 时模板出错：{ $message }
tera-unknown-filter = 没有名为 `{ $name }` 的过滤器
tera-unknown-test = 没有名为 `{ $name }` 的测试
tera-unknown-function = 没有名为 `{ $name }` 的函数
tera-unknown-component = 没有名为 `{ $name }` 的组件
tera-unexpected-end = 模板已结束，但仍有标签没有闭合（是否 `{"{"}% if %{"}"}` 缺少 `{"{"}% endif %{"}"}`？）
tera-unexpected-character = 模板的此处不能用这个字符
tera-unknown-tag = 未知的标签
tera-undefined-variable = 变量 `{ $name }` 未定义
tera-undefined-field = 没有字段 `{ $name }`
tera-available = 可用的有：{ $names }
tera-closing-mismatch = 结束标签 `{ $closing }` 与开始标签 `{ $opening }` 不配对
tera-not-iterable = 不能对 `{ $kind }` 类型的值做循环
tera-missing-argument = 缺少参数 `{ $name }`
tera-other = 模板无法读取或生成
tera-expected-end = 此处是{ $found }，应为 `elif`、`else` 或 `endif`
tera-found-expected = 此处是{ $found }，应为{ $expected }
tera-token-content = 正文
tera-token-comment = 注释
tera-token-name = 名称
tera-token-string = 字符串
tera-token-number = 数字
tera-token-bool = `true` 或 `false`
tera-token-or = { $first } 或 { $last }
typst-link-made-by = 该链接由系列的版式（`layout.typ`）生成
typst-too-long = 排版 `{ $file }` 超过 { $seconds } 秒，已停止
typst-too-long-help = 系列的 `layout.typ` 中有循环运行过久；时限用 `--time-limit 秒数` 设定
typst-cannot-compile = 无法编译 `{ $path }`：{ $reason }
typst-said = Typst 排版：{ $message }
typst-hint = 提示：
verify-no-figure-file = 清单中没有列出数字文件
publish-no-version-left = 版本号已用尽
filter-places = `places={ $n }`：小数位数最多 { $max } 位
filter-the-filter = `{ $name }` 过滤器
filter-the-function = `{ $name }` 函数
filter-takes-nothing = 不接受任何参数
filter-takes-only = 只接受 { $names }
filter-takes = { $what }不接受 `{ $key }`：它{ $takes }
filter-option = `{ $filter }` 过滤器的 `{ $name }` 应为{ $what }，实际为{ $found }
filter-option-flag = `{ $filter }` 过滤器的 `{ $name }` 应为 `true` 或 `false`，实际为{ $found }
filter-expected = `{ $filter }` 过滤器应得到{ $what }，实际为{ $found }
filter-found-none = 空值（缺少的数字）
filter-found-text = 文字 `{ $text }`
filter-found-kind = { $kind ->
        [array] 一个列表
        [map] 一组键值
        [bool] `true` 或 `false`
        [string] 文字
        [undefined] 未定义的值
       *[other] 一个数字
    }
filter-found-nothing = 什么也没有
filter-what-yuan = 以元为单位的整数，如 `{ $example }`
filter-what-number = 数字
filter-what-percent = 百分比，如 `{ $example }`
filter-what-numeral = 0 到 999999999999 之间的整数
filter-what-number-like = 数字，如 `{ $example }`
filter-what-prior-percent = 百分比作为 `prior`
filter-what-prior-number = 数字作为 `prior`
filter-what-date = 日期，如 `as_of`
filter-number-auto = `number` 过滤器接受 `unit="萬"` 或 `"億"`，不接受 `auto`
filter-numerals = 未知的数字写法 `{ $other }`，应为 `arabic` 或 `chinese`
filter-numeral-style = 未知的样式 `{ $other }`，应为 `number`、`ordinal` 或 `digits`
filter-int-not-whole = `{ $number }` 不是整数；请用 `number(places=0)` 取整
filter-float = `{ $name }` 过滤器会让数字经过浮点运算；请用带 `places` 的 `number`、`percent` 或 `amount`
filter-ratio-operand = `ratio` 函数需要 `a` 和 `b` 两个数字，如 `ratio(a=figures.air.good_days, b=figures.air.days)`；`{ $name }` 实际为{ $found }
filter-ratio-per = `ratio` 函数的 `per` 应为 100（百分比）、1 或其他大于 0 的整数
filter-ratio-divides = `ratio` 函数以 `b` 为除数
filter-share-of = `share` 过滤器需要 `of`，即总数，如 `of=totals.cases`；实际为{ $found }
filter-share-divides = `share` 过滤器以 `of` 为除数
filter-points-too-large = `points` 过滤器：数字过大，无法相减
filter-divides-by-zero = { $what }，而它是 0；为 0 时请略去这句话：`{"{"}% if … %{"}"}`
list-what-attribute = 记录中某个字段的名称，如 `attribute="aqi"`
list-what-list = 列表，如 `list` 字段的记录
list-what-records-with = 带有字段 `{ $attribute }` 的记录
list-no-field = `{ $filter }` 过滤器：第 { $record } 条记录没有字段 `{ $attribute }`
list-orders = `{ $filter }` 过滤器只能给数字或文字排序；第 { $item } 项是{ $found }
list-what-then = 决定并列者先后的字段名称，如 `then="name"`
list-what-method = `competition` 或 `dense`
list-rank-method = `rank` 过滤器需要 `method="competition"`（并列者名次相同，下一名跳过：1、1、3）或 `method="dense"`（1、1、2）
list-rank-method-not = `rank` 过滤器需要 `method="competition"`（并列者名次相同，下一名跳过：1、1、3）或 `method="dense"`（1、1、2），而不是 `{ $other }`
list-rank-attribute = `rank` 过滤器需要 `attribute`，即据以排名的字段
list-rank-absent = `rank` 过滤器：第 { $record } 条记录的 `{ $attribute }` 是空值（缺少的数字），无法排名
list-what-records = 记录
list-rank-taken = `rank` 过滤器：第 { $record } 条记录已有字段 `{ $field }`，排名会把它盖住
list-value = 值
list-none-help = ；请先略去这样的记录：`select(attribute="{ $attribute }", op="!=", value=none)`
list-expects-numbers = `{ $filter }` 过滤器需要数字；第 { $item } 项的{ $name }是{ $found }{ $help }
list-empty = `{ $filter }` 过滤器得到的是空列表
list-sum-too-large = `{ $filter }` 过滤器：合计过大，无法精确计算
list-mean-places = `mean` 过滤器需要 `places`，如 `mean(places=1)`
list-select-attribute = `select` 过滤器需要 `attribute`，即要检验的字段
list-ops = `op=">"`、`">="`、`"<"`、`"<="`、`"=="` 或 `"!="`，并给出 `value=…` 或 `field=…`
list-changes = `change="rose"`、`"fell"` 或 `"unchanged"`，并给出 `prior=`，即上期数字的字段
list-select-op-not = `select` 过滤器的比较应为 { $ops }，而不是 `op="{ $op }"`
list-select-one-of-two = `select` 过滤器的比较应为 { $ops }：二者取其一
list-select-change-not = `select` 过滤器检验变化应为 { $changes }，而不是 `change="{ $change }"`
list-select-change = `select` 过滤器检验变化应为 { $changes }
list-select-condition = `select` 过滤器需要一个条件：{ $ops }；或 { $changes }
list-select-compare = `select` 过滤器只比较数字，`==` 和 `!=` 也可比较文字；第 { $record } 条记录给出的是{ $left }和{ $right }
list-what-sep = 名称之间的符号，如 `sep="、"`
list-what-last = 最后一个名称前的词，如 `last="及"`
list-what-names = 名称（文字）或数字
render-in-edition = 在 { $edition } 版本中
budget-range-step-zero = 调用 `range` 时用了 `step_by=0`
budget-range-too-long = `range` 会生成 { $length } 个数字；模板一次最多循环 { $max } 次
typst-pdf-standard = PDF 标准设置有误：{ $reason }
pdf-line-loose = `{ $file }`：{ $edition } PDF 第 { $page } 页有一行字间拉开了一个字宽的 { $percent }%（不应超过 5%）：“{ $line }”
pdf-line-loose-help = 通常是因为这一行后面的日期、带单位的数字或段末两字不能拆开，又排不进这一行；在这句话里增减一两个字，这一行大多就能排紧
pdf-notice-of-edition = { $edition } 更正说明
docx-cannot-write = 无法写出 Word 文件：{ $reason }
template-link-refused = 不允许链接到 `{ $target }`
link-help = 通报只能链接到网页（`http:`、`https:`）、电子邮件地址（`mailto:`）和本网站的路径
template-this-link = 此链接
template-link-made-by = 该链接由模板 `{ $name }` 生成
template-stopped-rendering = 模板 `{ $name }` 生成 `{ $file }` 时{ $what }；已停止
template-stopped = 模板 `{ $name }` { $what }；已停止
template-stopped-here = 在此处停止
template-too-long-help = 模板中的循环运行过久；时限可用 `--time-limit 秒数` 设置
template-too-much-help = 模板中的循环写出的内容远超任何通报的篇幅
budget-time = 用时超过 { $seconds } 秒
budget-output = 写出超过 { $megabytes } MB

## 系列的结构定义（series.yaml）

schema-invalid = 系列结构定义有误：{ $message }
schema-at = `{ $path }`：{ $message }
serde-unknown-field = 没有 `{ $field }` 这一项，应为以下之一：{ $expected }
serde-unknown-variant = 不能取 `{ $variant }`，应为以下之一：{ $expected }
serde-missing-field = 缺少 `{ $field }` 一项
serde-duplicate-field = `{ $field }` 写了两次
serde-invalid-type = 应为{ $expected }，实际为{ $found }
serde-invalid-value = 应为{ $expected }，实际为{ $found }
serde-invalid-length = 应为{ $expected }，实际有 { $length } 项
serde-found-text = 文字“{ $text }”
serde-found-number = 数字 { $number }
serde-found-boolean = `{ $value }`
serde-expected-text = 文字
serde-expected-whole-number = 整数
serde-expected-boolean = `true` 或 `false`
schema-kind-needs-places = `{ $word }` 需要写明小数位数，如 `{ $word }:2`
schema-kind-places = `{ $word }:{ $arg }`：小数位数应为 0 到 { $max } 之间的整数
schema-kind-no-arg = `{ $word }` 后面不能带 `:{ $arg }`
schema-kind-text-length = `text:{ $arg }`：长度应为字数（整数），如 `text:300`
schema-kind-unknown = 未知的字段类型 `{ $name }`，应为 `count`、`money`、`signed`、`decimal:N`、`percent:N`、`text`、`text:N` 或 `date`（可选字段加 `?`），或列表 `{"{"}list: {"{"}…{"}"}{"}"}`
schema-expect-field-kind = 字段类型，如 `count` 或 `percent:2?`，或带 `kind` 或 `list` 的一组键值
schema-list-only = `min`、`max`、`key` 和 `optional` 只用于列表；可选字段请在类型后加 `?`
schema-list-nested = 列表的记录中不能再含列表
schema-list-min-max = 列表至少 { $min } 条、至多 { $max } 条记录，下限大于上限
schema-list-key = 键 `{ $key }` 不是列表记录的字段（记录的字段有：{ $names }）
schema-kind-or-list = 字段要么有 `kind`，要么有 `list`
schema-check-unreadable = 无法读取检查 `{ $text }`，应为 `字段 <= 字段` 的形式（或 <、>=、>、==）
schema-total-too-large = `{ $field }` 的合计过大，无法存放
schema-expect-font = 字体名称，或带 `family` 和 `weight` 的一组键值
schema-weights = 应为 100、200 … 900，或以下之一：{ $names }
schema-not-weight = `{ $value }` 不是字重：{ $expected }
schema-expect-edition = 语言标记，如 `zh-Hans`，或带 `lang` 和 `fonts` 的一组键值
language-unknown = 未知的语言 `{ $tag }`，应为 `zh-Hant` 或 `zh-Hans`（可带地区，如 `zh-Hant-HK`）
format-unknown-unit = 未知的单位 `{ $text }`，应为 `auto`、`萬`、`億` 或 `元`（也可写 `万`、`亿`）
format-too-large = 数字过大，无法比较
format-division-by-zero = 除数为零
format-unknown-date-style = 未知的日期样式 `{ $text }`，应为以下之一：{ $names }
schema-expected-lang = 应为 zh-Hant 或 zh-Hans
schema-group-totals = 分组不能命名为 `totals`
schema-group-totals-label = 这是模板中全部合计的名称
schema-unknown-field = 系列结构定义中提到了未知的字段 `{ $name }`
schema-no-such-field = 没有定义这个名称的字段
schema-cannot-sum = `{ $name }` 是 { $kind }，无法求和
schema-totals-add-up = 合计只能累加计数和金额
schema-not-a-number = `{ $name }` 是 { $kind }，不是数字
schema-expected-number = 应为存放数字的字段
schema-total-kind = `{ $field }` 的合计累加了分组 `{ $group }`，而它在该分组中是 { $kind }
schema-rule-kind = 规则 `{ $rule }` 在分组 `{ $group }` 中比较的是 { $kind }
schema-rules-compare-numbers = 规则只比较数字
schema-unknown-group = 系列结构定义中提到了未知的分组 `{ $group }`
schema-no-such-group = 没有定义这个名称的分组
schema-total-may-lack = `{ $field }` 的合计累加了分组 `{ $group }`，而该分组可能没有这个字段
schema-in-these-totals = 在这些合计中
schema-partial-help = 如果合计只计各分组给出的数字，请在 `totals` 下写明：`partial: [{ $field }]`
schema-in-this-edition = 在此版本中
schema-edition-fonts-help = 请列出它的字体：`- {"{"}lang: { $lang }, fonts: {"{"}title: […], body: […], …{"}"}{"}"}`
schema-first-edition = 第一个版本应是模板自身的语言 `lang: { $lang }`，而不是 `{ $edition }`
schema-edition-twice = 版本 `{ $edition }` 与 `{ $earlier }` 相同
schema-edition-no-fonts = 版本 `{ $edition }` 用的是另一种文字，却没有指定自己的字体：它会用 `{ $lang }` 的字体排版
schema-unknown-role = 未知的字体用途 `{ $role }`
schema-override-nothing = 替换了空词：`{ $term }`
schema-override-to-nothing = 把词替换为空：`{ $term }`
schema-protected-and-overridden = 一个词既受保护又被替换：`{ $term }`
schema-override-label = 请写出另一版本中该词的印法
schema-empty-protected = 受保护的词为空
schema-empty-protected-label = 请写一个名称，或删除此项
schema-partial-not-summed = `partial` 中列出了 `{ $field }`，但合计并不累加它
schema-partial-label = 应为 `totals.fields` 中的一项
schema-label-unknown-field = `field_labels` 中提到了未知的字段 `{ $field }`
schema-chart-unknown-group = 图表 `{ $name }` 中提到了未知的分组 `{ $group }`
schema-chart-field = 图表 `{ $name }` 画的是 `{ $field }`，但它在这些分组中不是计数或金额
schema-chart-output = 图表只画在 `html` 或 `pdf` 中，不能画在 `{ $output }` 中
schema-in-this-chart = 在此图表中
schema-in-this-show = 在此 `show` 中
schema-show-unit = { $kind } 字段不能以单位显示
schema-show-places = 最多 { $max } 位小数
schema-show-style = { $kind } 字段没有可按数字格式显示的内容
