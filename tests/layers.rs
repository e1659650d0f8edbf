//! The shape of the code, held by a test: the layers of `src/` and the arrows between
//! them (ARCHITECTURE.md), no import cycle between files, the disk touched only in
//! `io/`, and no function over 60 lines.
//!
//! The code is read as text: every `use crate::…`, `crate::…` path and `super::…`
//! import outside a `#[cfg(test)]` module is resolved to the file it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers from the top down; a file may use its own layer and those below it
/// (`io` apart: see [`IO_USERS`]).
const LAYERS: [&[&str]; 8] =
    [&["site", "serve"], &["archive"], &["pipeline"], &["render"], &["input"], &["core"], &["diag"], &["i18n"]];

/// The layers that may use `io`, the only code that touches the disk.
const IO_USERS: [&str; 4] = ["input", "pipeline", "archive", "site"];

/// The longest a function may be, in lines.
const MAX_FUNCTION_LINES: usize = 60;

/// A rule broken, as the test reports it: `src/render/mod.rs:12: render uses pipeline`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    file: String,
    line: usize,
    what: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.what)
    }
}

/// A source file of the library: its path under `src/`, its module path and its text
/// without its test module.
struct File {
    relative: String,
    module: Vec<String>,
    text: String,
}

/// The library's files under `root` (a copy of `src/`, or `src/` itself); `main.rs`
/// and `cli.rs` and `commands/` are the binary's, above every layer.
fn files(root: &Path) -> Vec<File> {
    let mut files = vec![];
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(root).expect("under src").to_string_lossy().replace('\\', "/");
        let mut module: Vec<String> = relative.trim_end_matches(".rs").split('/').map(str::to_string).collect();
        if module.last().is_some_and(|last| last == "mod" || last == "lib" || last == "main") {
            module.pop();
        }
        let text = std::fs::read_to_string(path).expect("read");
        // The test module at the end of a file is the file's own business.
        let text = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        files.push(File { relative: format!("src/{relative}"), module, text });
    }
    files
}

/// The layer a module path is in: its first segment (`pipeline`), or for the files
/// at the top, their own name (`diag`).
fn layer(module: &[String]) -> &str {
    module.first().map_or("lib", String::as_str)
}

/// Every module path a file's code names, with its line: `use crate::a::{b, c}`
/// gives `a::b` and `a::c`; `super::x` and inline `crate::a::f(…)` paths count too.
fn imports(file: &File) -> Vec<(usize, Vec<String>)> {
    let mut found = vec![];
    let text = strip_comments(&file.text);
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    // `use` statements, whole (they may span lines and nest braces).
    let mut at = 0;
    while let Some(start) = find_word(&text, "use ", at) {
        let end = text[start..].find(';').map_or(text.len(), |i| start + i);
        let statement = &text[start + 4..end];
        for path in expand(statement.trim()) {
            if let Some(resolved) = resolve(&file.module, &path) {
                found.push((line_of(start), resolved));
            }
        }
        at = end;
    }
    // Paths written inline: `crate::markdown::events(…)`.
    let mut at = 0;
    while let Some(start) = text[at..].find("crate::").map(|i| at + i) {
        let before = text[..start].chars().next_back();
        let path: String =
            text[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        let is_use = text[..start].rfind("use ").is_some_and(|u| !text[u..start].contains(';'));
        if !is_use && before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) {
            let segments: Vec<String> = path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
            if let Some(resolved) = resolve(&file.module, &segments) {
                found.push((line_of(start), resolved));
            }
        }
        at = start + path.len().max(1);
    }
    found
}

/// The next `word` at the start of a statement (after white space or `;{}`).
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text[at..].find(word) {
        let start = at + i;
        let before = text[..start].trim_end_matches([' ', '\t']).chars().next_back();
        let visibility = text[..start].trim_end().ends_with("pub") || text[..start].trim_end().ends_with(')');
        if before.is_none_or(|c| matches!(c, '\n' | ';' | '{' | '}')) || visibility {
            return Some(start);
        }
        at = start + word.len();
    }
    None
}

