//! The OParl 1.1 endpoint (docs/OPARL.md) as a client walks it: from the System through the list
//! pages to every object, each at its absolute id under `bas_url` (a base path included); the
//! JSON twins linking to their objects; nothing without `bas_url`. The JSON Schemas of the
//! specification are applied by scripts/check_oparl.py.

use crate::common::{build, fixture, json, repo};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A base URL with a path: every absolute URL must keep it.
const BASE: &str = "https://example.se/kommun/protokoll";

/// The site at `root` rendered in memory with `bas_url` set to `base` (or none): every output
/// file by site path.
struct Rendered(BTreeMap<String, Vec<u8>>);

fn rendered(root: &Path, base: Option<&str>) -> Rendered {
    let mut site = protokoll::read_site(root).unwrap_or_else(|e| panic!("{e}"));
    site.config.bas_url = base.map(str::to_string);
    let files = protokoll::render::render(&site, root).unwrap_or_else(|e| panic!("{e}"));
    Rendered(
        files
            .into_iter()
            .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
            .collect(),
    )
}

impl Rendered {
    fn has(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    /// The JSON of the file at site path `path` (`a/b/index.json`).
    fn json(&self, path: &str) -> Value {
        let bytes = self.0.get(path).unwrap_or_else(|| panic!("no file {path}"));
        serde_json::from_slice(bytes).unwrap()
    }

    /// The JSON at absolute URL `url` (its fragment aside).
    fn get(&self, url: &str) -> Value {
        let rest = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
        self.json(rest.split('#').next().unwrap().trim_start_matches('/'))
    }
}

/// Every object of every page of the list at `url`, checking the pages' links on the way.
fn walk_list(out: &Rendered, url: &str) -> Vec<Value> {
    let mut objects = Vec::new();
    let mut next = Some(url.to_string());
    let mut n = 0;
    while let Some(url) = next {
        let page = out.get(&url);
        n += 1;
        assert_eq!(page["links"]["self"], url.as_str());
        assert_eq!(page["pagination"]["currentPage"], n, "{url}");
        assert_eq!(page["pagination"]["elementsPerPage"], 100, "{url}");
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= 100, "{url}");
        objects.extend(data.iter().cloned());
        next = page["links"]["next"].as_str().map(str::to_string);
        if next.is_none() {
            assert_eq!(page["pagination"]["totalPages"], n, "{url}");
            assert_eq!(page["pagination"]["totalElements"], objects.len(), "{url}");
        }
    }
    objects
}

/// Every object a client reaches from the System, by type.
fn reach(out: &Rendered) -> Vec<(&'static str, Value)> {
    let system = out.get(&format!("{BASE}/oparl/system.json"));
    assert_eq!(system["type"], "https://schema.oparl.org/1.1/System");
    let mut all = vec![("System", system.clone())];
    for body in walk_list(out, system["body"].as_str().unwrap()) {
        for (key, kind) in [
            ("organization", "Organization"),
            ("person", "Person"),
            ("meeting", "Meeting"),
            ("paper", "Paper"),
        ] {
            for x in walk_list(out, body[key].as_str().unwrap()) {
                all.push((kind, x));
            }
        }
        all.push(("Body", body));
    }
    all
}

#[test]
fn every_object_is_reached_from_the_system_at_its_absolute_id_under_a_base_path() {
    let out = rendered(&repo(), Some(BASE));
    let all = reach(&out);
    let mut ids = BTreeSet::new();
    for (kind, x) in &all {
        let id = x["id"].as_str().unwrap();
        assert!(id.starts_with(&format!("{BASE}/oparl/")), "{id}");
        assert_eq!(x["type"], format!("https://schema.oparl.org/1.1/{kind}"));
        assert!(ids.insert(id.to_string()), "{id} is listed twice");
        // The object is also served at its id, whole.
        assert_eq!(&out.get(id), x, "{id}");
        // `web` is the HTML page of the same thing, under the base path too.
        let web = x["web"].as_str().unwrap();
        let page = web.strip_prefix(BASE).unwrap();
        let html = page.split('#').next().unwrap();
        assert!(out.has(&format!("{}index.html", &html[1..])), "{web}");
    }
    let count = |k: &str| all.iter().filter(|(kind, _)| *kind == k).count();
    let site_model = protokoll::read_site(&repo()).unwrap();
    assert_eq!(count("Meeting"), site_model.meetings.len());
    assert_eq!(count("Person"), site_model.people.len());
    assert_eq!(count("Paper"), site_model.documents.len());
    assert_eq!(count("Organization"), site_model.organs.len());
    assert_eq!(count("Body"), site_model.organisations.len());
    // The real site's main body lists more than one page of people.
    let main = &all
        .iter()
        .find(|(k, x)| *k == "Body" && x["name"] == "Kommunförbundet Kalmar län")
        .unwrap()
        .1;
    let first = out.get(main["person"].as_str().unwrap());
    assert!(first["links"]["next"].is_string());
}

