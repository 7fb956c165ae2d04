// Shared by the search tests: build a site with the protokoll binary, query it with tantivy
// (`protokoll search --json`) and with the browser engine over the exported files.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const bin = process.env.PROTOKOLL_BIN || path.join(repo, 'target', 'release', 'protokoll');

/** Builds the site at `root` into a fresh temporary output; returns the output directory. */
export function build(root) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-search-')), 'public');
  execFileSync(bin, ['build', '--root', root, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** Why the engine cannot run yet, or null: the stemmer module comes from its own branch. */
export function missingStemmer(out) {
  const p = path.join(out, 'sok', 'stemmer.js');
  return fs.existsSync(p) ? null : `${p} is missing (the JS Swedish stemmer is not merged yet)`;
}

/** tantivy's ranking via the CLI. */
export function tantivy(out, q, filters = {}, limit = 30) {
  const args = ['search', q, '--output', out, '--json', '--limit', String(limit)];
  if (filters.organ) args.push('--organ', filters.organ);
  if (filters.year) args.push('--year', String(filters.year));
  if (filters.type) args.push('--type', filters.type);
  return JSON.parse(execFileSync(bin, args, { encoding: 'utf8' }));
}

/**
 * The browser engine over the files of `out`, counting requests, bytes and round trips: a request
 * is one trip after the latest response the engine had when it asked (responses come a macrotask
 * later, so requests made together share a trip).
 */
export async function engine(out) {
  const { Engine } = await import(pathToFileURL(path.join(out, 'sok', 'engine.js')).href);
  const stats = { requests: 0, bytes: 0, files: [], trips: 0 };
  let answered = 0;
  const load = async (url, kind) => {
    const trip = answered + 1;
    const bytes = fs.readFileSync(path.join(out, decodeURIComponent(url)));
    stats.requests += 1;
    stats.bytes += bytes.length;
    stats.files.push(url);
    await new Promise((resolve) => setImmediate(resolve));
    answered = Math.max(answered, trip);
    stats.trips = Math.max(stats.trips, trip);
    return kind === 'json' ? JSON.parse(bytes.toString('utf8')) : new Uint8Array(bytes);
  };
  return { engine: new Engine(load), stats };
}

/** How many posting lists a document's score may sum for the engine's reading of a query. */
function lists(mine) {
  const fixed = new Map(mine.notes.map((n) => [n.word, Math.max(1, n.words.length)]));
  return mine.words.reduce(
    (n, w) => n + (w.dnr ? 1 : 0) + (w.party ? 1 : 0) + w.slots.reduce((m, s) => m + (fixed.get(s.token) || 1), 0),
    0,
  );
}

/**
 * Checks that the engine's top 10 is tantivy's top 10 (`theirs`: `protokoll search --json`, up
 * to 30 hits): the same pages in the same order, with the same scores, match kinds, counts of
 * matched words and notes. Scores are quantized to 1/scale per posting list, so two documents
 * whose tantivy scores differ by less than that bound may swap; every other difference is
 * reported. Returns a list of problems (empty when equal).
 */
export function compare(q, mine, theirs, scale) {
  const tol = lists(mine) / scale + 1e-4;
  const problems = [];
  const byUrl = new Map(theirs.map((h) => [h.url, h]));
  const top = theirs.slice(0, 10);
  const mineUrls = mine.hits.map((h) => h.card.u);
  const tie = (a, b) => a.matched === b.matched && Math.abs(a.score - b.score) <= tol;
  if (mineUrls.length !== top.length) problems.push(`${q}: ${mineUrls.length} hits, tantivy ${top.length}`);
  if (theirs.length < 30 && mine.total !== theirs.length) problems.push(`${q}: total ${mine.total}, tantivy ${theirs.length}`);
  const theirNotes = JSON.stringify(theirs.length ? theirs[0].notes : mine.notes);
  if (JSON.stringify(mine.notes) !== theirNotes) problems.push(`${q}: notes ${JSON.stringify(mine.notes)}, tantivy ${theirNotes}`);
  const tenth = top[top.length - 1];
  for (const h of top) {
    if (!mineUrls.includes(h.url) && !tie(h, tenth)) problems.push(`${q}: tantivy's ${h.url} (${h.score}) missing from the engine's top 10`);
  }
  let prev = null;
  for (const h of mine.hits) {
    const t = byUrl.get(h.card.u);
    const here = { matched: h.matched, score: h.score };
    if (!t) {
      if (!tenth || !tie(here, tenth)) problems.push(`${q}: engine's ${h.card.u} is not in tantivy's results`);
      continue;
    }
    if (Math.abs(t.score - h.score) > tol) problems.push(`${q}: ${h.card.u} scores ${h.score}, tantivy ${t.score}`);
    if (t.match !== h.tier) problems.push(`${q}: ${h.card.u} matched as ${h.tier}, tantivy ${t.match}`);
    if (t.matched !== h.matched) problems.push(`${q}: ${h.card.u} matches ${h.matched} words, tantivy ${t.matched}`);
    if (prev && (t.matched > prev.matched || (t.matched === prev.matched && t.score > prev.score + tol))) {
      problems.push(`${q}: ${h.card.u} (${t.score}) ranked after a lower one (${prev.score})`);
    }
    prev = { matched: t.matched, score: Math.min(prev && prev.matched === t.matched ? prev.score : Infinity, t.score) };
  }
  return problems;
}
