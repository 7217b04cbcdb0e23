// Client-side lexicon highlighting: an approximation for reading. The scoring service matches terms after
// the language's analysis (stemming, width folding, word segmentation); here a term is found as a
// case-insensitive substring, the longest term at the leftmost position winning, as the scorer does.
// The authoritative counts are the scores shown beside each message.

const FIXED = {
  protective: ['#a5d6a7', '#1b5e20'],
  'protective.individual': ['#c8e6c9', '#2e7d32'],
  'protective.harmony': ['#b2ebf2', '#00838f'],
  'protective.general': ['#dcedc8', '#558b2f'],
  sexual: ['#ffcdd2', '#c62828'],
  conformity: ['#ffe0b2', '#ef6c00'],
  individuation: ['#bbdefb', '#1565c0'],
};
const SPARE = [['#e1bee7', '#6a1b9a'], ['#f8bbd0', '#ad1457'], ['#d7ccc8', '#5d4037'], ['#f0f4c3', '#9e9d24']];

/** [background, underline] colours of a category. */
export function categoryColour(category) {
  if (FIXED[category]) return FIXED[category];
  let hash = 0;
  for (const c of category) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return SPARE[hash % SPARE.length];
}

// Scripts written with spaces between words: a term must start at a word start there.
const SPACED = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Hangul}\p{Script=Hebrew}]/u;
const LETTER = /[\p{L}\p{N}\p{M}]/u;

/** Lower-cases code unit by code unit, so indices in the result are indices in the text. */
function normalise(text) {
  let out = '';
  for (const c of text) {
    const lower = c.toLowerCase();
    const folded = lower.length === c.length ? lower : c;
    out += folded.replace(/[\u2018\u2019\u02bc]/g, "'");
  }
  return out;
}

/** Prepares a lexicon ({categories: {name: [terms]}}) for matching. */
export function compileLexicon(lexicon) {
  const byFirst = new Map();
  for (const [category, terms] of Object.entries(lexicon.categories || {})) {
    for (const term of terms) {
      const norm = normalise(term.trim());
      if (!norm) continue;
      const entry = { term, norm, category, spaced: SPACED.test(norm[0]) };
      if (!byFirst.has(norm[0])) byFirst.set(norm[0], []);
      byFirst.get(norm[0]).push(entry);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.norm.length - a.norm.length);
  return { language: lexicon.language, version: lexicon.version, byFirst };
}

/**
 * Splits text into plain and matched pieces: [{text}, {text, category, term}, ...]. In spaced scripts a
 * match starts at a word start and ends at a word end, allowing a short inflectional tail (up to 3 letters)
 * on terms of 4 or more letters ("rule" in "rules").
 */
export function findHits(text, compiled) {
  const pieces = [];
  if (!text) return pieces;
  if (!compiled) return [{ text }];
  const norm = normalise(text);
  let plainStart = 0;
  let i = 0;
  while (i < norm.length) {
    const candidates = compiled.byFirst.get(norm[i]);
    let match = null;
    if (candidates) {
      for (const c of candidates) {
        if (!norm.startsWith(c.norm, i)) continue;
        let end = i + c.norm.length;
        if (c.spaced) {
          if (i > 0 && LETTER.test(norm[i - 1])) continue;
          let tail = 0;
          while (end + tail < norm.length && LETTER.test(norm[end + tail])) tail++;
          if (tail > 0 && (tail > 3 || c.norm.length < 4)) continue;
          end += tail;
        }
        match = { c, end };
        break;
      }
    }
    if (match) {
      if (plainStart < i) pieces.push({ text: text.slice(plainStart, i) });
      pieces.push({ text: text.slice(i, match.end), category: match.c.category, term: match.c.term });
      i = match.end;
      plainStart = i;
    } else {
      i++;
    }
  }
  if (plainStart < text.length) pieces.push({ text: text.slice(plainStart) });
  return pieces;
}

/** The text as DOM nodes, hits wrapped in <mark class="hit" data-category=...>. */
export function highlighted(text, compiled) {
  const frag = document.createDocumentFragment();
  for (const p of findHits(text || '', compiled)) {
    if (!p.category) {
      frag.append(document.createTextNode(p.text));
      continue;
    }
    const [bg, fg] = categoryColour(p.category);
    const mark = document.createElement('mark');
    mark.className = 'hit';
    mark.dataset.category = p.category;
    mark.title = `${p.category}: "${p.term}"`;
    mark.style.setProperty('--hl-bg', bg);
    mark.style.setProperty('--hl-fg', fg);
    mark.textContent = p.text;
    frag.append(mark);
  }
  return frag;
}
