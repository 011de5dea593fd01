import {
  type AssignableStaff,
  BRANCH_SERVICE_LABELS,
  type ContactRevealInput,
  type DeskItem,
  formatShanghaiTime,
  HOME_VISIT_STATUS_LABELS,
  HOME_VISIT_STEP_FROM,
  type HomeVisitContact,
  type HomeVisitInput,
  type HomeVisitStatus,
  type HomeVisitStatusView,
  type HomeVisitView,
  type IdentityCheckInput,
  isInstitution,
  listHomeVisitOutcomes,
  listHomeVisitSteps,
  listOfferedServices,
  maskAddress,
  maskMobile,
  maskName,
  maskResidentId,
  OPEN_HOME_VISIT_STATUSES,
  type OutcomeInput,
  type TimelineEntry,
  type TrackAnswer,
  todayInShanghai,
  validateResidentId,
} from '@shouhu/common';
import { findCommittee } from '@shouhu/common/committees';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HomeVisitsTable } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { insertAudited } from '../../platform/audit/insert-audited.ts';
import { listTimeline } from '../../platform/audit/timeline.ts';
import { createBatcher } from '../../platform/batch.ts';
import { normalizeMobile } from '../../platform/citizen/service.ts';
import { isRequestMobile } from '../../platform/citizen/track.ts';
import { ANY_ORGANIZATION, actorOrgId, actorUserId, audit, type Context, recordScope } from '../../platform/context.ts';
import { requireStreet } from '../../platform/divisions.ts';
import { createId } from '../../platform/ids.ts';
import { addToInbox } from '../../platform/inbox/service.ts';
import type { JobHandler } from '../../platform/jobs/worker.ts';
import { type AttachmentOwner, type Tracker, toInstants } from '../../platform/module.ts';
import { queueNotification, toNotificationRows } from '../../platform/notify/service.ts';
import { decryptField, encryptField, hashField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { auditWorkOrderReveal } from '../../platform/pii/reveal.ts';
import { referencePool } from '../../platform/references.ts';
import { areInstitutions, selectInstitutionIds, selectOrganization, selectOrganizationNames } from '../organizations/repo.ts';
import { findUserLockIns } from '../staff/service.ts';
import { selectActiveStaff } from '../users/repo.ts';
import { homeVisitError } from './errors.ts';
import {
  countWaitingHomeVisits,
  type HomeVisitRow,
  selectHomeVisit,
  selectHomeVisitByReference,
  selectHomeVisits,
  selectScheduledBetween,
  updateHomeVisit,
} from './repo.ts';

function toView(ctx: Context, row: HomeVisitRow): HomeVisitView {
  const reveal = (value: string | null) => (value === null ? null : decryptField(ctx.keys, value));
  const residentId = reveal(row.residentIdEnc);
  return {
    id: row.id,
    reference: row.reference,
    orgId: row.orgId,
    service: row.service,
    name: maskName(reveal(row.nameEnc) ?? ''),
    mobile: maskMobile(reveal(row.mobileEnc) ?? ''),
    districtCode: row.districtCode,
    streetCode: row.streetCode,
    committeeCode: row.committeeCode,
    compound: maskAddress(reveal(row.compoundEnc) ?? row.compound ?? ''),
    address: maskAddress(reveal(row.addressEnc) ?? ''),
    reason: row.reason,
    windows: row.windows,
    status: row.status,
    raisedBy: row.raisedBy,
    identityCheckedAt: row.identityCheckedAt ? new Date(row.identityCheckedAt).toISOString() : null,
    residentId: residentId === null ? null : maskResidentId(residentId),
    documents: row.documents,
    assignedUserId: row.assignedUserId,
    scheduledAt: row.scheduledAt ? new Date(row.scheduledAt).toISOString() : null,
    // Staff notes may name people or places: shown to staff of the institution, never to the public.
    outcomeNote: reveal(row.outcomeNoteEnc),
    earlyReason: reveal(row.earlyReasonEnc),
    nextSteps: listHomeVisitSteps(row.status),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Sends the customer the request's new step by SMS, in the transaction that takes the step. */
async function notifyCustomer(ctx: Context, db: Db, row: { mobileEnc: string; reference: string; orgId: string }, text: string) {
  await queueNotification(db, ctx.keys, {
    channel: 'sms',
    recipient: decryptField(ctx.keys, row.mobileEnc),
    body: `【守沪】上门服务 ${row.reference}：${text}`,
    orgId: row.orgId,
  });
}

/** One request on its way into the database, with what its audit entry and SMS need. */
interface Intake {
  ctx: Context;
  row: HomeVisitRecord;
  mobile: string;
  serviceName: string;
}
type HomeVisitRecord = Omit<Insertable<HomeVisitsTable>, 'windows' | 'reference'> & { windows: HomeVisitInput['windows'] };

// One batcher per database: requests arriving while others are written go in the next batch.
const intakes = new WeakMap<Db, (item: Intake) => Promise<{ id: string; reference: string }>>();
const intakeFor = (db: Db) => {
  let intake = intakes.get(db);
  if (!intake) {
    const references = referencePool(db, 'HV');
    intake = createBatcher(async (items: Intake[]) => writeIntakes(db, items, await references.take(items.length)));
    intakes.set(db, intake);
  }
  return intake;
};

/**
 * Writes a batch of requests, their audit entries and SMS in one statement: all or none. A
 * request for an organisation that is not an institution fails alone.
 */
async function writeIntakes(db: Db, items: Intake[], references: string[]): Promise<({ id: string; reference: string } | Error)[]> {
  const batch = items.map((item, i) => ({ ...item, row: { ...item.row, reference: references[i] as string } }));
  const orgIds = [...new Set(batch.map((i) => i.row.orgId))];
  const first = batch[0] as (typeof batch)[number];
  const { notifications, jobs } = toNotificationRows(
    first.ctx.keys,
    batch.map(({ row, mobile, serviceName }) => ({
      channel: 'sms' as const,
      recipient: mobile,
      body: `【守沪】上门服务 ${row.reference}：已收到您的${serviceName}上门服务申请，我们会尽快联系您。`,
      orgId: row.orgId,
    })),
  );
  const written = await insertAudited(
    db,
    first.ctx.auditKey,
    batch.map(({ ctx, row }) => ({
      actor: ctx.actor,
      requestId: ctx.requestId,
      ip: ctx.ip,
      action: 'homeVisit.requested',
      orgId: row.orgId,
      recordType: 'home_visit',
      recordId: row.id,
      summary: { reference: row.reference, service: row.service, reason: row.reason, streetCode: row.streetCode },
    })),
    [
      { table: 'homeVisits', rows: batch.map((i) => i.row) },
      { table: 'notifications', rows: notifications },
      { table: 'jobs', rows: jobs },
    ],
    areInstitutions(orgIds),
  );
  if (written) return batch.map(({ row }) => ({ id: row.id as string, reference: row.reference }));
  // Rare: a request named an organisation that is not an institution. It fails; the rest go again.
  const institutions = new Set((await selectInstitutionIds(db, orgIds)).map((o) => o.id));
  const good = items.filter((i) => institutions.has(i.row.orgId));
  const results =
    good.length > 0
      ? await writeIntakes(
          db,
          good,
          references.filter((_, i) => institutions.has(items[i]?.row.orgId ?? '')),
        )
      : [];
  return items.map((i) =>
    institutions.has(i.row.orgId)
      ? (results.shift() as { id: string; reference: string })
      : homeVisitError('homeVisit.institution_unknown', { field: 'orgId' }),
  );
}

/**
 * A request for a home visit: by a citizen verified by SMS code (for their own mobile), or by
 * the institution's staff after a phone call. Validation and encryption here; the record, its
 * audit entry and the SMS to the customer in one transaction (shared with the requests arriving
 * at the same time); answers the reference number.
 */
export async function requestHomeVisit(ctx: Context, input: HomeVisitInput): Promise<{ id: string; reference: string }> {
  const mobile = normalizeMobile(input.mobile);
  const mobileHash = hashField(ctx.keys, 'mobile', mobile);
  if (ctx.actor.type === 'citizen') {
    if (ctx.actor.mobileHash !== mobileHash) throw homeVisitError('homeVisit.mobile_mismatch', { field: 'mobile' });
  } else {
    await assertCan(ctx, 'homeVisit.manage', { orgId: input.orgId });
  }
  const street = requireStreet(input.streetCode);
  if (input.committeeCode && (!input.committeeCode.startsWith(input.streetCode) || !findCommittee(input.committeeCode)))
    throw validationError([{ field: 'body.committeeCode', reason: 'unknown' }]);
  // A bank does not bring an insurance claim, nor anyone a safe-deposit box (an unknown institution fails in the intake).
  const institution = await selectOrganization(ctx.db, input.orgId);
  if (institution && isInstitution(institution.kind) && !listOfferedServices(institution.kind, 'home_visit').includes(input.service)) {
    throw homeVisitError('homeVisit.service_not_offered', { field: 'service' });
  }
  const now = Date.now();
  input.windows.forEach((w, i) => {
    if (Date.parse(w.to) <= now || Date.parse(w.to) <= Date.parse(w.from))
      throw homeVisitError('homeVisit.window_past', { field: `windows.${i}` });
  });
  return intakeFor(ctx.db)({
    ctx,
    mobile,
    serviceName: BRANCH_SERVICE_LABELS[input.service].zh,
    row: {
      id: createId(),
      orgId: input.orgId,
      service: input.service,
      nameEnc: encryptField(ctx.keys, input.name.trim()),
      mobileEnc: encryptField(ctx.keys, mobile),
      mobileHash,
      districtCode: street.districtCode,
      streetCode: input.streetCode,
      committeeCode: input.committeeCode ?? null,
      compound: null,
      compoundEnc: encryptField(ctx.keys, input.compound.trim()),
      addressEnc: encryptField(ctx.keys, input.address.trim()),
      reason: input.reason,
      windows: input.windows,
      status: 'requested',
      raisedBy: ctx.actor.type === 'citizen' ? 'citizen' : 'staff',
      raisedByUserId: actorUserId(ctx),
    },
  });
}

export async function listHomeVisits(ctx: Context, filter: { status?: HomeVisitStatus }) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'homeVisit.manage', { orgId });
  return (await selectHomeVisits(ctx.db, { orgId, status: filter.status, limit: 200 })).map((r) => toView(ctx, r));
}

/** What was seen at the identity check may be attached to the visit, by whoever handles it. */
export const ownHomeVisitAttachment: AttachmentOwner = async (ctx, id) => ({ orgId: (await loadHomeVisit(ctx, id)).orgId });

async function loadHomeVisit(ctx: Context, id: string): Promise<HomeVisitRow> {
  const row = await selectHomeVisit(ctx.db, recordScope(ctx, 'homeVisit.manage'), id);
  if (!row) throw homeVisitError('homeVisit.not_found');
  await assertCan(ctx, 'homeVisit.manage', { orgId: row.orgId }, { type: 'home_visit', id });
  return row;
}

export async function getHomeVisit(ctx: Context, id: string) {
  return toView(ctx, await loadHomeVisit(ctx, id));
}

/** Takes one step of a loaded request: moves the status (only from the allowed ones), audits, tells the customer. */
async function takeStep(
  ctx: Context,
  row: HomeVisitRow,
  step: {
    from: readonly HomeVisitStatus[];
    changes: Parameters<typeof updateHomeVisit>[3];
    action: string;
    summary: Record<string, unknown>;
    sms?: string;
    /** More that commits with the step (an inbox item for whoever is sent). */
    also?: (trx: Db) => Promise<unknown>;
  },
) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateHomeVisit(trx, row.id, step.from, step.changes))) {
      throw homeVisitError('homeVisit.wrong_status', { status: row.status });
    }
    await audit(ctx, trx, { action: step.action, orgId: row.orgId, recordType: 'home_visit', recordId: row.id, summary: step.summary });
    if (step.sms) await notifyCustomer(ctx, trx, row, step.sms);
    await step.also?.(trx);
  });
  return toView(ctx, (await selectHomeVisit(ctx.db, ANY_ORGANIZATION, row.id)) as HomeVisitRow);
}

