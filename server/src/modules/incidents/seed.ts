import { DEFAULT_INCIDENT_DEADLINES, type IncidentReportInput } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { encryptField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { referencePool } from '../../platform/references.ts';
import { selectOrganizationIdByCode } from '../organizations/repo.ts';
import { hasIncidentTitled, insertIncident, insertIncidentReport } from './repo.ts';

const HOUR = 3_600_000;
const CLOSURES_TITLE = '部分网点因所在区域封控暂停营业';

/**
 * Two demo incidents: Bank of China's closures in sealed areas, reported and followed up, still
 * open; and China Pacific's claims hotline outage, reported and closed with its result. The other
 * banks with long closures in the demo network are proposed a report of their own.
 */
export async function seedIncidents(db: Db, keys: KeyRing): Promise<number> {
  const boc = (await selectOrganizationIdByCode(db, 'boc-sh'))?.id;
  const cpic = (await selectOrganizationIdByCode(db, 'cpic-pc-sh'))?.id;
  if (!boc || !cpic) return 0;
  if (await hasIncidentTitled(db, boc, CLOSURES_TITLE)) return 0;
  const now = Date.now();
  const closures: IncidentReportInput = {
    title: CLOSURES_TITLE,
    level: 'major',
    category: 'public_health',
    occurredAt: new Date(now - 74 * HOUR).toISOString(),
    place: '浦东新区、闵行区封控区域内网点',
    cause: '网点所在区域实行封控管理，员工无法到岗',
    impact: '暂停营业网点的客户改由就近网点、手机银行和上门服务办理；暂未发现客户集中投诉。',
    branchesAffected: 6,
    customersAffected: 1200,
    amountFen: 0,
    measuresTaken: '公示就近替代网点与线上渠道；开通上门服务；设立7×24小时应急值班。',
    measuresPlanned: '封控解除后24小时内完成网点消杀并恢复营业。',
    signingOfficer: '王建国',
    contactName: '李晓梅',
    contactPhone: '021-63211234',
  };
  const hotline: IncidentReportInput = {
    title: '理赔服务热线中断',
    level: 'general',
    category: 'operations',
    occurredAt: new Date(now - 50 * HOUR).toISOString(),
    place: '浦东新区客户服务中心',
    cause: '客服中心所在楼宇封控，坐席人员无法到岗，热线接通率下降',
    impact: '热线接通率由95%降至40%，约300位客户报案等待超过30分钟。',
    branchesAffected: 0,
    customersAffected: 300,
    amountFen: 0,
    measuresTaken: '启用居家坐席，开通线上自助报案。',
    measuresPlanned: '',
    signingOfficer: '陈志强',
    contactName: '赵敏',
    contactPhone: '13800138000',
  };
  const incidents: {
    orgId: string;
    learnedAgo: number;
    report: IncidentReportInput;
    filings: [kind: 'initial' | 'follow_up' | 'result', hoursAgo: number][];
  }[] = [
    {
      orgId: boc,
      learnedAgo: 72,
      report: closures,
      filings: [
        ['initial', 70],
        ['follow_up', 46],
      ],
    },
    {
      orgId: cpic,
      learnedAgo: 49,
      report: hotline,
      filings: [
        ['initial', 48],
        ['result', 20],
      ],
    },
  ];
  const references = await referencePool(db, 'IR').take(incidents.length);
  for (const [i, incident] of incidents.entries()) {
    const id = createId();
    const last = incident.filings.at(-1) as [string, number];
    const { contactPhone: phone, ...contents } = incident.report;
    await insertIncident(db, {
      id,
      reference: references[i] as string,
      orgId: incident.orgId,
      title: incident.report.title,
      level: incident.report.level,
      category: incident.report.category,
      learnedAt: new Date(now - incident.learnedAgo * HOUR),
      initialDueAt: new Date(now - (incident.learnedAgo - DEFAULT_INCIDENT_DEADLINES[incident.report.level].initialHours) * HOUR),
      initialLate: false,
      status: last[0] === 'result' ? 'closed' : 'open',
      branchesAffected: incident.report.branchesAffected,
      customersAffected: incident.report.customersAffected,
      lastFiledAt: new Date(now - last[1] * HOUR),
      reports: incident.filings.length,
    });
    for (const [kind, hoursAgo] of incident.filings)
      await insertIncidentReport(db, {
        id: createId(),
        incidentId: id,
        kind,
        filedAt: new Date(now - hoursAgo * HOUR),
        filedBy: null,
        late: false,
        contents: JSON.stringify(contents),
        contactPhoneEnc: encryptField(keys, phone),
      });
  }
  return incidents.length;
}
