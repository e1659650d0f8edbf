//! The filters over a list, exact as the others: a list of records (a `list` field)
//! by one of their fields (`attribute`), or a list of numbers or names. Sorting in
//! numeric order, ranking with ties, the least, the greatest, the sum and the mean
//! and the records that attain them, records selected by a condition, and names
//! joined as a sentence lists them (甲、乙和丙).
//!
//! Numbers are compared as decimals (100.0 above 58.1, 7.0 equal to 7), never as
//! text and never as floats; every filter checks the render's time budget once per
//! record it reads.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, Value};

use crate::core::format;
use crate::i18n::t;
use crate::render::args::{allow_kwargs, exact, exact_value, expected, flag, found, places, text};
use crate::render::budget;

/// Registers the list filters (`sort` replaces Tera's, which orders decimals as text).
pub fn register(tera: &mut Tera) {
    tera.register_filter("sort", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("sort", &kwargs, &["attribute", "descending", "then", "then_descending"])?;
        let list = list("sort", value)?;
        let (order, _) = Order::read("sort", &kwargs)?.sorted("sort", list)?;
        Ok(Value::from(order.into_iter().map(|i| list[i].clone()).collect::<Vec<_>>()))
    });
    tera.register_filter("rank", rank);
    for (name, extreme) in [("min", Extreme::Min), ("max", Extreme::Max)] {
        tera.register_filter(name, move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            allow_kwargs(name, &kwargs, &["attribute"])?;
            let (list, attribute) = (list(name, value)?, text(name, &kwargs, "attribute", &attribute_what())?);
            let at = attaining(name, list, attribute, extreme)?;
            Ok(field(name, &list[at[0]], at[0], attribute)?.clone())
        });
    }
    for (name, extreme) in [("argmin", Extreme::Min), ("argmax", Extreme::Max)] {
        tera.register_filter(name, move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            allow_kwargs(name, &kwargs, &["attribute"])?;
            let (list, attribute) = (list(name, value)?, text(name, &kwargs, "attribute", &attribute_what())?);
            let at = attaining(name, list, attribute, extreme)?;
            Ok(Value::from(at.into_iter().map(|i| list[i].clone()).collect::<Vec<_>>()))
        });
    }
    tera.register_filter("sum", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("sum", &kwargs, &["attribute"])?;
        let numbers = numbers("sum", list("sum", value)?, text("sum", &kwargs, "attribute", &attribute_what())?)?;
        sum("sum", &numbers).map(exact_value)
    });
    tera.register_filter("mean", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("mean", &kwargs, &["attribute", "places"])?;
        let Some(places) = places(&kwargs)? else {
            return Err(tera::Error::message(t!("list-mean-places")));
        };
        let numbers = numbers("mean", list("mean", value)?, text("mean", &kwargs, "attribute", &attribute_what())?)?;
        if numbers.is_empty() {
            return Err(tera::Error::message(t!("list-empty", filter = "mean")));
        }
        let count = Decimal::from(numbers.len());
        format::quotient(sum("mean", &numbers)?, count, 1, places).map(exact_value).map_err(tera::Error::message)
    });
    tera.register_filter("select", select);
    tera.register_filter("join_names", join_names);
}

/// What `attribute` is, as an error says.
fn attribute_what() -> String {
    t!("list-what-attribute").text
}

/// The list a filter is given.
fn list<'v>(filter: &str, value: &'v Value) -> tera::TeraResult<&'v [Value]> {
    value.as_array().ok_or_else(|| expected(filter, &t!("list-what-list").text, value))
}

/// The value a filter reads of one item: the item itself, or its field `attribute`.
fn field<'v>(filter: &str, item: &'v Value, index: usize, attribute: Option<&'v str>) -> tera::TeraResult<&'v Value> {
    budget::check()?;
    let Some(attribute) = attribute else { return Ok(item) };
    if !item.is_map() {
        return Err(expected(filter, &t!("list-what-records-with", attribute = attribute).text, item));
    }
    item.get_from_path(attribute).filter(|value| !value.is_undefined()).ok_or_else(|| {
        tera::Error::message(t!("list-no-field", filter = filter, record = index + 1, attribute = attribute))
    })
}

/// A value a list is ordered by.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    /// A number, exactly.
    Number(Decimal),
    /// A text, in the order of its characters.
    Text(String),
    /// None (an absent figure): after every other value, either way.
    Absent,
}

