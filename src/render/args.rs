//! What a template hands a filter or a function, read strictly: a number exactly (an
//! integer, or a decimal's text, never a float), the options each takes by name, and
//! errors that name the filter and say what it expected.

use rust_decimal::Decimal;
use tera::{Kwargs, Value};

use crate::core::format;
use crate::i18n::t;
use crate::render::budget;

/// A number a filter is given, exactly: an integer, or a decimal's text.
pub fn exact(value: &Value) -> Option<Decimal> {
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
pub fn exact_value(number: Decimal) -> Value {
    if number.scale() == 0
        && let Ok(n) = i64::try_from(number.mantissa())
    {
        return Value::from(n);
    }
    Value::from(number.to_string())
}

/// The `places` option: a whole number of decimal places.
pub fn places(kwargs: &Kwargs) -> tera::TeraResult<Option<u32>> {
    match kwargs.get::<u64>("places")? {
        None => Ok(None),
        Some(n) if n <= u64::from(format::MAX_PLACES) => Ok(Some(n as u32)),
        Some(n) => Err(tera::Error::message(t!("filter-places", n = n, max = format::MAX_PLACES))),
    }
}

/// Rejects keyword arguments a filter does not take, which Tera would otherwise ignore.
pub fn allow_kwargs(filter: &str, kwargs: &Kwargs, allowed: &[&str]) -> tera::TeraResult<()> {
    allow(&t!("filter-the-filter", name = filter).text, kwargs, allowed)
}

/// Rejects keyword arguments a function does not take.
pub fn allow_function_kwargs(function: &str, kwargs: &Kwargs, allowed: &[&str]) -> tera::TeraResult<()> {
    allow(&t!("filter-the-function", name = function).text, kwargs, allowed)
}

fn allow(what: &str, kwargs: &Kwargs, allowed: &[&str]) -> tera::TeraResult<()> {
    // Every filter of ours starts here: a loop that calls one stops at the time limit.
    budget::check()?;
    for (key, _) in kwargs.iter() {
        let key = key.to_string();
        if !allowed.contains(&key.as_str()) {
            let names: Vec<String> = allowed.iter().map(|n| format!("`{n}`")).collect();
            let takes = match allowed {
                [] => t!("filter-takes-nothing"),
                _ => t!("filter-takes-only", names = names.join(&t!("cli-value-separator").text)),
            };
            return Err(tera::Error::message(t!("filter-takes", what = what, takes = takes, key = key)));
        }
    }
    Ok(())
}

/// A text option (`attribute="aqi"`), if given; anything but a text is an error
/// naming the filter and `what` the option is.
pub fn text<'k>(filter: &str, kwargs: &'k Kwargs, name: &'k str, what: &str) -> tera::TeraResult<Option<&'k str>> {
    match kwargs.get::<Value>(name)? {
        None => Ok(None),
        Some(value) if value.is_string() => Ok(kwargs.get::<&str>(name)?),
        Some(value) => Err(tera::Error::message(t!(
            "filter-option",
            filter = filter,
            name = name,
            what = what,
            found = found(&value)
        ))),
    }
}

/// A yes-or-no option (`descending=true`), false when not given.
pub fn flag(filter: &str, kwargs: &Kwargs, name: &str) -> tera::TeraResult<bool> {
    match kwargs.get::<Value>(name)? {
        None => Ok(false),
        Some(value) => value.as_bool().ok_or_else(|| {
            tera::Error::message(t!("filter-option-flag", filter = filter, name = name, found = found(&value)))
        }),
    }
}

/// The error of a filter given the wrong kind of value.
pub fn expected(filter: &str, what: &str, value: &Value) -> tera::Error {
    tera::Error::message(t!("filter-expected", filter = filter, what = what, found = found(value)))
}

/// What a value is, as an error names it.
pub fn found(value: &Value) -> String {
    if value.is_none() {
        t!("filter-found-none").text
    } else if let Some(text) = value.as_str() {
        t!("filter-found-text", text = text).text
    } else {
        // Tera's name of the kind (`u64`, `array`), which a catalogue may put in words.
        t!("filter-found-kind", kind = value.name().split('/').next().unwrap_or_default()).text
    }
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
        assert_eq!(exact(&Value::from(0.5f64)), None);
        assert_eq!(exact_value(Decimal::from_str_exact("0.30").unwrap()), Value::from("0.30"));
        assert_eq!(exact_value(Decimal::from(21)), Value::from(21i64));
    }
}
