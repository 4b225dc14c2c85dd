import { createHash } from 'node:crypto';

/**
 * Opaque keyset cursor: the last served (sort day, id) and a digest of the filters it was issued for,
 * with a checksum. A cursor that does not decode, fails its checksum or was issued for other filters
 * is refused (400): it would otherwise page silently through the wrong list.
 */
export interface CursorPosition {
  day: string;
  id: string;
}

const SALT = 'chronicle-timeline-cursor-v1';
const sum = (payload: string) => createHash('sha256').update(`${SALT}|${payload}`).digest('base64url').slice(0, 16);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

export function filterDigest(filters: Record<string, unknown>): string {
  const keys = Object.keys(filters).filter((k) => filters[k] !== undefined).sort();
  return createHash('sha256').update(JSON.stringify(keys.map((k) => [k, filters[k]]))).digest('base64url').slice(0, 12);
}

export function encodeCursor(p: CursorPosition, digest: string): string {
  const payload = JSON.stringify([p.day, p.id, digest]);
  return Buffer.from(JSON.stringify([payload, sum(payload)])).toString('base64url');
}

/** The position, or null when the cursor is not one this service issued for these filters. */
export function decodeCursor(cursor: string, digest: string): CursorPosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const [payload, check] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof payload !== 'string' || check !== sum(payload)) return null;
    const [day, id, d] = JSON.parse(payload);
    if (typeof day !== 'string' || !DAY.test(day) || typeof id !== 'string' || !ID.test(id) || d !== digest) return null;
    return { day, id };
  } catch {
    return null;
  }
}
