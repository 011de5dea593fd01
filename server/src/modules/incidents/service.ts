import {
  type ClockEvent,
  computeClock,
  createCalendar,
  type DeskItem,
  fromLocal,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_REPORT_KIND_LABELS,
  type IncidentDeadline,
  type IncidentFollowUpInput,
  type IncidentInput,
  type IncidentLevel,
  type IncidentProposal,
  type IncidentReportInput,
  type IncidentReportView,
  type IncidentSummary,
  type IncidentView,
  maskMobile,
  PROPOSAL_BRANCHES,
  PROPOSAL_DAYS,
  PUBLIC_HEALTH_REASONS,
  type TimelineEntry,
  todayInShanghai,
} from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { scopeOf } from '../../platform/access/policy.ts';
import { listTimeline } from '../../platform/audit/timeline.ts';
import { actorOrgId, actorUserId, audit, type Context, resolveOrgFilter } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { addToInbox } from '../../platform/inbox/service.ts';
import { queueNotifications } from '../../platform/notify/service.ts';
import { decryptField, encryptField } from '../../platform/pii/crypto.ts';
import { referencePool } from '../../platform/references.ts';
import { countBranchesOf, selectLongClosures } from '../branches/repo.ts';
import { getOrganization, listOrganizations } from '../organizations/service.ts';
import { selectActiveUserIds, selectUserContacts } from '../users/repo.ts';
import { incidentError } from './errors.ts';
import {
  hasPublicHealthIncidentSince,
  type IncidentRow,
  insertIncident,
  insertIncidentReport,
  lockIncident,
  selectIncident,
  selectIncidentDeadlines,
  selectIncidentReports,
  selectIncidents,
  updateIncident,
  upsertIncidentDeadline,
} from './repo.ts';

// Hour clocks run through holidays: the calendar is not consulted.
const NO_HOLIDAYS = createCalendar();
const iso = (d: Date | string) => new Date(d).toISOString();
// A report may be timed a little ahead of the server's clock (the filer's clock drifts).
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** When a report counted from `from` falls due, and whether one filed at `filedAt` (or none yet, by `now`) is late. */
function runClock(from: Date, hours: number, filedAt: Date | null, now: Date) {
  const events: ClockEvent[] = [{ type: 'start', at: from }];
  if (filedAt) events.push({ type: 'stop', at: filedAt });
  const state = computeClock({ unit: 'hours', ladder: [hours] }, events, NO_HOLIDAYS, now);
  return { dueAt: state.dueAt ?? new Date(from.getTime() + hours * 3_600_000), late: state.breached };
}

async function findDeadline(db: Db, level: IncidentLevel): Promise<IncidentDeadline> {
  const all = await selectIncidentDeadlines(db);
  return all.find((d) => d.level === level) as IncidentDeadline;
}

/** Refuses contents that cannot be true: times ahead of now, more branches than the institution has. */
async function checkContents(db: Db, orgId: string, report: IncidentReportInput, learnedAt?: Date) {
  const limit = Date.now() + FUTURE_TOLERANCE_MS;
  const occurredAt = new Date(report.occurredAt);
  if (occurredAt.getTime() > limit) throw incidentError('incident.in_future', { field: 'report.occurredAt' });
  if (learnedAt && learnedAt.getTime() > limit) throw incidentError('incident.in_future', { field: 'learnedAt' });
  if (learnedAt && learnedAt < occurredAt) throw incidentError('incident.learned_before_occurred', { field: 'learnedAt' });
  if (report.branchesAffected > (await countBranchesOf(db, orgId)))
    throw incidentError('incident.affected_exceeds_branches', { field: 'report.branchesAffected' });
}

