import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { NotFoundError, ValidationError } from '../common/errors';
import { PG_POOL } from '../event-store/event-store.module';
import { REACHED_SQL } from '../projections/projector';
import { FACT_COLUMNS, FACT_SOURCE, FactRow, sourceFactOf, TIMELINE } from '../projections/timeline.projection';
import { provenanceOf } from '../projections/reconciliation/reconcile';
import type { TimelineEntry } from '../projections/reconciliation/types';
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
  /** Each entry's JSON exactly as stored, UTF-8 (ready to send without parsing). */
  entries: Buffer[];
  nextCursor: string | null;
  /** The JSON response after its position, encoded once per page: `,"entries":[…],"nextCursor":…}`. */
  tail: Buffer;
  /** Names the page's content (projection state and query); with the position, an ETag. */
  tag: string;
  /** The whole response, gzip-compressed, where the client accepts gzip (see `GetTimeline.gzip`). */
  gzipped?: Buffer;
}

/** The JSON response before its tail: `{"position":"…"`. */
export const pageHead = (position: string): Buffer => Buffer.from(`{"position":${JSON.stringify(position)}`);

const gzipAsync = promisify(gzip);

/** A page of the live timeline in the served order (sort day, then id), keyset-paged. */
export class GetTimeline extends Query<TimelinePage> {
  constructor(
    readonly filters: TimelineFilters,
    readonly limit: number,
    readonly cursor?: string,
    /** Skip the page cache (a client's `Cache-Control: no-cache`). */
    readonly fresh = false,
    /**
     * The client accepts gzip: the page comes compressed too, once per page and position (7 times
     * smaller: 101 KB -> 15 KB for a page of 100), and a cached page keeps it.
     */
    readonly gzip = false,
  ) {
    super();
  }
}

export class GetTimelineEntry extends Query<{ position: string; entry: unknown }> {
  constructor(readonly id: string) {
    super();
  }
}

/** The live checkpoint a page was read at: pages only change when it moves. */
interface Snapshot {
  state: string;
  position: string;
}

interface CachedPage {
  entries: Buffer[];
  nextCursor: string | null;
  tail: Buffer;
  tag: string;
  bytes: number;
  /** The whole response compressed, for the position it names (made on the first gzip request). */
  gz?: { position: string; body: Promise<Buffer> };
  /** The bytes of the compressed response counted in `bytes`. */
  gzBytes?: number;
}

/**
 * Pages of the timeline as of one projection state (generation and checkpoint pair), by query. The
 * projection changes entries only in the transaction that moves its checkpoint, so a page read at a
 * state is the page for as long as the live checkpoint stays there: checking costs one index probe
 * instead of the page query. A new state empties the cache; least recently used pages go first.
 */
