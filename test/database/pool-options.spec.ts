import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase } from '../support/database';

it('sessions of the pool carry idle_in_transaction_session_timeout', async () => {
  const db = await createTestDatabase(false);
  const ds = new DataSource(dataSourceOptions(db.url, 1));
  await ds.initialize();
  try {
    const rows = await ds.query('show idle_in_transaction_session_timeout');
    expect(rows[0].idle_in_transaction_session_timeout).toBe('30s');
  } finally {
    await ds.destroy();
    await db.drop();
  }
});
