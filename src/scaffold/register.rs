//! `protokoll register --unknown`: ready-to-edit register entries for every name of the content
//! that the register does not know, with the party and municipality as printed and where each is
//! written, in a file of its own to review. The register is never touched: nothing is overwritten
//! or reordered, and no two names are merged into one person (a name that may be another spelling
//! of a registered person, or of another unknown name, says so in a comment instead).

use super::NewError;
use crate::markup::ids;
use crate::model::names::name_key;
use crate::reading::diagnostic::line_col;
use crate::reading::{config, load};
use crate::resolve::{UnknownName, same_person, unknown_names};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The review file's default name, at the site root (outside `content/`, so it is not read until
/// its entries are moved into the register).
pub const DEFAULT_FILE: &str = "nya-personer.toml";

/// What [`unknown`] wrote.
#[derive(Debug)]
pub struct Review {
    /// The file written (None: every name is known, nothing written).
    pub path: Option<PathBuf>,
    /// Entries written (one per name as written).
    pub entries: usize,
    /// Places the names are written at.
    pub places: usize,
}

/// One entry to write: a name as written and everything printed with it.
struct Entry {
    name: String,
    places: Vec<String>,
    parties: Vec<String>,
    kommuner: Vec<String>,
    titles: Vec<String>,
}

/// Writes entries for every unknown name of the site at `root` into `output` (default
/// [`DEFAULT_FILE`] at the root); refuses to replace an existing file.
pub fn unknown(root: &Path, output: Option<&Path>) -> Result<Review, NewError> {
    let path = output.map_or_else(|| root.join(DEFAULT_FILE), Path::to_path_buf);
    if path.exists() {
        return Err(NewError::Exists(format!(
            "{} exists: review it and move its entries into content/register/ (or remove it) \
             first, \
             or write to another file with --output",
            path.display()
        )));
    }
    let cfg =
        config::load(root).map_err(|d| NewError::Site(crate::BuildError::Content(vec![d])))?;
    let loaded = load::load(root, &cfg).map_err(|mut d| {
        crate::reading::diagnostic::sort(&mut d);
        NewError::Site(crate::BuildError::Content(d))
    })?;
    let (found, registered) = unknown_names(cfg, &loaded.files);
    let texts: Vec<(&Path, &str)> = loaded
        .files
        .iter()
        .map(|f| (f.path.as_path(), f.text.as_str()))
        .collect();
    let registered_ids: Vec<String> = registered.iter().map(|s| ids::slug(s)).collect();
    let entries = entries(&found, &texts);
    let places = entries.iter().map(|e| e.places.len()).sum();
    if entries.is_empty() {
        return Ok(Review {
            path: None,
            entries: 0,
            places: 0,
        });
    }
    let text = review_text(&entries, &registered, &registered_ids);
    super::write_new(Path::new(""), &path, &text)?;
    Ok(Review {
        path: Some(path),
        entries: entries.len(),
        places,
    })
}

/// The municipality a function as printed names: "Vimmerby kommun" → "Vimmerby",
/// "Oskarshamns kommun" → "Oskarshamn" (a genitive s after a consonant is dropped; Torsås keeps
/// its s).
fn kommun_in(function: &str) -> Option<String> {
    function.split(',').map(str::trim).find_map(|part| {
        let (name, rest) = part.rsplit_once(' ')?;
        if !rest.eq_ignore_ascii_case("kommun") || name.is_empty() || name.contains(' ') {
            return None;
        }
        let mut chars = name.chars().rev();
        let genitive = chars.next() == Some('s')
            && chars
                .next()
                .is_some_and(|c| c.is_alphabetic() && !"aeiouyåäöAEIOUYÅÄÖ".contains(c));
        Some(if genitive {
            name[..name.len() - 1].to_string()
        } else {
            name.to_string()
        })
    })
}

