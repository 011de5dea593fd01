import { createCalendar, todayInShanghai } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMissingYears } from '../modules/calendar/service.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';
import { insertHomeVisit } from '../test/fixtures.ts';

describe(`the work desk (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const desk = async (username: string) => {
    const res = await t.app.inject({ url: '/api/v1/desk', headers: await signInAs(t.app, username) });
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json().items as { key: string; count: number; path: string }[]).map((i) => [i.key, i]));
  };

  it('shows each user what waits for them, counted in their own organisation', async () => {
    const before = await desk('boc.staff');
    expect([...before.keys()].sort()).toEqual([
      'branches.flagged',
      'directives.unacknowledged',
      'homeVisits.requested',
      'homeVisits.today',
      'incidents.overdue',
      'incidents.proposed',
      'serviceLevels.breaches',
      'video.waiting',
    ]);
    const boc = await findOrgId(t, 'boc-sh');
    const cib = await findOrgId(t, 'cib-sh');
    await insertHomeVisit(t, { orgId: boc });
    await insertHomeVisit(t, { orgId: boc });
    // Another bank's request is not this desk's work.
    await insertHomeVisit(t, { orgId: cib });
    // Scheduled for an hour from now: today's work (unless midnight falls in between).
    const inAnHour = new Date(Date.now() + 3_600_000);
    const sameDay = new Date(inAnHour.getTime() + 8 * 3_600_000).getUTCDate() === new Date(Date.now() + 8 * 3_600_000).getUTCDate();
    await insertHomeVisit(t, { orgId: boc, status: 'scheduled', scheduledAt: inAnHour });
    const after = await desk('boc.staff');
    expect(after.get('homeVisits.requested')?.count).toBe((before.get('homeVisits.requested')?.count ?? 0) + 2);
    expect(after.get('homeVisits.today')?.count).toBe((before.get('homeVisits.today')?.count ?? 0) + (sameDay ? 1 : 0));
    expect(after.get('homeVisits.requested')?.path).toBe('/console/home-visits?status=requested');
  });

  it('gives the regulator the city’s figures and the partner nothing to do', async () => {
    const regulator = await desk('regulator');
    // The calendar's item shows from 60 days before a year the packaged calendar lacks (2027, from November 2026).
    const yearMissing = listMissingYears(createCalendar(), todayInShanghai()).length > 0 ? ['calendar.yearMissing'] : [];
    expect([...regulator.keys()].sort()).toEqual([
      'branches.flagged',
      ...yearMissing,
      'incidents.overdue',
      'incidents.unreported',
      'reports.toReview',
      'serviceLevels.breaches',
      'users.locked',
    ]);
    expect(regulator.get('branches.flagged')).toMatchObject({ path: '/console/network' });
    expect((await desk('partner')).size).toBe(0);
    expect((await t.app.inject('/api/v1/desk')).statusCode).toBe(401);
  });
});
