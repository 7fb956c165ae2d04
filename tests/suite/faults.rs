//! The faults a publisher's machine meets, each as it would happen: a symlinked output (a web
//! server's docroot), a build that fails at the swap, a preview and a build sharing a folder.

use crate::common::*;
use protokoll::{Build, Mode, Progress};
use std::path::Path;
use std::process::Command;

fn protokoll() -> Command {
    Command::new(env!("CARGO_BIN_EXE_protokoll"))
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_updated_in_place_and_never_emptied() {
    let t = fixture("minimal");
    let root = t.path();
    let docroot = root.join("www");
    let first = protokoll()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&docroot)
        .output()
        .unwrap();
    assert!(first.status.success(), "{first:?}");
    let before = snapshot(&docroot);
    assert!(before.len() > 10);
    std::os::unix::fs::symlink(&docroot, root.join("public")).unwrap();
    let second = protokoll()
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(second.status.success(), "{second:?}");
    let link = std::fs::symlink_metadata(root.join("public")).unwrap();
    assert!(link.file_type().is_symlink(), "public is still the link");
    let after = snapshot(&docroot);
    assert!(after.len() > 10 && after.contains_key(Path::new("index.html")));
    // Every page and file alike (the tantivy index names its segments at random, and the
    // manifest lists those names).
    let random = |k: &Path| k.starts_with("sok/tantivy") || k.ends_with("manifest-sha256.txt");
    let differ: Vec<_> = before
        .keys()
        .chain(after.keys())
        .filter(|k| !random(k) && before.get(*k) != after.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "the target holds the whole site: {differ:?}"
    );
}

/// A build whose swap fails (the output became someone else's while it ran) changes nothing:
/// neither the output nor the ledger, and leaves no temporary ledger behind.
#[test]
fn a_build_that_fails_at_the_swap_leaves_the_ledger_unchanged() {
    let t = fixture("kommun");
    let root = t.path();
    let ledger = root.join("justerade.toml");
    std::fs::remove_file(&ledger).unwrap();
    let out = root.join("public");
    let hook = |p: Progress| {
        if let Progress::LinksChecked { .. } = p {
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join("someone-elses.txt"), "x").unwrap();
        }
    };
    let err = protokoll::run(&Build::new(root, &out, Mode::Publish), &hook).unwrap_err();
    assert!(err.to_string().contains("did not create"), "{err}");
    assert!(!ledger.exists(), "a failed build wrote the ledger");
    let names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("justerade")), "{names:?}");
    // Once the folder is cleared the same build seals and writes the ledger.
    std::fs::remove_dir_all(&out).unwrap();
    build(root).unwrap();
    assert!(ledger.is_file());
}

/// `serve` into a folder holds it: a build into the same folder is refused, naming the server.
#[cfg(unix)]
#[test]
fn a_build_into_a_served_folder_is_refused_naming_the_server() {
    use std::io::BufRead;
    let t = fixture("minimal");
    let root = t.path();
    let out = root.join("preview");
    let mut serve = protokoll()
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(serve.stderr.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("serve reports its build").unwrap();
        if line.starts_with("built ") {
            break;
        }
    }
    let before = snapshot(&out);
    let build = protokoll()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    let _ = serve.kill();
    let _ = serve.wait();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success());
    assert!(
        stderr.contains(&format!("protokoll serve (pid {})", serve.id())),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before);
    leftovers_gone(root);
}

fn leftovers_gone(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.contains(".staging-") && !name.contains(".old-"),
            "{name} left in {}",
            dir.display()
        );
    }
}

/// The cells of a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// A title or note that a spreadsheet would run as a formula is written as text (OWASP's rule:
/// a leading `'` before `=`, `+`, `-`, `@`, tab and CR), and the `rubrik` is the heading's plain
/// text, without its markup or control characters.
#[test]
fn the_csvs_hold_no_live_formula_and_plain_titles() {
    let t = fixture("minimal");
    let root = t.path();
    let minutes = root.join("content/styrelsen/2024-01-10/protokoll.md");
    let text = std::fs::read_to_string(&minutes).unwrap().replace(
        "## § 2 Budget 2024",
        "## § 2 =HYPERLINK(\"http://evil.example/\",\"Klicka\") <b>fet</b> \u{1b}[31mröd",
    );
    std::fs::write(&minutes, text).unwrap();
    let register = root.join("content/register/register.toml");
    let text = std::fs::read_to_string(&register).unwrap().replace(
        "roll = \"ordförande\"\nfran = 2023-01-01\n",
        "roll = \"ordförande\"\nfran = 2023-01-01\nanteckning = \"@SUM(1+1)*cmd|' /C calc'!A0\"\n",
    );
    std::fs::write(&register, text).unwrap();
    build(root).unwrap();
    for csv in ["api/beslut.csv", "api/uppdrag.csv"] {
        let rows = csv_cells(&read(&root.join("public"), csv));
        assert!(rows.len() > 1, "{csv}");
        for cell in rows.iter().flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{csv}: a live formula: {cell:?}"
            );
            assert!(
                !cell.chars().any(|c| c.is_control() && c != '\n'),
                "{csv}: a control character: {cell:?}"
            );
        }
    }
    let beslut = csv_cells(&read(&root.join("public"), "api/beslut.csv"));
    let rubrik = beslut[0].iter().position(|h| h == "rubrik").unwrap();
    assert_eq!(
        beslut[1][rubrik],
        "'=HYPERLINK(\"http://evil.example/\",\"Klicka\") fet [31mröd"
    );
    let uppdrag = csv_cells(&read(&root.join("public"), "api/uppdrag.csv"));
    let note = uppdrag[0].iter().position(|h| h == "anteckning").unwrap();
    assert!(
        uppdrag
            .iter()
            .any(|r| r[note] == "'@SUM(1+1)*cmd|' /C calc'!A0")
    );
}

