# bulletin's messages in English.
#
# One message a line: `key = text`, with `{ $name }` where an argument goes. Keep every
# key and every `{ $name }`; the Chinese catalogues (../zh-Hans, ../zh-Hant) have the
# same keys. `tests/catalogue.rs` checks that they stay in step with each other and
# with the code.

## Plumbing: the disk

io-read = could not read `{ $path }`: { $reason }
io-write = could not write `{ $path }`: { $reason }
io-open = could not open `{ $path }`: { $reason }
io-create = could not create `{ $path }`: { $reason }
io-remove = could not remove `{ $path }`: { $reason }
io-lock = could not lock `{ $path }`: { $reason }
io-sync = could not sync `{ $path }`: { $reason }
io-not-found = no such file or directory
io-permission-denied = permission denied
io-already-exists = file exists
io-is-a-directory = is a directory
io-not-a-directory = not a directory
io-storage-full = no space left on device
io-read-only = read-only file system

## How diagnostics print

diag-line-too-long = at { $place } (a line too long to show): { $label }
diag-more-not-shown = { $count } more problems in `{ $path }` not shown
diag-internal-error = internal error while building `{ $path }`: { $text }
diag-internal-error-help = this is a bug in bulletin, please report it with the file that caused it

## Building and checking

wrote = wrote { $path }
build-summary = built { $built }, skipped { $skipped }, failed { $failed } in { $seconds } s
build-stand-ins = fonts: set in a face of another style: { $roles }; `bulletin fonts` names faces that would fill them
build-published-unchanged = `{ $file }` is published (v{ $version }); its inputs changed since, but no sentence reads differently: there is nothing to correct, and `{ $out }/` still holds v{ $version }
build-published-changed = `{ $file }` is published (v{ $version }) and its inputs changed since: the draft is in `{ $drafts }/`; `{ $out }/` still holds v{ $version }
build-draft-sentences = sentences:{"\u000A"}{ $sentences }
build-draft-publish-help = to publish the change as a correction: `bulletin publish { $file } --reason "…"`
build-draft-keep-help = to keep v{ $version }, undo the change; `bulletin diff { $file }` shows it
check-ok = ok { $file }
check-not-converted = { $edition }: not converted by the dictionaries: { $terms }
build-unknown-edition = no series being built has the edition `{ $tag }`
build-editions-are = the editions are { $editions }

## Figure files: YAML

yaml-nothing = nothing
yaml-quoted-string = a quoted string
yaml-value = a value
yaml-list = a list
yaml-mapping = a mapping
yaml-second-document = the file holds a second YAML document
yaml-second-document-label = a new document starts here
yaml-second-document-help = a figure file is one document; remove the `---` or `...` line above
yaml-empty = the file is empty
expected-as-of-and-figures = expected `as_of:` and `figures:`
yaml-never-closed = this `{ $bracket }` is never closed
yaml-tag = YAML tags such as `!!str` are not allowed
yaml-tag-label = remove the tag: the schema says what each value is
yaml-too-deep = the file nests too deeply
yaml-too-deep-label = a figure file has three levels: `figures:`, a group, its fields
yaml-alias = aliases are not allowed in a figure file
yaml-alias-label = write the number itself here
yaml-key-not-plain = a key must be a plain name
yaml-key-not-plain-label = expected a name such as `cases`
yaml-commas = a number written with commas
yaml-commas-label = the commas split it into keys
yaml-commas-help = write digits without commas, such as 1362000000
yaml-duplicate-key = duplicate key `{ $key }`
yaml-duplicate-key-second = written a second time here
yaml-duplicate-key-first = first written here
yaml-duplicate-key-help = keep one of the two lines
yaml-tabs = invalid YAML: tabs are not allowed for indentation
yaml-unclosed = invalid YAML: unclosed `{ $bracket }`
yaml-indentation = invalid YAML: the indentation does not match the lines above
yaml-quote = invalid YAML: a quote is never closed
yaml-quote-label = this quote has no closing quote on its line
yaml-colon = invalid YAML: a `:` is missing after a key
yaml-colon-label = the key before runs on to here
yaml-colon-missing-here = a `:` is missing after this key
yaml-colon-space = invalid YAML: a `:` must be followed by a space
yaml-colon-space-label = put a space after the `:`
yaml-escape = invalid YAML: a `\` in double quotes starts no escape YAML knows
yaml-escape-label = write the text without quotes, in single quotes, or `\\` for a backslash
yaml-comment = invalid YAML: a `#` comment must follow a space
yaml-comment-label = put a space before the `#`
yaml-marker = invalid YAML: the marks `&`, `*`, `!` and `%` are not used in a figure file
yaml-marker-help = write the value itself; put text that begins with one of these marks in quotes
yaml-no-value = invalid YAML: a value is expected here
yaml-invalid = invalid YAML
yaml-tabs-label = indent with spaces
yaml-expected-comma-or = expected `,` or `{ $bracket }` before here
yaml-indentation-label = expected a key indented like the lines above
yaml-here = here

## Figure files: what they hold

