//! The small objects the JSON twins and the `/api/` collections use to point at one another
//! (docs/API.md, "reference"), names as written, signatures and memberships. Each is a struct
//! borrowing from the `Site` whose fields are declared in the byte order of their JSON names,
//! the sorted order every `.json` file of the site prints its keys in.

use crate::model::date::Date;
use crate::model::meeting::{ItemRef, Part};
use crate::model::names;
use crate::model::site::{self as model, Ref, Site};
use crate::model::urls;
use serde::Serialize;

/// The `id` of the twin of the page at `web`: `/a/b/` → `/a/b/index.json`.
pub fn twin_id(web: &str) -> String {
    format!("{web}index.json")
}

/// A reference to an organisation (OParl Body); organisations are listed in
/// `/api/organisationer.json`.
#[derive(Serialize)]
pub struct BodyRef<'a> {
    pub(super) id: String,
    pub(super) key: &'a str,
    pub(super) name: &'a str,
}

/// The reference to organisation `o`.
pub fn body_ref(site: &Site, o: usize) -> BodyRef<'_> {
    let org = &site.organisations[o];
    BodyRef {
        id: format!("/api/organisationer.json#{}", org.id),
        key: &org.id,
        name: &org.name,
    }
}

/// A reference to an organ (OParl Organization).
#[derive(Serialize)]
pub struct OrganRef<'a> {
    pub(super) id: String,
    pub(super) key: &'a str,
    pub(super) name: &'a str,
    #[serde(rename = "shortName")]
    pub(super) short_name: &'a str,
    pub(super) web: String,
}

/// The reference to organ `o`.
pub fn organ_ref(site: &Site, o: usize) -> OrganRef<'_> {
    let organ = &site.organs[o];
    let web = urls::organ(site, o);
    OrganRef {
        id: twin_id(&web),
        key: &organ.id,
        name: &organ.name,
        short_name: &organ.short,
        web,
    }
}

/// A reference to a meeting.
#[derive(Serialize)]
pub struct MeetingRef<'a> {
    pub(super) date: Date,
    pub(super) id: String,
    #[serde(rename = "meetingState")]
    pub(super) meeting_state: &'static str,
    pub(super) name: String,
    pub(super) organization: &'a str,
    pub(super) web: String,
}

/// The reference to meeting `m`.
pub fn meeting_ref(site: &Site, m: usize) -> MeetingRef<'_> {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let web = urls::meeting(site, m);
    MeetingRef {
        date: meeting.date,
        id: twin_id(&web),
        meeting_state: meeting.status().key(),
        name: format!("{} {}", organ.short, meeting.when()),
        organization: &organ.id,
        web,
    }
}

/// A reference to a person.
#[derive(Serialize)]
pub struct PersonRef<'a> {
    pub(super) id: String,
    pub(super) key: &'a str,
    pub(super) name: &'a str,
    pub(super) web: String,
}

/// The reference to person `p`.
pub fn person_ref(site: &Site, p: usize) -> PersonRef<'_> {
    let person = &site.people[p];
    let web = urls::person(site, p);
    PersonRef {
        id: twin_id(&web),
        key: &person.id,
        name: &person.name,
        web,
    }
}

/// A reference to a paragraph (its own page) or an agenda item (an anchor on the meeting page).
#[derive(Serialize)]
pub struct AgendaItemRef<'a> {
    pub(super) date: Date,
    pub(super) id: String,
    /// The meeting's page.
    pub(super) meeting: String,
    pub(super) name: String,
    pub(super) number: &'a str,
    pub(super) part: &'static str,
    pub(super) web: String,
}

/// The reference to paragraph or agenda item `r`.
pub fn item_ref(site: &Site, r: ItemRef) -> AgendaItemRef<'_> {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let meeting_web = urls::meeting(site, r.meeting);
    let web = urls::item_in(meeting_web.clone(), r.part, &p.item.number);
    let (id, part) = match r.part {
        Part::Protokoll => (twin_id(&web), "protokoll"),
        // The meeting's twin, at the item's anchor.
        Part::Kallelse => (
            twin_id(&meeting_web) + &web[meeting_web.len()..],
            "kallelse",
        ),
    };
    AgendaItemRef {
        date: meeting.date,
        id,
        meeting: meeting_web,
        name: p.item.heading(),
        number: &p.item.number,
        part,
        web,
    }
}

/// A reference to a case.
#[derive(Serialize)]
pub struct CaseRef<'a> {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) reference: &'a str,
    pub(super) web: String,
}

