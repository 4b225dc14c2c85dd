import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ValidationError } from './errors';

/** Parses `value` with `schema`; every problem names its field. */
export function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError([`${what} must be a JSON object`]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => {
      if (i.code === 'unrecognized_keys') return `${what}: unknown field(s) ${i.keys.join(', ')}`;
      const field = i.path.length ? i.path.join('.') : what;
      if (i.code === 'invalid_type' && i.received === 'undefined') return `${field} is required`;
      return `${field}: ${i.message}`;
    }),
  );
}

// Lone surrogates cannot be stored as UTF-8 text and would not round-trip.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Article text: non-empty, no NUL, no lone surrogates. */
export const articleText = z
  .string({ invalid_type_error: 'must be a string' })
  .refine((t) => t.trim().length > 0, 'must not be empty or only whitespace')
  .refine((t) => !t.includes('\u0000'), 'must not contain NUL characters')
  .refine((t) => !LONE_SURROGATE.test(t), 'must be valid Unicode (it contains a lone surrogate)');

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * An ISO 8601 instant with an explicit offset, between 1800 and one day after `now` (a report
 * cannot be published in the future; the clock is passed in).
 */
export function publishedAt(now: () => DateTime) {
  return z
    .string({ invalid_type_error: 'must be a string' })
    .superRefine((v, ctx) => {
      if (!ISO_WITH_OFFSET.test(v)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an ISO 8601 date-time with an offset, e.g. 2024-12-01T19:00:00+03:00' });
        return;
      }
      const dt = DateTime.fromISO(v, { setZone: true });
      if (!dt.isValid) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a valid date-time (${dt.invalidExplanation ?? dt.invalidReason})` });
      // luxon accepts any two-digit offset (+99:99); real ones stay within ±18:00.
      else if (!/(Z|[+-](0\d|1[0-8])(:?[0-5]\d)?)$/.test(v) || Math.abs(dt.offset) > 18 * 60) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'has an impossible UTC offset (at most ±18:00)' });
      } else if (dt.year < 1800) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must not be before the year 1800' });
      else if (dt > now().plus({ days: 1 })) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must not be in the future' });
    });
}

export const timezone = z
  .string({ invalid_type_error: 'must be a string' })
  .refine((z) => IANAZone.isValidZone(z), 'must be an IANA time zone such as Europe/London');

/** An optional field: absent and null mean the same. */
export const optional = <T extends z.ZodTypeAny>(t: T) => t.nullish().transform((v) => v ?? undefined);
