import { addDays, findPeriodDue, type ReportFormInput, todayInShanghai } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { selectOrganizationIdByCode, selectOrganizations } from '../organizations/repo.ts';
import { insertDirective, insertReport, insertReportForm, isDocumentNumberTaken, markAcknowledged } from './repo.ts';

const NUMBER = '沪银保监办发〔2022〕12号';

/** The daily return the regulator asked of every bank in the spring of 2022, in the shape of this platform's forms. */
export const DEMO_DAILY_FORM = (startsOn: string): ReportFormInput => ({
  title: '疫情期间基础金融服务保障日报',
  period: 'daily',
  startsOn,
  endsOn: addDays(startsOn, 44),
  dueAfterHours: 10,
  fields: [
    { key: 'openBranches', label: '当日开门营业网点数', type: 'count', required: true },
    { key: 'homeRequested', label: '上门服务申请数', type: 'count', required: true },
    { key: 'homeServed', label: '上门服务办结数', type: 'count', required: true },
    { key: 'cashSupplied', label: '现金投放金额', type: 'amount', required: false },
    { key: 'note', label: '其他需报告事项', type: 'text', required: false },
  ],
  rules: [{ kind: 'lte', left: 'homeServed', right: ['homeRequested'] }],
});

/**
 * A directive of the regulator to every bank, issued four days ago with its daily return: two banks
 * acknowledged it, one reported every day on time, another once late, the rest not at all.
 */
export async function seedOversight(db: Db): Promise<number> {
  const regulatorId = await selectOrganizationIdByCode(db, 'regulator-sh');
  if (!regulatorId || (await isDocumentNumberTaken(db, regulatorId.id, NUMBER))) return 0;
  const banks = (await selectOrganizations(db, { kind: 'bank' })).map((o) => o.id);
  const boc = (await selectOrganizationIdByCode(db, 'boc-sh'))?.id;
  const cib = (await selectOrganizationIdByCode(db, 'cib-sh'))?.id;
  if (!boc || !cib) return 0;
  const today = todayInShanghai();
  const startsOn = addDays(today, -4);
  const id = createId();
  const issuedAt = new Date(Date.now() - 4 * 86_400_000);
  await insertDirective(
    db,
    {
      id,
      issuerOrgId: regulatorId.id,
      documentNumber: NUMBER,
      title: '关于做好疫情防控期间基础金融服务保障工作的通知',
      body:
        '各银行业金融机构：\n为做好疫情防控期间基础金融服务保障工作，现就有关事项通知如下：\n' +
        '一、保持基础金融服务不断档，合理安排网点营业，暂停营业网点须公示就近可办理业务的网点和线上渠道。\n' +
        '二、对封控小区内老年人等群体的取现、挂失等急需，开通上门服务。\n' +
        '三、每日10时前报送前一日金融服务保障情况。',
      urgency: 'urgent',
      addressees: { kinds: ['bank'] },
      acknowledgeWithinHours: 24,
      actions: [
        { title: '公示暂停营业网点及就近替代网点', dueOn: addDays(startsOn, 1) },
        { title: '开通上门服务并报送联系人', dueOn: addDays(startsOn, 2) },
      ],
      issuedAt,
      issuedBy: null,
    },
    banks,
  );
  const form = { id: createId(), directiveId: id, ...DEMO_DAILY_FORM(startsOn) };
  await insertReportForm(db, form);
  await markAcknowledged(db, id, boc, null, new Date(issuedAt.getTime() + 2 * 3_600_000));
  await markAcknowledged(db, id, cib, null, new Date(issuedAt.getTime() + 20 * 3_600_000));
  let reports = 0;
  for (let day = 0; day < 3; day++) {
    const period = addDays(startsOn, day);
    const due = findPeriodDue(form, period);
    await insertReport(db, {
      id: createId(),
      formId: form.id,
      orgId: boc,
      period,
      values: {
        openBranches: 41 - day,
        homeRequested: 12 + day,
        homeServed: 10 + day,
        cashSupplied: 2_350_000 + day * 100_000,
        note: null,
      },
      preparer: '赵柜员',
      responsible: '陈管理',
      submittedAt: new Date(due.getTime() - 2 * 3_600_000),
      submittedBy: null,
      late: false,
    });
    reports++;
  }
  const period = addDays(startsOn, 1);
  await insertReport(db, {
    id: createId(),
    formId: form.id,
    orgId: cib,
    period,
    values: { openBranches: 18, homeRequested: 5, homeServed: 5, cashSupplied: 800_000, note: '部分网点因封控暂停营业' },
    preparer: '周管理',
    responsible: '周管理',
    submittedAt: new Date(findPeriodDue(form, period).getTime() + 5 * 3_600_000),
    submittedBy: null,
    late: true,
  });
  return 3 + reports + 1;
}
