import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';
import { homeVisitInput, tomorrowAt } from '../test/fixtures.ts';
import { createMemoryKeyRing } from './pii/keys.ts';

const LONE_SURROGATE = '王\uD800建国';

describe(`input no column can hold (${testDatabaseKind})`, () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let regulator: Record<string, string>;
  let bocId: string;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await signInAs(t.app, 'boc.staff');
    regulator = await signInAs(t.app, 'regulator');
    bocId = await findOrgId(t, 'boc-sh');
  });
  afterAll(() => t.close());

  const homeVisit = (overrides: object = {}) => homeVisitInput(bocId, '13912345678', overrides);
  const postVisit = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/home-visits', headers: staff, payload });

  it('refuses NUL and lone surrogates in any text field with 400 naming the field, while valid requests beside them commit', async () => {
    const poisoned = [
      { name: 'a\u0000b' },
      { address: LONE_SURROGATE },
      { compound: '\uDC00' },
      { windows: [{ from: tomorrowAt(9), to: tomorrowAt(12) }], reason: 'elderly\u0000' },
    ];
    const answers = await Promise.all([
      ...poisoned.map((p) => postVisit(homeVisit(p))),
      ...Array.from({ length: 40 }, () => postVisit(homeVisit())),
    ]);
    const refused = answers.slice(0, poisoned.length);
    for (const [i, res] of refused.entries()) {
      expect(res.statusCode, res.body).toBe(400);
      const field = Object.keys(poisoned[i] as object)[0] === 'windows' ? 'body.reason' : `body.${Object.keys(poisoned[i] as object)[0]}`;
      expect(res.json().error).toMatchObject({ code: 'validation.failed', details: { fields: [{ field }] } });
    }
    expect(answers.slice(poisoned.length).map((r) => r.statusCode)).toEqual(Array(40).fill(201));
  });

  it('answers 400, never 500, for NUL or lone surrogates in user names, organisation names and sign-in', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'regulator\u0000', password: 'x' },
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json().error.details.fields[0]).toMatchObject({ field: 'body.username', reason: 'contains_nul' });
    const org = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: regulator,
      payload: { code: 'x-bank', kind: 'bank', nameZh: LONE_SURROGATE, nameEn: 'X' },
    });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.details.fields[0]).toMatchObject({
      field: 'body.nameZh',
      reason: 'unpaired_surrogate',
      message_zh: '中文名称含有无法识别的字符',
    });
    const search = await t.app.inject({ url: `/api/v1/audit-events?action=${encodeURIComponent('a\u0000')}`, headers: regulator });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.details.fields[0].field).toBe('querystring.action');
  });

  it('answers 400 naming the field for Infinity, 1e999 and NaN in numeric fields', async () => {
    for (const value of ['Infinity', '-Infinity', 'NaN', '1e999']) {
      const res = await t.app.inject({ url: `/api/v1/public/branches/nearest?lat=${value}&lng=121.47&service=cash` });
      expect(res.statusCode, `${value}: ${res.body}`).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain('lat');
    }
    // JSON has no Infinity, but 1e999 parses as one.
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/zones',
      headers: { ...regulator, 'content-type': 'application/json' },
      payload: '{"name":"福寿小区","streetCode":"310101002","lat":1e999,"lng":121.47,"level":"sealed","from":"2022-04-01"}',
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details.fields[0]).toMatchObject({ field: 'body.lat' });
  });
});

describe('writes while the database cannot be reached', () => {
  it('answer 503 with retry-after, not 500', async () => {
    // Nothing listens on port 1: every query fails to connect, as during a database restart.
    const database = await openDatabase({ url: 'postgres://shouhu@127.0.0.1:1/shouhu' });
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }),
      database,
      keys: createMemoryKeyRing(),
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username: 'regulator', password: 'whatever-it-is' },
      });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('service.unavailable');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe(`every route, probed with bad input (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_MAX: '100000' });
  });
  afterAll(() => t.close());

  it('never answers 500', async () => {
    const callers = [{}, await signInAs(t.app, 'regulator'), await signInAs(t.app, 'boc.admin')];
    const bodies: unknown[] = [
      {},
      [],
      'text',
      null,
      { a: '\u0000' },
      { name: '\uD800', lat: 1e308, limit: -1, from: 'yesterday', id: 'not-a-uuid', orgId: '\u0000' },
    ];
    const failures: string[] = [];
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.includes('sign-out') && !r.url.endsWith('/events'));
    for (const route of routes) {
      const ids = ['00000000-0000-4000-8000-000000000000', 'x\u0000', '1e999'];
      for (const id of ids) {
        const url = route.url.replace(/:[a-zA-Z]+/g, encodeURIComponent(id));
        for (const headers of callers) {
          for (const body of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : bodies) {
            const res = await t.app.inject({
              method: route.method as 'GET',
              url: `${url}?limit=1e999&on=%00&at=NaN&lat=Infinity`,
              headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
              ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
            });
            if (res.statusCode >= 500)
              failures.push(`${route.method} ${url} ${JSON.stringify(body)}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
