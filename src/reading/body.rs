//! The Markdown body of a protokoll or kallelse, cut into the preamble and its paragraphs or agenda
//! items as printed (`## § 28 Titel`, `## § 31 a`, `## KF § 266`, `## 5. Titel`, `## Parentation`),
//! each with its meta lines (Dnr in its printed forms, Föredragande, Punkt, Handlingar, Bilagor,
//! Jäv, `Inget beslut`) and its known sections, whether headed `### Beslut`, `### Styrelsens
//! beslut`, `**Beslut:**` or a line of their own. A protokoll paragraph without a decision heading
//! whose text says "Styrelsen beslutar att …" has that text as its decision; one whose text only
//! reads like a decision is a warning. The forms are those of `vocabulary::paragraph`.

use crate::model::attachment::AttachmentRef;
use crate::model::config::Config;
use crate::model::item::{Item, Meta, Section, SectionKind};
use crate::model::vote::{Room, Statement, StatementKind};
use crate::reading::diagnostic::Diagnostic;
use crate::reading::vocabulary::paragraph as words;
use std::path::Path;

/// A parsed meeting body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Markdown before the first item.
    pub preamble: String,
    /// Items in order.
    pub items: Vec<Item>,
    /// Lines that look like a misspelt section heading or meta line, or like a decision or a Dnr
    /// that is not recognized.
    pub warnings: Vec<Diagnostic>,
}

/// The site's own words for what its minutes print (`[ordlista]` of `protokoll.toml`), lower case.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// More decision headings.
    pub decision: Vec<String>,
    /// More titles of unnumbered items.
    pub unnumbered: Vec<String>,
}

impl Words {
    /// The words of a site's settings.
    pub fn of(config: &Config) -> Words {
        let lower = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|w| words::clean_heading(w).to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        };
        Words {
            decision: lower(&config.ordlista.beslut),
            unnumbered: lower(&config.ordlista.utan_nummer),
        }
    }
}

/// Which document a body is the body of: only a protokoll's paragraphs have decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    /// A protokoll.
    Minutes,
    /// A kallelse.
    Notice,
}

/// Parses the body of a protokoll that starts at 1-based line `first_line` of `path`, with the
/// tool's own words only.
pub fn parse(path: &Path, body: &str, first_line: usize) -> Result<Body, Vec<Diagnostic>> {
    parse_with(path, body, first_line, &Words::default(), Of::Minutes)
}

