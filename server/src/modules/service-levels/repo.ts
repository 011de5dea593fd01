import type { BaselineInput, ServiceLevelTarget } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';

/** Targets of one organisation or all. */
export function selectTargets(db: Db, scope: RecordScope) {
  return db
    .selectFrom('serviceLevelTargets')
    .selectAll()
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .orderBy('channel')
    .orderBy('service')
    .execute();
}

export function upsertTarget(db: Db, orgId: string, input: ServiceLevelTarget) {
  const values = { firstResponseMinutes: input.firstResponseMinutes, completionMinutes: input.completionMinutes };
  return db
    .insertInto('serviceLevelTargets')
    .values({ orgId, channel: input.channel, service: input.service, ...values })
    .onConflict((oc) => oc.columns(['orgId', 'channel', 'service']).doUpdateSet(values))
    .execute();
}

export function upsertBaseline(db: Db, orgId: string, input: BaselineInput) {
  const values = { fromDate: input.from, toDate: input.to, dailyServed: input.dailyServed ?? null };
  return db
    .insertInto('throughputBaselines')
    .values({ orgId, channel: input.channel, ...values })
    .onConflict((oc) => oc.columns(['orgId', 'channel']).doUpdateSet(values))
    .execute();
}

/** Baselines of one organisation or all, their periods as "YYYY-MM-DD". */
export function selectBaselines(db: Db, scope: RecordScope) {
  return db
    .selectFrom('throughputBaselines')
    .select([
      'orgId',
      'channel',
      sql<string>`to_char(from_date, 'YYYY-MM-DD')`.as('from'),
      sql<string>`to_char(to_date, 'YYYY-MM-DD')`.as('to'),
      'dailyServed',
    ])
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .execute();
}
