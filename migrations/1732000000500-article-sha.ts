import { MigrationInterface, QueryRunner } from 'typeorm';

/** One article per text: finds a repeat by its sha256, and makes a concurrent repeat fail instead of duplicating. */
export class ArticleSha1732000000500 implements MigrationInterface {
  name = 'ArticleSha1732000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create unique index events_article_sha256 on events ((data->>'sha256')) where type = 'ArticleSubmitted'`);
    await q.query(`create index events_stream_runs on events (stream_id, (data->>'runId')) where data ? 'factId'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index events_stream_runs`);
    await q.query(`drop index events_article_sha256`);
  }
}
