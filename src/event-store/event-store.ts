import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/** What a caller appends: the store assigns positions and versions. */
export interface NewEvent<D = unknown> {
  /** Idempotency key: appending an id that is already stored is a no-op. Generated when absent. */
  eventId?: string;
  type: string;
  schemaVersion?: number;
  data: D;
  metadata?: Record<string, unknown>;
}

export interface StoredEvent<D = any> {
  globalPosition: string;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: D;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

/** A version number, `no_stream` (the stream must not exist) or `any`. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** Global position of each appended event, in order (the original ones for an idempotent repeat). */
  positions: string[];
  /** True when every event was already stored and nothing was written. */
  duplicate: boolean;
}

/** The commit-safe checkpoint of a reader of all events: the (transaction id, position) pair. */
export interface Checkpoint {
  transactionId: string;
  globalPosition: string;
}

export const START: Checkpoint = { transactionId: '0', globalPosition: '0' };

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | null,
  ) {
    super(`stream ${streamId}: expected version ${expected}, but it is at ${actual ?? 'no stream'}`);
  }
}

type Queryable = Pool | PoolClient;

const COLUMNS = `global_position::text as "globalPosition", transaction_id::text as "transactionId",
  stream_id as "streamId", stream_version as "streamVersion", event_id as "eventId", type,
  schema_version as "schemaVersion", data, metadata, recorded_at as "recordedAt"`;

/** The commit-safe horizon (see `readAll`): a CTE `horizon(h)`, the lowest transaction id still running here. */
const HORIZON = `with snap as materialized (select pg_current_snapshot() as s),
       horizon as (
         select coalesce(
           (select min(x) from snap, pg_snapshot_xip(snap.s) as x
            where not exists (
              select 1 from pg_stat_activity a
              where a.backend_xid = x::xid and a.datid <> (select oid from pg_database where datname = current_database()))),
           (select pg_snapshot_xmax(s) from snap)) as h
       )`;

/**
 * The stream row is a compare-and-set guard: the CTE moves the stream's version only when it is the
 * expected one, and the events are inserted only when it moved, so sequence numbers are never taken
 * for a losing append. `existing` makes an exact repeat (same event ids) a no-op in the same trip.
 */
function guard(expected: ExpectedVersion): string {
  if (expected === 'no_stream') {
    return `insert into streams (stream_id, version) select $1, $2 where not exists (select 1 from existing)
            on conflict (stream_id) do nothing returning version`;
  }
  if (expected === 'any') {
    return `insert into streams (stream_id, version) select $1, $2 where not exists (select 1 from existing)
            on conflict (stream_id) do update set version = streams.version + $2 returning version`;
  }
  return `update streams set version = version + $2
          where stream_id = $1 and version = $8 and not exists (select 1 from existing) returning version`;
}

export class EventStore {
  constructor(private readonly pool: Pool) {}

