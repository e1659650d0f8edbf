# bulletin 的繁體中文訊息。
#
# 每行一則：`鍵 = 文字`，`{ $名稱 }` 處填入參數。鍵和 `{ $名稱 }` 都不要更動；
# 三種語言（../en、../zh-Hans）的鍵相同，`tests/catalogue.rs` 檢查它們與程式碼一致。

## 磁碟讀寫

io-read = 無法讀取 `{ $path }`：{ $reason }
io-write = 無法寫入 `{ $path }`：{ $reason }
io-open = 無法開啟 `{ $path }`：{ $reason }
io-create = 無法建立 `{ $path }`：{ $reason }
io-remove = 無法刪除 `{ $path }`：{ $reason }
io-lock = 無法鎖定 `{ $path }`：{ $reason }
io-sync = 無法同步 `{ $path }`：{ $reason }
io-not-found = 檔案或資料夾不存在
io-permission-denied = 沒有權限
io-already-exists = 已經存在
io-is-a-directory = 這是一個資料夾
io-not-a-directory = 不是資料夾
io-storage-full = 磁碟空間已滿
io-read-only = 檔案系統唯讀

## 診斷的格式

diag-line-too-long = 位於 { $place }（該行過長，不予顯示）：{ $label }
diag-more-not-shown = `{ $path }` 另有 { $count } 個問題未顯示
diag-internal-error = 產生 `{ $path }` 時發生內部錯誤：{ $text }
diag-internal-error-help = 這是 bulletin 的缺陷，請連同引起問題的檔案一併回報

## 產製與檢查

wrote = 已寫入 { $path }
build-summary = 產製 { $built } 個，略過 { $skipped } 個，失敗 { $failed } 個，耗時 { $seconds } 秒
build-stand-ins = 字型：以下用途改用了其他風格的字型：{ $roles }；可用 `bulletin fonts` 查看能補上的字型
build-published-unchanged = `{ $file }` 已發布（v{ $version }）；此後其輸入有變動，但沒有任何句子讀來不同：無須更正，`{ $out }/` 中仍是 v{ $version }
build-published-changed = `{ $file }` 已發布（v{ $version }），此後其輸入有變動：草稿在 `{ $drafts }/`；`{ $out }/` 中仍是 v{ $version }
build-draft-sentences = 變動的句子：{"\u000A"}{ $sentences }
build-draft-publish-help = 如要將變動作為更正發布：`bulletin publish { $file } --reason "…"`
build-draft-keep-help = 如要保留 v{ $version }，請復原變動；`bulletin diff { $file }` 可顯示變動
check-ok = 通過 { $file }
check-not-converted = { $edition }：未經詞典轉換：{ $terms }
build-unknown-edition = 本次產製的系列都沒有 `{ $tag }` 版本
build-editions-are = 現有版本：{ $editions }

## 數字檔案：YAML 格式

yaml-nothing = 空值
yaml-quoted-string = 帶引號的文字
yaml-value = 一個值
yaml-list = 一個清單
yaml-mapping = 一組鍵值
yaml-second-document = 檔案中有第二份 YAML 文件
yaml-second-document-label = 新文件從這裡開始
yaml-second-document-help = 一個數字檔案只能有一份文件；請刪去上面的 `---` 或 `...` 行
yaml-empty = 檔案是空的
expected-as-of-and-figures = 應有 `as_of:` 和 `figures:`
yaml-never-closed = 這個 `{ $bracket }` 沒有閉合
yaml-tag = 不允許使用 `!!str` 之類的 YAML 標籤
yaml-tag-label = 請刪去標籤：每個值是什麼由系列的結構定義決定
yaml-too-deep = 檔案巢狀層數過多
yaml-too-deep-label = 數字檔案只有三層：`figures:`、分組、分組的欄位
yaml-alias = 數字檔案中不允許使用別名
yaml-alias-label = 請在此直接填寫數字
yaml-key-not-plain = 鍵必須是簡單的名稱
yaml-key-not-plain-label = 應為 `cases` 這樣的名稱
yaml-commas = 數字中帶有逗號
yaml-commas-label = 逗號把它拆成了幾個鍵
yaml-commas-help = 請不加逗號書寫數字，如 1362000000
yaml-duplicate-key = 鍵 `{ $key }` 重複
yaml-duplicate-key-second = 這裡是第二次出現
yaml-duplicate-key-first = 這裡是第一次出現
yaml-duplicate-key-help = 請只保留其中一行
yaml-tabs = YAML 格式有誤：不能用定位字元縮排
yaml-unclosed = YAML 格式有誤：`{ $bracket }` 沒有閉合
yaml-indentation = YAML 格式有誤：縮排與上面幾行不一致
yaml-quote = YAML 格式有誤：引號沒有閉合
yaml-quote-label = 這個引號在本行沒有對應的結束引號
yaml-colon = YAML 格式有誤：鍵後面少了 `:`
yaml-colon-label = 上面的鍵一直延續到這裡
yaml-colon-missing-here = 這個鍵後面少了 `:`
yaml-colon-space = YAML 格式有誤：`:` 後面應有空格
yaml-colon-space-label = 請在 `:` 後加一個空格
yaml-escape = YAML 格式有誤：雙引號中的 `\` 不是 YAML 認得的跳脫字元
yaml-escape-label = 請去掉引號或改用單引號，反斜線本身寫作 `\\`
yaml-comment = YAML 格式有誤：註解的 `#` 前應有空格
yaml-comment-label = 請在 `#` 前加一個空格
yaml-marker = YAML 格式有誤：數字檔案中不使用 `&`、`*`、`!` 和 `%` 這些標記
yaml-marker-help = 請直接寫出值；以這些標記開頭的文字請加引號
yaml-no-value = YAML 格式有誤：這裡應有一個值
yaml-invalid = YAML 格式有誤
yaml-tabs-label = 請用空格縮排
yaml-expected-comma-or = 此處之前應有 `,` 或 `{ $bracket }`
yaml-indentation-label = 這裡應是與上面幾行縮排相同的鍵
yaml-here = 此處

## 數字檔案：內容

