import { Pool } from 'pg';
import { EventStore, NewEvent } from '../../src/event-store/event-store';
import { createBenchDatabase } from '../lib/db';
import { log, metric, Metric } from '../lib/metrics';

interface Row {
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * Stage 3: the event store's append rate against the physical limit. The rows stage 2 stored (read back
 * per stream, so the batches are the real ones) are appended into a fresh database twice: with
 * EventStore.append into `events`, and with one plain multi-row INSERT per batch into `raw_events`
 * (`like events including all`: same columns, defaults, constraints and indexes). Both sides get the
 * same parsed objects and serialise them, use the same pool and concurrency, and alternate chunk by
 * chunk so that load from elsewhere falls on both.
 */
export async function appendStage(sourceUrl: string, concurrency: number): Promise<Metric[]> {
  const S = `3. event store append (${concurrency} concurrent)`;
  const target = await createBenchDatabase('append');
  const source = new Pool({ connectionString: sourceUrl, max: 2 });
  const pool = new Pool({ connectionString: target.url, max: concurrency, options: '-c idle_in_transaction_session_timeout=30000' });
  source.on('error', (err) => log(`append stage, source pool: ${err.message}`));
  pool.on('error', (err) => log(`append stage, target pool: ${err.message}`));
  try {
    await pool.query('create table raw_events (like events including all)');
    const store = new EventStore(pool);
    const { rows: streams } = await source.query<{ stream_id: string }>('select stream_id from streams order by stream_id');
    const time = { store: 0, raw: 0 };
    let rows = 0;
    let batches = 0;
    const CHUNK = 50;
    for (let c = 0; c < streams.length; c += CHUNK) {
      const ids = streams.slice(c, c + CHUNK).map((s) => s.stream_id);
      const { rows: events } = await source.query<Row>(
        `select stream_id, stream_version, event_id::text, type, schema_version, data, metadata
         from events where stream_id = any($1) order by stream_id, stream_version`,
        [ids],
      );
      const byStream = new Map<string, Row[]>();
      for (const e of events) byStream.set(e.stream_id, [...(byStream.get(e.stream_id) ?? []), e]);
      const work = [...byStream.values()];
      rows += events.length;
      batches += work.length;
      const sides: ['store' | 'raw', (b: Row[]) => Promise<unknown>][] = [
        ['store', (b) => store.append(b[0].stream_id, 'no_stream', b.map((e): NewEvent => ({ eventId: e.event_id, type: e.type, schemaVersion: e.schema_version, data: e.data, metadata: e.metadata })))],
        ['raw', (b) => rawInsert(pool, b)],
      ];
      if ((c / CHUNK) % 2 === 1) sides.reverse();
      for (const [side, fn] of sides) {
        let next = 0;
        const t0 = process.hrtime.bigint();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            for (let i = next++; i < work.length; i = next++) await fn(work[i]);
          }),
        );
        time[side] += Number(process.hrtime.bigint() - t0) / 1e9;
      }
    }
    const { rows: check } = await pool.query(`select (select count(*) from events)::int as a, (select count(*) from raw_events)::int as b`);
    if (check[0].a !== rows || check[0].b !== rows) throw new Error(`append stage stored ${check[0].a} and ${check[0].b} rows, expected ${rows}`);
    const storeRate = rows / time.store;
    const rawRate = rows / time.raw;
    log(`append: ${rows} rows in ${batches} batches: EventStore ${storeRate.toFixed(0)} rows/s, raw INSERT ${rawRate.toFixed(0)} rows/s`);
    return [
      metric(S, 'EventStore.append', storeRate, 'events/s', undefined, `${rows} events in ${batches} batches (${(rows / batches).toFixed(1)} per batch); ${(batches / time.store).toFixed(0)} batches/s`),
      metric(S, 'plain multi-row INSERT', rawRate, 'events/s', undefined, `${(batches / time.raw).toFixed(0)} batches/s`),
      metric(S, 'append / physical limit', (storeRate / rawRate) * 100, '%', { op: '>=', value: 50 }),
    ];
  } finally {
    await source.end();
    await pool.end();
    await target.drop();
  }
}

async function rawInsert(pool: Pool, batch: Row[]): Promise<void> {
  const params: unknown[] = [];
  const values = batch.map((e) => {
    const b = params.length;
    params.push(e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, JSON.stringify(e.data), JSON.stringify(e.metadata));
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await pool.query(`insert into raw_events (stream_id, stream_version, event_id, type, schema_version, data, metadata) values ${values.join(', ')}`, params);
}