/// The keys of a list's items: numbers when every given one is a number (an integer
/// or a decimal's text), else texts.
fn keys(filter: &str, list: &[Value], attribute: Option<&str>) -> tera::TeraResult<Vec<Key>> {
    let values: Vec<&Value> =
        list.iter().enumerate().map(|(i, item)| field(filter, item, i, attribute)).collect::<Result<_, _>>()?;
    let numeric = values.iter().all(|value| value.is_none() || exact(value).is_some());
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| match (exact(value), value.as_str()) {
            _ if value.is_none() => Ok(Key::Absent),
            (Some(number), _) if numeric => Ok(Key::Number(number)),
            (_, Some(text)) => Ok(Key::Text(text.to_string())),
            _ => Err(tera::Error::message(t!("list-orders", filter = filter, item = i + 1, found = found(value)))),
        })
        .collect()
}

/// Two keys in order, ascending or descending; an absent value last either way.
fn compare(a: &Key, b: &Key, descending: bool) -> Ordering {
    let ordering = match (a, b) {
        (Key::Absent, Key::Absent) => return Ordering::Equal,
        (Key::Absent, _) => return Ordering::Greater,
        (_, Key::Absent) => return Ordering::Less,
        (Key::Number(a), Key::Number(b)) => a.cmp(b),
        (Key::Text(a), Key::Text(b)) => a.cmp(b),
        (Key::Number(_), Key::Text(_)) => Ordering::Less,
        (Key::Text(_), Key::Number(_)) => Ordering::Greater,
    };
    if descending { ordering.reverse() } else { ordering }
}

/// How `sort` and `rank` order a list: by a field (or the items themselves),
/// ascending unless `descending`, ties by a second field `then`, and past that in
/// the list's own order (the sort is stable).
struct Order<'k> {
    attribute: Option<&'k str>,
    descending: bool,
    then: Option<&'k str>,
    then_descending: bool,
}

impl<'k> Order<'k> {
    fn read(filter: &str, kwargs: &'k Kwargs) -> tera::TeraResult<Self> {
        Ok(Self {
            attribute: text(filter, kwargs, "attribute", &attribute_what())?,
            descending: flag(filter, kwargs, "descending")?,
            then: text(filter, kwargs, "then", &t!("list-what-then").text)?,
            then_descending: flag(filter, kwargs, "then_descending")?,
        })
    }

    /// The items' indices in order, and each item's key.
    fn sorted(&self, filter: &str, list: &[Value]) -> tera::TeraResult<(Vec<usize>, Vec<Key>)> {
        let first = keys(filter, list, self.attribute)?;
        let second = match self.then {
            Some(then) => keys(filter, list, Some(then))?,
            None => vec![Key::Absent; list.len()],
        };
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by(|&a, &b| {
            compare(&first[a], &first[b], self.descending)
                .then_with(|| compare(&second[a], &second[b], self.then_descending))
        });
        Ok((order, first))
    }
}

/// How tied records are ranked.
#[derive(Clone, Copy)]
enum Method {
    /// 1, 1, 3: the rank after a tie skips the places the tie took.
    Competition,
    /// 1, 1, 2: the rank after a tie is the next.
    Dense,
}

/// The fields `rank` gives each record.
const RANK_FIELDS: [&str; 4] = ["rank", "tie_size", "tied", "first_of_tie"];

/// `rank(attribute=…, method=…)`: the records in rank order, each with `rank`, the
/// size of its tie (`tie_size`, 1 alone), `tied` and `first_of_tie` (the first
/// record of its tie, or a record alone), so a shared cell is printed once.
fn rank(value: &Value, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    allow_kwargs("rank", &kwargs, &["attribute", "method", "descending", "then", "then_descending"])?;
    let method = match text("rank", &kwargs, "method", &t!("list-what-method").text)? {
        Some("competition") => Method::Competition,
        Some("dense") => Method::Dense,
        other => {
            return Err(tera::Error::message(match other {
                Some(other) => t!("list-rank-method-not", other = other),
                None => t!("list-rank-method"),
            }));
        }
    };
    let list = list("rank", value)?;
    let order = Order::read("rank", &kwargs)?;
    let Some(attribute) = order.attribute else {
        return Err(tera::Error::message(t!("list-rank-attribute")));
    };
    let (sorted, keys) = order.sorted("rank", list)?;
    if let Some(i) = keys.iter().position(|key| *key == Key::Absent) {
        return Err(tera::Error::message(t!("list-rank-absent", record = i + 1, attribute = attribute)));
    }
    let mut ranked = Vec::with_capacity(list.len());
    let (mut start, mut place) = (0, 0);
    while start < sorted.len() {
        let size = sorted[start..].iter().take_while(|&&i| keys[i] == keys[sorted[start]]).count();
        place = match method {
            Method::Competition => start + 1,
            Method::Dense => place + 1,
        };
        for (within, &i) in sorted[start..start + size].iter().enumerate() {
            ranked.push(with_rank(&list[i], i, place, size, within == 0)?);
        }
        start += size;
    }
    Ok(Value::from(ranked))
}

