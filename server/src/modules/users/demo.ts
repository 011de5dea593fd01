import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { createId } from '../../platform/ids.ts';
import { addToInbox } from '../../platform/inbox/service.ts';
import { encryptField, hashField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { selectOrganizationIdByCode } from '../organizations/repo.ts';
import { DEMO_PASSWORD } from './demo-password.ts';
import { insertUser, isUsernameTaken } from './repo.ts';

export { DEMO_PASSWORD } from './demo-password.ts';

// Synthetic people; mobiles in the 1380013xxxx test range.
export const DEMO_USERS: { username: string; org: string; role: Role; name: string; mobile: string }[] = [
  { username: 'regulator', org: 'regulator-sh', role: 'regulator', name: '王监管', mobile: '13800138001' },
  { username: 'association', org: 'sba', role: 'association', name: '李公会', mobile: '13800138002' },
  // A second person of the association: one drafts the notice, the other reviews and publishes it.
  { username: 'association.reviewer', org: 'sba', role: 'association', name: '周审核', mobile: '13800138008' },
  { username: 'boc.admin', org: 'boc-sh', role: 'institution_admin', name: '陈管理', mobile: '13800138003' },
  { username: 'boc.staff', org: 'boc-sh', role: 'institution_staff', name: '赵柜员', mobile: '13800138004' },
  { username: 'cib.admin', org: 'cib-sh', role: 'institution_admin', name: '周管理', mobile: '13800138005' },
  { username: 'pingan.admin', org: 'pingan-life-sh', role: 'institution_admin', name: '吴保险', mobile: '13800138006' },
  { username: 'partner', org: 'shfic', role: 'partner', name: '郑伙伴', mobile: '13800138007' },
  { username: 'commerce', org: 'shcomm', role: 'partner', name: '孙商务', mobile: '13800138009' },
  { username: 'volunteers', org: 'shva', role: 'partner', name: '钱志愿', mobile: '13800138010' },
  { username: 'dingdong', org: 'dingdong', role: 'partner', name: '冯供应', mobile: '13800138011' },
  { username: 'committee.yunnan', org: 'committee-310101002001', role: 'partner', name: '韩居委', mobile: '13800138012' },
  { username: 'committee.longquan', org: 'committee-310101002002', role: 'partner', name: '杨居委', mobile: '13800138013' },
  { username: 'committee.weifang', org: 'committee-310115004001', role: 'partner', name: '朱居委', mobile: '13800138014' },
  { username: 'committee.chengqiao', org: 'committee-310151101201', role: 'partner', name: '秦村委', mobile: '13800138015' },
  { username: 'school.fudan', org: 'school-fudan', role: 'partner', name: '许老师', mobile: '13800138016' },
  { username: 'school.tongji', org: 'school-tongji', role: 'partner', name: '何老师', mobile: '13800138017' },
];

export async function seedUsers(db: Db, keys: KeyRing): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const u of DEMO_USERS) {
    if (await isUsernameTaken(db, u.username)) continue;
    const org = await selectOrganizationIdByCode(db, u.org);
    if (!org) continue;
    const id = createId();
    await insertUser(db, {
      id,
      orgId: org.id,
      username: u.username,
      role: u.role,
      nameEnc: encryptField(keys, u.name),
      mobileEnc: encryptField(keys, u.mobile),
      mobileHash: hashField(keys, 'mobile', u.mobile),
      passwordHash,
      mustChangePassword: false,
      mfaRequired: false,
      isDemo: true,
    });
    if (u.role === 'partner') await welcomePartner(db, keys, id, org.id);
    created++;
  }
  return created;
}

/** A partner's first inbox item in the demo: what the platform offers it, and where to start. */
function welcomePartner(db: Db, keys: KeyRing, userId: string, orgId: string) {
  return addToInbox(db, keys, {
    kind: 'account.welcome',
    to: { userIds: [userId] },
    orgId,
    titleZh: '欢迎使用守沪：贵单位参加的合作项目将在首页列出，可在"接口与推送"中为本单位系统创建令牌',
    titleEn:
      'Welcome to Shouhu: the programmes your organisation joins are listed on the home page; tokens for your systems are under Integrations',
    path: '/console',
    record: { type: 'user', id: userId },
  });
}
