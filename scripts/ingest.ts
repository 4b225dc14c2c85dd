/**
 * Ingests articles over HTTP into a running service.
 *
 *   npm run ingest -- PATH… [--url http://127.0.0.1:3000] [--concurrency 4]
 *                           [--published 2024-12-01T19:00:00+03:00] [--timezone Asia/Baghdad] [--outlet NAME]
 *
 * PATH is a folder with manifest.json (as seeds/), a .jsonl file (one POST /articles body per line),
 * a .json file (a body or an array of them), a .txt file (needs --published), or a folder of these.
 * Prints a progress bar on a terminal and plain lines otherwise, then every failure with its reason.
 * Exits 0 only if every article went in (new or already stored), 1 if any failed, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { ingestOverHttp } from '../src/cli/ingest-http';
import { collectItems } from '../src/cli/ingest-sources';
import { formatSeconds, Progress } from '../src/cli/progress';

const USAGE = `usage: npm run ingest -- PATH… [--url URL] [--concurrency N] [--published ISO] [--timezone ZONE] [--outlet NAME]`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string', default: process.env.CHRONICLE_URL ?? 'http://127.0.0.1:3000' },
        concurrency: { type: 'string', short: 'c', default: '4' },
        published: { type: 'string' },
        timezone: { type: 'string' },
        outlet: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const concurrency = Number(values.concurrency);
  if (!positionals.length || !Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    console.error(!positionals.length ? `no PATH given\n${USAGE}` : '--concurrency must be a whole number from 1 to 64');
    return 2;
  }
  try {
    new URL(values.url!);
  } catch {
    console.error(`--url is not a URL: ${values.url}`);
    return 2;
  }

  const items = collectItems(positionals, { published: values.published, timezone: values.timezone, outlet: values.outlet });
  if (!items.length) {
    console.error('nothing to ingest in the given paths');
    return 1;
  }
  console.log(`ingesting ${items.length} article(s) into ${values.url} with ${concurrency} in flight`);
  const report = await ingestOverHttp(items, { url: values.url!, concurrency, progress: new Progress('ingest') });
  console.log(
    `done in ${formatSeconds(Math.round(report.seconds))}: ${report.created} new, ${report.existing} already stored, ${report.failures.length} failed of ${report.total}`,
  );
  if (report.failures.length) {
    console.log('failures:');
    for (const f of report.failures) console.log(`  ${f.label}: ${f.reason}`);
  }
  return report.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
