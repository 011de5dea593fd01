import { DISTRICT_CENTRES, SERVICES_BY_KIND, SHANGHAI_DISTRICTS, type WeeklyHours } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { createSeededRandom } from '../../platform/random.ts';

const BANK_SERVICES = SERVICES_BY_KIND.bank;
const INSURER_SERVICES = SERVICES_BY_KIND.insurer;
const WEEKDAY = { open: '09:00', close: '17:00' };
const HOURS: WeeklyHours[] = [
  { days: { 1: [WEEKDAY], 2: [WEEKDAY], 3: [WEEKDAY], 4: [WEEKDAY], 5: [WEEKDAY] } },
  {
    days: {
      1: [WEEKDAY],
      2: [WEEKDAY],
      3: [WEEKDAY],
      4: [WEEKDAY],
      5: [WEEKDAY],
      6: [{ open: '09:00', close: '16:00' }],
      7: [{ open: '09:00', close: '16:00' }],
    },
    holiday: [{ open: '10:00', close: '15:00' }],
  },
  {
    days: {
      1: [
        { open: '09:00', close: '11:30' },
        { open: '13:00', close: '17:00' },
      ],
      2: [WEEKDAY],
      3: [WEEKDAY],
      4: [WEEKDAY],
      5: [WEEKDAY],
      6: [{ open: '09:00', close: '12:00' }],
    },
  },
];

