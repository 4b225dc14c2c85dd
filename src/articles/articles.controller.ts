import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../docs/api-errors.decorator';
import { AnalysisSchema, AnalyzeBodySchema, ArticleBodySchema, IngestResultSchema } from '../docs/schemas';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { articleText, optional, parse, publishedAt, timezone } from '../common/validation';
import { ArticlesQueries } from './articles.queries';
import { IngestArticle } from './ingest-article.command';

const now = () => DateTime.utc();

const articleBody = z
  .object({
    id: optional(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1-128 letters, digits, ".", "_", ":" or "-"')),
    outlet: optional(z.string().max(200)),
    url: optional(z.string().max(2000).url('must be a URL').refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')),
    title: optional(z.string().max(1000)),
    publishedAt: publishedAt(now),
    timezone: optional(timezone),
    language: optional(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag such as en or en-GB')),
    text: articleText,
  })
  .strict();

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: optional(z.string().regex(/^\d{1,19}$/, 'is not a cursor this service issued')),
  })
  .strict();

export function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new UnsupportedMediaTypeException('Content-Type must be application/json');
}

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ArticlesQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Ingest an article: analyse it and append its stream' })
  @ApiBody({ schema: ArticleBodySchema })
  @ApiResponse({ status: 201, description: 'stored', schema: IngestResultSchema })
  @ApiResponse({ status: 200, description: 'the same text was already stored: its ids', schema: IngestResultSchema })
  @ApiErrors(400, 409, 413, 415, 429, 503)
  async ingest(@Req() req: Request, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    requireJson(req);
    const article = parse(articleBody, body);
    const result = await this.commands.execute(new IngestArticle(article, String(req.headers['x-request-id'] ?? '') || undefined));
    res.status(result.created ? 201 : 200);
    const { created, ...out } = result;
    return out;
  }

  @Get()
  @ApiOperation({ summary: 'Stored articles, in store order' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  @ApiResponse({ status: 200, description: '`{ articles, nextCursor }`' })
  @ApiErrors(400)
  list(@Query() query: unknown) {
    const q = parse(listQuery, query, 'query');
    return this.queries.list(q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An article, its text and the facts of its latest run' })
  @ApiParam({ name: 'id' })
  @ApiErrors(404)
  get(@Param('id') id: string) {
    return this.queries.get(id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: "The article's event stream, with versions and positions" })
  @ApiErrors(404)
  events(@Param('id') id: string) {
    return this.queries.events(id);
  }
}

const analyzeBody = z
  .object({ text: articleText, publishedAt: publishedAt(now), timezone: optional(timezone) })
  .strict();

@ApiTags('analysis')
@Controller('analyze')
export class AnalyzeController {
  constructor(private readonly queries: ArticlesQueries) {}

  /** Runs the analyser on a text and stores nothing. */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Analyse a text: facts and time expressions; stores nothing' })
  @ApiBody({ schema: AnalyzeBodySchema })
  @ApiResponse({ status: 200, schema: AnalysisSchema })
  @ApiErrors(400, 413, 415, 429)
  analyze(@Req() req: Request, @Body() body: unknown) {
    requireJson(req);
    return this.queries.analyze(parse(analyzeBody, body));
  }
}
