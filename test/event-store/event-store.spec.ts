import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Checkpoint, ConcurrencyError, EventStore, START, StoredEvent } from '../../src/event-store/event-store';
import { createTestDatabase, TestDatabase } from '../support/database';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new Pool({ connectionString: db.url, max: 60 });
  // An idle client losing its server (another test's drop, a restart) must fail a test, not the process.
  pool.on('error', () => undefined);
  store = new EventStore(pool);
});

afterAll(async () => {
  await pool.end();
  await db.drop();
});

const ev = (type: string, data: unknown = {}) => ({ type, data });

describe('append', () => {
  it('assigns versions 1..n to a new stream and checks the expected version', async () => {
    const s = `s-${randomUUID()}`;
    const first = await store.append(s, 'no_stream', [ev('A'), ev('B')]);
    expect(first.nextVersion).toBe(2);
    const second = await store.append(s, 2, [ev('C')]);
    expect(second.nextVersion).toBe(3);
    await expect(store.append(s, 2, [ev('D')])).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append(s, 'no_stream', [ev('D')])).rejects.toBeInstanceOf(ConcurrencyError);
    const any = await store.append(s, 'any', [ev('E')]);
    expect(any.nextVersion).toBe(4);
    const read = await store.readStream(s);
    expect(read.map((e) => [e.streamVersion, e.type])).toEqual([[1, 'A'], [2, 'B'], [3, 'C'], [4, 'E']]);
    expect((await store.readStream(s, 3)).map((e) => e.type)).toEqual(['C', 'E']);
  });

  it('lets exactly one of 20 concurrent appends at the same expected version win', async () => {
    const s = `s-${randomUUID()}`;
    await store.append(s, 'no_stream', [ev('Created')]);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append(s, 1, [ev('Won', { i }), ev('Won2', { i })])),
    );
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<unknown>[];
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const l of lost) expect(l.reason).toBeInstanceOf(ConcurrencyError);
    const events = await store.readStream(s);
    expect(events).toHaveLength(3);
    const winner = (events[1].data as { i: number }).i;
    expect((events[2].data as { i: number }).i).toBe(winner);
  });

  it('lets exactly one of 20 concurrent creations of a stream win', async () => {
    const s = `s-${randomUUID()}`;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(s, 'no_stream', [ev('Created')])));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('stores a batch appended twice (same event ids) once and returns the original positions', async () => {
    const s = `s-${randomUUID()}`;
    const batch = [
      { eventId: randomUUID(), type: 'A', data: { n: 1 } },
      { eventId: randomUUID(), type: 'B', data: { n: 2 } },
    ];
    const first = await store.append(s, 'no_stream', batch);
    const again = await store.append(s, 'no_stream', batch);
    expect(again.duplicate).toBe(true);
    expect(again.positions).toEqual(first.positions);
    const concurrent = await Promise.all([store.append(s, 'any', batch), store.append(s, 'any', batch)]);
    for (const c of concurrent) expect(c.positions).toEqual(first.positions);
    expect(await store.readStream(s)).toHaveLength(2);
  });

  it('rejects a batch that mixes stored and new event ids', async () => {
    const s = `s-${randomUUID()}`;
    const a = { eventId: randomUUID(), type: 'A', data: {} };
    await store.append(s, 'no_stream', [a]);
    await expect(store.append(s, 1, [a, { eventId: randomUUID(), type: 'B', data: {} }])).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(s)).toHaveLength(1);
  });
});

/** The naive poller a commit-safe reader must beat: it skips rows whose sequence value commits late. */
async function naiveReadAll(after: string, limit: number): Promise<{ events: StoredEvent[]; last: string }> {
  const { rows } = await pool.query(
    `select global_position::text as "globalPosition", stream_id as "streamId", stream_version as "streamVersion", event_id as "eventId"
     from events where global_position > $1 order by global_position limit $2`,
    [after, limit],
  );
  return { events: rows, last: rows.length ? rows[rows.length - 1].globalPosition : after };
}

type Reader = (stop: () => boolean) => Promise<StoredEvent[]>;

