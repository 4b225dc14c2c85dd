import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { articleAt, bodyOf } from '../../bench/corpus';
import { freePort, PrivatePostgres, req, Reply, Service, sleep, startPrivatePostgres, startService, storeProblems, waitCaughtUp } from './service';

/**
 * A database outage on a private embedded PostgreSQL (never the machine's shared one): stopped for
 * 10 s under load, then started again on the same data. The service answers 503 with Retry-After
 * quickly meanwhile (no hang, no crash), recovers by itself, and loses nothing it acknowledged.
 */
describe('database outage', () => {
  let dir: string;
  let port: number;
  let pg: PrivatePostgres | undefined;
  let svc: Service | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-outage-'));
    // The server runs as user postgres when we are root: it must be able to enter the folder.
    chmodSync(dir, 0o755);
    port = await freePort();
    pg = await startPrivatePostgres(dir, port);
  }, 120_000);

  afterAll(async () => {
    await svc?.kill();
    await pg?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 + Retry-After while the database is down, recovers, loses nothing acknowledged', async () => {
    const url = pg!.url;
    svc = await startService({ DATABASE_URL: url, PROJECTOR_ENABLED: 'true' });
    const N = 5_000;
    let next = 0;
    let phase: 'before' | 'down' | 'after' = 'before';
    let stop = false;
    const log: (Reply & { phase: string; path: string; articleId?: string })[] = [];
    const writer = async () => {
      while (!stop && next < N) {
        const i = next++;
        const r = await req(svc!.url, 'POST', '/articles', bodyOf(articleAt(23, N, i)), {}, 20_000);
        log.push({ ...r, phase, path: 'POST /articles', articleId: r.data?.articleId });
        if (r.status !== 200 && r.status !== 201) await sleep(50);
      }
    };
    const reader = async (path: string) => {
      while (!stop) {
        const r = await req(svc!.url, 'GET', path, undefined, {}, 20_000);
        log.push({ ...r, phase, path: `GET ${path}` });
        await sleep(100);
      }
    };
    const load = [writer(), writer(), writer(), writer(), reader('/articles?limit=5'), reader('/timeline?limit=5'), reader('/health'), reader('/articles/none-such')];

    await sleep(2_000);
    const t0 = Date.now();
    await pg!.stop();
    pg = undefined;
    phase = 'down';
    // Probe /health while the database is away.
    const probes: Reply[] = [];
    while (Date.now() - t0 < 10_000) {
      probes.push(await req(svc.url, 'GET', '/health', undefined, {}, 10_000));
      await sleep(500);
    }
    pg = await startPrivatePostgres(dir, port);
    const restartedAt = Date.now();
    phase = 'after';
    // Recovery: a write goes through again, by itself.
    let recoveredIn = -1;
    while (Date.now() - restartedAt < 30_000) {
      const h = await req(svc.url, 'GET', '/health');
      if (h.status === 200) {
        recoveredIn = Date.now() - restartedAt;
        break;
      }
      await sleep(200);
    }
    await sleep(2_000);
    stop = true;
    await Promise.all(load);

    const down = log.filter((r) => r.phase === 'down');
    const summary = (rs: typeof log) => rs.reduce<Record<string, number>>((m, r) => ((m[`${r.path} ${r.status}`] = (m[`${r.path} ${r.status}`] ?? 0) + 1), m), {});
    console.log(`outage: recovered ${recoveredIn} ms after the restart; while down: ${JSON.stringify(summary(down))}; max latency while down ${Math.max(...down.map((r) => r.ms))} ms`);

    // The process lived through it.
    if (svc.child.exitCode !== null) console.log(`the service died (${svc.child.exitCode}):\n${svc.output().slice(-4000)}`);
    expect(svc.child.exitCode).toBeNull();
    expect(recoveredIn).toBeGreaterThanOrEqual(0);
    // /health said so.
    expect(probes.length).toBeGreaterThan(5);
    for (const p of probes) {
      expect(p.status).toBe(503);
      expect(p.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    // While down: answers, not hangs; 503 with Retry-After and the error body, or a 404/2xx that needed no database.
    expect(down.length).toBeGreaterThan(20);
    const bad = down.filter((r) => r.status !== 503 && !(r.path === 'GET /articles/none-such' && r.status === 404) && r.status !== 200 && r.status !== 201);
    expect(bad.map((r) => `${r.path} ${r.status} ${JSON.stringify(r.data).slice(0, 200)}`)).toEqual([]);
    for (const r of down.filter((x) => x.status === 503)) {
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(r.data).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(r.ms).toBeLessThan(7_000);
    }
    // A read that failed is named in the log (the read routes carry no request-bound logger).
    expect(down.some((r) => r.path === 'GET /timeline?limit=5' && r.status === 503)).toBe(true);
    expect(svc.output()).toContain('"request":"GET /timeline?limit=5"');
    // No 500 at any time.
    expect(log.filter((r) => r.status >= 500 && r.status !== 503).map((r) => `${r.phase} ${r.path} ${r.status} ${JSON.stringify(r.data).slice(0, 200)}`)).toEqual([]);
    // After: writes succeed again.
    expect(log.filter((r) => r.phase === 'after' && r.path === 'POST /articles' && (r.status === 201 || r.status === 200)).length).toBeGreaterThan(0);

    // Nothing acknowledged is lost, and the streams are whole.
    const acked = log.filter((r) => r.path === 'POST /articles' && (r.status === 201 || r.status === 200)).map((r) => r.articleId!);
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      expect(await storeProblems(pool)).toEqual([]);
      // The projector recovered by itself too: the timeline catches up with everything stored.
      const caughtUpFrom = Date.now();
      await waitCaughtUp(svc.url, 30_000);
      console.log(`outage: ${acked.length} articles acknowledged, none lost; the timeline caught up ${Date.now() - caughtUpFrom} ms after the load stopped`);
      const { rows } = await pool.query(`select data->>'articleId' as id from events where type = 'ArticleSubmitted'`);
      const stored = new Set(rows.map((r) => r.id));
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
      const { rows: half } = await pool.query(
        `select stream_id from events group by stream_id
         having count(*) filter (where type = 'AnalysisStarted') <> count(*) filter (where type = 'AnalysisCompleted')`,
      );
      expect(half).toEqual([]);
    } finally {
      await pool.end();
    }

    svc.child.kill('SIGTERM');
    expect(await svc.exited).toEqual({ code: 0, signal: null });
    svc = undefined;
  }, 180_000);
});