figures-missing-top = 缺少 `{ $name }`
figures-expected-line = 應有一行 `{ $example }`
figures-as-of-not-date = `as_of` 必須是日期
figures-expected-date-found = 應為 2019-11-15 這樣的日期，實際為{ $found }
figures-expected-real-date = 應為實際存在的日期，格式為 YYYY-MM-DD
figures-as-of-mismatch = `as_of` 為 { $date }，但檔名是 { $stem }.yaml
figures-as-of-mismatch-label = 應為檔名中的日期 { $stem }
figures-as-of-mismatch-help = 數字檔案以其 `as_of` 日期命名；請改正二者之一
figures-as-of-not-period-end = `as_of` { $date } 不是其週期的最後一天，series.yaml 宣告的週期為 `period: { $period }`
figures-as-of-not-period-end-label = 該週期止於 { $end }
figures-as-of-not-period-end-help = 週期以其最後一天為日期：請將檔案命名為 { $end }.yaml 並寫 `as_of: { $end }`；若系列可在任意一天發布，請在 series.yaml 中宣告 `period: date`
figures-expected-groups = 應每行一個分組，如 `food: {"{"}cases: 186, …{"}"}`
figures-expected-group-fields = 應為該分組的欄位，如 `{"{"}cases: 186, suspects: 306{"}"}`
figures-missing-group = 缺少分組 `{ $name }`
figures-missing-group-labelled = 缺少分組 `{ $name }`（{ $label }）
figures-expected-group = `figures` 下應有分組 `{ $name }:`
figures-missing-field = { $owner }缺少欄位 { $what }
figures-group-needs = 此分組需要 `{ $name }`（{ $kind }）
figures-record-needs = 此紀錄需要 `{ $name }`（{ $kind }）
figures-a-date = 日期
figures-expected-date = 應為 2021-12-31 這樣的日期
figures-field-problem = { $field }：{ $problem }
figures-is-a-list = { $field }是清單
figures-expected-records = 應為紀錄清單，每行一筆 `- {"{"}…{"}"}`；實際為{ $found }
figures-records-exactly = 應正好有 { $count } 筆紀錄
figures-records-between = 應有 { $min } 至 { $max } 筆紀錄
figures-holds-records = { $field }有 { $count } 筆紀錄
figures-expected-record = 應為一筆紀錄，如 `{"{"}name: …, amount_yuan: …{"}"}`
figures-duplicate-record = { $field }中有兩筆紀錄的 { $key } 都是 { $value }
figures-duplicate-record-label = `{ $key }` 用來指稱紀錄：每筆紀錄須各不相同
figures-an-amount = 金額
figures-a-count = 計數
figures-expected-yuan = 應為整數元，如 1350000000
figures-expected-whole = 應為整數，如 186
figures-negative = { $field }不能為負數
figures-whole-yuan = { $field }必須是整數元
figures-whole-number = { $field }必須是整數
figures-is-what = { $field }應是{ $what }
found-text = { $expected }，實際為 `{ $text }`
found-quoted = { $expected }，實際為文字「{ $text }」
found-node = { $expected }，實際為{ $found }
figures-expected-signed = 應為整數，如 -16
figures-a-whole-number = 整數
figures-a-percentage = 百分比
figures-a-decimal = 小數
figures-expected-decimal = 應為最多 { $places } 位小數的{ $what }，如 { $example }
figures-percent-sign = { $field }帶有 `%`
figures-percent-sign-help = 該欄位的類型已表明是百分比；請寫 { $bare }
figures-too-many-places = { $field }有 { $count } 位小數，超過 { $places } 位
figures-at-most-places = 應最多 { $places } 位小數，如 { $example }
figures-declared-as = 系列將其定義為 `{ $kind }`
figures-28-digits = 28 位數字
figures-is-text = { $field }是文字
figures-expected-paragraph-found = 應為一段文字，實際為{ $found }
figures-text-empty = { $field }為空
figures-expected-paragraph = 應為一段文字
figures-text-lines = { $field }超過一行
figures-text-lines-label = 文字欄位是寫在一行裡的一段文字
figures-text-long = { $field }長 { $count } 個字
figures-text-long-label = 最多應為 { $length } 個字
figures-text-invisible = { $field }含有不可見字元 { $code }
figures-text-invisible-label = 請刪除
figures-text-bar = { $field }含有 `|`，會把表格的儲存格分開
figures-text-bar-label = 請改用全角的 `｜`
figures-text-problem = { $field }{ $problem }
figures-text-prose-label = 文字欄位只能是正文，最多帶 **粗體** 或 *斜體*
text-link = 含有連結
text-image = 含有圖片
text-html = 含有 HTML
text-heading = 會變成標題
text-list = 會變成清單
text-quote = 會變成引文
text-code-block = 會變成程式碼區塊
text-table = 會變成表格
text-rule = 會變成分隔線
text-not-prose = 不是純文字
text-not-a-paragraph = 讀來不是一段文字
figures-not-text = { $field }應是{ $what }，不是文字
figures-commas = { $field }中帶有逗號
figures-commas-help = 請不加逗號書寫數字：{ $plain }
figures-full-width = { $field }用了全角數字
figures-full-width-help = 請用半角數字：{ $plain }
figures-myriads = { $field }用了「萬」或「億」
figures-myriads-help = 請寫出確切數字：{ $text } → { $exact }
figures-leading-zero = { $field }以 0 開頭
figures-leading-zero-label = 其他程式會把以 0 開頭的數讀作八進位數
figures-leading-zero-help = 請寫作 { $plain }
figures-too-large = { $field }太大，無法存放
figures-at-most = 最大為 { $limit }
figures-total-too-large = `{ $field }` 的合計太大，無法存放
figures-total-too-large-label = 加上這個數字，合計超出了能存放的範圍
figures-total-too-large-help = 某個數字多了幾位；請與原始資料核對
figures-expected-mapping = 應為一組鍵值，實際為{ $found }
figures-unknown-top-level-key = 未知的頂層鍵 `{ $name }`
figures-not-a-top-level-key = 不是本系列的頂層鍵
figures-unknown-group = 未知的分組 `{ $name }`
figures-not-a-group = 不是本系列的分組
figures-unknown-field-in = { $within }中沒有欄位 `{ $name }`
figures-unknown-field = 未知的欄位 `{ $name }`
figures-not-a-field = 不是本系列的欄位
figures-unknown-commas-help = 是否在數字中加了逗號？請不加逗號書寫數字
did-you-mean = 是否想寫 `{ $name }`？
expected-one-of = 應為以下之一：{ $names }
names-or = { $names } 或 { $last }
names-separator = 、
place-record-field-labelled = { $list } 第 { $record } 筆紀錄的 `{ $field }`（{ $label }）
place-record-field = { $list } 第 { $record } 筆紀錄的 `{ $field }`
place-field-labelled = `{ $field }`（{ $label }）
place-field = `{ $field }`
place-group-labelled = 分組 `{ $group }`（{ $label }）
place-group = 分組 `{ $group }`
place-record = { $list } 第 { $record } 筆紀錄
rule-broken = { $group }：{ $left }（{ $left_value }）{ $op ->
         [le] 不應多於
         [lt] 應少於
         [ge] 不應少於
         [gt] 應多於
        *[eq] 應等於
    }{ $right }（{ $right_value }）
rule-broken-label = `{ $left }` 為 { $left_value }，`{ $right }` 為 { $right_value }
rule-declared-in = 該規則定義在 `{ $path }` 中
date-not-a-date = `{ $text }` 不是日期
date-no-year-0 = `{ $text }` 不是日期：沒有 0 年
date-no-month = `{ $text }` 不是日期：沒有 { $month } 月
date-days-in-month = `{ $text }` 不是日期：{ $year } 年 { $month } 月只有 { $days } 天

## 發布、驗證、歷史、比較

