//! Every kind of mistake in a figure file or template stops that file with a message
//! that names the file, line and column, shows the line with a caret and says what was
//! expected. Each test runs the real binary and pins the whole of stderr.

mod common;

use common::Fixture;

const FILE: &str = "data/traffic/2020-01-31.yaml";

/// A good figure file of the test series, in block style with a comment.
const GOOD: &str = "\
# 一月份
as_of: 2020-01-31
figures:
  speeding:
    cases: 1520
    fines_yuan: 304000
  drink_driving:
    cases: 85
    detained: 12
";

/// Runs `bulletin check` on the traffic fixture with `GOOD` edited by `from → to`,
/// asserts it failed and returns stderr.
#[track_caller]
fn check_with(from: &str, to: &str) -> String {
    let project = Fixture::named("traffic");
    assert_eq!(GOOD.matches(from).count(), 1, "`{from}` should occur once");
    project.write(FILE, &GOOD.replacen(from, to, 1));
    let run = project.run(&["check"]).failure();
    assert_eq!(run.stdout(), "", "a failed check reports nothing on stdout");
    run.stderr()
}

#[test]
fn good_files_check_clean() {
    let project = Fixture::named("traffic");
    project.write(FILE, GOOD);
    let run = project.run(&["check"]).success();
    assert_eq!(run.stdout(), "ok data/traffic/2020-01-31.yaml\n");
    assert_eq!(run.stderr(), "");
}

#[test]
fn shipped_data_checks_clean() {
    let run = Fixture::shipped().run(&["check"]).success();
    assert_eq!(
        run.stdout(),
        "ok data/shiyaohuan/2019-11-15.yaml\n  zh-Hans: not converted by the dictionaries: 胡明朗\n"
    );
    assert_eq!(run.stderr(), "");
}

#[test]
fn bad_indentation() {
    assert_eq!(
        check_with("    detained: 12", "   detained: 12"),
        "\
error: invalid YAML: the indentation does not match the lines above
  --> data/traffic/2020-01-31.yaml:9:12
  |
9 |    detained: 12
  |            ^ expected a key indented like the lines above

"
    );
}