/// Text from the content is printed with its terminal escape sequences shown, never run: in the
/// search results and in the diagnostics.
#[test]
fn terminal_escapes_in_content_are_printed_escaped() {
    let t = fixture("minimal");
    let root = t.path();
    let minutes = root.join("content/styrelsen/2024-01-10/protokoll.md");
    let text = std::fs::read_to_string(&minutes).unwrap().replace(
        "## § 2 Budget 2024",
        "## § 2 Budget \u{1b}[2J\u{1b}]0;owned\u{7}2024",
    );
    std::fs::write(&minutes, &text).unwrap();
    build(root).unwrap();
    let search = protokoll()
        .args(["search", "budget", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&search.stdout);
    assert!(
        search.status.success() && stdout.contains("Budget"),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("\\x1b[2J"), "{stdout}");
    // A diagnostic quoting the content: an unknown key written with an escape in it.
    let bad = text.replace("plats = ", "\"plats\\u001b[2J\" = 1\nplats = ");
    std::fs::write(&minutes, bad).unwrap();
    let check = protokoll()
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success());
    assert!(
        stderr.contains("\\x1b[2J") && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
}

/// `serve` keeps answering while 200 clients hold connections open without finishing a request
/// (slow or idle clients, or live-reload long-polls).
#[cfg(unix)]
#[test]
fn serve_answers_beside_200_slow_connections() {
    use std::io::{BufRead, Read, Write};
    let t = fixture("minimal");
    let mut serve = protokoll()
        .args(["serve", "--port", "0", "--root"])
        .arg(t.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut port = None;
    let mut lines = std::io::BufReader::new(serve.stderr.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().and_then(|p| p.parse::<u16>().ok());
        }
        if line.starts_with("built ") {
            break;
        }
    }
    // Kept reading: a closed stderr would end the server at its next line.
    std::thread::spawn(move || lines.for_each(drop));
    let port = port.expect("serve names its address");
    let slow: Vec<_> = (0..200)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: local").unwrap();
            s
        })
        .collect();
    let mut answers = Vec::new();
    for _ in 0..3 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        // A refused connection may close before the request is written: its answer still counts.
        let _ = write!(s, "GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n");
        let mut head = [0u8; 12];
        let got = s.read_exact(&mut head).map(|()| head.to_vec());
        answers.push(String::from_utf8_lossy(&got.unwrap_or_default()).into_owned());
    }
    drop(slow);
    let _ = serve.kill();
    let _ = serve.wait();
    assert!(answers.iter().all(|a| a == "HTTP/1.1 200"), "{answers:?}");
}

/// A page holding one 7 MB Markdown table (made as `scripts/faults.py` makes it) builds in under
/// 300 MB at its peak (resident set): the table is read off the parser a cell at a time, never
/// held as events or as a DOM.
#[cfg(target_os = "linux")]
#[test]
#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4, which gives its resource usage"
)]
fn a_7_mb_table_builds_in_under_300_mb() {
    let t = fixture("minimal");
    let line = "| Kommunstyrelsen | 2024-01-10 | § 12 | Budget för 2025 | 1 234 567 |\n";
    let rows = 7_000_000 / line.len();
    let mut page = String::from(
        "+++\ntyp = \"sida\"\nid = \"om-webbplatsen\"\ntitel = \"Om\"\n+++\n\
         | Organ | Datum | § | Rubrik | Belopp |\n|---|---|---|---|---|\n",
    );
    page.push_str(&line.repeat(rows));
    std::fs::write(t.path().join("content/om-webbplatsen.md"), page).unwrap();
    let out = t.path().join("public");
    let child = protokoll()
        .args(["build", "--root"])
        .arg(t.path())
        .arg("--output")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child (so `child` is never waited for again), writing only into
    // the two locals.
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    let html = std::fs::read_to_string(out.join("om-webbplatsen/index.html")).unwrap();
    assert_eq!(
        html.matches("<tr>").count(),
        rows + 1,
        "every row and the heading"
    );
    let peak_mb = usage.ru_maxrss / 1024; // kilobytes on Linux
    assert!(peak_mb < 300, "peak resident set {peak_mb} MB");
}
