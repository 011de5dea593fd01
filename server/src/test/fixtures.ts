import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { HomeVisitsTable } from '../db/schema.ts';
import { encryptField } from '../platform/pii/crypto.ts';
import type { TestApp } from './app.ts';

/** A home-visit request written straight to the database (no API, no SMS), for tests of what reads them. */
export async function insertHomeVisit(t: TestApp, fields: { orgId: string } & Partial<Insertable<HomeVisitsTable>>): Promise<string> {
  const id = randomUUID();
  await t.database.db
    .insertInto('homeVisits')
    .values({
      id,
      reference: `HV-20300101-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      service: 'cash',
      nameEnc: encryptField(t.keys, '测试'),
      mobileEnc: encryptField(t.keys, '13800000000'),
      mobileHash: 'x',
      districtCode: '310101',
      streetCode: '310101002',
      compoundEnc: encryptField(t.keys, '测试小区'),
      addressEnc: encryptField(t.keys, '1号楼'),
      reason: 'elderly',
      windows: '[]',
      status: 'requested',
      raisedBy: 'staff',
      ...fields,
    })
    .execute();
  return id;
}

/** A time tomorrow in Shanghai, at the given hour. */
export const tomorrowAt = (hour: number): string => {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(hour - 8, 0, 0, 0);
  return d.toISOString();
};

/** A valid home-visit request as the API takes it, with the fields given replaced. */
export const homeVisitInput = (orgId: string, mobile: string, overrides: object = {}) => ({
  orgId,
  service: 'cash',
  name: '王建国',
  mobile,
  streetCode: '310101002',
  compound: '福寿小区',
  address: '3号楼2单元501室',
  reason: 'sealed_compound',
  windows: [{ from: tomorrowAt(9), to: tomorrowAt(12) }],
  ...overrides,
});

/** A branch of an institution, written straight to the table, for tests that need one to exist. */
export async function insertBranch(t: TestApp, orgId: string, code: string, place = { lat: 31.23, lng: 121.48 }): Promise<string> {
  const id = randomUUID();
  await t.database.db
    .insertInto('branches')
    .values({
      id,
      orgId,
      code,
      nameZh: `测试网点${code}`,
      nameEn: null,
      address: '测试路1号',
      districtCode: '310101',
      streetCode: '310101002',
      lat: place.lat,
      lng: place.lng,
      services: '["cash"]',
      weeklyHours: '{"days":{}}',
      phone: null,
    })
    .execute();
  return id;
}
