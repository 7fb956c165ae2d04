//! URL claims: every URL segment a source decides (organ and page ids, party codes, municipalities,
//! Dnr) compared by NFC and lower case, so two sources never write the same URL, not even when they
//! differ only by case or Unicode form. Each clash is reported at the later source.

use super::RESERVED;
use crate::model::names;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::{Parsed, SourceFile};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use toml::Spanned;

/// Where a claim is written: its line and column are only worked out for a message, since
/// counting lines to every claim of a large register costs more than all the checks.
#[derive(Clone, Copy)]
enum At<'a> {
    /// The site's own pages.
    Own,
    /// A spanned front-matter or register value.
    Span(&'a SourceFile, usize),
    /// A line and column known already (a Dnr line of a protokoll).
    Line(&'a Path, usize, usize),
}

impl At<'_> {
    fn error(self, message: String) -> Diagnostic {
        match self {
            At::Own => Diagnostic::error(Path::new(""), 0, 0, message),
            At::Span(f, offset) => Diagnostic::at(&f.path, &f.text, offset, message),
            At::Line(path, line, col) => Diagnostic::error(path, line, col, message),
        }
    }

    fn place(self) -> String {
        match self {
            At::Own => OWN.to_string(),
            _ => {
                let d = self.error(String::new());
                format!("{}:{}:{}", d.path.display(), d.line, d.col)
            }
        }
    }
}

/// Where a URL was first claimed, and by what spelling.
struct Claim<'a> {
    written: &'a str,
    at: At<'a>,
}

#[derive(Default)]
struct Claims<'a> {
    seen: HashMap<String, Claim<'a>>,
    /// Group spellings claimed without a clash: the same spelling again is the same group, known
    /// without making its URL (a Dnr recurs in many paragraphs).
    accepted: HashSet<&'a str>,
}

impl<'a> Claims<'a> {
    /// Claims `url` for `written`; a clash with an earlier claim is an error at `at`.
    fn claim(&mut self, url: &str, written: &'a str, at: At<'a>, what: &str) -> Option<Diagnostic> {
        let key = names::name_key(url);
        let Some(prev) = self.seen.get(&key) else {
            self.seen.insert(key, Claim { written, at });
            return None;
        };
        if matches!(prev.at, At::Own) {
            let d = at.error(format!(
                "the {what} id \"{written}\" is reserved: {url} is one of the site's own pages"
            ));
            return Some(d.with_hint("choose another id"));
        }
        let d = at.error(format!(
            "{what} \"{written}\" would write the same URL {url} as \"{}\" ({})",
            prev.written,
            prev.at.place()
        ));
        Some(d.with_hint(if prev.written == written {
            "every URL must belong to one source: choose another id".to_string()
        } else {
            format!("write it \"{}\" everywhere", prev.written)
        }))
    }

    /// Claims a group URL (party, municipality, case): the same spelling again is the same group.
    fn group(&mut self, url: &str, written: &'a str, at: At<'a>, what: &str) -> Option<Diagnostic> {
        self.group_by(url, written, at, what, |a, b| a == b)
    }

    /// [`Claims::group`], with `same` saying which spellings are one group (a Dnr: the same key).
    fn group_by(
        &mut self,
        url: &str,
        written: &'a str,
        at: At<'a>,
        what: &str,
        same: fn(&str, &str) -> bool,
    ) -> Option<Diagnostic> {
        if url.contains("//") {
            let d = at.error(format!(
                "{what} \"{written}\" has no letters or digits to make a URL of"
            ));
            return Some(d.with_hint("write it out, or leave the key out"));
        }
        let known = self
            .seen
            .get(&names::name_key(url))
            .is_some_and(|p| same(p.written, written));
        let clash = if known {
            None
        } else {
            self.claim(url, written, at, what)
        };
        if clash.is_none() {
            self.accepted.insert(written);
        }
        clash
    }

    /// Whether `written` was claimed as a group before, without a clash.
    fn accepted(&self, written: &str) -> bool {
        self.accepted.contains(written)
    }
}

/// The place of the URLs the generator itself writes.
const OWN: &str = "the site's own pages";

/// Where a spanned front-matter or register value is.
fn at<'a>(f: &'a SourceFile, s: &Spanned<String>) -> At<'a> {
    At::Span(f, f.toml_offset + s.span().start)
}

/// Checks every URL claim of the loaded files.
pub fn check(files: &[SourceFile], errors: &mut Vec<Diagnostic>) {
    let mut top = Claims::default();
    for r in RESERVED {
        top.seen.insert(
            format!("/{r}/"),
            Claim {
                written: r,
                at: At::Own,
            },
        );
    }
    let mut parties = Claims::default();
    let mut kommuner = Claims::default();
    let mut cases = Claims::default();
    for f in files {
        match &f.parsed {
            Parsed::Register(reg) => {
                for o in &reg.organ {
                    let id = o.id.get_ref();
                    errors.extend(top.claim(&format!("/{id}/"), id, at(f, &o.id), "organ"));
                }
                for p in &reg.person {
                    if let Some(code) = &p.parti {
                        let url = crate::model::urls::party(code.get_ref());
                        errors.extend(parties.group(
                            &url,
                            code.get_ref(),
                            at(f, code),
                            "the party",
                        ));
                    }
                    if let Some(k) = &p.kommun {
                        let url = crate::model::urls::kommun(k.get_ref());
                        errors.extend(kommuner.group(
                            &url,
                            k.get_ref(),
                            at(f, k),
                            "the municipality",
                        ));
                    }
                }
            }
            Parsed::Page(fm, _) => {
                let id = fm.id.get_ref();
                errors.extend(top.claim(&format!("/{id}/"), id, at(f, &fm.id), "page"));
            }
            Parsed::Document(fm, _) => {
                for d in &fm.dnr {
                    match dnr_url(d.get_ref()) {
                        Some(url) => errors.extend(cases.group_by(
                            &url,
                            d.get_ref().trim(),
                            at(f, d),
                            "Dnr",
                            same_case,
                        )),
                        None => errors.push(empty_dnr(at(f, d), d.get_ref())),
                    }
                }
            }
            Parsed::Protokoll(_, body) | Parsed::Kallelse(_, body) => {
                for m in body.items.iter().flat_map(|i| &i.dnr) {
                    if cases.accepted(&m.value) {
                        continue;
                    }
                    let at = At::Line(&f.path, m.line, m.col);
                    match dnr_url(&m.value) {
                        Some(url) => {
                            errors.extend(cases.group_by(&url, &m.value, at, "Dnr", same_case))
                        }
                        None => errors.push(empty_dnr(at, &m.value)),
                    }
                }
            }
        }
    }
}

/// Whether two Dnr as written are one case: the same key (`ks 2006/123` and `KS 2006/123`).
fn same_case(a: &str, b: &str) -> bool {
    a == b || crate::model::site::dnr_key(a) == crate::model::site::dnr_key(b)
}

/// `/arende/<slug>/`, or None when the Dnr has nothing to make a URL of.
fn dnr_url(dnr: &str) -> Option<String> {
    let slug = crate::model::site::dnr_slug(dnr);
    (!slug.is_empty()).then(|| crate::model::urls::case(dnr))
}

fn empty_dnr(at: At<'_>, written: &str) -> Diagnostic {
    at.error(format!(
        "the Dnr \"{written}\" has no letters or digits to make a URL of"
    ))
    .with_hint("write the diarienummer as printed, e.g. 2023/07")
}
