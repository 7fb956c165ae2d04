//! `protokoll init`: a new site that builds and passes `check` as it is: `protokoll.toml` with
//! every setting (the unused ones as comments), a register with the organisation and its organs
//! and a commented example of a person, the accessibility statement with the parts the law asks
//! for, and a `.gitignore` for the output. Nothing that exists is replaced: if any of the files
//! is there already, nothing is written.

use super::NewError;
use super::quote::q;
use crate::markup::ids;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `init` is told.
#[derive(Debug, Clone, Default)]
pub struct InitArgs {
    /// The publishing organisation's name ("Kommunförbundet Kalmar län").
    pub organisation: Option<String>,
    /// The organs that meet ("Styrelsen", "Förbundsmötet"); one "Styrelsen" when none is given.
    pub organs: Vec<String>,
    /// The address the site is published at.
    pub bas_url: Option<String>,
    /// The e-mail address readers reach the publisher at about the accessibility statement.
    pub epost: Option<String>,
}

/// What `init` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialized {
    /// The files written, relative to the site root.
    pub files: Vec<PathBuf>,
    /// The organs' ids, for `protokoll new meeting --organ`.
    pub organs: Vec<String>,
}

/// The organisation's name when none is given.
const PLACEHOLDER_ORGANISATION: &str = "Organisationens namn";

/// The address written when none is given (the example domain of the Swedish registry).
const PLACEHOLDER_URL: &str = "https://example.se";

/// Writes a new site into `dir` (made if missing).
pub fn init(dir: &Path, args: &InitArgs) -> Result<Initialized, NewError> {
    let organisation = args
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(PLACEHOLDER_ORGANISATION);
    let org_id = id_of(organisation, "--organisation")?;
    let organ_names: Vec<&str> = if args.organs.is_empty() {
        vec!["Styrelsen"]
    } else {
        args.organs.iter().map(|s| s.trim()).collect()
    };
    let mut organs = Vec::new();
    for name in &organ_names {
        let id = id_of(name, "--organ")?;
        if organs.iter().any(|(i, _)| *i == id) {
            return Err(NewError::Argument(
                format!("two organs would have the id \"{id}\""),
                Some("give each organ a name of its own".into()),
            ));
        }
        organs.push((id, *name));
    }
    let url = args.bas_url.as_deref().unwrap_or(PLACEHOLDER_URL);
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(NewError::Argument(
            format!("--bas-url \"{url}\" must start with https:// (or http://)"),
            None,
        ));
    }
    let files: Vec<(PathBuf, String)> = vec![
        (
            "protokoll.toml".into(),
            settings(organisation, &org_id, url, args.epost.as_deref()),
        ),
        (
            "content/register/register.toml".into(),
            register(organisation, &org_id, &organs),
        ),
        ("content/om-webbplatsen.md".into(), statement(organisation)),
        (".gitignore".into(), "/public/\n/nya-personer.toml\n".into()),
    ];
    // All or nothing: a half-made site is worse than a clear refusal.
    let taken: Vec<String> = files
        .iter()
        .filter(|(rel, _)| dir.join(rel).exists())
        .map(|(rel, _)| rel.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(NewError::Exists(format!(
            "{} is a site already ({} exists)",
            dir.display(),
            taken.join(", ")
        )));
    }
    for (rel, text) in &files {
        super::write_new(dir, rel, text)?;
    }
    Ok(Initialized {
        files: files.into_iter().map(|(rel, _)| rel).collect(),
        organs: organs.into_iter().map(|(id, _)| id).collect(),
    })
}

/// The URL id of a name, or an argument error naming the flag it came from.
fn id_of(name: &str, flag: &str) -> Result<String, NewError> {
    let id = ids::slug(name);
    if id.is_empty() {
        return Err(NewError::Argument(
            format!("{flag} \"{name}\" has no letters or digits to make an id of"),
            None,
        ));
    }
    Ok(id)
}

/// `protokoll.toml`: the settings in use, then every other one as a comment.
fn settings(organisation: &str, org_id: &str, url: &str, epost: Option<&str>) -> String {
    let mut t = String::from(
        "# The site's settings. Lines starting with # are notes; remove the # to use a setting.\n",
    );
    let _ = writeln!(t, "titel = {}", q(&format!("Protokoll – {organisation}")));
    let _ = writeln!(
        t,
        "beskrivning = {}",
        q(&format!(
            "Kallelser, protokoll, beslut och handlingar från {organisation}"
        ))
    );
    let _ = writeln!(t, "organisation = {}", q(org_id));
    t.push_str(
        "\n# The address the site is published at, also under a path of a larger site.\n\
         # Feeds, calendars and the sitemap carry it. Change it before you publish.\n",
    );
    let _ = writeln!(t, "bas_url = {}", q(url));
    t.push_str(
        "\n# How readers reach you about the accessibility statement (content/om-webbplatsen.md\n\
         # shows it, with Digg's reporting link): an e-mail address, a phone number or a form, \
         and\n\
         # the day the statement was last reviewed. The law (2018:1937) asks for at least one.\n",
    );
    match epost {
        Some(e) => {
            let _ = writeln!(t, "tillganglighet = {{ epost = {} }}", q(e));
        }
        None => t.push_str(
            "# tillganglighet = { epost = \"registrator@example.se\", telefon = \"0123-45 67 89\", \
             granskad = \"2026-01-01\" }\n",
        ),
    }
    t.push_str(
        "\n# Your own theme under themes/<name>/ (the built-in one is \"default\"). Single\n\
         # templates and static files can also be replaced from templates/ and static/.\n\
         # tema = \"default\"\n\
         \n\
         # The largest content file and the largest bilaga accepted.\n\
         # max_filstorlek = \"8 MB\"\n\
         # max_bilagestorlek = \"50 MB\"\n\
         \n\
         # Your minutes' own words, beyond those the tool knows (docs/FORMAT.md, \"ordlista\").\n\
         # [ordlista]\n\
         # beslut = [\"Ställningstagande\"]        # more headings that mark a decision\n\
         # utan_nummer = [\"Allmänhetens frågor\"]  # more items printed without a number\n",
    );
    t
}

