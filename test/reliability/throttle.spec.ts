import { startTestApp, TestApp } from '../support/app';

const TOKEN = 'test-admin-token-0123456789';
const ANALYZE = JSON.stringify({ publishedAt: '2024-12-01T19:00:00+03:00', text: 'On Wednesday the rebels launched an offensive.' });

async function post(t: TestApp, path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ THROTTLE_WRITES_PER_MINUTE: '5', THROTTLE_ADMIN_PER_MINUTE: '3' })));
  afterAll(async () => t.close());

  it('limits writes per client and answers 429 with Retry-After and the error body', async () => {
    for (let i = 0; i < 5; i++) expect((await post(t, '/analyze', ANALYZE)).status).toBe(200);
    const limited = await post(t, '/analyze', ANALYZE);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/too many write requests: at most 5 a minute/) });
    // POST /articles shares the write budget.
    expect((await post(t, '/articles', ANALYZE)).status).toBe(429);
  });

  it('does not limit reads', async () => {
    for (let i = 0; i < 20; i++) expect((await fetch(`${t.url}/articles`)).status).toBe(200);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it('limits admin requests, guesses of the token included', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${t.url}/admin/replays/00000000-0000-4000-8000-000000000000`, { headers: i === 0 ? { authorization: 'Bearer a-wrong-guess-of-the-token' } : auth });
      codes.push(res.status);
    }
    expect(codes).toEqual([403, 404, 404]);
    const limited = await fetch(`${t.url}/admin/replays/00000000-0000-4000-8000-000000000000`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await limited.json()).message).toMatch(/too many admin requests/);
  });
});

describe('rate limits turned off', () => {
  it('THROTTLE_WRITES_PER_MINUTE=0 lets every write through', async () => {
    const t = await startTestApp({ THROTTLE_WRITES_PER_MINUTE: '0' });
    try {
      for (let i = 0; i < 30; i++) expect((await post(t, '/analyze', ANALYZE)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
