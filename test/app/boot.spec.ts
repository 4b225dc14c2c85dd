import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the service as a real process (src/main.ts through swc) with the given environment. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...base, LOG_LEVEL: 'warn', SEED_ON_START: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForHealth(port: number, ms: number): Promise<{ status: number; body: any }> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return { status: res.status, body: await res.json() };
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('the service process', () => {
  it('boots on the embedded server from a clean data dir, answers /health, stops on SIGTERM and reuses the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-boot-'));
    try {
      for (let run = 0; run < 2; run++) {
        const port = await freePort();
        const svc = start({ PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
        const health = await waitForHealth(port, 40_000);
        expect(health.status).toBe(200);
        expect(health.body.info.database.status).toBe('up');
        svc.child.kill('SIGTERM');
        expect(await svc.exited).toBe(0);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('fails fast with a clear message when DATABASE_URL points nowhere', async () => {
    const port = await freePort();
    const svc = start({ PORT: String(port), DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nowhere` });
    const code = await Promise.race([svc.exited, new Promise((r) => setTimeout(() => r('hang'), 20_000).unref())]);
    if (code === 'hang') svc.child.kill('SIGKILL');
    expect(code).toBe(1);
    expect(svc.output()).toMatch(/start failed: .*ECONNREFUSED/);
  }, 30_000);

  it('refuses a bad configuration value, naming it', async () => {
    const svc = start({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(await svc.exited).toBe(1);
    expect(svc.output()).toMatch(/PORT: /);
    expect(svc.output()).toMatch(/DATABASE_URL: must be a postgres/);
  }, 20_000);
});
