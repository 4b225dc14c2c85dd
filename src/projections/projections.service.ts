import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionRebuilder } from '../admin/replays.service';
import { Config, CONFIG } from '../config/config';
import { EventStore } from '../event-store/event-store';
import { PG_POOL } from '../event-store/event-store.module';
import { liveState, Projector, rebuildTimeline, unreadEvents } from './projector';

export interface ProjectionStatus {
  name: string;
  generation: number;
  /** The store position reached: every committed event at or below it is applied. */
  position: string;
  /** The checkpoint: the (transaction id, global position) pair of the last event read. */
  transactionId: string;
  checkpointPosition: string;
  /** The store's last position. */
  head: string;
  /** Committed events this projection has not read yet. */
  lag: string;
  /** This process's projector: active (holds the lock), standby, stopped (disabled) or failed. */
  status: string;
  updatedAt: Date | null;
  lastError: string | null;
}

/** Runs the timeline projector in this process (when enabled) and answers where the projection is. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown, ProjectionRebuilder {
  private readonly logger = new Logger('Projector');
  private readonly projector: Projector;
  private shuttingDown = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.projector = new Projector({ pool, store, logger: this.logger });
  }

  onApplicationBootstrap(): void {
    if (this.config.PROJECTOR_ENABLED) this.projector.start();
  }

  /** The drops of the generations the rebuilds replaced, while they go on. */
  private dropping: Promise<unknown> = Promise.resolve();

  /** Before the pool closes (onModuleDestroy of the database module): the batch in hand commits first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.projector.stop();
    await this.dropping;
  }

  async position(): Promise<string> {
    return (await liveState(this.pool)).position;
  }

  /** Waits up to `timeoutMs` for the projection to reach `min` (read your own writes); true when it did. */
  async waitFor(min: bigint, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (BigInt(await this.position()) >= min) return true;
      if (Date.now() >= until || this.shuttingDown) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const live = await liveState(this.pool);
    const head = await this.store.headPosition();
    const lag = await unreadEvents(this.pool);
    return [
      {
        name: 'timeline',
        generation: live.generation,
        position: live.position,
        transactionId: live.transactionId,
        checkpointPosition: live.globalPosition,
        head,
        lag: String(lag),
        status: this.projector.status,
        updatedAt: live.updatedAt,
        lastError: this.projector.lastError,
      },
    ];
  }

  /** The admin replay of kind "projections": a new generation from position zero, then the switch. */
  async rebuild(onProgress: (done: number, total: number) => Promise<void> | void): Promise<void> {
    const r = await rebuildTimeline(this.pool, this.store, { onProgress, shouldStop: () => this.shuttingDown });
    this.logger.log({ generation: r.generation, events: r.events, ms: r.ms }, 'timeline rebuilt');
    // The replaced generation is dropped after the replay is reported done: its files' unlinking is no part of it.
    const dropped = r.dropped.then((err) => {
      if (err) this.logger.warn({ err: err.message }, 'the replaced timeline generation was not dropped: the next rebuild drops it');
    });
    this.dropping = Promise.all([this.dropping, dropped]);
  }
}
