import { Global, Module } from '@nestjs/common';
import { PROJECTION_REBUILDER } from '../admin/replays.service';
import { ProjectionsService } from './projections.service';

/**
 * The projector and its status. Global so the admin replays (which take an optional
 * PROJECTION_REBUILDER) and the timeline reads see the one instance of this process.
 */
@Global()
@Module({
  providers: [ProjectionsService, { provide: PROJECTION_REBUILDER, useExisting: ProjectionsService }],
  exports: [ProjectionsService, PROJECTION_REBUILDER],
})
export class ProjectionsModule {}
