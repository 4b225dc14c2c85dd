import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { PG_POOL } from '../event-store/event-store.module';

/**
 * pg-pool listens for errors only on idle clients. A checked-out client between two queries (a
 * projector batch, a replay holding its lock, a TypeORM query runner) that loses its server (restart,
 * failover, `terminating connection due to administrator command`) emits 'error' with no listener,
 * and Node ends the process. Every client handed out gets a listener here; the broken client's next
 * query fails, its owner sees the error, and the pool drops it on release (it is no longer queryable).
 */
@Injectable()
export class PoolErrorGuard implements OnModuleInit {
  private readonly logger = new Logger('Database');
  private readonly onError = (err: Error) => this.logger.warn({ code: (err as { code?: string }).code, msg: err.message }, 'a database connection in use failed');

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  onModuleInit(): void {
    this.pool.on('acquire', (client: PoolClient) => {
      if (!client.listeners('error').includes(this.onError)) client.on('error', this.onError);
    });
  }
}
