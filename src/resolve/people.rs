//! Resolving people: the name index (every spelling → one person), names as written in documents,
//! and the people a decision's text names.

use crate::model::date::Date;
use crate::model::meeting::Part;
use crate::model::names::Named;
use crate::model::names::{self, WrittenName};
use crate::model::site::Site;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::{Parsed, SourceFile};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use toml::Spanned;

/// A name no spelling of the register matches, as written and where (for `protokoll register`).
#[derive(Debug, Clone)]
pub struct UnknownName {
    /// The name as written.
    pub written: WrittenName,
    /// The file it is written in.
    pub path: PathBuf,
    /// Byte offset of the value in the file.
    pub offset: usize,
    /// The municipality of the sändlista row it is in, if any.
    pub kommun: Option<String>,
}

/// What name resolution leaves for later, and the context it needs: the parties printed (checked
/// once the memberships are known), the unknown names, the day and organ of the file being read
/// and the municipality of the sändlista row.
#[derive(Debug, Default)]
pub struct Pending {
    /// Parties printed after names.
    pub parties: Vec<PrintedParty>,
    /// Names not in the register.
    pub unknown: Vec<UnknownName>,
    /// The day (and organ) of the file whose names are being resolved.
    pub on: Option<(Date, Option<usize>)>,
    /// The municipality of the sändlista row whose names are being resolved.
    pub kommun: Option<String>,
}

/// A party printed after a name, checked once the memberships are known: it must be the party the
/// person had that day (see `model::party_periods::fits`).
#[derive(Debug, Clone)]
pub struct PrintedParty {
    /// The person.
    pub person: usize,
    /// The party as printed.
    pub party: String,
    /// The day of the meeting or document, and the organ, when known.
    pub on: Option<(Date, Option<usize>)>,
    /// Where it is written: the file and the byte offset of the value.
    pub path: PathBuf,
    /// Byte offset into the file.
    pub offset: usize,
}

/// Every spelling of every person, by normalized key.
#[derive(Debug, Default)]
pub struct NameIndex {
    by_key: HashMap<String, usize>,
    /// The same spellings by their words only ("Anna K. Berg" → "anna k berg"), for finding names
    /// in text.
    by_words: HashMap<String, usize>,
    /// The first word of every spelling: where a name in a text can start.
    first_words: HashSet<String>,
    spellings: Vec<String>,
    longest: usize,
}

/// The words of a text as name keys: letters, digits and hyphens; everything else separates.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(names::name_key)
}

impl NameIndex {
    /// Adds a spelling; returns the person it already belonged to, if another.
    pub fn add(&mut self, spelling: &str, person: usize) -> Option<usize> {
        let key = names::name_key(spelling);
        let word_key: Vec<String> = words(spelling).collect();
        self.longest = self.longest.max(word_key.len());
        if let Some(first) = word_key.first() {
            self.first_words.insert(first.clone());
        }
        self.by_words.entry(word_key.join(" ")).or_insert(person);
        match self.by_key.insert(key, person) {
            Some(prev) if prev != person => Some(prev),
            _ => {
                self.spellings.push(spelling.to_string());
                None
            }
        }
    }

    /// The hint for a name no person has: a spelling of the same person, or how to add it.
    pub fn suggest(&self, name: &str) -> String {
        super::spelling::hint(name, &self.spellings)
    }

    /// The person a spelling names.
    pub fn get(&self, spelling: &str) -> Option<usize> {
        self.by_key.get(&names::name_key(spelling)).copied()
    }

    /// Every registered spelling, in the order added.
    pub fn spellings(&self) -> &[String] {
        &self.spellings
    }

    /// Resolves a name as written in `file`; "Vakant" resolves to no person when `vacant_ok`.
    /// A party printed after it, and an unknown name, are kept in `pending`.
    pub fn resolve(
        &self,
        file: &SourceFile,
        s: &Spanned<String>,
        vacant_ok: bool,
        errors: &mut Vec<Diagnostic>,
        pending: &mut Pending,
    ) -> Option<Named> {
        let written = names::split_written(s.get_ref());
        if vacant_ok && names::is_vacant(&written.text) {
            return Some(Named {
                written,
                person: None,
            });
        }
        self.resolve_written(file, s, written, errors, pending)
    }

    /// Resolves a name already cut into its parts (an attendance entry); as [`NameIndex::resolve`].
    pub fn resolve_written(
        &self,
        file: &SourceFile,
        s: &Spanned<String>,
        written: WrittenName,
        errors: &mut Vec<Diagnostic>,
        pending: &mut Pending,
    ) -> Option<Named> {
        let Some(p) = self.get(&written.name) else {
            let d = file.at(s, format!("unknown person \"{}\"", written.name));
            errors.push(d.with_hint(super::spelling::hint(&written.name, &self.spellings)));
            pending.unknown.push(UnknownName {
                written,
                path: file.path.clone(),
                offset: file.toml_offset + s.span().start,
                kommun: pending.kommun.clone(),
            });
            return None;
        };
        if let Some(wp) = &written.party {
            pending.parties.push(PrintedParty {
                person: p,
                party: wp.clone(),
                on: pending.on,
                path: file.path.clone(),
                offset: file.toml_offset + s.span().start,
            });
        }
        Some(Named {
            written,
            person: Some(p),
        })
    }

    /// Every person whose name or alias occurs in `text` as whole words, in order of first
    /// occurrence.
    pub fn mentioned_in(&self, text: &str) -> Vec<usize> {
        let words: Vec<String> = words(text).collect();
        let mut found = Vec::new();
        for i in 0..words.len() {
            if !self.first_words.contains(&words[i]) {
                continue;
            }
            for n in 2..=self.longest.min(words.len() - i) {
                let key = words[i..i + n].join(" ");
                if let Some(&p) = self.by_words.get(&key)
                    && !found.contains(&p)
                {
                    found.push(p);
                }
            }
        }
        found
    }

