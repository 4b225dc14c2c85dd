import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArticleInput } from './ingest-article.command';

interface Manifest {
  timezone?: string;
  articles: { id?: string; file: string; publishedAt: string; outlet?: string | null; url?: string | null; title?: string | null; language?: string | null; timezone?: string }[];
}

/** Reads a folder of text files described by its manifest.json into ingestible articles. */
export function readManifestFolder(dir: string): ArticleInput[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return manifest.articles.map((a) => {
    const out: ArticleInput = {
      publishedAt: a.publishedAt,
      text: readFileSync(join(dir, a.file), 'utf8'),
    };
    if (a.id) out.id = a.id;
    if (a.outlet) out.outlet = a.outlet;
    if (a.url) out.url = a.url;
    if (a.title) out.title = a.title;
    if (a.language) out.language = a.language;
    const tz = a.timezone ?? manifest.timezone;
    if (tz) out.timezone = tz;
    return out;
  });
}

/** The project's seeds/ folder, from src/articles or from its compiled copy in dist/src/articles. */
export const SEEDS_DIR = resolve(__dirname, __filename.endsWith('.js') ? '../../..' : '../..', 'seeds');
