/**
 * The timeline's export formats: pure functions of the entries, deterministic (no clock: an iCalendar
 * DTSTAMP comes from the entry's own sources), so the same timeline always exports the same bytes.
 */
import type { TimelineEntry } from '../projections/reconciliation/types';

// ---------------------------------------------------------------- CSV (RFC 4180)

const CSV_COLUMNS = ['id', 'from', 'to', 'precision', 'edtf', 'date', 'title', 'kind', 'status', 'sourceCount', 'participants', 'places', 'figures', 'conflicts', 'articles', 'quotes'];

/** Spreadsheets run cells starting with these as formulas; a leading apostrophe keeps them text. */
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const figureText = (f: TimelineEntry['figures'][number]) => `${f.qualifier === 'exact' ? '' : `${f.qualifier} `}${f.count} ${f.unit}${f.asOf ? ` (as of ${f.asOf})` : ''}`;
const conflictText = (c: TimelineEntry['conflicts'][number]) =>
  `${c.field}${c.unit ? ` (${c.unit})` : ''}: ${c.values.map((v) => `${v.label} [${v.articleIds.join(', ')}]`).join(' vs ')}`;

export function toCsv(entries: TimelineEntry[]): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.id,
        e.when.from,
        e.when.to,
        e.when.precision,
        e.when.edtf,
        e.when.label,
        e.title,
        e.kind,
        e.status,
        e.sourceCount,
        e.participants.map((p) => p.text).join('; '),
        e.places.map((p) => p.text).join('; '),
        e.figures.map(figureText).join('; '),
        e.conflicts.map(conflictText).join('; '),
        [...new Set(e.sources.map((s) => s.articleId))].join('; '),
        e.sources.map((s) => s.quote).join(' | '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------- Markdown

const md = (s: string) => s.replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();

/**
 * A readable chronology: one section per date, in timeline order (a date's section sits where its
 * first entry does), each entry a paragraph under it, its sources as footnotes.
 */
export function toMarkdown(entries: TimelineEntry[], position: string): string {
  const out = ['# Timeline', '', `_${entries.length} entries, projection position ${position}._`, ''];
  const notes: string[] = [];
  const byDate = new Map<string, TimelineEntry[]>();
  for (const e of entries) {
    const date = `${e.when.from}/${e.when.to}`;
    (byDate.get(date) ?? byDate.set(date, []).get(date)!).push(e);
  }
  for (const e of [...byDate.values()].flat()) {
    if (e === byDate.get(`${e.when.from}/${e.when.to}`)![0]) out.push(`## ${md(e.when.label)}`, '');
    out.push(`**${md(e.title)}**  `, `*${md(e.kind)} · ${e.status} · ${e.sourceCount} source${e.sourceCount === 1 ? '' : 's'}*`, '');
    if (e.participants.length) out.push(`- Participants: ${md(e.participants.map((p) => p.text).join(', '))}`);
    if (e.places.length) out.push(`- Places: ${md(e.places.map((p) => p.text).join(', '))}`);
    if (e.figures.length) out.push(`- Figures: ${md(e.figures.map(figureText).join('; '))}`);
    for (const c of e.conflicts) out.push(`- **Reports disagree** on ${md(conflictText(c))}`);
    const refs = e.sources.map((s) => {
      notes.push(
        `[^${notes.length + 1}]: ${md(s.outlet ?? s.articleId)} (${md(s.articleId)}), published ${md(s.publishedAt)}${s.status !== 'reported' ? `, ${s.status}` : ''}: “${md(s.quote)}”${s.timeExpression ? ` (dated by “${md(s.timeExpression)}”)` : ''}`,
      );
      return `[^${notes.length}]`;
    });
    out.push(`- Sources: ${refs.join(' ')}`, '');
  }
  if (notes.length) out.push('---', '', ...notes, '');
  return out.join('\n');
}

// ---------------------------------------------------------------- TimelineJS

const html = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function tjsDate(day: string, precision: string): Record<string, number> {
  const [y, m, d] = day.split('-').map(Number);
  if (precision === 'year') return { year: y };
  if (precision === 'month') return { year: y, month: m };
  return { year: y, month: m, day: d };
}

/** TimelineJS 3 JSON: one slide per entry (an entry known only by a bound starts at that bound). */
export function toTimelineJs(entries: TimelineEntry[]) {
  return {
    title: { text: { headline: 'Timeline', text: `${entries.length} entries` } },
    events: entries
      .filter((e) => e.when.from || e.when.to)
      .map((e) => {
        const start = e.when.from ?? e.when.to!;
        const ev: Record<string, unknown> = {
          start_date: tjsDate(start, e.when.precision),
          text: {
            headline: html(e.title),
            text: [
              `<p>${html(e.when.label)} · ${html(e.kind)} · ${html(e.status)} · ${e.sourceCount} source(s)</p>`,
              ...e.conflicts.map((c) => `<p><strong>Reports disagree:</strong> ${html(conflictText(c))}</p>`),
              `<ul>${e.sources.map((s) => `<li>${html(s.outlet ?? s.articleId)}: “${html(s.quote)}”</li>`).join('')}</ul>`,
            ].join(''),
          },
          unique_id: e.id,
          group: e.kind,
          display_date: e.when.label,
        };
        if (e.when.from && e.when.to && e.when.from !== e.when.to && e.when.precision !== 'year' && e.when.precision !== 'month') {
          ev.end_date = tjsDate(e.when.to, 'day');
        }
        return ev;
      }),
  };
}

// ---------------------------------------------------------------- iCalendar (RFC 5545)

function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const max = parts.length ? 74 : 75; // continuation lines start with a space
    if (bytes + n > max) {
      parts.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

const compactDay = (d: string) => d.replace(/-/g, '');

function stampOf(e: TimelineEntry): string {
  const latest = e.sources.map((s) => Date.parse(s.publishedAt)).filter((t) => !Number.isNaN(t)).sort((a, b) => b - a)[0] ?? 0;
  return new Date(latest).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** All-day events for the entries known to the day; DTSTAMP is the latest source's publication (deterministic). */
export function toIcs(entries: TimelineEntry[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Chronicle//Timeline//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const e of entries) {
    if (!e.when.from || e.when.from !== e.when.to) continue;
    const next = new Date(Date.parse(`${e.when.from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const desc = [
      `${e.kind} · ${e.status} · ${e.sourceCount} source(s)`,
      ...e.conflicts.map((c) => `Reports disagree: ${conflictText(c)}`),
      ...e.sources.map((s) => `${s.outlet ?? s.articleId}: “${s.quote}”`),
    ].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@chronicle`,
      `DTSTAMP:${stampOf(e)}`,
      `DTSTART;VALUE=DATE:${compactDay(e.when.from)}`,
      `DTEND;VALUE=DATE:${compactDay(next)}`,
      `SUMMARY:${icsText(e.title)}`,
      `DESCRIPTION:${icsText(desc)}`,
      `CATEGORIES:${icsText(e.kind)}`,
      `STATUS:${e.status === 'claimed' || e.status === 'planned' || e.status === 'disputed' ? 'TENTATIVE' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
