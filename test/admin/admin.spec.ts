import request from 'supertest';
import { Analyser } from '../../src/articles/article-stream';
import { defaultAnalyser } from '../../src/articles/articles.module';
import { readManifestFolder, SEEDS_DIR } from '../../src/articles/seeds';
import { startTestApp, TestApp } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';

const TOKEN = 'test-admin-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };
const seeds = readManifestFolder(SEEDS_DIR);

async function waitForReplay(t: TestApp, id: string) {
  for (let i = 0; i < 200; i++) {
    const r = await request(t.url).get(`/admin/replays/${id}`).set(auth).expect(200);
    if (r.body.status === 'completed' || r.body.status === 'failed') return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('replay did not finish');
}

async function eventTypes(t: TestApp, articleId: string): Promise<string[]> {
  const r = await request(t.url).get(`/articles/${articleId}/events`).expect(200);
  return r.body.events.map((e: { type: string }) => e.type);
}

describe('admin auth', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  it.each([
    [{}, 401],
    [{ Authorization: 'Basic abc' }, 401],
    [{ Authorization: 'Bearer' }, 401],
    [{ Authorization: 'Bearer wrong-token-wrong-token' }, 403],
    [auth, 404],
  ])('%j gets %d', async (headers, status) => {
    const res = await request(t.url).get('/admin/replays/00000000-0000-4000-8000-000000000000').set(headers);
    expect(res.status).toBe(status);
    expect(res.body.statusCode).toBe(status);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  it('answers 403 on every admin route when ADMIN_TOKEN is unset', async () => {
    const off = await startTestApp({ ADMIN_TOKEN: '' });
    try {
      const res = await request(off.url).post('/admin/replays').set({ Authorization: 'Bearer anything-at-all-here' }).send({ kind: 'analysis' });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/ADMIN_TOKEN is not set/);
    } finally {
      await off.close();
    }
  });

  it('validates the replay request', async () => {
    const res = await request(t.url).post('/admin/replays').set(auth).send({ kind: 'everything' }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/kind/);
  });
});

describe('analysis replay', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => db.drop());

  it('appends nothing with an unchanged analyser, and one new run per article with a new version', async () => {
    const t = await startTestApp({}, db);
    try {
      for (const a of seeds.slice(0, 2)) await request(t.url).post('/articles').send(a).expect(201);
      const before = await eventTypes(t, 'seed-000');
      const same = await request(t.url).post('/admin/replays').set(auth).send({ kind: 'analysis' }).expect(202);
      const done = await waitForReplay(t, same.body.replayId);
      expect(done).toMatchObject({ status: 'completed', done: 2, total: 2, appended: 0 });
      expect(await eventTypes(t, 'seed-000')).toEqual(before);
    } finally {
      await t.close();
    }

    const changed: Analyser = { version: 'test-next', analyse: (i) => defaultAnalyser.analyse(i) };
    const t2 = await startTestApp({}, db, changed);
    try {
      const r = await request(t2.url).post('/admin/replays').set(auth).send({ kind: 'analysis', articleIds: ['seed-000', 'seed-001'] }).expect(202);
      const done = await waitForReplay(t2, r.body.replayId);
      expect(done.status).toBe('completed');
      for (const id of ['seed-000', 'seed-001']) {
        const types = await eventTypes(t2, id);
        expect(types.filter((x) => x === 'AnalysisStarted')).toHaveLength(2);
        expect(types[types.length - 1]).toBe('AnalysisCompleted');
      }
      const article = await request(t2.url).get('/articles/seed-000').expect(200);
      expect(article.body.latestRun).toMatchObject({ runId: 'run-2', analyserVersion: 'test-next' });
      // Again with the same new version: nothing more.
      const again = await request(t2.url).post('/admin/replays').set(auth).send({ kind: 'analysis' }).expect(202);
      expect((await waitForReplay(t2, again.body.replayId)).appended).toBe(0);
    } finally {
      await t2.close();
    }
  });
});

describe('projection status', () => {
  it('reports the timeline projection with its checkpoint and lag', async () => {
    const t = await startTestApp();
    try {
      await request(t.url).post('/articles').send(seeds[0]).expect(201);
      let body: any;
      for (let i = 0; i < 100; i++) {
        body = (await request(t.url).get('/admin/projections').set(auth).expect(200)).body;
        if (body.projections[0].lag === '0') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(body.projections[0]).toMatchObject({ name: 'timeline', lag: '0', lagSeconds: 0, status: 'active' });
      expect(Number(body.projections[0].position)).toBeGreaterThan(0);
      await request(t.url).get('/admin/projections').expect(401);
    } finally {
      await t.close();
    }
  });
});