publish-accepted = 已接受：{ $warning }
publish-published = 已將 { $file } 發布為 v{ $version }
publish-published-upload = 已將 { $file } 發布為 v{ $version }；待上傳的檔案：
publish-unchanged = { $file } 自 v{ $version } 以來沒有變化，未發布新版本；待上傳的檔案：
publish-invisible = 自 v{ $version } 以來，讀者看到的內容沒有變化；未發布新版本
publish-invisible-change = { $figure }：{ $exact }（兩者印出來都是 { $shown }）
verify-nothing-empty = 無須驗證：尚未發布任何一期（archive/ 是空的）
verify-nothing-no-folder = 無須驗證：尚未發布任何一期（沒有 archive/ 資料夾）
verify-head = 最新版本 { $period } v{ $version } { $hash }
history-not-published = { $file } 尚未發布
diff-two-series = `{ $file }` 和 `{ $other }` 分屬兩個系列：`{ $series }` 和 `{ $other_series }`
diff-two-series-help = `diff` 比較同一系列的兩個數字檔案（或一個檔案與其已發布的版本）
diff-not-published = { $file } 尚未發布：沒有可供比較的版本
diff-not-published-other = 如要與另一個數字檔案比較：bulletin diff { $file } 另一個檔案
diff-no-figure = 沒有數字變動
diff-figures = 數字：
diff-no-sentence = 沒有句子變動
diff-sentences = 句子：

## 新增一期

new-date-help = 請按 YYYY-MM-DD 格式填寫日期
new-last-year-errors = 未填入去年同期（{ $date }）的數字：該檔案有錯誤
new-wrote = 已根據 { $from } 寫入 { $path }
new-missing-none = { $date } 的檔案中沒有這個數字
new-missing-errors = { $date } 的檔案有錯誤
new-missing-no-file = 沒有 { $date } 的數字檔案
new-every-other = 其餘數字：暫與 { $from } 相同，請填入本期數字
new-then-check = 之後執行 `bulletin check { $path }` 可查看還有哪些要做
new-usage-help = 請給出本期日期：`bulletin new { $series } YYYY-MM-DD`
new-no-period = 系列 `{ $series }` 沒有定義週期，`new` 需要給出日期
new-declare-period-help = 或在 `{ $path }` 中定義週期（`period: month`、`quarter` 或 `year`），`new` 就會新增下一期
new-no-file = 系列 `{ $series }` 沒有可作起點的數字檔案
new-first-by-hand-under = 請在 `{ $path }` 下手動編寫第一個檔案
new-no-next = `{ $file }` 之後沒有下一{ $period ->
        [month] 月
        [quarter] 季
        [year] 年
       *[other] 期
    }
new-proposed = （{ $latest } 的下一{ $period ->
        [month] 月
        [quarter] 季
        [year] 年
       *[other] 期
    }）
new-no-file-before = 系列 `{ $series }` 在 { $date } 之前沒有可作起點的數字檔案
new-first-by-hand-as = 請手動編寫第一個檔案 `{ $path }`
new-filled = { $figure }：{ $value }，取自 { $date } 檔案中的去年同期數字
new-emptied = { $figure }：留空（{ $missing }）：請填入去年同期數字

## 字型

fonts-not-installed = 未安裝
fonts-lacks = 缺少 { $sample }
fonts-lacks-many = 缺少 { $count } 個字，如 { $sample }
fonts-no-font-has = 沒有字型含有 { $character }，{ $role } 文字需要它
fonts-no-font-has-many = { $role } 文字需要的 { $count } 個字沒有字型含有，如 { $character }
fonts-tried-one = { $family }（{ $why }）
fonts-fallback-lacks = { $family }（後備字型，同樣缺少）
fonts-is-here = { $character } 在此處
fonts-in-the-text = { $character } 出現在正文中：{ $line }
fonts-all-of-them = 全部：{ $all }
fonts-none = 無
fonts-tried = 已嘗試的字型：{ $tried }
fonts-install-help = 請安裝含有這些字的字型，或在 series.yaml 的 `font_fallback` 下列出一種
fonts-no-roles = { $series }：未定義字型用途（由版式決定）
fonts-file-not-counted = （未計入其文字：{ $path } 有錯誤，可用 `bulletin check` 查看）
fonts-passed-over = 未選 { $family }：{ $why }
fonts-missing = 沒有字型含有：{ $missing }
fonts-stand-in = 以{ $style }體代替{ $wanted }；可用於此用途的字型：
fonts-none-parenthesised = （無）
fonts-none-installed = （均未安裝）
fonts-weight-nearest = ，字重 { $weight }（該字型沒有此字重：使用最接近的）
fonts-weight = ，字重 { $weight }
fonts-no-bold = （無粗體：粗體文字用標題字型）
fonts-edition-heading = { $series }（{ $edition }）：

## 網站、預覽、新系列

site-up-to-date = 網站已是最新
serve-not-loopback = 正在 { $host } 上監聽：其他電腦也能看到這些草稿（預設是 127.0.0.1，僅本機可見）
serve-serving = 預覽網址 http://{ $address }/（按 Ctrl-C 停止）
series-built-in = 版式（GB/T 9704）和網頁樣式表用內建的；`bulletin build` 產製全部輸出
exists-already = `{ $path }` 已經存在
series-exists-help = 一個系列只新增一次；請換一個名稱，或編輯已有的系列
series-no-clock = 系統時鐘給不出日期
series-bad-name = `{ $name }` 不能用作系列名稱
series-bad-name-help = 請用小寫 ASCII 字母、數字、`-` 和 `_`，以字母開頭（如 `city-crime`、`air2024`）
stdout-failed = 無法寫入標準輸出：{ $reason }

## 與上一期比較

compare-fell = { $label }從 { $from } 降到了 { $to }
compare-fell-here = 這裡 `{ $group }.{ $field }` 為 { $after }
compare-fell-before = 上一期為 { $before }
compare-fell-note = 本系列從 1 月 1 日起累計（`cumulative: year`），數字不會下降
compare-fell-help = 請改正兩者中有誤的一個
compare-tenfold = { $label }從 { $from } 變為 { $to }，相差十倍以上
compare-tenfold-label = 是否多打了一個 0？
compare-earlier-period = 上一期
compare-tenfold-help = 如數字無誤，請加 `--accept { $group }.{ $field }` 發布
compare-unchanged = 所有數字都與 `{ $path }` 相同
compare-this-file = 本檔案
compare-unchanged-copied-help = 是否從上一期複製了檔案但還沒有修改？
compare-unchanged-accept-help = 如數字無誤，請加 `--accept unchanged` 發布

## 發布：拒絕的情形

publish-waiting = `{ $file }` 的另一次發布
io-waiting = 正在等待{ $waiting }（`{ $path }` 已被鎖定）
publish-accept-none-help = 此檔案沒有這樣的警告：發布時不必加 `--accept`
publish-accept-known-help = 此檔案的警告：{ $names }
publish-accept-unknown = `--accept { $names }`：`{ $file }` 沒有這樣的警告
publish-guarded = `{ $file }` 未發布：其中可能有輸入錯誤（見上面的 { $count } 則警告）
publish-guarded-note = 數字比上一期大或小十倍以上，或所有數字都與上一期相同，通常是輸入錯誤
publish-guarded-help = 請改正數字檔案；如所有數字都無誤，請加 `--accept { $names }` 發布
publish-reworded = `{ $file }` 的文字與 v{ $version } 不同，但沒有說明原因
publish-reworded-help = 如要作為文字更正發布：`bulletin publish { $file } --reason "…"`；如要保留 v{ $version }，請復原變動
publish-reason-needed = 更正需要說明原因：請用 `--reason` 說明哪裡有誤
publish-reason-empty = 原因為空
publish-reason-lines = 原因超過一行
publish-reason-control = 原因中有控制字元
publish-reason-long = 原因超過 { $max } 個字
publish-reason-help = 只寫一行，如 `--reason "食品類案件數錄入有誤"`；它會印在更正說明中
publish-epoch-not-time = SOURCE_DATE_EPOCH 為 `{ $value }`，不是時間
publish-epoch-help = 它是自 1970 年起以秒計的發布時間（`SOURCE_DATE_EPOCH=1573869600`）；或取消設定，以目前時間發布
publish-time-before = 發布時間 { $time } 早於 v{ $version } 的發布時間 { $before }
publish-time-help = 請檢查本機時鐘，或已設定的 `SOURCE_DATE_EPOCH`

