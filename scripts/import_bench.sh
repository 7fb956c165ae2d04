#!/usr/bin/env bash
# Times the import's readers (issue 15's target: the whole import of the 196 KB bundle 002 in at
# most 2 s, as text and as PDF): the seed text of 002, the Word and PDF files of its förbundsmöte
# protokoll and kallelse, and, when LibreOffice is installed, a PDF of the whole of 002 printed from
# its text. Medians of RUNS reads (default 21).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
seeds=${SEEDS:-tests/import/seeds}
cargo build --release --quiet --example import_dump
dump=target/release/examples/import_dump
docs=tests/import/documents
for f in "$seeds"/002_*.txt \
    $docs/002-forbundsmotet-protokoll-2024-04-25.docx $docs/002-forbundsmotet-kallelse-2024-04-25.docx \
    $docs/002-forbundsmotet-protokoll-2024-04-25.pdf $docs/002-forbundsmotet-kallelse-2024-04-25.pdf; do
    echo "== $f ($(stat -c %s "$f") bytes)"
    "$dump" "$f" --time "$runs"
done
if command -v soffice >/dev/null; then
    tmp=$(mktemp -d)
    cp "$seeds"/002_*.txt "$tmp/bundle-002.txt"
    (cd "$tmp" && soffice --headless --convert-to pdf bundle-002.txt >/dev/null 2>&1)
    echo "== the whole of 002 printed to PDF ($(pdfinfo "$tmp/bundle-002.pdf" | awk '/^Pages/ {print $2}') pages, $(stat -c %s "$tmp/bundle-002.pdf") bytes)"
    "$dump" "$tmp/bundle-002.pdf" --time "$runs"
    rm -rf "$tmp"
fi
