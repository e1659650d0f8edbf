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
use crate::i18n::t;
use crate::render::args::{allow_function_kwargs, allow_kwargs, exact, exact_value, expected, found, places};
use crate::render::{budget, lists};

/// Registers every filter and test on a series' Tera instance, writing in `script`.
pub fn register(tera: &mut Tera, script: Script) {
    numbers(tera, script);
    dates_and_numerals(tera, script);
    exact_arithmetic(tera);
    shares(tera);
    lists::register(tera);
    budget::register(tera);
}

/// `amount`, `number`, `percent`, `change` and `year_on_year`.
fn numbers(tera: &mut Tera, script: Script) {
    tera.register_filter("amount", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("amount", &kwargs, &["unit", "places"])?;
        let yuan = value.as_u64().ok_or_else(|| {
            expected("amount", &t!("filter-what-yuan", example = "figures.food.amount_yuan").text, value)
        })?;
        let unit = match kwargs.get::<&str>("unit")? {
            Some(unit) => Unit::parse(unit).map_err(tera::Error::message)?,
            None => Unit::Auto,
        };
        Ok(format::amount(yuan, script, unit, places(&kwargs)?))
    });
    tera.register_filter("number", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("number", &kwargs, &["group", "unit", "places"])?;
        let number = exact(value).ok_or_else(|| expected("number", &t!("filter-what-number").text, value))?;
        let unit = match kwargs.get::<&str>("unit")? {
            Some(unit) => match Unit::parse(unit).map_err(tera::Error::message)? {
                Unit::Auto => {
                    return Err(tera::Error::message(t!("filter-number-auto")));
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
        let number = exact(value)
            .ok_or_else(|| expected("percent", &t!("filter-what-percent", example = "figures.x.rate").text, value))?;
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
        allow_kwargs("date", &kwargs, &["style", "numerals", "dash"])?;
        let date = date_value("date", value)?;
        let style = match kwargs.get::<&str>("style")? {
            Some(style) => DateStyle::parse(style).map_err(tera::Error::message)?,
            None => DateStyle::Full,
        };
        let chinese = match kwargs.get::<&str>("numerals")? {
            None | Some("arabic") => false,
            Some("chinese") => true,
            Some(other) => {
                return Err(tera::Error::message(t!("filter-numerals", other = other)));
            }
        };
        let dash = kwargs.get::<&str>("dash")?;
        if let Some(dash) = dash.filter(|dash| !format::DATE_DASHES.contains(dash)) {
            let dashes: Vec<String> = format::DATE_DASHES.iter().map(|d| format!("`{d}`")).collect();
            return Err(tera::Error::message(format!("unknown dash `{dash}`, expected one of {}", dashes.join(", "))));
        }
        Ok(format::date_spanning(date, style, chinese, script, dash))
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
            .ok_or_else(|| expected("chinese", &t!("filter-what-numeral").text, value))?;
        match kwargs.get::<&str>("style")? {
            None | Some("number") => Ok(format::numeral(n, script)),
            Some("ordinal") => Ok(format::ordinal(n, script)),
            Some("digits") => Ok(format::digits(n)),
            Some(other) => Err(tera::Error::message(t!("filter-numeral-style", other = other))),
        }
    });
}

/// `abs` and `int`, exact; `float` and `round` refused; the tests `negative`,
/// `positive` and `zero`.
fn exact_arithmetic(tera: &mut Tera) {
    // Tera's own `abs` works on floats; this one is exact, on decimals as well.
    tera.register_filter("abs", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("abs", &kwargs, &[])?;
        let number = exact(value).ok_or_else(|| expected("abs", &t!("filter-what-number").text, value))?;
        Ok(exact_value(number.abs()))
    });
    // Tera's `int` reads a decimal through a float: this one is exact.
    tera.register_filter("int", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("int", &kwargs, &[])?;
        let number = exact(value).ok_or_else(|| expected("int", &t!("filter-what-number").text, value))?;
        if !number.fract().is_zero() {
            return Err(tera::Error::message(t!("filter-int-not-whole", number = number.to_string())));
        }
        Ok(exact_value(number.trunc()))
    });
    for name in ["float", "round"] {
        tera.register_filter(name, move |_: &Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
            Err(tera::Error::message(t!("filter-float", name = name)))
        });
    }
    for (name, sign) in [("negative", -1), ("positive", 1), ("zero", 0)] {
        tera.register_test(name, move |value: &Value, _: Kwargs, _: &State| -> tera::TeraResult<bool> {
            let number = exact(value).ok_or_else(|| expected(name, &t!("filter-what-number").text, value))?;
            Ok(match sign {
                -1 => number.is_sign_negative() && !number.is_zero(),
                1 => number.is_sign_positive() && !number.is_zero(),
                _ => number.is_zero(),
            })
        });
    }
}

