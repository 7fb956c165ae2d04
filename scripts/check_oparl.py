#!/usr/bin/env python3
"""Checks a built site's OParl 1.1 endpoint against the specification's JSON Schemas.

    check_oparl.py DIR...     for each built site: walks from DIR/oparl/system.json through every
                              list page and object, as a client would (URLs mapped to files)

Every object (and every object inside one: agenda items, files, locations, memberships,
consultations, terms) is validated with Python jsonschema against tests/oparl/schema/<Type>.json,
with the formats OParl uses checked (url: absolute http(s); date; date-time as
yyyy-mm-ddThh:mm:ss±hh:mm). Beyond the schema: `type` names the schema used; a key the schema
does not define starts with the vendor prefix `protokoll:`; every object is reachable at its id
(the file at the id's path, holding an object with that id, or an object with that id inside it);
every URL that references an OParl object resolves to an object of that type; list pages chain
through links.next with consistent pagination; every file under oparl/ is reached. Prints a
summary per site; exits non-zero on any error.
"""

import json
import re
import sys
from pathlib import Path

import jsonschema

SCHEMAS = Path(__file__).resolve().parent.parent / "tests" / "oparl" / "schema"
PREFIX = "https://schema.oparl.org/1.1/"
VENDOR = "protokoll:"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")

formats = jsonschema.FormatChecker(formats=())
formats.checks("url")(lambda s: not isinstance(s, str) or re.match(r"^https?://[^\s/]+", s))
formats.checks("date")(lambda s: not isinstance(s, str) or bool(DATE.match(s)))
formats.checks("date-time")(lambda s: not isinstance(s, str) or bool(DATE_TIME.match(s)))

SCHEMA = {p.stem: json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")}
VALIDATOR = {k: jsonschema.Draft4Validator(s, format_checker=formats) for k, s in SCHEMA.items()}


class Site:
    def __init__(self, root):
        self.root = Path(root)
        system = json.loads((self.root / "oparl" / "system.json").read_text())
        self.base = system["id"][: -len("/oparl/system.json")]
        self.errors = []
        self.objects = {}  # id -> type, for every object seen
        self.links = []  # (referencing id, url, type it must be)
        self.files = set()  # files reached
        self.counts = {}

    def error(self, where, message):
        self.errors.append(f"{where}: {message}")

    def path_of(self, url):
        """The file a URL of the site names (its fragment aside), or None."""
        if not url.startswith(self.base + "/"):
            return None
        return self.root / url[len(self.base) + 1 :].split("#")[0]

    def load(self, url):
        path = self.path_of(url)
        if path is None or not path.is_file():
            self.error(url, "no file at this URL")
            return None
        self.files.add(path.resolve())
        return json.loads(path.read_text())

    def check_object(self, obj, kind, where):
        """Validates `obj` as `kind`, then every object inside it."""
        oid = obj.get("id", where)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        for e in VALIDATOR[kind].iter_errors(obj):
            path = "/".join(str(p) for p in e.absolute_path)
            self.error(oid, f"{kind} schema: {path}: {e.message}")
        if obj.get("type") != PREFIX + kind:
            self.error(oid, f"type {obj.get('type')!r} where {kind} was expected")
        if oid in self.objects:
            self.error(oid, "two objects with this id")
        self.objects[oid] = kind
        props = SCHEMA[kind]["properties"]
        for key, value in obj.items():
            spec = props.get(key)
            if spec is None:
                if not key.startswith(VENDOR):
                    self.error(oid, f"key {key!r} is neither OParl's nor prefixed {VENDOR!r}")
                continue
            required = key in SCHEMA[kind].get("required", [])
            if value is None or value == "" or (value == [] and not required):
                self.error(oid, f"{key} is empty (OParl: leave the key out)")
            inner = spec.get("schema") or spec.get("items", {}).get("schema")
            if inner and inner.endswith(".json") and spec.get("references") != "externalList":
                for x in value if isinstance(value, list) else [value]:
                    if isinstance(x, dict):
                        self.check_object(x, inner[: -len(".json")], oid)
            ref = spec.get("references")
            if ref and ref != "externalList":
                for url in value if isinstance(value, list) else [value]:
                    if isinstance(url, str):
                        self.links.append((oid, url, ref))

    def walk_list(self, url, kind):
        """Every page of the external list starting at `url`; returns the objects' ids."""
        ids, n, seen = [], 0, set()
        total = None
        while url:
            if url in seen:
                self.error(url, "the list's pages loop")
                break
            seen.add(url)
            page = self.load(url)
            if page is None:
                break
            n += 1
            for key in ("data", "pagination", "links"):
                if key not in page:
                    self.error(url, f"list page without {key}")
            pg = page.get("pagination", {})
            if pg.get("currentPage") != n:
                self.error(url, f"currentPage {pg.get('currentPage')} on page {n}")
            total = pg.get("totalElements")
            if page.get("links", {}).get("self") != url:
                self.error(url, "links.self is not the page's URL")
            for obj in page.get("data", []):
                self.check_object(obj, kind, url)
                ids.append(obj.get("id"))
            url = page.get("links", {}).get("next")
        if total is not None and total != len(ids):
            self.error(url or kind, f"totalElements {total} but {len(ids)} objects")
        return ids

    def check_at_id(self, oid, kind):
        """An object of a list is also served at its id."""
        own = self.load(oid)
        if own is not None and own.get("id") != oid:
            self.error(oid, "the file at this id holds another object")

    def run(self):
        system_url = self.base + "/oparl/system.json"
        system = self.load(system_url)
        self.check_object(system, "System", system_url)
        if system.get("id") != system_url:
            self.error(system_url, "System id is not its URL")
        for body_id in self.walk_list(system["body"], "Body"):
            self.check_at_id(body_id, "Body")
            body = self.load(body_id)
            if body is None:
                continue
            for key, kind in (("organization", "Organization"), ("person", "Person"),
                              ("meeting", "Meeting"), ("paper", "Paper")):
                for oid in self.walk_list(body[key], kind):
                    self.check_at_id(oid, kind)
        for source, url, kind in self.links:
            if self.objects.get(url) != kind:
                found = self.objects.get(url)
                self.error(source, f"links to {url} as {kind}, which is " +
                           (f"a {found}" if found else "no object seen from the System"))
        on_disk = {p.resolve() for p in (self.root / "oparl").rglob("*") if p.is_file()}
        for p in sorted(on_disk - self.files):
            self.error(str(p), "a file of the endpoint no list or object reaches")
        return self.errors


def main(dirs):
    failed = 0
    for d in dirs:
        site = Site(d)
        errors = site.run()
        counts = ", ".join(f"{v} {k}" for k, v in sorted(site.counts.items()))
        print(f"{d}: {len(site.objects)} OParl objects ({counts}), {len(site.files)} files, "
              f"{len(errors)} errors")
        for e in errors[:50]:
            print("  " + e)
        failed += bool(errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
