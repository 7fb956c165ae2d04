//! The text of a new protokoll: the kallelse's agenda as paragraphs numbered on from the organ's
//! last § that year, and the attendance lists from the sändlista as sent or from the register.

use super::members::{current_members, holder, written, written_with_role};
use super::notice::{CLOSING, OPENING};
use super::quote::{q, q_list, time};
use crate::model::date::Date;
use crate::model::kinds::Role;
use crate::model::site::Site;
use std::fmt::Write as _;

/// A new protokoll's text with what it was made from.
#[derive(Debug, Clone)]
pub struct ProtokollText {
    /// The file's text.
    pub text: String,
    /// Paragraphs.
    pub items: usize,
    /// Names in the attendance lists.
    pub names: usize,
    /// Where the names came from.
    pub names_from: &'static str,
}

/// The first paragraph number for a new protokoll: one after the organ's last § that year.
pub fn next_paragraph(site: &Site, organ: usize, date: Date) -> u32 {
    site.meetings
        .iter()
        .filter(|m| m.organ == organ && m.date.year == date.year && m.date < date)
        .filter_map(|m| m.protokoll.as_ref())
        .flat_map(|p| &p.items)
        .filter(|p| p.item.section_sign)
        .filter_map(|p| {
            let n = &p.item.number;
            n.trim_end_matches(|c: char| c.is_ascii_lowercase())
                .parse::<u32>()
                .ok()
        })
        .max()
        .map_or(1, |n| n + 1)
}

