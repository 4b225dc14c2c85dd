import { Pool } from 'pg';
import { startTestApp, TestApp } from '../support/app';

/**
 * Bad input, end to end: every case answers a 4xx with a JSON `{ statusCode, error, message }` that
 * names the problem, carries no stack trace, file path or SQL, and stores nothing.
 */

const TOKEN = 'test-admin-token-0123456789';
const GOOD = { publishedAt: '2024-12-01T19:00:00+03:00', timezone: 'Asia/Damascus', text: 'On Wednesday the rebels launched an offensive.' };
const JSON_CT = { 'content-type': 'application/json' };

let t: TestApp;
let pool: Pool;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent' });
  pool = new Pool({ connectionString: t.db.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await t.close();
});

async function eventCount(): Promise<number> {
  const { rows } = await pool.query('select count(*)::int as n from events');
  return rows[0].n;
}

interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: any;
  headers: Headers;
}

async function call(method: string, path: string, opts: { json?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.json !== undefined ? JSON_CT : {}), ...opts.headers };
  const body = opts.json !== undefined ? JSON.stringify(opts.json) : typeof opts.raw === 'string' ? opts.raw : opts.raw && new Uint8Array(opts.raw);
  const res = await fetch(`${t.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed, headers: res.headers };
}

/** No stack frames, source paths or SQL in what a client sees. */
function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\n\s+at \S/);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(/);
  expect(text).not.toMatch(/\.(ts|js):\d+/);
  expect(text).not.toMatch(/node_modules|\/work\/|\/src\//);
  expect(text).not.toMatch(/\b(select|insert into|update \w+ set|delete from)\b.*\b(from|where|values)\b/i);
  expect(text).not.toMatch(/QueryFailedError|TypeError|ReferenceError|RangeError|SyntaxError: /);
}

interface Case {
  name: string;
  method?: string;
  path?: string;
  json?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
  /** A known gap in another part's code: runs as it.failing until fixed (then drop the flag). */
  gap?: boolean;
}

const body = (over: Record<string, unknown>, drop: string[] = []) => {
  const b: Record<string, unknown> = { ...GOOD, ...over };
  for (const k of drop) delete b[k];
  return b;
};

// Nested 50,000 levels deep: JSON.parse copes, the validator must not recurse into it.
const deepArray = '['.repeat(50_000) + ']'.repeat(50_000);

const CASES: Case[] = [
  // Transport: JSON syntax, content type, encodings
  { name: 'malformed JSON (truncated)', raw: '{"text": ', headers: JSON_CT, status: 400, message: /malformed JSON/ },
  { name: 'malformed JSON (trailing comma)', raw: '{"text": "x",}', headers: JSON_CT, status: 400, message: /malformed JSON/ },
  { name: 'malformed JSON (single quotes)', raw: "{'text': 'x'}", headers: JSON_CT, status: 400, message: /malformed JSON/ },
  { name: 'JSON string at top level', raw: '"hello"', headers: JSON_CT, status: 400, message: /malformed JSON|JSON object/ },
  { name: 'JSON null at top level', raw: 'null', headers: JSON_CT, status: 400, message: /malformed JSON|JSON object/ },
  { name: 'JSON array at top level', raw: '[1, 2, 3]', headers: JSON_CT, status: 400, message: /body must be a JSON object/ },
  { name: 'empty JSON body', raw: '', headers: JSON_CT, status: 400, message: /JSON object|is required|malformed/ },
  { name: 'wrong content type text/plain', raw: JSON.stringify(GOOD), headers: { 'content-type': 'text/plain' }, status: 415, message: /Content-Type must be application\/json/ },
  { name: 'wrong content type form', raw: 'text=x&publishedAt=y', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, message: /Content-Type must be application\/json/ },
  { name: 'no content type', raw: JSON.stringify(GOOD), headers: {}, status: 415, message: /Content-Type must be application\/json/ },
  { name: 'unsupported charset', raw: JSON.stringify(GOOD), headers: { 'content-type': 'application/json; charset=latin1' }, status: 415, message: /unsupported/ },
  { name: 'unsupported content encoding', raw: JSON.stringify(GOOD), headers: { ...JSON_CT, 'content-encoding': 'compress' }, status: 415, message: /unsupported/ },
  { name: 'gzip encoding that is not gzip', raw: JSON.stringify(GOOD), headers: { ...JSON_CT, 'content-encoding': 'gzip' }, status: 400, message: /unreadable|malformed/ },
  { name: 'invalid UTF-8 bytes', raw: Buffer.concat([Buffer.from('{"publishedAt":"2024-12-01T19:00:00Z","text":"ab'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), headers: JSON_CT, status: 400, message: /not valid UTF-8/ },
  { name: 'overlong UTF-8 encoding of "/"', raw: Buffer.concat([Buffer.from('{"publishedAt":"2024-12-01T19:00:00Z","text":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), headers: JSON_CT, status: 400, message: /not valid UTF-8/ },
  { name: 'body over the limit', json: body({ text: 'x'.repeat(2 * 1024 * 1024) }), status: 413, message: /exceeds the limit/ },
  // Fields: missing, null, wrongly typed, unknown
  { name: 'empty object', json: {}, status: 400, message: /publishedAt is required.*text is required|text is required.*publishedAt is required/ },
  { name: 'missing text', json: body({}, ['text']), status: 400, message: /text is required/ },
  { name: 'missing publishedAt', json: body({}, ['publishedAt']), status: 400, message: /publishedAt is required/ },
  { name: 'text null', json: body({ text: null }), status: 400, message: /text: must be a string/ },
  { name: 'publishedAt null', json: body({ publishedAt: null }), status: 400, message: /publishedAt: must be a string/ },
  { name: 'text a number', json: body({ text: 42 }), status: 400, message: /text: must be a string/ },
  { name: 'text a boolean', json: body({ text: true }), status: 400, message: /text: must be a string/ },
  { name: 'text an array of strings', json: body({ text: ['a', 'b'] }), status: 400, message: /text: must be a string/ },
  { name: 'text an operator object', json: body({ text: { $gt: '' } }), status: 400, message: /text: must be a string/ },
  { name: 'publishedAt an epoch number', json: body({ publishedAt: 1733068800000 }), status: 400, message: /publishedAt: must be a string/ },
  { name: 'id a number', json: body({ id: 12 }), status: 400, message: /^(?=.*\bid\b).*string/ },
  { name: 'id with a path and quotes', json: body({ id: "../x'; drop table events; --" }), status: 400, message: /\bid: must be 1-128 letters/ },
  { name: 'id over 128 characters', json: body({ id: 'a'.repeat(129) }), status: 400, message: /\bid: must be 1-128 letters/ },
  { name: 'url not http', json: body({ url: 'javascript:alert(1)' }), status: 400, message: /url: must be an http\(s\) URL/ },
  { name: 'url not a URL', json: body({ url: 'not a url' }), status: 400, message: /url: must be a URL/ },
  { name: 'title over 1000 characters', json: body({ title: 't'.repeat(1001) }), status: 400, message: /title: .*1000/ },
  { name: 'outlet an object', json: body({ outlet: { name: 'x' } }), status: 400, message: /outlet: .*string/i },
  { name: 'language not a tag', json: body({ language: 'English!' }), status: 400, message: /language: must be a language tag/ },
  { name: 'unknown field', json: body({ colour: 'red' }), status: 400, message: /unknown field\(s\) colour/ },
  { name: 'several problems at once, each named', json: { text: 7, publishedAt: 'soon', timezone: 'Nowhere/Else' }, status: 400, message: /text: .*publishedAt: .*timezone: |publishedAt: .*text: / },
  // publishedAt
  { name: 'publishedAt not a date', json: body({ publishedAt: 'yesterday' }), status: 400, message: /publishedAt: must be an ISO 8601 date-time with an offset/ },
  { name: 'publishedAt without offset', json: body({ publishedAt: '2024-12-01T19:00:00' }), status: 400, message: /publishedAt: must be an ISO 8601 date-time with an offset/ },
  { name: 'publishedAt a date only', json: body({ publishedAt: '2024-12-01' }), status: 400, message: /publishedAt: must be an ISO 8601 date-time with an offset/ },
  { name: 'publishedAt year 0', json: body({ publishedAt: '0000-01-01T00:00:00Z' }), status: 400, message: /publishedAt: (must not be before the year 1800|is not a valid)/ },
  { name: 'publishedAt year 9999', json: body({ publishedAt: '9999-12-31T23:59:59Z' }), status: 400, message: /publishedAt: must not be in the future/ },
  { name: 'publishedAt far future (2100)', json: body({ publishedAt: '2100-01-01T00:00:00+00:00' }), status: 400, message: /publishedAt: must not be in the future/ },
  { name: 'publishedAt 30 February', json: body({ publishedAt: '2024-02-30T10:00:00Z' }), status: 400, message: /publishedAt: is not a valid date-time/ },
  { name: 'publishedAt hour 25', json: body({ publishedAt: '2024-12-01T25:00:00Z' }), status: 400, message: /publishedAt: is not a valid date-time/ },
  { name: 'publishedAt offset +25:00', json: body({ publishedAt: '2024-12-01T10:00:00+25:00' }), status: 400, message: /publishedAt: has an impossible UTC offset/ },
  { name: 'publishedAt offset +99:99', json: body({ publishedAt: '2024-12-01T10:00:00+99:99' }), status: 400, message: /publishedAt: has an impossible UTC offset/ },
  { name: 'publishedAt with trailing space', json: body({ publishedAt: '2024-12-01T19:00:00Z ' }), status: 400, message: /publishedAt: must be an ISO 8601/ },
  // timezone
  { name: 'timezone not IANA', json: body({ timezone: 'Mars/Olympus' }), status: 400, message: /timezone: must be an IANA time zone/ },
  { name: 'timezone an offset string', json: body({ timezone: '+03:00 Damascus' }), status: 400, message: /timezone: must be an IANA time zone/ },
  { name: 'timezone a number', json: body({ timezone: 3 }), status: 400, message: /timezone: must be a string/ },
  // text
  { name: 'text empty', json: body({ text: '' }), status: 400, message: /text: must not be empty/ },
  { name: 'text whitespace only', json: body({ text: ' \n\t\r  ' }), status: 400, message: /text: must not be empty/ },
  { name: 'text with a NUL byte', json: body({ text: 'before\u0000after' }), status: 400, message: /text: must not contain NUL/ },
  { name: 'text with a lone high surrogate (raw JSON escape)', raw: '{"publishedAt":"2024-12-01T19:00:00Z","text":"abc \\ud800 def"}', headers: JSON_CT, status: 400, message: /text: .*lone surrogate/ },
  { name: 'text with a lone low surrogate (raw JSON escape)', raw: '{"publishedAt":"2024-12-01T19:00:00Z","text":"\\udc00"}', headers: JSON_CT, status: 400, message: /text: .*lone surrogate/ },
  { name: 'text with reversed surrogates', raw: '{"publishedAt":"2024-12-01T19:00:00Z","text":"x\\udc00\\ud800y"}', headers: JSON_CT, status: 400, message: /text: .*lone surrogate/ },
  // Nesting and size
  { name: 'text a deeply nested array', raw: `{"publishedAt":"2024-12-01T19:00:00Z","text":${deepArray}}`, headers: JSON_CT, status: 400, message: /text: must be a string|malformed JSON/ },
  { name: 'a huge array as an unknown field', json: body({ tags: Array.from({ length: 100_000 }, (_, i) => i) }), status: 400, message: /unknown field\(s\) tags/ },
  { name: 'a huge array as text', json: body({ text: Array.from({ length: 100_000 }, () => 'x') }), status: 400, message: /text: must be a string/ },
  // Prototype pollution attempts (raw JSON: JSON.parse makes "__proto__" an own key)
  { name: '__proto__ key', raw: '{"publishedAt":"2024-12-01T19:00:00Z","text":"x","__proto__":{"polluted":true}}', headers: JSON_CT, status: 400, message: /unknown field\(s\) __proto__/ },
  { name: 'constructor.prototype key', raw: '{"publishedAt":"2024-12-01T19:00:00Z","text":"x","constructor":{"prototype":{"polluted":true}}}', headers: JSON_CT, status: 400, message: /unknown field\(s\) constructor/ },
  { name: '__proto__ as the only key', raw: '{"__proto__":{"text":"x","publishedAt":"2024-12-01T19:00:00Z"}}', headers: JSON_CT, status: 400, message: /is required|unknown field/ },
  // POST /analyze
  { name: 'analyze: missing text', path: '/analyze', json: { publishedAt: GOOD.publishedAt }, status: 400, message: /text is required/ },
  { name: 'analyze: unknown field', path: '/analyze', json: { ...body({}, ['timezone']), id: 'x' }, status: 400, message: /unknown field\(s\) id/ },
  { name: 'analyze: wrong content type', path: '/analyze', raw: 'x', headers: { 'content-type': 'text/plain' }, status: 415, message: /Content-Type must be application\/json/ },
  { name: 'analyze: lone surrogate', path: '/analyze', raw: '{"publishedAt":"2024-12-01T19:00:00Z","text":"\\ud83d"}', headers: JSON_CT, status: 400, message: /lone surrogate/ },
  { name: 'analyze: malformed JSON', path: '/analyze', raw: '{', headers: JSON_CT, status: 400, message: /malformed JSON/ },
  // Query parameters of GET /articles
  { name: 'articles: limit=0', method: 'GET', path: '/articles?limit=0', status: 400, message: /limit: / },
  { name: 'articles: limit=100000', method: 'GET', path: '/articles?limit=100000', status: 400, message: /limit: / },
  { name: 'articles: limit=-1', method: 'GET', path: '/articles?limit=-1', status: 400, message: /limit: / },
  { name: 'articles: limit=abc', method: 'GET', path: '/articles?limit=abc', status: 400, message: /limit: / },
  { name: 'articles: limit=1.5', method: 'GET', path: '/articles?limit=1.5', status: 400, message: /limit: / },
  { name: 'articles: limit given twice', method: 'GET', path: '/articles?limit=1&limit=2', status: 400, message: /limit: / },
  { name: 'articles: forged cursor (letters)', method: 'GET', path: '/articles?cursor=abc', status: 400, message: /cursor: is not a cursor this service issued/ },
  { name: 'articles: forged cursor (SQL)', method: 'GET', path: `/articles?cursor=${encodeURIComponent("0 or 1=1; --")}`, status: 400, message: /cursor: / },
  // Gap (src/articles/articles.controller.ts listQuery): 19 digits pass the regex but overflow bigint in SQL: 500.
  { name: 'articles: forged cursor beyond bigint', method: 'GET', path: '/articles?cursor=9999999999999999999', status: 400, message: /cursor: /, gap: true },
  { name: 'articles: unknown query parameter', method: 'GET', path: '/articles?sort=desc', status: 400, message: /unknown field\(s\) sort/ },
  // GET /timeline query parameters
  { name: 'timeline: from after to', method: 'GET', path: '/timeline?from=2024-12-02&to=2024-12-01', status: 400, message: /from: must not be after to/ },
  { name: 'timeline: from not a calendar day', method: 'GET', path: '/timeline?from=2024-02-30', status: 400, message: /from: is not a calendar day/ },
  { name: 'timeline: to not a day', method: 'GET', path: '/timeline?to=yesterday', status: 400, message: /to: must be an ISO day/ },
  { name: 'timeline: limit=0', method: 'GET', path: '/timeline?limit=0', status: 400, message: /limit: / },
  { name: 'timeline: limit=100000', method: 'GET', path: '/timeline?limit=100000', status: 400, message: /limit: / },
  { name: 'timeline: limit=-5', method: 'GET', path: '/timeline?limit=-5', status: 400, message: /limit: / },
  { name: 'timeline: forged cursor', method: 'GET', path: '/timeline?cursor=abc', status: 400, message: /cursor: / },
  { name: 'timeline: forged cursor (base64 JSON)', method: 'GET', path: `/timeline?cursor=${Buffer.from(JSON.stringify([{ day: '2024-01-01', id: 'x' }, 'bad'])).toString('base64url')}`, status: 400, message: /cursor: / },
  { name: 'timeline: cursor too long', method: 'GET', path: `/timeline?cursor=${'A'.repeat(401)}`, status: 400, message: /cursor: / },
  { name: 'timeline: unknown format', method: 'GET', path: '/timeline?format=xml', status: 400, message: /format: must be one of/ },
  { name: 'timeline: format given twice', method: 'GET', path: '/timeline?format=csv&format=md', status: 400, message: /format: / },
  { name: 'timeline: unknown status', method: 'GET', path: '/timeline?status=rumoured', status: 400, message: /status: must be one of/ },
  { name: 'timeline: minSources=0', method: 'GET', path: '/timeline?minSources=0', status: 400, message: /minSources: / },
  { name: 'timeline: minPosition not a number', method: 'GET', path: '/timeline?minPosition=latest', status: 400, message: /minPosition: / },
  { name: 'timeline: q over 200 characters', method: 'GET', path: `/timeline?q=${'q'.repeat(201)}`, status: 400, message: /q: must be at most 200/ },
  { name: 'timeline: kind over 64 characters', method: 'GET', path: `/timeline?kind=${'k'.repeat(65)}`, status: 400, message: /kind: / },
  // Gap (src/timeline/timeline.controller.ts querySchema): kind is free text(64), not the kinds vocabulary: an unknown kind answers 200 with no entries.
  { name: 'timeline: unknown kind', method: 'GET', path: '/timeline?kind=alien-invasion', status: 400, message: /kind: /, gap: true },
  { name: 'timeline: unknown parameter', method: 'GET', path: '/timeline?order=desc', status: 400, message: /unknown field\(s\) order/ },
  { name: 'timeline: entry id with SQL', method: 'GET', path: `/timeline/entries/${encodeURIComponent("1' or '1'='1")}`, status: 404, message: /not found/ },
  { name: 'timeline: entry not found', method: 'GET', path: '/timeline/entries/nope', status: 404, message: /not found/ },
  // Article ids in paths
  { name: 'article not found', method: 'GET', path: '/articles/nope', status: 404, message: /article nope not found/ },
  { name: 'article id with SQL', method: 'GET', path: `/articles/${encodeURIComponent("x' or '1'='1")}`, status: 404, message: /not found/ },
  { name: 'article events not found', method: 'GET', path: '/articles/nope/events', status: 404, message: /not found/ },
  { name: 'article id with a broken percent escape', method: 'GET', path: '/articles/%E0%A4%A', status: 400, message: /./ },
  // Routes and methods
  { name: 'unknown route', method: 'GET', path: '/nope', status: 404, message: /Cannot GET \/nope/ },
  { name: 'unknown method on /articles', method: 'DELETE', path: '/articles', status: 404, message: /Cannot DELETE \/articles/ },
  { name: 'PUT on an article', method: 'PUT', path: '/articles/x', json: GOOD, status: 404, message: /Cannot PUT/ },
  { name: 'GET /analyze', method: 'GET', path: '/analyze', status: 404, message: /Cannot GET/ },
  // Admin
  { name: 'admin: no token', path: '/admin/replays', json: { kind: 'analysis' }, status: 401, message: /Authorization: Bearer/ },
  { name: 'admin: wrong token', path: '/admin/replays', json: { kind: 'analysis' }, headers: { authorization: 'Bearer not-the-token-at-all' }, status: 403, message: /wrong admin token/ },
  { name: 'admin: token with control characters', path: '/admin/replays', json: { kind: 'analysis' }, headers: { authorization: 'Bearer abc\tdef' }, status: 401, message: /Bearer <token>/ },
  { name: 'admin: bad kind', path: '/admin/replays', json: { kind: 'everything' }, headers: { authorization: `Bearer ${TOKEN}` }, status: 400, message: /kind: must be .*analysis.*projections/ },
  { name: 'admin: malformed JSON', path: '/admin/replays', raw: '{"kind":', headers: { ...JSON_CT, authorization: `Bearer ${TOKEN}` }, status: 400, message: /malformed JSON/ },
  { name: 'admin: articleIds empty strings', path: '/admin/replays', json: { kind: 'analysis', articleIds: [''] }, headers: { authorization: `Bearer ${TOKEN}` }, status: 400, message: /articleIds\.0: / },
  { name: 'admin: replay id not a uuid', method: 'GET', path: "/admin/replays/1'%20or%20'1'='1", headers: { authorization: `Bearer ${TOKEN}` }, status: 404, message: /not found/ },
];

describe('bad input', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  const check = async (c: Case) => {
    const before = await eventCount();
    const res = await call(c.method ?? 'POST', c.path ?? '/articles', { json: c.json, raw: c.raw, headers: c.headers });
    expect({ status: res.status, text: res.text.slice(0, 300) }).toEqual({ status: c.status, text: expect.any(String) });
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body).toEqual({ statusCode: c.status, error: expect.any(String), message: expect.anything() });
    expect(JSON.stringify(res.body.message)).toMatch(c.message);
    expectNoLeak(res.text);
    expect(await eventCount()).toBe(before);
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  };
  const ok = CASES.filter((c) => !c.gap);
  const gaps = CASES.filter((c) => c.gap);
  it.each(ok.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
  if (gaps.length) it.failing.each(gaps.map((c) => [c.name, c] as const))('known gap: %s', (_name, c) => check(c));
});

describe('injection strings are data', () => {
  const SQL = "Robert'); DROP TABLE events; -- and 1=1; select pg_sleep(10); \\' \" `";
  const HTML = '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; &lt; "quotes" \'single\'';
  const TRICKY = `${SQL}\n${HTML}\nZero-width\u200b joiner\u200d, RTL \u202e override, emoji 👩‍👩‍👧, combining e\u0301, CRLF\r\n, tab\t.`;

  it.each([
    ['SQL', SQL],
    ['HTML', HTML],
    ['mixed Unicode, controls and markup', TRICKY],
  ])('stores %s text verbatim and returns it verbatim', async (_n, text) => {
    const before = await eventCount();
    const title = `${text.slice(0, 200)} title`;
    const res = await call('POST', '/articles', { json: { ...GOOD, text: `On Wednesday the rebels launched an offensive. ${text}`, title, outlet: text.slice(0, 200) } });
    expect(res.status).toBe(201);
    expect(await eventCount()).toBeGreaterThan(before);
    const got = await call('GET', `/articles/${encodeURIComponent(res.body.articleId)}`);
    expect(got.status).toBe(200);
    expect(got.body.text).toBe(`On Wednesday the rebels launched an offensive. ${text}`);
    expect(got.body.title).toBe(title);
    expect(got.body.outlet).toBe(text.slice(0, 200));
    // JSON responses never carry raw markup that a browser would sniff as HTML.
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    // The tables are still there and intact.
    const { rows } = await pool.query(`select count(*)::int as n from events where type = 'ArticleSubmitted'`);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('keeps an id-derived article with an SQL-looking title in the list', async () => {
    const list = await call('GET', '/articles?limit=500');
    expect(list.status).toBe(200);
    expect(list.body.articles.some((a: { title: string }) => a.title?.startsWith('Robert'))).toBe(true);
  });
});

describe('injection strings in the exports', () => {
  const MARKUP = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const TEXT = `On Wednesday ${MARKUP} rebels launched an offensive on Aleppo, said =HYPERLINK("http://evil.example","x").\n+SUM(1,2) was reported on Thursday by @mention -2+3 in Idlib.`;

  async function timeline(format: string): Promise<Reply> {
    const { rows } = await pool.query(`select max(global_position)::text as p from events`);
    return call('GET', `/timeline?minPosition=${rows[0].p}&format=${format}`);
  }

  beforeAll(async () => {
    const res = await call('POST', '/articles', { json: { ...GOOD, id: 'inject-1', text: TEXT, title: `${MARKUP} =cmd|' /C calc'!A0` } });
    expect(res.status).toBe(201);
    expect(res.body.facts).toBeGreaterThan(0);
    // The projection follows the store's snapshot horizon, which any long transaction on the shared
    // server holds back: wait for the entry rather than trusting one ?minPosition= wait.
    for (let i = 0; i < 60; i++) {
      const t = await timeline('json');
      if (t.status === 200 && JSON.stringify(t.body.entries).includes('<script>')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 60_000);

  it('keeps them verbatim in the JSON timeline', async () => {
    const res = await timeline('json');
    expect(res.status).toBe(200);
    const all = JSON.stringify(res.body.entries);
    expect(all).toContain('<script>alert(1)</script>');
  });

  it('quotes every CSV cell and defuses formulas', async () => {
    const { parse: parseCsv } = await import('csv-parse/sync');
    const res = await timeline('csv');
    expect(res.status).toBe(200);
    const rows: string[][] = parseCsv(res.text, { relax_quotes: false });
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(res.text).toContain('<script>');
  });

  it('escapes markup in Markdown and TimelineJS', async () => {
    const md = await timeline('md');
    expect(md.status).toBe(200);
    // A backslash-escaped "<" is literal text in CommonMark; a bare one would open an HTML block.
    expect(md.text).not.toMatch(/(^|[^\\])<(script|img)/im);
    const tjs = await timeline('timelinejs');
    expect(tjs.status).toBe(200);
    expect(tjs.text).not.toMatch(/<script|<img/i);
  });

  it('keeps iCalendar text on its own lines', async () => {
    const ics = await timeline('ics');
    expect(ics.status).toBe(200);
    const events = (ics.text.match(/^BEGIN:VEVENT\r$/gm) ?? []).length;
    expect(events).toBeGreaterThan(0);
    expect((ics.text.match(/^END:VEVENT\r$/gm) ?? []).length).toBe(events);
    // No line of the calendar starts with injected text.
    for (const line of ics.text.split('\r\n')) expect(line).toMatch(/^([A-Z-]+[;:]| |$)/);
  });
});
