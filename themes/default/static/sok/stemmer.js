// The Swedish Snowball stemmer (Snowball 3.x swedish.sbl) for the search page: stem(word) gives
// exactly the stem tantivy 0.27's Stemmer(Language::Swedish) gives, i.e. the frostem crate's
// swedish_stemmer.rs, so a query typed in the browser meets the terms of the index.
//
// The Rust code walks UTF-8 bytes, but every test it makes (R1's hop over three letters, vowel
// groupings, the letter before a suffix) moves by whole characters, and every suffix it matches
// ends in an ASCII letter; so working on an array of Unicode code points is exactly equivalent.
// We use code points, not UTF-16 units, so a letter outside the BMP counts as one letter as it
// does in Rust. Letters outside the groupings below (é, ü, æ, a combining diaeresis ...) are
// simply not vowels and not valid endings, as in Rust. Input: one lower-cased token.

/** Vowels (Snowball `v`): a e i o u y ä å ö, nothing else (é and ü are consonants here). */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'ä', 'å', 'ö']);

/** Letters after which a final -s is removed (Snowball `s_ending`). */
const S_ENDING = new Set([...'bcdfghjklmnoprtvy']);

/** Letters after which -öst becomes -ös (Snowball `ost_ending`). */
const OST_ENDING = new Set([...'iklnprtuv']);

/**
 * Main suffixes, longest first, with what to do when one ends R1:
 * 1 delete it; 2 (the bare -s) delete -ets or -s; 3 (-et) delete it if et_condition holds.
 * Snowball's `among` picks the longest suffix that lies inside R1.
 */
const MAIN_SUFFIXES = [
  ['heterna', 1],
  ['hetens', 1],
  ['anden', 1], ['andes', 1], ['andet', 1], ['arens', 1], ['arnas', 1], ['ernas', 1],
  ['heten', 1], ['heter', 1], ['ornas', 1],
  ['ades', 1], ['ande', 1], ['aren', 1], ['arna', 1], ['arne', 1], ['aste', 1], ['erna', 1],
  ['erns', 1], ['orna', 1],
  ['ade', 1], ['are', 1], ['ast', 1], ['ens', 1], ['ern', 1], ['het', 1],
  ['ad', 1], ['ar', 1], ['as', 1], ['at', 1], ['en', 1], ['er', 1], ['es', 1], ['or', 1],
  ['et', 3],
  ['a', 1], ['e', 1],
  ['s', 2],
];

/** Endings before -et that keep it (kom-et, fab-et, kredit-et ...): et_condition fails after them. */
const ET_EXCEPTIONS = [
  'alit', 'ilit', 'ivit', 'kvit', 'stak',
  'cit', 'dit', 'fab', 'iet', 'kom', 'mit', 'nit', 'pak', 'pit', 'rak', 'rit', 'sit', 'tit',
  'uit', 'xit',
  'h',
];

/** Final consonant pairs whose last letter is removed (Snowball `consonant_pair`). */
const CONSONANT_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

/** Other suffixes, longest first: 1 delete; 2 -öst → -ös after an ost_ending letter; 3 -fullt → -full. */
const OTHER_SUFFIXES = [
  ['fullt', 3],
  ['lig', 1], ['els', 1], ['öst', 2],
  ['ig', 1],
];

/** Whether the letters `w` end exactly at index `end` and start at or after `start`. */
function endsWithAt(w, end, suffix, start) {
  const s = Array.from(suffix);
  const from = end - s.length;
  if (from < start) return false;
  for (let i = 0; i < s.length; i++) if (w[from + i] !== s[i]) return false;
  return true;
}

/**
 * Snowball's `et_condition`, for an -et whose letters start at index `at`: the letter before it
 * is not a vowel, the one before that is a vowel, at least one more letter precedes them, and
 * the word before -et does not end in one of ET_EXCEPTIONS. Not limited to R1.
 */
function etCondition(w, at) {
  if (at < 3) return false;
  if (VOWELS.has(w[at - 1]) || !VOWELS.has(w[at - 2])) return false;
  return !ET_EXCEPTIONS.some((e) => endsWithAt(w, at, e, 0));
}

/** Stems one lower-cased Swedish token as tantivy's Language::Swedish does. */
export function stem(word) {
  const w = Array.from(word);

  // R1: the region after the first non-vowel that follows a vowel, but never starting before
  // the 4th letter (at least 3 letters before it). Empty (= the whole length) when the word has
  // fewer than 3 letters or no vowel followed by a non-vowel.
  let p1 = w.length;
  if (w.length >= 3) {
    let i = 0;
    while (i < w.length && !VOWELS.has(w[i])) i++;
    i++;
    while (i < w.length && VOWELS.has(w[i])) i++;
    if (i < w.length) p1 = Math.max(i + 1, 3);
  }

  // Step 1, main suffix: the longest suffix of MAIN_SUFFIXES lying in R1.
  let end = w.length;
  for (const [suffix, action] of MAIN_SUFFIXES) {
    if (!endsWithAt(w, end, suffix, p1)) continue;
    const at = end - Array.from(suffix).length;
    if (action === 1) {
      end = at;
    } else if (action === 2) {
      // A bare -s: delete -ets when -et meets et_condition (the -et may reach before R1),
      // otherwise delete the -s only if a valid s-ending letter precedes it.
      if (endsWithAt(w, at, 'et', 0) && etCondition(w, at - 2)) end = at - 2;
      else if (at > 0 && S_ENDING.has(w[at - 1])) end = at;
    } else if (etCondition(w, at)) {
      end = at;
    }
    break;
  }

  // Step 2, consonant pair: when R1 ends in dd, gd, nn, dt, gt, kt or tt, drop the last letter.
  // R1 may already be empty here (a deleted -ets can reach before p1).
  if (end >= p1 && CONSONANT_PAIRS.some((p) => endsWithAt(w, end, p, p1))) end--;

  // Step 3, other suffixes: the longest of OTHER_SUFFIXES lying in R1; the letter checked before
  // -öst may lie outside R1.
  if (end >= p1) {
    for (const [suffix, action] of OTHER_SUFFIXES) {
      if (!endsWithAt(w, end, suffix, p1)) continue;
      const at = end - Array.from(suffix).length;
      if (action === 1) {
        end = at;
      } else if (action === 2) {
        if (at > 0 && OST_ENDING.has(w[at - 1])) {
          w.splice(at, 3, 'ö', 's');
          end = at + 2;
        }
      } else {
        end -= 1; // -fullt → -full
      }
      break;
    }
  }

  return w.slice(0, end).join('');
}
