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
    /// Make every check the build makes, without writing anything.
    Check {
        /// The site root (holds protokoll.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, output } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let started = Instant::now();
            match protokoll::build(&protokoll::BuildOptions {
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
