//! A series' declared schema (`templates/<series>/series.yaml`) as typed data, and
//! what follows from it alone: the headline totals of a period's figures and the
//! editions. `input::schema` reads and checks the file.
//!
//! Everything that differs between kinds of bulletin lives in that file, not here: a new
//! series needs a template folder, never a change to this module.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::core::date::Date;
use crate::core::figure::Figures;
use crate::core::format;
use crate::core::language::Language;
use crate::i18n::t;

/// The font roles a layout sets.
pub const FONT_ROLES: [&str; 6] = ["title", "body", "heading", "kai", "page_number", "latin"];

/// The name of the schema file inside a series' template folder.
pub const SCHEMA_FILE: &str = "series.yaml";

/// A series' schema, as declared in its `series.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The bulletin's title, printed as its first heading and in the PDF metadata:
    /// one line (a line break written in series.yaml's title is taken out here and
    /// kept in `title_lines`).
    pub title: String,
    /// The lines the printed title breaks into, when series.yaml's (plain) title
    /// marks its break points with line breaks; empty: the layout balances it.
    #[serde(skip)]
    pub title_lines: Vec<String>,
    /// The issuing office, for the PDF metadata.
    pub author: String,
    /// The language tag of the text (`zh-Hant`, `zh-Hans`).
    pub lang: String,
    /// Words a search engine or a government site's catalogue files the bulletin
    /// under (the web page's `Keywords`).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The groups a figure file holds, by name, in the order a reader expects them.
    pub groups: IndexMap<String, GroupSpec>,
    /// Which fields of which groups add up into the headline totals.
    #[serde(default)]
    pub totals: Option<TotalsSpec>,
    /// Consistency checks applied to every group that has the fields they name.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Font roles (`title`, `body`, `heading`, `kai`, `page_number`, `latin`), each a
    /// list of families in order of preference: the first installed family that
    /// covers the text wins.
    #[serde(default)]
    pub fonts: IndexMap<String, Vec<Face>>,
    /// Whether the figures count everything since a start (`year`: since 1 January,
    /// as 截止11月15日 does): then a period is checked against the one before it.
    #[serde(default)]
    pub cumulative: Option<Cumulative>,
    /// How often the series is published (`month`, `quarter`, `year`; `date`, the
    /// default: on any day): `bulletin new` without a date starts the period after
    /// the latest.
    #[serde(default)]
    pub period: Period,
    /// How a correction is labelled and titled.
    #[serde(default)]
    pub correction: CorrectionSpec,
    /// Whether the bulletin ends with the office's 落款 (its name, and the day of
    /// publication under it, as GB/T 9704 7.3.5 places them); a correction notice
    /// always does.
    #[serde(default)]
    pub signature: bool,
    /// Fields that hold last year's figure of another field (`cases_prior_year:
    /// cases`): `bulletin new` fills them from the figure file of a year before.
    #[serde(default)]
    pub prior_year: IndexMap<String, String>,
    /// The editions the series issues: the first in the templates' own language
    /// (`lang`), the others converted to another script. Empty: one edition.
    #[serde(default)]
    pub editions: Vec<EditionSpec>,
    /// How the other editions are converted.
    #[serde(default)]
    pub conversion: ConversionSpec,
    /// Charts a template may place (`{{ charts.<name> }}`), by name.
    #[serde(default)]
    pub charts: IndexMap<String, ChartSpec>,
    /// Numbers the templates' prose means to write (`秦嶺6市`): `check` warns about
    /// every other number typed into a template rather than taken from the figures.
    #[serde(default)]
    pub literals: Vec<String>,
    /// Families any role falls back on for characters its own family lacks.
    #[serde(default)]
    pub font_fallback: Vec<String>,
    /// How fields are named in a sentence (`cases: [破獲案件數, 起]`: name and unit;
    /// money needs no unit), for correction notes.
    #[serde(default)]
    pub field_labels: BTreeMap<String, Vec<String>>,
    /// Where the schema was read from, as shown to the user.
    #[serde(skip)]
    pub path: PathBuf,
    /// Where `title` stands in series.yaml, so a templated title's errors point there.
    #[serde(skip)]
    pub title_at: Option<Range<usize>>,
    /// Where `correction.notice_title` stands in series.yaml, for its errors.
    #[serde(skip)]
    pub notice_title_at: Option<Range<usize>>,
}

