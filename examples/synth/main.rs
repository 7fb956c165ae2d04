//! `cargo run --release --example synth -- --meetings N --seed S DIR`: writes a synthetic site root
//! (protokoll.toml, registers, meetings, documents) that `protokoll build --root DIR` builds; with
//! `--hugo DIR2` also the same corpus as a Hugo site, for the benchmark in scripts/bench.sh.

mod corpus;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Writes a synthetic corpus of meetings as a protokoll site root")]
struct Args {
    /// Number of meetings.
    #[arg(long, default_value_t = 2000)]
    meetings: usize,
    /// Seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the corpus as a Hugo site here.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Where the seed documents are (sentences are taken from them).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/content"))]
    sentences_from: PathBuf,
    /// The site root to write (must be empty or absent).
    dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let run = || -> std::io::Result<String> {
        for d in std::iter::once(&args.dir).chain(&args.hugo) {
            if std::fs::read_dir(d).is_ok_and(|mut e| e.next().is_some()) {
                return Err(std::io::Error::other(format!(
                    "{} is not empty",
                    d.display()
                )));
            }
        }
        let text = corpus::text::Sentences::from_content(&args.sentences_from)?;
        let c = corpus::generate(args.meetings, args.seed, &text);
        corpus::site::write(&c, &args.dir)?;
        if let Some(h) = &args.hugo {
            corpus::hugo::write(&c, h)?;
        }
        Ok(format!(
            "wrote {} meetings ({} decisions), {} documents, {} people ({} + {} sentences) into {}",
            c.meetings.len(),
            c.decisions(),
            c.documents.len(),
            c.people.len(),
            text.prose.len(),
            text.decisions.len(),
            args.dir.display()
        ))
    };
    match run() {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}
