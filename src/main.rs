//! The `protokoll` command line: parses arguments and reports; all work is in the library.

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
    /// Write a BagIt 1.0 bag (RFC 8493) of the built site and its sources.
    Archive {
        /// The site root (holds protokoll.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The bag's directory (must be new or empty).
        #[arg(long)]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Archive { root, output } => match protokoll::archive::archive(&root, &output) {
            Ok(r) => {
                eprintln!(
                    "wrote a BagIt bag of {} files ({} bytes){} into {}",
                    r.files,
                    r.bytes,
                    r.commit
                        .map(|c| format!(" from commit {c}"))
                        .unwrap_or_default(),
                    output.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Command::Build { root, output } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let started = Instant::now();
            match protokoll::build(&protokoll::BuildOptions {
                root,
                output: output.clone(),
            }) {
                Ok(r) => {
                    for w in &r.warnings {
                        eprintln!("warning: {w}");
                    }
                    for p in &r.sealed {
                        eprintln!("sealed {p} in justerade.toml (justerat): commit the ledger");
                    }
                    for p in &r.corrected {
                        eprintln!(
                            "recorded the rättelse of {p} in justerade.toml: commit the ledger"
                        );
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
    }
}
