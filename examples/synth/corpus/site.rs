//! Writes a corpus as a protokoll site root, exactly in the format of docs/FORMAT.md:
//! `protokoll.toml`, the registers, one folder per meeting with `protokoll.md` and `kallelse.md`,
//! and `content/dokument/`.

use super::model::*;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// A TOML basic string.
pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = items.into_iter().map(|s| q(&s)).collect();
    format!("[{}]", v.join(", "))
}

/// Writes `text` at `root/rel`, creating folders.
pub fn put(root: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// Writes the whole site root into `root` (which should be empty or absent).
pub fn write(c: &Corpus, root: &Path) -> io::Result<()> {
    put(
        root,
        "protokoll.toml",
        &format!(
            // A published site has its address, so the build writes feeds, calendars and the
            // sitemap.
            "titel = {}\nbeskrivning = \"Syntetiska protokoll för \
                prestandamätning\"\norganisation = {}\nbas_url = \
                \"https://protokoll.example.org\"\n",
            q(&c.title),
            q(&c.organisations[0].id)
        ),
    )?;
    put(
        root,
        "content/register/organisationer.toml",
        &organisations(c),
    )?;
    put(root, "content/register/organ.toml", &organs(c))?;
    put(root, "content/register/personer.toml", &people(c))?;
    put(
        root,
        "content/om-webbplatsen.md",
        "+++\ntyp = \"sida\"\nid = \"om-webbplatsen\"\ntitel = \"Om \
            webbplatsen\"\n+++\nDen här webbplatsen är en syntetisk korpus för \
            prestandamätning. Texten är hämtad ur verkliga protokoll men personer, \
            datum och ärenden är påhittade.\n",
    )?;
    for (m, meeting) in c.meetings.iter().enumerate() {
        let dir = c.meeting_key(m);
        if meeting.held {
            put(
                root,
                &format!("content/{dir}/protokoll.md"),
                &protokoll(c, m),
            )?;
        }
        if meeting.notice {
            put(root, &format!("content/{dir}/kallelse.md"), &kallelse(c, m))?;
        }
    }
    for d in &c.documents {
        put(
            root,
            &format!("content/dokument/{}.md", d.id),
            &document(c, d),
        )?;
    }
    Ok(())
}

fn organisations(c: &Corpus) -> String {
    let mut s = String::new();
    for o in &c.organisations {
        let _ = write!(
            s,
            "[[organisation]]\nid = {}\nnamn = {}\ntyp = {}\n",
            q(&o.id),
            q(&o.name),
            q(o.kind)
        );
        if let Some(k) = o.kommun {
            let _ = writeln!(s, "kommun = {}", q(k));
        }
        s.push('\n');
    }
    s
}

fn organs(c: &Corpus) -> String {
    let mut s = String::new();
    for o in &c.organs {
        let _ = write!(
            s,
            "[[organ]]\nid = {}\nnamn = {}\nkortnamn = {}\norganisation = {}\ntyp = {}\n\n",
            q(&o.id),
            q(&o.name),
            q(&o.short),
            q(&c.organisations[o.organisation].id),
            q(o.kind)
        );
    }
    s
}

fn people(c: &Corpus) -> String {
    let mut s = String::new();
    for p in &c.people {
        let _ = writeln!(s, "[[person]]\nnamn = {}\nid = {}", q(&p.name), q(&p.id));
        if !p.aliases.is_empty() {
            let _ = writeln!(s, "alias = {}", list(p.aliases.iter().cloned()));
        }
        if let Some(x) = p.party {
            let _ = writeln!(s, "parti = {}", q(x));
        }
        if let Some(x) = p.kommun {
            let _ = writeln!(s, "kommun = {}", q(x));
        }
        if let Some(o) = p.organisation {
            let _ = writeln!(s, "organisation = {}", q(&c.organisations[o].id));
        }
        if let Some(x) = p.title {
            let _ = writeln!(s, "titel = {}", q(x));
        }
        s.push('\n');
        for m in &p.memberships {
            let _ = write!(
                s,
                "[[person.uppdrag]]\norgan = {}\nroll = {}\nfran = {}\n",
                q(&c.organs[m.organ].id),
                q(m.role),
                m.from
            );
            if let Some(t) = m.to {
                let _ = writeln!(s, "till = {t}");
            }
            if let Some(x) = m.substitute_for {
                let _ = writeln!(s, "ersattare_for = {}", q(&c.people[x].name));
            }
            if let Some(x) = &m.decision {
                let _ = writeln!(s, "beslut = {}", q(x));
            }
            s.push('\n');
        }
    }
    s
}

fn times(m: &Meeting) -> String {
    format!(
        "start = \"{:02}:{:02}\"\nslut = \"{:02}:{:02}\"\nplats = {}\n",
        m.start.0,
        m.start.1,
        m.end.0,
        m.end.1,
        q(m.place)
    )
}

/// The meta lines under an item heading.
fn meta(c: &Corpus, item: &Item, punkt: Option<usize>) -> String {
    let mut s = String::new();
    if let Some(d) = &item.dnr {
        let _ = writeln!(s, "Dnr: {d}");
    }
    if !item.presenters.is_empty() {
        let names: Vec<String> = item.presenters.iter().map(|a| c.written(a)).collect();
        let _ = writeln!(s, "Föredragande: {}", names.join(" och "));
    }
    if let Some(p) = punkt {
        let _ = writeln!(s, "Punkt: {p}");
    }
    if !item.documents.is_empty() {
        let _ = writeln!(s, "Handlingar: {}", item.documents.join(", "));
    }
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

fn protokoll(c: &Corpus, m: usize) -> String {
    let meeting = &c.meetings[m];
    let organ = &c.organs[meeting.organ];
    let mut s = format!(
        "+++\ntyp = \"protokoll\"\norgan = {}\ndatum = {}\n{}",
        q(&organ.id),
        meeting.date,
        times(meeting)
    );
    if let Some(a) = &meeting.chair {
        let _ = writeln!(s, "ordforande = {}", q(&c.written(a)));
    }
    if let Some(a) = &meeting.secretary {
        let _ = writeln!(s, "sekreterare = {}", q(&c.written(a)));
    }
    let _ = writeln!(
        s,
        "justerare = {}",
        list(meeting.approvers.iter().map(|a| c.written(a)))
    );
    if let Some(d) = meeting.approved {
        let _ = writeln!(s, "justerad = {d}");
    }
    // The publisher's word: only a justerat protokoll is sealed; the others are still being
    // written.
    let _ = writeln!(s, "justerat = {}", meeting.approved.is_some());
    if let (Some(a), Some(b)) = (meeting.items.first(), meeting.items.last()) {
        let _ = writeln!(s, "paragrafer = \"§§ {}-{}\"", a.nr, b.nr);
    }
    let group = |v: &[Attendee]| list(v.iter().map(|a| c.written(a)));
    let _ = write!(
        s,
        "\n[narvaro]\nbeslutande = {}\ntjanstgorande_ersattare = \
            {}\nej_tjanstgorande = {}\novriga = {}\n",
        group(&meeting.voting),
        group(&meeting.serving),
        group(&meeting.present_substitutes),
        group(&meeting.others)
    );
    let signers = meeting
        .chair
        .iter()
        .map(|a| (a, "ordförande"))
        .chain(meeting.approvers.iter().map(|a| (a, "justerare")))
        .chain(meeting.secretary.iter().map(|a| (a, "sekreterare")));
    for (a, role) in signers {
        let _ = write!(
            s,
            "\n[[underskrift]]\nnamn = {}\nroll = {}\n",
            q(&a.spelling),
            q(role)
        );
    }
    s.push_str("+++\n");
    if let Some(a) = &meeting.chair {
        let _ = writeln!(
            s,
            "{} öppnar sammanträdet och hälsar alla välkomna.",
            a.spelling
        );
    }
    for (i, item) in meeting.items.iter().enumerate() {
        let _ = write!(s, "\n## § {} {}\n\n", item.nr, item.title);
        s.push_str(&meta(c, item, meeting.notice.then_some(i + 1)));
        if !item.background.is_empty() {
            s.push_str("### Bakgrund\n\n");
            for p in &item.background {
                let _ = write!(s, "{p}\n\n");
            }
        }
        if !item.basis.is_empty() {
            s.push_str("### Beslutsunderlag\n\n");
            for b in &item.basis {
                let _ = writeln!(s, "- {b}");
            }
            s.push('\n');
        }
        let _ = write!(s, "### Beslut\n\n{}\n", item.decision);
        if !item.send_to.is_empty() {
            s.push_str("\n### Beslutet skickas till\n\n");
            for r in &item.send_to {
                let _ = writeln!(s, "- {r}");
            }
        }
    }
    s
}

fn kallelse(c: &Corpus, m: usize) -> String {
    let meeting = &c.meetings[m];
    let organ = &c.organs[meeting.organ];
    let mut s = format!(
        "+++\ntyp = \"kallelse\"\norgan = {}\ndatum = {}\n{}utfardad = {}\nrubrik = {}\n",
        q(&organ.id),
        meeting.date,
        times(meeting),
        meeting.issued,
        q(&format!("Kallelse till sammanträde med {}", organ.short))
    );
    let signed: Vec<String> = meeting
        .chair
        .iter()
        .map(|a| format!("{}, ordförande", a.spelling))
        .chain(
            meeting
                .secretary
                .iter()
                .map(|a| format!("{}, sekreterare", a.spelling)),
        )
        .collect();
    let _ = writeln!(s, "undertecknad = {}", list(signed));
    if !meeting.send_list.is_empty() {
        s.push_str(
            "\n[sandlista]\nrubrik = \"Sändlista\"\nkolumner = [\"Ledamöter\", \
            \"Ersättare för kännedom\"]\n",
        );
        for (kommun, first, second) in &meeting.send_list {
            let _ = write!(
                s,
                "\n[[sandlista.rad]]\nkommun = {}\nordinarie = {}\nersattare = {}\n",
                q(kommun),
                list(first.iter().map(|a| c.written(a))),
                list(second.iter().map(|a| c.written(a)))
            );
        }
    }
    s.push_str(
        "+++\nLedamöterna kallas till sammanträde. Meddela sekreteraren om du inte kan \
        närvara, så kallas din ersättare.\n",
    );
    for (i, item) in meeting.items.iter().enumerate() {
        let _ = write!(s, "\n## {}. {}\n\n", i + 1, item.title);
        s.push_str(&meta(c, item, None));
        let _ = write!(s, "### Förslag till beslut\n\n{}\n", item.decision);
    }
    s
}

fn document(c: &Corpus, d: &Document) -> String {
    let mut s = format!(
        "+++\ntyp = {}\nid = {}\ntitel = {}\ndatum = {}\n",
        q(d.kind),
        q(&d.id),
        q(&d.title),
        d.date
    );
    if let Some(y) = d.year {
        let _ = writeln!(s, "ar = {y}");
    }
    let _ = writeln!(
        s,
        "organisation = {}",
        q(&c.organisations[d.organisation].id)
    );
    if let Some(o) = d.organ {
        let _ = writeln!(s, "organ = {}", q(&c.organs[o].id));
    }
    if let Some(x) = &d.dnr {
        let _ = writeln!(s, "dnr = [{}]", q(x));
    }
    if let Some((m, nr)) = d.handled {
        let meeting = &c.meetings[m];
        // A planned meeting has only its kallelse, numbered 1, 2, 3 …; a held one its § numbers.
        let punkt = if meeting.held {
            nr
        } else {
            meeting
                .items
                .iter()
                .position(|i| i.nr == nr)
                .map_or(nr, |p| p as u32 + 1)
        };
        let _ = writeln!(s, "mote = {}\npunkt = \"{punkt}\"", q(&c.meeting_key(m)));
        if d.adopted && meeting.held {
            let _ = writeln!(s, "antagen = \"{}/{nr}\"", c.meeting_key(m));
        }
    }
    if !d.authors.is_empty() {
        let _ = writeln!(
            s,
            "forfattare = {}",
            list(d.authors.iter().map(|a| c.written(a)))
        );
    }
    s.push_str("+++\n");
    s.push_str(&d.body);
    s
}
