import { MigrationInterface, QueryRunner } from 'typeorm';
import { DROP_BARE_TABLES } from './bare-tables';
import { createGeneration } from './1732000009000-timeline-copy';

/**
 * An entry's body is compressed with lz4 where the server has it (PostgreSQL built `--with-lz4`; the
 * embedded one of `npm start` is not, and keeps pglz), and a generation's bare entries table takes its
 * parent's compression (`including compression`).
 *
 * Why: a body past the row's TOAST threshold (an entry of several sources; 16 % of them at 10,000
 * bench articles) is compressed as it is stored. The entries' COPY of a rebuild, from a file and without
 * the search vector, took 2.75-3.02 s with pglz and 2.18-2.25 s with lz4, for the same size on disk
 * (143 MB); lz4 also decompresses faster as the timeline serves the bodies.
 */
export class TimelineBodyLz41732000014000 implements MigrationInterface {
  name = 'TimelineBodyLz41732000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(DROP_BARE_TABLES);
    await q.query(`
      do $$ declare t regclass;
      begin
        if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
          alter table timeline_entries alter column body set compression lz4;
          -- The parent's setting is not passed down to the partitions it has already.
          for t in select inhrelid::regclass from pg_inherits where inhparent = 'timeline_entries'::regclass loop
            execute format('alter table %s alter column body set compression lz4', t);
          end loop;
        end if;
      end $$`);
    await q.query(createGeneration('including defaults including generated including compression'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DROP_BARE_TABLES);
    await q.query(`alter table timeline_entries alter column body set compression default`);
    await q.query(`
      do $$ declare t regclass;
      begin
        for t in select inhrelid::regclass from pg_inherits where inhparent = 'timeline_entries'::regclass loop
          execute format('alter table %s alter column body set compression default', t);
        end loop;
      end $$`);
    await q.query(createGeneration('including defaults including generated'));
  }
}
