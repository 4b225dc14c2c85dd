import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

const ROOT = resolve(__dirname, '../..');
let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'chronicle-ingest-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** Runs `npm run ingest -- …` as a user would (without npm's banner), stdout not a terminal. */
function ingest(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/ingest.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const line = (o: unknown) => JSON.stringify(o);

describe('npm run ingest', () => {
  it('posts a .jsonl file, lists the failures with their reasons and exits 1, storing the valid ones', async () => {
    const file = join(dir, 'articles.jsonl');
    const lines = [
      line({ id: 'cli-a', outlet: 'Wire', publishedAt: '2024-12-02T10:00:00+03:00', timezone: 'Asia/Damascus', text: 'Protesters gathered in the square on Monday, "chanting", = loudly.' }),
      line({ id: 'cli-b', publishedAt: '2024-12-03T10:00:00Z', text: 'The council met on Tuesday and approved the budget.' }),
      line({ id: 'cli-bad', text: 'no publication time' }),
      '{ not json',
      '',
      line({ id: 'cli-c', publishedAt: '2024-12-04T08:00:00+01:00', text: 'Talks resumed on Wednesday <script>alert(1)</script>.' }),
    ];
    writeFileSync(file, lines.join('\n') + '\n');

    const out = await ingest([file, '--url', t.url, '--concurrency', '2']);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/ingesting 5 article\(s\)/);
    expect(out.stdout).toMatch(/3 new, 0 already stored, 2 failed of 5/);
    expect(out.stdout).toContain(`${file}:3: 400 publishedAt is required`);
    expect(out.stdout).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: malformed JSON`));
    // Not a terminal: plain progress lines, no carriage-return redraws.
    expect(out.stdout).toMatch(/^ingest 5\/5 .*failures 2$/m);
    expect(out.stdout).not.toContain('\r');

    const listed = await request(t.url).get('/articles?limit=500').expect(200);
    expect(listed.body.articles.map((a: { articleId: string }) => a.articleId).sort()).toEqual(['cli-a', 'cli-b', 'cli-c']);
    const a = await request(t.url).get('/articles/cli-a').expect(200);
    expect(a.body.text).toBe('Protesters gathered in the square on Monday, "chanting", = loudly.');
  });

  it('ingests a manifest folder, counts repeats as already stored, and exits 0 when all went in', async () => {
    const first = await ingest([join(ROOT, 'seeds'), '--url', t.url]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/5 new, 0 already stored, 0 failed of 5/);
    const again = await ingest(['seeds', '--url', t.url, '-c', '5']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 new, 5 already stored, 0 failed of 5/);
    expect(again.stdout).not.toMatch(/failures:/);
  });

  it('ingests a .txt file with --published, and refuses one without it', async () => {
    const txt = join(dir, 'note.txt');
    writeFileSync(txt, 'The bridge reopened on Friday after repairs.');
    const without = await ingest([txt, '--url', t.url]);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain(`${txt}: a .txt file needs --published`);
    const ok = await ingest([txt, '--url', t.url, '--published', '2024-12-06T18:00:00+00:00', '--timezone', 'Europe/London', '--outlet', 'Local']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/1 new/);
  });

  it('reports an unreachable server as failures, and bad usage with exit 2', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, line({ publishedAt: '2024-12-02T10:00:00Z', text: 'Anything.' }) + '\n');
    const down = await ingest([file, '--url', 'http://127.0.0.1:9', '-c', '1']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/articles/);
    expect((await ingest(['--url', t.url])).code).toBe(2);
    expect((await ingest([file, '--concurrency', 'zero'])).code).toBe(2);
  }, 30000);
});
