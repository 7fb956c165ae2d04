//! `protokoll search` on the command line: the hits of the built site's index, as text or JSON.

use protokoll::search::query::Filters;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Searches the index built into `output` and prints the hits.
pub fn run(output: &Path, query: &str, filters: &Filters, limit: usize, json: bool) -> ExitCode {
    let found = protokoll::search::open(output)
        .and_then(|index| protokoll::search::query::search(&index, query, filters, limit));
    let r = match found {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "{}: cannot search: {e} (run `protokoll build` first)",
                output.join(protokoll::search::INDEX_DIR).display()
            );
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&r.hits).unwrap_or_default();
        // A closed pipe (`| head`) is not worth a panic.
        let _ = writeln!(out, "{text}");
        return ExitCode::SUCCESS;
    }
    for n in &r.notes {
        let note = format!("{}: {} {}\n", n.word, n.kind, n.words.join(", "));
        let _ = writeln!(out, "{}", super::shown(&note));
    }
    for h in &r.hits {
        let how = if h.tier == "exact" { "" } else { h.tier };
        let meta = [
            h.date.as_str(),
            h.organ.as_str(),
            h.label.as_str(),
            h.kind.as_str(),
            how,
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let hit = format!(
            "{:.3}  {}\n       {}\n       {meta}\n       {}\n",
            h.score,
            h.title,
            h.url,
            plain_snippet(&h.snippet)
        );
        let shown = writeln!(out, "{}", super::shown(&hit));
        if shown.is_err() {
            break;
        }
    }
    eprintln!("{} of {} result(s)", r.hits.len(), r.total);
    ExitCode::SUCCESS
}

/// A snippet's HTML as terminal text: matched words between « and ».
fn plain_snippet(html: &str) -> String {
    let marked = html.replace("<mark>", "«").replace("</mark>", "»");
    protokoll::markup::html::decode(&marked)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