figures-missing-top = missing `{ $name }`
figures-expected-line = expected a line `{ $example }`
figures-as-of-not-date = `as_of` must be a date
figures-expected-date-found = expected a date such as 2019-11-15, found { $found }
figures-expected-real-date = expected a real date, as YYYY-MM-DD
figures-as-of-mismatch = `as_of` is { $date } but the file is named { $stem }.yaml
figures-as-of-mismatch-label = expected { $stem }, the date in the file name
figures-as-of-mismatch-help = a figure file is named after its `as_of` date; correct one of the two
figures-as-of-not-period-end = `as_of` { $date } is not the last day of its period, which series.yaml declares as `period: { $period }`
figures-as-of-not-period-end-label = the period ends on { $end }
figures-as-of-not-period-end-help = a period is dated on its last day: name the file { $end }.yaml and write `as_of: { $end }`, or declare `period: date` in series.yaml for a series dated on any day
figures-expected-groups = expected one group per line, such as `food: {"{"}cases: 186, …{"}"}`
figures-expected-group-fields = expected the group's fields, such as `{"{"}cases: 186, suspects: 306{"}"}`
figures-missing-group = missing group `{ $name }`
figures-missing-group-labelled = missing group `{ $name }` ({ $label })
figures-expected-group = expected a group `{ $name }:` under `figures`
figures-missing-field = missing field { $what } in { $owner }
figures-group-needs = this group needs `{ $name }` ({ $kind })
figures-record-needs = this record needs `{ $name }` ({ $kind })
figures-a-date = a date
figures-expected-date = expected a date such as 2021-12-31
figures-field-problem = { $field }: { $problem }
figures-is-a-list = { $field } is a list
figures-expected-records = expected a list of records, one `- {"{"}…{"}"}` a line; found { $found }
figures-records-exactly = expected exactly { $count } records
figures-records-between = expected from { $min } to { $max } records
figures-holds-records = { $field } holds { $count } records
figures-expected-record = expected a record such as `{"{"}name: …, amount_yuan: …{"}"}`
figures-duplicate-record = two records of { $field } have the { $key } { $value }
figures-duplicate-record-label = `{ $key }` names a record: each record needs its own
figures-an-amount = an amount of money
figures-a-count = a count
figures-expected-yuan = expected whole yuan such as 1350000000
figures-expected-whole = expected a whole number such as 186
figures-negative = { $field } cannot be negative
figures-whole-yuan = { $field } must be whole yuan
figures-whole-number = { $field } must be a whole number
figures-is-what = { $field } is { $what }
found-text = { $expected }, found `{ $text }`
found-quoted = { $expected }, found the text "{ $text }"
found-node = { $expected }, found { $found }
figures-expected-signed = expected a whole number such as -16
figures-a-whole-number = a whole number
figures-a-percentage = a percentage
figures-a-decimal = a decimal
figures-expected-decimal = expected { $what } with at most { $places } places, such as { $example }
figures-percent-sign = { $field } is written with `%`
figures-percent-sign-help = the kind says it is a percentage; write { $bare }
figures-too-many-places = { $field } has { $count } decimal places, more than { $places }
figures-at-most-places = expected at most { $places } { $places ->
         [one] place
        *[other] places
    }, such as { $example }
figures-declared-as = the series declares it `{ $kind }`
figures-28-digits = 28 digits
figures-is-text = { $field } is text
figures-expected-paragraph-found = expected one paragraph of text, found { $found }
figures-text-empty = { $field } is empty
figures-expected-paragraph = expected a paragraph of text
figures-text-lines = { $field } is more than one line
figures-text-lines-label = a text field is one paragraph on one line
figures-text-long = { $field } is { $count } characters long
figures-text-long-label = expected at most { $length } characters
figures-text-invisible = { $field } holds the invisible character { $code }
figures-text-invisible-label = remove it
figures-text-bar = { $field } holds `|`, which would split a table's cell
figures-text-bar-label = write the full-width `｜` instead
figures-text-problem = { $field } { $problem }
figures-text-prose-label = a text field is prose with **bold** or *italic* at most
text-link = holds a link
text-image = holds an image
text-html = holds HTML
text-heading = would start a heading
text-list = would start a list
text-quote = would start a quote
text-code-block = would start a code block
text-table = would start a table
text-rule = would draw a rule
text-not-prose = is not plain prose
text-not-a-paragraph = does not read as a paragraph of text
figures-not-text = { $field } is { $what }, not text
figures-commas = { $field } is written with commas
figures-commas-help = write digits without commas: { $plain }
figures-full-width = { $field } is written with full-width digits
figures-full-width-help = write half-width digits: { $plain }
figures-myriads = { $field } is written with 萬 or 億
figures-myriads-help = write the exact number: { $text } → { $exact }
figures-leading-zero = { $field } is written with a leading zero
figures-leading-zero-label = other readers take a leading zero for an octal number
figures-leading-zero-help = write { $plain }
figures-too-large = { $field } is too large to hold
figures-at-most = expected at most { $limit }
figures-total-too-large = the total of `{ $field }` is too large to hold
figures-total-too-large-label = with this figure the total is more than a figure can hold
figures-total-too-large-help = a figure has digits too many; check it against the source
figures-expected-mapping = expected a mapping, found { $found }
figures-unknown-top-level-key = unknown top-level key `{ $name }`
figures-not-a-top-level-key = not a top-level key of this series
figures-unknown-group = unknown group `{ $name }`
figures-not-a-group = not a group of this series
figures-unknown-field-in = unknown field `{ $name }` in { $within }
figures-unknown-field = unknown field `{ $name }`
figures-not-a-field = not a field of this series
figures-unknown-commas-help = a number written with commas? write digits without commas
did-you-mean = did you mean `{ $name }`?
expected-one-of = expected one of { $names }
names-or = { $names } or { $last }
names-separator = {", "}
place-record-field-labelled = `{ $field }` ({ $label }) of record { $record } of { $list }
place-record-field = `{ $field }` of record { $record } of { $list }
place-field-labelled = `{ $field }` ({ $label })
place-field = `{ $field }`
place-group-labelled = group `{ $group }` ({ $label })
place-group = group `{ $group }`
place-record = record { $record } of { $list }
rule-broken = { $group }: { $left } ({ $left_value }) { $op ->
         [le] must not be more than
         [lt] must be less than
         [ge] must not be less than
         [gt] must be more than
        *[eq] must equal
    } { $right } ({ $right_value })
rule-broken-label = { $left } is { $left_value }, { $right } is { $right_value }
rule-declared-in = the rule is declared in `{ $path }`
date-not-a-date = `{ $text }` is not a date
date-no-year-0 = `{ $text }` is not a date: there is no year 0
date-no-month = `{ $text }` is not a date: there is no month { $month }
date-days-in-month = `{ $text }` is not a date: month { $month } of { $year } has { $days } days

## Publishing, verifying, history, diff

