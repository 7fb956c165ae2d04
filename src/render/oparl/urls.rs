//! Where the OParl objects live: one absolute URL per object, formed from `bas_url` and a site
//! path, and the site paths of the objects and list pages under `/oparl/`.

use crate::model::meeting::Part;
use crate::model::site::Site;
use crate::model::urls;

/// The entry point, the `System` object: the one URL an OParl client is given.
pub const SYSTEM: &str = "/oparl/system.json";

/// The schema URL of an OParl 1.1 type: `https://schema.oparl.org/1.1/Meeting`.
pub fn schema(kind: &str) -> String {
    format!("https://schema.oparl.org/1.1/{kind}")
}

/// An absolute URL: `bas_url` without its trailing slash, then `path` (which starts with `/`).
/// `bas_url` may carry a path of its own (`https://example.se/kommun/protokoll`), kept whole.
pub fn absolute(bas_url: &str, path: &str) -> String {
    let base = bas_url.trim_end_matches('/');
    let mut s = String::with_capacity(base.len() + path.len());
    s.push_str(base);
    s.push_str(path);
    s
}

/// `/oparl/body/<organisation>.json`.
pub fn body(site: &Site, b: usize) -> String {
    format!("/oparl/body/{}.json", site.organisations[b].id)
}

/// Page `n` (from 1) of the list in folder `list`: `/oparl/bodies/1.json`,
/// `/oparl/body/<organisation>/meeting/3.json`.
pub fn list_page(list: &str, n: usize) -> String {
    format!("{list}{n}.json")
}

/// The folder of the list of bodies.
pub const BODIES: &str = "/oparl/bodies/";

/// The folder of one of a body's lists (`organization`, `person`, `meeting`, `paper`).
pub fn body_list(site: &Site, b: usize, list: &str) -> String {
    format!("/oparl/body/{}/{list}/", site.organisations[b].id)
}

/// `/oparl/organization/<organ>.json`.
pub fn organization(site: &Site, o: usize) -> String {
    format!("/oparl/organization/{}.json", site.organs[o].id)
}

/// `/oparl/person/<id>.json`.
pub fn person(site: &Site, p: usize) -> String {
    format!("/oparl/person/{}.json", site.people[p].id)
}

/// `/oparl/meeting/<organ>/<YYYY-MM-DD>.json` (a second sitting: `<YYYY-MM-DD>-2.json`), from the
/// meeting's page URL so both follow one scheme.
pub fn meeting(site: &Site, m: usize) -> String {
    let page = urls::meeting(site, m);
    format!("/oparl/meeting{}.json", page.trim_end_matches('/'))
}

/// An agenda item inside its meeting's object: `…/<date>.json#p28` or `#punkt-3`, the anchors of
/// the meeting page.
pub fn agenda_item(site: &Site, m: usize, part: Part, number: &str) -> String {
    format!("{}#{}", meeting(site, m), urls::anchor(part, number))
}

/// `/oparl/paper/<id>.json`.
pub fn paper(site: &Site, d: usize) -> String {
    format!("/oparl/paper/{}.json", site.documents[d].id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_keeps_a_base_path_and_drops_one_trailing_slash() {
        assert_eq!(
            absolute("https://example.se/kommun/protokoll", "/oparl/system.json"),
            "https://example.se/kommun/protokoll/oparl/system.json"
        );
        assert_eq!(
            absolute("https://example.se/", "/oparl/system.json"),
            "https://example.se/oparl/system.json"
        );
        assert_eq!(absolute("https://example.se", "/"), "https://example.se/");
    }
}
