import { randomBytes } from 'node:crypto';
import {
  type DeskItem,
  isBookableSlot,
  isInstitution,
  type JoinQueueInput,
  listOfferedServices,
  listVideoSteps,
  maskMobile,
  maskResidentId,
  OPEN_VIDEO_STATUSES,
  type QueuePlace,
  type TimelineEntry,
  type TrackAnswer,
  VIDEO_STEP_FROM,
  type VideoContact,
  type VideoIdentityInput,
  type VideoOutcome,
  type VideoSessionView,
  validateResidentId,
} from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { AppError, validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { listTimeline } from '../../platform/audit/timeline.ts';
import { normalizeMobile } from '../../platform/citizen/service.ts';
import { isRequestMobile } from '../../platform/citizen/track.ts';
import { ANY_ORGANIZATION, actorOrgId, actorUserId, audit, type Context, recordScope } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import type { Tracker } from '../../platform/module.ts';
import { queueNotification } from '../../platform/notify/service.ts';
import { decryptField, encryptField, hashField } from '../../platform/pii/crypto.ts';
import { auditWorkOrderReveal } from '../../platform/pii/reveal.ts';
import { referencePool } from '../../platform/references.ts';
import { selectOrganization } from '../organizations/repo.ts';
import { videoError } from './errors.ts';
import { announceQueueChange, type QueueHub } from './queue.ts';
import {
  countWaitingSessions,
  insertVideoSession,
  selectCustomerRecord,
  selectOpenSession,
  selectVideoSession,
  selectVideoSessionByReference,
  selectVideoSessions,
  selectVideoSessionsOf,
  takeNextWaiting,
  updateVideoSession,
  upsertCustomerRecord,
  type VideoSessionRow,
} from './repo.ts';

/** The meeting link for a room: the configured service, with the room and who joins; none without a service. */
export const roomUrl = (template: string | undefined, room: string, role: 'customer' | 'agent') =>
  template ? template.replaceAll('{room}', room).replaceAll('{role}', role) : null;

async function institutionName(db: Db, orgId: string) {
  return (await selectOrganization(db, orgId))?.nameZh ?? '';
}

const baseOf = (row: VideoSessionRow, institution: string) => ({
  id: row.id,
  reference: row.reference,
  institution,
  service: row.service,
  slotAt: row.slotAt ? new Date(row.slotAt).toISOString() : null,
});

/** A place as its customer sees it; positions of waiting places come from the hub's memory. */
export async function describePlace(db: Db, hub: QueueHub, template: string | undefined, id: string): Promise<QueuePlace | undefined> {
  const row = await selectVideoSession(db, ANY_ORGANIZATION, id);
  if (!row) return undefined;
  const base = baseOf(row, await institutionName(db, row.orgId));
  if (row.status === 'waiting') {
    const place = await hub.findPlace(row.orgId, row.service, base);
    if (place) return place;
  }
  const room = row.status === 'serving' && row.room ? roomUrl(template, row.room, 'customer') : null;
  return { ...base, status: row.status, position: null, waitMinutes: null, roomUrl: room };
}

function assertSlot(slotAt: string) {
  if (!isBookableSlot(slotAt)) throw videoError('video.slot_invalid', { field: 'slotAt' });
}

/**
 * A customer verified by SMS code joins an institution's queue for a service now, or books a
 * later half-hour slot (joining the line when it comes). One open place per customer and queue.
 */
export async function joinQueue(ctx: Context, hub: QueueHub, template: string | undefined, input: JoinQueueInput): Promise<QueuePlace> {
  if (ctx.actor.type !== 'citizen') throw new AppError('auth.required');
  const mobile = normalizeMobile(input.mobile);
  const mobileHash = hashField(ctx.keys, 'mobile', mobile);
  if (ctx.actor.mobileHash !== mobileHash) throw videoError('video.mobile_mismatch', { field: 'mobile' });
  if (input.slotAt) assertSlot(input.slotAt);
  const id = createId();
  // Drawn before the transaction, so the counter is not held while the queue is checked.
  const [reference] = (await referencePool(ctx.db, 'VS').take(1)) as [string];
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const institution = await selectOrganization(trx, input.orgId);
      if (!institution || !isInstitution(institution.kind)) throw videoError('video.institution_unknown', { field: 'orgId' });
      if (!listOfferedServices(institution.kind, 'video').includes(input.service)) {
        throw videoError('video.service_not_offered', { field: 'service' });
      }
      const open = await selectOpenSession(trx, { orgId: input.orgId, service: input.service, mobileHash });
      if (open) throw videoError('video.already_in_queue', { id: open.id });
      await insertVideoSession(trx, {
        id,
        reference,
        orgId: input.orgId,
        service: input.service,
        mobileEnc: encryptField(ctx.keys, mobile),
        mobileHash,
        status: input.slotAt ? 'booked' : 'waiting',
        joinedAt: input.slotAt ? new Date(input.slotAt) : new Date(),
        slotAt: input.slotAt ? new Date(input.slotAt) : null,
      });
      await audit(ctx, trx, {
        action: input.slotAt ? 'video.booked' : 'video.joined',
        orgId: input.orgId,
        recordType: 'video_session',
        recordId: id,
        summary: { reference, service: input.service, slotAt: input.slotAt ?? null },
      });
      await announceQueueChange(trx, input.orgId, input.service);
    })
    .catch((err) => {
      // Two joins at the same instant: the unique index refuses the second.
      if ((err as { code?: string }).code === '23505') throw videoError('video.already_in_queue');
      throw err;
    });
  await hub.reload(input.orgId, input.service);
  return (await describePlace(ctx.db, hub, template, id)) as QueuePlace;
}