/// Parses a body that starts at 1-based line `first_line` of `path`, with the site's own words.
pub fn parse_with(
    path: &Path,
    body: &str,
    first_line: usize,
    local: &Words,
    of: Of,
) -> Result<Body, Vec<Diagnostic>> {
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
            push_line(&mut out, raw, line_no);
            continue;
        }
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            push_line(&mut out, raw, line_no);
            continue;
        }
        if let Some(h) = raw.strip_prefix("## ") {
            match words::heading(h, &local.unnumbered) {
                Some(heading) => {
                    let mut item = new_item(path, heading, line_no, &out.items, &mut errors);
                    // Meta lines: directly after the heading, blank lines allowed between.
                    while let Some(&(j, next)) = lines.peek() {
                        if next.trim().is_empty() {
                            lines.next();
                            continue;
                        }
                        let at = first_line + j;
                        if !read_meta(path, &mut item, next, at, &mut errors, &mut out.warnings) {
                            out.warnings.extend(meta_near_miss(path, next, at));
                            break;
                        }
                        lines.next();
                    }
                    out.items.push(item);
                }
                None => errors.push(
                    Diagnostic::error(
                        path,
                        line_no,
                        1,
                        "a level-2 heading must start a paragraph or agenda item",
                    )
                    .with_hint(
                        "write `## § 28 Titel`, `## 5. Titel` or an unnumbered \
                            item such as `## Parentation`; use ### or deeper for \
                            other headings",
                    ),
                ),
            }
            continue;
        }
        if let Some(item) = out.items.last_mut() {
            if let Some(h) = deeper_heading(raw) {
                if let Some(kind) = words::section_kind(h, &local.decision) {
                    item.sections
                        .push(section(kind, words::clean_heading(h), line_no));
                    continue;
                }
                if raw.starts_with("### ") {
                    out.warnings.extend(section_near_miss(path, h, line_no));
                }
            } else if let Some((kind, heading, rest)) = words::section_line(raw, &local.decision) {
                let mut s = section(kind, heading, line_no);
                if !rest.is_empty() {
                    s.markdown = format!("{rest}\n");
                    s.body_line = line_no;
                }
                item.sections.push(s);
                continue;
            } else if words::looks_like_dnr_line(raw) {
                let col = raw.len() - raw.trim_start().len() + 1;
                out.warnings.push(
                    Diagnostic::warning(
                        path,
                        line_no,
                        col,
                        "this Dnr line is not read: it is not directly under the \
                        paragraph heading",
                    )
                    .with_hint(
                        "move it up to the meta lines under the heading, or write \
                            it in running text",
                    ),
                );
            }
        }
        push_line(&mut out, raw, line_no);
    }
    for item in &mut out.items {
        finish(path, item, of, &mut out.warnings, &mut errors);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// An item from its heading, its number checked against those before it.
fn new_item(
    path: &Path,
    h: words::Heading,
    line_no: usize,
    before: &[Item],
    errors: &mut Vec<Diagnostic>,
) -> Item {
    let mut number = h.number;
    if h.unnumbered {
        // A second "Information" is "information-2".
        let base = number.clone();
        let mut n = 1;
        while before.iter().any(|it| it.number == number) {
            n += 1;
            number = format!("{base}-{n}");
        }
    } else if let Some(prev) = before.iter().find(|it| it.number == number) {
        errors.push(
            Diagnostic::error(
                path,
                line_no,
                4,
                format!("duplicate paragraph number {number}"),
            )
            .with_hint(format!(
                "{} is already used on line {}",
                prev.label(),
                prev.line
            )),
        );
    }
    let dnr = h
        .dnr
        .into_iter()
        .map(|(value, at)| Meta {
            value,
            line: line_no,
            col: at + 4,
        })
        .collect();
    Item {
        number,
        section_sign: h.section_sign,
        printed: h.label,
        unnumbered: h.unnumbered,
        title: h.title,
        line: line_no,
        dnr,
        presenter: None,
        agenda_item: None,
        documents: Vec::new(),
        attachments: Vec::new(),
        no_decision: None,
        text: String::new(),
        text_line: 0,
        sections: Vec::new(),
        room: Room::default(),
    }
}

fn section(kind: SectionKind, heading: String, line: usize) -> Section {
    Section {
        kind,
        heading,
        markdown: String::new(),
        plain: String::new(),
        line,
        body_line: line + 1,
    }
}

/// The text of a `###` to `######` heading.
fn deeper_heading(raw: &str) -> Option<&str> {
    let hashes = raw.len() - raw.trim_start_matches('#').len();
    (3..=6)
        .contains(&hashes)
        .then(|| &raw[hashes..])
        .and_then(|r| r.strip_prefix(' '))
}

/// A warning for `### Beslutt`, a heading one or two letters from a known section.
fn section_near_miss(path: &Path, h: &str, line_no: usize) -> Option<Diagnostic> {
    let names = words::SECTION_NAMES.iter().map(|(n, _)| *n);
    let heading = words::clean_heading(h);
    let name = crate::reading::diagnostic::near_miss(&heading, names)?;
    Some(
        Diagnostic::warning(
            path,
            line_no,
            5,
            format!("\"{heading}\" is not a known section, so it stays a heading in the text"),
        )
        .with_hint(format!("did you mean \"{}\"?", capitalized(name))),
    )
}

/// After the whole item is read: a decision written as a line ("Styrelsen beslutar att …") made
/// its decision section; a text that only reads like a decision warned about; the plain text of
/// each section; what happened in the room.
fn finish(
    path: &Path,
    item: &mut Item,
    of: Of,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) {
    if of == Of::Minutes && !item.is_decision() && item.no_decision.is_none() {
        super::decision_line::cut(item);
        if !item.is_decision()
            && let Some((line, col)) = super::decision_line::reads_like(item)
        {
            warnings.push(
                Diagnostic::warning(
                    path,
                    line,
                    col,
                    format!(
                        "{} reads like a decision, but no decision is recognized in it",
                        item.heading()
                    ),
                )
                .with_hint(
                    "write the decision under `### Beslut` (or `**Beslut:**`, or a line \
                     \"Styrelsen beslutar att …\"); \
                     if the paragraph has no decision, write `Inget beslut` under its heading",
                ),
            );
        }
    }
    for s in &mut item.sections {
        s.plain = crate::markup::markdown::to_plain(&s.markdown);
    }
    super::room::read(path, item, errors);
}

fn push_line(out: &mut Body, line: &str, line_no: usize) {
    let target = match out.items.last_mut() {
        None => &mut out.preamble,
        Some(item) => match item.sections.last_mut() {
            Some(s) => &mut s.markdown,
            None => {
                if item.text.is_empty() {
                    item.text_line = line_no;
                }
                &mut item.text
            }
        },
    };
    target.push_str(line);
    target.push('\n');
}

/// Whether a meta key is a label of a diarienummer (which may be followed by a space, not `:`).
fn is_dnr_key(key: &str) -> bool {
    words::DNR_LABELS.contains(&key)
}

/// The entries of a list value with the byte offset of each: separated by `;` when it has one,
/// else by `,`.
fn entries(value: &str) -> Vec<(&str, usize)> {
    entries_by(value, if value.contains(';') { ';' } else { ',' })
}

/// The entries of a list value separated by `sep`, with the byte offset of each.
fn entries_by(value: &str, sep: char) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in value.split(sep) {
        let lead = part.len() - part.trim_start().len();
        if !part.trim().is_empty() {
            out.push((part.trim(), at + lead));
        }
        at += part.len() + 1;
    }
    out
}

