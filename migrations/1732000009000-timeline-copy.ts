import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For a rebuild that streams its facts and entries by COPY.
 *
 * An entry's search vector is computed by PostgreSQL from the entry's body, the quotes of its sources,
 * so that a rebuild can COPY its entries: COPY cannot call `to_tsvector`, and the words no longer travel
 * twice. The title is left out: it is one of the quotes, shortened (`titleOf`), so its words are the
 * quote's (at 10,000 bench articles, every one of 111,556 titles), and indexing it cost 0.8 s of 5.3.
 *
 * Why: a rebuild inserted its entries as one jsonb array per batch, unpacked by jsonb_to_recordset. At
 * 10,000 articles that was 6.4-7.9 s of PostgreSQL's CPU, where the COPY takes 4.5 s, 2 s of it the
 * vectors.
 *
 * The bare tables of a generation copy the expression (`including generated`): a partition's generated
 * column must be generated like its parent's, or the attach fails.
 *
 * The fold, a rebuild's scratch, keeps only the index its sweep reads in order: its primary key and
 * article index cost 0.35 s of a 0.57 s attach at 10,000 articles for the rare rebuild that replaces an
 * article's run while it folds (a scan of the fold then). Its facts' ids are checked where they stay,
 * by timeline_facts' primary key.
 */
const SEARCH = `to_tsvector('english', jsonb_path_query_array(body, '$.sources[*].quote'))`;

export class TimelineCopy1732000009000 implements MigrationInterface {
  name = 'TimelineCopy1732000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table timeline_entries drop column search`);
    await q.query(`alter table timeline_entries add column search tsvector generated always as (${SEARCH}) stored`);
    await q.query(`create index timeline_entries_search on timeline_entries using gin (search)`);
    await q.query(createGeneration('including defaults including generated'));
    await q.query(`alter table timeline_fold drop constraint timeline_fold_pkey`);
    await q.query(`drop index timeline_fold_article`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`create index timeline_fold_article on timeline_fold (generation, article_id)`);
    await q.query(`alter table timeline_fold add primary key (generation, fact_id)`);
    await q.query(`alter table timeline_entries drop column search`);
    await q.query(`alter table timeline_entries add column search tsvector not null default ''::tsvector`);
    await q.query(`update timeline_entries set search = ${SEARCH}`);
    await q.query(`alter table timeline_entries alter column search drop default`);
    await q.query(`create index timeline_entries_search on timeline_entries using gin (search)`);
    await q.query(createGeneration('including defaults'));
  }
}

/** timeline_create_generation (migration 1732000008000) with the bare entries table made `like` that. */
export function createGeneration(entriesLike: string): string {
  return `
    create or replace function timeline_create_generation(g integer) returns void language plpgsql as $$
    begin
      execute format('create table %I partition of timeline_articles for values in (%s)', 'timeline_articles_g' || g, g);
      execute format('create unlogged table %I (like timeline_fold including defaults, check (generation = %s))', 'timeline_fold_g' || g, g);
      execute format('create table %I (like timeline_facts including defaults, check (generation = %s))', 'timeline_facts_g' || g, g);
      execute format('create table %I (like timeline_entries ${entriesLike}, check (generation = %s))', 'timeline_entries_g' || g, g);
    end $$`;
}