## 專案與檔案

project-not-a-project = `{ $path }` 不是 bulletin 專案：其中沒有 `templates/` 資料夾
project-not-a-project-help = 請指定含有 `templates/` 和 `data/` 的資料夾
project-none = `{ $path }` 及其上層資料夾中都沒有 bulletin 專案
project-none-help = 請在含有 `templates/` 和 `data/` 的資料夾中執行 bulletin，或用 `--root` 指定
project-not-a-figure-file = `{ $path }` 不是本專案的數字檔案
project-figure-files-live = 數字檔案應放在 `data/<系列>/<as_of>.yaml`
project-capital-extension = 未讀取 `{ $path }`：數字檔名應以 `.yaml` 結尾
project-rename = 請改名為 `{ $path }`
project-backslash = 系列 `{ $series }` 的名稱中有反斜線
project-backslash-help = Typst 路徑中不能有反斜線；請重新命名 `data/<系列>` 和 `templates/<系列>` 資料夾
project-twins = { $stem } 這一期有兩個數字檔案：`{ $yaml }` 和 `{ $yml }`
project-twins-help = 請只保留其中一個；每期只有一個數字檔案
project-left-out = 已略過此檔案；其他數字檔案不受影響
project-link = `{ $path }` 是符號連結
project-link-help = bulletin 只讀取專案內的一般檔案，不經由連結讀取
snapshot-no-template-folder = 系列 `{ $series }` 沒有範本資料夾
snapshot-create-folder = 請新增 `{ $path }/`，放入 `series.yaml` 和 `bulletin.md`
snapshot-no-file = 系列中沒有 `{ $name }`
snapshot-create-file = 請新增 `{ $path }`
snapshot-not-a-folder = `{ $path }` 不是資料夾
snapshot-not-a-folder-help = 系列的範本應放在專案內真實的資料夾中，不能經由連結
snapshot-utf16 = `{ $path }` 的編碼是 { $encoding }
snapshot-save-utf8 = 請另存為 UTF-8 編碼（記事本：另存新檔，編碼選 UTF-8）
snapshot-not-utf8 = 檔案不是有效的 UTF-8 編碼
snapshot-this-byte = 這個位元組
snapshot-gbk = 它似乎是以 GBK（GB2312、GB18030）編碼儲存的，即中文 Windows 的編碼
snapshot-nul = 檔案中有 NUL 字元
snapshot-nul-help = 文字檔中不應有 NUL 位元組；請刪除（檔案是否存成了 UTF-16？）
snapshot-control = 檔案中有控制字元（{ $code }）
snapshot-invisible-here = 在此處，看不見
snapshot-control-help = 請刪除；文字檔中只應有文字、數字、標點、空格、定位字元和換行

## 預覽

preview-title = bulletin 預覽
preview-has-errors = （有錯誤）
preview-all-files = 全部檔案
preview-pdf-note = （最近一次成功產製的，在瀏覽器中檢視）
preview-typst-source = Typst 原始檔
preview-web-page = 網頁
preview-refused-host = 已拒絕：本預覽只在 `bulletin serve` 給出的網址上回應
preview-refused-path = 已拒絕：不是本預覽的路徑
preview-not-found = 找不到
serve-not-an-ip = `{ $host }` 不是 IP 位址
serve-not-an-ip-help = 如 127.0.0.1 或 ::1
serve-cannot-listen = 無法在 { $address } 上監聽：{ $reason }
serve-cannot-listen-port = 無法在 { $address } 上監聽：{ $reason }（連接埠 { $port } 上是否已有另一個 `bulletin serve`？）
serve-cannot-listen-help = 請用 `--port` 換一個連接埠，或不加此項，自動選用空閒連接埠
serve-cannot-watch-project = 無法監看專案：{ $reason }
serve-cannot-watch = 無法監看 `{ $path }`：{ $reason }
serve-stopped = 預覽已停止：{ $reason }

## 產製：流程

workspace-series-skipped = 已略過：系列 `{ $series }` 的範本有錯誤（見上文）
build-thread-stopped = 一個產製執行緒提前停止了
build-out-real-folder = 輸出只寫入專案中真實的 `out/` 資料夾
build-waiting = `{ $path }` 的另一次產製

## 命令列

