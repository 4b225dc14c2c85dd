import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rebuild folds every article's latest run into timeline_fold first (unlogged and without the GIN
 * index: it is scratch space, rebuilt from the store when a crash empties it), sweeps it in (kind
 * group, date) order, and writes each fact to timeline_facts once, with its entry. Before, the fold
 * wrote timeline_facts and the sweep rewrote every row to set entry_id. The entry_id index had no
 * reader.
 */
export class TimelineFold1732000004000 implements MigrationInterface {
  name = 'TimelineFold1732000004000';

  async up(q: QueryRunner): Promise<void> {
    // timeline_facts' columns (not its indexes) but the entry, which the sweep decides.
    await q.query(`create unlogged table timeline_fold (like timeline_facts)`);
    await q.query(`alter table timeline_fold drop column entry_id, add primary key (generation, fact_id)`);
    await q.query(`create index timeline_fold_article on timeline_fold (generation, article_id)`);
    await q.query(`create index timeline_fold_sweep on timeline_fold (generation, kind_group, lo, fact_id)`);
    await q.query(`drop index timeline_facts_entry`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`create index timeline_facts_entry on timeline_facts (generation, entry_id)`);
    await q.query(`drop table timeline_fold`);
  }
}