/// One group of figures (a category of cases, say).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Whether a figure file may leave the group out.
    #[serde(default)]
    pub optional: bool,
    /// The group's fields, by name.
    pub fields: IndexMap<String, FieldSpec>,
    /// The group's name in a sentence (`食品類`), for correction notes.
    #[serde(default)]
    pub label: Option<String>,
}

/// A field: its kind, whether it must be present, and how it is named and printed.
/// Written `count`, `money?`, `percent:2` or in long form, `{kind: money, label:
/// 涉案金額, show: {unit: 萬, places: 2}}`; a list of records is `{list: {name:
/// text, …}, min: 1, max: 20}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// What the value is.
    pub kind: FieldKind,
    /// Whether a figure file must give it.
    pub required: bool,
    /// Its name in a sentence (else `field_labels`).
    pub label: Option<String>,
    /// The unit a count is counted in (`起`, `人`; else `field_labels`).
    pub unit: Option<String>,
    /// How the program prints it (correction notes, `diff`).
    pub show: Show,
}

/// What a figure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// A number of cases, people, operations …: whole, never negative.
    Count,
    /// An amount of money in whole yuan, never negative.
    Money,
    /// A whole number that may be negative (a difference).
    Signed,
    /// An exact decimal with at most this many places.
    Decimal(u32),
    /// A signed percentage with at most this many places, written without `%`.
    Percent(u32),
    /// One paragraph of prose of at most this many characters.
    Text(usize),
    /// A calendar date.
    Date,
    /// A list of records.
    List(ListSpec),
}

/// The records of a list field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSpec {
    /// Each record's fields, in order.
    pub fields: IndexMap<String, FieldSpec>,
    /// The fewest records.
    pub min: usize,
    /// The most records.
    pub max: usize,
    /// The field that names a record (`key: name`): each record's is different, and
    /// a correction names a changed record by it rather than printing the list.
    pub key: Option<String>,
}

/// The longest text field, unless a series declares its own limit.
pub const DEFAULT_TEXT_LENGTH: usize = 500;

/// The most records a list holds, unless a series declares its own limit.
pub const DEFAULT_LIST_LENGTH: usize = 1000;

/// How the program prints a figure: the options of the kind's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Show {
    /// `auto`, `萬`, `億` or `元`.
    #[serde(default)]
    pub unit: Option<String>,
    /// Decimal places.
    #[serde(default)]
    pub places: Option<u32>,
    /// Digits grouped by thousands.
    #[serde(default)]
    pub group: bool,
}

impl FieldKind {
    /// Whether the value is a number (totals, rules and comparisons apply).
    pub fn is_number(&self) -> bool {
        matches!(self, Self::Count | Self::Money | Self::Signed | Self::Decimal(_) | Self::Percent(_))
    }

    /// Reads a short kind: `count`, `money`, `signed`, `decimal:2`, `percent:2`,
    /// `text`, `text:300`, `date`.
    fn parse(name: &str) -> Result<Self, String> {
        let (word, arg) = match name.split_once(':') {
            Some((word, arg)) => (word, Some(arg)),
            None => (name, None),
        };
        let places = |arg: Option<&str>| -> Result<u32, String> {
            let arg = arg.ok_or_else(|| t!("schema-kind-needs-places", word = word).text)?;
            match arg.parse::<u32>() {
                Ok(n) if n <= format::MAX_PLACES => Ok(n),
                _ => Err(t!("schema-kind-places", word = word, arg = arg, max = format::MAX_PLACES).text),
            }
        };
        let no_arg = |kind: Self| match arg {
            None => Ok(kind),
            Some(arg) => Err(t!("schema-kind-no-arg", word = word, arg = arg).text),
        };
        match word {
            "count" => no_arg(Self::Count),
            "money" => no_arg(Self::Money),
            "signed" => no_arg(Self::Signed),
            "date" => no_arg(Self::Date),
            "decimal" => Ok(Self::Decimal(places(arg)?)),
            "percent" => Ok(Self::Percent(places(arg)?)),
            "text" => match arg {
                None => Ok(Self::Text(DEFAULT_TEXT_LENGTH)),
                Some(arg) => match arg.parse::<usize>() {
                    Ok(n) if n > 0 => Ok(Self::Text(n)),
                    _ => Err(t!("schema-kind-text-length", arg = arg).text),
                },
            },
            _ => Err(t!("schema-kind-unknown", name = name).text),
        }
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Count => f.write_str("count"),
            Self::Money => f.write_str("money"),
            Self::Signed => f.write_str("signed"),
            Self::Decimal(places) => write!(f, "decimal:{places}"),
            Self::Percent(places) => write!(f, "percent:{places}"),
            Self::Text(length) => write!(f, "text:{length}"),
            Self::Date => f.write_str("date"),
            Self::List(_) => f.write_str("list"),
        }
    }
}

