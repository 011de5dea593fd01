import {
  appendClockEvent,
  type ClockEvent,
  ClockProblem,
  COMPLAINT_CLOCK,
  COMPLAINT_PAUSE_LABELS,
  type ComplaintCreated,
  type ComplaintDecisionInput,
  type ComplaintExtensionInput,
  type ComplaintInput,
  type ComplaintPauseInput,
  type ComplaintStatus,
  type ComplaintView,
  computeComplaintClock,
  createCalendar,
  isInstitution,
  maskMobile,
  maskName,
  type TimelineEntry,
  toLocal,
  validateResidentId,
} from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { listTimeline } from '../../platform/audit/timeline.ts';
import { normalizeMobile } from '../../platform/citizen/service.ts';
import { isRequestMobile } from '../../platform/citizen/track.ts';
import { ANY_ORGANIZATION, actorOrgId, actorUserId, audit, type Context, recordScope } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import type { Tracker } from '../../platform/module.ts';
import { queueNotification } from '../../platform/notify/service.ts';
import { decryptField, encryptField, hashField } from '../../platform/pii/crypto.ts';
import { referencePool } from '../../platform/references.ts';
import { selectOrganization } from '../organizations/repo.ts';
import { complaintError } from './errors.ts';
import {
  type ComplaintRow,
  insertComplaint,
  lockComplaint,
  selectComplaint,
  selectComplaintByReference,
  selectComplaints,
  toClockEvents,
  toStoredClock,
  updateComplaint,
} from './repo.ts';

// The decision's days are calendar days (Art. 43): holidays do not move them.
const CALENDAR = createCalendar();
/** The last day of a period ending at `dueAt` (the midnight after it), as the complainant reads it. */
const lastDayOf = (dueAt: Date | null) => (dueAt ? toLocal(new Date(dueAt.getTime() - 1)).date : '');

function toView(ctx: Context, row: ComplaintRow): ComplaintView {
  const clock = computeComplaintClock(toClockEvents(row.clock), CALENDAR, new Date());
  const decision = row.decisionEnc ? (JSON.parse(decryptField(ctx.keys, row.decisionEnc)) as ComplaintDecisionInput) : null;
  return {
    id: row.id,
    reference: row.reference,
    orgId: row.orgId,
    channel: row.channel,
    status: row.status as ComplaintStatus,
    name: maskName(decryptField(ctx.keys, row.nameEnc)),
    mobile: maskMobile(decryptField(ctx.keys, row.mobileEnc)),
    people: row.people,
    staffNamed: row.staffNamedEnc ? maskName(decryptField(ctx.keys, row.staffNamedEnc)) : null,
    unitNamed: row.unitNamed,
    claim: decryptField(ctx.keys, row.claimEnc),
    facts: decryptField(ctx.keys, row.factsEnc),
    grounds: row.groundsEnc ? decryptField(ctx.keys, row.groundsEnc) : '',
    receivedAt: new Date(row.receivedAt).toISOString(),
    dueAt: clock.dueAt?.toISOString() ?? null,
    limit: clock.limit,
    remaining: Math.round(clock.remaining),
    breached: clock.breached,
    decision: decision && row.decidedAt ? { ...decision, decidedAt: new Date(row.decidedAt).toISOString() } : null,
  };
}

async function tellComplainant(ctx: Context, db: Db, row: { mobileEnc: string; reference: string; orgId: string }, text: string) {
  await queueNotification(db, ctx.keys, {
    channel: 'sms',
    recipient: decryptField(ctx.keys, row.mobileEnc),
    body: `【守沪】投诉 ${row.reference}：${text}`,
    orgId: row.orgId,
  });
}

/**
 * Receives a complaint: from a citizen verified by SMS code (online, for their own mobile) or
 * entered by the institution's staff (telephone, video, WeChat, in person). The clock starts at
 * receipt; the complainant is told the reference and the date a decision is due, by SMS kept as
 * proof of telling (Art. 21).
 */