/** The verified customer's open places, to come back to the same place after a dropped connection. */
export async function listMyPlaces(ctx: Context, hub: QueueHub, template: string | undefined): Promise<QueuePlace[]> {
  if (ctx.actor.type !== 'citizen') throw new AppError('auth.required');
  const rows = await selectVideoSessions(ctx.db, { mobileHash: ctx.actor.mobileHash, statuses: OPEN_VIDEO_STATUSES, limit: 20 });
  return (await Promise.all(rows.map((r) => describePlace(ctx.db, hub, template, r.id)))).filter((p): p is QueuePlace => p !== undefined);
}

/** The customer's own place (others' are "not found"). */
export async function loadOwnPlace(ctx: Context, id: string): Promise<VideoSessionRow> {
  // A citizen's scope is their own mobile, not an organisation: checked on the record.
  const row = await selectVideoSession(ctx.db, ANY_ORGANIZATION, id);
  if (!row || ctx.actor.type !== 'citizen' || row.mobileHash !== ctx.actor.mobileHash) throw videoError('video.not_found');
  return row;
}

export async function leaveQueue(ctx: Context, id: string) {
  const row = await loadOwnPlace(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateVideoSession(trx, id, ['booked', 'waiting'], { status: 'left', closedAt: new Date() }))) {
      throw videoError('video.wrong_status', { status: row.status });
    }
    await audit(ctx, trx, { action: 'video.left', orgId: row.orgId, recordType: 'video_session', recordId: id, summary: {} });
    await announceQueueChange(trx, row.orgId, row.service, id);
  });
}

function toView(ctx: Context, template: string | undefined, row: VideoSessionRow): VideoSessionView {
  const residentId = row.residentIdEnc ? decryptField(ctx.keys, row.residentIdEnc) : null;
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    reference: row.reference,
    orgId: row.orgId,
    service: row.service,
    mobile: maskMobile(decryptField(ctx.keys, row.mobileEnc)),
    status: row.status,
    joinedAt: new Date(row.joinedAt).toISOString(),
    slotAt: iso(row.slotAt),
    agentUserId: row.agentUserId,
    takenAt: iso(row.takenAt),
    roomUrl: row.room && row.status === 'serving' ? roomUrl(template, row.room, 'agent') : null,
    identityCheckedAt: iso(row.identityCheckedAt),
    residentId: residentId ? maskResidentId(residentId) : null,
    nameMatched: row.nameMatched,
    livenessPassed: row.livenessPassed,
    outcomeNote: row.outcomeNoteEnc ? decryptField(ctx.keys, row.outcomeNoteEnc) : null,
    nextSteps: listVideoSteps(row.status),
  };
}

/** The agent's view: the waiting line (and bookings) of the institution, and the sessions being served. */
export async function listQueue(ctx: Context, template: string | undefined, filter: { service?: string }) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'cloudBranch.serve', { orgId });
  const rows = await selectVideoSessions(ctx.db, { orgId, service: filter.service, statuses: OPEN_VIDEO_STATUSES, limit: 500 });
  return rows.map((r) => toView(ctx, template, r));
}

