//! The message catalogues (`locales/<tag>/bulletin.ftl`) against each other and the
//! code: each parses, every key is in every language, each translation of a message
//! uses every argument the code passes it (and no other), every key the code names
//! is there, and no key is left unused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

mod common;

/// The languages, as folders of `locales/`.
const LANGS: [&str; 3] = ["en", "zh-Hans", "zh-Hant"];

/// Each message of one catalogue with the arguments its text uses.
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = common::repo().join("locales").join(lang).join("bulletin.ftl");
    let text = std::fs::read_to_string(&path).expect("catalogue");
    let resource = match fluent_syntax::parser::parse(text.as_str()) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{}: {errors:?}", path.display()),
    };
    let mut found = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let mut args = BTreeSet::new();
                if let Some(value) = &message.value {
                    pattern_args(value, &mut args);
                }
                assert!(
                    found.insert(message.id.name.to_string(), args).is_none(),
                    "{lang}: `{}` twice",
                    message.id.name
                );
            }
            Entry::Junk { content } => panic!("{lang}: cannot read {content:?}"),
            _ => {}
        }
    }
    found
}

fn pattern_args(pattern: &Pattern<&str>, args: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_args(expression, args);
        }
    }
}

fn expression_args(expression: &Expression<&str>, args: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_args(selector, args);
            for variant in variants {
                pattern_args(&variant.value, args);
            }
        }
        Expression::Inline(inline) => inline_args(inline, args),
    }
}

fn inline_args(inline: &InlineExpression<&str>, args: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            args.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_args(expression, args),
        _ => {}
    }
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push((path.display().to_string(), std::fs::read_to_string(&path).expect("source")));
        }
    }
}

/// Each `t!("key", name = …, …)` of a text: the key and the names of its arguments.
fn lookups(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut found = vec![];
    let mut rest = text;
    while let Some(at) = rest.find("t!(") {
        // The key, after any line break rustfmt puts before it.
        let after = rest[at + 3..].trim_start();
        // `format!("…")` and `print!("…")` end in `t!(` too.
        let word = rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let Some(after) = after.strip_prefix('"').filter(|_| !word) else {
            rest = &rest[at + 3..];
            continue;
        };
        let Some(end) = after.find('"') else { break };
        let key = after[..end].to_string();
        // The call's text up to its closing parenthesis.
        let (mut depth, mut close) = (1, after.len());
        for (i, c) in after[end..].char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                close = end + i;
                break;
            }
        }
        let call = &after[end + 1..close];
        // Arguments are `name = value` at the call's own level.
        let mut args = BTreeSet::new();
        let mut level = 0;
        let mut start = 0;
        for (i, c) in call.char_indices() {
            match c {
                '(' | '[' | '{' => level += 1,
                ')' | ']' | '}' => level -= 1,
                ',' if level == 0 => {
                    if let Some((name, _)) = call[start..i].split_once(" = ") {
                        args.insert(name.trim().to_string());
                    }
                    start = i + 1;
                }
                _ => {}
            }
        }
        if let Some((name, _)) = call[start..].split_once(" = ") {
            args.insert(name.trim().to_string());
        }
        found.push((key, args));
        rest = &after[end..];
    }
    found
}

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    let english = messages("en");
    assert!(english.len() > 100, "{} messages", english.len());
    for lang in &LANGS[1..] {
        let other = messages(lang);
        let missing: Vec<&String> = english.keys().filter(|key| !other.contains_key(*key)).collect();
        let extra: Vec<&String> = other.keys().filter(|key| !english.contains_key(*key)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, not in en {extra:?}");
        for (key, args) in &english {
            assert_eq!(&other[key], args, "{lang}: the arguments of `{key}`");
        }
    }
}

#[test]
fn the_code_and_the_catalogues_agree() {
    let english = messages("en");
    let mut files = vec![];
    sources(&common::repo().join("src"), &mut files);
    let mut used = BTreeSet::new();
    let mut problems = vec![];
    for (path, text) in &files {
        // Comments may show how a lookup is written.
        let code: String =
            text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        for (key, args) in lookups(&code) {
            match english.get(&key) {
                None => problems.push(format!("{path}: `{key}` is in no catalogue")),
                Some(wanted) if *wanted != args => {
                    problems.push(format!("{path}: `{key}` is given {args:?}, its text uses {wanted:?}"));
                }
                Some(_) => {}
            }
            used.insert(key);
        }
    }
    let unused: Vec<&String> = english.keys().filter(|key| !used.contains(*key)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(unused.is_empty(), "keys no code looks up: {unused:?}");
}

#[test]
fn the_lookup_finds_keys_and_arguments() {
    let text = r#"let a = t!("one"); let b = t!("two", x = f(1, 2), y = &z.w); say!("{}", t!("three", n = n)); format!("x"); t!(
    "four",
    m = 1
)"#;
    let found = lookups(text);
    let names = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect::<BTreeSet<String>>();
    assert_eq!(
        found,
        [
            ("one".to_string(), names(&[])),
            ("two".to_string(), names(&["x", "y"])),
            ("three".to_string(), names(&["n"])),
            ("four".to_string(), names(&["m"]))
        ]
    );
}
