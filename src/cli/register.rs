//! `protokoll register --unknown` on the command line: the review file written, or why not.

use protokoll::scaffold::NewError;
use std::process::ExitCode;

/// Reports the outcome of `protokoll register --unknown`.
pub fn report(result: Result<protokoll::scaffold::register::Review, NewError>) -> ExitCode {
    match result {
        Ok(r) => {
            match &r.path {
                Some(p) => eprintln!(
                    "wrote {}: {} register entries for the names written at {} \
                        places that the register does not know; review them and move \
                        them into content/register/",
                    p.display(),
                    r.entries,
                    r.places
                ),
                None => eprintln!("every name is in the register; nothing was written"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", super::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
