import { addDays, todayInShanghai } from '@shouhu/common';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HomeVisitsTable } from '../../db/schema.ts';
import { createId } from '../../platform/ids.ts';
import { encryptField, hashField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';

// Two banks' last two weeks: the normal of early 2022 (entered), then rising above twice it by
// video, as the article tells of one bank. Small enough to keep the first start quick.
const DEMO = [
  { code: 'boc-sh', homeNormal: 4, videoNormal: 12 },
  { code: 'bosc', homeNormal: 3, videoNormal: 10 },
];
const DAYS = 14;

export async function seedServiceDemo(db: Db, keys: KeyRing): Promise<number> {
  const today = todayInShanghai();
  let rows = 0;
  for (const bank of DEMO) {
    const org = await db.selectFrom('organizations').select('id').where('code', '=', bank.code).executeTakeFirst();
    if (!org) continue;
    // Seeded once: a second run (a refresh of the demo) leaves the history as it is.
    const seeded = await db.selectFrom('throughputBaselines').select('orgId').where('orgId', '=', org.id).executeTakeFirst();
    if (seeded) continue;
    await db
      .insertInto('throughputBaselines')
      .values([
        { orgId: org.id, channel: 'home_visit', fromDate: '2022-01-04', toDate: '2022-02-28', dailyServed: bank.homeNormal },
        { orgId: org.id, channel: 'video', fromDate: '2022-01-04', toDate: '2022-02-28', dailyServed: bank.videoNormal },
      ])
      .execute();
    await db
      .insertInto('serviceLevelTargets')
      .values([
        { orgId: org.id, channel: 'home_visit', service: 'all', firstResponseMinutes: 120, completionMinutes: 1440 },
        { orgId: org.id, channel: 'video', service: 'all', firstResponseMinutes: 30, completionMinutes: 60 },
      ])
      .execute();
    // One demo customer's encrypted fields for every row: encrypting per row slowed the first start.
    const mobileEnc = encryptField(keys, '13800000000');
    const nameEnc = encryptField(keys, '演示客户');
    const addressEnc = encryptField(keys, '1号楼101室');
    const compoundEnc = encryptField(keys, '演示小区');
    const mobileHash = hashField(keys, 'mobile', '13800000000');
    const visits: Insertable<HomeVisitsTable>[] = [];
    // A demo customer's request on a day: what differs is its number, status and times.
    const visitOn = (day: string, rest: Pick<Insertable<HomeVisitsTable>, 'status' | 'createdAt' | 'firstResponseAt' | 'completedAt'>) => ({
      id: createId(),
      reference: `HV-${day.replaceAll('-', '')}-9${String(rows++).padStart(5, '0')}`,
      orgId: org.id,
      service: 'cash',
      nameEnc,
      mobileEnc,
      mobileHash,
      districtCode: '310104',
      streetCode: '310104003',
      compoundEnc,
      addressEnc,
      reason: 'elderly' as const,
      windows: '[]',
      raisedBy: 'staff' as const,
      ...rest,
    });
    const sessions = [];
    for (let d = DAYS - 1; d >= 1; d--) {
      // From about the normal two weeks ago to about 2.4 times it yesterday.
      const growth = 1 + (1.4 * (DAYS - 1 - d)) / (DAYS - 2);
      const noon = Date.parse(`${addDays(today, -d)}T04:00:00Z`);
      for (let i = 0; i < Math.round(bank.homeNormal * growth); i++) {
        const at = new Date(noon + i * 60_000);
        visits.push(
          visitOn(addDays(today, -d), {
            status: 'done',
            createdAt: new Date(at.getTime() - 3 * 3_600_000),
            firstResponseAt: new Date(at.getTime() - 2 * 3_600_000),
            completedAt: at,
          }),
        );
      }
      for (let i = 0; i < Math.round(bank.videoNormal * growth); i++) {
        const at = new Date(noon + i * 60_000);
        sessions.push({
          id: createId(),
          reference: `VS-${addDays(today, -d).replaceAll('-', '')}-9${String(rows++).padStart(5, '0')}`,
          orgId: org.id,
          service: 'account_opening',
          mobileEnc,
          mobileHash,
          status: 'served' as const,
          joinedAt: new Date(at.getTime() - 20 * 60_000),
          takenAt: new Date(at.getTime() - 12 * 60_000),
          closedAt: at,
          livenessPassed: true,
        });
      }
    }
    // This morning's requests still to accept, so that the staff's work desk has work on it.
    for (let i = 0; i < 2; i++)
      visits.push(visitOn(today, { status: 'requested', createdAt: new Date(Date.now() - (30 + 10 * i) * 60_000) }));
    for (let i = 0; i < visits.length; i += 200)
      await db
        .insertInto('homeVisits')
        .values(visits.slice(i, i + 200))
        .execute();
    for (let i = 0; i < sessions.length; i += 200)
      await db
        .insertInto('videoSessions')
        .values(sessions.slice(i, i + 200))
        .execute();
  }
  return rows;
}
