import type { Pool } from 'pg';
import { ARTICLE_SUBMITTED, ArticleSubmittedData, FactReportedData, streamIdOf } from '../articles/article-events';
import { Analyser, latestRun, runEvents } from '../articles/article-stream';
import { notifyAppended } from '../articles/notify';
import { canonicalJson } from '../common/canonical-json';
import { ConcurrencyError, EventStore } from '../event-store/event-store';

/** The facts of a run without the ids that name the run: what "the same output" compares. */
function comparable(facts: { factId?: string; runId?: string; articleId?: string }[]): string {
  return canonicalJson(facts.map(({ factId, runId, articleId, ...rest }) => rest));
}

/** Ids of the articles to replay: the given ones, or every stored article in store order. */
export async function articleIds(pool: Pool, only?: string[] | null): Promise<string[]> {
  if (only?.length) return only;
  const { rows } = await pool.query(
    `select data->>'articleId' as id from events where type = $1 order by global_position`,
    [ARTICLE_SUBMITTED],
  );
  return rows.map((r) => r.id);
}

/**
 * Re-analyses one article with the current analyser and appends a new run, unless the latest run
 * already has this analyser version and the same facts. Returns the number of events appended.
 */
export async function reanalyse(store: EventStore, pool: Pool, analyser: Analyser, articleId: string, replayId: string): Promise<number> {
  const streamId = streamIdOf(articleId);
  for (let attempt = 0; ; attempt++) {
    const events = await store.readStream(streamId);
    const submitted = events.find((e) => e.type === ARTICLE_SUBMITTED);
    if (!submitted) return 0;
    const latest = latestRun(events);
    const runId = `run-${(latest?.number ?? 0) + 1}`;
    const next = runEvents(submitted.data as ArticleSubmittedData, runId, analyser, { replayId, correlationId: replayId });
    const nextFacts = next.slice(1, -1).map((e) => e.data as FactReportedData);
    if (latest && latest.analyserVersion === analyser.version && comparable(latest.facts) === comparable(nextFacts)) return 0;
    try {
      const res = await store.append(streamId, events[events.length - 1].streamVersion, next);
      await notifyAppended(pool, res.positions[res.positions.length - 1]);
      return next.length;
    } catch (err) {
      // Someone appended meanwhile (another replay, a withdrawal): look again.
      if (err instanceof ConcurrencyError && attempt < 3) continue;
      throw err;
    }
  }
}
