//! The text of a new kallelse: the usual agenda and a sändlista of the organ's current members.

use super::members::{current_members, holder, written};
use super::quote::{q, q_list};
use crate::model::date::Date;
use crate::model::kinds::Role;
use crate::model::site::Site;
use std::fmt::Write as _;

/// The agenda every meeting starts and ends with.
pub(super) const OPENING: &[&str] = &[
    "Mötets öppnande",
    "Val av justerare",
    "Godkännande av dagordningen",
];
pub(super) const CLOSING: &[&str] = &["Övriga frågor", "Mötets avslutande"];

/// The text of a new kallelse and how many names its sändlista holds.
pub fn kallelse_text(site: &Site, organ: usize, date: Date) -> (String, usize) {
    let o = &site.organs[organ];
    let rows = current_members(site, organ, date);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "+++\ntyp = \"kallelse\"\norgan = {}\ndatum = {date}",
        q(&o.id)
    );
    t.push_str(
        "# Fyll i och ta bort # framför raderna som gäller:\n\
         # start = \"09:00\"\n# slut = \"11:00\"\n# plats = \"Digitalt via Teams\"\n\
         # utfardad = 2024-01-01\n",
    );
    let _ = writeln!(
        t,
        "rubrik = {}",
        q(&format!("Kallelse till sammanträde med {}", o.short))
    );
    match holder(site, organ, date, Role::Secretary)
        .or_else(|| holder(site, organ, date, Role::Chair))
    {
        Some(p) => {
            let _ = writeln!(t, "undertecknad = {}", q_list(&[written(site, p)]));
        }
        None => t.push_str("# undertecknad = [\"Namn, sekreterare\"]\n"),
    }
    let mut names = 0;
    if rows.is_empty() {
        let _ = writeln!(
            t,
            "# Registret har inga nuvarande ledamöter i {} den {date}; lägg till \
             [[person.uppdrag]]\n# i content/register/ för att få en sändlista.",
            o.id
        );
    } else {
        let delegates = rows
            .iter()
            .flat_map(|r| &r.1)
            .any(|(_, role)| *role == Role::Delegate);
        let columns = if delegates {
            ["Ombud", "Ersättare för ombud"]
        } else {
            ["Ledamöter", "Ersättare"]
        };
        let _ = writeln!(
            t,
            "\n# Sändlistan: organets nuvarande ledamöter och ersättare enligt registret den \
             {date}.\n\
             [sandlista]\nrubrik = {}\nkolumner = [{}, {}]",
            q(&format!("Sändlista {}", o.short)),
            q(columns[0]),
            q(columns[1])
        );
        for (kommun, first, second) in &rows {
            let f: Vec<String> = first.iter().map(|(p, _)| written(site, *p)).collect();
            let s: Vec<String> = second.iter().map(|(p, _)| written(site, *p)).collect();
            names += f.len() + s.len();
            let _ = writeln!(
                t,
                "\n[[sandlista.rad]]\nkommun = {}\nordinarie = {}\nersattare = {}",
                q(kommun),
                q_list(&f),
                q_list(&s)
            );
        }
    }
    t.push_str(
        "\n# Dagordningen står under +++: en punkt per rubrik `## 4. Rubrik`, med raderna\n\
         # `Dnr: 2024/12`, `Föredragande: Namn` och `Handlingar: dokument-id` direkt under \
         rubriken\n\
         # och förslaget under `### Förslag till beslut`. Numrera om punkterna när du lägger \
         till.\n+++\n",
    );
    let _ = writeln!(
        t,
        "Du kallas till sammanträde med {} {}en den {}.\n",
        o.name,
        date.weekday(),
        date.long()
    );
    let agenda = OPENING.iter().chain(CLOSING);
    for (i, title) in agenda.enumerate() {
        let _ = writeln!(t, "## {}. {title}\n", i + 1);
    }
    (t.trim_end().to_string() + "\n", names)
}
