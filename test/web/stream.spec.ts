import http from 'node:http';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(async () => t.close());

interface Positions { position: string; stored: string; projections: Record<string, string> }

/** Opens GET /events/stream and hands each `position` event to `on`; returns a closer. */
function listen(on: (p: Positions) => void): Promise<{ headers: http.IncomingHttpHeaders; close(): void }> {
  return new Promise((ok, fail) => {
    const req = http.get(`${t.url}/events/stream`, { headers: { accept: 'text/event-stream' } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'position' && data) on(JSON.parse(data));
        }
      });
      res.on('error', () => undefined);
      ok({ headers: res.headers, close: () => req.destroy() });
    });
    req.on('error', fail);
  });
}

function until<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const started = Date.now();
  return new Promise((ok, fail) => {
    const tick = () => {
      const v = check();
      if (v !== undefined) return ok(v);
      if (Date.now() - started > ms) return fail(new Error('timed out'));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe('GET /events/stream', () => {
  it('sends the positions at once, then again when an article lands', async () => {
    const seen: Positions[] = [];
    const stream = await listen((p) => seen.push(p));
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['cache-control']).toMatch(/no-cache/);
    const first = await until(() => seen[0]);
    expect(first).toEqual({ position: expect.stringMatching(/^\d+$/), stored: expect.stringMatching(/^\d+$/), projections: expect.any(Object) });

    await request(t.url).post('/articles').send({ publishedAt: '2024-12-01T19:00:00+03:00', text: 'Rebels launched an attack on Wednesday.' }).expect(201);
    const later = await until(() => seen.find((p) => BigInt(p.stored) > BigInt(first.stored)));
    expect(BigInt(later.stored)).toBeGreaterThan(0n);
    // No event repeats the one before it.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toEqual(seen[i - 1]);
    stream.close();
  });

  it('serves many listeners from one poller, and an open stream does not keep the app from closing', async () => {
    const counts = [0, 0, 0];
    const streams = await Promise.all(counts.map((_, i) => listen(() => counts[i]++)));
    await until(() => (counts.every((c) => c > 0) ? true : undefined));
    streams[0].close();
    // The others stay open: afterAll's close() must end them rather than wait forever.
  });
});
