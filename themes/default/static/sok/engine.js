// The search engine of /sok/: reads the static export (docs/SEARCH.md) and ranks documents exactly
// as `protokoll search` does with tantivy: the same words (whole or as compound parts), the same
// tiers (every word, fallbacks for words the index lacks, partial matches), BM25 precomputed per
// (key, document).
// No DOM here, so node runs it in the tests against the exported files.

import { fix, needs, cmp } from './fallback.js';
import { fold, isWord, words } from './words.js';

export { tokens, stems, words, fold } from './words.js';

function reader(bytes) {
  let pos = 0;
  return {
    varint() {
      let v = 0;
      let mul = 1;
      for (;;) {
        const b = bytes[pos++];
        v += (b & 0x7f) * mul;
        if (b < 0x80) return v;
        mul *= 128;
      }
    },
    bytes(n) {
      const s = bytes.subarray(pos, pos + n);
      pos += n;
      return s;
    },
  };
}

/** Doc deltas then scores: one posting list, as { docs, scores }. */
function readPostings(r, n) {
  const docs = new Uint32Array(n);
  const scores = new Uint32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    prev = i === 0 ? r.varint() : prev + r.varint();
    docs[i] = prev;
  }
  for (let i = 0; i < n; i++) scores[i] = r.varint();
  return { docs, scores };
}

const text = new TextDecoder();
const EMPTY = { docs: new Uint32Array(0), scores: new Uint32Array(0) };

/** Front-coded keys, each followed by what `rest` reads. */
function readKeyed(bytes, rest) {
  const r = reader(bytes);
  const out = [];
  let prev = new Uint8Array(0);
  const count = r.varint();
  for (let i = 0; i < count; i++) {
    const shared = r.varint();
    const suffix = r.bytes(r.varint());
    const key = new Uint8Array(shared + suffix.length);
    key.set(prev.subarray(0, shared));
    key.set(suffix, shared);
    prev = key;
    out.push([text.decode(key), rest(r)]);
  }
  return out;
}

function readShard(bytes) {
  return new Map(readKeyed(bytes, (r) => ({ main: readPostings(r, r.varint()), partOnly: readPostings(r, r.varint()) })));
}

function readLexicon(bytes) {
  return readKeyed(bytes, (r) => {
    const flags = r.varint();
    return { whole: (flags & 1) === 1, part: (flags & 2) === 2, weight: r.varint() };
  }).map(([key, e]) => ({ key, folded: fold(key), ...e }));
}

function readFull(bytes) {
  const r = reader(bytes);
  return readPostings(r, r.varint());
}

function readTop(bytes) {
  const r = reader(bytes);
  const df = r.varint();
  const n = r.varint();
  const docs = new Uint32Array(n);
  const scores = new Uint32Array(n);
  const partOnly = new Uint8Array(n);
  for (let i = 0; i < n; i++) docs[i] = r.varint();
  for (let i = 0; i < n; i++) scores[i] = r.varint();
  for (let i = 0; i < n; i++) partOnly[i] = r.varint();
  return { docs, scores, partOnly, df };
}

function readColumn(bytes, n) {
  const r = reader(bytes);
  const col = new Uint16Array(n);
  let at = 0;
  while (at < n) {
    const v = r.varint();
    const len = r.varint();
    col.fill(v, at, at + len);
    at += len;
  }
  return col;
}

/** doc → score of one or more posting lists, scores of a document summed. */
function sum(lists) {
  const m = new Map();
  for (const { docs, scores } of lists) {
    for (let i = 0; i < docs.length; i++) m.set(docs[i], (m.get(docs[i]) || 0) + scores[i]);
  }
  return m;
}

/** Documents in every map, scores summed; null maps are "no condition". */
function and(maps) {
  const sorted = [...maps].sort((a, b) => a.size - b.size);
  let out = null;
  for (const m of sorted) {
    if (out === null) {
      out = new Map(m);
      continue;
    }
    const next = new Map();
    for (const [d, s] of out) {
      const t = m.get(d);
      if (t !== undefined) next.set(d, s + t);
    }
    out = next;
    if (!out.size) break;
  }
  return out || new Map();
}

