import {
  type AssignmentInput,
  type BranchStaffing,
  type FallbackInput,
  type FieldProblemInput,
  maskName,
  STAFF_POSTS,
  type StaffingBoard,
  type StaffingPlanInput,
  type StaffingPlanView,
  type StaffingState,
  toFieldProblem,
} from '@shouhu/common';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import type { Db } from '../../db/database.ts';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { actorOrgId, actorUserId, audit, type Context } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { decryptField } from '../../platform/pii/crypto.ts';
import { lockBranch, selectAdjustmentsOn, selectBranchPlaces } from '../branches/repo.ts';
import { addAdjustment } from '../branches/service.ts';
import { staffError } from './errors.ts';
import {
  insertAssignment,
  insertPlan,
  markPlanApproved,
  type PlanRow,
  selectAssignments,
  selectOwnPosts,
  selectPlan,
  selectPlans,
  selectPlansInForce,
  selectStaff,
  selectStaffMember,
} from './repo.ts';
import { findLockIns } from './service.ts';

/** The substitutes a short post shows: the nearest few. */
const SUBSTITUTES_SHOWN = 5;

const toPlanView = (p: PlanRow, names: Map<string, string>, inForce: Set<string>): StaffingPlanView => ({
  id: p.id,
  branchId: p.branchId,
  branchName: names.get(p.branchId) ?? '',
  version: p.version,
  minimums: p.minimums,
  fallback: p.fallback as StaffingPlanView['fallback'],
  draftedAt: new Date(p.draftedAt).toISOString(),
  approvedAt: p.approvedAt ? new Date(p.approvedAt).toISOString() : null,
  inForce: inForce.has(p.id),
});

async function nameOwnBranches(db: Db, orgId: string) {
  const branches = await selectBranchPlaces(db, { orgIds: [orgId] });
  return new Map(branches.map((b) => [b.id, b.nameZh]));
}

/** Every version of the institution's plans (or one branch's), the one in force marked. */
export async function listPlans(ctx: Context, branchId?: string): Promise<StaffingPlanView[]> {
  await assertCan(ctx, 'staff.read', {});
  const orgId = actorOrgId(ctx);
  const [plans, inForce, names] = await Promise.all([
    selectPlans(ctx.db, orgId, branchId),
    selectPlansInForce(ctx.db, orgId),
    nameOwnBranches(ctx.db, orgId),
  ]);
  const current = new Set(inForce.map((p) => p.id));
  return plans.map((p) => toPlanView(p, names, current));
}

/**
 * Drafts the next version of a branch's plan. Refused when a post is unknown, when a minimum is
 * more people than the branch has in that post, or when shorter hours come without the hours.
 */
export async function draftPlan(ctx: Context, input: StaffingPlanInput): Promise<StaffingPlanView> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'staff.manage', { orgId });
  const names = await nameOwnBranches(ctx.db, orgId);
  if (!names.has(input.branchId)) throw validationError([{ field: 'body.branchId', reason: 'unknown' }]);
  const own = new Set((await selectOwnPosts(ctx.db, orgId)).map((p) => p.code));
  const staff = await selectStaff(ctx.db, { orgId }, { branchId: input.branchId });
  const problems: FieldProblemInput[] = [];
  for (const [post, minimum] of Object.entries(input.minimums)) {
    if (!(STAFF_POSTS as readonly string[]).includes(post) && !own.has(post))
      problems.push({ field: `body.minimums.${post}`, reason: 'unknown' });
    else {
      const holders = staff.filter((s) => s.posts.includes(post)).length;
      if (minimum > holders)
        problems.push(
          toFieldProblem({
            field: `body.minimums.${post}`,
            reason: 'too_large',
            message: `The branch has ${holders} people in this post, fewer than the minimum ${minimum}`,
            message_zh: `该网点此岗位只有 ${holders} 人，少于最少人数 ${minimum}`,
          }),
        );
    }
  }
  if (input.fallback.kind === 'shorter_hours' && !input.fallback.hours?.length)
    problems.push({ field: 'body.fallback.hours', reason: 'required' });
  if (problems.length > 0) throw validationError(problems);
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertPlan(trx, {
      id,
      orgId,
      branchId: input.branchId,
      minimums: input.minimums,
      fallback: input.fallback,
      draftedBy: actorUserId(ctx),
    });
    await audit(ctx, trx, { action: 'staffing.plan_drafted', recordType: 'staffing_plan', recordId: id, summary: { ...input } });
  });
  return (await listPlans(ctx, input.branchId)).find((p) => p.id === id) as StaffingPlanView;
}

