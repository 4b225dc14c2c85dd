import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionRebuilder } from '../admin/replays.service';
import { Config, CONFIG } from '../config/config';
import { EventStore } from '../event-store/event-store';
import { PG_POOL } from '../event-store/event-store.module';
import { liveState, Projector, rebuildTimeline } from './projector';

export interface ProjectionStatus {
  name: string;
  generation: number;
  /** The checkpoint's global position: how far the projection has read. */
  position: string;
  transactionId: string;
  /** The store's last position; lag = head - position (events this projection has not read yet, roughly). */
  head: string;
  lag: string;
  /** This process's projector: active (holds the lock), standby, stopped (disabled) or failed. */
  status: string;
  updatedAt: Date | null;
  lastError: string | null;
}

/** Runs the timeline projector in this process (when enabled) and answers where the projection is. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown, ProjectionRebuilder {
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

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.projector.stop();
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
    const lag = BigInt(head) - BigInt(live.position);
    return [
      {
        name: 'timeline',
        generation: live.generation,
        position: live.position,
        transactionId: live.transactionId,
        head,
        lag: (lag > 0n ? lag : 0n).toString(),
        status: this.projector.status,
        updatedAt: live.updatedAt,
        lastError: this.projector.lastError,
      },
    ];
  }

  /** The admin replay of kind "projections": a new generation from position zero, then the switch. */
  async rebuild(onProgress: (done: number, total: number) => Promise<void> | void): Promise<void> {
    const r = await rebuildTimeline(this.pool, this.store, { onProgress, shouldStop: () => this.shuttingDown });
    this.logger.log({ generation: r.generation, events: r.events }, 'timeline rebuilt');
  }
}