publish-accepted = accepted: { $warning }
publish-published = published { $file } as v{ $version }
publish-published-upload = published { $file } as v{ $version }; to upload:
publish-unchanged = { $file } is unchanged since v{ $version }; nothing published; to upload:
publish-invisible = nothing a reader sees changed since v{ $version }; nothing published
publish-invisible-change = { $figure }: { $exact } (printed { $shown } either way)
verify-nothing-empty = nothing to verify: no period has been published (archive/ is empty)
verify-nothing-no-folder = nothing to verify: no period has been published (there is no archive/ folder)
verify-head = head { $period } v{ $version } { $hash }
history-not-published = { $file } has not been published
diff-two-series = `{ $file }` and `{ $other }` are of two series, `{ $series }` and `{ $other_series }`
diff-two-series-help = `diff` compares two figure files of one series (or a file with its published version)
diff-not-published = { $file } has not been published: there is no version to compare it with
diff-not-published-other = to compare it with another figure file: bulletin diff { $file } OTHER
diff-no-figure = no figure changed
diff-figures = figures:
diff-no-sentence = no sentence changed
diff-sentences = sentences:

## Starting a period

new-date-help = give the date as YYYY-MM-DD
new-last-year-errors = last year's figures ({ $date }) are not filled in: the file has errors
new-wrote = wrote { $path } from { $from }
new-missing-none = the file of { $date } has none
new-missing-errors = the file of { $date } has errors
new-missing-no-file = there is no figure file of { $date }
new-every-other = every other figure: as in { $from }, until you type this period's
new-then-check = then `bulletin check { $path }` says what is still to do
new-usage-help = give the period's date: `bulletin new { $series } YYYY-MM-DD`
new-no-period = the series `{ $series }` declares no period, so `new` needs a date
new-declare-period-help = or declare one in `{ $path }` (`period: month`, `quarter` or `year`), and `new` starts the next
new-no-file = the series `{ $series }` has no figure file to start from
new-first-by-hand-under = write the first one by hand, under `{ $path }`
new-no-next = no { $period } follows `{ $file }`
new-proposed = {" "}(the { $period } after { $latest })
new-no-file-before = the series `{ $series }` has no figure file before { $date } to start from
new-first-by-hand-as = write the first one by hand, as `{ $path }`
new-filled = { $figure }: { $value }, last year's figure from the file of { $date }
new-emptied = { $figure }: left empty ({ $missing }): type last year's figure

## Fonts

fonts-not-installed = not installed
fonts-lacks = lacks { $sample }
fonts-lacks-many = lacks { $count } characters, such as { $sample }
fonts-no-font-has = no font has { $character }, needed in the { $role } text
fonts-no-font-has-many = no font has { $count } characters needed in the { $role } text, such as { $character }
fonts-tried-one = { $family } ({ $why })
fonts-fallback-lacks = { $family } (fallback, lacks it too)
fonts-is-here = { $character } is here
fonts-in-the-text = { $character } is in the text: { $line }
fonts-all-of-them = all of them: { $all }
fonts-none = none
fonts-tried = fonts tried: { $tried }
fonts-install-help = install a font that has them, or list one under `font_fallback` in series.yaml
fonts-no-roles = { $series }: no font roles declared (the layout chooses)
fonts-file-not-counted = (its text not counted: { $path } has errors, which `bulletin check` shows)
fonts-passed-over = passed over { $family }: { $why }
fonts-missing = no font has: { $missing }
fonts-stand-in = a { $style } face stands in for { $wanted }; faces that would fill the role:
fonts-none-parenthesised = (none)
fonts-none-installed = (none installed)
fonts-weight-nearest = , weight { $weight } (it has no such face: its nearest is used)
fonts-weight = , weight { $weight }
fonts-no-bold = {" "}(no bold: bold text in the heading face)
fonts-edition-heading = { $series } ({ $edition }):

## Site, preview, new series

site-up-to-date = site is up to date
serve-not-loopback = listening on { $host }: other machines can see these drafts (the default is 127.0.0.1, this machine only)
serve-serving = serving http://{ $address }/ (Ctrl-C stops)
series-built-in = the layout (GB/T 9704) and the web stylesheets are the built-in ones; `bulletin build` makes every output
exists-already = `{ $path }` exists already
series-exists-help = a series is started once; choose another name, or edit the one there
series-no-clock = the clock gives no date
series-bad-name = `{ $name }` cannot name a series
series-bad-name-help = use small ASCII letters, digits, `-` and `_`, starting with a letter (`city-crime`, `air2024`)
stdout-failed = could not write to standard output: { $reason }

## Against the period before

compare-fell = { $label } fell from { $from } to { $to }
compare-fell-here = `{ $group }.{ $field }` is { $after } here
compare-fell-before = and { $before } in the earlier period
compare-fell-note = the series counts from 1 January (`cumulative: year`), so no figure can fall
compare-fell-help = correct whichever of the two is wrong
compare-tenfold = { $label } went from { $from } to { $to }, ten times or more
compare-tenfold-label = was a zero added?
compare-earlier-period = the earlier period
compare-tenfold-help = if the figure is right, publish with `--accept { $group }.{ $field }`
compare-unchanged = every figure is the same as in `{ $path }`
compare-this-file = this file
compare-unchanged-copied-help = was the file copied from the earlier period and not yet edited?
compare-unchanged-accept-help = if the figures are right, publish with `--accept unchanged`

## Publishing: refusals

publish-waiting = another publish of `{ $file }`
io-waiting = waiting for { $waiting } (`{ $path }` is locked)
publish-accept-none-help = this file raises no such warning: publish without `--accept`
publish-accept-known-help = the warnings this file raises: { $names }
publish-accept-unknown = `--accept { $names }`: no such warning for `{ $file }`
publish-guarded = `{ $file }` is not published: it may hold a typing slip ({ $count ->
        [one] the warning
       *[other] { $count } warnings
    } above)
