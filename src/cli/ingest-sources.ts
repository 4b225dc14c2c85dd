import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readManifestFolder } from '../articles/seeds';

/** One thing to POST, or a reason it cannot be (a malformed line is a failure, not a crash). */
export interface IngestItem {
  /** Where it came from: `file`, `file:line` or `folder/file`, for the failure list. */
  label: string;
  body?: Record<string, unknown>;
  error?: string;
}

export interface SourceOptions {
  /** Publication instant for bare .txt files (ISO 8601 with offset). */
  published?: string;
  timezone?: string;
  outlet?: string;
}

/**
 * Expands paths into POST /articles bodies: a folder with manifest.json (as seeds/), a `.jsonl`
 * file (one body per line), a `.json` file (one body or an array), a `.txt` file (its text, with
 * `published`), or a folder of any of these (walked in name order).
 */
export function collectItems(paths: string[], opts: SourceOptions = {}): IngestItem[] {
  const out: IngestItem[] = [];
  for (const p of paths) collect(p, opts, out, true);
  return out;
}

function collect(path: string, opts: SourceOptions, out: IngestItem[], explicit: boolean): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    out.push({ label: path, error: 'no such file or folder' });
    return;
  }
  if (stat.isDirectory()) {
    if (existsFile(join(path, 'manifest.json'))) {
      try {
        const articles = readManifestFolder(path);
        const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8')) as { articles: { file: string }[] };
        articles.forEach((a, i) => out.push({ label: join(path, manifest.articles[i]?.file ?? String(i)), body: withDefaults({ ...a }, opts) }));
      } catch (err) {
        out.push({ label: join(path, 'manifest.json'), error: `unreadable manifest: ${(err as Error).message}` });
      }
      return;
    }
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith('.')) continue;
      const child = join(path, name);
      const isDir = statSync(child).isDirectory();
      if (isDir || ['.jsonl', '.json', '.txt'].includes(extname(name))) collect(child, opts, out, false);
    }
    return;
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return readJsonl(path, opts, out);
  if (ext === '.json') return readJson(path, opts, out);
  if (ext === '.txt' || explicit) return readText(path, opts, out);
}

function existsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function withDefaults(body: Record<string, unknown>, opts: SourceOptions): Record<string, unknown> {
  if (opts.timezone && body.timezone === undefined) body.timezone = opts.timezone;
  if (opts.outlet && body.outlet === undefined) body.outlet = opts.outlet;
  if (opts.published && body.publishedAt === undefined) body.publishedAt = opts.published;
  return body;
}

function readJsonl(path: string, opts: SourceOptions, out: IngestItem[]): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const label = `${path}:${i + 1}`;
    try {
      const body = JSON.parse(line) as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) out.push({ label, error: 'the line is not a JSON object' });
      else out.push({ label, body: withDefaults(body as Record<string, unknown>, opts) });
    } catch (err) {
      out.push({ label, error: `malformed JSON (${(err as Error).message})` });
    }
  });
}

function readJson(path: string, opts: SourceOptions, out: IngestItem[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    out.push({ label: path, error: `malformed JSON (${(err as Error).message})` });
    return;
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((body, i) => {
    const label = Array.isArray(parsed) ? `${path}[${i}]` : path;
    if (!body || typeof body !== 'object' || Array.isArray(body)) out.push({ label, error: 'not a JSON object' });
    else out.push({ label, body: withDefaults(body as Record<string, unknown>, opts) });
  });
}

function readText(path: string, opts: SourceOptions, out: IngestItem[]): void {
  if (!opts.published) {
    out.push({ label: path, error: 'a .txt file needs --published (ISO 8601 with offset)' });
    return;
  }
  out.push({ label: path, body: withDefaults({ text: readFileSync(path, 'utf8') }, opts) });
}

