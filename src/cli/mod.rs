//! The command line's side of each command: it calls the library and turns its return values and
//! callbacks into text on stdout (search results) and stderr (everything else). Part of the binary,
//! not of the library.

pub mod build;
pub mod import;
pub mod init;
pub mod new;
pub mod progress;
pub mod register;
pub mod search;
pub mod serve;

/// Refuses a folder that is not a site, saying how to make one; the commands that read a site
/// call it first, so a wrong folder is named rather than built as an empty site.
pub fn require_site(root: &std::path::Path) -> Result<(), std::process::ExitCode> {
    if protokoll::reading::config::is_site(root) {
        return Ok(());
    }
    eprintln!(
        "{}: error: not a protokoll site: there is no protokoll.toml\n  = hint: start one with \
         `protokoll init`, or give the site's folder with --root",
        root.display()
    );
    Err(std::process::ExitCode::FAILURE)
}
