import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A keep-alive HTTP client for the service (node's own: a client's overhead must not cost the service cores). */
export class Client {
  readonly agent: http.Agent;
  constructor(readonly base: string, sockets = 16) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    const u = new URL(url, this.base);
    return new Promise((resolve, reject) => {
      const req = http.request(
        u,
        {
          method,
          agent: this.agent,
          headers: body === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  async json<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: T }> {
    const res = await this.request(method, url, body === undefined ? undefined : JSON.stringify(body), headers);
    let data: any = res.body;
    try {
      data = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.status, data };
  }

  close(): void {
    this.agent.destroy();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const KB = 1024;

function status(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) * KB;
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) * KB;
    return { rss, hwm };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * Peak resident memory of a process per stage: samples VmRSS every 100 ms and reads VmHWM (the kernel's
 * own peak), which `clear_refs` resets at the start of each stage where the kernel allows it.
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout;
  private hwmReset = false;
  constructor(readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  private sample(): void {
    const s = status(this.pid);
    if (s) this.peak = Math.max(this.peak, s.rss, this.hwmReset ? s.hwm : 0);
  }

  /** Starts a new stage: forgets the previous peak. */
  reset(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.hwmReset = true;
    } catch {
      this.hwmReset = false;
    }
    this.peak = 0;
    this.sample();
  }

  /** The peak since the last reset, in MiB. */
  peakMb(): number {
    this.sample();
    return Math.round((this.peak / KB / KB) * 10) / 10;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface ServiceOptions {
  databaseUrl: string;
  projector: boolean;
  adminToken: string;
  /** Write a V8 CPU profile of the service to this folder when it stops. */
  cpuProfDir?: string;
  logFile?: string;
}

/** The real service (`node dist/src/main.js`) as a child process. */
export class Service {
  readonly client: Client;
  readonly rss: RssSampler;
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess, readonly port: number, readonly options: ServiceOptions) {
    this.client = new Client(`http://127.0.0.1:${port}`);
    this.rss = new RssSampler(child.pid!);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: ServiceOptions): Promise<Service> {
    const port = await freePort();
    const root = path.resolve(__dirname, '..', '..', '..');
    const args = [];
    if (options.cpuProfDir) {
      // --cpu-prof writes at exit; Nest re-raises SIGTERM after closing, which would skip the write.
      args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, '-r', path.join(root, 'dist', 'bench', 'lib', 'exit-on-term.js'));
    }
    // As `npm start` runs it: with its heap budget (HEAP_MB).
    args.push(`--max-old-space-size=${process.env.HEAP_MB || 384}`, '--max-semi-space-size=16', path.join(root, 'dist', 'src', 'main.js'));
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_ON_START: 'false',
        LOG_LEVEL: 'warn',
        ADMIN_TOKEN: options.adminToken,
        PROJECTOR_ENABLED: String(options.projector),
        // The bench is one client sending thousands of writes and polling the admin API: no rate limits.
        THROTTLE_WRITES_PER_MINUTE: '0',
        THROTTLE_ADMIN_PER_MINUTE: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(options.logFile ?? path.join(os.tmpdir(), `chronicle-bench-service-${port}.log`), { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const svc = new Service(child, port, options);
    const deadline = Date.now() + 60_000;
    let exitCode: number | null | undefined;
    void svc.exited.then((c) => (exitCode = c));
    for (;;) {
      if (exitCode !== undefined) throw new Error(`the service exited with ${exitCode} while starting (log: ${log.path})`);
      try {
        const res = await svc.client.request('GET', '/health');
        if (res.status === 200) return svc;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        await svc.stop();
        throw new Error(`the service did not become healthy within 60 s (log: ${log.path})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    this.rss.stop();
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
