//! A period's validated figures: counts and yuan as integers, decimals exactly as
//! written, dates, text and lists of records.

use std::collections::BTreeMap;
use std::fmt;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::core::date::Date;

/// A validated period's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// The date the figures are counted up to.
    pub as_of: Date,
    /// Group name → field name → value.
    pub groups: BTreeMap<String, BTreeMap<String, Figure>>,
}

impl Figures {
    /// A whole-number figure (a count or yuan), if the file gives it.
    pub fn get(&self, group: &str, field: &str) -> Option<u64> {
        match self.figure(group, field)? {
            Figure::Whole(n) => Some(*n),
            _ => None,
        }
    }

    /// One figure of any kind, if the file gives it.
    pub fn figure(&self, group: &str, field: &str) -> Option<&Figure> {
        self.groups.get(group)?.get(field)
    }
}

/// One validated figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// A count or whole yuan.
    Whole(u64),
    /// A whole number that may be negative.
    Signed(i64),
    /// A decimal or a percentage, exactly as written (`8.30` keeps its places).
    Decimal(Decimal),
    /// A paragraph of prose.
    Text(String),
    /// A date.
    Date(Date),
    /// Records, in file order, each with its fields in schema order.
    List(Vec<IndexMap<String, Figure>>),
}

impl Figure {
    /// The value as a decimal, if it is a number.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Self::Whole(n) => Some(Decimal::from(*n)),
            Self::Signed(n) => Some(Decimal::from(*n)),
            Self::Decimal(d) => Some(*d),
            _ => None,
        }
    }

    /// The value as JSON, for manifests: numbers as numbers, decimals as their text.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Self::Whole(n) => serde_json::Value::from(*n),
            Self::Signed(n) => serde_json::Value::from(*n),
            Self::Decimal(d) => serde_json::Value::from(d.to_string()),
            Self::Text(text) => serde_json::Value::from(text.as_str()),
            Self::Date(date) => serde_json::Value::from(date.to_string()),
            Self::List(records) => serde_json::Value::from(
                records
                    .iter()
                    .map(|record| {
                        let map: serde_json::Map<String, serde_json::Value> =
                            record.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
                        serde_json::Value::from(map)
                    })
                    .collect::<Vec<_>>(),
            ),
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Whole(n) => write!(f, "{n}"),
            Self::Signed(n) => write!(f, "{n}"),
            Self::Decimal(d) => write!(f, "{d}"),
            Self::Text(text) => write!(f, "{text:?}"),
            Self::Date(date) => write!(f, "{date}"),
            Self::List(_) => write!(f, "{}", self.to_json()),
        }
    }
}
