import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { DEMO_PASSWORD } from '../../modules/users/demo-password.ts';
import { audit, type Context } from '../context.ts';
import { createId } from '../ids.ts';
import { decryptField, encryptField } from '../pii/crypto.ts';
import { checkPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import {
  clearFailures,
  insertSession,
  markSessionMfaPassed,
  reserveCheck,
  revokeSession,
  revokeUserSessions,
  selectUserById,
  selectUserByUsername,
  settleFailedCheck,
  type UserRow,
} from './repo.ts';
import { createOpaqueToken } from './tokens.ts';
import { createRecoveryCodes, createTotpSecret, describeTotpEnrolment, hashRecoveryCode, verifyTotp } from './totp.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;

export type SecondFactorState = 'passed' | 'required' | 'enrol' | 'skipped_demo';

/** Whether this user must pass a second factor, by role policy, by user setting, or because they enrolled one. */
export function decideSecondFactor(user: UserRow, config: Pick<Config, 'MFA_ROLES' | 'DEMO_SKIP_MFA' | 'SEED_DEMO'>): SecondFactorState {
  if (user.totpEnabledAt) return 'required';
  const byPolicy =
    user.mfaRequired ||
    config.MFA_ROLES.split(',')
      .map((r) => r.trim())
      .includes(user.role);
  if (!byPolicy) return 'passed';
  if (user.isDemo && config.DEMO_SKIP_MFA && config.SEED_DEMO) return 'skipped_demo';
  return 'enrol';
}

export interface SignInResult {
  sessionToken: string;
  csrfToken: string;
  secondFactor: SecondFactorState;
  mustChangePassword: boolean;
}

async function startSession(
  ctx: Context,
  user: UserRow,
  mfaPassed: boolean,
): Promise<{ sessionToken: string; csrfToken: string; sessionId: string }> {
  const session = createOpaqueToken();
  const csrf = createOpaqueToken();
  const sessionId = createId();
  await insertSession(ctx.db, {
    id: sessionId,
    tokenHash: session.hash,
    kind: 'staff',
    userId: user.id,
    mobileHash: null,
    mfaPassed,
    csrfHash: csrf.hash,
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
  });
  return { sessionToken: session.token, csrfToken: csrf.token, sessionId };
}

/**
 * Password sign-in. Five failures lock the account for 15 minutes, and no more than five checks
 * run before the lock, however many attempts arrive at once; every outcome is audited.
 */
export async function signIn(ctx: Context, config: Config, input: { username: string; password: string }): Promise<SignInResult> {
  const user = await selectUserByUsername(ctx.db, input.username);
  if (!user) {
    await verifyAgainstDummy(input.password);
    await audit(ctx, ctx.db, { action: 'auth.sign_in', outcome: 'failure', summary: { reason: 'unknown_user' } });
    throw new AppError('auth.invalid_credentials');
  }
  const subject = { orgId: user.orgId, recordType: 'user', recordId: user.id };
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    await audit(ctx, ctx.db, { ...subject, action: 'auth.sign_in', outcome: 'denied', summary: { reason: 'locked' } });
    throw new AppError('auth.locked', { lockedUntil: new Date(user.lockedUntil).toISOString() });
  }
  if (!(await reserveCheck(ctx.db, user.id, 'failedAttempts', MAX_FAILED_SIGN_INS))) {
    await audit(ctx, ctx.db, { ...subject, action: 'auth.sign_in', outcome: 'denied', summary: { reason: 'locked' } });
    throw new AppError('auth.locked');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const { locked } = await ctx.db.transaction().execute(async (trx) => {
      const result = await settleFailedCheck(trx, user.id, 'failedAttempts', MAX_FAILED_SIGN_INS, LOCK_MINUTES);
      await audit(ctx, trx, { ...subject, action: 'auth.sign_in', outcome: 'failure', summary: { reason: 'wrong_password' } });
      if (result.locked)
        await audit(ctx, trx, { ...subject, action: 'auth.lockout', outcome: 'success', summary: { minutes: LOCK_MINUTES } });
      return result;
    });
    throw new AppError(locked ? 'auth.locked' : 'auth.invalid_credentials');
  }
  if (user.disabledAt) {
    await audit(ctx, ctx.db, { ...subject, action: 'auth.sign_in', outcome: 'denied', summary: { reason: 'disabled' } });
    throw new AppError('auth.disabled');
  }
  // Where demo data is not enabled, the published demo password cannot stay: changing it comes first.
  const publishedPassword = !config.SEED_DEMO && input.password === DEMO_PASSWORD;
  if (publishedPassword && !user.mustChangePassword) {
    await ctx.db.updateTable('users').set({ mustChangePassword: true }).where('id', '=', user.id).execute();
  }
  const mustChangePassword = user.mustChangePassword || publishedPassword;
  const secondFactor = decideSecondFactor(user, config);
  const passed = secondFactor === 'passed' || secondFactor === 'skipped_demo';
  return ctx.db.transaction().execute(async (trx) => {
    await clearFailures(trx, user.id, 'failedAttempts');
    const tx = { ...ctx, db: trx };
    const { sessionToken, csrfToken, sessionId } = await startSession(tx, user, passed);
    await audit(ctx, trx, {
      ...subject,
      actor: { type: 'user', userId: user.id, orgId: user.orgId, role: user.role, sessionId, mfaPassed: passed },
      action: 'auth.sign_in',
      outcome: 'success',
      summary: { secondFactor },
    });
    return { sessionToken, csrfToken, secondFactor, mustChangePassword };
  });
}

