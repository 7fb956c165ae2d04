//! The HTTP/1.1 side of `serve`, kept small and strict: read one request head, check its `Host`,
//! map its target to a file inside the output directory (never outside it), and write one response.
//! Pure functions where possible so the rules are unit-tested without sockets.

use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// Largest request head accepted, in bytes.
pub const MAX_HEAD: usize = 16 * 1024;

/// A parsed request head: only what the server looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target exactly as sent (`/styrelsen/?a=b`).
    pub target: String,
    /// The `Host` header, if exactly one was sent.
    pub host: Option<String>,
}

/// Reads bytes up to and including the blank line that ends a request head.
/// `Ok(None)` when the peer closed (or timed out) before sending anything; `Err` with a status
/// for a bad head, 408 for one that stopped coming.
pub fn read_head(stream: &mut impl Read) -> Result<Option<Vec<u8>>, u16> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) if head.is_empty() => return Ok(None),
            Ok(0) => return Err(400),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) if head.is_empty() => return Ok(None),
            // Part of a head, then nothing more before the deadline (see `clients::Deadline`).
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                ) =>
            {
                return Err(408);
            }
            Err(_) => return Err(400),
        };
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = find(&head, b"\r\n\r\n") {
            head.truncate(end + 4);
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Err(431);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses a request head. The request line must be printable ASCII with single spaces; a second
/// `Host` header is an error (two hosts is how request smuggling starts).
pub fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let text = head.strip_suffix(b"\r\n\r\n").ok_or(400u16)?;
    let lines = split_crlf(text);
    if lines
        .iter()
        .any(|l| l.contains(&b'\r') || l.contains(&b'\n'))
    {
        return Err(400); // bare CR or LF: ambiguous framing
    }
    let mut lines = lines.into_iter();
    let line = lines.next().ok_or(400u16)?;
    if !line.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        return Err(400);
    }
    // Checked ASCII just above, so this cannot fail.
    let line = std::str::from_utf8(line).map_err(|_| 400u16)?;
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(400);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(400);
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(if version.starts_with("HTTP/") {
            505
        } else {
            400
        });
    }
    let mut host = None;
    let mut hosts = 0;
    for raw in lines {
        let colon = raw.iter().position(|&b| b == b':').ok_or(400u16)?;
        let (name, value) = (&raw[..colon], &raw[colon + 1..]);
        if name.is_empty() || !name.iter().all(|&b| b.is_ascii_graphic()) {
            return Err(400);
        }
        if name.eq_ignore_ascii_case(b"host") {
            hosts += 1;
            let value = std::str::from_utf8(value).map_err(|_| 400u16)?;
            host = Some(value.trim_matches([' ', '\t']).to_string());
        }
    }
    if hosts > 1 {
        return Err(400);
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        host,
    })
}

fn split_crlf(b: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i + 1 < b.len() {
        if &b[i..i + 2] == b"\r\n" {
            out.push(&b[start..i]);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&b[start..]);
    out
}

/// Whether a `Host` header names this server: `localhost` or `127.0.0.1`, with no port or ours.
/// Anything else (another name pointing here, as in DNS rebinding) is refused.
pub fn host_allowed(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, given) = match host.rsplit_once(':') {
        Some((name, p)) => (name, Some(p)),
        None => (host.as_str(), None),
    };
    matches!(name, "localhost" | "127.0.0.1") && given.is_none_or(|p| p == port.to_string())
}

/// Where a request target leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file inside the output directory (canonical path).
    File(PathBuf),
    /// A directory asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Malformed, or trying to leave the output directory.
    BadRequest,
    /// No such file inside the output directory.
    NotFound,
}