publish-guarded-note = a figure ten times larger or smaller than the period before's, or a file whose every figure is the same as it, is usually a typing slip
publish-guarded-help = correct the figure file; or, if every figure is right, publish with `--accept { $names }`
publish-reworded = the text of `{ $file }` reads differently from v{ $version }, but no reason says why
publish-reworded-help = to publish it as a textual correction: `bulletin publish { $file } --reason "…"`; to keep v{ $version }, undo the change
publish-reason-needed = a correction needs a reason: say what was wrong with `--reason`
publish-reason-empty = the reason is empty
publish-reason-lines = the reason is more than one line
publish-reason-control = the reason holds a control character
publish-reason-long = the reason is longer than { $max } characters
publish-reason-help = one line, such as `--reason "食品類案件數錄入有誤"`; it is printed in the correction note
publish-epoch-not-time = SOURCE_DATE_EPOCH is `{ $value }`, not a time
publish-epoch-help = it is the time of publication in seconds since 1970 (`SOURCE_DATE_EPOCH=1573869600`); or unset it to publish at the time now
publish-time-before = the time of publication, { $time }, is before v{ $version }'s, { $before }
publish-time-help = check the machine's clock, or `SOURCE_DATE_EPOCH` if it is set

## The project and its files

project-not-a-project = `{ $path }` is not a bulletin project: it has no `templates/` folder
project-not-a-project-help = pass the folder that holds `templates/` and `data/`
project-none = no bulletin project at `{ $path }` or above it
project-none-help = run bulletin inside a folder with `templates/` and `data/`, or pass `--root`
project-not-a-figure-file = `{ $path }` is not a figure file of this project
project-figure-files-live = figure files live at `data/<series>/<as_of>.yaml`
project-capital-extension = `{ $path }` is not read: a figure file's name ends in `.yaml`
project-rename = rename it to `{ $path }`
project-backslash = the series `{ $series }` has a backslash in its name
project-backslash-help = Typst paths cannot hold one; rename the folders `data/<series>` and `templates/<series>`
project-twins = two figure files for the period { $stem }: `{ $yaml }` and `{ $yml }`
project-twins-help = keep one of them; a period has one figure file
project-left-out = it is left out; the other figure files are not held up by it
project-link = `{ $path }` is a symbolic link
project-link-help = bulletin reads only regular files inside the project, never through a link
snapshot-no-template-folder = the series `{ $series }` has no template folder
snapshot-create-folder = create `{ $path }/` with `series.yaml` and `bulletin.md`
snapshot-no-file = the series has no `{ $name }`
snapshot-create-file = create `{ $path }`
snapshot-not-a-folder = `{ $path }` is not a folder
snapshot-not-a-folder-help = a series' templates live in a real folder inside the project, never behind a link
snapshot-utf16 = `{ $path }` is saved as { $encoding }
snapshot-save-utf8 = save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)
snapshot-not-utf8 = the file is not valid UTF-8
snapshot-this-byte = this byte
snapshot-gbk = it looks saved as GBK (GB2312, GB18030), the encoding of Chinese Windows
snapshot-nul = the file contains a NUL character
snapshot-nul-help = a text file holds no NUL bytes; remove it (was the file saved as UTF-16?)
snapshot-control = the file contains a control character ({ $code })
snapshot-invisible-here = here, invisible
snapshot-control-help = remove it; a text file holds only letters, digits, punctuation, spaces, tabs and line breaks

## The preview

