//! Parties and municipalities: the names of the party codes the papers print after a name
//! ("(S)"), and the people of each party and each municipality.

use crate::model::site::Site;
use std::collections::BTreeMap;

/// Swedish party names by code.
pub fn party_name(code: &str) -> String {
    match code {
        "S" => "Socialdemokraterna",
        "M" => "Moderaterna",
        "C" => "Centerpartiet",
        "KD" => "Kristdemokraterna",
        "V" => "Vänsterpartiet",
        "L" => "Liberalerna",
        "FP" => "Folkpartiet liberalerna",
        "MP" => "Miljöpartiet de gröna",
        "SD" => "Sverigedemokraterna",
        other => other,
    }
    .to_string()
}

/// People by party code.
pub fn parties(site: &Site) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.people.iter().enumerate() {
        if let Some(c) = &p.party {
            out.entry(c.clone()).or_default().push(i);
        }
    }
    // A party someone was in before has its page too (with them under `tidigare`).
    for p in &site.people {
        for x in &p.former_parties {
            out.entry(x.code.clone()).or_default();
        }
    }
    out
}

/// People by municipality.
pub fn municipalities(site: &Site) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.people.iter().enumerate() {
        if let Some(k) = &p.kommun {
            out.entry(k.clone()).or_default().push(i);
        }
    }
    out
}
