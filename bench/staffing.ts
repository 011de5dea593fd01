// The staffing board at city scale on PostgreSQL: 100,000 people (BENCH_STAFF) on the rosters of
// the demo's 3,264 branches, all given to one institution so that one board covers them, each
// branch with a plan; 2,000 sealed compounds where some of them live. Measured: the server time of
// GET /api/v1/staffing (lock-in by the homes' keyed hashes, counts per post, substitutes for every
// short post, nearest first) by app.inject, median of 5; baselines in the same run: reading the
// roster's rows alone, and finding who is locked in by decrypting every home instead. Then a zone
// is sealed and the board asked again until it shows the change: the zone change's delay. Plans
// name A and B of the teller post, a duty list and a pool. Also timed: the job recording every
// institution's day for the regulator, and the regulator's read of it.
// Database: PostgreSQL at BENCH_DATABASE_URL (default 127.0.0.1), a fresh database each run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { todayInShanghai } from '@shouhu/common';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import { seedDemoData } from '../server/src/db/seed.ts';
import { insertApprovedPlans, insertStaffRows, type NewStaffRow, selectStaff } from '../server/src/modules/staff/repo.ts';
import { hashCompound, hashStreet } from '../server/src/modules/staff/service.ts';
import { recordStaffing } from '../server/src/modules/staff/staffing.ts';
import { createId } from '../server/src/platform/ids.ts';
import { decryptField, encryptField } from '../server/src/platform/pii/crypto.ts';
import { createMemoryKeyRing } from '../server/src/platform/pii/keys.ts';
import { createScratchDatabase } from '../server/src/test/database.ts';
import { median, round, time } from './support/timing.ts';

const STAFF = Number(process.env.BENCH_STAFF ?? 100_000);
const ZONES = 2_000;
const RUNS = 5;
const COMPOUNDS_PER_BRANCH = 6;

