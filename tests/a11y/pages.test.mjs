// The resident's view, in headless Chromium: every page template of the real site and of the
// paragraph fixture (tests/fixtures/paragrafer) at 320, 390 and 1280 px, light and dark, checked with axe-core
// (every rule it runs by default, best practices included: 0 violations of any impact), for sideways
// scrolling at 320 px (WCAG 1.4.10 Reflow), and for the things the theme promises a phone user: the
// first meeting link on the first screen of the home page, a meeting's § index before its attendance
// and on its first screens, a report table's row labels in view while its figures scroll sideways;
// and a printed page (to PDF, read back with poppler): A4, every page headed and numbered.
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

/** One page of each template of the paragraph fixture (votes, bilagor, items without a number,
 * a meeting over several kinds of §), as the real site has none of these. The real site has the
 * charts of a table of years, of a budget and of a year's meetings; the chart of an organ's years
 * is checked on the fullmäktige fixture (its last test). */
const FIXTURE = [
  ['home', '/'],
  ['organ', '/kommunfullmaktige/'],
  ['meeting with protokoll', '/kommunfullmaktige/2024-11-25/'],
  ['paragraph with a vote', '/kommunfullmaktige/2024-11-25/266/'],
  ['item without a number', '/kommunfullmaktige/2024-11-25/fragor-fran-allmanheten/'],
  ['case', '/arende/ks-2024-12/'],
  ['person', '/person/agnes-alm/'],
  ['party', '/parti/c/'],
  ['municipality', '/kommun/sjovik/'],
  ['year', '/ar/2024/'],
  ['notice board', '/anslagstavla/'],
  ['search with results', '/sok/?q=kommunstyrelsen'],
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

test('every template of the paragraph fixture: the same', async () => {
  const out = buildFixture('paragrafer');
  const problems = await check(out, all ? everyPage(out) : FIXTURE, 'fixture');
  assert.deepEqual(problems, []);
});

test('on a phone: the first meeting on the first screen, the § index first, no layout shift on search, row labels stay in view', async () => {
  const out = build(repo);
  const server = await serve(out);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(base + '/', { waitUntil: 'load' });
    const header = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
    assert.ok(header < 844 / 4, `the header takes ${header} of 844 px`);
    const first = await page.evaluate(() => {
      const a = [...document.querySelectorAll('main a.card-title')].find((x) => /\/\d{4}-\d{2}-\d{2}\/$/.test(x.getAttribute('href')));
      return a && a.getBoundingClientRect().bottom;
    });
    assert.ok(first && first < 844, `the first meeting link ends at ${first} px`);

    for (const url of ['/forbundsmotet/2024-04-25/', '/styrelsen/2024-09-12/']) {
      await page.goto(base + url, { waitUntil: 'load' });
      const r = await page.evaluate(() => {
        const index = document.querySelector('nav.decision-index');
        const attendance = document.querySelector('.attendance');
        const firstParagraph = document.querySelector('article.paragraph');
        return {
          links: index ? index.querySelectorAll('a[href^="#"]').length : 0,
          paragraphs: document.querySelectorAll('article.paragraph').length,
          beforeAttendance: !!index && (!attendance || !!(index.compareDocumentPosition(attendance) & Node.DOCUMENT_POSITION_FOLLOWING)),
          beforeParagraphs: !!index && !!(index.compareDocumentPosition(firstParagraph) & Node.DOCUMENT_POSITION_FOLLOWING),
          top: index ? index.getBoundingClientRect().top : Infinity,
        };
      });
      assert.ok(r.paragraphs > 0, url);
      assert.equal(r.links, r.paragraphs, `${url}: the index links every §`);
      assert.ok(r.beforeAttendance && r.beforeParagraphs, `${url}: the index comes first`);
      assert.ok(r.top < 2 * 844, `${url}: the index starts at ${r.top} px`);
    }

    // The search page does not move as its results come (CLS under Lighthouse's "good" 0.1).
    const watched = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const sp = await watched.newPage();
    await sp.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
    });
    await sp.goto(base + '/sok/?q=medlemsavgift', { waitUntil: 'load' });
    await sp.locator('#sok-traffar li').first().waitFor();
    await sp.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const shift = await sp.evaluate(() => window.__shift);
    assert.ok(shift < 0.1, `the search page shifts by ${shift}`);

    const narrow = await browser.newContext({ viewport: { width: 320, height: 844 } });
    const p2 = await narrow.newPage();
    await p2.goto(base + '/dokument/arsredovisning-2023/', { waitUntil: 'load' });
    const hidden = await p2.evaluate(() => {
      const bad = [];
      let scrolled = 0;
      for (const wrap of document.querySelectorAll('.table-wrap')) {
        if (wrap.scrollWidth <= wrap.clientWidth) continue;
        scrolled += 1;
        wrap.scrollLeft = wrap.scrollWidth;
        const box = wrap.getBoundingClientRect();
        for (const th of wrap.querySelectorAll('tbody th[scope="row"]')) {
          const r = th.getBoundingClientRect();
          if (r.left < box.left - 1 || r.right > box.right + 1) bad.push(wrap.getAttribute('aria-label') + ': ' + th.textContent.trim());
        }
      }
      return { bad: bad.slice(0, 5), scrolled, rows: document.querySelectorAll('.table-wrap tbody th[scope="row"]').length };
    });
    assert.ok(hidden.rows > 20, `${hidden.rows} row headers`);
    assert.ok(hidden.scrolled > 0, 'no table is wider than the phone: nothing was scrolled');
    assert.deepEqual(hidden.bad, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('printed: A4 pages headed with the page (body and date) and the site, and numbered', async () => {
  const out = build(repo);
  const server = await serve(out);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/forbundsmotet/2024-04-25/4/`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-print-')), 'page.pdf');
    // The page's own @page rules (size A4, the margin boxes) decide, as in a browser's print.
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    assert.ok(pages.length >= 1);
    pages.forEach((p, i) => {
      const head = p.trimStart().split('\n')[0];
      assert.match(head, /§ 4 Fastställande av dagordning – Förbundsmötet 25 april 2024\s+Kommunförbundet Kalmar län/, `page ${i + 1}: ${head}`);
      assert.match(p, new RegExp(`Sida ${i + 1} av ${pages.length}`), `page ${i + 1}`);
    });
    const size = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    assert.match(size, /Page size:.* pts \(A4\)/, size);
  } finally {
    await browser.close();
    server.close();
  }
});

test('on a 1280 px screen the home page shows its meetings and decisions side by side', async () => {
  const out = build(repo);
  const server = await serve(out);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
    const boxes = await page.evaluate(() => ['senaste', 'beslut'].map((id) => {
      const r = document.getElementById(id).closest('section').getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top };
    }));
    const [meetings, decisions] = boxes;
    assert.ok(decisions.left >= meetings.right, `decisions start at ${decisions.left}, meetings end at ${meetings.right}`);
    assert.equal(Math.round(decisions.top), Math.round(meetings.top));
    assert.ok(decisions.right - meetings.left > 0.75 * 1280, `the lists span ${decisions.right - meetings.left} px`);
  } finally {
    await browser.close();
    server.close();
  }
});

test('the charts over time: an organ over ten years (the fullmäktige fixture), the same checks', async () => {
  const out = buildFixture('fullmaktige');
  const organ = fs.readFileSync(path.join(out, 'kf', 'index.html'), 'utf8');
  assert.match(organ, /<figure class="chart chart-grouped"/, 'the organ page has its chart');
  const problems = await check(out, [['organ with a chart over years', '/kf/'], ['year', '/ar/2011/']], 'fullmäktige fixture');
  assert.deepEqual(problems, []);
});

test('on a wide screen: the meeting\'s § index beside its §§ and in view as they scroll, a § page\'s pager beside it, lists as grids; one column on a phone', async () => {
  const out = build(repo);
  const server = await serve(out);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      const wide = width > 1000;
      const ctx = await browser.newContext({ viewport: { width, height } });
      const page = await ctx.newPage();
      for (const url of ['/forbundsmotet/2024-04-25/', '/styrelsen/2024-09-12/']) {
        await page.goto(base + url, { waitUntil: 'load' });
        const at = () => page.evaluate(() => {
          const box = (e) => e.getBoundingClientRect();
          const index = box(document.querySelector('nav.decision-index'));
          const paragraphs = [...document.querySelectorAll('article.paragraph')].map(box);
          const text = document.querySelector('article.paragraph p, article.paragraph .decision');
          return {
            index: { left: index.left, top: index.top, bottom: index.bottom },
            right: Math.max(...paragraphs.map((p) => p.right)),
            // The width of the §§' text in ch of its own font.
            measure: (() => {
              const ch = document.createElement('span');
              ch.style.cssText = 'display:inline-block;width:1ch';
              text.appendChild(ch);
              const w = box(ch).width;
              ch.remove();
              return box(text).width / w;
            })(),
            view: innerHeight,
          };
        });
        const top = await at();
        if (wide) {
          assert.ok(top.index.left >= top.right, `${url}: the index (left ${top.index.left}) beside the §§ (right ${top.right})`);
          assert.ok(top.index.top < top.view, `${url}: the index on the first screen (top ${top.index.top})`);
          assert.ok(top.measure <= 80, `${url}: the §§ keep a readable line (${top.measure.toFixed(0)} ch)`);
          await page.evaluate(() => [...document.querySelectorAll('article.paragraph')].pop().scrollIntoView());
          const end = await at();
          assert.ok(end.index.top >= 0 && end.index.top < end.view / 2, `${url}: the index stays in view at the last § (top ${end.index.top})`);
        } else {
          assert.ok(top.index.left < top.right, `${url}: on a phone the index is above the §§, not beside them`);
        }
      }
      await page.goto(base + '/forbundsmotet/2024-04-25/6/', { waitUntil: 'load' });
      const pager = await page.evaluate(() => {
        const [a, p] = ['.paragraph-page', 'nav.pager'].map((s) => document.querySelector(s).getBoundingClientRect());
        return { beside: p.left >= a.right, top: p.top, view: innerHeight };
      });
      assert.equal(pager.beside, wide, `${width} px: the § page's pager beside its text: ${pager.beside}`);
      if (wide) assert.ok(pager.top < pager.view, `the pager on the first screen (top ${pager.top})`);
      await page.goto(base + '/person/', { waitUntil: 'load' });
      const tops = await page.evaluate(() => [...document.querySelectorAll('main .card-list > li')].slice(0, 3).map((li) => li.getBoundingClientRect().top));
      const sideBySide = tops.filter((t) => t === tops[0]).length;
      assert.equal(sideBySide, wide ? 3 : 1, `${width} px: ${sideBySide} cards on the first row of the person list`);
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
});
