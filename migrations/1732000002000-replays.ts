import { MigrationInterface, QueryRunner } from 'typeorm';

/** Admin replays: their progress survives restarts; one active replay per kind. */
export class Replays1732000002000 implements MigrationInterface {
  name = 'Replays1732000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table replays (
        id           uuid primary key,
        kind         text not null check (kind in ('analysis', 'projections')),
        status       text not null check (status in ('queued', 'running', 'completed', 'failed')),
        article_ids  text[],
        done         integer not null default 0,
        total        integer not null default 0,
        appended     integer not null default 0,
        error        text,
        requested_by text not null,
        created_at   timestamptz not null default now(),
        started_at   timestamptz,
        finished_at  timestamptz,
        updated_at   timestamptz not null default now()
      )`);
    // The second request for a kind while one is queued or running trips this and gets 409.
    await q.query(`create unique index replays_one_active on replays (kind) where status in ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table replays`);
  }
}
