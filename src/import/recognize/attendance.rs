//! Attendance groups as printed: a heading the format knows (`Beslutande`, `Närvarade
//! ledamöter`, `Övriga medverkande`, `Anmälda till presidiekonferensen:`) over names one per line,
//! or a header table's row holding the names run together; and the signature block at the end
//! (`Andreas Erlandsson` over `ordförande`, or `Åke Gustavsson (S), justerare`).

use super::given::Given;
use super::names::{normalize, split_joined};
use super::{Group, Signature};
use crate::import::block::looks_like_name;
use crate::model::attendance::GroupKind;
use crate::reading::vocabulary::attendance::group_of_heading;

/// The kind of group a line heads: a line of its own of at most six words that the format's
/// vocabulary knows as a group heading.
pub fn heading_kind(text: &str) -> Option<GroupKind> {
    let t = text.trim();
    if t.contains('\n') || t.split_whitespace().count() > 6 {
        return None;
    }
    group_of_heading(t)
}

/// The heading as the draft keeps it (without a trailing colon).
pub fn heading_text(text: &str) -> String {
    text.trim().trim_end_matches(':').trim().to_string()
}

/// The entries of a header table's cell: each line cut into the names run together on it.
pub fn cell_entries(lines: &[String], given: &Given) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut guessed = false;
    for l in lines.iter().flat_map(|p| p.lines()) {
        for s in split_joined(l, given) {
            guessed |= s.guessed;
            out.push(s.entry);
        }
    }
    (out, guessed)
}

/// Whether a line is one entry of a list printed one name per line.
pub fn is_entry(line: &str) -> bool {
    let l = line.trim();
    !l.contains('\n') && looks_like_name(l) && heading_kind(l).is_none()
}

/// A list's entry in the format's form.
pub fn entry(line: &str) -> String {
    normalize(line)
}

/// A new group.
pub fn group(kind: GroupKind, heading: &str) -> Group {
    Group {
        kind,
        heading: heading_text(heading),
        names: Vec::new(),
        after_items: false,
    }
}

/// The roles a signature is printed with.
const SIGN_ROLES: &[&str] = &[
    "ordförande",
    "vice ordförande",
    "mötesordförande",
    "justerare",
    "justerande",
    "sekreterare",
    "protokollförare",
];

fn sign_role(s: &str) -> bool {
    SIGN_ROLES.contains(&s.trim().to_lowercase().as_str())
}

/// A signature: `Name` over its role, or `Name (P), role` on one line.
pub fn signature(text: &str) -> Option<Signature> {
    let t = text.trim();
    let lines: Vec<&str> = t.lines().map(str::trim).collect();
    if lines.len() == 2 && looks_like_name(lines[0]) && sign_role(lines[1]) {
        return Some(Signature {
            name: normalize(lines[0]),
            role: lines[1].to_lowercase(),
        });
    }
    // A PDF may lose the break between the name and its role: "Ulrika Ericsson sekreterare".
    if lines.len() == 1
        && let Some(role) = SIGN_ROLES
            .iter()
            .find(|r| t.to_lowercase().ends_with(&format!(" {r}")))
    {
        let name = t[..t.len() - role.len()].trim();
        if looks_like_name(name) && !name.ends_with(',') {
            return Some(Signature {
                name: normalize(name),
                role: role.to_string(),
            });
        }
    }
    if lines.len() == 1
        && let Some((name, role)) = t.rsplit_once(',')
        && sign_role(role)
        && looks_like_name(name)
    {
        return Some(Signature {
            name: normalize(name),
            role: role.trim().to_lowercase(),
        });
    }
    None
}

/// A chair named at the opening: "Vice ordförande Anna Hasselbom Trofast, Borgholm kommun,
/// hälsar …" → `Anna Hasselbom Trofast, vice ordförande`.
pub fn opening_chair(text: &str) -> Option<String> {
    let t = text.trim();
    let (role, rest) = ["Vice ordförande ", "Ordförande ", "Mötesordförande "]
        .iter()
        .find_map(|r| t.strip_prefix(r).map(|rest| (r.trim(), rest)))?;
    let name: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let mut name = name.join(" ");
    let cut = name.find(',').unwrap_or(name.len());
    name.truncate(cut);
    (crate::import::block::looks_like_name(&name))
        .then(|| format!("{name}, {}", role.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_entries_and_signatures() {
        assert_eq!(heading_kind("Närvarade ledamöter"), Some(GroupKind::Voting));
        assert_eq!(
            heading_kind("Anmälda till presidiekonferensen:"),
            Some(GroupKind::Registered)
        );
        assert_eq!(
            heading_kind("Beslutande ledamöter har ordet i frågan om budget"),
            None
        );
        assert!(is_entry("Sofia Hartz, Region Kalmar län (via länk)"));
        assert!(!is_entry("RS 2022/195"));
        let (e, _) = cell_entries(
            &["Henric Gustavsson (C) Åke Bergh (M)".into()],
            &Given::default(),
        );
        assert_eq!(e, ["Henric Gustavsson (C)", "Åke Bergh (M)"]);
        assert_eq!(
            signature("Andreas Erlandsson\nordförande"),
            Some(Signature {
                name: "Andreas Erlandsson".into(),
                role: "ordförande".into()
            })
        );
        assert_eq!(
            signature("Åke Gustavsson (S), justerare").map(|s| s.name),
            Some("Åke Gustavsson (S)".into())
        );
        assert_eq!(signature("Styrelsen, ordförande"), None);
        assert_eq!(
            opening_chair("Vice ordförande Anna Hasselbom Trofast, Borgholm kommun, hälsar alla.")
                .as_deref(),
            Some("Anna Hasselbom Trofast, vice ordförande")
        );
        assert_eq!(
            signature("Ulrika Ericsson sekreterare").map(|s| s.role),
            Some("sekreterare".into())
        );
    }
}
