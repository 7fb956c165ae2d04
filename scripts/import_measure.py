#!/usr/bin/env python3
"""Measures `protokoll import` against the hand-made content of the same meetings and documents.

Each seed text (tests/import/seeds/ by default) is imported into an empty site of its own (this
repository's protokoll.toml and its organ and organisation registers, no people), and the fields of
what the import wrote are compared with the hand-made files under content/ that the seed became:

  when         meeting date, start, end, place
  attendance   every attendance name with its group, party and function (role)
  officers     chair, secretary, each justerare
  numbers      every § or item number
  titles       every § or item title
  dnr          every Dnr of every §
  presenters   every Föredragande
  decisions    every decision text (word overlap >= 0.95 counts as equal)
  documents    every document's title and kind
  cells        every non-empty cell of a document's tables (as a multiset)

A field of the hand-made file that the import does not have, or has otherwise, is unequal. It prints
the share of equal fields per seed and per field kind, and overall; with --build it also moves the
register entries the import wrote into the register and builds each imported site, counting errors;
with --time it times the import of the largest seed (the median of five runs).

    python3 scripts/import_measure.py [--bin target/release/protokoll] [--seeds DIR] [--build] [--time]
                                      [--verbose]   (lists every unequal field)

Standard library only (Python 3.11+ for tomllib).
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = "dokument/"

# The hand-made files each seed became (relative to content/).
EXPECTED = {
    "000": ["styrelsen/2024-09-12/protokoll.md"],
    "001": ["lansgemensam-ledning/2022-11-25/protokoll.md"],
    "002": [
        "forbundsmotet/2024-04-25/protokoll.md",
        "forbundsmotet/2024-04-25/kallelse.md",
    ]
    + [
        DOC + d + ".md"
        for d in [
            "lansstyrelsen-ny-ledamot-vimmerby-2024",
            "motion-billig-daglig-matratt",
            "vimmerby-kf-remittering-billig-daglig-matratt",
            "motion-handlingsprogram-gangkriminalitet",
            "vimmerby-kf-remittering-gangkriminalitet",
            "tjansteskrivelse-2024-04-11-arsberattelse",
            "arsredovisning-2023",
            "verksamhetsberattelse-2023",
            "tjansteskrivelse-2024-04-11-revisionsberattelse",
            "revisionsberattelse-2023",
            "tjansteskrivelse-2024-04-11-verksamhetsplan",
            "verksamhetsplan-budget-2024",
        ]
    ],
    "003": ["presidiekonferensen/2020-10-02/protokoll.md"],
    "004": ["styrelsen/2024-06-13/kallelse.md"]
    + [
        DOC + d + ".md"
        for d in [
            "tjansteskrivelse-2024-06-ny-ersattare-vimmerby",
            "vimmerby-kf-paragraf-69-2024",
            "tjansteskrivelse-2024-06-miljosamverkan-sydost",
            "miljosamverkan-sydost-verksamhetsberattelse-2023",
            "tjansteskrivelse-2024-06-negativt-resultat",
            "ekonomisk-avstamning-april-2024",
            "tjansteskrivelse-2024-06-nara-vard-ordnat-inforande",
            "nara-vard-gemensam-arbetsprocess",
            "tjansteskrivelse-2023-06-20-nara-vard-malbild-strategi",
            "nara-vard-malbild-strategi",
            "nara-vard-gemensam-arbetsprocess-bilaga-2",
            "nara-vard-uppdragsbeskrivning-ordnat-inforande",
        ]
    ],
}

KINDS = [
    "when",
    "attendance",
    "officers",
    "numbers",
    "titles",
    "dnr",
    "presenters",
    "decisions",
    "documents",
    "cells",
]

DECISION_HEADINGS = re.compile(r"^(beslut|förslag till beslut|.*s beslut)$", re.I)


def split_file(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n?(.*)", text, re.S)
    if not m:
        return {}, text
    return tomllib.loads(m.group(1)), m.group(2)


def norm(s):
    """Case, spacing, Markdown emphasis and escapes, and punctuation at the ends aside."""
    s = str(s).replace("\\", "").replace("**", "").replace("*", "")
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\s*,\s*(?=§)", " ", s)
    s = " ".join(s.split()).lower()
    return s.strip(" .,:;")


def words(s):
    return re.findall(r"\w+", norm(s))


def overlap(a, b):
    wa, wb = Counter(words(a)), Counter(words(b))
    if not wa and not wb:
        return 1.0
    common = sum((wa & wb).values())
    return common / max(sum(wa.values()), sum(wb.values()))


def items(body):
    """The §§ or items of a meeting's body: number -> fields."""
    out = {}
    order = []
    cur = None
    section = None
    for block in re.split(r"\n\s*\n", body):
        b = block.strip()
        if not b or b.startswith("<!--"):
            continue
        m = re.match(r"^## (?:(§ ?\d+\s?[a-z]?|\d+\.)\s*)?(.*)$", b)
        if m and not b.startswith("###"):
            num = (m.group(1) or m.group(2)).replace("§", "").replace(".", "").strip()
            num = num.replace(" ", "")
            cur = {"title": m.group(2).strip(), "dnr": [], "presenter": None, "decision": []}
            out[num] = cur
            order.append(num)
            section = None
            continue
        if cur is None:
            continue
        if b.startswith("### "):
            section = b[4:].strip()
            continue
        if section is None and b.startswith("Dnr:"):
            cur["dnr"] += [d.strip() for d in b[4:].split(",") if d.strip()]
            continue
        if section is None and b.startswith("Föredragande:"):
            cur["presenter"] = b[len("Föredragande:") :].strip()
            continue
        if section and DECISION_HEADINGS.match(section):
            cur["decision"].append(b)
    return out


