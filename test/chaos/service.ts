import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { mulberry32 } from '../../bench/corpus';

/** Helpers for tests that run the service as real processes (chaos and log checks). */

export const ROOT = join(__dirname, '..', '..');
export const ADMIN_TOKEN = 'chaos-admin-token-0123456789abcdef';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Service {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  output(): string;
  exited: Promise<Exit>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<Exit>;
}

/** Spawns `node -r @swc-node/register src/main.ts` with the environment; resolves once /health answers 200. */
export async function startService(env: Record<string, string>, readyMs = 40_000): Promise<Service> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_ON_START: 'false', ADMIN_TOKEN, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let gone: Exit | undefined;
  void exited.then((e) => (gone = e));
  const svc: Service = {
    child,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async kill() {
      if (!gone) child.kill('SIGKILL');
      return exited;
    },
  };
  const until = Date.now() + readyMs;
  for (;;) {
    if (gone) throw new Error(`the service exited (${JSON.stringify(gone)}) before it was ready:\n${out.slice(-2000)}`);
    try {
      const res = await fetch(`${svc.url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return svc;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      await svc.kill();
      throw new Error(`the service was not ready within ${readyMs} ms:\n${out.slice(-2000)}`);
    }
    await sleep(100);
  }
}

export interface Reply {
  status: number;
  data: any;
  headers: Headers;
  ms: number;
}

/** A request that never throws: a refused or reset connection is status 0. */
export async function req(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<Reply> {
  const t0 = Date.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let data: any = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, data, headers: res.headers, ms: Date.now() - t0 };
  } catch (err) {
    const name = (err as Error).name;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = `${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
    return { status: name === 'TimeoutError' ? -1 : 0, data: why, headers: new Headers(), ms: Date.now() - t0 };
  }
}

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/**
 * The store's invariants after any crash: every stream is ArticleSubmitted then complete runs
 * (AnalysisStarted, facts, AnalysisCompleted whose count matches), versions 1..n without gaps,
 * and the streams table agrees with the events. Returns the problems found.
 */
export async function storeProblems(pool: Pool): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await pool.query(
    `select e.stream_id, array_agg(e.type order by e.stream_version) as types,
            array_agg(e.stream_version order by e.stream_version) as versions,
            array_agg(coalesce((e.data->>'count')::int, -1) order by e.stream_version) as counts,
            array_agg(coalesce(e.data->>'runId', '') order by e.stream_version) as runs,
            max(s.version) as head
     from events e left join streams s on s.stream_id = e.stream_id
     where e.stream_id like 'article-%'
     group by e.stream_id`,
  );
  for (const s of rows) {
    const types: string[] = s.types;
    const where = s.stream_id;
    if (s.head === null) problems.push(`${where}: no streams row`);
    else if (Number(s.head) !== types.length) problems.push(`${where}: streams.version ${s.head} but ${types.length} events`);
    s.versions.forEach((v: number, i: number) => v !== i + 1 && problems.push(`${where}: version ${v} at index ${i}`));
    if (types[0] !== 'ArticleSubmitted') problems.push(`${where}: starts with ${types[0]}`);
    let open: { runId: string; facts: number } | null = null;
    for (let i = 1; i < types.length; i++) {
      const type = types[i];
      if (type === 'AnalysisStarted') {
        if (open) problems.push(`${where}: run ${open.runId} not completed before the next`);
        open = { runId: s.runs[i], facts: 0 };
      } else if (type === 'AnalysisCompleted') {
        if (!open) problems.push(`${where}: AnalysisCompleted without a start`);
        else if (s.counts[i] !== open.facts) problems.push(`${where}: run ${open.runId} completed with count ${s.counts[i]} but ${open.facts} facts`);
        else if (s.runs[i] !== open.runId) problems.push(`${where}: run ${open.runId} completed as ${s.runs[i]}`);
        open = null;
      } else if (type === 'ArticleWithdrawn' || type === 'ArticleSubmitted') {
        if (open) problems.push(`${where}: ${type} inside run ${open.runId}`);
      } else if (!open) {
        problems.push(`${where}: fact ${type} outside a run`);
      } else {
        open.facts++;
      }
    }
    if (open) problems.push(`${where}: run ${open.runId} half appended (no AnalysisCompleted)`);
  }
  const { rows: orphans } = await pool.query(
    `select s.stream_id from streams s where not exists (select 1 from events e where e.stream_id = s.stream_id) and s.version > 0`,
  );
  for (const o of orphans) problems.push(`${o.stream_id}: streams row without events`);
  return problems;
}

export interface PrivatePostgres {
  url: string;
  /** Stops the server (fast shutdown) and waits for its process to end. */
  stop(): Promise<void>;
}

/** A private embedded PostgreSQL on `dir`/`port`, in a child process (see pg-server.ts). */
export function startPrivatePostgres(dir: string, port: number, readyMs = 60_000): Promise<PrivatePostgres> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/chaos/pg-server.ts', dir, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`private PostgreSQL not ready within ${readyMs} ms:\n${out}`));
    }, readyMs);
    child.stderr!.on('data', (d) => (out += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1],
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`private PostgreSQL exited (${code}):\n${out}`));
    });
  });
}

