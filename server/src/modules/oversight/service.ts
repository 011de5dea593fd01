import {
  checkReportForm,
  checkReportValues,
  type DeskItem,
  type DirectiveInput,
  type DirectiveSummary,
  type DirectiveView,
  describePeriod,
  type FormOversight,
  findPeriodDue,
  fromLocal,
  isInstitution,
  listFormPeriods,
  listNumericFields,
  type PeriodRow,
  type RecipientView,
  type ReportFormDetail,
  type ReportInput,
  type ReportingRates,
  type ReportView,
  type ReviewInput,
  type TimelineEntry,
} from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { AppError, validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { scopeOf } from '../../platform/access/policy.ts';
import { listTimeline, nameActors } from '../../platform/audit/timeline.ts';
import { actorOrgId, actorUserId, audit, type Context } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { addToInbox } from '../../platform/inbox/service.ts';
import type { JobHandler } from '../../platform/jobs/worker.ts';
import { queueNotifications } from '../../platform/notify/service.ts';
import { decryptField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { selectOrgIdsInDistrict } from '../branches/repo.ts';
import { getOrganization, listOrganizations } from '../organizations/service.ts';
import { selectActiveUserIds, selectUserContacts } from '../users/repo.ts';
import { oversightError } from './errors.ts';
import {
  countReportsToReview,
  countUnacknowledged,
  type DirectiveRow,
  insertDirective,
  insertReport,
  insertReportForm,
  isDocumentNumberTaken,
  markAcknowledged,
  markOpened,
  markReminded,
  type ReportFormRow,
  type ReportRow,
  selectDirective,
  selectDirectives,
  selectFormOfDirective,
  selectRecipients,
  selectReopening,
  selectReopenings,
  selectReport,
  selectReportFor,
  selectReportForm,
  selectReportForms,
  selectReports,
  selectUnacknowledgedPastDue,
  updateReport,
  upsertReopening,
} from './repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const RECEIVERS = ['institution_admin', 'institution_staff'] as const;

/** The organisations' names by id. */
async function nameOrganizations(db: Db): Promise<Map<string, { name: string; kind: string; parentId: string | null }>> {
  const orgs = await listOrganizations(db, {});
  return new Map(orgs.map((o) => [o.id, { name: o.nameZh, kind: o.kind, parentId: o.parentId }]));
}

/**
 * The institutions a directive reaches: the kinds given (every institution when only a district is
 * given), narrowed to a district's, and those listed by name; an association's reach ends at its members.
 */
async function resolveAddressees(ctx: Context, db: Db, input: DirectiveInput): Promise<string[]> {
  const orgs = await nameOrganizations(db);
  const { kinds, districtCode, orgIds = [] } = input.addressees;
  orgIds.forEach((id, i) => {
    const org = orgs.get(id);
    if (!org || !isInstitution(org.kind as 'bank')) throw validationError([{ field: `body.addressees.orgIds.${i}`, reason: 'unknown' }]);
  });
  const chosen = new Set<string>();
  if (kinds?.length || districtCode) {
    const inDistrict = districtCode ? new Set(await selectOrgIdsInDistrict(db, districtCode)) : undefined;
    for (const [id, org] of orgs) {
      if (!isInstitution(org.kind as 'bank')) continue;
      if (kinds?.length && !kinds.includes(org.kind as 'bank')) continue;
      if (inDistrict && !inDistrict.has(id)) continue;
      chosen.add(id);
    }
  }
  for (const id of orgIds) chosen.add(id);
  if (scopeOf(ctx.actor, 'directive.issue') === 'own') {
    const issuer = actorOrgId(ctx);
    if (orgIds.some((id) => orgs.get(id)?.parentId !== issuer)) throw oversightError('directive.not_member');
    for (const id of chosen) if (orgs.get(id)?.parentId !== issuer) chosen.delete(id);
  }
  if (chosen.size === 0) throw oversightError('directive.no_addressee');
  return [...chosen];
}

/**
 * Issues a directive with its required actions and report form to the institutions it addresses:
 * all of it or nothing. Each institution's staff find it in their inbox; an urgent one also reaches
 * the institution's administrators by SMS.
 */
export async function issueDirective(ctx: Context, input: DirectiveInput): Promise<DirectiveView> {
  await assertCan(ctx, 'directive.issue', {});
  if (input.form) {
    const problems = checkReportForm(input.form);
    if (problems.length) throw validationError(problems);
  }
  const issuerOrgId = actorOrgId(ctx);
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    if (await isDocumentNumberTaken(trx, issuerOrgId, input.documentNumber))
      throw oversightError('directive.number_taken', { field: 'documentNumber' });
    const orgIds = await resolveAddressees(ctx, trx, input);
    const issuedAt = new Date();
    await insertDirective(
      trx,
      {
        id,
        issuerOrgId,
        documentNumber: input.documentNumber,
        title: input.title,
        body: input.body,
        urgency: input.urgency,
        addressees: input.addressees,
        acknowledgeWithinHours: input.acknowledgeWithinHours,
        actions: input.actions,
        issuedAt,
        issuedBy: actorUserId(ctx),
      },
      orgIds,
    );
    if (input.form) await insertReportForm(trx, { id: createId(), directiveId: id, ...input.form });
    await audit(ctx, trx, {
      action: 'directive.issued',
      recordType: 'directive',
      recordId: id,
      orgId: issuerOrgId,
      summary: { documentNumber: input.documentNumber, urgency: input.urgency, recipients: orgIds.length, form: Boolean(input.form) },
    });
    const urgent = input.urgency === 'urgent';
    for (const orgId of orgIds) {
      await addToInbox(trx, ctx.keys, {
        kind: 'directive.received',
        to: { roles: RECEIVERS },
        orgId,
        titleZh: `${urgent ? '【紧急】' : ''}${input.documentNumber} ${input.title}：请签收`,
        titleEn: `${urgent ? '[Urgent] ' : ''}${input.documentNumber} ${input.title}: please acknowledge`,
        path: `/console/directives/${id}`,
        record: { type: 'directive', id },
        dueAt: findAcknowledgeBy({ issuedAt, acknowledgeWithinHours: input.acknowledgeWithinHours }),
      });
      if (urgent)
        await textAdmins(trx, ctx.keys, orgId, `【守沪】紧急通知 ${input.documentNumber}《${input.title}》已下发，请登录系统签收。`);
    }
  });
  return getDirective(ctx, id);
}

