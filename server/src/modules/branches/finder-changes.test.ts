import { type BranchService, NearestAnswer } from '@shouhu/common';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { openTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { upsertHolidayOverride } from '../calendar/repo.ts';
import { insertOrganization, updateOrganization } from '../organizations/repo.ts';
import { insertZoneRows } from '../zones/repo.ts';
import { type BranchChange, BranchFinder } from './finder.ts';
import { insertAdjustment, insertBranch, insertChannel, selectOverlappingAdjustments, updateBranch } from './repo.ts';

// Monday 9 May 2022, 10:00 and 19:00 in Shanghai; Sunday 8 May, 10:00.
const INSTANTS = ['2022-05-09T02:00:00.000Z', '2022-05-09T11:00:00.000Z', '2022-05-08T02:00:00.000Z'].map((t) => new Date(t));
const SERVICES: (BranchService | undefined)[] = [undefined, 'cash', 'account_opening'];

const answerOf = (finder: BranchFinder, query: { lat: number; lng: number; at: Date; service?: BranchService; openOnly: boolean }) => {
  const answer = JSON.parse(finder.findNearest({ ...query, limit: 500, radiusKm: 100 }).toString('utf8'));
  expect([...Value.Errors(NearestAnswer, answer)]).toEqual([]);
  return answer as NearestAnswer;
};

/** The same answer up to the order of equally distant entries, which depends on the tree's shape. */
const normalize = (answer: NearestAnswer) => ({
  ...answer,
  items: [...answer.items].sort((a, b) => a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : 1)),
  later: [...answer.later].sort(
    (a, b) => (a.nextOpening ?? '').localeCompare(b.nextOpening ?? '') || a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : 1),
  ),
  channels: [...answer.channels].sort((a, b) => (a.orgId + a.name < b.orgId + b.name ? -1 : 1)),
});