function merge(into, m) {
  for (const [d, s] of m) into.set(d, (into.get(d) || 0) + s);
  return into;
}

/** Index of the last boundary ≤ key (boundaries sorted by code point). */
function lastAtMost(bounds, key) {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cmp(bounds[mid], key) <= 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The shards holding every sort key that starts with `prefix`. */
function rangeOf(bounds, prefix) {
  if (!bounds.length) return [];
  const out = [lastAtMost(bounds, prefix)];
  for (let i = out[0] + 1; i < bounds.length && bounds[i].startsWith(prefix); i++) out.push(i);
  return out;
}

/**
 * The lexicon of the entry (`words`, `weights`: every stem of letters only, sorted by folded key
 * then key) as the fallbacks read it: has(stem) (a whole word of the site), get(key),
 * starting(foldedPrefix) and ending(foldedSuffix), entries { key, folded, whole, part, weight }.
 */
function readWords(e) {
  const keys = e.words ? e.words.split(' ') : [];
  const entries = keys.map((key, i) => {
    const w = e.weights[i];
    return { key, folded: fold(key), whole: (w & 1) === 1, part: (w & 2) === 2, weight: Math.floor(w / 4) };
  });
  const byKey = new Map(entries.map((x) => [x.key, x]));
  return {
    get: (key) => byKey.get(key),
    has: (stem) => byKey.get(stem)?.whole === true,
    starting: (p) => {
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(entries[mid].folded, p) < 0) lo = mid + 1;
        else hi = mid;
      }
      const out = [];
      for (let i = lo; i < entries.length && entries[i].folded.startsWith(p); i++) out.push(entries[i]);
      return out;
    },
    ending: (x) => entries.filter((y) => y.folded.endsWith(x)),
  };
}

/** The filter names of the URL and the columns they read. */
export const FILTERS = [
  ['organ', 'organ'],
  ['ar', 'year'],
  ['typ', 'type'],
];

const byRank = (a, b) => b[1] - a[1] || a[0] - b[0];

/**
 * A search over one export. `load(url, kind)` returns a Promise of a Uint8Array ('bin') or parsed
 * JSON ('json'); it is the only I/O, so tests and the browser bring their own.
 */
export class Engine {
  constructor(load, entryUrl = '/sok/index.json') {
    this.load = load;
    this.entryUrl = entryUrl;
    this.cache = new Map();
    this.entry = null;
  }

  /** Fetches the entry file (once). */
  async open() {
    if (!this.entry) {
      const e = await this.load(this.entryUrl, 'json');
      this.commonIndex = new Map(e.common.map((t, i) => [t, i]));
      this.partsIndex = new Map((e.parts || []).map((t, i) => [t, i]));
      this.stopWords = new Set(e.stop_words || []);
      this.parties = e.parties || [];
      // A large site's lexicon is in shards (no `words` in the entry): fetched when needed.
      this.lex = e.words === undefined ? null : readWords(e);
      this.entry = e;
    }
    return this.entry;
  }

  fetch(path, kind, parse) {
    if (!this.cache.has(path)) {
      this.cache.set(path, this.load(this.entry.base + path, kind).then(parse));
    }
    return this.cache.get(path);
  }