/// The register: the organisation, its organs and how to add people.
fn register(organisation: &str, org_id: &str, organs: &[(String, &str)]) -> String {
    let mut t = String::from(
        "# The register: the organisation, its organs and the people of the minutes.\n\
         # Names in kallelser and protokoll are looked up here (docs/FORMAT.md, \"register\").\n\n",
    );
    let _ = writeln!(
        t,
        "[[organisation]]\nid = {}\nnamn = {}\n# typ = \"kommun\"            # or region, \
         kommunalförbund, förening …\n\
         # forvaringsplats = \"Kansliet\"   # where the signed minutes are kept\n\
         # anslagstavla = true            # publishes the notice board of justerade protokoll",
        q(org_id),
        q(organisation)
    );
    for (id, name) in organs {
        let _ = writeln!(
            t,
            "\n[[organ]]\nid = {}\nnamn = {}\norganisation = {}",
            q(id),
            q(name),
            q(org_id)
        );
    }
    let first = &organs[0].0;
    let _ = writeln!(
        t,
        "\n# Add each member like this (remove the #); `protokoll new meeting` then fills the\n\
         # sändlista, and `protokoll register --unknown` writes entries for names in the minutes.\n\
         # [[person]]\n# namn = \"Anna Andersson\"\n# parti = \"S\"\n#\n# [[person.uppdrag]]\n\
         # organ = {}\n# roll = \
         \"ordförande\"    # ledamot, ersättare, vice ordförande, sekreterare …\n\
         # fran = 2025-01-01",
        q(first)
    );
    t
}

/// The accessibility statement: the parts lagen (2018:1937) and Digg's model statement ask for,
/// with the places the organisation fills in marked. The page template adds the contact of
/// `[tillganglighet]` and Digg's reporting link below it.
fn statement(organisation: &str) -> String {
    let mut t = String::from(
        "+++\ntyp = \"sida\"\nid = \"om-webbplatsen\"\ntitel = \"Om webbplatsen\"\n\
         beskrivning = \"Om webbplatsen och tillgänglighetsredogörelse\"\n+++\n",
    );
    let _ = write!(
        t,
        "<!-- Fill in the places in [brackets] and keep the statement up to date: the law asks for \
         a\n\
         review at least once a year. -->\n\n\
         Den här webbplatsen publicerar {organisation}s kallelser, protokoll, beslut och \
         handlingar.\n\n\
         ## Tillgänglighetsredogörelse\n\n\
         {organisation} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna \
         använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om \
         tillgänglighet \
         till digital offentlig service, kända tillgänglighetsproblem och hur du kan rapportera \
         brister \
         till oss.\n\n\
         ### Hur tillgänglig är webbplatsen?\n\n\
         Webbplatsen är byggd för att uppfylla WCAG 2.1 nivå AA. [Beskriv här om den uppfyller \
         kraven \
         helt eller delvis.]\n\n\
         ### Kända brister\n\n\
         [Beskriv innehåll som inte är tillgängligt och varför, till exempel handlingar som bara \
         finns \
         som inskannade PDF-filer.]\n\n\
         ### Vad kan du göra om du inte kan använda delar av webbplatsen?\n\n\
         Om du behöver innehåll som inte är tillgängligt för dig, eller upptäcker problem som inte \
         beskrivs här, kontakta oss (kontaktuppgifterna står nedan) så försöker vi hjälpa dig.\n\n\
         ### Hur vi testat webbplatsen\n\n\
         [Beskriv hur och när webbplatsen granskades.] Redogörelsen uppdaterades senast [datum].\n"
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_ids_come_from_their_names_and_clash_clearly() {
        let t = tempfile::tempdir().unwrap();
        let args = InitArgs {
            organisation: Some("Hultsbo kommun".into()),
            organs: vec!["Kommunstyrelsen".into(), "Kommunfullmäktige".into()],
            bas_url: None,
            epost: None,
        };
        let done = init(t.path(), &args).unwrap();
        assert_eq!(done.organs, ["kommunstyrelsen", "kommunfullmaktige"]);
        let twice = InitArgs {
            organs: vec!["Styrelsen".into(), "styrelsen".into()],
            ..args
        };
        let e = init(&t.path().join("b"), &twice).unwrap_err();
        assert!(
            e.to_string().contains("two organs would have the id"),
            "{e}"
        );
    }

    #[test]
    fn a_second_init_writes_nothing() {
        let t = tempfile::tempdir().unwrap();
        init(t.path(), &InitArgs::default()).unwrap();
        std::fs::remove_file(t.path().join(".gitignore")).unwrap();
        let e = init(t.path(), &InitArgs::default()).unwrap_err();
        assert!(e.to_string().contains("is a site already"), "{e}");
        assert!(!t.path().join(".gitignore").exists());
    }
}
