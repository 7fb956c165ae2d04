// A synthetic site for search tests and the benchmark: the real register, and protokoll whose
// paragraphs are built from the sentences of content/, deterministically from a seed.
// Usage: node scripts/search/corpus.mjs OUT_ROOT PARAGRAPHS [SEED]

import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '..', '..');

/** A small seeded generator (mulberry32), so a corpus is the same on every machine. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Every prose sentence of the real content (no headings, tables, lists or front matter). */
export function sentences() {
  const out = new Set();
  for (const file of walk(path.join(repo, 'content'))) {
    const body = fs.readFileSync(file, 'utf8').split(/^\+\+\+$/m).slice(2).join('');
    for (const line of body.split('\n')) {
      const t = line.trim();
      if (!t || /^[#|>*\-\d]/.test(t) || /^(Dnr|Föredragande|Punkt|Handlingar)\b/.test(t)) continue;
      for (const s of t.split(/(?<=[.!?])\s+/)) {
        if (s.length > 20 && s.length < 400 && !/[<>\[\]{}`]/.test(s)) out.add(s);
      }
    }
  }
  return [...out].sort();
}

const ORGANS = ['styrelsen', 'forbundsmotet', 'lansgemensam-ledning', 'presidiekonferensen'];

/** Writes a site with `paragraphs` paragraphs under `root`; returns the number of meetings. */
export function generate(root, paragraphs, seed = 1) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const text = sentences();
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'content', 'register'), { recursive: true });
  for (const f of fs.readdirSync(path.join(repo, 'content', 'register')).sort()) {
    // The register's links to real decisions and documents do not exist here.
    const toml = fs.readFileSync(path.join(repo, 'content', 'register', f), 'utf8');
    fs.writeFileSync(path.join(root, 'content', 'register', f), toml.replace(/^beslut = .*\n/gm, ''));
  }
  fs.copyFileSync(path.join(repo, 'protokoll.toml'), path.join(root, 'protokoll.toml'));
  // The footer links to the accessibility statement.
  fs.copyFileSync(path.join(repo, 'content', 'om-webbplatsen.md'), path.join(root, 'content', 'om-webbplatsen.md'));
  let made = 0;
  let meetings = 0;
  let day = 0;
  const start = Date.UTC(1990, 0, 1);
  while (made < paragraphs) {
    day += 1 + Math.floor(rnd() * 3);
    const date = new Date(start + day * 86400000).toISOString().slice(0, 10);
    const organ = ORGANS[meetings % ORGANS.length];
    const n = Math.min(paragraphs - made, 5 + Math.floor(rnd() * 15));
    const year = date.slice(0, 4);
    let md = `+++\ntyp = "protokoll"\norgan = "${organ}"\ndatum = ${date}\n+++\n`;
    for (let i = 1; i <= n; i++) {
      const words = pick(text).replace(/[.!?:;,]+$/, '').split(/\s+/).slice(0, 3 + Math.floor(rnd() * 5));
      md += `\n## § ${i} ${words.join(' ')}\n\n`;
      if (rnd() < 0.6) md += `Dnr: ${year}/${String(1 + Math.floor(rnd() * 120)).padStart(2, '0')}\n\n`;
      md += '### Bakgrund\n\n';
      const k = 1 + Math.floor(rnd() * 6);
      for (let j = 0; j < k; j++) md += pick(text) + (j % 2 ? '\n\n' : ' ');
      md += '\n\n';
      if (rnd() < 0.8) md += `### Beslut\n\n${pick(text)}\n`;
    }
    const dir = path.join(root, 'content', organ, date);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'protokoll.md'), md);
    made += n;
    meetings += 1;
  }
  return meetings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [root, count, seed] = process.argv.slice(2);
  if (!root || !count) {
    console.error('usage: node scripts/search/corpus.mjs OUT_ROOT PARAGRAPHS [SEED]');
    process.exit(2);
  }
  const m = generate(path.resolve(root), Number(count), Number(seed || 1));
  console.error(`wrote ${count} paragraphs in ${m} meetings to ${root}`);
}
