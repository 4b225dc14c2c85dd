import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { queryKey } from '../analysis';
import { NotFoundError, ValidationError } from '../common/errors';
import { parse } from '../common/validation';
import { ApiErrors } from '../docs/api-errors.decorator';
import { ProjectionsService } from '../projections/projections.service';
import type { TimelineEntry } from '../projections/reconciliation/types';
import { toCsv, toIcs, toMarkdown, toTimelineJs } from './exports';
import { GetTimeline, GetTimelineEntry, pageHead, TimelineFilters, TimelinePage } from './timeline.queries';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO day, YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar day');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const FORMATS = ['json', 'csv', 'md', 'timelinejs', 'ics'] as const;
const STATUSES = ['reported', 'claimed', 'planned', 'denied', 'confirmed', 'disputed'] as const;

const querySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    kind: text(64).optional(),
    q: text(200).optional(),
    participant: text(200).optional(),
    place: text(200).optional(),
    status: z.enum(STATUSES, { errorMap: () => ({ message: `must be one of ${STATUSES.join(', ')}` }) }).optional(),
    minSources: int(1, 10_000).optional(),
    limit: int(1, 500).optional(),
    cursor: z.string().max(400, 'is not a valid cursor').optional(),
    format: z.enum(FORMATS, { errorMap: () => ({ message: `must be one of ${FORMATS.join(', ')}` }) }).optional(),
    minPosition: z.string().regex(/^\d{1,19}$/, 'must be a non-negative integer').optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

type ParsedQuery = { readonly q: Readonly<z.infer<typeof querySchema>>; readonly filters: Readonly<TimelineFilters> };

/** Distinct query strings whose parse is kept (oldest first out); a few KB each at most. */
const PARSED_QUERIES_KEPT = 256;

/** How long ?minPosition= waits for the projection to catch up (read your own writes). */
const MIN_POSITION_WAIT_MS = 5_000;
/** An export without an explicit limit takes the whole (filtered) timeline, up to this many entries. */
const EXPORT_MAX = 50_000;

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  md: 'text/markdown; charset=utf-8',
  timelinejs: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};

@ApiTags('timeline')
@Controller('timeline')
export class TimelineController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The reconciled chronology: one entry per happening, ordered by date then id, keyset-paged' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO day; entries whose interval overlaps [from, to]' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO day' })
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'full text over titles and quotes' })
  @ApiQuery({ name: 'participant', required: false, description: 'matched by normalised key' })
  @ApiQuery({ name: 'place', required: false, description: 'matched by normalised key' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'minSources', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  @ApiQuery({ name: 'minPosition', required: false, description: 'wait up to 5 s for the projection to reach this store position' })
  @ApiHeader({ name: 'Cache-Control', required: false, description: 'no-cache reads the page from the database even when this process holds it for the current projection state' })
  @ApiProduces('application/json', 'text/csv', 'text/markdown', 'text/calendar')
  @ApiResponse({ status: 200, description: '{ position, entries, nextCursor }, or the export' })
  @ApiErrors(400)
  async list(@Req() req: Request, @Headers('cache-control') cacheControl: string | undefined, @Res() res: Response): Promise<void> {
    const { q, filters } = this.parsed(req);
    if (q.minPosition) await this.projections.waitFor(BigInt(q.minPosition), MIN_POSITION_WAIT_MS);
    const format = q.format ?? 'json';
    if (format === 'json') {
      const fresh = /no-cache|no-store|max-age=0/i.test(cacheControl ?? '');
      // This route compresses its own responses (the compression middleware skips it: see http.ts).
      const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
      const page = await this.queries.execute(new GetTimeline(filters, q.limit ?? 100, q.cursor, fresh, gzip));
      // Entries are stored as ready JSON and the page's bytes are kept with it: only the position is
      // spliced in. The ETag names the content, so a revalidating client gets a 304 without a body.
      res.status(200).type('application/json').setHeader('ETag', `W/"${page.tag}.${page.position}"`);
      res.vary('Accept-Encoding'); // appended: CORS may have said Vary: Origin
      if (res.req.fresh) {
        res.removeHeader('Content-Type');
        res.status(304).end();
        return;
      }
      if (page.gzipped) {
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', page.gzipped.length);
        if (res.req.method === 'HEAD') res.end();
        else res.end(page.gzipped);
        return;
      }
      // Written as two pieces, not concatenated: a page is ~100 KB, and a copy per request is garbage.
      const head = pageHead(page.position);
      res.setHeader('Content-Length', head.length + page.tail.length);
      if (res.req.method === 'HEAD') res.end();
      else {
        res.write(head);
        res.end(page.tail);
      }
      return;
    }
    const { entries, position, nextCursor } = await this.collect(filters, q.limit, q.cursor);
    if (nextCursor) res.setHeader('X-Next-Cursor', nextCursor);
    res.setHeader('X-Projection-Position', position);
    res.status(200).type(CONTENT_TYPES[format]);
    if (format === 'csv') res.send(toCsv(entries));
    else if (format === 'md') res.send(toMarkdown(entries, position));
    else if (format === 'ics') res.send(toIcs(entries));
    else res.send(JSON.stringify(toTimelineJs(entries)));
  }

  @Get('entries/:id')
  @ApiOperation({ summary: 'One entry with full provenance: each source fact, its time expression, rule and anchor' })
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 200, description: '{ position, entry }' })
  @ApiErrors(404)
  async entry(@Param('id') id: string) {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new NotFoundError(`timeline entry ${id} not found`);
    return this.queries.execute(new GetTimelineEntry(id));
  }

  /**
   * The validated query and filters of a query string. Readers repeat a few queries (the first page, a
   * dashboard's filters), so each string is parsed once and kept: validation was 7–8 % of a cached
   * read's garbage. Only valid queries are kept; the result is never modified.
   */
  private parsed(req: Request): ParsedQuery {
    const at = req.url.indexOf('?');
    const raw = at < 0 ? '' : req.url.slice(at + 1);
    let hit = this.queriesSeen.get(raw);
    if (!hit) {
      const q = parse(querySchema, req.query, 'query');
      const filters: TimelineFilters = {
        from: q.from,
        to: q.to,
        kind: q.kind,
        q: q.q,
        participant: q.participant === undefined ? undefined : keyOf(q.participant, 'participant'),
        place: q.place === undefined ? undefined : keyOf(q.place, 'place'),
        status: q.status,
        minSources: q.minSources,
      };
      hit = { q, filters };
      if (this.queriesSeen.size >= PARSED_QUERIES_KEPT) this.queriesSeen.delete(this.queriesSeen.keys().next().value!);
      this.queriesSeen.set(raw, hit);
    }
    return hit;
  }

  private readonly queriesSeen = new Map<string, ParsedQuery>();

  /** An export's entries: the requested page, or every page when no limit was given. */
  private async collect(filters: TimelineFilters, limit: number | undefined, cursor: string | undefined) {
    const entries: TimelineEntry[] = [];
    let page: TimelinePage;
    let next = cursor;
    do {
      page = await this.queries.execute(new GetTimeline(filters, limit ?? 500, next));
      for (const e of page.entries) entries.push(JSON.parse(e.toString('utf8')));
      next = page.nextCursor ?? undefined;
    } while (limit === undefined && next && entries.length < EXPORT_MAX);
    return { entries, position: page.position, nextCursor: page.nextCursor };
  }
}

function keyOf(value: string, field: string): string {
  const k = queryKey(value);
  if (!k) throw new ValidationError([`${field}: has no letters or digits to match`]);
  return k;
}
