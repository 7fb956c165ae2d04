//! The `protokoll` command line: parses arguments and reports; all work is in the library.

mod cli;

use clap::{Parser, Subcommand};
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
    /// Make every check the build makes, without writing anything.
    Check {
        /// The site root (holds protokoll.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Build and preview the site on http://127.0.0.1 with live reload; rebuilds on every change.
    Serve {
        /// The site root (holds protokoll.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Where the preview is built (default: a temporary directory; never public/ unless given).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Create a ready-to-fill content file; never overwrites one.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A kallelse with the organ's current members in its sändlista: content/<organ>/<date>/kallelse.md.
    Meeting {
        /// The organ's id, e.g. styrelsen.
        #[arg(long)]
        organ: String,
        /// The meeting date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A protokoll from the meeting's kallelse (or the register): content/<organ>/<date>/protokoll.md.
    Protokoll {
        /// The organ's id, e.g. styrelsen.
        #[arg(long)]
        organ: String,
        /// The meeting date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A document (tjänsteskrivelse, motion, report …): content/dokument/<id>.md.
    Dokument {
        /// The kind: tjansteskrivelse, motion, beslut, protokollsutdrag, bilaga, skrivelse,
        /// arsredovisning, verksamhetsberattelse, revisionsberattelse, verksamhetsplan.
        #[arg(long)]
        typ: String,
        /// The title.
        #[arg(long)]
        titel: String,
        /// The document's date, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// The organ it comes from or is addressed to.
        #[arg(long)]
        organ: Option<String>,
        /// The id (URL /dokument/<id>/); derived from the kind and title when absent.
        #[arg(long)]
        id: Option<String>,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, output } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let started = Instant::now();
            match cli::progress::build(&protokoll::BuildOptions {
                root,
                output: output.clone(),
            }) {
                Ok(r) => {
                    for w in &r.warnings {
                        eprintln!("{w}");
                    }
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
        Command::Serve { root, port, output } => cli::serve::run(root, port, output),
        Command::New { what } => match what {
            NewCommand::Meeting { organ, date, root } => cli::new_report(
                "kallelse",
                protokoll::scaffold::meeting(&root, &organ, &date),
            ),
            NewCommand::Protokoll { organ, date, root } => cli::new_report(
                "protokoll",
                protokoll::scaffold::protokoll(&root, &organ, &date),
            ),
            NewCommand::Dokument {
                typ,
                titel,
                date,
                organ,
                id,
                root,
            } => cli::new_report(
                "document",
                protokoll::scaffold::document(
                    &root,
                    &protokoll::scaffold::DocumentArgs {
                        typ,
                        titel,
                        datum: date,
                        organ,
                        id,
                    },
                ),
            ),
        },
        Command::Check {
            root,
            deny_warnings,
        } => match protokoll::validate(&root) {
            Ok(v) => {
                for w in &v.warnings {
                    eprintln!("{w}");
                }
                let n = v.warnings.len();
                if deny_warnings && n > 0 {
                    eprintln!("{n} warning(s), denied by --deny-warnings");
                    return ExitCode::FAILURE;
                }
                eprintln!(
                    "checked: {} pages would be built, {n} warning(s)",
                    v.pages()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}