/** An SMS to each enabled administrator of the institution who has a mobile on record. */
async function textAdmins(db: Db, keys: KeyRing, orgId: string, body: string) {
  const admins = await selectUserContacts(
    db,
    (await selectActiveUserIds(db, orgId, ['institution_admin'])).map((u) => u.id),
  );
  const messages = admins
    .filter((a) => a.mobileEnc)
    .map((a) => ({ channel: 'sms' as const, recipient: decryptField(keys, a.mobileEnc as string), body, orgId }));
  if (messages.length) await queueNotifications(db, keys, messages);
}

/** May the caller see this directive as its issuer (the regulator sees every one), or as an addressed institution? */
async function findDirective(ctx: Context, id: string): Promise<{ row: DirectiveRow; asIssuer: boolean }> {
  const row = await selectDirective(ctx.db, id);
  if (row) {
    const issue = scopeOf(ctx.actor, 'directive.issue');
    if (issue === 'all' || (issue === 'own' && row.issuerOrgId === actorOrgId(ctx))) return { row, asIssuer: true };
    if (scopeOf(ctx.actor, 'directive.read') !== 'none') {
      const recipients = await selectRecipients(ctx.db, id);
      if (recipients.some((r) => r.orgId === actorOrgId(ctx))) return { row, asIssuer: false };
    }
  }
  throw oversightError('directive.not_found');
}

