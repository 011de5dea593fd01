import { readdirSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describeFieldProblem } from '@shouhu/common';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/app.ts';
import { testDatabaseKind } from './test/database.ts';

describe(`application (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      {},
      {
        // Routes that exist only in this test, to drive the error handler with bodies and failures.
        beforeReady: (app) => {
          app.post(
            '/test/echo',
            {
              schema: { body: Type.Object({ name: Type.String({ minLength: 1 }), age: Type.Integer() }, { additionalProperties: false }) },
            },
            (req) => req.body,
          );
          app.get('/test/boom', () => {
            throw new Error('secret internal detail');
          });
        },
      },
    );
  });
  afterAll(() => t.close());

  it('is alive and ready', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', database: testDatabaseKind, pendingMigrations: [] });
  });

  it('answers unknown addresses with route.not_found in both languages', async () => {
    const res = await t.app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'route.not_found',
        message: 'No such address',
        message_zh: '地址不存在',
        details: { method: 'GET', path: '/api/v1/nothing-here' },
      },
    });
  });

  it('names every invalid field by its label, says what is wrong in both languages, with a stable reason', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/echo', payload: { name: '', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation.failed');
    const fields = Object.fromEntries(body.error.details.fields.map((f: { field: string }) => [f.field, f]));
    expect(fields).toEqual({
      'body.name': { field: 'body.name', reason: 'required', message: 'Name is required', message_zh: '请填写姓名' },
      'body.age': { field: 'body.age', reason: 'required', message: 'age is required', message_zh: '请填写age' },
      'body.extra': {
        field: 'body.extra',
        reason: 'not_allowed',
        message: '“extra” is not accepted here',
        message_zh: '不接受字段“extra”',
      },
    });
    // The answer's own message says what is wrong, not merely that something is.
    expect(body.error.message_zh).toContain('请填写姓名');
    expect(body.error.message).toContain('Name is required');
    // The same sentences from the web's checks: one rule, in common.
    expect(describeFieldProblem({ field: 'body.mobile', reason: 'format' }, 'zh')).toBe('手机号码格式不正确');
    expect(describeFieldProblem({ field: 'residentId', reason: 'checksum' }, 'zh')).toBe('身份证号码校验位错误');
    expect(describeFieldProblem({ field: 'body.windows.0.from', reason: 'required' }, 'en')).toBe('From is required');
  });

  it('refuses malformed JSON and oversized bodies with their own codes', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid_json');
    const big = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000), age: 1 }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('request.body_too_large');
    const media = await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('request.unsupported_media_type');
  });

  it('answers an unexpected failure with internal.error, logs it with the request id, and shows no internals', async () => {
    const res = await t.app.inject({ url: '/test/boom', headers: { 'x-request-id': 'trace-123' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json().error.code).toBe('internal.error');
    expect(res.body).not.toContain('secret internal detail');
    const logged = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(logged.reqId).toBe('trace-123');
    expect(logged.err.message).toBe('secret internal detail');
  });

  it('gives every response a request id, generating one when the caller sends none or a bad one', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs requests by path only, never the query string', async () => {
    await t.app.inject('/api/v1/organizations?kind=bank&mobile=13812345678');
    const text = t.logs.join('');
    expect(text).toContain('"path":"/api/v1/organizations"');
    expect(text).not.toContain('13812345678');
  });

  it('sends security headers and no CORS permission by default', async () => {
    const res = await t.app.inject({ url: '/api/v1/organizations', headers: { origin: 'https://elsewhere.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('exposes Prometheus metrics: requests by route, database pool, job queue, event-loop lag', async () => {
    await t.app.inject('/api/v1/organizations');
    const text = (await t.app.inject('/metrics')).body;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/organizations",status_code="200"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('db_pool_connections{state="total"}');
    expect(text).toContain('jobs{state="queued"} 0');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('publishes a valid OpenAPI 3.1 document and serves the API docs without a CDN', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(spec));
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/v1/organizations', '/api/v1/jobs/{id}']));
    // The video queue's live stream is documented as what it sends, not as JSON.
    const events = spec.paths['/api/v1/public/video-sessions/{id}/events'].get.responses['200'];
    expect(Object.keys(events.content)).toEqual(['text/event-stream']);
    // The HTTP server's own refusals, which answer without the error body, are in the error model.
    expect(spec.info.description).toMatch(/431/);
    expect(spec.info.description).toMatch(/414/);
    const docs = await t.app.inject({ url: '/docs/', headers: { accept: 'text/html' } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/src="https?:\/\//);
    const bundle = await t.app.inject('/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
  });

  it('lists the demo organisations, by kind, and one by id', async () => {
    const all = (await t.app.inject('/api/v1/organizations')).json().items;
    expect(all.length).toBeGreaterThanOrEqual(24);
    const banks = (await t.app.inject('/api/v1/organizations?kind=bank')).json().items;
    expect(banks.every((o: { kind: string }) => o.kind === 'bank')).toBe(true);
    const boc = banks.find((o: { code: string }) => o.code === 'boc-sh');
    expect(boc.nameZh).toBe('中国银行上海市分行');
    const sba = all.find((o: { code: string }) => o.code === 'sba');
    expect(boc.parentId).toBe(sba.id);
    expect((await t.app.inject(`/api/v1/organizations/${boc.id}`)).json().nameEn).toBe('Bank of China Shanghai Branch');
    const missing = await t.app.inject('/api/v1/organizations/01900000-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('organization.not_found');
    const wrongKind = await t.app.inject('/api/v1/organizations?kind=bakery');
    expect(wrongKind.json().error.details.fields[0].field).toBe('querystring.kind');
  });
});

describe('application limits', () => {
  it('limits requests per client address, with its own code', async () => {
    const t = await createTestApp({ RATE_LIMIT_MAX: '3' }, { seed: false });
    try {
      for (let i = 0; i < 3; i++) expect((await t.app.inject('/api/v1/organizations')).statusCode).toBe(200);
      const limited = await t.app.inject('/api/v1/organizations');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ code: 'rate_limit.exceeded', message_zh: '请求过于频繁，请稍后再试' });
      // Health checks are not rate limited: a load balancer polls them.
      expect((await t.app.inject('/readyz')).statusCode).toBe(200);
      // Nor the web app's built files, of which one page load asks dozens (the web is built at install).
      const asset = readdirSync(new URL('../../web/dist/assets/', import.meta.url)).find((f) => f.endsWith('.js'));
      for (let i = 0; i < 10; i++) expect((await t.app.inject(`/assets/${asset}`)).statusCode).toBe(200);
      expect((await t.app.inject('/api/v1/organizations')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('answers the router’s and the HTTP parser’s own refusals in the error model', async () => {
    const t = await createTestApp({}, { seed: false });
    try {
      const long = await t.app.inject(`/api/v1/organizations/${'a'.repeat(500)}`);
      expect(long.statusCode).toBe(414);
      expect(long.json().error).toMatchObject({ code: 'request.path_too_long', message_zh: '请求地址中的某一段过长' });
      // Headers over 16 KB never reach the app: Node's parser refuses them on the socket.
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/api/v1/organizations`, { headers: { 'x-big': 'a'.repeat(20_000) } });
      expect(res.status).toBe(431);
      const body = (await res.json()) as { error: unknown };
      expect(body.error).toMatchObject({ code: 'request.headers_too_large', message_zh: '请求头过大' });
    } finally {
      await t.close();
    }
  });

  it('limits sign-in attempts per client address more tightly than other requests', async () => {
    const t = await createTestApp({ AUTH_RATE_LIMIT_MAX: '2' }, { seed: false });
    try {
      const attempt = () =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'nobody', password: 'Wrong-password-1' } });
      for (let i = 0; i < 2; i++) expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).json().error.code).toBe('rate_limit.exceeded');
      expect((await t.app.inject('/api/v1/organizations')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('allows cross-origin requests only from configured origins', async () => {
    const t = await createTestApp({ CORS_ORIGINS: 'https://partner.example' }, { seed: false });
    try {
      const ok = await t.app.inject({ url: '/healthz', headers: { origin: 'https://partner.example' } });
      expect(ok.headers['access-control-allow-origin']).toBe('https://partner.example');
      const other = await t.app.inject({ url: '/healthz', headers: { origin: 'https://other.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
