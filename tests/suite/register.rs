//! The register without drudgery: the did-you-mean of an unknown name never proposes a different
//! person (measured over the seed register), and `protokoll register --unknown` writes
//! ready-to-edit entries for every unknown name into a file of its own, never touching the
//! register, never merging two names.

use crate::common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

/// A site of the seed registers' organisations and organs, `people` as its register of people, and
/// one protokoll whose övriga deltagare are `names`.
fn site_with(root: &Path, people: &toml::Value, names: &[String]) {
    let reg = root.join("content/register");
    fs::create_dir_all(&reg).unwrap();
    for f in ["organ.toml", "organisationer.toml"] {
        fs::copy(repo().join("content/register").join(f), reg.join(f)).unwrap();
    }
    fs::write(reg.join("personer.toml"), toml::to_string(people).unwrap()).unwrap();
    fs::copy(repo().join("protokoll.toml"), root.join("protokoll.toml")).unwrap();
    let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    let dir = root.join("content/styrelsen/2030-01-01");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("protokoll.md"),
        format!(
            "+++\ntyp = \"protokoll\"\norgan = \"styrelsen\"\ndatum = \
                2030-01-01\n\n[narvaro]\novriga = [{}]\n+++\n## § 1 Öppnande\n",
            list.join(", ")
        ),
    )
    .unwrap();
}

/// The hints the check gives for unknown people: (name looked up, spelling proposed or None).
fn hints(root: &Path) -> Vec<(String, Option<String>)> {
    let Err(protokoll::BuildError::Content(d)) = protokoll::read_site(root) else {
        return Vec::new();
    };
    d.iter()
        .filter_map(|x| {
            let name = x
                .message
                .strip_prefix("unknown person \"")?
                .strip_suffix('"')?;
            let hint = x.hint.as_deref().unwrap_or("");
            let proposed = hint
                .strip_prefix("did you mean \"")
                .and_then(|h| h.strip_suffix("\"?"));
            Some((name.to_string(), proposed.map(str::to_string)))
        })
        .collect()
}

fn spellings(p: &toml::Value) -> Vec<String> {
    let mut out = vec![p["namn"].as_str().unwrap().to_string()];
    if let Some(a) = p.get("alias").and_then(|a| a.as_array()) {
        out.extend(a.iter().map(|x| x.as_str().unwrap().to_string()));
    }
    out
}

#[test]
fn hints_never_name_a_different_person_of_the_seed_register() {
    let text = fs::read_to_string(repo().join("content/register/personer.toml")).unwrap();
    let register: toml::Value = toml::from_str(&text).unwrap();
    let people = register["person"].as_array().unwrap().clone();
    let (mut lookups, mut wrong, mut right) = (0, Vec::new(), 0);
    for (i, p) in people.iter().enumerate() {
        // The person removed from the register: every spelling of them looked up. Any hint names
        // somebody else.
        let mut others = register.clone();
        let list = others["person"].as_array_mut().unwrap();
        list.remove(i);
        // Memberships that name the removed person (ersattare_for) are looked up too.
        let t = tempfile::tempdir().unwrap();
        site_with(t.path(), &others, &spellings(p));
        for (name, proposed) in hints(t.path()) {
            lookups += 1;
            if let Some(s) = proposed {
                wrong.push(format!("{name} → {s}"));
            }
        }
        // Each alias removed from the person alone: a hint may name only them.
        let own = spellings(p);
        for alias in own.iter().skip(1) {
            let mut fewer = register.clone();
            let me = &mut fewer["person"].as_array_mut().unwrap()[i];
            let kept: Vec<toml::Value> = own[1..]
                .iter()
                .filter(|a| *a != alias)
                .map(|a| toml::Value::from(a.as_str()))
                .collect();
            me.as_table_mut()
                .unwrap()
                .insert("alias".into(), toml::Value::Array(kept));
            let t = tempfile::tempdir().unwrap();
            site_with(t.path(), &fewer, std::slice::from_ref(alias));
            for (name, proposed) in hints(t.path()) {
                lookups += 1;
                match proposed {
                    Some(s) if own.contains(&s) => right += 1,
                    Some(s) => wrong.push(format!("{name} → {s}")),
                    None => {}
                }
            }
        }
    }
    eprintln!(
        "{} people, {lookups} look-ups of an unknown spelling: {} hints naming a \
            different person, {right} naming the same person",
        people.len(),
        wrong.len()
    );
    assert!(people.len() > 150 && lookups > people.len());
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The register's own variants are still found: Gustafsson/Gustavsson, Fridh/Frid, …
    assert!(right >= 5, "{right}");
}

