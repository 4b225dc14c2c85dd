import { z } from 'zod';

/** Parses a size such as `1mb`, `512kb` or `2048` (bytes). */
function parseBytes(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .default('1mb')
    .transform((v, ctx) => {
      const n = parseBytes(v);
      if (n === undefined || n < 1024) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a size of at least 1kb, such as 512kb or 2mb' });
        return z.NEVER;
      }
      return n;
    }),
  SEED_ON_START: bool.default('true'),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PROJECTOR_ENABLED: bool.default('true'),
  // Per client and minute; generous by default (the bench ingests a few hundred a second), 0 = off.
  THROTTLE_WRITES_PER_MINUTE: z.coerce.number().int().min(0).default(60_000),
  THROTTLE_ADMIN_PER_MINUTE: z.coerce.number().int().min(0).default(6_000),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parses and validates the environment once; a bad value names the variable and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

export const CONFIG = Symbol('CONFIG');