/** The institution's admin approves a drafted plan: it is in force from then on, until a later version is approved. */
export async function approvePlan(ctx: Context, id: string): Promise<StaffingPlanView> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'staff.manage', { orgId });
  const plan = await selectPlan(ctx.db, orgId, id);
  if (!plan) throw staffError('staffing.plan_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markPlanApproved(trx, id, actorUserId(ctx)))) throw staffError('staffing.plan_approved');
    await audit(ctx, trx, {
      action: 'staffing.plan_approved',
      recordType: 'staffing_plan',
      recordId: id,
      summary: { version: plan.version },
    });
  });
  return (await listPlans(ctx, plan.branchId)).find((p) => p.id === id) as StaffingPlanView;
}

/**
 * The institution's staffing on a day, for every branch with a plan in force: who can come in per
 * post against the plan's minimum, and for a short post the substitutes — same post, free to move,
 * not standing in elsewhere, from a branch that keeps its own minimum without them, nearest first.
 */
export async function computeBoard(ctx: Context, on: string, db: Db = ctx.db): Promise<StaffingBoard> {
  const orgId = actorOrgId(ctx);
  const [staff, plans, assignments, places, adjustments] = await Promise.all([
    selectStaff(db, { orgId }),
    selectPlansInForce(db, orgId),
    selectAssignments(db, orgId, on),
    selectBranchPlaces(db, { orgIds: [orgId] }),
    selectAdjustmentsOn(db, on, { orgId }),
  ]);
  const adjusted = new Set(adjustments.map((a) => a.branchId));
  const lockIns = await findLockIns(ctx, staff, on, db);
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const planOf = new Map(plans.map((p) => [p.branchId, p]));
  const assignedTo = new Map(assignments.map((a) => [a.staffId, a]));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const free = staff.filter((s) => !lockIns.get(s.id)?.lockedIn);
  // Who each branch has for a post on the day: its own people free to move and not standing in
  // elsewhere, and those standing in here. Counted once, in maps: a city has 100,000 people.
  const counts = new Map<string, number>();
  const add = (branchId: string, post: string) => counts.set(`${branchId}|${post}`, (counts.get(`${branchId}|${post}`) ?? 0) + 1);
  // The people who could stand in elsewhere, by post and by their branch.
  const spareByPost = new Map<string, Map<string, typeof free>>();
  for (const s of free) {
    const assignment = assignedTo.get(s.id);
    if (assignment && assignment.branchId !== s.branchId) continue;
    for (const post of s.posts) {
      add(s.branchId, post);
      if (assignment) continue;
      const byBranch = spareByPost.get(post) ?? new Map<string, typeof free>();
      spareByPost.set(post, byBranch);
      const people = byBranch.get(s.branchId);
      if (people) people.push(s);
      else byBranch.set(s.branchId, [s]);
    }
  }
  // A substitute counts where they stand in, unless a zone has since locked them in too.
  for (const a of assignments)
    if (staffById.get(a.staffId)?.branchId !== a.branchId && !lockIns.get(a.staffId)?.lockedIn) add(a.branchId, a.post);
  const countAt = (branchId: string, post: string) => counts.get(`${branchId}|${post}`) ?? 0;
  const spareAt = (branchId: string, post: string) => countAt(branchId, post) - (planOf.get(branchId)?.minimums[post] ?? 0);
  const nameOf = (s: { nameEnc: string }) => maskName(decryptField(ctx.keys, s.nameEnc));
  const kmBetween = (a: string, b: string) => {
    const pa = placeOf.get(a);
    const pb = placeOf.get(b);
    return pa && pb ? Math.round(distance(pa.lng, pa.lat, pb.lng, pb.lat) * 10) / 10 : Number.POSITIVE_INFINITY;
  };
  // For each post, a kd-tree over the branches that can spare someone: a short branch asks it for
  // the nearest few (3,264 branches, thousands short on a bad day: sorting all for each was seconds).
  const spareTrees = new Map<string, { index: KDBush; branchIds: string[] }>();
  for (const [post, byBranch] of spareByPost) {
    const branchIds = [...byBranch.keys()].filter((id) => spareAt(id, post) > 0 && placeOf.has(id));
    if (branchIds.length === 0) continue;
    const index = new KDBush(branchIds.length);
    for (const id of branchIds) {
      const p = placeOf.get(id) as { lat: number; lng: number };
      index.add(p.lng, p.lat);
    }
    index.finish();
    spareTrees.set(post, { index, branchIds });
  }
  /** The nearest people of other branches who could stand in for a post, each branch giving no more than it can spare. */
  const findSubstitutes = (branchId: string, post: string) => {
    const tree = spareTrees.get(post);
    const here = placeOf.get(branchId);
    if (!tree || !here) return [];
    const found = [];
    const nearest = around(
      tree.index,
      here.lng,
      here.lat,
      SUBSTITUTES_SHOWN,
      Number.POSITIVE_INFINITY,
      (i: number) => tree.branchIds[i] !== branchId,
    );
    for (const i of nearest as number[]) {
      const from = tree.branchIds[i] as string;
      for (const s of (spareByPost.get(post)?.get(from) ?? []).slice(0, spareAt(from, post))) {
        if (found.length === SUBSTITUTES_SHOWN) return found;
        found.push({
          staffId: s.id,
          name: nameOf(s),
          branchId: from,
          branchName: placeOf.get(from)?.nameZh ?? '',
          distanceKm: kmBetween(from, branchId),
        });
      }
    }
    return found;
  };
  const lockedAt = new Map<string, number>();
  for (const s of staff) if (lockIns.get(s.id)?.lockedIn) lockedAt.set(s.branchId, (lockedAt.get(s.branchId) ?? 0) + 1);
  const branches: BranchStaffing[] = [];
  for (const plan of plans) {
    const place = placeOf.get(plan.branchId);
    if (!place) continue;
    const posts = Object.entries(plan.minimums).map(([post, minimum]) => {
      const available = countAt(plan.branchId, post);
      const short = Math.max(0, minimum - available);
      const substitutes = short === 0 ? [] : findSubstitutes(plan.branchId, post);
      const assigned = assignments
        .filter((a) => a.branchId === plan.branchId && a.post === post)
        .map((a) => {
          const s = staffById.get(a.staffId);
          return {
            staffId: a.staffId,
            name: s ? nameOf(s) : '',
            branchId: s?.branchId ?? '',
            branchName: placeOf.get(s?.branchId ?? '')?.nameZh ?? '',
          };
        });
      return { post, minimum, available, short, substitutes, assigned };
    });
    const state: StaffingState = posts.every((p) => p.short === 0)
      ? 'enough'
      : posts.every((p) => p.short <= p.substitutes.length)
        ? 'covered'
        : 'short';
    branches.push({
      branchId: plan.branchId,
      branchName: place.nameZh,
      districtCode: place.districtCode,
      state,
      lockedIn: lockedAt.get(plan.branchId) ?? 0,
      planId: plan.id,
      fallback: plan.fallback as BranchStaffing['fallback'],
      adjusted: adjusted.has(plan.branchId),
      posts,
    });
  }
  // What needs a decision first: red, then amber, then green.
  const order: Record<StaffingState, number> = { short: 0, covered: 1, enough: 2 };
  branches.sort((a, b) => order[a.state] - order[b.state] || a.branchName.localeCompare(b.branchName, 'zh'));
  return { on, branches };
}

