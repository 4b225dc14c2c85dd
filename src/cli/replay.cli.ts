import { ReplaysService, ReplayKind } from '../admin/replays.service';
import { runWithApp } from './context';
import { Progress } from './progress';

/**
 * `npm run replay -- analysis|projections [--articles id,…]`: queues a replay like the admin API
 * does and follows it to the end (it runs in this process, or in a running service that holds the lock).
 */
const [kind, ...rest] = process.argv.slice(2);
const i = rest.indexOf('--articles');
const ids = i >= 0 ? rest[i + 1]?.split(',').filter(Boolean) : undefined;

if (kind !== 'analysis' && kind !== 'projections') {
  console.error('usage: npm run replay -- analysis|projections [--articles id,id,…]');
  process.exit(2);
}

runWithApp(async (app) => {
  const replays = app.get(ReplaysService);
  const { replayId } = await replays.request(kind as ReplayKind, ids, `cli:${process.env.USER ?? 'unknown'}`);
  const progress = new Progress(`${kind} replay`);
  for (;;) {
    const r = await replays.get(replayId);
    progress.update(r.done, r.total);
    if (r.status === 'completed' || r.status === 'failed') {
      progress.finish();
      console.log(`replay ${replayId}: ${r.status}${r.error ? ` (${r.error})` : ''}, ${r.done}/${r.total}, ${r.appended} events appended`);
      return r.status === 'completed' ? 0 : 1;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
});
