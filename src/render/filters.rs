//! The filters and tests a series' templates write figures with: 萬/億 amounts,
//! numbers, percentages, changes against last year, dates and Chinese numerals, in
//! the series' script (the words themselves are `core::format`'s).
//!
//! All arithmetic here is exact: a figure never passes through floating point on its
//! way into a sentence.

use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, Value};

use crate::core::date::Date;
use crate::core::format::{self, DateStyle, NumberStyle, Script, Unit};
use crate::render::budget;

/// Registers every filter and test on a series' Tera instance, writing in `script`.
pub fn register(tera: &mut Tera, script: Script) {
    numbers(tera, script);
    dates_and_numerals(tera, script);
    exact_arithmetic(tera);
    budget::register(tera);
}

/// `amount`, `number`, `percent`, `change` and `year_on_year`.
fn numbers(tera: &mut Tera, script: Script) {
    tera.register_filter("amount", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("amount", &kwargs, &["unit", "places"])?;
        let yuan =
            value.as_u64().ok_or_else(|| expected("amount", "whole yuan such as `figures.food.amount_yuan`", value))?;
        let unit = match kwargs.get::<&str>("unit")? {
            Some(unit) => Unit::parse(unit).map_err(tera::Error::message)?,
            None => Unit::Auto,
        };
        Ok(format::amount(yuan, script, unit, places(&kwargs)?))
    });
    tera.register_filter("number", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("number", &kwargs, &["group", "unit", "places"])?;
        let number = exact(value).ok_or_else(|| expected("number", "a number", value))?;
        let unit = match kwargs.get::<&str>("unit")? {
            Some(unit) => match Unit::parse(unit).map_err(tera::Error::message)? {
                Unit::Auto => {
                    return Err(tera::Error::message(
                        "the `number` filter takes `unit=\"萬\"` or `\"億\"`, not `auto`",
                    ));
                }
                unit => unit,
            },
            None => Unit::One,
        };
        let group = kwargs.get::<bool>("group")?.unwrap_or(false);
        Ok(format::number(number, script, NumberStyle { group, unit, places: places(&kwargs)? }))
    });
    tera.register_filter("percent", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("percent", &kwargs, &["places", "abs"])?;
        let number = exact(value).ok_or_else(|| expected("percent", "a percentage such as `figures.x.rate`", value))?;
        Ok(format::percent(number, places(&kwargs)?, kwargs.get::<bool>("abs")?.unwrap_or(false)))
    });
    tera.register_filter("change", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("change", &kwargs, &["prior", "places"])?;
        change(value, &kwargs, "change", places(&kwargs)?.unwrap_or(1))
    });
    tera.register_filter("year_on_year", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("year_on_year", &kwargs, &["prior"])?;
        change(value, &kwargs, "year_on_year", 1)
    });
}

/// `date`, `month_day` and `chinese`.
fn dates_and_numerals(tera: &mut Tera, script: Script) {
    tera.register_filter("date", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("date", &kwargs, &["style", "numerals"])?;
        let date = date_value("date", value)?;
        let style = match kwargs.get::<&str>("style")? {
            Some(style) => DateStyle::parse(style).map_err(tera::Error::message)?,
            None => DateStyle::Full,
        };
        let chinese = match kwargs.get::<&str>("numerals")? {
            None | Some("arabic") => false,
            Some("chinese") => true,
            Some(other) => {
                return Err(tera::Error::message(format!(
                    "unknown numerals `{other}`, expected `arabic` or `chinese`"
                )));
            }
        };
        Ok(format::date(date, style, chinese, script))
    });
    tera.register_filter("month_day", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("month_day", &kwargs, &[])?;
        Ok(format::date(date_value("month_day", value)?, DateStyle::MonthDay, false, script))
    });
    tera.register_filter("chinese", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("chinese", &kwargs, &["style"])?;
        let n = value
            .as_u64()
            .filter(|&n| n <= format::MAX_NUMERAL)
            .ok_or_else(|| expected("chinese", "a whole number from 0 to 999999999999", value))?;
        match kwargs.get::<&str>("style")? {
            None | Some("number") => Ok(format::numeral(n, script)),
            Some("ordinal") => Ok(format::ordinal(n, script)),
            Some("digits") => Ok(format::digits(n)),
            Some(other) => {
                Err(tera::Error::message(format!("unknown style `{other}`, expected `number`, `ordinal` or `digits`")))
            }
        }
    });
}