  /**
   * What the export has for `key`: { main, partOnly, known }: the documents with it as a whole
   * word (scored with its parts), those with it only as a compound part. `top`: a common key's
   * top-K block is enough (then `main` is that block, with `df` and a `partOnly` flag per doc).
   */
  async key(key, top = false) {
    const c = this.commonIndex.get(key);
    if (c !== undefined) {
      if (top) return { main: await this.fetch(`t/${c}.bin`, 'bin', readTop), partOnly: EMPTY, known: true, top: true };
      const q = this.partsIndex.get(key);
      const [main, partOnly] = await Promise.all([
        this.fetch(`p/${c}.bin`, 'bin', readFull),
        q === undefined ? EMPTY : this.fetch(`q/${q}.bin`, 'bin', readFull),
      ]);
      return { main, partOnly, known: true };
    }
    if (!this.entry.shards.length) return { main: EMPTY, partOnly: EMPTY, known: false };
    const shard = await this.fetch(`s/${lastAtMost(this.entry.shards, key)}.bin`, 'bin', readShard);
    const e = shard.get(key);
    if (!e) return { main: EMPTY, partOnly: EMPTY, known: false };
    return { main: e.main, partOnly: e.partOnly, known: e.main.docs.length + e.partOnly.docs.length > 0 };
  }

  /** The filter column `name` (organ, year, type): per document 0 (none) or 1 + index. */
  column(name) {
    return this.fetch(`f/${name}.bin`, 'bin', (b) => readColumn(b, this.entry.docs));
  }

  /** Result cards of documents `ids`, fetched by bucket. */
  async cards(ids) {
    const size = this.entry.bucket;
    const buckets = await Promise.all(ids.map((d) => this.fetch(`c/${Math.floor(d / size)}.json`, 'json', (x) => x)));
    return ids.map((d, i) => buckets[i][d % size]);
  }

  /** A view of the lexicon shards `needed` says (a large site's), once they are loaded. */
  async lexicon(needed) {
    const e = this.entry;
    const fwd = new Set();
    const rev = new Set();
    for (const n of needed) {
      for (const p of n.ranges) for (const i of rangeOf(e.lexicon, p)) fwd.add(i);
      for (const k of n.keys) if (e.lexicon.length) fwd.add(lastAtMost(e.lexicon, k));
      for (const p of n.reversed) for (const i of rangeOf(e.reversed, p)) rev.add(i);
    }
    const load = (dir, set) => Promise.all([...set].sort((a, b) => a - b).map((i) => this.fetch(`${dir}/${i}.bin`, 'bin', readLexicon)));
    const [f, r] = await Promise.all([load('l', fwd), load('r', rev)]);
    const entries = f.flat();
    const reversed = r.flat();
    const byKey = new Map(entries.map((x) => [x.key, x]));
    return {
      has: (stem) => byKey.get(stem)?.whole === true,
      starting: (p) => entries.filter((x) => x.folded.startsWith(p)),
      ending: (s) => reversed.filter((x) => x.folded.endsWith(s)),
    };
  }

  /**
   * Runs a query. `filters` has organ (id), year (number) and type (key); `offset` and `limit`
   * page the hits. Returns { total, hits: [{ doc, score, card, tier, matched }], words, notes }.
   */
  async search(q, filters = {}, offset = 0, limit = 10) {
    const entry = await this.open();
    const ws = words(q || '', this.stopWords, this.parties);
    const active = FILTERS.filter(([, col]) => filters[col] != null && filters[col] !== '');
    const cols = await Promise.all(active.map(([, col]) => this.column(col)));
    const want = active.map(([, col]) => this.wanted(col, filters[col]));
    const keep = active.length ? (d) => cols.every((c, i) => c[d] === want[i]) : null;
    let list;
    let total;
    let notes = [];
    if (!ws.length) {
      const ids = [];
      for (let d = 0; d < entry.docs; d++) if (!keep || keep(d)) ids.push(d);
      total = ids.length;
      list = ids.slice(offset, offset + limit).map((d) => [d, 0, null, 0]);
    } else {
      const top =
        ws.length === 1 && ws[0].slots.length === 1 && !ws[0].dnr && !ws[0].party && !keep &&
        offset + limit <= entry.top_k && this.commonIndex.has(ws[0].slots[0].stem);
      const r = await this.rank(ws, keep, top);
      total = r.total;
      notes = r.notes;
      list = r.list.slice(offset, offset + limit);
    }
    const cards = await this.cards(list.map(([d]) => d));
    return {
      total,
      words: ws,
      notes,
      hits: list.map(([doc, s, tier, matched], i) => ({ doc, score: s / entry.scale, card: cards[i], tier, matched })),
    };
  }

