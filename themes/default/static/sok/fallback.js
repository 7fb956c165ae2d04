// The fallbacks for a word the index lacks, as src/search/lexicon.rs and compound.rs decide them:
// the last word as a prefix, other diacritics, compounds ending in it, words one edit away, a
// split into words of the site, words two edits away. They read a lexicon view: the lexicon the
// entry carries (engine.js `readWords`), or on a site too large for that the lexicon shards a
// word needs (`needs` says which; engine.js `lexicon`).

import { stem } from './stemmer.js';
import { distance, fold, isWord } from './words.js';

export const PREFIX_MAX = 8;
export const VARIANT_MAX = 8;
export const SUFFIX_MAX = 8;
export const TYPO_MAX = 5;
export const PREFIX_MIN = 3;
export const TYPO_ONE = 4;
export const TYPO_TWO = 8;
export const LINKS = ['s', 'e', 'a', 'u', 'o'];
export const MIN_PART = 3;
export const MIN_WORD = 6;
export const MAX_WORD = 40;
/** Compares strings by code point, as Rust orders them. */
export function cmp(a, b) {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = p.value.codePointAt(0) - q.value.codePointAt(0);
    if (d) return d;
  }
}

const reverse = (s) => [...s].reverse().join('');

/** The pieces a split of `token` may ask about (each piece and its stem), or none. */
function pieces(token) {
  const c = [...token];
  const n = c.length;
  if (n < MIN_WORD || n > MAX_WORD || !isWord(token)) return [];
  const out = [];
  for (let i = 0; i + MIN_PART <= n; i++) {
    for (let j = i + MIN_PART; j <= n; j++) {
      const t = c.slice(i, j).join('');
      out.push(t, stem(t));
    }
  }
  return out;
}

/**
 * What the lexicon shards must hold to fix `token`: folded prefixes whose whole range is needed
 * (`ranges`), folded keys whose own shard is needed (`keys`) and reversed folded prefixes of the
 * reversed lexicon (`reversed`).
 */
export function needs(token, stemmed, last) {
  const ft = fold(token);
  const fs = fold(stemmed);
  const ranges = [fs];
  if (last && [...token].length >= PREFIX_MIN) ranges.push(ft);
  if ([...ft].length >= TYPO_ONE) ranges.push([...ft][0]);
  return { ranges, keys: pieces(token).map(fold), reversed: [reverse(fs)] };
}

/** The best split of `word` into parts that are words of the site (compound.rs `split`). */
export function split(word, lex, stopWords) {
  const chars = [...word];
  const n = chars.length;
  if (n < MIN_WORD || n > MAX_WORD || !isWord(word)) return null;
  const text = (i, j) => chars.slice(i, j).join('');
  const inner = (i, j) => {
    const t = text(i, j);
    if (stopWords.has(t)) return null;
    if (lex.has(t)) return t;
    const s = stem(t);
    return lex.has(s) && !stopWords.has(s) ? s : null;
  };
  const last = (i) => {
    const t = text(i, n);
    if (stopWords.has(t)) return null;
    const s = stem(t);
    return lex.has(s) && !stopWords.has(s) ? s : null;
  };
  // A cost is [parts, links, -first part's length], compared in order.
  const less = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const best = new Array(n + 1).fill(null);
  for (let i = n - MIN_PART; i >= 0; i--) {
    let here = null;
    const consider = (cost, end, link, s) => {
      if (!here || less(cost, here.cost) < 0) here = { cost, end, link, stem: s };
    };
    if (i > 0) {
      const s = last(i);
      if (s !== null) consider([1, 0, -(n - i)], n, false, s);
    }
    for (let j = i + MIN_PART; j <= n - MIN_PART; j++) {
      let follow = null;
      for (const [k, link] of [[j, false], [j + 1, true]]) {
        if (link && !(k < n && LINKS.includes(chars[j]))) continue;
        if (!best[k]) continue;
        const cand = { rest: best[k].cost, link };
        if (!follow || less(cand.rest, follow.rest) < 0 || (less(cand.rest, follow.rest) === 0 && !cand.link && follow.link)) follow = cand;
      }
      if (!follow) continue;
      const s = inner(i, j);
      if (s !== null) consider([follow.rest[0] + 1, follow.rest[1] + (follow.link ? 1 : 0), -(j - i)], j, follow.link, s);
    }
    best[i] = here;
  }
  if (!best[0]) return null;
  const parts = [];
  let i = 0;
  while (i < n) {
    const b = best[i];
    parts.push({ text: text(i, b.end), stem: b.stem });
    i = b.end + (b.link ? 1 : 0);
  }
  return parts;
}

function top(list, max) {
  return [...list]
    .sort((a, b) => b.weight - a.weight || cmp(a.key, b.key))
    .slice(0, max)
    .map((e) => e.key);
}

/**
 * The fix of a token the index lacks: { kind, stems, parts? } or null (lexicon.rs `fix`).
 * `lex` answers has(stem) (a whole word of the site), starting(foldedPrefix) and
 * ending(foldedSuffix) with entries { key, folded, whole, part, weight }.
 */
export function fix(token, stemmed, last, lex, stopWords) {
  const ft = fold(token);
  const fs = fold(stemmed);
  if (last && [...token].length >= PREFIX_MIN) {
    const v = lex.starting(ft).filter((e) => e.key !== stemmed);
    if (v.length) return { kind: 'prefix', stems: top(v, PREFIX_MAX) };
  }
  let v = lex.starting(fs).filter((e) => e.folded === fs && e.key !== stemmed);
  if (v.length) return { kind: 'variant', stems: top(v, VARIANT_MAX) };
  const shortest = [...fs].length + MIN_PART;
  v = lex.ending(fs).filter((e) => [...e.folded].length >= shortest);
  if (v.length) return { kind: 'suffix', stems: top(v, SUFFIX_MAX) };
  const typos = (max) => {
    const tc = [...ft];
    const sc = [...fs];
    const found = [];
    for (const e of lex.starting(tc[0])) {
      // A word the typed one begins with is no typo of it (lexicon.rs).
      if (ft.startsWith(e.folded) || fs.startsWith(e.folded)) continue;
      const other = [...e.folded];
      const d = [distance(tc, other, max), distance(sc, other, max)].filter((x) => x !== null);
      if (d.length) found.push([Math.min(...d), e]);
    }
    if (!found.length) return [];
    const nearest = Math.min(...found.map((x) => x[0]));
    return found.filter((x) => x[0] === nearest).map((x) => x[1]);
  };
  const letters = [...ft].length;
  if (letters >= TYPO_ONE) {
    const t = typos(1);
    if (t.length) return { kind: 'typo', stems: top(t, TYPO_MAX) };
  }
  const parts = split(token, lex, stopWords);
  if (parts) return { kind: 'split', stems: parts.map((p) => p.stem), parts };
  if (letters >= TYPO_TWO) {
    const t = typos(2);
    if (t.length) return { kind: 'typo', stems: top(t, TYPO_MAX) };
  }
  return null;
}
