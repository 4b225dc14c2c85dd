/**
 * A rebuild's sweep over two threads. Kind groups never link, so they are swept apart: about half of
 * the folded facts on this thread, the rest on a worker thread, each with connections of its own,
 * into the generation's bare tables. Which thread sweeps a group changes nothing of its rows.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { generationTable, recomputeEntries } from './timeline.projection';
import type { SweepJob } from './sweep.worker';

/**
 * The fewest folded facts swept on two threads: a worker loads and compiles its modules first. At
 * 10,000 bench articles (201,438 facts) the two threads take a rebuild from 13.1-14.4 s to 12.6-13.3 s.
 */
export const PARALLEL_SWEEP_FROM = 20_000;

/**
 * The most folded facts swept on two threads: two threads, each holding the open window of their
 * groups, take more memory than one. At 50,000 bench articles (998,406 facts) a rebuild in process
 * peaked at 443-466 MiB with a worker (its heap bounded to 128 or 160 MB or not: the same) and 288 MiB
 * on one thread; the service, at 509 MiB with a worker, against its budget of 500 MB.
 */
export const PARALLEL_SWEEP_UP_TO = 400_000;

export interface SweepOptions {
  /** PARALLEL_SWEEP_FROM by default. */
  parallelFrom?: number;
  /** PARALLEL_SWEEP_UP_TO by default. */
  parallelUpTo?: number;
  /** The worker's heap (its old generation), in MB; V8's default if not given. */
  workerHeapMb?: number;
}

interface Swept {
  facts: number;
  entries: number;
}

/** The groups in two shares of about equal facts: largest first, each to the lighter share (ties by name). */
export function splitGroups(counts: readonly { group: string; n: number }[]): [string[], string[]] {
  const shares: [string[], string[]] = [[], []];
  const load = [0, 0];
  const sorted = [...counts].sort((a, b) => b.n - a.n || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  for (const { group, n } of sorted) {
    const k = load[0] <= load[1] ? 0 : 1;
    shares[k].push(group);
    load[k] += n;
  }
  return shares;
}

/**
 * Sweeps the generation's fold into its bare facts and entries tables (recomputeEntries), on two
 * threads from `parallelFrom` to `parallelUpTo` folded facts, and drops the fold. `workers`: how many
 * worker threads were started.
 */
export async function sweepGeneration(
  pool: Pool,
  generation: number,
  opts: SweepOptions = {},
): Promise<Swept & { workers: number }> {
  const foldTable = generationTable('timeline_fold', generation);
  const { rows: counts } = await pool.query<{ group: string; n: number }>(
    `select kind_group as "group", count(*)::int as n from ${foldTable} group by kind_group`,
  );
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const parallel = counts.length > 1 && total >= (opts.parallelFrom ?? PARALLEL_SWEEP_FROM) && total <= (opts.parallelUpTo ?? PARALLEL_SWEEP_UP_TO);
  const worker = parallel ? startWorker(pool, generation, counts, opts.workerHeapMb) : null;
  const sweepHere = (groups: string[] | null) =>
    withClients(pool, 3, ([read, write, entryWriter]) => recomputeEntries(read, write, generation, entryWriter, groups));
  let here: Swept;
  try {
    here = await sweepHere(worker?.mine ?? null);
  } catch (err) {
    // This half failed: the worker is stopped (its COPYs end with its connections) before the rebuild fails.
    await worker?.stop();
    throw err;
  }
  let there: Swept = { facts: 0, entries: 0 };
  if (worker) {
    // A worker that failed (out of its heap, say) stored nothing: its COPYs ended uncommitted with its
    // connections. Its groups are swept here instead.
    there = await worker.done.catch(async () => {
      await worker.stop();
      return sweepHere(worker.theirs);
    });
  }
  await pool.query(`drop table ${foldTable}`);
  return { facts: here.facts + there.facts, entries: here.entries + there.entries, workers: worker ? 1 : 0 };
}

/** `n` clients of `pool` for `f`, released when it settles. */
export async function withClients<T>(pool: Pool, n: number, f: (clients: PoolClient[]) => Promise<T>): Promise<T> {
  const clients: PoolClient[] = [];
  try {
    for (let i = 0; i < n; i++) clients.push(await pool.connect());
    return await f(clients);
  } finally {
    for (const c of clients) c.release();
  }
}

/**
 * The worker sweeping the second share, or null where it cannot start (a pool configured with
 * functions, which a thread cannot be given): then this thread sweeps everything.
 */
function startWorker(
  pool: Pool,
  generation: number,
  counts: { group: string; n: number }[],
  heapMb: number | undefined,
): { mine: string[]; theirs: string[]; done: Promise<Swept>; stop: () => Promise<void> } | null {
  const [mine, theirs] = splitGroups(counts);
  const job: SweepJob = { connection: connectionOf(pool.options), generation, groups: theirs };
  // Run from the TypeScript sources (the tests, start:dev), the worker compiles its modules as this process does.
  const ts = extname(__filename) === '.ts';
  let worker: Worker;
  try {
    worker = new Worker(join(__dirname, `sweep.worker${extname(__filename)}`), {
      workerData: job,
      execArgv: ts ? ['-r', '@swc-node/register'] : undefined,
      resourceLimits: heapMb ? { maxOldGenerationSizeMb: heapMb } : undefined,
    });
  } catch {
    return null;
  }
  const done = new Promise<Swept>((resolve, reject) => {
    worker.once('message', (m: { ok?: Swept; error?: string }) => (m.ok ? resolve(m.ok) : reject(new Error(`the sweep's worker failed: ${m.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the sweep's worker exited (code ${code}) before it reported`)));
  });
  done.catch(() => undefined); // awaited by sweepGeneration, or dropped by stop
  return { mine, theirs, done, stop: async () => void (await worker.terminate()) };
}

/** The pool's connection settings a worker can be given (functions, such as a Client class, cannot). */
function connectionOf(options: PoolConfig): PoolConfig {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== 'function')) as PoolConfig;
}
