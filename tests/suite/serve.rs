//! `protokoll serve` against a running server on 127.0.0.1: traversal probes that must never leak a
//! byte from outside the output, the Host check, live reload after a change, and the error page
//! for a failed build.

use crate::common::*;
use protokoll::serve::{Event, ServeOptions, Server, Stopper};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

const CANARY: &str = "SECRET-CANARY-do-not-serve";
/// Long enough for a debug build of the fixture on a slow machine; only a limit, never a measure.
const WAIT: Duration = Duration::from_secs(120);

/// A server running on its own thread; stopped when dropped.
pub(crate) struct Running {
    /// The server's address.
    pub(crate) addr: SocketAddr,
    events: Receiver<Event>,
    stopper: Stopper,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    pub(crate) fn start(root: &Path, output: &Path) -> Running {
        let server = Server::bind(ServeOptions {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            port: 0,
            day: None,
        })
        .unwrap();
        let addr = server.addr();
        assert!(addr.ip().is_loopback(), "binds 127.0.0.1 only");
        let stopper = server.stopper();
        let (tx, events) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            server.run(|e| {
                let _ = tx.send(e);
            })
        });
        let r = Running {
            addr,
            events,
            stopper,
            thread: Some(thread),
        };
        match r.next_event() {
            Event::Built { changed, .. } => assert!(changed.is_empty()),
            other => panic!("first build: {other:?}"),
        }
        r
    }

    pub(crate) fn next_event(&self) -> Event {
        loop {
            match self
                .events
                .recv_timeout(WAIT)
                .expect("an event from the server")
            {
                Event::WatchError(e) => panic!("watch error: {e}"),
                // The search files following an incremental rebuild.
                Event::Search { result, .. } => assert!(result.is_ok(), "{result:?}"),
                e => return e,
            }
        }
    }

    pub(crate) fn get(&self, target: &str) -> (u16, Vec<u8>) {
        let host = format!("127.0.0.1:{}", self.addr.port());
        raw(
            self.addr,
            format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stopper.stop();
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

/// Sends raw bytes, returns the status and body of the answer.
pub(crate) fn raw(addr: SocketAddr, request: &[u8]) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.write_all(request).unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body_at = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(answer.len(), |i| i + 4);
    (status, answer[body_at..].to_vec())
}

pub(crate) fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

pub(crate) fn site_and_preview() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("site");
    copy_tree(&repo().join("tests/fixtures/minimal"), &root);
    let preview = t.path().join("preview");
    (t, root, preview)
}

#[test]
fn no_traversal_probe_leaks_a_byte_from_outside_the_output() {
    let (t, root, preview) = site_and_preview();
    std::fs::write(t.path().join("secret.txt"), CANARY).unwrap();
    let server = Running::start(&root, &preview);
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(t.path().join("secret.txt"), preview.join("leak.txt")).unwrap();
        symlink(t.path(), preview.join("up")).unwrap();
        symlink("/etc", preview.join("etc-link")).unwrap();
        symlink("../secret.txt", preview.join("relative-leak.txt")).unwrap();
    }
    let secret_abs = t.path().join("secret.txt").display().to_string();
    let mut probes: Vec<Vec<u8>> = [
        // plain dot segments
        "/../secret.txt",
        "/../../secret.txt",
        "/../../../../../../../../etc/passwd",
        "/..",
        "/../",
        "/./../secret.txt",
        "/index.html/../../secret.txt",
        "/styrelsen/../../secret.txt",
        // percent-encoded
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/%2e%2e",
        // double- and triple-encoded
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..%252fsecret.txt",
        "/%25252e%25252e%25252fsecret.txt",
        "/%252e%252e%255csecret.txt",
        // backslashes
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/..%255csecret.txt",
        "/\\..\\..\\secret.txt",
        "/styrelsen\\..\\..\\secret.txt",
        // absolute paths and other forms
        "//etc/passwd",
        "///secret.txt",
        "/%2fetc%2fpasswd",
        "/%2F%2Fetc/passwd",
        "http://127.0.0.1/../secret.txt",
        "file:///etc/passwd",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "*",
        // NUL bytes
        "/%00",
        "/secret.txt%00",
        "/index.html%00.txt",
        "/..%00/secret.txt",
        "/%00/../secret.txt",
        // overlong and invalid UTF-8
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%af",
        "/..%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%c1%9c..%c1%9csecret.txt",
        "/%f0%80%80%ae%f0%80%80%ae/secret.txt",
        "/%ff%fe",
        // look-alike dots (valid UTF-8 names that exist nowhere)
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/%e2%80%a4%e2%80%a4/secret.txt",
        // symlinks inside the output that point out of it
        "/leak.txt",
        "/%6c%65%61%6b.txt",
        "/relative-leak.txt",
        "/up/secret.txt",
        "/up/",
        "/etc-link/passwd",
        // hidden files of the output
        "/.protokoll-output",
        "/.%70rotokoll-output",
        // malformed escapes
        "/%",
        "/%2",
        "/%g0",
    ]
    .iter()
    .map(|p| p.as_bytes().to_vec())
    .collect();
    probes.push(format!("/{}", secret_abs.trim_start_matches('/')).into_bytes());
    probes.push(format!("/..{secret_abs}").into_bytes());
    // Raw bytes a client library would refuse to send.
    probes.push(b"/\x00".to_vec());
    probes.push(b"/\xc0\xae\xc0\xae/secret.txt".to_vec());
    probes.push(b"/..\x00/secret.txt".to_vec());
    assert!(probes.len() >= 50, "{} probes", probes.len());
    let host = format!("Host: 127.0.0.1:{}\r\n", server.addr.port());
    for p in &probes {
        let mut req = b"GET ".to_vec();
        req.extend_from_slice(p);
        req.extend_from_slice(b" HTTP/1.1\r\n");
        req.extend_from_slice(host.as_bytes());
        req.extend_from_slice(b"Connection: close\r\n\r\n");
        let (status, body) = raw(server.addr, &req);
        let shown = String::from_utf8_lossy(p);
        assert!(status == 400 || status == 404, "{shown}: answered {status}");
        assert!(!contains(&body, CANARY), "{shown} leaked the secret");
        assert!(!contains(&body, "root:x:0"), "{shown} leaked /etc/passwd");
        assert!(
            !contains(&body, "protokoll build and replaced"),
            "{shown} leaked the marker file"
        );
    }
    // The same server still serves what is inside.
    let (status, body) = server.get("/styrelsen/2024-01-10/");
    assert_eq!(status, 200);
    assert!(contains(&body, "Val av justerare"));
}

