import { createHash } from 'node:crypto';
import type { AnalysisResult } from '../analysis/types';
import type { NewEvent } from '../event-store/event-store';
import {
  ANALYSIS_COMPLETED,
  ANALYSIS_STARTED,
  AnalysisCompletedData,
  AnalysisStartedData,
  ArticleSubmittedData,
  FactReportedData,
  streamIdOf,
} from './article-events';

/** The analyser the service runs; injectable so a replay can be tested with another version. */
export interface Analyser {
  readonly version: string;
  analyse(input: { text: string; publishedAt: string; timezone?: string }): AnalysisResult;
}
export const ANALYSER = Symbol('ANALYSER');

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A name-based UUID (v5 layout): the same stream, run and slot always give the same event id. */
export function eventIdOf(name: string): string {
  const h = createHash('sha1').update(`chronicle:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The events of one analysis run: AnalysisStarted, one dated domain event per fact, AnalysisCompleted. */
export function runEvents(
  submitted: ArticleSubmittedData,
  runId: string,
  analyser: Analyser,
  metadata: Record<string, unknown>,
): NewEvent[] {
  const { articleId } = submitted;
  const stream = streamIdOf(articleId);
  const result = analyser.analyse({ text: submitted.text, publishedAt: submitted.publishedAt, timezone: submitted.timezone });
  const meta = { ...metadata, analyserVersion: analyser.version };
  const started: AnalysisStartedData = { articleId, runId, analyserVersion: analyser.version };
  const facts = result.facts.map((f): NewEvent<FactReportedData> => ({
    eventId: eventIdOf(`${stream}/${runId}/fact/${f.index}`),
    type: f.type,
    data: { ...f, factId: `${articleId}:${runId}:${f.evidence.start}-${f.evidence.end}:${f.index}`, articleId, runId },
    metadata: meta,
  }));
  const completed: AnalysisCompletedData = { articleId, runId, analyserVersion: analyser.version, count: facts.length };
  return [
    { eventId: eventIdOf(`${stream}/${runId}/started`), type: ANALYSIS_STARTED, data: started, metadata: meta },
    ...facts,
    { eventId: eventIdOf(`${stream}/${runId}/completed`), type: ANALYSIS_COMPLETED, data: completed, metadata: meta },
  ];
}

/** The facts of a stream's latest run, for comparing a re-analysis with what is stored. */
export interface RunView {
  runId: string;
  analyserVersion: string;
  facts: FactReportedData[];
  /** 1 for the first run of the stream. */
  number: number;
}

export function latestRun(events: { type: string; data: any; streamVersion: number }[]): RunView | null {
  let run: RunView | null = null;
  let open: RunView | null = null;
  let count = 0;
  for (const e of events) {
    if (e.type === ANALYSIS_STARTED) {
      count++;
      open = { runId: e.data.runId, analyserVersion: e.data.analyserVersion, facts: [], number: count };
    } else if (e.type === ANALYSIS_COMPLETED) {
      if (open) run = open;
      open = null;
    } else if (open && e.data?.factId) {
      open.facts.push(e.data);
    }
  }
  return run;
}