/** The regulator's staff hear of every filing; an especially serious one also reaches its administrators by SMS. */
async function tellRegulator(
  ctx: Context,
  db: Db,
  incident: { id: string; reference: string; title: string; level: IncidentLevel },
  filing: { id: string; kind: keyof typeof INCIDENT_REPORT_KIND_LABELS },
  orgName: string,
) {
  const regulators = await listOrganizations(db, { kind: 'regulator' });
  const label = INCIDENT_REPORT_KIND_LABELS[filing.kind];
  const gravest = incident.level === 'especially_serious';
  for (const regulator of regulators) {
    await addToInbox(db, ctx.keys, {
      kind: 'incident.filed',
      to: { roles: ['regulator'] },
      orgId: regulator.id,
      titleZh: `${gravest ? '【特别重大】' : ''}${orgName}${label.zh}：${incident.title}`,
      titleEn: `${gravest ? '[Especially serious] ' : ''}${orgName}, ${label.en.toLowerCase()}: ${incident.title}`,
      path: `/console/incidents/${incident.id}`,
      record: { type: 'incident_report', id: filing.id },
    });
    if (!gravest) continue;
    const admins = await selectUserContacts(
      db,
      (await selectActiveUserIds(db, regulator.id, ['regulator'])).map((u) => u.id),
    );
    const body = `【守沪】${orgName}报送特别重大突发事件${label.zh}（${incident.reference}）：${incident.title}，请即登录系统查阅。`;
    const messages = admins
      .filter((a) => a.mobileEnc)
      .map((a) => ({ channel: 'sms' as const, recipient: decryptField(ctx.keys, a.mobileEnc as string), body, orgId: regulator.id }));
    if (messages.length) await queueNotifications(db, ctx.keys, messages);
  }
}

const storedContents = ({ contactPhone: _phone, ...rest }: IncidentReportInput) => JSON.stringify(rest);

/**
 * Files the initial report (初报) of a new incident. Its clock starts when the institution learned
 * of the event; the report is late if it comes after the level's hours.
 */
export async function reportIncident(ctx: Context, input: IncidentInput): Promise<IncidentView> {
  await assertCan(ctx, 'incident.report', {});
  const orgId = actorOrgId(ctx);
  const learnedAt = new Date(input.learnedAt);
  await checkContents(ctx.db, orgId, input.report, learnedAt);
  const deadline = await findDeadline(ctx.db, input.report.level);
  const filedAt = new Date();
  const { dueAt, late } = runClock(learnedAt, deadline.initialHours, filedAt, filedAt);
  const [reference] = await referencePool(ctx.db, 'IR').take(1);
  const id = createId();
  const org = await getOrganization(ctx.db, orgId);
  await ctx.db.transaction().execute(async (trx) => {
    await insertIncident(trx, {
      id,
      reference: reference as string,
      orgId,
      title: input.report.title,
      level: input.report.level,
      category: input.report.category,
      learnedAt,
      initialDueAt: dueAt,
      initialLate: late,
      status: 'open',
      branchesAffected: input.report.branchesAffected,
      customersAffected: input.report.customersAffected,
      lastFiledAt: filedAt,
      reports: 1,
    });
    const reportId = createId();
    await insertIncidentReport(trx, {
      id: reportId,
      incidentId: id,
      kind: 'initial',
      filedAt,
      filedBy: actorUserId(ctx),
      late,
      contents: storedContents(input.report),
      contactPhoneEnc: encryptField(ctx.keys, input.report.contactPhone),
    });
    await audit(ctx, trx, {
      action: 'incident.reported',
      recordType: 'incident',
      recordId: id,
      orgId,
      summary: { reference, level: input.report.level, late, branchesAffected: input.report.branchesAffected },
    });
    await tellRegulator(
      ctx,
      trx,
      { id, reference: reference as string, title: input.report.title, level: input.report.level },
      { id: reportId, kind: 'initial' },
      org.nameZh,
    );
  });
  return getIncident(ctx, id);
}

