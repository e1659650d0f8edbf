//! How figures are written in words: amounts in 萬/億 (万/亿), grouped digits,
//! percentages, changes against last year, dates and Chinese numerals.
//!
//! The template filters and the program's own sentences (correction notes, `diff`)
//! both print through here, so a figure reads the same wherever it appears. Every
//! function is exact: integers and decimals, rounded half-up (away from zero), never
//! a float.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::core::date::Date;
use crate::i18n::t;

/// The most decimal places a filter prints.
pub const MAX_PLACES: u32 = 6;

/// Which characters a series writes in: the words of every filter follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Traditional characters (萬, 億).
    Hant,
    /// Simplified characters (万, 亿).
    Hans,
}

impl Script {
    /// 萬 or 万.
    pub fn wan(self) -> &'static str {
        match self {
            Self::Hant => "萬",
            Self::Hans => "万",
        }
    }

    /// 億 or 亿.
    pub fn yi(self) -> &'static str {
        match self {
            Self::Hant => "億",
            Self::Hans => "亿",
        }
    }

    /// A word of the program's own sentences in this script.
    pub fn word(self, word: Word) -> &'static str {
        match (word, self) {
            (Word::RecordAdded, Self::Hant) => "（新增）",
            (Word::RecordAdded, Self::Hans) => "（新增）",
            (Word::RecordRemoved, Self::Hant) => "（刪去）",
            (Word::RecordRemoved, Self::Hans) => "（删去）",
            (Word::NotGiven, Self::Hant) => "（未填報）",
            (Word::NotGiven, Self::Hans) => "（未填报）",
            (Word::NoComparison, Self::Hant) => "（無從比較）",
            (Word::NoComparison, Self::Hans) => "（无从比较）",
            (Word::Up, _) => "上升",
            (Word::Down, _) => "下降",
            (Word::Same, _) => "持平",
            (Word::YearOnYear, _) => "同比",
            (Word::PublishedAt, Self::Hant) => "發布時間",
            (Word::PublishedAt, Self::Hans) => "发布时间",
            (Word::Source, Self::Hant) => "來源",
            (Word::Source, Self::Hans) => "来源",
            (Word::Download, Self::Hant) => "下載",
            (Word::Download, Self::Hans) => "下载",
            (Word::Draft, _) => "草稿",
            (Word::NotPublished, Self::Hant) => "草稿，尚未發布",
            (Word::NotPublished, Self::Hans) => "草稿，尚未发布",
            (Word::CorrectionHeading, Self::Hant) => "更正說明",
            (Word::CorrectionHeading, Self::Hans) => "更正说明",
            (Word::NoticeTitle, Self::Hant) => "關於《{{ title }}》的更正說明",
            (Word::NoticeTitle, Self::Hans) => "关于《{{ title }}》的更正说明",
        }
    }
}

/// The few words the program writes itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// A figure the file does not give.
    NotGiven,
    /// A record a keyed list did not have before (in place of its earlier value).
    RecordAdded,
    /// A record a keyed list no longer has (in place of its value now).
    RecordRemoved,
    /// A comparison without last year's figure.
    NoComparison,
    /// Went up.
    Up,
    /// Went down.
    Down,
    /// Stayed the same.
    Same,
    /// Year on year.
    YearOnYear,
    /// The date line of a web page (發布時間).
    PublishedAt,
    /// The source line of a web page (來源).
    Source,
    /// The links to the other formats (下載).
    Download,
    /// The mark of a draft (草稿), outside the text block of its pages.
    Draft,
    /// What a draft's date line says instead of a day (草稿，尚未發布).
    NotPublished,
    /// The heading of a correction note (更正說明).
    CorrectionHeading,
    /// The title of a correction notice issued on its own, a template of the
    /// bulletin's `title` (關於《…》的更正說明).
    NoticeTitle,
}

/// The unit an amount or a number is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 元 below 1萬, 萬 below 1億, else 億 (amounts only).
    Auto,
    /// As is (whole yuan for an amount).
    One,
    /// Tens of thousands.
    Wan,
    /// Hundreds of millions.
    Yi,
}

