//! `bulletin site`: the index, and each series' page and feed, written into `out/`.

use bulletin::diag;
use bulletin::input::project::Project;

use crate::cli::SiteArgs;
use crate::commands::say;

/// `bulletin site`: the index, and each series' page and feed, written into `out/`
/// where their bytes changed.
pub fn site(project: Project, args: &SiteArgs) -> diag::Result<bool> {
    let written = bulletin::site::write(&project, args.drafts)?;
    if written.is_empty() {
        say!("site is up to date");
    }
    for path in written {
        say!("wrote {}", project.shown(&path).display());
    }
    Ok(true)
}
