import type { CompoundInput, CompoundView, GridInput, GridView } from '@shouhu/common';
import { findCommittee } from '@shouhu/common/committees';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { scopeOf } from '../../platform/access/policy.ts';
import { actorOrgId, audit, type Context, resolveOrgFilter } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { getOrganization } from '../organizations/service.ts';
import { placeError } from './errors.ts';
import { insertCompound, insertGrid, selectCompoundByName, selectCompounds, selectGrid, selectGrids, updateGrid } from './repo.ts';

/** A committee's compounds: public facts (the city names them in its zone notices). */
export async function listCompounds(ctx: Context, committeeCode: string): Promise<CompoundView[]> {
  if (!findCommittee(committeeCode)) throw validationError([{ field: 'querystring.committeeCode', reason: 'unknown' }]);
  return selectCompounds(ctx.db, committeeCode);
}

/** Registers a compound under a committee: the regulator any, a committee under itself only. */
export async function registerCompound(ctx: Context, input: CompoundInput): Promise<CompoundView> {
  await assertCan(ctx, 'compound.manage', {});
  if (!findCommittee(input.committeeCode)) throw validationError([{ field: 'body.committeeCode', reason: 'unknown' }]);
  if (scopeOf(ctx.actor, 'compound.manage') !== 'all') {
    const own = await getOrganization(ctx.db, actorOrgId(ctx));
    if (own.committeeCode !== input.committeeCode) throw placeError('compound.not_own_committee', { field: 'committeeCode' });
  }
  const name = input.name.trim();
  const id = createId();
  const row = {
    id,
    committeeCode: input.committeeCode,
    name,
    address: input.address?.trim() || null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (await selectCompoundByName(trx, input.committeeCode, name)) throw placeError('compound.exists', { field: 'name' });
    await insertCompound(trx, { ...row, registeredBy: actorOrgId(ctx) });
    await audit(ctx, trx, { action: 'compound.registered', recordType: 'compound', recordId: id, summary: { after: row } });
  });
  return row;
}

const toView = (row: Awaited<ReturnType<typeof selectGrids>>[number]): GridView => ({
  ...row,
  updatedAt: new Date(row.updatedAt).toISOString(),
});

/** Whose grids: an institution's own; the regulator every one, the districts' included. */
export async function listGrids(ctx: Context): Promise<GridView[]> {
  await assertCan(ctx, 'grid.manage', {});
  return (await selectGrids(ctx.db, { orgId: resolveOrgFilter(ctx, 'grid.manage') })).map(toView);
}

/** Every committee exists, and a district's grid keeps to its district: the first that does not is named. */
function checkGrid(input: GridInput) {
  const unknown = input.committeeCodes.findIndex((c) => !findCommittee(c));
  if (unknown >= 0) throw validationError([{ field: `body.committeeCodes.${unknown}`, reason: 'unknown' }]);
  if (input.districtCode) {
    const outside = input.committeeCodes.findIndex((c) => !c.startsWith(input.districtCode as string));
    if (outside >= 0) throw placeError('grid.outside_district', { field: `committeeCodes.${outside}` });
  }
}

/** A grid: the regulator's for a district, an institution admin's for their own organisation. */
export async function defineGrid(ctx: Context, input: GridInput): Promise<GridView> {
  const district = scopeOf(ctx.actor, 'grid.manage') === 'all';
  const orgId = district ? null : actorOrgId(ctx);
  await assertCan(ctx, 'grid.manage', orgId ? { orgId } : {});
  if (district && !input.districtCode) throw validationError([{ field: 'body.districtCode', reason: 'required' }]);
  if (!district && input.districtCode) throw validationError([{ field: 'body.districtCode', reason: 'not_allowed' }]);
  checkGrid(input);
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertGrid(trx, {
      id,
      orgId,
      districtCode: input.districtCode ?? null,
      name: input.name.trim(),
      committeeCodes: JSON.stringify(input.committeeCodes),
    });
    await audit(ctx, trx, { action: 'grid.defined', orgId, recordType: 'grid', recordId: id, summary: { after: input } });
  });
  return toView((await selectGrid(ctx.db, id)) as NonNullable<Awaited<ReturnType<typeof selectGrid>>>);
}

/** Changes a grid's name or committees, the whole set at once (audited before and after). */
export async function changeGrid(ctx: Context, id: string, input: GridInput): Promise<GridView> {
  const before = await selectGrid(ctx.db, id);
  // Another organisation's grid (or a district's, to an institution) is not found, as its records are.
  const reach = scopeOf(ctx.actor, 'grid.manage');
  if (!before || (reach === 'own' && before.orgId !== actorOrgId(ctx))) throw placeError('grid.not_found');
  await assertCan(ctx, 'grid.manage', before.orgId ? { orgId: before.orgId } : {}, { type: 'grid', id });
  checkGrid({ ...input, districtCode: before.districtCode ?? undefined });
  await ctx.db.transaction().execute(async (trx) => {
    await updateGrid(trx, id, { name: input.name.trim(), committeeCodes: JSON.stringify(input.committeeCodes), updatedAt: new Date() });
    await audit(ctx, trx, {
      action: 'grid.changed',
      orgId: before.orgId,
      recordType: 'grid',
      recordId: id,
      summary: { before, after: input },
    });
  });
  return toView((await selectGrid(ctx.db, id)) as NonNullable<Awaited<ReturnType<typeof selectGrid>>>);
}
