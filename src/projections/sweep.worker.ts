/**
 * A worker thread's share of a rebuild's sweep (parallel-sweep.ts): the kind groups it is given, swept
 * on connections of its own as the main thread sweeps the others (`recomputeEntries`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool, PoolConfig } from 'pg';
import { withClients } from './parallel-sweep';
import { recomputeEntries } from './timeline.projection';

export interface SweepJob {
  connection: PoolConfig;
  generation: number;
  groups: string[];
}

async function run(job: SweepJob): Promise<{ facts: number; entries: number }> {
  const pool = new Pool({ ...job.connection, max: 3 });
  try {
    return await withClients(pool, 3, ([read, write, entryWriter]) => recomputeEntries(read, write, job.generation, entryWriter, job.groups));
  } finally {
    // Its rows are stored by now: a failure to close must not read as the sweep's (its groups would be swept again).
    await pool.end().catch(() => undefined);
  }
}

run(workerData as SweepJob).then(
  (r) => parentPort!.postMessage({ ok: r }),
  (err: Error) => parentPort!.postMessage({ error: err.message }),
);
