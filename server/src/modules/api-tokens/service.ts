import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { ACTIONS, type Action } from '../../platform/access/policy.ts';
import { createOpaqueToken } from '../../platform/auth/tokens.ts';
import { audit, type Context } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { tokenError } from './errors.ts';
import { insertApiToken, revokeApiTokenRow, selectApiToken, selectApiTokens } from './repo.ts';

const ownOrgId = (ctx: Context) => (ctx.actor.type === 'user' ? ctx.actor.orgId : '');

function toView(row: {
  id: string;
  name: string;
  scopes: string[];
  expiresAt: Date | string;
  revokedAt: Date | string | null;
  lastUsedAt: Date | string | null;
  createdAt: Date | string;
}) {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    expiresAt: new Date(row.expiresAt).toISOString(),
    revoked: row.revokedAt !== null,
    lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** An API token for a partner's system: scoped to actions, expiring, shown once, stored hashed. */
export async function createApiToken(ctx: Context, input: { name: string; scopes: string[]; expiresInDays: number }) {
  const orgId = ownOrgId(ctx);
  await assertCan(ctx, 'token.manage', { orgId });
  const unknown = input.scopes.filter((s) => !ACTIONS.includes(s as Action));
  if (unknown.length > 0)
    throw validationError([
      {
        field: 'body.scopes',
        reason: 'choice',
        message: `Unknown actions: ${unknown.join(', ')}`,
        message_zh: `没有这些权限：${unknown.join('、')}`,
      },
    ]);
  const { token, hash } = createOpaqueToken('shk_');
  const id = createId();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  await ctx.db.transaction().execute(async (trx) => {
    await insertApiToken(trx, {
      id,
      orgId,
      name: input.name,
      tokenHash: hash,
      scopes: input.scopes,
      expiresAt,
      createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    });
    await audit(ctx, trx, {
      action: 'api_token.created',
      orgId,
      recordType: 'api_token',
      recordId: id,
      summary: { name: input.name, scopes: input.scopes, expiresAt },
    });
  });
  return { id, token, expiresAt: expiresAt.toISOString() };
}

export async function listApiTokens(ctx: Context) {
  const orgId = ownOrgId(ctx);
  await assertCan(ctx, 'token.manage', { orgId });
  const rows = await selectApiTokens(ctx.db, orgId);
  return rows.map(toView);
}

export async function revokeApiToken(ctx: Context, id: string) {
  const row = await selectApiToken(ctx.db, { orgId: ownOrgId(ctx) }, id);
  if (!row) throw tokenError('token.not_found');
  await assertCan(ctx, 'token.manage', { orgId: row.orgId }, { type: 'api_token', id });
  await ctx.db.transaction().execute(async (trx) => {
    await revokeApiTokenRow(trx, id);
    await audit(ctx, trx, { action: 'api_token.revoked', orgId: row.orgId, recordType: 'api_token', recordId: id });
  });
}
