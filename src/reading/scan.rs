//! The Markdown of every source file read with positions: the links and images it makes (checked
//! against the rendered site, so a broken link is reported at its own line and column), the raw
//! HTML the sanitizer will change (warnings), images without a text for those who cannot see them
//! (errors), and headings with nothing under them, where a picture or table of the paper was lost
//! on its way into the text (warnings).

use crate::markup::markdown::OPTIONS;
use crate::markup::sanitize;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::{Parsed, SourceFile};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::path::PathBuf;

/// An internal link written in a source, with the site pages its text is shown on.
#[derive(Debug, Clone)]
pub struct SourceLink {
    /// The source file.
    pub path: PathBuf,
    /// 1-based line of the link.
    pub line: usize,
    /// 1-based column of the link.
    pub col: usize,
    /// The URL as written.
    pub url: String,
    /// The pages (site paths) the text appears on; a relative URL is read from each.
    pub pages: Vec<String>,
}

/// What the scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Internal links, to check once the site is rendered.
    pub links: Vec<SourceLink>,
    /// Links that can never work (to files outside the site).
    pub errors: Vec<Diagnostic>,
    /// Raw HTML and URLs the sanitizer will remove.
    pub warnings: Vec<Diagnostic>,
}

/// One piece of Markdown in a file: where it starts and the pages it is shown on.
struct Piece<'a> {
    md: &'a str,
    base: usize,
    /// (first line of the text shown there, page): a later entry wins from its line on.
    pages: Vec<(usize, Vec<String>)>,
    /// Whether a heading with nothing under it is worth a warning: in a document or a page, where
    /// a picture or table of the paper is lost on the way into text. A meeting's agenda items,
    /// §§ and their sections may well be only a heading ("## § 1 Upprop", "### Beslut" over
    /// "#### Beslut" of the same level).
    headings: bool,
}

/// Scans the Markdown of every file.
pub fn scan(files: &[SourceFile]) -> Scan {
    let parts: Vec<Scan> = files.par_iter().map(scan_file).collect();
    let mut out = Scan::default();
    for mut s in parts {
        out.links.append(&mut s.links);
        out.errors.append(&mut s.errors);
        out.warnings.append(&mut s.warnings);
    }
    out
}

fn scan_file(f: &SourceFile) -> Scan {
    let mut out = Scan::default();
    for piece in pieces(f) {
        scan_piece(f, &piece, &mut out);
    }
    out
}

/// The Markdown pieces of a file and the pages they are shown on.
fn pieces(f: &SourceFile) -> Vec<Piece<'_>> {
    let body = f.text.get(f.body_offset..).unwrap_or("");
    let whole = |pages: Vec<String>| Piece {
        md: body,
        base: f.body_offset,
        pages: vec![(0, pages)],
        headings: true,
    };
    match &f.parsed {
        Parsed::Document(fm, _) => vec![whole(vec![format!("/dokument/{}/", fm.id.get_ref())])],
        Parsed::Page(fm, _) => vec![whole(vec![format!("/{}/", fm.id.get_ref())])],
        Parsed::Kallelse(fm, _) => vec![Piece {
            headings: false,
            ..whole(vec![format!(
                "/{}/{}/",
                fm.organ.get_ref(),
                crate::model::sitting::segment(fm.datum, fm.sitting())
            )])
        }],
        Parsed::Protokoll(fm, b) => {
            let segment = crate::model::sitting::segment(fm.datum, fm.sitting());
            let meeting = format!("/{}/{segment}/", fm.organ.get_ref());
            let mut pages = vec![(0, vec![meeting.clone()])];
            // A paragraph's text is shown on the meeting page and on the paragraph's own page.
            pages.extend(b.items.iter().map(|i| {
                (
                    i.line,
                    vec![meeting.clone(), format!("{meeting}{}/", i.number)],
                )
            }));
            vec![Piece {
                md: body,
                base: f.body_offset,
                pages,
                headings: false,
            }]
        }
        Parsed::Register(reg) => reg
            .organ
            .iter()
            .filter_map(|o| {
                let d = o.beskrivning.as_ref()?;
                Some(Piece {
                    md: d.get_ref(),
                    base: string_start(&f.text, d),
                    pages: vec![(0, vec![format!("/{}/", o.id.get_ref())])],
                    headings: false,
                })
            })
            .collect(),
    }
}

/// Where a TOML string's text starts in the file, when it is written without escapes; else the
/// position of the string itself.
fn string_start(text: &str, s: &toml::Spanned<String>) -> usize {
    let span = s.span();
    text.get(span.clone())
        .and_then(|raw| raw.find(s.get_ref().as_str()))
        .map_or(span.start, |k| span.start + k)
}

