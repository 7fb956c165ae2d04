// The search page /sok/: takes ?q=&organ=&ar=&typ= from the URL, keeps the URL in step with the
// form (so results can be linked and the back button works), searches as the resident types,
// shows ranked results with the matched words marked, says how a word the site lacks was read
// and why a result matched when not exactly, offers the filters with counts, and announces the
// count in a polite live region.

import { Engine, tokens } from './engine.js';
import { stem } from './stemmer.js';

const PAGE = 20;
const TYPING_MS = 200;
const SETTLE_MS = 600;
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti',
  'september', 'oktober', 'november', 'december'];
const ALNUM = /[\p{Alphabetic}\p{N}]+/gu;

const $ = (id) => document.getElementById(id);
// The notice for readers without JavaScript; with it, the search itself takes its place.
$('sok-utan-js')?.remove();
const form = $('sok');
const input = $('sok-q');
const status = $('sok-status');
const note = $('sok-tolkning');
const list = $('sok-traffar');
const more = $('sok-fler');
const selects = { organ: $('sok-organ'), ar: $('sok-ar'), typ: $('sok-typ') };

// The site's base path: "" at the root of its host, "/kommun/protokoll" in a folder of it. This
// script is always /sok/sok.js of the site, so its own address says where the site starts; the
// engine and the index speak in site paths (/sok/index.json, /arende/2023-07/).
const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

const load = async (path, kind) => {
  const url = ROOT + path;
  const r = await fetch(url, url.endsWith('/index.json') ? { cache: 'no-store' } : {});
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return kind === 'json' ? r.json() : new Uint8Array(await r.arrayBuffer());
};
const engine = new Engine(load);
const baseTitle = document.title;
let generation = 0;
let shown = 0;
let announce = 0;

/** The state of the page as the URL has it. */
function fromUrl() {
  const p = new URLSearchParams(location.search);
  return { q: p.get('q') || '', organ: p.get('organ') || '', ar: p.get('ar') || '', typ: p.get('typ') || '' };
}

function toUrl(s) {
  const p = new URLSearchParams();
  for (const k of ['q', 'organ', 'ar', 'typ']) if (s[k]) p.set(k, s[k]);
  const qs = p.toString();
  return ROOT + '/sok/' + (qs ? '?' + qs : '');
}

function fromForm() {
  return { q: input.value.trim(), organ: selects.organ.value, ar: selects.ar.value, typ: selects.typ.value };
}

function filtersOf(s) {
  return { organ: s.organ || null, year: s.ar ? Number(s.ar) : null, type: s.typ || null };
}

function dateText(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '';
}

/** The stems whose words are marked: the query's, and the words its fallbacks stand for. */
function markedStems(r) {
  const out = new Set(r.words.flatMap((w) => w.slots.map((s) => s.stem)));
  for (const n of r.notes) for (const w of n.words) out.add(w);
  return out;
}

/** Appends `text` to `el`, words whose stem is wanted (or holds a wanted part) inside <mark>. */
function marked(el, text, wanted) {
  const parts = [...wanted].filter((w) => [...w].length >= 3);
  let last = 0;
  for (const m of text.matchAll(ALNUM)) {
    const hit = tokens(m[0]).some((t) => {
      const s = stem(t);
      return wanted.has(s) || parts.some((p) => s.includes(p));
    });
    if (!hit) continue;
    if (m.index > last) el.append(text.slice(last, m.index));
    const mark = document.createElement('mark');
    mark.textContent = m[0];
    el.append(mark);
    last = m.index + m[0].length;
  }
  if (last < text.length) el.append(text.slice(last));
}

/** Why a result matched, when it is not every word exactly. */
function why(hit, r) {
  if (hit.tier === 'part') return 'Ett av orden finns här som del av ett sammansatt ord';
  if (hit.tier === 'fallback') return 'Träff på ord som liknar det du skrev';
  if (hit.tier === 'partial') return `Innehåller ${hit.matched} av ${r.words.length} sökord`;
  return '';
}

function card(hit, entry, wanted, r) {
  const c = hit.card;
  const li = document.createElement('li');
  li.className = 'card';
  const h = document.createElement('h2');
  h.className = 'card-heading';
  const a = document.createElement('a');
  a.className = 'card-title';
  a.href = ROOT + c.u;
  marked(a, c.l ? `${c.l} ${c.t}` : c.t, wanted);
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'card-meta';
  const organ = entry.organs.find(([id]) => id === c.o);
  const type = entry.types.find(([k]) => k === c.k);
  const parts = [type && type[1], dateText(c.d), organ && organ[1], c.l, ...c.n.map((d) => `Dnr ${d}`)];
  for (const p of parts.filter(Boolean)) {
    const span = document.createElement('span');
    span.textContent = p;
    meta.append(span);
  }
  li.append(h, meta);
  const reason = why(hit, r);
  if (reason) {
    const p = document.createElement('p');
    p.className = 'sok-varfor';
    p.textContent = reason;
    li.append(p);
  }
  if (c.x) {
    const x = document.createElement('p');
    x.className = 'card-excerpt';
    marked(x, c.x, wanted);
    li.append(x);
  }
  return li;
}

