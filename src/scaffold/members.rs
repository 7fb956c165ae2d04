//! The register's people as a new file lists them: an organ's current members by municipality and
//! column, the holder of a role on a day, a person written `Namn (P)`, Swedish alphabetical order.

use crate::model::date::Date;
use crate::model::kinds::Role;
use crate::model::site::Site;

/// Roles listed in the first column (members with a vote), in the order they are listed.
const FIRST: &[Role] = &[
    Role::Chair,
    Role::ViceChair,
    Role::SecondViceChair,
    Role::Member,
    Role::Delegate,
    Role::MemberWithoutVote,
];

/// Roles listed in the second column (substitutes).
const SECOND: &[Role] = &[
    Role::Substitute,
    Role::PersonalSubstitute,
    Role::CoOptedSubstitute,
    Role::DelegateSubstitute,
];

/// A person as a list entry: `Namn (P)`.
pub(super) fn written(site: &Site, person: usize) -> String {
    let p = &site.people[person];
    match &p.party {
        Some(party) => format!("{} ({party})", p.name),
        None => p.name.clone(),
    }
}

/// A name list entry with a role after it where the role is a function worth printing.
pub(super) fn written_with_role(site: &Site, person: usize, role: Role) -> String {
    match role {
        Role::Chair | Role::ViceChair | Role::SecondViceChair | Role::Secretary => {
            format!("{}, {}", written(site, person), role.text())
        }
        _ => written(site, person),
    }
}

/// Current members of an organ on a date, by municipality: (kommun, first column, second column).
/// Each entry is (person, role). Rows and names are in Swedish alphabetical order.
pub(super) type Rows = Vec<(String, Vec<(usize, Role)>, Vec<(usize, Role)>)>;

pub(super) fn current_members(site: &Site, organ: usize, date: Date) -> Rows {
    let mut rows: Rows = Vec::new();
    let rank = |role: Role| {
        FIRST
            .iter()
            .chain(SECOND)
            .position(|r| *r == role)
            .unwrap_or(usize::MAX)
    };
    let mut ms: Vec<_> = site
        .memberships
        .iter()
        .filter(|m| {
            m.organ == organ
                && m.from.is_none_or(|f| f <= date)
                && m.to.is_none_or(|t| t >= date)
                && rank(m.role) != usize::MAX
        })
        .collect();
    ms.sort_by_key(|m| (rank(m.role), sort_key(&site.people[m.person].name)));
    for m in ms {
        let kommun = m
            .kommun
            .clone()
            .or_else(|| site.people[m.person].kommun.clone())
            .unwrap_or_else(|| "Övriga".to_string());
        let i = match rows.iter().position(|r| r.0 == kommun) {
            Some(i) => i,
            None => {
                rows.push((kommun, Vec::new(), Vec::new()));
                rows.len() - 1
            }
        };
        let row = &mut rows[i];
        let column = if FIRST.contains(&m.role) {
            &mut row.1
        } else {
            &mut row.2
        };
        // One entry per person and column, under their highest role.
        if !column.iter().any(|(p, _)| *p == m.person) {
            column.push((m.person, m.role));
        }
    }
    rows.sort_by_key(|r| sort_key(&r.0));
    rows
}

/// Swedish alphabetical order: å, ä, ö after z.
pub(super) fn sort_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            c => c,
        })
        .collect()
}

/// Who holds `role` in `organ` on `date` (the first in Swedish order when several do).
pub(super) fn holder(site: &Site, organ: usize, date: Date, role: Role) -> Option<usize> {
    site.memberships
        .iter()
        .filter(|m| {
            m.organ == organ
                && m.role == role
                && m.from.is_none_or(|f| f <= date)
                && m.to.is_none_or(|t| t >= date)
        })
        .map(|m| m.person)
        .min_by_key(|p| sort_key(&site.people[*p].name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order_puts_a_ring_and_umlauts_last() {
        let mut k = vec![
            "Örebro",
            "Ängelholm",
            "Åsele",
            "Vimmerby",
            "Västervik",
            "Zinkgruvan",
        ];
        k.sort_by_key(|s| sort_key(s));
        assert_eq!(
            k,
            [
                "Vimmerby",
                "Västervik",
                "Zinkgruvan",
                "Åsele",
                "Ängelholm",
                "Örebro"
            ]
        );
    }
}
