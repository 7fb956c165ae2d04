//! The Markdown body of a protokoll or kallelse, cut into the preamble and its paragraphs or agenda
//! items (`## § 28 Titel`, `## 5. Titel`), each with its meta lines (Dnr, Föredragande, Punkt,
//! Handlingar) and its known sections (`### Beslut` …).

use crate::model::item::{Item, Meta, Section, SectionKind};
use crate::reading::diagnostic::Diagnostic;
use crate::reading::vocabulary::paragraph;
use std::path::Path;

/// A parsed meeting body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Markdown before the first item.
    pub preamble: String,
    /// Items in order.
    pub items: Vec<Item>,
    /// Lines that look like a misspelt section heading or meta line.
    pub warnings: Vec<Diagnostic>,
}

/// Parses a body that starts at 1-based line `first_line` of `path`.
pub fn parse(path: &Path, body: &str, first_line: usize) -> Result<Body, Vec<Diagnostic>> {
    let mut out = Body::default();
    let mut errors = Vec::new();
    let mut fence: Option<String> = None;
    let mut lines = body.lines().enumerate().peekable();
    while let Some((i, raw)) = lines.next() {
        let line_no = first_line + i;
        if let Some(f) = &fence {
            if raw.trim_start().starts_with(f.as_str()) {
                fence = None;
            }
            push_line(&mut out, raw);
            continue;
        }
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            push_line(&mut out, raw);
            continue;
        }
        if let Some(h) = raw.strip_prefix("## ") {
            match parse_heading(h) {
                Some((number, section_sign, title)) => {
                    if let Some(prev) = out.items.iter().find(|it| it.number == number) {
                        errors.push(
                            Diagnostic::error(path, line_no, 4, format!("duplicate paragraph number {number}"))
                                .with_hint(format!("{} is already used on line {}", prev.label(), prev.line)),
                        );
                    }
                    let mut item = Item {
                        number,
                        section_sign,
                        title,
                        line: line_no,
                        dnr: Vec::new(),
                        presenter: None,
                        agenda_item: None,
                        documents: Vec::new(),
                        text: String::new(),
                        sections: Vec::new(),
                    };
                    // Meta lines: directly after the heading, blank lines allowed between.
                    while let Some(&(j, next)) = lines.peek() {
                        if next.trim().is_empty() {
                            lines.next();
                            continue;
                        }
                        if !read_meta(path, &mut item, next, first_line + j, &mut errors) {
                            out.warnings.extend(meta_near_miss(path, next, first_line + j));
                            break;
                        }
                        lines.next();
                    }
                    out.items.push(item);
                }
                None => errors.push(
                    Diagnostic::error(path, line_no, 1, "a level-2 heading must start a paragraph or agenda item")
                        .with_hint("write `## § 28 Titel` or `## 5. Titel`; use ### or deeper for other headings"),
                ),
            }
            continue;
        }
        if let (Some(h), Some(item)) = (raw.strip_prefix("### "), out.items.last_mut()) {
            if let Some(kind) = section_kind(h) {
                item.sections.push(Section {
                    kind,
                    heading: clean_heading(h),
                    markdown: String::new(),
                    plain: String::new(),
                });
                continue;
            }
            let names = paragraph::SECTION_NAMES.iter().map(|(n, _)| *n);
            if let Some(name) = crate::reading::diagnostic::near_miss(&clean_heading(h), names) {
                out.warnings.push(
                    Diagnostic::warning(
                        path,
                        line_no,
                        5,
                        format!(
                            "\"{}\" is not a known section, so it stays a heading in the text",
                            clean_heading(h)
                        ),
                    )
                    .with_hint(format!("did you mean \"{}\"?", capitalized(name))),
                );
            }
        }
        push_line(&mut out, raw);
    }
    for s in out.items.iter_mut().flat_map(|i| &mut i.sections) {
        s.plain = crate::markup::markdown::to_plain(&s.markdown);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn push_line(out: &mut Body, line: &str) {
    let target = match out.items.last_mut() {
        None => &mut out.preamble,
        Some(item) => match item.sections.last_mut() {
            Some(s) => &mut s.markdown,
            None => &mut item.text,
        },
    };
    target.push_str(line);
    target.push('\n');
}

/// "§ 28 Val av justerare" → ("28", true, "Val av justerare"); "5. Titel" → ("5", false, "Titel").
fn parse_heading(h: &str) -> Option<(String, bool, String)> {
    let h = h.trim();
    let (section_sign, rest) = match h.strip_prefix('§') {
        Some(r) => (true, r.trim_start()),
        None => (false, h),
    };
    let num_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let number = &rest[..num_end];
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = number.trim_end_matches(|c: char| c.is_ascii_lowercase());
    if !digits.bytes().all(|b| b.is_ascii_digit()) || number.len() - digits.len() > 1 {
        return None;
    }
    let mut title = &rest[num_end..];
    if !section_sign {
        title = title.strip_prefix('.')?;
    }
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    Some((number.to_string(), section_sign, title.to_string()))
}

fn clean_heading(h: &str) -> String {
    h.trim()
        .trim_matches(['*', '_'])
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_string()
}

fn section_kind(h: &str) -> Option<SectionKind> {
    let name = clean_heading(h).to_lowercase();
    paragraph::SECTION_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| *k)
}

