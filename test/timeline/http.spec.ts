import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import * as http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Pool } from 'pg';
import { BOUNDED_WINDOW_DAYS } from '../../src/projections/reconciliation/dates';
import { WINDOW_SQL } from '../../src/timeline/timeline.queries';
import { startTestApp, TestApp } from '../support/app';
import { ingest, post, seedArticles, settled, timeline } from './support';

let t: TestApp;
let all: any[];

beforeAll(async () => {
  t = await startTestApp();
  await ingest(t.url, seedArticles());
  const head = await storeHead();
  all = await settled(t.url, head);
}, 120_000);
afterAll(async () => t.close());

const get = (path: string) => fetch(t.url + path);

/** The store's last position, for `minPosition`. */
async function storeHead(): Promise<string> {
  const pool = new Pool({ connectionString: t.db.url, max: 1 });
  try {
    return (await pool.query(`select max(global_position)::text as p from events`)).rows[0].p;
  } finally {
    await pool.end();
  }
}

/** A GET or HEAD as sent, without fetch's own decoding: status, headers and the bytes on the wire. */
function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(t.url + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /timeline', () => {
  it('serves the contract shape, ordered by date then id', async () => {
    const r = await get('/timeline?limit=500');
    expect(r.status).toBe(200);
    const j: any = await r.json();
    expect(Object.keys(j).sort()).toEqual(['entries', 'nextCursor', 'position']);
    expect(j.nextCursor).toBeNull();
    const e = j.entries[0];
    expect(Object.keys(e).sort()).toEqual(['conflicts', 'figures', 'id', 'kind', 'participants', 'places', 'sourceCount', 'sources', 'status', 'title', 'when'].sort());
    expect(Object.keys(e.when).sort()).toEqual(['edtf', 'from', 'label', 'precision', 'to']);
    for (const k of ['articleId', 'outlet', 'publishedAt', 'quote', 'start', 'end', 'timeExpression']) expect(e.sources[0]).toHaveProperty(k);
    const keys = j.entries.map((x: any) => `${x.when.from ?? x.when.to}|${x.id}`);
    expect([...keys].sort()).toEqual(keys);
  });

  it('pages with an opaque cursor to the same list, and refuses a forged one', async () => {
    const paged: any[] = [];
    let cursor: string | null = null;
    do {
      const r = await get(`/timeline?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      const j: any = await r.json();
      paged.push(...j.entries);
      cursor = j.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const first: any = await (await get('/timeline?limit=2')).json();
    const forged = Buffer.from(JSON.stringify([JSON.stringify(['2024-01-01', 'e-x', 'zz']), 'nope'])).toString('base64url');
    for (const c of [forged, 'not-a-cursor', first.nextCursor.slice(0, -2)]) {
      const r = await get(`/timeline?cursor=${c}`);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message: [expect.stringContaining('cursor')] });
    }
    // A cursor issued for other filters is not a position in this list.
    expect((await get(`/timeline?limit=2&kind=attack&cursor=${first.nextCursor}`)).status).toBe(400);
  });

  it('answers 400 naming the parameter', async () => {
    for (const [q, name] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['from=2024-13-01', 'from'],
      ['from=2024-12-02&to=2024-12-01', 'from'],
      ['status=maybe', 'status'],
      ['minSources=-1', 'minSources'],
      ['format=xml', 'format'],
      ['bogus=1', 'bogus'],
    ]) {
      const r = await get(`/timeline?${q}`);
      expect(r.status).toBe(400);
      const j: any = await r.json();
      expect({ q, message: String(j.message) }).toEqual({ q, message: expect.stringContaining(name) });
    }
  });

  it('answers each query string for itself, however often it repeats (parsed queries are kept)', async () => {
    const count = async (q: string) => ((await (await get(`/timeline?${q}`)).json()) as any).entries.length;
    for (let round = 0; round < 2; round++) {
      expect(await count('limit=1')).toBe(1);
      expect(await count('limit=2')).toBe(2);
      expect(await count('limit=2&kind=none-such')).toBe(0);
      expect((await get('/timeline?limit=0')).status).toBe(400);
    }
  });

  it('filters by date overlap, kind, status, sources, place and participant (normalised), and full text', async () => {
    const win: any = await (await get('/timeline?from=2024-11-27&to=2024-11-27')).json();
    expect(win.entries.length).toBeGreaterThan(0);
    expect(win.entries.every((e: any) => (e.when.to ?? '9999') >= '2024-11-27')).toBe(true);
    const two: any = await (await get('/timeline?minSources=3')).json();
    expect(two.entries.every((e: any) => e.sourceCount >= 3)).toBe(true);
    const kind: any = await (await get('/timeline?kind=visit')).json();
    expect(kind.entries.length).toBeGreaterThan(0);
    expect(kind.entries.every((e: any) => e.kind === 'visit')).toBe(true);
    const confirmed: any = await (await get('/timeline?status=confirmed')).json();
    expect(confirmed.entries.every((e: any) => e.status === 'confirmed')).toBe(true);
    const place = all.flatMap((e) => e.places)[0];
    const byPlace: any = await (await get(`/timeline?place=${encodeURIComponent(place.text.toUpperCase())}`)).json();
    expect(byPlace.entries.length).toBeGreaterThan(0);
    expect(byPlace.entries.every((e: any) => e.places.some((p: any) => p.key === place.key))).toBe(true);
    const who = all.flatMap((e) => e.participants)[0];
    const byWho: any = await (await get(`/timeline?participant=${encodeURIComponent(who.text)}`)).json();
    expect(byWho.entries.every((e: any) => e.participants.some((p: any) => p.key === who.key))).toBe(true);
    const q: any = await (await get('/timeline?q=ceasefire')).json();
    expect(q.entries.length).toBeGreaterThan(0);
    expect(q.entries.every((e: any) => /ceasefire|truce/i.test(e.title + e.sources.map((s: any) => s.quote).join(' ')))).toBe(true);
  });

  it('filters a date window to exactly the entries whose interval overlaps it, through the window index', async () => {
    // An entry's interval: [from, to], an open start reaching BOUNDED_WINDOW_DAYS before its end, an open end never closing.
    const minus = (day: string, n: number) => new Date(Date.parse(day) - n * 86_400_000).toISOString().slice(0, 10);
    const overlaps = (e: any, from?: string, to?: string) => {
      const lo = e.when.from ?? (e.when.to ? minus(e.when.to, BOUNDED_WINDOW_DAYS) : null);
      return lo !== null && (!from || e.when.to === null || e.when.to >= from) && (!to || lo <= to);
    };
    const days = [...new Set(all.map((e) => e.when.to).filter(Boolean))].sort() as string[];
    const mid = days[days.length >> 1];
    const windows: [string?, string?][] = [[mid, mid], [days[0], mid], [mid, undefined], [undefined, mid], [minus(days[0], 30), minus(days[0], 20)]];
    for (const [from, to] of windows) {
      const qs = new URLSearchParams({ limit: '500', ...(from && { from }), ...(to && { to }) });
      const page: any = await (await get(`/timeline?${qs}`)).json();
      expect([from, to, page.entries.map((e: any) => e.id)]).toEqual([from, to, all.filter((e) => overlaps(e, from, to)).map((e) => e.id)]);
    }
    // The entries beginning before a window are found through the window index: its expression is the query's.
    const pool = new Pool({ connectionString: t.db.url, max: 1 });
    await pool.query('set enable_seqscan = off');
    const { rows } = await pool.query(
      `explain select e.id from timeline_entries e where e.from_day is not null and ${WINDOW_SQL} @> $1::date`,
      [mid],
    );
    await pool.end();
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan (?:using|on) \w+_daterange_idx/);
  });

  it('exports CSV (RFC 4180, formula-safe), Markdown, TimelineJS and iCalendar', async () => {
    const csv = await get('/timeline?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(all.map((e) => e.id));
    expect(rows.every((r) => !/^[=+\-@]/.test(r.title))).toBe(true);

    const md = await (await get('/timeline?format=md')).text();
    expect(md).toMatch(/^# Timeline/);
    expect(md).toMatch(/\[\^1\]: /);

    const tjs: any = await (await get('/timeline?format=timelinejs')).json();
    expect(tjs.events.length).toBe(all.length);
    expect(tjs.events[0]).toMatchObject({ start_date: { year: expect.any(Number) }, text: { headline: expect.any(String) }, unique_id: expect.any(String) });

    const ics = await (await get('/timeline?format=ics')).text();
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(ics));
    const events = cal.getAllSubcomponents('vevent');
    expect(events.length).toBe(all.filter((e) => e.when.from && e.when.from === e.when.to).length);
    expect((events[0].getFirstPropertyValue('dtstart') as ICAL.Time).isDate).toBe(true);
    expect(await (await get('/timeline?format=ics')).text()).toBe(ics);
  });

  it('serves an entry with provenance, and 404 for an unknown id', async () => {
    const r = await get(`/timeline/entries/${all[0].id}`);
    expect(r.status).toBe(200);
    const j: any = await r.json();
    expect(j.entry.id).toBe(all[0].id);
    expect(j.entry.provenance[0]).toMatchObject({ factId: expect.any(String), datedBy: { rule: expect.any(String), anchor: expect.any(Object) } });
    expect((await get('/timeline/entries/e-nope')).status).toBe(404);
  });

  it("sends each entry's stored JSON as its UTF-8 bytes, characters beyond Latin-1 and beyond the BMP included", async () => {
    const text = 'Protesters marched through Ōtavi on Monday, chanting “bread and peace” 🌾, organisers said.';
    const r = await post(t.url, '/articles', { text, publishedAt: '2024-03-06T10:00:00+00:00', outlet: 'Ünïcode “Post” 📰' });
    expect(r.status).toBe(201);
    const head = await storeHead();
    const res = await fetch(`${t.url}/timeline?limit=500&minPosition=${head}`, { headers: { 'cache-control': 'no-cache', 'accept-encoding': 'identity' } });
    const raw = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(raw.length);
    const sources = JSON.parse(raw.toString('utf8')).entries.flatMap((e: any) => e.sources.filter((s: any) => s.articleId === r.body.articleId));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(s.outlet).toBe('Ünïcode “Post” 📰');
      expect(text.slice(s.start, s.end)).toBe(s.quote);
    }
    expect(sources.some((s: any) => s.quote.includes('Ōtavi'))).toBe(true);
  });

  it('compresses a page for a client that accepts gzip, the same page as uncompressed, and keeps it compressed', async () => {
    const plain = await raw('/timeline?limit=500', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const page = JSON.parse(plain.body.toString('utf8'));
    expect(page.entries.length).toBeGreaterThanOrEqual(all.length);
    const browser = { 'accept-encoding': 'gzip, deflate, br' };
    const gz = await raw('/timeline?limit=500', browser);
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.headers.etag).toBe(plain.headers.etag);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // Kept with the page: the same bytes again; read afresh, the same page.
    expect((await raw('/timeline?limit=500', browser)).body.equals(gz.body)).toBe(true);
    const fresh = await raw('/timeline?limit=500', { ...browser, 'cache-control': 'no-cache' });
    expect(JSON.parse(gunzipSync(fresh.body).toString('utf8'))).toEqual(page);
    // HEAD: the compressed length, no body. gzip refused: not compressed.
    const head = await raw('/timeline?limit=500', browser, 'HEAD');
    expect([head.headers['content-length'], head.body.length]).toEqual([String(gz.body.length), 0]);
    const refused = await raw('/timeline?limit=500', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(plain.body)).toBe(true);
  });

  it('keeps CORS in Vary beside Accept-Encoding', async () => {
    const cors = await startTestApp({ CORS_ORIGINS: 'https://analyst.example', PROJECTOR_ENABLED: 'false' }, t.db);
    try {
      const r = await fetch(cors.url + '/timeline?limit=5', { headers: { origin: 'https://analyst.example', 'accept-encoding': 'gzip' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('https://analyst.example');
      expect(r.headers.get('vary')?.toLowerCase().split(/\s*,\s*/).sort()).toEqual(['accept-encoding', 'origin']);
    } finally {
      await cors.app.close();
    }
  });

  it('compresses exports for a client that accepts it, and not the live updates stream', async () => {
    const plain = await raw('/timeline?format=csv', { 'accept-encoding': 'identity' });
    const gz = await raw('/timeline?format=csv', { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    const events = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(t.url + '/events/stream', { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
        resolve(res);
        req.destroy();
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.headers['content-encoding']).toBeUndefined();
  });

  it('serves a repeated page from the projection state it was read at, and the new page once the projection moves', async () => {
    const first: any = await (await get('/timeline?limit=500')).json();
    const again: any = await (await get('/timeline?limit=500')).json();
    // A burst shares the projection-state check; every answer is the same page.
    const burst = await Promise.all(Array.from({ length: 20 }, () => get('/timeline?limit=500').then((r) => r.json())));
    for (const b of burst) expect(b).toEqual(first);
    const fresh: any = await (await fetch(t.url + '/timeline?limit=500', { headers: { 'cache-control': 'no-cache' } })).json();
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    // The ETag names the page: a revalidation answers 304 without a body (fetch would add
    // Cache-Control: no-cache to a conditional request, which forbids a 304; say max-age=0 instead).
    const etag = (await get('/timeline?limit=500')).headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await fetch(t.url + '/timeline?limit=500', { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })).status).toBe(304);
    const r = await post(t.url, '/articles', {
      text: 'Floods swept through the river town of Lowmarsh on Monday, killing 14 people, officials said.',
      publishedAt: '2024-03-05T10:00:00+00:00',
      outlet: 'cache test',
    });
    expect(r.status).toBe(201);
    const head = await storeHead();
    const after: any = await (await get(`/timeline?limit=500&minPosition=${head}`)).json();
    expect(BigInt(after.position)).toBeGreaterThanOrEqual(BigInt(head));
    expect(after.entries.length).toBeGreaterThan(first.entries.length);
    expect(after.entries.some((e: any) => e.when.from === '2024-03-04' && e.sources[0].articleId === r.body.articleId)).toBe(true);
    expect((await fetch(t.url + '/timeline?limit=500', { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })).status).toBe(200);
  });
});