cli-usage = 用法：
cli-commands = 命令：
cli-arguments = 引數：
cli-options = 選項：
cli-help = 顯示說明
cli-version = 顯示版本
cli-value-separator = 、
cli-possible-value = `{ $name }`（{ $help }）
cli-possible-values = 可選值：{ $values }。
cli-default = 預設值：`{ $value }`。
cli-env = 環境變數：`{ $name }`。
cli-lang-values = 應為 `zh-Hans`、`zh-Hant` 或 `en`
cli-error-invalid-value = `{ $value }` 不是 `{ $arg }` 可取的值
cli-error-unknown-argument = 無法識別的引數 `{ $arg }`
cli-error-unknown-command = 沒有 `{ $command }` 這個命令
cli-error-missing = 缺少必要的引數：{ $args }
cli-error-conflict = `{ $arg }` 不能與 `{ $other }` 同時使用
cli-error-no-command = 沒有給出命令
cli-error-other = 無法理解此命令列
cli-error-valid-values = 可取的值：{ $values }
cli-error-at-least = 應為不小於 { $low } 的整數
cli-error-range = 應為 { $low } 到 { $high } 之間的整數
cli-error-more = 加上 `--help` 可查看該命令的用法
cli-about = 根據數字檔案和範本產製宣傳部門的新聞通報（Markdown、HTML 和存檔用 PDF）。
cli-build = 將數字檔案產製為 out/<系列>/<as_of>.md、.html 和 .pdf。
cli-check = 檢查數字檔案和範本，不寫入任何檔案。
cli-publish = 將數字檔案發布為 archive/ 中該期的下一個版本。
cli-verify = 重新計算存檔的雜湊值，回報與清單不符的每個檔案。
cli-diff = 顯示兩個數字檔案之間（或數字檔案與其最新發布版本之間）不同的數字和句子。
cli-history = 列出某一期已發布的各個版本。
cli-fonts = 顯示每個系列的每種字型用途選定了哪個字型，以及排在前面的字型為何未選。
cli-serve = 在瀏覽器中預覽數字檔案，檔案一儲存即重新產製。
cli-new = 新增一期：根據該系列最新的數字檔案寫出 data/<系列>/<日期>.yaml，填好 `as_of` 和去年同期數字。
cli-series = 新增一個系列：附註解的 templates/<名稱>/series.yaml 和 bulletin.md，使用內建版式和樣式表，並附第一個可產製的數字檔案。
cli-series-new = 寫出 templates/<名稱>/series.yaml 和 bulletin.md（附註解）及第一個數字檔案 data/<名稱>/<日期>.yaml；版式和樣式表用內建的。
cli-site = 將網站寫入 out/：所有系列的索引，以及每個系列的頁面和 Atom 訂閱源，列出每期的最新發布版本。
cli-root = 專案資料夾（含 `data/` 和 `templates/`）；預設：從目前資料夾往上找到的第一個含 `templates/` 的資料夾。
cli-time-limit = 一個範本產製一份通報最多可用的秒數；逾時即停止，並作為該數字檔案的錯誤回報。
cli-lang = 本工具使用的語言：`zh-Hans`、`zh-Hant` 或 `en`（預設依 LC_ALL、LC_MESSAGES 或 LANG 的地區設定：zh_CN、zh_SG 為簡體，zh_TW、zh_HK、zh_MO 為繁體，其他為英文）。
cli-show-keys = 在每則診斷的級別後顯示其鍵名（如 `error[rule-broken]`），各語言相同。
cli-font-paths = 另行尋找字型的資料夾，先於系統字型。
cli-ignore-system-fonts = 只用專案的 `fonts/` 資料夾和 `--font-path` 指定的資料夾，不用系統已安裝的字型（這樣新裝字型不會改變結果）。
cli-build-files = 要產製的數字檔案（預設：data/ 下所有 *.yaml）。
cli-build-format = 另外寫出這些格式（`typ`：產製的 Typst 原始檔，放在 PDF 旁邊）。
cli-build-without = 不寫出這些格式（`docx`、`fragment`、`html`、`pdf`；Markdown 一律寫出）。
cli-build-jobs = 同時產製的檔案數（預設：每個處理器核心一個）。
cli-build-force = 重新產製所有檔案，包括輸入沒有變動的。
cli-build-edition = 只產製這些版本（series.yaml 中 `editions` 的語言標記，如 `zh-Hans`）；預設：全部。
cli-check-files = 要檢查的數字檔案（預設：data/ 下所有 *.yaml）。
cli-publish-file = 要發布的數字檔案。
cli-publish-reason = 發布此版本的原因（更正時：哪裡有誤）。
cli-publish-accept = 即使這些數字與上一期相比像是輸入錯誤也照樣發布（如 `food.cases` 大了十倍；所有數字都與上一期相同時用 `unchanged`）：記入該版本的清單。
cli-verify-rebuild = 同時根據存檔的輸入重新產製每個版本，並逐位元組比較。
cli-verify-print-head = 顯示每期的最新版本及其清單的 SHA-256，供另行記錄（登記簿、簽章郵件）並日後核對，歷史若遭改寫即可發現。
cli-diff-file = 較早的數字檔案（如只給一個，則與其最新發布版本比較）。
cli-diff-other = 較晚的數字檔案。
cli-history-file = 該期的一個數字檔案。
cli-serve-files = 要預覽的數字檔案（預設：data/ 下所有數字檔案，隨檔案增減而變）。
cli-serve-port = 監聽的連接埠（預設：一個空閒連接埠，啟動時顯示）。
cli-serve-host = 監聽的位址；除預設的本機迴路位址外，其他位址都會讓別的電腦看到草稿。
cli-new-series = 系列（即 templates/ 和 data/ 下的資料夾名）。
cli-new-date = 本期日期，格式為 YYYY-MM-DD（預設：對定義了 `period: month`、`quarter` 或 `year` 的系列，取最新一期之後那一期的最後一天）。
cli-series-new-name = 系列名稱：即 templates/ 和 data/ 下的資料夾名（小寫 ASCII 字母、數字、`-` 和 `_`）。
cli-series-new-script = 範本所用的文字：`zh-Hans`（簡體）或 `zh-Hant`（繁體）；另一種文字為第二版本。
cli-site-drafts = 同時列出已產製到 out/ 但從未發布的各期，標為草稿（不進入訂閱源）。
cli-format-md = Markdown 格式的通報。
cli-format-html = 網頁。
cli-format-fragment = 僅正文，供內容管理系統使用。
cli-format-pdf = PDF 檔案。
cli-format-docx = Word 檔案。
cli-format-typ = 產製的 Typst 原始檔。

## 驗證存檔

archive-tampered = 存檔中只應有真實的資料夾；它可能遭人改動
archive-version-not-folder-help = 已發布的版本是一個資料夾；存檔可能遭人改動
verify-cannot-read = 無法讀取存檔：{ $reason }
verify-stray = `{ $path }` 不應出現在存檔中
verify-stray-note = 存檔中每個系列一個資料夾，其中每期一個資料夾
verify-interrupted = 一次中斷的發布留下了 `{ $path }`；該期下次發布時會將其刪除
verify-stray-in-period-note = 每期的資料夾中只有各個版本 v1、v2……，別無他物
verify-version-missing = 缺少 `{ $path }`
verify-version-missing-note = 版本從 v1 起連續編號；有一個遭刪除或改名
verify-nothing = 無
verify-chain = `{ $manifest }` 與 `{ $later }` 中的紀錄不符
verify-chain-note = 其 SHA-256 為 { $actual }；v{ $version } 記錄的是 { $recorded }
verify-chain-help = 較早版本的紀錄在較晚版本發布之後遭改動
verify-moved = `{ $path }` 中是 `{ $home }` 的清單
verify-moved-help = 版本資料夾不會被複製或改名；存檔可能遭人改動
verify-file-missing = 存檔中缺少 `{ $path }`
verify-not-in-manifest = `{ $path }` 不在其清單中
verify-mismatch = `{ $path }` 與其清單不符
verify-mismatch-note = 其 SHA-256 為 { $actual }，清單記錄的是 { $recorded }
verify-other-tool = `{ $path }` 由 { $tool } 而非 { $this } 產製：只核對了檔案，未重新產製
verify-rebuild-differs = 根據輸入重新產製的 `{ $path }` 與原檔案位元組不同
verify-fonts-changed = 這些字型不是該版本排版時所用的檔案：{ $fonts }
verify-before-publishing = 未發布：`{ $path }` 中已不是當初發布的內容，而更正要以它為基礎
verify-before-publishing-help = 請用單位的備份還原存檔（`bulletin verify` 會列出所有問題），然後再發布
verify-record-differs = `{ $path }` 與其版本的紀錄和輸入所產製的不同
verify-record-differs-note = `{ $manifest }` 或其旁的輸入在發布後遭改動

## 網站

site-nothing = 沒有可列出的內容：所有系列都還沒有發布任何一期
site-nothing-help = 請用 `bulletin publish 檔案` 發布一期，或用 `bulletin site --drafts` 列出草稿
site-waiting = `{ $path }` 的另一次產製或網站寫入
site-not-an-output = `{ $manifest }` 列出了 `{ $path }`，但它不是該期的輸出
site-verify-help = `bulletin verify` 可驗證存檔
site-not-as-published = out/ 中不是以 `{ $path }` 發布的檔案
site-replaced = 此後遭替換的：{ $files }
site-missing = 缺少：{ $files }
site-links-note = 網站連結的是發布時放入 out/ 的檔案，即提供 out/ 的網站伺服器所能找到的檔案
site-build-help = `bulletin build { $figure }` 可放回已發布的檔案（變動的草稿放入 `drafts/`）
feed-bad-time = 系列 `{ $series }` 的發布時間 `{ $time }` 不是有效時間：{ $reason }
feed-cannot-write = 無法寫出 `{ $series }` 的訂閱源：{ $reason }

