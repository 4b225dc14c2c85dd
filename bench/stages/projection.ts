import { Pool } from 'pg';
import { articleAt, bodyOf } from '../corpus';
import { log, metric, Metric, sleep } from '../lib/metrics';
import { cpuSeconds, Service } from '../lib/service';

interface Pair {
  transactionId: string;
  globalPosition: string;
}

const same = (a: Pair | null, b: Pair | null) => !!a && !!b && a.transactionId === b.transactionId && a.globalPosition === b.globalPosition;

async function head(db: Pool): Promise<Pair | null> {
  const { rows } = await db.query(
    `select transaction_id::text as "transactionId", global_position::text as "globalPosition"
     from events order by transaction_id desc, global_position desc limit 1`,
  );
  return rows[0] ?? null;
}

/** The live projectors' checkpoints (DESIGN section 3: the (transaction id, position) pair); a rebuild's own rows (`name#…`) aside. */
async function checkpoints(db: Pool): Promise<(Pair & { name: string })[]> {
  const { rows } = await db.query(
    `select name, transaction_id::text as "transactionId", global_position::text as "globalPosition"
     from projection_checkpoints where name not like '%#%' order by name`,
  );
  return rows;
}

async function factsAfter(db: Pool, after: Pair | null): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from events where data ? 'factId' and (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
    [after?.transactionId ?? '0', after?.globalPosition ?? '0'],
  );
  return rows[0].n;
}

/**
 * Stage 4a: catch-up. The service was stopped after ingestion (which ran with the projector off) and is
 * started again with it on: the rate is the facts between the checkpoint at start and the head, over the
 * time from the service answering /health until every checkpoint reaches the head.
 */
export async function catchUpStage(svc: Service, dbUrl: string, startedAt: number, timeoutMs: number): Promise<Metric[]> {
  const S = '4. projection';
  const db = new Pool({ connectionString: dbUrl, max: 2 });
  db.on('error', () => undefined); // the database is dropped after the stage
  try {
    const target = await head(db);
    const start = (await checkpoints(db)).reduce<Pair | null>((min, c) => (!min || BigInt(c.transactionId) < BigInt(min.transactionId) ? c : min), null);
    const cpu0 = cpuSeconds(svc.pid);
    const t0 = Date.now();
    let cps: (Pair & { name: string })[] = [];
    for (;;) {
      cps = await checkpoints(db);
      if (cps.length && cps.every((c) => same(c, target))) break;
      if (Date.now() - t0 > timeoutMs) {
        // The rate over what it did project: the facts between the start and the slowest checkpoint.
        const slowest = cps.reduce<Pair | null>((min, c) => (!min || BigInt(c.transactionId) < BigInt(min.transactionId) || (c.transactionId === min.transactionId && BigInt(c.globalPosition) < BigInt(min.globalPosition)) ? c : min), null);
        const done = (await factsAfter(db, start)) - (await factsAfter(db, slowest));
        const s = (Date.now() - t0) / 1000;
        log(`catch-up: not at the head after ${s.toFixed(0)} s: ${done} facts projected; ${JSON.stringify(cps)} vs ${JSON.stringify(target)}`);
        return [
          metric(S, 'catch-up', done / s, 'facts/s', { op: '>=', value: 5000 }, `did not reach the head within ${s.toFixed(0)} s: ${done} of ${await factsAfter(db, start)} facts projected (checkpoint ${slowest?.globalPosition ?? 0} of ${target?.globalPosition})`),
          metric(S, 'catch-up service CPU', ((cpuSeconds(svc.pid) - cpu0) / s) * 100, '% of a core'),
          metric(S, 'catch-up service peak RSS', svc.rss.peakMb(), 'MiB'),
        ];
      }
      await sleep(20);
    }
    const seconds = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds(svc.pid) - cpu0;
    const facts = await factsAfter(db, start);
    const sinceSpawn = (Date.now() - startedAt) / 1000;
    log(`catch-up: ${facts} facts in ${seconds.toFixed(2)} s (${sinceSpawn.toFixed(1)} s since the process started)`);
    return [
      metric(S, 'catch-up', facts / seconds, 'facts/s', { op: '>=', value: 5000 }, `${facts} facts in ${seconds.toFixed(2)} s from ready (${(facts / sinceSpawn).toFixed(0)} facts/s counting the service's start)`),
      metric(S, 'catch-up service CPU', (cpu / seconds) * 100, '% of a core'),
      metric(S, 'catch-up service peak RSS', svc.rss.peakMb(), 'MiB'),
    ];
  } finally {
    await db.end();
  }
}

