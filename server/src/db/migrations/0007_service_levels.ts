import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Each institution's targets for serving customers who cannot come in: minutes to the first
  // response (accepted, or taken by an agent) and to completion, per channel and service.
  await db.schema
    .createTable('service_level_targets')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('home_visit', 'video')`))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull().check(sql`first_response_minutes > 0`))
    .addColumn('completion_minutes', 'integer', (c) => c.notNull().check(sql`completion_minutes > 0`))
    .addPrimaryKeyConstraint('service_level_targets_pk', ['org_id', 'channel', 'service'])
    .execute();
  // The "normal" the institution compares with: a period, and the customers it served a day then
  // (entered, as the period usually predates the platform; else counted from the platform's records).
  await db.schema
    .createTable('throughput_baselines')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('home_visit', 'video')`))
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('daily_served', 'double precision')
    .addPrimaryKeyConstraint('throughput_baselines_pk', ['org_id', 'channel'])
    .execute();
}