  /** The column value a filter wants (1 + index in the entry's list; 0 matches nothing). */
  wanted(col, value) {
    const e = this.entry;
    if (col === 'organ') return e.organs.findIndex(([id]) => id === value) + 1;
    if (col === 'year') return e.years.indexOf(Number(value)) + 1;
    return e.types.findIndex(([k]) => k === value) + 1;
  }

  /**
   * Every matching document in rank order, as [doc, quantized score, how, words matched], with
   * the total and the notes on words the index lacks (src/search/query.rs `search`).
   */
  async rank(ws, keep, top) {
    const data = new Map();
    const get = (k) => data.get(k);
    const n = ws.length;
    const isLast = (i, j) => i + 1 === n && j + 1 === ws[i].slots.length;
    // The entry's lexicon tells which words of letters the site lacks, so their fallbacks are
    // found now and fetched with the query's own keys: one round trip for both. A slot that is
    // not letters only is not in the lexicon; its fallback (rarely any) is fetched in case. A
    // large site's lexicon is in shards: its fallbacks wait for the keys to say what is lacking.
    const lex = this.lex;
    const early = ws.map((w, i) =>
      w.slots.map((s, j) => (!lex || (isWord(s.stem) && lex.get(s.stem)) ? undefined : fix(s.token, s.stem, isLast(i, j), lex, this.stopWords))),
    );
    const need = new Map();
    for (const w of ws) {
      if (w.dnr) need.set('#' + w.dnr, false);
      if (w.party) need.set('@' + w.party, false);
      for (const s of w.slots) need.set(s.stem, top);
    }
    for (const f of early.flat()) if (f) for (const k of f.stems) if (!need.has(k)) need.set(k, false);
    await Promise.all([...need].map(async ([k, t]) => data.set(k, await this.key(k, t))));
    const slotKnown = (s) => get(s.stem).known;
    const known = ws.map((w) => !!w.party || (w.dnr && get('#' + w.dnr).known) || (w.slots.length > 0 && w.slots.every(slotKnown)));
    const notes = [];
    const plans = ws.map((w) => ({ w, fixes: w.slots.map(() => null) }));
    const ranked = (m, how) => {
      const out = [];
      for (const [d, s] of m) if (!keep || keep(d)) out.push([d, s, how(d), n]);
      return out.sort(byRank);
    };
    if (known.every(Boolean)) {
      if (top) {
        const t = get(ws[0].slots[0].stem).main;
        const list = [];
        for (let i = 0; i < t.docs.length; i++) list.push([t.docs[i], t.scores[i], t.partOnly[i] ? 'part' : 'exact', 1]);
        return { list: list.sort(byRank), total: t.df, notes };
      }
      const whole = plans.map((p) => this.wholeDocs(p, get));
      const list = ranked(this.everyWord(plans, get), (d) => (whole.every((set) => set.has(d)) ? 'exact' : 'part'));
      if (list.length || n < 2) return { list, total: list.length, notes };
    } else {
      const lacking = [];
      ws.forEach((w, i) => {
        if (known[i]) return;
        w.slots.forEach((s, j) => {
          if (!slotKnown(s)) lacking.push([i, j, s]);
        });
      });
      const view = lex || (await this.lexicon(lacking.map(([i, j, s]) => needs(s.token, s.stem, isLast(i, j)))));
      for (const [i, j, s] of lacking) {
        const f = early[i][j] !== undefined ? early[i][j] : fix(s.token, s.stem, isLast(i, j), view, this.stopWords);
        notes.push({ word: s.token, kind: f ? f.kind : 'missing', words: f ? f.stems : [] });
        plans[i].fixes[j] = f;
      }
      // With the entry's lexicon only when it and the shards disagree (they do not) would this
      // fetch anything; with lexicon shards, the words the fallbacks chose.
      const more = new Set();
      for (const p of plans) for (const f of p.fixes) if (f) for (const k of f.stems) if (!data.has(k)) more.add(k);
      await Promise.all([...more].map(async (k) => data.set(k, await this.key(k))));
      const list = ranked(this.everyWord(plans, get), () => 'fallback');
      if (list.length || n < 2) return { list, total: list.length, notes };
    }
    // Partial: documents matching most of the words, then by score.
    const perWord = plans.map((p) => this.wordScores(p, get));
    const union = new Map();
    const count = new Map();
    for (const m of perWord) {
      merge(union, m);
      for (const d of m.keys()) count.set(d, (count.get(d) || 0) + 1);
    }
    const list = [];
    for (const [d, s] of union) if (!keep || keep(d)) list.push([d, s, 'partial', count.get(d)]);
    list.sort((a, b) => b[3] - a[3] || byRank(a, b));
    return { list, total: list.length, notes };
  }