/// A record with its rank's fields added.
fn with_rank(record: &Value, index: usize, rank: usize, size: usize, first: bool) -> tera::TeraResult<Value> {
    let mut map = record.as_map().cloned().ok_or_else(|| expected("rank", &t!("list-what-records").text, record))?;
    if let Some(taken) = RANK_FIELDS.into_iter().find(|name| map.contains_key(&tera::value::Key::Str(name))) {
        return Err(tera::Error::message(t!("list-rank-taken", record = index + 1, field = taken)));
    }
    map.insert("rank".into(), Value::from(rank));
    map.insert("tie_size".into(), Value::from(size));
    map.insert("tied".into(), Value::from(size > 1));
    map.insert("first_of_tie".into(), Value::from(first));
    Ok(Value::from(map))
}

/// The least or the greatest.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extreme {
    Min,
    Max,
}

/// The numbers of a list's items, each given (a none is an error naming its record).
fn numbers(filter: &str, list: &[Value], attribute: Option<&str>) -> tera::TeraResult<Vec<Decimal>> {
    let name = attribute.map(|attribute| format!("`{attribute}`")).unwrap_or_else(|| t!("list-value").text);
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            let value = field(filter, item, i, attribute)?;
            exact(value).ok_or_else(|| {
                let help = if value.is_none() {
                    t!("list-none-help", attribute = attribute.unwrap_or("…")).text
                } else {
                    String::new()
                };
                tera::Error::message(t!(
                    "list-expects-numbers",
                    filter = filter,
                    item = i + 1,
                    name = &name,
                    found = found(value),
                    help = help
                ))
            })
        })
        .collect()
}

/// The indices of the items that attain the least or the greatest number, in list
/// order.
fn attaining(filter: &str, list: &[Value], attribute: Option<&str>, extreme: Extreme) -> tera::TeraResult<Vec<usize>> {
    let numbers = numbers(filter, list, attribute)?;
    let best = match extreme {
        Extreme::Min => numbers.iter().min(),
        Extreme::Max => numbers.iter().max(),
    };
    let Some(best) = best else {
        return Err(tera::Error::message(t!("list-empty", filter = filter)));
    };
    Ok((0..numbers.len()).filter(|&i| numbers[i] == *best).collect())
}

/// The exact sum; its places are the most any term has (7.25 + 58.1 = 65.35).
fn sum(filter: &str, numbers: &[Decimal]) -> tera::TeraResult<Decimal> {
    numbers
        .iter()
        .try_fold(Decimal::ZERO, |total, n| total.checked_add(*n))
        .ok_or_else(|| tera::Error::message(t!("list-sum-too-large", filter = filter)))
}

/// A comparison `select` makes.
#[derive(Clone, Copy)]
enum Op {
    Greater,
    AtLeast,
    Less,
    AtMost,
    Equal,
    NotEqual,
}

impl Op {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            ">" | "rose" => Self::Greater,
            ">=" => Self::AtLeast,
            "<" | "fell" => Self::Less,
            "<=" => Self::AtMost,
            "==" | "unchanged" => Self::Equal,
            "!=" => Self::NotEqual,
            _ => return None,
        })
    }

    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Self::Greater => ordering.is_gt(),
            Self::AtLeast => ordering.is_ge(),
            Self::Less => ordering.is_lt(),
            Self::AtMost => ordering.is_le(),
            Self::Equal => ordering.is_eq(),
            Self::NotEqual => ordering.is_ne(),
        }
    }
}