## 範本：檢查發現的問題

lint-space = 漢字之間有空格
lint-space-label = 請刪除（GB/T 15834）
lint-half-width = 漢字之間用了半角的 `{ $mark }`
lint-half-width-label = 請寫作 `{ $full }`（GB/T 15834）
lint-typed-number = 範本中直接寫了數字 { $number }
lint-typed-number-label = 這一期對，下一期就錯了
lint-year-help = 請從本期日期取年份：`{"{{"} as_of | date(style="year") {"}}"}`
lint-figure-help = 請從數字檔案中取：即 series.yaml 中分組的欄位，寫作 `{"{{"} figures.分組.欄位 {"}}"}`
lint-literal-help = 如果每一期的正文都是這個數，請在 series.yaml 中列出：`literals: ["{ $literal }"]`
lint-invisible = { $file } 含有不可見字元 { $code }
lint-invisible-label = 請刪除：讀者看不見，檢索卻會碰到
lint-division = 範本中有除法
lint-division-label = 這會產生浮點數
lint-division-help = 比例、平均數或變化請用 `ratio`、`share`、`mean` 或 `change(prior=…)` 精確表述
lint-power = 範本中有乘方
lint-power-label = 負數次方會產生浮點數
lint-power-help = 請乘以整數，或把數字放進數字檔案
lint-decimal = 範本中有小數
lint-decimal-label = Tera 會把它當作浮點數
lint-decimal-help = 請把數字作為 `decimal:N` 欄位放進數字檔案

## 可安裝的字型

face-fzxiaobiaosong = 方正小標宋 FZXiaoBiaoSong-B05（需向方正購買授權）
face-no-free-xiaobiaosong = 沒有免費字型是這種字形：以粗宋體代替
face-fangsong-licensed = 仿宋_GB2312 或 FangSong（需授權，隨 Windows 和辦公軟體提供）
face-cwtex-fangsong = cwTeX 仿宋（免費：apt-get install fonts-cwtex-fs；只有繁體字）
face-zhuque = 朱雀仿宋 Zhuque Fangsong（免費，SIL Open Font License）
face-kai-licensed = 楷體_GB2312 或 KaiTi（需授權，隨 Windows 和辦公軟體提供）
face-ukai = AR PL UKai（免費：apt-get install fonts-arphic-ukai）
face-lxgw = 霞鶩文楷 LXGW WenKai（免費，SIL Open Font License）
face-simhei = SimHei 黑體（需授權，隨 Windows 提供）
face-noto-sans = Noto Sans CJK（免費：apt-get install fonts-noto-cjk）
face-simsun = SimSun 宋體（需授權，隨 Windows 提供）
face-noto-serif = Noto Serif CJK（免費：apt-get install fonts-noto-cjk）
style-xiaobiaosong = 小標宋
style-fangsong = 仿宋
style-kai = 楷
style-hei = 黑
style-song = 宋
preview-edition-label = 版本：
preview-edition = { $tag ->
        [zh-Hans] 簡體
        [zh-Hant] 繁體
       *[other] { $tag }
    }

## 檔案的種類

io-too-large = `{ $path }` 有 { $size } 位元組，作為{ $what }太大（最多 { $limit } 位元組）
io-a-link = 符號連結
io-a-folder = 資料夾
io-a-fifo = 具名管道
io-a-socket = 通訊端
io-a-device = 裝置檔案
io-not-regular = 不是一般檔案
io-special = `{ $path }` 是{ $is }，不是{ $what }
what-stamps-file = 產製紀錄檔案
what-template-file = 範本檔案
what-figure-file = 數字檔案
what-site-page = 網站頁面
what-published-file = 已發布的檔案
what-built-file = 已產製的檔案
what-archived-file = 存檔檔案
what-input = 輸入檔案
what-manifest = 清單
manifest-not-utf8 = `{ $path }` 不是 UTF-8 編碼
manifest-invalid = `{ $path }` 不是有效的清單
period-no-as-of = 最新的數字檔案中沒有可作起點的 `as_of`
period-expected-as-of = 應有 `as_of: …`
period-exists-help = 每期的數字檔案只新增一次；請編輯已有的檔案
http-too-large = 已拒絕：請求標頭超過 16 KiB
http-not-http = 已拒絕：不是 HTTP 請求
http-only-get = 已拒絕：預覽只顯示頁面，不接受上傳或修改
http-has-body = 已拒絕：請求頁面時不應帶有本文
http-too-slow = 請求超過 5 秒仍未到達；請重新載入頁面
http-busy = 忙碌中：同時請求過多；請稍後重新載入頁面
preview-busy-pages = 忙碌中：本預覽已開啟 32 個頁面；請關閉一些，再重新載入本頁

## 範本：產製

template-title = `{ $file }` 的標題為空或超過一行
template-this-title = 此標題
template-title-declared = 標題定義在 `{ $path }` 中
template-here = 此處
template-in = 在範本 `{ $name }` 中
template-error = 範本有誤：{ $message }
template-error-rendering = 產製 `{ $file }` 時範本出錯：{ $message }
tera-unknown-filter = 沒有名為 `{ $name }` 的篩選器
tera-unknown-test = 沒有名為 `{ $name }` 的測試
tera-unknown-function = 沒有名為 `{ $name }` 的函式
tera-unknown-component = 沒有名為 `{ $name }` 的元件
tera-unexpected-end = 範本已結束，但仍有標籤沒有閉合（是否 `{"{"}% if %{"}"}` 缺少 `{"{"}% endif %{"}"}`？）
tera-unexpected-character = 範本的此處不能用這個字元
tera-unknown-tag = 未知的標籤
tera-undefined-variable = 變數 `{ $name }` 未定義
tera-undefined-field = 沒有欄位 `{ $name }`
tera-available = 可用的有：{ $names }
tera-closing-mismatch = 結束標籤 `{ $closing }` 與開始標籤 `{ $opening }` 不配對
tera-not-iterable = 不能對 `{ $kind }` 型別的值做迴圈
tera-missing-argument = 缺少引數 `{ $name }`
tera-other = 範本無法讀取或產製
tera-expected-end = 此處是{ $found }，應為 `elif`、`else` 或 `endif`
tera-found-expected = 此處是{ $found }，應為{ $expected }
tera-token-content = 正文
tera-token-comment = 註解
tera-token-name = 名稱
tera-token-string = 字串
tera-token-number = 數字
tera-token-bool = `true` 或 `false`
tera-token-or = { $first } 或 { $last }
typst-link-made-by = 該連結由系列的版式（`layout.typ`）產生
typst-too-long = 排版 `{ $file }` 超過 { $seconds } 秒，已停止
typst-too-long-help = 系列的 `layout.typ` 中有迴圈執行過久；時限用 `--time-limit 秒數` 設定
typst-cannot-compile = 無法編譯 `{ $path }`：{ $reason }
typst-said = Typst 排版：{ $message }
typst-hint = 提示：
verify-no-figure-file = 清單中沒有列出數字檔案
publish-no-version-left = 版本號已用盡
filter-places = `places={ $n }`：小數位數最多 { $max } 位
filter-the-filter = `{ $name }` 篩選器
filter-the-function = `{ $name }` 函式
filter-takes-nothing = 不接受任何引數
filter-takes-only = 只接受 { $names }
filter-takes = { $what }不接受 `{ $key }`：它{ $takes }
filter-option = `{ $filter }` 篩選器的 `{ $name }` 應為{ $what }，實際為{ $found }
filter-option-flag = `{ $filter }` 篩選器的 `{ $name }` 應為 `true` 或 `false`，實際為{ $found }
filter-expected = `{ $filter }` 篩選器應得到{ $what }，實際為{ $found }
filter-found-none = 空值（缺少的數字）
filter-found-text = 文字 `{ $text }`
filter-found-kind = { $kind ->
        [array] 一個列表
        [map] 一組鍵值
        [bool] `true` 或 `false`
        [string] 文字
        [undefined] 未定義的值
       *[other] 一個數字
    }