/** The institution accepts the request: its first response. */
export const acceptHomeVisit = async (ctx: Context, id: string) =>
  takeStep(ctx, await loadHomeVisit(ctx, id), {
    from: HOME_VISIT_STEP_FROM.accept,
    changes: { status: 'accepted', firstResponseAt: new Date() },
    action: 'homeVisit.accepted',
    summary: {},
    sms: '已受理，我们正在安排工作人员上门。',
  });

/** Records the identity check at the door or by phone: a valid resident ID, the name, the documents seen. */
export async function checkIdentity(ctx: Context, id: string, input: IdentityCheckInput) {
  const result = validateResidentId(input.residentId);
  if (!result.valid) throw validationError([{ field: 'body.residentId', reason: result.reason }]);
  return takeStep(ctx, await loadHomeVisit(ctx, id), {
    from: HOME_VISIT_STEP_FROM.check_identity,
    changes: {
      residentIdEnc: encryptField(ctx.keys, result.normalized),
      residentIdHash: hashField(ctx.keys, 'residentId', result.normalized),
      identityNameEnc: encryptField(ctx.keys, input.name.trim()),
      documents: JSON.stringify(input.documents),
      identityCheckedAt: new Date(),
      identityCheckedBy: actorUserId(ctx),
    },
    action: 'homeVisit.identity_checked',
    summary: { residentId: maskResidentId(result.normalized), documents: input.documents },
  });
}

