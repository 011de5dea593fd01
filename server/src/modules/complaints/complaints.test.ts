import { addDays, fromLocal, REFERENCE_PATTERN, todayInShanghai } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp, verifyCitizen } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

const MOBILE = '13700001234';
// A period of N days from today ends at the midnight after its Nth day (today itself not counted).
const dueAfter = (days: number) => fromLocal(addDays(todayInShanghai(), days + 1), 0).toISOString();

describe(`complaints (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let cib: Record<string, string>;
  let citizen: Record<string, string>;
  let bocId: string;
  const outbox = async () => (await t.app.inject('/api/v1/dev/outbox')).json().items as { recipient: string; body: string }[];
  const send = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const complaint = (extra: object = {}) => ({
    orgId: bocId,
    name: '刘秀英',
    mobile: MOBILE,
    claim: '退还重复扣收的贷款利息',
    facts: '封控期间无法到网点还款，延期后仍被计收罚息。',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp({ DEV_OUTBOX: 'true' });
    boc = await signInAs(t.app, 'boc.staff');
    cib = await signInAs(t.app, 'cib.admin');
    bocId = await findOrgId(t, 'boc-sh');
    citizen = await verifyCitizen(t.app, MOBILE);
  });
  afterAll(() => t?.close());

  it('takes a complaint online, runs its clock through extensions and a pause to the decision, telling the complainant each time', async () => {
    const created = await send('POST', '/api/v1/public/complaints', citizen, complaint());
    expect(created.statusCode, created.body).toBe(201);
    const { id, reference, dueAt } = created.json();
    expect(reference).toMatch(new RegExp(REFERENCE_PATTERN));
    expect(reference.startsWith('CP-')).toBe(true);
    expect(dueAt).toBe(dueAfter(15));
    const sms = async () => (await outbox()).filter((m) => m.recipient === MOBILE && m.body.includes(reference)).map((m) => m.body);
    expect((await sms()).join()).toContain(`将于 ${addDays(todayInShanghai(), 15)} 前作出处理决定`);

    // The institution's staff see it, masked, with its clock; another institution does not.
    const listed = (await send('GET', '/api/v1/complaints', boc)).json().items;
    expect(listed.find((c: { id: string }) => c.id === id)).toMatchObject({ name: '刘**', channel: 'online', limit: 15, remaining: 15 });
    expect((await send('GET', `/api/v1/complaints/${id}`, cib)).statusCode).toBe(404);

    const extend = (body: object) => send('POST', `/api/v1/complaints/${id}/extension`, boc, body);
    expect((await extend({})).json().error.details.fields[0].field).toBe('body.reason');
    expect((await extend({ reason: '涉及多笔交易' })).json()).toMatchObject({ limit: 30, dueAt: dueAfter(30) });
    expect((await sms()).join()).toContain(`处理期限延长至 ${addDays(todayInShanghai(), 30)}`);
    expect((await extend({ reason: '需第三方评估' })).json().error).toMatchObject({ code: 'complaint.approval_required' });
    expect((await extend({ reason: '需第三方评估', approvedBy: '李副行长' })).json()).toMatchObject({ limit: 60, dueAt: dueAfter(60) });
    expect((await extend({ reason: '再次延长', approvedBy: '李副行长' })).json().error.code).toBe('complaint.no_extension');

    // An appraisal pauses the clock: no due date meanwhile, nor a decision.
    const paused = await send('POST', `/api/v1/complaints/${id}/pause`, boc, { reason: 'appraisal', note: '委托评估机构核定利息' });
    expect(paused.json()).toMatchObject({ status: 'paused', dueAt: null });
    expect((await send('POST', `/api/v1/complaints/${id}/pause`, boc, { reason: 'appraisal', note: '再次' })).json().error.code).toBe(
      'complaint.paused',
    );
    const decision = {
      verified: '经核实，延期期间计收罚息1笔，金额128元。',
      grounds: '依据延期还款政策，罚息应予减免。',
      remedies: ['review', 'mediation'],
    };
    expect((await send('POST', `/api/v1/complaints/${id}/decision`, boc, decision)).json().error.code).toBe('complaint.paused');
    // Paused and resumed today: today is not counted anyway, so the due date stands.
    expect((await send('POST', `/api/v1/complaints/${id}/resumption`, boc)).json()).toMatchObject({
      status: 'handling',
      dueAt: dueAfter(60),
    });

    expect(
      (await send('POST', `/api/v1/complaints/${id}/decision`, boc, { ...decision, remedies: [] })).json().error.details.fields[0].field,
    ).toBe('body.remedies');
    const decided = await send('POST', `/api/v1/complaints/${id}/decision`, boc, decision);
    expect(decided.json()).toMatchObject({ status: 'decided', decision: { remedies: ['review', 'mediation'] }, breached: false });
    expect((await sms()).join()).toContain('已作出处理决定');
    expect((await extend({ reason: '事后延长', approvedBy: '李副行长' })).json().error.code).toBe('complaint.closed');

    const timeline = (await send('GET', `/api/v1/complaints/${id}/timeline`, boc)).json().items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual([
      'complaint.received',
      'complaint.extended',
      'complaint.extended',
      'complaint.paused',
      'complaint.resumed',
      'complaint.decided',
    ]);
    // The complainant follows it by reference and mobile.
    const tracked = await t.app.inject(`/api/v1/public/track/${reference}?mobile=${MOBILE}`);
    expect(tracked.json()).toMatchObject({ kind: 'complaint', status: 'decided', institution: '中国银行上海市分行' });
    expect((await t.app.inject(`/api/v1/public/track/${reference}?mobile=13700009999`)).statusCode).toBe(404);
  });

  it('refuses a complaint naming what is wrong: the institution, six representatives, a bad ID, a channel', async () => {
    const cases: [Record<string, string>, object, string][] = [
      [citizen, { orgId: '00000000-0000-4000-8000-000000000000' }, 'orgId'],
      [citizen, { representatives: ['甲', '乙', '丙', '丁', '戊'] }, 'body.representatives'],
      [citizen, { residentId: '110105194912310021' }, 'body.residentId'],
      [citizen, { channel: 'phone' }, 'body.channel'],
      [citizen, { mobile: '13700005678' }, 'mobile'],
      [boc, {}, 'body.channel'],
    ];
    for (const [who, extra, field] of cases) {
      const res = await send('POST', who === citizen ? '/api/v1/public/complaints' : '/api/v1/complaints', who, complaint(extra));
      expect(res.statusCode, field).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, field).toBeLessThan(500);
      const error = res.json().error;
      expect(error.details.field ?? error.details.fields?.[0]?.field, field).toBe(field);
      expect(error.message_zh).toBeTruthy();
    }
    // Staff enter a complaint taken by telephone, for a joint complaint of three.
    const phoned = await send('POST', '/api/v1/complaints', boc, complaint({ channel: 'phone', representatives: ['张三', '李四'] }));
    expect(phoned.statusCode, phoned.body).toBe(201);
    expect((await send('GET', `/api/v1/complaints/${phoned.json().id}`, boc)).json()).toMatchObject({ channel: 'phone', people: 3 });
    // Another bank cannot enter one against this bank.
    expect((await send('POST', '/api/v1/complaints', cib, complaint({ channel: 'phone' }))).statusCode).toBe(403);
  });
});