/// What `select` compares a record's field with.
enum Against<'k> {
    /// A value (`value=100`).
    Value(Value),
    /// Another field of the same record (`field="aqi_prior"`, `prior="aqi_prior"`).
    Field(&'k str),
}

/// `select(attribute=…, op=…, value=…)` (or `field=…`, another field of the same
/// record), or `select(attribute=…, change="rose"|"fell"|"unchanged", prior=…)`: the
/// records for which the condition holds, in list order. A record whose value (or
/// the one compared with) is none is selected only by `op="=="` with `value=none`
/// (or `"!="` with a value given).
fn select(value: &Value, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    allow_kwargs("select", &kwargs, &["attribute", "op", "value", "field", "change", "prior"])?;
    let list = list("select", value)?;
    let Some(attribute) = text("select", &kwargs, "attribute", &attribute_what())? else {
        return Err(tera::Error::message(t!("list-select-attribute")));
    };
    let (op, against) = condition(&kwargs)?;
    let mut selected = vec![];
    for (i, record) in list.iter().enumerate() {
        let left = field("select", record, i, Some(attribute))?;
        let right = match &against {
            Against::Value(value) => value,
            Against::Field(other) => field("select", record, i, Some(other))?,
        };
        if holds(op, left, right, i)? {
            selected.push(record.clone());
        }
    }
    Ok(Value::from(selected))
}

/// The condition of `select`, from `op` and `value` or `field`, or from `change`
/// and `prior`.
fn condition<'k>(kwargs: &'k Kwargs) -> tera::TeraResult<(Op, Against<'k>)> {
    let (ops, changes) = (t!("list-ops").text, t!("list-changes").text);
    let op = text("select", kwargs, "op", &ops)?;
    let change = text("select", kwargs, "change", &changes)?;
    let given = |name: &str| kwargs.get::<Value>(name).map(|value| value.is_some());
    let wrong = |what: crate::i18n::Text| Err(tera::Error::message(what));
    match (op, change) {
        (Some(op), None) if !given("prior")? => {
            let Some(op) = Op::parse(op).filter(|_| !["rose", "fell", "unchanged"].contains(&op)) else {
                return wrong(t!("list-select-op-not", ops = &ops, op = op));
            };
            match (kwargs.get::<Value>("value")?, text("select", kwargs, "field", &attribute_what())?) {
                (Some(value), None) => Ok((op, Against::Value(value))),
                (None, Some(field)) => Ok((op, Against::Field(field))),
                _ => wrong(t!("list-select-one-of-two", ops = &ops)),
            }
        }
        (None, Some(change)) if !given("value")? && !given("field")? => {
            let Some(op) = Op::parse(change).filter(|_| ["rose", "fell", "unchanged"].contains(&change)) else {
                return wrong(t!("list-select-change-not", changes = &changes, change = change));
            };
            match text("select", kwargs, "prior", &attribute_what())? {
                Some(prior) => Ok((op, Against::Field(prior))),
                None => wrong(t!("list-select-change", changes = &changes)),
            }
        }
        _ => wrong(t!("list-select-condition", ops = &ops, changes = &changes)),
    }
}

/// Whether `left op right` holds: numbers compared exactly, texts only for
/// equality, none only equal to none.
fn holds(op: Op, left: &Value, right: &Value, index: usize) -> tera::TeraResult<bool> {
    if left.is_none() || right.is_none() {
        let both = left.is_none() && right.is_none();
        return Ok(match op {
            Op::Equal => both,
            Op::NotEqual => !both && right.is_none(),
            _ => false,
        });
    }
    if let (Some(left), Some(right)) = (exact(left), exact(right)) {
        return Ok(op.holds(left.cmp(&right)));
    }
    match (op, left.as_str(), right.as_str()) {
        (Op::Equal | Op::NotEqual, Some(left), Some(right)) => Ok(op.holds(left.cmp(right))),
        _ => Err(tera::Error::message(t!(
            "list-select-compare",
            record = index + 1,
            left = found(left),
            right = found(right)
        ))),
    }
}