  /** Appends the whole batch in one statement (one round trip, one transaction). */
  async append(streamId: string, expected: ExpectedVersion, events: NewEvent[], db: Queryable = this.pool): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
      throw new Error(`expected version must be a non-negative integer, got ${expected}`);
    }
    const ids = events.map((e) => e.eventId ?? randomUUID());
    const params: unknown[] = [
      streamId,
      events.length,
      ids,
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion ?? 1),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata ?? {})),
    ];
    const exp = expected === 0 ? 'no_stream' : expected;
    if (typeof exp === 'number') params.push(exp);
    const sql = `
      with existing as (
        select global_position, stream_version, event_id from events where event_id = any($3::uuid[])
      ), s as (${guard(exp)}
      ), ins as (
        insert into events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        select $1, s.version - $2 + e.ord, e.id, e.type, e.sv, e.data::jsonb, e.meta::jsonb
        from s, unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[]) with ordinality as e(id, type, sv, data, meta, ord)
        returning global_position, stream_version, event_id
      )
      select false as dup, global_position::text as pos, stream_version as v, event_id::text as id from ins
      union all
      select true, global_position::text, stream_version, event_id::text from existing`;
    let rows: { dup: boolean; pos: string; v: number; id: string }[];
    try {
      rows = (await db.query(sql, params)).rows;
    } catch (err) {
      // Two concurrent repeats of one batch: the loser trips the event id's unique constraint.
      if ((err as { constraint?: string }).constraint === 'events_event_id_unique') {
        return this.repeat(streamId, expected, ids, db);
      }
      throw err;
    }
    if (rows.length > 0 && rows.every((r) => r.dup)) return this.toRepeat(streamId, expected, ids, rows);
    if (rows.length === 0) throw new ConcurrencyError(streamId, expected, await this.version(streamId, db));
    rows.sort((a, b) => a.v - b.v);
    return { nextVersion: rows[rows.length - 1].v, positions: rows.map((r) => r.pos), duplicate: false };
  }

  private async repeat(streamId: string, expected: ExpectedVersion, ids: string[], db: Queryable): Promise<AppendResult> {
    const { rows } = await db.query(
      `select true as dup, global_position::text as pos, stream_version as v, event_id::text as id
       from events where event_id = any($1::uuid[])`,
      [ids],
    );
    return this.toRepeat(streamId, expected, ids, rows);
  }

  private async toRepeat(streamId: string, expected: ExpectedVersion, ids: string[], rows: { pos: string; v: number; id: string }[]): Promise<AppendResult> {
    // Only an exact repeat is idempotent; a batch mixing stored and new ids is a conflict.
    if (rows.length !== ids.length) throw new ConcurrencyError(streamId, expected, await this.version(streamId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)!);
    return { nextVersion: Math.max(...ordered.map((r) => r.v)), positions: ordered.map((r) => r.pos), duplicate: true };
  }

  /** The stream's current version, or null when it does not exist. */
  async version(streamId: string, db: Queryable = this.pool): Promise<number | null> {
    const { rows } = await db.query('select version from streams where stream_id = $1', [streamId]);
    return rows.length ? rows[0].version : null;
  }

  async readStream(streamId: string, fromVersion = 1, db: Queryable = this.pool): Promise<StoredEvent[]> {
    const { rows } = await db.query(
      `select ${COLUMNS} from events where stream_id = $1 and stream_version >= $2 order by stream_version`,
      [streamId, fromVersion],
    );
    return rows;
  }

  /**
   * Events after `after`, in commit-safe order. Sequence values are taken at insert but commit out of
   * order, so only rows of transactions older than every running one that could write here are read:
   * a late commit can then never land behind the checkpoint. The snapshot's running transactions are
   * server-wide; one whose session is connected to another database never writes to this one, so it
   * does not hold the horizon back (else any long transaction anywhere on the server stalls every
   * projection). A running transaction that cannot be placed (a prepared one, or one whose session
   * pg_stat_activity does not show) still does.
   */
  async readAll(after: Checkpoint, limit: number, db: Queryable = this.pool): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint }> {
    const { rows } = await db.query<StoredEvent>(
      `${HORIZON}
       select ${COLUMNS} from events
       where (transaction_id, global_position) > ($1::xid8, $2::bigint)
         and transaction_id < (select h from horizon)
       order by transaction_id, global_position
       limit $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    const last = rows[rows.length - 1];
    return { events: rows, checkpoint: last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : after };
  }

  /**
   * The checkpoint of the last event `readAll` could read now (commit-safe, see there): everything at
   * or below it is committed and will never be joined by a late commit. Null when the store is empty.
   */
  async safeHead(db: Queryable = this.pool): Promise<Checkpoint | null> {
    const { rows } = await db.query<Checkpoint>(
      `${HORIZON}
       select transaction_id::text as "transactionId", global_position::text as "globalPosition" from events
       where transaction_id < (select h from horizon)
       order by transaction_id desc, global_position desc
       limit 1`,
    );
    return rows[0] ?? null;
  }

  /** The highest global position stored: how far a reader could get. */
  async headPosition(db: Queryable = this.pool): Promise<string> {
    const { rows } = await db.query(`select coalesce(max(global_position), 0)::text as p from events`);
    return rows[0].p;
  }
}
