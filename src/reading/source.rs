//! The front matter of every kind of content file and of the registers, exactly as publishers write
//! it. Every struct is strict (`deny_unknown_fields`); references stay `Spanned` so later passes
//! can point at them.

use crate::model::date::{Date, Time};
use crate::model::kinds::DocumentKind;
use serde::Deserialize;
use toml::Spanned;

/// A TOML string with its position in the front matter.
pub type S = Spanned<String>;

/// A register file: any mix of organisations, organs and people.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    /// Organisations that publish or are named.
    #[serde(default)]
    pub organisation: Vec<OrganisationRec>,
    /// Bodies (organ) of the organisations.
    #[serde(default)]
    pub organ: Vec<OrganRec>,
    /// People.
    #[serde(default)]
    pub person: Vec<PersonRec>,
}

/// `[[organisation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRec {
    /// URL id.
    pub id: S,
    /// Full name.
    pub namn: String,
    /// Kind: kommunalförbund, kommun, region, myndighet …
    pub typ: Option<String>,
    /// Organisation number.
    pub orgnr: Option<String>,
    /// The municipality this organisation is, if it is one.
    pub kommun: Option<String>,
    /// Its own website, shown as text.
    pub webbplats: Option<String>,
    /// Whether its organs' justerade protokoll go on the notice board (`/anslagstavla/`); default
    /// on for `kommun` and `region`, off otherwise.
    pub anslagstavla: Option<bool>,
    /// Where its protokoll are kept, shown on the notice board.
    pub forvaringsplats: Option<String>,
    /// The court that hears appeals (laglighetsprövning), e.g. "Förvaltningsrätten i Växjö".
    pub forvaltningsratt: Option<String>,
}

/// `[[organ]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganRec {
    /// URL id, the first segment of its meetings' URLs.
    pub id: S,
    /// Full name.
    pub namn: String,
    /// Short name for lists.
    pub kortnamn: Option<String>,
    /// The organisation id it belongs to.
    pub organisation: S,
    /// Kind: styrelse, förbundsmöte …
    pub typ: Option<String>,
    /// Markdown description.
    pub beskrivning: Option<S>,
    /// Where this organ's protokoll are kept, if not where the organisation's are.
    pub forvaringsplats: Option<String>,
}

/// `[[person]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRec {
    /// Canonical name.
    pub namn: S,
    /// URL id; derived from the name when absent.
    pub id: Option<S>,
    /// Other spellings found in documents.
    #[serde(default)]
    pub alias: Vec<S>,
    /// Party code.
    pub parti: Option<S>,
    /// Municipality represented.
    pub kommun: Option<S>,
    /// Employer (organisation id), for officials.
    pub organisation: Option<S>,
    /// Function, for officials.
    pub titel: Option<String>,
    /// Memberships.
    #[serde(default)]
    pub uppdrag: Vec<UppdragRec>,
    /// Earlier parties, each with its period.
    #[serde(default)]
    pub tidigare_parti: Vec<FormerPartyRec>,
}

/// `[[person.tidigare_parti]]`: a party the person had for a time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerPartyRec {
    /// The party code.
    pub parti: S,
    /// The first day, when known.
    pub fran: Option<Date>,
    /// The last day.
    pub till: Date,
}

/// `[[person.uppdrag]]`: a membership.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UppdragRec {
    /// Organ id.
    pub organ: S,
    /// Role.
    pub roll: S,
    /// Start date.
    pub fran: Option<Date>,
    /// End date.
    pub till: Option<Date>,
    /// Whom a personlig ersättare replaces.
    pub ersattare_for: Option<S>,
    /// Municipality the seat represents.
    pub kommun: Option<String>,
    /// The party the seat was held for in this term.
    pub parti: Option<S>,
    /// The decision that made it: `organ/datum/nr` or `dokument/id`.
    pub beslut: Option<S>,
    /// Free note.
    pub anteckning: Option<String>,
}

/// Only `typ`, read first to choose the real struct.
#[derive(Debug, Deserialize)]
pub struct Kind {
    /// The kind of file.
    pub typ: Option<S>,
}

/// `[[underskrift]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureRec {
    /// Who signed, as written.
    pub namn: S,
    /// In what role.
    pub roll: Option<String>,
    /// When, as printed.
    pub tid: Option<String>,
    /// How (e.g. Svenskt BankID).
    pub metod: Option<String>,
}

