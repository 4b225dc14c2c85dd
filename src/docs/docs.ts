import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** GET /docs (Swagger UI, served from node_modules: no CDN) and GET /docs-json (OpenAPI 3). */
export function setupDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Chronicle')
    .setDescription('One reconciled chronology from many news reports, on a PostgreSQL event store.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, 'admin')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