impl FieldSpec {
    /// A short form: `count`, `money?`, `percent:2`.
    fn short(text: &str) -> Result<Self, String> {
        let (name, required) = match text.strip_suffix('?') {
            Some(name) => (name, false),
            None => (text, true),
        };
        Ok(Self { kind: FieldKind::parse(name)?, required, label: None, unit: None, show: Show::default() })
    }
}

/// A field's long form, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LongField {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    list: Option<IndexMap<String, FieldSpec>>,
    #[serde(default)]
    min: Option<usize>,
    #[serde(default)]
    max: Option<usize>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    show: Show,
}

impl<'de> Deserialize<'de> for FieldSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = FieldSpec;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&t!("schema-expect-field-kind").text)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<FieldSpec, E> {
                FieldSpec::short(text).map_err(E::custom)
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<FieldSpec, A::Error> {
                use serde::de::Error;
                let long = LongField::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let spec = match (long.kind, long.list) {
                    (Some(kind), None) => {
                        if long.min.is_some() || long.max.is_some() || long.key.is_some() || long.optional {
                            return Err(A::Error::custom(t!("schema-list-only")));
                        }
                        FieldSpec::short(&kind).map_err(A::Error::custom)?
                    }
                    (None, Some(fields)) => {
                        if fields.values().any(|f| matches!(f.kind, FieldKind::List(_))) {
                            return Err(A::Error::custom(t!("schema-list-nested")));
                        }
                        let (min, max) = (long.min.unwrap_or(0), long.max.unwrap_or(DEFAULT_LIST_LENGTH));
                        if min > max {
                            return Err(A::Error::custom(t!("schema-list-min-max", min = min, max = max)));
                        }
                        if let Some(key) = long.key.as_ref().filter(|key| !fields.contains_key(*key)) {
                            let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                            return Err(A::Error::custom(t!("schema-list-key", key = key, names = names.join(", "))));
                        }
                        let list = ListSpec { fields, min, max, key: long.key };
                        FieldSpec {
                            kind: FieldKind::List(list),
                            required: !long.optional,
                            label: None,
                            unit: None,
                            show: Show::default(),
                        }
                    }
                    _ => return Err(A::Error::custom(t!("schema-kind-or-list"))),
                };
                Ok(FieldSpec { label: long.label, unit: long.unit, show: long.show, ..spec })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The words around a correction note (its sentences are `correction.md`'s); what
/// the series leaves out is the default of its script.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CorrectionSpec {
    /// The note's heading in the corrected bulletin (更正說明 / 更正说明).
    pub heading: Option<String>,
    /// The title of the correction notice issued on its own, a template that sees
    /// the bulletin's `title` (`關於《{{ title }}》的更正說明`).
    pub notice_title: Option<String>,
}

/// What cumulative figures count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cumulative {
    /// From 1 January: a period is compared with the latest earlier one of its year.
    Year,
}

/// How often a series is published; a period ends on its last day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Monthly: a period ends on the last day of a month.
    Month,
    /// Quarterly: on 31 March, 30 June, 30 September, 31 December.
    Quarter,
    /// Yearly: on 31 December.
    Year,
    /// On any day: every date is given by hand.
    #[default]
    Date,
}

