import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { join } from 'node:path';
import { PUBLIC_DIR, PUBLIC_FILES, vendorFiles } from './assets';
import { Positions, PositionWatch } from './position-watch';

const HEARTBEAT_MS = 15_000;

/** GET / (the timeline page), its assets, and the browser libraries it uses, all same-origin. */
@Controller()
export class WebController {
  private readonly vendor = vendorFiles();

  @Get()
  @ApiExcludeEndpoint()
  page(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').sendFile(join(PUBLIC_DIR, 'index.html'));
  }

  @Get('assets/:name')
  @ApiExcludeEndpoint()
  asset(@Param('name') name: string, @Res() res: Response): void {
    const type = Object.hasOwn(PUBLIC_FILES, name) ? PUBLIC_FILES[name] : undefined;
    if (!type) throw new NotFoundException(`no asset ${name}`);
    res.setHeader('Cache-Control', 'no-cache');
    res.type(type).sendFile(join(PUBLIC_DIR, name));
  }

  @Get('vendor/:name')
  @ApiExcludeEndpoint()
  vendorFile(@Param('name') name: string, @Res() res: Response): void {
    const file = Object.hasOwn(this.vendor, name) ? this.vendor[name] : undefined;
    if (!file) throw new NotFoundException(`no vendor file ${name}`);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(file.type).sendFile(file.path);
  }
}

/** Server-sent events: `position` whenever a projection checkpoint or the store advances. */
@ApiTags('timeline')
@Controller('events')
export class StreamController {
  constructor(private readonly watch: PositionWatch) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Live updates (text/event-stream)',
    description: 'Sends `event: position` with `{ position, stored, projections }` at once and whenever the projection position or the store advances; a comment line every 15 s keeps proxies from closing it.',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'an endless event stream' })
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const initial = await this.watch.current();
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // Tells nginx-style proxies not to buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let id = 0;
    let last = '';
    const send = (p: Positions) => {
      const data = JSON.stringify(p);
      if (data === last) return;
      last = data;
      id++;
      res.write(`id: ${id}\nevent: position\ndata: ${data}\n\n`);
    };
    res.write('retry: 2000\n\n');
    send(initial);

    let closed = false;
    const heartbeat = setInterval(() => res.write(': keepalive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    };
    const unsubscribe = this.watch.subscribe(send, close);
    res.on('close', close);
  }
}
