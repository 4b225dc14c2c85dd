import { DynamicModule, ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Config } from '../config/config';

const MINUTE = 60_000;

/** Writes (they analyse and append) and admin routes (a guessed token) are limited; reads are not. */
const isWrite = (req: Request) => req.method === 'POST' && (req.path === '/articles' || req.path === '/analyze');
const isAdmin = (req: Request) => req.path === '/admin' || req.path.startsWith('/admin/');
const requestOf = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>();

/** The throttler's guard, answering 429 with a plain `Retry-After` (seconds) and a message naming the limit. */
@Injectable()
export class ChronicleThrottlerGuard extends ThrottlerGuard {
  /** Reads pass at once, before the per-throttler lookups (a cached timeline read is a few hundred µs). */
  protected async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    const req = requestOf(ctx);
    return !isWrite(req) && !isAdmin(req);
  }

  protected async throwThrottlingException(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = ctx.switchToHttp().getResponse<Response>();
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    res.setHeader('Retry-After', String(seconds));
    const what = isAdmin(requestOf(ctx)) ? 'admin requests' : 'write requests';
    throw new ThrottlerException(`too many ${what}: at most ${detail.limit} a minute from one client; retry in ${seconds} s`);
  }
}

/**
 * Per-client rate limits (in memory, per process) from THROTTLE_WRITES_PER_MINUTE and
 * THROTTLE_ADMIN_PER_MINUTE; 0 turns a limit off.
 */
@Module({})
export class ThrottleModule {
  static register(config: Pick<Config, 'THROTTLE_WRITES_PER_MINUTE' | 'THROTTLE_ADMIN_PER_MINUTE'>): DynamicModule {
    const writes = config.THROTTLE_WRITES_PER_MINUTE;
    const admin = config.THROTTLE_ADMIN_PER_MINUTE;
    return {
      module: ThrottleModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'writes', ttl: MINUTE, limit: writes || 1, skipIf: (ctx) => !writes || !isWrite(requestOf(ctx)) },
            { name: 'admin', ttl: MINUTE, limit: admin || 1, skipIf: (ctx) => !admin || !isAdmin(requestOf(ctx)) },
          ],
          // One budget per client across the routes of a throttler (the default counts each route apart).
          generateKey: (_ctx, tracker, name) => `${name}:${tracker}`,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ChronicleThrottlerGuard }],
    };
  }
}
