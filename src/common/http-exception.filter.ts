import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConcurrencyError } from '../event-store/event-store';
import { ConflictError, NotFoundError, ValidationError } from './errors';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

/** True for errors that mean "the database is unreachable right now", which clients should retry. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(e.message ?? '');
}

/** Maps every error to `{ statusCode, error, message }`: never a stack trace, never SQL. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse() as string | { message?: string | string[]; error?: string };
    const message = typeof res === 'string' ? res : (res.message ?? err.message);
    return { statusCode: status, error: titleOf(status), message };
  }
  if (err instanceof ValidationError) return { statusCode: 400, error: 'Bad Request', message: err.problems };
  if (err instanceof NotFoundError) return { statusCode: 404, error: 'Not Found', message: err.message };
  if (err instanceof ConcurrencyError || err instanceof ConflictError) return { statusCode: 409, error: 'Conflict', message: err.message };
  if (isDatabaseUnavailable(err)) return { statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable; retry shortly' };
  return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ')
    .replace('Uri', 'URI');
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const body = toErrorBody(err);
    if (body.statusCode >= 500) {
      // Named here too: the read routes carry no request-bound logger (AppModule).
      const req = http.getRequest<Request>();
      this.logger.error({ err, request: `${req.method} ${req.originalUrl}` }, 'request failed');
    }
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', '5');
    res.status(body.statusCode).json(body);
  }
}