/** When a directive's acknowledgement is due: its hours after it was issued. */
const findAcknowledgeBy = (row: { issuedAt: Date | string; acknowledgeWithinHours: number }) =>
  new Date(new Date(row.issuedAt).getTime() + row.acknowledgeWithinHours * 3_600_000);

export async function getDirective(ctx: Context, id: string): Promise<DirectiveView> {
  const { row, asIssuer } = await findDirective(ctx, id);
  const [orgs, recipients, form] = await Promise.all([
    nameOrganizations(ctx.db),
    selectRecipients(ctx.db, id),
    selectFormOfDirective(ctx.db, id),
  ]);
  const acknowledgeBy = findAcknowledgeBy(row);
  const shown = asIssuer ? recipients : recipients.filter((r) => r.orgId === actorOrgId(ctx));
  const names = await nameActors(
    ctx,
    shown.filter((r) => r.acknowledgedBy).map((r) => ({ actorType: 'user', actorId: r.acknowledgedBy })),
  );
  const now = Date.now();
  const views: RecipientView[] = shown
    .map((r) => ({
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? '',
      acknowledgedAt: r.acknowledgedAt ? iso(r.acknowledgedAt) : null,
      acknowledgedBy: r.acknowledgedBy ? (names.get(r.acknowledgedBy) ?? null) : null,
      overdue: !r.acknowledgedAt && now > acknowledgeBy.getTime(),
    }))
    .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh'));
  return {
    id: row.id,
    issuerOrgId: row.issuerOrgId,
    issuerName: orgs.get(row.issuerOrgId)?.name ?? '',
    documentNumber: row.documentNumber,
    title: row.title,
    body: row.body,
    urgency: row.urgency,
    addressees: row.addressees,
    acknowledgeWithinHours: row.acknowledgeWithinHours,
    acknowledgeBy: acknowledgeBy.toISOString(),
    actions: row.actions,
    issuedAt: iso(row.issuedAt),
    form: form ?? null,
    recipients: views,
  };
}

/** The directives the caller issued (the regulator: every one), or those addressed to the own institution. */
export async function listDirectives(ctx: Context): Promise<DirectiveSummary[]> {
  const issue = scopeOf(ctx.actor, 'directive.issue');
  const orgs = await nameOrganizations(ctx.db);
  const rows = await selectDirectives(
    ctx.db,
    issue === 'all' ? {} : issue === 'own' ? { issuerOrgId: actorOrgId(ctx) } : { recipientOrgId: actorOrgId(ctx) },
  );
  return rows.map((r) => ({
    id: r.id,
    documentNumber: r.documentNumber,
    title: r.title,
    urgency: r.urgency,
    issuerName: orgs.get(r.issuerOrgId)?.name ?? '',
    issuedAt: iso(r.issuedAt),
    acknowledgeBy: findAcknowledgeBy(r).toISOString(),
    recipients: Number(r.recipients),
    acknowledged: Number(r.acknowledged),
    hasForm: Boolean(r.hasForm),
  }));
}

/** The own institution's acknowledgement (签收), by the person who gives it; once. */
export async function acknowledgeDirective(ctx: Context, id: string): Promise<DirectiveView> {
  await assertCan(ctx, 'directive.receive', {});
  const { row, asIssuer } = await findDirective(ctx, id);
  if (asIssuer) throw oversightError('directive.not_addressed');
  const orgId = actorOrgId(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markAcknowledged(trx, id, orgId, actorUserId(ctx), new Date()))) throw oversightError('directive.already_acknowledged');
    await audit(ctx, trx, {
      action: 'directive.acknowledged',
      recordType: 'directive',
      recordId: id,
      orgId,
      summary: { documentNumber: row.documentNumber },
    });
  });
  return getDirective(ctx, id);
}