export class PageCache<P extends { bytes: number } = CachedPage> {
  private state = '';
  private readonly pages = new Map<string, P>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get(state: string, key: string): P | undefined {
    if (state !== this.state) return undefined;
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(state: string, key: string, page: P): void {
    if (state !== this.state) {
      this.state = state;
      this.pages.clear();
      this.bytes = 0;
    }
    if (page.bytes > this.maxBytes / 4) return;
    const old = this.pages.get(key);
    if (old) this.bytes -= old.bytes;
    this.pages.set(key, page);
    this.bytes += page.bytes;
    this.evict();
  }

  /** A page of `state` has grown by `delta` bytes (already added to its own `bytes`). */
  grew(state: string, key: string, page: P, delta: number): void {
    if (state !== this.state || this.pages.get(key) !== page) return;
    this.bytes += delta;
    this.evict();
  }

  private evict(): void {
    for (const [k, p] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(k);
      this.bytes -= p.bytes;
    }
  }
}

/** An entry's days from its first, as a date range: the window index's expression (migration 1732000010000). */
export const WINDOW_SQL = `daterange(e.from_day, greatest(e.from_day, coalesce(e.to_day, 'infinity')), '[]')`;

const ENTRIES_OPEN = Buffer.from(',"entries":[');
const COMMA = Buffer.from(',');

const STATE_SQL = `c.version::text || ':' || c.transaction_id::text || ':' || c.global_position::text`;


@QueryHandler(GetTimeline)
export class GetTimelineHandler implements IQueryHandler<GetTimeline, TimelinePage> {
  private readonly cache = new PageCache();
  /** The controller hands over the same filters object for a repeated query string. */
  private readonly digests = new WeakMap<TimelineFilters, string>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ filters, limit, cursor, fresh, gzip }: GetTimeline): Promise<TimelinePage> {
    let digest = this.digests.get(filters);
    if (digest === undefined) this.digests.set(filters, (digest = filterDigest({ ...filters })));
    const after = cursor ? decodeCursor(cursor, digest) : null;
    if (cursor && !after) throw new ValidationError(['cursor: is not a cursor issued for this query']);
    const key = JSON.stringify([digest, limit, after?.day ?? null, after?.id ?? null]);
    if (!fresh) {
      const now = await this.snapshot();
      const hit = this.cache.get(now.state, key);
      if (hit) return this.served(now, key, hit, gzip);
    }
    const { snapshot, page } = await this.read(filters, limit, digest, after, key);
    this.cache.set(snapshot.state, key, page);
    return this.served(snapshot, key, page, gzip);
  }

  /** The page as served at `snapshot`, compressed too where asked (kept with the page, and counted by the cache). */
  private async served(snapshot: Snapshot, key: string, page: CachedPage, gzip: boolean): Promise<TimelinePage> {
    const { entries, nextCursor, tail, tag } = page;
    const out: TimelinePage = { position: snapshot.position, entries, nextCursor, tail, tag };
    if (!gzip) return out;
    if (page.gz?.position !== snapshot.position) {
      // Fastest level: pages change with every projector batch, and level 6 saves only 2 KB more.
      const body = gzipAsync(Buffer.concat([pageHead(snapshot.position), tail]), { level: constants.Z_BEST_SPEED });
      const gz = (page.gz = { position: snapshot.position, body });
      body.then(
        (b) => {
          if (page.gz !== gz) return;
          const delta = b.length - (page.gzBytes ?? 0);
          page.gzBytes = b.length;
          page.bytes += delta;
          this.cache.grew(snapshot.state, key, page, delta);
        },
        () => {
          if (page.gz === gz) page.gz = undefined;
        },
      );
    }
    out.gzipped = await page.gz!.body;
    return out;
  }

  /**
   * The live projection state, read by a query sent after this call began (so it sees every commit
   * before it: read-your-writes holds). Concurrent callers share: while one query is out, the callers
   * that arrive meanwhile wait for the next one, which starts when it returns. One query per round
   * trip serves a burst of requests.
   */
  private snapshot(): Promise<Snapshot> {
    if (!this.sent) {
      this.sent = this.querySnapshot();
      return this.sent;
    }
    this.queued ??= this.sent.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  private sent: Promise<Snapshot> | null = null;
  private queued: Promise<Snapshot> | null = null;

  private startQueued(): Promise<Snapshot> {
    this.sent = this.queued;
    this.queued = null;
    return this.querySnapshot();
  }

  private async querySnapshot(): Promise<Snapshot> {
    try {
      // Prepared (pg keeps it per connection): parsed and planned once.
      const { rows } = await this.pool.query<Snapshot>({
        name: 'timeline-snapshot',
        text: `select ${STATE_SQL} as state, (${REACHED_SQL})::text as position from projection_checkpoints c where c.name = $1`,
        values: [TIMELINE],
      });
      return rows[0] ?? { state: 'none', position: '0' };
    } finally {
      if (!this.queued) this.sent = null;
    }
  }

  private async read(
    filters: TimelineFilters,
    limit: number,
    digest: string,
    after: { day: string; id: string } | null,
    key: string,
  ): Promise<{ snapshot: Snapshot; page: CachedPage }> {
    const params: unknown[] = [TIMELINE];
    const where: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filters.kind) where.push(`e.kind = ${p(filters.kind)}`);
    if (filters.status) where.push(`e.status = ${p(filters.status)}`);
    if (filters.minSources) where.push(`e.source_count >= ${p(filters.minSources)}`);
    if (filters.participant) where.push(`e.participant_keys @> array[${p(filters.participant)}]::text[]`);
    if (filters.place) where.push(`e.place_keys @> array[${p(filters.place)}]::text[]`);
    if (filters.q) where.push(`e.search @@ websearch_to_tsquery('english', ${p(filters.q)})`);
    if (after) where.push(`(e.sort_day, e.id) > (${p(after.day)}::date, ${p(after.id)})`);
    const lim = p(limit + 1);
    const select = (conditions: string[], order: string) =>
      `select e.body, e.sort_day, e.id from timeline_entries e
       where e.generation = cp.g ${[...conditions, ...where].map((w) => `and ${w}`).join(' ')}
       order by ${order}, e.id limit ${lim}::int`;
    // Interval overlap with [from, to]; an entry known only as "on or before" a day counts from the
    // window before it. An overlapping entry sorts (by its first day) no later than `to` + that window.
    const from = filters.from ? `${p(filters.from)}::date` : null;
    const to = filters.to ? `${p(filters.to)}::date` : null;
    const ends = to ? [`coalesce(e.from_day, e.to_day - ${BOUNDED_WINDOW_DAYS}) <= ${to}`] : [];
    const starts = [...(from ? [`e.sort_day >= ${from}`, `(e.to_day is null or e.to_day >= ${from})`] : []), ...(to ? [`e.sort_day <= ${to} + ${BOUNDED_WINDOW_DAYS}`] : []), ...ends];
    // The entries sorting before `from` that overlap the window begin before it (an entry known only
    // as "on or before" a day sorts by that day) and hold `from` itself: few, found by the window index
    // (migration 1732000010000), then sorted. Walking the (sort_day, id) index to them would read every
    // entry before the window.
    const pageSql = from
      ? `select * from ((${select([`e.from_day is not null`, `e.from_day < ${from}`, `${WINDOW_SQL} @> ${from}`, ...ends], 'e.sort_day + 0')})
           union all (${select(starts, 'e.sort_day')})) u order by u.sort_day, u.id limit ${lim}::int`
      : select(starts, 'e.sort_day');
    // One round trip: the live generation, its checkpoint and position, then the page on the
    // (generation, sort_day, id) index. No offset, no count. Not prepared: a generic plan knows
    // neither the limit nor the filters' selectivity, and may sort the generation instead.
    // Each body as its UTF-8 bytes (bytea, which pg hands over as a Buffer): as text, most bodies hold a
    // character beyond Latin-1 (a curly quote), and decoding them to JavaScript's two-byte strings,
    // joining and encoding them again cost 2.6-2.9 ms of this process's CPU per page of 100, against
    // 1.0 ms now (a page the cache does not hold: any page after the projection moves).
    const { rows } = await this.pool.query<{ state: string; position: string; body: Buffer | null; day: string | null; id: string | null }>(
      `with cp as (
           select coalesce((select version from projection_checkpoints where name = $1), 1) as g,
                  coalesce((select ${STATE_SQL} from projection_checkpoints c where c.name = $1), 'none') as state,
                  coalesce((select ${REACHED_SQL} from projection_checkpoints c where c.name = $1), 0)::text as position
         )
         select cp.state, cp.position, convert_to(x.body::text, 'UTF8') as body, to_char(x.sort_day, 'YYYY-MM-DD') as day, x.id
         from cp left join lateral (${pageSql}) x on true`,
      params,
    );
    const snapshot = { state: rows[0]?.state ?? 'none', position: rows[0]?.position ?? '0' };
    const page = rows.filter((r) => r.body !== null);
    const more = page.length > limit;
    const served = page.slice(0, limit);
    const last = served[served.length - 1];
    const entries = served.map((r) => r.body!);
    const nextCursor = more && last ? encodeCursor({ day: last.day!, id: last.id! }, digest) : null;
    const parts: Buffer[] = [ENTRIES_OPEN];
    for (let i = 0; i < entries.length; i++) {
      if (i) parts.push(COMMA);
      parts.push(entries[i]);
    }
    parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
    const tail = Buffer.concat(parts);
    // The entries the page keeps are views of its tail: the driver's Buffers (small ones cut from
    // shared 8 KB slabs) are let go, and a cached page holds its bytes once.
    const views: Buffer[] = [];
    for (let i = 0, at = ENTRIES_OPEN.length; i < entries.length; at += entries[i].length + COMMA.length, i++) {
      views.push(tail.subarray(at, at + entries[i].length));
    }
    const tag = createHash('sha1').update(`${snapshot.state}|${key}`).digest('base64url').slice(0, 20);
    return { snapshot, page: { entries: views, nextCursor, tail, tag, bytes: tail.length } };
  }
}

@QueryHandler(GetTimelineEntry)
export class GetTimelineEntryHandler implements IQueryHandler<GetTimelineEntry> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ id }: GetTimelineEntry) {
    // The entry and its member facts in one statement (one snapshot): the facts from the events they point at.
    const { rows } = await this.pool.query<{ position: string; body: TimelineEntry; facts: FactRow[] }>(
      `with cp as (select c.version as g, (${REACHED_SQL})::text as position from projection_checkpoints c where c.name = $1),
       en as (select cp.position, cp.g, x.body, x.fact_ids from cp join timeline_entries x on x.generation = cp.g and x.id = $2)
       select en.position, en.body,
              (select coalesce(jsonb_agg(to_jsonb(r)), '[]') from (
                 select ${FACT_COLUMNS} from timeline_facts f ${FACT_SOURCE} where f.generation = en.g and f.fact_id = any(en.fact_ids)) r) as facts
       from en`,
      [TIMELINE, id],
    );
    if (!rows.length) throw new NotFoundError(`timeline entry ${id} not found`);
    const { position, body, facts } = rows[0];
    return { position, entry: { ...body, provenance: provenanceOf(facts.map(sourceFactOf)) } };
  }
}