preview-title = bulletin preview
preview-has-errors = (has errors)
preview-all-files = all files
preview-pdf-note = {" "}(last good, in the browser's viewer)
preview-typst-source = Typst source
preview-web-page = web page
preview-refused-host = refused: this preview answers only at its own address, the one `bulletin serve` printed
preview-refused-path = refused: not a path of this preview
preview-not-found = not found
serve-not-an-ip = `{ $host }` is not an IP address
serve-not-an-ip-help = such as 127.0.0.1 or ::1
serve-cannot-listen = cannot listen on { $address }: { $reason }
serve-cannot-listen-port = cannot listen on { $address }: { $reason } (another `bulletin serve` on port { $port }?)
serve-cannot-listen-help = choose another port with `--port`, or leave it out to take a free one
serve-cannot-watch-project = cannot watch the project: { $reason }
serve-cannot-watch = cannot watch `{ $path }`: { $reason }
serve-stopped = the preview stopped: { $reason }

## Building: the pipeline

workspace-series-skipped = skipped: the templates of series `{ $series }` have errors (reported above)
build-thread-stopped = a build thread stopped early
build-out-real-folder = outputs are written into a real `out/` folder of the project only
build-waiting = another build of `{ $path }`

## The command line

cli-usage = Usage:{" "}
cli-commands = Commands:
cli-arguments = Arguments:
cli-options = Options:
cli-help = Print help
cli-version = Print version
cli-value-separator = ,{" "}
cli-possible-value = `{ $name }` ({ $help })
cli-possible-values = {" "}Possible values: { $values }.
cli-default = {" "}Default: `{ $value }`.
cli-env = {" "}Environment variable: `{ $name }`.
cli-lang-values = expected `zh-Hans`, `zh-Hant` or `en`
cli-error-invalid-value = `{ $value }` is not a value `{ $arg }` takes
cli-error-unknown-argument = unknown argument `{ $arg }`
cli-error-unknown-command = unknown command `{ $command }`
cli-error-missing = required arguments were not given: { $args }
cli-error-conflict = `{ $arg }` cannot be used with `{ $other }`
cli-error-no-command = no command was given
cli-error-other = the command line is not understood
cli-error-valid-values = the values it takes: { $values }
cli-error-at-least = a whole number from { $low } up
cli-error-range = a whole number from { $low } to { $high }
cli-error-more = add `--help` to see what the command takes
cli-about = Produces a publicity office's press bulletins (Markdown, HTML and archival PDF) from figure files and templates.
cli-build = Build figure files into out/<series>/<as_of>.md, .html and .pdf.
cli-check = Validate figure files and templates without writing anything.
cli-publish = Publish a figure file as the next version of its period in archive/.
cli-verify = Re-hash the archive and report every file that no longer matches its manifest.
cli-diff = Show the figures and sentences that differ between two figure files, or between a figure file and its latest published version.
cli-history = List the published versions of a period.
cli-fonts = Show which font family each role of each series resolved to, and why the families before it were passed over.
cli-serve = Preview figure files in the browser, rebuilding as their files are saved.
cli-new = Start a period: write data/<SERIES>/<DATE>.yaml from the series' latest figure file, with `as_of` set and last year's figures filled in.
cli-series = Start a new series: templates/<NAME>/series.yaml and bulletin.md, commented, with the built-in layout and stylesheets, and a first figure file to build.
cli-series-new = Write templates/<NAME>/series.yaml and bulletin.md (commented) and a first figure file data/<NAME>/<DATE>.yaml; the layout and stylesheets are the built-in ones.
cli-site = Write the site into out/: an index of every series, and for each series a page and an Atom feed listing the latest published version of each period.
cli-root = The project folder (holding `data/` and `templates/`); default: the nearest folder with `templates/`, going up from the current one.
cli-time-limit = How long one template may take to render one bulletin, in seconds; a render past it is stopped and reported as that figure file's error.
cli-lang = The language the tool speaks: `zh-Hans`, `zh-Hant` or `en` (default: the locale's, from LC_ALL, LC_MESSAGES or LANG: zh_CN and zh_SG are Simplified, zh_TW, zh_HK and zh_MO Traditional, any other English).
cli-show-keys = Print each diagnostic's key after its severity (`error[rule-broken]`), the same in every language.
cli-font-paths = More folders to search for fonts, before the system's.
cli-ignore-system-fonts = Use only the project's `fonts/` folder and the `--font-path` folders, not the fonts installed on the system (so another installed font changes nothing).
cli-build-files = Figure files to build (default: every *.yaml under data/).
cli-build-format = Also write these outputs (`typ`: the generated Typst source, beside the PDF).
cli-build-without = Leave these outputs out (`docx`, `fragment`, `html`, `pdf`; the Markdown is always written).
cli-build-jobs = How many files to build at once (default: one per core).
cli-build-force = Rebuild every file, even those whose inputs did not change.
cli-build-edition = Build only these editions (language tags from series.yaml's `editions`, such as `zh-Hans`); default: every one.
cli-check-files = Figure files to check (default: every *.yaml under data/).
cli-publish-file = The figure file to publish.
cli-publish-reason = Why this version is published (for a correction: what was wrong).
cli-publish-accept = Publish although these figures look like a slip against the period before (`food.cases` ten times larger, say; `unchanged` for a file whose every figure is the period before's): recorded in the version's manifest.
cli-verify-rebuild = Also rebuild every version from its archived inputs and compare the bytes.
cli-verify-print-head = Print each period's head: its latest version and the SHA-256 of that version's manifest, to record elsewhere (a register, a signed email) and compare later, so a rewritten history shows.
cli-diff-file = The earlier figure file (or the only one, compared with its latest published version).
cli-diff-other = The later figure file.
cli-history-file = A figure file of the period.
cli-serve-files = Figure files to preview (default: every figure file under data/, as files come and go).
cli-serve-port = The port to listen on (default: a free one, printed at start).
cli-serve-host = The address to listen on; anything but the default loopback address lets other machines see the drafts.
cli-new-series = The series (its folder under templates/ and data/).
cli-new-date = The period's date, as YYYY-MM-DD (default: the end of the period after the latest, for a series that declares `period: month`, `quarter` or `year`).
cli-series-new-name = The series' name: its folder under templates/ and data/ (small ASCII letters, digits, `-` and `_`).
cli-series-new-script = The script its templates are written in, `zh-Hans` or `zh-Hant`; the other script is its second edition.
cli-site-drafts = Also list the periods built into out/ but never published, marked as drafts (never in a feed).
cli-format-md = The bulletin as Markdown.
cli-format-html = The web page.
cli-format-fragment = The article alone, for a content system.
cli-format-pdf = The PDF.
cli-format-docx = The Word file.
cli-format-typ = The generated Typst source.

## Verifying the archive

archive-tampered = the archive holds real folders only; it may have been tampered with
archive-version-not-folder-help = a published version is a folder; the archive may have been tampered with
verify-cannot-read = could not read the archive: { $reason }
verify-stray = `{ $path }` does not belong in the archive
verify-stray-note = the archive holds a folder for each series, and in it a folder for each period
verify-interrupted = an interrupted publish left `{ $path }`; the next publish of the period removes it
verify-stray-in-period-note = a period's folder holds its versions, v1, v2, … and nothing else
verify-version-missing = `{ $path }` is missing
verify-version-missing-note = versions run from v1 without a gap; one was deleted or renamed
verify-nothing = nothing
verify-chain = `{ $manifest }` does not match what `{ $later }` recorded of it
verify-chain-note = its SHA-256 is { $actual }; v{ $version } recorded { $recorded }
verify-chain-help = the earlier version's record was changed after the later one was published
verify-moved = `{ $path }` holds the manifest of `{ $home }`
verify-moved-help = a version folder is never copied or renamed; the archive may have been tampered with
verify-file-missing = `{ $path }` is missing from the archive
verify-not-in-manifest = `{ $path }` is not in its manifest
verify-mismatch = `{ $path }` does not match its manifest
verify-mismatch-note = its SHA-256 is { $actual }, the manifest records { $recorded }
verify-other-tool = `{ $path }` was made by { $tool }, not { $this }: its files were checked, not rebuilt
verify-rebuild-differs = rebuilding `{ $path }` from its inputs gives different bytes
verify-fonts-changed = these fonts are not the files the version was set in: { $fonts }
verify-before-publishing = nothing was published: `{ $path }` no longer holds what was published, and a correction would build on it
verify-before-publishing-help = restore the archive from the office's copy (`bulletin verify` lists every problem), then publish again
verify-record-differs = `{ $path }` is not what its version's record and inputs make
verify-record-differs-note = `{ $manifest }` or the inputs beside it were changed after it was published

## The site

site-nothing = nothing to list: no period of any series is published
site-nothing-help = publish one with `bulletin publish FILE`, or list the drafts with `bulletin site --drafts`
site-waiting = another build or site of `{ $path }`
site-not-an-output = `{ $manifest }` lists `{ $path }`, which is not an output of the period
site-verify-help = `bulletin verify` checks the archive
site-not-as-published = out/ does not hold the files published as `{ $path }`
site-replaced = replaced since: { $files }
site-missing = missing: { $files }
site-links-note = the site links to the files publish put into out/, as a web server serving out/ finds them
site-build-help = `bulletin build { $figure }` puts the published files back (a draft of an edit goes to `drafts/`)
feed-bad-time = the publication time `{ $time }` of series `{ $series }` is not a time: { $reason }
feed-cannot-write = could not write the feed of `{ $series }`: { $reason }

## Templates: what a check finds

lint-space = a space between Chinese characters
lint-space-label = remove it (GB/T 15834)
lint-half-width = half-width `{ $mark }` between Chinese characters
lint-half-width-label = write `{ $full }` (GB/T 15834)
lint-typed-number = the number { $number } is typed into the template
lint-typed-number-label = right in one period, wrong in the next
lint-year-help = take the year from the period: `{"{{"} as_of | date(style="year") {"}}"}`
lint-figure-help = take it from the figure file: a field of series.yaml's groups, written `{"{{"} figures.GROUP.FIELD {"}}"}`
lint-literal-help = or, if the prose means this number in every period, list it in series.yaml: `literals: ["{ $literal }"]`
lint-invisible = { $file } holds the invisible character { $code }
lint-invisible-label = remove it: a reader would not see it, a search would
lint-division = division in a template
lint-division-label = this would make a float
lint-division-help = a share, a mean or a change is worded by `ratio`, `share`, `mean` or `change(prior=…)`, exactly
lint-power = a power in a template
lint-power-label = a negative power would make a float
lint-power-help = multiply by whole numbers, or put the figure in the figure file
lint-decimal = a decimal number in a template
lint-decimal-label = Tera would hold this as a float
lint-decimal-help = put the figure in the figure file as a `decimal:N` field

## Faces an office can install

face-fzxiaobiaosong = 方正小标宋 FZXiaoBiaoSong-B05 (licensed from Founder)
face-no-free-xiaobiaosong = no free face has this design: a bold 宋 stands in
face-fangsong-licensed = 仿宋_GB2312 or FangSong (licensed, with Windows and office suites)
face-cwtex-fangsong = cwTeX 仿宋 (free: apt-get install fonts-cwtex-fs; Traditional characters only)
face-zhuque = 朱雀仿宋 Zhuque Fangsong (free, SIL Open Font License)
face-kai-licensed = 楷体_GB2312 or KaiTi (licensed, with Windows and office suites)
face-ukai = AR PL UKai (free: apt-get install fonts-arphic-ukai)
face-lxgw = 霞鹜文楷 LXGW WenKai (free, SIL Open Font License)
face-simhei = SimHei 黑体 (licensed, with Windows)
face-noto-sans = Noto Sans CJK (free: apt-get install fonts-noto-cjk)
face-simsun = SimSun 宋体 (licensed, with Windows)
face-noto-serif = Noto Serif CJK (free: apt-get install fonts-noto-cjk)
style-xiaobiaosong = 小标宋
style-fangsong = 仿宋
style-kai = 楷
style-hei = 黑
style-song = 宋
preview-edition-label = edition:
preview-edition = { $tag ->
        [zh-Hans] Simplified
        [zh-Hant] Traditional
       *[other] { $tag }
    }

## What a file is

io-too-large = `{ $path }` is { $size } bytes, too large for { $what } (at most { $limit })
io-a-link = a symbolic link
io-a-folder = a folder
io-a-fifo = a FIFO
io-a-socket = a socket
io-a-device = a device
io-not-regular = not a regular file
io-special = `{ $path }` is { $is }, not { $what }
what-stamps-file = a stamps file
what-template-file = a template file
what-figure-file = a figure file
what-site-page = a page of the site
what-published-file = a published file
what-built-file = a built file
what-archived-file = an archived file
what-input = an input
what-manifest = a manifest
manifest-not-utf8 = `{ $path }` is not UTF-8
manifest-invalid = `{ $path }` is not a valid manifest
period-no-as-of = the latest figure file has no `as_of` to start from
period-expected-as-of = expected `as_of: …`
period-exists-help = a period's figure file is started once; edit the one there
http-too-large = refused: the request's headers are over 16 KiB
http-not-http = refused: not an HTTP request
http-only-get = refused: the preview only shows pages; it accepts no uploads or changes
http-has-body = refused: a request for a page carries no body
http-too-slow = the request took over 5 seconds to arrive; reload the page
http-busy = busy: too many requests at once; reload the page in a moment
preview-busy-pages = busy: 32 pages of this preview are open already; close some and reload this one

## Templates: rendering

template-title = the title of `{ $file }` is empty or more than one line
template-this-title = this title
template-title-declared = the title is declared in `{ $path }`
template-here = here
template-in = in template `{ $name }`
template-error = template error: { $message }
template-error-rendering = template error while rendering `{ $file }`: { $message }
tera-unknown-filter = unknown filter `{ $name }`
tera-unknown-test = unknown test `{ $name }`
tera-unknown-function = unknown function `{ $name }`
tera-unknown-component = unknown component `{ $name }`
tera-unexpected-end = the template ends before a tag is closed (an `{"{"}% if %{"}"}` without its `{"{"}% endif %{"}"}`?)
tera-unexpected-character = a character a template does not take here
tera-unknown-tag = unknown tag
tera-undefined-variable = variable `{ $name }` is not defined
tera-undefined-field = field `{ $name }` is not defined
tera-available = the ones there are: { $names }
tera-closing-mismatch = the closing tag `{ $closing }` does not match the opening tag `{ $opening }`
tera-not-iterable = a value of type `{ $kind }` cannot be looped over
tera-missing-argument = the argument `{ $name }` is missing
tera-other = the template cannot be read or rendered
tera-expected-end = found { $found } where `elif`, `else` or `endif` belongs
tera-found-expected = found { $found } but expected { $expected }
tera-token-content = text
tera-token-comment = a comment
tera-token-name = a name
tera-token-string = a string
tera-token-number = a number
tera-token-bool = `true` or `false`
tera-token-or = { $first } or { $last }
typst-link-made-by = the link is made by the series' layout (`layout.typ`)
typst-too-long = typesetting `{ $file }` took longer than { $seconds } s; stopped
typst-too-long-help = a loop in the series' `layout.typ` runs too long; the limit is set with `--time-limit SECONDS`
typst-cannot-compile = cannot compile `{ $path }`: { $reason }
typst-said = typst: { $message }
typst-hint = hint:{" "}
verify-no-figure-file = the manifest lists no figure file
publish-no-version-left = no version number is left
filter-places = `places={ $n }`: at most { $max } places
filter-the-filter = `{ $name }` filter
filter-the-function = `{ $name }` function
filter-takes-nothing = no arguments
filter-takes-only = only { $names }
filter-takes = the { $what } takes { $takes }, not `{ $key }`
filter-option = the `{ $filter }` filter's `{ $name }` is { $what }, found { $found }
filter-option-flag = the `{ $filter }` filter's `{ $name }` is `true` or `false`, found { $found }
filter-expected = the `{ $filter }` filter expects { $what }, found { $found }
filter-found-none = none (an absent figure)
filter-found-text = the text `{ $text }`
filter-found-kind = { $kind }
filter-found-nothing = nothing
filter-what-yuan = whole yuan such as `{ $example }`
filter-what-number = a number
filter-what-percent = a percentage such as `{ $example }`
filter-what-numeral = a whole number from 0 to 999999999999
filter-what-number-like = a number such as `{ $example }`
filter-what-prior-percent = `prior` to be a percentage
filter-what-prior-number = `prior` to be a number
filter-what-date = a date such as `as_of`
filter-number-auto = the `number` filter takes `unit="萬"` or `"億"`, not `auto`
filter-numerals = unknown numerals `{ $other }`, expected `arabic` or `chinese`
filter-numeral-style = unknown style `{ $other }`, expected `number`, `ordinal` or `digits`
filter-int-not-whole = `{ $number }` is not a whole number; round it with `number(places=0)`
filter-float = the `{ $name }` filter would pass a figure through floating point; use `number`, `percent` or `amount` with `places`
filter-ratio-operand = the `ratio` function takes `a` and `b`, numbers such as `ratio(a=figures.air.good_days, b=figures.air.days)`; `{ $name }` is { $found }
filter-ratio-per = the `ratio` function's `per` is 100 (a percentage), 1 or another whole number above 0
filter-ratio-divides = the `ratio` function divides by `b`
filter-share-of = the `share` filter takes `of`, the whole, a number such as `of=totals.cases`; found { $found }
filter-share-divides = the `share` filter divides by `of`
filter-points-too-large = the `points` filter: too large to subtract
filter-divides-by-zero = { $what }, which is 0; leave the sentence out when it is: `{"{"}% if … %{"}"}`
list-what-attribute = the name of a field of the records, such as `attribute="aqi"`
list-what-list = a list, such as a `list` field's records
list-what-records-with = records with a field `{ $attribute }`
list-no-field = the `{ $filter }` filter: record { $record } has no field `{ $attribute }`
list-orders = the `{ $filter }` filter orders numbers or texts; item { $item } is { $found }
list-what-then = the name of the field that orders ties, such as `then="name"`
list-what-method = `competition` or `dense`
list-rank-method = the `rank` filter needs `method="competition"` (ties share a rank and the next skips: 1, 1, 3) or `method="dense"` (1, 1, 2)
list-rank-method-not = the `rank` filter needs `method="competition"` (ties share a rank and the next skips: 1, 1, 3) or `method="dense"` (1, 1, 2), not `{ $other }`
list-rank-attribute = the `rank` filter needs `attribute`, the field it ranks by
list-rank-absent = the `rank` filter: record { $record }'s `{ $attribute }` is none (an absent figure), which has no rank
list-what-records = records
list-rank-taken = the `rank` filter: record { $record } has a field `{ $field }` already, which its rank would hide
list-value = value
list-none-help = ; leave such records out first: `select(attribute="{ $attribute }", op="!=", value=none)`
list-expects-numbers = the `{ $filter }` filter expects numbers; item { $item }'s { $name } is { $found }{ $help }
list-empty = the `{ $filter }` filter was given an empty list
list-sum-too-large = the `{ $filter }` filter: the sum is too large to compute exactly
list-mean-places = the `mean` filter needs `places`, such as `mean(places=1)`
list-select-attribute = the `select` filter needs `attribute`, the field it tests
list-ops = `op=">"`, `">="`, `"<"`, `"<="`, `"=="` or `"!="` with `value=…` or `field=…`
list-changes = `change="rose"`, `"fell"` or `"unchanged"` with `prior=`, the field of the earlier figure
list-select-op-not = the `select` filter compares with { $ops }, not `op="{ $op }"`
list-select-one-of-two = the `select` filter compares with { $ops }: one of the two
list-select-change-not = the `select` filter tests a change with { $changes }, not `change="{ $change }"`
list-select-change = the `select` filter tests a change with { $changes }
list-select-condition = the `select` filter takes a condition: { $ops }, or { $changes }
list-select-compare = the `select` filter compares numbers, or texts for `==` and `!=`; record { $record } gives { $left } and { $right }
list-what-sep = the mark between names, such as `sep="、"`
list-what-last = the word before the last name, such as `last="及"`
list-what-names = names (texts) or numbers
render-in-edition = in the { $edition } edition
budget-range-step-zero = `range` was called with `step_by=0`
budget-range-too-long = `range` would make { $length } numbers; a template loops over at most { $max }
typst-pdf-standard = pdf standard: { $reason }
pdf-line-loose = `{ $file }`: in the { $edition } PDF, page { $page }, the characters of a line are opened by { $percent } % of a character (5 % at most): “{ $line }”
pdf-line-loose-help = usually what follows that line (a date, a number with its unit, a paragraph's last two characters) cannot part and does not fit on it; a character more or less in that sentence mostly lets the line close up
pdf-notice-of-edition = { $edition } correction notice
docx-cannot-write = could not write the Word file: { $reason }
template-link-refused = a link to `{ $target }` is refused
link-help = a bulletin links only to web pages (`http:`, `https:`), e-mail addresses (`mailto:`) and paths on the site
template-this-link = this link
template-link-made-by = the link is made by template `{ $name }`
template-stopped-rendering = template `{ $name }` rendering `{ $file }` { $what }; stopped
template-stopped = template `{ $name }` { $what }; stopped
template-stopped-here = stopped here
template-too-long-help = a loop in the template runs too long; the limit is set with `--time-limit SECONDS`
template-too-much-help = a loop in the template writes far more than any bulletin holds
budget-time = took longer than { $seconds } s
budget-output = wrote more than { $megabytes } MB

## A series' schema (series.yaml)

schema-invalid = invalid series schema: { $message }
schema-at = { $path }: { $message }
serde-unknown-field = unknown field `{ $field }`, expected one of { $expected }
serde-unknown-variant = unknown variant `{ $variant }`, expected one of { $expected }
serde-missing-field = missing field `{ $field }`
serde-duplicate-field = duplicate field `{ $field }`
serde-invalid-type = invalid type: { $found }, expected { $expected }
serde-invalid-value = invalid value: { $found }, expected { $expected }
serde-invalid-length = invalid length { $length }, expected { $expected }
serde-found-text = the text "{ $text }"
serde-found-number = the number { $number }
serde-found-boolean = `{ $value }`
serde-expected-text = text
serde-expected-whole-number = a whole number
serde-expected-boolean = `true` or `false`
schema-kind-needs-places = `{ $word }` needs its decimal places, such as `{ $word }:2`
schema-kind-places = `{ $word }:{ $arg }`: the places must be a whole number from 0 to { $max }
schema-kind-no-arg = `{ $word }` takes no `:{ $arg }`
schema-kind-text-length = `text:{ $arg }`: the length must be a whole number of characters, such as `text:300`
schema-kind-unknown = unknown field kind `{ $name }`, expected `count`, `money`, `signed`, `decimal:N`, `percent:N`, `text`, `text:N` or `date` (with `?` if optional), or a list `{"{"}list: {"{"}…{"}"}{"}"}`
schema-expect-field-kind = a field kind such as `count` or `percent:2?`, or a mapping with `kind` or `list`
schema-list-only = `min`, `max`, `key` and `optional` belong to a list; mark an optional field with `?`
schema-list-nested = a list's records cannot hold another list
schema-list-min-max = a list of at least { $min } and at most { $max } records
schema-list-key = the key `{ $key }` is not a field of the list's records (they have { $names })
schema-kind-or-list = a field has either `kind` or `list`
schema-check-unreadable = cannot read check `{ $text }`, expected `field <= field` (or <, >=, >, ==)
schema-total-too-large = the total of `{ $field }` is too large to hold
schema-expect-font = a font family's name, or a mapping with `family` and `weight`
schema-weights = expected 100, 200, … 900 or one of { $names }
schema-not-weight = `{ $value }` is not a weight: { $expected }
schema-expect-edition = a language tag such as `zh-Hans`, or a mapping with `lang` and `fonts`
language-unknown = unknown language `{ $tag }`, expected `zh-Hant` or `zh-Hans` (with a region such as `zh-Hant-HK`)
format-unknown-unit = unknown unit `{ $text }`, expected `auto`, `萬`, `億` or `元` (`万`, `亿` too)
format-too-large = the figures are too large to compare
format-division-by-zero = division by zero
format-unknown-date-style = unknown date style `{ $text }`, expected one of { $names }
schema-expected-lang = expected zh-Hant or zh-Hans
schema-group-totals = a group cannot be named `totals`
schema-group-totals-label = the name of the headline totals in templates
schema-unknown-field = the series schema names an unknown field `{ $name }`
schema-no-such-field = no field of this name is declared
schema-cannot-sum = `{ $name }` is { $kind }, which cannot be summed
schema-totals-add-up = totals add up counts and money
schema-not-a-number = `{ $name }` is { $kind }, not a number
schema-expected-number = expected a field holding a number
schema-total-kind = the total of `{ $field }` sums group `{ $group }`, where it is { $kind }
schema-rule-kind = the rule `{ $rule }` compares { $kind } in group `{ $group }`
schema-rules-compare-numbers = rules compare numbers
schema-unknown-group = the series schema names an unknown group `{ $group }`
schema-no-such-group = no group of this name is declared
schema-total-may-lack = the total of `{ $field }` sums group `{ $group }`, which may lack it
schema-in-these-totals = in these totals
schema-partial-help = if the total counts what the groups give, say so: `partial: [{ $field }]` under `totals`
schema-in-this-edition = in this edition
schema-edition-fonts-help = list its faces: `- {"{"}lang: { $lang }, fonts: {"{"}title: […], body: […], …{"}"}{"}"}`
schema-first-edition = the first edition is the templates' own language, `lang: { $lang }`, not `{ $edition }`
schema-edition-twice = the edition `{ $edition }` is the same as `{ $earlier }`
schema-edition-no-fonts = the edition `{ $edition }` is in another script and names no fonts of its own: it would be set in the faces of `{ $lang }`
schema-unknown-role = unknown font role `{ $role }`
schema-override-nothing = an override of nothing: `{ $term }`
schema-override-to-nothing = an override that converts a term to nothing: `{ $term }`
schema-protected-and-overridden = a term both protected and overridden: `{ $term }`
schema-override-label = write the term as the other edition prints it
schema-empty-protected = an empty protected term
schema-empty-protected-label = write a name or remove it
schema-partial-not-summed = `partial` names `{ $field }`, which the totals do not sum
schema-partial-label = expected one of `totals.fields`
schema-label-unknown-field = `field_labels` names an unknown field `{ $field }`
schema-chart-unknown-group = the chart `{ $name }` names an unknown group `{ $group }`
schema-chart-field = the chart `{ $name }` draws `{ $field }`, which is not a count or money in its groups
schema-chart-output = a chart is drawn in `html` or `pdf`, not `{ $output }`
schema-in-this-chart = in this chart
schema-in-this-show = in this `show`
schema-show-unit = a { $kind } field is not shown in a unit
schema-show-places = at most { $max } places
schema-show-style = a { $kind } field has nothing to show in a number style
