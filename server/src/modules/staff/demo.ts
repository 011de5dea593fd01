import { todayInShanghai } from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { createId } from '../../platform/ids.ts';
import { encryptField } from '../../platform/pii/crypto.ts';
import type { KeyRing } from '../../platform/pii/keys.ts';
import { createSeededRandom } from '../../platform/random.ts';
import { selectBranchPlaces } from '../branches/repo.ts';
import { selectZonesOn } from '../zones/repo.ts';
import { insertApprovedPlans, insertStaffRows, type NewStaffRow } from './repo.ts';
import { hashCompound, hashStreet } from './service.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙朱马胡郭林何高罗';
const GIVEN = ['伟', '芳', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平'];
const COMPOUNDS = ['新村', '花园', '公寓', '苑', '小区', '家园'];
// Most people at a bank's counter are tellers; a branch also needs cash, lending and account opening.
const POST_MIX = [['teller'], ['teller', 'cash'], ['teller'], ['lending'], ['account_opening', 'teller'], ['video_agent'], ['security']];

/**
 * Two to three people for every bank branch, living mostly in the branch's district. About one in
 * forty lives in a compound the demo seals, and those in a street sealed whole are locked in too,
 * so that the roster shows people locked in today. Only where the demo network was seeded.
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
  const rows: NewStaffRow[] = [];
  for (const b of branches) {
    const people = 2 + Math.floor(next() * 2);
    for (let i = 0; i < people; i++) {
      const zone = zones.length > 0 && next() < 0.025 ? pick(zones) : undefined;
      const streetCode = zone?.streetCode ?? pick(streetsOf.get(b.districtCode) ?? [b.streetCode as string]);
      const compound =
        zone?.name ??
        `${pick(['长宁', '延安', '虹桥', '凌云', '康乐', '春申', '金杨', '曹杨'])}${pick(COMPOUNDS)}${1 + Math.floor(next() * 9)}号`;
      const home = { streetCode };
      rows.push({
        id: createId(),
        orgId: b.orgId,
        branchId: b.id,
        userId: null,
        nameEnc: encryptField(keys, `${pick([...SURNAMES])}${pick(GIVEN)}${next() < 0.5 ? pick(GIVEN) : ''}`),
        phoneEnc: encryptField(keys, `139${String(Math.floor(next() * 1e8)).padStart(8, '0')}`),
        homeEnc: encryptField(keys, JSON.stringify(home)),
        compoundEnc: encryptField(keys, compound),
        homeStreetHash: hashStreet(keys, streetCode),
        homeCompoundHash: hashCompound(keys, streetCode, compound),
        posts: pick(POST_MIX),
      });
    }
  }
  // Each branch's plan, approved: one teller to open, and its loan officer where it has one (few
  // branches have two, so a loan officer sealed in is seldom covered: those branches go red).
  const holders = (post: string) => new Set(rows.filter((r) => r.posts.includes(post)).map((r) => r.branchId));
  const withTellers = holders('teller');
  const withLending = holders('lending');
  const fallback = {
    kind: 'shorter_hours',
    hours: [{ open: '10:00', close: '15:00' }],
    publicNote: '人员不足，临时缩短营业时间；其他时段请至就近网点或手机银行办理',
  };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await insertStaffRows(trx, rows.slice(i, i + 500));
    const plans = branches
      .filter((b) => withTellers.has(b.id))
      .map((b) => ({
        id: createId(),
        orgId: b.orgId,
        branchId: b.id,
        minimums: (withLending.has(b.id) ? { teller: 1, lending: 1 } : { teller: 1 }) as Record<string, number>,
        fallback,
        draftedBy: null,
      }));
    for (let i = 0; i < plans.length; i += 500) await insertApprovedPlans(trx, plans.slice(i, i + 500));
  });
  return rows.length;
}
