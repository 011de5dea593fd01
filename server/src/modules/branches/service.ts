import {
  type AdjustmentChange,
  type AdjustmentInput,
  type BranchInput,
  type BranchListItem,
  type ChannelChange,
  type ChannelInput,
  todayInShanghai,
} from '@shouhu/common';
import * as gcoordModule from 'gcoord';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { ANY_ORGANIZATION, actorOrgId, audit, type Context, recordScope, resolveOrgFilter } from '../../platform/context.ts';
import { requireStreet } from '../../platform/divisions.ts';
import { createId } from '../../platform/ids.ts';
import { branchError } from './errors.ts';
import { announceBranchChange } from './finder.ts';
import {
  type AdjustmentRow,
  type BranchRow,
  insertAdjustment,
  insertBranch,
  insertChannel,
  lockBranch,
  selectAdjustment,
  selectAdjustments,
  selectAdjustmentsOn,
  selectBranch,
  selectBranches,
  selectBranchIdByCode,
  selectChannel,
  selectChannels,
  selectOverlappingAdjustments,
  updateAdjustment,
  updateBranch,
  updateChannel,
  withdrawRecord,
} from './repo.ts';

// gcoord is CommonJS: under Node its API is the default export, which its typings do not say.
const gcoord = (
  gcoordModule as unknown as {
    default: { transform(p: [number, number], from: string, to: string): [number, number]; GCJ02: string; WGS84: string };
  }
).default;

/** Street code → its district, and coordinates to WGS-84 (Chinese map apps give GCJ-02). */
export function placeBranch(input: BranchInput) {
  const street = requireStreet(input.streetCode);
  let { lat, lng } = input;
  if (input.coordinateSystem === 'gcj02') [lng, lat] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84);
  return { districtCode: street.districtCode, lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

const toAdjustmentView = (a: AdjustmentRow) => ({
  id: a.id,
  branchId: a.branchId,
  from: a.fromDate,
  to: a.toDate,
  closed: a.closed,
  hours: a.hours,
  reason: a.reason,
  publicNote: a.publicNote,
  withdrawnAt: a.withdrawnAt ? new Date(a.withdrawnAt).toISOString() : null,
  withdrawnReason: a.withdrawnReason,
});

/** The branches, each with today's status from the adjustment in force (none: open on its regular hours). */
export async function listBranches(ctx: Context, filter: { orgId?: string }): Promise<BranchListItem[]> {
  const orgId = resolveOrgFilter(ctx, 'branch.read', filter.orgId);
  await assertCan(ctx, 'branch.read', { orgId: orgId ?? undefined });
  const [branches, adjustments] = await Promise.all([
    selectBranches(ctx.db, { orgId }),
    selectAdjustmentsOn(ctx.db, todayInShanghai(), { orgId }),
  ]);
  const today = new Map(adjustments.map((a) => [a.branchId, a.closed ? ('closed' as const) : ('adjusted' as const)]));
  return branches.map((b) => ({ ...b, today: today.get(b.id) ?? 'open' }));
}

async function loadBranch(ctx: Context, id: string, action: 'branch.read' | 'branch.manage') {
  const branch = await selectBranch(ctx.db, recordScope(ctx, action), id);
  if (!branch) throw branchError('branch.not_found');
  await assertCan(ctx, action, { orgId: branch.orgId }, { type: 'branch', id });
  return branch;
}

export const getBranch = (ctx: Context, id: string) => loadBranch(ctx, id, 'branch.read');

export async function createBranch(ctx: Context, input: BranchInput) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'branch.manage', { orgId });
  const place = placeBranch(input);
  const id = createId();
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await selectBranchIdByCode(trx, orgId, input.code);
    if (taken) throw branchError('branch.code_taken', { field: 'code' });
    const { coordinateSystem: _c, ...fields } = input;
    await insertBranch(trx, { ...fields, ...place, id, orgId });
    await audit(ctx, trx, {
      action: 'branch.created',
      orgId,
      recordType: 'branch',
      recordId: id,
      summary: { after: { code: input.code, nameZh: input.nameZh, ...place } },
    });
    await announceBranchChange(trx, { branchIds: [id] });
    return (await selectBranch(trx, ANY_ORGANIZATION, id)) as BranchRow;
  });
}

