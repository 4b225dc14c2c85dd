import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import type { Pool } from 'pg';
import { ConflictError } from '../common/errors';
import { ConcurrencyError, EventStore } from '../event-store/event-store';
import { PG_POOL } from '../event-store/event-store.module';
import { ARTICLE_SUBMITTED, ArticleSubmittedData, streamIdOf } from './article-events';
import { ANALYSER, Analyser, eventIdOf, runEvents, sha256 } from './article-stream';
import { IngestArticle, IngestResult } from './ingest-article.command';
import { notifyAppended } from './notify';

@CommandHandler(IngestArticle)
export class IngestArticleHandler implements ICommandHandler<IngestArticle, IngestResult> {
  constructor(
    private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ANALYSER) private readonly analyser: Analyser,
  ) {}

  async execute({ article, requestId }: IngestArticle): Promise<IngestResult> {
    const hash = sha256(article.text);
    const existing = await this.findBySha(hash);
    if (existing && (!article.id || article.id === existing.articleId)) return existing;
    // Without an id the text names the article, so a repeat lands on the same stream.
    const articleId = article.id ?? `a-${hash.slice(0, 16)}`;
    const streamId = streamIdOf(articleId);
    const published = DateTime.fromISO(article.publishedAt, { setZone: true });
    const submitted: ArticleSubmittedData = {
      articleId,
      outlet: article.outlet ?? null,
      url: article.url ?? null,
      title: article.title ?? null,
      publishedAt: published.toISO({ suppressMilliseconds: true })!,
      timezone: article.timezone ?? published.zoneName ?? 'UTC',
      language: article.language ?? 'en',
      text: article.text,
      sha256: hash,
    };
    const metadata = { requestId, correlationId: requestId ?? articleId };
    const events = [
      { eventId: eventIdOf(`${streamId}/submitted/${hash}`), type: ARTICLE_SUBMITTED, data: submitted, metadata },
      ...runEvents(submitted, 'run-1', this.analyser, metadata),
    ];
    try {
      const res = await this.store.append(streamId, 'no_stream', events);
      if (!res.duplicate) await notifyAppended(this.pool, res.positions[res.positions.length - 1]);
      return { articleId, streamId, version: res.nextVersion, facts: events.length - 3, created: !res.duplicate };
    } catch (err) {
      // Lost a race with the same text (unique sha256) or the same id: answer with what is stored.
      const same = await this.findBySha(hash);
      if (same && (!article.id || article.id === same.articleId)) return same;
      if (err instanceof ConcurrencyError || (err as { constraint?: string }).constraint) {
        throw new ConflictError(`article ${articleId} already exists with a different text`);
      }
      throw err;
    }
  }

  private async findBySha(hash: string): Promise<IngestResult | null> {
    const { rows } = await this.pool.query(
      `select e.data->>'articleId' as "articleId", e.stream_id as "streamId", s.version,
              (select count(*)::int from events f where f.stream_id = e.stream_id and f.data ? 'factId'
                 and f.data->>'runId' = 'run-1') as facts
       from events e join streams s on s.stream_id = e.stream_id
       where e.type = $1 and e.data->>'sha256' = $2`,
      [ARTICLE_SUBMITTED, hash],
    );
    return rows.length ? { ...rows[0], created: false } : null;
  }
}