filter-found-nothing = 什麼也沒有
filter-what-yuan = 以元為單位的整數，如 `{ $example }`
filter-what-number = 數字
filter-what-percent = 百分比，如 `{ $example }`
filter-what-numeral = 0 到 999999999999 之間的整數
filter-what-number-like = 數字，如 `{ $example }`
filter-what-prior-percent = 百分比作為 `prior`
filter-what-prior-number = 數字作為 `prior`
filter-what-date = 日期，如 `as_of`
filter-number-auto = `number` 篩選器接受 `unit="萬"` 或 `"億"`，不接受 `auto`
filter-numerals = 未知的數字寫法 `{ $other }`，應為 `arabic` 或 `chinese`
filter-numeral-style = 未知的樣式 `{ $other }`，應為 `number`、`ordinal` 或 `digits`
filter-int-not-whole = `{ $number }` 不是整數；請用 `number(places=0)` 取整
filter-float = `{ $name }` 篩選器會讓數字經過浮點運算；請用帶 `places` 的 `number`、`percent` 或 `amount`
filter-ratio-operand = `ratio` 函式需要 `a` 和 `b` 兩個數字，如 `ratio(a=figures.air.good_days, b=figures.air.days)`；`{ $name }` 實際為{ $found }
filter-ratio-per = `ratio` 函式的 `per` 應為 100（百分比）、1 或其他大於 0 的整數
filter-ratio-divides = `ratio` 函式以 `b` 為除數
filter-share-of = `share` 篩選器需要 `of`，即總數，如 `of=totals.cases`；實際為{ $found }
filter-share-divides = `share` 篩選器以 `of` 為除數
filter-points-too-large = `points` 篩選器：數字過大，無法相減
filter-divides-by-zero = { $what }，而它是 0；為 0 時請略去這句話：`{"{"}% if … %{"}"}`
list-what-attribute = 記錄中某個欄位的名稱，如 `attribute="aqi"`
list-what-list = 列表，如 `list` 欄位的記錄
list-what-records-with = 帶有欄位 `{ $attribute }` 的記錄
list-no-field = `{ $filter }` 篩選器：第 { $record } 筆記錄沒有欄位 `{ $attribute }`
list-orders = `{ $filter }` 篩選器只能為數字或文字排序；第 { $item } 項是{ $found }
list-what-then = 決定並列者先後的欄位名稱，如 `then="name"`
list-what-method = `competition` 或 `dense`
list-rank-method = `rank` 篩選器需要 `method="competition"`（並列者名次相同，下一名跳過：1、1、3）或 `method="dense"`（1、1、2）
list-rank-method-not = `rank` 篩選器需要 `method="competition"`（並列者名次相同，下一名跳過：1、1、3）或 `method="dense"`（1、1、2），而不是 `{ $other }`
list-rank-attribute = `rank` 篩選器需要 `attribute`，即據以排名的欄位
list-rank-absent = `rank` 篩選器：第 { $record } 筆記錄的 `{ $attribute }` 是空值（缺少的數字），無法排名
list-what-records = 記錄
list-rank-taken = `rank` 篩選器：第 { $record } 筆記錄已有欄位 `{ $field }`，排名會把它蓋住
list-value = 值
list-none-help = ；請先略去這樣的記錄：`select(attribute="{ $attribute }", op="!=", value=none)`
list-expects-numbers = `{ $filter }` 篩選器需要數字；第 { $item } 項的{ $name }是{ $found }{ $help }
list-empty = `{ $filter }` 篩選器得到的是空列表
list-sum-too-large = `{ $filter }` 篩選器：合計過大，無法精確計算
list-mean-places = `mean` 篩選器需要 `places`，如 `mean(places=1)`
list-select-attribute = `select` 篩選器需要 `attribute`，即要檢驗的欄位
list-ops = `op=">"`、`">="`、`"<"`、`"<="`、`"=="` 或 `"!="`，並給出 `value=…` 或 `field=…`
list-changes = `change="rose"`、`"fell"` 或 `"unchanged"`，並給出 `prior=`，即上期數字的欄位
list-select-op-not = `select` 篩選器的比較應為 { $ops }，而不是 `op="{ $op }"`
list-select-one-of-two = `select` 篩選器的比較應為 { $ops }：二者取其一
list-select-change-not = `select` 篩選器檢驗變化應為 { $changes }，而不是 `change="{ $change }"`
list-select-change = `select` 篩選器檢驗變化應為 { $changes }
list-select-condition = `select` 篩選器需要一個條件：{ $ops }；或 { $changes }
list-select-compare = `select` 篩選器只比較數字，`==` 和 `!=` 也可比較文字；第 { $record } 筆記錄給出的是{ $left }和{ $right }
list-what-sep = 名稱之間的符號，如 `sep="、"`
list-what-last = 最後一個名稱前的詞，如 `last="及"`
list-what-names = 名稱（文字）或數字
render-in-edition = 在 { $edition } 版本中
budget-range-step-zero = 呼叫 `range` 時用了 `step_by=0`
budget-range-too-long = `range` 會產生 { $length } 個數字；範本一次最多迴圈 { $max } 次
typst-pdf-standard = PDF 標準設定有誤：{ $reason }
pdf-line-loose = `{ $file }`：{ $edition } PDF 第 { $page } 頁有一行字間拉開了一個字寬的 { $percent }%（不應超過 5%）：「{ $line }」
pdf-line-loose-help = 通常是因為這一行後面的日期、帶單位的數字或段末兩字不能拆開，又排不進這一行；在這句話裡增減一兩個字，這一行大多就能排緊
pdf-notice-of-edition = { $edition } 更正說明
docx-cannot-write = 無法寫出 Word 檔案：{ $reason }
template-link-refused = 不允許連結到 `{ $target }`
link-help = 通報只能連結到網頁（`http:`、`https:`）、電子郵件地址（`mailto:`）和本網站的路徑
template-this-link = 此連結
template-link-made-by = 該連結由範本 `{ $name }` 產生
template-stopped-rendering = 範本 `{ $name }` 產製 `{ $file }` 時{ $what }；已停止
template-stopped = 範本 `{ $name }` { $what }；已停止
template-stopped-here = 在此處停止
template-too-long-help = 範本中的迴圈執行過久；時限可用 `--time-limit 秒數` 設定
template-too-much-help = 範本中的迴圈寫出的內容遠超任何通報的篇幅
budget-time = 耗時超過 { $seconds } 秒
budget-output = 寫出超過 { $megabytes } MB