/** Reminds institutions that let a directive's hours pass unacknowledged, once each (the issuer sees them flagged). */
export function createAcknowledgementReminderJob(keys: KeyRing): JobHandler {
  return async ({ db }) => {
    const now = new Date();
    for (const r of await selectUnacknowledgedPastDue(db, now)) {
      await db.transaction().execute(async (trx) => {
        await addToInbox(trx, keys, {
          kind: 'deadline.passed',
          to: { roles: ['institution_admin'] },
          orgId: r.orgId,
          titleZh: `${r.documentNumber} ${r.title}：已超过签收时限，请尽快签收`,
          titleEn: `${r.documentNumber} ${r.title}: the time to acknowledge has passed`,
          path: `/console/directives/${r.directiveId}`,
          record: { type: 'directive', id: r.directiveId },
        });
        await markReminded(trx, r.directiveId, r.orgId, now);
      });
    }
  };
}

// ---- Report forms and reports ----

/** The form, if the caller issued its directive (or is the regulator) or its institution was addressed. */
async function findForm(
  ctx: Context,
  formId: string,
): Promise<{ form: ReportFormRow; directive: DirectiveRow; asIssuer: boolean; recipientIds: string[] }> {
  const form = await selectReportForm(ctx.db, formId);
  if (!form) throw oversightError('report_form.not_found');
  // A form of a directive the caller may not see is not found either; other errors pass through.
  const found = await findDirective(ctx, form.directiveId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'directive.not_found') throw oversightError('report_form.not_found');
    throw err;
  });
  const recipientIds = (await selectRecipients(ctx.db, form.directiveId)).map((r) => r.orgId);
  return { form, directive: found.row, asIssuer: found.asIssuer, recipientIds: found.asIssuer ? recipientIds : [actorOrgId(ctx)] };
}

export async function getReportForm(ctx: Context, formId: string): Promise<ReportFormDetail> {
  const { form, directive } = await findForm(ctx, formId);
  return { ...form, documentNumber: directive.documentNumber };
}

/** Where a period stands for an institution: due, missing, or its report's status. */
function describeState(report: ReportRow | undefined, due: Date, now: number): PeriodRow['state'] {
  if (report && report.status !== 'withdrawn') return report.status;
  return now > due.getTime() ? 'missing' : report ? 'withdrawn' : 'due';
}

/** Every started period of the form for every addressed institution (the own one only, to an institution). */
export async function listPeriodRows(ctx: Context, formId: string): Promise<PeriodRow[]> {
  const { form, asIssuer, recipientIds } = await findForm(ctx, formId);
  const [orgs, reports, reopenings] = await Promise.all([
    nameOrganizations(ctx.db),
    selectReports(ctx.db, formId, asIssuer ? undefined : actorOrgId(ctx)),
    selectReopenings(ctx.db, formId),
  ]);
  const byKey = new Map(reports.map((r) => [`${r.orgId}/${r.period}`, r]));
  const reopened = new Map(reopenings.map((r) => [`${r.orgId}/${r.period}`, r.until]));
  const now = Date.now();
  const rows: PeriodRow[] = [];
  for (const period of listFormPeriods(form)
    .filter((p) => fromLocal(p, 0).getTime() <= now)
    .reverse())
    for (const orgId of recipientIds) {
      const report = byKey.get(`${orgId}/${period}`);
      const due = findPeriodDue(form, period);
      const until = reopened.get(`${orgId}/${period}`);
      rows.push({
        orgId,
        orgName: orgs.get(orgId)?.name ?? '',
        period,
        dueAt: due.toISOString(),
        state: describeState(report, due, now),
        late: report?.late ?? false,
        reopenedUntil: until && new Date(until).getTime() > now ? iso(until) : null,
        reportId: report?.id ?? null,
      });
    }
  return rows;
}

async function toReportView(db: Db, row: ReportRow): Promise<ReportView> {
  return {
    ...row,
    orgName: (await getOrganization(db, row.orgId)).nameZh,
    submittedAt: iso(row.submittedAt),
    openedAt: row.openedAt ? iso(row.openedAt) : null,
  };
}

