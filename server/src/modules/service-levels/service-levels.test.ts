import { randomUUID } from 'node:crypto';
import { addDays, todayInShanghai } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptField } from '../../platform/pii/crypto.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { insertHomeVisit } from '../../test/fixtures.ts';

const HOUR = 3_600_000;

describe(`service levels and throughput against normal (${testDatabaseKind})`, () => {
  let t: TestApp;
  let bocId: string;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    bocId = await findOrgId(t, 'boc-sh');
    admin = await signInAs(t.app, 'boc.admin');
  });
  afterAll(() => t.close());

  const visit = (fields: { createdAt: Date; status?: 'requested' | 'done'; firstResponseAt?: Date; completedAt?: Date }) =>
    insertHomeVisit(t, { orgId: bocId, ...fields });
  const served = async (closedAt: Date) =>
    t.database.db
      .insertInto('videoSessions')
      .values({
        id: randomUUID(),
        reference: `VS-20300101-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
        orgId: bocId,
        service: 'account_opening',
        mobileEnc: encryptField(t.keys, '13800000000'),
        mobileHash: randomUUID(),
        status: 'served',
        joinedAt: new Date(closedAt.getTime() - HOUR),
        takenAt: new Date(closedAt.getTime() - HOUR / 2),
        closedAt,
      })
      .execute();
  const put = (url: string, payload: object, headers = admin) => t.app.inject({ method: 'PUT', url, headers, payload });

  it('flags requests past their targets to the institution, open or closed, and counts them for the regulator', async () => {
    expect(
      (
        await put('/api/v1/service-levels/targets', {
          channel: 'home_visit',
          service: 'all',
          firstResponseMinutes: 30,
          completionMinutes: 1440,
        })
      ).statusCode,
    ).toBe(200);
    const staff = await signInAs(t.app, 'boc.staff');
    expect(
      (
        await put(
          '/api/v1/service-levels/targets',
          { channel: 'home_visit', service: 'all', firstResponseMinutes: 1, completionMinutes: 1 },
          staff,
        )
      ).statusCode,
    ).toBe(403);
    const late = await visit({ createdAt: new Date(Date.now() - 2 * HOUR) });
    const onTime = await visit({
      createdAt: new Date(Date.now() - 2 * HOUR),
      firstResponseAt: new Date(Date.now() - 2 * HOUR + 10 * 60_000),
    });
    const breaches = (await t.app.inject({ url: '/api/v1/service-levels/breaches', headers: staff })).json().items;
    expect(breaches).toEqual([
      expect.objectContaining({ id: late, kind: 'first_response', targetMinutes: 30, open: true, channel: 'home_visit' }),
    ]);
    expect(breaches.some((b: { id: string }) => b.id === onTime)).toBe(false);
    const regulator = await signInAs(t.app, 'regulator');
    const all = (await t.app.inject({ url: '/api/v1/throughput?days=7', headers: regulator })).json();
    expect(all.institutions.find((i: { orgId: string }) => i.orgId === bocId).breaches).toBe(1);
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: '/api/v1/service-levels/breaches', headers: cib })).json().items).toEqual([]);
  });

  it('reports customers served a day by home visit and by video against the baseline the institution set', async () => {
    const today = todayInShanghai();
    // Yesterday (the last complete day): five home visits done and three video sessions served; one of each today.
    const noonOf = (date: string) => new Date(`${date}T04:00:00Z`);
    const yesterday = noonOf(addDays(today, -1));
    for (let i = 0; i < 5; i++)
      await visit({ createdAt: new Date(yesterday.getTime() - HOUR), status: 'done', firstResponseAt: yesterday, completedAt: yesterday });
    await visit({ createdAt: new Date(Date.now() - HOUR), status: 'done', firstResponseAt: new Date(), completedAt: new Date() });
    // Video: one a day in the normal period (counted).
    await served(noonOf(addDays(today, -5)));
    await served(noonOf(addDays(today, -4)));
    for (let i = 0; i < 3; i++) await served(yesterday);
    await served(new Date());
    expect(
      (await put('/api/v1/throughput/baseline', { channel: 'home_visit', from: '2022-01-01', to: '2022-02-28', dailyServed: 2 }))
        .statusCode,
    ).toBe(204);
    expect(
      (await put('/api/v1/throughput/baseline', { channel: 'video', from: addDays(today, -5), to: addDays(today, -4) })).statusCode,
    ).toBe(204);
    const bad = await put('/api/v1/throughput/baseline', { channel: 'video', from: '2022-03-01', to: '2022-02-01' });
    expect(bad.json().error.details.fields[0].field).toBe('body.to');

    const report = (await t.app.inject({ url: '/api/v1/throughput?days=7', headers: admin })).json();
    expect(report.days).toHaveLength(7);
    expect(report.days.at(-1)).toBe(today);
    expect(report.institutions).toHaveLength(1);
    const [home, video] = report.institutions[0].channels;
    expect(home).toMatchObject({ channel: 'home_visit', baseline: 2, ratio: 2.5 });
    expect(home.served.slice(-2)).toEqual([5, 1]);
    expect(video).toMatchObject({ channel: 'video', baseline: 1, ratio: 3 });
    expect(video.served.slice(-6)).toEqual([1, 1, 0, 0, 3, 1]);
  });
});
