import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline projection's tables. Every primary key starts with `generation`: a rebuild fills
 * generation N+1 beside the live one from position zero, then moves the pointer (the `version` of the
 * projection's checkpoint row) in one transaction and deletes generation N. Readers follow the pointer.
 */
export class Timeline1732000001000 implements MigrationInterface {
  name = 'Timeline1732000001000';

  async up(q: QueryRunner): Promise<void> {
    // What the projection knows of each article: enough to decide which run is current and to show sources.
    await q.query(`
      create table timeline_articles (
        generation   integer not null,
        article_id   text not null,
        outlet       text,
        title        text,
        published_at text not null,
        latest_run   text,
        withdrawn    boolean not null default false,
        primary key (generation, article_id)
      )`);
    // The facts of the latest completed run of each article still on the timeline. lo/hi is the
    // comparable interval (open ends closed by a window): blocking finds candidates by group and window.
    await q.query(`
      create table timeline_facts (
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
        entry_id   text,
        payload    jsonb not null,
        primary key (generation, fact_id)
      )`);
    await q.query(`create index timeline_facts_block on timeline_facts (generation, kind_group, lo, hi)`);
    await q.query(`create index timeline_facts_article on timeline_facts (generation, article_id)`);
    await q.query(`create index timeline_facts_entry on timeline_facts (generation, entry_id)`);
    // Entries as served: body is the JSON of GET /timeline, ready to send; detail adds provenance.
    await q.query(`
      create table timeline_entries (
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
        detail           jsonb not null,
        primary key (generation, id)
      )`);
    // Keyset pagination in the served order (sort_day, id), and the filters.
    await q.query(`create index timeline_entries_order on timeline_entries (generation, sort_day, id)`);
    await q.query(`create index timeline_entries_participants on timeline_entries using gin (participant_keys)`);
    await q.query(`create index timeline_entries_places on timeline_entries using gin (place_keys)`);
    await q.query(`create index timeline_entries_search on timeline_entries using gin (search)`);
    // The live generation's pointer and checkpoint; the projector creates it too if it is missing.
    await q.query(`insert into projection_checkpoints (name, version) values ('timeline', 1) on conflict (name) do nothing`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from projection_checkpoints where name like 'timeline%'`);
    await q.query(`drop table timeline_entries`);
    await q.query(`drop table timeline_facts`);
    await q.query(`drop table timeline_articles`);
  }
}
