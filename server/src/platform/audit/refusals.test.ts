import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { flushRefusalAudits } from './refusals.ts';

describe(`a flood of refused requests (${testDatabaseKind})`, () => {
  let t: TestApp;
  let staff: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_MAX: '100' });
    staff = await signInAs(t.app, 'boc.staff');
  });
  afterAll(() => t.close());

  const count = async (action: string) =>
    (await t.database.db.selectFrom('auditEvents').select(['summary']).where('action', '=', action).execute()).map(
      (e) => e.summary as { repeated?: number },
    );

  it('is rate-limited like any other, and written to the trail once with a count, not once per request', async () => {
    // No CSRF token: refused before the route runs.
    const answers = [];
    for (let i = 0; i < 140; i++) {
      answers.push(await t.app.inject({ method: 'POST', url: '/api/v1/zones', headers: { cookie: staff.cookie as string }, payload: {} }));
    }
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(100);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
    expect(await count('access.csrf_failed')).toHaveLength(1);
    await flushRefusalAudits();
    const written = await count('access.csrf_failed');
    expect(written).toHaveLength(2);
    expect(written.map((s) => s.repeated ?? 0).reduce((a, b) => a + b, 0) + 1).toBe(statuses.filter((s) => s === 403).length);
  });
});
