//! Fuzzes the content parser: any bytes as a Markdown content file (front matter + body) and as a
//! register, then everything the build does with one file without a site around it: the
//! personnummer guard, the Markdown scan, rendering and sanitizing. Nothing may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use protokoll::reading::load::parse_file;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for register in [false, true] {
        let path = PathBuf::from(if register {
            "content/r.toml"
        } else {
            "content/x.md"
        });
        if let Ok(file) = parse_file(path, text.to_string(), register) {
            let _ = protokoll::reading::scan::scan(std::slice::from_ref(&file));
        }
    }
    let _ = protokoll::markup::markdown::render(text, "p1-");
    let _ = protokoll::markup::markdown::to_plain(text);
    let _ = protokoll::markup::sanitize::audit(text);
    let _ = protokoll::markup::sanitize::links(text);
    let _ = protokoll::reading::personnummer::find(text);
    let _ = protokoll::reading::body::parse(std::path::Path::new("x.md"), text, 1);
});
