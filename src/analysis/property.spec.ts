/** Property: `analyse` never throws on any string, and every offset it returns indexes the input. */
import fc from 'fast-check';
import { analyse } from './index';

const fragments = fc.constantFrom(
  'Rebels launched an attack on Wednesday', ', seizing the town of Tal Abyad', '. ', '\n\n', '“', '”', '"', 'U.S.', 'Col. ',
  'over 412 lives', 'at least 61 civilians', 'Earlier that day, ', 'will visit Damascus on Sunday', 'in 2016', '(HTS)',
  '<p>', '</p>', '<script>alert(1)</script>', '&amp;', '👩‍👩‍👧', '\u202e', 'مرحبا', 'שלום', '\u0000', '\ud800', '\udfff', '\t', '- ',
  'according to the Observatory', 'al-', 'Al-Nu’man', 'dozens', 'the first since 2016', 'coinciding with a ceasefire',
);
const article = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(fragments, fc.string({ maxLength: 12 })), { maxLength: 40 }).map((parts) => parts.join('')),
);
const published = fc.constantFrom('2024-12-01T19:00:00+03:00', '2024-02-29T00:00:00Z', '1999-12-31T23:59:59-12:00', 'not a date', '');
const zone = fc.constantFrom(undefined, 'Asia/Damascus', 'UTC', 'Nowhere/Bogus');

describe('analyse on arbitrary input', () => {
  it('never throws and returns offsets into the text', () => {
    fc.assert(
      fc.property(article, published, zone, (text, publishedAt, timezone) => {
        const r = analyse({ text, publishedAt, timezone });
        for (const t of r.timeExpressions) if (text.slice(t.start, t.end) !== t.text) return false;
        for (const f of r.facts) {
          if (text.slice(f.evidence.start, f.evidence.end) !== f.evidence.text) return false;
          for (const m of [...f.participants, ...f.places, ...f.figures]) if (text.slice(m.start, m.end) !== m.text) return false;
          const d = f.datedBy;
          if (d.text !== null && text.slice(d.start!, d.end!) !== d.text) return false;
          if (d.anchor.type === 'fact' && !(d.anchor.factIndex >= 0 && d.anchor.factIndex < f.index)) return false;
        }
        return r.facts.every((f, i) => f.index === i);
      }),
      { numRuns: 10_000, seed: 20261123 },
    );
  }, 60_000);

  it('is deterministic', () => {
    fc.assert(fc.property(article, (text) => JSON.stringify(analyse({ text, publishedAt: '2024-12-01T19:00:00+03:00' }))
      === JSON.stringify(analyse({ text, publishedAt: '2024-12-01T19:00:00+03:00' }))), { numRuns: 300, seed: 7 });
  });
});