async function loadSession(ctx: Context, id: string) {
  const row = await selectVideoSession(ctx.db, recordScope(ctx, 'cloudBranch.serve'), id);
  if (!row) throw videoError('video.not_found');
  await assertCan(ctx, 'cloudBranch.serve', { orgId: row.orgId }, { type: 'video_session', id });
  return row;
}

const newRoom = () => randomBytes(18).toString('base64url');

async function recordTaken(ctx: Context, trx: Db, id: string, orgId: string, service: string) {
  await audit(ctx, trx, { action: 'video.taken', orgId, recordType: 'video_session', recordId: id, summary: {} });
  await announceQueueChange(trx, orgId, service, id);
}

/**
 * The agent takes the next waiting customer of a queue, or of all the institution's queues (who
 * has waited longest): exactly one agent gets each customer.
 */
export async function takeNext(ctx: Context, template: string | undefined, service: string | undefined) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'cloudBranch.serve', { orgId });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const taken = await takeNextWaiting(trx, orgId, service, actorUserId(ctx) ?? '', newRoom());
    if (taken) await recordTaken(ctx, trx, taken.id, orgId, taken.service);
    return taken?.id;
  });
  if (!id) throw videoError('video.queue_empty');
  return toView(ctx, template, (await selectVideoSession(ctx.db, ANY_ORGANIZATION, id)) as VideoSessionRow);
}

/** The agent takes a chosen customer (a booking that has come, say); refused if someone else took them first. */
export async function takeSession(ctx: Context, template: string | undefined, id: string) {
  const row = await loadSession(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await updateVideoSession(trx, id, VIDEO_STEP_FROM.take, {
      status: 'serving',
      agentUserId: actorUserId(ctx) ?? '',
      takenAt: new Date(),
      room: newRoom(),
    });
    if (!moved) throw videoError(row.status === 'serving' ? 'video.already_taken' : 'video.wrong_status', { status: row.status });
    await recordTaken(ctx, trx, id, row.orgId, row.service);
  });
  return toView(ctx, template, (await selectVideoSession(ctx.db, ANY_ORGANIZATION, id)) as VideoSessionRow);
}

/** Identity on video: a valid resident ID, the name matched to the institution's customer record when there is one, liveness. */
export async function checkVideoIdentity(ctx: Context, template: string | undefined, id: string, input: VideoIdentityInput) {
  const row = await loadSession(ctx, id);
  const result = validateResidentId(input.residentId);
  if (!result.valid) throw validationError([{ field: 'body.residentId', reason: result.reason }]);
  const residentIdHash = hashField(ctx.keys, 'residentId', result.normalized);
  const record = await selectCustomerRecord(ctx.db, { orgId: row.orgId }, residentIdHash);
  const nameMatched = record ? decryptField(ctx.keys, record.nameEnc) === input.name.trim() : null;
  await ctx.db.transaction().execute(async (trx) => {
    // Again while serving: a wrong entry or a missed tick is corrected before the outcome.
    const moved = await updateVideoSession(trx, id, VIDEO_STEP_FROM.check_identity, {
      residentIdEnc: encryptField(ctx.keys, result.normalized),
      residentIdHash,
      nameMatched,
      livenessPassed: input.livenessPassed,
      identityCheckedAt: new Date(),
    });
    if (!moved) throw videoError('video.wrong_status', { status: row.status });
    await audit(ctx, trx, {
      action: 'video.identity_checked',
      orgId: row.orgId,
      recordType: 'video_session',
      recordId: id,
      summary: { residentId: maskResidentId(result.normalized), nameMatched, livenessPassed: input.livenessPassed },
    });
  });
  return toView(ctx, template, (await selectVideoSession(ctx.db, ANY_ORGANIZATION, id)) as VideoSessionRow);
}

/**
 * Closes the session; "served" needs a passed identity check (name not contradicted by the
 * record). A customer not served is told by SMS what they can do next.
 */
