import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { runMigrations } from './database/data-source';
import { EmbeddedServer, startEmbeddedPostgres } from './database/embedded';
import { configureHttp, exitOnSignals } from './http';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedServer | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    console.log(JSON.stringify({ level: 30, msg: `embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT}, data in ${config.DATA_DIR}` }));
  }
  const url = config.DATABASE_URL ?? embedded!.url;
  try {
    await runMigrations(url);
    const app = await NestFactory.create(AppModule.register({ ...config, DATABASE_URL: url }), { bodyParser: false, bufferLogs: true });
    configureHttp(app, config);
    // The embedded server stops last, after Nest has drained requests and closed every connection.
    exitOnSignals(app, embedded?.stop);
    await app.listen(config.PORT, config.HOST);
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

bootstrap().catch((err) => {
  const message = err instanceof ConfigError ? err.message : `start failed: ${err instanceof Error ? err.message : String(err)}`;
  console.error(message);
  process.exit(1);
});
