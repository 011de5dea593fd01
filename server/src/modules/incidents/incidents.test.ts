import { addDays, type IncidentReportInput, todayInShanghai } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const today = todayInShanghai();

const contents = (extra: Partial<IncidentReportInput> = {}): IncidentReportInput => ({
  title: '网点因封控暂停营业',
  level: 'major',
  category: 'public_health',
  occurredAt: ago(3),
  place: '黄浦区南京东路',
  cause: '所在区域封控，员工无法到岗',
  impact: '客户改至就近网点办理',
  branchesAffected: 0,
  customersAffected: 500,
  amountFen: 0,
  measuresTaken: '公示替代网点，开通上门服务',
  measuresPlanned: '解封后恢复营业',
  signingOfficer: '王建国',
  contactName: '李晓梅',
  contactPhone: '021-63211234',
  ...extra,
});

describe(`incident reports (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  let boc: Record<string, string>;
  let bocStaff: Record<string, string>;
  let cib: Record<string, string>;
  const send = (method: 'POST' | 'PUT' | 'GET', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
    boc = await signInAs(t.app, 'boc.admin');
    bocStaff = await signInAs(t.app, 'boc.staff');
    cib = await signInAs(t.app, 'cib.admin');
  });
  afterAll(() => t.close());

  it('times the initial report by the level’s hours, tells the regulator, and masks the contact', async () => {
    const deadlines = (await send('GET', '/api/v1/incidents/deadlines', boc)).json().items;
    expect(deadlines).toContainEqual({ level: 'especially_serious', initialHours: 1, followUpHours: 24 });
    expect(deadlines).toContainEqual({ level: 'general', initialHours: 24, followUpHours: 168 });

    // Especially serious, learned of two hours ago: past its one hour.
    const grave = await send('POST', '/api/v1/incidents', bocStaff, {
      learnedAt: ago(2),
      report: contents({ level: 'especially_serious', occurredAt: ago(2.5) }),
    });
    expect(grave.statusCode, grave.body).toBe(201);
    const incident = grave.json();
    expect(incident).toMatchObject({ status: 'open', initialLate: true, reports: 1, level: 'especially_serious' });
    expect(new Date(incident.initialDueAt).getTime() - new Date(incident.learnedAt).getTime()).toBe(HOUR);
    expect(incident.reference).toMatch(/^IR-\d{8}-\d{6}$/);
    expect(incident.items[0]).toMatchObject({ kind: 'initial', late: true });
    expect(incident.items[0].contents.contactPhone).toBe('021*****1234');

    // Major, learned of an hour ago: within its 24 hours.
    const major = (await send('POST', '/api/v1/incidents', boc, { learnedAt: ago(1), report: contents({ occurredAt: ago(1.5) }) })).json();
    expect(major).toMatchObject({ initialLate: false });
    expect(new Date(major.initialDueAt).getTime() - new Date(major.learnedAt).getTime()).toBe(24 * HOUR);

    // The regulator's inbox has both, the gravest marked; its staff got an SMS for that one only.
    const inbox = (await send('GET', '/api/v1/inbox', regulator)).json().items as { titleZh: string; path: string }[];
    expect(inbox.filter((i) => i.path === `/console/incidents/${incident.id}`).map((i) => i.titleZh)).toEqual([
      '【特别重大】中国银行上海市分行初报：网点因封控暂停营业',
    ]);
    expect(inbox.some((i) => i.path === `/console/incidents/${major.id}`)).toBe(true);
    const texts = await t.database.db.selectFrom('notifications').select('id').where('channel', '=', 'sms').execute();
    expect(texts.length).toBeGreaterThan(0);

    // The regulator reads every institution's; reveals the phone with a reason.
    const all = (await send('GET', '/api/v1/incidents', regulator)).json().items as { id: string }[];
    expect(all.map((i) => i.id)).toEqual(expect.arrayContaining([incident.id, major.id]));
    const revealed = await send('POST', '/api/v1/pii/reveal', regulator, {
      recordType: 'incident_report',
      recordId: incident.items[0].id,
      field: 'contactPhone',
      reason: '电话核实事件进展',
    });
    expect(revealed.json()).toEqual({ value: '021-63211234' });
    // Nothing of another institution's is visible, or can be added to.
    expect((await send('GET', `/api/v1/incidents/${incident.id}`, cib)).statusCode).toBe(404);
    expect((await send('GET', '/api/v1/incidents', cib)).json().items.map((i: { id: string }) => i.id)).not.toContain(incident.id);
    const foreign = await send('POST', `/api/v1/incidents/${incident.id}/reports`, cib, { kind: 'follow_up', report: contents() });
    expect(foreign.statusCode, foreign.body).toBe(404);
    expect(
      (
        await send('POST', '/api/v1/pii/reveal', cib, {
          recordType: 'incident_report',
          recordId: incident.items[0].id,
          field: 'contactPhone',
          reason: '核实事件情况',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('follows up, flags a report overdue, closes with the result and refuses more', async () => {
    const created = (await send('POST', '/api/v1/incidents', boc, { learnedAt: ago(1), report: contents({ level: 'general' }) })).json();
    // The regulator shortens the follow-up hours of the general level; the last report was two hours ago.
    const set = await send('PUT', '/api/v1/incidents/deadlines', regulator, { level: 'general', initialHours: 24, followUpHours: 1 });
    expect(set.json().items).toContainEqual({ level: 'general', initialHours: 24, followUpHours: 1 });
    expect(
      (await send('PUT', '/api/v1/incidents/deadlines', boc, { level: 'general', initialHours: 2, followUpHours: 1 })).statusCode,
    ).toBe(403);
    await t.database.db
      .updateTable('incidents')
      .set({ lastFiledAt: new Date(Date.now() - 2 * HOUR) })
      .where('id', '=', created.id)
      .execute();
    const before = (await send('GET', `/api/v1/incidents/${created.id}`, boc)).json();
    expect(before.overdue).toBe(true);
    const desk = (await send('GET', '/api/v1/desk', boc)).json().items as { key: string; count: number }[];
    expect(desk.find((d) => d.key === 'incidents.overdue')?.count).toBeGreaterThanOrEqual(1);

    const followUp = await send('POST', `/api/v1/incidents/${created.id}/reports`, boc, {
      kind: 'follow_up',
      report: contents({ level: 'serious', customersAffected: 900, measuresTaken: '增派上门服务人员' }),
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    expect(followUp.json()).toMatchObject({ level: 'serious', customersAffected: 900, reports: 2, overdue: false, status: 'open' });
    expect(followUp.json().items[1]).toMatchObject({ kind: 'follow_up', late: true });
    const result = (
      await send('POST', `/api/v1/incidents/${created.id}/reports`, boc, { kind: 'result', report: contents({ level: 'serious' }) })
    ).json();
    expect(result).toMatchObject({ status: 'closed', reports: 3, nextDueAt: null, overdue: false });
    const again = await send('POST', `/api/v1/incidents/${created.id}/reports`, boc, { kind: 'follow_up', report: contents() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('incident.closed');
    const timeline = (await send('GET', `/api/v1/incidents/${created.id}/timeline`, regulator))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['incident.reported', 'incident.followed_up', 'incident.resolved']);
    await send('PUT', '/api/v1/incidents/deadlines', regulator, { level: 'general', initialHours: 24, followUpHours: 168 });
  });

  it('refuses reports that cannot be true, writing nothing', async () => {
    const count = async () => (await send('GET', '/api/v1/incidents', boc)).json().items.length;
    const before = await count();
    const refused = async (body: object, code: string, field: string) => {
      const res = await send('POST', '/api/v1/incidents', boc, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(JSON.stringify(res.json().error)).toContain(field);
    };
    await refused({ learnedAt: ago(5), report: contents({ occurredAt: ago(3) }) }, 'incident.learned_before_occurred', 'learnedAt');
    await refused({ learnedAt: new Date(Date.now() + 2 * HOUR).toISOString(), report: contents() }, 'incident.in_future', 'learnedAt');
    await refused(
      { learnedAt: ago(1), report: contents({ branchesAffected: 3 }) },
      'incident.affected_exceeds_branches',
      'branchesAffected',
    );
    await refused({ learnedAt: ago(1), report: { ...contents(), signingOfficer: '' } }, 'validation.failed', 'signingOfficer');
    await refused({ learnedAt: ago(1), report: { ...contents(), level: 'catastrophic' } }, 'validation.failed', 'level');
    expect(await count()).toBe(before);
    // Those who only read, read.
    expect((await send('POST', '/api/v1/incidents', regulator, { learnedAt: ago(1), report: contents() })).statusCode).toBe(403);
  });

  it('proposes a report when five branches are closed three days or more for a public-health reason', async () => {
    const proposals = async (who: Record<string, string>) =>
      (await send('GET', '/api/v1/incidents/proposals', who)).json().items as { orgId: string; branches: number }[];
    const cibOrg = await findOrgId(t, 'cib-sh');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await send('POST', '/api/v1/branches', cib, {
        code: `IR${i}`,
        nameZh: `测试网点${i}`,
        address: '黄浦区南京东路1号',
        streetCode: '310101002',
        lat: 31.235 + i * 0.001,
        lng: 121.48,
        services: ['cash'],
        weeklyHours: { days: { 1: [{ open: '09:00', close: '17:00' }] } },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const close = (id: string, from: string, to: string, reason = 'lockdown_zone') =>
      send('POST', `/api/v1/branches/${id}/adjustments`, cib, { from, to, closed: true, reason, publicNote: '封控' });
    // Four long closures and one of two days: not yet.
    for (const id of ids.slice(0, 4)) expect((await close(id, addDays(today, -1), addDays(today, 5))).statusCode).toBe(201);
    expect((await close(ids[4] as string, today, addDays(today, 1))).statusCode).toBe(201);
    expect((await proposals(cib)).length).toBe(0);
    // The two-day closure withdrawn and one of three days put in its place, for protection measures: proposed.
    const listed = (await send('GET', `/api/v1/branches/${ids[4]}/adjustments`, cib)).json().items as { id: string }[];
    const withdrawn = await send('POST', `/api/v1/branches/${ids[4]}/adjustments/${listed[0]?.id}/withdrawal`, cib, {
      reason: '改为长期暂停',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await close(ids[4] as string, today, addDays(today, 2), 'protection_measures')).statusCode).toBe(201);
    expect(await proposals(cib)).toEqual([expect.objectContaining({ orgId: cibOrg, branches: 5 })]);
    expect((await proposals(regulator)).map((p) => p.orgId)).toContain(cibOrg);
    expect((await proposals(boc)).map((p) => p.orgId)).not.toContain(cibOrg);
    const desk = (await send('GET', '/api/v1/desk', cib)).json().items as { key: string; count: number }[];
    expect(desk.find((d) => d.key === 'incidents.proposed')?.count).toBe(1);
    const unreported = async () =>
      ((await send('GET', '/api/v1/desk', regulator)).json().items as { key: string; count: number }[]).find(
        (d) => d.key === 'incidents.unreported',
      )?.count;
    const before = await unreported();
    expect(before).toBe((await proposals(regulator)).length);
    // Reporting it ends the proposal, and the regulator's count of institutions yet to report.
    const filed = await send('POST', '/api/v1/incidents', cib, { learnedAt: ago(1), report: contents({ branchesAffected: 5 }) });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(await proposals(cib)).toEqual([]);
    expect(await unreported()).toBe((before ?? 0) - 1);
  });

  it('gives the regulator’s dashboard its figures', async () => {
    const figures = (await send('GET', `/api/v1/figures?from=${addDays(today, -1)}&to=${today}`, regulator)).json().figures.incidents;
    expect(figures.reported).toBeGreaterThanOrEqual(4);
    expect(figures.late).toBeGreaterThanOrEqual(1);
    expect(figures.grave).toBeGreaterThanOrEqual(1);
  });
});
