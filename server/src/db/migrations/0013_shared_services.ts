import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Any capability may declare service-level targets: the channel is checked by the API's schema, not a list fixed here.
  await sql`alter table service_level_targets drop constraint if exists service_level_targets_channel_check`.execute(db);
  await sql`alter table throughput_baselines drop constraint if exists throughput_baselines_channel_check`.execute(db);
}
