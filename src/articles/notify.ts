import type { Pool, PoolClient } from 'pg';

/** The channel projectors LISTEN on; the payload is the last appended global position. */
export const EVENTS_CHANNEL = 'chronicle_events';

export async function notifyAppended(db: Pool | PoolClient, position: string): Promise<void> {
  await db.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, position]);
}
