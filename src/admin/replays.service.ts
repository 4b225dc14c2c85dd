import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ANALYSER, Analyser } from '../articles/article-stream';
import { ConflictError, NotFoundError } from '../common/errors';
import { EventStore } from '../event-store/event-store';
import { PG_POOL } from '../event-store/event-store.module';
import { articleIds, reanalyse } from './analysis-replay';

export type ReplayKind = 'analysis' | 'projections';

/** Rebuilds the projections from position zero (provided by the projections module). */
export interface ProjectionRebuilder {
  rebuild(onProgress: (done: number, total: number) => Promise<void> | void): Promise<void>;
}
export const PROJECTION_REBUILDER = Symbol('PROJECTION_REBUILDER');

/** Advisory lock keys: one replay of a kind runs at a time across processes. */
const LOCK: Record<ReplayKind, number> = { analysis: 7_284_104_101, projections: 7_284_104_102 };

const VIEW = `id as "replayId", kind, status, done, total, appended, error, article_ids as "articleIds",
  requested_by as "requestedBy", created_at as "createdAt", started_at as "startedAt", finished_at as "finishedAt"`;

@Injectable()
export class ReplaysService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Replays');
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly store: EventStore,
    @Inject(ANALYSER) private readonly analyser: Analyser,
    @Optional() @Inject(PROJECTION_REBUILDER) private readonly rebuilder?: ProjectionRebuilder,
  ) {}

  /** Queues a replay; 409 with the active one's id while a replay of the kind is queued or running. */
  async request(kind: ReplayKind, ids: string[] | undefined, who: string): Promise<{ replayId: string }> {
    const id = randomUUID();
    try {
      await this.pool.query(
        `insert into replays (id, kind, status, article_ids, requested_by) values ($1, $2, 'queued', $3, $4)`,
        [id, kind, ids ?? null, who],
      );
    } catch (err) {
      if ((err as { constraint?: string }).constraint !== 'replays_one_active') throw err;
      const { rows } = await this.pool.query(`select id from replays where kind = $1 and status in ('queued', 'running')`, [kind]);
      throw new ConflictError(`a ${kind} replay is already active: ${rows[0]?.id ?? 'unknown'}`);
    }
    this.logger.log({ replayId: id, kind, articleIds: ids?.length ?? 'all', by: who }, 'replay requested');
    this.kick();
    return { replayId: id };
  }

  async get(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError(`replay ${id} not found`);
    const { rows } = await this.pool.query(`select ${VIEW} from replays where id = $1`, [id]);
    if (!rows.length) throw new NotFoundError(`replay ${id} not found`);
    const r = rows[0];
    const seconds = r.startedAt ? ((r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime()) / 1000 : 0;
    return { ...r, rate: seconds > 0 ? Math.round((r.done / seconds) * 10) / 10 : 0 };
  }

  onApplicationBootstrap(): void {
    // Replays queued, or left running by a process that died, are picked up here and by the poll.
    this.kick();
    this.timer = setInterval(() => this.kick(), 2_000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  private kick(): void {
    if (this.stopping) return;
    for (const kind of ['analysis', 'projections'] as ReplayKind[]) {
      const p = this.runNext(kind).catch((err) => this.logger.error({ err }, 'replay runner failed'));
      this.running.add(p);
      void p.finally(() => this.running.delete(p));
    }
  }

  /** Takes the kind's lock; whoever holds it runs the active replay (a new one, or one a dead process left). */
  private async runNext(kind: ReplayKind): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      return; // the database is away; the next poll tries again
    }
    try {
      const { rows: got } = await client.query('select pg_try_advisory_lock($1) as ok', [LOCK[kind]]);
      if (!got[0].ok) return;
      try {
        const { rows } = await client.query(`select id, article_ids from replays where kind = $1 and status in ('queued', 'running') limit 1`, [kind]);
        if (rows.length) await this.execute(rows[0].id, kind, rows[0].article_ids);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [LOCK[kind]]);
      }
    } finally {
      client.release();
    }
  }

  private async execute(id: string, kind: ReplayKind, only: string[] | null): Promise<void> {
    await this.pool.query(`update replays set status = 'running', started_at = coalesce(started_at, now()), updated_at = now() where id = $1`, [id]);
    const progress = async (done: number, total: number, appended = 0) => {
      // A shutdown stops a rebuild at its next batch (it resumes on the next start) instead of
      // holding the exit until the whole rebuild is done.
      if (this.stopping) throw new Error('replay interrupted by shutdown');
      await this.pool.query(`update replays set done = $2, total = $3, appended = appended + $4, updated_at = now() where id = $1`, [id, done, total, appended]);
    };
    try {
      if (kind === 'analysis') {
        const ids = await articleIds(this.pool, only);
        await progress(0, ids.length);
        for (let i = 0; i < ids.length && !this.stopping; i++) {
          const n = await reanalyse(this.store, this.pool, this.analyser, ids[i], id);
          if (n > 0 || i % 50 === 49 || i === ids.length - 1) await progress(i + 1, ids.length, n);
        }
      } else {
        if (!this.rebuilder) throw new Error('no projection rebuilder is configured');
        await this.rebuilder.rebuild((done, total) => progress(done, total).then(() => undefined));
      }
      // A shutdown mid-replay leaves it running: the next start resumes it.
      if (this.stopping) return;
      await this.pool.query(`update replays set status = 'completed', finished_at = now(), updated_at = now() where id = $1`, [id]);
      this.logger.log({ replayId: id, kind }, 'replay completed');
    } catch (err) {
      if (this.stopping) return;
      await this.pool.query(`update replays set status = 'failed', error = $2, finished_at = now(), updated_at = now() where id = $1`, [id, (err as Error).message]);
      this.logger.error({ replayId: id, kind, err }, 'replay failed');
    }
  }
}
