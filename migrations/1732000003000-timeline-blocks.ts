import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blocking by tokens: timeline_facts.keys now holds a fact's blocking tokens (names, distinctive
 * counts, its precise day, its article), and the neighbour query finds candidates by overlap with a
 * GIN index instead of reading every fact of the kind in the window. The checkpoint row remembers the
 * code version of the projection that built it, so a changed projection rebuilds itself at start.
 */
export class TimelineBlocks1732000003000 implements MigrationInterface {
  name = 'TimelineBlocks1732000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index timeline_facts_keys on timeline_facts using gin (keys)`);
    await q.query(`alter table projection_checkpoints add column code_version text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table projection_checkpoints drop column code_version`);
    await q.query(`drop index timeline_facts_keys`);
  }
}
