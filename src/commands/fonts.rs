//! `bulletin fonts`: which family each font role of each series resolved to, and why
//! the ones before it were passed over.

use std::collections::{BTreeMap, BTreeSet};

use bulletin::core::markdown;
use bulletin::core::schema::Edition;
use bulletin::diag;
use bulletin::i18n::t;
use bulletin::input::fonts::{Fonts, Resolved};
use bulletin::input::project::Project;
use bulletin::pipeline::Workspace;
use bulletin::render::edition::Converter;
use bulletin::render::typst::markup;

use crate::cli::FontsArgs;
use crate::commands::build::markdown_of;
use crate::commands::{discover_fonts, say};

/// `bulletin fonts`: what each font role resolved to, and why.
pub fn fonts(project: Project, args: &FontsArgs) -> diag::Result<bool> {
    let fonts = discover_fonts(&project, &args.fonts);
    let files = project.figure_files()?;
    let mut names = project.series_names()?;
    names.sort();
    let workspace = Workspace::new(project, std::sync::Arc::clone(&fonts));
    for name in names {
        let series = workspace.series(&name)?;
        if series.editions.iter().all(|(edition, _)| edition.fonts.is_empty()) {
            say!("{}", t!("fonts-no-roles", series = &name));
            continue;
        }
        // The fonts need only the series: a figure file with errors is left out of the
        // text the roles set, and said so.
        let mut mds: Vec<String> = vec![];
        let mut broken = vec![];
        for file in files.iter().filter(|file| file.series == name) {
            match markdown_of(&workspace, file) {
                Ok(rendered) => mds.push(rendered.markdown().to_string()),
                Err(_) => broken.push(file.shown.display().to_string()),
            }
        }
        for (i, (edition, converter)) in series.editions.iter().enumerate() {
            if i == 0 {
                say!("{name}:");
            } else {
                say!("{}", t!("fonts-edition-heading", series = &name, edition = &edition.tag));
            }
            report(&fonts, edition, &role_text(converter, &mds));
        }
        for path in broken {
            say!("  {}", t!("fonts-file-not-counted", path = path));
        }
    }
    Ok(true)
}

/// The characters each role sets in an edition, over every period.
fn role_text(converter: &Converter, mds: &[String]) -> BTreeMap<&'static str, BTreeSet<char>> {
    let mut text: BTreeMap<&str, BTreeSet<char>> = BTreeMap::new();
    for md in mds {
        let md = converter.markdown(md);
        for (role, chars) in markup::role_text(&markdown::events(&md)) {
            text.entry(role).or_default().extend(chars);
        }
    }
    text
}

/// Each role of an edition: the family chosen, its weight, and why the others were
/// passed over; then the fallback families.
fn report(fonts: &Fonts, edition: &Edition, text: &BTreeMap<&str, BTreeSet<char>>) {
    for (role, families) in &edition.fonts {
        let chars = text.get(role.as_str()).cloned().unwrap_or_default();
        let resolved = fonts.resolve(role, families, &edition.font_fallback, &chars);
        say!("  {role:<12} {}", chosen(role, &resolved));
        for (family, why) in &resolved.passed {
            say!("  {:<12}   {}", "", t!("fonts-passed-over", family = family, why = why));
        }
        if !resolved.missing.is_empty() {
            let missing: String = resolved.missing.iter().collect();
            say!("  {:<12}   {}", "", t!("fonts-missing", missing = missing));
        }
        if let Some(stand_in) = resolved.stand_in(families) {
            let (wanted, style) = (stand_in.wanted.name(), stand_in.style.name());
            say!("  {:<12}   {}", "", t!("fonts-stand-in", style = style, wanted = wanted));
            for face in stand_in.wanted.faces() {
                say!("  {:<12}     {face}", "");
            }
        }
    }
    let fallback: Vec<&str> = edition.font_fallback.iter().map(String::as_str).collect();
    let fallback = if fallback.is_empty() { t!("fonts-none-parenthesised").text } else { fallback.join(", ") };
    say!("  {:<12} {}", "fallback", fallback);
}

/// The family a role resolved to, with its weight and a body without a bold.
fn chosen(role: &str, resolved: &Resolved) -> String {
    let none = t!("fonts-none-installed").text;
    let family = resolved.family.as_deref().unwrap_or(&none);
    let weight = match resolved.weight {
        Some(weight) if resolved.weight_missing => t!("fonts-weight-nearest", weight = weight).text,
        Some(weight) => t!("fonts-weight", weight = weight).text,
        None => String::new(),
    };
    // Bold text of a face without a bold is set in the heading face.
    let bold = if resolved.family.is_some() && !resolved.bold && role == "body" {
        t!("fonts-no-bold").text
    } else {
        String::new()
    };
    format!("{family}{weight}{bold}")
}