fn register_cmd(root: &Path, extra: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["register", "--unknown", "--root"])
        .arg(root)
        .args(extra)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8(out.stderr).unwrap())
}

/// The fullmaktige fixture without three of its people.
fn without_some_people() -> tempfile::TempDir {
    let t = fixture("fullmaktige");
    let p = t.path().join("content/register/register.toml");
    let text = fs::read_to_string(&p).unwrap();
    let mut blocks: Vec<&str> = text.split("\n[[person]]\n").collect();
    let before = blocks.len();
    blocks.retain(|b| {
        ![
            "namn = \"Mats Johnsson\"",
            "namn = \"Sven Ström\"",
            "namn = \"Helena Frost\"",
        ]
        .iter()
        .any(|n| b.starts_with(n))
    });
    assert_eq!(blocks.len(), before - 3);
    fs::write(&p, blocks.join("\n[[person]]\n")).unwrap();
    t
}

#[test]
fn register_unknown_writes_entries_to_review_and_the_site_builds_with_them() {
    let t = without_some_people();
    let root = t.path();
    let register = fs::read(root.join("content/register/register.toml")).unwrap();
    assert!(build(root).is_err());
    let (ok, said) = register_cmd(root, &[]);
    assert!(ok, "{said}");
    assert!(said.contains("3 register entries"), "{said}");
    let file = root.join("nya-personer.toml");
    let review = fs::read_to_string(&file).unwrap();
    let parsed: toml::Value = toml::from_str(&review).unwrap();
    let entries = parsed["person"].as_array().unwrap();
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["namn"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Helena Frost", "Sven Ström", "Mats Johnsson"]);
    assert_eq!(entries[2]["parti"].as_str(), Some("M"));
    // Printed (M) in 2007 and 2011, (SD) in 2016: one entry, and a note to decide.
    assert_eq!(entries[1]["parti"].as_str(), Some("M"));
    assert!(
        review.contains("printed with the parties (M), (SD)"),
        "{review}"
    );
    assert!(review.contains("# titel = \"ekonom\""), "{review}");
    assert!(review.contains("# Mats Johnsson: written at content/kf/2011-11-02/protokoll.md:"));
    // The register is untouched; a second run refuses to replace the file.
    assert_eq!(
        fs::read(root.join("content/register/register.toml")).unwrap(),
        register
    );
    let (ok, said) = register_cmd(root, &[]);
    assert!(!ok && said.contains("exists"), "{said}");
    assert_eq!(fs::read_to_string(&file).unwrap(), review);
    // Accepted as it is (Sven Ström's change of party aside), the site builds.
    let accepted = review.replacen(
        "namn = \"Sven Ström\"\nparti = \"M\"",
        "namn = \"Sven Ström\"\nparti = \"SD\"\n\n[[person.tidigare_parti]]\nparti \
            = \"M\"\ntill = 2014-10-14\n",
        1,
    );
    fs::write(root.join("content/register/nya.toml"), accepted).unwrap();
    build(root).unwrap_or_else(|e| panic!("{e}"));
    // With nothing unknown, nothing is written.
    fs::remove_file(&file).unwrap();
    let (ok, said) = register_cmd(root, &[]);
    assert!(ok && said.contains("nothing was written"), "{said}");
    assert!(!file.exists());
}

#[test]
fn two_spellings_close_to_each_other_are_two_entries_never_merged() {
    let t = fixture("fullmaktige");
    let p = t.path().join("content/kf/2016-03-14/protokoll.md");
    let text = fs::read_to_string(&p).unwrap().replace(
        "  \"Jan Nordin (S)\",\n",
        "  \"Jan Nordin (S)\",\n  \"Jonas Löhn (S)\",\n  \"Jonas Löhnn \
            (S)\",\n  \"Karin Lundh (S)\",\n",
    );
    fs::write(&p, text).unwrap();
    let out = t.path().join("granska.toml");
    let (ok, said) = register_cmd(t.path(), &["--output", out.to_str().unwrap()]);
    assert!(ok, "{said}");
    let review = fs::read_to_string(&out).unwrap();
    assert_eq!(review.matches("[[person]]").count(), 3, "{review}");
    assert!(review.contains("# close to \"Jonas Löhn\" above: one person, or two?"));
    // Karin Lundh is plausibly the registered Karin Lund: the note says so, the entry stays.
    assert!(
        review.contains("# close to the registered \"Karin Lund\""),
        "{review}"
    );
    assert!(review.contains("namn = \"Karin Lundh\""));
}