/** Branches per district for each bank and insurer, for a network of about `total` branches (9 banks, 8 insurers, 16 districts). */
export function perDistrictFor(total: number): { bank: number; insurer: number } {
  const bank = Math.max(1, Math.round(total / (16 * (9 + 8 * 0.15))));
  return { bank, insurer: Math.max(1, Math.round(bank * 0.15)) };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Several thousand synthetic branches of the demo banks and insurers in all 16 districts (around
 * each district's centre), with weekly hours, their online channels, and some closures and shorter
 * hours dated around today, so that the finder and the regulator's view mean something at once.
 */
export async function seedBranches(db: Db, perDistrict = { bank: 20, insurer: 3 }): Promise<number> {
  const existing = await db
    .selectFrom('branches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'code', 'kind', 'nameZh'])
    .where('kind', 'in', ['bank', 'insurer'])
    .orderBy('code')
    .execute();
  const next = createSeededRandom(2022);
  const branches: Parameters<ReturnType<Db['insertInto']>['values']>[0][] = [];
  const adjustments: Record<string, unknown>[] = [];
  const channels: Record<string, unknown>[] = [];
  for (const org of orgs) {
    const bank = org.kind === 'bank';
    const shortName = org.nameZh.replace(/(上海市?分行|上海分公司|上海市分公司)$/, '');
    channels.push(
      {
        id: createId(),
        orgId: org.id,
        kind: 'app',
        name: `${shortName}手机${bank ? '银行' : 'App'}`,
        address: `https://www.${org.code}.example/app`,
        services: JSON.stringify(bank ? BANK_SERVICES : INSURER_SERVICES),
      },
      {
        id: createId(),
        orgId: org.id,
        kind: 'hotline',
        name: `${shortName}客服热线`,
        address: `95${String(500 + orgs.indexOf(org)).padStart(3, '0')}`,
        services: JSON.stringify(bank ? BANK_SERVICES : INSURER_SERVICES),
      },
    );
    let n = 0;
    for (const district of SHANGHAI_DISTRICTS) {
      const centre = DISTRICT_CENTRES[district.code];
      if (!centre) continue;
      for (let i = 0; i < (bank ? perDistrict.bank : perDistrict.insurer); i++) {
        n++;
        // Uniform in a disc around the centre: sqrt for the radius, so the middle is not crowded.
        const r = (Math.sqrt(next()) * centre.radiusKm) / 111;
        const angle = next() * 2 * Math.PI;
        const street = district.streets[Math.floor(next() * district.streets.length)] ?? district.streets[0];
        const id = createId();
        const services = bank ? BANK_SERVICES.filter((_, k) => k < 3 || next() < 0.6) : INSURER_SERVICES;
        branches.push({
          id,
          orgId: org.id,
          code: `${org.code.toUpperCase()}-${String(n).padStart(4, '0')}`,
          nameZh: `${shortName}${street?.name.replace(/(街道|镇|乡)$/, '') ?? district.name}${bank ? '支行' : '营业部'}${i > 0 ? `第${i + 1}网点` : ''}`,
          nameEn: null,
          address: `上海市${district.name}${street?.name ?? ''}某路${Math.floor(next() * 900) + 1}号`,
          districtCode: district.code,
          streetCode: street?.code ?? `${district.code}001`,
          lat: Math.round((centre.lat + r * Math.sin(angle)) * 1e6) / 1e6,
          lng: Math.round((centre.lng + (r * Math.cos(angle)) / Math.cos((centre.lat * Math.PI) / 180)) * 1e6) / 1e6,
          services: JSON.stringify(services),
          weeklyHours: JSON.stringify(HOURS[Math.floor(next() * HOURS.length)]),
          phone: `021-${String(50000000 + Math.floor(next() * 49999999))}`,
          stepFree: next() < 0.7,
        });
        const roll = next();
        if (roll < 0.04) {
          adjustments.push({
            id: createId(),
            branchId: id,
            orgId: org.id,
            fromDate: day(-3),
            toDate: day(11),
            closed: true,
            hours: null,
            reason: 'lockdown_zone',
            publicNote: '所在区域实行封控管理，暂停营业',
          });
        } else if (roll < 0.09) {
          adjustments.push({
            id: createId(),
            branchId: id,
            orgId: org.id,
            fromDate: day(-1),
            toDate: day(20),
            closed: false,
            hours: JSON.stringify([{ open: '10:00', close: '15:00' }]),
            reason: 'staffing',
            publicNote: '临时调整营业时间为10:00–15:00',
          });
        }
      }
    }
  }
  // Sealed compounds next to a few branches without a closure yet, and two streets sealed whole:
  // the flags the regulator's view and the institutions are shown.
  const zones: Record<string, unknown>[] = [];
  const adjusted = new Set(adjustments.map((a) => a.branchId));
  const unadjusted = branches.filter((b) => !adjusted.has((b as { id: string }).id)) as {
    lat: number;
    lng: number;
    streetCode: string;
    districtCode: string;
  }[];
  for (let i = 0; i < 12; i++) {
    const b = unadjusted[Math.floor(next() * unadjusted.length)];
    if (!b) continue;
    zones.push({
      id: createId(),
      name: `示例小区${i + 1}`,
      districtCode: b.districtCode,
      streetCode: b.streetCode,
      lat: b.lat + 0.001,
      lng: b.lng + 0.001,
      wholeStreet: false,
      level: 'sealed',
      fromDate: day(-5),
      toDate: day(9),
    });
  }
  for (const b of unadjusted.slice(0, 2)) {
    zones.push({
      id: createId(),
      name: '示例整街封控',
      districtCode: b.districtCode,
      streetCode: b.streetCode,
      lat: null,
      lng: null,
      wholeStreet: true,
      level: 'sealed',
      fromDate: day(-2),
      toDate: day(12),
    });
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('lockdownZones')
      .values(zones as never)
      .execute();
    for (let i = 0; i < branches.length; i += 500)
      await trx
        .insertInto('branches')
        .values(branches.slice(i, i + 500) as never)
        .execute();
    for (let i = 0; i < adjustments.length; i += 500)
      await trx
        .insertInto('branchAdjustments')
        .values(adjustments.slice(i, i + 500) as never)
        .execute();
    await trx
      .insertInto('onlineChannels')
      .values(channels as never)
      .execute();
  });
  return branches.length;
}
