//! The figure kinds beyond counts and money (signed, decimal, percent, text, date,
//! lists of records), the filters that word them, and the template checks that keep
//! arithmetic exact: each through the real binary on a small series.

mod common;

use common::Fixture;

const FILE: &str = "data/city/2021-12-31.yaml";

const SCHEMA: &str = "\
# A small series with one field of every kind.
title: '{{ as_of | date(style=\"year\") }}臨江市治安情況通報'
author: 臨江市公安局
lang: zh-Hans

groups:
  summary:
    label: 全市
    fields:
      cases: {kind: count, label: 刑事案件, unit: 起}
      visitors: {kind: count, label: 服务人次, show: {unit: 万, places: 2}}
      amount_yuan: {kind: money, label: 涉案金额, show: {unit: 万, places: 2}}
      change: signed
      ratio: decimal:2
      rate: {kind: percent:2, label: 发案率同比}
      clearance: percent:1?
      note: text:60?
      started: date
      rank: count
  categories:
    label: 分类
    fields:
      theft: {kind: count, label: 盗窃, unit: 起}
      fraud: {kind: count, label: 诈骗, unit: 起}
      robbery: {kind: count, label: 抢劫, unit: 起}
  cases:
    fields:
      list: {list: {name: text:40, district: text:10, amount_yuan: money}, min: 1, max: 5}
      list_prior: count?
";

const TEMPLATE: &str = "\
# {{ title }}

