//! `protokoll serve` on the command line: picks the preview directory, stops on Ctrl-C, and prints
//! what the server reports (the address, every rebuild with its time, build errors).

use protokoll::model::date::Date;
use protokoll::serve::{Event, ServeOptions, Server, watch};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs the preview server until Ctrl-C; the preview is built as of `day`.
pub fn run(root: PathBuf, port: u16, output: Option<PathBuf>, day: Date) -> ExitCode {
    // The preview goes to a directory of its own, never the site's public/: what is published
    // stays what `protokoll build` made.
    let temp = match output {
        Some(_) => None,
        None => match tempfile::Builder::new()
            .prefix("protokoll-serve-")
            .tempdir()
        {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("cannot create a preview directory: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let output = output.unwrap_or_else(|| {
        temp.as_ref()
            .map(|t| t.path().to_path_buf())
            .unwrap_or_default()
    });
    let server = match Server::bind(ServeOptions {
        root: root.clone(),
        output: output.clone(),
        port,
        day: Some(day),
    }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", super::shown(&e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("cannot catch Ctrl-C: {e}");
    }
    eprintln!(
        "serving {} on {} (Ctrl-C stops)",
        root.display(),
        server.url()
    );
    eprintln!(
        "the preview is built into {}{}; public/ is not touched",
        output.display(),
        if temp.is_some() {
            ", a temporary directory removed on exit"
        } else {
            ""
        }
    );
    server.run(|event| report(&event));
    eprintln!("stopped");
    drop(temp);
    ExitCode::SUCCESS
}

/// Lines of a failed build's report printed in the terminal.
const SHOWN_LINES: usize = 20;

fn report(event: &Event) {
    match event {
        Event::Built {
            report,
            elapsed,
            changed,
            incremental,
        } => {
            let what = match (changed.is_empty(), incremental) {
                (true, _) => "built",
                (false, true) => "re-rendered",
                (false, false) => "rebuilt",
            };
            eprintln!(
                "{}{what} {} pages in {} ms",
                cause(changed),
                report.pages,
                elapsed.as_millis()
            );
            if changed.is_empty() {
                let mut watched: Vec<String> = watch::WATCHED_DIRS
                    .iter()
                    .map(|d| format!("{d}/"))
                    .collect();
                watched.push(watch::CONFIG_FILE.to_string());
                watched.push(watch::LEDGER_FILE.to_string());
                eprintln!("watching {} for changes", watched.join(", "));
            }
        }
        Event::Failed {
            error,
            elapsed,
            changed,
        } => {
            // The browser page lists everything; the terminal gets the start of it.
            let lines: Vec<&str> = error.lines().collect();
            if lines.len() > SHOWN_LINES + 5 {
                for l in &lines[..SHOWN_LINES] {
                    eprintln!("{l}");
                }
                eprintln!(
                    "… {} more lines, all on the page in the browser",
                    lines.len() - SHOWN_LINES
                );
                eprintln!("{}", lines[lines.len() - 1]);
            } else {
                eprintln!("{error}");
            }
            eprintln!(
                "{}the build failed in {} ms; the browser shows these errors until they are fixed",
                cause(changed),
                elapsed.as_millis()
            );
        }
        Event::Search {
            result: Ok(n),
            elapsed,
        } => eprintln!(
            "search index and exports updated ({n} files) in {} ms",
            elapsed.as_millis()
        ),
        Event::Search {
            result: Err(e),
            elapsed,
        } => eprintln!(
            "the search index could not be updated ({e}) in {} ms; the next change \
                rebuilds everything",
            elapsed.as_millis()
        ),
        Event::WatchError(e) => eprintln!("watching for changes failed: {e}"),
    }
}

fn cause(changed: &[PathBuf]) -> String {
    let shown: Vec<String> = changed.iter().take(3).map(|p| show(p)).collect();
    match changed.len() {
        0 => String::new(),
        1..=3 => format!("{} changed: ", shown.join(", ")),
        n => format!("{} and {} more changed: ", shown.join(", "), n - 3),
    }
}

fn show(p: &Path) -> String {
    p.display().to_string()
}
