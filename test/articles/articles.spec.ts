import request from 'supertest';
import { readManifestFolder, SEEDS_DIR } from '../../src/articles/seeds';
import { startTestApp, TestApp } from '../support/app';

let t: TestApp;
const seeds = readManifestFolder(SEEDS_DIR);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());


describe('POST /articles', () => {
  it('stores an article as a stream: submitted, a run of dated facts, completed', async () => {
    const res = await request(t.url).post('/articles').send(seeds[0]).expect(201);
    expect(res.body).toEqual({ articleId: 'seed-000', streamId: 'article-seed-000', version: expect.any(Number), facts: expect.any(Number) });
    expect(res.body.facts).toBeGreaterThan(0);
    expect(res.body.version).toBe(res.body.facts + 3);

    const stream = await request(t.url).get('/articles/seed-000/events').expect(200);
    const types = stream.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('ArticleSubmitted');
    expect(types[1]).toBe('AnalysisStarted');
    expect(types[types.length - 1]).toBe('AnalysisCompleted');
    expect(stream.body.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual(types.map((_: unknown, i: number) => i + 1));
    const submitted = stream.body.events[0].data;
    expect(submitted.text).toBe(seeds[0].text);
    expect(submitted.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted.timezone).toBe('Asia/Damascus');
    const fact = stream.body.events[2].data;
    expect(fact.factId).toMatch(/^seed-000:run-1:\d+-\d+:0$/);
    expect(fact.when).toHaveProperty('precision');
  });

  it('answers a repeat of the same text with 200 and the existing ids, storing nothing', async () => {
    const first = await request(t.url).get('/articles/seed-000/events').expect(200);
    const again = await request(t.url).post('/articles').send(seeds[0]).expect(200);
    expect(again.body.articleId).toBe('seed-000');
    const { id, ...withoutId } = seeds[0];
    const byText = await request(t.url).post('/articles').send(withoutId).expect(200);
    expect(byText.body.articleId).toBe('seed-000');
    const after = await request(t.url).get('/articles/seed-000/events').expect(200);
    expect(after.body.version).toBe(first.body.version);
  });

  it('refuses the same id with another text (409)', async () => {
    const res = await request(t.url).post('/articles').send({ ...seeds[1], id: 'seed-000' }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('derives an id from the text when none is given', async () => {
    const { id, ...a } = seeds[1];
    const res = await request(t.url).post('/articles').send(a).expect(201);
    expect(res.body.articleId).toMatch(/^a-[0-9a-f]{16}$/);
  });

  it.each([
    [{ text: 'x' }, /publishedAt is required/],
    [{ publishedAt: '2024-12-01T19:00:00+03:00' }, /text is required/],
    [{ publishedAt: '2024-12-01T19:00:00', text: 'x' }, /publishedAt: must be an ISO 8601 date-time with an offset/],
    [{ publishedAt: '2024-12-01T19:00:00Z', text: '   ' }, /text: must not be empty/],
    [{ publishedAt: '2024-12-01T19:00:00Z', text: 'x', timezone: 'Mars/Olympus' }, /timezone: must be an IANA time zone/],
    [{ publishedAt: '2024-12-01T19:00:00Z', text: 'x', colour: 'red' }, /unknown field\(s\) colour/],
    [{ publishedAt: '9999-12-01T19:00:00Z', text: 'x' }, /publishedAt: must not be in the future/],
    [{ publishedAt: '2024-12-01T19:00:00Z', text: 'a\u0000b' }, /NUL/],
    [{ publishedAt: '2024-12-01T19:00:00Z', text: 42 }, /text: must be a string/],
  ])('rejects %j with a 400 naming the problem', async (body, message) => {
    const res = await request(t.url).post('/articles').send(body).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });

  it('rejects malformed JSON, a wrong content type and a body over the limit', async () => {
    const bad = await request(t.url).post('/articles').set('content-type', 'application/json').send('{"text": ').expect(400);
    expect(bad.body.message).toMatch(/malformed JSON/);
    await request(t.url).post('/articles').set('content-type', 'text/plain').send('hello').expect(415);
    const big = await request(t.url).post('/articles').send({ publishedAt: '2024-12-01T19:00:00Z', text: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(big.body.statusCode).toBe(413);
  });
});

describe('reading articles', () => {
  it('lists articles page by page and 404s an unknown one', async () => {
    const page1 = await request(t.url).get('/articles?limit=1').expect(200);
    expect(page1.body.articles).toHaveLength(1);
    expect(page1.body.articles[0].articleId).toBe('seed-000');
    const page2 = await request(t.url).get(`/articles?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.articles[0].articleId).not.toBe('seed-000');
    const one = await request(t.url).get('/articles/seed-000').expect(200);
    expect(one.body.latestRun.runId).toBe('run-1');
    // The listing's fields are the stored submission's, the text given by its length.
    const { articleId, outlet, title, url, publishedAt, timezone, language, sha256, text } = one.body;
    expect(page1.body.articles[0]).toEqual({
      articleId, outlet, title, url, publishedAt, timezone, language, sha256, textLength: text.length, recordedAt: expect.any(String),
    });
    expect(typeof sha256).toBe('string');
    expect(text.length).toBeGreaterThan(1000);
    await request(t.url).get('/articles/nope').expect(404);
    await request(t.url).get('/articles?limit=0').expect(400);
  });
});

describe('POST /analyze', () => {
  it('returns facts and time expressions with offsets and stores nothing', async () => {
    const before = await request(t.url).get('/articles?limit=500').expect(200);
    const text = 'Rebels launched an attack on Wednesday.';
    const res = await request(t.url).post('/analyze').send({ text, publishedAt: '2024-12-01T19:00:00+03:00', timezone: 'Asia/Damascus' }).expect(200);
    const wed = res.body.timeExpressions.find((t: { text: string }) => /Wednesday/.test(t.text));
    expect(wed).toMatchObject({ type: 'DATE', value: '2024-11-27' });
    expect(text.slice(wed.start, wed.end)).toBe(wed.text);
    expect(res.body.facts.length).toBeGreaterThan(0);
    const after = await request(t.url).get('/articles?limit=500').expect(200);
    expect(after.body.articles).toHaveLength(before.body.articles.length);
    await request(t.url).post('/analyze').send({ text }).expect(400);
  });
});