    /// Every registered person named in a free text line (Föredragande).
    pub fn named_in_line(&self, line: &str) -> Vec<usize> {
        self.mentioned_in(line)
    }
}

/// The parties printed after names, each against the party the person had that day; a party
/// that does not fit is an error where it is written.
pub fn check_parties(
    site: &Site,
    files: &[SourceFile],
    printed: &[PrintedParty],
    errors: &mut Vec<Diagnostic>,
) {
    use crate::model::party_periods::{fits, party_on};
    for x in printed {
        let (date, organ) = x.on.map_or((None, None), |(d, o)| (Some(d), o));
        if fits(site, x.person, &x.party, date, organ) {
            continue;
        }
        let p = &site.people[x.person];
        let held = party_on(p, date).unwrap_or("");
        let Some(f) = files.iter().find(|f| f.path == x.path) else {
            continue;
        };
        let mut d = Diagnostic::at(
            &f.path,
            &f.text,
            x.offset,
            format!("{} is registered as ({held}), not ({})", p.name, x.party),
        );
        if !p.former_parties.is_empty()
            || date.is_some_and(|d| party_on(p, Some(d)) != p.party.as_deref())
        {
            d.message = format!(
                "{} is registered as ({held}) on {}, not ({})",
                p.name,
                date.map(|d| d.to_string()).unwrap_or_default(),
                x.party
            );
        }
        errors.push(d.with_hint(
            "a party changed? give the person [[person.tidigare_parti]] with parti \
                and till, or the membership its `parti`",
        ));
    }
}

/// Every spelling the content uses for each person, in order of first use: the names of each
/// meeting file in path order (as each is read: a protokoll's attendance, chair, secretary,
/// justerare and signatures; a kallelse's sändlista and signers), then each document's authors
/// and signatures, then the registers' `ersattare_for`.
pub fn spellings(site: &mut Site, files: &[SourceFile], names: &NameIndex) {
    let mut used: Vec<Vec<String>> = vec![Vec::new(); site.people.len()];
    let mut add = |n: &Named| {
        if let Some(p) = n.person
            && !used[p].contains(&n.written.name)
        {
            used[p].push(n.written.name.clone());
        }
    };
    let mut parts: HashMap<&str, (usize, Part)> = HashMap::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        if let Some(p) = &meeting.protokoll {
            parts.insert(&p.path, (m, Part::Protokoll));
        }
        if let Some(k) = &meeting.kallelse {
            parts.insert(&k.path, (m, Part::Kallelse));
        }
    }
    let documents: HashMap<&str, usize> = site
        .documents
        .iter()
        .enumerate()
        .map(|(d, doc)| (doc.path.as_str(), d))
        .collect();
    for f in files {
        if let Some(&(m, part)) = parts.get(f.path.to_str().unwrap_or("")) {
            site.meetings[m].names_in(part).for_each(&mut add);
        }
    }
    for f in files {
        if let Some(&d) = documents.get(f.path.to_str().unwrap_or("")) {
            site.documents[d].names().for_each(&mut add);
        }
    }
    for f in files {
        let Parsed::Register(reg) = &f.parsed else {
            continue;
        };
        for s in reg
            .person
            .iter()
            .flat_map(|p| &p.uppdrag)
            .filter_map(|u| u.ersattare_for.as_ref())
        {
            let written = names::split_written(s.get_ref());
            let person = names.get(&written.name);
            add(&Named { written, person });
        }
    }
    for (person, spellings) in site.people.iter_mut().zip(used) {
        person.spellings = spellings;
    }
}

/// Whether an edit that replaced these meetings and documents of `site` changed a name written
/// in them (as written or as resolved), so that the spellings must be gathered again.
pub fn names_changed(site: &Site, replaced: &super::Replaced) -> bool {
    let key = |n: &Named| (n.written.name.clone(), n.person);
    let meetings = replaced
        .meetings
        .iter()
        .any(|(m, old)| old.names().map(key).ne(site.meetings[*m].names().map(key)));
    meetings
        || replaced
            .documents
            .iter()
            .any(|(d, old)| old.names().map(key).ne(site.documents[*d].names().map(key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_whole_names_in_any_case() {
        let mut ix = NameIndex::default();
        ix.add("Henric Gustavsson", 0);
        ix.add("Tobias Fagergård", 1);
        ix.add("Åke Gustafsson", 2);
        let t = "Styrelsen adjungerar HENRIC GUSTAVSSON (C) som ersättare för Tobias Fagergård.";
        assert_eq!(ix.mentioned_in(t), vec![0, 1]);
        assert!(ix.mentioned_in("Henric är här").is_empty());
    }

    #[test]
    fn a_spelling_with_an_initial_is_found_in_text() {
        let mut ix = NameIndex::default();
        ix.add("Jan-Olof P. Jäghagen", 4);
        assert_eq!(
            ix.named_in_line("Jan-Olof P. Jäghagen, ekonomichef"),
            vec![4]
        );
        assert_eq!(ix.get("jan-olof p. jäghagen"), Some(4));
    }

    #[test]
    fn a_spelling_cannot_name_two_people() {
        let mut ix = NameIndex::default();
        assert_eq!(ix.add("Eva Klase", 0), None);
        assert_eq!(ix.add("EVA KLASE", 0), None);
        assert_eq!(ix.add("Eva Klase", 3), Some(0));
    }
}
