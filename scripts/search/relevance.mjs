// Relevance benchmark (not a test): the queries of scripts/search/relevance/*.json, judged by reading
// the content before any engine ran, run through protokoll (the browser engine over the static
// export in node, and `protokoll search`, which must agree) and through Pagefind 1.6 indexing the
// same built site (in headless Chromium). Prints success @1, @3 and @10 per class and overall: the
// share of queries with at least one wanted page among the first 1, 3 or 10 results.
//
// Usage: node scripts/search/relevance.mjs [--no-pagefind] [--only real|synth] [--show CLASS|all]
//                                          [--json FILE]
// --show prints each query of a class (or all) with both engines' first results.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { units, wanted } from './relevance/judge.mjs';
import { compare } from '../../tests/search/harness.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '..', '..');
const bin = process.env.PROTOKOLL_BIN || path.join(repo, 'target', 'release', 'protokoll');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const PAGEFIND = !process.argv.includes('--no-pagefind');
const ONLY = arg('only', null);
const SHOW = arg('show', null);
const log = (...a) => console.error(...a);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-relevance-'));

/** The root of each site: the repository for the real site, a generated corpus for the other. */
function siteRoot(set) {
  if (set.site === 'real') return repo;
  const root = path.join(tmp, 'synth');
  const synth = path.join(repo, 'target', 'release', 'examples', 'synth');
  if (!fs.existsSync(synth)) execFileSync('cargo', ['build', '--release', '--example', 'synth'], { cwd: repo, stdio: 'inherit' });
  const { meetings, seed } = set.corpus;
  execFileSync(synth, ['--meetings', String(meetings), '--seed', String(seed), root], { stdio: ['ignore', 'ignore', 'inherit'] });
  return root;
}

function build(root, name) {
  const out = path.join(tmp, name, 'public');
  execFileSync(bin, ['build', '--root', root, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (PAGEFIND) {
    execFileSync(path.join(repo, 'node_modules', '.bin', 'pagefind'), ['--site', out, '--output-subdir', 'pagefind'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return out;
}

/** Whether the built site has the page (and anchor) of a wanted URL. */
function exists(out, url) {
  const [p, anchor] = url.split('#');
  const file = path.join(out, decodeURIComponent(p), 'index.html');
  if (!fs.existsSync(file)) return false;
  return !anchor || fs.readFileSync(file, 'utf8').includes(`id="${anchor}"`);
}

const norm = (u) => u.replace(/index\.html$/, '');

async function ours(out) {
  const { Engine } = await import(pathToFileURL(path.join(out, 'sok', 'engine.js')).href);
  const load = async (url, kind) => {
    const bytes = fs.readFileSync(path.join(out, decodeURIComponent(url)));
    return kind === 'json' ? JSON.parse(bytes.toString('utf8')) : new Uint8Array(bytes);
  };
  const engine = new Engine(load);
  const scale = (await engine.open()).scale;
  return async (q) => ({ result: await engine.search(q, {}, 0, 10), scale });
}

function cli(out, q) {
  return JSON.parse(execFileSync(bin, ['search', q, '--output', out, '--json', '--limit', '30'], { encoding: 'utf8' }));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
function serve(root) {
  const server = http.createServer((req, res) => {
    let p = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!p.startsWith(root)) p = root;
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
    fs.readFile(p, (err, data) => {
      if (err) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Pagefind 1.6 over the same built site, in headless Chromium: the first ten page URLs. */
async function pagefind(out, browser) {
  fs.writeFileSync(
    path.join(out, 'relevance.html'),
    `<!DOCTYPE html><meta charset="utf-8"><title>relevance</title><script type="module">
window.theirs = async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const r = await pagefind.search(q);
  if (!r) return [];
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return data.map((d) => d.url);
};
window.ready = true;
</script>`,
  );
  const server = await serve(out);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/relevance.html`);
  await page.waitForFunction(() => window.ready);
  return {
    search: async (q) => (await page.evaluate((x) => window.theirs(x), q)).map(norm),
    close: () => {
      server.close();
      fs.rmSync(path.join(out, 'relevance.html'));
    },
  };
}

const rank = (hits, want) => {
  const i = hits.findIndex((u) => want.has(u));
  return i < 0 ? null : i + 1;
};

const sets = fs
  .readdirSync(path.join(here, 'relevance'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(here, 'relevance', f), 'utf8')))
  .filter((s) => !ONLY || s.site === ONLY);

let browser = null;
if (PAGEFIND) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const rows = [];
let disagreements = 0;
for (const set of sets) {
  log(`${set.site}: building`);
  const root = siteRoot(set);
  const out = build(root, set.site);
  const judged = units(root);
  const search = await ours(out);
  const pf = PAGEFIND ? await pagefind(out, browser) : null;
  for (const q of set.queries) {
    const want = wanted(q, judged);
    const missing = [...want].filter((u) => !exists(out, u));
    if (missing.length) log(`warning: ${set.site} "${q.q}" wants pages the site lacks: ${missing.join(' ')}`);
    const { result, scale } = await search(q.q);
    const mine = result.hits.map((h) => norm(h.card.u));
    const problems = compare(q.q, result, cli(out, q.q), scale);
    if (problems.length) {
      disagreements += 1;
      log(`engine and CLI differ beyond ties:\n  ${problems.join('\n  ')}`);
    }
    const theirs = pf ? await pf.search(q.q) : [];
    rows.push({ site: set.site, class: q.class, q: q.q, wanted: want.size, ours: rank(mine, want), pagefind: pf ? rank(theirs, want) : null, mine, theirs });
  }
  pf?.close();
}
await browser?.close();
fs.rmSync(tmp, { recursive: true, force: true });

const classes = [...new Set(rows.map((r) => r.class))];
const at = (list, key, k) => list.filter((r) => r[key] !== null && r[key] <= k).length;
const pct = (n, d) => `${((100 * n) / d).toFixed(0)}%`.padStart(5);
const table = [];
const line = (name, list) => {
  const cells = [name.padEnd(11), String(list.length).padStart(4)];
  for (const key of ['ours', 'pagefind']) {
    if (key === 'pagefind' && !PAGEFIND) continue;
    for (const k of [1, 3, 10]) cells.push(pct(at(list, key, k), list.length));
  }
  table.push(cells.join('  '));
};
console.log(`${'class'.padEnd(11)}     n   protokoll @1    @3   @10${PAGEFIND ? '   Pagefind @1    @3   @10' : ''}`);
for (const c of classes) line(c, rows.filter((r) => r.class === c));
line('overall', rows);
for (const s of sets) line(`  ${s.site}`, rows.filter((r) => r.site === s.site));
console.log(table.join('\n'));
console.log(`the engine's top 10 and the CLI's differed (beyond ties) on ${disagreements} of ${rows.length} queries`);
if (SHOW) {
  for (const r of rows.filter((x) => SHOW === 'all' || x.class === SHOW)) {
    console.log(`\n[${r.site} ${r.class}] "${r.q}": protokoll ${r.ours ?? '-'}, Pagefind ${r.pagefind ?? '-'} (${r.wanted} wanted)`);
    console.log(`  protokoll: ${r.mine.slice(0, 5).join(' ')}`);
    if (PAGEFIND) console.log(`  Pagefind:  ${r.theirs.slice(0, 5).join(' ')}`);
  }
}
const json = arg('json', null);
if (json) fs.writeFileSync(json, JSON.stringify({ rows }, null, 2));