/// Reads one meta line into `item`; false when the line is not a meta line.
fn read_meta(
    path: &Path,
    item: &mut Item,
    line: &str,
    line_no: usize,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let content = line.trim().trim_matches(['*', '_']);
    let lead = line.len() - line.trim_start().len()
        + (line.trim().len() - line.trim().trim_start_matches(['*', '_']).len());
    let Some(key) = paragraph::META_KEYS.iter().find(|k| {
        content
            .strip_prefix(**k)
            .is_some_and(|r| r.starts_with(':') || (**k == "Dnr" && r.starts_with(' ')))
    }) else {
        return false;
    };
    let after = &content[key.len()..];
    let value_start = key.len() + (after.len() - after.trim_start_matches([':', ' ']).len());
    let value = content[value_start..].trim().to_string();
    let col = content[..value_start].chars().count() + 1 + lead;
    if value.is_empty() {
        errors.push(Diagnostic::error(
            path,
            line_no,
            col,
            format!("`{key}:` has no value"),
        ));
        return true;
    }
    let meta = |value: String| Meta {
        value,
        line: line_no,
        col,
    };
    match *key {
        "Dnr" => item.dnr.extend(
            value
                .split(',')
                .map(|v| meta(v.trim().to_string()))
                .filter(|m| !m.value.is_empty()),
        ),
        "Föredragande" | "Föredragare" => item.presenter = Some(meta(value)),
        "Punkt" => {
            item.agenda_item = Some(meta(
                value
                    .trim_start_matches('§')
                    .trim()
                    .trim_end_matches('.')
                    .to_string(),
            ))
        }
        _ => item.documents.extend(
            value
                .split(',')
                .map(|v| meta(v.trim().to_string()))
                .filter(|m| !m.value.is_empty()),
        ),
    }
    true
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// A warning for a line like `Förerdragande: …` or `DNR: …` that is almost a meta line.
fn meta_near_miss(path: &Path, line: &str, line_no: usize) -> Option<Diagnostic> {
    let content = line.trim().trim_matches(['*', '_']);
    let (word, _) = content.split_once(':')?;
    if word.is_empty() || word.contains(char::is_whitespace) {
        return None;
    }
    let key = crate::reading::diagnostic::near_miss(word, paragraph::META_KEYS.iter().copied())?;
    let col = line.len() - line.trim_start().len() + 1;
    Some(
        Diagnostic::warning(
            path,
            line_no,
            col,
            format!("\"{word}:\" is not a meta line, so it stays in the text"),
        )
        .with_hint(format!("did you mean \"{key}:\"?")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_paragraphs_meta_and_sections() {
        let md = "Öppnar.\n\n## § 30 Ny ersättare\n\nDnr: 2023/07\nFöredragande: Cecilia Frid\n\n### Bakgrund\n\nText.\n\n### Beslut\n\nBeslutar.\n";
        let b = parse(Path::new("p.md"), md, 10).unwrap();
        assert_eq!(b.preamble.trim(), "Öppnar.");
        let it = &b.items[0];
        assert_eq!(
            (it.number.as_str(), it.title.as_str(), it.line),
            ("30", "Ny ersättare", 12)
        );
        assert_eq!(it.dnr[0].value, "2023/07");
        assert_eq!((it.dnr[0].line, it.dnr[0].col), (14, 6));
        assert_eq!(it.presenter.as_ref().unwrap().value, "Cecilia Frid");
        assert!(it.is_decision());
        assert_eq!(it.sections[1].markdown.trim(), "Beslutar.");
    }

    #[test]
    fn numbered_items_and_duplicates() {
        let b = parse(
            Path::new("p.md"),
            "## 1. Välkomna\n\n## 2. Dagordningen\n",
            1,
        )
        .unwrap();
        assert_eq!(b.items[1].label(), "2.");
        let e = parse(Path::new("p.md"), "## § 1 A\n## § 1 B\n", 5).unwrap_err();
        assert_eq!(
            (e[0].line, e[0].message.as_str()),
            (6, "duplicate paragraph number 1")
        );
    }

    #[test]
    fn a_plain_level_two_heading_is_an_error() {
        let e = parse(Path::new("p.md"), "text\n## Övrigt\n", 3).unwrap_err();
        assert_eq!(e[0].line, 4);
    }

    #[test]
    fn near_misses_of_sections_and_meta_lines_warn() {
        let b = parse(
            Path::new("p.md"),
            "## § 1 A\n\nDNR: 2023/07\n\n### Beslutt\nx\n### Mål\n",
            1,
        )
        .unwrap();
        let w: Vec<String> = b.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            w,
            vec![
                "p.md:3:1: warning: \"DNR:\" is not a meta line, so it stays in the text\n  = hint: did you mean \"Dnr:\"?",
                "p.md:5:5: warning: \"Beslutt\" is not a known section, so it stays a heading in the text\n  = hint: did you mean \"Beslut\"?",
            ]
        );
    }

    #[test]
    fn other_level_three_headings_stay_in_the_text() {
        let b = parse(
            Path::new("p.md"),
            "## § 1 A\n### Mål\nx\n### Beslut:\ny\n",
            1,
        )
        .unwrap();
        assert!(b.items[0].text.contains("### Mål"));
        assert_eq!(b.items[0].sections[0].heading, "Beslut");
    }
}
