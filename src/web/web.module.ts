import { Module } from '@nestjs/common';
import { PositionWatch } from './position-watch';
import { StreamController, WebController } from './web.controller';

/** The timeline page for people: GET /, its assets, and the live-update stream. */
@Module({
  controllers: [WebController, StreamController],
  providers: [PositionWatch],
})
export class WebModule {}
