//! Given names: the common Swedish first names, and those an import learns from the names it
//! reads whole, so that names run together in one cell ("Jessica Leksell Lennart Saxberg") can be
//! cut where the next person's first name starts.

use std::collections::HashSet;

/// Common given names in Sweden (lower case); a name read elsewhere in the same import is added
/// with [`Given::learn`].
const COMMON: &[&str] = &[
    "adam",
    "adrian",
    "agneta",
    "albin",
    "alexander",
    "alf",
    "alfons",
    "alice",
    "alva",
    "amanda",
    "anders",
    "andreas",
    "anette",
    "angelica",
    "anita",
    "ann",
    "anna",
    "anne",
    "anneli",
    "annelie",
    "annika",
    "anton",
    "arne",
    "arvid",
    "axel",
    "barbro",
    "bengt",
    "bert",
    "bertil",
    "birgitta",
    "bitte",
    "björn",
    "bo",
    "bodil",
    "britt",
    "börje",
    "camilla",
    "carin",
    "carina",
    "carl",
    "caroline",
    "catarina",
    "catrin",
    "cecilia",
    "charlotte",
    "chris",
    "christer",
    "christian",
    "christina",
    "claes",
    "conny",
    "dag",
    "dan",
    "daniel",
    "david",
    "denise",
    "dragan",
    "dzenita",
    "ebba",
    "eddie",
    "elias",
    "elin",
    "elisabet",
    "elisabeth",
    "ellen",
    "emil",
    "emma",
    "emmy",
    "eric",
    "erik",
    "erika",
    "eva",
    "evelina",
    "ewa",
    "filip",
    "folke",
    "fredrik",
    "frida",
    "gabriel",
    "gerd",
    "gun",
    "gunilla",
    "gunnar",
    "gustav",
    "göran",
    "gudrun",
    "hampus",
    "hannah",
    "hanna",
    "hanne",
    "hans",
    "harald",
    "helen",
    "helena",
    "helene",
    "henric",
    "henrik",
    "hugo",
    "håkan",
    "ida",
    "ilko",
    "inga",
    "inger",
    "ingrid",
    "isak",
    "jacob",
    "jacqueline",
    "jakob",
    "jan",
    "jenny",
    "jens",
    "jesper",
    "jessica",
    "jimmy",
    "joakim",
    "johan",
    "johanna",
    "johannes",
    "john",
    "jonas",
    "jonatan",
    "jonny",
    "josefin",
    "julia",
    "jörgen",
    "karen",
    "karin",
    "karl",
    "katarina",
    "kent",
    "kenneth",
    "kerstin",
    "kjell",
    "klas",
    "klaus",
    "kristin",
    "kristina",
    "lars",
    "lasse",
    "leif",
    "lejla",
    "lena",
    "lennart",
    "linda",
    "linn",
    "linnea",
    "lisa",
    "lotta",
    "louise",
    "lucas",
    "magnus",
    "maja",
    "malin",
    "margareta",
    "margit",
    "maria",
    "marie",
    "marcus",
    "marita",
    "marcus",
    "markus",
    "martin",
    "mathias",
    "matilda",
    "mats",
    "mattias",
    "max",
    "mikael",
    "michael",
    "mikaela",
    "mildred",
    "monica",
    "måns",
    "nadja",
    "niklas",
    "nils",
    "nora",
    "ola",
    "olle",
    "olof",
    "oscar",
    "oskar",
    "owe",
    "ove",
    "patrik",
    "paul",
    "per",
    "peter",
    "petra",
    "pia",
    "rebecka",
    "renée",
    "robert",
    "roger",
    "roland",
    "rolf",
    "rune",
    "saad",
    "sara",
    "sebastian",
    "simon",
    "sofia",
    "sofie",
    "staffan",
    "stefan",
    "sten",
    "stig",
    "stihna",
    "susann",
    "susanne",
    "sven",
    "svante",
    "sören",
    "thomas",
    "tobias",
    "tomas",
    "torbjörn",
    "ulf",
    "ulla",
    "ulrika",
    "urban",
    "viktor",
    "vilhelm",
    "wilhelm",
    "yvonne",
    "åke",
    "åsa",
    "örjan",
];

/// The given names an import knows.
#[derive(Debug, Clone)]
pub struct Given {
    names: HashSet<String>,
}

impl Default for Given {
    fn default() -> Given {
        Given {
            names: COMMON.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Given {
    /// Whether `word` is a known given name (a double name such as "Sven-Erik" by its first part).
    pub fn is_given(&self, word: &str) -> bool {
        let w = word
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        let first = w.split('-').next().unwrap_or("");
        !first.is_empty() && (self.names.contains(&w) || self.names.contains(first))
    }

    /// Adds the first word of a name read whole (from a list with one name per line, or ended by
    /// its party).
    pub fn learn(&mut self, name: &str) {
        if let Some(first) = name.split_whitespace().next() {
            let w = first
                .trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase();
            if w.chars().count() >= 2 {
                self.names.insert(w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_learned_names() {
        let mut g = Given::default();
        assert!(g.is_given("Jessica"));
        assert!(g.is_given("Sven-Erik"));
        assert!(!g.is_given("Leksell"));
        assert!(!g.is_given("Tonentschuk"));
        g.learn("Dzenita Abaza (S)");
        g.learn("Xerxes Ek");
        assert!(g.is_given("Xerxes"));
    }
}
