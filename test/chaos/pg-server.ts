/**
 * A private embedded PostgreSQL in its own process, for the outage test (jest's VM cannot load the
 * ESM-only package): `node -r @swc-node/register test/chaos/pg-server.ts <dir> <port>` prints
 * `READY <url>` once it accepts connections and stops the server on SIGTERM.
 */
import { startEmbeddedPostgres } from '../../src/database/embedded';

async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres(dir, Number(port));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`READY ${server.url}\n`);
}

main().catch((err) => {
  console.error(`pg-server failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
