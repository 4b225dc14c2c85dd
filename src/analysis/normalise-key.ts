/**
 * Keys that merge the spellings of one name across reports: "Al-Ma’rib" and "al-Marib",
 * "Jabhat Al Nusra" and "Jabhat al-Nusra", "Mohamed El-Baradei" and "Mohamed ElBaradei"-style variants.
 */

const APOSTROPHES = /['’‘`´ʼʻ′]/g;
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/** Arabic article before a name, joined by a hyphen or a space ("al-", "el-", "Al ", "ad-", "ash-"). */
const ARTICLE_TOKEN = /^(?:al|el|ad|ar|as|ash|at|az|an)$/;
const ARTICLE_PREFIX = /^(?:al|el)-(?=\p{L})/u;
const POSSESSIVE = /(?:['’]s|s['’])$/i;

/**
 * Lowercase, diacritics stripped (NFKD), apostrophes dropped, a leading Arabic article dropped from each
 * token, a leading "the" dropped, then everything but letters and digits removed. Never throws.
 */
export function normaliseKey(surface: string): string {
  if (typeof surface !== 'string' || surface.length === 0) return '';
  const tokens = surface
    .normalize('NFKD')
    .replace(COMBINING, '')
    .toLowerCase()
    .replace(/[‐‑‒–—]/g, '-')
    .split(/\s+/)
    .filter((t) => t.length > 0);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i];
    if (i === 0 && t === 'the' && tokens.length > 1) continue;
    if (i === tokens.length - 1) t = t.replace(POSSESSIVE, (m) => (m.toLowerCase().startsWith('s') ? 's' : ''));
    // "al" followed by another token is the article of the next name ("Al Sham"), not a name of its own.
    if (ARTICLE_TOKEN.test(t.replace(/-$/, '')) && i < tokens.length - 1 && (t.endsWith('-') || t === 'al' || t === 'el')) continue;
    t = t.replace(ARTICLE_PREFIX, '');
    out.push(t.replace(APOSTROPHES, ''));
  }
  return out.join('').replace(/[^\p{L}\p{N}]+/gu, '');
}