/// `join_names`: names as a sentence lists them, `甲、乙和丙` (`sep`, `last` change
/// the marks); one name alone, none the empty text.
fn join_names(value: &Value, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    allow_kwargs("join_names", &kwargs, &["attribute", "sep", "last"])?;
    let list = list("join_names", value)?;
    let attribute = text("join_names", &kwargs, "attribute", &attribute_what())?;
    let sep = text("join_names", &kwargs, "sep", &t!("list-what-sep").text)?.unwrap_or("、");
    let last = text("join_names", &kwargs, "last", &t!("list-what-last").text)?;
    let names: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let value = field("join_names", item, i, attribute)?;
            if let Some(name) = value.as_str() {
                Ok(name.to_string())
            } else if let Some(number) = exact(value) {
                Ok(number.to_string())
            } else {
                Err(expected("join_names", &t!("list-what-names").text, value))
            }
        })
        .collect::<Result<_, _>>()?;
    Ok(Value::from(match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., final_name] => format!("{}{}{final_name}", rest.join(sep), last.unwrap_or("和")),
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tera::{Context, Tera, Value};

    use crate::core::format::Script;

    /// Renders `template` with `cities` (records of `name`, `aqi`, `prior`) and `xs`.
    fn render(template: &str, cities: serde_json::Value) -> Result<String, String> {
        let mut tera = Tera::default();
        crate::render::filters::register(&mut tera, Script::Hans);
        tera.add_raw_template("t", template).map_err(|err| err.to_string())?;
        let mut context = Context::new();
        context.insert_value("cities", Value::from_serializable(&cities));
        tera.render("t", &context).map_err(|err| match err.kind() {
            tera::ErrorKind::RenderingError(report) => report.message().to_string(),
            _ => err.to_string(),
        })
    }

    /// Cities with decimal AQIs as a figure file gives them: decimals as text.
    fn cities() -> serde_json::Value {
        json!([
            {"name": "甲", "aqi": "100.0", "prior": "90.5"},
            {"name": "乙", "aqi": "58.1", "prior": "58.10"},
            {"name": "丙", "aqi": "7.25", "prior": "8"},
            {"name": "丁", "aqi": -3, "prior": null},
        ])
    }

    #[test]
    fn decimals_sort_as_numbers_never_as_text() {
        let names = |args: &str| {
            render(&format!("{{% for c in cities | sort({args}) %}}{{{{ c.aqi }}}} {{% endfor %}}"), cities()).unwrap()
        };
        assert_eq!(names("attribute=\"aqi\""), "-3 7.25 58.1 100.0 ");
        assert_eq!(names("attribute=\"aqi\", descending=true"), "100.0 58.1 7.25 -3 ");
        // A plain list of numbers, and texts in the order of their characters.
        assert_eq!(render("{{ [3, 20, 100] | sort | join(sep=\",\") }}", json!(null)).unwrap(), "3,20,100");
        let texts = render("{{ cities | sort(attribute=\"name\") | join_names(attribute=\"name\") }}", cities());
        assert_eq!(texts.unwrap(), "丁、丙、乙和甲");
    }

    #[test]
    fn a_sort_is_stable_breaks_ties_by_a_second_key_and_puts_absent_values_last() {
        let list = json!([
            {"name": "b", "v": 2, "w": "1.5"},
            {"name": "a", "v": 1, "w": "9"},
            {"name": "c", "v": 2, "w": "0.5"},
            {"name": "d", "v": null, "w": "1"},
            {"name": "e", "v": 1, "w": "9.0"},
        ]);
        let order = |args: &str| {
            render(
                &format!("{{{{ cities | sort({args}) | join_names(attribute=\"name\", last=\"、\") }}}}"),
                list.clone(),
            )
            .unwrap()
        };
        assert_eq!(order("attribute=\"v\""), "a、e、b、c、d");
        assert_eq!(order("attribute=\"v\", descending=true"), "b、c、a、e、d");
        assert_eq!(order("attribute=\"v\", then=\"w\""), "a、e、c、b、d");
        assert_eq!(order("attribute=\"v\", then=\"w\", then_descending=true"), "a、e、b、c、d");
    }

    #[test]
    fn ranks_share_ties_by_competition_or_dense() {
        let aqis = json!([31, 25, 40, 30, 25, 30].map(|aqi| json!({"aqi": aqi})));
        let ranks = |method: &str| {
            let template = format!(
                "{{% for c in cities | rank(attribute=\"aqi\", method=\"{method}\") %}}{{{{ c.rank }}}},{{% endfor %}}"
            );
            render(&template, aqis.clone()).unwrap()
        };
        assert_eq!(ranks("competition"), "1,1,3,3,5,6,");
        assert_eq!(ranks("dense"), "1,1,2,2,3,4,");
        let ties = "{% for c in cities | rank(attribute=\"aqi\", method=\"competition\", descending=true) %}\
                    {{ c.aqi }}:{{ c.rank }}/{{ c.tie_size }}{% if c.first_of_tie %}*{% endif %}{% if c.tied %}t{% endif %} {% endfor %}";
        assert_eq!(render(ties, aqis.clone()).unwrap(), "40:1/1* 31:2/1* 30:3/2*t 30:3/2t 25:5/2*t 25:5/2t ");
        // Decimals tie when equal as numbers.
        let decimals = json!([{"v": "7.0"}, {"v": 7}, {"v": "7.00"}]);
        let template =
            "{% for c in cities | rank(attribute=\"v\", method=\"dense\") %}{{ c.rank }}{{ c.tie_size }} {% endfor %}";
        assert_eq!(render(template, decimals).unwrap(), "13 13 13 ");
    }

    #[test]
    fn a_rank_must_be_declared_and_every_record_ranked() {
        let error = |template: &str| render(template, cities()).unwrap_err();
        assert!(
            error("{{ cities | rank(attribute=\"aqi\") }}")
                .contains("the `rank` filter needs `method=\"competition\"`")
        );
        assert!(error("{{ cities | rank(attribute=\"aqi\", method=\"olympic\") }}").contains("not `olympic`"));
        assert!(error("{{ cities | rank(method=\"dense\") }}").contains("needs `attribute`"));
        assert!(
            error("{{ cities | rank(attribute=\"prior\", method=\"dense\") }}").contains("record 4's `prior` is none")
        );
        let taken = render("{{ cities | rank(attribute=\"v\", method=\"dense\") }}", json!([{"v": 1, "rank": 2}]));
        assert!(taken.unwrap_err().contains("record 1 has a field `rank` already"));
    }

    #[test]
    fn least_greatest_sum_and_mean_are_exact() {
        let one = |expression: &str| render(&format!("{{{{ {expression} }}}}"), cities()).unwrap();
        assert_eq!(one("cities | max(attribute=\"aqi\")"), "100.0");
        assert_eq!(one("cities | min(attribute=\"aqi\")"), "-3");
        assert_eq!(one("cities | sum(attribute=\"aqi\")"), "162.35");
        // 162.35 / 4 = 40.5875.
        assert_eq!(one("cities | mean(attribute=\"aqi\", places=2)"), "40.59");
        assert_eq!(one("cities | mean(attribute=\"aqi\", places=3)"), "40.588");
        assert_eq!(one("cities | mean(attribute=\"aqi\", places=0)"), "41");
        assert_eq!(one("[1, 2] | mean(places=0)"), "2");
        assert_eq!(one("[1, 2] | mean(places=1)"), "1.5");
        assert_eq!(one("[] | sum"), "0");
        assert_eq!(one("cities | argmax(attribute=\"aqi\") | join_names(attribute=\"name\")"), "甲");
        let ties = json!([{"name": "甲", "v": 5}, {"name": "乙", "v": "5.0"}, {"name": "丙", "v": 1}]);
        let attaining = render("{{ cities | argmax(attribute=\"v\") | join_names(attribute=\"name\") }}", ties.clone());
        assert_eq!(attaining.unwrap(), "甲和乙");
        // The first record that attains it gives the value, as written.
        assert_eq!(render("{{ cities | max(attribute=\"v\") }}", ties.clone()).unwrap(), "5");
        assert_eq!(render("{{ cities | argmin(attribute=\"v\") | length }}", ties).unwrap(), "1");
    }

    #[test]
    fn aggregates_refuse_empty_lists_absent_figures_and_texts() {
        let error = |expression: &str| render(&format!("{{{{ {expression} }}}}"), cities()).unwrap_err();
        assert!(error("[] | max").contains("the `max` filter was given an empty list"));
        assert!(error("[] | mean(places=1)").contains("the `mean` filter was given an empty list"));
        assert!(error("cities | mean(attribute=\"aqi\")").contains("the `mean` filter needs `places`"));
        let absent = error("cities | sum(attribute=\"prior\")");
        assert!(
            absent.contains("the `sum` filter expects numbers; item 4's `prior` is none (an absent figure)"),
            "{absent}"
        );
        assert!(absent.contains("select(attribute=\"prior\", op=\"!=\", value=none)"), "{absent}");
        assert!(error("cities | max(attribute=\"name\")").contains("item 1's `name` is the text `甲`"));
        assert!(error("cities | max(attribute=\"nom\")").contains("the `max` filter: record 1 has no field `nom`"));
        assert!(error("cities | max(attribute=3)").contains("the `max` filter's `attribute` is the name of a field"));
        assert!(error("cities | max(field=\"aqi\")").contains("the `max` filter takes only `attribute`, not `field`"));
        assert!(error("3 | max").contains("the `max` filter expects a list"));
    }

    #[test]
    fn records_are_selected_by_a_value_a_field_or_a_change() {
        let names = |args: &str| {
            let template = format!("{{{{ cities | select({args}) | join_names(attribute=\"name\") }}}}");
            render(&template, cities()).unwrap()
        };
        assert_eq!(names("attribute=\"aqi\", op=\">\", value=58"), "甲和乙");
        assert_eq!(names("attribute=\"aqi\", op=\">=\", value=\"58.1\""), "甲和乙");
        assert_eq!(names("attribute=\"aqi\", op=\"<\", value=\"58.10\""), "丙和丁");
        assert_eq!(names("attribute=\"aqi\", op=\"<=\", value=-3"), "丁");
        assert_eq!(names("attribute=\"aqi\", op=\"==\", value=\"7.250\""), "丙");
        assert_eq!(names("attribute=\"name\", op=\"!=\", value=\"甲\""), "乙、丙和丁");
        assert_eq!(names("attribute=\"aqi\", op=\">\", field=\"prior\""), "甲");
        assert_eq!(names("attribute=\"aqi\", change=\"rose\", prior=\"prior\""), "甲");
        assert_eq!(names("attribute=\"aqi\", change=\"fell\", prior=\"prior\""), "丙");
        // 58.1 and 58.10 are the same number; 丁 has no earlier figure.
        assert_eq!(names("attribute=\"aqi\", change=\"unchanged\", prior=\"prior\""), "乙");
        assert_eq!(names("attribute=\"prior\", op=\"==\", value=none"), "丁");
        assert_eq!(names("attribute=\"prior\", op=\"!=\", value=none"), "甲、乙和丙");
    }

    #[test]
    fn a_select_without_a_clear_condition_says_what_it_takes() {
        let error = |args: &str| render(&format!("{{{{ cities | select({args}) }}}}"), cities()).unwrap_err();
        assert!(error("attribute=\"aqi\", op=\"=>\", value=1").contains("compares with `op=\">\"`"));
        assert!(error("attribute=\"aqi\", op=\"rose\", value=1").contains("not `op=\"rose\"`"));
        assert!(error("attribute=\"aqi\", op=\">\"").contains("with `value=…` or `field=…`: one of the two"));
        assert!(error("attribute=\"aqi\", change=\"up\", prior=\"prior\"").contains("not `change=\"up\"`"));
        assert!(error("attribute=\"aqi\", change=\"rose\", value=3").contains("takes a condition"));
        assert!(error("op=\">\", value=3").contains("needs `attribute`"));
        assert!(error("attribute=\"name\", op=\">\", value=3").contains("record 1 gives the text `甲` and"));
    }

    #[test]
    fn names_are_joined_as_a_sentence_lists_them() {
        let join = |list: serde_json::Value, args: &str| {
            render(&format!("{{{{ cities | join_names({args}) }}}}"), list).unwrap()
        };
        assert_eq!(join(json!([]), ""), "");
        assert_eq!(join(json!(["甲"]), ""), "甲");
        assert_eq!(join(json!(["甲", "乙"]), ""), "甲和乙");
        assert_eq!(join(json!(["甲", "乙", "丙"]), ""), "甲、乙和丙");
        assert_eq!(join(json!(["甲", "乙", "丙"]), "last=\"及\""), "甲、乙及丙");
        assert_eq!(join(json!(["甲", "乙", "丙"]), "sep=\"，\", last=\"，\""), "甲，乙，丙");
        assert_eq!(join(json!([1, "2.50"]), ""), "1和2.50");
        assert_eq!(join(cities(), "attribute=\"name\""), "甲、乙、丙和丁");
        assert!(
            render("{{ cities | join_names }}", cities()).unwrap_err().contains("expects names (texts) or numbers")
        );
    }
}