/**
 * Submits the own institution's report for a period: values checked against the form's types and
 * rules (every broken rule named), within the period's deadline or a reopening the regulator gave
 * (then marked late). A withdrawn or returned report is replaced, as its next version.
 */
export async function submitReport(ctx: Context, formId: string, period: string, input: ReportInput): Promise<ReportView> {
  await assertCan(ctx, 'report.submit', {});
  const { form, directive, asIssuer } = await findForm(ctx, formId);
  if (asIssuer) throw oversightError('directive.not_addressed');
  if (!listFormPeriods(form).includes(period)) throw oversightError('report.no_such_period', { field: 'period' });
  const now = new Date();
  if (fromLocal(period, 0) > now) throw oversightError('report.not_yet_open');
  const orgId = actorOrgId(ctx);
  const due = findPeriodDue(form, period);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const existing = await selectReportFor(trx, formId, orgId, period);
    if (existing && (existing.status === 'submitted' || existing.status === 'accepted')) throw oversightError('report.already_submitted');
    // A correction of a returned report is not late for being corrected; anything else after the deadline needs a reopening.
    const correcting = existing?.status === 'returned';
    const late = now > due;
    if (late && !correcting) {
      const reopening = await selectReopening(trx, formId, orgId, period);
      if (!reopening || new Date(reopening.until) < now) throw oversightError('report.period_locked', { dueAt: due.toISOString() });
    }
    // Checked after the lock: a locked period is said first, before the values' problems.
    const problems = checkReportValues(form, input.values);
    if (problems.length) throw validationError(problems);
    const reportId = existing?.id ?? createId();
    const fields = {
      values: input.values,
      preparer: input.preparer,
      responsible: input.responsible,
      submittedAt: now,
      submittedBy: actorUserId(ctx),
    };
    if (existing)
      await updateReport(trx, reportId, {
        ...fields,
        status: 'submitted',
        late: correcting ? existing.late : late,
        openedAt: null,
        reviewComment: null,
        version: existing.version + 1,
      });
    else await insertReport(trx, { id: reportId, formId, orgId, period, ...fields, late });
    await auditReport(ctx, trx, 'report.submitted', { id: reportId, orgId, period }, form, {
      documentNumber: directive.documentNumber,
      late: correcting ? existing.late : late,
      version: (existing?.version ?? 0) + 1,
    });
    return reportId;
  });
  return getReport(ctx, id);
}

/** A step of a report, in its audit trail (its timeline), named by its period. */
function auditReport(
  ctx: Context,
  db: Db,
  action: string,
  report: { id: string; orgId: string; period: string },
  form: ReportFormRow,
  summary: Record<string, unknown> = {},
) {
  return audit(ctx, db, {
    action,
    recordType: 'report',
    recordId: report.id,
    orgId: report.orgId,
    summary: { period: describePeriod(form, report.period), ...summary },
  });
}

/** A report the caller may see: the own institution's, or any to the regulator (whose first look marks it opened). */
async function findReport(ctx: Context, id: string): Promise<{ row: ReportRow; form: ReportFormRow; asIssuer: boolean }> {
  const row = await selectReport(ctx.db, id);
  if (!row) throw oversightError('report.not_found');
  const found = await findForm(ctx, row.formId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'report_form.not_found') throw oversightError('report.not_found');
    throw err;
  });
  if (!found.asIssuer && row.orgId !== actorOrgId(ctx)) throw oversightError('report.not_found');
  return { row, form: found.form, asIssuer: found.asIssuer };
}

/** One report; the regulator's first look at a submitted report opens it (no withdrawal after that), audited. */
export async function getReport(ctx: Context, id: string): Promise<ReportView> {
  const { row, form, asIssuer } = await findReport(ctx, id);
  if (asIssuer && scopeOf(ctx.actor, 'report.review') !== 'none' && row.status === 'submitted' && !row.openedAt) {
    await ctx.db.transaction().execute(async (trx) => {
      await markOpened(trx, id, new Date());
      await auditReport(ctx, trx, 'report.opened', row, form);
    });
    return toReportView(ctx.db, (await selectReport(ctx.db, id)) as ReportRow);
  }
  return toReportView(ctx.db, row);
}

