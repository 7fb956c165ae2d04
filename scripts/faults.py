#!/usr/bin/env python3
"""Fault injection: the faults a publisher's machine meets, tried on the real binary, with a table
of tries and outcomes.

Over a synthetic corpus (300 meetings by default): builds killed at random moments (SIGKILL,
SIGINT, SIGTERM in turn), pairs of concurrent builds into one output, a symlinked output, a small
tmpfs that fills and a mount point as output (root only), deeply nested input, a large table, and slow connections,
long polls and a request head sent a byte at a time to `serve`.
After every try it checks that the output path exists and holds either the previous output byte
for byte or a complete new one (every file its manifest lists, with its hash, and nothing else),
that the ledger (justerade.toml) is unchanged whenever the output is the old one, and, after the
next successful build, that nothing is left beside the output.

    python3 scripts/faults.py            # the full run (its figures are in README.md)
    python3 scripts/faults.py --short    # a small corpus and a few tries (run by scripts/test.sh)

Exits non-zero if any try breaks a promise; a measured limit not met is reported, and fails too.
"""

import argparse
import hashlib
import os
import random
import resource
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(REPO, "target/release/protokoll")
SYNTH = os.path.join(REPO, "target/release/examples/synth")
ROWS = []  # (fault, tries, outcome, ok)


def row(fault, tries, outcome, ok):
    ROWS.append((fault, tries, outcome, ok))
    print(f"{'ok ' if ok else 'BAD'} {fault}: {outcome}", flush=True)


def tree(path):
    """Every file under `path`, by relative path, with its SHA-256."""
    out = {}
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, path)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def complete(path):
    """Whether `path` is a whole output: the manifest's files, with their hashes, and no other."""
    t = tree(path)
    try:
        with open(os.path.join(path, "manifest-sha256.txt")) as fh:
            listed = dict(reversed(l.split(None, 1)) for l in fh.read().splitlines() if l)
    except OSError:
        return False
    listed = {urllib_unquote(k.strip()): v for k, v in listed.items()}
    rest = {k: v for k, v in t.items() if k != "manifest-sha256.txt"}
    return rest == listed


def urllib_unquote(s):
    from urllib.parse import unquote

    return unquote(s)


def leftovers(out):
    parent, name = os.path.split(os.path.abspath(out))
    return [
        n
        for n in os.listdir(parent)
        if n.startswith(f".{name}.staging-") or n.startswith(f".{name}.old-")
    ]


