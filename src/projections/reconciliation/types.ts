/**
 * The reconciliation's input and output: plain data, no framework. A `SourceFact` is one dated fact of
 * the latest completed analysis run of an article, with the article's metadata the entries show.
 */
import type { DatedBy, Fact, FactStatus, Figure, When } from '../../analysis/types';

/** A fact of an analysis run (its index aside), with its stable id and its article's metadata. */
export interface SourceFact extends Omit<Fact, 'index'> {
  /** Stable id of the fact in its run; kept for provenance only, never used to derive ids or order. */
  factId: string;
  articleId: string;
  outlet: string | null;
  publishedAt: string;
}

export type EntryStatus = 'reported' | 'claimed' | 'planned' | 'denied' | 'confirmed' | 'disputed';

export interface EntryWhen {
  from: string | null;
  to: string | null;
  precision: When['precision'];
  edtf: string;
  label: string;
}

export interface EntrySource {
  articleId: string;
  outlet: string | null;
  publishedAt: string;
  quote: string;
  start: number;
  end: number;
  timeExpression: string | null;
  /** The fact's own status: a planned report kept beside the reports that confirm it. */
  status: FactStatus;
  when: { from: string | null; to: string | null; precision: When['precision']; edtf: string };
}

export interface EntryFigure {
  count: number;
  qualifier: Figure['qualifier'];
  unit: string;
  text: string;
  /** The day the figure speaks of: the report's date, or its publication day for a running total. */
  asOf: string | null;
  articleIds: string[];
}

export interface ConflictValue {
  value: string | number;
  label: string;
  articleIds: string[];
}

export interface Conflict {
  field: 'date' | 'figures' | 'status';
  /** For figures: what is counted and the day. */
  unit?: string;
  asOf?: string | null;
  values: ConflictValue[];
}

export interface NamedKey {
  text: string;
  key: string;
}

/** An entry as GET /timeline serves it. */
export interface TimelineEntry {
  id: string;
  when: EntryWhen;
  title: string;
  kind: string;
  status: EntryStatus;
  participants: NamedKey[];
  places: NamedKey[];
  figures: EntryFigure[];
  sources: EntrySource[];
  sourceCount: number;
  conflicts: Conflict[];
}

/** What GET /timeline/entries/:id adds: each source's fact with how it was dated. */
export interface EntryProvenance {
  factId: string;
  articleId: string;
  type: string;
  kind: string;
  title: string;
  status: FactStatus;
  attribution: string | null;
  when: When;
  datedBy: DatedBy;
  evidence: { text: string; start: number; end: number };
}

export interface ReconciledEntry {
  entry: TimelineEntry;
  /** The member facts' ids (to find the entry again when one of them changes). */
  factIds: string[];
}