impl Unit {
    /// Reads a unit as a template or series.yaml writes it, in either script.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "auto" => Ok(Self::Auto),
            "元" | "" | "one" => Ok(Self::One),
            "萬" | "万" => Ok(Self::Wan),
            "億" | "亿" => Ok(Self::Yi),
            _ => Err(t!("format-unknown-unit", text = text).text),
        }
    }

    fn power(self) -> u32 {
        match self {
            Self::Wan => 4,
            Self::Yi => 8,
            Self::Auto | Self::One => 0,
        }
    }

    fn word(self, script: Script) -> &'static str {
        match self {
            Self::Wan => script.wan(),
            Self::Yi => script.yi(),
            Self::Auto | Self::One => "",
        }
    }
}

/// How many decimal places to print: `None` is one place with a trailing `.0`
/// dropped (the bulletin's habit: 16.7億元, 13億元); `Some(n)` is exactly n.
pub type Places = Option<u32>;

/// Rounds half-up (away from zero) to `places` and prints: exactly that many places,
/// or for `None` one place without a trailing `.0`.
fn fixed(value: Decimal, places: Places) -> String {
    let n = places.unwrap_or(1);
    let mut rounded = value.round_dp_with_strategy(n, RoundingStrategy::MidpointAwayFromZero);
    if places.is_none() {
        rounded = rounded.normalize();
    } else {
        rounded.rescale(n);
    }
    // -0.0 after rounding is 0.
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded.to_string()
}

/// An amount of yuan in words: `16.7億元`, `6588.4萬元`, `9000元` (unit `Auto`, one
/// place, a trailing `.0` dropped), or in a fixed unit with exactly `places` places
/// (`487.59萬元`).
///
/// With `Auto`, 萬 is chosen from 1萬 after rounding and 億 from 10000萬 after
/// rounding: 99999999 yuan is 1億元, 9499 yuan is 9499元.
pub fn amount(yuan: u64, script: Script, unit: Unit, places: Places) -> String {
    let value = Decimal::from(yuan);
    let unit = match unit {
        Unit::Auto => {
            let wan = round_places(value / Decimal::from(10_000), places);
            if wan >= Decimal::from(10_000) {
                Unit::Yi
            } else if wan >= Decimal::ONE {
                Unit::Wan
            } else {
                Unit::One
            }
        }
        unit => unit,
    };
    let words = match unit {
        Unit::One | Unit::Auto => yuan.to_string(),
        unit => fixed(scaled(value, unit), places),
    };
    format!("{words}{}元", unit.word(script))
}

fn round_places(value: Decimal, places: Places) -> Decimal {
    value.round_dp_with_strategy(places.unwrap_or(1), RoundingStrategy::MidpointAwayFromZero)
}

/// Rounded half-up (away from zero) to exactly `places` places: 2.25 → 2.3, 2 → 2.0.
pub fn round(value: Decimal, places: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(places);
    rounded
}

/// A value in a unit: divided by 10⁴ or 10⁸, exactly (the decimal point moves).
fn scaled(value: Decimal, unit: Unit) -> Decimal {
    let mut scaled = value;
    let scale = value.scale() + unit.power();
    if scale <= 28 {
        scaled.set_scale(scale).ok();
        scaled
    } else {
        value / Decimal::from(10u64.pow(unit.power()))
    }
}

/// How `number` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// Digits grouped by thousands (`13,077`).
    pub group: bool,
    /// As is, or in 萬 / 億.
    pub unit: Unit,
    /// Places; `None`: as written, or one place without `.0` when in 萬 or 億.
    pub places: Places,
}

impl Default for NumberStyle {
    fn default() -> Self {
        Self { group: false, unit: Unit::One, places: None }
    }
}

