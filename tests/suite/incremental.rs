//! `serve`'s incremental rebuild: after each kind of edit, the output it leaves is byte-identical
//! to a fresh full build of the same content (but for `sok/tantivy/`, whose segment ids are
//! random).

use protokoll::serve::incremental::{self, Incremental};
#[allow(dead_code)]
use protokoll::{Build, Mode};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every output file but the tantivy index, and the manifest without its lines.
pub(crate) fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
        if e.file_type().is_dir() {
            out.insert(rel.join("(folder)"), Vec::new());
            continue;
        }
        if rel.starts_with("sok/tantivy") {
            continue;
        }
        let mut bytes = std::fs::read(e.path()).unwrap();
        if rel == Path::new("manifest-sha256.txt") {
            let text = String::from_utf8(bytes).unwrap();
            bytes = text
                .lines()
                .filter(|l| !l.contains("  sok/tantivy/"))
                .flat_map(|l| [l, "\n"])
                .collect::<String>()
                .into_bytes();
        }
        out.insert(rel, bytes);
    }
    out
}

pub(crate) fn assert_same(what: &str, a: &Path, b: &Path) {
    let (x, y) = (tree(a), tree(b));
    let only_a: Vec<_> = x.keys().filter(|k| !y.contains_key(*k)).collect();
    let only_b: Vec<_> = y.keys().filter(|k| !x.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: only incremental {only_a:?}, only full {only_b:?}"
    );
    let differ: Vec<_> = x.keys().filter(|k| x[*k] != y[*k]).collect();
    assert!(differ.is_empty(), "{what}: files differ: {differ:?}");
}

struct Site {
    _t: tempfile::TempDir,
    root: PathBuf,
    inc: Incremental,
}

impl Site {
    fn new() -> Site {
        let sentences =
            crate::corpus::text::Sentences::from_content(&crate::common::repo().join("content"))
                .unwrap();
        let c = crate::corpus::generate(20, 7, &sentences);
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        crate::corpus::site::write(&c, &root).unwrap();
        // A document that belongs to its meeting by `mote` alone (no agenda item lists it).
        std::fs::write(
            root.join(ATTACHED),
            format!(
                "+++\ntyp = \"beslut\"\nid = \"beslut-fran-lansstyrelsen\"\ntitel \
                    = \"Beslut från Länsstyrelsen\"\nmote = \
                    \"{}\"\n+++\nLänsstyrelsen har beslutat.\n",
                c.meeting_key(0)
            ),
        )
        .unwrap();
        let (_, inc) = incremental::full_build(&opts(&root, "preview")).unwrap();
        Site {
            _t: t,
            root,
            inc: inc.expect("the state of the first build"),
        }
    }

    /// Edits `rel` with `f`, rebuilds incrementally and compares with a full build.
    fn edit(&mut self, what: &str, rel: &str, f: impl Fn(&str) -> String) {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let changed = f(&text);
        assert_ne!(changed, text, "{what}: the edit changes nothing");
        std::fs::write(&path, changed).unwrap();
        let update = match self.inc.update(&[PathBuf::from(rel)]) {
            Ok(Ok(u)) => u,
            Ok(Err(e)) => panic!("{what}: {e}"),
            Err(e) => panic!("{what}: not incremental: {e:?}"),
        };
        let exports = self.inc.exports().unwrap();
        self.inc.apply_exports(exports).unwrap();
        let fresh = opts(&self.root, "fresh");
        let (full, _) = incremental::full_build(&fresh).unwrap();
        assert_same(what, &opts(&self.root, "preview").output, &fresh.output);
        // One file's edit shows on a small part of the site (here at most 50 of 795 pages).
        assert!(
            update.pages * 10 < full.pages,
            "{what}: {} of {} pages rendered again",
            update.pages,
            full.pages
        );
    }
}

/// The document of [`Site::new`] that belongs to a meeting by `mote` alone.
const ATTACHED: &str = "content/dokument/beslut-fran-lansstyrelsen.md";

fn opts(root: &Path, out: &str) -> Build {
    Build::new(root, root.parent().unwrap().join(out), Mode::Preview)
}

/// A held meeting's protokoll with a paragraph that has a Dnr, relative to the root.
fn protokoll(root: &Path) -> String {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "protokoll.md"))
        .collect();
    files.sort();
    let p = files
        .into_iter()
        .find(|p| {
            let t = std::fs::read_to_string(p).unwrap();
            t.contains("\nDnr: ") && t.contains("tjanstgorande_ersattare = []")
        })
        .expect("a protokoll to edit");
    p.strip_prefix(root).unwrap().display().to_string()
}