{% set s = figures.summary -%}
截至{{ as_of | date }}，全市破获刑事案件{{ s.cases | number(group=true) }}起，服务群众{{ s.visitors | number(unit=\"万\", places=2) }}人次，涉案金额{{ s.amount_yuan | amount(unit=\"万\", places=2) }}，共计{{ s.amount_yuan | amount }}。\
发案率同比{% if s.rate is negative %}下降{% else %}上升{% endif %}{{ s.rate | percent(abs=true) }}，比值{{ s.ratio }}，变化{{ s.change }}，排名全省{{ s.rank | chinese(style=\"ordinal\") }}，自{{ s.started | date(style=\"month_day\") }}起，{{ as_of | date(numerals=\"chinese\") }}。
{%- if s.clearance %}破案率{{ s.clearance | percent(places=2) }}。{% endif %}
{%- if s.note %}{{ s.note }}{% endif %}

{% for name, value in figures.categories %}{{ field_labels[name] }}{{ value }}{{ units[name] }}{% if not loop.last %}、{% endif %}{% endfor %}。{{ labels.categories }}。
{%- set y = figures.categories.theft | change(prior=figures.categories.fraud, places=2) %}
同比{{ y.diff }}，{{ y.percent }}%。
";

const FIGURES: &str = "\
as_of: 2021-12-31
figures:
  summary:
    cases: 13077
    visitors: 2044200
    amount_yuan: 4875900
    change: -16
    ratio: 0.10
    rate: -8.37
    clearance: 3.5
    note: 典型案例：**张某某**诈骗案。
    started: 2021-03-01
    rank: 1
  categories: {fraud: 300, robbery: 12, theft: 1200}
  cases:
    list:
      - {name: 张某某诈骗案, district: 东湖区, amount_yuan: 4875900}
      - {name: 王某某盗窃案, district: 临江区, amount_yuan: 12000}
";

/// A project with the series above, its figure file edited by `from → to`.
#[track_caller]
fn project(from: &str, to: &str) -> Fixture {
    let project = Fixture::named("traffic");
    std::fs::remove_dir_all(project.file("data/traffic")).expect("rm");
    project.write("templates/city/series.yaml", SCHEMA);
    project.write("templates/city/bulletin.md", TEMPLATE);
    for name in ["style.css", "layout.typ", "correction.md"] {
        project.write(&format!("templates/city/{name}"), &project.read(&format!("templates/traffic/{name}")));
    }
    assert!(from.is_empty() || FIGURES.matches(from).count() == 1, "`{from}` should occur once");
    project.write(FILE, &FIGURES.replacen(from, to, 1));
    project
}

#[track_caller]
fn failing(from: &str, to: &str) -> String {
    project(from, to).run(&["check"]).failure().stderr()
}

#[test]
fn every_kind_is_worded_exactly() {
    let project = project("", "");
    project.run(&["build"]).success();
    let md = project.read("out/city/2021-12-31.md");
    assert_eq!(
        md,
        "\
# 2021年臨江市治安情況通報

截至2021年12月31日，全市破获刑事案件13,077起，服务群众204.42万人次，涉案金额487.59万元，共计487.6万元。\
发案率同比下降8.37%，比值0.10，变化-16，排名全省第一，自3月1日起，二〇二一年十二月三十一日。破案率3.50%。典型案例：**张某某**诈骗案。

盗窃1200起、诈骗300起、抢劫12起。分类。
同比900，300.00%。
"
    );
    let html = project.read("out/city/2021-12-31.html");
    assert!(html.contains("<title>2021年臨江市治安情況通報</title>"), "{html}");
    assert!(html.contains("<strong>张某某</strong>"), "inline Markdown of a text field: {html}");
}

#[test]
fn a_loop_over_a_group_is_the_same_on_every_run() {
    let project = project("", "");
    let mut first = None;
    for _ in 0..20 {
        project.run(&["build", "--force"]).success();
        let md = project.read("out/city/2021-12-31.md");
        assert!(md.contains("盗窃1200起、诈骗300起、抢劫12起"), "schema order, not file order: {md}");
        assert_eq!(first.get_or_insert_with(|| md.clone()), &md);
    }
}

#[test]
fn decimals_keep_their_places_or_are_refused() {
    assert_eq!(
        failing("rate: -8.37", "rate: -8.370"),
        "\
error: `rate` (全市 发案率同比) has 3 decimal places, more than 2
  --> data/city/2021-12-31.yaml:9:11
  |
9 |     rate: -8.370
  |           ^^^^^^ expected at most 2 places, such as 8.37
  |
  = note: the series declares it `percent:2`

"
    );
    assert_eq!(
        failing("rate: -8.37", "rate: -8.37%"),
        "\
error: `rate` (全市 发案率同比) is written with `%`
  --> data/city/2021-12-31.yaml:9:11
  |
9 |     rate: -8.37%
  |           ^^^^^^ expected a percentage with at most 2 places, such as 8.37, found `-8.37%`
  |
  = help: the kind says it is a percentage; write -8.37

"
    );
    assert!(failing("ratio: 0.10", "ratio: 1e3").contains("error: `ratio` (全市) is a decimal\n"));
    assert!(failing("ratio: 0.10", "ratio: .5").contains("is a decimal"));
    assert!(failing("change: -16", "change: -1.5").contains("error: `change` (全市) must be a whole number"));
    assert!(failing("cases: 13077", "cases: -3").contains("cannot be negative"));
}

#[test]
fn text_dates_and_lists_are_checked() {
    let long = "很".repeat(61);
    assert!(
        failing("note: 典型案例：**张某某**诈骗案。", &format!("note: {long}"))
            .contains("error: `note` (全市) is 61 characters long")
    );
    assert!(failing("note: 典型案例：**张某某**诈骗案。", "note: \"# 标题\"").contains("would start a heading"));
    assert!(
        failing("note: 典型案例：**张某某**诈骗案。", "note: \"第一行\\n\\n第二行\"").contains("is more than one line")
    );
    assert!(failing("started: 2021-03-01", "started: 2021-02-30").contains("month 2 of 2021 has 28 days"));
    assert_eq!(
        failing("amount_yuan: 12000}", "amount: 12000}"),
        "\
error: unknown field `amount` in record 2 of `list`
   --> data/city/2021-12-31.yaml:18:39
   |
18 |       - {name: 王某某盗窃案, district: 临江区, amount: 12000}
   |                                                ^^^^^^ not a field of this series
   |
   = help: did you mean `amount_yuan`?
   = note: expected one of `name`, `district` or `amount_yuan`

"
    );
    let many = "      - {name: 甲, district: 乙, amount_yuan: 1}\n".repeat(5);
    let stderr = failing("  cases:\n    list:\n", &format!("  cases:\n    list:\n{many}"));
    assert!(stderr.contains("error: `list` holds 7 records"), "{stderr}");
    assert!(stderr.contains("expected from 1 to 5 records"), "{stderr}");
}

#[test]
fn templates_that_divide_or_write_decimals_are_refused() {
    let project = project("", "");
    project.edit("templates/city/bulletin.md", "{{ y.diff }}", "{{ y.diff / 3 }}{{ 0.5 }}");
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(stderr.starts_with("error: division in a template\n   --> templates/city/bulletin.md:10:13\n"), "{stderr}");
    assert!(stderr.contains("error: a decimal number in a template\n"), "{stderr}");
    let project = self::project("", "");
    project.edit("templates/city/bulletin.md", "{{ s.ratio }}", "{{ s.ratio | round }}");
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(stderr.contains("the `round` filter would pass a figure through floating point"), "{stderr}");
}

#[test]
fn numbers_typed_into_prose_are_warned_about() {
    let project = project("", "");
    project.edit("templates/city/bulletin.md", "全市破获", "2021年全市破获秦岭6市");
    project.edit("templates/city/series.yaml", "lang: zh-Hans\n", "lang: zh-Hans\nliterals: [秦岭6市]\n");
    let stderr = project.run(&["check"]).success().stderr();
    assert_eq!(
        stderr,
        "\
warning: the number 2021 is typed into the template
  --> templates/city/bulletin.md:4:22
  |
4 | 截至{{ as_of | date }}，2021年全市破获秦岭6市刑事案件{{ s.cases | number(group=true) }}起，服务群众{{ s.visitors | number(unit=\"万\", places=2) }}人次，涉案金额{{ s.amount_yuan | amount(unit=\"万\", places=2) }}，共计{{ s.amount_yuan | amount }}。发案率同比{% if s.rate is negative %}下降{% else %}上升{% endif %}{{ s.rate | percent(abs=true) }}，比值{{ s.ratio }}，变化{{ s.change }}，排名全省{{ s.rank | chinese(style=\"ordinal\") }}，自{{ s.started | date(style=\"month_day\") }}起，{{ as_of | date(numerals=\"chinese\") }}。
  |                         ^^^^ right in one period, wrong in the next
  |
  = help: take the year from the period: `{{ as_of | date(style=\"year\") }}`

"
    );
}

#[test]
fn identifiers_are_not_taken_for_typed_figures() {
    // Issue 22: `PM2.5`, `μg/m3`, `表1` had to be allowed one by one in `literals`. A
    // name or a unit is not a figure; a number typed beside them still is, and the help
    // says how to take it from the figure file.
    let project = project("", "");
    project.edit(
        "templates/city/bulletin.md",
        "全市破获",
        "PM2.5浓度（μg/m3）、CO2、5G基站、COVID-19见表1和附件2，全市58起，破获",
    );
    let stderr = project.run(&["check"]).success().stderr();
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.starts_with("warning: the number 58 is typed into the template\n"), "{stderr}");
    assert!(
        stderr.contains("= help: take it from the figure file: a field of series.yaml's groups, written `{{ figures.GROUP.FIELD }}`\n"),
        "{stderr}"
    );
    assert!(stderr.contains("= help: or, if the prose means this number in every period, list it in series.yaml: `literals: [\"全市58起\"]`"), "{stderr}");
}

#[test]
fn schema_errors_point_at_their_own_line() {
    let project = project("", "");
    project.edit(
        "templates/city/series.yaml",
        "  cases:\n    fields:\n",
        "  cases:\n    fields:\n      # totals: [list] would be wrong\n",
    );
    project.write(
        "templates/city/series.yaml",
        &(project.read("templates/city/series.yaml") + "totals:\n  groups: [categories]\n  fields: [theft, thefts]\n"),
    );
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(stderr.starts_with("error: the series schema names an unknown field `thefts`\n"), "{stderr}");
    // The line of `fields: [theft, thefts]`, below a comment that also says `totals`.
    let line = project.read("templates/city/series.yaml").lines().position(|l| l.contains("thefts")).unwrap() + 1;
    assert!(stderr.contains(&format!("--> templates/city/series.yaml:{line}:19\n")), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}

#[test]
fn text_that_would_change_the_page_is_refused() {
    let field = "note: 典型案例：**张某某**诈骗案。";
    for (text, problem) in [
        ("\"<!-- 见附件\"", "holds HTML"),
        ("\"[注]: 以上数据为初步统计\"", "does not read as a paragraph of text"),
        ("\"王某|李某\"", "holds `|`"),
        ("\"[点此](javascript:alert(1))\"", "holds a link"),
        ("\"![图](http://x/y.png)\"", "holds an image"),
        ("\"前\u{200E}后\"", "holds the invisible character U+200E"),
        ("\"1. 第一\"", "would start a list"),
    ] {
        let stderr = failing(field, &format!("note: {text}"));
        assert!(stderr.contains(&format!("error: `note` (全市) {problem}")), "{text}: {stderr}");
        assert!(stderr.contains("--> data/city/2021-12-31.yaml:11:11"), "{text}: {stderr}");
    }
}

#[test]
fn tags_and_leading_zeros_are_refused() {
    let stderr = failing("cases: 13077", "cases: !!str 13077");
    assert!(stderr.starts_with("error: YAML tags such as `!!str` are not allowed\n"), "{stderr}");
    let stderr = failing("cases: 13077", "cases: 013077");
    assert!(stderr.contains("error: `cases` (全市 刑事案件) is written with a leading zero"), "{stderr}");
    assert!(stderr.contains("= help: write 13077"), "{stderr}");
    assert!(failing("ratio: 0.10", "ratio: 00.10").contains("= help: write 0.10"));
    assert!(failing("started: 2021-03-01", "started: 0000-03-01").contains("there is no year 0"));
}

#[test]
fn a_total_over_a_field_that_is_text_in_one_group_is_refused() {
    let project = project("", "");
    project.write(
        "templates/city/series.yaml",
        &(project.read("templates/city/series.yaml")
            + "  other:\n    optional: true\n    fields: {theft: text}\ntotals:\n  groups: [categories, other]\n  fields: [theft]\n  partial: [theft]\n"),
    );
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(stderr.starts_with("error: the total of `theft` sums group `other`, where it is text:500\n"), "{stderr}");
}

#[test]
fn a_templated_title_is_reported_where_series_yaml_writes_it() {
    let project = project("", "");
    project.edit("templates/city/series.yaml", "date(style=\"year\")", "date(style=\"yaer\")");
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(stderr.contains("unknown date style `yaer`"), "{stderr}");
    assert!(stderr.contains("--> templates/city/series.yaml:2:"), "{stderr}");
    assert!(stderr.contains("2 | title: '{{ as_of | date(style=\"yaer\") }}臨江市治安情況通報'"), "{stderr}");
}

#[test]
fn numbers_in_string_literals_and_titles_are_typed_numbers_too() {
    let project = project("", "");
    project.edit("templates/city/bulletin.md", "全市破获", "{{ \"2020年\" }}全市破获6.5亿");
    project.edit("templates/city/series.yaml", "}}臨江市", "}}臨江市第3次");
    let stderr = project.run(&["check"]).success().stderr();
    assert!(stderr.contains("warning: the number 2020 is typed into the template\n"), "{stderr}");
    assert!(stderr.contains("warning: the number 6.5 is typed into the template\n"), "{stderr}");
    assert!(
        stderr.contains("warning: the number 3 is typed into the template\n  --> templates/city/series.yaml:2:"),
        "{stderr}"
    );
}

const AIR_SCHEMA: &str = "\
# A monthly ranking of districts by an air-quality index (lower is better).
title: '{{ as_of | date(style=\"year_month\") }}临江市环境空气质量状况'
author: 临江市生态环境局
lang: zh-Hans
period: month

groups:
  air:
    fields:
      days: count
      good_days: count
      good_rate_prior: percent:1
      districts:
        list: {name: text:10, index: decimal:2, index_prior: decimal:2, good_days: count}
        key: name
        min: 1
        max: 20
";

const AIR_TEMPLATE: &str = "\
# {{ title }}

{% set a = figures.air -%}
{% set d = a.districts -%}
{%- set rate = ratio(a=a.good_days, b=a.days) -%}
{%- set p = rate | points(prior=a.good_rate_prior) -%}
{{ as_of | date(style=\"month_only\") }}，全市优良天数{{ a.good_days }}天，优良天数比例为{{ rate | percent }}，\
比{{ as_of | date(style=\"last_year\") }}同期{% if p.change > 0 %}上升{% elif p.change < 0 %}下降{% else %}持平{% endif %}{{ p.diff }}个百分点；\
各区优良天数合计{{ d | sum(attribute=\"good_days\") }}天。\
{%- set mean = d | mean(attribute=\"index\", places=2) -%}
各区综合指数在{{ d | min(attribute=\"index\") }}至{{ d | max(attribute=\"index\") }}之间，平均{{ mean }}，\
最好的是{{ d | argmin(attribute=\"index\") | join_names(attribute=\"name\") }}，最差的是{{ d | argmax(attribute=\"index\") | join_names(attribute=\"name\") }}，\
高于平均的有{{ d | select(attribute=\"index\", op=\">\", value=mean) | join_names(attribute=\"name\") }}。
{%- set fell = d | select(attribute=\"index\", change=\"fell\", prior=\"index_prior\") %}
与去年同期相比，{{ fell | length | chinese }}个区下降（{{ fell | join_names(attribute=\"name\") }}），\
{{ d | select(attribute=\"index\", change=\"rose\", prior=\"index_prior\") | join_names(attribute=\"name\") }}上升，\
{{ d | select(attribute=\"index\", change=\"unchanged\", prior=\"index_prior\") | join_names(attribute=\"name\") }}持平。\
从高到低：{{ d | sort(attribute=\"index\", descending=true, then=\"name\") | join_names(attribute=\"name\", last=\"、\") }}。\
本期为{{ as_of | date(style=\"year_quarter\") }}、{{ as_of | date(style=\"year_half\") }}。

| 排名 | 区 | 综合指数 |
|---|---|---|
{% for r in d | rank(attribute=\"index\", method=\"competition\", then=\"name\") -%}
| {% if r.first_of_tie %}{{ r.rank }}{% if r.tied %}（并列）{% endif %}{% endif %} | {{ r.name }} | {{ r.index }} |
{% endfor %}";

const AIR_FIGURES: &str = "\
as_of: 2024-08-31
figures:
  air:
    days: 31
    good_days: 24
    good_rate_prior: 74.2
    districts:
      - {name: 东城, index: 4.10, index_prior: 4.30, good_days: 25}
      - {name: 西城, index: 4.10, index_prior: 4.10, good_days: 24}
      - {name: 南湖, index: 3.95, index_prior: 4.02, good_days: 26}
      - {name: 北山, index: 10.0, index_prior: 9.8, good_days: 20}
      - {name: 临江, index: 3.95, index_prior: 3.80, good_days: 27}
      - {name: 新区, index: 5.2, index_prior: 5.6, good_days: 22}
";

/// A project with the monthly air-quality series above (and the traffic series).
#[track_caller]
fn air() -> Fixture {
    let project = Fixture::named("traffic");
    project.write("templates/air/series.yaml", AIR_SCHEMA);
    project.write("templates/air/bulletin.md", AIR_TEMPLATE);
    for name in ["style.css", "layout.typ", "correction.md"] {
        project.write(&format!("templates/air/{name}"), &project.read(&format!("templates/traffic/{name}")));
    }
    project.write("data/air/2024-08-31.yaml", AIR_FIGURES);
    project
}

#[test]
fn a_ranking_and_its_prose_are_derived_exactly_from_the_list() {
    let project = air();
    let run = project.run(&["build", "--without", "pdf,docx", "data/air/2024-08-31.yaml"]).success();
    assert_eq!(run.stderr(), "", "no warning: no typed number, no float");
    // 24 of 31 days is 77.4%, 3.2 points above 74.2; 10.0 is the greatest index,
    // not the least as text would have it; 31.30 / 6 = 5.2166… is 5.22.
    assert_eq!(
        project.read("out/air/2024-08-31.md"),
        "\
# 2024年8月临江市环境空气质量状况

8月，全市优良天数24天，优良天数比例为77.4%，比2023年同期上升3.2个百分点；各区优良天数合计144天。\
各区综合指数在3.95至10.0之间，平均5.22，最好的是南湖和临江，最差的是北山，高于平均的有北山。
与去年同期相比，三个区下降（东城、南湖和新区），北山和临江上升，西城持平。\
从高到低：北山、新区、东城、西城、临江、南湖。本期为2024年三季度、2024年下半年。

| 排名 | 区 | 综合指数 |
|---|---|---|
| 1（并列） | 临江 | 3.95 |
|  | 南湖 | 3.95 |
| 3（并列） | 东城 | 4.10 |
|  | 西城 | 4.10 |
| 5 | 新区 | 5.2 |
| 6 | 北山 | 10.0 |
"
    );
}

#[test]
fn a_cumulative_period_is_named_from_the_date() {
    let project = air();
    let line = "累计期：{{ as_of | date(style=\"year_months_to_date\") }}，{{ as_of | date(style=\"months_to_date\", dash=\"~\") }}，\
        {{ as_of | date(style=\"months_to_date\", numerals=\"chinese\") }}，{{ as_of | date(style=\"year_quarters_to_date\") }}，\
        {{ as_of | date(style=\"quarters_to_date\") }}。\n\n";
    project.edit("templates/air/bulletin.md", "| 排名 | 区 | 综合指数 |", &format!("{line}| 排名 | 区 | 综合指数 |"));
    // January to the period's month, and the quarters to its quarter's end, as
    // statistical releases name a cumulative figure's period; January alone is 1月.
    for (date, expected) in [
        ("2024-08-31", "累计期：2024年1—8月，1~8月，一至八月，2024年前三季度，前三季度。"),
        ("2024-06-30", "累计期：2024年1—6月，1~6月，一至六月，2024年上半年，上半年。"),
        ("2025-01-31", "累计期：2025年1月，1月，一月，2025年一季度，一季度。"),
        ("2024-12-31", "累计期：2024年1—12月，1~12月，一至十二月，2024年全年，全年。"),
    ] {
        project.write(&format!("data/air/{date}.yaml"), &AIR_FIGURES.replace("2024-08-31", date));
        let path = format!("data/air/{date}.yaml");
        project.run(&["build", "--without", "pdf,docx", &path]).success();
        let markdown = project.read(&format!("out/air/{date}.md"));
        assert!(markdown.contains(&format!("{expected}\n")), "{date}: {markdown}");
    }
    // A mark no release uses is refused where the template writes it.
    project.edit("templates/air/bulletin.md", "dash=\"~\"", "dash=\"/\"");
    let stderr = project.run(&["check", "data/air/2024-08-31.yaml"]).failure().stderr();
    assert!(stderr.contains("unknown dash `/`, expected one of `—`, `-`, `~`, `～`, `至`"), "{stderr}");
}

#[test]
fn a_wrong_list_argument_is_reported_at_its_template_line() {
    let project = air();
    project.edit("templates/air/bulletin.md", "method=\"competition\"", "method=\"olympic\"");
    assert_eq!(
        project.run(&["check", "data/air/2024-08-31.yaml"]).failure().stderr(),
        "\
error: template error while rendering `data/air/2024-08-31.yaml`: the `rank` filter needs `method=\"competition\"` (ties share a rank and the next skips: 1, 1, 3) or `method=\"dense\"` (1, 1, 2), not `olympic`
   --> templates/air/bulletin.md:14:17
   |
14 | {% for r in d | rank(attribute=\"index\", method=\"olympic\", then=\"name\") -%}
   |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ here

"
    );
}

#[test]
fn a_monthly_series_starts_the_next_month() {
    let project = air();
    let run = project.run(&["new", "air"]).success();
    assert_eq!(
        run.stdout(),
        "wrote data/air/2024-09-30.yaml from data/air/2024-08-31.yaml\n  \
         as_of: 2024-09-30 (the month after 2024-08-31)\n  \
         every other figure: as in data/air/2024-08-31.yaml, until you type this period's\n\
         then `bulletin check data/air/2024-09-30.yaml` says what is still to do\n"
    );
    assert_eq!(project.read("data/air/2024-09-30.yaml"), AIR_FIGURES.replace("2024-08-31", "2024-09-30"));
    // And the next: a month of 31 days.
    let run = project.run(&["new", "air"]).success();
    assert!(run.stdout().contains("  as_of: 2024-10-31 (the month after 2024-09-30)\n"), "{}", run.stdout());
    // A series that declares no period needs the date.
    let stderr = project.run(&["new", "traffic"]).failure().stderr();
    assert!(stderr.starts_with("error: the series `traffic` declares no period, so `new` needs a date\n"), "{stderr}");
    assert!(stderr.contains("= help: give the period's date: `bulletin new traffic YYYY-MM-DD`\n"), "{stderr}");
    // A period that is not one is refused where series.yaml writes it.
    project.edit("templates/air/series.yaml", "period: month", "period: monthly");
    let stderr = project.run(&["check", "data/air/2024-08-31.yaml"]).failure().stderr();
    assert!(
        stderr.starts_with(
            "error: invalid series schema: period: unknown variant `monthly`, expected one of `month`, `quarter`, `year`, `date`\n  --> templates/air/series.yaml:5:9\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_date_that_does_not_end_its_period_is_warned_about() {
    let project = air();
    // A monthly series dated mid-month: a warning at `as_of`, naming the month's end.
    project.write("data/air/2024-08-15.yaml", &AIR_FIGURES.replace("2024-08-31", "2024-08-15"));
    std::fs::remove_file(project.file("data/air/2024-08-31.yaml")).expect("remove");
    let run = project.run(&["check", "data/air/2024-08-15.yaml"]).success();
    assert_eq!(
        run.stderr(),
        "warning: `as_of` 2024-08-15 is not the last day of its period, which series.yaml declares as `period: month`\n  \
         --> data/air/2024-08-15.yaml:1:8\n  |\n1 | as_of: 2024-08-15\n  |        ^^^^^^^^^^ the period ends on 2024-08-31\n  |\n  \
         = help: a period is dated on its last day: name the file 2024-08-31.yaml and write `as_of: 2024-08-31`, or declare `period: date` in series.yaml for a series dated on any day\n\n"
    );
    // Quarterly and yearly: the quarter's and the year's last day.
    for (period, end) in [("quarter", "2024-09-30"), ("year", "2024-12-31")] {
        project.edit("templates/air/series.yaml", "period: month", &format!("period: {period}"));
        let stderr = project.run(&["check", "data/air/2024-08-15.yaml"]).success().stderr();
        assert!(stderr.contains(&format!("`period: {period}`\n")), "{period}: {stderr}");
        assert!(stderr.contains(&format!("the period ends on {end}\n")), "{period}: {stderr}");
        project.edit("templates/air/series.yaml", &format!("period: {period}"), "period: month");
    }
    // At the period's end, no warning.
    std::fs::remove_file(project.file("data/air/2024-08-15.yaml")).expect("remove");
    project.write("data/air/2024-08-31.yaml", AIR_FIGURES);
    assert_eq!(project.run(&["check", "data/air/2024-08-31.yaml"]).success().stderr(), "");
    // A series dated on any day is never warned.
    project.edit("templates/air/series.yaml", "period: month", "period: date");
    project.write("data/air/2024-08-15.yaml", &AIR_FIGURES.replace("2024-08-31", "2024-08-15"));
    assert_eq!(project.run(&["check", "data/air/2024-08-15.yaml"]).success().stderr(), "");
}