#[test]
fn unclosed_bracket() {
    assert_eq!(
        check_with(
            "  speeding:\n    cases: 1520\n    fines_yuan: 304000\n",
            "  speeding: {cases: 1520, fines_yuan: 304000\n"
        ),
        "\
error: invalid YAML: unclosed `{`
  --> data/traffic/2020-01-31.yaml:4:13
  |
4 |   speeding: {cases: 1520, fines_yuan: 304000
  |             ^ this `{` is never closed
5 |   drink_driving:
  |                - expected `,` or `}` before here

"
    );
}

#[test]
fn tab_indentation() {
    assert_eq!(
        check_with("    cases: 85", "\tcases: 85"),
        "\
error: invalid YAML: tabs are not allowed for indentation
  --> data/traffic/2020-01-31.yaml:8:1
  |
8 |     cases: 85
  | ^^^^ indent with spaces

"
    );
}

#[test]
fn unknown_field_suggests_the_closest() {
    assert_eq!(
        check_with("    detained: 12", "    detianed: 12"),
        "\
error: unknown field `detianed` in group `drink_driving`
  --> data/traffic/2020-01-31.yaml:9:5
  |
9 |     detianed: 12
  |     ^^^^^^^^ not a field of this series
  |
  = help: did you mean `detained`?
  = note: expected one of `cases`, `fines_yuan` or `detained`

"
    );
}

#[test]
fn unknown_group_suggests_the_closest() {
    assert_eq!(
        check_with("  speeding:", "  speed:"),
        "\
error: unknown group `speed`
  --> data/traffic/2020-01-31.yaml:4:3
  |
4 |   speed:
  |   ^^^^^ not a group of this series
  |
  = help: did you mean `speeding`?
  = note: expected one of `speeding`, `drink_driving` or `checkpoints`

"
    );
}

#[test]
fn missing_field_and_group() {
    assert_eq!(
        check_with("    cases: 85\n", ""),
        "\
error: missing field `cases` in group `drink_driving`
  --> data/traffic/2020-01-31.yaml:7:3
  |
7 |   drink_driving:
  |   ^^^^^^^^^^^^^ this group needs `cases` (count)

"
    );
    assert_eq!(
        check_with("  drink_driving:\n    cases: 85\n    detained: 12\n", ""),
        "\
error: missing group `drink_driving`
  --> data/traffic/2020-01-31.yaml:3:1
  |
3 | figures:
  | ^^^^^^^ expected a group `drink_driving:` under `figures`

"
    );
}

#[test]
fn counts_must_be_whole_non_negative_numbers() {
    let error = |value: &str| check_with("cases: 85", &format!("cases: {value}"));
    assert_eq!(
        error("-3"),
        "\
error: `cases` cannot be negative
  --> data/traffic/2020-01-31.yaml:8:12
  |
8 |     cases: -3
  |            ^^ expected a whole number such as 186, found `-3`

"
    );
    assert_eq!(
        error("12.5"),
        "\
error: `cases` must be a whole number
  --> data/traffic/2020-01-31.yaml:8:12
  |
8 |     cases: 12.5
  |            ^^^^ expected a whole number such as 186, found `12.5`

"
    );
    assert_eq!(
        error("\"many\""),
        "\
error: `cases` is a count, not text
  --> data/traffic/2020-01-31.yaml:8:12
  |
8 |     cases: \"many\"
  |            ^^^^^^ expected a whole number such as 186, found the text \"many\"

"
    );
    assert_eq!(
        error("many"),
        "\
error: `cases` is a count
  --> data/traffic/2020-01-31.yaml:8:12
  |
8 |     cases: many
  |            ^^^^ expected a whole number such as 186, found `many`

"
    );
    assert_eq!(
        error("18446744073709551616"),
        "\
error: `cases` is too large to hold
  --> data/traffic/2020-01-31.yaml:8:12
  |
8 |     cases: 18446744073709551616
  |            ^^^^^^^^^^^^^^^^^^^^ expected at most 18446744073709551615

"
    );
}

#[test]
fn money_must_be_whole_non_negative_yuan() {
    assert_eq!(
        check_with("fines_yuan: 304000", "fines_yuan: 30.4"),
        "\
error: `fines_yuan` must be whole yuan
  --> data/traffic/2020-01-31.yaml:6:17
  |
6 |     fines_yuan: 30.4
  |                 ^^^^ expected whole yuan such as 1350000000, found `30.4`

"
    );
    assert_eq!(
        check_with("fines_yuan: 304000", "fines_yuan: -304000"),
        "\
error: `fines_yuan` cannot be negative
  --> data/traffic/2020-01-31.yaml:6:17
  |
6 |     fines_yuan: -304000
  |                 ^^^^^^^ expected whole yuan such as 1350000000, found `-304000`

"
    );
}

#[test]
fn duplicate_key() {
    assert_eq!(
        check_with("    detained: 12\n", "    detained: 12\n    cases: 86\n"),
        "\
error: duplicate key `cases`
   --> data/traffic/2020-01-31.yaml:10:5
   |
 8 |     cases: 85
   |     ----- first written here
 9 |     detained: 12
10 |     cases: 86
   |     ^^^^^ written a second time here
   |
   = help: keep one of the two lines

"
    );
}

#[test]
fn dates_must_exist_and_match_the_file_name() {
    assert_eq!(
        check_with("as_of: 2020-01-31", "as_of: 2019-13-45"),
        "\
error: `2019-13-45` is not a date: there is no month 13
  --> data/traffic/2020-01-31.yaml:2:8
  |
2 | as_of: 2019-13-45
  |        ^^^^^^^^^^ expected a real date, as YYYY-MM-DD

"
    );
    assert_eq!(
        check_with("as_of: 2020-01-31", "as_of: 2020-01-30"),
        "\
error: `as_of` is 2020-01-30 but the file is named 2020-01-31.yaml
  --> data/traffic/2020-01-31.yaml:2:8
  |
2 | as_of: 2020-01-30
  |        ^^^^^^^^^^ expected 2020-01-31, the date in the file name
  |
  = help: a figure file is named after its `as_of` date; correct one of the two

"
    );
}

#[test]
fn every_problem_in_a_file_is_reported() {
    let stderr = check_with("    cases: 85\n    detained: 12\n", "    cases: -1\n    detained: x\n    extra: 1\n");
    let errors: Vec<&str> = stderr.lines().filter(|line| line.starts_with("error:")).collect();
    assert_eq!(
        errors,
        [
            "error: `cases` cannot be negative",
            "error: `detained` is a count",
            "error: unknown field `extra` in group `drink_driving`",
        ]
    );
}

#[test]
fn a_series_rule_can_warn() {
    let project = Fixture::named("traffic");
    project.write(FILE, &GOOD.replacen("detained: 12", "detained: 90", 1));
    let run = project.run(&["check"]).success();
    assert_eq!(run.stdout(), "ok data/traffic/2020-01-31.yaml\n");
    assert_eq!(
        run.stderr(),
        "\
warning: drink_driving: detained (90) must not be more than cases (85)
  --> data/traffic/2020-01-31.yaml:9:15
  |
9 |     detained: 90
  |               ^^ detained is 90, cases is 85
  |
  = note: the rule is declared in `templates/traffic/series.yaml`

"
    );
}

#[test]
fn a_series_rule_can_stop_the_build() {
    let project = Fixture::shipped();
    let file = "data/shiyaohuan/2019-11-15.yaml";
    project.edit(file, "  organized:   {cases: 11}", "  organized:   {cases: 11, suspects: 3, detained: 4}");
    let run = project.run(&["build"]).failure();
    assert_eq!(run.build_stdout(), (String::new(), "built 0, skipped 0, failed 1".to_string()));
    assert_eq!(
        run.stderr(),
        "\
error: 涉黑涉惡: 刑事拘留人數 (4人) must not be more than 抓獲犯罪嫌疑人數 (3人)
  --> data/shiyaohuan/2019-11-15.yaml:8:51
  |
8 |   organized:   {cases: 11, suspects: 3, detained: 4}
  |                                                   ^ detained is 4, suspects is 3
  |
  = note: the rule is declared in `templates/shiyaohuan/series.yaml`

"
    );
}

/// Runs `bulletin check` on the traffic fixture with its template edited.
#[track_caller]
fn template_error(from: &str, to: &str) -> String {
    let project = Fixture::named("traffic");
    project.edit("templates/traffic/bulletin.md", from, to);
    project.run(&["check"]).failure().stderr()
}

#[test]
fn template_syntax_error() {
    assert_eq!(
        template_error("{{ totals.cases }}", "{{ totals.cases }"),
        "\
error: template error: found `}` but expected }}.
  --> templates/traffic/bulletin.md:3:54
  |
3 | 截至{{ as_of | month_day }}，全市共查處交通違法行為{{ totals.cases }起{% if totals.fines_yuan %}，罰款{{ totals.fines_yuan | amount }}{% endif %}。
  |                                                                    ^ here

"
    );
}

#[test]
fn an_invisible_character_in_a_template_is_refused_where_it_is() {
    // A word joiner typed into a template (copied from a web page, say) reached the
    // PDF unseen, and the font check asked for a font that has it, which none has.
    assert_eq!(
        template_error("全市共查處", "全市共\u{2060}查處"),
        "\
error: templates/traffic/bulletin.md holds the invisible character U+2060
  --> templates/traffic/bulletin.md:3:30
  |
3 | 截至{{ as_of | month_day }}，全市共???查處交通違法行為{{ totals.cases }}起{% if totals.fines_yuan %}，罰款{{ totals.fines_yuan | amount }}{% endif %}。
  |                                    ^^^ remove it: a reader would not see it, a search would

"
    );
}

#[test]
fn an_invisible_character_in_series_yaml_is_refused_where_it_is() {
    // A zero-width space pasted into the office's name reached every bulletin's
    // byline unseen, and the build failed asking for a font that has it.
    let project = Fixture::named("traffic");
    project.edit("templates/traffic/series.yaml", "author: 市公安局", "author: 市公安\u{200B}局");
    assert_eq!(
        project.run(&["check"]).failure().stderr(),
        "\
error: templates/traffic/series.yaml holds the invisible character U+200B
  --> templates/traffic/series.yaml:5:12
  |
5 | author: 市公安???局交通警察支隊
  |               ^^^ remove it: a reader would not see it, a search would

"
    );
}

#[test]
fn template_unknown_variable() {
    assert_eq!(
        template_error("{{ figures.speeding.cases }}", "{{ figures.speeding.case }}"),
        "\
error: template error while rendering `data/traffic/2020-01-31.yaml`: field `case` is not defined. Available fields: cases, fines_yuan
  --> templates/traffic/bulletin.md:7:23
  |
7 | 超速{{ figures.speeding.case }}起；酒後駕駛{{ figures.drink_driving.cases }}起{% if figures.drink_driving.detained %}，行政拘留{{ figures.drink_driving.detained }}人{% endif %}。
  |                         ^^^^ here

"
    );
}

#[test]
fn template_unknown_filter() {
    assert_eq!(
        template_error("| month_day }}", "| month_dya }}"),
        "\
error: template error: unknown filter `month_dya`
  --> templates/traffic/bulletin.md:3:14
  |
3 | 截至{{ as_of | month_dya }}，全市共查處交通違法行為{{ totals.cases }}起{% if totals.fines_yuan %}，罰款{{ totals.fines_yuan | amount }}{% endif %}。
  |                ^^^^^^^^^ here

"
    );
}

#[test]
fn template_wrong_filter_argument() {
    assert_eq!(
        template_error("| amount }}", "| amount(scale=\"萬\") }}"),
        "\
error: template error while rendering `data/traffic/2020-01-31.yaml`: the `amount` filter takes only `unit`, `places`, not `scale`
  --> templates/traffic/bulletin.md:3:109
  |
3 | 截至{{ as_of | month_day }}，全市共查處交通違法行為{{ totals.cases }}起{% if totals.fines_yuan %}，罰款{{ totals.fines_yuan | amount(scale=\"萬\") }}{% endif %}。
  |                                                                                                                               ^^^^^^^^^^^^^^^^^^ here

"
    );
    assert_eq!(
        template_error("{{ as_of | month_day }}", "{{ totals.cases | month_day }}"),
        "\
error: template error while rendering `data/traffic/2020-01-31.yaml`: the `month_day` filter expects a date such as `as_of`, found u64
  --> templates/traffic/bulletin.md:3:21
  |
3 | 截至{{ totals.cases | month_day }}，全市共查處交通違法行為{{ totals.cases }}起{% if totals.fines_yuan %}，罰款{{ totals.fines_yuan | amount }}{% endif %}。
  |                       ^^^^^^^^^ here

"
    );
}

#[test]
fn a_bad_file_leaves_its_outputs_and_the_others_alone() {
    let project = Fixture::named("traffic");
    project.write("data/traffic/2020-02-29.yaml", &GOOD.replace("2020-01-31", "2020-02-29"));
    project.run(&["build"]).success();
    let before = project.outputs("traffic/2020-01-31");
    project.write(FILE, &GOOD.replacen("cases: 85", "cases: 8.5", 1));
    project.edit("data/traffic/2020-02-29.yaml", "cases: 1520", "cases: 1600");
    let run = project.run(&["build"]).failure();
    assert!(run.stderr().starts_with("error: `cases` must be a whole number\n"), "{}", run.stderr());
    // The good file was built …
    assert!(run.stdout().contains("wrote out/traffic/2020-02-29.pdf"));
    assert!(project.read("out/traffic/2020-02-29.md").contains("1685起"));
    // … and the bad one's earlier outputs are exactly as they were.
    for ((ext, before), (_, after)) in before.iter().zip(project.outputs("traffic/2020-01-31")) {
        assert!(*before == after, "{ext} changed");
    }
}

#[test]
fn half_width_punctuation_in_templates_is_flagged() {
    let project = Fixture::named("traffic");
    project.edit("templates/traffic/bulletin.md", "起；酒後", "起;酒後");
    project.edit("templates/traffic/bulletin.md", "主要數據", "主要 數據");
    let run = project.run(&["check"]).success();
    assert_eq!(
        run.stderr(),
        "\
warning: a space between Chinese characters
  --> templates/traffic/bulletin.md:5:8
  |
5 | ## 一、主要 數據
  |            ^ remove it (GB/T 15834)

warning: half-width `;` between Chinese characters
  --> templates/traffic/bulletin.md:7:32
  |
7 | 超速{{ figures.speeding.cases }}起;酒後駕駛{{ figures.drink_driving.cases }}起{% if figures.drink_driving.detained %}，行政拘留{{ figures.drink_driving.detained }}人{% endif %}。
  |                                   ^ write `；` (GB/T 15834)

"
    );
    // `build` and `publish` say the same.
    for args in [&["build"][..], &["publish", FILE]] {
        let stderr = project.run(args).success().stderr();
        assert_eq!(stderr, run.stderr(), "{args:?}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted_and_kept() {
    let project = Fixture::named("traffic");
    project.write(FILE, &format!("\u{feff}{GOOD}"));
    project.run(&["check"]).success();
    // Lines and columns are those an editor shows, the mark not counted.
    project.write(FILE, &format!("\u{feff}{}", GOOD.replace("cases: 85", "cases: x")));
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(stderr.contains("--> data/traffic/2020-01-31.yaml:8:12\n"), "{stderr}");
    // A published version keeps the file exactly, mark and all.
    project.write(FILE, &format!("\u{feff}{GOOD}"));
    project.run(&["publish", FILE]).success();
    let archived = std::fs::read(project.file("archive/traffic/2020-01-31/v1/inputs/data/traffic/2020-01-31.yaml"));
    assert!(archived.expect("archived").starts_with(b"\xEF\xBB\xBF# "));
}

#[test]
fn other_encodings_are_named() {
    let project = Fixture::named("traffic");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(project.file(FILE), utf16).expect("write");
    assert_eq!(
        project.run(&["check"]).failure().stderr(),
        "error: `data/traffic/2020-01-31.yaml` is saved as UTF-16 (little-endian)\n \
         = help: save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)\n\n"
    );
    // 一月份 in GBK: D2 BB D4 C2 B7 DD (its first pair happens to be UTF-8 too: һ).
    let rest = GOOD.split_once('\n').expect("line").1;
    let gbk = [b"# ".as_slice(), &[0xD2, 0xBB, 0xD4, 0xC2, 0xB7, 0xDD, b'\n'], rest.as_bytes()].concat();
    std::fs::write(project.file(FILE), gbk).expect("write");
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(
        stderr.starts_with("error: the file is not valid UTF-8\n  --> data/traffic/2020-01-31.yaml:1:4\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= note: it looks saved as GBK (GB2312, GB18030), the encoding of Chinese Windows\n"),
        "{stderr}"
    );
}

#[test]
fn digits_with_commas_are_named() {
    let stderr = check_with("cases: 1520", "cases: 1,520");
    assert!(stderr.starts_with("error: `cases` is written with commas\n"), "{stderr}");
    assert!(stderr.contains("= help: write digits without commas: 1520\n"), "{stderr}");
    let stderr = check_with("    cases: 85\n", "    cases: 85\n  flow: {cases: 1,362,000,000}\n");
    assert!(stderr.starts_with("error: a number written with commas\n"), "{stderr}");
    assert!(stderr.contains("= help: write digits without commas, such as 1362000000\n"), "{stderr}");
}

/// The reference period and a later one of the same year, edited by `from → to`;
/// `check` of the later one.
fn check_later(from: &str, to: &str) -> common::Run {
    let project = Fixture::shipped();
    let reference = project.read("data/shiyaohuan/2019-11-15.yaml");
    assert_eq!(reference.matches(from).count(), 1, "`{from}` should occur once");
    let later = reference.replace("2019-11-15", "2019-11-30").replacen(from, to, 1);
    project.write("data/shiyaohuan/2019-11-30.yaml", &later);
    project.run(&["check", "data/shiyaohuan/2019-11-30.yaml"])
}

#[test]
fn a_cumulative_figure_cannot_fall() {
    let stderr = check_later("food:        {cases: 186,", "food:        {cases: 150,").failure().stderr();
    assert!(stderr.starts_with("error: 食品類破獲案件數 fell from 186起 to 150起\n"), "{stderr}");
    assert!(stderr.contains("--> data/shiyaohuan/2019-11-30.yaml:3:24\n"), "{stderr}");
    assert!(
        stderr.contains("note: and 186 in the earlier period\n  --> data/shiyaohuan/2019-11-15.yaml:3:24\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= note: the series counts from 1 January (`cumulative: year`), so no figure can fall\n"),
        "{stderr}"
    );
}

#[test]
fn a_copied_period_and_a_tenfold_jump_are_warned_about() {
    let run = check_later("2019-11-15", "2019-11-30").success();
    assert!(
        run.stderr().starts_with("warning: every figure is the same as in `data/shiyaohuan/2019-11-15.yaml`\n"),
        "{}",
        run.stderr()
    );
    let run = check_later("food:        {cases: 186,", "food:        {cases: 1860,").success();
    assert!(
        run.stderr().starts_with("warning: 食品類破獲案件數 went from 186起 to 1860起, ten times or more\n"),
        "{}",
        run.stderr()
    );
    // A new year starts from nothing: January's figures may be smaller.
    let project = Fixture::shipped();
    let january = project
        .read("data/shiyaohuan/2019-11-15.yaml")
        .replace("2019-11-15", "2020-01-31")
        .replace("cases: 186,", "cases: 12,");
    project.write("data/shiyaohuan/2020-01-31.yaml", &january);
    assert_eq!(project.run(&["check"]).success().stderr(), "");
}

#[test]
fn a_total_over_a_field_some_groups_may_lack_must_say_so() {
    let project = Fixture::named("traffic");
    project.edit("templates/traffic/series.yaml", "  partial: [fines_yuan]\n", "");
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(
        stderr.starts_with("error: the total of `fines_yuan` sums group `speeding`, which may lack it\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: if the total counts what the groups give, say so: `partial: [fines_yuan]` under `totals`\n"
        ),
        "{stderr}"
    );
}

#[test]
fn an_earlier_period_saved_with_a_byte_order_mark_is_still_compared() {
    let project = Fixture::shipped();
    let reference = project.read("data/shiyaohuan/2019-11-15.yaml");
    project.write("data/shiyaohuan/2019-11-15.yaml", &format!("\u{feff}{reference}"));
    let later =
        reference.replace("2019-11-15", "2019-11-30").replace("drug:        {cases: 74,", "drug:        {cases: 70,");
    project.write("data/shiyaohuan/2019-11-30.yaml", &later);
    let stderr = project.run(&["check", "data/shiyaohuan/2019-11-30.yaml"]).failure().stderr();
    assert!(stderr.starts_with("error: 藥品類破獲案件數 fell from 74起 to 70起\n"), "{stderr}");
}

#[test]
fn a_total_over_an_optional_group_must_say_so() {
    let project = Fixture::named("traffic");
    project.edit(
        "templates/traffic/series.yaml",
        "fields: {operations: count}",
        "fields: {operations: count, cases: count}",
    );
    project.edit(
        "templates/traffic/series.yaml",
        "groups: [speeding, drink_driving]",
        "groups: [speeding, drink_driving, checkpoints]",
    );
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(
        stderr.starts_with("error: the total of `cases` sums group `checkpoints`, which may lack it\n"),
        "{stderr}"
    );
}
