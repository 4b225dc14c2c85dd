import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../event-store/event-store.module';
import { REACHED_SQL } from '../projections/projector';

/** What the page needs to know to refetch: how far each projection and the store have got. */
export interface Positions {
  /** The furthest position a projection has reached ("0" before any projection ran). */
  position: string;
  /** The last stored event's position. */
  stored: string;
  projections: Record<string, string>;
}

type Listener = (p: Positions) => void;

const POLL_MS = 500;

/**
 * One poller per process, running only while someone listens: every half second it reads the
 * projection checkpoints (a handful of rows) and the store's last position (an index probe), and
 * tells listeners when either changed. Many open pages cost one query per tick, not one each.
 */
@Injectable()
export class PositionWatch implements OnModuleDestroy {
  private readonly logger = new Logger('PositionWatch');
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private last?: Positions;
  private signature = '';
  private stopped = false;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async read(): Promise<Positions> {
    const { rows } = await this.pool.query<{ name: string | null; pos: string; stored: string }>(
      `select c.name, (${REACHED_SQL})::text as pos,
              (select coalesce(max(global_position), 0)::text from events) as stored
       from (select 1) one left join projection_checkpoints c on true
       order by c.name`,
    );
    const projections: Record<string, string> = {};
    for (const r of rows) if (r.name !== null) projections[r.name] = r.pos;
    const values = Object.values(projections).map(BigInt);
    const position = values.length ? values.reduce((a, b) => (b > a ? b : a)).toString() : '0';
    return { position, stored: rows[0]?.stored ?? '0', projections };
  }

  /** The latest positions known to the poller (read now if it is not running). */
  async current(): Promise<Positions> {
    return this.last ?? this.read();
  }

  subscribe(listener: Listener, close: () => void): () => void {
    this.listeners.add(listener);
    this.closers.add(close);
    if (!this.timer && !this.stopped) this.schedule();
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(close);
      if (!this.listeners.size && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const p = await this.read();
      const sig = `${p.stored}|${Object.entries(p.projections).map(([k, v]) => `${k}=${v}`).join(',')}`;
      if (sig !== this.signature) {
        this.signature = sig;
        this.last = p;
        for (const l of [...this.listeners]) l(p);
      }
    } catch (err) {
      // A database hiccup must not end the streams: the next tick retries.
      if (!this.stopped) this.logger.warn(`position poll failed: ${(err as Error).message}`);
    }
    if (this.listeners.size && !this.stopped) this.schedule();
    else this.timer = undefined;
  }

  /** Ends open streams before the HTTP server closes (it would otherwise wait on them forever). */
  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const close of [...this.closers]) close();
    this.listeners.clear();
    this.closers.clear();
  }
}
