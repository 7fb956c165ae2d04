//! What `serve` adds to pages: the live-reload script, injected only into HTML as it is served
//! (never into the built files), and the page that shows a failed build's diagnostics.

use crate::markup::html::escape;

/// The path the reload script long-polls. Content ids are `a-z0-9-`, so no page can clash with it.
pub const RELOAD_PATH: &str = "/__protokoll/reload";

/// The script that waits for the next build and reloads the page. `generation` is the build the
/// page came from; the server answers once a newer build (successful or not) exists. Any other
/// answer (a 503 when the client already waits in too many tabs) or none waits 2 s before asking
/// again, so the script never asks in a tight loop.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script>/* protokoll serve: live reload */(function(){{\
var g={generation};\
function poll(){{fetch('{RELOAD_PATH}?since='+g,{{cache:'no-store'}})\
.then(function(r){{if(!r.ok){{throw r;}}return r.text();}})\
.then(function(t){{if(Number(t)>g){{location.reload();}}else{{poll();}}}})\
.catch(function(){{setTimeout(poll,2000);}});}}\
poll();}})();</script>"
    )
}

/// Inserts the reload script before the last `</body>`, or at the end if there is none.
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page shown for every request while the last build failed.
pub fn error_page(message: &str, generation: u64) -> Vec<u8> {
    let count = message.lines().filter(|l| l.contains(": error: ")).count();
    let summary = match count {
        0 => "Bygget misslyckades.".to_string(),
        1 => "Bygget misslyckades: 1 fel.".to_string(),
        n => format!("Bygget misslyckades: {n} fel."),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Bygget misslyckades – protokoll serve</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1a1a1a}}\
h1{{color:#a00;font-size:1.5rem}}pre{{background:#fff4f4;border-left:4px solid #a00;\
padding:1rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95rem}}</style></head>\
<body><main><h1>{summary}</h1>\
<p>Rätta felen nedan och spara filen; sidan laddas om av sig själv när bygget lyckas. \
Ingenting av det som visas här publiceras.</p>\
<pre>{}</pre></main>{}</body></html>\n",
        escape(message),
        reload_script(generation)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<p>a</p></body></html>", 7)).unwrap();
        let script_at = out.find("<script>").unwrap();
        assert!(script_at < out.find("</body>").unwrap());
        assert!(out.contains("var g=7;"));
        assert!(out.starts_with("<p>a</p>"));
        let bare = String::from_utf8(inject(b"<p>x</p>", 1)).unwrap();
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn error_page_escapes_and_counts_diagnostics() {
        let msg = "content/a.md:3:1: error: unknown field \"<x>\"\ncontent/b.md:1:1: error: \
            y\n2 error(s)";
        let page = String::from_utf8(error_page(msg, 3)).unwrap();
        assert!(page.contains("2 fel"));
        assert!(page.contains("content/a.md:3:1: error: unknown field &quot;&lt;x&gt;&quot;"));
        assert!(!page.contains("<x>"));
        assert!(page.contains(RELOAD_PATH));
    }
}
