import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { ANALYSER_VERSION, analyse } from '../analysis';
import { Config, CONFIG } from '../config/config';
import { PG_POOL } from '../event-store/event-store.module';
import { ARTICLE_SUBMITTED } from './article-events';
import { ANALYSER, Analyser } from './article-stream';
import { AnalyzeController, ArticlesController } from './articles.controller';
import { ArticlesQueries } from './articles.queries';
import { IngestArticle } from './ingest-article.command';
import { IngestArticleHandler } from './ingest-article.handler';
import { readManifestFolder, SEEDS_DIR } from './seeds';

export const defaultAnalyser: Analyser = { version: ANALYSER_VERSION, analyse };

/** Ingests the project's seeds through the same command path as POST /articles. */
export async function ingestSeeds(commands: CommandBus, dir = SEEDS_DIR): Promise<number> {
  let created = 0;
  for (const article of readManifestFolder(dir)) {
    const r = await commands.execute(new IngestArticle(article, 'seed'));
    if (r.created) created++;
  }
  return created;
}

@Injectable()
class SeedOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seeds');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_ON_START) return;
    const { rows } = await this.pool.query('select 1 from events where type = $1 limit 1', [ARTICLE_SUBMITTED]);
    if (rows.length) return;
    const n = await ingestSeeds(this.commands);
    this.logger.log(`the store was empty: ingested ${n} seed articles`);
  }
}

@Module({
  controllers: [ArticlesController, AnalyzeController],
  providers: [
    { provide: ANALYSER, useValue: defaultAnalyser },
    IngestArticleHandler,
    ArticlesQueries,
    SeedOnStart,
  ],
  exports: [ANALYSER],
})
export class ArticlesModule {}
