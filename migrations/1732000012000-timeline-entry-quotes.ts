import { MigrationInterface, QueryRunner } from 'typeorm';
import { DROP_BARE_TABLES } from './bare-tables';

/**
 * An entry's search vector is computed from a column of its quotes, written beside its body, and the
 * body is stored as `json` (its text, checked) rather than `jsonb`.
 *
 * Why: a rebuild COPYs every entry, and at 10,000 bench articles (109,326 entries) that COPY was the
 * largest cost of the rebuild's database side: 5.6 s of PostgreSQL's CPU from a file, 8.3 s during a
 * rebuild. Parsing the bodies into `jsonb` took 1.2 s of it, and reading the quotes back out of them
 * with a JSON path before stemming them most of the rest beside the stemming itself. Nothing queries
 * inside a body: the timeline serves it as it is (as text, which `json` already is), so its binary form
 * only cost. A source's quote repeated word for word in one entry is written once: the same words at
 * other positions change no match.
 *
 * The bare tables of a generation are made `like` the parent including generated columns (migration
 * 1732000009000), so they get the quotes and the new expression without a change to
 * timeline_create_generation; bare tables an interrupted rebuild left would no longer attach, and are
 * scratch: dropped.
 */
const QUOTES = `coalesce((select string_agg(distinct q, E'\\n') from jsonb_array_elements_text(jsonb_path_query_array(body, '$.sources[*].quote')) q), '')`;

export class TimelineEntryQuotes1732000012000 implements MigrationInterface {
  name = 'TimelineEntryQuotes1732000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(DROP_BARE_TABLES);
    await q.query(`alter table timeline_entries add column quotes text not null default ''`);
    await q.query(`update timeline_entries set quotes = ${QUOTES}`);
    await q.query(`alter table timeline_entries alter column quotes drop default`);
    await q.query(`alter table timeline_entries drop column search`);
    await q.query(`alter table timeline_entries alter column body type json using body::json`);
    await q.query(`alter table timeline_entries add column search tsvector generated always as (to_tsvector('english', quotes)) stored`);
    await q.query(`create index timeline_entries_search on timeline_entries using gin (search)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DROP_BARE_TABLES);
    await q.query(`alter table timeline_entries drop column search`);
    await q.query(`alter table timeline_entries drop column quotes`);
    await q.query(`alter table timeline_entries alter column body type jsonb using body::jsonb`);
    await q.query(
      `alter table timeline_entries add column search tsvector generated always as (to_tsvector('english', jsonb_path_query_array(body, '$.sources[*].quote'))) stored`,
    );
    await q.query(`create index timeline_entries_search on timeline_entries using gin (search)`);
  }
}