/** Files a follow-up (续报) or the result report (处理结果报告), which closes the incident. */
export async function fileIncidentReport(ctx: Context, id: string, input: IncidentFollowUpInput): Promise<IncidentView> {
  await assertCan(ctx, 'incident.report', {});
  const found = await selectIncident(ctx.db, { orgId: actorOrgId(ctx) }, id);
  if (!found) throw incidentError('incident.not_found');
  await checkContents(ctx.db, found.orgId, input.report);
  const org = await getOrganization(ctx.db, found.orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const incident = await lockIncident(trx, id);
    if (!incident) throw incidentError('incident.not_found');
    if (incident.status === 'closed') throw incidentError('incident.closed');
    const filedAt = new Date();
    // The next report was due the level's follow-up hours after the last one, at the level then in force.
    const { late } = runClock(new Date(incident.lastFiledAt), (await findDeadline(trx, incident.level)).followUpHours, filedAt, filedAt);
    const reportId = createId();
    await insertIncidentReport(trx, {
      id: reportId,
      incidentId: id,
      kind: input.kind,
      filedAt,
      filedBy: actorUserId(ctx),
      late,
      contents: storedContents(input.report),
      contactPhoneEnc: encryptField(ctx.keys, input.report.contactPhone),
    });
    await updateIncident(trx, id, {
      title: input.report.title,
      level: input.report.level,
      category: input.report.category,
      status: input.kind === 'result' ? 'closed' : 'open',
      branchesAffected: input.report.branchesAffected,
      customersAffected: input.report.customersAffected,
      lastFiledAt: filedAt,
    });
    await audit(ctx, trx, {
      action: input.kind === 'result' ? 'incident.resolved' : 'incident.followed_up',
      recordType: 'incident',
      recordId: id,
      orgId: incident.orgId,
      summary: { level: input.report.level, late, branchesAffected: input.report.branchesAffected },
    });
    await tellRegulator(
      ctx,
      trx,
      { id, reference: incident.reference, title: input.report.title, level: input.report.level },
      { id: reportId, kind: input.kind },
      org.nameZh,
    );
  });
  return getIncident(ctx, id);
}

function summarise(row: IncidentRow, orgName: string, deadlines: IncidentDeadline[], now: Date): IncidentSummary {
  const open = row.status === 'open';
  const followUp = deadlines.find((d) => d.level === row.level)?.followUpHours ?? 24;
  const next = open ? runClock(new Date(row.lastFiledAt), followUp, null, now) : null;
  return {
    id: row.id,
    reference: row.reference,
    orgId: row.orgId,
    orgName,
    title: row.title,
    level: row.level,
    category: row.category,
    status: row.status,
    learnedAt: iso(row.learnedAt),
    lastFiledAt: iso(row.lastFiledAt),
    reports: row.reports,
    initialLate: row.initialLate,
    nextDueAt: next ? iso(next.dueAt) : null,
    overdue: next?.late ?? false,
    branchesAffected: row.branchesAffected,
    customersAffected: row.customersAffected,
  };
}

async function nameOrgs(db: Db): Promise<Map<string, string>> {
  return new Map((await listOrganizations(db, {})).map((o) => [o.id, o.nameZh]));
}

/** Incidents of the own institution, or of every institution to the regulator; the latest first. */
export async function listIncidents(ctx: Context): Promise<IncidentSummary[]> {
  await assertCan(ctx, 'incident.read', {});
  const [rows, names, deadlines] = await Promise.all([
    selectIncidents(ctx.db, { orgId: resolveOrgFilter(ctx, 'incident.read') }),
    nameOrgs(ctx.db),
    selectIncidentDeadlines(ctx.db),
  ]);
  const now = new Date();
  return rows.map((r) => summarise(r, names.get(r.orgId) ?? '', deadlines, now));
}

async function findIncident(ctx: Context, id: string): Promise<IncidentRow> {
  await assertCan(ctx, 'incident.read', {});
  const row = await selectIncident(ctx.db, { orgId: resolveOrgFilter(ctx, 'incident.read') }, id);
  if (!row) throw incidentError('incident.not_found');
  await assertCan(ctx, 'incident.read', { orgId: row.orgId });
  return row;
}

