import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { NotFoundError } from '../common/errors';
import { EventStore } from '../event-store/event-store';
import { PG_POOL } from '../event-store/event-store.module';
import { ARTICLE_SUBMITTED, ARTICLE_WITHDRAWN, streamIdOf } from './article-events';
import { ANALYSER, Analyser, latestRun } from './article-stream';

@Injectable()
export class ArticlesQueries {
  constructor(
    private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ANALYSER) private readonly analyser: Analyser,
  ) {}

  /**
   * Articles in the order they were stored, keyset-paged by global position. A submission's fields come
   * from one `jsonb_to_record`: its body, the text included, is TOASTed and compressed, and each `->>`
   * would decompress all of it again (a page of 100: 22-38 ms with ten of them, 4 ms with one).
   */
  async list(limit: number, cursor?: string) {
    const { rows } = await this.pool.query(
      `select e.global_position::text as pos, d."articleId", d.outlet, d.title, d.url, d."publishedAt", d.timezone, d.language, d.sha256,
              length(d.text) as "textLength", e.recorded_at as "recordedAt"
       from events e
       cross join lateral jsonb_to_record(e.data) as d("articleId" text, outlet text, title text, url text, "publishedAt" text,
                                                      timezone text, language text, sha256 text, text text)
       where e.type = $1 and e.global_position > $2 order by e.global_position limit $3`,
      [ARTICLE_SUBMITTED, cursor ?? '0', limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      articles: page.map(({ pos, ...a }) => a),
      nextCursor: rows.length > limit ? page[page.length - 1].pos : null,
    };
  }

  async get(articleId: string) {
    const events = await this.store.readStream(streamIdOf(articleId));
    if (!events.length) throw new NotFoundError(`article ${articleId} not found`);
    const submitted = events.find((e) => e.type === ARTICLE_SUBMITTED)!;
    const run = latestRun(events);
    return {
      ...submitted.data,
      streamId: streamIdOf(articleId),
      version: events[events.length - 1].streamVersion,
      withdrawn: events.some((e) => e.type === ARTICLE_WITHDRAWN),
      latestRun: run && { runId: run.runId, analyserVersion: run.analyserVersion, facts: run.facts.length },
      facts: run?.facts ?? [],
    };
  }

  async events(articleId: string) {
    const events = await this.store.readStream(streamIdOf(articleId));
    if (!events.length) throw new NotFoundError(`article ${articleId} not found`);
    return { streamId: streamIdOf(articleId), version: events[events.length - 1].streamVersion, events };
  }

  analyze(input: { text: string; publishedAt: string; timezone?: string }) {
    const result = this.analyser.analyse(input);
    return { analyserVersion: this.analyser.version, facts: result.facts, timeExpressions: result.timeExpressions };
  }
}
