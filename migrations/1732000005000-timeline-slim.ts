import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection stops copying what the store holds. A fact row keeps its blocking columns and the
 * position of its FactReported event instead of the fact itself (read back by joining events), and an
 * entry keeps its member fact ids instead of a second copy of itself with provenance (built when
 * GET /timeline/entries/:id asks). A rebuild wrote every fact twice and every entry twice over.
 *
 * The timeline is derived data: it is emptied here and rebuilt from the store when a projector starts.
 */
export class TimelineSlim1732000005000 implements MigrationInterface {
  name = 'TimelineSlim1732000005000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['timeline_entries', 'timeline_facts', 'timeline_fold', 'timeline_articles']) await q.query(`delete from ${t}`);
    await q.query(`delete from projection_checkpoints where name like 'timeline#%'`);
    await q.query(`update projection_checkpoints set transaction_id = '0', global_position = 0, code_version = null where name = 'timeline'`);
    await q.query(`alter table timeline_facts drop column payload, add column position bigint not null`);
    await q.query(`alter table timeline_fold drop column payload, add column position bigint not null`);
    await q.query(`alter table timeline_entries drop column detail, add column fact_ids text[] not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['timeline_entries', 'timeline_facts', 'timeline_fold', 'timeline_articles']) await q.query(`delete from ${t}`);
    await q.query(`update projection_checkpoints set transaction_id = '0', global_position = 0, code_version = null where name = 'timeline'`);
    await q.query(`alter table timeline_entries drop column fact_ids, add column detail jsonb not null`);
    await q.query(`alter table timeline_fold drop column position, add column payload jsonb not null`);
    await q.query(`alter table timeline_facts drop column position, add column payload jsonb not null`);
  }
}
