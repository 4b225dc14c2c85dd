import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One partition per generation. The timeline's four tables are partitioned by `generation`, so that a
 * rebuild writes its facts and entries into bare tables (no index), has PostgreSQL build their indexes
 * once as it attaches them, and drops the old generation's tables instead of deleting their rows.
 *
 * Why: deleting a generation left every row of it dead (1M dead rows beside 1M live ones after two
 * rebuilds at 50,000 articles where autovacuum is off), and the next rebuild inserted into and
 * searched bloated tables and indexes. An index built in one pass is also cheaper than the same index
 * maintained row by row (the facts: 4.5 s inserted with their indexes, 0.7 s bare and 2.7 s to index).
 * Three rebuilds of 10,000 articles each way, alternated: 30.6-33.8 s before, 27.9-28.6 s after, and
 * PostgreSQL's CPU 29.7-31.8 s before, 24.5-24.6 s after.
 *
 * The tables of a generation are made, attached and dropped only by the functions below, so their
 * definition stays here:
 *
 * - `timeline_create_generation(g)`: the articles partition, attached, and the fold (unlogged: a
 *   rebuild's scratch), facts and entries as bare tables `timeline_fold_g<g>`, `timeline_facts_g<g>`
 *   and `timeline_entries_g<g>`, each with the check that lets the attach skip its validating scan;
 * - `timeline_attach_generation(g, t)`: table `t` (timeline_fold, timeline_facts or timeline_entries)
 *   of generation g attached, its indexes built;
 * - `timeline_drop_generation(g)`: every table of generation g, attached or not;
 * - `timeline_generations()`: the generations that have a table.
 *
 * The live projector writes through the parents; generation 1, the first live one, is made here.
 * The timeline is derived data: it is emptied here and rebuilt from the store when a projector starts.
 */
export class TimelineGenerations1732000008000 implements MigrationInterface {
  name = 'TimelineGenerations1732000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`drop table timeline_entries, timeline_facts, timeline_articles, timeline_fold`);
    for (const sql of tables(' partition by list (generation)')) await q.query(sql);
    await q.query(`
      create function timeline_create_generation(g integer) returns void language plpgsql as $$
      begin
        execute format('create table %I partition of timeline_articles for values in (%s)', 'timeline_articles_g' || g, g);
        execute format('create unlogged table %I (like timeline_fold including defaults, check (generation = %s))', 'timeline_fold_g' || g, g);
        execute format('create table %I (like timeline_facts including defaults, check (generation = %s))', 'timeline_facts_g' || g, g);
        execute format('create table %I (like timeline_entries including defaults, check (generation = %s))', 'timeline_entries_g' || g, g);
      end $$`);
    await q.query(`
      create function timeline_attach_generation(g integer, t text) returns void language plpgsql as $$
      begin
        if t not in ('timeline_fold', 'timeline_facts', 'timeline_entries') then
          raise exception 'not a bare table of a generation: %', t;
        end if;
        perform set_config('maintenance_work_mem', '128MB', true);
        execute format('alter table %I attach partition %I for values in (%s)', t, t || '_g' || g, g);
      end $$`);
    await q.query(`
      create function timeline_generations() returns setof integer language sql stable as $$
        select distinct substring(c.relname from '_g([0-9]+)$')::integer
        from pg_class c
        where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
          and c.relname ~ '^timeline_(articles|fold|facts|entries)_g[0-9]+$'
      $$`);
    await q.query(`
      create function timeline_drop_generation(g integer) returns void language plpgsql as $$
      declare t text;
      begin
        foreach t in array array['timeline_entries', 'timeline_facts', 'timeline_fold', 'timeline_articles'] loop
          execute format('drop table if exists %I', t || '_g' || g);
        end loop;
      end $$`);

    await q.query(`select timeline_create_generation(1)`);
    await q.query(`select timeline_attach_generation(1, 'timeline_fold')`);
    await q.query(`select timeline_attach_generation(1, 'timeline_facts')`);
    await q.query(`select timeline_attach_generation(1, 'timeline_entries')`);
    await q.query(`delete from projection_checkpoints where name like 'timeline#%'`);
    await q.query(
      `update projection_checkpoints set version = 1, transaction_id = '0', global_position = 0, code_version = null where name = 'timeline'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const f of ['timeline_create_generation(integer)', 'timeline_attach_generation(integer, text)', 'timeline_generations()', 'timeline_drop_generation(integer)']) {
      await q.query(`drop function ${f}`);
    }
    await q.query(`drop table timeline_entries, timeline_facts, timeline_articles, timeline_fold`);
    for (const sql of tables('')) await q.query(sql);
    await q.query(`alter table timeline_fold set unlogged`);
    await q.query(`delete from projection_checkpoints where name like 'timeline#%'`);
    await q.query(`update projection_checkpoints set transaction_id = '0', global_position = 0, code_version = null where name = 'timeline'`);
  }
}

/** The timeline's tables and indexes as 1732000007000 left them, with `partitioning` after each table. */
function tables(partitioning: string): string[] {
  const factColumns = `
        generation integer not null,
        fact_id    text not null,
        article_id text not null,
        run_id     text not null,
        kind       text not null,
        kind_group text not null,
        from_day   date,
        to_day     date,
        precision  text not null,
        lo         date,
        hi         date,
        keys       text[] not null,
        position   bigint not null`;
  return [
    `create table timeline_articles (
        generation   integer not null,
        article_id   text not null,
        outlet       text,
        title        text,
        published_at text not null,
        latest_run   text,
        withdrawn    boolean not null default false,
        primary key (generation, article_id)
      )${partitioning}`,
    `create table timeline_facts (${factColumns},
        entry_id   text,
        component  text,
        words      bytea,
        places     text[],
        primary key (generation, fact_id)
      )${partitioning}`,
    `create index timeline_facts_block on timeline_facts (generation, kind_group, lo, hi)`,
    `create index timeline_facts_article on timeline_facts (generation, article_id)`,
    `create index timeline_facts_component on timeline_facts (generation, component)`,
    `create index timeline_facts_keys on timeline_facts using gin (keys) with (fastupdate = off)`,
    `create table timeline_fold (${factColumns}, primary key (generation, fact_id))${partitioning}`,
    `create index timeline_fold_article on timeline_fold (generation, article_id)`,
    `create index timeline_fold_sweep on timeline_fold (generation, kind_group, lo, fact_id)`,
    `create table timeline_entries (
        generation       integer not null,
        id               text not null,
        sort_day         date not null,
        from_day         date,
        to_day           date,
        kind             text not null,
        status           text not null,
        source_count     integer not null,
        participant_keys text[] not null,
        place_keys       text[] not null,
        search           tsvector not null,
        body             jsonb not null,
        fact_ids         text[] not null,
        primary key (generation, id)
      )${partitioning}`,
    `create index timeline_entries_order on timeline_entries (generation, sort_day, id)`,
    `create index timeline_entries_participants on timeline_entries using gin (participant_keys)`,
    `create index timeline_entries_places on timeline_entries using gin (place_keys)`,
    `create index timeline_entries_search on timeline_entries using gin (search)`,
  ];
}
