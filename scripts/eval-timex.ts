/**
 * TempEval-3 measures of the time-expression extractor on TimeML files (the same matching as the outside checker,
 * shared/tools/check.py `score_timex`): greedy per gold expression, the unused system expression with the largest overlap.
 *
 *   npm run eval:timex -- DIR [--verbose] [--spurious]
 *
 * --verbose lists value errors, misses and spurious expressions with 50 characters of context; --spurious lists only
 * the spurious ones (system expressions matching no gold one), each with its whole sentence, for reviewing precision.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, normalize } from 'node:path';
import { extractTimeExpressions } from '../src/analysis/time';

interface Gold { start: number; end: number; type: string; value: string }
interface Doc { name: string; dct: string; text: string; golds: Gold[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Python's html.unescape for the entities TimeML files use. */
function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

function parseTml(path: string): Doc {
  const raw = readFileSync(path, 'utf8');
  const dct = /<DCT>\s*<TIMEX3[^>]*value="([^"]+)"/.exec(raw)![1];
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(raw)![1];
  const tag = /<(\/?)(\w+)([^>]*?)(\/?)>/g;
  const parts: string[] = [];
  const golds: Gold[] = [];
  const stack: { start: number; attrs: Record<string, string> }[] = [];
  let pos = 0;
  let len = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body))) {
    const chunk = unescape(body.slice(pos, m.index));
    parts.push(chunk);
    len += chunk.length;
    pos = m.index + m[0].length;
    if (m[2] !== 'TIMEX3') continue;
    if (!m[1]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3].matchAll(/(\w+)="([^"]*)"/g)) attrs[a[1]] = a[2];
      stack.push({ start: len, attrs });
    } else {
      const open = stack.pop()!;
      golds.push({ start: open.start, end: len, type: open.attrs.type, value: open.attrs.value });
    }
  }
  parts.push(unescape(body.slice(pos)));
  return { name: basename(path), dct, text: parts.join(''), golds };
}

function tmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...tmlFiles(p));
    else if (f.endsWith('.tml')) out.push(p);
  }
  return out.sort();
}

