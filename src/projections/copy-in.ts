/**
 * Rows streamed into a table by one `COPY ... FROM STDIN` (text format). A rebuild writes hundreds of
 * thousands of rows: as COPY, PostgreSQL parses each value once, instead of parsing a jsonb array of
 * every batch and unpacking it again row by row.
 */
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** Rows are sent in chunks of about this many bytes. */
const CHUNK = 1 << 16;

export class CopyIn {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  /** Rows are encoded straight into the chunk being filled (no joined copy of them first). */
  private chunk = Buffer.allocUnsafe(CHUNK * 4);
  private size = 0;
  /** PostgreSQL's error, once it rejected the COPY: after it, the stream must not be written to. */
  private failed: Error | null = null;

  /** Starts `sql` (a COPY ... FROM STDIN) on `db`, which it holds until `end` or `abort` settles. */
  constructor(db: PoolClient, sql: string) {
    this.stream = db.query(copyFrom(sql));
    this.stream.on('error', (err) => (this.failed ??= err));
    this.done = finished(this.stream);
    this.done.catch(() => undefined); // awaited by end() or abort()
  }

  /** Queues one row (COPY text, newline included): sent by the next `flush` past a chunk's worth. */
  add(row: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.chunk.length - this.size < row.length * 3) this.next(row.length * 3);
    this.size += this.chunk.write(row, this.size);
  }

  /** Sends what is queued once a chunk's worth is, and waits while PostgreSQL is behind. */
  async flush(force = false): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.size && (force || this.size >= CHUNK)) this.send();
    if (this.stream.writableNeedDrain) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  /** Sends the rest and resolves once PostgreSQL has stored every row (or rejects with its error). */
  async end(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await this.done;
  }

  /** Cancels the COPY (nothing of it is stored) and waits until the connection is free again. */
  async abort(err: Error): Promise<void> {
    if (!this.failed) this.stream.destroy(err);
    await this.done.catch(() => undefined);
  }

  /** Hands the filled part to the stream (which keeps it until written) and starts a new chunk. */
  private send(room = CHUNK * 4): void {
    const full = this.chunk.subarray(0, this.size);
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK * 4, room));
    this.size = 0;
    this.stream.write(full);
  }

  /** A row that does not fit: what is queued goes to the stream now (flush waits for its drain). */
  private next(room: number): void {
    if (this.size) this.send(room);
    else this.chunk = Buffer.allocUnsafe(Math.max(CHUNK * 4, room));
  }
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, and backslash, tab, newline and CR escaped. */
export function copyValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPED[c]) : s;
}

const QUOTED = /["\\]/;
const QUOTEDS = /["\\]/g;

/** A text[] value (copyValue escapes it again as a whole). */
export function arrayLiteral(items: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    out += (i ? ',"' : '"') + (QUOTED.test(item) ? item.replace(QUOTEDS, '\\$&') : item) + '"';
  }
  return out + '}';
}

/**
 * A JSON text as a COPY value: JSON.stringify writes no raw tab, newline or CR (it escapes them), so
 * only its backslashes need doubling.
 */
export function copyJson(json: string): string {
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}
