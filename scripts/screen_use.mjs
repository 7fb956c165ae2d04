// How much of a wide screen the pages leave empty, measured in headless Chromium on a built site
// (the figures in the README, "The resident's view"). For each page at 1280 × 800 px, scrolled a
// screen at a time: the share of the screen's width that nothing of <main> on that screen uses (the
// union of the horizontal extents of the boxes that show text, images, charts or controls),
// averaged over the screens, and the page's height in screens.
//
//   node scripts/screen_use.mjs [SITE_DIR]   (default: public/, built by `protokoll build`)

import path from 'node:path';
import { serve, launch } from '../tests/a11y/browser.mjs';

const PAGES = [
  ['home', '/'],
  ['meeting (13 §§)', '/forbundsmotet/2024-04-25/'],
  ['meeting', '/styrelsen/2024-09-12/'],
  ['paragraph', '/styrelsen/2024-09-12/30/'],
  ['organ', '/styrelsen/'],
  ['year', '/ar/2024/'],
  ['case list', '/arende/'],
  ['case', '/arende/2020-26/'],
  ['person list', '/person/'],
  ['person', '/person/ake-gustavsson/'],
  ['party', '/parti/s/'],
  ['municipality', '/kommun/nybro/'],
];
const WIDTH = 1280;
const HEIGHT = 800;

/** In the page, scrolled to `y`: the width in use on the screen (px), what any content box spans. */
function measure(y) {
  scrollTo(0, y);
  const main = document.querySelector('main').getBoundingClientRect();
  const boxes = [];
  for (const el of document.querySelectorAll('main *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const replaced = /^(IMG|SVG|INPUT|SELECT|BUTTON|TEXTAREA|CANVAS)$/i.test(el.tagName);
    if (!own && !replaced) continue;
    // The block the text sits in (a link or a badge inside a line counts as its line's box).
    let box = el;
    while (box.tagName !== 'MAIN' && getComputedStyle(box).display.startsWith('inline')) {
      box = box.parentElement;
    }
    if (getComputedStyle(box).visibility === 'hidden') continue;
    for (const r of box.getClientRects()) {
      if (r.width && r.height) boxes.push([r.left, r.right, r.top, r.bottom]);
    }
  }
  const spans = boxes
    .filter((b) => b[3] > Math.max(0, main.top) && b[2] < Math.min(innerHeight, main.bottom))
    .map((b) => [Math.max(0, b[0]), Math.min(innerWidth, b[1])])
    .filter((s) => s[1] > s[0])
    .sort((a, b) => a[0] - b[0]);
  if (!spans.length) return 0;
  let used = 0;
  let [from, to] = spans[0];
  for (const [a, b] of spans.slice(1)) {
    if (a > to) {
      used += to - from;
      [from, to] = [a, b];
    } else {
      to = Math.max(to, b);
    }
  }
  return used + to - from;
}

const site = path.resolve(process.argv[2] || 'public');
const server = await serve(site);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
const base = `http://127.0.0.1:${server.address().port}`;
let sum = 0;
console.log(`| page | empty share of the width at ${WIDTH} px | height (screens of ${HEIGHT} px) |`);
console.log('| --- | ---: | ---: |');
for (const [name, url] of PAGES) {
  await page.goto(base + url);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  // Screen by screen, as a reader scrolls (what stays in view beside the text counts on each).
  let [screens, used] = [0, 0];
  for (let y = 0; y < height; y += HEIGHT) {
    used += await page.evaluate(measure, y);
    screens += 1;
  }
  const empty = 1 - used / (screens * WIDTH);
  sum += empty;
  console.log(`| ${name} \`${url}\` | ${(empty * 100).toFixed(0)} % | ${(height / HEIGHT).toFixed(1)} |`);
}
console.log(`| mean | ${((sum / PAGES.length) * 100).toFixed(0)} % | |`);
await browser.close();
server.close();