describe(`the finder after changes (${testDatabaseKind})`, () => {
  let database: Database;
  const orgIds = [createId(), createId()];
  beforeAll(async () => {
    database = await openTestDatabase();
    for (const [k, id] of orgIds.entries())
      await insertOrganization(database.db, {
        id,
        code: `FINDER${k}`,
        kind: 'bank',
        nameZh: `测试银行${k}`,
        nameEn: `Test Bank ${k}`,
        uscc: null,
        parentId: null,
      });
  });
  afterAll(() => database?.close());

  it('answers entries with the longest names, addresses, hours and notes whole and valid', async () => {
    const db = database.db;
    const orgId = orgIds[0] as string;
    // Characters that grow most: 3 UTF-8 bytes each, quotes and backslashes escaped, and emoji (4 bytes).
    const longest = (n: number) => '网"\\😀'.repeat(Math.ceil(n / 5)).slice(0, n);
    await updateOrganization(db, orgId, { nameZh: longest(200), nameEn: 'E'.repeat(200) });
    const four = [
      { open: '00:00', close: '05:00' },
      { open: '06:00', close: '11:00' },
      { open: '12:00', close: '17:00' },
      { open: '18:00', close: '23:59' },
    ];
    const ids: string[] = [];
    for (let k = 0; k < 30; k++) {
      const id = createId();
      ids.push(id);
      await insertBranch(db, {
        id,
        orgId,
        code: `L${k}`,
        nameZh: longest(100),
        nameEn: longest(200),
        address: longest(200),
        districtCode: '310101',
        streetCode: '310101002',
        lat: 31.2 + k / 1000,
        lng: 121.45 + k / 1000,
        services: ['cash', 'account_opening'],
        weeklyHours: { days: { 1: four, 2: four, 3: four, 4: four, 5: four, 6: four, 7: four }, holiday: four },
        phone: '9'.repeat(32),
        stepFree: true,
      });
      // Half closed for a long while (the next opening far ahead), half on adjusted hours with the longest note.
      await insertAdjustment(db, {
        id: createId(),
        branchId: id,
        orgId,
        from: '2022-05-01',
        to: '2022-12-31',
        closed: k % 2 === 0,
        hours: k % 2 === 0 ? undefined : four,
        reason: 'protection_measures',
        publicNote: longest(200),
      });
    }
    await insertChannel(db, { id: createId(), orgId, kind: 'web', name: longest(100), address: longest(300), services: ['cash'] });
    const finder = new BranchFinder();
    await finder.apply(db, 'all');
    for (const at of INSTANTS) {
      const answer = answerOf(finder, { lat: 31.2, lng: 121.45, at, openOnly: false });
      expect(answer.items.length).toBe(30);
      for (const item of answer.items) {
        expect(item.nameZh).toBe(longest(100));
        expect(item.address).toBe(longest(200));
        expect(item.institution.nameZh).toBe(longest(200));
        expect(item.phone).toBe('9'.repeat(32));
      }
      const adjusted = answer.items.find((i) => i.today.reason === 'adjusted');
      if (adjusted) expect(adjusted.today.note).toBe(longest(200));
    }
    // Closed until the year's end: the answer names the online channel, at its full length.
    const closed = answerOf(finder, { lat: 31.2, lng: 121.45, at: INSTANTS[0] as Date, openOnly: false });
    expect(closed.channels.map((c) => c.address)).toEqual([longest(300)]);
    // Clean up for the next test: these branches move out of its area.
    for (const [k, id] of ids.entries())
      await updateBranch(db, id, {
        code: `L${k}`,
        nameZh: `旧网点${k}`,
        address: '远处',
        districtCode: '310151',
        streetCode: '310151101',
        lat: 31.8,
        lng: 121.9,
        services: ['cash'],
        weeklyHours: { days: {} },
      });
  });

  it('answers after any sequence of changes exactly as a finder loaded afresh', async () => {
    const db = database.db;
    const finder = new BranchFinder();
    await finder.apply(db, 'all');
    const branchIds: string[] = [];
    let n = 0;
    const place = fc.record({
      lat: fc.integer({ min: 0, max: 400 }).map((v) => 31.1 + v / 2000),
      lng: fc.integer({ min: 0, max: 400 }).map((v) => 121.3 + v / 2000),
    });
    const hours = fc.constantFrom(
      { days: { 1: [{ open: '09:00', close: '17:00' }], 2: [{ open: '09:00', close: '12:00' }] } },
      { days: { 7: [{ open: '08:30', close: '20:00' }] }, holiday: [{ open: '10:00', close: '14:00' }] },
      { days: {} },
    );
    const services = fc.subarray(['cash', 'account_opening', 'deposit_withdrawal'] as BranchService[], { minLength: 1 });
    const pick = fc.nat();
    type Step =
      | { kind: 'add'; place: { lat: number; lng: number }; org: number; hours: object; services: BranchService[] }
      | { kind: 'move'; which: number; place: { lat: number; lng: number } }
      | { kind: 'hours'; which: number; hours: object; services: BranchService[] }
      | { kind: 'adjust'; which: number; closed: boolean; day: number }
      | { kind: 'channel'; org: number }
      | { kind: 'rename'; org: number }
      | { kind: 'holiday'; day: number }
      | { kind: 'zone'; place: { lat: number; lng: number } };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), place, org: fc.integer({ min: 0, max: 1 }), hours, services }),
      fc.record({ kind: fc.constant('move' as const), which: pick, place }),
      fc.record({ kind: fc.constant('hours' as const), which: pick, hours, services }),
      fc.record({ kind: fc.constant('adjust' as const), which: pick, closed: fc.boolean(), day: fc.integer({ min: 7, max: 10 }) }),
      fc.record({ kind: fc.constant('channel' as const), org: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('rename' as const), org: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('holiday' as const), day: fc.integer({ min: 7, max: 10 }) }),
      fc.record({ kind: fc.constant('zone' as const), place }),
    );
    // What each change does to the database, and the notice its service announces.
    const run = async (s: Step): Promise<BranchChange | undefined> => {
      n++;
      const existing = branchIds.length > 0 ? (branchIds[('which' in s ? s.which : 0) % branchIds.length] as string) : undefined;
      const fields = (lat: number, lng: number, weeklyHours: object, list: BranchService[]) => ({
        code: `P${n}`,
        nameZh: `变化网点${n}`,
        address: `地址${n}`,
        districtCode: '310101',
        streetCode: '310101002',
        lat,
        lng,
        services: list,
        weeklyHours: weeklyHours as { days: Record<number, { open: string; close: string }[]> },
      });
      switch (s.kind) {
        case 'add': {
          const id = createId();
          branchIds.push(id);
          await insertBranch(db, { id, orgId: orgIds[s.org] as string, ...fields(s.place.lat, s.place.lng, s.hours, s.services) });
          return { branchIds: [id] };
        }
        case 'move':
          if (!existing) return undefined;
          await updateBranch(
            db,
            existing,
            fields(s.place.lat, s.place.lng, { days: { 1: [{ open: '09:00', close: '17:00' }] } }, ['cash']),
          );
          return { branchIds: [existing] };
        case 'hours': {
          if (!existing) return undefined;
          const row = await db.selectFrom('branches').select(['lat', 'lng']).where('id', '=', existing).executeTakeFirstOrThrow();
          await updateBranch(db, existing, fields(row.lat, row.lng, s.hours, s.services));
          return { branchIds: [existing] };
        }
        case 'adjust': {
          if (!existing) return undefined;
          const day = `2022-05-${String(s.day).padStart(2, '0')}`;
          // The service refuses overlapping adjustments (adjustment.overlap): so does this sequence.
          if ((await selectOverlappingAdjustments(db, existing, day, day)).length > 0) return undefined;
          const orgId = (await db.selectFrom('branches').select('orgId').where('id', '=', existing).executeTakeFirstOrThrow()).orgId;
          await insertAdjustment(db, {
            id: createId(),
            branchId: existing,
            orgId,
            from: day,
            to: day,
            closed: s.closed,
            hours: s.closed ? undefined : [{ open: '13:00', close: '15:00' }],
            reason: 'staffing',
            publicNote: `调整${n}`,
          });
          return { branchIds: [existing] };
        }
        case 'channel':
          await insertChannel(db, {
            id: createId(),
            orgId: orgIds[s.org] as string,
            kind: 'app',
            name: `渠道${n}`,
            address: `app${n}`,
            services: ['cash'],
          });
          return 'channels';
        case 'rename':
          await updateOrganization(db, orgIds[s.org] as string, { nameZh: `改名银行${n}` });
          return 'channels';
        case 'holiday':
          await upsertHolidayOverride(db, {
            date: `2022-05-${String(s.day).padStart(2, '0')}`,
            kind: n % 2 ? 'holiday' : 'workday',
            name: `假日${n}`,
          });
          return 'calendar';
        case 'zone':
          // Zones flag branches for their institutions; the public finder does not read them.
          await insertZoneRows(db, [
            {
              id: createId(),
              name: `小区${n}`,
              districtCode: '310101',
              streetCode: '310101002',
              lat: s.place.lat,
              lng: s.place.lng,
              wholeStreet: false,
              level: 'sealed',
              fromDate: '2022-05-01',
              toDate: null,
            },
          ]);
          return undefined;
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.array(place, { minLength: 1, maxLength: 3 }),
        async (steps, queries) => {
          for (const s of steps) {
            const change = await run(s);
            if (change) await finder.apply(db, change);
          }
          const fresh = new BranchFinder();
          await fresh.apply(db, 'all');
          expect(finder.size).toBe(fresh.size);
          for (const q of queries)
            for (const at of INSTANTS)
              for (const service of SERVICES) {
                for (const openOnly of [false, true]) {
                  const query = { ...q, at, service, openOnly };
                  expect(normalize(answerOf(finder, query))).toEqual(normalize(answerOf(fresh, query)));
                }
                // Open ones found in their own small tree (few open: night, Sunday) or the whole
                // tree (many) are the open ones among all.
                const all = answerOf(finder, { ...q, at, service, openOnly: false });
                const open = answerOf(finder, { ...q, at, service, openOnly: true });
                expect(normalize(open).items).toEqual(normalize({ ...all, items: all.items.filter((b) => b.openNow) }).items);
                if (open.items.length === 0) {
                  // Nothing open: those listed as opening soonest are closed, and none of the
                  // nearest opens sooner.
                  const closed = all.items.slice(0, 20).filter((b) => b.nextOpening !== null);
                  const soonest = closed.map((b) => b.nextOpening as string).sort()[0];
                  expect(open.later.every((b) => !b.openNow && b.nextOpening !== null)).toBe(true);
                  expect(open.later[0]?.nextOpening).toBe(soonest);
                }
              }
        },
      ),
      { numRuns: testDatabaseKind === 'pglite' ? 40 : 25 },
    );
  });
});
