import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import compression from 'compression';
import { isUtf8 } from 'node:buffer';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { Config } from './config/config';
import { setupDocs } from './docs/docs';

/**
 * HTTP concerns outside the controllers: security headers, CORS, and a JSON body parser whose
 * failures (malformed JSON, too large) answer with the same error body as everything else.
 */
export function configureHttp(app: INestApplication, config: Config): void {
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(compressed());
  if (config.CORS_ORIGINS.length) app.enableCors({ origin: config.CORS_ORIGINS });
  const json = express.json({
    limit: config.BODY_LIMIT,
    strict: true,
    // body-parser would silently replace invalid UTF-8 with U+FFFD; refuse it instead.
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf)) throw Object.assign(new Error('invalid UTF-8'), { status: 400, type: 'encoding.invalid' });
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    json(req, res, (err?: { type?: string; status?: number }) => {
      if (!err) return next();
      const tooLarge = err.type === 'entity.too.large';
      const status = tooLarge ? 413 : err.type === 'charset.unsupported' || err.type === 'encoding.unsupported' ? 415 : 400;
      const message = tooLarge
        ? `body exceeds the limit of ${config.BODY_LIMIT} bytes`
        : err.type === 'entity.parse.failed'
          ? 'malformed JSON body'
          : err.type === 'encoding.invalid'
            ? 'the body is not valid UTF-8'
            : err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
              ? 'unsupported body encoding'
            : 'unreadable body';
      res.status(status).json({ statusCode: status, error: tooLarge ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request', message });
    }),
  );
  setupDocs(app);
  // Node closes idle keep-alive connections after 5 s; a client (or load balancer) reusing one at that
  // moment gets a reset on a request it already sent. Outlive the usual 60 s idle timeouts instead.
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/**
 * SIGINT/SIGTERM: stop accepting, let in-flight requests and the projector's batch finish (app.close
 * runs every shutdown hook and closes the pool), then `after` (stopping the embedded server), and exit 0
 * (Nest's own hooks would re-raise the signal: status 143, which supervisors count as a crash).
 */
export function exitOnSignals(app: INestApplication, after?: () => Promise<void>, graceMs = 10_000): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => {
      console.error(JSON.stringify({ level: 50, msg: `shutdown took over ${graceMs} ms after ${signal}; exiting` }));
      process.exit(1);
    }, graceMs);
    force.unref();
    let code = 0;
    await app.close().catch((err) => {
      code = 1;
      console.error(JSON.stringify({ level: 50, msg: 'error during shutdown', err: String(err) }));
    });
    await after?.().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

/** The timeline's JSON pages (GET /timeline without an export format): compressed by their own route, once per page. */
const OWN_ENCODING = /^\/timeline(?:\?(?!(?:.*&)?format=(?!json(?:&|$)))|$)/;

/**
 * gzip or brotli for responses over 1 KB the client accepts it for (exports, article lists, the API
 * document, the page's scripts), by the `compression` middleware. Not for the timeline's JSON pages,
 * which their route compresses once per page instead of once per request, nor for the live updates'
 * event stream, which says `Cache-Control: no-transform` (each event must reach the browser at once).
 */
function compressed() {
  const compress = compression({ threshold: 1024 });
  return (req: Request, res: Response, next: NextFunction) => (OWN_ENCODING.test(req.url) ? next() : compress(req, res, next));
}
