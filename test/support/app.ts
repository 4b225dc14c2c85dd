import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ANALYSER, Analyser } from '../../src/articles/article-stream';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { configureHttp } from '../../src/http';
import { createTestDatabase, TestDatabase } from './database';

export interface TestApp {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real Nest app on a fresh database, listening on a free port: tests talk HTTP to it.
 * `env` overrides configuration (strings, as in the environment).
 */
export async function startTestApp(env: Record<string, string> = {}, db?: TestDatabase, analyser?: Analyser): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_ON_START: 'false', ADMIN_TOKEN: 'test-admin-token-0123456789', ...env, DATABASE_URL: database.url });
  let builder = Test.createTestingModule({ imports: [AppModule.register({ ...config, DATABASE_URL: database.url })] });
  if (analyser) builder = builder.overrideProvider(ANALYSER).useValue(analyser);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    db: database,
    async close() {
      await app.close();
      if (!db) await database.drop();
    },
  };
}
