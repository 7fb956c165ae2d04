#!/usr/bin/env python3
"""Checks a built protokoll site with independent tools, for scripts/test.sh.

    check_outputs.py site DIR...          feeds (RELAX NG + RFC 4287 rules + feedparser),
                                          calendars (icalendar), sitemap, manifest
    check_outputs.py bag DIR              bagit.py --validate accepts the bag, and rejects a copy
                                          with one byte of one payload file changed
    check_outputs.py same A B             two outputs have identical manifests (sok/tantivy/ aside)

Each check prints one line; the last line is 'N passed, N failed'. Exits non-zero on any failure.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SCHEMA = Path(__file__).resolve().parent.parent / "tests" / "schemas" / "atom.rng"

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}")


def atom_rules(path, root):
    """The RFC 4287 rules a grammar cannot say (section 4.1.1 and 4.1.2)."""
    problems = []
    entries = root.findall(ATOM + "entry")
    feed_author = root.find(ATOM + "author") is not None
    ids = set()
    for e in [root] + entries:
        id_ = e.findtext(ATOM + "id", "")
        if not id_.startswith(("https://", "http://", "tag:", "urn:")):
            problems.append(f"id is not an absolute IRI: {id_!r}")
        if e is not root:
            if id_ in ids:
                problems.append(f"duplicate entry id {id_}")
            ids.add(id_)
            if not feed_author and e.find(ATOM + "author") is None:
                problems.append(f"entry {id_} has no author and the feed has none")
            alternates = [l for l in e.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
            if e.find(ATOM + "content") is None and not alternates:
                problems.append(f"entry {id_} has neither content nor an alternate link")
            if e.find(ATOM + "summary") is None and e.find(ATOM + "content") is None:
                pass  # a summary is required only for out-of-line or binary content
        alt = [(l.get("type"), l.get("hreflang")) for l in e.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if len(alt) != len(set(alt)):
            problems.append(f"two alternate links with the same type and hreflang in {id_}")
        for l in e.findall(ATOM + "link"):
            href = l.get("href", "")
            if not href.startswith(("https://", "http://")):
                problems.append(f"link is not absolute: {href!r}")
    self_links = [l for l in root.findall(ATOM + "link") if l.get("rel") == "self"]
    if len(self_links) != 1 or not str(path).replace(os.sep, "/").endswith(self_links[0].get("href").split("://", 1)[1].split("/", 1)[1]):
        problems.append("the self link does not point at the feed's own path")
    return problems


def check_feeds(site):
    from lxml import etree
    import feedparser

    grammar = etree.RelaxNG(etree.parse(str(SCHEMA)))
    feeds = sorted(site.rglob("atom.xml"))
    check(feeds, f"{site}: has Atom feeds")
    for f in feeds:
        rel = f.relative_to(site)
        root = ET.parse(f).getroot()  # well-formed XML
        check(root.tag == ATOM + "feed", f"{rel}: root element is atom:feed")
        doc = etree.parse(str(f))
        valid = grammar.validate(doc)
        check(valid, f"{rel}: valid against the Atom grammar: {grammar.error_log.last_error}")
        problems = atom_rules(rel, root)
        check(not problems, f"{rel}: RFC 4287 rules: {problems[:3]}")
        parsed = feedparser.parse(f.read_bytes())
        check(not parsed.bozo and parsed.version == "atom10", f"{rel}: feedparser reads it as Atom 1.0 ({parsed.get('bozo_exception')})")
        check(len(parsed.entries) == len(root.findall(ATOM + "entry")), f"{rel}: feedparser sees every entry")
    print(f"{site}: {len(feeds)} Atom feeds checked")


def check_calendars(site):
    import icalendar

    cals = sorted(site.rglob("kalender.ics"))
    check(cals, f"{site}: has calendars")
    events = 0
    for f in cals:
        rel = f.relative_to(site)
        raw = f.read_bytes()
        check(b"\r\n" in raw and all(len(l) <= 75 for l in raw.split(b"\r\n")), f"{rel}: CRLF lines of at most 75 octets")
        cal = icalendar.Calendar.from_ical(raw)
        check(cal.get("VERSION") == "2.0" and cal.get("PRODID"), f"{rel}: VERSION and PRODID")
        tzids = [str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")]
        check(tzids == ["Europe/Stockholm"], f"{rel}: one VTIMEZONE for Europe/Stockholm, got {tzids}")
        uids = []
        for ev in cal.walk("VEVENT"):
            events += 1
            uid = ev.get("UID")
            check(uid is not None and ev.get("DTSTART") is not None, f"{rel}: event has UID and DTSTART: {uid}")
            check(ev.get("DTSTAMP") is not None, f"{rel}: event has DTSTAMP: {uid}")
            start = ev.decoded("DTSTART")
            if hasattr(start, "tzinfo") and start.tzinfo is not None:
                check("Stockholm" in str(start.tzinfo), f"{rel}: {uid} starts in Europe/Stockholm, not {start.tzinfo}")
                if ev.get("DTEND") is not None:
                    check(ev.decoded("DTEND") > start, f"{rel}: {uid} ends after it starts")
            check(str(ev.get("STATUS")) in ("CONFIRMED", "CANCELLED"), f"{rel}: {uid} has a status")
            check(str(ev.get("URL", "")).startswith("http"), f"{rel}: {uid} links to its page")
            uids.append(str(uid))
        check(len(uids) == len(set(uids)), f"{rel}: UIDs are unique")
    print(f"{site}: {len(cals)} calendars, {events} events checked")


def html_pages(site):
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        yield "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def check_sitemap(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = []
    if root.tag == SITEMAP + "sitemapindex":
        for sm in root.findall(SITEMAP + "sitemap"):
            name = sm.findtext(SITEMAP + "loc").rsplit("/", 1)[1]
            locs += [u.findtext(SITEMAP + "loc") for u in ET.parse(site / name).getroot().findall(SITEMAP + "url")]
    else:
        check(root.tag == SITEMAP + "urlset", "sitemap.xml: root is urlset")
        locs = [u.findtext(SITEMAP + "loc") for u in root.findall(SITEMAP + "url")]
    base = {l.split("/", 3)[2] for l in locs}
    check(len(base) == 1, f"sitemap: one host, got {base}")
    paths = sorted("/" + l.split("/", 3)[3] for l in locs)
    pages = sorted(html_pages(site))
    check(paths == pages, f"sitemap lists every HTML page: missing {sorted(set(pages) - set(paths))[:5]}, extra {sorted(set(paths) - set(pages))[:5]}")
    robots = (site / "robots.txt").read_text()
    check("Sitemap: " in robots, "robots.txt points at the sitemap")
    print(f"{site}: sitemap lists {len(paths)} of {len(pages)} pages")


def manifest(site):
    rows = {}
    for line in (site / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines():
        digest, path = line.split("  ", 1)
        rows[path] = digest
    return rows


def check_manifest(site):
    rows = manifest(site)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    files.remove("manifest-sha256.txt")
    check(sorted(rows) == files, f"manifest lists every file but itself: {sorted(set(files) ^ set(rows))[:5]}")
    bad = [p for p in files if p in rows and hashlib.sha256((site / p).read_bytes()).hexdigest() != rows[p]]
    check(not bad, f"manifest hashes match the files: {bad[:5]}")
    print(f"{site}: manifest of {len(rows)} files checked")


def bagit_validate(bag):
    exe = shutil.which("bagit.py")
    cmd = [exe] if exe else [sys.executable, "-m", "bagit"]
    return subprocess.run(cmd + ["--validate", str(bag)], capture_output=True, text=True)


def check_bag(bag):
    ok = bagit_validate(bag)
    check(ok.returncode == 0, f"bagit.py --validate accepts {bag}: {ok.stderr.strip()[-500:]}")
    with tempfile.TemporaryDirectory() as t:
        copy = Path(t) / "bag"
        shutil.copytree(bag, copy)
        victim = sorted((copy / "data" / "webbplats").rglob("index.json"))[0]
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0x01
        victim.write_bytes(bytes(data))
        bad = bagit_validate(copy)
        check(bad.returncode != 0, f"bagit.py --validate rejects the bag after one byte of {victim.relative_to(copy)} changed")
        print(f"{bag}: bagit.py accepts it ({ok.returncode}), rejects a one-byte change ({bad.returncode})")


def check_same(a, b):
    def rows(site):
        return {p: h for p, h in manifest(site).items() if not p.startswith("sok/tantivy/")}

    ra, rb = rows(a), rows(b)
    diff = sorted(p for p in set(ra) | set(rb) if ra.get(p) != rb.get(p))
    check(not diff, f"the two builds differ in {len(diff)} files: {diff[:10]}")
    print(f"{a} and {b}: {len(ra)} files, identical manifests" if not diff else f"{len(diff)} files differ")


def main(argv):
    mode, args = argv[1], [Path(a) for a in argv[2:]]
    if mode == "site":
        for site in args:
            check_feeds(site)
            check_calendars(site)
            check_sitemap(site)
            check_manifest(site)
    elif mode == "bag":
        check_bag(args[0])
    elif mode == "same":
        check_same(args[0], args[1])
    else:
        sys.exit(__doc__)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