/// A number in words: `13077`, `13,077`, `204.42萬`, `-16`, `3.25`.
pub fn number(value: Decimal, script: Script, style: NumberStyle) -> String {
    let text = match (style.unit, style.places) {
        (Unit::One | Unit::Auto, None) => value.to_string(),
        (Unit::One | Unit::Auto, places) => fixed(value, places),
        (unit, places) => fixed(scaled(value, unit), places),
    };
    let text = if style.group { grouped(&text) } else { text };
    format!("{text}{}", style.unit.word(script))
}

/// Digits grouped by thousands in the whole part: `-1234567.25` → `-1,234,567.25`.
fn grouped(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (whole, fraction) = rest.split_once('.').map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut out = String::from(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A percentage: `8.37%`; `places` rounds half-up or pads; `abs` drops the sign.
pub fn percent(value: Decimal, places: Places, abs: bool) -> String {
    let value = if abs { value.abs() } else { value };
    let text = match places {
        None => value.to_string(),
        places => fixed(value, places),
    };
    format!("{text}%")
}

/// The change from last year's figure (`prior`) to this year's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// -1 fewer, 0 the same, 1 more.
    pub change: i8,
    /// How many more or fewer, never negative.
    pub diff: Decimal,
    /// |diff| / |prior| in percent, rounded half-up to the places asked for and
    /// printed with all of them (`19.8`, `20.0`); `None` when `prior` is zero.
    pub percent: Option<String>,
}

/// Compares this year's figure with last year's, to `places` places of a percent.
pub fn change(current: Decimal, prior: Decimal, places: u32) -> Result<Change, String> {
    let change = match current.cmp(&prior) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    };
    let diff = (current - prior).abs();
    let percent = if prior.is_zero() { None } else { Some(ratio_percent(diff, prior.abs(), places)?) };
    Ok(Change { change, diff, percent })
}

/// `part / whole` in percent to `places` places, half-up, printed with all of them.
fn ratio_percent(part: Decimal, whole: Decimal, places: u32) -> Result<String, String> {
    quotient(part, whole, 100, places).map(|ratio| ratio.to_string()).map_err(|_| t!("format-too-large").text)
}

/// `a / b × per` rounded half-up (away from zero) to exactly `places` places,
/// computed on integers: `quotient(24, 31, 100, 1)` is 77.4 (percent), `per` 1 a
/// plain quotient.
pub fn quotient(a: Decimal, b: Decimal, per: u64, places: u32) -> Result<Decimal, String> {
    if b.is_zero() {
        return Err(t!("format-division-by-zero").text);
    }
    let too_large = || format!("{a} / {b} is too large to compute exactly");
    let (a, b) = (a.normalize(), b.normalize());
    let power = |n: u32| 10u128.checked_pow(n).ok_or_else(too_large);
    // a / b = (ma / 10^sa) / (mb / 10^sb): in units of 10^-places,
    // ma · per · 10^(sb + places) / (mb · 10^sa), half-up: (2n + d) / 2d.
    let numerator = a
        .mantissa()
        .unsigned_abs()
        .checked_mul(u128::from(per))
        .and_then(|n| n.checked_mul(power(b.scale() + places).ok()?))
        .ok_or_else(too_large)?;
    let denominator = b.mantissa().unsigned_abs().checked_mul(power(a.scale())?).ok_or_else(too_large)?;
    let units = numerator
        .checked_mul(2)
        .and_then(|n| n.checked_add(denominator))
        .and_then(|n| Some(n / denominator.checked_mul(2)?))
        .ok_or_else(too_large)?;
    let units = i128::try_from(units).map_err(|_| too_large())?;
    let negative = a.is_sign_negative() != b.is_sign_negative();
    Decimal::try_from_i128_with_scale(if negative { -units } else { units }, places).map_err(|_| too_large())
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// 2021年12月31日.
    Full,
    /// 12月31日.
    MonthDay,
    /// 2021年12月 (`month`, or `year_month`).
    Month,
    /// 12月.
    MonthOnly,
    /// 2021年.
    Year,
    /// 四季度, as statistical releases name a quarter.
    Quarter,
    /// 2021年四季度.
    YearQuarter,
    /// 上半年 or 下半年.
    Half,
    /// 2021年下半年.
    YearHalf,
    /// 2020年: the year before.
    LastYear,
    /// 1—8月: from January to the date's month, as a cumulative figure's period is
    /// written (1月 alone in January).
    MonthsToDate,
    /// 2024年1—8月.
    YearMonthsToDate,
    /// 一季度, 上半年, 前三季度 or 全年: from January to the end of the date's quarter.
    QuartersToDate,
    /// 2024年前三季度.
    YearQuartersToDate,
}

