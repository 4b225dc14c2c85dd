import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';

// Migration 1732000014000: where the server has lz4, entry bodies are compressed with it, in the live
// generation and in every bare entries table a rebuild makes; where it has not, they keep the default.
describe('migration 1732000014000 (entry bodies in lz4)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 1 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const compressionOf = async (table: string): Promise<string> =>
    (await pool.query(`select attcompression as c from pg_attribute where attrelid = $1::regclass and attname = 'body'`, [table])).rows[0].c;

  it('sets the bodies of the parent, the live partition and a new generation to lz4 where the server has it', async () => {
    const { rows } = await pool.query(`select 'lz4' = any (enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`);
    const expected = rows[0].lz4 ? 'l' : '';
    await pool.query(`select timeline_create_generation(901)`);
    try {
      for (const t of ['timeline_entries', 'timeline_entries_g1', 'timeline_entries_g901']) expect([t, await compressionOf(t)]).toEqual([t, expected]);
      // A body past the TOAST threshold is stored compressed, and read back whole.
      const body = JSON.stringify({ sources: Array.from({ length: 40 }, (_, i) => ({ quote: `Warplanes bombed the bridge at dawn, report ${i}` })) });
      await pool.query(
        `insert into timeline_entries_g901 (generation, id, sort_day, kind, status, source_count, participant_keys, place_keys, body, fact_ids, quotes)
         values (901, 'e-1', '2024-11-27', 'airstrike', 'reported', 40, '{}', '{}', $1::json, '{f1}', '')`,
        [body],
      );
      const { rows: stored } = await pool.query(`select body::text as body, pg_column_size(body) < octet_length(body::text) as compressed from timeline_entries_g901`);
      expect(stored[0]).toEqual({ body, compressed: true });
      if (expected) expect((await pool.query(`select pg_column_compression(body) as c from timeline_entries_g901`)).rows[0].c).toBe('lz4');
    } finally {
      await pool.query(`select timeline_drop_generation(901)`);
    }
  });
});
