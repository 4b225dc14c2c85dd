import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { Server as NetServer, Socket } from 'node:net';

/** How long a shutdown waits for requests already received; supervisors usually kill after 10 s or more. */
const GRACE_MS = 8_000;
/** A connection silent this long has no request in its buffer. */
const QUIET_MS = 250;
/** Connections the kernel completed but a busy event loop has not accepted yet are reset when the listener closes. */
const LAME_DUCK_MS = 300;

/**
 * Drains HTTP before Nest closes the server and the pool. `http.Server.close()` (Node 19+) destroys
 * every connection without a request in progress, including accepted ones whose request bytes the
 * busy event loop has not parsed yet: under load that resets requests clients had already sent.
 * So: keep accepting a moment (the kernel's backlog), then stop listening, answer what arrives on open
 * connections (closing them after each response), and let Nest close once they are quiet.
 */
@Injectable()
export class GracefulShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly lastActivity = new Map<Socket, number>();
  private active = 0;
  private stopping = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }

  onApplicationBootstrap(): void {
    const server = this.server();
    if (!server) return;
    server.on('connection', (socket: Socket) => {
      this.lastActivity.set(socket, Date.now());
      socket.on('data', () => this.lastActivity.set(socket, Date.now()));
      socket.on('close', () => this.lastActivity.delete(socket));
    });
    server.on('request', (_req, res) => {
      this.active++;
      if (this.stopping) res.shouldKeepAlive = false;
      res.once('close', () => this.active--);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server();
    if (!server?.listening) return;
    this.stopping = true;
    await new Promise((r) => setTimeout(r, LAME_DUCK_MS));
    // Stop accepting without touching the open connections (net's close, not http's).
    NetServer.prototype.close.call(server);
    const until = Date.now() + GRACE_MS;
    for (;;) {
      const now = Date.now();
      const quiet = [...this.lastActivity.values()].every((t) => now - t >= QUIET_MS);
      if ((this.active === 0 && quiet) || now >= until) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    if (this.active > 0) this.logger.warn(`${this.active} request(s) still running after ${GRACE_MS} ms; closing anyway`);
  }
}