/// The text of a new protokoll for `organ` on `date`.
pub fn protokoll_text(site: &Site, organ: usize, date: Date) -> ProtokollText {
    let o = &site.organs[organ];
    let meeting = super::find_meeting(site, organ, date);
    let kallelse = meeting.and_then(|m| m.kallelse.as_ref());
    let first = next_paragraph(site, organ, date);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "+++\ntyp = \"protokoll\"\norgan = {}\ndatum = {date}",
        q(&o.id)
    );
    match meeting.and_then(|m| m.start) {
        Some(s) => {
            let _ = writeln!(t, "start = {}", q(&time(s)));
        }
        None => t.push_str("# start = \"09:00\"\n"),
    }
    match meeting.and_then(|m| m.end) {
        Some(s) => {
            let _ = writeln!(t, "slut = {}", q(&time(s)));
        }
        None => t.push_str("# slut = \"11:00\"\n"),
    }
    match meeting.and_then(|m| m.place.as_ref()) {
        Some(p) => {
            let _ = writeln!(t, "plats = {}", q(p));
        }
        None => t.push_str("# plats = \"Digitalt via Teams\"\n"),
    }
    let chair = holder(site, organ, date, Role::Chair);
    let secretary = holder(site, organ, date, Role::Secretary);
    match chair {
        Some(p) => {
            let _ = writeln!(t, "ordforande = {}", q(&written(site, p)));
        }
        None => t.push_str("# ordforande = \"Namn (P)\"\n"),
    }
    match secretary {
        Some(p) => {
            let _ = writeln!(t, "sekreterare = {}", q(&written(site, p)));
        }
        None => t.push_str("# sekreterare = \"Namn\"\n"),
    }
    t.push_str(
        "justerare = []   # vem som justerar, t.ex. [\"Namn (P)\"]\n# justerad = 2024-01-01\n\
         # justeringsplats = \"Kommunkansliet\"\n\
         justerat = false   # true när protokollet är justerat: då förseglas det i justerade.toml\n\
         # anslagen = 2024-01-02     # anslaget om justeringen, som tryckt\n\
         # nedtagen = 2024-01-24     # anslaget tas ned, som tryckt\n\
         # forvaringsplats = \"Kommunkansliet\"\n",
    );

    // Paragraphs: the kallelse's agenda, or the usual opening and closing.
    let mut body = String::new();
    let mut n = first;
    let mut count = 0;
    match kallelse {
        Some(k) => {
            for p in &k.items {
                let it = &p.item;
                let _ = writeln!(body, "## § {n} {}\n", it.title);
                let _ = writeln!(body, "Punkt: {}", it.number);
                if !it.dnr.is_empty() {
                    let d: Vec<&str> = it.dnr.iter().map(|m| m.value.as_str()).collect();
                    let _ = writeln!(body, "Dnr: {}", d.join(", "));
                }
                if let Some(f) = &it.presenter {
                    let _ = writeln!(body, "Föredragande: {}", f.value);
                }
                if !it.documents.is_empty() {
                    let d: Vec<&str> = it.documents.iter().map(|m| m.value.as_str()).collect();
                    let _ = writeln!(body, "Handlingar: {}", d.join(", "));
                }
                body.push('\n');
                push_block(&mut body, &it.text);
                let mut proposal = None;
                for s in &it.sections {
                    if s.kind == crate::model::item::SectionKind::Proposal {
                        proposal = Some(s.markdown.as_str());
                    } else {
                        let _ = writeln!(body, "### {}\n", s.heading);
                        push_block(&mut body, &s.markdown);
                    }
                }
                if let Some(proposal) = proposal {
                    body.push_str("### Beslut\n\n");
                    push_block(&mut body, proposal);
                }
                n += 1;
                count += 1;
            }
        }
        None => {
            for title in OPENING.iter().chain(CLOSING) {
                let _ = writeln!(body, "## § {n} {title}\n");
                n += 1;
                count += 1;
            }
        }
    }
    let range = match count {
        0 => None,
        1 => Some(format!("§ {first}")),
        _ => Some(format!("§§ {first}-{}", n - 1)),
    };
    if let Some(r) = range {
        let _ = writeln!(t, "paragrafer = {}", q(&r));
    }

    // Attendance: the sändlista as sent, or the register.
    let members = current_members(site, organ, date);
    let chairs: Vec<(usize, &str)> = members
        .iter()
        .flat_map(|r| &r.1)
        .filter(|(_, role)| matches!(role, Role::Chair | Role::ViceChair | Role::SecondViceChair))
        .map(|(p, role)| (*p, role.text()))
        .collect();
    let (beslutande, ersattare, names_from) = match kallelse.and_then(|k| k.send_list.as_ref()) {
        Some((_, _, rows)) => {
            let take =
                |col: fn(&crate::model::meeting::SendRow) -> &Vec<crate::model::names::Named>| {
                    rows.iter()
                        .flat_map(col)
                        .filter_map(|n| {
                            let p = n.person?;
                            // The chair's role is worth printing, as the papers do.
                            Some(match chairs.iter().find(|c| c.0 == p) {
                                Some((_, role)) if n.written.function.is_empty() => {
                                    format!("{}, {role}", n.written.text)
                                }
                                _ => n.written.text.clone(),
                            })
                        })
                        .collect::<Vec<_>>()
                };
            (
                take(|r| &r.first),
                take(|r| &r.second),
                "the kallelse's sändlista",
            )
        }
        None => {
            let rows = &members;
            let f = rows
                .iter()
                .flat_map(|r| &r.1)
                .map(|(p, role)| written_with_role(site, *p, *role))
                .collect();
            let s = rows
                .iter()
                .flat_map(|r| &r.2)
                .map(|(p, _)| written(site, *p))
                .collect();
            (f, s, "the register")
        }
    };
    t.push_str(
        "\n# Närvaro: flytta den som inte kom till franvarande, ersättare som tjänstgjorde till\n\
         # tjanstgorande_ersattare \
         (\"Namn (P) ersätter Namn (P)\") och lägg till övriga deltagare\n\
         # (\"Namn, funktion\"). Den som var med en del av mötet: \"Namn (P) fr.o.m. § 16\",\n\
         # \"t.o.m. § 18\", \"ej § 20–21\", \"kl 10.30–12.00\".\n[narvaro]\n",
    );
    let _ = writeln!(t, "beslutande = {}", q_list(&beslutande));
    t.push_str("tjanstgorande_ersattare = []\n");
    let _ = writeln!(t, "ej_tjanstgorande = {}", q_list(&ersattare));
    t.push_str("franvarande = []   # frånvarande ledamöter (anmält förhinder)\n");
    t.push_str("ovriga = []\n");
    for (p, role) in [(chair, Role::Chair), (secretary, Role::Secretary)] {
        if let Some(p) = p {
            let _ = writeln!(
                t,
                "\n[[underskrift]]\nnamn = {}\nroll = {}",
                q(&site.people[p].name),
                q(role.text())
            );
        }
    }
    t.push_str(concat!(
        "\n# Paragraferna står under +++. En paragraf med `### Beslut` är ett beslut; ",
        "texten där är\n# kallelsens förslag till beslut och ska ändras till det som beslutades.\n",
        "+++\n",
    ));
    let _ = writeln!(
        t,
        "{} öppnar sammanträdet.\n",
        chair.map_or("Ordföranden".to_string(), |p| site.people[p].name.clone())
    );
    t.push_str(&body);
    ProtokollText {
        text: t.trim_end().to_string() + "\n",
        items: count,
        names: beslutande.len() + ersattare.len(),
        names_from,
    }
}

/// Appends a Markdown block followed by one blank line, if it has any text.
fn push_block(out: &mut String, md: &str) {
    let md = md.trim();
    if !md.is_empty() {
        out.push_str(md);
        out.push_str("\n\n");
    }
}
