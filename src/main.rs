//! The `protokoll` command line: parses arguments and reports; all work is in the library.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "protokoll",
    version,
    about = "Static site generator for the published record of Swedish public bodies"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory.
    Build {
        /// The site root (holds protokoll.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output directory (default: public inside the root).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Search the built site's index.
    Search {
        /// The words to look for (a Dnr such as 2023/07 matches exactly).
        query: String,
        /// The site root (holds protokoll.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output directory of the build (default: public inside the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Only this organ (its id, e.g. styrelsen).
        #[arg(long)]
        organ: Option<String>,
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        /// Only this type: beslut, paragraf, punkt, mote, arende, dokument, rapport, person.
        #[arg(long = "type")]
        kind: Option<String>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// One JSON array of results on stdout.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Search {
            query,
            root,
            output,
            organ,
            year,
            kind,
            limit,
            json,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let filters = protokoll::search::query::Filters { organ, year, kind };
            let found = protokoll::search::open(&output).and_then(|index| {
                protokoll::search::query::search(&index, &query, &filters, limit)
            });
            match found {
                Ok(r) if json => {
                    let text = serde_json::to_string_pretty(&r.hits).unwrap_or_default();
                    // A closed pipe (`| head`) is not worth a panic.
                    let _ = writeln!(std::io::stdout().lock(), "{text}");
                    ExitCode::SUCCESS
                }
                Ok(r) => {
                    let mut out = std::io::stdout().lock();
                    for h in &r.hits {
                        let meta = [
                            h.date.as_str(),
                            h.organ.as_str(),
                            h.label.as_str(),
                            h.kind.as_str(),
                        ]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                        let shown = writeln!(
                            out,
                            "{:.3}  {}\n       {}\n       {meta}\n       {}\n",
                            h.score,
                            h.title,
                            h.url,
                            plain_snippet(&h.snippet)
                        );
                        if shown.is_err() {
                            break;
                        }
                    }
                    eprintln!("{} of {} result(s)", r.hits.len(), r.total);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!(
                        "{}: cannot search: {e} (run `protokoll build` first)",
                        output.join(protokoll::search::INDEX_DIR).display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build { root, output } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let started = Instant::now();
            match protokoll::build(&protokoll::BuildOptions {
                root,
                output: output.clone(),
            }) {
                Ok(r) => {
                    eprintln!(
                        "built {} pages ({} files) into {} in {} ms",
                        r.pages,
                        r.files,
                        output.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// A snippet's HTML as terminal text: matched words between « and ».
fn plain_snippet(html: &str) -> String {
    html.replace("<mark>", "«")
        .replace("</mark>", "»")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
