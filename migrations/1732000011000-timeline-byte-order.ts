import { MigrationInterface, QueryRunner } from 'typeorm';
import { DROP_BARE_TABLES } from './bare-tables';

/**
 * The timeline's identifiers and blocking tokens compared byte by byte (`COLLATE "C"`): fact and
 * entry ids, kind groups, components, and the key arrays behind the GIN indexes. They are machine
 * strings (ids, normalised keys): no reader sorts them, so the database's linguistic collation only
 * made every comparison go through the C library, and PostgreSQL builds no abbreviated sort keys for
 * a libc collation other than C.
 *
 * Why: a rebuild builds these indexes as it attaches its tables. At 50,000 bench articles (1,008,327
 * facts, 532,787 entries), built one at a time: the facts' keys GIN 2.72 -> 2.03 s, their id, group
 * and component btrees 2.35 -> 1.90 s, the entries' id, order and key indexes 1.37 -> 1.01 s.
 *
 * Left as they were, on purpose: the article ids, which join the event store's stream ids and the
 * articles' own key (a join of a "C" column to a column of the database's collation takes the "C"
 * collation, and then cannot use the other column's index). A parameter or a jsonb value compared
 * to a "C" column takes its collation, so every lookup by id, key or component keeps its index.
 *
 * The bare tables of a generation are made `like` the parents, so they get the same collations.
 */
const COLUMNS: Record<string, { text: string[]; arrays: string[] }> = {
  timeline_fold: { text: ['fact_id', 'kind_group'], arrays: [] },
  timeline_facts: { text: ['fact_id', 'kind_group', 'component'], arrays: ['keys'] },
  timeline_entries: { text: ['id'], arrays: ['participant_keys', 'place_keys'] },
};

function alter(collation: string): string[] {
  return Object.entries(COLUMNS).map(
    ([table, { text, arrays }]) =>
      `alter table ${table} ` +
      [...text.map((c) => `alter column ${c} type text collate ${collation}`), ...arrays.map((c) => `alter column ${c} type text[] collate ${collation}`)].join(', '),
  );
}

export class TimelineByteOrder1732000011000 implements MigrationInterface {
  name = 'TimelineByteOrder1732000011000';

  async up(q: QueryRunner): Promise<void> {
    // Bare tables an interrupted rebuild left would no longer attach: they are scratch, dropped.
    await q.query(DROP_BARE_TABLES);
    for (const sql of alter('"C"')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of alter('"default"')) await q.query(sql);
  }
}
