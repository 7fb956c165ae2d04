//! `protokoll new`: ready-to-fill content files that follow docs/FORMAT.md and build as written: a
//! kallelse with the organ's current members in its sändlista, a protokoll from an existing
//! kallelse (agenda items become paragraphs, numbered on from the organ's last paragraph that
//! year), and documents. The texts are made by pure functions over the resolved [`Site`]; only
//! [`write_new`] touches the disk, and it never replaces a file.

pub mod register;

use crate::build::BuildError;
use crate::markup::ids;
use crate::model::date::{Date, Time};
use crate::model::kinds::{DocumentKind, Role};
use crate::model::meeting::Meeting;
use crate::model::site::Site;
use crate::reading::diagnostic::did_you_mean;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

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

/// The agenda every meeting starts and ends with.
const OPENING: &[&str] = &[
    "Mötets öppnande",
    "Val av justerare",
    "Godkännande av dagordningen",
];
const CLOSING: &[&str] = &["Övriga frågor", "Mötets avslutande"];

/// What a scaffold wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffolded {
    /// The new file, relative to the site root.
    pub path: PathBuf,
    /// Paragraphs or agenda items in it.
    pub items: usize,
    /// Names filled into its lists.
    pub names: usize,
    /// Where the names came from ("the register", "the kallelse's sändlista").
    pub names_from: &'static str,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum NewError {
    /// The site does not load; a scaffold needs its register.
    Site(BuildError),
    /// A wrong argument (unknown organ, bad date, unknown kind, taken id), with a hint.
    Argument(String, Option<String>),
    /// The file, or the entity it would create, exists already.
    Exists(String),
    /// Writing failed.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::Site(e) => write!(
                f,
                "{e}\nfix the site first: new files are made from its register"
            ),
            NewError::Argument(m, None) => write!(f, "{m}"),
            NewError::Argument(m, Some(h)) => write!(f, "{m}\n  = hint: {h}"),
            NewError::Exists(m) => write!(f, "{m}; nothing was written"),
            NewError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

/// Writes a kallelse for `organ` on `date` to `content/<organ>/<date>/kallelse.md`.
pub fn meeting(root: &Path, organ: &str, date: &str) -> Result<Scaffolded, NewError> {
    let site = crate::read_site(root).map_err(NewError::Site)?;
    let (o, date) = (organ_index(&site, organ)?, parse_date(date)?);
    if let Some(k) = find_meeting(&site, o, date).and_then(|m| m.kallelse.as_ref()) {
        return Err(NewError::Exists(format!(
            "{} already has a kallelse for {organ}/{date}",
            k.path
        )));
    }
    let (text, names) = kallelse_text(&site, o, date);
    let path = meeting_path(organ, date, "kallelse.md");
    write_new(root, &path, &text)?;
    Ok(Scaffolded {
        path,
        items: OPENING.len() + CLOSING.len(),
        names,
        names_from: "the register",
    })
}

/// Writes a protokoll for `organ` on `date` to `content/<organ>/<date>/protokoll.md`, from the
/// meeting's kallelse when there is one.
pub fn protokoll(root: &Path, organ: &str, date: &str) -> Result<Scaffolded, NewError> {
    let site = crate::read_site(root).map_err(NewError::Site)?;
    let (o, date) = (organ_index(&site, organ)?, parse_date(date)?);
    let meeting = find_meeting(&site, o, date);
    if let Some(p) = meeting.and_then(|m| m.protokoll.as_ref()) {
        return Err(NewError::Exists(format!(
            "{} already is the protokoll of {organ}/{date}",
            p.path
        )));
    }
    let p = protokoll_text(&site, o, date);
    let path = meeting_path(organ, date, "protokoll.md");
    write_new(root, &path, &p.text)?;
    Ok(Scaffolded {
        path,
        items: p.items,
        names: p.names,
        names_from: p.names_from,
    })
}

/// What `new dokument` is told.
#[derive(Debug, Clone, Default)]
pub struct DocumentArgs {
    /// Document kind (`tjansteskrivelse`, `arsredovisning` …).
    pub typ: String,
    /// Title.
    pub titel: String,
    /// Date of the document.
    pub datum: Option<String>,
    /// Organ it is from or addressed to.
    pub organ: Option<String>,
    /// Explicit id; derived from the title otherwise.
    pub id: Option<String>,
}

