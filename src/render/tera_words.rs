//! Tera's messages in the user's language. Tera speaks English only: the mistakes a
//! series' writer meets in a template (a mark where another belongs, an unknown
//! filter, a variable or field that is not there, a tag left open) are recognised by
//! Tera's words and said from the catalogue; a message not recognised keeps Tera's
//! words in a note. In English Tera's own words are kept as they are.

use crate::i18n::{Lang, Text, t};

/// Tera's `message` said in the chosen language, with notes to add: `None` when
/// Tera's own words stand (the language is English, or the message is one of ours).
pub fn said(message: &str) -> Option<(Text, Vec<String>)> {
    if crate::i18n::lang() == Lang::En {
        return None;
    }
    let name = |text: &str| text.split('`').nth(1).unwrap_or_default().to_string();
    let known = |prefix: &str| message.strip_prefix(prefix);
    let text = if let Some(rest) = known("Found ") {
        found(rest)
    } else if let Some(rest) = known("Unknown filter ") {
        t!("tera-unknown-filter", name = name(rest))
    } else if let Some(rest) = known("Unknown test ") {
        t!("tera-unknown-test", name = name(rest))
    } else if let Some(rest) = known("Unknown function ") {
        t!("tera-unknown-function", name = name(rest))
    } else if let Some(rest) = known("Unknown component ") {
        t!("tera-unknown-component", name = name(rest))
    } else if known("Unexpected end of input").is_some() {
        t!("tera-unexpected-end")
    } else if known("Unexpected character").is_some() {
        t!("tera-unexpected-character")
    } else if known("Unknown tag").is_some() {
        t!("tera-unknown-tag")
    } else if let Some(rest) = known("Variable ") {
        return Some(undefined(rest, t!("tera-undefined-variable", name = name(rest)), " Available variables: "));
    } else if let Some(rest) = known("Field ") {
        return Some(undefined(rest, t!("tera-undefined-field", name = name(rest)), " Available fields: "));
    } else if let Some(rest) = known("Closing tag ") {
        let quoted: Vec<&str> = rest.split('\'').skip(1).step_by(2).collect();
        let (closing, opening) =
            (quoted.first().copied().unwrap_or_default(), quoted.get(1).copied().unwrap_or_default());
        t!("tera-closing-mismatch", closing = closing, opening = opening)
    } else if let Some(rest) = known("Iteration not possible on type ") {
        t!("tera-not-iterable", kind = name(rest))
    } else if let Some(rest) = known("Argument ") {
        t!("tera-missing-argument", name = name(rest))
    } else if message.starts_with(|c: char| c.is_ascii_uppercase()) {
        // Tera's words for a rarer mistake: kept, as a note.
        return Some((t!("tera-other"), vec![format!("note: {message}")]));
    } else {
        return None;
    };
    Some((text, vec![]))
}

/// `Found X but expected Y.`: the marks, in the user's words.
fn found(rest: &str) -> Text {
    let rest = rest.trim_end_matches('.');
    if let Some((token, _)) = rest.split_once(" but was expecting ") {
        return t!("tera-expected-end", found = words(token));
    }
    match rest.split_once(" but expected ") {
        Some((token, expected)) => t!("tera-found-expected", found = words(token), expected = words(expected)),
        None => t!("tera-other"),
    }
}

/// Tera's names of what a template holds (`identifier`, `` `}}` ``, `a string`),
/// each in the user's words; lists (`a, b or c`) joined in theirs.
fn words(text: &str) -> String {
    let text = text.trim().trim_start_matches("one of: ");
    let parts: Vec<&str> = text.split(", ").flat_map(|part| part.split(" or ")).collect();
    let said: Vec<String> = parts
        .iter()
        .map(|part| match part.trim().trim_start_matches("a ").trim_start_matches("an ") {
            "content" | "raw content" => t!("tera-token-content").text,
            "comment" => t!("tera-token-comment").text,
            "identifier" | "ident" | "attribute name" => t!("tera-token-name").text,
            "string" => t!("tera-token-string").text,
            "integer" | "float" => t!("tera-token-number").text,
            "bool" => t!("tera-token-bool").text,
            other if other.starts_with('`') => other.to_string(),
            other => format!("`{other}`"),
        })
        .collect();
    match said.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => t!("tera-token-or", first = rest.join(&t!("cli-value-separator").text), last = last).text,
        None => String::new(),
    }
}

/// A variable or field that is not defined, and the ones there are as a help.
fn undefined(rest: &str, message: Text, available: &str) -> (Text, Vec<String>) {
    let names = rest.split_once(available).map(|(_, names)| names.trim_end_matches('.'));
    let notes = names
        .map(|names| {
            let names: Vec<String> = names.split(", ").map(|name| format!("`{name}`")).collect();
            format!("help: {}", t!("tera-available", names = names.join(&t!("cli-value-separator").text)))
        })
        .into_iter()
        .collect();
    (message, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_keeps_teras_words() {
        assert!(said("Unknown filter `x`").is_none());
    }

    #[test]
    fn tokens_are_named_and_joined() {
        assert_eq!(words("`}}`"), "`}}`");
        assert_eq!(words("identifier"), "a name");
        assert_eq!(words("`/` or `>`"), "`/` or `>`");
    }
}
