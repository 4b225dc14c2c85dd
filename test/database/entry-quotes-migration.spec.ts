import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { TimelineEntryQuotes1732000012000 } from '../../migrations/1732000012000-timeline-entry-quotes';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../support/database';

// Entries a timeline held before migration 1732000012000 (body jsonb, search over the body's quotes)
// keep their body and are found by their quotes after it, and again after it is reverted.
describe('migration 1732000012000 (entry quotes)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const body = {
    id: 'e-1',
    sources: [
      { quote: 'Warplanes bombed the bridge at dawn' },
      { quote: 'Warplanes bombed the bridge at dawn' },
      { quote: 'Jets struck a crossing, officials said' },
    ],
  };

  beforeAll(async () => {
    db = await createTestDatabase(false);
    // The migrations before it, then it alone (the later ones assume it).
    const at = migrations.indexOf(TimelineEntryQuotes1732000012000);
    const before = migrations.slice(0, at);
    ds = new DataSource({ ...dataSourceOptions(db.url, 1), migrations: before });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'all' });
    await ds.query(
      `insert into timeline_entries (generation, id, sort_day, kind, status, source_count, participant_keys, place_keys, body, fact_ids)
       values (1, 'e-1', '2024-11-27', 'airstrike', 'reported', 2, '{}', '{}', $1::jsonb, '{f1,f2,f3}')`,
      [JSON.stringify(body)],
    );
    await ds.destroy();
    ds = new DataSource({ ...dataSourceOptions(db.url, 1), migrations: migrations.slice(0, at + 1) });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const found = async (q: string): Promise<string[]> =>
    (await ds.query(`select id from timeline_entries where search @@ websearch_to_tsquery('english', $1)`, [q])).map((r: { id: string }) => r.id);

  it('writes each distinct quote once beside the body, stores the body as json, and finds the entry by any quote', async () => {
    expect(await ds.runMigrations({ transaction: 'all' })).toHaveLength(1);
    const [row] = await ds.query(`select quotes, body::text as body, pg_typeof(body)::text as type from timeline_entries`);
    expect(row.type).toBe('json');
    expect(JSON.parse(row.body)).toEqual(body);
    expect(row.quotes.split('\n').sort()).toEqual(['Jets struck a crossing, officials said', 'Warplanes bombed the bridge at dawn']);
    expect(await found('bombing')).toEqual(['e-1']);
    expect(await found('crossings')).toEqual(['e-1']);
    expect(await found('ceasefire')).toEqual([]);
  });

  it('reverts to a jsonb body whose quotes are still found', async () => {
    await ds.undoLastMigration({ transaction: 'all' });
    const [row] = await ds.query(`select pg_typeof(body)::text as type, body from timeline_entries`);
    expect(row.type).toBe('jsonb');
    expect(row.body).toEqual(body);
    expect(await found('struck')).toEqual(['e-1']);
  });
});
