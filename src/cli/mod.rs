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

/// What every command that builds needs first: a site at `root` and the day to build it on.
pub fn site_and_day(
    root: &std::path::Path,
) -> Result<protokoll::model::date::Date, std::process::ExitCode> {
    require_site(root).and_then(|()| build_day())
}

/// The day a build is made on: `SOURCE_DATE_EPOCH`'s day when it is set, else today, both in
/// Stockholm. Read here, once per command, so the library never reads the clock or the
/// environment; the build records the day, and the same `SOURCE_DATE_EPOCH` gives the same site.
pub fn build_day() -> Result<protokoll::model::date::Date, std::process::ExitCode> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    // A clock before 1970 reads as 1970; the day is then plainly wrong, and printed.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    protokoll::model::clock::build_day(epoch.as_deref(), now).map_err(|e| {
        eprintln!("error: {e}");
        std::process::ExitCode::FAILURE
    })
}

/// Text from the content as a terminal should print it: control characters (escape sequences,
/// bells) shown as `\x1b`, never run; line breaks and tabs kept.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !s.chars().any(hidden) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if hidden(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_are_shown_not_run() {
        assert_eq!(
            super::shown("a\u{1b}[2Jb\u{7}\u{9b}"),
            "a\\x1b[2Jb\\x07\\x9b"
        );
        assert_eq!(super::shown("rad\n\tå"), "rad\n\tå");
    }
}
