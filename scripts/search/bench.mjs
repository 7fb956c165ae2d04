// Benchmark (not a test): what one search costs a browser, protokoll's static export beside
// Pagefind 1.6 indexing the same built site. Both run in headless Chromium against a local static
// server that gzips text and binary index files as a host would, adds a fixed latency per response
// (so round trips show as sequential steps) and counts requests and bytes on the wire per query,
// each query in a fresh browser context (cold cache).
//
// Usage: node scripts/search/bench.mjs [--paragraphs 100000] [--queries 200] [--root DIR]
//                                      [--no-pagefind] [--latency 40] [--reuse]
// --reuse keeps an existing build of the corpus (and its Pagefind bundle) instead of rebuilding.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { generate, random, sentences } from './corpus.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const PARAGRAPHS = Number(arg('paragraphs', 100000));
const QUERIES = Number(arg('queries', 200));
const LATENCY = Number(arg('latency', 40));
const PAGEFIND = !process.argv.includes('--no-pagefind');
const root = path.resolve(arg('root', path.join(os.tmpdir(), `protokoll-bench-${PARAGRAPHS}`)));
const bin = process.env.PROTOKOLL_BIN || path.join(repo, 'target', 'release', 'protokoll');
const out = path.join(root, 'public');

const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1);
const log = (...a) => console.error(...a);