/**
 * The customer's name, mobile and full address for the visit: one click for the staff member
 * sent while the visit is open (the work order is the reason); others need the reveal
 * permission and a reason. Audited as a reveal either way.
 */
export async function revealHomeVisitContact(ctx: Context, id: string, input: ContactRevealInput): Promise<HomeVisitContact> {
  const row = await loadHomeVisit(ctx, id);
  await auditWorkOrderReveal(ctx, {
    orgId: row.orgId,
    recordType: 'home_visit',
    recordId: id,
    fields: ['name', 'mobile', 'compound', 'address'],
    doing: actorUserId(ctx) !== null && actorUserId(ctx) === row.assignedUserId && OPEN_HOME_VISIT_STATUSES.includes(row.status),
    workOrder: `上门服务 ${row.reference}`,
    reason: input.reason,
  });
  const reveal = (value: string | null) => (value === null ? '' : decryptField(ctx.keys, value));
  return {
    name: reveal(row.nameEnc),
    mobile: reveal(row.mobileEnc),
    districtCode: row.districtCode,
    streetCode: row.streetCode,
    compound: row.compoundEnc ? reveal(row.compoundEnc) : (row.compound ?? ''),
    address: reveal(row.addressEnc),
  };
}

/** The visit's history, who did what and when, from its audit trail. */
export async function listHomeVisitTimeline(ctx: Context, id: string): Promise<TimelineEntry[]> {
  await loadHomeVisit(ctx, id);
  return listTimeline(ctx, 'home_visit', id);
}