/// Text without comments, string literals and character literals (which may
/// mention `crate::` or hold a brace); line breaks are kept, so lines still count.
fn strip_comments(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                out.push('"');
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if chars.get(i) == Some(&'\n') {
                        out.push('\n');
                    }
                    i += 1;
                }
                out.push('"');
                i += 1;
            }
            // A raw string: `r"…"`, `r#"…"#`.
            'r' if matches!(chars.get(i + 1), Some('"' | '#')) && !is_ident(chars.get(i.wrapping_sub(1))) => {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let body_start = i + 2 + hashes;
                let rest: String = chars[body_start.min(chars.len())..].iter().collect();
                let end = rest.find(&close).map_or(rest.len(), |at| at + close.len());
                out.push_str("\"\"");
                out.extend(rest[..end].chars().filter(|c| *c == '\n'));
                i = body_start + rest[..end].chars().count();
            }
            // A character literal, not a lifetime: `'{'`, `'\''`, `b'{'`.
            '\'' if chars.get(i + 2) == Some(&'\'') || chars.get(i + 1) == Some(&'\\') => {
                let mut end = i + 2;
                if chars[i + 1] == '\\' {
                    end = (i + 3..chars.len()).find(|&j| chars[j] == '\'').unwrap_or(chars.len());
                }
                out.push_str("' '");
                i = end + 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The paths of a `use` tree: `crate::a::{b, c::{d, e}}` → `crate::a::b`, `crate::a::c::d`, ….
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![];
    expand_into(&tree, &mut vec![], &mut out);
    out
}

fn expand_into(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let segments = |text: &str| -> Vec<String> {
        text.split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
    };
    match tree.find('{') {
        Some(open) if tree.ends_with('}') => {
            let depth = prefix.len();
            prefix.extend(segments(&tree[..open]));
            for part in split_top(&tree[open + 1..tree.len() - 1]) {
                expand_into(part, prefix, out);
            }
            prefix.truncate(depth);
        }
        _ => {
            // `a::b as c` names `a::b`.
            let tree = tree.split(" as ").next().unwrap_or(tree);
            let mut path = prefix.clone();
            path.extend(segments(tree));
            out.push(path);
        }
    }
}

/// Splits on the commas outside braces.
fn split_top(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (vec![], 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < text.len() {
        parts.push(&text[start..]);
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// A path as the module it names, from the crate root: `crate::a::b` → `a::b`;
/// `super::x` from `a::b` → `a::x`; `self::x` → `a::b::x`; `None` for an outside crate.
fn resolve(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let first = path.first()?;
    match first.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            Some(base)
        }
        "self" => {
            let mut base = module.to_vec();
            base.extend(path[1..].iter().cloned());
            Some(base)
        }
        _ => None,
    }
}

/// The file a module path lands in: its longest prefix that is a file of `known`.
fn file_of(path: &[String], known: &BTreeMap<Vec<String>, String>) -> Option<String> {
    (1..=path.len()).rev().find_map(|n| known.get(&path[..n]).cloned())
}

/// Every rule the tree under `root` breaks.
fn check(root: &Path) -> Vec<Finding> {
    let files = files(root);
    let known: BTreeMap<Vec<String>, String> =
        files.iter().map(|file| (file.module.clone(), file.relative.clone())).collect();
    let rank = |layer: &str| LAYERS.iter().position(|names| names.contains(&layer));
    let mut findings = BTreeSet::new();
    let mut edges: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for file in &files {
        let from = layer(&file.module);
        for (line, path) in imports(file) {
            let Some(target) = file_of(&path, &known) else { continue };
            if target != file.relative {
                edges.entry(file.relative.clone()).or_default().entry(target.clone()).or_insert(line);
            }
            let to = layer(&path);
            let finding = |what: String| Finding { file: file.relative.clone(), line, what };
            if to == "io" && from != "io" && !IO_USERS.contains(&from) {
                findings.insert(finding(format!("{from} uses io (only {} may)", IO_USERS.join(", "))));
            }
            if let (Some(a), Some(b)) = (rank(from), rank(to))
                && (b < a || (b == a && from != to))
            {
                findings.insert(finding(format!("{from} uses {to}, a layer above it or beside it")));
            }
            if from == "io" && !["io", "diag", "i18n"].contains(&to) {
                findings.insert(finding(format!("io uses {to}: io stands on diag and i18n alone")));
            }
        }
        findings.extend(disk_outside_io(file));
        findings.extend(long_functions(file));
    }
    findings.extend(cycles(&edges));
    findings.into_iter().collect()
}

/// The disk reached outside `io/`: `std::fs`, `File::open`, a walk of a folder.
fn disk_outside_io(file: &File) -> Vec<Finding> {
    if layer(&file.module) == "io" {
        return vec![];
    }
    let text = strip_comments(&file.text);
    let mut found = vec![];
    for (number, line) in text.lines().enumerate() {
        for needle in
            ["std::fs", "use std::fs", "WalkDir", "File::open", "read_dir(", ".canonicalize()", "symlink_metadata"]
        {
            if line.contains(needle) {
                found.push(Finding {
                    file: file.relative.clone(),
                    line: number + 1,
                    what: format!("`{needle}` outside io: the disk is reached through io only"),
                });
                break;
            }
        }
    }
    found
}

/// Functions longer than [`MAX_FUNCTION_LINES`], counted from `fn` to the closing brace.
fn long_functions(file: &File) -> Vec<Finding> {
    let text = strip_comments(&file.text);
    let lines: Vec<&str> = text.lines().collect();
    let mut found = vec![];
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "const fn ", "pub const fn ", "async fn ", "unsafe fn "]
            .iter()
            .any(|start| trimmed.starts_with(start));
        if !is_fn {
            continue;
        }
        let (mut depth, mut opened) = (0i32, false);
        for (j, line) in lines.iter().enumerate().skip(i) {
            for c in line.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !opened && line.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                let length = j - i + 1;
                if length > MAX_FUNCTION_LINES {
                    let name: String = trimmed
                        .split("fn ")
                        .nth(1)
                        .unwrap_or("")
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    found.push(Finding {
                        file: file.relative.clone(),
                        line: i + 1,
                        what: format!("fn {name} is {length} lines (at most {MAX_FUNCTION_LINES})"),
                    });
                }
                break;
            }
        }
    }
    found
}

