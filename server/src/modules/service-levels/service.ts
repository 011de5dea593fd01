import {
  ALL_SERVICES,
  addDays,
  type BaselineInput,
  type ClockEvent,
  compareText,
  computeClock,
  createCalendar,
  type DeskItem,
  isInstitution,
  type ServiceChannel,
  type ServiceLevelBreach,
  type ServiceLevelTarget,
  type ThroughputReport,
  todayInShanghai,
} from '@shouhu/common';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { actorOrgId, audit, type Context, resolveOrgFilter } from '../../platform/context.ts';
import { countServedVideoSessionsByDay, selectTimedVideoSessions } from '../cloud-branch/repo.ts';
import { countServedHomeVisitsByDay, selectTimedHomeVisits } from '../home-visits/repo.ts';
import { listOrganizations } from '../organizations/service.ts';
import { selectBaselines, selectTargets, upsertBaseline, upsertTarget } from './repo.ts';

export async function listTargets(ctx: Context): Promise<ServiceLevelTarget[]> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'serviceLevel.read', { orgId });
  const rows = await selectTargets(ctx.db, { orgId });
  return rows.map(({ channel, service, firstResponseMinutes, completionMinutes }) => ({
    channel,
    service,
    firstResponseMinutes,
    completionMinutes,
  })) as ServiceLevelTarget[];
}

export async function setTarget(ctx: Context, input: ServiceLevelTarget) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'serviceLevel.manage', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    await upsertTarget(trx, orgId, input);
    await audit(ctx, trx, { action: 'serviceLevel.set', orgId, recordType: 'service_level_target', summary: { ...input } });
  });
  return listTargets(ctx);
}

interface Timed {
  channel: ServiceChannel;
  id: string;
  orgId: string;
  reference: string;
  service: string;
  start: Date;
  firstAt: Date | null;
  doneAt: Date | null;
}

/** Requests and sessions of the last days with the times their targets measure. */
async function selectTimed(ctx: Context, orgId: string | null, days: number): Promise<Timed[]> {
  const [v, s] = await Promise.all([selectTimedHomeVisits(ctx.db, { orgId }, days), selectTimedVideoSessions(ctx.db, { orgId }, days)]);
  return [...v.map((r) => ({ ...r, channel: 'home_visit' as const })), ...s.map((r) => ({ ...r, channel: 'video' as const }))] as Timed[];
}

// Targets count hours, which no holiday changes: the packaged calendar stands in, without a query.
const HOURS_NEED_NO_HOLIDAYS = createCalendar();

/** What missed its target: late first responses and completions, closed or still open past the target. */
export async function findBreaches(ctx: Context, filter: { orgId?: string; days: number }): Promise<ServiceLevelBreach[]> {
  const orgId = resolveOrgFilter(ctx, 'serviceLevel.read', filter.orgId);
  await assertCan(ctx, 'serviceLevel.read', { orgId: orgId ?? undefined });
  const targets = await selectTargets(ctx.db, { orgId });
  if (targets.length === 0) return [];
  const targetOf = (t: Timed) =>
    targets.find((x) => x.orgId === t.orgId && x.channel === t.channel && x.service === t.service) ??
    targets.find((x) => x.orgId === t.orgId && x.channel === t.channel && x.service === ALL_SERVICES);
  const now = new Date();
  const minutes = (from: Date, to: Date | null) =>
    Math.floor(((to ? new Date(to).getTime() : now.getTime()) - new Date(from).getTime()) / 60_000);
  // Each target is a case clock in hours, stopped by the step it measures; breach is the clock's.
  const missed = (start: Date, stop: Date | null, targetMinutes: number) => {
    const events: ClockEvent[] = [{ type: 'start', at: new Date(start) }, ...(stop ? [{ type: 'stop' as const, at: new Date(stop) }] : [])];
    return computeClock({ unit: 'hours', ladder: [targetMinutes / 60] }, events, HOURS_NEED_NO_HOLIDAYS, now).breached;
  };
  const breaches: ServiceLevelBreach[] = [];
  for (const t of await selectTimed(ctx, orgId, filter.days)) {
    const target = targetOf(t);
    if (!target) continue;
    const base = { channel: t.channel, id: t.id, orgId: t.orgId, reference: t.reference, service: t.service };
    if (missed(t.start, t.firstAt, target.firstResponseMinutes)) {
      const tookMinutes = minutes(t.start, t.firstAt);
      breaches.push({ ...base, kind: 'first_response', targetMinutes: target.firstResponseMinutes, tookMinutes, open: !t.firstAt });
    }
    if (missed(t.start, t.doneAt, target.completionMinutes)) {
      const tookMinutes = minutes(t.start, t.doneAt);
      breaches.push({ ...base, kind: 'completion', targetMinutes: target.completionMinutes, tookMinutes, open: !t.doneAt });
    }
  }
  return breaches.sort((a, b) => b.tookMinutes - a.tookMinutes);
}