def tables(body):
    cells = Counter()
    for line in body.split("\n"):
        line = line.strip()
        if not line.startswith("|") or re.match(r"^\|[\s:|-]+\|$", line):
            continue
        for c in line.strip("|").split("|"):
            c = norm(c)
            if c:
                cells[c] += 1
    return cells


def attendance(fm):
    out = Counter()
    n = fm.get("narvaro", {})
    for key, val in n.items():
        if key == "grupp":
            for g in val:
                slag = g.get("slag", norm(g.get("rubrik", "")))
                for name in g.get("namn", []):
                    out[(slag, norm(name))] += 1
        elif isinstance(val, list):
            for name in val:
                out[(key, norm(name))] += 1
    return out


def officers(fm):
    out = Counter()
    o = fm.get("ordforande")
    for x in [o] if isinstance(o, str) else (o or []):
        out[("ordforande", norm(x))] += 1
    if fm.get("sekreterare"):
        out[("sekreterare", norm(fm["sekreterare"]))] += 1
    for j in fm.get("justerare", []):
        out[("justerare", norm(j))] += 1
    return out


class Tally:
    def __init__(self):
        self.n = defaultdict(lambda: [0, 0])
        self.misses = []

    def add(self, kind, equal, what=""):
        self.n[kind][0] += int(bool(equal))
        self.n[kind][1] += 1
        if not equal:
            self.misses.append(f"{kind}: {what}")

    def counter(self, kind, want, got):
        left = Counter(got)
        for k, c in want.items():
            for _ in range(c):
                hit = left[k] > 0
                if hit:
                    left[k] -= 1
                self.add(kind, hit, k)


def compare_meeting(t, want_path, got_path):
    wfm, wbody = split_file(want_path)
    gfm, gbody = split_file(got_path) if got_path else ({}, "")
    for k in ["datum", "start", "slut", "plats"]:
        if k in wfm:
            eq = str(gfm.get(k)) == str(wfm[k]) if k != "plats" else norm(gfm.get(k, "")) == norm(wfm[k])
            t.add("when", eq, f"{k} {wfm[k]} / {gfm.get(k)}")
    t.counter("attendance", attendance(wfm), attendance(gfm))
    t.counter("officers", officers(wfm), officers(gfm))
    wi, gi = items(wbody), items(gbody)
    for num, w in wi.items():
        g = gi.get(num)
        t.add("numbers", g is not None, num)
        t.add("titles", g is not None and norm(g["title"]) == norm(w["title"]), f"{num} {w['title']} / {g and g['title']}")
        for d in w["dnr"]:
            t.add("dnr", g is not None and norm(d) in [norm(x) for x in g["dnr"]], f"{num} {d}")
        if w["presenter"]:
            eq = g is not None and norm(g["presenter"] or "") == norm(w["presenter"])
            t.add("presenters", eq, f"{num} {w['presenter']} / {g and g['presenter']}")
        if w["decision"]:
            got = " ".join(g["decision"]) if g else ""
            o = overlap(" ".join(w["decision"]), got)
            t.add("decisions", o >= 0.95, f"{num} overlap {o:.2f}")


def best_document(want_fm, got_docs, used):
    title = norm(want_fm.get("titel", ""))
    best, score = None, 0.0
    for p, fm in got_docs:
        if p in used:
            continue
        s = overlap(title, fm.get("titel", ""))
        if s > score:
            best, score = p, s
    return best if score >= 0.6 else None