/// The styles by the names templates write, in the order an error lists them.
const DATE_STYLES: [(&str, DateStyle); 15] = [
    ("full", DateStyle::Full),
    ("month_day", DateStyle::MonthDay),
    ("month", DateStyle::Month),
    ("year_month", DateStyle::Month),
    ("month_only", DateStyle::MonthOnly),
    ("year", DateStyle::Year),
    ("quarter", DateStyle::Quarter),
    ("year_quarter", DateStyle::YearQuarter),
    ("half", DateStyle::Half),
    ("year_half", DateStyle::YearHalf),
    ("last_year", DateStyle::LastYear),
    ("months_to_date", DateStyle::MonthsToDate),
    ("year_months_to_date", DateStyle::YearMonthsToDate),
    ("quarters_to_date", DateStyle::QuartersToDate),
    ("year_quarters_to_date", DateStyle::YearQuartersToDate),
];

/// The marks a span of months may be written with (`1—8月`, `1~8月`, `一至八月`).
pub const DATE_DASHES: [&str; 5] = ["—", "-", "~", "～", "至"];

impl DateStyle {
    /// Reads a style as a template writes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        match DATE_STYLES.iter().find(|(name, _)| *name == text) {
            Some(&(_, style)) => Ok(style),
            None => {
                let names: Vec<String> = DATE_STYLES.iter().map(|(name, _)| format!("`{name}`")).collect();
                Err(t!("format-unknown-date-style", text = text, names = names.join(", ")).text)
            }
        }
    }
}

/// A date in words, in Arabic or Chinese numerals (`二〇二一年十二月三十一日`); a
/// quarter is always in Chinese numerals (三季度), as statistical releases write it.
pub fn date(date: Date, style: DateStyle, chinese: bool, script: Script) -> String {
    date_spanning(date, style, chinese, script, None)
}

