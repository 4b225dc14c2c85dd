import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for GET /timeline's window filter (`from`, `to`): the date range of each entry that has a
 * first day, in SP-GiST, which the page query reads for the entries that begin before the window and
 * reach into it (timeline.queries.ts, WINDOW_SQL). The others are on the (sort_day, id) index from
 * `from` on.
 *
 * Why: the window filter walked the (sort_day, id) index from the first entry of the timeline and
 * dropped every entry before the window: at 10,000 bench articles, 63,696 entries read for a page of
 * 101 in April, and all of them for a window in June. SP-GiST builds in 0.2 s over 111,556 entries
 * (GiST: 0.65 s), as a rebuild attaches the entries.
 *
 * An entry known only as "on or before" a day sorts by that day, so it never begins before a window it
 * overlaps: it is not indexed. An open end runs to infinity; an end before the start is read as the
 * start, so no row can fail to index.
 */
const WINDOW = `daterange(from_day, greatest(from_day, coalesce(to_day, 'infinity')), '[]')`;

export class TimelineWindow1732000010000 implements MigrationInterface {
  name = 'TimelineWindow1732000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index timeline_entries_window on timeline_entries using spgist ((${WINDOW})) where from_day is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index timeline_entries_window`);
  }
}