const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
const WEEKDAY = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const spuriousOnly = args.includes('--spurious');
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: npm run eval:timex -- DIR [--verbose] [--spurious]');
    process.exit(2);
  }
  const docs = tmlFiles(dir).map(parseTml);
  let gN = 0, sN = 0, strict = 0, relaxed = 0, valOk = 0, typOk = 0, wkN = 0, wkOk = 0;
  const byRule = new Map<string, { ok: number; wrong: number; spurious: number }>();
  const tally = (rule: string, k: 'ok' | 'wrong' | 'spurious'): void => {
    const t = byRule.get(rule) ?? { ok: 0, wrong: 0, spurious: 0 };
    t[k]++;
    byRule.set(rule, t);
  };
  const wrong: string[] = [];
  const right: string[] = [];
  const misses: string[] = [];
  const spurious: string[] = [];
  const spuriousSentences: string[] = [];
  let elapsed = 0;
  for (const doc of docs) {
    const t0 = process.hrtime.bigint();
    const sys = extractTimeExpressions(doc.text, `${doc.dct.slice(0, 10)}T12:00:00+00:00`, 'UTC');
    elapsed += Number(process.hrtime.bigint() - t0) / 1e6;
    gN += doc.golds.length;
    sN += sys.length;
    const used = new Set<number>();
    for (const g of doc.golds) {
      let best = -1, bo = 0;
      sys.forEach((s, k) => {
        const o = overlap(g.start, g.end, s.start, s.end);
        if (!used.has(k) && o > bo) { best = k; bo = o; }
      });
      const span = doc.text.slice(g.start, g.end);
      const isWd = g.type === 'DATE' && WEEKDAY.test(span) && span.split(/\s+/).filter(Boolean).length <= 3;
      if (isWd) wkN++;
      if (best < 0) {
        misses.push(`${isWd ? '[wd] ' : ''}${doc.name} dct ${doc.dct}: '${span}' ${g.type} ${g.value}   «${context(doc.text, g.start, g.end)}»`);
        continue;
      }
      used.add(best);
      const s = sys[best];
      relaxed++;
      if (s.start === g.start && s.end === g.end) strict++;
      const v = s.value.toUpperCase() === (g.value ?? '').toUpperCase();
      if (v) valOk++;
      if (s.type === g.type) typOk++;
      if (isWd && v) wkOk++;
      tally(s.rule, v ? 'ok' : 'wrong');
      if (v) right.push(`${s.rule} ${doc.name}: '${span}' ${g.value} [sys '${s.text}']   «${context(doc.text, g.start, g.end)}»`);
      if (!v) wrong.push(`${isWd ? '[wd] ' : ''}${doc.name} dct ${doc.dct}: '${span}' gold ${g.value} got ${s.value} [${s.rule} '${s.text}']   «${context(doc.text, g.start, g.end)}»`);
    }
    sys.forEach((s, k) => {
      if (!used.has(k)) tally(s.rule, 'spurious');
      if (!used.has(k)) spurious.push(`${doc.name}: '${s.text}' ${s.type} ${s.value} [${s.rule}]   «${context(doc.text, s.start, s.end)}»`);
      if (!used.has(k)) spuriousSentences.push(`${doc.name} dct ${doc.dct.slice(0, 10)}: '${s.text}' ${s.type} ${s.value} [${s.rule}]\n    ${sentence(doc.text, s.start, s.end)}`);
    });
  }
  const f1 = (tp: number): number => {
    const p = sN ? tp / sN : 0;
    const r = gN ? tp / gN : 0;
    return p + r ? (2 * p * r) / (p + r) : 0;
  };
  if (verbose) {
    if (process.env.EVAL_OK) for (const w of right) console.log('ok', w);
    for (const w of wrong) console.log('value', w);
    for (const w of misses) console.log('miss', w);
    for (const w of spurious) console.log('spurious', w);
    for (const [rule, t] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`rule ${rule}: ok ${t.ok} wrong ${t.wrong} spurious ${t.spurious}`);
  }
  if (spuriousOnly) for (const w of spuriousSentences) console.log('spurious', w);
  const p = (tp: number): string => (sN ? tp / sN : 0).toFixed(3);
  const r = (tp: number): string => (gN ? tp / gN : 0).toFixed(3);
  const acc = relaxed ? valOk / relaxed : 0;
  const label = basename(normalize(dir));
  console.log(`docs ${docs.length} gold ${gN} system ${sN}  (${(elapsed / docs.length).toFixed(2)} ms/doc)`);
  console.log(`strict  P ${p(strict)} R ${r(strict)} F1 ${f1(strict).toFixed(3)}`);
  console.log(`relaxed P ${p(relaxed)} R ${r(relaxed)} F1 ${f1(relaxed).toFixed(3)}`);
  console.log(`value-acc ${acc.toFixed(3)} type-acc ${(relaxed ? typOk / relaxed : 0).toFixed(3)}`);
  console.log(`weekday DATE ${wkOk}/${wkN} = ${(wkN ? wkOk / wkN : 0).toFixed(3)}`);
  console.log(`timex ${label}: value-F1 ${(f1(relaxed) * acc).toFixed(3)} (relaxed-F1 ${f1(relaxed).toFixed(3)} x value-acc ${acc.toFixed(3)})`);
}

function context(text: string, start: number, end: number): string {
  return `${text.slice(Math.max(0, start - 50), start)}[${text.slice(start, end)}]${text.slice(end, end + 40)}`.replace(/\s+/g, ' ');
}

/** The sentence around [start, end), the expression in brackets (cut at blank lines and at 300 characters each side). */
function sentence(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 300), start);
  const after = text.slice(end, end + 300);
  const from = Math.max(before.search(/(?:[.!?]["'’”]*\s+|\n\s*\n)(?=[^.!?]*$)/) + 1, 0);
  const lead = from > 0 ? before.slice(from).replace(/^[.!?"'’”\s]+/, '') : before;
  const stop = after.search(/(?<!\b(?:[A-Z]|Dr|Mr|Mrs|Ms|St|Jr|Gen|Sen|Rep|Gov|Mo|Calif|Fla|Jan|Feb|Aug|Sept?|Oct|Nov|Dec))[.!?](?=["'’”]*\s)|\n\s*\n/);
  const tail = stop >= 0 ? after.slice(0, stop + 1) : after;
  return `${lead}[${text.slice(start, end)}]${tail}`.replace(/\s+/g, ' ').trim();
}

main();
