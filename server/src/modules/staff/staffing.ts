import {
  type AssignmentInput,
  type BranchStaffing,
  type FallbackInput,
  type FieldProblemInput,
  findDivision,
  findDutyGaps,
  type LockIn,
  maskName,
  STAFF_POSTS,
  type StaffingBoard,
  type StaffingCoverage,
  type StaffingPlanInput,
  type StaffingPlanView,
  type StaffingState,
  todayInShanghai,
  toFieldProblem,
} from '@shouhu/common';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import type { Db } from '../../db/database.ts';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { actorOrgId, actorUserId, audit, type Context } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import type { JobHandler } from '../../platform/jobs/worker.ts';
import { decryptField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { lockBranch, nameBranches, selectAdjustmentsOn, selectBranchPlaces } from '../branches/repo.ts';
import { addAdjustment } from '../branches/service.ts';
import { selectOrganizationNames } from '../organizations/repo.ts';
import { staffError } from './errors.ts';
import {
  insertAssignment,
  insertPlan,
  markPlanApproved,
  type PlanRow,
  replaceStaffingDay,
  type StaffRow,
  selectAssignments,
  selectOwnPosts,
  selectPlan,
  selectPlanningOrgIds,
  selectPlans,
  selectPlansInForce,
  selectStaff,
  selectStaffByIds,
  selectStaffingDay,
  selectStaffMember,
} from './repo.ts';
import { findLockIns, type StaffEnv } from './service.ts';

/** The substitutes a short post shows: the nearest few. */
const SUBSTITUTES_SHOWN = 5;

type Named = StaffingPlanView['substitutePool'][number];
/** Names the people a plan lists, masked, with their branch and whether they are locked in that day. */
type NamePerson = (staffId: string) => Named;

function createNamer(
  keys: KeyRing,
  staff: readonly StaffRow[],
  branchNames: Map<string, string>,
  lockIns: Map<string, LockIn>,
): NamePerson {
  const byId = new Map(staff.map((s) => [s.id, s]));
  return (staffId) => {
    const s = byId.get(staffId);
    return {
      staffId,
      name: s ? maskName(decryptField(keys, s.nameEnc)) : '',
      branchName: branchNames.get(s?.branchId ?? '') ?? '',
      lockedIn: lockIns.get(staffId)?.lockedIn ?? false,
    };
  };
}

/** A plan's people, named: its key posts' holders, its pool, its duty list. */
const namePlanPeople = (p: Pick<PlanRow, 'keyPosts' | 'substitutePool' | 'duty'>, name: NamePerson) => ({
  keyPosts: p.keyPosts.map((k) => ({ post: k.post, holderA: name(k.holderA), holderB: name(k.holderB) })),
  substitutePool: p.substitutePool.map(name),
  duty: p.duty.map((d) => ({ ...name(d.staffId), from: d.from, to: d.to })),
});

const toPlanView = (p: PlanRow, names: Map<string, string>, inForce: Set<string>, name: NamePerson): StaffingPlanView => ({
  id: p.id,
  branchId: p.branchId,
  branchName: names.get(p.branchId) ?? '',
  version: p.version,
  minimums: p.minimums,
  fallback: p.fallback as StaffingPlanView['fallback'],
  ...namePlanPeople(p, name),
  draftedAt: new Date(p.draftedAt).toISOString(),
  approvedAt: p.approvedAt ? new Date(p.approvedAt).toISOString() : null,
  inForce: inForce.has(p.id),
});

async function nameOwnBranches(db: Db, orgId: string) {
  const branches = await selectBranchPlaces(db, { orgIds: [orgId] });
  return new Map(branches.map((b) => [b.id, b.nameZh]));
}

/** Every version of the institution's plans (or one branch's), the one in force marked, its people named as of today. */
export async function listPlans(ctx: Context, branchId?: string): Promise<StaffingPlanView[]> {
  await assertCan(ctx, 'staff.read', {});
  const orgId = actorOrgId(ctx);
  const [plans, inForce, names] = await Promise.all([
    selectPlans(ctx.db, orgId, branchId),
    selectPlansInForce(ctx.db, orgId),
    nameOwnBranches(ctx.db, orgId),
  ]);
  const named = new Set(plans.flatMap(listPlanPeople));
  const staff = await selectStaffByIds(ctx.db, orgId, [...named]);
  const name = createNamer(ctx.keys, staff, names, await findLockIns(ctx, staff, todayInShanghai()));
  const current = new Set(inForce.map((p) => p.id));
  return plans.map((p) => toPlanView(p, names, current, name));
}

/** Everyone a plan names: key-post holders, its substitute pool, its duty list. */
const listPlanPeople = (p: Pick<PlanRow, 'keyPosts' | 'substitutePool' | 'duty'>) => [
  ...p.keyPosts.flatMap((k) => [k.holderA, k.holderB]),
  ...p.substitutePool,
  ...p.duty.map((d) => d.staffId),
];

/** What a plan's people must be: key-post holders and the duty list of the branch (holders in the post), the pool of other branches. */
function checkPlanPeople(input: StaffingPlanInput, staff: readonly StaffRow[]): FieldProblemInput[] {
  const byId = new Map(staff.map((s) => [s.id, s]));
  const problems: FieldProblemInput[] = [];
  const atBranch = (id: string) => byId.get(id)?.branchId === input.branchId;
  (input.keyPosts ?? []).forEach((k, i) => {
    if (!(k.post in input.minimums))
      problems.push(
        toFieldProblem({
          field: `body.keyPosts.${i}.post`,
          reason: 'invalid',
          message: 'A key post must be one of the posts the plan needs to open',
          message_zh: '关键岗位须是预案最少人数中列出的岗位',
        }),
      );
    for (const role of ['holderA', 'holderB'] as const) {
      const holder = byId.get(k[role]);
      if (!holder || !atBranch(k[role])) problems.push({ field: `body.keyPosts.${i}.${role}`, reason: 'unknown' });
      else if (!holder.posts.includes(k.post))
        problems.push(
          toFieldProblem({
            field: `body.keyPosts.${i}.${role}`,
            reason: 'invalid',
            message: 'This person does not hold the post',
            message_zh: '此人不在该岗位',
          }),
        );
    }
    if (k.holderA === k.holderB)
      problems.push(
        toFieldProblem({
          field: `body.keyPosts.${i}.holderB`,
          reason: 'duplicate',
          message: 'B must be someone other than A',
          message_zh: 'B角须与A角不同',
        }),
      );
  });
  (input.substitutePool ?? []).forEach((id, i) => {
    if (!byId.has(id)) problems.push({ field: `body.substitutePool.${i}`, reason: 'unknown' });
    else if (atBranch(id))
      problems.push(
        toFieldProblem({
          field: `body.substitutePool.${i}`,
          reason: 'invalid',
          message: 'The pool is people of other branches; this person already works here',
          message_zh: '替班人员库应为其他网点的人员，此人本就在该网点',
        }),
      );
  });
  (input.duty ?? []).forEach((d, i) => {
    if (!atBranch(d.staffId)) problems.push({ field: `body.duty.${i}.staffId`, reason: 'unknown' });
  });
  const gaps = input.duty?.length ? findDutyGaps(input.duty) : [];
  if (gaps.length > 0) {
    const list = gaps.map((g) => `${g.from}–${g.to}`).join(', ');
    problems.push(
      toFieldProblem({
        field: 'body.duty',
        reason: 'invalid',
        message: `The duty list must cover the whole day; nobody is on duty ${list}`,
        message_zh: `值班表须覆盖全天24小时；${list} 无人值班`,
      }),
    );
  }
  return problems;
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
  problems.push(...checkPlanPeople(input, await selectStaffByIds(ctx.db, orgId, listPlanPeople(toPlanPeople(input)))));
  if (problems.length > 0) throw validationError(problems);
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertPlan(trx, {
      id,
      orgId,
      branchId: input.branchId,
      minimums: input.minimums,
      fallback: input.fallback,
      ...toPlanPeople(input),
      draftedBy: actorUserId(ctx),
    });
    await audit(ctx, trx, { action: 'staffing.plan_drafted', recordType: 'staffing_plan', recordId: id, summary: { ...input } });
  });
  return (await listPlans(ctx, input.branchId)).find((p) => p.id === id) as StaffingPlanView;
}