#[test]
fn a_preview_never_seals_a_protokoll_in_the_ledger() {
    // The fixture's protokoll is signed (justerat) and not yet in a ledger: `build` would seal it,
    // a preview of a draft must not.
    let (_t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);
    let (status, _) = server.get("/styrelsen/2024-01-10/");
    assert_eq!(status, 200);
    assert!(!root.join("justerade.toml").exists());
    protokoll::run(
        &protokoll::Build::new(root.clone(), root.join("public"), protokoll::Mode::Publish),
        &protokoll::build::progress::none,
    )
    .map(|b| b.report())
    .unwrap();
    assert!(root.join("justerade.toml").exists(), "build seals it");
    // The preview sees the new ledger: from now on the protokoll is held to its seal.
    match server.next_event() {
        Event::Built { changed, .. } => {
            assert!(
                changed.contains(&PathBuf::from("justerade.toml")),
                "{changed:?}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_requests_for_localhost_are_answered() {
    let (_t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);
    let port = server.addr.port();
    let ask = |host: Option<&str>| {
        let h = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        raw(
            server.addr,
            format!("GET / HTTP/1.1\r\n{h}Connection: close\r\n\r\n").as_bytes(),
        )
        .0
    };
    assert_eq!(ask(Some(&format!("localhost:{port}"))), 200);
    assert_eq!(ask(Some("127.0.0.1")), 200);
    assert_eq!(ask(Some("evil.example")), 403);
    assert_eq!(ask(Some(&format!("evil.example:{port}"))), 403);
    assert_eq!(
        ask(Some(&format!("localhost:{}", port.wrapping_add(1)))),
        403
    );
    assert_eq!(ask(Some(&format!("[::1]:{port}"))), 403);
    assert_eq!(ask(None), 400);
    let two = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\n\r\n");
    assert_eq!(raw(server.addr, two.as_bytes()).0, 400);
    let post = format!("POST / HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(raw(server.addr, post.as_bytes()).0, 405);
}

#[test]
fn a_change_rebuilds_reloads_the_page_and_errors_replace_the_site() {
    let (_t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);

    // Served HTML carries the reload script; the built files never do.
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(contains(&home, protokoll::serve::page::RELOAD_PATH));
    for f in walkdir::WalkDir::new(&preview)
        .into_iter()
        .map(Result::unwrap)
    {
        if f.path().extension().is_some_and(|e| e == "html") {
            let bytes = std::fs::read(f.path()).unwrap();
            assert!(!contains(&bytes, "live reload"), "{}", f.path().display());
        }
    }
    let (_, generation) = server.get("/__protokoll/reload?since=0");
    assert_eq!(generation, b"1");

    // A page waiting for the next build is answered when a change has been rebuilt.
    let addr = server.addr;
    let waiting = std::thread::spawn(move || {
        let req = format!(
            "GET /__protokoll/reload?since=1 HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            addr.port()
        );
        raw(addr, req.as_bytes())
    });
    let page = root.join("content/om-webbplatsen.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Om webbplatsen", "Om sajten i dag")).unwrap();
    match server.next_event() {
        Event::Built { changed, .. } => {
            assert_eq!(changed, [PathBuf::from("content/om-webbplatsen.md")])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(waiting.join().unwrap(), (200, b"2".to_vec()));
    let (_, body) = server.get("/om-webbplatsen/");
    assert!(contains(&body, "Om sajten i dag"));

    // A broken file: every page shows the diagnostics instead of the stale site.
    let bad = root.join("content/styrelsen/2024-01-10/protokoll.md");
    let good = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, good.replace("plats = ", "atendees = 3\nplats = ")).unwrap();
    match server.next_event() {
        Event::Failed { error, .. } => assert!(error.contains("unknown key"), "{error}"),
        other => panic!("{other:?}"),
    }
    let (status, body) = server.get("/om-webbplatsen/");
    assert_eq!(status, 500);
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains(
            "content/styrelsen/2024-01-10/protokoll.md:7:1: error: unknown key &quot;atendees&quot;"
        ),
        "{body}"
    );
    assert!(body.contains(protokoll::serve::page::RELOAD_PATH));
    assert!(!body.contains("Om sajten i dag"));
    assert_eq!(server.get("/__protokoll/reload?since=2").1, b"3");

    // Fixed: the site is back.
    std::fs::write(&bad, good).unwrap();
    assert!(matches!(server.next_event(), Event::Built { .. }));
    let (status, body) = server.get("/om-webbplatsen/");
    assert_eq!(status, 200);
    assert!(contains(&body, "Om sajten i dag"));
}

#[test]
fn the_command_serves_a_preview_and_leaves_public_alone() {
    let (_t, root, _) = site_and_preview();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap_or_default());
        }
    });
    let mut lines = Vec::new();
    let mut addr = None;
    while !lines.iter().any(|l: &String| l.starts_with("built ")) {
        let line = rx
            .recv_timeout(WAIT)
            .expect("serve reports its first build");
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest
                .split('/')
                .next()
                .and_then(|a| a.parse::<SocketAddr>().ok());
        }
        lines.push(line);
    }
    let addr = addr.unwrap_or_else(|| panic!("no address in {lines:?}"));
    assert!(addr.ip().is_loopback());
    let (status, body) = raw(
        addr,
        format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", addr.port()).as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(contains(&body, "Testförbundet"));
    assert!(!root.join("public").exists(), "serve never writes public/");
    let preview: PathBuf = lines
        .iter()
        .find_map(|l| l.strip_prefix("the preview is built into "))
        .and_then(|l| l.split(", ").next())
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("no preview directory in {lines:?}"));
    assert!(preview.join("index.html").is_file());
    // Stop it the way a terminal does, by its process id; it removes its preview.
    #[cfg(unix)]
    {
        let pid = child.id().to_string();
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap();
        assert!(child.wait().unwrap().success());
        assert!(!preview.exists(), "the temporary preview is removed");
    }
    #[cfg(not(unix))]
    {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[test]
fn a_preview_inside_the_sources_is_refused() {
    let (_t, root, _) = site_and_preview();
    let inside = root.join("static/preview");
    let e = Server::bind(ServeOptions {
        root: root.clone(),
        output: inside.clone(),
        port: 0,
        day: None,
    })
    .err()
    .expect("refused");
    assert!(e.to_string().contains("inside the site's sources"), "{e}");
    assert!(!inside.exists(), "nothing created");
}

/// Runs the injected script itself (under Node, with `fetch` pointed at the server and a stand-in
/// for `location`), so the browser side of live reload is tested too.
#[test]
fn the_injected_script_reloads_the_page_after_a_change() {
    let (t, root, preview) = site_and_preview();
    let server = Running::start(&root, &preview);
    let (_, home) = server.get("/");
    let home = String::from_utf8(home).unwrap();
    let start = home.rfind("<script>").unwrap() + "<script>".len();
    let end = start + home[start..].find("</script>").unwrap();
    let script = t.path().join("reload.js");
    std::fs::write(&script, &home[start..end]).unwrap();
    let harness = t.path().join("harness.js");
    std::fs::write(
        &harness,
        r#"const [, , port, file] = process.argv;
const realFetch = fetch;
globalThis.fetch = (url, opts) => realFetch(`http://127.0.0.1:${port}` + url, opts);
globalThis.location = { reload() { console.log("reloaded"); process.exit(0); } };
setTimeout(() => { console.log("no reload"); process.exit(1); }, 120000);
(0, eval)(require("fs").readFileSync(file, "utf8"));
"#,
    )
    .unwrap();
    let node = std::process::Command::new("node")
        .arg(&harness)
        .arg(server.addr.port().to_string())
        .arg(&script)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node (Node 20 is on every machine of the project)");
    let page = root.join("content/om-webbplatsen.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text + "\nNy rad.\n").unwrap();
    assert!(matches!(server.next_event(), Event::Built { .. }));
    let out = node.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "reloaded");
    assert!(out.status.success());
}
