//! `bulletin site`: the index, and each series' page and feed, written into `out/`.

use bulletin::diag;
use bulletin::i18n::t;
use bulletin::input::project::Project;

use crate::cli::SiteArgs;
use crate::commands::say;

/// `bulletin site`: the index, and each series' page and feed, written into `out/`
/// where their bytes changed.
pub fn site(project: Project, args: &SiteArgs) -> diag::Result<bool> {
    let written = bulletin::site::write(&project, args.drafts)?;
    if written.is_empty() {
        say!("{}", t!("site-up-to-date"));
    }
    for path in written {
        say!("{}", t!("wrote", path = project.shown(&path)));
    }
    Ok(true)
}