impl Period {
    /// The end of the period after the one `latest` falls in; `None` for `date`
    /// (or past the year 9999).
    pub fn next(self, latest: Date) -> Option<Date> {
        match self {
            Self::Month => latest.month_end_after(1),
            Self::Quarter => latest.month_end_after(u32::from(latest.quarter()) * 3 - u32::from(latest.month) + 3),
            Self::Year => latest.month_end_after(12 - u32::from(latest.month) + 12),
            Self::Date => None,
        }
    }

    /// The last day of the period `date` falls in (`2024-08-15` → `2024-08-31` for a
    /// monthly series, `2024-09-30` quarterly); `None` for `date`.
    pub fn end(self, date: Date) -> Option<Date> {
        let month = match self {
            Self::Month => date.month,
            Self::Quarter => date.quarter() * 3,
            Self::Year => 12,
            Self::Date => return None,
        };
        Some(Date::last_of_month(date.year, month))
    }

    /// The date of the same period a year earlier: the end of the same month for a
    /// monthly, quarterly or yearly series (29 February → 28 February), the same
    /// day for `date`.
    pub fn year_before(self, date: Date) -> Date {
        let year = date.year.saturating_sub(1);
        match self {
            Self::Date => Date { year, ..date },
            _ => Date::last_of_month(year, date.month),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
            Self::Date => "date",
        })
    }
}

/// The headline totals: each field summed over the listed groups.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalsSpec {
    /// The groups that add up.
    pub groups: Vec<String>,
    /// The totals' name in a sentence (`全省`), for correction notes.
    #[serde(default)]
    pub label: Option<String>,
    /// The fields summed.
    pub fields: Vec<String>,
    /// Fields summed although some of the groups may lack them (an optional field,
    /// or one a group does not have): the total counts what the groups give. A
    /// total over such a field that is not listed here is refused.
    #[serde(default)]
    pub partial: Vec<String>,
}

/// A consistency check between two fields of a group, such as `detained <= suspects`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The comparison.
    pub check: Check,
    /// Whether a broken rule stops the build or only warns.
    pub level: Level,
}

/// Whether a broken rule is an error or a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The file is not built.
    Error,
    /// The file is built and the problem reported.
    Warning,
}

/// `left op right`, both field names.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Check {
    /// The field on the left.
    pub left: String,
    /// The comparison operator as written (`<=`, `<`, `>=`, `>`, `==`).
    pub op: String,
    /// The field on the right.
    pub right: String,
}

impl TryFrom<String> for Check {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        match parts.as_slice() {
            [left, op @ ("<=" | "<" | ">=" | ">" | "=="), right] => {
                Ok(Self { left: (*left).to_string(), op: (*op).to_string(), right: (*right).to_string() })
            }
            _ => Err(t!("schema-check-unreadable", text = &text).text),
        }
    }
}

impl Check {
    /// Whether the rule holds for these two values.
    pub fn holds(&self, left: rust_decimal::Decimal, right: rust_decimal::Decimal) -> bool {
        match self.op.as_str() {
            "<=" => left <= right,
            "<" => left < right,
            ">=" => left >= right,
            ">" => left > right,
            _ => left == right,
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.left, self.op, self.right)
    }
}

impl Series {
    /// Whether the title is a Tera template (rendered for each period) rather than text.
    pub fn title_is_template(&self) -> bool {
        self.title.contains("{{") || self.title.contains("{%")
    }

    /// The heading of a correction note: the series' own, or its script's.
    pub fn correction_heading(&self) -> &str {
        self.correction.heading.as_deref().unwrap_or(self.language().script.word(format::Word::CorrectionHeading))
    }

    /// The language the series is written in.
    pub fn language(&self) -> Language {
        Language::parse(&self.lang).unwrap_or(Language { script: format::Script::Hant, region: "tw" })
    }

    /// A field's declaration, in a group (or, for `totals`, in the first group that has it).
    pub fn spec(&self, group: &str, field: &str) -> Option<&FieldSpec> {
        match self.groups.get(group) {
            Some(spec) => spec.fields.get(field),
            None => self.groups.values().find_map(|g| g.fields.get(field)),
        }
    }

