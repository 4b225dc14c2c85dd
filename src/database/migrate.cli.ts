import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from './embedded';
import { runMigrations } from './data-source';

/** `npm run migration:run`: applies the migrations to DATABASE_URL (or the embedded server). */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  try {
    const applied = await runMigrations(config.DATABASE_URL ?? embedded!.url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
