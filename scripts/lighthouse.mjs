// Lighthouse (phone profile) on four pages of the built real site: accessibility, best practices and
// SEO, each page run three times, the median printed. Not a test (its figures go in the README):
//   node scripts/lighthouse.mjs            (builds the site with target/release/protokoll first)
// Runs Lighthouse through npx (fetched once into npm's cache) against headless Chromium
// (CHROMIUM or /usr/bin/chromium) and the static server of tests/a11y/browser.mjs.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, repo } from '../tests/search/harness.mjs';
import { serve } from '../tests/a11y/browser.mjs';

const LIGHTHOUSE = 'lighthouse@13.5.0';
const PAGES = ['/', '/forbundsmotet/2024-04-25/', '/dokument/arsredovisning-2023/', '/sok/?q=medlemsavgift'];
const CATEGORIES = ['accessibility', 'best-practices', 'seo'];
const RUNS = 3;

const out = build(repo);
const server = await serve(out);
const base = `http://127.0.0.1:${server.address().port}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-lighthouse-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const url of PAGES) {
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
    const failed = new Set();
    for (let i = 0; i < RUNS; i++) {
      const report = path.join(tmp, `r${i}.json`);
      // The server runs in this process, so Lighthouse must run beside it, not block it.
      await new Promise((resolve, reject) => {
        import('node:child_process').then(({ execFile }) => execFile('npx', ['--yes', LIGHTHOUSE, base + url,
          `--only-categories=${CATEGORIES.join(',')}`, '--output=json', `--output-path=${report}`, '--quiet',
          `--chrome-path=${process.env.CHROMIUM || '/usr/bin/chromium'}`,
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu'], { maxBuffer: 1 << 26 },
        (err) => (err ? reject(err) : resolve())));
      });
      const r = JSON.parse(fs.readFileSync(report, 'utf8'));
      for (const c of CATEGORIES) {
        scores[c].push(Math.round(r.categories[c].score * 100));
        for (const ref of r.categories[c].auditRefs) {
          const a = r.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1) failed.add(`${c}: ${ref.id}`);
        }
      }
    }
    rows.push({ url, ...Object.fromEntries(CATEGORIES.map((c) => [c, median(scores[c])])), failed: [...failed].join('; ') });
  }
} finally {
  server.close();
}
console.log(`| Page | ${CATEGORIES.join(' | ')} |`);
console.log(`|---|${CATEGORIES.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| \`${r.url}\` | ${CATEGORIES.map((c) => r[c]).join(' | ')} |`);
for (const r of rows) if (r.failed) console.log(`${r.url}: below 1: ${r.failed}`);