  /** Documents matching every word, scores summed. */
  everyWord(plans, get) {
    return and(plans.map((p) => this.wordScores(p, get)));
  }

  /** One word: its keys, or every one of its slots, whole or as parts (query.rs `word_query`). */
  wordScores({ w, fixes }, get) {
    const stemMap = (k) => sum([get(k).main, get(k).partOnly]);
    const out = new Map();
    if (w.slots.length) {
      const slots = w.slots.map((s, i) => {
        const f = fixes[i];
        if (!f) return stemMap(s.stem);
        if (f.kind === 'split') return and(f.stems.map(stemMap));
        return f.stems.reduce((m, k) => merge(m, stemMap(k)), new Map());
      });
      merge(out, and(slots));
    }
    for (const k of [w.dnr && '#' + w.dnr, w.party && '@' + w.party]) {
      if (k) merge(out, sum([get(k).main]));
    }
    return out;
  }

  /** The documents a word matches without compound parts: by a key, or every stem whole. */
  wholeDocs({ w }, get) {
    let out = new Set();
    if (w.slots.length) {
      const sets = w.slots.map((s) => new Set(get(s.stem).main.docs)).sort((a, b) => a.size - b.size);
      out = new Set([...sets[0]].filter((d) => sets.every((x) => x.has(d))));
    }
    for (const k of [w.dnr && '#' + w.dnr, w.party && '@' + w.party]) {
      if (k) for (const d of get(k).main.docs) out.add(d);
    }
    return out;
  }

  /**
   * Counts per filter value among the documents matching `q` and the other filters, for the
   * filter menus: { organ: Map(index → n), year: …, type: … }. Loads all three columns.
   */
  async counts(q, filters = {}) {
    const entry = await this.open();
    const ws = words(q || '', this.stopWords, this.parties);
    const [matches, ...cols] = await Promise.all([ws.length ? this.rank(ws, null, false) : null, ...FILTERS.map(([, c]) => this.column(c))]);
    const want = FILTERS.map(([, c]) => (filters[c] != null && filters[c] !== '' ? this.wanted(c, filters[c]) : null));
    const out = FILTERS.map(() => new Map());
    const each = (d) => {
      for (let f = 0; f < FILTERS.length; f++) {
        let ok = true;
        for (let g = 0; g < FILTERS.length && ok; g++) {
          if (g !== f && want[g] !== null && cols[g][d] !== want[g]) ok = false;
        }
        if (ok) out[f].set(cols[f][d], (out[f].get(cols[f][d]) || 0) + 1);
      }
    };
    if (matches) for (const [d] of matches.list) each(d);
    else for (let d = 0; d < entry.docs; d++) each(d);
    return Object.fromEntries(FILTERS.map(([, c], i) => [c, out[i]]));
  }
}