/** One incident with every report filed, each contact phone masked. */
export async function getIncident(ctx: Context, id: string): Promise<IncidentView> {
  const row = await findIncident(ctx, id);
  const [reports, names, deadlines] = await Promise.all([
    selectIncidentReports(ctx.db, id),
    nameOrgs(ctx.db),
    selectIncidentDeadlines(ctx.db),
  ]);
  const items: IncidentReportView[] = reports.map((r) => ({
    id: r.id,
    kind: r.kind,
    filedAt: iso(r.filedAt),
    filedBy: r.filedBy,
    late: r.late,
    contents: { ...r.contents, contactPhone: maskMobile(decryptField(ctx.keys, r.contactPhoneEnc)) },
  }));
  return { ...summarise(row, names.get(row.orgId) ?? '', deadlines, new Date()), initialDueAt: iso(row.initialDueAt), items };
}

export async function listIncidentTimeline(ctx: Context, id: string): Promise<TimelineEntry[]> {
  await findIncident(ctx, id);
  return listTimeline(ctx, 'incident', id);
}

export async function listIncidentDeadlines(ctx: Context): Promise<IncidentDeadline[]> {
  await assertCan(ctx, 'incident.read', {});
  return selectIncidentDeadlines(ctx.db);
}

/** The regulator sets the hours allowed for one level; incidents already filed keep their initial deadline. */
export async function setIncidentDeadline(ctx: Context, input: IncidentDeadline): Promise<IncidentDeadline[]> {
  await assertCan(ctx, 'incident.configure', {});
  await ctx.db.transaction().execute(async (trx) => {
    await upsertIncidentDeadline(trx, { ...input, updatedBy: actorUserId(ctx) });
    await audit(ctx, trx, {
      action: 'incident.deadline_set',
      recordType: 'incident_deadline',
      orgId: actorOrgId(ctx),
      summary: {
        level: input.level,
        levelZh: INCIDENT_LEVEL_LABELS[input.level].zh,
        initialHours: input.initialHours,
        followUpHours: input.followUpHours,
      },
    });
  });
  return selectIncidentDeadlines(ctx.db);
}

/**
 * The institutions (the own one, to an institution) that today have PROPOSAL_BRANCHES or more
 * branches closed for a public-health reason by closures of PROPOSAL_DAYS days or more, and no
 * public-health incident open or reported since those closures began.
 */
export async function listIncidentProposals(ctx: Context): Promise<IncidentProposal[]> {
  await assertCan(ctx, 'incident.read', {});
  const orgId = resolveOrgFilter(ctx, 'incident.read');
  const closures = await selectLongClosures(ctx.db, {
    on: todayInShanghai(),
    reasons: PUBLIC_HEALTH_REASONS,
    minDays: PROPOSAL_DAYS,
    orgId,
  });
  const proposals: IncidentProposal[] = [];
  const names = closures.length ? await nameOrgs(ctx.db) : new Map<string, string>();
  for (const c of closures) {
    if (c.branchNames.length < PROPOSAL_BRANCHES) continue;
    if (await hasPublicHealthIncidentSince(ctx.db, c.orgId, fromLocal(c.since, 0))) continue;
    proposals.push({
      orgId: c.orgId,
      orgName: names.get(c.orgId) ?? '',
      branches: c.branchNames.length,
      since: c.since,
      branchNames: c.branchNames,
    });
  }
  return proposals;
}

/** For the work desk: a proposed report to file (institutions), and reports overdue. */
export async function listIncidentDesk(ctx: Context): Promise<DeskItem[]> {
  if (scopeOf(ctx.actor, 'incident.read') === 'none') return [];
  const items: DeskItem[] = [];
  // An institution is proposed a report; the regulator sees how many institutions are yet to file theirs.
  const proposed = (await listIncidentProposals(ctx)).length;
  if (scopeOf(ctx.actor, 'incident.report') !== 'none')
    items.push({ key: 'incidents.proposed', count: proposed, path: '/console/incidents' });
  else items.push({ key: 'incidents.unreported', count: proposed, path: '/console/incidents' });
  const overdue = (await listIncidents(ctx)).filter((i) => i.overdue).length;
  items.push({ key: 'incidents.overdue', count: overdue, path: '/console/incidents' });
  return items;
}
