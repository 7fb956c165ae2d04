//! The people a text names, found by every spelling of each person (canonical name, register
//! aliases, spellings found in the documents), so that a page printing one spelling is found by
//! another even where the text was not resolved to people (a document's body).

use crate::model::site::Site;
use std::collections::HashMap;

/// Every spelling of every person, by its first word.
pub struct Spellings {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Spellings {
    /// The spellings of the people of `site`.
    pub fn of(site: &Site) -> Spellings {
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (p, person) in site.people.iter().enumerate() {
            for s in std::iter::once(&person.name)
                .chain(&person.aliases)
                .chain(&person.spellings)
            {
                let w = words(s);
                // One word is no name to look for in running text.
                if w.len() < 2 {
                    continue;
                }
                let list = by_first.entry(w[0].clone()).or_default();
                if !list.contains(&(w.clone(), p)) {
                    list.push((w, p));
                }
            }
        }
        Spellings { by_first }
    }

    /// The people `text` names by one of their spellings, in order of first mention. Only words
    /// that begin with a capital letter can begin a name, so only they are looked up.
    pub fn people_in(&self, text: &str, out: &mut Vec<usize>) {
        let w: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for i in 0..w.len() {
            if !w[i].starts_with(char::is_uppercase) {
                continue;
            }
            let Some(list) = self.by_first.get(&w[i].to_lowercase()) else {
                continue;
            };
            for (spelling, p) in list {
                let follows = spelling.len() <= w.len() - i
                    && spelling[1..]
                        .iter()
                        .zip(&w[i + 1..])
                        .all(|(a, b)| *a == b.to_lowercase());
                if follows && !out.contains(p) {
                    out.push(*p);
                }
            }
        }
    }
}
