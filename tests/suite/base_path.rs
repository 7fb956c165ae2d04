//! A site published in a folder of its host (`bas_url` with a path, here
//! `https://test.example.se/kommun/protokoll`): the written files carry the base path before every
//! site path (pages, JSON, `_headers`), the feeds and sitemap are absolute under it, and `serve`
//! previews the site at that same path, also after an incremental rebuild. The whole real site
//! under a base path, crawled over HTTP and searched in Chromium, is
//! `tests/search/base-path.test.mjs`.

use crate::common::*;
use crate::serve::{Running, contains, raw};
use protokoll::serve::Event;
use std::path::{Path, PathBuf};

const BASE: &str = "/kommun/protokoll";

/// The minimal fixture with its `bas_url` moved into a folder of its host.
fn site_under_base(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    copy_tree(&repo().join("tests/fixtures/minimal"), &root);
    let config = root.join("protokoll.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let moved = text.replace(
        "bas_url = \"https://test.example.se\"",
        &format!("bas_url = \"https://test.example.se{BASE}/\""),
    );
    assert_ne!(moved, text);
    std::fs::write(&config, moved).unwrap();
    root
}

fn read(out: &Path, file: &str) -> String {
    std::fs::read_to_string(out.join(file)).unwrap()
}

#[test]
fn the_written_files_carry_the_base_path() {
    let t = tempfile::tempdir().unwrap();
    let root = site_under_base(t.path());
    let out = t.path().join("public");
    protokoll::run(
        &protokoll::Build::new(root, out.clone(), protokoll::Mode::Publish),
        &protokoll::build::progress::none,
    )
    .unwrap();
    let home = read(&out, "index.html");
    assert!(
        home.contains(&format!("href=\"{BASE}/style.css\"")),
        "{home}"
    );
    assert!(home.contains(&format!("href=\"{BASE}/styrelsen/2024-01-10/\"")));
    assert!(home.contains(&format!("action=\"{BASE}/sok/\"")));
    // No root-relative link is left without the base.
    for f in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap) {
        let p = f.path();
        if p.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(p).unwrap();
            for (i, _) in html.match_indices("href=\"/") {
                let link = &html[i + 6..];
                assert!(link.starts_with(BASE), "{}: {}", p.display(), &link[..40]);
            }
        }
    }
    let twin = read(&out, "styrelsen/2024-01-10/index.json");
    assert!(
        twin.contains(&format!("\"web\": \"{BASE}/styrelsen/2024-01-10/\"")),
        "{twin}"
    );
    assert!(!twin.contains("\"id\": \"/styrelsen"), "{twin}");
    assert!(read(&out, "_headers").contains(&format!("\n{BASE}/sok/index.json\n")));
    let feed = read(&out, "atom.xml");
    assert!(feed.contains(&format!(
        "https://test.example.se{BASE}/styrelsen/2024-01-10/"
    )));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>https://test.example.se{BASE}/</loc>")));
    // The manifest lists the bytes as written.
    let manifest = read(&out, "manifest-sha256.txt");
    let home_hash = hex(&protokoll::output::manifest::sha256(home.as_bytes()));
    assert!(manifest.contains(&format!("{home_hash}  index.html\n")));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_preview_answers_at_the_base_path_also_after_an_edit() {
    let t = tempfile::tempdir().unwrap();
    let root = site_under_base(t.path());
    let preview = t.path().join("preview");
    let server = Running::start(&root, &preview);
    let (status, home) = server.get(&format!("{BASE}/"));
    assert_eq!(status, 200);
    assert!(contains(
        &home,
        &format!("href=\"{BASE}/styrelsen/2024-01-10/\"")
    ));
    // The site is only at its path: the host's root sends there, other paths are not found.
    let port = server.addr.port();
    let head = |target: &str| {
        let req = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        let mut s = std::net::TcpStream::connect(server.addr).unwrap();
        std::io::Write::write_all(&mut s, req.as_bytes()).unwrap();
        let mut answer = String::new();
        std::io::Read::read_to_string(&mut s, &mut answer).unwrap();
        answer
    };
    let to_base = head("/");
    assert!(to_base.starts_with("HTTP/1.1 301"), "{to_base}");
    assert!(
        to_base.contains(&format!("Location: {BASE}/\r\n")),
        "{to_base}"
    );
    let slash = head(&format!("{BASE}/styrelsen/2024-01-10"));
    assert!(
        slash.contains(&format!("Location: {BASE}/styrelsen/2024-01-10/\r\n")),
        "{slash}"
    );
    assert_eq!(server.get("/styrelsen/2024-01-10/").0, 404);
    assert_eq!(server.get(&format!("{BASE}x/")).0, 404);
    let req = format!("GET /__protokoll/reload?since=0 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    assert_eq!(raw(server.addr, req.as_bytes()), (200, b"1".to_vec()));

    // An edit is rendered alone (incremental) and written with the base path too.
    let page = root.join("content/om-webbplatsen.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Om webbplatsen", "Om sajten i dag")).unwrap();
    match server.next_event() {
        Event::Built { incremental, .. } => assert!(incremental),
        other => panic!("{other:?}"),
    }
    let (status, body) = server.get(&format!("{BASE}/om-webbplatsen/"));
    assert_eq!(status, 200);
    assert!(contains(&body, "Om sajten i dag"));
    let written = std::fs::read(preview.join("om-webbplatsen/index.html")).unwrap();
    assert!(contains(&written, &format!("href=\"{BASE}/style.css\"")));
    assert!(!contains(&written, "href=\"/style.css\""));
}
