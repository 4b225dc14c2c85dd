/**
 * npm run analyze -- FILE --published ISO [--tz ZONE]
 * Prints the AnalysisResult of one article as JSON (FILE "-" reads standard input).
 */
import { readFileSync } from 'node:fs';
import { analyse } from '../src/analysis';

function main(argv: string[]): number {
  let file: string | null = null;
  let published: string | null = null;
  let tz: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--published' || a === '-p') published = argv[++i] ?? null;
    else if (a.startsWith('--published=')) published = a.slice('--published='.length);
    else if (a === '--tz' || a === '--timezone') tz = argv[++i];
    else if (a.startsWith('--tz=')) tz = a.slice('--tz='.length);
    else if (!file) file = a;
  }
  if (!file || !published) {
    process.stderr.write('usage: npm run analyze -- FILE --published 2024-12-01T19:00:00+03:00 [--tz Europe/Paris]\n');
    return 2;
  }
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  const result = analyse({ text, publishedAt: published, timezone: tz });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