export async function closeVideoSession(
  ctx: Context,
  template: string | undefined,
  id: string,
  input: { outcome: VideoOutcome; note?: string },
) {
  const row = await loadSession(ctx, id);
  if (input.outcome === 'served' && (!row.identityCheckedAt || !row.livenessPassed || row.nameMatched === false)) {
    throw videoError('video.identity_required');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await updateVideoSession(trx, id, VIDEO_STEP_FROM.close, {
      status: input.outcome,
      outcomeNoteEnc: input.note ? encryptField(ctx.keys, input.note) : null,
      closedAt: new Date(),
    });
    if (!moved) throw videoError('video.wrong_status', { status: row.status });
    await audit(ctx, trx, {
      action: 'video.closed',
      orgId: row.orgId,
      recordType: 'video_session',
      recordId: id,
      summary: { outcome: input.outcome },
    });
    if (input.outcome !== 'served') {
      await queueNotification(trx, ctx.keys, {
        channel: 'sms',
        recipient: decryptField(ctx.keys, row.mobileEnc),
        body: `【守沪】视频办理 ${row.reference}：本次未能办理。您可以在“云网点”重新排队或预约时段，也可以申请上门服务，或查询附近营业网点。`,
        orgId: row.orgId,
      });
    }
    await announceQueueChange(trx, row.orgId, row.service, id);
  });
  return toView(ctx, template, (await selectVideoSession(ctx.db, ANY_ORGANIZATION, id)) as VideoSessionRow);
}

/**
 * The customer's mobile, for the agent serving them (to call when there is no video room). Anyone
 * else of the institution needs the reveal permission and a reason; audited either way.
 */
export async function revealVideoContact(ctx: Context, id: string, input: { reason?: string }): Promise<VideoContact> {
  const row = await loadSession(ctx, id);
  await auditWorkOrderReveal(ctx, {
    orgId: row.orgId,
    recordType: 'video_session',
    recordId: id,
    fields: ['mobile'],
    doing: row.status === 'serving' && row.agentUserId === actorUserId(ctx),
    workOrder: `视频办理 ${row.reference}`,
    reason: input.reason,
  });
  return { mobile: decryptField(ctx.keys, row.mobileEnc) };
}

/** The session's history, who did what and when, from its audit trail. */
export async function listVideoTimeline(ctx: Context, id: string): Promise<TimelineEntry[]> {
  await loadSession(ctx, id);
  return listTimeline(ctx, 'video_session', id);
}

/** Adds or replaces one of the institution's customer records (resident ID kept only as a keyed hash). */
export async function addCustomerRecord(ctx: Context, input: { residentId: string; name: string }) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'cloudBranch.serve', { orgId });
  const result = validateResidentId(input.residentId);
  if (!result.valid) throw validationError([{ field: 'body.residentId', reason: result.reason }]);
  const residentIdHash = hashField(ctx.keys, 'residentId', result.normalized);
  await ctx.db.transaction().execute(async (trx) => {
    await upsertCustomerRecord(trx, { id: createId(), orgId, residentIdHash, nameEnc: encryptField(ctx.keys, input.name.trim()) });
    await audit(ctx, trx, {
      action: 'customer.recorded',
      orgId,
      recordType: 'customer_record',
      summary: { residentId: maskResidentId(result.normalized) },
    });
  });
}

/** For the work desk: customers waiting in the institution's video queue. */
export async function listVideoDesk(ctx: Context): Promise<DeskItem[]> {
  if (!can(ctx.actor, 'cloudBranch.serve')) return [];
  return [{ key: 'video.waiting', count: await countWaitingSessions(ctx.db, actorOrgId(ctx)), path: '/console/cloud-branch' }];
}

/** A session as a public request: its status and the institution, no personal data. */
async function toRequest(ctx: Context, row: NonNullable<Awaited<ReturnType<typeof selectVideoSessionByReference>>>): Promise<TrackAnswer> {
  const last = row.closedAt ?? row.takenAt ?? row.joinedAt;
  return {
    reference: row.reference,
    kind: 'video_session',
    status: row.status,
    updatedAt: new Date(last).toISOString(),
    institution: (await selectOrganization(ctx.db, row.orgId))?.nameZh ?? '',
    scheduledAt: row.slotAt ? new Date(row.slotAt).toISOString() : null,
  };
}

/** Follows a video session by its reference and the mobile it was made with. */
export const trackVideoSession: Tracker = async (ctx, reference, mobile) => {
  const row = await selectVideoSessionByReference(ctx.db, reference);
  if (!row || !isRequestMobile(ctx, row.mobileHash, mobile)) return undefined;
  return toRequest(ctx, row);
};

/** The verified citizen's video sessions, as "my requests" lists them. */
export async function listMyVideoRequests(ctx: Context): Promise<TrackAnswer[]> {
  if (ctx.actor.type !== 'citizen') return [];
  const rows = await selectVideoSessionsOf(ctx.db, ctx.actor.mobileHash, 50);
  return Promise.all(rows.map((r) => toRequest(ctx, r)));
}