const scratch = await createScratchDatabase(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'shouhu_bench',
);
const database = await openDatabase({ url: scratch.url, dataDir: null });
const db = database.db;
const keys = createMemoryKeyRing();
const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);
const today = todayInShanghai();
try {
  await migrateToLatest(db);
  await seedDemoData(db, keys, {});
  const boc = await db.selectFrom('organizations').select('id').where('code', '=', 'boc-sh').executeTakeFirstOrThrow();
  // One institution runs the whole network for the run, so that one board covers every branch.
  await sql`delete from staffing_plans`.execute(db);
  await sql`delete from staff`.execute(db);
  await sql`update branches set org_id = ${boc.id}`.execute(db);
  const branches = await db.selectFrom('branches').select(['id', 'streetCode']).execute();
  log(`${branches.length} branches; writing ${STAFF} people and their plans`);
  const posts = [['teller'], ['teller', 'cash'], ['teller'], ['lending'], ['account_opening', 'teller'], ['video_agent'], ['security']];
  const rows: NewStaffRow[] = [];
  for (let i = 0; i < STAFF; i++) {
    const b = branches[i % branches.length] as { id: string; streetCode: string | null };
    const streetCode = b.streetCode ?? '310101002';
    // Each branch's people live in a few compounds of its street.
    const compound = `基准小区${i % branches.length}-${Math.floor(i / branches.length) % COMPOUNDS_PER_BRANCH}`;
    rows.push({
      id: createId(),
      orgId: boc.id,
      branchId: b.id,
      userId: null,
      nameEnc: encryptField(keys, `员工${i}`),
      phoneEnc: encryptField(keys, `139${String(i).padStart(8, '0')}`),
      homeEnc: encryptField(keys, JSON.stringify({ streetCode })),
      compoundEnc: encryptField(keys, compound),
      homeStreetHash: hashStreet(keys, streetCode),
      homeCompoundHash: hashCompound(keys, streetCode, compound),
      posts: posts[i % posts.length] as string[],
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await insertStaffRows(db, rows.slice(i, i + 1000));
  const perBranch = Math.floor(STAFF / branches.length);
  const fallback = { kind: 'closed', publicNote: '请至就近网点办理' };
  // Each branch's first two tellers are A and B of its teller post and share the duty list; the
  // next branch's first teller is its pool.
  const tellersOf = new Map<string, string[]>();
  for (const r of rows) if (r.posts.includes('teller')) tellersOf.set(r.branchId, [...(tellersOf.get(r.branchId) ?? []), r.id]);
  const plans = branches.map((b, i) => {
    const [holderA, holderB] = tellersOf.get(b.id) ?? [];
    const pooled = tellersOf.get((branches[(i + 1) % branches.length] as { id: string }).id)?.[0];
    return {
      id: createId(),
      orgId: boc.id,
      branchId: b.id,
      // Most of a branch's tellers are needed: a sealed compound leaves it short.
      minimums: { teller: Math.max(1, Math.floor(perBranch * 0.45)), lending: 1 } as Record<string, number>,
      fallback,
      ...(holderA && holderB
        ? {
            keyPosts: [{ post: 'teller', holderA, holderB }],
            duty: [
              { staffId: holderA, from: '08:00', to: '20:00' },
              { staffId: holderB, from: '20:00', to: '08:00' },
            ],
          }
        : {}),
      substitutePool: pooled ? [pooled] : [],
      draftedBy: null,
    };
  });
  for (let i = 0; i < plans.length; i += 500) await insertApprovedPlans(db, plans.slice(i, i + 500));
  // 2,000 sealed compounds where the rosters' people live.
  const zones = Array.from({ length: ZONES }, (_, z) => {
    const i = (z * 7919) % STAFF;
    const b = branches[i % branches.length] as { id: string; streetCode: string | null };
    return {
      id: createId(),
      name: `基准小区${i % branches.length}-${Math.floor(i / branches.length) % COMPOUNDS_PER_BRANCH}`,
      districtCode: (b.streetCode ?? '310101002').slice(0, 6),
      streetCode: b.streetCode ?? '310101002',
      lat: 31.2,
      lng: 121.4,
      wholeStreet: false,
      level: 'sealed',
      fromDate: today,
      toDate: null,
    };
  });
  for (let i = 0; i < zones.length; i += 500)
    await db
      .insertInto('lockdownZones')
      .values(zones.slice(i, i + 500) as never)
      .execute();
  await sql`analyze`.execute(db);

  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000000', WORKER: 'false' }), database, keys });
  await app.ready();
  const signIn = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password: 'Shouhu-demo-2022' } });
    return {
      cookie: `shouhu_session=${/shouhu_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1]}`,
      'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
    };
  };
  const admin = await signIn('boc.admin');
  const regulator = await signIn('regulator');
  const readBoard = async () => {
    const res = await app.inject({ url: `/api/v1/staffing?on=${today}`, headers: admin });
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json() as { branches: { state: string; lockedIn: number; posts: { short: number; substitutes: unknown[] }[] }[] };
  };
  const first = await readBoard();
  const states = Object.fromEntries(['enough', 'covered', 'short'].map((s) => [s, first.branches.filter((b) => b.state === s).length]));
  const lockedIn = first.branches.reduce((n, b) => n + b.lockedIn, 0);
  log(`board: ${first.branches.length} branches ${JSON.stringify(states)}, ${lockedIn} people locked in`);
  const boardMs = median(await time(RUNS, readBoard));
  const readRowsMs = median(await time(RUNS, () => selectStaff(db, { orgId: boc.id })));
  const decryptMs = median(
    await time(RUNS, async () => {
      const sealed = new Set(zones.map((z) => `${z.streetCode}|${z.name}`));
      let n = 0;
      for (const r of await selectStaff(db, { orgId: boc.id })) {
        const home = JSON.parse(decryptField(keys, r.homeEnc)) as { streetCode: string };
        if (sealed.has(`${home.streetCode}|${decryptField(keys, r.compoundEnc)}`)) n++;
      }
      return n;
    }),
  );
  log(`board ${round(boardMs)} ms; reading the rows ${round(readRowsMs)} ms; lock-in by decrypting every home ${round(decryptMs)} ms`);
  // The recurring job: every institution's board computed and recorded, then the regulator's read of it.
  const recordMs = median(await time(RUNS, () => recordStaffing({ keys, db }, today)));
  const coverageMs = median(
    await time(RUNS, async () => {
      const res = await app.inject({ url: `/api/v1/staffing/coverage?on=${today}`, headers: regulator });
      if (res.statusCode !== 200) throw new Error(res.body);
    }),
  );
  log(`recording the day ${round(recordMs)} ms; the regulator's coverage ${round(coverageMs)} ms`);

  // A zone change: a compound where people of a green branch live is sealed; how long until the board shows it.
  const sealedNames = new Set(zones.map((z) => `${z.streetCode}|${z.name}`));
  const homeOf = (r: NewStaffRow) => ({
    street: (JSON.parse(decryptField(keys, r.homeEnc)) as { streetCode: string }).streetCode,
    compound: decryptField(keys, r.compoundEnc),
  });
  const target = rows.find((r) => !sealedNames.has(`${homeOf(r).street}|${homeOf(r).compound}`)) as NewStaffRow;
  const { street: targetStreet, compound: targetCompound } = homeOf(target);
  const before = first.branches.reduce((n, b) => n + b.lockedIn, 0);
  const t0 = performance.now();
  const zone = await app.inject({
    method: 'POST',
    url: '/api/v1/zones',
    headers: regulator,
    payload: { name: targetCompound, streetCode: targetStreet, lat: 31.2, lng: 121.4, level: 'sealed', from: today },
  });
  if (zone.statusCode !== 201) throw new Error(zone.body);
  let after = before;
  for (let tries = 0; after === before; tries++) {
    if (tries === 50) throw new Error('the board never showed the new zone');
    after = (await readBoard()).branches.reduce((n, b) => n + b.lockedIn, 0);
  }
  const zoneToBoardMs = performance.now() - t0;
  log(`zone change on the board after ${round(zoneToBoardMs)} ms (${after - before} more locked in)`);
  await app.close();
  const out = {
    date: new Date().toISOString(),
    staff: STAFF,
    branches: branches.length,
    zones: ZONES,
    states,
    lockedIn,
    boardMs: round(boardMs),
    readRowsMs: round(readRowsMs),
    decryptLockInMs: round(decryptMs),
    ratioToReadingRows: round(boardMs / readRowsMs),
    recordDayMs: round(recordMs),
    coverageMs: round(coverageMs),
    zoneToBoardMs: round(zoneToBoardMs),
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/staffing-postgres.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
} finally {
  await database.close();
  await scratch.drop();
}
