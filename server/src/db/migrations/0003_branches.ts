import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('branches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('district_code', 'char(6)', (c) => c.notNull())
    .addColumn('street_code', 'char(9)', (c) => c.notNull())
    // WGS-84; maps in China show GCJ-02, converted at the edges.
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('services', 'jsonb', (c) => c.notNull())
    .addColumn('weekly_hours', 'jsonb', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('step_free', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('branches_org_code', ['org_id', 'code'])
    .execute();
  await db.schema.createIndex('branches_district').on('branches').column('district_code').execute();

  await db.schema
    .createTable('branch_adjustments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('branch_id', 'uuid', (c) => c.notNull().references('branches.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('closed', 'boolean', (c) => c.notNull())
    .addColumn('hours', 'jsonb')
    .addColumn(
      'reason',
      'text',
      (c) => c.notNull().check(sql`reason in ('lockdown_zone', 'staffing', 'protection_measures', 'holiday', 'other')`), // ADJUSTMENT_REASONS; a released migration does not import code that may change
    )
    .addColumn('public_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('branch_adjustments_dates', sql`from_date <= to_date`)
    .execute();
  await db.schema.createIndex('branch_adjustments_branch').on('branch_adjustments').columns(['branch_id', 'from_date']).execute();

  await db.schema
    .createTable('online_channels')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('app', 'web', 'wechat', 'hotline', 'video')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('services', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Lockdown zones as the city publishes them each day: a compound (with a location) or a whole street.
  await db.schema
    .createTable('lockdown_zones')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('district_code', 'char(6)', (c) => c.notNull())
    .addColumn('street_code', 'char(9)')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('whole_street', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('sealed', 'controlled', 'precaution')`))
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('lockdown_zones_place', sql`whole_street and street_code is not null or lat is not null and lng is not null`)
    .execute();
  await db.schema.createIndex('lockdown_zones_dates').on('lockdown_zones').columns(['level', 'from_date']).execute();

  // The year's State Council notice where the chinese-days package does not have it yet.
  await db.schema
    .createTable('holiday_overrides')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('workday', 'weekend', 'holiday', 'makeup')`))
    .addColumn('name', 'text')
    .execute();
}