export async function receiveComplaint(ctx: Context, input: ComplaintInput): Promise<ComplaintCreated> {
  const mobile = normalizeMobile(input.mobile);
  const mobileHash = hashField(ctx.keys, 'mobile', mobile);
  if (ctx.actor.type === 'citizen') {
    if (ctx.actor.mobileHash !== mobileHash) throw complaintError('complaint.mobile_mismatch', { field: 'mobile' });
    if (input.channel) throw validationError([{ field: 'body.channel', reason: 'invalid' }]);
  } else {
    await assertCan(ctx, 'complaint.handle', { orgId: input.orgId });
    if (!input.channel) throw validationError([{ field: 'body.channel', reason: 'required' }]);
  }
  if (input.residentId) {
    const checked = validateResidentId(input.residentId);
    if (!checked.valid) throw validationError([{ field: 'body.residentId', reason: checked.reason }]);
  }
  const institution = await selectOrganization(ctx.db, input.orgId);
  if (!institution || !isInstitution(institution.kind)) throw complaintError('complaint.institution_unknown', { field: 'orgId' });
  const [reference] = (await referencePool(ctx.db, 'CP').take(1)) as [string];
  const receivedAt = new Date();
  const clock: ClockEvent[] = [{ type: 'start', at: receivedAt }];
  const dueAt = computeComplaintClock(clock, CALENDAR, receivedAt).dueAt as Date;
  const row = {
    id: createId(),
    reference,
    orgId: input.orgId,
    channel: input.channel ?? 'online',
    status: 'handling',
    nameEnc: encryptField(ctx.keys, input.name.trim()),
    mobileEnc: encryptField(ctx.keys, mobile),
    mobileHash,
    residentIdEnc: input.residentId ? encryptField(ctx.keys, input.residentId.toUpperCase()) : null,
    representativesEnc: input.representatives?.length ? encryptField(ctx.keys, JSON.stringify(input.representatives)) : null,
    people: 1 + (input.representatives?.length ?? 0),
    staffNamedEnc: input.staffNamed ? encryptField(ctx.keys, input.staffNamed.trim()) : null,
    unitNamed: input.unitNamed?.trim() ?? null,
    claimEnc: encryptField(ctx.keys, input.claim.trim()),
    factsEnc: encryptField(ctx.keys, input.facts.trim()),
    groundsEnc: input.grounds?.trim() ? encryptField(ctx.keys, input.grounds.trim()) : null,
    clock: toStoredClock(clock),
    receivedAt,
    dueAt,
    raisedByUserId: actorUserId(ctx),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertComplaint(trx, row);
    await audit(ctx, trx, {
      action: 'complaint.received',
      orgId: row.orgId,
      recordType: 'complaint',
      recordId: row.id,
      summary: { reference, channel: row.channel, people: row.people },
    });
    await tellComplainant(ctx, trx, row, `${institution.nameZh}已收到您的投诉，将于 ${lastDayOf(dueAt)} 前作出处理决定。`);
  });
  return { id: row.id, reference, dueAt: dueAt.toISOString() };
}

export async function listComplaints(ctx: Context, filter: { status?: ComplaintStatus }): Promise<ComplaintView[]> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'complaint.handle', { orgId });
  return (await selectComplaints(ctx.db, { orgId }, filter)).map((r) => toView(ctx, r));
}

async function loadComplaint(ctx: Context, id: string): Promise<ComplaintRow> {
  const row = await selectComplaint(ctx.db, recordScope(ctx, 'complaint.handle'), id);
  if (!row) throw complaintError('complaint.not_found');
  await assertCan(ctx, 'complaint.handle', { orgId: row.orgId }, { type: 'complaint', id });
  return row;
}

export const getComplaint = async (ctx: Context, id: string) => toView(ctx, await loadComplaint(ctx, id));
export const listComplaintTimeline = async (ctx: Context, id: string): Promise<TimelineEntry[]> =>
  listTimeline(ctx, 'complaint', (await loadComplaint(ctx, id)).id);

/**
 * One step on an open complaint's clock, under the row's lock: the event appended (refused when
 * the clock does not allow it), the due time recomputed, audited, and the complainant told when
 * the step concerns them.
 */