/// Reads one meta line into `item`; false when the line is not a meta line.
fn read_meta(
    path: &Path,
    item: &mut Item,
    line: &str,
    line_no: usize,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> bool {
    let lead_ws = line.len() - line.trim_start().len();
    if let Some(why) = words::no_decision(line) {
        item.no_decision = Some(Meta {
            value: why,
            line: line_no,
            col: lead_ws + 1,
        });
        return true;
    }
    let content = line.trim().trim_matches(['*', '_']);
    let lead = lead_ws + (line.trim().len() - line.trim().trim_start_matches(['*', '_']).len());
    let Some(key) = words::META_KEYS.iter().find(|k| {
        content
            .strip_prefix(**k)
            .is_some_and(|r| r.starts_with(':') || (is_dnr_key(k) && r.starts_with(' ')))
    }) else {
        return false;
    };
    let after = &content[key.len()..];
    let raw = after.trim_start_matches([':', ' ']);
    // Where the value starts: after the key, its colon and any white space.
    let value_start = content.len() - raw.trim_start().len();
    let value = content[value_start..].trim_end();
    let col_of = |byte: usize| {
        let chars = content
            .get(..value_start + byte)
            .map_or(0, |x| x.chars().count());
        chars + 1 + lead
    };
    let col = col_of(0);
    if value.is_empty() {
        errors.push(Diagnostic::error(
            path,
            line_no,
            col,
            format!("`{}:` has no value", key.trim_end_matches('.')),
        ));
        return true;
    }
    let meta = |value: &str, byte: usize| Meta {
        value: value.to_string(),
        line: line_no,
        col: col_of(byte),
    };
    match *key {
        k if is_dnr_key(k) => {
            for (part, at) in entries_by(value, ',') {
                let mut from = 0;
                for d in words::dnr_list(part) {
                    let found = part.get(from..).and_then(|x| x.find(d.as_str()));
                    let off = found.map_or(from, |x| from + x);
                    from = if found.is_some() { off + d.len() } else { from };
                    let m = meta(&d, at + off);
                    if !words::understood(&d) && !crate::markup::ids::slug(&d).is_empty() {
                        warnings.push(
                            Diagnostic::warning(
                                path,
                                m.line,
                                m.col,
                                format!("the Dnr \"{d}\" is not in a form this tool understands"),
                            )
                            .with_hint(
                                "write the diarienummer alone, as printed, e.g. \
                                    `Dnr: 2023/07` or `Dnr: KS 2006/123`; several are \
                                    separated by commas",
                            ),
                        );
                    }
                    item.dnr.push(m);
                }
            }
        }
        "Föredragande" | "Föredragare" => item.presenter = Some(meta(value, 0)),
        "Punkt" => {
            let v = value.trim_start_matches('§').trim().trim_end_matches('.');
            item.agenda_item = Some(meta(v, 0));
        }
        "Bilagor" | "Bilaga" => item.attachments.extend(
            entries(value)
                .into_iter()
                .map(|(e, at)| AttachmentRef::parse(e, line_no, col_of(at))),
        ),
        "Jäv" => {
            let (who, reason) = super::room::who_and_reason(value);
            item.room.disqualified.push(Statement {
                kind: StatementKind::Disqualified,
                who,
                text: value.to_string(),
                section: None,
                reason,
                line: line_no,
                col,
                people: Vec::new(),
            });
        }
        _ => item
            .documents
            .extend(entries(value).into_iter().map(|(v, at)| meta(v, at))),
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
    let key = crate::reading::diagnostic::near_miss(word, words::META_KEYS.iter().copied())?;
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
        let md = "Öppnar.\n\n## § 30 Ny ersättare\n\nDnr: 2023/07\nFöredragande: Cecilia \
            Frid\n\n### Bakgrund\n\nText.\n\n### Beslut\n\nBeslutar.\n";
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
                "p.md:3:1: warning: \"DNR:\" is not a meta line, so it stays in \
                    the text\n  = hint: did you mean \"Dnr:\"?",
                "p.md:5:5: warning: \"Beslutt\" is not a known section, so it \
                    stays a heading in the text\n  = hint: did you mean \"Beslut\"?",
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