/// Every import cycle between files, each reported once at its first file.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, usize>>) -> Vec<Finding> {
    let mut found = vec![];
    let mut reported: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    for start in edges.keys() {
        // A path back to `start`, breadth first, so the shortest cycle is named.
        let mut parents: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut closing = None;
        while let Some(node) = queue.pop_front() {
            for next in edges.get(&node).into_iter().flat_map(BTreeMap::keys) {
                if next == start {
                    closing = Some(node.clone());
                    break;
                }
                if !parents.contains_key(next) {
                    parents.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let Some(mut node) = closing else { continue };
        let mut cycle = vec![node.clone()];
        while let Some(parent) = parents.get(&node) {
            cycle.push(parent.clone());
            node = parent.clone();
        }
        cycle.reverse();
        let members: BTreeSet<String> = cycle.iter().cloned().collect();
        if reported.insert(members) {
            let line = edges[start].get(&cycle[1.min(cycle.len() - 1)]).copied().unwrap_or(1);
            let cycle = std::iter::once(start.clone()).chain(cycle.into_iter().skip(1)).chain([start.clone()]);
            found.push(Finding {
                file: start.clone(),
                line,
                what: format!("import cycle: {}", cycle.collect::<Vec<_>>().join(" → ")),
            });
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_layers_hold() {
    let findings = check(&src());
    let text: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert!(findings.is_empty(), "{} rules broken:\n{}", findings.len(), text.join("\n"));
}

/// The test can fail: a planted `use crate::pipeline` in `render/` is named, at its line.
#[test]
fn a_planted_arrow_up_is_named() {
    let copy = tempfile::tempdir().expect("temp dir");
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.expect("walk");
        let target = copy.path().join(entry.path().strip_prefix(src()).expect("under src"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let planted = copy.path().join("render/mod.rs");
    let text = std::fs::read_to_string(&planted).expect("render/mod.rs");
    let line =
        text.lines().position(|line| line.starts_with("use ") || line.starts_with("pub mod ")).expect("a line") + 1;
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(line - 1, "use crate::pipeline::Workspace;");
    std::fs::write(&planted, lines.join("\n") + "\n").expect("plant");
    let findings = check(copy.path());
    let expected = Finding {
        file: "src/render/mod.rs".into(),
        line,
        what: "render uses pipeline, a layer above it or beside it".into(),
    };
    assert!(findings.contains(&expected), "{findings:#?}");
}

#[test]
fn use_trees_expand_to_paths() {
    let paths = expand("crate::{a::{b, c::d}, e}");
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["crate::a::b", "crate::a::c::d", "crate::e"]);
    assert_eq!(resolve(&["a".into(), "b".into()], &["super".into(), "x".into()]), Some(vec!["a".into(), "x".into()]));
}