const toPlanPeople = (input: StaffingPlanInput) => ({
  keyPosts: input.keyPosts ?? [],
  substitutePool: input.substitutePool ?? [],
  duty: input.duty ?? [],
});

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
export function computeBoard(ctx: Context, on: string, db: Db = ctx.db): Promise<StaffingBoard> {
  return computeBoardOf({ keys: ctx.keys, db }, actorOrgId(ctx), on);
}

/** One institution's board, for its admin or for the job that records every institution's day. */
export async function computeBoardOf(env: StaffEnv, orgId: string, on: string): Promise<StaffingBoard> {
  const { keys, db } = env;
  const [staff, plans, assignments, places, adjustments] = await Promise.all([
    selectStaff(db, { orgId }),
    selectPlansInForce(db, orgId),
    selectAssignments(db, orgId, on),
    selectBranchPlaces(db, { orgIds: [orgId] }),
    selectAdjustmentsOn(db, on, { orgId }),
  ]);
  const adjusted = new Set(adjustments.map((a) => a.branchId));
  const lockIns = await findLockIns(env, staff, on);
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const planOf = new Map(plans.map((p) => [p.branchId, p]));
  const assignedTo = new Map(assignments.map((a) => [a.staffId, a]));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const free = staff.filter((s) => !lockIns.get(s.id)?.lockedIn);
  // Free to come in that day for their own branch: not locked in, not standing in elsewhere.
  const isHere = (staffId: string) => {
    const s = staffById.get(staffId);
    const a = assignedTo.get(staffId);
    return s !== undefined && !lockIns.get(staffId)?.lockedIn && (!a || a.branchId === s.branchId);
  };
  // The key-post holder each branch relies on that day (A, or B when A cannot come) is not lent out.
  const keyHolders = new Set<string>();
  for (const p of plans)
    for (const k of p.keyPosts) {
      const holder = [k.holderA, k.holderB].find(isHere);
      if (holder) keyHolders.add(holder);
    }
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
      if (assignment || keyHolders.has(s.id)) continue;
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
  const nameOf = (s: { nameEnc: string }) => maskName(decryptField(keys, s.nameEnc));
  const namePerson = createNamer(keys, staff, new Map(places.map((p) => [p.id, p.nameZh])), lockIns);

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
  /**
   * The people of other branches who could stand in for a post: the plan's pool first, then the
   * nearest branches, each branch giving no more than it can spare.
   */
  const findSubstitutes = (branchId: string, post: string) => {
    const tree = spareTrees.get(post);
    const here = placeOf.get(branchId);
    if (!tree || !here) return [];
    const found: BranchStaffing['posts'][number]['substitutes'] = [];
    const offer = (s: StaffRow, fromPool: boolean) =>
      found.push({
        staffId: s.id,
        name: nameOf(s),
        branchId: s.branchId,
        branchName: placeOf.get(s.branchId)?.nameZh ?? '',
        distanceKm: kmBetween(s.branchId, branchId),
        fromPool,
      });
    const taken = new Set<string>();
    const spareFrom = (from: string) => (spareByPost.get(post)?.get(from) ?? []).slice(0, Math.max(0, spareAt(from, post)));
    for (const id of planOf.get(branchId)?.substitutePool ?? []) {
      const s = staffById.get(id);
      if (found.length === SUBSTITUTES_SHOWN) return found;
      if (s && s.branchId !== branchId && spareFrom(s.branchId).some((p) => p.id === id)) {
        offer(s, true);
        taken.add(id);
      }
    }
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
      for (const s of spareFrom(from)) {
        if (found.length === SUBSTITUTES_SHOWN) return found;
        if (!taken.has(s.id)) offer(s, false);
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
    // A key post is held by A, or by B when A cannot come; with neither, it is short of one even
    // when the count is met, until a substitute stands in.
    const people = namePlanPeople(plan, namePerson);
    const keyPosts = people.keyPosts.map((k) => ({
      ...k,
      onDuty: isHere(k.holderA.staffId) ? ('A' as const) : isHere(k.holderB.staffId) ? ('B' as const) : null,
    }));
    const posts = Object.entries(plan.minimums).map(([post, minimum]) => {
      const available = countAt(plan.branchId, post);
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
      const keyUnheld =
        keyPosts.some((k) => k.post === post && k.onDuty === null) && !assigned.some((a) => !lockIns.get(a.staffId)?.lockedIn);
      const short = Math.max(keyUnheld ? 1 : 0, minimum - available);
      const substitutes = short === 0 ? [] : findSubstitutes(plan.branchId, post);
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
      keyPosts,
      duty: people.duty,
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
  return recordBoard(ctx.db, orgId, await computeBoard(ctx, input.on));
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
  const adjustment = await addAdjustment(ctx, input.branchId, {
    from: input.on,
    to: input.on,
    closed: kind === 'closed',
    ...(kind === 'shorter_hours' && hours ? { hours } : {}),
    reason: 'staffing',
    publicNote,
  });
  await recordBoard(ctx.db, actorOrgId(ctx), await computeBoard(ctx, input.on));
  return adjustment;
}

/** Keeps what the regulator reads in step with a board just computed: each branch's state that day. */
async function recordBoard(db: Db, orgId: string, board: StaffingBoard): Promise<StaffingBoard> {
  const rows = board.branches.map((b) => ({ branchId: b.branchId, districtCode: b.districtCode, state: b.state, adjusted: b.adjusted }));
  await replaceStaffingDay(db, orgId, board.on, rows);
  return board;
}

/** Records every institution's board for a day: the recurring job, and the demo. Answers how many branches. */
export async function recordStaffing(env: StaffEnv, on: string): Promise<number> {
  let branches = 0;
  for (const orgId of await selectPlanningOrgIds(env.db))
    branches += (await recordBoard(env.db, orgId, await computeBoardOf(env, orgId, on))).branches.length;
  return branches;
}

/** Zones change through the day: the boards are recorded again every few minutes, for the regulator. */
export const createStaffingRecordJob =
  (keys: KeyRing): JobHandler =>
  async ({ db }) => ({ branches: await recordStaffing({ keys, db }, todayInShanghai()) });

/** The regulator's view of a day: per district, branches enough, covered and short; and each short branch. */
export async function readCoverage(ctx: Context, on: string): Promise<StaffingCoverage> {
  await assertCan(ctx, 'staffing.coverage', {});
  const rows = await selectStaffingDay(ctx.db, on);
  const districtNameOf = (code: string) => findDivision(code)?.name ?? code;
  const byDistrict = new Map<string, StaffingCoverage['districts'][number]>();
  for (const r of rows) {
    const d = byDistrict.get(r.districtCode) ?? {
      districtCode: r.districtCode,
      districtName: districtNameOf(r.districtCode),
      planned: 0,
      enough: 0,
      covered: 0,
      short: 0,
      shortAdjusted: 0,
    };
    byDistrict.set(r.districtCode, d);
    d.planned++;
    d[r.state as StaffingState]++;
    if (r.state === 'short' && r.adjusted) d.shortAdjusted++;
  }
  const short = rows.filter((r) => r.state === 'short');
  const [branchNames, orgNames] = await Promise.all([
    nameBranches(
      ctx.db,
      short.map((r) => r.branchId),
    ),
    selectOrganizationNames(ctx.db, [...new Set(short.map((r) => r.orgId))]),
  ]);
  const orgName = new Map(orgNames.map((o) => [o.id, o.nameZh]));
  const recordedAt = rows.reduce<Date | null>((last, r) => (!last || r.recordedAt > last ? r.recordedAt : last), null);
  return {
    on,
    recordedAt: recordedAt ? new Date(recordedAt).toISOString() : null,
    districts: [...byDistrict.values()].sort((a, b) => a.districtCode.localeCompare(b.districtCode)),
    short: short
      .map((r) => ({
        branchId: r.branchId,
        branchName: branchNames.get(r.branchId) ?? '',
        orgName: orgName.get(r.orgId) ?? '',
        districtCode: r.districtCode,
        districtName: districtNameOf(r.districtCode),
        adjusted: r.adjusted,
      }))
      .sort(
        (a, b) =>
          Number(a.adjusted) - Number(b.adjusted) ||
          a.districtCode.localeCompare(b.districtCode) ||
          a.branchName.localeCompare(b.branchName, 'zh'),
      ),
  };
}
