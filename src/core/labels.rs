//! What a figure is called in a sentence (`食品類破獲案件數`) and how the program
//! prints it (`186起`, `487.59萬元`): correction notes, `diff` and diagnostics.

use indexmap::IndexMap;

use crate::core::date::Date;
use crate::core::figure::Figure;
use crate::core::format;
use crate::core::schema::{FieldKind, Series, Show};
use crate::i18n::t;

/// What a figure is called in a correction note: `食品類破獲案件數`.
impl Series {
    /// The words for `group.field` (or `totals.field`) and the unit its counts take.
    pub fn label(&self, group: &str, field: &str) -> (String, String) {
        let group_label = self.group_label(group);
        let (field_label, unit) = self.field_label(group, field);
        (format!("{}{field_label}", group_label.unwrap_or_else(|| format!("{group}."))), unit)
    }

    /// A group's name in a sentence (`食品類`; `totals`: the totals' label).
    pub fn group_label(&self, group: &str) -> Option<String> {
        match (group, &self.totals) {
            ("totals", Some(totals)) => totals.label.clone(),
            _ => self.groups.get(group).and_then(|g| g.label.clone()),
        }
    }

    /// A field's name in a sentence and its unit: the field's own `label` and `unit`,
    /// else `field_labels`, else its name and no unit.
    pub fn field_label(&self, group: &str, field: &str) -> (String, String) {
        let spec = self.spec(group, field);
        let words = self.field_labels.get(field);
        let label = spec.and_then(|s| s.label.clone()).or_else(|| words.and_then(|w| w.first()).cloned());
        let unit = spec.and_then(|s| s.unit.clone()).or_else(|| words.and_then(|w| w.get(1)).cloned());
        (label.unwrap_or_else(|| field.to_string()), unit.unwrap_or_default())
    }

    /// `cases` as a diagnostic names it: `cases` (食品類 破獲案件數).
    pub fn named(&self, group: &str, field: &str) -> String {
        let (label, _) = self.field_label(group, field);
        match self.group_label(group) {
            Some(group_label) if label != field => {
                t!("place-field-labelled", field = field, label = format!("{group_label} {label}")).text
            }
            Some(group_label) => t!("place-field-labelled", field = field, label = group_label).text,
            None if label != field => t!("place-field-labelled", field = field, label = label).text,
            None => t!("place-field", field = field).text,
        }
    }
}

impl Series {
    /// A figure as the program prints it in a sentence (correction notes, `diff`):
    /// through the filter of its kind with the field's `show` options, in the
    /// series' script, followed by its unit (`186起`, `487.59萬元`, `8.37%`).
    pub fn show(&self, group: &str, field: &str, value: Option<&Figure>) -> String {
        let script = self.language().script;
        let Some(value) = value else { return script.word(format::Word::NotGiven).to_string() };
        let spec = self.spec(group, field);
        let (_, unit_word) = self.field_label(group, field);
        let show = spec.map(|s| s.show.clone()).unwrap_or_default();
        let kind = spec.map_or(FieldKind::Count, |s| s.kind.clone());
        show_value(&kind, &show, &unit_word, value, script)
    }
}

impl Series {
    /// A figure as a manifest records it (`Figure::to_json`) as the series prints it;
    /// a list as recorded.
    pub fn show_recorded(&self, group: &str, field: &str, value: Option<&serde_json::Value>) -> String {
        use serde_json::Value;
        let kind = self.spec(group, field).map(|spec| &spec.kind);
        let figure = value.and_then(|value| match (value, kind) {
            (Value::Number(n), Some(FieldKind::Signed)) => n.as_i64().map(Figure::Signed),
            (Value::Number(n), _) => n.as_u64().map(Figure::Whole),
            (Value::String(text), Some(FieldKind::Decimal(_) | FieldKind::Percent(_))) => {
                rust_decimal::Decimal::from_str_exact(text).ok().map(Figure::Decimal)
            }
            (Value::String(text), Some(FieldKind::Date)) => Date::parse(text).ok().map(Figure::Date),
            (Value::String(text), _) => Some(Figure::Text(text.clone())),
            _ => None,
        });
        match (figure, value) {
            (Some(figure), _) => self.show(group, field, Some(&figure)),
            (None, Some(value)) => value.to_string(),
            (None, None) => self.show(group, field, None),
        }
    }
}

