/**
 * The projector runner: reads the store in commit-safe order from its checkpoint and applies each
 * batch and its checkpoint in ONE transaction, so a crash never applies a batch twice or skips one.
 *
 * Exactly one projector is active across processes: it holds a session-level advisory lock on a
 * dedicated connection (not a pooled one, so the lock lives exactly as long as that session). The
 * others retry every second and take over within seconds when the holder's session dies. The holder
 * LISTENs for appends on the same connection and also polls, in case a notification is lost.
 */
import { Client, Pool, PoolClient } from 'pg';
import { EVENTS_CHANNEL } from '../articles/notify';
import { Checkpoint, EventStore, StoredEvent } from '../event-store/event-store';
import { applyTimeline, ApplyStats, foldStore, TIMELINE, TIMELINE_CODE_VERSION } from './timeline.projection';
import { sweepGeneration, SweepOptions } from './parallel-sweep';

/** Advisory lock key of the timeline projector (distinct from the replay locks). */
export const PROJECTOR_LOCK = 7_284_104_200;
const REBUILD_SUFFIX = '#rebuild';
/** Unread events beyond which (and beyond half the store) the projector catches up by a rebuild. */
const CATCH_UP_REBUILD_EVENTS = 5000;

export type ProjectorStatus = 'stopped' | 'standby' | 'active' | 'failed';

export interface ProjectorLogger {
  log(msg: string | object, ...rest: unknown[]): void;
  warn(msg: string | object, ...rest: unknown[]): void;
  error(msg: string | object, ...rest: unknown[]): void;
}

export interface ProjectorOptions {
  pool: Pool;
  store: EventStore;
  logger?: ProjectorLogger;
  batchSize?: number;
  pollMs?: number;
  lockRetryMs?: number;
}

interface CheckpointRow extends Checkpoint {
  generation: number;
}

export interface BatchResult extends ApplyStats {
  checkpoint: Checkpoint;
  ms: number;
}

async function lockCheckpoint(db: PoolClient, name: string, defaultGeneration = 1): Promise<CheckpointRow> {
  await db.query(`insert into projection_checkpoints (name, version) values ($1, $2) on conflict (name) do nothing`, [name, defaultGeneration]);
  const { rows } = await db.query(
    `select transaction_id::text as "transactionId", global_position::text as "globalPosition", version as generation
     from projection_checkpoints where name = $1 for update`,
    [name],
  );
  return rows[0];
}

async function saveCheckpoint(db: PoolClient, name: string, cp: Checkpoint): Promise<void> {
  await db.query(
    `update projection_checkpoints set transaction_id = $2::xid8, global_position = $3, updated_at = now() where name = $1`,
    [name, cp.transactionId, cp.globalPosition],
  );
}

/**
 * Apply one batch to the generation named by the checkpoint row `name`: read, apply, checkpoint, in
 * one transaction. The row is locked for the transaction, so a second runner (a rebuild switching
 * generations, or a projector that lost its lock without noticing) waits instead of interleaving.
 */