def ledger_bytes(root):
    try:
        with open(os.path.join(root, "justerade.toml"), "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def build(root, out, **kw):
    return subprocess.run(
        [BIN, "build", "--root", root, "--output", out], capture_output=True, text=True, **kw
    )


def kills(root, out, n, full_seconds):
    sigs = [signal.SIGKILL, signal.SIGINT, signal.SIGTERM]
    old, new, bad, missing, ledger_changed = 0, 0, [], 0, 0
    for i in range(n):
        before = tree(out)
        ledger = ledger_bytes(root)
        # A changed page, so that a finished build is told from the old output.
        with open(os.path.join(root, "content/om-webbplatsen.md"), "a") as fh:
            fh.write(f"\nÄndring {i}.\n")
        p = subprocess.Popen(
            [BIN, "build", "--root", root, "--output", out],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(random.uniform(0, full_seconds * 1.5))
        p.send_signal(sigs[i % 3])
        p.wait()
        if not os.path.isdir(out):
            missing += 1
            bad.append(f"try {i}: no output")
            continue
        after = tree(out)
        if after == before:
            old += 1
            if ledger_bytes(root) != ledger:
                ledger_changed += 1
        elif complete(out):
            new += 1
        else:
            bad.append(f"try {i}: a torn output")
    row(
        "build killed at a random moment (KILL, INT, TERM in turn)",
        n,
        f"old output intact {old}, complete new output {new}, torn {len(bad) - missing}, "
        f"output path missing {missing}, ledger changed by a failed build {ledger_changed}",
        not bad and ledger_changed == 0,
    )
    left = leftovers(out)
    r = build(root, out)
    gone = leftovers(out)
    row(
        "leftovers after the next successful build",
        1,
        f"{len(left)} trees beside the output before it, {len(gone)} after",
        r.returncode == 0 and not gone,
    )


def pairs(root, out, n):
    both, one, broken = 0, 0, []
    for i in range(n):
        a, b = (
            subprocess.Popen(
                [BIN, "build", "--root", root, "--output", out],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        )
        results = [(p.wait(), p.stderr.read()) for p in (a, b)]
        ok = [r for r, _ in results if r == 0]
        losers = [e for r, e in results if r != 0]
        named = all("is being written by protokoll build (pid" in e for e in losers)
        if len(ok) == 2:
            both += 1
        elif len(ok) == 1 and named:
            one += 1
        else:
            broken.append(f"pair {i}: {results}")
        if not complete(out) or leftovers(out):
            broken.append(f"pair {i}: output incomplete or leftovers")
    for b in broken:
        print("  ", str(b)[:400])
    row(
        "two builds at once into one output",
        n,
        f"one refused naming the other {one}, both finished in turn {both}, broken {len(broken)}",
        not broken,
    )


def symlinked(root, out):
    link = out + "-link"
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(out, link)
    before = len(tree(out))
    r = build(root, link)
    after = len(tree(out))
    ok = r.returncode == 0 and os.path.islink(link) and after > 0 and complete(out)
    row("output is a symlink to the previous output", 1, f"target files {before} → {after}, link kept {os.path.islink(link)}", ok)
    os.remove(link)


def used(path):
    st = os.statvfs(path)
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def full_disk(root, work, site_bytes, full_seconds):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        row("a small tmpfs that fills", 0, "skipped (needs root to mount)", True)
        return
    mnt = os.path.join(work, "small")
    os.makedirs(mnt)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={site_bytes * 4}", "tmpfs", mnt]).returncode:
        row("a small tmpfs that fills", 0, "skipped (mount refused)", True)
        return
    try:
        out = os.path.join(mnt, "public")
        first = build(root, out).returncode
        one = used(mnt)
        # Room for 2.3 copies: a build interrupted late leaves most of a copy behind.
        subprocess.run(["mount", "-o", f"remount,size={int(one * 2.3)}", mnt], check=True)
        p = subprocess.Popen([BIN, "build", "--root", root, "--output", out], stderr=subprocess.DEVNULL)
        # Killed once its staging copy holds 60% of a site.
        deadline = time.monotonic() + full_seconds * 5
        while used(mnt) - one < one * 0.6 and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        p.kill()
        p.wait()
        left = leftovers(out)
        behind = (used(mnt) - one) / one
        r = build(root, out)
        # Then a disk too full for a new copy: the build fails, the old output stays whole.
        st = os.statvfs(mnt)
        filler = os.path.join(mnt, "filler")
        with open(filler, "wb") as fh:
            fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - one // 2))
        before = tree(out)
        full = build(root, out)
        after = tree(out)
        os.remove(filler)
        ok = first == 0 and r.returncode == 0 and full.returncode != 0 and before == after and not leftovers(out)
        row(
            "tmpfs with room for 2.3 sites: a build killed late, then a full disk",
            2,
            f"the kill left {len(left)} tree(s) ({behind:.0%} of a site), the next build exit {r.returncode}; "
            f"on the full disk exit {full.returncode}, old output intact {before == after}, "
            f"leftovers {len(leftovers(out))}",
            ok,
        )
    finally:
        subprocess.run(["umount", mnt])


def mount_point(root, work):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        row("a mount point as output", 0, "skipped (needs root to mount)", True)
        return
    mnt = os.path.join(work, "mounted")
    os.makedirs(mnt)
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", mnt]).returncode:
        row("a mount point as output", 0, "skipped (mount refused)", True)
        return
    try:
        r = build(root, mnt)
        said = "is a mount point" in r.stderr and "--output" in r.stderr
        inside = build(root, os.path.join(mnt, "site"))
        row(
            "a mount point as output",
            2,
            f"refused with what to do {said} (exit {r.returncode}); into a folder inside it: exit {inside.returncode}",
            r.returncode != 0 and said and inside.returncode == 0,
        )
    finally:
        subprocess.run(["umount", mnt])


def deep_inputs(work):
    site = os.path.join(work, "deep")
    shutil.copytree(os.path.join(REPO, "tests/fixtures/minimal"), site)
    page = os.path.join(site, "content/om-webbplatsen.md")
    for what, text in [
        ("100,000 nested >", ">" * 100_000),
        ("100,000 nested - ", "- " * 100_000),
        ("100,000 nested <div>", "<div>" * 100_000),
    ]:
        with open(page, "w") as fh:
            fh.write('+++\ntyp = "sida"\nid = "om-webbplatsen"\ntitel = "Om"\n+++\n' + text + " x\n")
        start = time.monotonic()
        r = build(site, os.path.join(site, "public"), timeout=600)
        took = time.monotonic() - start
        located = "content/om-webbplatsen.md:" in r.stderr
        row(what, 1, f"exit {r.returncode} in {took:.2f} s, error at path:line:col {located}", took < 1.0)


def large_table(work, megabytes):
    """Peak memory (resident set, from wait4) of building a page that is one large table."""
    site = os.path.join(work, "table")
    shutil.copytree(os.path.join(REPO, "tests/fixtures/minimal"), site)
    line = "| Kommunstyrelsen | 2024-01-10 | § 12 | Budget för 2025 | 1 234 567 |\n"
    rows = int(megabytes * 1_000_000 / len(line.encode()))
    with open(os.path.join(site, "content/om-webbplatsen.md"), "w") as fh:
        fh.write('+++\ntyp = "sida"\nid = "om-webbplatsen"\ntitel = "Om"\n+++\n')
        fh.write("| Organ | Datum | § | Rubrik | Belopp |\n|---|---|---|---|---|\n")
        fh.write(line * rows)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    p = subprocess.Popen([BIN, "build", "--root", site, "--output", os.path.join(site, "public")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    took = time.monotonic() - start
    mb = usage.ru_maxrss / 1024
    row(f"a {megabytes} MB table", 1, f"exit {os.waitstatus_to_exitcode(status)}, peak memory {mb:.0f} MB, {took:.1f} s", mb < 300)
    del before


def answered(port, tries):
    """Normal requests while others hold connections: how many got 200, and the slowest answer."""
    ok, slowest = 0, 0.0
    for _ in range(tries):
        start = time.monotonic()
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(f"GET / HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n".encode())
            if s.recv(12).startswith(b"HTTP/1.1 200"):
                ok += 1
            s.close()
        except OSError:
            pass
        slowest = max(slowest, time.monotonic() - start)
    return ok, slowest


def opened(port, n, request):
    """`n` connections to serve on `port`, each having sent `request` (whole or not)."""
    out = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(request)
        out.append(s)
    return out


def still_open(socks):
    """How many of these connections the server has neither answered nor closed."""
    poller = select.poll()
    for s in socks:
        poller.register(s, select.POLLIN)
    ready = {fd for fd, _ in poller.poll(300)}
    return sum(s.fileno() not in ready for s in socks)


def trickled(port):
    """A head sent a byte every 0.5 s: cut off at the deadline (10 s), whatever the pace."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.setblocking(False)
    start = time.monotonic()
    status = b""
    for b in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100:
        try:
            status = s.recv(12)
            break
        except BlockingIOError:
            pass
        except OSError:
            break
        try:
            s.send(bytes([b]))
        except OSError:
            break
        time.sleep(0.5)
    took = time.monotonic() - start
    s.close()
    row("serve with a request head sent a byte every 0.5 s", 1,
        f"answered {status.decode(errors='replace').strip() or 'nothing'} after {took:.1f} s",
        status.startswith(b"HTTP/1.1 408") and took < 15)


def slow_clients(work, n, trickle):
    site = os.path.join(work, "serve")
    shutil.copytree(os.path.join(REPO, "tests/fixtures/minimal"), site)
    p = subprocess.Popen([BIN, "serve", "--root", site, "--port", "0"], stderr=subprocess.PIPE, text=True)
    port = None
    tries = 20
    try:
        for line in p.stderr:
            if "http://127.0.0.1:" in line and port is None:
                port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            if line.startswith("built "):
                break
        # Slow or idle clients: a head begun and never finished.
        slow = opened(port, n, b"GET / HTTP/1.1\r\nHost: local")  # and never the rest
        ok, slowest = answered(port, tries)
        kept = still_open(slow)
        row(f"serve with {n} slow connections open (one client)", tries,
            f"{ok} of {tries} other requests answered 200, slowest in {slowest * 1000:.0f} ms; "
            f"the server kept {kept} of the {n} slow ones open (per client bound)", ok == tries)
        for s in slow:
            s.close()
        # Live-reload long polls, as from as many tabs.
        polls = opened(port, n, f"GET /__protokoll/reload?since=999999 HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode())
        time.sleep(0.5)
        ok, slowest = answered(port, tries)
        waiting = still_open(polls)
        row(f"serve with {n} live-reload long polls (one client)", tries,
            f"{ok} of {tries} other requests answered 200, slowest in {slowest * 1000:.0f} ms; "
            f"{waiting} polls waiting, {n - waiting} refused at once (503)", ok == tries)
        for s in polls:
            s.close()
        if trickle:
            trickled(port)
    finally:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--short", action="store_true", help="small corpus, few tries")
    ap.add_argument("--meetings", type=int)
    ap.add_argument("--kills", type=int)
    ap.add_argument("--pairs", type=int)
    ap.add_argument("--seed", type=int, default=18)
    a = ap.parse_args()
    meetings = a.meetings or (30 if a.short else 300)
    n_kills = a.kills or (6 if a.short else 20)
    n_pairs = a.pairs or (2 if a.short else 10)
    random.seed(a.seed)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "protokoll", "--example", "synth"], cwd=REPO, check=True)
    work = tempfile.mkdtemp(prefix="faults-")
    try:
        root = os.path.join(work, "site")
        subprocess.run([SYNTH, "--meetings", str(meetings), "--seed", "1", root], check=True, stdout=subprocess.DEVNULL)
        out = os.path.join(work, "public")
        start = time.monotonic()
        if build(root, out).returncode:
            sys.exit("the synthetic corpus did not build")
        full = time.monotonic() - start
        site_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
        print(f"corpus: {meetings} meetings, {len(tree(out))} files, {site_bytes / 1e6:.0f} MB, a build takes {full:.1f} s", flush=True)
        kills(root, out, n_kills, full)
        pairs(root, out, n_pairs)
        symlinked(root, out)
        full_disk(root, work, site_bytes, full)
        mount_point(root, work)
        deep_inputs(work)
        if not a.short:
            large_table(work, 7)
        slow_clients(work, 50 if a.short else 200, trickle=not a.short)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| fault | tries | outcome | held |")
    print("|---|---|---|---|")
    for fault, tries, outcome, ok in ROWS:
        print(f"| {fault} | {tries} | {outcome} | {'yes' if ok else 'NO'} |")
    sys.exit(0 if all(r[3] for r in ROWS) else 1)


if __name__ == "__main__":
    main()
