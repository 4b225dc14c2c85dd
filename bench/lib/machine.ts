import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { serverVersion } from './db';

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  gitCommit: string;
  /** 1-minute load average at the start and end: the machine is shared with other work. */
  loadAtStart: number[];
}

export async function machineFacts(): Promise<MachineFacts> {
  // A run from a snapshot of the tree (no .git) names its commit in BENCH_COMMIT.
  let gitCommit = process.env.BENCH_COMMIT ?? 'unknown';
  if (!process.env.BENCH_COMMIT) try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a checkout */
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: await serverVersion(),
    gitCommit,
    loadAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** CPU seconds other processes used while a stage ran: a rough figure of the load the bench shared the cores with. */
export function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}