/// [`date`], a span of months written with `dash` (one of [`DATE_DASHES`]; by
/// default `—`, and `至` in Chinese numerals: 一至八月).
pub fn date_spanning(date: Date, style: DateStyle, chinese: bool, script: Script, dash: Option<&str>) -> String {
    let year = |year: u16| if chinese { digits(u64::from(year)) } else { year.to_string() };
    let small = |n: u8| if chinese { numeral(u64::from(n), script) } else { n.to_string() };
    let quarter = format!("{}季度", numeral(u64::from(date.quarter()), script));
    let half = if date.half() == 1 { "上半年" } else { "下半年" };
    let this = year(date.year);
    match style {
        DateStyle::Full => format!("{this}年{}月{}日", small(date.month), small(date.day)),
        DateStyle::MonthDay => format!("{}月{}日", small(date.month), small(date.day)),
        DateStyle::Month => format!("{this}年{}月", small(date.month)),
        DateStyle::MonthOnly => format!("{}月", small(date.month)),
        DateStyle::Year => format!("{this}年"),
        DateStyle::Quarter => quarter,
        DateStyle::YearQuarter => format!("{this}年{quarter}"),
        DateStyle::Half => half.to_string(),
        DateStyle::YearHalf => format!("{this}年{half}"),
        DateStyle::LastYear => format!("{}年", year(date.year.saturating_sub(1))),
        DateStyle::MonthsToDate | DateStyle::YearMonthsToDate => {
            let dash = dash.unwrap_or(if chinese { "至" } else { "—" });
            let months = match date.month {
                1 => format!("{}月", small(1)),
                month => format!("{}{dash}{}月", small(1), small(month)),
            };
            if style == DateStyle::YearMonthsToDate { format!("{this}年{months}") } else { months }
        }
        DateStyle::QuartersToDate | DateStyle::YearQuartersToDate => {
            let quarters = match date.quarter() {
                1 => "一季度".to_string(),
                2 => "上半年".to_string(),
                3 => "前三季度".to_string(),
                _ => "全年".to_string(),
            };
            if style == DateStyle::YearQuartersToDate { format!("{this}年{quarters}") } else { quarters }
        }
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Digit by digit, as a year is written: 2021 → 二〇二一.
pub fn digits(n: u64) -> String {
    n.to_string().bytes().map(|b| DIGITS[usize::from(b - b'0')]).collect()
}

/// The largest number written in Chinese numerals (9999億…).
pub const MAX_NUMERAL: u64 = 999_999_999_999;

/// A whole number up to [`MAX_NUMERAL`] in Chinese numerals: 0 → 零, 11 → 十一,
/// 105 → 一百零五, 110 → 一百一十, 10000 → 一萬, 100010 → 十萬零一十.
pub fn numeral(n: u64, script: Script) -> String {
    if n == 0 {
        return "零".to_string();
    }
    if n > MAX_NUMERAL {
        return n.to_string();
    }
    // Sections of four digits, from the highest: …億, …萬, the rest.
    let big = ["", script.wan(), script.yi()];
    let mut sections = vec![];
    let mut rest = n;
    while rest > 0 {
        sections.push((rest % 10_000) as u16);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (index, &section) in sections.iter().enumerate().rev() {
        if section == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending || (!out.is_empty() && section < 1000) {
            out.push('零');
        }
        zero_pending = false;
        out.push_str(&section_numeral(section, out.is_empty()));
        out.push_str(big.get(index).copied().unwrap_or("?"));
    }
    out
}

/// 1–9999 in numerals; `leading`: the number's first section, where 10–19 are 十…
/// rather than 一十….
fn section_numeral(n: u16, leading: bool) -> String {
    let places = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (value, name) in places {
        let digit = (n / value) % 10;
        if digit == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(value == 10 && digit == 1 && !started && leading) {
            out.push(DIGITS[usize::from(digit)]);
        }
        if value > 1 {
            out.push(name);
        }
        started = true;
    }
    out
}

/// An ordinal: 1 → 第一.
pub fn ordinal(n: u64, script: Script) -> String {
    format!("第{}", numeral(n, script))
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hant => "zh-Hant",
            Self::Hans => "zh-Hans",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    const T: Script = Script::Hant;
    const S: Script = Script::Hans;

    #[test]
    fn amounts_switch_units_at_the_boundaries() {
        let auto = |yuan| amount(yuan, T, Unit::Auto, None);
        assert_eq!(auto(1_665_884_000), "16.7億元");
        assert_eq!(auto(1_350_000_000), "13.5億元");
        assert_eq!(auto(65_884_000), "6588.4萬元");
        assert_eq!(auto(250_000_000), "2.5億元");
        assert_eq!(auto(12_345), "1.2萬元");
        // 9999.99萬 rounds to 10000.0萬, which is written as 億.
        assert_eq!(auto(99_999_999), "1億元");
        assert_eq!(auto(99_949_999), "9995萬元");
        assert_eq!(auto(99_949_000), "9994.9萬元");
        assert_eq!(auto(99_950_000), "9995萬元");
        assert_eq!(auto(99_999_499), "9999.9萬元");
        assert_eq!(auto(99_999_500), "1億元");
        assert_eq!(auto(100_000_000), "1億元");
        assert_eq!(auto(104_999_999), "1億元");
        assert_eq!(auto(105_000_000), "1.1億元");
        // Half-up, not half-even.
        assert_eq!(auto(12_350), "1.2萬元");
        assert_eq!(auto(12_450), "1.2萬元");
        assert_eq!(auto(12_550), "1.3萬元");
        // Below 1萬 after rounding: whole yuan.
        assert_eq!(auto(9_499), "9499元");
        assert_eq!(auto(9_500), "1萬元");
        assert_eq!(auto(10_000), "1萬元");
        assert_eq!(auto(0), "0元");
        assert_eq!(auto(u64::MAX), "184467440737.1億元");
        assert_eq!(amount(1_665_884_000, S, Unit::Auto, None), "16.7亿元");
    }

    #[test]
    fn amounts_in_a_fixed_unit_keep_every_place() {
        assert_eq!(amount(4_875_900, S, Unit::Wan, Some(2)), "487.59万元");
        assert_eq!(amount(4_875_950, S, Unit::Wan, Some(2)), "487.60万元");
        assert_eq!(amount(4_875_949, S, Unit::Wan, Some(2)), "487.59万元");
        assert_eq!(amount(12_345_600, S, Unit::Wan, Some(2)), "1234.56万元");
        assert_eq!(amount(4_800_000, T, Unit::Wan, Some(2)), "480.00萬元");
        assert_eq!(amount(4_800_000, T, Unit::Wan, None), "480萬元");
        assert_eq!(amount(150_000_000, S, Unit::Yi, Some(2)), "1.50亿元");
        assert_eq!(amount(150_000_000, S, Unit::Wan, Some(0)), "15000万元");
        assert_eq!(amount(9_499, S, Unit::One, Some(2)), "9499元");
        // Auto with places: the unit is chosen at those places.
        assert_eq!(amount(99_999_499, S, Unit::Auto, Some(2)), "9999.95万元");
        assert_eq!(amount(99_999_950, S, Unit::Auto, Some(2)), "1.00亿元");
        assert_eq!(amount(99, S, Unit::Auto, Some(2)), "99元");
        assert_eq!(amount(u64::MAX, S, Unit::Wan, Some(2)), "1844674407370955.16万元");
    }

    #[test]
    fn numbers_group_and_scale() {
        let plain = NumberStyle::default();
        assert_eq!(number(d("13077"), S, plain), "13077");
        assert_eq!(number(d("13077"), S, NumberStyle { group: true, ..plain }), "13,077");
        assert_eq!(number(d("1234567.25"), S, NumberStyle { group: true, ..plain }), "1,234,567.25");
        assert_eq!(number(d("-1234567"), S, NumberStyle { group: true, ..plain }), "-1,234,567");
        assert_eq!(number(d("999"), S, NumberStyle { group: true, ..plain }), "999");
        assert_eq!(number(d("2044200"), S, NumberStyle { unit: Unit::Wan, places: Some(2), ..plain }), "204.42万");
        assert_eq!(number(d("2044250"), T, NumberStyle { unit: Unit::Wan, places: Some(2), ..plain }), "204.43萬");
        assert_eq!(number(d("2040000"), S, NumberStyle { unit: Unit::Wan, places: None, ..plain }), "204万");
        assert_eq!(number(d("-16"), S, plain), "-16");
        assert_eq!(number(d("3.25"), S, NumberStyle { places: Some(1), ..plain }), "3.3");
        assert_eq!(number(d("-3.25"), S, NumberStyle { places: Some(1), ..plain }), "-3.3");
        assert_eq!(number(d("-0.04"), S, NumberStyle { places: Some(1), ..plain }), "0.0");
        assert_eq!(
            number(d("123456789"), S, NumberStyle { group: true, unit: Unit::Wan, places: Some(1) }),
            "12,345.7万"
        );
    }

    #[test]
    fn percentages_are_exact() {
        assert_eq!(percent(d("8.37"), None, false), "8.37%");
        assert_eq!(percent(d("-28.3"), None, false), "-28.3%");
        assert_eq!(percent(d("-28.3"), None, true), "28.3%");
        assert_eq!(percent(d("-28.3"), Some(2), true), "28.30%");
        assert_eq!(percent(d("0.125"), Some(2), false), "0.13%");
        assert_eq!(percent(d("0.1"), None, false), "0.1%");
    }

    #[test]
    fn changes_round_half_up_at_any_places() {
        let one = |a: &str, b: &str| change(d(a), d(b), 1).unwrap();
        assert_eq!(one("127", "106"), Change { change: 1, diff: d("21"), percent: Some("19.8".into()) });
        assert_eq!(one("90", "106"), Change { change: -1, diff: d("16"), percent: Some("15.1".into()) });
        assert_eq!(one("106", "106").percent.as_deref(), Some("0.0"));
        assert_eq!(one("9", "8").percent.as_deref(), Some("12.5"));
        assert_eq!(one("17", "16").percent.as_deref(), Some("6.3"));
        assert_eq!(one("5", "0").percent, None);
        assert_eq!(change(d("17"), d("16"), 2).unwrap().percent.as_deref(), Some("6.25"));
        assert_eq!(change(d("17"), d("16"), 0).unwrap().percent.as_deref(), Some("6"));
        // 1/3 = 33.333…%, 2/3 = 66.666…%.
        assert_eq!(change(d("4"), d("3"), 2).unwrap().percent.as_deref(), Some("33.33"));
        assert_eq!(change(d("5"), d("3"), 2).unwrap().percent.as_deref(), Some("66.67"));
        // Decimals: 8.37 against 9.13, and a negative prior.
        let c = change(d("8.37"), d("9.13"), 2).unwrap();
        assert_eq!((c.change, c.diff, c.percent.as_deref()), (-1, d("0.76"), Some("8.32")));
        let c = change(d("-2"), d("-4"), 1).unwrap();
        assert_eq!((c.change, c.diff, c.percent.as_deref()), (1, d("2"), Some("50.0")));
        let c = change(Decimal::from(u64::MAX), Decimal::ONE, 1).unwrap();
        assert_eq!(c.diff, Decimal::from(u64::MAX - 1));
    }

    #[test]
    fn dates_in_words() {
        let date31 = Date { year: 2021, month: 12, day: 31 };
        assert_eq!(date(date31, DateStyle::Full, false, S), "2021年12月31日");
        assert_eq!(date(date31, DateStyle::MonthDay, false, S), "12月31日");
        assert_eq!(date(date31, DateStyle::Month, false, S), "2021年12月");
        assert_eq!(date(date31, DateStyle::Year, false, S), "2021年");
        assert_eq!(date(date31, DateStyle::Full, true, S), "二〇二一年十二月三十一日");
        let jan5 = Date { year: 2020, month: 1, day: 5 };
        assert_eq!(date(jan5, DateStyle::Full, false, S), "2020年1月5日");
        assert_eq!(date(jan5, DateStyle::Full, true, S), "二〇二〇年一月五日");
        assert_eq!(date(Date { year: 2020, month: 10, day: 20 }, DateStyle::MonthDay, true, S), "十月二十日");
    }

    #[test]
    fn periods_in_words() {
        let aug = Date { year: 2024, month: 8, day: 31 };
        let words = |style: &str, chinese: bool| date(aug, DateStyle::parse(style).unwrap(), chinese, T);
        assert_eq!(words("month_only", false), "8月");
        assert_eq!(words("month_only", true), "八月");
        assert_eq!(words("year_month", false), "2024年8月");
        assert_eq!(words("month", false), "2024年8月");
        assert_eq!(words("quarter", false), "三季度");
        assert_eq!(words("year_quarter", false), "2024年三季度");
        assert_eq!(words("year_quarter", true), "二〇二四年三季度");
        assert_eq!(words("half", false), "下半年");
        assert_eq!(words("year_half", false), "2024年下半年");
        assert_eq!(words("last_year", false), "2023年");
        assert_eq!(words("last_year", true), "二〇二三年");
        assert_eq!(words("months_to_date", false), "1—8月");
        assert_eq!(words("months_to_date", true), "一至八月");
        assert_eq!(words("year_months_to_date", false), "2024年1—8月");
        assert_eq!(words("year_months_to_date", true), "二〇二四年一至八月");
        assert_eq!(date_spanning(aug, DateStyle::YearMonthsToDate, false, T, Some("~")), "2024年1~8月");
        assert_eq!(words("quarters_to_date", false), "前三季度");
        assert_eq!(words("year_quarters_to_date", false), "2024年前三季度");
        // The boundaries of quarters and halves.
        let on = |month: u8, day: u8, style: DateStyle| date(Date { year: 2024, month, day }, style, false, S);
        assert_eq!(on(3, 31, DateStyle::Quarter), "一季度");
        assert_eq!(on(4, 1, DateStyle::Quarter), "二季度");
        assert_eq!(on(6, 30, DateStyle::YearHalf), "2024年上半年");
        assert_eq!(on(1, 31, DateStyle::MonthsToDate), "1月");
        assert_eq!(on(2, 29, DateStyle::MonthsToDate), "1—2月");
        assert_eq!(on(12, 31, DateStyle::YearMonthsToDate), "2024年1—12月");
        let to_date: Vec<String> = [3, 4, 6, 7, 9, 10, 12].map(|m| on(m, 1, DateStyle::QuartersToDate)).into();
        assert_eq!(to_date, ["一季度", "上半年", "上半年", "前三季度", "前三季度", "全年", "全年"]);
        assert_eq!(on(7, 1, DateStyle::Half), "下半年");
        assert_eq!(on(12, 31, DateStyle::YearQuarter), "2024年四季度");
        assert_eq!(on(1, 1, DateStyle::LastYear), "2023年");
        assert!(DateStyle::parse("quater").unwrap_err().contains("expected one of `full`, `month_day`, `month`"));
    }

    #[test]
    fn quotients_are_exact_and_round_half_up() {
        let q = |a: &str, b: &str, per: u64, places: u32| quotient(d(a), d(b), per, places).unwrap().to_string();
        assert_eq!(q("24", "31", 100, 1), "77.4");
        assert_eq!(q("1", "8", 100, 1), "12.5");
        assert_eq!(q("1", "8", 100, 0), "13");
        assert_eq!(q("1", "3", 100, 2), "33.33");
        assert_eq!(q("2", "3", 100, 2), "66.67");
        assert_eq!(q("1", "2", 1, 0), "1");
        assert_eq!(q("-1", "2", 1, 0), "-1");
        assert_eq!(q("-1", "8", 100, 1), "-12.5");
        assert_eq!(q("1", "-8", 100, 1), "-12.5");
        assert_eq!(q("-1", "-8", 100, 1), "12.5");
        assert_eq!(q("0", "-8", 100, 1), "0.0");
        assert_eq!(q("7.25", "2.5", 1, 2), "2.90");
        assert_eq!(q("100.0", "0.3", 1, 6), "333.333333");
        assert_eq!(q("0.0005", "1", 1, 3), "0.001");
        assert_eq!(q("0.00049", "1", 1, 3), "0.000");
        assert_eq!(quotient(d("1"), d("0"), 100, 1), Err("division by zero".into()));
        assert!(quotient(Decimal::MAX, d("0.000001"), 100, 6).is_err());
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (105, "一百零五"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (9999, "九千九百九十九"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (10_010, "一万零一十"),
            (100_010, "十万零一十"),
            (110_000, "十一万"),
            (1_000_000, "一百万"),
            (12_345_678, "一千二百三十四万五千六百七十八"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
            (100_100_000, "一亿零一十万"),
            (101_000_000, "一亿零一百万"),
            (200_030_000, "二亿零三万"),
        ];
        for (n, words) in cases {
            assert_eq!(numeral(n, S), words, "{n}");
        }
        assert_eq!(numeral(10_000, T), "一萬");
        assert_eq!(ordinal(1, S), "第一");
        assert_eq!(ordinal(12, S), "第十二");
        assert_eq!(digits(2021), "二〇二一");
        assert_eq!(digits(1900), "一九〇〇");
    }
}