/** Stage 4b: a full rebuild from position 0 through the admin API, timed by the replay's own start and finish. */
export async function rebuildStage(svc: Service, dbUrl: string, token: string, timeoutMs: number): Promise<Metric[]> {
  const S = '4. projection';
  const db = new Pool({ connectionString: dbUrl, max: 1 });
  db.on('error', () => undefined);
  const auth = { authorization: `Bearer ${token}` };
  try {
    const facts = await factsAfter(db, null);
    svc.rss.reset();
    const cpu0 = cpuSeconds(svc.pid);
    const t0 = Date.now();
    const req = await svc.client.json('POST', '/admin/replays', { kind: 'projections' }, auth);
    if (req.status !== 202) return [metric(S, 'rebuild', null, 'facts/s', { op: '>=', value: 20000 }, `POST /admin/replays answered ${req.status}: ${JSON.stringify(req.data).slice(0, 200)}`)];
    const id = req.data.replayId;
    let r: any;
    for (;;) {
      r = (await svc.client.json('GET', `/admin/replays/${id}`, undefined, auth)).data;
      if (r.status === 'completed' || r.status === 'failed') break;
      if (Date.now() - t0 > timeoutMs) {
        // The rate over what it did rebuild: the facts behind the rebuild's own checkpoint.
        const { rows } = await db.query(`select transaction_id::text as "transactionId", global_position::text as "globalPosition" from projection_checkpoints where name like '%#rebuild' limit 1`);
        const done = rows.length ? facts - (await factsAfter(db, rows[0])) : 0;
        const s = (Date.now() - t0) / 1000;
        log(`rebuild: not completed after ${s.toFixed(0)} s: ${done} of ${facts} facts`);
        return [
          metric(S, 'rebuild', done / s, 'facts/s', { op: '>=', value: 20000 }, `not completed within ${s.toFixed(0)} s: ${done} of ${facts} facts rebuilt (${r.done} of ${r.total} events); it goes on in the service during the next stage`),
          metric(S, 'rebuild service CPU', ((cpuSeconds(svc.pid) - cpu0) / s) * 100, '% of a core'),
          metric(S, 'rebuild service peak RSS', svc.rss.peakMb(), 'MiB'),
        ];
      }
      await sleep(25);
    }
    const wall = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds(svc.pid) - cpu0;
    if (r.status === 'failed') return [metric(S, 'rebuild', null, 'facts/s', { op: '>=', value: 20000 }, `replay failed: ${r.error}`)];
    const server = r.startedAt && r.finishedAt ? (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000 : wall;
    const seconds = server > 0 ? server : wall;
    log(`rebuild: ${facts} facts in ${seconds.toFixed(2)} s (wall ${wall.toFixed(2)} s)`);
    return [
      metric(S, 'rebuild', facts / seconds, 'facts/s', { op: '>=', value: 20000 }, `${facts} facts in ${seconds.toFixed(2)} s (replay start to finish; ${wall.toFixed(2)} s request to seen completed)`),
      metric(S, 'rebuild service CPU', (cpu / wall) * 100, '% of a core'),
      metric(S, 'rebuild service peak RSS', svc.rss.peakMb(), 'MiB'),
    ];
  } finally {
    await db.end();
  }
}

/**
 * Stage 4c: the live projector at this size. New articles of the same stories (`count` more of the
 * corpus: articles n, n + 1, …) are posted by `clients` clients with the projector on; the figure is the
 * articles over the time from the first post until the checkpoint reaches the head. Each batch recomputes
 * the components its facts touch, so this is what a size costs a user adding articles one by one.
 */
export async function liveStage(svc: Service, dbUrl: string, seed: number, n: number, count: number, clients: number, timeoutMs: number): Promise<Metric[]> {
  const S = '4. projection';
  const db = new Pool({ connectionString: dbUrl, max: 1 });
  db.on('error', () => undefined);
  try {
    svc.rss.reset();
    const cpu0 = cpuSeconds(svc.pid);
    const t0 = Date.now();
    let next = n;
    let failed = 0;
    const post = async () => {
      while (next < n + count) {
        const res = await svc.client.request('POST', '/articles', bodyOf(articleAt(seed, n, next++)));
        if (res.status !== 201 && res.status !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: clients }, post));
    const posted = (Date.now() - t0) / 1000;
    const target = await head(db);
    for (;;) {
      const cps = await checkpoints(db);
      if (cps.length && cps.every((c) => same(c, target))) break;
      if (Date.now() - t0 > timeoutMs) {
        return [metric(S, 'live: new articles projected', null, 'articles/s', undefined, `the checkpoint did not reach the head within ${((Date.now() - t0) / 1000).toFixed(0)} s`)];
      }
      await sleep(50);
    }
    const seconds = (Date.now() - t0) / 1000;
    log(`live: ${count} articles posted in ${posted.toFixed(1)} s, projected ${seconds.toFixed(1)} s after the first post`);
    return [
      metric(S, 'live: new articles projected', count / seconds, 'articles/s', undefined, `${count} new articles (${failed} failed), posted by ${clients} clients in ${posted.toFixed(1)} s, on the timeline ${seconds.toFixed(1)} s after the first post`),
      metric(S, 'live service CPU', ((cpuSeconds(svc.pid) - cpu0) / seconds) * 100, '% of a core'),
      metric(S, 'live service peak RSS', svc.rss.peakMb(), 'MiB'),
    ];
  } finally {
    await db.end();
  }
}
