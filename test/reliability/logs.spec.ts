import { ADMIN_TOKEN, admin, req, startService } from '../chaos/service';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * The service's own output, captured at the most verbose level (request logging on): it never holds
 * article text (accepted, rejected or analysed), the admin token or a wrong guess of it, and the
 * error bodies clients get carry no stack trace or SQL even when a request fails inside.
 */
describe('what the service logs', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => db.drop());

  it('keeps article text and tokens out of the logs, at log level trace', async () => {
    const MARK = 'Zanzibarquokka';
    const text = (n: number) => `On Wednesday the ${MARK}${n} rebels launched an offensive on Aleppo, officials said.`;
    const guess = 'a-wrong-guess-of-the-admin-token-Xq7';
    const svc = await startService({ DATABASE_URL: db.url, LOG_LEVEL: 'trace' });
    try {
      const pub = '2024-12-01T19:00:00+03:00';
      expect((await req(svc.url, 'POST', '/articles', { publishedAt: pub, text: text(1), title: `${MARK} title` })).status).toBe(201);
      expect((await req(svc.url, 'POST', '/articles', { publishedAt: pub, text: text(1) })).status).toBe(200);
      expect((await req(svc.url, 'POST', '/analyze', { publishedAt: pub, text: text(2) })).status).toBe(200);
      // Rejected bodies: validation, unknown field, bad JSON, too large, conflict.
      expect((await req(svc.url, 'POST', '/articles', { publishedAt: 'soon', text: text(3) })).status).toBe(400);
      expect((await req(svc.url, 'POST', '/articles', { publishedAt: pub, text: text(4), [`${MARK}field`]: 1 })).status).toBe(400);
      expect((await req(svc.url, 'POST', '/articles', `{"publishedAt":"${pub}","text":"${text(5)}"`)).status).toBe(400);
      expect((await req(svc.url, 'POST', '/articles', { publishedAt: pub, text: `${text(6)} ${'x'.repeat(2 * 1024 * 1024)}` })).status).toBe(413);
      const created = await req(svc.url, 'POST', '/articles', { id: 'log-1', publishedAt: pub, text: text(7) });
      expect(created.status).toBe(201);
      expect((await req(svc.url, 'POST', '/articles', { id: 'log-1', publishedAt: pub, text: text(8) })).status).toBe(409);
      // Admin: the right token, a wrong one, and a replay that reads every article.
      expect((await req(svc.url, 'GET', '/admin/projections', undefined, admin)).status).toBe(200);
      expect((await req(svc.url, 'GET', '/admin/projections', undefined, { authorization: `Bearer ${guess}` })).status).toBe(403);
      expect((await req(svc.url, 'POST', '/admin/replays', { kind: 'analysis' }, admin)).status).toBe(202);
      // Reads of the text, and a request that fails inside (a server error is logged with its error).
      expect((await req(svc.url, 'GET', '/articles/log-1')).status).toBe(200);
      const failed = await req(svc.url, 'GET', '/articles?cursor=9999999999999999999');
      if (failed.status >= 500) {
        expect(failed.data).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
      }
      await new Promise((r) => setTimeout(r, 2_500));
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
    const log = svc.output();
    // The capture worked: request logs at trace level.
    expect(log).toMatch(/"req":\{/);
    expect(log.length).toBeGreaterThan(1_000);
    expect(log).not.toContain(MARK);
    expect(log).not.toContain(ADMIN_TOKEN);
    expect(log).not.toContain(guess);
    expect(log).not.toMatch(/Bearer [^\s"]/);
  }, 120_000);
});
