import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/data-source';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest (its global setup provides one)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database for one test file; creating one costs milliseconds. */
export async function createTestDatabase(migrate = true): Promise<TestDatabase> {
  const name = `chronicle_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  // Refuse to touch anything whose name does not say test.
  if (!/test/.test(name)) throw new Error(`refusing to use database ${name}`);
  const admin = new Pool({ connectionString: serverUrl(), max: 1 });
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  if (migrate) await runMigrations(url);
  return {
    url,
    name,
    async drop() {
      const a = new Pool({ connectionString: serverUrl(), max: 1 });
      // pg-pool's end() resolves before its clients' sessions have closed. Forcing the drop then ends a
      // session whose client still listens for errors through its pool, and the pool, ended, has no one
      // to tell: an unhandled 'error' fails the test file. So the sessions get a moment to close first.
      for (let i = 0; i < 40; i++) {
        const { rows } = await a.query(`select count(*)::int as n from pg_stat_activity where datname = $1`, [name]);
        if (!rows[0].n) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