def compare_document(t, want_path, got_path):
    wfm, wbody = split_file(want_path)
    gfm, gbody = split_file(got_path) if got_path else ({}, "")
    t.add("documents", got_path is not None and norm(gfm.get("titel", "")) == norm(wfm.get("titel", "")), f"title {wfm.get('titel')} / {gfm.get('titel')}")
    t.add("documents", got_path is not None and gfm.get("typ") == wfm.get("typ"), f"typ {wfm.get('typ')} / {gfm.get('typ')} ({wfm.get('titel')})")
    t.counter("cells", tables(wbody), tables(gbody))


def make_site(dir):
    (dir / "content/register").mkdir(parents=True)
    shutil.copy(ROOT / "protokoll.toml", dir / "protokoll.toml")
    for f in ["organ.toml", "organisationer.toml"]:
        shutil.copy(ROOT / "content/register" / f, dir / "content/register" / f)


def run_import(binary, seed, site):
    r = subprocess.run([binary, "import", str(seed), "--root", str(site)], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"import of {seed.name} failed: {r.stderr.strip()}", file=sys.stderr)
    return r


def measure(binary, seed, site):
    run_import(binary, seed, site)
    content = site / "content"
    got = [p for p in content.rglob("*.md")]
    got_meetings = {str(p.relative_to(content)): p for p in got if not str(p.relative_to(content)).startswith(DOC)}
    got_docs = [(p, split_file(p)[0]) for p in got if str(p.relative_to(content)).startswith(DOC)]
    t = Tally()
    used = set()
    for rel in EXPECTED[seed.name[:3]]:
        want = ROOT / "content" / rel
        if rel.startswith(DOC):
            p = best_document(split_file(want)[0], got_docs, used)
            if p:
                used.add(p)
            compare_document(t, want, p)
        else:
            # The same meeting: same date and kind, whatever organ id it got.
            date_kind = "/".join(rel.split("/")[1:])
            p = next((v for k, v in got_meetings.items() if k.endswith(date_kind)), None)
            compare_meeting(t, want, p)
    return t


def pct(a, b):
    return f"{100 * a / b:5.1f} % ({a}/{b})" if b else "    – (0/0)"


def build_site(binary, site):
    reg = site / "content/register/personer.toml"
    entries = "".join(p.read_text(encoding="utf-8") for p in sorted(site.glob("nya-personer*.toml")))
    reg.write_text(entries, encoding="utf-8")
    r = subprocess.run([binary, "build", "--root", str(site), "--output", str(site / "public")], capture_output=True, text=True)
    errors = [l for l in r.stderr.splitlines() if "error" in l.lower()]
    return r.returncode, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/protokoll"))
    ap.add_argument("--seeds", default=str(ROOT / "tests" / "import" / "seeds"))
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="list every unequal field")
    args = ap.parse_args()
    seeds = sorted(Path(args.seeds).glob("00[0-4]_*.txt"))
    total = Tally()
    print(f"{'seed':6} {'equal fields':>22}")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            site = Path(tmp) / seed.name[:3]
            make_site(site)
            t = measure(args.bin, seed, site)
            a = sum(v[0] for v in t.n.values())
            b = sum(v[1] for v in t.n.values())
            line = f"{seed.name[:3]:6} {pct(a, b):>22}"
            if args.build:
                rc, errors = build_site(args.bin, site)
                line += f"   build: exit {rc}, {len(errors)} error lines"
                for e in errors[:5]:
                    line += f"\n         {e}"
            print(line)
            if args.verbose:
                for m in t.misses:
                    print(f"    {m}")
            for k, v in t.n.items():
                total.n[k][0] += v[0]
                total.n[k][1] += v[1]
        print()
        print(f"{'field kind':12} {'equal':>22}")
        for k in KINDS:
            v = total.n.get(k, [0, 0])
            print(f"{k:12} {pct(v[0], v[1]):>22}")
        a = sum(v[0] for v in total.n.values())
        b = sum(v[1] for v in total.n.values())
        print(f"{'overall':12} {pct(a, b):>22}")
        if args.time:
            big = next(s for s in seeds if s.name.startswith("002"))
            runs = []
            for i in range(5):
                site = Path(tmp) / f"time{i}"
                make_site(site)
                t0 = time.perf_counter()
                run_import(args.bin, big, site)
                runs.append(time.perf_counter() - t0)
            print(f"\nimport of {big.name} ({big.stat().st_size // 1024} KB): median {statistics.median(runs):.3f} s of 5 runs (with the register file)")


if __name__ == "__main__":
    main()
