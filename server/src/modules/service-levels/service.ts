import {
  ALL_SERVICES,
  addDays,
  type BaselineInput,
  INSTITUTION_KINDS,
  type ServiceChannel,
  type ServiceLevelBreach,
  type ServiceLevelTarget,
  type ThroughputReport,
  todayInShanghai,
} from '@shouhu/common';
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { actorOrgId, audit, type Context, resolveOrgFilter } from '../../platform/context.ts';

export async function listTargets(ctx: Context): Promise<ServiceLevelTarget[]> {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'serviceLevel.read', { orgId });
  return ctx.db
    .selectFrom('serviceLevelTargets')
    .select(['channel', 'service', 'firstResponseMinutes', 'completionMinutes'])
    .where('orgId', '=', orgId)
    .orderBy('channel')
    .orderBy('service')
    .execute() as Promise<ServiceLevelTarget[]>;
}

export async function setTarget(ctx: Context, input: ServiceLevelTarget) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'serviceLevel.manage', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    const values = { firstResponseMinutes: input.firstResponseMinutes, completionMinutes: input.completionMinutes };
    await trx
      .insertInto('serviceLevelTargets')
      .values({ orgId, channel: input.channel, service: input.service, ...values })
      .onConflict((oc) => oc.columns(['orgId', 'channel', 'service']).doUpdateSet(values))
      .execute();
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
  const since = sql<Date>`now() - make_interval(days => ${days})`;
  let visits = ctx.db
    .selectFrom('homeVisits')
    .select(['id', 'orgId', 'reference', 'service', 'createdAt as start', 'firstResponseAt as firstAt', 'completedAt as doneAt'])
    .where('createdAt', '>', since);
  // Bookings not yet due are not in the line; a customer who left stopped the clock.
  let sessions = ctx.db
    .selectFrom('videoSessions')
    .select([
      'id',
      'orgId',
      'reference',
      'service',
      'joinedAt as start',
      sql<Date | null>`coalesce(taken_at, case when status = 'left' then closed_at end)`.as('firstAt'),
      'closedAt as doneAt',
    ])
    .where('joinedAt', '>', since)
    .where('status', '!=', 'booked');
  if (orgId) {
    visits = visits.where('orgId', '=', orgId);
    sessions = sessions.where('orgId', '=', orgId);
  }
  const [v, s] = await Promise.all([visits.execute(), sessions.execute()]);
  return [...v.map((r) => ({ ...r, channel: 'home_visit' as const })), ...s.map((r) => ({ ...r, channel: 'video' as const }))] as Timed[];
}

/** What missed its target: late first responses and completions, closed or still open past the target. */
export async function findBreaches(ctx: Context, filter: { orgId?: string; days: number }): Promise<ServiceLevelBreach[]> {
  const orgId = resolveOrgFilter(ctx, 'serviceLevel.read', filter.orgId);
  await assertCan(ctx, 'serviceLevel.read', { orgId: orgId ?? undefined });
  let q = ctx.db.selectFrom('serviceLevelTargets').selectAll();
  if (orgId) q = q.where('orgId', '=', orgId);
  const targets = await q.execute();
  if (targets.length === 0) return [];
  const targetOf = (t: Timed) =>
    targets.find((x) => x.orgId === t.orgId && x.channel === t.channel && x.service === t.service) ??
    targets.find((x) => x.orgId === t.orgId && x.channel === t.channel && x.service === ALL_SERVICES);
  const now = Date.now();
  const minutes = (from: Date, to: Date | null) => Math.floor(((to ? new Date(to).getTime() : now) - new Date(from).getTime()) / 60_000);
  const breaches: ServiceLevelBreach[] = [];
  for (const t of await selectTimed(ctx, orgId, filter.days)) {
    const target = targetOf(t);
    if (!target) continue;
    const base = { channel: t.channel, id: t.id, orgId: t.orgId, reference: t.reference, service: t.service };
    const first = minutes(t.start, t.firstAt);
    if (first > target.firstResponseMinutes) {
      breaches.push({ ...base, kind: 'first_response', targetMinutes: target.firstResponseMinutes, tookMinutes: first, open: !t.firstAt });
    }
    const done = minutes(t.start, t.doneAt);
    if (done > target.completionMinutes) {
      breaches.push({ ...base, kind: 'completion', targetMinutes: target.completionMinutes, tookMinutes: done, open: !t.doneAt });
    }
  }
  return breaches.sort((a, b) => b.tookMinutes - a.tookMinutes);
}

export async function setBaseline(ctx: Context, input: BaselineInput) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'serviceLevel.manage', { orgId });
  if (input.to < input.from) throw new AppError('validation.failed', { fields: [{ field: 'body.to', reason: 'before from' }] });
  await ctx.db.transaction().execute(async (trx) => {
    const values = { fromDate: input.from, toDate: input.to, dailyServed: input.dailyServed ?? null };
    await trx
      .insertInto('throughputBaselines')
      .values({ orgId, channel: input.channel, ...values })
      .onConflict((oc) => oc.columns(['orgId', 'channel']).doUpdateSet(values))
      .execute();
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
  const day = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  // From the earliest baseline period, so that baselines without an entered figure can be counted.
  let baselineQuery = ctx.db
    .selectFrom('throughputBaselines')
    .select([
      'orgId',
      'channel',
      sql<string>`to_char(from_date, 'YYYY-MM-DD')`.as('from'),
      sql<string>`to_char(to_date, 'YYYY-MM-DD')`.as('to'),
      'dailyServed',
    ]);
  if (orgId) baselineQuery = baselineQuery.where('orgId', '=', orgId);
  const baselines = await baselineQuery.execute();
  const since = [first, ...baselines.map((b) => b.from)].sort()[0] as string;
  const sinceInstant = sql<Date>`(${since}::date)::timestamp at time zone 'Asia/Shanghai'`;
  let visits = ctx.db
    .selectFrom('homeVisits')
    .select(['orgId', day('completed_at').as('day'), sql<number>`count(*)::int`.as('n')])
    .where('status', 'in', ['done', 'partly_done'])
    .where('completedAt', '>=', sinceInstant)
    .groupBy(['orgId', sql`2`]);
  let sessions = ctx.db
    .selectFrom('videoSessions')
    .select(['orgId', day('closed_at').as('day'), sql<number>`count(*)::int`.as('n')])
    .where('status', '=', 'served')
    .where('closedAt', '>=', sinceInstant)
    .groupBy(['orgId', sql`2`]);
  let orgs = ctx.db
    .selectFrom('organizations')
    .select(['id', 'nameZh'])
    .where('kind', 'in', [...INSTITUTION_KINDS])
    .orderBy('code');
  if (orgId) {
    visits = visits.where('orgId', '=', orgId);
    sessions = sessions.where('orgId', '=', orgId);
    orgs = orgs.where('id', '=', orgId);
  }
  const [v, s, institutions] = await Promise.all([visits.execute(), sessions.execute(), orgs.execute()]);
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