## 系列的結構定義（series.yaml）

schema-invalid = 系列結構定義有誤：{ $message }
schema-at = `{ $path }`：{ $message }
serde-unknown-field = 沒有 `{ $field }` 這一項，應為以下之一：{ $expected }
serde-unknown-variant = 不能取 `{ $variant }`，應為以下之一：{ $expected }
serde-missing-field = 缺少 `{ $field }` 一項
serde-duplicate-field = `{ $field }` 寫了兩次
serde-invalid-type = 應為{ $expected }，實際為{ $found }
serde-invalid-value = 應為{ $expected }，實際為{ $found }
serde-invalid-length = 應為{ $expected }，實際有 { $length } 項
serde-found-text = 文字「{ $text }」
serde-found-number = 數字 { $number }
serde-found-boolean = `{ $value }`
serde-expected-text = 文字
serde-expected-whole-number = 整數
serde-expected-boolean = `true` 或 `false`
schema-kind-needs-places = `{ $word }` 需要寫明小數位數，如 `{ $word }:2`
schema-kind-places = `{ $word }:{ $arg }`：小數位數應為 0 到 { $max } 之間的整數
schema-kind-no-arg = `{ $word }` 後面不能帶 `:{ $arg }`
schema-kind-text-length = `text:{ $arg }`：長度應為字數（整數），如 `text:300`
schema-kind-unknown = 未知的欄位類型 `{ $name }`，應為 `count`、`money`、`signed`、`decimal:N`、`percent:N`、`text`、`text:N` 或 `date`（選填欄位加 `?`），或列表 `{"{"}list: {"{"}…{"}"}{"}"}`
schema-expect-field-kind = 欄位類型，如 `count` 或 `percent:2?`，或帶 `kind` 或 `list` 的一組鍵值
schema-list-only = `min`、`max`、`key` 和 `optional` 只用於列表；選填欄位請在類型後加 `?`
schema-list-nested = 列表的記錄中不能再含列表
schema-list-min-max = 列表至少 { $min } 筆、至多 { $max } 筆記錄，下限大於上限
schema-list-key = 鍵 `{ $key }` 不是列表記錄的欄位（記錄的欄位有：{ $names }）
schema-kind-or-list = 欄位要麼有 `kind`，要麼有 `list`
schema-check-unreadable = 無法讀取檢查 `{ $text }`，應為 `欄位 <= 欄位` 的形式（或 <、>=、>、==）
schema-total-too-large = `{ $field }` 的合計過大，無法存放
schema-expect-font = 字型名稱，或帶 `family` 和 `weight` 的一組鍵值
schema-weights = 應為 100、200 … 900，或以下之一：{ $names }
schema-not-weight = `{ $value }` 不是字重：{ $expected }
schema-expect-edition = 語言標記，如 `zh-Hans`，或帶 `lang` 和 `fonts` 的一組鍵值
language-unknown = 未知的語言 `{ $tag }`，應為 `zh-Hant` 或 `zh-Hans`（可帶地區，如 `zh-Hant-HK`）
format-unknown-unit = 未知的單位 `{ $text }`，應為 `auto`、`萬`、`億` 或 `元`（也可寫 `万`、`亿`）
format-too-large = 數字過大，無法比較
format-division-by-zero = 除數為零
format-unknown-date-style = 未知的日期樣式 `{ $text }`，應為以下之一：{ $names }
schema-expected-lang = 應為 zh-Hant 或 zh-Hans
schema-group-totals = 分組不能命名為 `totals`
schema-group-totals-label = 這是範本中全部合計的名稱
schema-unknown-field = 系列結構定義中提到了未知的欄位 `{ $name }`
schema-no-such-field = 沒有定義這個名稱的欄位
schema-cannot-sum = `{ $name }` 是 { $kind }，無法加總
schema-totals-add-up = 合計只能累加計數和金額
schema-not-a-number = `{ $name }` 是 { $kind }，不是數字
schema-expected-number = 應為存放數字的欄位
schema-total-kind = `{ $field }` 的合計累加了分組 `{ $group }`，而它在該分組中是 { $kind }
schema-rule-kind = 規則 `{ $rule }` 在分組 `{ $group }` 中比較的是 { $kind }
schema-rules-compare-numbers = 規則只比較數字
schema-unknown-group = 系列結構定義中提到了未知的分組 `{ $group }`
schema-no-such-group = 沒有定義這個名稱的分組
schema-total-may-lack = `{ $field }` 的合計累加了分組 `{ $group }`，而該分組可能沒有這個欄位
schema-in-these-totals = 在這些合計中
schema-partial-help = 如果合計只計各分組給出的數字，請在 `totals` 下寫明：`partial: [{ $field }]`
schema-in-this-edition = 在此版本中
schema-edition-fonts-help = 請列出它的字型：`- {"{"}lang: { $lang }, fonts: {"{"}title: […], body: […], …{"}"}{"}"}`
schema-first-edition = 第一個版本應是範本自身的語言 `lang: { $lang }`，而不是 `{ $edition }`
schema-edition-twice = 版本 `{ $edition }` 與 `{ $earlier }` 相同
schema-edition-no-fonts = 版本 `{ $edition }` 用的是另一種文字，卻沒有指定自己的字型：它會用 `{ $lang }` 的字型排版
schema-unknown-role = 未知的字型用途 `{ $role }`
schema-override-nothing = 替換了空詞：`{ $term }`
schema-override-to-nothing = 把詞替換為空：`{ $term }`
schema-protected-and-overridden = 一個詞既受保護又被替換：`{ $term }`
schema-override-label = 請寫出另一版本中該詞的印法
schema-empty-protected = 受保護的詞為空
schema-empty-protected-label = 請寫一個名稱，或刪除此項
schema-partial-not-summed = `partial` 中列出了 `{ $field }`，但合計並不累加它
schema-partial-label = 應為 `totals.fields` 中的一項
schema-label-unknown-field = `field_labels` 中提到了未知的欄位 `{ $field }`
schema-chart-unknown-group = 圖表 `{ $name }` 中提到了未知的分組 `{ $group }`
schema-chart-field = 圖表 `{ $name }` 畫的是 `{ $field }`，但它在這些分組中不是計數或金額
schema-chart-output = 圖表只畫在 `html` 或 `pdf` 中，不能畫在 `{ $output }` 中
schema-in-this-chart = 在此圖表中
schema-in-this-show = 在此 `show` 中
schema-show-unit = { $kind } 欄位不能以單位顯示
schema-show-places = 最多 { $max } 位小數
schema-show-style = { $kind } 欄位沒有可按數字格式顯示的內容
