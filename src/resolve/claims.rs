//! URL claims: every URL segment a source decides (organ and page ids, party codes, municipalities,
//! Dnr) compared by NFC and lower case, so two sources never write the same URL, not even when they
//! differ only by case or Unicode form. Each clash is reported at the later source.

use super::RESERVED;
use crate::diagnostic::Diagnostic;
use crate::load::{Parsed, SourceFile};
use crate::names;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

/// Where a URL was first claimed, and by what spelling.
struct Claim {
    written: String,
    place: String,
}

#[derive(Default)]
struct Claims {
    seen: HashMap<String, Claim>,
}

impl Claims {
    /// Claims `url` for `written`; a clash with an earlier claim is an error at `at`.
    fn claim(
        &mut self,
        url: String,
        written: &str,
        at: Diagnostic,
        what: &str,
    ) -> Option<Diagnostic> {
        let key = names::name_key(&url);
        match self.seen.get(&key) {
            None => {
                let place = format!("{}:{}:{}", at.path.display(), at.line, at.col);
                self.seen.insert(
                    key,
                    Claim {
                        written: written.to_string(),
                        place,
                    },
                );
                None
            }
            Some(prev) if prev.place == OWN => {
                let mut d = at;
                d.message = format!(
                    "the {what} id \"{written}\" is reserved: {url} is one of the site's own pages"
                );
                Some(d.with_hint("choose another id"))
            }
            Some(prev) => {
                let mut d = at;
                d.message = format!(
                    "{what} \"{written}\" would write the same URL {url} as \"{}\" ({})",
                    prev.written, prev.place
                );
                Some(d.with_hint(if prev.written == written {
                    "every URL must belong to one source: choose another id".to_string()
                } else {
                    format!("write it \"{}\" everywhere", prev.written)
                }))
            }
        }
    }

    /// Claims a group URL (party, municipality, case): the same spelling again is the same group.
    fn group(
        &mut self,
        url: String,
        written: &str,
        at: Diagnostic,
        what: &str,
    ) -> Option<Diagnostic> {
        if url.contains("//") {
            let mut d = at;
            d.message = format!("{what} \"{written}\" has no letters or digits to make a URL of");
            return Some(d.with_hint("write it out, or leave the key out"));
        }
        let known = self
            .seen
            .get(&names::name_key(&url))
            .is_some_and(|p| p.written == written);
        if known {
            None
        } else {
            self.claim(url, written, at, what)
        }
    }
}

/// The place of the URLs the generator itself writes.
const OWN: &str = "the site's own pages";

/// Where a spanned front-matter or register value is.
fn at(f: &SourceFile, s: &Spanned<String>) -> Diagnostic {
    f.at(s, "")
}

/// Checks every URL claim of the loaded files.
pub fn check(files: &[SourceFile], errors: &mut Vec<Diagnostic>) {
    let mut top = Claims::default();
    for r in RESERVED {
        top.seen.insert(
            format!("/{r}/"),
            Claim {
                written: r.to_string(),
                place: OWN.to_string(),
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
                    errors.extend(top.claim(format!("/{id}/"), id, at(f, &o.id), "organ"));
                }
                for p in &reg.person {
                    if let Some(code) = &p.parti {
                        let url = crate::render::urls::party(code.get_ref());
                        errors.extend(parties.group(url, code.get_ref(), at(f, code), "the party"));
                    }
                    if let Some(k) = &p.kommun {
                        let url = crate::render::urls::kommun(k.get_ref());
                        errors.extend(kommuner.group(
                            url,
                            k.get_ref(),
                            at(f, k),
                            "the municipality",
                        ));
                    }
                }
            }
            Parsed::Page(fm, _) => {
                let id = fm.id.get_ref();
                errors.extend(top.claim(format!("/{id}/"), id, at(f, &fm.id), "page"));
            }
            Parsed::Document(fm, _) => {
                for d in &fm.dnr {
                    let url = dnr_url(d.get_ref());
                    match url {
                        Some(url) => {
                            errors.extend(cases.group(url, d.get_ref().trim(), at(f, d), "Dnr"))
                        }
                        None => errors.push(empty_dnr(at(f, d), d.get_ref())),
                    }
                }
            }
            Parsed::Protokoll(_, body) | Parsed::Kallelse(_, body) => {
                for m in body.items.iter().flat_map(|i| &i.dnr) {
                    let d = Diagnostic::error(Path::new(&f.path), m.line, m.col, "");
                    match dnr_url(&m.value) {
                        Some(url) => errors.extend(cases.group(url, &m.value, d, "Dnr")),
                        None => errors.push(empty_dnr(d, &m.value)),
                    }
                }
            }
        }
    }
}

/// `/arende/<slug>/`, or None when the Dnr has nothing to make a URL of.
fn dnr_url(dnr: &str) -> Option<String> {
    let slug = crate::site::dnr_slug(dnr);
    (!slug.is_empty()).then(|| crate::render::urls::case(dnr))
}

fn empty_dnr(mut d: Diagnostic, written: &str) -> Diagnostic {
    d.message = format!("the Dnr \"{written}\" has no letters or digits to make a URL of");
    d.with_hint("write the diarienummer as printed, e.g. 2023/07")
}
