import { MigrationInterface, QueryRunner } from 'typeorm';

/** The event store (DESIGN section 3): events, streams and projection checkpoints. */
export class EventStore1732000000000 implements MigrationInterface {
  name = 'EventStore1732000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table streams (
        stream_id text primary key,
        version   integer not null check (version >= 0)
      )`);
    await q.query(`create sequence events_global_position_seq as bigint`);
    await q.query(`
      create table events (
        global_position bigint primary key default nextval('events_global_position_seq'),
        transaction_id  xid8 not null default pg_current_xact_id(),
        stream_id       text not null,
        stream_version  integer not null check (stream_version >= 1),
        event_id        uuid not null,
        type            text not null,
        schema_version  integer not null default 1,
        data            jsonb not null,
        metadata        jsonb not null default '{}'::jsonb,
        recorded_at     timestamptz not null default now(),
        constraint events_stream_version_unique unique (stream_id, stream_version),
        constraint events_event_id_unique unique (event_id)
      )`);
    await q.query(`alter sequence events_global_position_seq owned by events.global_position`);
    // readAll walks (transaction_id, global_position): the commit-safe order.
    await q.query(`create index events_commit_order on events (transaction_id, global_position)`);
    await q.query(`create index events_type on events (type)`);
    await q.query(`
      create table projection_checkpoints (
        name            text primary key,
        transaction_id  xid8 not null default '0',
        global_position bigint not null default 0,
        version         integer not null default 1,
        updated_at      timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table projection_checkpoints`);
    await q.query(`drop table events`);
    await q.query(`drop table streams`);
  }
}