/** Every entry of the JSON timeline, page by page. */
export async function fullTimeline(base: string): Promise<{ position: string; entries: any[] }> {
  const entries: any[] = [];
  let cursor: string | null = null;
  let position = '0';
  for (;;) {
    const r = await req(base, 'GET', `/timeline?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (r.status !== 200) throw new Error(`GET /timeline answered ${r.status}: ${JSON.stringify(r.data).slice(0, 300)}`);
    if (!cursor) position = r.data.position;
    entries.push(...r.data.entries);
    cursor = r.data.nextCursor;
    if (!cursor) return { position, entries };
  }
}

/** The store's head position. */
export async function headPosition(pool: Pool): Promise<string> {
  const { rows } = await pool.query(`select coalesce(max(global_position), 0)::text as p from events`);
  return rows[0].p;
}

/** Waits until the live timeline's checkpoint reaches the head (GET /admin/projections lag 0). */
export async function waitCaughtUp(base: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const r = await req(base, 'GET', '/admin/projections', undefined, admin);
    last = r.data;
    const t = r.status === 200 ? r.data.projections.find((p: { name: string }) => p.name === 'timeline') : undefined;
    if (t && t.lag === '0') return;
    if (Date.now() > until) throw new Error(`the timeline did not catch up within ${ms} ms: ${JSON.stringify(last)}`);
    await sleep(200);
  }
}

/** Waits for a replay to end; returns its final state. */
export async function waitReplay(base: string, id: string, ms = 120_000): Promise<any> {
  const until = Date.now() + ms;
  for (;;) {
    const r = await req(base, 'GET', `/admin/replays/${id}`, undefined, admin);
    if (r.status === 200 && (r.data.status === 'completed' || r.data.status === 'failed')) return r.data;
    if (Date.now() > until) throw new Error(`replay ${id} did not finish within ${ms} ms: ${JSON.stringify(r.data)}`);
    await sleep(200);
  }
}

/** Waits until no replay is queued or running (one left by a killed process resumes on restart). */
export async function waitNoActiveReplay(pool: Pool, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const { rows } = await pool.query(`select count(*)::int as n from replays where status in ('queued', 'running')`);
    if (rows[0].n === 0) return;
    if (Date.now() > until) throw new Error(`a replay is still active after ${ms} ms`);
    await sleep(200);
  }
}

/**
 * The live timeline (caught up) against a clean rebuild from position zero through the admin API:
 * returns both, as canonical JSON strings, and the number of entries.
 */
export async function liveAndRebuilt(base: string): Promise<{ live: string; rebuilt: string; entries: number; rebuildMs: number }> {
  await waitCaughtUp(base);
  const live = await fullTimeline(base);
  const t0 = Date.now();
  const r = await req(base, 'POST', '/admin/replays', { kind: 'projections' }, admin);
  if (r.status !== 202) throw new Error(`POST /admin/replays answered ${r.status}: ${JSON.stringify(r.data)}`);
  const done = await waitReplay(base, r.data.replayId);
  if (done.status !== 'completed') throw new Error(`the rebuild failed: ${done.error}`);
  const rebuildMs = Date.now() - t0;
  await waitCaughtUp(base);
  const rebuilt = await fullTimeline(base);
  return { live: JSON.stringify(live.entries), rebuilt: JSON.stringify(rebuilt.entries), entries: live.entries.length, rebuildMs };
}

/** Where two timelines (canonical JSON arrays of entries) differ: ids only in one, and the first changed entries. */
export function timelineDiff(live: string, rebuilt: string): string {
  if (live === rebuilt) return '';
  const index = (json: string) => new Map<string, string>((JSON.parse(json) as { id: string }[]).map((e) => [e.id, JSON.stringify(e)]));
  const a = index(live);
  const b = index(rebuilt);
  const onlyLive = [...a.keys()].filter((id) => !b.has(id));
  const onlyRebuilt = [...b.keys()].filter((id) => !a.has(id));
  const changed = [...a.keys()].filter((id) => b.has(id) && a.get(id) !== b.get(id));
  return [
    `live ${a.size} entries, rebuilt ${b.size}; only live: ${onlyLive.length}, only rebuilt: ${onlyRebuilt.length}, changed: ${changed.length}${!onlyLive.length && !onlyRebuilt.length && !changed.length ? ' (same entries, other order)' : ''}`,
    ...onlyLive.slice(0, 2).map((id) => `only live: ${a.get(id)!.slice(0, 400)}`),
    ...onlyRebuilt.slice(0, 2).map((id) => `only rebuilt: ${b.get(id)!.slice(0, 400)}`),
    ...changed.slice(0, 2).map((id) => `changed ${id}:\n  live    ${a.get(id)!.slice(0, 400)}\n  rebuilt ${b.get(id)!.slice(0, 400)}`),
  ].join('\n');
}

/** A seeded generator in [0, 1) (mulberry32): "random" points that a failing run can reproduce from its seed. */
export const seeded = mulberry32;

/** CHAOS_SEED from the environment, or a fresh one; the tests print it. */
export function chaosSeed(): number {
  return process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : Math.floor(Math.random() * 1e9);
}

/** Every article whose GET /articles/:id shows other facts than its stream's latest completed run. */
export async function halfVisibleRuns(base: string, pool: Pool, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const r = await req(base, 'GET', `/articles/${encodeURIComponent(id)}`);
    if (r.status !== 200) {
      out.push(`${id}: GET answered ${r.status}`);
      continue;
    }
    const { rows } = await pool.query(
      `select (data->>'count')::int as n, data->>'runId' as run from events
       where stream_id = $1 and type = 'AnalysisCompleted' order by stream_version desc limit 1`,
      [`article-${id}`],
    );
    const want = rows[0];
    if (!want) out.push(`${id}: no completed run`);
    else if (r.data.facts.length !== want.n || r.data.latestRun?.runId !== want.run) {
      out.push(`${id}: shows ${r.data.facts.length} facts of ${r.data.latestRun?.runId}, the stream's latest run ${want.run} has ${want.n}`);
    }
  }
  return out;
}

/** What holds a projection back: old transactions anywhere on the server (the snapshot horizon is server-wide) and lock waits. */
export async function diagnose(pool: Pool): Promise<string> {
  const { rows: old } = await pool.query(
    `select pid, datname, application_name as app, state, backend_xid::text as xid, backend_xmin::text as xmin,
            round(extract(epoch from now() - xact_start))::int as xact_s, wait_event_type as wait, left(query, 120) as query
     from pg_stat_activity where xact_start < now() - interval '3 seconds' order by xact_start limit 10`,
  );
  const { rows: snap } = await pool.query(`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, pg_current_xact_id()::text as now`);
  const { rows: waits } = await pool.query(
    `select a.pid, a.wait_event_type, a.wait_event, left(a.query, 120) as query, pg_blocking_pids(a.pid) as blocked_by
     from pg_stat_activity a where a.datname = current_database() and a.wait_event_type = 'Lock'`,
  );
  return JSON.stringify({ snapshot: snap[0], oldTransactions: old, lockWaits: waits }, null, 1);
}
