//! `bulletin serve`: the live preview, until the process is stopped.

use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::t;
use bulletin::input::project::Project;
use bulletin::pipeline::Workspace;

use crate::cli::ServeArgs;
use crate::commands::{discover_fonts, figure_files, say};

/// `bulletin serve`: the live preview, until the process is stopped.
pub fn serve(project: Project, args: &ServeArgs) -> diag::Result<bool> {
    let host = bulletin::serve::parse_host(&args.host)?;
    let named = if args.files.is_empty() { None } else { Some(figure_files(&project, &args.files, &mut vec![])?) };
    if !host.is_loopback() {
        diag::emit(&[Diagnostic::warning(t!("serve-not-loopback", host = host.to_string()))]);
    }
    let workspace = Workspace::new(project.clone(), discover_fonts(&project, &args.fonts));
    bulletin::serve::serve(workspace, named, host, args.port, |address| {
        say!("{}", t!("serve-serving", address = address.to_string()));
    })?;
    Ok(true)
}