/// `abs` and `int`, exact; `float` and `round` refused; the tests `negative`,
/// `positive` and `zero`.
fn exact_arithmetic(tera: &mut Tera) {
    // Tera's own `abs` works on floats; this one is exact, on decimals as well.
    tera.register_filter("abs", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("abs", &kwargs, &[])?;
        let number = exact(value).ok_or_else(|| expected("abs", "a number", value))?;
        Ok(exact_value(number.abs()))
    });
    // Tera's `int` reads a decimal through a float: this one is exact.
    tera.register_filter("int", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("int", &kwargs, &[])?;
        let number = exact(value).ok_or_else(|| expected("int", "a number", value))?;
        if !number.fract().is_zero() {
            return Err(tera::Error::message(format!(
                "`{number}` is not a whole number; round it with `number(places=0)`"
            )));
        }
        Ok(exact_value(number.trunc()))
    });
    for name in ["float", "round"] {
        tera.register_filter(name, move |_: &Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
            Err(tera::Error::message(format!(
                "the `{name}` filter would pass a figure through floating point; use `number`, `percent` or `amount` with `places`"
            )))
        });
    }
    for (name, sign) in [("negative", -1), ("positive", 1), ("zero", 0)] {
        tera.register_test(name, move |value: &Value, _: Kwargs, _: &State| -> tera::TeraResult<bool> {
            let number = exact(value).ok_or_else(|| expected(name, "a number", value))?;
            Ok(match sign {
                -1 => number.is_sign_negative() && !number.is_zero(),
                1 => number.is_sign_positive() && !number.is_zero(),
                _ => number.is_zero(),
            })
        });
    }
}

/// A number a filter is given, exactly: an integer, or a decimal's text.
fn exact(value: &Value) -> Option<Decimal> {
    if let Some(n) = value.as_i128() {
        return Decimal::try_from_i128_with_scale(n, 0).ok();
    }
    if let Some(n) = value.as_u128() {
        return Decimal::try_from_i128_with_scale(i128::try_from(n).ok()?, 0).ok();
    }
    let text = value.as_str()?;
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .then(|| Decimal::from_str_exact(text).ok())
        .flatten()
}

/// A decimal back into a template: an integer when it is one, else its text.
fn exact_value(number: Decimal) -> Value {
    if number.scale() == 0
        && let Ok(n) = i64::try_from(number.mantissa())
    {
        return Value::from(n);
    }
    Value::from(number.to_string())
}

/// The `places` option: a whole number of decimal places.
fn places(kwargs: &Kwargs) -> tera::TeraResult<Option<u32>> {
    match kwargs.get::<u64>("places")? {
        None => Ok(None),
        Some(n) if n <= u64::from(format::MAX_PLACES) => Ok(Some(n as u32)),
        Some(n) => Err(tera::Error::message(format!("`places={n}`: at most {} places", format::MAX_PLACES))),
    }
}

/// A date given to a filter: a `date` figure or `as_of`.
fn date_value(filter: &str, value: &Value) -> tera::TeraResult<Date> {
    let text = value.as_str().ok_or_else(|| expected(filter, "a date such as `as_of`", value))?;
    Date::parse(text).map_err(tera::Error::message)
}

/// `change` and `year_on_year`: `none` without last year's figure.
fn change(value: &Value, kwargs: &Kwargs, filter: &str, places: u32) -> tera::TeraResult<Value> {
    let current = exact(value).ok_or_else(|| expected(filter, "a number such as `g.cases`", value))?;
    let prior: Option<Value> = kwargs.get("prior")?;
    let Some(prior) = prior.filter(|v| !v.is_none() && !v.is_undefined()) else { return Ok(Value::none()) };
    let prior = exact(&prior).ok_or_else(|| expected(filter, "`prior` to be a number", &prior))?;
    let change = format::change(current, prior, places).map_err(tera::Error::message)?;
    let mut map = tera::Map::new();
    map.insert("change".into(), Value::from(i64::from(change.change)));
    map.insert("diff".into(), exact_value(change.diff));
    map.insert("percent".into(), change.percent.map_or(Value::none(), Value::from));
    Ok(Value::from(map))
}

/// Rejects keyword arguments a filter does not take, which Tera would otherwise ignore.
fn allow_kwargs(filter: &str, kwargs: &Kwargs, allowed: &[&str]) -> tera::TeraResult<()> {
    // Every filter of ours starts here: a loop that calls one stops at the time limit.
    budget::check()?;
    for (key, _) in kwargs.iter() {
        let key = key.to_string();
        if !allowed.contains(&key.as_str()) {
            let takes = match allowed {
                [] => "no arguments".to_string(),
                names => format!("only {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
            };
            return Err(tera::Error::message(format!("the `{filter}` filter takes {takes}, not `{key}`")));
        }
    }
    Ok(())
}

fn expected(filter: &str, what: &str, found: &Value) -> tera::Error {
    let found = if found.is_none() { "none (an absent figure)" } else { found.name() };
    tera::Error::message(format!("the `{filter}` filter expects {what}, found {found}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_reads_integers_and_decimal_text() {
        assert_eq!(exact(&Value::from(12u64)), Some(Decimal::from(12)));
        assert_eq!(exact(&Value::from("-8.37")), Decimal::from_str_exact("-8.37").ok());
        assert_eq!(exact(&Value::from("abc")), None);
        assert_eq!(exact(&Value::from("1e5")), None);
        assert_eq!(exact_value(Decimal::from_str_exact("0.30").unwrap()), Value::from("0.30"));
        assert_eq!(exact_value(Decimal::from(21)), Value::from(21i64));
    }
}
