import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Config, CONFIG } from '../config/config';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** A short, non-secret name for a token, for logs: never the token itself. */
export const tokenId = (token: string) => digest(token).toString('hex').slice(0, 8);

/** `Authorization: Bearer <ADMIN_TOKEN>`: 401 without a (well-formed) token, 403 with a wrong one or when unset. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly logger = new Logger('Admin');
  private readonly expected?: Buffer;

  constructor(@Inject(CONFIG) config: Config) {
    if (config.ADMIN_TOKEN) this.expected = digest(config.ADMIN_TOKEN);
    else this.logger.warn('ADMIN_TOKEN is not set: the admin routes answer 403');
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { adminTokenId?: string }>();
    const header = req.headers.authorization;
    if (!header) throw new UnauthorizedException('an Authorization: Bearer <token> header is required');
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!m) throw new UnauthorizedException('the Authorization header must be "Bearer <token>"');
    if (!this.expected) throw new ForbiddenException('the admin routes are disabled (ADMIN_TOKEN is not set)');
    // Compare digests, so the comparison takes the same time whatever the length of the guess.
    if (!timingSafeEqual(digest(m[1]), this.expected)) throw new ForbiddenException('wrong admin token');
    req.adminTokenId = tokenId(m[1]);
    return true;
  }
}
