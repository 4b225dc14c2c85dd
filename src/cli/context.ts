import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { runMigrations } from '../database/data-source';
import { EmbeddedServer, startEmbeddedPostgres } from '../database/embedded';

/**
 * Runs `fn` inside the application (no HTTP server) on DATABASE_URL or the embedded server, and
 * exits non-zero on failure (a script failing inside the embedded server must not exit 0).
 */
export function runWithApp(fn: (app: INestApplicationContext) => Promise<number | void>, env: Record<string, string> = {}): void {
  let embedded: EmbeddedServer | undefined;
  let app: INestApplicationContext | undefined;
  (async () => {
    const config = loadConfig({ ...process.env, SEED_ON_START: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env });
    if (!config.DATABASE_URL) embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    const url = config.DATABASE_URL ?? embedded!.url;
    await runMigrations(url);
    app = await NestFactory.createApplicationContext(AppModule.register({ ...config, DATABASE_URL: url }), { logger: ['error', 'warn'] });
    return (await fn(app)) ?? 0;
  })()
    .then(
      (code) => code,
      (err) => {
        console.error(err instanceof Error ? err.message : err);
        return 1;
      },
    )
    .then(async (code) => {
      await app?.close().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
      process.exit(code);
    });
}