/**
 * Accepts a substitute for a short post on a day. Both branches are locked while it is checked
 * again, so that of two admins accepting at once one wins and the other is told why.
 */
export async function acceptSubstitute(ctx: Context, input: AssignmentInput): Promise<StaffingBoard> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'staff.manage', { orgId });
  const member = await selectStaffMember(ctx.db, { orgId }, input.staffId);
  if (!member) throw staffError('staff.not_found');
  await ctx.db.transaction().execute(async (trx) => {
    for (const id of [input.branchId, member.branchId].sort()) await lockBranch(trx, id);
    const board = await computeBoard(ctx, input.on, trx);
    const post = board.branches.find((b) => b.branchId === input.branchId)?.posts.find((p) => p.post === input.post);
    if (!post) throw validationError([{ field: 'body.post', reason: 'unknown' }]);
    if (post.short === 0) throw staffError('staffing.not_short');
    if (!post.substitutes.some((s) => s.staffId === input.staffId)) throw staffError('staffing.not_substitute');
    if (
      !(await insertAssignment(trx, {
        staffId: input.staffId,
        day: input.on,
        orgId,
        branchId: input.branchId,
        post: input.post,
        acceptedBy: actorUserId(ctx),
      }))
    )
      throw staffError('staffing.already_assigned');
    await audit(ctx, trx, {
      action: 'staffing.substitute_accepted',
      recordType: 'staff',
      recordId: input.staffId,
      summary: { on: input.on, branchId: input.branchId, post: input.post, fromBranchId: member.branchId },
    });
  });
  return computeBoard(ctx, input.on);
}

/**
 * Applies a short branch's fallback for the day, in one step: its plan's shorter hours or closure
 * becomes the branch's adjustment (reason staffing), which the finder and the next notice show.
 */
export async function applyFallback(ctx: Context, input: FallbackInput) {
  await assertCan(ctx, 'staff.manage', { orgId: actorOrgId(ctx) });
  const branch = (await computeBoard(ctx, input.on)).branches.find((b) => b.branchId === input.branchId);
  if (!branch) throw validationError([{ field: 'body.branchId', reason: 'unknown' }]);
  if (branch.state !== 'short') throw staffError('staffing.not_short');
  const { kind, hours, publicNote } = branch.fallback;
  return addAdjustment(ctx, input.branchId, {
    from: input.on,
    to: input.on,
    closed: kind === 'closed',
    ...(kind === 'shorter_hours' && hours ? { hours } : {}),
    reason: 'staffing',
    publicNote,
  });
}