/// The reference to the case of Dnr `dnr`.
pub fn case_ref<'a>(site: &Site, dnr: &'a str) -> CaseRef<'a> {
    // Cases are sorted by slug (one case per slug), so this is a binary search, not a scan.
    let slug = model::dnr_slug(dnr);
    let name = site
        .cases
        .binary_search_by(|c| c.slug.cmp(&slug))
        .ok()
        .map(|i| &site.cases[i])
        .filter(|c| c.dnr == dnr || model::dnr_key(&c.dnr) == model::dnr_key(dnr))
        .map(|c| c.title(site))
        .unwrap_or_default();
    let web = urls::case(dnr);
    CaseRef {
        id: twin_id(&web),
        name,
        reference: dnr,
        web,
    }
}

/// A reference to a document (OParl Paper).
#[derive(Serialize)]
pub struct PaperRef<'a> {
    pub(super) date: Option<Date>,
    pub(super) id: String,
    pub(super) key: &'a str,
    pub(super) name: &'a str,
    #[serde(rename = "paperType")]
    pub(super) paper_type: &'a str,
    pub(super) web: String,
}

/// The reference to document `d`.
pub fn paper_ref(site: &Site, d: usize) -> PaperRef<'_> {
    let doc = &site.documents[d];
    let web = urls::document(site, d);
    PaperRef {
        date: doc.sort_date(site),
        id: twin_id(&web),
        key: &doc.id,
        name: &doc.title,
        paper_type: doc.kind.key(),
        web,
    }
}

/// The decision that made a membership: a paragraph or a document.
#[derive(Serialize)]
#[serde(untagged)]
pub enum DecisionRef<'a> {
    /// A paragraph.
    Item(AgendaItemRef<'a>),
    /// A document.
    Paper(PaperRef<'a>),
}

fn decision_ref(site: &Site, r: Ref) -> DecisionRef<'_> {
    match r {
        Ref::Item(i) => DecisionRef::Item(item_ref(site, i)),
        Ref::Document(d) => DecisionRef::Paper(paper_ref(site, d)),
    }
}

/// A name as written, with the person it resolved to.
#[derive(Serialize)]
pub struct Named<'a> {
    function: Option<&'a str>,
    name: &'a str,
    party: Option<&'a str>,
    person: Option<PersonRef<'a>>,
}

/// The name `n` as written.
pub fn named<'a>(site: &'a Site, n: &'a names::Named) -> Named<'a> {
    let w = &n.written;
    Named {
        function: Some(w.function.as_str()).filter(|f| !f.is_empty()),
        name: &w.name,
        party: w.party.as_deref(),
        person: n.person.map(|p| person_ref(site, p)),
    }
}

/// A signature.
#[derive(Serialize)]
pub struct Signature<'a> {
    method: Option<&'a str>,
    role: Option<&'a str>,
    signer: Named<'a>,
    time: Option<&'a str>,
}

/// The signature `s`.
pub fn signature<'a>(site: &'a Site, s: &'a names::Signature) -> Signature<'a> {
    Signature {
        method: s.method.as_deref(),
        role: s.role.as_deref(),
        signer: named(site, &s.who),
        time: s.time.as_deref(),
    }
}

/// A membership (OParl Membership).
#[derive(Serialize)]
pub struct Membership<'a> {
    anteckning: Option<&'a str>,
    beslut: Option<DecisionRef<'a>>,
    #[serde(rename = "endDate")]
    end_date: Option<Date>,
    ersattare_for: Option<PersonRef<'a>>,
    kommun: Option<&'a str>,
    organization: OrganRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parti: Option<&'a str>,
    person: PersonRef<'a>,
    role: &'a str,
    #[serde(rename = "startDate")]
    start_date: Option<Date>,
    r#type: &'static str,
    #[serde(rename = "votingRight")]
    voting_right: bool,
}

/// Membership `i`.
pub fn membership(site: &Site, i: usize) -> Membership<'_> {
    let m = &site.memberships[i];
    Membership {
        anteckning: m.note.as_deref(),
        beslut: m.decision.map(|d| decision_ref(site, d)),
        end_date: m.to,
        ersattare_for: m.substitute_for.map(|p| person_ref(site, p)),
        kommun: m.kommun.as_deref(),
        organization: organ_ref(site, m.organ),
        parti: m.party.as_deref(),
        person: person_ref(site, m.person),
        role: m.role.text(),
        start_date: m.from,
        r#type: "Membership",
        voting_right: m.role.votes(),
    }
}