/// `[narvaro]` of a protokoll.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRec {
    /// Members with a vote.
    #[serde(default)]
    pub beslutande: Vec<S>,
    /// Substitutes who served.
    #[serde(default)]
    pub tjanstgorande_ersattare: Vec<S>,
    /// Substitutes present but not serving.
    #[serde(default)]
    pub ej_tjanstgorande: Vec<S>,
    /// Others present (officials, guests).
    #[serde(default)]
    pub ovriga: Vec<S>,
    /// Registered participants (conferences).
    #[serde(default)]
    pub anmalda: Vec<S>,
    /// Members who were not there (frånvarande, anmält förhinder).
    #[serde(default)]
    pub franvarande: Vec<S>,
    /// Further groups with the heading the paper prints (suppleanter, adjungerade, tjänstemän …).
    #[serde(default)]
    pub grupp: Vec<GroupRec>,
}

/// `[[narvaro.grupp]]`: an attendance group with its printed heading.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRec {
    /// The heading as printed ("Anmält förhinder", "Suppleanter", "Tjänstemän").
    pub rubrik: S,
    /// What the group is: a key of `[narvaro]`; read from the heading when it is a usual one.
    pub slag: Option<S>,
    /// The names, as written.
    #[serde(default)]
    pub namn: Vec<S>,
}

/// `[[dag]]`: one day of a meeting over several days.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayRec {
    /// The date.
    pub datum: Spanned<Date>,
    /// Start that day.
    pub start: Option<Time>,
    /// End that day.
    pub slut: Option<Time>,
    /// Place that day, when it differs.
    pub plats: Option<String>,
    /// The paragraphs of the day, "§§ 74-88".
    pub paragrafer: Option<S>,
}

/// `[[utelamnad]]`: a paragraph number left out on purpose.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmittedRec {
    /// The number, "33".
    pub paragraf: S,
    /// Why, as printed.
    pub skal: String,
}

/// One name, or a list of names (`ordforande`): each with its position.
#[derive(Debug, Default)]
pub struct NameList(pub Vec<S>);

impl<'de> Deserialize<'de> for NameList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NameList, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Vec<S>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name, or a list of names")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                // The caller gives a lone name the position of the whole value.
                Ok(vec![Spanned::new(0..0, v.to_string())])
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<S>()? {
                    out.push(s);
                }
                Ok(out)
            }
        }
        d.deserialize_any(Visitor).map(NameList)
    }
}

/// `ordforande`: one name or a list, each name at its own position (a lone name at the value's).
pub fn name_list(v: &Option<Spanned<NameList>>) -> Vec<S> {
    let Some(v) = v else {
        return Vec::new();
    };
    v.get_ref()
        .0
        .iter()
        .map(|s| {
            if s.span() == (0..0) {
                Spanned::new(v.span(), s.get_ref().clone())
            } else {
                s.clone()
            }
        })
        .collect()
}

/// Front matter of `typ = "protokoll"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtokollFm {
    /// Always "protokoll".
    pub typ: String,
    /// Organ id.
    pub organ: S,
    /// Meeting date.
    pub datum: Date,
    /// Start time.
    pub start: Option<Time>,
    /// End time.
    pub slut: Option<Time>,
    /// Place.
    pub plats: Option<String>,
    /// Title as printed.
    pub rubrik: Option<String>,
    /// Who chaired: one name, or several each with the paragraphs chaired ("… § 74-88").
    pub ordforande: Option<Spanned<NameList>>,
    /// Secretary.
    pub sekreterare: Option<S>,
    /// Justerare: the members who check and sign the minutes with the chair.
    #[serde(default)]
    pub justerare: Vec<S>,
    /// The day it was justerat.
    pub justerad: Option<Date>,
    /// "§§ 28-35" as printed; checked.
    pub paragrafer: Option<S>,
    /// Attendance.
    #[serde(default)]
    pub narvaro: AttendanceRec,
    /// Signature block.
    #[serde(default)]
    pub underskrift: Vec<SignatureRec>,
    /// The day the justering was announced on the notice board; defaults to `justerad`.
    pub anslagen: Option<Date>,
    /// Corrections made after the protokoll was justerat, oldest first.
    #[serde(default)]
    pub rattelse: Vec<RattelseRec>,
    /// The publisher's word that the protokoll is justerat: `true` seals it in the ledger.
    pub justerat: Option<Spanned<bool>>,
    /// Which sitting of the organ that day (2 for an extra sammanträde after the first).
    pub sammantrade: Option<Spanned<u8>>,
    /// The days of a meeting over several days.
    #[serde(default)]
    pub dag: Vec<DayRec>,
    /// Paragraph numbers left out on purpose.
    #[serde(default)]
    pub utelamnad: Vec<OmittedRec>,
    /// Justeringens plats, as printed.
    pub justeringsplats: Option<String>,
    /// Justeringens tid (the clock time; the date is `justerad`).
    pub justeringstid: Option<Time>,
    /// The day the anslag comes down, as printed (datum för anslags nedtagande).
    pub nedtagen: Option<Date>,
    /// Where this protokoll is kept, as printed (förvaringsplats).
    pub forvaringsplats: Option<String>,
    /// Who certified the anslag, as written.
    pub intygat_av: Option<S>,
    /// Files attached to the meeting (`"Titel (fil.pdf)"` or `"fil.pdf"`, beside this file).
    #[serde(default)]
    pub bilagor: Vec<S>,
}

