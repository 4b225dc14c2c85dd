import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { dirname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { readManifestFolder, SEEDS_DIR } from '../../src/articles/seeds';
import { startTestApp, TestApp } from '../support/app';
import { launchBrowser, projectionCaughtUp } from './helpers';

/** TimelineJS from node_modules, served to the test page under /__tljs/ (no CDN). */
const TLJS_DIST = join(dirname(require.resolve('@knight-lab/timelinejs/package.json')), 'dist');

/** A report written to break naive exports: a formula prefix, quotes, commas, a newline, markup. */
const HOSTILE = {
  id: 'hostile-1',
  outlet: '=HYPERLINK("http://evil.example","click"), "Wire"',
  publishedAt: '2024-12-02T12:00:00+03:00',
  timezone: 'Asia/Damascus',
  text: [
    '=cmd|\' /C calc\'!A0 Rebels launched an attack on "the bridge", officials said on Monday, adding: "more, later"; <img src=x onerror="window.pwned=1">.',
    'Witnesses said the strikes,\nwhich began at dawn, hit the market on Monday.',
  ].join(' '),
};

interface Source { articleId: string; quote: string }
interface Entry { id: string; when: { from: string | null; to: string | null; precision: string; label?: string }; title: string; sources: Source[] }

let t: TestApp;
let entries: Entry[];

beforeAll(async () => {
  t = await startTestApp();
  for (const a of [...readManifestFolder(SEEDS_DIR), HOSTILE]) await request(t.url).post('/articles').send(a).expect(201);
  await projectionCaughtUp(t);
  const all = await request(t.url).get('/timeline?limit=500').expect(200);
  entries = all.body.entries;
}, 120_000);
afterAll(async () => t?.close());

const isDay = (e: Entry) => e.when.precision === 'day' && e.when.from !== null && e.when.from === e.when.to;
/** OWASP: a cell that a spreadsheet would run as a formula starts with a quote instead. */
const defused = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

describe('exports that real tools open', () => {
  it('has entries to export, including the hostile report', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.sources.some((s) => s.articleId === HOSTILE.id))).toBe(true);
  });

  it('CSV: RFC 4180, a header row and one row per entry, every value verbatim and formulas defused', async () => {
    const res = await request(t.url).get('/timeline?format=csv&limit=500').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    // Strict RFC 4180 parsing: no relaxed quotes, every row the header's width.
    const rows: string[][] = parseCsv(res.text, { bom: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
    const [header, ...body] = rows;
    expect(header.map((h) => h.toLowerCase())).toEqual(expect.arrayContaining(['id']));
    expect(body).toHaveLength(entries.length);
    const idCol = header.findIndex((h) => h.toLowerCase() === 'id');
    const titleCol = header.findIndex((h) => /title|headline|summary/i.test(h));
    expect(titleCol).toBeGreaterThanOrEqual(0);
    expect(body.map((r) => r[idCol])).toEqual(entries.map((e) => e.id));
    for (const [i, e] of entries.entries()) {
      expect(body[i][titleCol]).toBe(defused(e.title));
      // Every quote of every source is in the row, character for character.
      const row = body[i].join('\u0000');
      for (const s of e.sources) expect(row).toContain(s.quote);
    }
    for (const cell of body.flat()) expect(cell).not.toMatch(/^[=+@]/);
    const hostile = entries.find((e) => e.sources.some((s) => s.articleId === HOSTILE.id))!;
    const hostileRow = body[entries.indexOf(hostile)].join('\u0000');
    expect(hostileRow).toMatch(/"|,|\n/);
  });

  it('iCalendar: parses with ical.js, one all-day VEVENT per day-precise entry', async () => {
    const res = await request(t.url).get('/timeline?format=ics&limit=500').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    // RFC 5545: CRLF line endings, lines folded at 75 octets.
    for (const line of res.text.split('\r\n')) {
      expect(line).not.toContain('\n');
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const cal = new ICAL.Component(ICAL.parse(res.text));
    expect(cal.name).toBe('vcalendar');
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const days = entries.filter(isDay);
    expect(events).toHaveLength(days.length);
    const uids = new Set(events.map((e) => e.uid));
    expect(uids.size).toBe(events.length);
    for (const d of days) {
      const ev = events.find((e) => e.summary === d.title);
      expect(ev).toBeDefined();
      expect(ev!.startDate.isDate).toBe(true);
      expect(ev!.startDate.toString()).toBe(d.when.from);
    }
  });

  it('Markdown: one section per date, sources as footnotes', async () => {
    const res = await request(t.url).get('/timeline?format=md&limit=500').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    const md = res.text;
    const sections = md.split('\n').filter((l) => /^#{2,3} /.test(l));
    const dates = new Set(entries.map((e) => `${e.when.from}/${e.when.to}`));
    expect(sections).toHaveLength(dates.size);
    // Titles without Markdown specials appear as they are (others may be escaped).
    for (const e of entries.filter((x) => /^[\p{L}\p{N}\s’'.,;:()"-]+$/u.test(x.title))) expect(md).toContain(e.title);
    const refs = new Set([...md.matchAll(/\[\^([^\]\s]+)\](?!:)/g)].map((m) => m[1]));
    const defs = new Set([...md.matchAll(/^\[\^([^\]\s]+)\]: /gm)].map((m) => m[1]));
    expect(refs.size).toBeGreaterThan(0);
    expect([...refs].sort()).toEqual([...defs].sort());
    const sourceCount = entries.reduce((n, e) => n + e.sources.length, 0);
    expect(defs.size).toBeGreaterThanOrEqual(new Set(entries.flatMap((e) => e.sources.map((s) => s.articleId))).size);
    expect(defs.size).toBeLessThanOrEqual(sourceCount);
    // Markup from an article stays text.
    expect(md).not.toContain('<img src=x');
  });

  describe('TimelineJS', () => {
    let browser: Browser;
    beforeAll(async () => (browser = await launchBrowser()));
    afterAll(async () => browser?.close());

    it('loads in TimelineJS without console errors and shows every entry', async () => {
      const res = await request(t.url).get('/timeline?format=timelinejs&limit=500').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Array.isArray(res.body.events)).toBe(true);
      expect(res.body.events).toHaveLength(entries.length);

      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const problems: string[] = [];
      const external: string[] = [];
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== t.url) {
          external.push(url.href);
          return route.abort();
        }
        if (url.pathname === '/__tljs/test.html') {
          return route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="/__tljs/css/timeline.css"><script src="/__tljs/js/timeline.js"></script></head>
<body><div id="embed" style="width:1100px;height:650px"></div><script>
// font: null, or TimelineJS fetches its default fonts from Google.
fetch('/timeline?format=timelinejs&limit=500').then(r => r.json()).then(data => {
  window.tl = new TL.Timeline('embed', data, { script_path: location.origin + '/__tljs/js/', language: 'en', font: null });
  window.tl.on('loaded', () => { window.loaded = true; });
});
</script></body></html>`,
          });
        }
        if (url.pathname.startsWith('/__tljs/')) {
          const path = normalize(join(TLJS_DIST, decodeURIComponent(url.pathname.slice('/__tljs/'.length))));
          if (!path.startsWith(TLJS_DIST)) return route.fulfill({ status: 404 });
          return route.fulfill({ path });
        }
        return route.continue();
      });
      await page.goto(`${t.url}/__tljs/test.html`);
      await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true, undefined, { timeout: 20000 });
      await page.waitForTimeout(500);
      await expect(page.locator('.tl-message-full').count()).resolves.toBe(0);
      const headlines = await page.locator('.tl-slide .tl-headline').allTextContents();
      for (const e of entries) expect(headlines.map((h) => h.trim())).toContain(e.title.trim());
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      await page.close();
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});
