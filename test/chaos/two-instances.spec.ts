import { Pool } from 'pg';
import { articleAt, bodyOf } from '../../bench/corpus';
import { PROJECTOR_LOCK } from '../../src/projections/projector';
import { createTestDatabase, TestDatabase } from '../support/database';
import { admin, diagnose, liveAndRebuilt, req, Service, sleep, startService, storeProblems } from './service';

/**
 * Two service processes on one database: both take writes and serve reads, exactly one runs the
 * projector; SIGKILL that one and the other takes over within 10 s, losing nothing and applying
 * nothing twice (the live timeline equals a clean rebuild).
 */

const N = 100_000;
const SEED = 47;

async function projectorStatus(svc: Service): Promise<string> {
  const r = await req(svc.url, 'GET', '/admin/projections', undefined, admin, 5_000);
  return r.status === 200 ? r.data.projections.find((p: { name: string }) => p.name === 'timeline')?.status : `http ${r.status}`;
}

/** Sessions holding the projector's advisory lock (a bigint key: classid = high 32 bits, objid = low). */
async function lockHolders(pool: Pool): Promise<number> {
  const key = BigInt(PROJECTOR_LOCK);
  const { rows } = await pool.query(
    `select count(*)::int as n from pg_locks
     where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())
       and classid = $1 and objid = $2 and objsubid = 1`,
    [Number(key >> 32n), Number(key & 0xffffffffn)],
  );
  return rows[0].n;
}

describe('two service processes on one database', () => {
  let db: TestDatabase;
  let pool: Pool;
  const services: Service[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.kill()));
    await pool.end();
    await db.drop();
  });

  it('share the writes and reads, run one projector, and the survivor takes over within 10 s', async () => {
    const [a, b] = await Promise.all([startService({ DATABASE_URL: db.url }), startService({ DATABASE_URL: db.url })]);
    services.push(a, b);
    let next = 0;
    const acked = new Set<string>();
    const write = async (svc: Service) => {
      const r = await req(svc.url, 'POST', '/articles', bodyOf(articleAt(SEED, N, next++)));
      if (r.status === 201 || r.status === 200) acked.add(r.data.articleId);
      return r.status === 201 || r.status === 200 ? r.status : `${r.status} ${JSON.stringify(r.data).slice(0, 200)}`;
    };

    // Both take writes and serve reads.
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => write(i % 2 ? a : b)));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    for (const svc of [a, b]) {
      expect((await req(svc.url, 'GET', '/articles?limit=100')).data.articles.length).toBe(30);
      expect((await req(svc.url, 'GET', '/timeline')).status).toBe(200);
    }

    // Exactly one projector: one process says active, the other standby, and one session holds the lock.
    let states: string[] = [];
    for (let i = 0; i < 50; i++) {
      states = [await projectorStatus(a), await projectorStatus(b)];
      if (states.includes('active')) break;
      await sleep(200);
    }
    expect([...states].sort()).toEqual(['active', 'standby']);
    expect(await lockHolders(pool)).toBe(1);
    const [active, standby] = states[0] === 'active' ? [a, b] : [b, a];

    // Writes keep coming through both while the active one is killed.
    let stop = false;
    const load = (async () => {
      while (!stop) {
        await Promise.all([write(active), write(standby)]);
      }
    })();
    await sleep(1_000);
    const killedAt = Date.now();
    await active.kill();
    let tookOverIn = -1;
    while (Date.now() - killedAt < 15_000) {
      if ((await projectorStatus(standby)) === 'active') {
        tookOverIn = Date.now() - killedAt;
        break;
      }
      await sleep(100);
    }
    await sleep(1_500);
    stop = true;
    await load;
    console.log(`two instances: the standby took over ${tookOverIn} ms after the SIGKILL; ${acked.size} articles acknowledged`);
    expect(tookOverIn).toBeGreaterThanOrEqual(0);
    expect(tookOverIn).toBeLessThan(10_000);
    expect(await lockHolders(pool)).toBe(1);

    // Nothing lost: every acknowledged article is stored, whole; nothing applied twice: live = clean rebuild.
    expect(await storeProblems(pool)).toEqual([]);
    const { rows } = await pool.query(`select data->>'articleId' as id from events where type = 'ArticleSubmitted'`);
    const stored = new Set(rows.map((r) => r.id));
    expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
    let compared;
    try {
      compared = await liveAndRebuilt(standby.url);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${await diagnose(pool)}`);
    }
    expect(compared.entries).toBeGreaterThan(0);
    expect(compared.live).toBe(compared.rebuilt);

    // The timeline holds every stored article (each contributes facts through the projection).
    const { rows: projected } = await pool.query(`select count(*)::int as n from timeline_articles where generation = (select version from projection_checkpoints where name = 'timeline')`).catch(() => ({ rows: [{ n: -1 }] }));
    if (projected[0].n >= 0) expect(projected[0].n).toBe(stored.size);

    standby.child.kill('SIGTERM');
    expect(await standby.exited).toEqual({ code: 0, signal: null });
  }, 300_000);
});
