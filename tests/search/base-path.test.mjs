// A site published in a folder of a larger host: the real site, built for
// https://example.se/kommun/protokoll/, served under /kommun/protokoll/ by a plain static file server
// that answers nothing outside that folder. Every link, asset and JSON address reached from the home
// page is fetched (so one that forgot the base path is a 404), and the search page works in headless
// Chromium: its index, its results and the pages they link to.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { bin, missingStemmer, repo } from './harness.mjs';
import { launch, serve } from '../a11y/browser.mjs';

const BASE = '/kommun/protokoll';

/** The repository's site with `bas_url` set to a folder of example.se, built; the output folder. */
function buildUnderBase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-base-'));
  fs.cpSync(path.join(repo, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.copyFileSync(path.join(repo, 'justerade.toml'), path.join(dir, 'justerade.toml'));
  const config = fs.readFileSync(path.join(repo, 'protokoll.toml'), 'utf8');
  const moved = config.replace(/^bas_url = .*$/m, `bas_url = "https://example.se${BASE}/"`);
  assert.notEqual(moved, config, 'protokoll.toml has a bas_url line to change');
  fs.writeFileSync(path.join(dir, 'protokoll.toml'), moved);
  const out = path.join(dir, 'public');
  execFileSync(bin, ['build', '--root', dir, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** The URLs an HTML page points at: href, src and action of every tag (the `<script>` text aside). */
function htmlLinks(html) {
  const text = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (s) => s.slice(0, s.indexOf('>') + 1));
  return [...text.matchAll(/\s(?:href|src|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)]
    .map((m) => (m[1] ?? m[2] ?? m[3]).replaceAll('&amp;', '&'));
}

/** The addresses a JSON file points at (docs/API.md): id, web, url, meeting, feed, calendar. */
function jsonLinks(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => jsonLinks(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && ['id', 'web', 'url', 'meeting', 'feed', 'calendar'].includes(k)) out.push(v);
      else jsonLinks(v, out);
    }
  }
  return out;
}

test('every address of the site works under its base path', async () => {
  const out = buildUnderBase();
  const server = await serve(out, BASE);
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    const seen = new Set([`${origin}${BASE}/`]);
    const queue = [...seen];
    const broken = [];
    let pages = 0;
    while (queue.length) {
      const url = queue.shift();
      const r = await fetch(url);
      const from = new URL(url);
      if (r.status !== 200) {
        broken.push(`${from.pathname}: ${r.status}`);
        continue;
      }
      const type = r.headers.get('content-type') || '';
      let links = [];
      if (type.startsWith('text/html')) {
        pages += 1;
        links = htmlLinks(await r.text());
      } else if (type.startsWith('application/json')) {
        links = jsonLinks(await r.json());
      } else {
        await r.arrayBuffer();
      }
      for (const link of links) {
        const to = new URL(link, from);
        if (to.origin !== origin && !to.href.startsWith(`https://example.se${BASE}/`)) continue;
        if (to.origin !== origin) {
          // An absolute address of the site itself (feeds, calendars): fetch it here.
          to.href = origin + to.pathname;
        }
        if (!to.pathname.startsWith(`${BASE}/`)) {
          broken.push(`${from.pathname} links to ${link}, outside ${BASE}/`);
          continue;
        }
        to.hash = '';
        to.search = '';
        if (!seen.has(to.href)) {
          seen.add(to.href);
          queue.push(to.href);
        }
      }
    }
    assert.deepEqual(broken, []);
    const built = fs.readdirSync(out, { recursive: true }).filter((f) => f.endsWith('index.html')).length;
    assert.ok(pages >= built, `reached ${pages} pages of the ${built} built`);
  } finally {
    server.close();
  }
});

test('the search page works under the base path', async (t) => {
  const out = buildUnderBase();
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const server = await serve(out, BASE);
  const site = `http://127.0.0.1:${server.address().port}${BASE}`;
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const failed = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    // From the header's search form on the home page, as a resident would.
    await page.goto(`${site}/`);
    await page.locator('header form[role=search] input[name=q]').fill('medlemsavgift');
    await page.locator('header form[role=search] input[name=q]').press('Enter');
    await page.waitForURL(`${site}/sok/?q=medlemsavgift`);
    const first = page.locator('#sok-traffar li a.card-title').first();
    await first.waitFor();
    const href = await first.getAttribute('href');
    assert.ok(href.startsWith(`${BASE}/`), `the first result links to ${href}`);
    await first.click();
    await page.waitForURL((u) => u.pathname === href);
    assert.match(await page.title(), /Kommunförbundet/);
    assert.deepEqual(failed, []);
  } finally {
    await browser.close();
    server.close();
  }
});
