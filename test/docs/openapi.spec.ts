import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(async () => t.close());

describe('API documentation', () => {
  it('serves a valid OpenAPI 3 document with every route, its schemas and error responses', async () => {
    const res = await request(t.url).get('/docs-json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    const paths = Object.keys(doc.paths);
    for (const p of ['/articles', '/articles/{id}', '/articles/{id}/events', '/analyze', '/admin/replays', '/admin/replays/{id}', '/health']) {
      expect(paths).toContain(p);
    }
    const post = doc.paths['/articles'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual(['publishedAt', 'text']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '409', '413']));
  });

  it('serves the Swagger UI from this server', async () => {
    const res = await request(t.url).get('/docs').redirects(1).expect(200);
    expect(res.text).toMatch(/swagger-ui/i);
    expect(res.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });
});
