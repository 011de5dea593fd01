import { addDays, type DirectiveInput, todayInShanghai } from '@shouhu/common';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../platform/jobs/worker.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { createAcknowledgementReminderJob } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = todayInShanghai();

/** A daily form from the day before yesterday to today, due at the midnight that ends each day: two periods locked, today's open. */
const directive = (documentNumber: string, extra: Partial<DirectiveInput> = {}): DirectiveInput => ({
  documentNumber,
  title: '关于报送疫情期间金融服务情况的通知',
  body: '请各行每日报送。',
  urgency: 'normal',
  addressees: { kinds: ['bank'] },
  acknowledgeWithinHours: 24,
  actions: [{ title: '报送联系人', dueOn: today }],
  form: {
    title: '金融服务日报',
    period: 'daily',
    startsOn: addDays(today, -2),
    endsOn: addDays(today, 10),
    dueAfterHours: 0,
    fields: [
      { key: 'requested', label: '上门服务申请数', type: 'count', required: true },
      { key: 'served', label: '上门服务办结数', type: 'count', required: true },
      { key: 'online', label: '线上办结数', type: 'count', required: false },
      { key: 'total', label: '办结合计', type: 'count', required: false },
      { key: 'cash', label: '现金投放金额', type: 'amount', required: false },
      { key: 'note', label: '备注', type: 'text', required: false },
    ],
    rules: [
      { kind: 'lte', left: 'served', right: ['requested'] },
      { kind: 'eq_sum', left: 'total', right: ['served', 'online'] },
    ],
  },
  ...extra,
});

