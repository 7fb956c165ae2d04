//! `protokoll init` on the command line: the files written and the next commands to run.

use protokoll::scaffold::{Initialized, NewError};
use std::path::Path;
use std::process::ExitCode;

/// Reports the outcome of `protokoll init`.
pub fn report(dir: &Path, result: Result<Initialized, NewError>) -> ExitCode {
    match result {
        Ok(done) => {
            for f in &done.files {
                eprintln!("wrote {}", dir.join(f).display());
            }
            let organ = &done.organs[0];
            let root = if dir == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", dir.display())
            };
            eprintln!(
                "a new site: add its people to content/register/register.toml, set bas_url in \
                 protokoll.toml, fill in content/om-webbplatsen.md, then:\n  \
                 protokoll new meeting --organ {organ} --date YYYY-MM-DD{root}\n  \
                 protokoll build{root}\n  protokoll serve{root}"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
