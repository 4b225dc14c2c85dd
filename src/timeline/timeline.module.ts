import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { GetTimelineEntryHandler, GetTimelineHandler } from './timeline.queries';

/** GET /timeline and its exports: reads of the timeline projection's tables. */
@Module({
  controllers: [TimelineController],
  providers: [GetTimelineHandler, GetTimelineEntryHandler],
})
export class TimelineModule {}
