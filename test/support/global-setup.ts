import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Tests need a real PostgreSQL: DATABASE_URL when it answers, else an embedded server started here.
 * Each test file then creates its own fresh database on that server (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      throw new Error(`DATABASE_URL does not answer (${(err as Error).message}); unset it to use an embedded server`);
    }
  }
  const { startEmbeddedPostgres } = await import('../../src/database/embedded');
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-test-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await startEmbeddedPostgres(dir, port);
  process.env.DATABASE_URL = server.url.replace(/\/chronicle$/, '/postgres');
  (globalThis as { __EMBEDDED__?: unknown }).__EMBEDDED__ = server;
}