#[test]
fn references_between_objects_point_at_objects_a_client_has_seen() {
    let out = rendered(&repo(), Some(BASE));
    let all = reach(&out);
    let mut seen = BTreeSet::new();
    for (_, x) in &all {
        collect_ids(x, &mut seen);
    }
    let mut checked = 0;
    for (kind, x) in &all {
        let refs: Vec<&str> = match *kind {
            "Meeting" => x["organization"].as_array().unwrap().iter().collect(),
            "Person" => x["membership"].as_array().into_iter().flatten().collect(),
            "Paper" => x["consultation"].as_array().into_iter().flatten().collect(),
            _ => Vec::new(),
        }
        .into_iter()
        .flat_map(|v| match v {
            Value::String(s) => vec![s.as_str()],
            Value::Object(o) => ["organization", "person", "agendaItem", "meeting", "paper"]
                .iter()
                .filter_map(|k| o.get(*k).and_then(Value::as_str))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
        for r in refs {
            assert!(seen.contains(r), "{} links to {r}, never seen", x["id"]);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} references");
}

/// The ids of an object and of every object inside it.
fn collect_ids(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            if let Some(id) = o.get("id").and_then(Value::as_str) {
                out.insert(id.to_string());
            }
            o.values().for_each(|x| collect_ids(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_ids(x, out)),
        _ => {}
    }
}

#[test]
fn the_twins_link_to_their_oparl_objects() {
    let out = rendered(&repo().join("tests/fixtures/kommun"), Some(BASE));
    let meeting = out.json("kommunstyrelsen/2024-09-10/index.json");
    let object = out.get(meeting["oparl"].as_str().unwrap());
    assert_eq!(object["id"], meeting["oparl"]);
    assert_eq!(object["web"], format!("{BASE}/kommunstyrelsen/2024-09-10/"));
    // A paragraph's twin names its agenda item inside the meeting's object, and back.
    let paragraph = out.json("kommunstyrelsen/2024-09-10/12/index.json");
    let item = object["agendaItem"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == paragraph["oparl"])
        .unwrap();
    assert_eq!(item["number"], "§ 12");
    assert_eq!(item["protokoll:dnr"][0], "KS 2024/31");
    assert_eq!(
        item["protokoll:json"],
        format!("{BASE}/kommunstyrelsen/2024-09-10/12/index.json")
    );
    let organ = out.json("kommunstyrelsen/index.json");
    assert_eq!(
        out.get(organ["oparl"].as_str().unwrap())["name"],
        organ["name"]
    );
    let person = out.json("person/anna-andersson/index.json");
    assert_eq!(
        out.get(person["oparl"].as_str().unwrap())["name"],
        person["name"]
    );
    let api = out.json("api/index.json");
    assert_eq!(api["oparl"], format!("{BASE}/oparl/system.json"));
    // The justering and the notice board, which OParl has no keys for.
    assert_eq!(object["protokoll:justerad"], "2024-09-12");
    assert_eq!(object["protokoll:anslag"]["anslagen"], "2024-09-13");
}

#[test]
fn created_and_modified_are_the_first_and_last_day_the_content_states() {
    let site = fixture("kommun");
    build(site.path()).unwrap();
    let out = site.path().join("public");
    let meeting = json(&out, "oparl/meeting/kommunstyrelsen/2024-09-10.json");
    // Held on the 10th, justerat on the 12th, posted on the 13th.
    assert_eq!(meeting["created"], "2024-09-10T00:00:00+02:00");
    assert_eq!(meeting["modified"], "2024-09-13T00:00:00+02:00");
    // The same again on a later build: nothing comes from the clock.
    let again = fixture("kommun");
    build(again.path()).unwrap();
    let other = json(
        &again.path().join("public"),
        "oparl/meeting/kommunstyrelsen/2024-09-10.json",
    );
    assert_eq!(meeting, other);
}

#[test]
fn without_bas_url_there_is_no_endpoint_and_no_link_to_one() {
    let out = rendered(&repo().join("tests/fixtures/kommun"), None);
    assert!(out.0.keys().all(|p| !p.starts_with("oparl/")));
    let meeting = out.json("kommunstyrelsen/2024-09-10/index.json");
    assert!(meeting.get("oparl").is_none());
    assert!(out.json("api/index.json")["oparl"].is_null());
}
