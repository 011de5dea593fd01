import { randomInt } from 'node:crypto';
import { maskMobile, validateMobile } from '@shouhu/common';
import { sql } from 'kysely';
import { AppError, validationError } from '../../errors.ts';
import { createOpaqueToken } from '../auth/tokens.ts';
import { audit, type Context } from '../context.ts';
import { createId } from '../ids.ts';
import { queueNotification } from '../notify/service.ts';
import { hashField } from '../pii/crypto.ts';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const CITIZEN_SESSION_MS = 30 * 60_000;
const PER_NUMBER = { perMinute: 1, perHour: 5 };
const PER_ADDRESS_PER_HOUR = 20;

/** A valid mainland mobile number, normalised; else a validation error naming the field. */
export function normalizeMobile(input: string, field = 'body.mobile'): string {
  const result = validateMobile(input);
  if (!result.valid) throw validationError([{ field, reason: result.reason }]);
  return result.normalized;
}

const codeHash = (ctx: Context, id: string, code: string) => hashField(ctx.keys, 'sms-code', `${id}:${code}`);

/** Sends a 6-digit code to a mobile, at most once a minute and five times an hour per number. */
export async function sendVerificationCode(ctx: Context, input: { mobile: string }): Promise<{ expiresInSeconds: number }> {
  const mobile = normalizeMobile(input.mobile);
  const mobileHash = hashField(ctx.keys, 'mobile', mobile);
  const id = createId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // Counting and sending under locks on the address and the number (always in that order), so
  // that requests at the same moment cannot all count the same few codes and all send one.
  const limited = await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`sms-ip:${ctx.ip ?? ''}`}, 0))`.execute(trx);
    await sql`select pg_advisory_xact_lock(hashtextextended(${`sms-mobile:${mobileHash}`}, 0))`.execute(trx);
    const counts = await trx
      .selectFrom('smsCodes')
      .select([
        sql<number>`count(*) filter (where mobile_hash = ${mobileHash} and created_at > now() - interval '1 minute')`.as('lastMinute'),
        sql<number>`count(*) filter (where mobile_hash = ${mobileHash})`.as('lastHour'),
        sql<number>`count(*) filter (where ip = ${ctx.ip ?? ''})`.as('fromAddress'),
      ])
      .where('createdAt', '>', sql<Date>`now() - interval '1 hour'`)
      .where((eb) => eb.or([eb('mobileHash', '=', mobileHash), eb('ip', '=', ctx.ip ?? '')]))
      .executeTakeFirstOrThrow();
    if (
      Number(counts.lastMinute) >= PER_NUMBER.perMinute ||
      Number(counts.lastHour) >= PER_NUMBER.perHour ||
      Number(counts.fromAddress) >= PER_ADDRESS_PER_HOUR
    ) {
      return true;
    }
    await trx
      .insertInto('smsCodes')
      .values({ id, mobileHash, codeHash: codeHash(ctx, id, code), ip: ctx.ip ?? null, expiresAt: new Date(Date.now() + CODE_TTL_MS) })
      .execute();
    await queueNotification(trx, ctx.keys, {
      channel: 'sms',
      recipient: mobile,
      body: `【守沪】您的验证码是 ${code}，5分钟内有效。请勿告诉他人。`,
    });
    await audit(ctx, trx, {
      action: 'citizen.code_requested',
      recordType: 'sms_code',
      recordId: id,
      summary: { mobile: maskMobile(mobile) },
    });
    return false;
  });
  if (limited) {
    await audit(ctx, ctx.db, {
      action: 'citizen.code_requested',
      outcome: 'denied',
      summary: { mobile: maskMobile(mobile), reason: 'rate_limited' },
    });
    throw new AppError('sms.rate_limited');
  }
  return { expiresInSeconds: CODE_TTL_MS / 1000 };
}

/** Checks the code (five tries) and opens a 30-minute session scoped to this mobile's own records. */
export async function verifyCode(ctx: Context, input: { mobile: string; code: string }) {
  const mobile = normalizeMobile(input.mobile);
  const mobileHash = hashField(ctx.keys, 'mobile', mobile);
  const pending = await ctx.db
    .selectFrom('smsCodes')
    .selectAll()
    .where('mobileHash', '=', mobileHash)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  const summary = { mobile: maskMobile(mobile) };
  if (!pending) {
    await audit(ctx, ctx.db, { action: 'citizen.verified', outcome: 'failure', summary: { ...summary, reason: 'no_code' } });
    throw new AppError('sms.code_invalid');
  }
  // Each guess takes one of the code's five tries before it is compared, so guesses sent at once
  // cannot all read the same count of tries.
  const tried = await ctx.db
    .updateTable('smsCodes')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', pending.id)
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .returning('attempts')
    .executeTakeFirst();
  if (!tried) throw new AppError('sms.attempts_exceeded');
  if (codeHash(ctx, pending.id, input.code.trim()) !== pending.codeHash) {
    await audit(ctx, ctx.db, { action: 'citizen.verified', outcome: 'failure', recordType: 'sms_code', recordId: pending.id, summary });
    throw new AppError(tried.attempts >= MAX_CODE_ATTEMPTS ? 'sms.attempts_exceeded' : 'sms.code_invalid');
  }
  const session = createOpaqueToken();
  const csrf = createOpaqueToken();
  const sessionId = createId();
  await ctx.db.transaction().execute(async (trx) => {
    const consumed = await trx
      .updateTable('smsCodes')
      .set({ consumedAt: sql`now()` })
      .where('id', '=', pending.id)
      .where('consumedAt', 'is', null)
      .executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) throw new AppError('sms.code_invalid');
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId,
        tokenHash: session.hash,
        kind: 'citizen',
        userId: null,
        mobileHash,
        mfaPassed: true,
        csrfHash: csrf.hash,
        expiresAt: new Date(Date.now() + CITIZEN_SESSION_MS),
      })
      .execute();
    await audit(ctx, trx, {
      actor: { type: 'citizen', sessionId, mobileHash },
      action: 'citizen.verified',
      recordType: 'session',
      recordId: sessionId,
      summary,
    });
  });
  return { sessionToken: session.token, csrfToken: csrf.token, mobile: maskMobile(mobile) };
}