    /// The headline totals of a period: each total field summed over the total groups,
    /// counting an absent figure as zero.
    pub fn totals(&self, figures: &Figures) -> Result<BTreeMap<String, u64>, String> {
        let Some(spec) = &self.totals else { return Ok(BTreeMap::new()) };
        let mut totals = BTreeMap::new();
        for field in &spec.fields {
            let mut sum: u64 = 0;
            for group in &spec.groups {
                let value = figures.get(group, field).unwrap_or(0);
                sum = sum.checked_add(value).ok_or_else(|| t!("schema-total-too-large", field = field).text)?;
            }
            totals.insert(field.clone(), sum);
        }
        Ok(totals)
    }
}

/// One family a font role may be set in, and the weight to set it in: a family's
/// name (`仿宋_GB2312`), or `{family: Noto Serif CJK TC, weight: bold}` when a free
/// face stands in for a heavier one (a title's 小標宋).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Face {
    /// The family's name, as fonts name themselves (`bulletin fonts` lists them).
    pub family: String,
    /// The weight (100 to 900; 400 regular, 700 bold), if not the layout's.
    pub weight: Option<u16>,
}

impl Face {
    /// The weights by name, as CSS and Typst name them.
    const WEIGHTS: [(&str, u16); 9] = [
        ("thin", 100),
        ("extralight", 200),
        ("light", 300),
        ("regular", 400),
        ("medium", 500),
        ("semibold", 600),
        ("bold", 700),
        ("extrabold", 800),
        ("black", 900),
    ];
}

impl From<&str> for Face {
    fn from(family: &str) -> Self {
        Self { family: family.to_string(), weight: None }
    }
}

