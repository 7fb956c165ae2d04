//! `protokoll new` on the command line: what was written, or why nothing was.

use protokoll::scaffold::{NewError, Scaffolded};
use std::process::ExitCode;

/// Reports the outcome of a `protokoll new …`.
pub fn report(what: &str, result: Result<Scaffolded, NewError>) -> ExitCode {
    match result {
        Ok(s) => {
            let mut line = format!("wrote {}: a new {what}", s.path.display());
            if s.items > 0 {
                line.push_str(&format!(", {} items", s.items));
            }
            if s.names > 0 {
                line.push_str(&format!(", {} names from {}", s.names, s.names_from));
            }
            eprintln!("{line}");
            eprintln!(
                "fill it in and see it with `protokoll serve`; lines starting with \
                    # are notes for you and are never published"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", super::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