/** The institution's staff and whether each is free to move today: a home in a sealed or controlled zone is not. */
export const listAssignableStaff = async (ctx: Context, id: string) => listStaffFor(ctx, await loadHomeVisit(ctx, id));

async function listStaffFor(ctx: Context, row: HomeVisitRow): Promise<AssignableStaff[]> {
  const staff = await selectActiveStaff(ctx.db, row.orgId);
  // Where people live is kept on the roster: someone not on it cannot be known to be free.
  const lockIns = await findUserLockIns(
    ctx,
    row.orgId,
    staff.map((u) => u.id),
    todayInShanghai(),
  );
  return staff.map((u) => {
    const lockIn = lockIns.get(u.id);
    const notOffered = !lockIn ? 'not_on_roster' : lockIn.lockedIn ? 'locked_in' : null;
    return {
      userId: u.id,
      name: maskName(decryptField(ctx.keys, u.nameEnc)),
      free: notOffered === null,
      notOffered,
      zoneName: lockIn?.zoneName ?? null,
    };
  });
}

/** Assigns a staff member who is free to move, for a time. */
export async function scheduleHomeVisit(ctx: Context, id: string, input: { userId: string; at: string }) {
  const row = await loadHomeVisit(ctx, id);
  const staff = await listStaffFor(ctx, row);
  const chosen = staff.find((s) => s.userId === input.userId);
  if (!chosen) throw homeVisitError('homeVisit.staff_unknown', { field: 'userId' });
  if (chosen.notOffered === 'not_on_roster') throw homeVisitError('homeVisit.staff_not_on_roster', { field: 'userId' });
  if (chosen.notOffered === 'locked_in') throw homeVisitError('homeVisit.staff_not_free', { field: 'userId', zoneName: chosen.zoneName });
  if (Date.parse(input.at) <= Date.now()) throw homeVisitError('homeVisit.window_past', { field: 'at' });
  const at = new Date(input.at);
  const sameTime = row.status === 'scheduled' && row.scheduledAt !== null && new Date(row.scheduledAt).getTime() === at.getTime();
  // Saving the schedule again as it is changes nothing and tells nobody anything twice.
  if (sameTime && row.assignedUserId === input.userId) return toView(ctx, row);
  const local = formatShanghaiTime(at);
  return takeStep(ctx, row, {
    from: HOME_VISIT_STEP_FROM.schedule,
    changes: { status: 'scheduled', assignedUserId: input.userId, scheduledAt: at },
    action: 'homeVisit.scheduled',
    summary: { userId: input.userId, staff: chosen.name, at: input.at },
    // The customer hears of a time, not of which colleague comes: a new person at the same time is not news.
    sms: sameTime
      ? undefined
      : `工作人员将于 ${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11)} 上门，请保持电话畅通。`,
    // The one sent finds the visit in their inbox; a visit handed to someone new reaches them too.
    also: (trx) =>
      addToInbox(trx, ctx.keys, {
        kind: 'homeVisit.assigned',
        to: { userIds: [input.userId] },
        orgId: row.orgId,
        titleZh: `上门服务 ${row.reference}：${local.slice(5, 16)} 上门`,
        titleEn: `Home visit ${row.reference}: at ${local.slice(5, 16)}`,
        path: `/console/home-visits/${row.id}`,
        record: { type: 'home_visit', id: row.id },
        dueAt: at,
      }),
  });
}

