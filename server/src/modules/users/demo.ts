import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { createId } from '../../platform/ids.ts';
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
];

export async function seedUsers(db: Db, keys: KeyRing): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const u of DEMO_USERS) {
    if (await isUsernameTaken(db, u.username)) continue;
    const org = await selectOrganizationIdByCode(db, u.org);
    if (!org) continue;
    await insertUser(db, {
      id: createId(),
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
    created++;
  }
  return created;
}
