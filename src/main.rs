//! The `protokoll` command line: parses arguments and reports; all work is in the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// A build allocates millions of small strings and JSON values from several threads; mimalloc spends
// a fraction of the time glibc's allocator does on them (see the benchmark in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
}

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h` of the pinned libmimalloc-sys 0.1.49).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Keep freed memory for reuse rather than returning it to the OS 10 ms later: a build frees
    // and reallocates gigabytes, and faulting zeroed pages back in costs a tenth of its CPU time.
    // SAFETY: sets a plain integer option before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    match Cli::parse().command {
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
