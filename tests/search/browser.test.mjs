// The search page in headless Chromium: the built site served by a plain static file server on
// 127.0.0.1; the page takes its query from the URL, a typed query and a filter update the results
// and the URL, the back button restores them, and the live region announces the count. Results
// appear while typing without moving the list, say how a word the site lacks was read and why a
// result matched when not exactly, and one judged query of each kind finds what tantivy finds.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { build, missingStemmer, repo, tantivy } from './harness.mjs';
import { launch, serve } from '../a11y/browser.mjs';

const judged = JSON.parse(fs.readFileSync(path.join(repo, 'scripts/search/relevance/real.json'), 'utf8')).queries;

const firstHref = (page) => page.locator('#sok-traffar li a.card-title').first().getAttribute('href');

/**
 * Whether the page's first result is tantivy's first: the same page, or one tantivy scores the
 * same up to the export's quantization (the page puts the newer of tied pages first).
 */
async function firstIsTantivys(page, out, q) {
  const hits = tantivy(out, q);
  const first = await firstHref(page);
  const mine = hits.find((h) => h.url === first);
  return !!mine && mine.matched === hits[0].matched && Math.abs(mine.score - hits[0].score) <= 0.1;
}

test('the search page finds, filters, and keeps the URL', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const server = await serve(out);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${base}/sok/?q=medlemsavgift`);
    await page.locator('#sok-status', { hasText: 'medlemsavgift' }).waitFor();
    assert.equal(await firstHref(page), tantivy(out, 'medlemsavgift')[0].url);
    const announced = await page.locator('#sok-status').textContent();
    assert.match(announced, /^\d+ träff(ar)? för ”medlemsavgift”$/);
    assert.equal(await page.locator('#sok-status').getAttribute('aria-live'), 'polite');
    assert.ok(await page.locator('#sok-traffar mark').count() > 0, 'matched words are marked');

    await page.locator('#sok-q').fill('ersättaren i Nybro');
    await page.keyboard.press('Enter');
    await page.locator('#sok-status', { hasText: 'ersättaren i Nybro' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), 'ersättaren i Nybro');
    assert.equal(await firstHref(page), tantivy(out, 'ersättaren i Nybro')[0].url);

    // A filter that changes the first result: agenda items only.
    await page.locator('#sok-q').fill('medlemsavgift');
    await page.keyboard.press('Enter');
    await page.locator('#sok-status', { hasText: 'medlemsavgift' }).waitFor();
    const expected = tantivy(out, 'medlemsavgift', { type: 'punkt' })[0].url;
    assert.notEqual(expected, tantivy(out, 'medlemsavgift')[0].url);
    await page.locator('#sok-typ option[value="punkt"]').waitFor({ state: 'attached' });
    await page.locator('#sok-typ').selectOption('punkt');
    await page.locator('#sok-status', { hasText: 'avgränsat' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('typ'), 'punkt');
    assert.equal(await firstHref(page), expected);
    assert.match(await page.locator('#sok-typ option[value="punkt"]').textContent(), /\(\d+\)$/);

    await page.goBack();
    await page.locator('#sok-status:not(:has-text("avgränsat"))', { hasText: 'medlemsavgift' }).waitFor();
    assert.equal(await firstHref(page), tantivy(out, 'medlemsavgift')[0].url);
    await page.goBack();
    await page.locator('#sok-status', { hasText: 'ersättaren i Nybro' }).waitFor();
    assert.equal(await page.locator('#sok-q').inputValue(), 'ersättaren i Nybro');

    // Keyboard: Tab from the search box reaches the button, and a result link takes focus.
    await page.locator('#sok-q').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sök');
    await page.locator('#sok-traffar a').first().focus();
    assert.equal(await page.evaluate(() => document.activeElement.closest('#sok-traffar') !== null), true);

    // No query: everything, newest first.
    await page.goto(`${base}/sok/`);
    await page.locator('#sok-status', { hasText: 'senaste först' }).waitFor();
    assert.equal(await page.locator('#sok-traffar li').count(), 20);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('results follow the typing, say how words were read, and each kind of query works', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const server = await serve(out);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/sok/?q=medlemsavgift`);
    await page.locator('#sok-status', { hasText: 'medlemsavgift' }).waitFor();
    const top = async () => (await page.locator('#sok-traffar').boundingBox()).y;
    const before = await top();

    // Typed letter by letter, no Enter: the results are those of the prefix, the note says so,
    // and the list has not moved.
    await page.locator('#sok-q').fill('');
    await page.locator('#sok-q').pressSequentially('årsred', { delay: 60 });
    await page.locator('#sok-tolkning', { hasText: 'börjar med ”årsred”' }).waitFor();
    assert.ok(await firstIsTantivys(page, out, 'årsred'));
    await page.locator('#sok-status', { hasText: '”årsred”' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), 'årsred');
    assert.equal(await top(), before, 'the list stays where it was');
    assert.match(await page.locator('#sok-traffar .sok-varfor').first().textContent(), /liknar/);

    // The back button returns to the search before the typing.
    await page.goBack();
    await page.locator('#sok-status', { hasText: '”medlemsavgift”' }).waitFor();

    // A typo: results for the word it was taken for, said on the page.
    await page.goto(`${base}/sok/?q=medlemsavgit`);
    await page.locator('#sok-tolkning', { hasText: 'Visar resultat för ”medlemsavgift” i stället för ”medlemsavgit”' }).waitFor();
    assert.ok(await firstIsTantivys(page, out, 'medlemsavgit'));

    // A part of a compound: the result says why it matched.
    await page.goto(`${base}/sok/?q=avgift`);
    await page.locator('#sok-status', { hasText: '”avgift”' }).waitFor();
    const hits = tantivy(out, 'avgift');
    assert.equal(hits[0].match, 'part');
    assert.ok(await firstIsTantivys(page, out, 'avgift'));
    assert.match(await page.locator('#sok-traffar li').first().textContent(), /del av ett sammansatt ord/);
    assert.ok(await page.locator('#sok-traffar li').first().locator('mark').count() > 0, 'medlemsavgift is marked');

    // Partial matches.
    await page.goto(`${base}/sok/?q=${encodeURIComponent('när fick styrelsen ansvarsfrihet')}`);
    await page.locator('#sok-tolkning', { hasText: 'Ingen sida har alla orden' }).waitFor();
    assert.match(await page.locator('#sok-traffar .sok-varfor').first().textContent(), /2 av 3 sökord/);

    // One judged query of each kind: the page's first result is tantivy's, and a wanted page.
    const seen = new Set();
    for (const j of judged) {
      if (seen.has(j.class)) continue;
      seen.add(j.class);
      await page.goto(`${base}/sok/?q=${encodeURIComponent(j.q)}`);
      await page.locator('#sok-status', { hasText: j.q }).waitFor();
      assert.ok(await firstIsTantivys(page, out, j.q), `${j.class}: ${j.q}`);
      const shown = await page.locator('#sok-traffar li a.card-title').evaluateAll((as) => as.slice(0, 10).map((a) => a.getAttribute('href')));
      assert.ok(shown.some((u) => j.want.includes(u)), `${j.class} "${j.q}": ${shown}`);
    }
    assert.equal(seen.size, 9);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