impl ProtokollFm {
    /// The sitting of the day (1 unless written; 0, an error, counts as 1).
    pub fn sitting(&self) -> u8 {
        self.sammantrade
            .as_ref()
            .map_or(1, |s| (*s.get_ref()).max(1))
    }
}

impl KallelseFm {
    /// The sitting of the day (1 unless written; 0, an error, counts as 1).
    pub fn sitting(&self) -> u8 {
        self.sammantrade
            .as_ref()
            .map_or(1, |s| (*s.get_ref()).max(1))
    }
}

/// `[[rattelse]]`: a correction of a justerat protokoll, shown in its correction log.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RattelseRec {
    /// When the correction was made.
    pub datum: Date,
    /// Why (skäl).
    pub skal: String,
    /// What changed (ändring), e.g. "§ 30: Gustafsson rättat till Gustavsson".
    pub andring: String,
    /// Optional: the paragraph number the correction concerns.
    pub paragraf: Option<S>,
}

/// `[sandlista]` of a kallelse.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendListRec {
    /// Heading.
    pub rubrik: Option<String>,
    /// Headings of the two name columns.
    #[serde(default)]
    pub kolumner: Vec<String>,
    /// One row per municipality.
    #[serde(default)]
    pub rad: Vec<SendRowRec>,
}

/// `[[sandlista.rad]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendRowRec {
    /// Municipality.
    pub kommun: String,
    /// Members (first column).
    #[serde(default)]
    pub ordinarie: Vec<S>,
    /// Substitutes (second column).
    #[serde(default)]
    pub ersattare: Vec<S>,
}

/// Front matter of `typ = "kallelse"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KallelseFm {
    /// Always "kallelse".
    pub typ: String,
    /// Organ id.
    pub organ: S,
    /// Meeting date.
    pub datum: Date,
    /// Start time.
    pub start: Option<Time>,
    /// End time.
    pub slut: Option<Time>,
    /// Place.
    pub plats: Option<String>,
    /// Date printed on the notice.
    pub utfardad: Option<Date>,
    /// Title as printed.
    pub rubrik: Option<String>,
    /// Who sent it.
    #[serde(default)]
    pub undertecknad: Vec<S>,
    /// The distribution list.
    pub sandlista: Option<SendListRec>,
    /// The meeting is cancelled (inställt).
    pub installt: Option<Spanned<bool>>,
    /// Which sitting of the organ that day (2 for an extra sammanträde after the first).
    pub sammantrade: Option<Spanned<u8>>,
    /// The days of a meeting over several days.
    #[serde(default)]
    pub dag: Vec<DayRec>,
    /// Files attached to the meeting (`"Titel (fil.pdf)"` or `"fil.pdf"`, beside this file).
    #[serde(default)]
    pub bilagor: Vec<S>,
}

/// Front matter of every document kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFm {
    /// The document kind.
    #[serde(deserialize_with = "document_kind")]
    pub typ: DocumentKind,
    /// URL id.
    pub id: S,
    /// Title.
    pub titel: String,
    /// Date of the document.
    pub datum: Option<Date>,
    /// Year covered (reports).
    pub ar: Option<i32>,
    /// Issuing organisation id.
    pub organisation: Option<S>,
    /// Organ id.
    pub organ: Option<S>,
    /// Case numbers.
    #[serde(default)]
    pub dnr: Vec<S>,
    /// Meeting `organ/datum` where it was handled.
    pub mote: Option<S>,
    /// Agenda item number at that meeting.
    pub punkt: Option<S>,
    /// Decision `organ/datum/nr` that adopted it.
    pub antagen: Option<S>,
    /// Authors, as written.
    #[serde(default)]
    pub forfattare: Vec<S>,
    /// Signatures.
    #[serde(default)]
    pub underskrift: Vec<SignatureRec>,
}

/// Front matter of `typ = "sida"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFm {
    /// Always "sida".
    pub typ: String,
    /// URL id.
    pub id: S,
    /// Title.
    pub titel: String,
    /// One-line description.
    pub beskrivning: Option<String>,
}

/// A document kind from its key (load has checked it before the front matter is read).
fn document_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DocumentKind, D::Error> {
    let key = String::deserialize(d)?;
    DocumentKind::from_key(&key)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown typ \"{key}\"")))
}
