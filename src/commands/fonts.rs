//! `bulletin fonts`: which family each font role of each series resolved to, and why
//! the ones before it were passed over.

use std::collections::{BTreeMap, BTreeSet};

use bulletin::core::markdown;
use bulletin::core::schema::Edition;
use bulletin::diag;
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
            say!("{name}: no font roles declared (the layout chooses)");
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
                say!("{name} ({}):", edition.tag);
            }
            report(&fonts, edition, &role_text(converter, &mds));
        }
        for path in broken {
            say!("  (its text not counted: {path} has errors, which `bulletin check` shows)");
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
            say!("  {:<12}   passed over {family}: {why}", "");
        }
        if !resolved.missing.is_empty() {
            let missing: String = resolved.missing.iter().collect();
            say!("  {:<12}   no font has: {missing}", "");
        }
        if let Some(stand_in) = resolved.stand_in(families) {
            let (wanted, style) = (stand_in.wanted.name(), stand_in.style.name());
            say!("  {:<12}   a {style} face stands in for {wanted}; faces that would fill the role:", "");
            for face in stand_in.wanted.faces() {
                say!("  {:<12}     {face}", "");
            }
        }
    }
    let fallback: Vec<&str> = edition.font_fallback.iter().map(String::as_str).collect();
    say!("  {:<12} {}", "fallback", if fallback.is_empty() { "(none)".to_string() } else { fallback.join(", ") });
}

/// The family a role resolved to, with its weight and a body without a bold.
fn chosen(role: &str, resolved: &Resolved) -> String {
    let family = resolved.family.as_deref().unwrap_or("(none installed)");
    let weight = match resolved.weight {
        Some(weight) if resolved.weight_missing => {
            format!(", weight {weight} (it has no such face: its nearest is used)")
        }
        Some(weight) => format!(", weight {weight}"),
        None => String::new(),
    };
    // Bold text of a face without a bold is set in the heading face.
    let bold = if resolved.family.is_some() && !resolved.bold && role == "body" {
        " (no bold: bold text in the heading face)"
    } else {
        ""
    };
    format!("{family}{weight}{bold}")
}
