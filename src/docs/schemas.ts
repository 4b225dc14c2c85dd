import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** OpenAPI schemas of the HTTP contract (DESIGN section 7); validation itself is done by zod. */
export const ErrorSchema: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: ['publishedAt is required'] },
  },
};

export const WhenSchema: SchemaObject = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date', nullable: true, example: '2024-11-27' },
    to: { type: 'string', format: 'date', nullable: true, example: '2024-11-27' },
    precision: { type: 'string', enum: ['day', 'month', 'season', 'year', 'bounded', 'range'] },
    edtf: { type: 'string', example: '2024-11-27' },
    timex3: { type: 'string', example: '2024-11-27' },
  },
};

export const ArticleBodySchema: SchemaObject = {
  type: 'object',
  required: ['publishedAt', 'text'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'defaults to a-<first 16 hex of sha256(text)>' },
    outlet: { type: 'string', maxLength: 200, nullable: true },
    url: { type: 'string', format: 'uri', nullable: true },
    title: { type: 'string', maxLength: 1000, nullable: true },
    publishedAt: { type: 'string', format: 'date-time', description: 'ISO 8601 with an offset', example: '2024-12-01T19:00:00+03:00' },
    timezone: { type: 'string', description: 'IANA zone; defaults to the offset of publishedAt', example: 'Asia/Baghdad' },
    language: { type: 'string', example: 'en' },
    text: { type: 'string', description: 'the article text, stored exactly as received', example: 'Rebels launched an offensive on Wednesday.' },
  },
};

export const IngestResultSchema: SchemaObject = {
  type: 'object',
  properties: {
    articleId: { type: 'string', example: 'seed-000' },
    streamId: { type: 'string', example: 'article-seed-000' },
    version: { type: 'integer', example: 17 },
    facts: { type: 'integer', description: 'dated domain events of the analysis run', example: 14 },
  },
};

export const AnalyzeBodySchema: SchemaObject = {
  type: 'object',
  required: ['text', 'publishedAt'],
  additionalProperties: false,
  properties: {
    text: ArticleBodySchema.properties!.text,
    publishedAt: ArticleBodySchema.properties!.publishedAt,
    timezone: ArticleBodySchema.properties!.timezone,
  },
};

export const TimeExpressionSchema: SchemaObject = {
  type: 'object',
  properties: {
    text: { type: 'string', example: 'on Wednesday' },
    start: { type: 'integer', description: 'JavaScript string index into the submitted text' },
    end: { type: 'integer' },
    type: { type: 'string', enum: ['DATE', 'TIME', 'DURATION', 'SET'] },
    value: { type: 'string', description: 'TIMEX3 value', example: '2024-11-27' },
    edtf: { type: 'string', example: '2024-11-27' },
    rule: { type: 'string', example: 'weekday-past' },
    when: { ...WhenSchema, nullable: true },
  },
};

export const FactSchema: SchemaObject = {
  type: 'object',
  description: 'A dated domain event of the analysis (DESIGN section 4)',
  properties: {
    index: { type: 'integer' },
    type: { type: 'string', example: 'OffensiveLaunched' },
    kind: { type: 'string', example: 'attack' },
    title: { type: 'string' },
    when: WhenSchema,
    datedBy: { type: 'object' },
    participants: { type: 'array', items: { type: 'object' } },
    places: { type: 'array', items: { type: 'object' } },
    figures: { type: 'array', items: { type: 'object' } },
    status: { type: 'string', enum: ['reported', 'claimed', 'planned', 'denied'] },
    attribution: { type: 'string', nullable: true },
    evidence: { type: 'object', properties: { text: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' } } },
  },
};

export const AnalysisSchema: SchemaObject = {
  type: 'object',
  properties: {
    analyserVersion: { type: 'string' },
    facts: { type: 'array', items: FactSchema },
    timeExpressions: { type: 'array', items: TimeExpressionSchema },
  },
};

export const ReplayBodySchema: SchemaObject = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['analysis', 'projections'] },
    articleIds: { type: 'array', items: { type: 'string' }, description: 'only these articles (analysis replays); all when absent' },
  },
};

export const ReplaySchema: SchemaObject = {
  type: 'object',
  properties: {
    replayId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: ['analysis', 'projections'] },
    status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed'] },
    done: { type: 'integer' },
    total: { type: 'integer' },
    appended: { type: 'integer', description: 'events appended by an analysis replay' },
    rate: { type: 'number', description: 'items per second' },
    error: { type: 'string', nullable: true },
    startedAt: { type: 'string', format: 'date-time', nullable: true },
    finishedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};
