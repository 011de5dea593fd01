import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';

// PGlite's notices are in-process and cannot be lost; PostgreSQL's travel on a connection that can.
describe.skipIf(testDatabaseKind !== 'postgres')('change notices after the database drops their connection (postgres)', () => {
  let t: TestApp;
  let boc: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.admin');
  });
  afterAll(() => t.close());

  const ready = async () => (await t.app.inject('/readyz')).statusCode;
  const dropListeners = () =>
    sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'shouhu-listen' and datname = current_database()`.execute(t.database.db);

  it('says so at /readyz, reconnects, and reloads what was missed', async () => {
    expect(await ready()).toBe(200);
    await dropListeners();
    let sawGap = false;
    for (let i = 0; i < 50 && !sawGap; i++) {
      const res = await t.app.inject('/readyz');
      if (res.statusCode === 503) {
        sawGap = true;
        expect(res.json().reason).toMatch(/change notices not heard: .*shouhu_branches/);
      } else await new Promise((r) => setTimeout(r, 5));
    }
    expect(sawGap).toBe(true);
    // A branch added while nobody listens: its notice is lost.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches',
      headers: boc,
      payload: {
        code: 'GAP-1',
        nameZh: '断线期间新开网点',
        address: '黄浦区某路1号',
        streetCode: '310101002',
        lat: 31.1001,
        lng: 121.1001,
        services: ['cash'],
        weeklyHours: { days: { 1: [{ open: '09:00', close: '17:00' }] } },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    for (let i = 0; i < 100 && (await ready()) !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await ready()).toBe(200);
    let found = false;
    for (let i = 0; i < 50 && !found; i++) {
      const nearest = await t.app.inject('/api/v1/public/branches/nearest?lat=31.1001&lng=121.1001&openOnly=false&radius=1');
      found = (nearest.json().items as { nameZh: string }[]).some((b) => b.nameZh === '断线期间新开网点');
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toBe(true);
    // And notices are heard again: a change after the reconnection arrives by itself.
    const listening = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where application_name = 'shouhu-listen' and datname = current_database()`.execute(t.database.db);
    expect(listening.rows[0]?.n).toBeGreaterThanOrEqual(3);
  });
});