export async function changeBranch(ctx: Context, id: string, input: BranchInput) {
  const before = await loadBranch(ctx, id, 'branch.manage');
  const place = placeBranch(input);
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await selectBranchIdByCode(trx, before.orgId, input.code, id);
    if (taken) throw branchError('branch.code_taken', { field: 'code' });
    const { coordinateSystem: _c, ...fields } = input;
    await updateBranch(trx, id, { ...fields, ...place });
    const after = (await selectBranch(trx, ANY_ORGANIZATION, id)) as BranchRow;
    await audit(ctx, trx, {
      action: 'branch.updated',
      orgId: before.orgId,
      recordType: 'branch',
      recordId: id,
      summary: { before, after },
    });
    await announceBranchChange(trx, { branchIds: [id] });
    return after;
  });
}

export async function listAdjustments(ctx: Context, branchId: string) {
  await loadBranch(ctx, branchId, 'branch.read');
  return (await selectAdjustments(ctx.db, [branchId], { withdrawn: true })).map(toAdjustmentView);
}

function checkAdjustment(input: AdjustmentInput) {
  if (input.from > input.to) throw validationError([{ field: 'body.to', reason: 'before_start' }]);
  if (!input.closed && !input.hours?.length) throw branchError('adjustment.hours_required', { field: 'hours' });
}

async function loadAdjustment(db: Context['db'], branchId: string, id: string) {
  const row = await selectAdjustment(db, branchId, id);
  if (!row) throw branchError('adjustment.not_found');
  if (row.withdrawnAt) throw branchError('adjustment.withdrawn');
  return row;
}

/**
 * Corrects a published adjustment (dates, hours, closed or not), with the reason: audited before
 * and after; the finder takes it at once, the next notice lists the change.
 */
export async function changeAdjustment(ctx: Context, branchId: string, id: string, input: AdjustmentChange) {
  const branch = await loadBranch(ctx, branchId, 'branch.manage');
  const { changeReason, ...content } = input;
  checkAdjustment(content);
  return ctx.db.transaction().execute(async (trx) => {
    await lockBranch(trx, branchId);
    const before = await loadAdjustment(trx, branchId, id);
    const overlapping = (await selectOverlappingAdjustments(trx, branchId, content.from, content.to)).filter((o) => o.id !== id);
    if (overlapping.length > 0) {
      throw branchError('adjustment.overlap', { conflicts: overlapping.map((o) => ({ id: o.id, from: o.fromDate, to: o.toDate })) });
    }
    await updateAdjustment(trx, id, content);
    await audit(ctx, trx, {
      action: 'adjustment.changed',
      orgId: branch.orgId,
      recordType: 'branch',
      recordId: branchId,
      summary: { reason: changeReason.trim(), before: toAdjustmentView(before), after: { id, ...content } },
    });
    await announceBranchChange(trx, { branchIds: [branchId] });
    return toAdjustmentView((await selectAdjustment(trx, branchId, id)) as AdjustmentRow);
  });
}

/** Withdraws a published adjustment, with the reason: a withdrawn closure reopens the branch in the finder at once. */
export async function withdrawAdjustment(ctx: Context, branchId: string, id: string, reason: string) {
  const branch = await loadBranch(ctx, branchId, 'branch.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await lockBranch(trx, branchId);
    const before = await loadAdjustment(trx, branchId, id);
    await withdrawRecord(trx, 'branchAdjustments', id, reason.trim());
    await audit(ctx, trx, {
      action: 'adjustment.withdrawn',
      orgId: branch.orgId,
      recordType: 'branch',
      recordId: branchId,
      summary: { reason: reason.trim(), before: toAdjustmentView(before) },
    });
    await announceBranchChange(trx, { branchIds: [branchId] });
    return toAdjustmentView((await selectAdjustment(trx, branchId, id)) as AdjustmentRow);
  });
}