/**
 * Closes the visit with its outcome. "Done" and "partly done" need the identity check first, and
 * before the scheduled time a reason (the customer was home early, say).
 */
export async function recordOutcome(ctx: Context, id: string, input: OutcomeInput) {
  const row = await loadHomeVisit(ctx, id);
  const served = input.outcome === 'done' || input.outcome === 'partly_done';
  if (served && !row.identityCheckedAt) throw homeVisitError('homeVisit.identity_required');
  const early = served && row.scheduledAt !== null && new Date(row.scheduledAt).getTime() > Date.now();
  const earlyReason = input.earlyReason?.trim() ?? '';
  if (early && earlyReason.length < 2) throw homeVisitError('homeVisit.before_schedule', { field: 'earlyReason' });
  const from = OPEN_HOME_VISIT_STATUSES.filter((s) => listHomeVisitOutcomes(s).includes(input.outcome));
  return takeStep(ctx, row, {
    from,
    changes: {
      status: input.outcome,
      outcomeNoteEnc: input.note ? encryptField(ctx.keys, input.note) : null,
      earlyReasonEnc: early ? encryptField(ctx.keys, earlyReason) : null,
      completedAt: new Date(),
      ...(row.status === 'requested' ? { firstResponseAt: new Date() } : {}),
    },
    action: 'homeVisit.closed',
    summary: { outcome: input.outcome, early },
    sms: `${HOME_VISIT_STATUS_LABELS[input.outcome].zh}。感谢您的耐心。`,
  });
}

