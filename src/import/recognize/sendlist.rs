//! A kallelse's sändlista as printed: a table of three columns under a heading row (`Kommun`,
//! `Ledamöter`, `Ersättare för kännedom`), one municipality a row with its member and ersättare
//! (`Vakant` allowed; a party after a comma made the format's `(KD)`).

use super::SendList;
use super::attendance as att;
use crate::import::block::{Row, Table};

/// A kallelse's sändlista: a table of three columns, a municipality then the members and the
/// ersättare, under a heading row (its first cell `Kommun` or empty).
pub fn send_list(t: &Table) -> Option<SendList> {
    if t.width() != 3 || t.rows.len() < 3 {
        return None;
    }
    let cell = |r: &Row, c: usize| -> Vec<String> {
        r.cells
            .iter()
            .find(|x| x.col == c)
            .map(|x| {
                x.paragraphs
                    .iter()
                    .flat_map(|p| {
                        p.plain()
                            .lines()
                            .map(|l| l.trim().to_string())
                            .collect::<Vec<_>>()
                    })
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let head = &t.rows[0];
    let first = cell(head, 0).join(" ");
    if !(first.is_empty() || first.eq_ignore_ascii_case("kommun")) {
        return None;
    }
    let columns = vec![cell(head, 1).join(" "), cell(head, 2).join(" ")];
    let mut rows = Vec::new();
    for r in &t.rows[1..] {
        let kommun = cell(r, 0).join(" ");
        let names = |c| -> Vec<String> { cell(r, c).iter().map(|n| att::entry(n)).collect() };
        let (members, subs) = (names(1), names(2));
        let ok = |v: &Vec<String>| {
            v.iter()
                .all(|n| n.eq_ignore_ascii_case("vakant") || att::is_entry(n))
        };
        if kommun.is_empty() || !ok(&members) || !ok(&subs) {
            return None;
        }
        rows.push((kommun, members, subs));
    }
    Some(SendList {
        heading: None,
        columns,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Kind, text};

    #[test]
    fn a_sandlista() {
        let s = text::read(
            "Kommun\tLedamöter\tErsättare\nBorgholm\tIlko Corkovic (S)\tStaffan \
                Larsson (C)\nHultsfred\tFolke Pleijert, KD\tVakant",
        );
        let Kind::Table(t) = &s.blocks[0].kind else {
            panic!("{:?}", s.blocks)
        };
        let l = send_list(t).unwrap();
        assert_eq!(l.columns, ["Ledamöter", "Ersättare"]);
        assert_eq!(l.rows[1].0, "Hultsfred");
        assert_eq!(l.rows[1].1, ["Folke Pleijert (KD)"]);
        assert_eq!(l.rows[1].2, ["Vakant"]);
        let s =
            text::read("Kommun\tLedamöter\tErsättare\nBorgholm\tmånga olika\tnamn här\nA\tB\tC");
        let Kind::Table(t) = &s.blocks[0].kind else {
            panic!()
        };
        assert_eq!(send_list(t), None);
    }
}