// 1. The corpus and the builds.
if (!fs.existsSync(path.join(root, 'content'))) {
  log(`generating ${PARAGRAPHS} paragraphs in ${root}`);
  generate(root, PARAGRAPHS, 1);
}
const REUSE = process.argv.includes('--reuse') && fs.existsSync(path.join(out, 'sok', 'index.json'));
let t0 = Date.now();
if (!REUSE) execFileSync(bin, ['build', '--root', root], { stdio: 'inherit' });
const buildSeconds = REUSE ? null : seconds(t0);
let pagefindSeconds = null;
if (PAGEFIND && !(REUSE && fs.existsSync(path.join(out, 'pagefind')))) {
  t0 = Date.now();
  execFileSync(path.join(repo, 'node_modules', '.bin', 'pagefind'), ['--site', out, '--output-subdir', 'pagefind'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  pagefindSeconds = seconds(t0);
}

if (!fs.existsSync(path.join(out, 'sok', 'stemmer.js'))) {
  log(`${path.join(out, 'sok', 'stemmer.js')} is missing: the browser engine needs the JS Swedish stemmer`);
  process.exit(1);
}

// 2. Sizes on disk, gzipped.
const gz = (b) => zlib.gzipSync(b, { level: 6 }).length;
function walk(dir, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else acc.push(p);
  }
  return acc;
}
const entry = JSON.parse(fs.readFileSync(path.join(out, 'sok', 'index.json'), 'utf8'));
const exportFiles = walk(path.join(out, entry.base));
const sizes = (files) => {
  let raw = 0;
  let zipped = 0;
  for (const f of files) {
    const b = fs.readFileSync(f);
    raw += b.length;
    zipped += PRECOMPRESSED.test(f) ? b.length : gz(b);
  }
  return { files: files.length, raw, gzip: zipped };
};
const PRECOMPRESSED = /\.(pf_meta|pf_index|pf_fragment|pagefind)$/;
const shardGz = exportFiles.filter((f) => f.includes('/s/')).map((f) => gz(fs.readFileSync(f))).sort((a, b) => a - b);

// 3. The query set, drawn from the corpus's sentences as a resident would type: half single words
// of four letters or more (frequent ones as often as they occur), a quarter pairs of such words, a
// sixth three consecutive words of a sentence (with their "i", "och", "att"), the rest Dnr.
const rnd = random(42);
const text = sentences();
const words = text
  .flatMap((s) => s.split(/\s+/))
  .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
  .filter((w) => w.length > 3);
const pick = () => words[Math.floor(rnd() * words.length)].toLowerCase();
const queries = [];
const kinds = new Map();
for (let i = 0; i < QUERIES; i++) {
  const r = rnd();
  let q;
  let kind;
  if (r < 0.5) [q, kind] = [pick(), 'word'];
  else if (r < 0.75) [q, kind] = [`${pick()} ${pick()}`, 'two words'];
  else if (r < 0.92) {
    const s = text[Math.floor(rnd() * text.length)].split(/\s+/);
    const at = Math.floor(rnd() * Math.max(1, s.length - 3));
    [q, kind] = [s.slice(at, at + 3).join(' ').replace(/[.,:;!?()]/g, '').toLowerCase(), 'three consecutive words'];
  } else [q, kind] = [`${1990 + Math.floor(rnd() * 30)}/${String(1 + Math.floor(rnd() * 120)).padStart(2, '0')}`, 'dnr'];
  queries.push(q);
  kinds.set(q, kind);
}

// 4. The server: gzip like a host, fixed latency, a log of every response.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
let requests = [];
const server = http.createServer((req, res) => {
  const start = Date.now();
  let p = path.join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(out)) p = out;
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
  fs.readFile(p, (err, data) => {
    setTimeout(() => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      let body = data;
      const headers = { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (!PRECOMPRESSED.test(p) && /gzip/.test(req.headers['accept-encoding'] || '')) {
        body = zlib.gzipSync(data, { level: 6 });
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
      requests.push({ url: new URL(req.url, 'http://x').pathname, bytes: body.length, start, end: Date.now() });
    }, LATENCY);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

fs.writeFileSync(
  path.join(out, 'bench-search.html'),
  `<!DOCTYPE html><meta charset="utf-8"><title>bench</title><script>
// When the page's code asked for each file, to count round trips as the code sees them (a
// browser's HTTP/1.1 connection limit would otherwise add waits that HTTP/2 hosts do not have).
// Each fetch also gets its place in the chain of dependencies: one more than the latest response
// the page had received when it asked (timing on a shared machine cannot blur this count).
window.issued = [];
window.answered = 0;
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input.url, location.href).pathname;
  const chain = window.answered + 1;
  window.issued.push({ url, t: Date.now(), chain });
  return realFetch(input, init).then((r) => {
    window.answered = Math.max(window.answered, chain);
    return r;
  });
};
</script><script type="module">
import { Engine } from '/sok/engine.js';
window.ours = async (q) => {
  const e = new Engine(async (url, kind) => { const r = await fetch(url); return kind === 'json' ? r.json() : new Uint8Array(await r.arrayBuffer()); });
  const r = await e.search(q, {}, 0, 10);
  return r.hits.map((h) => h.card.u);
};
window.theirs = async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const r = await pagefind.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return data.map((d) => d.url);
};
window.ready = true;
</script>`,
);

/**
 * Round trips: the longest chain of requests each asked for (by the page's code) after the
 * previous one's response was sent. Requests the code did not make through fetch (module imports)
 * count from when the server saw them.
 */
function roundTrips(served, issued) {
  const left = [...issued];
  const list = served.map((r) => {
    const i = left.findIndex((x) => x.url === r.url);
    const t = i >= 0 ? left.splice(i, 1)[0].t : r.start;
    return { t, end: r.end };
  });
  list.sort((a, b) => a.t - b.t);
  const depth = [];
  list.forEach((r, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) if (list[j].end <= r.t) d = Math.max(d, depth[j] + 1);
    depth.push(d);
  });
  return Math.max(0, ...depth);
}

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
async function measure(fn) {
  const rows = [];
  for (const q of queries) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    if (rows.length % 50 === 0) log(`${fn}: ${rows.length} of ${queries.length} queries`);
    await page.goto(`${base}/bench-search.html`);
    await page.waitForFunction(() => window.ready);
    requests = [];
    const t = Date.now();
    const hits = await page.evaluate(([f, q]) => {
      window.issued = [];
      window.answered = 0;
      return window[f](q);
    }, [fn, q]);
    const ms = Date.now() - t;
    const issued = await page.evaluate(() => window.issued);
    await ctx.close();
    rows.push({ q, hits: hits.length, requests: requests.length, bytes: requests.reduce((n, r) => n + r.bytes, 0), trips: roundTrips(requests, issued), chain: Math.max(0, ...issued.map((x) => x.chain)), ms });
  }
  return rows;
}
const pct = (rows, key, p) => {
  const v = rows.map((r) => r[key]).sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
};
const summary = (rows) => ({
  bytes_p50: pct(rows, 'bytes', 50),
  bytes_p95: pct(rows, 'bytes', 95),
  bytes_max: pct(rows, 'bytes', 100),
  requests_p50: pct(rows, 'requests', 50),
  requests_p95: pct(rows, 'requests', 95),
  round_trips_p50: pct(rows, 'trips', 50),
  round_trips_max: pct(rows, 'trips', 100),
  // Fetches only: Pagefind also loads a module without fetch, so this is for protokoll's engine.
  chained_fetches_max: pct(rows, 'chain', 100),
  ms_p50: pct(rows, 'ms', 50),
  ms_p95: pct(rows, 'ms', 95),
  queries_with_hits: rows.filter((r) => r.hits > 0).length,
});

const ours = await measure('ours');
const theirs = PAGEFIND ? await measure('theirs') : null;
await browser.close();
server.close();
fs.rmSync(path.join(out, 'bench-search.html'));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const result = {
  corpus: { paragraphs: PARAGRAPHS, documents: entry.docs, html_pages: walk(out).filter((f) => f.endsWith('.html')).length },
  build_seconds: { protokoll_all: buildSeconds && Number(buildSeconds), pagefind_index_only: pagefindSeconds && Number(pagefindSeconds) },
  export: {
    ...sizes(exportFiles),
    entry_gzip: gz(fs.readFileSync(path.join(out, 'sok', 'index.json'))),
    shards: shardGz.length,
    shard_gzip_p50: shardGz[Math.floor(shardGz.length / 2)],
    shard_gzip_max: shardGz[shardGz.length - 1],
    common_terms: entry.common.length,
  },
  pagefind_bundle: PAGEFIND ? sizes(walk(path.join(out, 'pagefind'))) : null,
  latency_ms: LATENCY,
  queries: queries.length,
  protokoll: summary(ours),
  pagefind: theirs && summary(theirs),
  by_kind: Object.fromEntries(
    [...new Set(kinds.values())].map((k) => {
      const mine = ours.filter((r) => kinds.get(r.q) === k);
      const pf = theirs && theirs.filter((r) => kinds.get(r.q) === k);
      return [k, {
        queries: mine.length,
        protokoll_bytes_p50: pct(mine, 'bytes', 50),
        protokoll_bytes_p95: pct(mine, 'bytes', 95),
        pagefind_bytes_p50: pf && pct(pf, 'bytes', 50),
        pagefind_bytes_p95: pf && pct(pf, 'bytes', 95),
      }];
    }),
  ),
};
console.log(JSON.stringify(result, null, 2));
log(`\nper query (gzip on the wire, cold cache, ${queries.length} queries, ${PARAGRAPHS} paragraphs):`);
log(`  protokoll: p50 ${kb(result.protokoll.bytes_p50)}, p95 ${kb(result.protokoll.bytes_p95)}, ${result.protokoll.requests_p50} requests, ${result.protokoll.round_trips_max} round trips at most (${result.protokoll.chained_fetches_max} fetches in a chain at most)`);
if (theirs) log(`  Pagefind:  p50 ${kb(result.pagefind.bytes_p50)}, p95 ${kb(result.pagefind.bytes_p95)}, ${result.pagefind.requests_p50} requests, ${result.pagefind.round_trips_p50} round trips (p50)`);
fs.writeFileSync(path.join(root, 'bench-result.json'), JSON.stringify({ result, ours, theirs }, null, 2));
