import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { EventStore } from './event-store';

/** The pg pool TypeORM already holds: the event store and projections share it, one pool per process. */
export const PG_POOL = Symbol('PG_POOL');

export function poolOf(ds: DataSource): Pool {
  return (ds.driver as unknown as { master: Pool }).master;
}

@Global()
@Module({
  providers: [
    { provide: PG_POOL, inject: [DataSource], useFactory: poolOf },
    { provide: EventStore, inject: [PG_POOL], useFactory: (pool: Pool) => new EventStore(pool) },
  ],
  exports: [PG_POOL, EventStore],
})
export class EventStoreModule {}