export async function runBatch(pool: Pool, store: EventStore, name: string, batchSize: number, foldOnly = false): Promise<BatchResult | null> {
  const t0 = Date.now();
  const db = await pool.connect();
  try {
    await db.query('begin');
    const cp = await lockCheckpoint(db, name);
    const { events, checkpoint } = await store.readAll(cp, batchSize, db);
    if (!events.length) {
      await db.query('commit');
      return null;
    }
    const stats = await applyTimeline(db, store, cp.generation, events, { foldOnly });
    await saveCheckpoint(db, name, checkpoint);
    await db.query('commit');
    return { ...stats, checkpoint, ms: Date.now() - t0 };
  } catch (err) {
    await db.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

/** The one apply function of the timeline projection: the live projector and a rebuild both use it. */
export function apply(db: PoolClient, store: EventStore, generation: number, events: StoredEvent[]): Promise<ApplyStats> {
  return applyTimeline(db, store, generation, events);
}

/**
 * SQL for the store position a checkpoint row `c` has reached: every committed event at or below it
 * is applied. Not the checkpoint's own global_position: reading in (transaction id, position) order,
 * the last event read can sit below events read before it (an older transaction that took later
 * sequence values), and a late commit can leave an unread event below it. So: just below the lowest
 * committed unread event, or the head when none is unread.
 *
 * The lowest is taken over the oldest 10,000 unread events in commit order (the commit-order index),
 * so a read costs little even when a projection is far behind. Beyond them sit only transactions that
 * got their ids later; one of them holding a lower position than all 10,000 would have to have waited
 * between taking its id and its sequence value, which one append statement does not do.
 */
export const REACHED_SQL = `coalesce(
  (select min(u.p) - 1 from (
     select e.global_position as p from events e
     where (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
     order by e.transaction_id, e.global_position limit 10000) u),
  (select max(global_position) from events),
  0)`;

export interface LiveState {
  generation: number;
  /** The store position reached (see REACHED_SQL): `?minPosition=` and read-your-writes compare to it. */
  position: string;
  /** The checkpoint pair itself. */
  transactionId: string;
  globalPosition: string;
  updatedAt: Date | null;
}

/** Where the live timeline is: its generation, checkpoint and the position it has reached. */
export async function liveState(db: Pool | PoolClient): Promise<LiveState> {
  const { rows } = await db.query(
    `select c.version as generation, (${REACHED_SQL})::text as position, c.transaction_id::text as "transactionId",
            c.global_position::text as "globalPosition", c.updated_at as "updatedAt"
     from projection_checkpoints c where c.name = $1`,
    [TIMELINE],
  );
  return rows[0] ?? { generation: 1, position: '0', transactionId: '0', globalPosition: '0', updatedAt: null };
}

/** Committed events the live timeline has not read yet. */
export async function unreadEvents(db: Pool | PoolClient): Promise<number> {
  const { rows } = await db.query(
    `select case when exists (select 1 from projection_checkpoints where name = $1)
       then (select count(*) from projection_checkpoints c
             join events e on (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
             where c.name = $1)
       else (select count(*) from events) end::int as n`,
    [TIMELINE],
  );
  return rows[0].n;
}

/**
 * Rebuilds the timeline into a new generation from position zero beside the live one, in tables of its
 * own (migration 1732000008000), then switches the pointer in one transaction (holding the live
 * checkpoint row, so the live projector pauses) and detaches the old generation's tables. Readers see
 * the old timeline until the switch, the new one after. `dropped` resolves once the detached tables are
 * dropped, after the rebuild has returned: to null, or to the error that left them to the next rebuild.
 */
export async function rebuildTimeline(
  pool: Pool,
  store: EventStore,
  opts: {
    batchSize?: number;
    onProgress?: (done: number, total: number) => Promise<void> | void;
    shouldStop?: () => boolean;
    /** How the sweep shares its work between threads (sweepGeneration). */
    sweep?: SweepOptions;
  } = {},
): Promise<{ generation: number; events: number; ms: Record<string, number>; sweepWorkers: number; dropped: Promise<Error | null> }> {
  const batchSize = opts.batchSize ?? 5000;
  const ms: Record<string, number> = {};
  let t = Date.now();
  const lap = (phase: string) => {
    const now = Date.now();
    ms[phase] = now - t;
    t = now;
  };
  const name = TIMELINE + REBUILD_SUFFIX;
  const { rows } = await pool.query(
    `select greatest(
       (select coalesce(max(version), 1) from projection_checkpoints where name = $1),
       (select coalesce(max(g), 0) from timeline_generations() g)) + 1 as g`,
    [TIMELINE],
  );
  const generation: number = rows[0].g;
  await clearGeneration(pool, generation);
  await pool.query(
    `insert into projection_checkpoints (name, version) values ($1, $2)
     on conflict (name) do update set version = $2, transaction_id = '0', global_position = 0, updated_at = now()`,
    [name, generation],
  );
  // The events to read, for the progress: counted on a connection of its own while this one folds
  // (0.1-0.3 s at 10,000 articles, on the core the fold leaves free).
  let total = 0;
  let done = 0;
  const counted = pool.query<{ n: number }>(`select count(*)::int as n from events`).then(async ({ rows }) => {
    total = rows[0].n;
    await opts.onProgress?.(0, total);
  });
  counted.catch(() => undefined); // awaited below; if the fold fails first, its error is the one reported
  // From zero, fold every article's latest run first and compute the entries once at the end: batch
  // by batch, each would recompute the growing neighbourhoods of the ones before. What the store holds
  // now is folded inside the database; what arrives meanwhile, by the same apply as the live projector.
  const head = await store.safeHead();
  if (head) {
    const db = await pool.connect();
    let also: PoolClient | undefined;
    try {
      also = await pool.connect();
      await foldStore(db, generation, head, { shouldStop: opts.shouldStop, also });
      await saveCheckpoint(db, name, head);
      await counted;
      done = total; // the store as counted above, give or take what arrived since: the batches below read that
      await opts.onProgress?.(done, total);
    } finally {
      db.release();
      also?.release();
    }
  } else await counted;
  // The fold stays a bare table (no index), read once by the sweep's sorted cursors and then dropped.
  for (;;) {
    if (opts.shouldStop?.()) throw new Error('rebuild stopped by shutdown');
    const r = await runBatch(pool, store, name, batchSize, true);
    if (!r) break;
    done += r.events;
    await opts.onProgress?.(Math.min(done, total), Math.max(total, done));
  }
  lap('fold');
  const { workers: sweepWorkers } = await sweepGeneration(pool, generation, opts.sweep);
  lap('entries');
  // The facts and entries were written into bare tables: attaching them builds their indexes, each
  // in one pass, the two tables at once.
  await Promise.all([
    pool.query(`select timeline_attach_generation($1, 'timeline_facts')`, [generation]),
    pool.query(`select timeline_attach_generation($1, 'timeline_entries')`, [generation]),
  ]);
  lap('attach');
  // What arrived since the fold is applied incrementally, like the live projector does.
  for (;;) {
    if (opts.shouldStop?.()) throw new Error('rebuild stopped by shutdown');
    const r = await runBatch(pool, store, name, batchSize);
    if (!r) break;
    done += r.events;
  }
  // The switch: under the live row's lock, catch up what arrived meanwhile, then move the pointer.
  const db = await pool.connect();
  try {
    await db.query('begin');
    await lockCheckpoint(db, TIMELINE);
    const cp = await lockCheckpoint(db, name);
    let at: Checkpoint = cp;
    for (;;) {
      const { events, checkpoint } = await store.readAll(at, batchSize, db);
      if (!events.length) break;
      await apply(db, store, generation, events);
      done += events.length;
      at = checkpoint;
    }
    await db.query(
      `update projection_checkpoints set version = $2, transaction_id = $3::xid8, global_position = $4, code_version = $5, updated_at = now()
       where name = $1`,
      [TIMELINE, generation, at.transactionId, at.globalPosition, TIMELINE_CODE_VERSION],
    );
    await db.query(`delete from projection_checkpoints where name = $1`, [name]);
    await db.query('commit');
  } catch (err) {
    await db.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
  lap('catchUpAndSwitch');
  // Everything but the live generation leaves the parents (the old one, and leftovers of an interrupted
  // rebuild), to be dropped once the rebuild is done: unlinking their files takes the machine's disk, not its CPU.
  const detached = await detachGenerations(pool, generation);
  lap('detachOld');
  // Statistics of the new tables: until autovacuum comes by (never, where it is off), the planner
  // takes a fresh table for a few rows and, given the choice, reads all of it once per token. Through
  // the parents, which autovacuum never analyzes: a join's estimate uses the parent's statistics even
  // when one partition is left, and without them a batch's fetch of 800 facts by id merge-joined all
  // 200,000 of the generation (2 s, at N = 10,000). The three at once, each on a connection of its own
  // (1.5 s one after the other at N = 10,000, about the entries' 0.9 s at once). Sampled at
  // REBUILD_STATISTICS_TARGET: an analyze's cost is its sample, read once for a parent and once again
  // for its partition. One query string runs as one implicit transaction, so `set local` ends with it.
  // Only the columns some query filters, joins or orders on (ANALYZED_COLUMNS).
  await Promise.all(
    Object.entries(ANALYZED_COLUMNS).map(([t, columns]) =>
      pool.query(`set local default_statistics_target = ${REBUILD_STATISTICS_TARGET}; analyze ${t} (${columns.join(', ')})`),
    ),
  );
  lap('analyze');
  await opts.onProgress?.(Math.max(done, total), Math.max(done, total));
  const dropped = dropGenerations(pool, detached).then(
    () => null,
    (err: Error) => err,
  );
  return { generation, events: done, ms, sweepWorkers, dropped };
}

/**
 * The columns a rebuild analyzes: those the timeline's queries filter, join or order on. The rest
 * (an entry's body and fact ids, a fact's words, places, run and position) are only read back, and
 * their statistics cost the most to gather (the bodies are detoasted, the arrays counted element by
 * element): at 1,000 articles the entries' analyze took 109 ms with them and 65 ms without, the facts'
 * 70 and 51 ms. A query that comes to filter on another column should add it here.
 */
export const ANALYZED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  timeline_entries: ['generation', 'id', 'sort_day', 'from_day', 'to_day', 'kind', 'status', 'source_count', 'participant_keys', 'place_keys', 'search'],
  timeline_facts: ['generation', 'fact_id', 'article_id', 'kind_group', 'lo', 'hi', 'keys', 'component', 'entry_id', 'words'],
  timeline_articles: ['generation', 'article_id', 'latest_run', 'withdrawn'],
};

/**
 * The statistics target of a rebuild's analyze (PostgreSQL's default is 100): samples of 9,000 rows,
 * not 30,000. The timeline's plans turn on the order index, the GIN indexes and dates, which a sample
 * of 9,000 describes as well; at N = 10,000 the entries' analyze took 2.0 s at 100 and 0.55 s at 30.
 */
const REBUILD_STATISTICS_TARGET = 30;

/** Fresh tables for `generation` (timeline_create_generation), dropping any an interrupted rebuild left. */
async function clearGeneration(pool: Pool, generation: number): Promise<void> {
  await pool.query(`select timeline_drop_generation($1)`, [generation]);
  await pool.query(`select timeline_create_generation($1)`, [generation]);
}

/**
 * Detaches the tables of every generation but `live` (migration 1732000013000) and returns those
 * generations. Detaching a partition locks its parent, so each waits at most a few seconds for the
 * statements still holding the old generation (a reader's, the live projector's) and otherwise leaves it
 * to the next rebuild, rather than queueing every reader behind it.
 */
async function detachGenerations(pool: Pool, live: number): Promise<number[]> {
  const { rows } = await pool.query<{ g: number }>(`select g from timeline_generations() g where g <> $1 order by g`, [live]);
  const detached: number[] = [];
  for (const { g } of rows) {
    const db = await pool.connect();
    try {
      await db.query('begin');
      await db.query(`set local lock_timeout = '3s'`);
      await db.query(`select timeline_detach_generation($1)`, [g]);
      await db.query('commit');
      detached.push(g);
    } catch (err) {
      await db.query('rollback').catch(() => undefined);
      if ((err as { code?: string }).code !== '55P03') throw err; // lock_not_available
    } finally {
      db.release();
    }
  }
  return detached;
}

/** Drops the (detached) tables of `generations`: they lock no parent, so nothing waits on their files' unlinking. */
async function dropGenerations(pool: Pool, generations: number[]): Promise<void> {
  for (const g of generations) await pool.query(`select timeline_drop_generation($1)`, [g]);
}

/** The long-running projector of one process: standby until it holds the lock, then active. */
export class Projector {
  status: ProjectorStatus = 'stopped';
  lastError: string | null = null;
  lastBatch: BatchResult | null = null;
  private stopping = false;
  private loop?: Promise<void>;
  private lockClient?: Client;
  private wake?: () => void;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly lockRetryMs: number;

  constructor(private readonly opts: ProjectorOptions) {
    this.batchSize = opts.batchSize ?? 2000;
    this.pollMs = opts.pollMs ?? 250;
    this.lockRetryMs = opts.lockRetryMs ?? 1000;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.status = 'standby';
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.status = 'stopped';
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const client = await this.acquire();
        if (!client) continue;
        this.status = 'active';
        await this.project(client);
      } catch (err) {
        this.lastError = (err as Error).message;
        this.status = 'failed';
        if (!this.stopping) this.opts.logger?.error({ err }, 'timeline projector failed; retrying');
      } finally {
        await this.release();
        if (!this.stopping) this.status = 'standby';
      }
      if (!this.stopping) await this.pause(this.lockRetryMs);
    }
  }

  /** A dedicated session that holds the lock, or null (another process holds it). */
  private async acquire(): Promise<Client | null> {
    const client = new Client(this.opts.pool.options);
    client.on('error', (err) => {
      // The session died: the lock is gone with it; the loop notices on its next query.
      this.lastError = err.message;
      this.wake?.();
    });
    await client.connect();
    this.lockClient = client;
    const { rows } = await client.query('select pg_try_advisory_lock($1) as ok', [PROJECTOR_LOCK]);
    if (!rows[0].ok) return null;
    client.on('notification', () => this.wake?.());
    await client.query(`listen ${EVENTS_CHANNEL}`);
    return client;
  }

  private async release(): Promise<void> {
    const c = this.lockClient;
    this.lockClient = undefined;
    if (!c) return;
    // Ending the session releases the lock; an explicit unlock first spares a dead-session wait.
    await c.query('select pg_advisory_unlock_all()').catch(() => undefined);
    await c.end().catch(() => undefined);
  }

  /**
   * A live timeline built by another version of the projection's code is rebuilt (blue/green, readers
   * keep the old one until the switch) before this process projects on top of it.
   */
  private async ensureCodeVersion(): Promise<void> {
    const { pool, store } = this.opts;
    await pool.query(`insert into projection_checkpoints (name, version) values ($1, 1) on conflict (name) do nothing`, [TIMELINE]);
    const { rows } = await pool.query(`select code_version as "codeVersion", global_position::text as position from projection_checkpoints where name = $1`, [TIMELINE]);
    const { codeVersion, position } = rows[0];
    if (codeVersion === TIMELINE_CODE_VERSION) return;
    if (codeVersion !== null || position !== '0') {
      this.opts.logger?.log({ from: codeVersion, to: TIMELINE_CODE_VERSION }, 'timeline projection code changed: rebuilding');
      await this.dropped(await rebuildTimeline(pool, store, { shouldStop: () => this.stopping }));
    }
    await pool.query(`update projection_checkpoints set code_version = $2 where name = $1`, [TIMELINE, TIMELINE_CODE_VERSION]);
  }

  /** Waits for the drop of the generation a rebuild of this projector replaced (the loop goes on after it). */
  private async dropped(r: { dropped: Promise<Error | null> }): Promise<void> {
    const err = await r.dropped;
    if (err) this.opts.logger?.warn({ err: err.message }, 'the replaced timeline generation was not dropped: the next rebuild drops it');
  }

  /**
   * Far behind (most of the store unread, e.g. a bulk load with the projector off), folding it all and
   * sweeping once (a rebuild, blue/green) is much cheaper than recomputing neighbourhoods batch by batch.
   */
  private async farBehind(): Promise<boolean> {
    const { pool, store } = this.opts;
    const head = BigInt(await store.headPosition());
    const unread = BigInt(await unreadEvents(pool));
    return unread > BigInt(CATCH_UP_REBUILD_EVENTS) && unread * 2n > head;
  }

  private async project(lock: Client): Promise<void> {
    await this.ensureCodeVersion();
    let check = true;
    while (!this.stopping) {
      if (check && (await this.farBehind())) {
        this.opts.logger?.log('timeline projection far behind the store: catching up by a rebuild');
        const r = await rebuildTimeline(this.opts.pool, this.opts.store, { shouldStop: () => this.stopping });
        this.opts.logger?.log({ generation: r.generation, events: r.events, ms: r.ms }, 'timeline caught up by a rebuild');
        await this.dropped(r);
      }
      const r = await runBatch(this.opts.pool, this.opts.store, TIMELINE, this.batchSize);
      check = !!r && r.events >= this.batchSize;
      if (r) {
        this.lastBatch = r;
        this.lastError = null;
        continue;
      }
      // Caught up: check the lock session is still alive, then wait for a notification or the poll.
      await lock.query('select 1');
      await this.pause(this.pollMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}
