//! The `protokoll` command line: parses arguments and reports; all work is in the library.

mod cli;

use clap::{Parser, Subcommand};
use protokoll::{Build, Mode};
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates millions of small strings and JSON values from several threads; mimalloc spends
// a fraction of the time glibc's allocator does on them (see the benchmark in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "protokoll",
    version = env!("PROTOKOLL_VERSION"),
    about = "Static site generator for the published record of Swedish public bodies"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new site in DIR (default: here): settings, register, accessibility statement.
    Init {
        /// The folder of the new site (made if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The publishing organisation's name, e.g. "Hultsbo kommun".
        #[arg(long)]
        organisation: Option<String>,
        /// An organ that meets, e.g. "Kommunstyrelsen"; give it once per organ.
        #[arg(long = "organ")]
        organs: Vec<String>,
        /// The address the site will be published at, e.g. https://protokoll.hultsbo.se.
        #[arg(long)]
        bas_url: Option<String>,
        /// The e-mail address readers reach you at about accessibility (the law asks for one).
        #[arg(long)]
        epost: Option<String>,
    },
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
    /// Search the built site's index.
    Search {
        /// The words to look for (a Dnr such as 2023/07 or Dnr 2023-07 matches its case).
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
        /// Only this type: beslut, paragraf, punkt, mote, arende, dokument, rapport, person, parti,
        /// kommun.
        #[arg(long = "type")]
        kind: Option<String>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// One JSON array of results on stdout.
        #[arg(long)]
        json: bool,
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
    /// Write ready-to-edit register entries for the names the register does not know.
    Register {
        /// Every name of the content that no spelling of the register matches (required).
        #[arg(long, required = true)]
        unknown: bool,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The file to write (default: nya-personer.toml in the root); never replaced.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Import protokoll, kallelser and their documents from Word (.docx), PDF or text as drafts.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The organ every meeting of the files belongs to (default: found from the register).
        #[arg(long)]
        organ: Option<String>,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a ready-to-fill content file; never overwrites one.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A kallelse with the organ's current members in its sändlista:
    /// content/<organ>/<date>/kallelse.md.
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
    /// A protokoll from the meeting's kallelse (or the register):
    /// content/<organ>/<date>/protokoll.md.
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

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h` of the pinned libmimalloc-sys 0.1.49).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Turns transparent huge pages off for this process: the kernel zeroes a whole 2 MiB page at its
/// first touch, and with a build's many fresh pages that took a tenth of its CPU time (measured at
/// 2,000 meetings: 1.9 s of system time, 1.0 s without). mimalloc's own option comes too late, as
/// its arena is reserved before `main`; the kernel checks this flag at every page fault.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE reads no memory; a failure only leaves THP as it was.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    // Keep freed memory for reuse rather than returning it to the OS 10 ms later: a build frees
    // and reallocates gigabytes, and faulting zeroed pages back in costs a tenth of its CPU time.
    // SAFETY: sets a plain integer option before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    no_huge_pages();
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
            cli::search::run(&output, &query, &filters, limit, json)
        }
        Command::Register {
            unknown: _,
            root,
            output,
        } => cli::register::report(protokoll::scaffold::register::unknown(
            &root,
            output.as_deref(),
        )),
        Command::Import { files, organ, root } => match cli::require_site(&root) {
            Ok(()) => cli::import::run(&files, organ, &root),
            Err(code) => code,
        },
        Command::Init {
            dir,
            organisation,
            organs,
            bas_url,
            epost,
        } => {
            let args = protokoll::scaffold::InitArgs {
                organisation,
                organs,
                bas_url,
                epost,
            };
            cli::init::report(&dir, protokoll::scaffold::init(&dir, &args))
        }
        Command::Archive { root, output } => match cli::site_and_day(&root) {
            Ok(day) => cli::build::archive(&root, &output, day),
            Err(code) => code,
        },
        Command::Build { root, output } => {
            let day = match cli::site_and_day(&root) {
                Ok(day) => day,
                Err(code) => return code,
            };
            let output = output.unwrap_or_else(|| root.join("public"));
            cli::build::build(&Build::new(root, output, Mode::Publish).on(day))
        }
        Command::Serve { root, port, output } => match cli::site_and_day(&root) {
            Ok(day) => cli::serve::run(root, port, output, day),
            Err(code) => code,
        },
        Command::New { what } => match what {
            NewCommand::Meeting { organ, date, root } => cli::new::report(
                "kallelse",
                protokoll::scaffold::meeting(&root, &organ, &date),
            ),
            NewCommand::Protokoll { organ, date, root } => cli::new::report(
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
            } => cli::new::report(
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
        } => match cli::site_and_day(&root) {
            Ok(day) => cli::build::check(&root, deny_warnings, day),
            Err(code) => code,
        },
    }
}