/// Maps a request target to a file under `root` (which must be canonical). The path is
/// percent-decoded once; the result must be UTF-8 without NUL, backslashes, control characters or
/// `.`/`..` segments, must not name a hidden file, and after following symlinks must still lie
/// inside `root`.
pub fn resolve(root: &Path, target: &str) -> Target {
    let Some(path) = target.strip_prefix('/') else {
        return Target::BadRequest; // absolute-form (`http://…`) and `*` are not for us
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let Some(bytes) = percent_decode(path) else {
        return Target::BadRequest;
    };
    let Ok(decoded) = String::from_utf8(bytes) else {
        return Target::BadRequest; // includes overlong forms such as %c0%ae
    };
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Target::BadRequest;
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Target::BadRequest,
            s if s.starts_with('.') => return Target::NotFound,
            s => segments.push(s),
        }
    }
    let mut file = root.to_path_buf();
    for seg in &segments {
        let p = Path::new(seg);
        // A segment must be one plain name (no drive prefixes or roots on any platform).
        if p.components().count() != 1
            || !matches!(p.components().next(), Some(Component::Normal(_)))
        {
            return Target::BadRequest;
        }
        file.push(p);
    }
    let Ok(real) = file.canonicalize() else {
        return Target::NotFound;
    };
    if !real.starts_with(root) {
        return Target::NotFound;
    }
    if real.is_dir() {
        if !decoded.ends_with('/') && !segments.is_empty() {
            return Target::Redirect(format!("/{}/", encode_segments(&segments)));
        }
        return match real.join("index.html").canonicalize() {
            Ok(index) if index.starts_with(root) && index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// Decodes `%XY` escapes once; `None` for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Joins path segments with `/`, percent-encoding everything but unreserved characters.
fn encode_segments(segments: &[&str]) -> String {
    let mut out = String::new();
    for (i, seg) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in seg.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The `Content-Type` of a file by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

/// The reason phrase of the statuses this server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// A response to write: status, extra headers, body.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Other headers.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A plain-text response, for errors.
    pub fn text(status: u16, body: impl Into<String>) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: body.into().into_bytes(),
        }
    }

    /// Writes the response and closes the exchange (`Connection: close`); `head_only` omits the
    /// body.
    pub fn write_to(&self, w: &mut impl Write, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        w.write_all(head.as_bytes())?;
        if !head_only {
            w.write_all(&self.body)?;
        }
        w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn parses_a_browser_request() {
        let r = parse_head(b"GET /a/?q=1 HTTP/1.1\r\nHost: localhost:3000\r\nAccept: */*\r\n\r\n")
            .unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a/?q=1");
        assert_eq!(r.host.as_deref(), Some("localhost:3000"));
    }

    #[test]
    fn rejects_malformed_heads() {
        for bad in [
            &b"GET /a\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n"[..],
            b"GET /\xc3\xa5 HTTP/1.1\r\nHost: localhost\r\n\r\n",
            b"GET  / HTTP/1.1\r\nHost: localhost\r\n\r\n",
            b"get / HTTP/1.1\r\nHost: localhost\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / FTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\nHost: localhost\r\n\r\n",
        ] {
            assert_eq!(
                parse_head(bad),
                Err(400),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert_eq!(parse_head(b"GET / HTTP/2.0\r\n\r\n"), Err(505));
    }

    #[test]
    fn only_local_hosts_on_our_port_are_allowed() {
        for ok in ["localhost", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:8000"] {
            assert!(host_allowed(ok, 8000), "{ok}");
        }
        for bad in [
            "evil.example",
            "localhost:8001",
            "localhost.evil.example",
            "127.0.0.2",
            "[::1]:8000",
            "",
            "127.0.0.1:8000:8000",
        ] {
            assert!(!host_allowed(bad, 8000), "{bad}");
        }
    }

    #[test]
    fn resolves_files_directories_and_redirects_inside_the_root() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("out");
        fs::create_dir_all(root.join("styrelsen/2024-01-10")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("styrelsen/2024-01-10/index.html"), "m").unwrap();
        fs::write(root.join("å.txt"), "å").unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/styrelsen/2024-01-10/?x=1"),
            Target::File(root.join("styrelsen/2024-01-10/index.html"))
        );
        assert_eq!(
            resolve(&root, "/styrelsen/2024-01-10"),
            Target::Redirect("/styrelsen/2024-01-10/".into())
        );
        assert_eq!(
            resolve(&root, "/%C3%A5.txt"),
            Target::File(root.join("å.txt"))
        );
        assert_eq!(resolve(&root, "/nope/"), Target::NotFound);
        assert_eq!(resolve(&root, "/styrelsen/"), Target::NotFound, "no index");
    }

    #[test]
    fn refuses_every_way_out() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("out");
        fs::create_dir_all(&root).unwrap();
        fs::write(t.path().join("secret"), "s").unwrap();
        fs::write(root.join(".hidden"), "h").unwrap();
        let root = root.canonicalize().unwrap();
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/a/..%2f..%2fsecret",
            "/..\\secret",
            "/%5c..%5csecret",
            "/%00",
            "/%c0%ae%c0%ae/secret",
            "/%",
            "/%zz",
            "http://localhost/",
            "*",
            "",
        ] {
            assert_eq!(resolve(&root, bad), Target::BadRequest, "{bad}");
        }
        for missing in ["/%252e%252e/secret", "/.hidden", "//secret", "/etc/passwd"] {
            assert_eq!(resolve(&root, missing), Target::NotFound, "{missing}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_not_followed() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("out");
        fs::create_dir_all(&root).unwrap();
        fs::write(t.path().join("secret"), "s").unwrap();
        fs::write(root.join("inside"), "i").unwrap();
        std::os::unix::fs::symlink(t.path().join("secret"), root.join("link")).unwrap();
        std::os::unix::fs::symlink(t.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("inside"), root.join("ok")).unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(resolve(&root, "/link"), Target::NotFound);
        assert_eq!(resolve(&root, "/up/secret"), Target::NotFound);
        assert_eq!(resolve(&root, "/ok"), Target::File(root.join("inside")));
    }
}
