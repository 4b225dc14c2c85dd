import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      // One stuck session must not stall the projections' snapshot horizon forever (DESIGN section 3).
      options: '-c idle_in_transaction_session_timeout=30000',
      application_name: 'chronicle',
    },
  };
}

/** Arbitrary key for the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_284_104_001;

/** Applies pending migrations under an advisory lock, so two instances starting together do not race. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'all' });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