/// Writes a document to `content/dokument/<id>.md`.
pub fn document(root: &Path, args: &DocumentArgs) -> Result<Scaffolded, NewError> {
    let site = crate::read_site(root).map_err(NewError::Site)?;
    let Some(kind) = DocumentKind::from_key(&args.typ) else {
        let kinds = DocumentKind::ALL.map(DocumentKind::key).into_iter();
        let hint = did_you_mean(&args.typ, kinds.clone())
            .unwrap_or_else(|| format!("one of {}", kinds.collect::<Vec<_>>().join(", ")));
        return Err(NewError::Argument(
            format!("unknown document kind \"{}\"", args.typ),
            Some(hint),
        ));
    };
    if args.titel.trim().is_empty() {
        return Err(NewError::Argument("the title is empty".into(), None));
    }
    let date = args.datum.as_deref().map(parse_date).transpose()?;
    if let Some(o) = &args.organ {
        organ_index(&site, o)?;
    }
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| document_id(&args.typ, &args.titel));
    if !ids::is_valid_id(&id) {
        return Err(NewError::Argument(
            format!("invalid id \"{id}\": use a–z, 0–9 and single dashes"),
            None,
        ));
    }
    if let Some(d) = site.documents.iter().find(|d| d.id == id) {
        return Err(NewError::Argument(
            format!("{} already uses the id \"{id}\"", d.path),
            Some("give this one its own with --id".into()),
        ));
    }
    let text = document_text(&site, args, kind, &id, date);
    let path = PathBuf::from("content/dokument").join(format!("{id}.md"));
    write_new(root, &path, &text)?;
    Ok(Scaffolded {
        path,
        items: 0,
        names: 0,
        names_from: "",
    })
}

/// Creates `root/rel` with `text`; an existing file is an error, never replaced.
pub fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), NewError> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| NewError::Io(dir.to_path_buf(), e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                NewError::Exists(format!("{} exists already", rel.display()))
            }
            _ => NewError::Io(path.clone(), e),
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| NewError::Io(path.clone(), e))
}

fn meeting_path(organ: &str, date: Date, file: &str) -> PathBuf {
    PathBuf::from("content")
        .join(organ)
        .join(date.to_string())
        .join(file)
}

fn organ_index(site: &Site, id: &str) -> Result<usize, NewError> {
    site.organs.iter().position(|o| o.id == id).ok_or_else(|| {
        let ids = site.organs.iter().map(|o| o.id.as_str());
        let hint = did_you_mean(id, ids.clone())
            .unwrap_or_else(|| format!("the organs are: {}", ids.collect::<Vec<_>>().join(", ")));
        NewError::Argument(format!("unknown organ \"{id}\""), Some(hint))
    })
}

fn parse_date(s: &str) -> Result<Date, NewError> {
    Date::parse(s).map_err(|e| NewError::Argument(e, None))
}

fn find_meeting(site: &Site, organ: usize, date: Date) -> Option<&Meeting> {
    site.meetings
        .iter()
        .find(|m| m.organ == organ && m.date == date)
}

/// A person as a list entry: `Namn (P)`.
fn written(site: &Site, person: usize) -> String {
    let p = &site.people[person];
    match &p.party {
        Some(party) => format!("{} ({party})", p.name),
        None => p.name.clone(),
    }
}

/// A name list entry with a role after it where the role is a function worth printing.
fn written_with_role(site: &Site, person: usize, role: Role) -> String {
    match role {
        Role::Chair | Role::ViceChair | Role::SecondViceChair | Role::Secretary => {
            format!("{}, {}", written(site, person), role.text())
        }
        _ => written(site, person),
    }
}

/// Current members of an organ on a date, by municipality: (kommun, first column, second column).
/// Each entry is (person, role). Rows and names are in Swedish alphabetical order.
type Rows = Vec<(String, Vec<(usize, Role)>, Vec<(usize, Role)>)>;

fn current_members(site: &Site, organ: usize, date: Date) -> Rows {
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
fn sort_key(s: &str) -> String {
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

fn q(s: &str) -> String {
    // TOML basic string: escape backslash and quote.
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn q_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", inner.join(", "))
}

fn time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour, t.minute)
}

fn holder(site: &Site, organ: usize, date: Date, role: Role) -> Option<usize> {
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
            "# Registret har inga nuvarande ledamöter i {} den {date}; lägg till [[person.uppdrag]]\n\
             # i content/register/ för att få en sändlista.",
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
            "\n# Sändlistan: organets nuvarande ledamöter och ersättare enligt registret den {date}.\n\
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
         # `Dnr: 2024/12`, `Föredragande: Namn` och `Handlingar: dokument-id` direkt under rubriken\n\
         # och förslaget under `### Förslag till beslut`. Numrera om punkterna när du lägger till.\n+++\n",
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
    let meeting = find_meeting(site, organ, date);
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
         # tjanstgorande_ersattare (\"Namn (P) ersätter Namn (P)\") och lägg till övriga deltagare\n\
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
    t.push_str(
        "\n# Paragraferna står under +++. En paragraf med `### Beslut` är ett beslut; texten där är\n\
         # kallelsens förslag till beslut och ska ändras till det som beslutades.\n+++\n",
    );
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
        "# dnr = [\"2024/12\"]\n# mote = \"styrelsen/2024-01-10\"   # mötet där handlingen behandlas\n\
         # punkt = \"5\"\n# antagen = \"styrelsen/2024-01-10/5\"   # beslutet som antog den\n\
         # forfattare = [\"Namn, funktion\"]\n+++\n",
    );
    if args.typ == "tjansteskrivelse" {
        t.push_str("## Ärendet\n\nBeskriv ärendet här.\n\n## Förslag till beslut\n\nSkriv förslaget här.\n");
    } else {
        t.push_str("Skriv handlingen här.\n");
    }
    t
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

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(q(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