fn scan_piece(f: &SourceFile, piece: &Piece<'_>, out: &mut Scan) {
    let at = |offset: usize, message: String| {
        Diagnostic::at(&f.path, &f.text, piece.base + offset, message)
    };
    // The heading last met with nothing under it yet (its level and where it starts), whether
    // the parser is inside a heading's own text, and an image being read (where it starts and
    // whether its text has a letter or digit).
    let mut bare_heading: Option<(pulldown_cmark::HeadingLevel, Diagnostic)> = None;
    let mut in_heading = false;
    let mut image: Option<(usize, bool)> = None;
    for (event, range) in Parser::new_ext(piece.md, OPTIONS).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { level, .. }) if piece.headings => {
                if let Some((prev, d)) = bare_heading.take()
                    && *level <= prev
                {
                    out.warnings.push(empty_heading(d));
                }
                bare_heading = Some((*level, at(range.start, String::new())));
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            _ if !in_heading => bare_heading = None,
            _ => {}
        }
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((range.start, false));
                let d = at(range.start, String::new());
                link(f, piece, d, dest_url.trim(), out);
            }
            Event::Text(t) if image.is_some() && t.chars().any(char::is_alphanumeric) => {
                image = image.map(|(s, _)| (s, true));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, false)) = image.take() {
                    out.errors
                        .push(at(start, "an image without alt text".into()).with_hint(
                            "say between the brackets what the picture shows, for those who cannot \
                                 see it: ![Organisationsschema: styrelse, kansli och tre \
                                 verksamhetsområden](bild.png)",
                        ));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let d = at(range.start, String::new());
                link(f, piece, d, dest_url.trim(), out);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for (off, message) in sanitize::audit(&h) {
                    out.warnings
                        .push(at(range.start + off, message).into_warning());
                }
                // Other schemes are already in the audit's warnings.
                for (off, url) in sanitize::links(&h) {
                    if matches!(sanitize::scheme(&url).as_deref(), None | Some("file")) {
                        link(
                            f,
                            piece,
                            at(range.start + off, String::new()),
                            url.trim(),
                            out,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((_, d)) = bare_heading {
        out.warnings.push(empty_heading(d));
    }
}

/// The warning for a heading with nothing under it before the next heading of its level.
fn empty_heading(d: Diagnostic) -> Diagnostic {
    let mut d = d.into_warning();
    d.message = "a heading with nothing under it".into();
    d.with_hint(
        "was a picture or a table of the paper lost on the way? Write it in, or say under the \
         heading what the paper shows there",
    )
}

/// Sorts one link written at `d`: external (left alone), removed by the sanitizer (a warning), a
/// file on the computer (an error), or internal (kept, to check against the rendered site).
fn link(f: &SourceFile, piece: &Piece<'_>, mut d: Diagnostic, url: &str, out: &mut Scan) {
    if url.is_empty() || url.starts_with("//") {
        return;
    }
    match sanitize::scheme(url).as_deref() {
        Some("file") => {
            d.message =
                format!("the link \"{url}\" points at a file on this computer, outside the site");
            out.errors.push(d.with_hint(
                "put the file in static/ and link to its site path, e.g. /bilagor/fil.pdf",
            ));
        }
        Some(_) if !sanitize::url_allowed(url) => {
            d.message = format!(
                "the link \"{url}\" is removed: only {} and site paths are allowed",
                sanitize::URL_SCHEMES.join(", ")
            );
            out.warnings.push(d.into_warning());
        }
        Some(_) => {}
        None => {
            let pages = piece
                .pages
                .iter()
                .rev()
                .find(|(line, _)| *line <= d.line)
                .map_or_else(Vec::new, |(_, p)| p.clone());
            out.links.push(SourceLink {
                path: f.path.clone(),
                line: d.line,
                col: d.col,
                url: url.to_string(),
                pages,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::load::parse_file;

    fn file(path: &str, text: &str) -> SourceFile {
        parse_file(path.into(), text.to_string(), path.ends_with(".toml")).unwrap()
    }

    #[test]
    fn a_paragraph_link_is_read_from_the_meeting_and_the_paragraph_page() {
        let f = file(
            "p.md",
            "+++\ntyp = \"protokoll\"\norgan = \"styrelsen\"\ndatum = \
                2024-01-10\n+++\nSe [a](/a/).\n\n## § 3 T\n\nSe [b](2/) och <a \
                href=\"/c/\">c</a>.\n",
        );
        let s = scan(&[f]);
        let got: Vec<(usize, usize, &str, Vec<&str>)> = s
            .links
            .iter()
            .map(|l| {
                (
                    l.line,
                    l.col,
                    l.url.as_str(),
                    l.pages.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        let both = vec!["/styrelsen/2024-01-10/", "/styrelsen/2024-01-10/3/"];
        assert_eq!(
            got,
            vec![
                (6, 4, "/a/", vec!["/styrelsen/2024-01-10/"]),
                (10, 4, "2/", both.clone()),
                (10, 19, "/c/", both),
            ]
        );
    }

    #[test]
    fn an_organ_description_is_scanned_at_its_place_in_the_register() {
        let f = file(
            "content/register/r.toml",
            "[[organ]]\nid = \"styrelsen\"\nnamn = \"S\"\norganisation = \
                \"x\"\nbeskrivning = \"Se [x](/x/) och <font>f</font>\"\n",
        );
        let s = scan(&[f]);
        assert_eq!((s.links[0].line, s.links[0].col), (5, 19));
        assert_eq!(s.links[0].pages, vec!["/styrelsen/".to_string()]);
        assert_eq!(
            s.warnings[0].to_string(),
            "content/register/r.toml:5:32: warning: raw HTML <font> is not allowed \
                and is removed (its text is kept)"
        );
    }

    #[test]
    fn file_links_are_errors_and_javascript_links_warnings() {
        let f = file(
            "s.md",
            "+++\ntyp = \"sida\"\nid = \"s\"\ntitel = \
                \"S\"\n+++\n[a](file:///c/x.doc) [b](javascript:alert(1)) \
                [c](https://e.se/)\n",
        );
        let s = scan(&[f]);
        assert_eq!(s.errors.len(), 1);
        assert_eq!((s.errors[0].line, s.errors[0].col), (6, 1));
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.warnings[0].col, 22);
        assert!(s.links.is_empty());
    }
}