/** The own institution takes back a submitted report the regulator has not opened yet. */
export async function withdrawReport(ctx: Context, id: string): Promise<ReportView> {
  await assertCan(ctx, 'report.submit', {});
  const { row, form, asIssuer } = await findReport(ctx, id);
  if (asIssuer) throw oversightError('report.not_found');
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await selectReportFor(trx, row.formId, row.orgId, row.period)) as ReportRow;
    if (current.status !== 'submitted') throw oversightError('report.not_submitted');
    if (current.openedAt) throw oversightError('report.opened');
    await updateReport(trx, id, { status: 'withdrawn' });
    await auditReport(ctx, trx, 'report.withdrawn', row, form);
  });
  return getReport(ctx, id);
}

/** The form's issuer accepts a submitted report, or returns it with a comment (the institution is told in its inbox). */
export async function reviewReport(ctx: Context, id: string, input: ReviewInput): Promise<ReportView> {
  await assertCan(ctx, 'report.review', {});
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment) throw oversightError('report.return_needs_comment', { field: 'comment' });
  const { row, form, asIssuer } = await findReport(ctx, id);
  if (!asIssuer) throw oversightError('report.not_found');
  const directive = (await selectDirective(ctx.db, form.directiveId)) as DirectiveRow;
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await selectReportFor(trx, row.formId, row.orgId, row.period)) as ReportRow;
    if (current.status !== 'submitted') throw oversightError('report.not_submitted');
    const status = input.decision === 'accept' ? 'accepted' : 'returned';
    await updateReport(trx, id, {
      status,
      reviewedAt: new Date(),
      reviewedBy: actorUserId(ctx),
      reviewComment: comment,
      openedAt: current.openedAt ?? new Date(),
    });
    await auditReport(ctx, trx, status === 'accepted' ? 'report.accepted' : 'report.returned', row, form, comment ? { comment } : {});
    if (status === 'returned')
      await addToInbox(trx, ctx.keys, {
        kind: 'report.returned',
        to: { roles: RECEIVERS },
        orgId: row.orgId,
        titleZh: `${directive.documentNumber} ${form.title}（${describePeriod(form, row.period)}）被退回：${comment}`,
        titleEn: `${directive.documentNumber} ${form.title} (${describePeriod(form, row.period)}) was returned: ${comment}`,
        path: `/console/reports/${id}`,
        record: { type: 'report', id: `${id}/v${current.version}` },
      });
  });
  return getReport(ctx, id);
}

/** Opens a locked period again for one institution, for some hours; what it submits then is marked late. */
export async function reopenPeriod(
  ctx: Context,
  formId: string,
  input: { orgId: string; period: string; hours: number; reason: string },
): Promise<PeriodRow> {
  await assertCan(ctx, 'report.review', {});
  const { form, directive, recipientIds, asIssuer } = await findForm(ctx, formId);
  if (!asIssuer) throw oversightError('report_form.not_found');
  if (!recipientIds.includes(input.orgId)) throw validationError([{ field: 'body.orgId', reason: 'unknown' }]);
  if (!listFormPeriods(form).includes(input.period)) throw oversightError('report.no_such_period', { field: 'period' });
  const until = new Date(Date.now() + input.hours * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await upsertReopening(trx, {
      formId,
      orgId: input.orgId,
      period: input.period,
      until,
      reopenedBy: actorUserId(ctx),
      reason: input.reason,
    });
    await audit(ctx, trx, {
      action: 'report.period_reopened',
      recordType: 'report_form',
      recordId: formId,
      orgId: input.orgId,
      summary: { period: describePeriod(form, input.period), hours: input.hours, reason: input.reason },
    });
    await addToInbox(trx, ctx.keys, {
      kind: 'report.reopened',
      to: { roles: RECEIVERS },
      orgId: input.orgId,
      titleZh: `${directive.documentNumber} ${form.title}（${describePeriod(form, input.period)}）已重新开放补报`,
      titleEn: `${directive.documentNumber} ${form.title} (${describePeriod(form, input.period)}) is open again for a late report`,
      path: `/console/directives/${directive.id}`,
      record: { type: 'report_form', id: `${formId}/${input.orgId}/${input.period}/${until.getTime()}` },
      dueAt: until,
    });
  });
  const rows = await listPeriodRows(ctx, formId);
  return rows.find((r) => r.orgId === input.orgId && r.period === input.period) as PeriodRow;
}

