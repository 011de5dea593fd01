import { todayInShanghai } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { encryptField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { createSeededRandom } from '../../platform/random.ts';
import { selectBranchPlaces } from '../branches/repo.ts';
import { selectActiveStaff } from '../users/repo.ts';
import { selectZonesOn } from '../zones/repo.ts';
import { insertApprovedPlans, insertStaffRows, type NewStaffRow } from './repo.ts';
import { hashCompound, hashStreet } from './service.ts';
import { recordStaffing } from './staffing.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙朱马胡郭林何高罗';
const GIVEN = ['伟', '芳', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平'];
const COMPOUNDS = ['新村', '花园', '公寓', '苑', '小区', '家园'];
// Most people at a bank's counter are tellers; a branch also needs cash, lending and account opening.
const POST_MIX = [['teller'], ['teller', 'cash'], ['teller'], ['lending'], ['account_opening', 'teller'], ['video_agent'], ['security']];

/**
 * Two to three people for every bank branch, living mostly in the branch's district. About one in
 * forty lives in a compound the demo seals, and those in a street sealed whole are locked in too,
 * so that the roster shows people locked in today, some branches amber and a few red; the plans
 * name key-post holders, duty lists and pools. Only where the demo network was seeded.
 */
export async function seedStaff(db: Db, keys: KeyRing, options: { branches?: boolean }): Promise<number> {
  if (options.branches === false) return 0;
  const existing = await db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const banks = await db.selectFrom('organizations').select('id').where('kind', '=', 'bank').execute();
  const branches = await selectBranchPlaces(db, { orgIds: banks.map((b) => b.id) });
  const zones = (await selectZonesOn(db, todayInShanghai())).filter((z) => z.level === 'sealed' && !z.wholeStreet && z.streetCode);
  const streetsOf = new Map<string, string[]>();
  for (const b of branches) if (b.streetCode) streetsOf.set(b.districtCode, [...(streetsOf.get(b.districtCode) ?? []), b.streetCode]);
  const next = createSeededRandom(2022_04);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const toRow = (
    b: { id: string; orgId: string },
    person: { nameEnc: string; userId?: string },
    home: { streetCode: string; compound: string },
    posts: string[],
  ): NewStaffRow => ({
    id: createId(),
    orgId: b.orgId,
    branchId: b.id,
    userId: person.userId ?? null,
    nameEnc: person.nameEnc,
    phoneEnc: encryptField(keys, `139${String(Math.floor(next() * 1e8)).padStart(8, '0')}`),
    homeEnc: encryptField(keys, JSON.stringify({ streetCode: home.streetCode })),
    compoundEnc: encryptField(keys, home.compound),
    homeStreetHash: hashStreet(keys, home.streetCode),
    homeCompoundHash: hashCompound(keys, home.streetCode, home.compound),
    posts,
  });
  const nameSomeone = () => ({ nameEnc: encryptField(keys, `${pick([...SURNAMES])}${pick(GIVEN)}${next() < 0.5 ? pick(GIVEN) : ''}`) });
  const compoundIn = (streetCode: string) => ({
    streetCode,
    compound: `${pick(['长宁', '延安', '虹桥', '凌云', '康乐', '春申', '金杨', '曹杨'])}${pick(COMPOUNDS)}${1 + Math.floor(next() * 9)}号`,
  });
  const rows: NewStaffRow[] = [];
  // A few branches have a cash-in-transit escort (押运), the only one in the city, who lives in a
  // sealed compound: nobody can stand in for them, and those branches go red. One of each bank's
  // branches, so that every bank's admin has one to decide on, spread over the districts.
  const escorted = new Set<string>();
  [...new Set(branches.map((b) => b.orgId))].forEach((orgId, i) => {
    const own = branches.filter((b) => b.orgId === orgId);
    const chosen = own[(7 + 61 * i) % own.length];
    if (chosen && zones.length > 0) escorted.add(chosen.id);
  });
  for (const b of branches) {
    const people = 2 + Math.floor(next() * 2);
    for (let i = 0; i < people; i++) {
      const zone = zones.length > 0 && next() < 0.025 ? pick(zones) : undefined;
      const home = zone
        ? { streetCode: zone.streetCode as string, compound: zone.name }
        : compoundIn(pick(streetsOf.get(b.districtCode) ?? [b.streetCode as string]));
      rows.push(toRow(b, nameSomeone(), home, pick(POST_MIX)));
    }
    if (escorted.has(b.id)) {
      const zone = pick(zones);
      rows.push(toRow(b, nameSomeone(), { streetCode: zone.streetCode as string, compound: zone.name }, ['cash_in_transit']));
    }
  }
  // The banks' console users are on the roster too, at their bank's first branch, so that home
  // visits can be given to them (they live where the demo seals nothing).
  for (const orgId of new Set(branches.map((b) => b.orgId))) {
    const branch = branches.find((b) => b.orgId === orgId) as (typeof branches)[number];
    for (const user of await selectActiveStaff(db, orgId))
      rows.push(
        toRow(branch, { nameEnc: user.nameEnc, userId: user.id }, compoundIn(branch.streetCode as string), ['teller', 'account_opening']),
      );
  }
  // Each branch's plan, approved: one teller to open, its loan officer where it has one (few
  // branches have two, so a loan officer sealed in is seldom covered), its escort where it has one.
  const holders = (post: string) => new Set(rows.filter((r) => r.posts.includes(post)).map((r) => r.branchId));
  const withTellers = holders('teller');
  const withLending = holders('lending');
  const tellersOf = new Map<string, string[]>();
  for (const r of rows) if (r.posts.includes('teller')) tellersOf.set(r.branchId, [...(tellersOf.get(r.branchId) ?? []), r.id]);
  // Where a branch has two tellers, the first is A and the second B of its teller post, they share
  // the duty list, and a teller of the bank's next branch in the district is its pool.
  const peopleOf = (branchIndex: number) => {
    const b = branches[branchIndex] as (typeof branches)[number];
    const [holderA, holderB] = tellersOf.get(b.id) ?? [];
    if (!holderA || !holderB) return {};
    const next = branches.slice(branchIndex + 1).find((n) => n.orgId === b.orgId && n.districtCode === b.districtCode);
    const pooled = next ? tellersOf.get(next.id)?.[0] : undefined;
    return {
      keyPosts: [{ post: 'teller', holderA, holderB }],
      duty: [
        { staffId: holderA, from: '08:00', to: '20:00' },
        { staffId: holderB, from: '20:00', to: '08:00' },
      ],
      substitutePool: pooled ? [pooled] : [],
    };
  };
  const fallback = {
    kind: 'shorter_hours',
    hours: [{ open: '10:00', close: '15:00' }],
    publicNote: '人员不足，临时缩短营业时间；其他时段请至就近网点或手机银行办理',
  };
  const closure = { kind: 'closed', publicNote: '押运人员不足，暂停现金业务及营业；请至就近网点、手机银行或云网点办理' };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await insertStaffRows(trx, rows.slice(i, i + 500));
    const plans = branches.flatMap((b, i) =>
      withTellers.has(b.id) || escorted.has(b.id)
        ? [
            {
              id: createId(),
              orgId: b.orgId,
              branchId: b.id,
              minimums: {
                ...(withTellers.has(b.id) ? { teller: 1 } : {}),
                ...(withLending.has(b.id) ? { lending: 1 } : {}),
                ...(escorted.has(b.id) ? { cash_in_transit: 1 } : {}),
              } as Record<string, number>,
              fallback: escorted.has(b.id) ? closure : fallback,
              ...peopleOf(i),
              draftedBy: null,
            },
          ]
        : [],
    );
    for (let i = 0; i < plans.length; i += 500) await insertApprovedPlans(trx, plans.slice(i, i + 500));
  });
  // Today's boards, recorded: the regulator's coverage and figures read them from the first start.
  await recordStaffing({ keys, db }, todayInShanghai());
  return rows.length;
}