/// `ratio` (a function) and `share` (a filter): a figure as a percentage of another,
/// rounded half-up; `points`: the difference of two percentages, in points.
fn shares(tera: &mut Tera) {
    tera.register_function("ratio", |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_function_kwargs("ratio", &kwargs, &["a", "b", "places", "per"])?;
        let operand = |name: &str| -> tera::TeraResult<Decimal> {
            let value = kwargs.get::<Value>(name)?;
            value.as_ref().and_then(exact).ok_or_else(|| {
                let found = value.as_ref().map_or_else(|| t!("filter-found-nothing").text, found);
                tera::Error::message(t!("filter-ratio-operand", name = name, found = found))
            })
        };
        let per = match kwargs.get::<u64>("per")? {
            None => 100,
            Some(0) => return Err(tera::Error::message(t!("filter-ratio-per"))),
            Some(per) => per,
        };
        divide(&t!("filter-ratio-divides").text, operand("a")?, operand("b")?, per, places(&kwargs)?.unwrap_or(1))
    });
    tera.register_filter("share", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("share", &kwargs, &["of", "places"])?;
        let part = exact(value)
            .ok_or_else(|| expected("share", &t!("filter-what-number-like", example = "g.cases").text, value))?;
        let of = kwargs.get::<Value>("of")?;
        let whole = of.as_ref().and_then(exact).ok_or_else(|| {
            let found = of.as_ref().map_or_else(|| t!("filter-found-nothing").text, found);
            tera::Error::message(t!("filter-share-of", found = found))
        })?;
        divide(&t!("filter-share-divides").text, part, whole, 100, places(&kwargs)?.unwrap_or(1))
    });
    tera.register_filter("points", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("points", &kwargs, &["prior", "places"])?;
        let current = exact(value)
            .ok_or_else(|| expected("points", &t!("filter-what-percent", example = "g.rate").text, value))?;
        let prior: Option<Value> = kwargs.get("prior")?;
        let Some(prior) = prior.filter(|v| !v.is_none() && !v.is_undefined()) else { return Ok(Value::none()) };
        let prior = exact(&prior).ok_or_else(|| expected("points", &t!("filter-what-prior-percent").text, &prior))?;
        let difference =
            current.checked_sub(prior).ok_or_else(|| tera::Error::message(t!("filter-points-too-large")))?;
        let diff = match places(&kwargs)? {
            Some(places) => format::round(difference.abs(), places),
            None => difference.abs(),
        };
        let mut map = tera::Map::new();
        let change = match difference.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        };
        map.insert("change".into(), Value::from(change));
        map.insert("diff".into(), exact_value(diff));
        Ok(Value::from(map))
    });
}

/// `a / b × per` to `places` places, or an error saying what divided by zero.
fn divide(what: &str, a: Decimal, b: Decimal, per: u64, places: u32) -> tera::TeraResult<Value> {
    if b.is_zero() {
        return Err(tera::Error::message(t!("filter-divides-by-zero", what = what)));
    }
    format::quotient(a, b, per, places).map(exact_value).map_err(tera::Error::message)
}

/// A date given to a filter: a `date` figure or `as_of`.
fn date_value(filter: &str, value: &Value) -> tera::TeraResult<Date> {
    let text = value.as_str().ok_or_else(|| expected(filter, &t!("filter-what-date").text, value))?;
    Date::parse(text).map_err(tera::Error::message)
}

/// `change` and `year_on_year`: `none` without last year's figure.
fn change(value: &Value, kwargs: &Kwargs, filter: &str, places: u32) -> tera::TeraResult<Value> {
    let current = exact(value)
        .ok_or_else(|| expected(filter, &t!("filter-what-number-like", example = "g.cases").text, value))?;
    let prior: Option<Value> = kwargs.get("prior")?;
    let Some(prior) = prior.filter(|v| !v.is_none() && !v.is_undefined()) else { return Ok(Value::none()) };
    let prior = exact(&prior).ok_or_else(|| expected(filter, &t!("filter-what-prior-number").text, &prior))?;
    let change = format::change(current, prior, places).map_err(tera::Error::message)?;
    let mut map = tera::Map::new();
    map.insert("change".into(), Value::from(i64::from(change.change)));
    map.insert("diff".into(), exact_value(change.diff));
    map.insert("percent".into(), change.percent.map_or(Value::none(), Value::from));
    Ok(Value::from(map))
}

#[cfg(test)]
mod tests {
    use tera::Context;

    use super::*;

