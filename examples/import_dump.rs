//! Prints what the import's readers make of a file: every block with its place, then what was
//! left out. `cargo run --release --example import_dump -- FILE [--split]`.

use protokoll::import::{self, Kind};
use std::path::PathBuf;

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