const commitSafeReader: Reader = async (stop) => {
  const seen: StoredEvent[] = [];
  let cp: Checkpoint = START;
  for (;;) {
    const done = stop();
    const { events, checkpoint } = await store.readAll(cp, 500);
    seen.push(...events);
    cp = checkpoint;
    if (done && events.length === 0) return seen;
  }
};

const naiveReader: Reader = async (stop) => {
  const seen: StoredEvent[] = [];
  let last = '0';
  for (;;) {
    const done = stop();
    const { events, last: l } = await naiveReadAll(last, 500);
    seen.push(...events);
    last = l;
    if (done && events.length === 0) return seen;
  }
};

/**
 * 50 writers append 200 events each to their own streams, each append in a transaction that holds
 * its sequence values a moment before committing, while a reader loops from its checkpoint.
 */
async function race(reader: Reader): Promise<{ seen: StoredEvent[]; streams: string[] }> {
  const streams = Array.from({ length: 50 }, () => `race-${randomUUID()}`);
  let finished = false;
  const reading = reader(() => finished);
  await Promise.all(
    streams.map(async (s, w) => {
      let version = 0;
      for (let batch = 0; batch < 10; batch++) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const r = await store.append(
            s,
            version === 0 ? 'no_stream' : version,
            Array.from({ length: 20 }, (_, i) => ev('Raced', { w, n: version + i + 1 })),
            client,
          );
          // Commit out of sequence order: the window in which a naive poller skips rows.
          await new Promise((res) => setTimeout(res, (w * 7 + batch * 3) % 11));
          await client.query('commit');
          version = r.nextVersion;
        } finally {
          client.release();
        }
      }
    }),
  );
  finished = true;
  return { seen: await reading, streams };
}

describe('readAll', () => {
  it('sees every one of 10,000 concurrently appended events exactly once, each stream in version order', async () => {
    const { seen, streams } = await race(commitSafeReader);
    const mine = new Set(streams);
    const ours = seen.filter((e) => mine.has(e.streamId));
    expect(ours).toHaveLength(10_000);
    expect(new Set(ours.map((e) => e.eventId)).size).toBe(10_000);
    const lastVersion = new Map<string, number>();
    for (const e of ours) {
      expect(e.streamVersion).toBe((lastVersion.get(e.streamId) ?? 0) + 1);
      lastVersion.set(e.streamId, e.streamVersion);
    }
  });

  it('is needed: a global_position > last poller misses events under the same load', async () => {
    const { seen, streams } = await race(naiveReader);
    const mine = new Set(streams);
    expect(seen.filter((e) => mine.has(e.streamId)).length).toBeLessThan(10_000);
  });

  it('does not return events of a transaction that has not committed', async () => {
    const { checkpoint: head } = await drain(START);
    const client = await pool.connect();
    try {
      await client.query('begin');
      await store.append(`open-${randomUUID()}`, 'no_stream', [ev('Pending')], client);
      const { events } = await store.readAll(head, 100);
      expect(events).toHaveLength(0);
      await client.query('commit');
      const after = await store.readAll(head, 100);
      expect(after.events.map((e) => e.type)).toEqual(['Pending']);
    } finally {
      client.release();
    }
  });

  it('is not held back by a transaction open in another database of the server', async () => {
    const { checkpoint: head } = await drain(START);
    const other = await createTestDatabase(false);
    const elsewhere = new Pool({ connectionString: other.url, max: 1 });
    const client = await elsewhere.connect();
    try {
      await client.query('begin');
      await client.query('select pg_current_xact_id()'); // holds an xid: the server-wide snapshot xmin stays behind it
      await store.append(`late-${randomUUID()}`, 'no_stream', [ev('Committed')]);
      const { events } = await store.readAll(head, 100);
      expect(events.map((e) => e.type)).toEqual(['Committed']);
      await client.query('rollback');
    } finally {
      client.release();
      await elsewhere.end();
      await other.drop();
    }
  });
});

async function drain(from: Checkpoint): Promise<{ checkpoint: Checkpoint }> {
  let cp = from;
  for (;;) {
    const r = await store.readAll(cp, 5000);
    if (r.events.length === 0) return { checkpoint: cp };
    cp = r.checkpoint;
  }
}
