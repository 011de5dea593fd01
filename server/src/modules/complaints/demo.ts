import type { ClockEvent } from '@shouhu/common';
import { computeComplaintClock, createCalendar } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { encryptField, hashField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { referencePool } from '../../platform/references.ts';
import { selectOrganizationIdByCode } from '../organizations/repo.ts';
import { insertComplaint, toStoredClock } from './repo.ts';

const DAY = 86_400_000;

// Complaints a bank and an insurer received over the last weeks: some in hand, one extended, one
// paused for an appraisal, one decided, one past its deadline.
const DEMO = [
  { org: 'boc-sh', channel: 'phone', name: '陈美华', daysAgo: 3, claim: '减免封控期间的贷款罚息', steps: [] },
  { org: 'boc-sh', channel: 'online', name: '周国强', daysAgo: 12, claim: '解释银行卡被冻结的原因并解冻', steps: ['extend'] },
  { org: 'boc-sh', channel: 'video', name: '吴玉兰', daysAgo: 8, claim: '核实取现金额差错', steps: ['pause'] },
  { org: 'boc-sh', channel: 'in_person', name: '郑建平', daysAgo: 20, claim: '退还重复收取的年费', steps: [] },
  { org: 'boc-sh', channel: 'wechat', name: '王小红', daysAgo: 10, claim: '更正征信逾期记录', steps: ['decide'] },
  { org: 'pingan-life-sh', channel: 'phone', name: '李秋云', daysAgo: 5, claim: '尽快支付住院理赔款', steps: [] },
] as const;

/** A few complaints of the demo institutions, their clocks in every state. Idempotent. */
export async function seedComplaints(db: Db, keys: KeyRing): Promise<number> {
  if (await db.selectFrom('complaints').select('id').limit(1).executeTakeFirst()) return 0;
  const references = referencePool(db, 'CP');
  const calendar = createCalendar();
  let n = 0;
  for (const [i, c] of DEMO.entries()) {
    const org = await selectOrganizationIdByCode(db, c.org);
    if (!org) continue;
    const receivedAt = new Date(Date.now() - c.daysAgo * DAY);
    const clock: ClockEvent[] = [{ type: 'start', at: receivedAt }];
    const step = c.steps[0];
    const after = (days: number) => new Date(receivedAt.getTime() + days * DAY);
    const decidedAt = step === 'decide' ? after(7) : null;
    if (step === 'extend') clock.push({ type: 'extend', at: after(9), approvedBy: '', reason: '涉及多笔交易，需调取流水' });
    if (step === 'pause') clock.push({ type: 'pause', at: after(2), reason: 'appraisal' });
    if (decidedAt) clock.push({ type: 'stop', at: decidedAt });
    const mobile = `1370000${String(1000 + i)}`;
    await insertComplaint(db, {
      id: createId(),
      reference: ((await references.take(1)) as [string])[0],
      orgId: org.id,
      channel: c.channel,
      status: step === 'pause' ? 'paused' : decidedAt ? 'decided' : 'handling',
      nameEnc: encryptField(keys, c.name),
      mobileEnc: encryptField(keys, mobile),
      mobileHash: hashField(keys, 'mobile', mobile),
      claimEnc: encryptField(keys, c.claim),
      factsEnc: encryptField(keys, '封控期间无法到网点办理，多次致电未获答复。'),
      clock: toStoredClock(clock),
      receivedAt,
      dueAt: computeComplaintClock(clock, calendar, new Date()).dueAt,
      ...(decidedAt
        ? {
            decidedAt,
            decisionEnc: encryptField(
              keys,
              JSON.stringify({
                verified: '经核实，系数据报送延迟所致。',
                grounds: '已向征信中心申请更正。',
                remedies: ['review', 'mediation'],
              }),
            ),
          }
        : {}),
    });
    n++;
  }
  return n;
}
