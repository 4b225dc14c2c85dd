import { Pool } from 'pg';
import { Browser, chromium } from 'playwright-core';
import request from 'supertest';
import type { TestApp } from '../support/app';

/** Debian's chromium, headless, with nothing reaching out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Waits until GET /timeline reflects every stored event. The projection reads only what all older
 * transactions have committed (DESIGN 3), and on a shared server another suite's open transaction
 * can hold it back until the 30 s idle timeout ends it; hence the long limit.
 */
export async function projectionCaughtUp(t: TestApp, limitMs = 60_000): Promise<string> {
  const pool = new Pool({ connectionString: t.db.url, max: 1 });
  try {
    const { rows } = await pool.query<{ head: string }>('select coalesce(max(global_position), 0)::text as head from events');
    const head = BigInt(rows[0].head);
    const until = Date.now() + limitMs;
    for (;;) {
      const res = await request(t.url).get(`/timeline?limit=1&minPosition=${head}`).expect(200);
      if (BigInt(res.body.position) >= head) return res.body.position;
      if (Date.now() > until) throw new Error(`the projection stayed at ${res.body.position}, the store is at ${head}`);
    }
  } finally {
    await pool.end();
  }
}
