//! The command line's reporting for `build` (progress), `serve`, `new` and `register`: it turns the library's
//! return values and callbacks into text on stderr. Part of the binary, not of the library.

pub mod progress;
pub mod serve;

use protokoll::scaffold::{NewError, Scaffolded};
use std::process::ExitCode;

/// Reports the outcome of a `protokoll new …`.
pub fn new_report(what: &str, result: Result<Scaffolded, NewError>) -> ExitCode {
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
                "fill it in and see it with `protokoll serve`; lines starting with # are notes for you and are never published"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Reports the outcome of `protokoll register --unknown`.
pub fn register_report(
    result: Result<protokoll::scaffold::register::Review, NewError>,
) -> ExitCode {
    match result {
        Ok(r) => {
            match &r.path {
                Some(p) => eprintln!(
                    "wrote {}: {} register entries for the names written at {} places that the register does not know; review them and move them into content/register/",
                    p.display(),
                    r.entries,
                    r.places
                ),
                None => eprintln!("every name is in the register; nothing was written"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