/** A verified citizen's own requests (by the mobile they verified). */
export async function listMyHomeVisits(ctx: Context): Promise<HomeVisitStatusView[]> {
  if (ctx.actor.type !== 'citizen') throw new AppError('auth.required');
  const rows = await selectHomeVisits(ctx.db, { mobileHash: ctx.actor.mobileHash, limit: 50 });
  const names = new Map(
    (
      await selectOrganizationNames(
        ctx.db,
        rows.map((r) => r.orgId),
      )
    ).map((o) => [o.id, o.nameZh]),
  );
  return rows.map((r) => ({
    reference: r.reference,
    institution: names.get(r.orgId) ?? '',
    service: r.service,
    status: r.status,
    scheduledAt: r.scheduledAt ? new Date(r.scheduledAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

/** Follows a request by its reference number: the mobile given must be the request's, so a guessed number shows nothing. */
export const trackHomeVisit: Tracker = async (ctx, reference, mobile) => {
  const row = await selectHomeVisitByReference(ctx.db, reference);
  if (!row || !isRequestMobile(ctx, row.mobileHash, mobile)) return undefined;
  return {
    reference: row.reference,
    kind: 'home_visit',
    status: row.status,
    updatedAt: new Date(row.updatedAt).toISOString(),
    institution: (await selectOrganization(ctx.db, row.orgId))?.nameZh ?? '',
    scheduledAt: row.scheduledAt ? new Date(row.scheduledAt).toISOString() : null,
  };
};

/** The verified citizen's home visits, as "my requests" lists them. */
export async function listMyHomeVisitRequests(ctx: Context): Promise<TrackAnswer[]> {
  return (await listMyHomeVisits(ctx)).map((v) => ({
    reference: v.reference,
    kind: 'home_visit',
    status: v.status,
    updatedAt: v.updatedAt,
    institution: v.institution,
    scheduledAt: v.scheduledAt,
  }));
}

/** For the work desk: the institution's requests to accept, and its visits scheduled today. */
export async function listHomeVisitDesk(ctx: Context): Promise<DeskItem[]> {
  if (!can(ctx.actor, 'homeVisit.manage')) return [];
  const today = todayInShanghai();
  const { start, end } = toInstants({ from: today, to: today, orgId: null });
  const counts = await countWaitingHomeVisits(ctx.db, actorOrgId(ctx), start, end);
  return [
    { key: 'homeVisits.requested', count: counts.requested, path: '/console/home-visits?status=requested' },
    { key: 'homeVisits.today', count: counts.today, path: '/console/home-visits?status=scheduled' },
  ];
}

const MINUTE = 60_000;

/**
 * Tells whoever is sent that a visit is due within the hour, and them and the institution's
 * administrators when its time has passed without an outcome. Each item goes once per visit and
 * kind (the inbox keeps one), so the job may run as often as it likes.
 */
export function createVisitReminderJob(keys: KeyRing): JobHandler {
  return async ({ db }) => {
    const now = Date.now();
    let sent = 0;
    for (const v of await selectScheduledBetween(db, new Date(now), new Date(now + 60 * MINUTE))) {
      if (!v.assignedUserId || !v.scheduledAt) continue;
      const at = formatShanghaiTime(v.scheduledAt).slice(11);
      sent += await addToInbox(db, keys, {
        kind: 'deadline.approaching',
        to: { userIds: [v.assignedUserId] },
        orgId: v.orgId,
        titleZh: `上门服务 ${v.reference} 将于 ${at} 上门`,
        titleEn: `Home visit ${v.reference} is due at ${at}`,
        path: `/console/home-visits/${v.id}`,
        record: { type: 'home_visit', id: v.id },
        dueAt: new Date(v.scheduledAt),
      });
    }
    // Thirty minutes' grace after the time agreed, then it is overdue: a week back at most.
    for (const v of await selectScheduledBetween(db, new Date(now - 7 * 24 * 60 * MINUTE), new Date(now - 30 * MINUTE))) {
      const message = {
        kind: 'deadline.passed' as const,
        orgId: v.orgId,
        titleZh: `上门服务 ${v.reference} 已过约定时间，尚未办结`,
        titleEn: `Home visit ${v.reference} is past its time and not closed`,
        path: `/console/home-visits/${v.id}`,
        record: { type: 'home_visit', id: v.id },
        ...(v.scheduledAt ? { dueAt: new Date(v.scheduledAt) } : {}),
      };
      sent += await addToInbox(db, keys, {
        ...message,
        to: { userIds: v.assignedUserId ? [v.assignedUserId] : [], roles: ['institution_admin'] },
      });
    }
    return { sent };
  };
}
