import { Pool } from 'pg';
import { articleAt, bodyOf } from '../../bench/corpus';
import { createTestDatabase, TestDatabase } from '../support/database';
import {
  admin,
  chaosSeed,
  diagnose,
  halfVisibleRuns,
  liveAndRebuilt,
  req,
  seeded,
  Service,
  sleep,
  startService,
  storeProblems,
  timelineDiff,
  waitNoActiveReplay,
  waitReplay,
} from './service';

/**
 * SIGKILL at random points (issue 5: 10 trials during ingestion, 10 during projection; issue 4: the
 * projection trials kill a child running a projections rebuild, POST /admin/replays). After every
 * restart: the store holds whole appends only, every acknowledged article is there, no article shows
 * half a run, an interrupted rebuild completes by itself, and the live timeline equals a clean rebuild.
 * The kill points come from CHAOS_SEED (printed; set it to replay a run).
 */

const N = 100_000;
const ARTICLE_SEED = 31;
const SEED = chaosSeed();
const rand = seeded(SEED);
const between = (min: number, max: number) => Math.round(min + rand() * (max - min));

describe(`SIGKILL during ingestion and projection (CHAOS_SEED=${SEED})`, () => {
  let db: TestDatabase;
  let pool: Pool;
  let svc: Service | undefined;
  let next = 0;
  const acked = new Set<string>();
  /** How long the last clean rebuild took: the projection trials kill at a random fraction of it. */
  let rebuildMs = 3_000;

  beforeAll(async () => {
    console.log(`kill: CHAOS_SEED=${SEED}`);
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await svc?.kill();
    await pool.end();
    await db.drop();
  });

  function writers(count: number, until: () => boolean, pauseMs = 0): Promise<void> {
    const one = async () => {
      while (!until()) {
        const i = next++;
        const r = await req(svc!.url, 'POST', '/articles', bodyOf(articleAt(ARTICLE_SEED, N, i)), {}, 10_000);
        if ((r.status === 201 || r.status === 200) && r.data?.articleId) acked.add(r.data.articleId);
        if (r.status <= 0) return; // the process is gone
        if (pauseMs) await sleep(pauseMs);
      }
    };
    return Promise.all(Array.from({ length: count }, one)).then(() => undefined);
  }

  /** Everything a restart must show; returns the number of timeline entries compared. */
  async function checkAfterRestart(trial: string): Promise<number> {
    expect({ trial, problems: await storeProblems(pool) }).toEqual({ trial, problems: [] });
    const { rows } = await pool.query(`select data->>'articleId' as id from events where type = 'ArticleSubmitted' order by global_position`);
    const stored = new Set(rows.map((r) => r.id));
    expect({ trial, lost: [...acked].filter((id) => !stored.has(id)) }).toEqual({ trial, lost: [] });
    // The latest articles through the API: the facts shown are exactly the latest completed run.
    const sample = rows.slice(-15).map((r) => r.id);
    expect({ trial, half: await halfVisibleRuns(svc!.url, pool, sample) }).toEqual({ trial, half: [] });
    let compared: Awaited<ReturnType<typeof liveAndRebuilt>>;
    try {
      await waitNoActiveReplay(pool);
      compared = await liveAndRebuilt(svc!.url);
    } catch (err) {
      throw new Error(`${trial}: ${(err as Error).message}\n${await diagnose(pool)}`);
    }
    rebuildMs = compared.rebuildMs;
    expect(compared.entries).toBeGreaterThan(0);
    // The live timeline equals a clean rebuild (on a difference, say where instead of two long strings).
    expect({ trial, diff: timelineDiff(compared.live, compared.rebuilt) }).toEqual({ trial, diff: '' });
    return compared.entries;
  }

  it('survives 10 kills during ingestion (writers running, projector live)', async () => {
    const t0 = Date.now();
    const lines: string[] = [];
    svc = await startService({ DATABASE_URL: db.url });
    for (let trial = 1; trial <= 10; trial++) {
      const before = acked.size;
      let killed = false;
      const load = writers(6, () => killed);
      const killAt = between(300, 2_500);
      await sleep(killAt);
      await svc.kill();
      killed = true;
      await load;
      svc = await startService({ DATABASE_URL: db.url });
      const entries = await checkAfterRestart(`ingestion trial ${trial} (kill at ${killAt} ms)`);
      lines.push(`#${trial} kill at ${killAt} ms, +${acked.size - before} acked, ${entries} entries`);
    }
    console.log(`kill/ingestion: 10 trials survived, ${acked.size} articles acknowledged (${next} sent), none lost; ${Date.now() - t0} ms\n  ${lines.join('\n  ')}`);
  }, 600_000);

  it('survives 10 kills during projection: an interrupted rebuild completes after the restart, and the timeline equals a clean rebuild', async () => {
    const t0 = Date.now();
    const lines: string[] = [];
    let midRebuild = 0;
    if (!svc) svc = await startService({ DATABASE_URL: db.url });
    for (let trial = 1; trial <= 10; trial++) {
      // A trickle of articles meanwhile, so the live projector has work too when the kill lands (a
      // trickle: every article makes each later rebuild, and so the suite, longer).
      let stop = false;
      const load = writers(1, () => stop, 250);
      await sleep(200);
      const r = await req(svc.url, 'POST', '/admin/replays', { kind: 'projections' }, admin);
      expect(r.status).toBe(202);
      const replayId: string = r.data.replayId;
      // Anywhere from the start of the rebuild to just past its switch.
      const killAt = between(Math.round(rebuildMs * 0.05), Math.round(rebuildMs * 1.2));
      await sleep(killAt);
      await svc.kill();
      stop = true;
      await load;
      const { rows } = await pool.query(`select status, done, total from replays where id = $1`, [replayId]);
      const at = rows[0];
      if (at.status !== 'completed') midRebuild++;
      svc = await startService({ DATABASE_URL: db.url });
      // Issue 4: the replay the kill interrupted resumes by itself and completes.
      const resumed = await waitReplay(svc.url, replayId);
      expect({ trial, replay: resumed.status, error: resumed.error }).toEqual({ trial, replay: 'completed', error: null });
      const entries = await checkAfterRestart(`projection trial ${trial} (kill at ${killAt} ms, replay ${at.status} ${at.done}/${at.total})`);
      lines.push(`#${trial} kill at ${killAt} ms of ~${rebuildMs}: replay was ${at.status} ${at.done}/${at.total}, completed after restart; ${entries} entries`);
    }
    console.log(`kill/projection: 10 trials survived, ${midRebuild} killed mid-rebuild, ${acked.size} articles acknowledged, none lost; ${Date.now() - t0} ms\n  ${lines.join('\n  ')}`);
    // At least the 5 trials issue 4 asks for land inside a running rebuild.
    expect(midRebuild).toBeGreaterThanOrEqual(5);
  }, 900_000);
});