async function takeStep(
  ctx: Context,
  id: string,
  step: (row: ComplaintRow) => {
    event: ClockEvent;
    status: ComplaintStatus;
    action: string;
    summary: Record<string, unknown>;
    sms?: (dueAt: Date | null) => string;
    decision?: ComplaintDecisionInput;
  },
): Promise<ComplaintView> {
  await loadComplaint(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await lockComplaint(trx, id)) as ComplaintRow;
    if (row.status === 'decided' || row.status === 'withdrawn') throw complaintError('complaint.closed');
    const s = step(row);
    let events: ClockEvent[];
    try {
      events = appendClockEvent(COMPLAINT_CLOCK, toClockEvents(row.clock), s.event);
    } catch (err) {
      if (!(err instanceof ClockProblem)) throw err;
      if (err.code === 'clock.no_extension') throw complaintError('complaint.no_extension');
      if (err.code === 'clock.already_paused') throw complaintError('complaint.paused');
      if (err.code === 'clock.not_paused') throw complaintError('complaint.not_paused');
      throw complaintError('complaint.closed');
    }
    const dueAt = computeComplaintClock(events, CALENDAR, s.event.at).dueAt;
    await updateComplaint(trx, id, {
      status: s.status,
      clock: toStoredClock(events),
      dueAt,
      ...(s.decision ? { decisionEnc: encryptField(ctx.keys, JSON.stringify(s.decision)), decidedAt: s.event.at } : {}),
    });
    await audit(ctx, trx, { action: s.action, orgId: row.orgId, recordType: 'complaint', recordId: id, summary: s.summary });
    if (s.sms) await tellComplainant(ctx, trx, row, s.sms(dueAt));
  });
  return toView(ctx, (await selectComplaint(ctx.db, ANY_ORGANIZATION, id)) as ComplaintRow);
}

/**
 * Extends a complex case (Art. 18): to 30 days with the reason, then to 60 with the senior
 * manager who approved it; the complainant is told the new date.
 */
export const extendComplaint = (ctx: Context, id: string, input: ComplaintExtensionInput) =>
  takeStep(ctx, id, (row) => {
    const extended = row.clock.filter((e) => e.type === 'extend').length;
    if (extended === 1 && !input.approvedBy) throw complaintError('complaint.approval_required', { field: 'approvedBy' });
    if (row.status === 'paused') throw complaintError('complaint.paused');
    return {
      event: { type: 'extend', at: new Date(), approvedBy: input.approvedBy ?? '', reason: input.reason },
      status: 'handling',
      action: 'complaint.extended',
      summary: { reason: input.reason, approvedBy: input.approvedBy ?? null },
      sms: (dueAt) => `因${input.reason}，处理期限延长至 ${lastDayOf(dueAt)}。`,
    };
  });

/** Pauses the clock for an appraisal, testing or valuation, or a mediation both sides agreed to (Art. 18, 23). */
export const pauseComplaint = (ctx: Context, id: string, input: ComplaintPauseInput) =>
  takeStep(ctx, id, () => ({
    event: { type: 'pause', at: new Date(), reason: input.reason },
    status: 'paused',
    action: 'complaint.paused',
    summary: { reason: input.reason, note: input.note },
    sms: () => `因${COMPLAINT_PAUSE_LABELS[input.reason].zh}，处理期限中止计算，结束后恢复。`,
  }));

export const resumeComplaint = (ctx: Context, id: string) =>
  takeStep(ctx, id, () => ({
    event: { type: 'resume', at: new Date() },
    status: 'handling',
    action: 'complaint.resumed',
    summary: {},
    sms: (dueAt) => `处理期限恢复计算，将于 ${lastDayOf(dueAt)} 前作出处理决定。`,
  }));

/** The decision (Art. 19): what was verified, the grounds, the remedies open; the clock stops and the complainant is told. */
export const decideComplaint = (ctx: Context, id: string, input: ComplaintDecisionInput) =>
  takeStep(ctx, id, (row) => {
    if (row.status === 'paused') throw complaintError('complaint.paused');
    return {
      event: { type: 'stop', at: new Date() },
      status: 'decided',
      action: 'complaint.decided',
      summary: { remedies: input.remedies },
      decision: input,
      sms: () => '已作出处理决定，请查收决定书；如有异议，可在30日内申请核查，或申请调解、仲裁、提起诉讼。',
    };
  });

/** The public answer for a reference and its mobile: the status and the date a decision is due. */
export const trackComplaint: Tracker = async (ctx, reference, mobile) => {
  const row = await selectComplaintByReference(ctx.db, reference);
  if (!row || !isRequestMobile(ctx, row.mobileHash, mobile)) return undefined;
  const clock = computeComplaintClock(toClockEvents(row.clock), CALENDAR, new Date());
  return {
    reference: row.reference,
    kind: 'complaint',
    status: row.status,
    updatedAt: new Date(row.updatedAt).toISOString(),
    institution: (await selectOrganization(ctx.db, row.orgId))?.nameZh ?? '',
    dueAt: clock.dueAt?.toISOString() ?? null,
  };
};
