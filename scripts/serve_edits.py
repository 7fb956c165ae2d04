"""Times `protokoll serve` on one-file edits: starts the preview server on a copy of a site root,
waits for its first build, then edits protokoll files one at a time (the decision of the first
paragraph gains a word, or the first paragraph's title changes) and reads the time serve reports for
each incremental rebuild ("re-rendered N pages in X ms"). Between edits it waits for the exports
(search index, decisions CSV, manifest) to follow, so every edit starts from a quiet server.

    python3 scripts/serve_edits.py BIN SITE_ROOT OUTPUT [EDITS] [SEED]

Prints one line per edit, the medians, and the median time of the exports that follow each edit;
exits non-zero if an edit was not incremental."""

import os
import queue
import random
import re
import statistics
import subprocess
import sys
import threading
import time


def main():
    binary, root, output = sys.argv[1:4]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    server = subprocess.Popen(
        [binary, "serve", "--root", root, "--output", output, "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l.rstrip("\n")) for l in server.stderr], daemon=True).start()

    def wait(pattern, timeout=600):
        end = time.time() + timeout
        while True:
            line = lines.get(timeout=max(0.1, end - time.time()))
            found = re.search(pattern, line)
            if found:
                return found, line

    try:
        found, line = wait(r"^built (\d+) pages in (\d+) ms")
        print(f"first build: {found.group(1)} pages in {found.group(2)} ms")
        files = sorted(
            os.path.join(d, f)
            for d, _, names in os.walk(os.path.join(root, "content"))
            for f in names
            if f == "protokoll.md"
        )
        results = {"decision": [], "title": []}
        exports = []
        for n, path in enumerate(rng.sample(files, edits)):
            kind = "decision" if n % 3 != 2 else "title"
            text = open(path, encoding="utf-8").read()
            if kind == "decision":
                at = text.index("### Beslut\n\n") + len("### Beslut\n\n")
            else:
                at = text.index("\n## ") + 1
            end = text.index("\n", at)
            suffix = " Ändrat." if kind == "decision" else " (ändrad)"
            open(path, "w", encoding="utf-8").write(text[:end] + suffix + text[end:])
            found, line = wait(r"(re-rendered|rebuilt) (\d+) pages in (\d+) ms|the build failed")
            if found.group(1) != "re-rendered":
                sys.exit(f"not an incremental rebuild: {line}")
            ms = int(found.group(3))
            results[kind].append(ms)
            print(f"{kind:8} edit of {os.path.relpath(path, root)}: {found.group(2)} pages in {ms} ms")
            found, _ = wait(r"search index and exports updated \((\d+) files\) in (\d+) ms")
            exports.append(int(found.group(2)))
        for kind, times in results.items():
            if times:
                print(f"median {kind} edit: {statistics.median(times)} ms ({len(times)} edits: {times})")
        print(f"median exports after an edit: {statistics.median(exports)} ms ({exports})")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
