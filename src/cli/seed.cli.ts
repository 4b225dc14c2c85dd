import { CommandBus } from '@nestjs/cqrs';
import { ingestSeeds } from '../articles/articles.module';
import { runWithApp } from './context';

/** `npm run seed`: ingests seeds/ through the same command path as POST /articles. */
runWithApp(async (app) => {
  const created = await ingestSeeds(app.get(CommandBus));
  console.log(`seeds: ${created} new article(s) ingested`);
}, { PROJECTOR_ENABLED: 'false' });