/// The unknown names grouped by spelling (case and Unicode form aside), in order of first use.
fn entries(found: &[UnknownName], texts: &[(&Path, &str)]) -> Vec<Entry> {
    let mut out: Vec<(String, Entry)> = Vec::new();
    for u in found {
        let key = name_key(&u.written.name);
        let i = match out.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                out.push((
                    key,
                    Entry {
                        name: u.written.name.clone(),
                        places: Vec::new(),
                        parties: Vec::new(),
                        kommuner: Vec::new(),
                        titles: Vec::new(),
                    },
                ));
                out.len() - 1
            }
        };
        let e = &mut out[i].1;
        let text = texts.iter().find(|(p, _)| *p == u.path).map_or("", |x| x.1);
        let (line, col) = line_col(text, u.offset);
        let place = format!("{}:{line}:{col}", u.path.display()).replace('\\', "/");
        if !e.places.contains(&place) {
            e.places.push(place);
        }
        let add = |list: &mut Vec<String>, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty())
                && !list.contains(&v)
            {
                list.push(v);
            }
        };
        add(&mut e.parties, u.written.party.clone());
        let kommun = u.kommun.clone().or_else(|| kommun_in(&u.written.function));
        add(&mut e.kommuner, kommun);
        let title =
            crate::reading::vocabulary::attendance::title_of(&u.written.function).to_string();
        let is_kommun = kommun_in(&title).is_some();
        let is_role = crate::reading::vocabulary::attendance::role_of(&title).is_some();
        add(&mut e.titles, (!is_kommun && !is_role).then_some(title));
    }
    out.into_iter().map(|(_, e)| e).collect()
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The review file: a note on what to do, then one `[[person]]` per entry with comments.
fn review_text(entries: &[Entry], registered: &[String], registered_ids: &[String]) -> String {
    let mut t = String::from(
        "# Register entries for the names the register does not know, written by\n\
         # `protokoll register --unknown` from what the content prints. Nothing here is read by \
         the\n\
         # build until you move it into a file under content/register/. Review each entry first:\n\
         # - a name that is another spelling of a registered person belongs in that person's \
         `alias`\n\
         #   (the notes say where a spelling is close to one), not in a new entry;\n\
         # - two entries may be one person written two ways: keep one and make the other its \
         alias;\n\
         # - one entry may be two people of the same name: give each its own `id`.\n\
         # Lines starting with # are notes; they are never published.\n",
    );
    let mut ids: Vec<String> = registered_ids.to_vec();
    for (i, e) in entries.iter().enumerate() {
        let _ = write!(t, "\n# {}: written at {}", e.name, e.places[0]);
        if e.places.len() > 1 {
            let _ = write!(t, " and {} more place(s)", e.places.len() - 1);
        }
        t.push('\n');
        if let Some(s) = same_person(&e.name, registered.iter().map(String::as_str)) {
            let _ = writeln!(
                t,
                "# close to the registered \"{s}\": if it is the same person, add \
                    this spelling to its alias"
            );
        }
        let earlier = entries[..i].iter().map(|x| x.name.as_str());
        if let Some(s) = same_person(&e.name, earlier) {
            let _ = writeln!(t, "# close to \"{s}\" above: one person, or two?");
        }
        if e.parties.len() > 1 {
            let _ = writeln!(
                t,
                "# printed with the parties ({}): two people, or a change of party \
                    ([[person.tidigare_parti]])?",
                e.parties.join("), (")
            );
        }
        t.push_str("[[person]]\n");
        let _ = writeln!(t, "namn = {}", quote(&e.name));
        let mut id = ids::slug(&e.name);
        if ids.contains(&id) {
            let base = id.clone();
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let _ = writeln!(
                t,
                "id = {}   # \"{base}\" is taken by another person",
                quote(&id)
            );
        }
        ids.push(id);
        match e.parties.first() {
            Some(p) => {
                let _ = writeln!(t, "parti = {}", quote(p));
            }
            None => t.push_str("# parti = \"\"\n"),
        }
        match e.kommuner.first() {
            Some(k) => {
                let _ = writeln!(t, "kommun = {}", quote(k));
            }
            None => t.push_str("# kommun = \"\"\n"),
        }
        if let Some(title) = e.titles.first() {
            let _ = writeln!(
                t,
                "# titel = {}   # as printed after the name",
                quote(title)
            );
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_municipality_is_read_from_the_function_printed() {
        assert_eq!(kommun_in("Vimmerby kommun").as_deref(), Some("Vimmerby"));
        assert_eq!(
            kommun_in("ordförande, Oskarshamns kommun").as_deref(),
            Some("Oskarshamn")
        );
        assert_eq!(kommun_in("Torsås kommun").as_deref(), Some("Torsås"));
        assert_eq!(kommun_in("Region Kalmar län"), None);
        assert_eq!(kommun_in("kommun"), None);
    }
}