/// A justerat protokoll of a municipality's organ (kept on the notice board), relative to the root.
fn board_protokoll(root: &Path) -> String {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "protokoll.md"))
        .filter(|p| p.to_string_lossy().contains("kommunstyrelsen"))
        .collect();
    files.sort();
    let p = files
        .into_iter()
        .find(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains("\njusterad = ")
        })
        .expect("a justerat protokoll of a municipality");
    p.strip_prefix(root).unwrap().display().to_string()
}

/// A Dnr of the protokoll at `rel` that another content file also writes.
fn shared_dnr(root: &Path, rel: &str) -> String {
    let dnrs = |text: &str| -> Vec<String> {
        let lines = text.lines().filter_map(|l| l.strip_prefix("Dnr: "));
        lines.map(str::to_string).collect()
    };
    let mine = dnrs(&std::fs::read_to_string(root.join(rel)).unwrap());
    let mut others = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(root.join("content")) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") && e.path() != root.join(rel) {
            others.extend(dnrs(&std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    let shared = mine
        .into_iter()
        .find(|d| others.contains(d) && d.contains('/'));
    shared.expect("a Dnr the protokoll shares with another file")
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the file");
    text.replacen(from, to, 1)
}

#[test]
fn every_kind_of_edit_gives_the_output_of_a_full_build() {
    let mut site = Site::new();
    let p = protokoll(&site.root);
    site.edit("text in a decision", &p, |t| {
        replace_once(t, "### Beslut\n\n", "### Beslut\n\nEtt nytt ord. ")
    });
    site.edit("a paragraph's title", &p, |t| {
        let at = t.find("\n## § ").unwrap() + 1;
        let end = at + t[at..].find('\n').unwrap();
        format!("{} (ändrad rubrik){}", &t[..end], &t[end..])
    });
    site.edit("a Dnr added to a paragraph", &p, |t| {
        replace_once(
            t,
            "(ändrad rubrik)\n",
            "(ändrad rubrik)\n\nDnr: 2099/0001\n",
        )
    });
    // A Dnr written otherwise than its case's first spelling (spaces around the slash): an
    // edit of its paragraph still reaches the case page, which knows the case by its slug.
    let dnr = shared_dnr(&site.root, &p);
    let (written, variant) = (
        format!("Dnr: {dnr}\n"),
        format!("Dnr: {}\n", dnr.replace('/', " / ")),
    );
    site.edit("a Dnr written with spaces", &p, |t| {
        replace_once(t, &written, &variant)
    });
    site.edit(
        "the title of a paragraph whose Dnr is written otherwise",
        &p,
        |t| {
            let line = t[..t.find(&variant).unwrap()].rfind("\n## ").unwrap() + 1;
            let end = line + t[line..].find('\n').unwrap();
            format!("{} (ny lydelse){}", &t[..end], &t[end..])
        },
    );
    site.edit("a paragraph added", &p, |t| {
        let at = t.find("paragrafer = \"§§ ").unwrap() + "paragrafer = \"§§ ".len();
        let end = at + t[at..].find('"').unwrap();
        let (first, last) = t[at..end].split_once('-').unwrap();
        let next = last.parse::<u32>().unwrap() + 1;
        let t = format!("{}{first}-{next}{}", &t[..at], &t[end..]);
        format!("{t}\n## § {next} Ett tillagt ärende\n\n### Beslut\n\nBeslutet fattas.\n")
    });
    site.edit(
        "a vote and a reservation added: shown on the members' pages",
        &p,
        |t| {
            let at = t.find("beslutande = [\"").unwrap() + "beslutande = [\"".len();
            let end = at + t[at..].find([' ', '(', ',', '"']).unwrap();
            let end = end + t[end..].find(['(', ',', '"']).unwrap();
            let name = t[at..end].trim();
            format!(
                "{t}\n### Omröstning\n\nJa: {name}\n\n### Reservationer\n\n{name} \
            reserverar sig mot beslutet.\n"
            )
        },
    );
    site.edit("a person added to the attendance", &p, |t| {
        let list = t.find("ej_tjanstgorande = [\"").unwrap() + "ej_tjanstgorande = [".len();
        let end = list + 1 + t[list + 1..].find('"').unwrap() + 1;
        let name = t[list..end].to_string();
        replace_once(
            t,
            "tjanstgorande_ersattare = []",
            &format!("tjanstgorande_ersattare = [{name}]"),
        )
    });
    site.edit(
        "a name written in capitals: a new spelling of the person",
        &p,
        |t| {
            let at = t.find("ordforande = \"").unwrap() + "ordforande = \"".len();
            let end = at + t[at..].find([' ', '(', '"']).unwrap();
            let upper = t[at..end].to_uppercase();
            format!("{}{upper}{}", &t[..at], &t[end..])
        },
    );
    let mut docs: Vec<PathBuf> = walkdir::WalkDir::new(site.root.join("content/dokument"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    let doc = docs
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("\nmote = "))
        .expect("a document of a meeting");
    let doc = doc.strip_prefix(&site.root).unwrap().display().to_string();
    site.edit("a document's text", &doc, |t| {
        format!("{t}\nEn tillagd mening i handlingen.\n")
    });
    // Edits that reach the site-wide pages: lists, the notice board, the free pages.
    site.edit("the place of a meeting", &p, |t| {
        let at = t.find("plats = \"").unwrap();
        let end = at + t[at..].find('\n').unwrap();
        format!("{}plats = \"Ett nytt rum\"{}", &t[..at], &t[end..])
    });
    site.edit("a document's title", &doc, |t| {
        replace_once(t, "titel = \"", "titel = \"Omarbetad: ")
    });
    site.edit("a document's year", &doc, |t| {
        let at = t.find("\ndatum = ").unwrap() + "\ndatum = ".len();
        let year: i32 = t[at..at + 4].parse().unwrap();
        format!("{}{}{}", &t[..at], year - 3, &t[at + 4..])
    });
    let board = board_protokoll(&site.root);
    site.edit(
        "the justering of a protokoll on a notice board",
        &board,
        |t| {
            let at = t.find("\njusterad = ").unwrap() + "\njusterad = ".len();
            let day: u32 = t[at + 8..at + 10].parse().unwrap();
            let day = if day < 20 { day + 1 } else { day - 1 };
            format!("{}{day:02}{}", &t[..at + 8], &t[at + 10..])
        },
    );
    site.edit("a free page", "content/om-webbplatsen.md", |t| {
        format!("{t}\nEn ny mening om webbplatsen.\n")
    });

    // An edit that fails only once it is patched in (a broken link) is undone exactly: this one
    // also moves a document to another meeting, whose page shows it once the link is fixed (and
    // the first meeting's page no longer does).
    let text = std::fs::read_to_string(site.root.join(ATTACHED)).unwrap();
    let other = Path::new(&p)
        .parent()
        .unwrap()
        .strip_prefix("content")
        .unwrap();
    let other = format!("mote = \"{}\"", other.display());
    assert!(
        !text.contains(&other),
        "the protokoll edited is of another meeting"
    );
    let at = text.find("mote = ").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let moved = format!("{}{other}{}", &text[..at], &text[end..]);
    std::fs::write(
        site.root.join(ATTACHED),
        format!("{moved}\n[En länk](/finns-inte/)\n"),
    )
    .unwrap();
    match site.inc.update(&[PathBuf::from(ATTACHED)]) {
        Ok(Err(e)) => assert!(e.to_string().contains("broken link"), "{e}"),
        other => panic!("the broken link: {:?}", other.map(|r| r.map(|_| ()))),
    }
    site.edit(
        "the broken link gone, a document moved to another meeting",
        ATTACHED,
        |_| moved.clone(),
    );

    // The same for a protokoll, whose meeting is put back with the links its items had.
    let good = std::fs::read_to_string(site.root.join(&p)).unwrap();
    let broken = replace_once(
        &good,
        "### Beslut\n\n",
        "### Beslut\n\n[En länk](/finns-inte/) ",
    );
    std::fs::write(site.root.join(&p), broken).unwrap();
    match site.inc.update(&[PathBuf::from(&p)]) {
        Ok(Err(e)) => assert!(e.to_string().contains("broken link"), "{e}"),
        other => panic!("the broken link: {:?}", other.map(|r| r.map(|_| ()))),
    }
    site.edit("the broken link in a protokoll fixed", &p, |_| {
        replace_once(&good, "### Beslut\n\n", "### Beslut\n\nLagat. ")
    });

    // An error leaves the output alone; its fix is incremental again.
    let path = site.root.join(&p);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replace("plats = ", "atendees = 3\nplats = ")).unwrap();
    match site.inc.update(&[PathBuf::from(&p)]) {
        Ok(Err(e)) => assert!(e.to_string().contains("unknown key"), "{e}"),
        other => panic!("the error: {:?}", other.map(|r| r.map(|_| ()))),
    }
    site.edit("the error fixed, with a change", &p, |_| {
        good.replace("### Beslut\n\n", "### Beslut\n\nRättat. ")
    });
}

#[test]
fn a_register_edit_needs_a_full_build() {
    let mut site = Site::new();
    let reg = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
        .unwrap();
    let rel = reg.strip_prefix(&site.root).unwrap().to_path_buf();
    assert!(site.inc.update(&[rel]).is_err());
}
