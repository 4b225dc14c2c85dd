import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { NotFoundError, ValidationError } from '../common/errors';
import { PG_POOL } from '../event-store/event-store.module';
import { REACHED_SQL } from '../projections/projector';
import { TIMELINE } from '../projections/timeline.projection';
import { BOUNDED_WINDOW_DAYS } from '../projections/reconciliation/dates';
import { decodeCursor, encodeCursor, filterDigest } from './cursor';

export interface TimelineFilters {
  from?: string;
  to?: string;
  kind?: string;
  q?: string;
  /** Normalised keys. */
  participant?: string;
  place?: string;
  status?: string;
  minSources?: number;
}

export interface TimelinePage {
  position: string;
  /** Each entry's JSON exactly as stored (ready to send without parsing). */
  entries: string[];
  nextCursor: string | null;
}

/** A page of the live timeline in the served order (sort day, then id), keyset-paged. */
export class GetTimeline extends Query<TimelinePage> {
  constructor(
    readonly filters: TimelineFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

export class GetTimelineEntry extends Query<{ position: string; entry: unknown }> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetTimeline)
export class GetTimelineHandler implements IQueryHandler<GetTimeline, TimelinePage> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ filters, limit, cursor }: GetTimeline): Promise<TimelinePage> {
    const digest = filterDigest({ ...filters });
    const after = cursor ? decodeCursor(cursor, digest) : null;
    if (cursor && !after) throw new ValidationError(['cursor: is not a cursor issued for this query']);
    const params: unknown[] = [TIMELINE];
    const where: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // Interval overlap; an entry known only as "on or before" a day counts from the window before it.
    if (filters.from) where.push(`(e.to_day is null or e.to_day >= ${p(filters.from)}::date)`);
    if (filters.to) where.push(`coalesce(e.from_day, e.to_day - ${BOUNDED_WINDOW_DAYS}) <= ${p(filters.to)}::date`);
    if (filters.kind) where.push(`e.kind = ${p(filters.kind)}`);
    if (filters.status) where.push(`e.status = ${p(filters.status)}`);
    if (filters.minSources) where.push(`e.source_count >= ${p(filters.minSources)}`);
    if (filters.participant) where.push(`e.participant_keys @> array[${p(filters.participant)}]::text[]`);
    if (filters.place) where.push(`e.place_keys @> array[${p(filters.place)}]::text[]`);
    if (filters.q) where.push(`e.search @@ websearch_to_tsquery('english', ${p(filters.q)})`);
    if (after) where.push(`(e.sort_day, e.id) > (${p(after.day)}::date, ${p(after.id)})`);
    const lim = p(limit + 1);
    // One round trip: the pointer to the live generation and its position, then the page on the
    // (generation, sort_day, id) index. No offset, no count.
    const { rows } = await this.pool.query<{ position: string; body: string | null; day: string | null; id: string | null }>(
      `with cp as (
         select coalesce((select version from projection_checkpoints where name = $1), 1) as g,
                coalesce((select ${REACHED_SQL} from projection_checkpoints c where c.name = $1), 0)::text as position
       )
       select cp.position, x.body, x.day, x.id from cp left join lateral (
         select e.body::text as body, to_char(e.sort_day, 'YYYY-MM-DD') as day, e.id
         from timeline_entries e
         where e.generation = cp.g ${where.map((w) => `and ${w}`).join(' ')}
         order by e.sort_day, e.id
         limit ${lim}
       ) x on true`,
      params,
    );
    const position = rows[0]?.position ?? '0';
    const page = rows.filter((r) => r.body !== null);
    const more = page.length > limit;
    const served = page.slice(0, limit);
    const last = served[served.length - 1];
    return {
      position,
      entries: served.map((r) => r.body!),
      nextCursor: more && last ? encodeCursor({ day: last.day!, id: last.id! }, digest) : null,
    };
  }
}

@QueryHandler(GetTimelineEntry)
export class GetTimelineEntryHandler implements IQueryHandler<GetTimelineEntry> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ id }: GetTimelineEntry) {
    const { rows } = await this.pool.query(
      `with cp as (select c.version as g, (${REACHED_SQL})::text as position from projection_checkpoints c where c.name = $1)
       select cp.position, e.detail from cp join timeline_entries e on e.generation = cp.g and e.id = $2`,
      [TIMELINE, id],
    );
    if (!rows.length) throw new NotFoundError(`timeline entry ${id} not found`);
    return { position: rows[0].position, entry: rows[0].detail };
  }
}
