//! The binary carries its default theme: copied out of the source tree, it builds a site that has
//! no theme of its own, with the theme's templates and static files.

use crate::common::*;
use std::fs;
use std::process::Command;

/// Covers the folder `$1` with an empty tmpfs, then runs the rest of the arguments.
const HIDE: &str = "mount -t tmpfs tmpfs \"$1\" || exit 97; shift; exec \"$@\"";

#[test]
fn a_binary_copied_out_of_the_source_tree_builds_a_site_without_a_theme() {
    let place = tempfile::tempdir().unwrap();
    let bin = place.path().join("bin").join("protokoll");
    fs::create_dir_all(bin.parent().unwrap()).unwrap();
    fs::copy(env!("CARGO_BIN_EXE_protokoll"), &bin).unwrap();
    let site = place.path().join("webbplats");
    copy_tree(&repo().join("tests/fixtures/minimal"), &site);
    assert!(!site.join("themes").exists() && !site.join("templates").exists());
    // The source tree is hidden under an empty tmpfs in a mount namespace of its own, so the
    // binary cannot read the theme from the folder it was compiled in.
    let hidden = Command::new("unshare")
        .args(["--mount", "sh", "-c", HIDE, "sh"])
        .arg(repo())
        .arg(&bin)
        .args(["build", "--root", "webbplats"])
        .current_dir(place.path())
        .output();
    let out = match hidden {
        Ok(out) if out.status.code() != Some(97) => out,
        // No mount namespaces here (not root, not Linux): the copy alone must do.
        _ => Command::new(&bin)
            .args(["build", "--root", "webbplats"])
            .current_dir(place.path())
            .output()
            .unwrap(),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let public = site.join("public");
    for file in ["style.css", "sok/engine.js", "sok/sok.js", "sok/stemmer.js"] {
        let shipped = fs::read(repo().join("themes/default/static").join(file)).unwrap();
        assert_eq!(fs::read(public.join(file)).unwrap(), shipped, "{file}");
    }
    let home = read(&public, "index.html");
    assert!(home.contains("<html lang=\"sv\""), "{home}");
    assert!(home.contains("/style.css"));
}

#[test]
fn a_theme_the_site_does_not_have_is_a_clear_error() {
    let t = fixture("minimal");
    let toml = fs::read_to_string(t.path().join("protokoll.toml")).unwrap();
    fs::write(
        t.path().join("protokoll.toml"),
        format!("{toml}\ntema = \"mork\"\n"),
    )
    .unwrap();
    let err = build(t.path()).unwrap_err().to_string();
    assert!(err.contains("there is no theme \"mork\""), "{err}");
    assert!(!t.path().join("public").exists());
}
