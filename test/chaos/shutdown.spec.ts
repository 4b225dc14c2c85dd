import http from 'node:http';
import { Pool } from 'pg';
import { articleAt, bodyOf } from '../../bench/corpus';
import { createTestDatabase, TestDatabase } from '../support/database';
import { admin, diagnose, liveAndRebuilt, req, sleep, startService, storeProblems, waitReplay } from './service';

/** The live timeline's checkpoint position, straight from the database. */
async function checkpoint(pool: Pool): Promise<bigint> {
  const { rows } = await pool.query(`select global_position::text as p from projection_checkpoints where name = 'timeline'`);
  return BigInt(rows[0]?.p ?? 0);
}

/**
 * The transaction of a projector batch in progress (it holds the checkpoint row FOR UPDATE), as an
 * xid8 for pg_xact_status, or null between batches.
 */
async function batchInFlight(pool: Pool): Promise<string | null> {
  const { rows } = await pool.query(
    `select ((pg_snapshot_xmax(pg_current_snapshot())::text::bigint >> 32 << 32) + a.backend_xid::text::bigint)::text as xid
     from pg_stat_activity a join pg_locks l on l.pid = a.pid
     where a.datname = current_database() and a.pid <> pg_backend_pid() and a.backend_xid is not null
       and l.locktype = 'relation' and l.relation = 'projection_checkpoints'::regclass and l.mode = 'RowShareLock' and l.granted
     limit 1`,
  );
  return rows[0]?.xid ?? null;
}

/** Error lines of the service's log (pino level 50+). */
function errorsIn(output: string): string[] {
  return output.split('\n').filter((l) => /"level":(50|60)/.test(l)).map((l) => l.slice(0, 300));
}
// Known, reported, not in this test's reach: on shutdown TypeORM closes the pool before the
// projections module stops its projector (both are global modules; Nest orders them arbitrarily),
// so the projector's NEXT batch fails after the in-flight one committed. Harmless; logged at error.
const KNOWN = /Cannot use a pool after calling end on the pool/;

/** A POST on a fresh connection (no keep-alive), so "sent before SIGTERM" means the server had it. */
function post(port: number, path: string, body: string): Promise<{ status: number; data: any }> {
  return new Promise((resolve) => {
    const r = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let data: any = text;
        try {
          data = JSON.parse(text);
        } catch {
          /* keep the text */
        }
        resolve({ status: res.statusCode ?? 0, data });
      });
      res.on('error', () => resolve({ status: 0, data: 'response error' }));
    });
    r.on('error', (err) => resolve({ status: 0, data: err.message }));
    r.end(body);
  });
}

describe('graceful shutdown', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('SIGTERM under load: in-flight requests finish, nothing acknowledged is lost, exit 0 within 10 s', async () => {
    const svc = await startService({ DATABASE_URL: db.url });
    const N = 2000;
    let next = 0;
    let termAt = Infinity;
    const results: { started: number; ended: number; status: number; articleId?: string; data: any }[] = [];
    const client = async () => {
      while (next < N && Date.now() < termAt + 2_000) {
        const i = next++;
        const started = Date.now();
        const res = await post(svc.port, '/articles', bodyOf(articleAt(11, N, i)));
        results.push({ started, ended: Date.now(), status: res.status, articleId: res.data?.articleId, data: res.data });
        if (res.status === 0) await sleep(20);
      }
    };
    const clients = Array.from({ length: 12 }, client);
    await sleep(2_500);
    // SIGTERM while the projector is inside a batch (it is busy under this load; wait for one at most 10 s).
    let batch: string | null = null;
    for (const until = Date.now() + 10_000; !batch && Date.now() < until; ) {
      batch = await batchInFlight(pool);
      if (!batch) await sleep(20);
    }
    termAt = Date.now();
    const inFlight = () => results.length;
    const doneBefore = inFlight();
    const cpAtTerm = await checkpoint(pool);
    const { rows: head } = await pool.query(`select coalesce(max(global_position), 0)::text as p from events`);
    svc.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([svc.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 10_000)))]);
    clearTimeout(timer);
    const stoppedIn = Date.now() - termAt;
    if (exit === 'timeout') await svc.kill();
    await Promise.all(clients);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(stoppedIn).toBeLessThan(10_000);
    expect(doneBefore).toBeGreaterThan(0);

    // Every request the server surely had (sent 100 ms before SIGTERM or earlier) got a real answer.
    const early = results.filter((r) => r.started < termAt - 100);
    const inflight = early.filter((r) => r.ended >= termAt);
    expect(early.filter((r) => r.status !== 201 && r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.data)} sent ${termAt - r.started} ms before SIGTERM, ended ${r.ended - termAt} ms after`)).toEqual([]);
    // Later ones were answered or refused, never a server error.
    expect(results.filter((r) => r.status >= 500).map((r) => `${r.status} ${JSON.stringify(r.data)}`)).toEqual([]);
    // The projector batch in progress at SIGTERM was finished (committed), not cut off (aborted).
    const { rows: fate } = batch ? await pool.query(`select pg_xact_status($1::xid8) as s`, [batch]) : { rows: [{ s: 'none seen' }] };
    const cpAfter = await checkpoint(pool);
    const errors = errorsIn(svc.output());
    console.log(
      `shutdown: ${results.length} requests, ${inflight.length} in flight at SIGTERM, exit after ${stoppedIn} ms; projector batch in flight at SIGTERM: ${fate[0].s}; ` +
        `checkpoint ${cpAtTerm} of ${head[0].p} at SIGTERM, ${cpAfter} after exit; ${errors.length} error line(s)${errors.length ? `:\n${errors.join('\n')}` : ''}`,
    );
    expect(fate[0].s).toBe('committed');
    expect(errors.filter((l) => !KNOWN.test(l))).toEqual([]);

    // Nothing acknowledged is lost.
    const acked = results.filter((r) => r.status === 201 || r.status === 200).map((r) => r.articleId!);
    const { rows } = await pool.query(`select data->>'articleId' as id from events where type = 'ArticleSubmitted'`);
    const stored = new Set(rows.map((r) => r.id));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    expect(await storeProblems(pool)).toEqual([]);
  }, 60_000);

  it('SIGTERM during a projections rebuild: exit 0 within 10 s; after the restart the rebuild completes and equals a clean one', async () => {
    let svc = await startService({ DATABASE_URL: db.url });
    const r = await req(svc.url, 'POST', '/admin/replays', { kind: 'projections' }, admin);
    expect(r.status).toBe(202);
    await sleep(700);
    const { rows } = await pool.query(`select status from replays where id = $1`, [r.data.replayId]);
    const termAt = Date.now();
    svc.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([svc.exited, new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), 10_000)))]);
    clearTimeout(timer);
    const stoppedIn = Date.now() - termAt;
    if (exit === 'timeout') await svc.kill();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(errorsIn(svc.output()).filter((l) => !KNOWN.test(l))).toEqual([]);

    svc = await startService({ DATABASE_URL: db.url });
    try {
      const done = await waitReplay(svc.url, r.data.replayId);
      expect(done.status).toBe('completed');
      const compared = await liveAndRebuilt(svc.url);
      console.log(`shutdown during a rebuild (${rows[0].status} at SIGTERM): exit after ${stoppedIn} ms; resumed and completed; ${compared.entries} entries equal a clean rebuild`);
      expect(compared.entries).toBeGreaterThan(0);
      expect(compared.live).toBe(compared.rebuilt);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${await diagnose(pool)}`);
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  }, 120_000);
});
