//! Resolving people: the name index (every spelling → one person), names as written in documents,
//! and the people a decision's text names.

use crate::model::meeting::Meeting;
use crate::model::names::Named;
use crate::model::names::{self, WrittenName};
use crate::model::site::{Person, Site};
use crate::reading::diagnostic::{Diagnostic, did_you_mean};
use crate::reading::load::{Parsed, SourceFile};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// Every spelling of every person, by normalized key.
#[derive(Debug, Default)]
pub struct NameIndex {
    by_key: HashMap<String, usize>,
    /// The same spellings by their words only ("Anna K. Berg" → "anna k berg"), for finding names in text.
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

    /// The hint for a name no person has: the closest spelling, or how to add it.
    pub fn suggest(&self, name: &str) -> String {
        did_you_mean(name, self.spellings.iter().map(String::as_str)).unwrap_or_else(|| {
            "add the person (or this spelling as an alias) to content/register/".to_string()
        })
    }

    /// The person a spelling names.
    pub fn get(&self, spelling: &str) -> Option<usize> {
        self.by_key.get(&names::name_key(spelling)).copied()
    }

    /// Resolves a name as written in `file`; "Vakant" resolves to no person when `vacant_ok`.
    pub fn resolve(
        &self,
        file: &SourceFile,
        people: &[Person],
        s: &Spanned<String>,
        vacant_ok: bool,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Named> {
        let written = names::split_written(s.get_ref());
        if vacant_ok && names::is_vacant(&written.text) {
            return Some(Named {
                written,
                person: None,
            });
        }
        self.check(file, people, s, written, errors)
    }

    fn check(
        &self,
        file: &SourceFile,
        people: &[Person],
        s: &Spanned<String>,
        written: WrittenName,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Named> {
        let Some(p) = self.get(&written.name) else {
            let mut d = file.at(s, format!("unknown person \"{}\"", written.name));
            let hint = did_you_mean(&written.name, self.spellings.iter().map(String::as_str))
                .unwrap_or_else(|| {
                    "add the person (or this spelling as an alias) to content/register/".to_string()
                });
            d = d.with_hint(hint);
            errors.push(d);
            return None;
        };
        if let (Some(wp), Some(rp)) = (&written.party, &people[p].party)
            && !wp.eq_ignore_ascii_case(rp)
        {
            errors.push(file.at(
                s,
                format!("{} is registered as ({rp}), not ({wp})", people[p].name),
            ));
        }
        Some(Named {
            written,
            person: Some(p),
        })
    }

    /// Every person whose name or alias occurs in `text` as whole words, in order of first occurrence.
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
    let mut parts: HashMap<&str, (usize, bool)> = HashMap::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        if let Some(p) = &meeting.protokoll {
            parts.insert(&p.path, (m, true));
        }
        if let Some(k) = &meeting.kallelse {
            parts.insert(&k.path, (m, false));
        }
    }
    let documents: HashMap<&str, usize> = site
        .documents
        .iter()
        .enumerate()
        .map(|(d, doc)| (doc.path.as_str(), d))
        .collect();
    for f in files {
        if let Some(&(m, protokoll)) = parts.get(f.path.to_str().unwrap_or("")) {
            names_read(&site.meetings[m], protokoll).for_each(&mut add);
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

/// The names of a meeting's protokoll (or kallelse), in the order they are read: a protokoll's
/// attendance, chair, secretary, justerare and signatures; a kallelse's sändlista and signers.
pub fn names_read(meeting: &Meeting, protokoll: bool) -> Box<dyn Iterator<Item = &Named> + '_> {
    match (protokoll, &meeting.protokoll, &meeting.kallelse) {
        (true, Some(p), _) => Box::new(
            p.attendance
                .iter()
                .flat_map(|(_, l)| l)
                .chain(&p.chair)
                .chain(&p.secretary)
                .chain(&p.approvers)
                .chain(p.signatures.iter().map(|s| &s.who))
                .chain(super::room::ballots(p)),
        ),
        (false, _, Some(k)) => Box::new(
            k.send_list
                .iter()
                .flat_map(|(_, _, rows)| rows)
                .flat_map(|r| r.first.iter().chain(&r.second))
                .chain(&k.signed_by),
        ),
        _ => Box::new(std::iter::empty()),
    }
}

/// Whether an edit that replaced these meetings and documents of `site` changed a name written
/// in them (as written or as resolved), so that the spellings must be gathered again.
pub fn names_changed(site: &Site, replaced: &super::Replaced) -> bool {
    let key = |n: &Named| (n.written.name.clone(), n.person);
    let meetings = replaced.meetings.iter().any(|(m, old)| {
        [true, false].into_iter().any(|protokoll| {
            names_read(old, protokoll)
                .map(key)
                .ne(names_read(&site.meetings[*m], protokoll).map(key))
        })
    });
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