impl Series {
    /// The name of a field of a list's records in a sentence: its `label`, else its
    /// name.
    pub fn record_field_label(&self, group: &str, field: &str, sub: &str) -> String {
        self.list_spec(group, field)
            .and_then(|list| list.fields.get(sub))
            .and_then(|spec| spec.label.clone())
            .unwrap_or_else(|| sub.to_string())
    }

    /// A value of a list's record (`sub`), or a whole record (`None`), as printed.
    pub fn show_in_list(&self, group: &str, field: &str, sub: Option<&str>, value: Option<&Figure>) -> String {
        let script = self.language().script;
        let Some(value) = value else { return script.word(format::Word::NotGiven).to_string() };
        let Some(list) = self.list_spec(group, field) else { return value.to_string() };
        let Some(sub) = sub else {
            let kind = FieldKind::List(list.clone());
            return show_value(&kind, &Show::default(), "", value, script);
        };
        let spec = list.fields.get(sub);
        let kind = spec.map_or(FieldKind::Count, |s| s.kind.clone());
        let show = spec.map(|s| s.show.clone()).unwrap_or_default();
        let unit = spec.and_then(|s| s.unit.clone()).unwrap_or_default();
        show_value(&kind, &show, &unit, value, script)
    }

    /// A record of a keyed list (a one-record list), as printed, its key left out:
    /// the record is named by it already.
    pub fn show_record(&self, group: &str, field: &str, value: &Figure) -> String {
        let script = self.language().script;
        let Some(list) = self.list_spec(group, field) else { return value.to_string() };
        let mut list = list.clone();
        let value = match (&list.key, value) {
            (Some(key), Figure::List(records)) => {
                list.fields.shift_remove(key);
                Figure::List(
                    records
                        .iter()
                        .map(|r| r.iter().filter(|(k, _)| *k != key).map(|(k, v)| (k.clone(), v.clone())).collect())
                        .collect(),
                )
            }
            _ => value.clone(),
        };
        show_value(&FieldKind::List(list), &Show::default(), "", &value, script)
    }

    fn list_spec(&self, group: &str, field: &str) -> Option<&crate::core::schema::ListSpec> {
        match &self.spec(group, field)?.kind {
            FieldKind::List(list) => Some(list),
            _ => None,
        }
    }
}

/// A value in words by its kind and `show` options.
fn show_value(kind: &FieldKind, show: &Show, unit_word: &str, value: &Figure, script: format::Script) -> String {
    let unit = show.unit.as_deref().map_or(Ok(format::Unit::One), format::Unit::parse).unwrap_or(format::Unit::One);
    match (value, kind) {
        (Figure::Whole(yuan), FieldKind::Money) => {
            let unit =
                show.unit.as_deref().map_or(Ok(format::Unit::Auto), format::Unit::parse).unwrap_or(format::Unit::Auto);
            format::amount(*yuan, script, unit, show.places)
        }
        (Figure::Decimal(d), FieldKind::Percent(_)) => format::percent(*d, show.places, false),
        (Figure::Text(text), _) => format!("“{text}”"),
        (Figure::Date(date), _) => format::date(*date, format::DateStyle::Full, false, script),
        (Figure::List(records), FieldKind::List(list)) => {
            let record = |record: &IndexMap<String, Figure>| -> String {
                record
                    .iter()
                    .map(|(name, value)| {
                        let spec = list.fields.get(name);
                        let kind = spec.map_or(FieldKind::Count, |s| s.kind.clone());
                        let show = spec.map(|s| s.show.clone()).unwrap_or_default();
                        let unit = spec.and_then(|s| s.unit.clone()).unwrap_or_default();
                        show_value(&kind, &show, &unit, value, script)
                    })
                    .collect::<Vec<_>>()
                    .join("，")
            };
            records.iter().map(record).collect::<Vec<_>>().join("；")
        }
        (value, _) => match value.number() {
            Some(number) => {
                let style = format::NumberStyle { group: show.group, unit, places: show.places };
                format!("{}{unit_word}", format::number(number, script, style))
            }
            None => value.to_string(),
        },
    }
}
