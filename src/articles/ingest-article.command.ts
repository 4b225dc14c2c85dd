import { Command } from '@nestjs/cqrs';

export interface ArticleInput {
  id?: string;
  outlet?: string;
  url?: string;
  title?: string;
  publishedAt: string;
  timezone?: string;
  language?: string;
  text: string;
}

export interface IngestResult {
  articleId: string;
  streamId: string;
  version: number;
  facts: number;
  /** False when the article was already stored (an idempotent repeat). */
  created: boolean;
}

export class IngestArticle extends Command<IngestResult> {
  constructor(
    readonly article: ArticleInput,
    readonly requestId?: string,
  ) {
    super();
  }
}
