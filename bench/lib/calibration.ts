import { createHash } from 'node:crypto';
import { Pool } from 'pg';

/**
 * The machine's speed now: a fixed amount of work, timed, on the bench's process and on the database
 * server. The same code measured hours apart on this kind of shared machine differs by up to two times
 * (README, Benchmark); these figures, taken before and after each size, say how fast the machine was
 * while a row of the table was measured, whatever code it measured. The work never changes with the
 * code: a different workload here would make old and new results incomparable.
 */
export interface Calibration {
  /** Milliseconds for the fixed JavaScript work (objects, JSON, string sorting and hashing). Median of three. */
  jsMs: number;
  /** Milliseconds for the fixed SQL work (hashing and sorting 100,000 strings in one query). Median of three. */
  sqlMs: number;
}

export async function calibrate(dbUrl: string): Promise<Calibration> {
  const pool = new Pool({ connectionString: dbUrl, max: 1 });
  try {
    const js: number[] = [];
    const sql: number[] = [];
    jsWork(); // compiled before it is timed
    for (let i = 0; i < 3; i++) {
      js.push(timed(jsWork));
      const t = performance.now();
      await pool.query(`select count(distinct m) from (select md5(i::text) as m from generate_series(1, 100000) i order by m) s`);
      sql.push(performance.now() - t);
    }
    return { jsMs: Math.round(median(js)), sqlMs: Math.round(median(sql)) };
  } finally {
    await pool.end();
  }
}

function timed(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** 40,000 small records built, serialised, parsed back, sorted by a string key and hashed. */
function jsWork(): string {
  const rows = [];
  for (let i = 0; i < 40_000; i++) rows.push({ id: `r-${(i * 2654435761) % 1_000_003}`, day: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, n: i, words: ['alpha', 'beta', String(i % 97)] });
  const back = JSON.parse(JSON.stringify(rows)) as typeof rows;
  back.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const h = createHash('sha256');
  for (const r of back) h.update(r.id + r.day + r.words.join(','));
  return h.digest('hex');
}