impl<'de> Deserialize<'de> for Face {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Long {
            family: String,
            weight: Option<serde_yaml::Value>,
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Face;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&t!("schema-expect-font").text)
            }
            fn visit_str<E: serde::de::Error>(self, family: &str) -> Result<Face, E> {
                Ok(Face::from(family))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Face, A::Error> {
                use serde::de::Error;
                let long = Long::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let names: Vec<&str> = Face::WEIGHTS.iter().map(|(known, _)| *known).collect();
                let expected = t!("schema-weights", names = names.join(", ")).text;
                let weight = match long.weight {
                    None => None,
                    Some(value) => {
                        // A number, or a name in any case (`Bold`), or a number written
                        // as text (`"700"`).
                        let text = match &value {
                            serde_yaml::Value::Number(n) => n.to_string(),
                            serde_yaml::Value::String(name) => name.trim().to_lowercase(),
                            _ => String::new(),
                        };
                        let number = text.parse::<u16>().ok().filter(|n| (100..=900).contains(n) && n % 100 == 0);
                        let named = Face::WEIGHTS.iter().find(|(known, _)| *known == text).map(|(_, n)| *n);
                        match number.or(named) {
                            Some(weight) => Some(weight),
                            None => {
                                let shown = serde_yaml::to_string(&value).unwrap_or_default();
                                return Err(A::Error::custom(t!(
                                    "schema-not-weight",
                                    value = shown.trim(),
                                    expected = &expected
                                )));
                            }
                        }
                    }
                };
                Ok(Face { family: long.family, weight })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// An edition as series.yaml declares it: a language tag, or a mapping with `lang`
/// and the edition's own font roles (`fonts`, `font_fallback`; roles it leaves out
/// are the series').
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionSpec {
    /// Its language tag (`zh-Hans`).
    pub lang: String,
    /// Font roles of this edition (Simplified faces for a Simplified edition).
    pub fonts: IndexMap<String, Vec<Face>>,
    /// Its fallback families, if not the series'.
    pub font_fallback: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LongEdition {
    lang: String,
    #[serde(default)]
    fonts: IndexMap<String, Vec<Face>>,
    #[serde(default)]
    font_fallback: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for EditionSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = EditionSpec;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&t!("schema-expect-edition").text)
            }

            fn visit_str<E: serde::de::Error>(self, tag: &str) -> Result<EditionSpec, E> {
                Ok(EditionSpec { lang: tag.to_string(), fonts: IndexMap::new(), font_fallback: None })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<EditionSpec, A::Error> {
                let long = LongEdition::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(EditionSpec { lang: long.lang, fonts: long.fonts, font_fallback: long.font_fallback })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// How text is converted into another edition's script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConversionSpec {
    /// Terms never converted: names of people and places (`胡明朗`: the surname 胡
    /// never becomes 鬍).
    pub protect: Vec<String>,
    /// Terms converted the series' own way: as written → as printed in the other
    /// script.
    pub overrides: IndexMap<String, String>,
}

/// A bar chart of one figure across groups.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Its caption.
    pub title: String,
    /// The field charted (a count or money), one bar per group.
    pub field: String,
    /// The groups, in the order of the bars; each bar is labelled by its group's label.
    pub groups: Vec<String>,
    /// Where it is drawn: `html`, `pdf` (an official bulletin's PDF carries none).
    #[serde(default = "ChartSpec::default_outputs")]
    pub outputs: Vec<String>,
}

impl ChartSpec {
    fn default_outputs() -> Vec<String> {
        vec!["html".into(), "pdf".into()]
    }
}

/// One edition, resolved: its language, fonts and the suffix of its outputs.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Its language tag, as series.yaml writes it (the HTML `lang`).
    pub tag: String,
    /// Its script and region.
    pub language: Language,
    /// Font roles.
    pub fonts: IndexMap<String, Vec<Face>>,
    /// Fallback families.
    pub font_fallback: Vec<String>,
    /// What its outputs add to their name (`.zh-Hans`; nothing for the first).
    pub suffix: String,
}

impl Series {
    /// The editions, the first in the templates' own language.
    pub fn editions(&self) -> Vec<Edition> {
        let own = EditionSpec { lang: self.lang.clone(), fonts: IndexMap::new(), font_fallback: None };
        let specs: Vec<&EditionSpec> =
            if self.editions.is_empty() { vec![&own] } else { self.editions.iter().collect() };
        specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| {
                let mut fonts = self.fonts.clone();
                for (role, families) in &spec.fonts {
                    fonts.insert(role.clone(), families.clone());
                }
                Edition {
                    tag: spec.lang.clone(),
                    language: Language::parse(&spec.lang).unwrap_or_else(|_| self.language()),
                    fonts,
                    font_fallback: spec.font_fallback.clone().unwrap_or_else(|| self.font_fallback.clone()),
                    suffix: if i == 0 { String::new() } else { format!(".{}", spec.lang) },
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_font_role_names_families_with_or_without_a_weight() {
        let faces: Vec<Face> =
            serde_yaml::from_str("[仿宋_GB2312, {family: Noto Serif CJK TC, weight: bold}, {family: X, weight: 900}]")
                .unwrap();
        assert_eq!(faces[0], Face { family: "仿宋_GB2312".into(), weight: None });
        assert_eq!(faces[1], Face { family: "Noto Serif CJK TC".into(), weight: Some(700) });
        assert_eq!(faces[2].weight, Some(900));
        assert_eq!(serde_yaml::from_str::<Face>("{family: X, weight: Bold}").unwrap().weight, Some(700));
        assert_eq!(serde_yaml::from_str::<Face>("{family: X, weight: '700'}").unwrap().weight, Some(700));
        for (bad, says) in [
            ("{family: X, weight: 750}", "`750` is not a weight: expected 100, 200, … 900 or one of thin,"),
            ("{family: X, weight: heavy}", "`heavy` is not a weight"),
            ("{family: X, weight: -100}", "`-100` is not a weight"),
            ("{family: X, weight: 700.0}", "`700.0` is not a weight"),
            ("{family: X, weight: true}", "`true` is not a weight"),
            ("{family: X, style: italic}", "unknown field `style`"),
            ("{weight: bold}", "missing field `family`"),
        ] {
            let err = serde_yaml::from_str::<Face>(bad).unwrap_err().to_string();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    use super::*;

    #[test]
    fn each_period_proposes_the_next_end() {
        let date = |text: &str| Date::parse(text).unwrap();
        let end = |period: Period, text: &str| period.end(date(text)).map(|d| d.to_string());
        assert_eq!(end(Period::Month, "2024-02-10").as_deref(), Some("2024-02-29"));
        assert_eq!(end(Period::Month, "2024-08-31").as_deref(), Some("2024-08-31"));
        assert_eq!(end(Period::Quarter, "2024-07-01").as_deref(), Some("2024-09-30"));
        assert_eq!(end(Period::Quarter, "2024-03-31").as_deref(), Some("2024-03-31"));
        assert_eq!(end(Period::Year, "2024-06-30").as_deref(), Some("2024-12-31"));
        assert_eq!(end(Period::Date, "2024-06-30"), None);
        let next = |period: Period, text: &str| period.next(date(text)).map(|d| d.to_string());
        assert_eq!(next(Period::Month, "2024-08-31").as_deref(), Some("2024-09-30"));
        assert_eq!(next(Period::Month, "2024-01-31").as_deref(), Some("2024-02-29"));
        assert_eq!(next(Period::Month, "2024-12-31").as_deref(), Some("2025-01-31"));
        assert_eq!(next(Period::Quarter, "2024-09-30").as_deref(), Some("2024-12-31"));
        assert_eq!(next(Period::Quarter, "2024-08-15").as_deref(), Some("2024-12-31"));
        assert_eq!(next(Period::Quarter, "2024-12-31").as_deref(), Some("2025-03-31"));
        assert_eq!(next(Period::Quarter, "2024-01-31").as_deref(), Some("2024-06-30"));
        assert_eq!(next(Period::Year, "2023-12-31").as_deref(), Some("2024-12-31"));
        assert_eq!(next(Period::Year, "2023-06-30").as_deref(), Some("2024-12-31"));
        assert_eq!(next(Period::Date, "2023-06-30"), None);
        assert_eq!(Period::Month.year_before(date("2024-02-29")), date("2023-02-28"));
        assert_eq!(Period::Quarter.year_before(date("2024-09-30")), date("2023-09-30"));
        assert_eq!(Period::Date.year_before(date("2024-11-15")).to_string(), "2023-11-15");
        assert_eq!(serde_yaml::from_str::<Period>("quarter").unwrap(), Period::Quarter);
        assert!(serde_yaml::from_str::<Period>("monthly").unwrap_err().to_string().contains("unknown variant"));
    }

    #[test]
    fn field_specs_read_kind_and_optional_mark() {
        let spec = |text: &str| serde_yaml::from_str::<FieldSpec>(text).map(|s| (s.kind, s.required));
        assert_eq!(spec("count").unwrap(), (FieldKind::Count, true));
        assert_eq!(spec("money?").unwrap(), (FieldKind::Money, false));
        assert_eq!(spec("percent:2").unwrap(), (FieldKind::Percent(2), true));
        assert_eq!(spec("decimal:0?").unwrap(), (FieldKind::Decimal(0), false));
        assert_eq!(spec("text").unwrap(), (FieldKind::Text(DEFAULT_TEXT_LENGTH), true));
        assert_eq!(spec("text:300?").unwrap(), (FieldKind::Text(300), false));
        assert_eq!(
            spec("{kind: money, label: 涉案金額, show: {unit: 萬, places: 2}}").unwrap(),
            (FieldKind::Money, true)
        );
        let list =
            serde_yaml::from_str::<FieldSpec>("{list: {name: text, amount_yuan: money}, min: 1, max: 5}").unwrap();
        let FieldKind::List(records) = list.kind else { panic!("not a list") };
        assert_eq!((records.min, records.max, records.fields.len()), (1, 5, 2));
        for bad in [
            "float",
            "percent",
            "percent:x",
            "percent:9",
            "count:2",
            "text:0",
            "{kind: count, min: 1}",
            "{list: {a: {list: {b: count}}}}",
            "{list: {a: count}, min: 3, max: 2}",
        ] {
            assert!(serde_yaml::from_str::<FieldSpec>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn checks_compare_as_written() {
        let check = Check::try_from("detained <= suspects".to_string()).unwrap();
        let n = rust_decimal::Decimal::from;
        assert!(check.holds(n(3), n(3)));
        assert!(!check.holds(n(4), n(3)));
        assert!(Check::try_from("detained =< suspects".to_string()).is_err());
    }
}