export async function listReportTimeline(ctx: Context, id: string): Promise<TimelineEntry[]> {
  await findReport(ctx, id);
  return listTimeline(ctx, 'report', id);
}

// ---- Oversight ----

const emptyRates = (): ReportingRates => ({ expected: 0, received: 0, onTime: 0, late: 0, missing: 0, returned: 0 });

/**
 * For each form: how many reports were expected (periods whose deadline has passed, or that have a
 * report), received, on time, late, missing and returned, per institution and in all; and the
 * totals of the numeric fields over the reports received.
 */
export async function listFormOversight(ctx: Context): Promise<FormOversight[]> {
  await assertCan(ctx, 'directive.issue', {});
  const issue = scopeOf(ctx.actor, 'directive.issue');
  const [orgs, forms] = await Promise.all([
    nameOrganizations(ctx.db),
    selectReportForms(ctx.db, issue === 'all' ? undefined : actorOrgId(ctx)),
  ]);
  const now = Date.now();
  const out: FormOversight[] = [];
  for (const form of forms) {
    const [recipients, reports] = await Promise.all([selectRecipients(ctx.db, form.directiveId), selectReports(ctx.db, form.id)]);
    const byKey = new Map(reports.map((r) => [`${r.orgId}/${r.period}`, r]));
    const total = emptyRates();
    const byInstitution = recipients.map((r) => ({ orgId: r.orgId, orgName: orgs.get(r.orgId)?.name ?? '', ...emptyRates() }));
    const periods = listFormPeriods(form);
    for (const inst of byInstitution)
      for (const period of periods) {
        const report = byKey.get(`${inst.orgId}/${period}`);
        const live = report && report.status !== 'withdrawn';
        const passed = now > findPeriodDue(form, period).getTime();
        if (!passed && !live) continue;
        for (const rates of [inst, total]) {
          rates.expected++;
          if (live) {
            rates.received++;
            if (report.late) rates.late++;
            else rates.onTime++;
            if (report.status === 'returned') rates.returned++;
          } else rates.missing++;
        }
      }
    const totals: Record<string, number> = {};
    for (const f of listNumericFields(form)) totals[f.key] = 0;
    for (const r of reports)
      if (r.status !== 'withdrawn')
        for (const key of Object.keys(totals))
          if (typeof r.values[key] === 'number') totals[key] = (totals[key] as number) + (r.values[key] as number);
    out.push({
      directiveId: form.directiveId,
      formId: form.id,
      documentNumber: form.documentNumber,
      title: form.title,
      total,
      byInstitution: byInstitution.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh')),
      totals,
    });
  }
  return out;
}

/** For the work desk: directives to acknowledge (institutions), and reports waiting for review (the regulator). */
export async function listOversightDesk(ctx: Context): Promise<DeskItem[]> {
  const items: DeskItem[] = [];
  if (scopeOf(ctx.actor, 'directive.receive') !== 'none')
    items.push({
      key: 'directives.unacknowledged',
      count: await countUnacknowledged(ctx.db, actorOrgId(ctx)),
      path: '/console/directives',
    });
  const review = scopeOf(ctx.actor, 'report.review');
  if (review !== 'none')
    items.push({
      key: 'reports.toReview',
      count: await countReportsToReview(ctx.db, review === 'own' ? actorOrgId(ctx) : null),
      path: '/console/oversight',
    });
  return items;
}
