import { maskName } from '@shouhu/common';
import { AppError } from '../../errors.ts';
import type { Context } from '../context.ts';
import { decryptField } from '../pii/crypto.ts';

export async function describeSelf(ctx: Context) {
  if (ctx.actor.type !== 'user') throw new AppError('auth.required');
  const row = await ctx.db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.orgId')
    .select([
      'users.id',
      'users.username',
      'users.nameEnc',
      'users.role',
      'users.totpEnabledAt',
      'users.mustChangePassword',
      'organizations.id as orgId',
      'organizations.code',
      'organizations.nameZh',
      'organizations.nameEn',
      'organizations.kind',
      'organizations.committeeCode',
    ])
    .where('users.id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    username: row.username,
    name: maskName(decryptField(ctx.keys, row.nameEnc)),
    role: row.role,
    organization: {
      id: row.orgId,
      code: row.code,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      kind: row.kind,
      committeeCode: row.committeeCode,
    },
    secondFactorPassed: ctx.actor.mfaPassed,
    totpEnrolled: row.totpEnabledAt !== null,
    mustChangePassword: row.mustChangePassword,
  };
}
