import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/data-source';

let own: string | null = null;

/** The server to create the benchmark's databases on: its own (--own-server), DATABASE_URL's, or the local one. */
export function serverUrl(): string {
  return own ?? (process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
}

export function useServer(url: string): void {
  own = url;
}

/**
 * Transactions of OTHER databases on the server that hold the snapshot's xmin back. Transaction ids
 * are cluster-wide, so the commit-safe read (`transaction_id < pg_snapshot_xmin(...)`) of every
 * projector on the server waits for them: on a shared server, other users' long transactions stall
 * this bench's projection.
 */
export async function xminHolders(except: string): Promise<{ datname: string; seconds: number; state: string }[]> {
  return admin(async (p) => {
    const { rows } = await p.query(
      `select datname, extract(epoch from now() - xact_start)::float as seconds, state
       from pg_stat_activity
       where datname is distinct from $1 and backend_xid is not null and now() - xact_start > interval '1 second'
       order by xact_start`,
      [except],
    );
    return rows;
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const live = new Set<BenchDatabase>();

async function admin<T>(fn: (p: Pool) => Promise<T>): Promise<T> {
  const p = new Pool({ connectionString: serverUrl(), max: 1 });
  try {
    return await fn(p);
  } finally {
    await p.end();
  }
}

/** A fresh, migrated database on the server; dropped by `drop()` (or `dropAll()` on exit). */
export async function createBenchDatabase(label: string, migrate = true): Promise<BenchDatabase> {
  const name = `chronicle_bench_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (!/^chronicle_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await admin((p) => p.query(`create database ${name}`));
  const url = withDatabase(serverUrl(), name);
  const db: BenchDatabase = {
    name,
    url,
    async drop() {
      live.delete(db);
      await admin((p) => p.query(`drop database if exists ${name} with (force)`));
    },
  };
  live.add(db);
  if (migrate) await runMigrations(url);
  return db;
}

/** Leaves a database in place (--keep-db). */
export function forget(db: BenchDatabase): void {
  live.delete(db);
}

export async function dropAll(): Promise<void> {
  for (const db of [...live]) await db.drop().catch((err) => console.error(`could not drop ${db.name}: ${err.message}`));
}

export async function serverVersion(): Promise<string> {
  return admin(async (p) => (await p.query('show server_version')).rows[0].server_version);
}
