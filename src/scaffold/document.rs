//! The text of a new document: front matter for its kind (the year of a report from its title),
//! the usual headings of a tjänsteskrivelse.

use super::DocumentArgs;
use super::quote::q;
use crate::markup::ids;
use crate::model::date::Date;
use crate::model::kinds::DocumentKind;
use crate::model::site::Site;
use std::fmt::Write as _;

/// The id a document gets from its kind and title: the title's slug, with the kind in front unless
/// the title already starts with it ("Årsredovisning 2024" → `arsredovisning-2024`).
pub fn document_id(typ: &str, titel: &str) -> String {
    let s = ids::slug(titel);
    if s.starts_with(typ) {
        s
    } else {
        format!("{typ}-{s}")
    }
}

/// The text of a new document.
pub fn document_text(
    site: &Site,
    args: &DocumentArgs,
    kind: DocumentKind,
    id: &str,
    date: Option<Date>,
) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "+++\ntyp = {}\nid = {}\ntitel = {}",
        q(kind.key()),
        q(id),
        q(&args.titel)
    );
    match date {
        Some(d) => {
            let _ = writeln!(t, "datum = {d}");
        }
        None => t.push_str("# datum = 2024-01-01\n"),
    }
    if kind.is_report() {
        // The year a report covers is usually in its title ("Årsredovisning 2024").
        let in_title = args
            .titel
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|w| w.parse::<i32>().ok())
            .find(|y| (1900..=2200).contains(y));
        match in_title {
            Some(y) => {
                let _ = writeln!(t, "ar = {y}   # året rapporten gäller");
            }
            None => {
                let year = date.map_or(2024, |d| d.year - 1);
                let _ = writeln!(t, "# ar = {year}   # året rapporten gäller");
            }
        }
    }
    match &site.config.organisation {
        Some(o) => {
            let _ = writeln!(t, "organisation = {}", q(o));
        }
        None => t.push_str("# organisation = \"organisationens-id\"\n"),
    }
    match &args.organ {
        Some(o) => {
            let _ = writeln!(t, "organ = {}", q(o));
        }
        None => t.push_str("# organ = \"styrelsen\"\n"),
    }
    t.push_str(
        "# dnr = [\"2024/12\"]\n\
         # mote = \"styrelsen/2024-01-10\"   # mötet där handlingen behandlas\n\
         # punkt = \"5\"\n# antagen = \"styrelsen/2024-01-10/5\"   # beslutet som antog den\n\
         # forfattare = [\"Namn, funktion\"]\n+++\n",
    );
    if args.typ == "tjansteskrivelse" {
        t.push_str(
            "## Ärendet\n\nBeskriv ärendet här.\n\n## Förslag till beslut\n\nSkriv \
            förslaget här.\n",
        );
    } else {
        t.push_str("Skriv handlingen här.\n");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_come_from_kind_and_title() {
        assert_eq!(
            document_id("arsredovisning", "Årsredovisning 2024"),
            "arsredovisning-2024"
        );
        assert_eq!(
            document_id("tjansteskrivelse", "Budget för 2025"),
            "tjansteskrivelse-budget-for-2025"
        );
    }
}
