import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { ArticlesModule } from './articles/articles.module';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { GracefulShutdown } from './common/graceful-shutdown';
import { PoolErrorGuard } from './common/pool-guard';
import { ThrottleModule } from './common/throttle';
import { Config, CONFIG } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { WebModule } from './web/web.module';
import { ProjectionsModule } from './projections/projections.module';
import { TimelineModule } from './timeline/timeline.module';

/** The timeline's read routes: the hot path, and nothing there logs but a failure. */
const READ_ROUTES: RouteInfo[] = [
  { path: 'timeline', method: RequestMethod.GET },
  { path: 'timeline/*rest', method: RequestMethod.GET },
];

const logsRequests = (config: Config) => config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';

/** Feature modules register here; each is a folder of its own (DESIGN section 2). */
const FEATURES: DynamicModule['imports'] = [ArticlesModule, AdminModule, WebModule, ProjectionsModule, TimelineModule];

@Module({})
export class AppModule {
  /** The configuration is parsed once, before the module exists, and injected as CONFIG. */
  static register(config: Config & { DATABASE_URL: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // A database error's detail/where (and TypeORM's parameters) can quote the failing row: article text.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'err.detail', 'err.where', 'err.*.detail', 'err.*.where', 'err.parameters'],
            autoLogging: logsRequests(config),
          },
          // Binding a logger to a request serialises the request up front: about a tenth of a cached
          // timeline read's CPU and an eighth of its garbage. Unless requests are logged, the read
          // routes go without one; a failure there still names its request (AllExceptionsFilter).
          exclude: logsRequests(config) ? undefined : READ_ROUTES,
        }),
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL, config.PG_POOL_SIZE)),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        EventStoreModule,
        ThrottleModule.register(config),
        { module: ConfigHolder, global: true, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] },
        ...(FEATURES ?? []),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, GracefulShutdown, PoolErrorGuard],
    };
  }
}

@Module({})
class ConfigHolder {}
