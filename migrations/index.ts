import { EventStore1732000000000 } from './1732000000000-event-store';
import { ArticleSha1732000000500 } from './1732000000500-article-sha';
import { Timeline1732000001000 } from './1732000001000-timeline';
import { Replays1732000002000 } from './1732000002000-replays';
import { TimelineBlocks1732000003000 } from './1732000003000-timeline-blocks';
import { TimelineFold1732000004000 } from './1732000004000-timeline-fold';
import { TimelineSlim1732000005000 } from './1732000005000-timeline-slim';
import { TimelineComponents1732000006000 } from './1732000006000-timeline-components';
import { TimelineWords1732000007000 } from './1732000007000-timeline-words';
import { TimelineGenerations1732000008000 } from './1732000008000-timeline-generations';
import { TimelineCopy1732000009000 } from './1732000009000-timeline-copy';
import { TimelineWindow1732000010000 } from './1732000010000-timeline-window';
import { TimelineByteOrder1732000011000 } from './1732000011000-timeline-byte-order';
import { TimelineEntryQuotes1732000012000 } from './1732000012000-timeline-entry-quotes';
import { TimelineDetach1732000013000 } from './1732000013000-timeline-detach';
import { TimelineBodyLz41732000014000 } from './1732000014000-timeline-body-lz4';

/** Every migration, in order. The schema changes only through these (synchronize stays off). */
export const migrations = [EventStore1732000000000, ArticleSha1732000000500, Timeline1732000001000, Replays1732000002000, TimelineBlocks1732000003000, TimelineFold1732000004000, TimelineSlim1732000005000, TimelineComponents1732000006000, TimelineWords1732000007000, TimelineGenerations1732000008000, TimelineCopy1732000009000, TimelineWindow1732000010000, TimelineByteOrder1732000011000, TimelineEntryQuotes1732000012000, TimelineDetach1732000013000, TimelineBodyLz41732000014000];
