import { listTokenActions } from '@shouhu/common';
import { assertCan } from '../../platform/access/hooks.ts';
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
  const actor = ctx.actor;
  if (actor.type !== 'user') throw tokenError('token.scope_refused', { field: 'scopes', scopes: input.scopes });
  const role = actor.role;
  // A token does no more than the person who makes it may, and nothing a person must do themselves.
  const allowed = new Set<string>(listTokenActions(role));
  const refused = input.scopes.filter((s) => !allowed.has(s));
  if (refused.length > 0) throw tokenError('token.scope_refused', { field: 'scopes', scopes: refused, allowed: [...allowed] });
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
      createdBy: actor.userId,
      role,
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

/** The scopes the signed-in person may give a token, for the console's form. */
export function listGrantableScopes(ctx: Context): string[] {
  return ctx.actor.type === 'user' ? listTokenActions(ctx.actor.role) : [];
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