function currentUserActor(ctx: Context) {
  if (ctx.actor.type !== 'user') throw new AppError('auth.required');
  return ctx.actor;
}

/**
 * Completes sign-in with a TOTP code (each code once) or a single-use recovery code. Wrong codes
 * count per account across sign-ins (a right password does not reset them): five lock it.
 */
export async function verifySecondFactor(ctx: Context, code: string): Promise<void> {
  const actor = currentUserActor(ctx);
  const user = await selectUserById(ctx.db, actor.userId);
  if (!user?.totpEnabledAt || !user.totpSecretEnc) throw new AppError('auth.second_factor_not_enrolled');
  const subject = { orgId: user.orgId, recordType: 'user', recordId: user.id };
  if (!(await reserveCheck(ctx.db, user.id, 'mfaFailedAttempts', MAX_FAILED_SIGN_INS))) {
    await revokeSession(ctx.db, actor.sessionId);
    await audit(ctx, ctx.db, { ...subject, action: 'auth.second_factor', outcome: 'denied', summary: { reason: 'locked' } });
    throw new AppError('auth.locked');
  }
  const totp = await verifyTotp(
    decryptField(ctx.keys, user.totpSecretEnc),
    code.trim(),
    user.totpLastStep === null ? null : Number(user.totpLastStep),
  );
  const recoveryHash = hashRecoveryCode(code);
  const recoveryIndex = totp.valid ? -1 : user.recoveryCodeHashes.indexOf(recoveryHash);
  if (!totp.valid && recoveryIndex < 0) {
    await ctx.db.transaction().execute(async (trx) => {
      const { locked } = await settleFailedCheck(trx, user.id, 'mfaFailedAttempts', MAX_FAILED_SIGN_INS, LOCK_MINUTES);
      await audit(ctx, trx, { ...subject, action: 'auth.second_factor', outcome: 'failure' });
      if (locked) {
        await revokeUserSessions(trx, user.id);
        await audit(ctx, trx, { ...subject, action: 'auth.lockout', outcome: 'success', summary: { minutes: LOCK_MINUTES } });
      }
    });
    throw new AppError('auth.second_factor_invalid');
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (totp.valid) {
      await trx
        .updateTable('users')
        .set({ totpLastStep: totp.timeStep ?? null, mfaFailedAttempts: 0 })
        .where('id', '=', user.id)
        .execute();
    } else {
      const remaining = user.recoveryCodeHashes.filter((_, i) => i !== recoveryIndex);
      await trx
        .updateTable('users')
        .set({ recoveryCodeHashes: JSON.stringify(remaining), mfaFailedAttempts: 0 })
        .where('id', '=', user.id)
        .execute();
    }
    await markSessionMfaPassed(trx, actor.sessionId);
    await audit(ctx, trx, {
      ...subject,
      action: 'auth.second_factor',
      outcome: 'success',
      summary: { method: totp.valid ? 'totp' : 'recovery_code' },
    });
  });
}

/** How recent a sign-in must be for a user who has not passed a second factor to enrol one. */
export const ENROL_WITHIN_MS = 10 * 60_000;

/**
 * Starts TOTP enrolment: a new secret (stored encrypted, not yet active) and its QR code. The
 * password is asked again, and a session that has not passed a second factor must be fresh: a
 * stolen or forgotten half-signed-in session cannot bind someone else's authenticator.
 */
