//! Prints what the import's readers make of a file: every block with its place, then what was
//! left out; `--split` the documents of a bundle; `--time N` reads it N times and prints the median
//! (for a PDF also the share of `pdftotext` and of our own parse and layout).
//! `cargo run --release --example import_dump -- FILE [--split] [--time N]`.

use protokoll::import::{self, Kind};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn median(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    format!(
        "median {:.1} ms (min {:.1}, max {:.1}, {} runs)",
        ms[ms.len() / 2],
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    )
}

fn time(path: &Path, runs: usize) {
    let ms = |f: &mut dyn FnMut()| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect::<Vec<_>>()
    };
    let blocks = import::read(path).map(|s| s.blocks.len()).unwrap_or(0);
    println!(
        "read ({blocks} blocks): {}",
        median(ms(&mut || drop(import::read(path))))
    );
    if import::read(path).is_ok_and(|s| s.format == import::Format::Pdf) {
        let run = || {
            std::process::Command::new("pdftotext")
                .args(["-bbox-layout", "-q"])
                .arg(path)
                .arg("-")
                .output()
                .unwrap()
        };
        println!(
            "  pdftotext -bbox-layout: {}",
            median(ms(&mut || drop(run())))
        );
        let xhtml = String::from_utf8(run().stdout).unwrap();
        println!(
            "  parse and layout: {}",
            median(ms(&mut || drop(import::pdf::from_pages(
                &import::pdf::bbox::parse(&xhtml).unwrap()
            ))))
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: import_dump FILE [--split]");
        std::process::exit(2);
    };
    let source = match import::read(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: error: {e}", path.display());
            std::process::exit(1);
        }
    };
    if let Some(n) = args
        .iter()
        .position(|a| a == "--time")
        .and_then(|i| args.get(i + 1)?.parse().ok())
    {
        time(&path, n);
        return;
    }
    if args.iter().any(|a| a == "--split") {
        for part in import::split::split(&source) {
            let first = &source.blocks[part.blocks.start].place;
            println!(
                "{:>22} | {} | {} | {}",
                part.kind.name(),
                first,
                part.date.as_deref().unwrap_or("-"),
                part.title
            );
        }
        return;
    }
    for b in &source.blocks {
        let what = match &b.kind {
            Kind::Heading { level, .. } => format!("h{level}"),
            Kind::Paragraph(t) if t.all_bold() => "p(b)".into(),
            Kind::Paragraph(_) => "p".into(),
            Kind::ListItem { depth, marker, .. } => format!("li{depth} {marker:?}"),
            Kind::Table(t) => format!(
                "table {}x{}{}",
                t.rows.len(),
                t.width(),
                if t.is_name_grid() { " names" } else { "" }
            ),
            Kind::Footnote { label, .. } => format!("note {label}"),
            Kind::PageBreak => "page".into(),
        };
        println!("[{}] {what}: {}", b.place, b.plain().replace('\n', " ⏎ "));
    }
    for d in &source.dropped {
        println!("dropped [{}] {}: {}", d.place, d.why, d.text);
    }
}
