//! A publisher's first hour: `cargo install` gives a binary that, in an empty folder outside the
//! source tree, starts a site and reaches one meeting served in five commands (`init`,
//! `new meeting`, `new protokoll`, `build`, `serve`), with no warning on the way.

use crate::common::*;
use std::io::{BufRead, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Installs the crate as a user would, into a root of its own. The build directory is the
/// suite's own, so the binary already built for the tests is reused rather than compiled again.
fn install(root: &Path) -> std::path::PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["install", "--locked", "--offline", "--path"])
        .arg(repo())
        .arg("--root")
        .arg(root)
        .env("CARGO_TARGET_DIR", repo().join("target"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo install failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    root.join("bin").join("protokoll")
}

fn run(bin: &Path, dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "protokoll {args:?}: {stderr}");
    assert!(
        !stderr.contains("warning"),
        "protokoll {args:?} warned: {stderr}"
    );
    out
}

#[test]
fn an_installed_binary_reaches_a_served_meeting_in_five_commands() {
    let place = tempfile::tempdir().unwrap();
    let bin = install(&place.path().join("installed"));
    let version = Command::new(&bin).arg("--version").output().unwrap();
    let version = String::from_utf8_lossy(&version.stdout).into_owned();
    assert!(version.starts_with(&format!("protokoll {}", env!("CARGO_PKG_VERSION"))));
    if repo().join(".git").exists() {
        assert!(version.contains("commit "), "{version}");
    }

    let site = place.path().join("hultsbo");
    std::fs::create_dir(&site).unwrap();
    let organ = "kommunstyrelsen";
    run(
        &bin,
        &site,
        &[
            "init",
            "--organisation",
            "Hultsbo kommun",
            "--organ",
            "Kommunstyrelsen",
            "--bas-url",
            "https://protokoll.hultsbo.se",
        ],
    );
    let date = ["--organ", organ, "--date", "2026-12-10"];
    run(&bin, &site, &[&["new", "meeting"][..], &date].concat());
    run(&bin, &site, &[&["new", "protokoll"][..], &date].concat());
    run(&bin, &site, &["build"]);
    let meeting = read(
        &site.join("public"),
        "kommunstyrelsen/2026-12-10/index.html",
    );
    assert!(meeting.contains("Val av justerare"), "{meeting}");
    let statement = read(&site.join("public"), "om-webbplatsen/index.html");
    assert!(statement.contains("digg.se"), "the statement links to Digg");

    // The fifth command: the preview serves the meeting.
    let mut child = Command::new(&bin)
        .args(["serve", "--port", "0"])
        .current_dir(&site)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap_or_default());
        }
    });
    let mut lines: Vec<String> = Vec::new();
    let mut addr = None;
    while !lines.iter().any(|l| l.starts_with("built ")) {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("serve reported no build: {lines:?}"));
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest.split('/').next().and_then(|a| a.parse().ok());
        }
        lines.push(line);
    }
    let addr: SocketAddr = addr.unwrap_or_else(|| panic!("no address in {lines:?}"));
    let page = get(addr, "/kommunstyrelsen/2026-12-10/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Val av justerare"));
    assert!(
        !lines.iter().any(|l| l.contains("warning")),
        "serve warned: {lines:?}"
    );
}

#[test]
fn commands_outside_a_site_point_at_init() {
    let empty = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["check"],
        &[
            "new",
            "meeting",
            "--organ",
            "styrelsen",
            "--date",
            "2026-01-01",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_protokoll"))
            .args(args)
            .current_dir(empty.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("no protokoll.toml"), "{args:?}: {stderr}");
        assert!(stderr.contains("protokoll init"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

/// One GET; the whole answer as text.
fn get(addr: SocketAddr, target: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        addr.port()
    );
    s.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}