/** A dated closure or change of hours; refused when its dates overlap another of the branch's. */
export async function addAdjustment(ctx: Context, branchId: string, input: AdjustmentInput) {
  const branch = await loadBranch(ctx, branchId, 'branch.manage');
  checkAdjustment(input);
  const id = createId();
  return ctx.db.transaction().execute(async (trx) => {
    // Serialise adjustments of one branch so that two overlapping ones cannot both pass the check.
    await lockBranch(trx, branchId);
    const overlapping = await selectOverlappingAdjustments(trx, branchId, input.from, input.to);
    if (overlapping.length > 0) {
      throw branchError('adjustment.overlap', { conflicts: overlapping.map((o) => ({ id: o.id, from: o.fromDate, to: o.toDate })) });
    }
    await insertAdjustment(trx, { ...input, id, branchId, orgId: branch.orgId });
    await audit(ctx, trx, {
      action: 'branch.adjusted',
      orgId: branch.orgId,
      recordType: 'branch',
      recordId: branchId,
      summary: { adjustment: { id, ...input } },
    });
    await announceBranchChange(trx, { branchIds: [branchId] });
    return toAdjustmentView((await selectAdjustment(trx, branchId, id)) as AdjustmentRow);
  });
}

export async function listChannels(ctx: Context) {
  const orgId = resolveOrgFilter(ctx, 'branch.read');
  await assertCan(ctx, 'branch.read', { orgId: orgId ?? undefined });
  return selectChannels(ctx.db, orgId);
}

export async function addChannel(ctx: Context, input: ChannelInput) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'branch.manage', { orgId });
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertChannel(trx, { ...input, id, orgId });
    await audit(ctx, trx, { action: 'channel.created', orgId, recordType: 'channel', recordId: id, summary: { after: input } });
    await announceBranchChange(trx, 'channels');
  });
  return { id, orgId, ...input };
}

/** One of the institution's channels still in force (another institution's is not found). */
async function loadChannel(ctx: Context, id: string) {
  const row = await selectChannel(ctx.db, id);
  const orgId = actorOrgId(ctx);
  if (!row || row.orgId !== orgId) throw branchError('channel.not_found');
  await assertCan(ctx, 'branch.manage', { orgId }, { type: 'channel', id });
  if (row.withdrawnAt) throw branchError('channel.withdrawn');
  const { withdrawnAt: _, ...channel } = row;
  return channel;
}

/** Corrects an online channel (its name, address or services), with the reason; audited. */
export async function changeChannel(ctx: Context, id: string, input: ChannelChange) {
  const before = await loadChannel(ctx, id);
  const { changeReason, ...content } = input;
  await ctx.db.transaction().execute(async (trx) => {
    await updateChannel(trx, id, content);
    await audit(ctx, trx, {
      action: 'channel.changed',
      orgId: before.orgId,
      recordType: 'channel',
      recordId: id,
      summary: { reason: changeReason.trim(), before, after: content },
    });
    await announceBranchChange(trx, 'channels');
  });
  return { id, orgId: before.orgId, ...content };
}

/** Withdraws an online channel, with the reason: the finder stops offering it at once. */
export async function withdrawChannel(ctx: Context, id: string, reason: string) {
  const before = await loadChannel(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await withdrawRecord(trx, 'onlineChannels', id, reason.trim()))) throw branchError('channel.withdrawn');
    await audit(ctx, trx, {
      action: 'channel.withdrawn',
      orgId: before.orgId,
      recordType: 'channel',
      recordId: id,
      summary: { reason: reason.trim(), before },
    });
    await announceBranchChange(trx, 'channels');
  });
}
