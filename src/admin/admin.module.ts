import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AdminController } from './admin.controller';
import { ReplaysService } from './replays.service';

@Module({
  imports: [ArticlesModule],
  controllers: [AdminController],
  providers: [ReplaysService],
})
export class AdminModule {}