    /// Renders `template` with `figures`, in Simplified.
    fn render(template: &str, figures: serde_json::Value) -> Result<String, String> {
        let mut tera = Tera::default();
        register(&mut tera, Script::Hans);
        tera.add_raw_template("t", template).map_err(|err| err.to_string())?;
        let mut context = Context::new();
        context.insert_value("f", Value::from_serializable(&figures));
        tera.render("t", &context).map_err(|err| match err.kind() {
            tera::ErrorKind::RenderingError(report) => report.message().to_string(),
            _ => err.to_string(),
        })
    }

    fn air() -> serde_json::Value {
        serde_json::json!({"good": 24, "days": 31, "rate": "77.4", "prior_rate": "74.19", "zero": 0, "pm": "32.5", "neg": -3})
    }

    #[test]
    fn ratios_and_shares_are_exact_and_round_half_up() {
        let one = |expression: &str| render(&format!("{{{{ {expression} }}}}"), air()).unwrap();
        assert_eq!(one("ratio(a=f.good, b=f.days)"), "77.4");
        assert_eq!(one("ratio(a=f.good, b=f.days, places=2)"), "77.42");
        assert_eq!(one("ratio(a=f.good, b=f.days, places=0)"), "77");
        assert_eq!(one("ratio(a=f.good, b=f.days) | percent"), "77.4%");
        // 1/8 = 12.5% exactly: half-up to 13, never half-even 12.
        assert_eq!(one("ratio(a=1, b=8, places=0)"), "13");
        assert_eq!(one("ratio(a=f.pm, b=f.good, per=1, places=2)"), "1.35");
        assert_eq!(one("f.good | share(of=f.days)"), "77.4");
        assert_eq!(one("f.pm | share(of=\"130.0\", places=2)"), "25.00");
        assert_eq!(one("f.neg | share(of=8, places=1)"), "-37.5");
    }

    #[test]
    fn percentage_points_are_a_difference_with_its_direction() {
        let one = |expression: &str| {
            render(&format!("{{% set p = {expression} %}}{{{{ p.change }}}} {{{{ p.diff }}}}"), air())
        };
        assert_eq!(one("f.rate | points(prior=f.prior_rate)").unwrap(), "1 3.21");
        assert_eq!(one("f.rate | points(prior=f.prior_rate, places=1)").unwrap(), "1 3.2");
        assert_eq!(one("f.prior_rate | points(prior=f.rate, places=0)").unwrap(), "-1 3");
        assert_eq!(one("f.rate | points(prior=\"77.40\")").unwrap(), "0 0.00");
        assert_eq!(render("{{ f.rate | points(prior=f.missing) }}", air()).unwrap(), "");
    }

    #[test]
    fn a_wrong_argument_names_the_filter_and_what_it_expected() {
        let error = |expression: &str| render(&format!("{{{{ {expression} }}}}"), air()).unwrap_err();
        assert_eq!(
            error("ratio(a=f.good, b=f.zero)"),
            "the `ratio` function divides by `b`, which is 0; leave the sentence out when it is: `{% if … %}`"
        );
        assert!(error("ratio(a=f.good)").contains("`b` is nothing"));
        assert!(error("ratio(a=\"many\", b=3)").contains("`a` is the text `many`"));
        assert!(
            error("ratio(a=1, b=3, of=4)")
                .contains("the `ratio` function takes only `a`, `b`, `places`, `per`, not `of`")
        );
        assert!(error("ratio(a=1, b=3, per=0)").contains("`per` is 100 (a percentage)"));
        assert!(error("f.good | share").contains("the `share` filter takes `of`, the whole"));
        assert!(error("f.good | share(of=f.zero)").starts_with("the `share` filter divides by `of`, which is 0"));
        assert!(error("\"x\" | points(prior=1)").contains("the `points` filter expects a percentage"));
        assert!(error("f.good | share(of=3, places=9)").contains("at most 6 places"));
    }

    #[test]
    fn periods_of_a_date() {
        let as_of =
            |style: &str| render(&format!("{{{{ \"2024-08-31\" | date(style=\"{style}\") }}}}"), air()).unwrap();
        assert_eq!(as_of("month_only"), "8月");
        assert_eq!(as_of("year_month"), "2024年8月");
        assert_eq!(as_of("month"), "2024年8月");
        assert_eq!(as_of("year_quarter"), "2024年三季度");
        assert_eq!(as_of("half"), "下半年");
        assert_eq!(as_of("last_year"), "2023年");
        assert_eq!(as_of("year_months_to_date"), "2024年1—8月");
        assert_eq!(as_of("quarters_to_date"), "前三季度");
        let dashed = |dash: &str| {
            render(&format!("{{{{ \"2024-08-31\" | date(style=\"months_to_date\", dash=\"{dash}\") }}}}"), air())
        };
        assert_eq!(dashed("~").unwrap(), "1~8月");
        assert!(dashed("/").unwrap_err().contains("unknown dash `/`, expected one of `—`, `-`, `~`, `～`, `至`"));
    }
}