/** Fills in a downloaded template's value column (C) by field key (column A). */
async function fillTemplate(bytes: Buffer, values: Record<string, string>, change?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  sheet.eachRow((row) => {
    const key = String(row.getCell(1).value);
    if (key in values) row.getCell(3).value = values[key] as string;
  });
  change?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe(`directives, reports and the bulletin (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  let association: Record<string, string>;
  let boc: Record<string, string>;
  let bocStaff: Record<string, string>;
  let cib: Record<string, string>;
  let insurer: Record<string, string>;
  let directiveId: string;
  let formId: string;
  const send = (method: 'POST' | 'PUT' | 'GET', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
    association = await signInAs(t.app, 'association');
    boc = await signInAs(t.app, 'boc.admin');
    bocStaff = await signInAs(t.app, 'boc.staff');
    cib = await signInAs(t.app, 'cib.admin');
    insurer = await signInAs(t.app, 'pingan.admin');
  });
  afterAll(() => t.close());

  it('refuses a directive with no addressee, beyond an association’s members, with contradicting rules or a used number, writing nothing', async () => {
    const none = await send('POST', '/api/v1/directives', regulator, directive('沪银保监〔2022〕90号', { addressees: { kinds: [] } }));
    expect(none.json().error.code).toBe('directive.no_addressee');
    const pingan = await findOrgId(t, 'pingan-life-sh');
    const beyond = await send(
      'POST',
      '/api/v1/directives',
      association,
      directive('沪银协〔2022〕1号', { addressees: { orgIds: [pingan] } }),
    );
    expect(beyond.json().error.code).toBe('directive.not_member');
    const unknown = await send(
      'POST',
      '/api/v1/directives',
      regulator,
      directive('沪银保监〔2022〕91号', { addressees: { orgIds: [await findOrgId(t, 'shfic')] } }),
    );
    expect(unknown.json().error.details.fields).toMatchObject([{ field: 'body.addressees.orgIds.0', reason: 'unknown' }]);
    const base = directive('沪银保监〔2022〕92号');
    const form = base.form as NonNullable<DirectiveInput['form']>;
    const contradicting = await send('POST', '/api/v1/directives', regulator, {
      ...base,
      form: {
        ...form,
        rules: [
          { kind: 'lt', left: 'served', right: ['requested'] },
          { kind: 'lte', left: 'requested', right: ['total'] },
          { kind: 'eq_sum', left: 'served', right: ['total', 'online'] },
        ],
      },
    });
    expect(contradicting.statusCode).toBe(400);
    expect(contradicting.json().error.message_zh).toContain('规则相互矛盾：上门服务办结数 → 上门服务申请数 → 办结合计 → 上门服务办结数');
    const onText = await send('POST', '/api/v1/directives', regulator, {
      ...base,
      form: { ...form, rules: [{ kind: 'lte', left: 'note', right: ['served'] }] },
    });
    expect(onText.json().error.message_zh).toContain('规则只能比较数值字段，“备注”不是');
    expect(
      (await send('GET', '/api/v1/directives', regulator)).json().items.map((d: { documentNumber: string }) => d.documentNumber),
    ).not.toContain('沪银保监〔2022〕92号');
    expect((await send('POST', '/api/v1/directives', regulator, directive('沪银保监办发〔2022〕12号'))).json().error.code).toBe(
      'directive.number_taken',
    );
    expect((await send('POST', '/api/v1/directives', boc, directive('x〔2022〕1号'))).statusCode).toBe(403);
  });

  it('reaches every bank’s inbox, is acknowledged once per bank by its own people, and flags and reminds the late', async () => {
    const issued = await send('POST', '/api/v1/directives', regulator, directive('沪银保监〔2022〕30号', { urgency: 'urgent' }));
    expect(issued.statusCode, issued.body).toBe(201);
    directiveId = issued.json().id;
    formId = issued.json().form.id;
    expect(issued.json().recipients).toHaveLength(9);
    const inbox = (await send('GET', '/api/v1/inbox', bocStaff)).json().items;
    expect(inbox.find((i: { path: string }) => i.path === `/console/directives/${directiveId}`).titleZh).toContain(
      '【紧急】沪银保监〔2022〕30号',
    );
    // Urgent: the bank's administrators get an SMS too.
    const outbox = await t.database.db.selectFrom('notifications').select('bodyEnc').execute();
    expect(outbox.length).toBeGreaterThan(0);

    expect((await send('GET', `/api/v1/directives/${directiveId}`, insurer)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/directives/${directiveId}/acknowledge`, insurer)).statusCode).toBe(404);
    const acked = await send('POST', `/api/v1/directives/${directiveId}/acknowledge`, bocStaff);
    expect(acked.statusCode, acked.body).toBe(200);
    // A bank sees its own acknowledgement, not the others'.
    expect(acked.json().recipients).toMatchObject([
      { orgName: '中国银行上海市分行', acknowledgedBy: expect.stringContaining('boc.staff') },
    ]);
    expect((await send('POST', `/api/v1/directives/${directiveId}/acknowledge`, boc)).json().error.code).toBe(
      'directive.already_acknowledged',
    );
    expect((await send('POST', `/api/v1/directives/${directiveId}/acknowledge`, regulator)).statusCode).toBe(403);

    // Past its hours, the others are flagged to the regulator and reminded once.
    await t.database.db
      .updateTable('directives')
      .set({ issuedAt: new Date(Date.now() - 25 * 3_600_000) })
      .where('id', '=', directiveId)
      .execute();
    const seen = (await send('GET', `/api/v1/directives/${directiveId}`, regulator)).json();
    expect(seen.recipients.filter((r: { overdue: boolean }) => r.overdue)).toHaveLength(8);
    const job = createAcknowledgementReminderJob(t.keys);
    await job({ db: t.database.db } as JobContext);
    await job({ db: t.database.db } as JobContext);
    const reminders = (await send('GET', '/api/v1/inbox', cib)).json().items.filter((i: { kind: string }) => i.kind === 'deadline.passed');
    expect(reminders).toHaveLength(1);
    const desk = (await send('GET', '/api/v1/desk', cib)).json().items;
    expect(desk.find((d: { key: string }) => d.key === 'directives.unacknowledged').count).toBeGreaterThanOrEqual(1);
  });

  it('checks a report against its form, names every broken rule, and keeps it until withdrawn, returned or accepted', async () => {
    const url = `/api/v1/report-forms/${formId}/reports/${today}`;
    const broken = await send('PUT', url, boc, {
      values: { requested: 3, served: 5, online: 1, total: 7 },
      preparer: '赵柜员',
      responsible: '陈管理',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.fields.map((f: { message_zh: string }) => f.message_zh)).toEqual([
      '“上门服务办结数”不能大于“上门服务申请数”',
      '“办结合计”应等于“上门服务办结数”＋“线上办结数”之和',
    ]);
    const wrongType = await send('PUT', url, boc, { values: { requested: 1.5, served: 'x' }, preparer: '赵柜员', responsible: '陈管理' });
    expect(wrongType.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'body.values.requested',
      'body.values.served',
    ]);
    const good = {
      values: { requested: 12, served: 10, online: 4, total: 14, cash: 250_000_00, note: '正常' },
      preparer: '赵柜员',
      responsible: '陈管理',
    };
    const submitted = await send('PUT', url, boc, good);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', late: false, version: 1 });
    const reportId = submitted.json().id;
    expect((await send('PUT', url, boc, good)).json().error.code).toBe('report.already_submitted');
    // Another bank cannot see it; the own bank can withdraw it before the regulator opens it.
    expect((await send('GET', `/api/v1/reports/${reportId}`, cib)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/reports/${reportId}/withdraw`, cib)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/reports/${reportId}/withdraw`, boc)).json().status).toBe('withdrawn');
    expect((await send('PUT', url, boc, good)).json()).toMatchObject({ status: 'submitted', version: 2 });
    // Opened by the regulator, it can no longer be withdrawn.
    expect((await send('GET', `/api/v1/reports/${reportId}`, regulator)).json().openedAt).not.toBeNull();
    expect((await send('POST', `/api/v1/reports/${reportId}/withdraw`, boc)).json().error.code).toBe('report.opened');
    expect((await send('POST', `/api/v1/reports/${reportId}/review`, regulator, { decision: 'return' })).json().error.code).toBe(
      'report.return_needs_comment',
    );
    const returned = await send('POST', `/api/v1/reports/${reportId}/review`, regulator, {
      decision: 'return',
      comment: '现金投放金额有误',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '现金投放金额有误' });
    expect((await send('GET', '/api/v1/inbox', bocStaff)).json().items.some((i: { kind: string }) => i.kind === 'report.returned')).toBe(
      true,
    );
    const corrected = await send('PUT', url, boc, { ...good, values: { ...good.values, cash: 200_000_00 } });
    expect(corrected.json()).toMatchObject({ status: 'submitted', version: 3, late: false });
    expect((await send('POST', `/api/v1/reports/${reportId}/review`, regulator, { decision: 'accept' })).json().status).toBe('accepted');
    const timeline = (await send('GET', `/api/v1/reports/${reportId}/timeline`, boc)).json().items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual([
      'report.submitted',
      'report.withdrawn',
      'report.submitted',
      'report.opened',
      'report.returned',
      'report.submitted',
      'report.accepted',
    ]);
    expect((await send('PUT', `/api/v1/report-forms/${formId}/reports/${addDays(today, 1)}`, boc, good)).json().error.code).toBe(
      'report.not_yet_open',
    );
    expect((await send('PUT', `/api/v1/report-forms/${formId}/reports/${addDays(today, -9)}`, boc, good)).json().error.code).toBe(
      'report.no_such_period',
    );
  });

  it('locks a period after its deadline until the regulator reopens it, then takes the XLSX template, marked late', async () => {
    const period = addDays(today, -1);
    const filled = { requested: '6', served: '5', online: '0', total: '5', cash: '1,234.50', preparer: '周管理', responsible: '周经理' };
    const locked = await send('PUT', `/api/v1/report-forms/${formId}/reports/${period}`, cib, {
      values: { requested: 6, served: 5, online: 0, total: 5 },
      preparer: '周管理',
      responsible: '周经理',
    });
    expect(locked.json().error.code).toBe('report.period_locked');
    const template = await send('GET', `/api/v1/report-forms/${formId}/template.xlsx`, cib);
    expect(template.headers['content-type']).toBe(XLSX);
    const upload = (body: Buffer) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/report-forms/${formId}/reports/${period}/xlsx`,
        headers: { ...cib, 'content-type': XLSX },
        payload: body,
      });
    expect((await upload(await fillTemplate(template.rawPayload, filled))).json().error.code).toBe('report.period_locked');

    const cibId = await findOrgId(t, 'cib-sh');
    expect(
      (await send('POST', `/api/v1/report-forms/${formId}/reopenings`, boc, { orgId: cibId, period, hours: 4, reason: '补报' })).statusCode,
    ).toBe(403);
    const reopened = await send('POST', `/api/v1/report-forms/${formId}/reopenings`, regulator, {
      orgId: cibId,
      period,
      hours: 4,
      reason: '系统故障补报',
    });
    expect(reopened.json()).toMatchObject({ state: 'missing', reopenedUntil: expect.any(String) });

    // An altered template, or another form's, is refused; a bad cell is named by its line.
    const altered = await fillTemplate(template.rawPayload, filled, (sheet) => {
      sheet.addRow(['extra', '多加的一行', '1']);
    });
    expect((await upload(altered)).json().error.code).toBe('report.template_altered');
    const other = await send('POST', '/api/v1/directives', regulator, directive('沪银保监〔2022〕31号'));
    const otherTemplate = await send('GET', `/api/v1/report-forms/${other.json().form.id}/template.xlsx`, cib);
    expect((await upload(await fillTemplate(otherTemplate.rawPayload, filled))).json().error.code).toBe('report.wrong_form');
    const badCell = await upload(await fillTemplate(template.rawPayload, { ...filled, cash: '一千元' }));
    expect(badCell.json().error.details.fields[0].message_zh).toMatch(/^第\d+行：“现金投放金额”须为金额/);

    const late = await upload(await fillTemplate(template.rawPayload, filled));
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ late: true, preparer: '周管理', values: { requested: 6, cash: 123450, note: null } });
    const rows = (await send('GET', `/api/v1/report-forms/${formId}/periods`, cib)).json().items;
    expect(rows.every((r: { orgName: string }) => r.orgName === '兴业银行上海分行')).toBe(true);
    expect(rows.find((r: { period: string }) => r.period === period)).toMatchObject({ state: 'submitted', late: true });
  });

  it('shows the regulator expected, received, on-time, late, missing and returned reports per bank, with the fields’ totals, and exports them', async () => {
    const forms = (await send('GET', '/api/v1/oversight/forms', regulator)).json().items;
    const form = forms.find((f: { formId: string }) => f.formId === formId);
    // Two periods past their deadline for 9 banks, and today's, which one bank has reported already.
    expect(form.total).toEqual({ expected: 19, received: 2, onTime: 1, late: 1, missing: 17, returned: 0 });
    expect(form.byInstitution.find((i: { orgName: string }) => i.orgName === '兴业银行上海分行')).toMatchObject({
      expected: 2,
      received: 1,
      late: 1,
      missing: 1,
    });
    expect(form.totals).toMatchObject({ requested: 18, served: 15, cash: 200_000_00 + 123450 });
    expect((await send('GET', '/api/v1/oversight/forms', boc)).statusCode).toBe(403);
    const xlsx = await send('GET', '/api/v1/oversight/forms.xlsx', regulator);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((s) => String(s.getCell('A1').value).startsWith('沪银保监〔2022〕30号')) as ExcelJS.Worksheet;
    const total = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(total.slice(1)).toEqual(['合计', 19, 2, 1, 1, 17, 0, '10.5%', '5.3%']);
  });

  it('generates the bulletin from the figures, lets the regulator edit it, numbers it per year on publishing, and serves PDF and DOCX', async () => {
    expect(
      (await send('POST', '/api/v1/bulletins', regulator, { from: today, to: addDays(today, -1) })).json().error.details.fields[0].field,
    ).toBe('body.to');
    const draft = await send('POST', '/api/v1/bulletins', regulator, { from: addDays(today, -2), to: today });
    expect(draft.statusCode, draft.body).toBe(201);
    const sections = draft.json().sections as { key: string; heading: string; text: string }[];
    expect(sections.map((s) => s.key)).toEqual(['basic_services', 'key_areas', 'new_ways', 'volunteers']);
    expect(sections[1]?.text).toContain('按照沪银保监〔2022〕30号要求，各机构报送《金融服务日报》2份，按时报送率50%');
    expect(sections[2]?.text).toContain('上门服务');
    // Staffing has its sentence in basic services, from its figures (none short here).
    expect(sections[0]?.text).toContain('期间未发生因员工居住小区封控导致的网点缺员');
    const id = draft.json().id;
    expect((await t.app.inject(`/api/v1/public/bulletins/${id}`)).statusCode).toBe(404);
    expect((await send('POST', '/api/v1/bulletins', boc, { from: today, to: today })).statusCode).toBe(403);
    const edited = sections.map((s) =>
      s.key === 'volunteers' ? { ...s, text: '全市银行保险机构组织青年志愿者下沉社区参加志愿服务。' } : s,
    );
    const saved = await send('PUT', `/api/v1/bulletins/${id}`, regulator, { title: '金融服务保障简报', sections: edited });
    expect(saved.json().sections[3].text).toContain('青年志愿者');
    const published = await send('POST', `/api/v1/bulletins/${id}/publish`, regulator);
    expect(published.json()).toMatchObject({ status: 'published', year: Number(today.slice(0, 4)), number: 1 });
    expect((await send('PUT', `/api/v1/bulletins/${id}`, regulator, { title: 'x'.repeat(3), sections: edited })).json().error.code).toBe(
      'bulletin.published',
    );
    const second = await send('POST', '/api/v1/bulletins', regulator, { from: today, to: today });
    expect((await send('POST', `/api/v1/bulletins/${second.json().id}/publish`, regulator)).json().number).toBe(2);

    const pdf = await t.app.inject(`/api/v1/public/bulletins/${id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    expect(text.replace(/\s/g, '')).toContain(`${today.slice(0, 4)}年第1期`);
    expect(text.replace(/\s/g, '')).toContain('青年志愿者下沉社区');
    const docx = await t.app.inject(`/api/v1/public/bulletins/${id}/docx`);
    const { value } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(value).toContain('金融服务保障简报');
    expect(value).toContain('四、积极参与志愿服务');
    expect((await t.app.inject('/api/v1/public/bulletins')).json().items).toHaveLength(2);
  });

  it('lets an association review the reports on its own forms, and on no one else’s', async () => {
    const bocId = await findOrgId(t, 'boc-sh');
    const issued = await send(
      'POST',
      '/api/v1/directives',
      association,
      directive('沪银协〔2022〕7号', { addressees: { orgIds: [bocId] } }),
    );
    expect(issued.statusCode, issued.body).toBe(201);
    const ownFormId = issued.json().form.id;
    const values = { values: { requested: 2, served: 1, online: 0, total: 1 }, preparer: '赵柜员', responsible: '陈管理' };
    const own = await send('PUT', `/api/v1/report-forms/${ownFormId}/reports/${today}`, boc, values);
    expect(own.statusCode, own.body).toBe(200);
    const desk = (await send('GET', '/api/v1/desk', association)).json();
    expect(desk.items.find((i: { key: string }) => i.key === 'reports.toReview')?.count).toBe(1);
    // The association's look opens it: the bank can no longer withdraw it.
    expect((await send('GET', `/api/v1/reports/${own.json().id}`, association)).json().openedAt).not.toBeNull();
    const returned = await send('POST', `/api/v1/reports/${own.json().id}/review`, association, {
      decision: 'return',
      comment: '请补充说明',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充说明' });
    // A report on the regulator's form is not the association's to see, review or reopen.
    const theirs = await t.database.db.selectFrom('reports').select('id').where('formId', '=', formId).executeTakeFirstOrThrow();
    expect((await send('GET', `/api/v1/reports/${theirs.id}`, association)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/reports/${theirs.id}/review`, association, { decision: 'accept' })).statusCode).toBe(404);
    const reopen = await send('POST', `/api/v1/report-forms/${formId}/reopenings`, association, {
      orgId: bocId,
      period: addDays(today, -1),
      hours: 2,
      reason: '系统故障',
    });
    expect(reopen.statusCode).toBe(404);
  });
});