export async function setBaseline(ctx: Context, input: BaselineInput) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'serviceLevel.manage', { orgId });
  if (input.to < input.from) throw validationError([{ field: 'body.to', reason: 'before_start' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await upsertBaseline(trx, orgId, input);
    await audit(ctx, trx, { action: 'throughput.baseline_set', orgId, recordType: 'throughput_baseline', summary: { ...input } });
  });
}

/** Served per day (Shanghai dates) by channel and institution, against each baseline. */
export async function reportThroughput(ctx: Context, filter: { orgId?: string; days: number }): Promise<ThroughputReport> {
  const orgId = resolveOrgFilter(ctx, 'serviceLevel.read', filter.orgId);
  await assertCan(ctx, 'serviceLevel.read', { orgId: orgId ?? undefined });
  const today = todayInShanghai();
  const days = Array.from({ length: filter.days }, (_, i) => addDays(today, i - filter.days + 1));
  const first = days[0] as string;
  // From the earliest baseline period, so that baselines without an entered figure can be counted.
  const baselines = await selectBaselines(ctx.db, { orgId });
  const since = [first, ...baselines.map((b) => b.from)].sort()[0] as string;
  const [v, s, organizations] = await Promise.all([
    countServedHomeVisitsByDay(ctx.db, { orgId }, since),
    countServedVideoSessionsByDay(ctx.db, { orgId }, since),
    listOrganizations(ctx.db, {}),
  ]);
  const institutions = organizations
    .filter((o) => isInstitution(o.kind) && (!orgId || o.id === orgId))
    .sort((a, b) => compareText(a.code, b.code));
  const counts = new Map<string, number>();
  for (const [channel, rows] of [
    ['home_visit', v],
    ['video', s],
  ] as const)
    for (const r of rows) counts.set(`${r.orgId}|${channel}|${r.day}`, r.n);
  const breaches = await findBreaches(ctx, { orgId: orgId ?? undefined, days: filter.days });
  return {
    days,
    institutions: institutions.map((o) => ({
      orgId: o.id,
      name: o.nameZh,
      breaches: breaches.filter((b) => b.orgId === o.id).length,
      channels: (['home_visit', 'video'] as const).map((channel) => {
        const served = days.map((d) => counts.get(`${o.id}|${channel}|${d}`) ?? 0);
        const b = baselines.find((x) => x.orgId === o.id && x.channel === channel);
        let baseline: number | null = null;
        if (b) {
          if (b.dailyServed !== null) baseline = b.dailyServed;
          else {
            let total = 0;
            let n = 0;
            for (let d = b.from; d <= b.to; d = addDays(d, 1), n++) total += counts.get(`${o.id}|${channel}|${d}`) ?? 0;
            baseline = n > 0 ? total / n : null;
          }
        }
        // The last complete day: today's count grows until midnight.
        const lastDay = served.at(-2) ?? 0;
        return { channel, served, baseline, ratio: baseline ? Math.round((lastDay / baseline) * 100) / 100 : null };
      }),
    })),
  };
}

/** For the work desk: targets missed in the last 7 days (the institution's, or the city's for the regulator). */
export async function listServiceLevelDesk(ctx: Context): Promise<DeskItem[]> {
  if (!can(ctx.actor, 'serviceLevel.read')) return [];
  const breaches = await findBreaches(ctx, { days: 7 });
  return [{ key: 'serviceLevels.breaches', count: breaches.length, path: '/console/service-levels' }];
}