function fillSelect(sel, values, all) {
  const current = sel.value;
  sel.replaceChildren();
  sel.append(new Option(all, ''));
  for (const [value, label, n] of values) sel.append(new Option(`${label} (${n})`, value));
  sel.value = current;
}

async function showCounts(s, gen) {
  const entry = await engine.open();
  const c = await engine.counts(s.q, filtersOf(s));
  if (gen !== generation) return;
  const n = (map, i) => map.get(i + 1) || 0;
  fillSelect(selects.organ, entry.organs.map(([id, name], i) => [id, name, n(c.organ, i)]), 'Alla organ');
  fillSelect(selects.ar, entry.years.map((y, i) => [String(y), String(y), n(c.year, i)]), 'Alla år');
  fillSelect(selects.typ, entry.types.map(([k, label], i) => [k, label, n(c.type, i)]), 'Alla typer');
}

function describe(s, total) {
  const what = total === 1 ? '1 träff' : `${total.toLocaleString('sv-SE')} träffar`;
  const narrowed = s.organ || s.ar || s.typ ? ', avgränsat' : '';
  if (!s.q) return `${what}${narrowed}, senaste först`;
  return total ? `${what} för ”${s.q}”${narrowed}` : `Inga träffar för ”${s.q}”${narrowed}`;
}

// At most three of the words a fallback stands for, so the note keeps to its two lines.
const quoted = (words) => words.slice(0, 3).map((w) => `”${w}”`).join(', ') + (words.length > 3 ? ' …' : '');

/** What the page says about words the site lacks and about partial results. */
function interpretation(r) {
  const lines = [];
  for (const n of r.notes) {
    if (n.kind === 'missing') lines.push(`”${n.word}” finns inte på webbplatsen.`);
    else if (n.kind === 'split') lines.push(`Visar resultat för ${n.words.map((w) => `”${w}”`).join(' + ')} (delar av ”${n.word}”).`);
    else if (n.kind === 'prefix') lines.push(`Visar resultat för ord som börjar med ”${n.word}”: ${quoted(n.words)}.`);
    else if (n.kind === 'suffix') lines.push(`Visar resultat för sammansatta ord med ”${n.word}”: ${quoted(n.words)}.`);
    else lines.push(`Visar resultat för ${quoted(n.words)} i stället för ”${n.word}”.`);
  }
  if (r.hits.length && r.hits[0].tier === 'partial') lines.push('Ingen sida har alla orden. Visar sidorna med flest av dem.');
  return lines.join(' ');
}

/** Runs the search the state asks for and shows the first page of results. */
async function run(s, typing = false) {
  const gen = ++generation;
  if (!typing) input.value = s.q;
  for (const [k, sel] of Object.entries(selects)) {
    if (s[k] && ![...sel.options].some((o) => o.value === s[k])) sel.append(new Option(s[k], s[k]));
    sel.value = s[k];
  }
  list.setAttribute('aria-busy', 'true');
  if (!typing) status.textContent = 'Söker …';
  try {
    const entry = await engine.open();
    $('sok-filter').hidden = false;
    const r = await engine.search(s.q, filtersOf(s), 0, PAGE);
    if (gen !== generation) return;
    const wanted = markedStems(r);
    // The old results stay until the new ones replace them, so nothing jumps while typing.
    list.replaceChildren(...r.hits.map((h) => card(h, entry, wanted, r)));
    shown = r.hits.length;
    more.hidden = shown >= r.total;
    note.textContent = interpretation(r);
    // While typing, the count is announced once the typing pauses, not at every letter.
    clearTimeout(announce);
    if (typing) announce = setTimeout(() => (status.textContent = describe(s, r.total)), SETTLE_MS);
    else status.textContent = describe(s, r.total);
    document.title = s.q ? `${s.q} – ${baseTitle}` : baseTitle;
    showCounts(s, gen).catch(() => {});
  } catch (e) {
    if (gen === generation) status.textContent = 'Sökningen kunde inte laddas. Försök igen senare.';
  } finally {
    if (gen === generation) list.removeAttribute('aria-busy');
  }
}

async function showMore() {
  const s = fromUrl();
  const gen = generation;
  const entry = await engine.open();
  const r = await engine.search(s.q, filtersOf(s), shown, PAGE);
  if (gen !== generation) return;
  const wanted = markedStems(r);
  const cards = r.hits.map((h) => card(h, entry, wanted, r));
  list.append(...cards);
  shown += r.hits.length;
  more.hidden = shown >= r.total;
  if (cards.length) cards[0].querySelector('a').focus();
}

// While typing, the first search is a new history entry and the rest replace it, so the back
// button returns to the search before the typing started.
let typingEntry = false;

/** Shows the form's search in the URL and runs it. */
function navigate(typing = false) {
  const s = fromForm();
  const url = toUrl(s);
  if (url !== location.pathname + location.search) {
    if (typing && typingEntry) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  typingEntry = typing;
  run(s, typing);
}

let timer = 0;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => navigate(true), TYPING_MS);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(timer);
  navigate();
});
for (const sel of Object.values(selects)) sel.addEventListener('change', () => navigate());
more.addEventListener('click', () => showMore().catch(() => {}));
window.addEventListener('popstate', () => {
  typingEntry = false;
  run(fromUrl());
});

run(fromUrl());