export async function beginTotpEnrolment(ctx: Context, password: string): Promise<{ uri: string; qrSvg: string; secret: string }> {
  const actor = currentUserActor(ctx);
  const user = await selectUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('auth.required');
  if (user.totpEnabledAt) throw new AppError('auth.second_factor_already_enrolled');
  const subject = { orgId: user.orgId, recordType: 'user', recordId: user.id };
  if (!actor.mfaPassed) {
    const session = await ctx.db.selectFrom('sessions').select('createdAt').where('id', '=', actor.sessionId).executeTakeFirst();
    if (!session || Date.now() - new Date(session.createdAt).getTime() > ENROL_WITHIN_MS) {
      await revokeSession(ctx.db, actor.sessionId);
      await audit(ctx, ctx.db, {
        ...subject,
        action: 'auth.totp_enrolment_started',
        outcome: 'denied',
        summary: { reason: 'stale_sign_in' },
      });
      throw new AppError('auth.session_expired');
    }
  }
  if (!(await reserveCheck(ctx.db, user.id, 'failedAttempts', MAX_FAILED_SIGN_INS))) throw new AppError('auth.locked');
  if (!(await verifyPassword(user.passwordHash, password))) {
    await ctx.db.transaction().execute(async (trx) => {
      await settleFailedCheck(trx, user.id, 'failedAttempts', MAX_FAILED_SIGN_INS, LOCK_MINUTES);
      await audit(ctx, trx, {
        ...subject,
        action: 'auth.totp_enrolment_started',
        outcome: 'failure',
        summary: { reason: 'wrong_password' },
      });
    });
    throw new AppError('auth.password_wrong', { field: 'password' });
  }
  await clearFailures(ctx.db, user.id, 'failedAttempts');
  const secret = createTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totpSecretEnc: encryptField(ctx.keys, secret), updatedAt: new Date() })
      .where('id', '=', user.id)
      .execute();
    await audit(ctx, trx, { orgId: user.orgId, recordType: 'user', recordId: user.id, action: 'auth.totp_enrolment_started' });
  });
  return { ...(await describeTotpEnrolment(secret, user.username)), secret };
}

/** Confirms enrolment with a first code; returns ten recovery codes, shown this once. */
export async function confirmTotpEnrolment(ctx: Context, code: string): Promise<{ recoveryCodes: string[] }> {
  const actor = currentUserActor(ctx);
  const user = await selectUserById(ctx.db, actor.userId);
  if (!user?.totpSecretEnc) throw new AppError('auth.second_factor_not_enrolled');
  if (user.totpEnabledAt) throw new AppError('auth.second_factor_already_enrolled');
  const result = await verifyTotp(decryptField(ctx.keys, user.totpSecretEnc), code, null);
  if (!result.valid) {
    await audit(ctx, ctx.db, {
      orgId: user.orgId,
      recordType: 'user',
      recordId: user.id,
      action: 'auth.totp_enrolled',
      outcome: 'failure',
    });
    throw new AppError('auth.second_factor_invalid');
  }
  const { codes, hashes } = createRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        totpEnabledAt: new Date(),
        totpLastStep: result.timeStep ?? null,
        recoveryCodeHashes: JSON.stringify(hashes),
        updatedAt: new Date(),
      })
      .where('id', '=', user.id)
      .execute();
    await markSessionMfaPassed(trx, actor.sessionId);
    await audit(ctx, trx, { orgId: user.orgId, recordType: 'user', recordId: user.id, action: 'auth.totp_enrolled' });
  });
  return { recoveryCodes: codes };
}

export async function signOut(ctx: Context, everywhere: boolean): Promise<void> {
  const actor = ctx.actor;
  if (actor.type !== 'user' && actor.type !== 'citizen') throw new AppError('auth.required');
  await ctx.db.transaction().execute(async (trx) => {
    if (everywhere && actor.type === 'user') await revokeUserSessions(trx, actor.userId);
    else await revokeSession(trx, actor.sessionId);
    await audit(ctx, trx, {
      orgId: actor.type === 'user' ? actor.orgId : null,
      recordType: 'session',
      recordId: actor.sessionId,
      action: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
    });
  });
}

/** Changes the own password after re-entering the current one; other sessions are signed out. */
export async function changePassword(ctx: Context, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const actor = currentUserActor(ctx);
  const user = await selectUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('auth.required');
  const subject = { orgId: user.orgId, recordType: 'user', recordId: user.id };
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit(ctx, ctx.db, { ...subject, action: 'auth.password_changed', outcome: 'failure', summary: { reason: 'wrong_password' } });
    throw new AppError('auth.invalid_credentials', { field: 'currentPassword' });
  }
  const problem = checkPasswordPolicy(input.newPassword, user.username);
  if (problem) throw new AppError('auth.password_policy', { field: 'newPassword', reason: problem });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where('id', '=', user.id)
      .execute();
    const revoked = await revokeUserSessions(trx, user.id, actor.sessionId);
    await audit(ctx, trx, { ...subject, action: 'auth.password_changed', summary: { otherSessionsSignedOut: revoked } });
  });
}
