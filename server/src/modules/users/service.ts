import { randomBytes } from 'node:crypto';
import type { DeskItem } from '@shouhu/common';
import { maskEmail, maskMobile, maskName, ROLES_BY_KIND, validateMobile } from '@shouhu/common';
import type { Role } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import { revokeUserSessions } from '../../platform/auth/repo.ts';
import { ANY_ORGANIZATION, audit, type Context, recordScope, resolveOrgFilter } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { addToInbox } from '../../platform/inbox/service.ts';
import { decryptField, encryptField, hashField } from '../../platform/pii/crypto.ts';
import { getOrganization } from '../organizations/service.ts';
import { userError } from './errors.ts';
import { countLockedUsers, insertUser, isUsernameTaken, selectUser, selectUsers, type UserListRow, updateUser } from './repo.ts';

function toUserView(ctx: Context, row: UserListRow) {
  return {
    id: row.id,
    orgId: row.orgId,
    username: row.username,
    role: row.role,
    name: maskName(decryptField(ctx.keys, row.nameEnc)),
    mobile: row.mobileEnc ? maskMobile(decryptField(ctx.keys, row.mobileEnc)) : null,
    email: row.emailEnc ? maskEmail(decryptField(ctx.keys, row.emailEnc)) : null,
    totpEnrolled: row.totpEnabledAt !== null,
    locked: row.lockedUntil !== null && new Date(row.lockedUntil) > new Date(),
    disabled: row.disabledAt !== null,
    mustChangePassword: row.mustChangePassword,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export async function listUsers(ctx: Context, filter: { orgId?: string }) {
  const orgId = resolveOrgFilter(ctx, 'user.read', filter.orgId);
  await assertCan(ctx, 'user.read', { orgId: orgId ?? undefined });
  return (await selectUsers(ctx.db, { orgId })).map((r) => toUserView(ctx, r));
}

async function loadUser(ctx: Context, id: string, action: 'user.read' | 'user.manage') {
  const row = await selectUser(ctx.db, recordScope(ctx, action), id);
  if (!row) throw userError('user.not_found');
  await assertCan(ctx, action, { orgId: row.orgId }, { type: 'user', id });
  return row;
}

export async function getUser(ctx: Context, id: string) {
  return toUserView(ctx, await loadUser(ctx, id, 'user.read'));
}

export interface NewUser {
  orgId: string;
  username: string;
  role: Role;
  name: string;
  mobile?: string;
  email?: string;
  password: string;
  mfaRequired?: boolean;
  isDemo?: boolean;
}

/** Creates a staff user. The name and mobile are personal data: stored encrypted, shown masked. */
export async function createUser(ctx: Context, input: NewUser) {
  await assertCan(ctx, 'user.manage', { orgId: input.orgId });
  const org = await getOrganization(ctx.db, input.orgId, 'orgId');
  if (!ROLES_BY_KIND[org.kind].includes(input.role))
    throw userError('user.role_not_allowed', { field: 'role', allowed: ROLES_BY_KIND[org.kind] });
  const username = input.username.trim().toLowerCase();
  let mobile: string | null = null;
  if (input.mobile) {
    const result = validateMobile(input.mobile);
    if (!result.valid) throw validationError([{ field: 'body.mobile', reason: result.reason }]);
    mobile = result.normalized;
  }
  const problem = checkPasswordPolicy(input.password, username);
  if (problem) throw new AppError('auth.password_policy', { field: 'password', reason: problem });
  const passwordHash = await hashPassword(input.password);
  const id = createId();
  return ctx.db.transaction().execute(async (trx) => {
    if (await isUsernameTaken(trx, username)) throw userError('user.username_taken', { field: 'username' });
    await insertUser(trx, {
      id,
      orgId: org.id,
      username,
      role: input.role,
      nameEnc: encryptField(ctx.keys, input.name.trim()),
      mobileEnc: mobile ? encryptField(ctx.keys, mobile) : null,
      mobileHash: mobile ? hashField(ctx.keys, 'mobile', mobile) : null,
      emailEnc: input.email ? encryptField(ctx.keys, input.email.trim().toLowerCase()) : null,
      passwordHash,
      mustChangePassword: !input.isDemo,
      mfaRequired: input.mfaRequired ?? false,
      isDemo: input.isDemo ?? false,
    });
    await audit(ctx, trx, {
      action: 'user.created',
      orgId: org.id,
      recordType: 'user',
      recordId: id,
      summary: { after: { username, role: input.role, name: maskName(input.name), mobile: mobile ? maskMobile(mobile) : null } },
    });
    // The first thing a new user sees: what to do before the rest (a second factor, a password of their own).
    await addToInbox(trx, ctx.keys, {
      kind: 'account.welcome',
      to: { userIds: [id] },
      orgId: org.id,
      titleZh: `欢迎使用守沪：${org.nameZh}的账户已开通，请先设置两步验证`,
      titleEn: `Welcome to Shouhu: your account at ${org.nameEn} is open; set up the second factor first`,
      path: '/console/security',
      record: { type: 'user', id },
    });
    return toUserView(ctx, (await selectUser(trx, ANY_ORGANIZATION, id)) as UserListRow);
  });
}

/** Sets a one-time password (shown once), signs the user out everywhere, requires a change at next sign-in. */
export async function resetPassword(ctx: Context, id: string): Promise<{ temporaryPassword: string }> {
  const row = await loadUser(ctx, id, 'user.manage');
  const temporaryPassword = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(temporaryPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
    const signedOut = await revokeUserSessions(trx, id);
    await audit(ctx, trx, { action: 'user.password_reset', orgId: row.orgId, recordType: 'user', recordId: id, summary: { signedOut } });
  });
  return { temporaryPassword };
}

export async function setUserDisabled(ctx: Context, id: string, disabled: boolean) {
  const row = await loadUser(ctx, id, 'user.manage');
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { disabledAt: disabled ? new Date() : null });
    if (disabled) await revokeUserSessions(trx, id);
    await audit(ctx, trx, {
      action: disabled ? 'user.disabled' : 'user.enabled',
      orgId: row.orgId,
      recordType: 'user',
      recordId: id,
      summary: { before: { disabled: row.disabledAt !== null }, after: { disabled } },
    });
  });
  return getUser(ctx, id);
}

/** For the work desk: accounts locked now, of the organisation (the regulator: all). */
export async function listUserDesk(ctx: Context): Promise<DeskItem[]> {
  if (!can(ctx.actor, 'user.manage')) return [];
  const count = await countLockedUsers(ctx.db, { orgId: resolveOrgFilter(ctx, 'user.manage') });
  return [{ key: 'users.locked', count, path: '/console/users' }];
}
