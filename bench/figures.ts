// The regulator's dashboard over ten million records on PostgreSQL: home visits, video sessions
// and report rows (BENCH_RECORDS, default 10,000,000, in the ratio 9 : 9 : 2), spread over the
// institutions and the last year. They are loaded in bulk with the triggers off and counted once
// (the same statement migration 0016 starts with); then random changes go through the triggers.
// Measured: the server time of GET /api/v1/figures (every capability's figures, branches and
// incidents included) for a week, a quarter and a year, by app.inject, against the baseline of
// counting the records the way the figures were read before (same periods, same run). Then the
// figures are compared with an exact count, which must equal them.
// BENCH_INSTITUTIONS: spread them over that many institutions (the demo's 17, and more banks made
// for the run), since the counts grow with institutions and days, not with records.
// Database: PostgreSQL at BENCH_DATABASE_URL (default 127.0.0.1), a fresh database each run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { addDays, todayInShanghai } from '@shouhu/common';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { type Db, migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import { recountFigures } from '../server/src/db/migrations/0016_figure_counts.ts';
import { seedDemoData } from '../server/src/db/seed.ts';
import { createMemoryKeyRing } from '../server/src/platform/pii/keys.ts';
import { createScratchDatabase } from '../server/src/test/database.ts';
import { countFiguresExactly } from '../server/src/test/figures.ts';
import { median, round, time } from './support/timing.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000_000);
const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 0);
const RUNS = 30;
const CHANGES = 3_000;
const VISITS = Math.round((RECORDS * 9) / 20);
const SESSIONS = VISITS;
const REPORTS = RECORDS - VISITS - SESSIONS;
const YEAR_SECONDS = 365 * 86_400;

const scratch = await createScratchDatabase(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'shouhu_bench',
);
const database = await openDatabase({ url: scratch.url, dataDir: null });
const db = database.db;
const keys = createMemoryKeyRing();
const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);
try {
  await migrateToLatest(db);
  await seedDemoData(db, keys, {});
  const demo = await db.selectFrom('organizations').select('id').where('kind', '=', 'bank').executeTakeFirstOrThrow();
  await sql`insert into organizations select (jsonb_populate_record(o, jsonb_build_object('id', gen_random_uuid(),
      'code', 'bench-' || g, 'name_zh', '测试银行' || g, 'uscc', null))).*
    from organizations o, generate_series(1, ${INSTITUTIONS} - (select count(*) from organizations where kind in ('bank', 'insurer'))) g
    where o.id = ${demo.id}`.execute(db);
  const orgs = (await db.selectFrom('organizations').select('id').where('kind', 'in', ['bank', 'insurer']).execute()).map((o) => o.id);
  log(`${orgs.length} institutions; loading ${VISITS} home visits, ${SESSIONS} video sessions, ${REPORTS} reports`);
  const t0 = performance.now();
  await loadRecords(db, orgs);
  const loadMs = performance.now() - t0;
  log(`loaded and counted in ${Math.round(loadMs / 1000)} s`);
  const changed = await changeAtRandom(db, orgs);
  log(`${changed} random changes through the triggers`);
  const insertCost = await measureInsertCost(db, orgs);
  log(`a home visit's insert: ${insertCost.withCountsUs} µs with the counts, ${insertCost.withoutUs} µs without`);
  await sql`analyze`.execute(db);

  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000000', WORKER: 'false' }), database, keys });
  await app.ready();
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { username: 'regulator', password: 'Shouhu-demo-2022' },
  });
  const cookie = /shouhu_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))?.[1];
  const headers = { cookie: `shouhu_session=${cookie}` };
  const today = todayInShanghai();
  const periods = [
    { name: 'week', from: addDays(today, -6), to: today },
    { name: 'quarter', from: addDays(today, -91), to: today },
    { name: 'year', from: addDays(today, -365), to: today },
  ];
  const results = [];
  for (const p of periods) {
    const url = `/api/v1/figures?from=${p.from}&to=${p.to}`;
    const answer = await app.inject({ url, headers });
    if (answer.statusCode !== 200) throw new Error(answer.body);
    const served = median(await time(RUNS, () => app.inject({ url, headers })));
    const counted = median(await time(5, () => countFiguresExactly(db, p.from, p.to)));
    const exact = await countFiguresExactly(db, p.from, p.to);
    const figures = answer.json().figures;
    const equal = Object.entries(exact).every(([name, values]) => Object.entries(values).every(([key, n]) => figures[name]?.[key] === n));
    if (!equal) throw new Error(`${p.name}: ${JSON.stringify(figures)} is not ${JSON.stringify(exact)}`);
    results.push({ period: p.name, serverMs: round(served), baselineCountMs: round(counted), ratio: round(counted / served), equal });
    log(p.name, `figures ${round(served)} ms, counting the records ${round(counted)} ms, equal: ${equal}`);
  }
  const counts = await db
    .selectFrom('figureCounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await app.close();
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    records: RECORDS,
    institutions: orgs.length,
    countRows: Number(counts.n),
    changes: changed,
    loadMs: Math.round(loadMs),
    results,
  };
  writeFileSync(
    new URL(`./results/figures-postgres${INSTITUTIONS ? `-${INSTITUTIONS}` : ''}.json`, import.meta.url),
    `${JSON.stringify(out, null, 2)}\n`,
  );
  console.log(JSON.stringify(out, null, 2));
} finally {
  await database.close();
  await scratch.drop();
}

/** The records, made by the database itself: dates spread over the last year, a third done. */
async function loadRecords(db: Db, orgs: string[]) {
  const ids = sql.raw(`array[${orgs.map((o) => `'${o}'::uuid`).join(',')}]`);
  const n = orgs.length;
  // Off for the load only: this session's rows are counted by one statement afterwards.
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into home_visits (id, reference, org_id, service, name_enc, mobile_enc, mobile_hash, district_code, street_code,
        address_enc, reason, windows, status, raised_by, created_at, completed_at)
      select gen_random_uuid(), 'HV-B-' || g, (${ids})[1 + g % ${n}], 'cash', 'x', 'x', g::text, '310101', '310101002', 'x', 'elderly', '[]',
        case when g % 3 = 0 then 'done' when g % 11 = 0 then 'partly_done' else 'requested' end, 'citizen', at,
        case when g % 3 = 0 or g % 11 = 0 then at + interval '20 hours' end
      from generate_series(1, ${VISITS}) g, lateral (select now() - make_interval(secs => (g::bigint * 7919) % ${YEAR_SECONDS})) t(at)`.execute(
      trx,
    );
    await sql`
      insert into video_sessions (id, reference, org_id, service, mobile_enc, mobile_hash, status, joined_at, closed_at)
      select gen_random_uuid(), 'VS-B-' || g, (${ids})[1 + g % ${n}], 'account', 'x', g::text,
        case when g % 2 = 0 then 'served' else 'left' end, at, at + interval '40 minutes'
      from generate_series(1, ${SESSIONS}) g, lateral (select now() - make_interval(secs => (g::bigint * 104729) % ${YEAR_SECONDS})) t(at)`.execute(
      trx,
    );
    // Daily forms: enough copies of a demo directive and its form for every institution and day.
    const forms = Math.ceil(REPORTS / (n * 366));
    const template = await trx.selectFrom('reportForms').select(['id', 'directiveId']).executeTakeFirstOrThrow();
    await sql`
      insert into directives select (jsonb_populate_record(d, jsonb_build_object('id', ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0')),
        'document_number', d.document_number || '-B' || g))).* from directives d, generate_series(1, ${forms}) g where d.id = ${template.directiveId}`.execute(
      trx,
    );
    await sql`
      insert into report_forms select (jsonb_populate_record(f, jsonb_build_object('id', ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0')),
        'directive_id', ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))))).* from report_forms f, generate_series(1, ${forms}) g where f.id = ${template.id}`.execute(
      trx,
    );
    await sql`
      insert into reports (id, form_id, org_id, period, status, values, preparer, responsible, submitted_at, late, version)
      select gen_random_uuid(), ('00000000-0000-4000-9000-' || lpad((1 + g / (${n} * 366))::text, 12, '0'))::uuid, (${ids})[1 + g % ${n}],
        current_date - ((g / ${n}) % 366)::int, case when g % 13 = 0 then 'returned' when g % 17 = 0 then 'withdrawn' else 'accepted' end,
        '{}', '填表人', '负责人', now(), g % 5 = 0, 1
      from generate_series(0, ${REPORTS - 1}) g`.execute(trx);
  });
  for (const [table, mapping] of [
    ['home_visits', 'home_visit_figures'],
    ['video_sessions', 'video_session_figures'],
    ['reports', 'report_figures'],
  ] as const)
    await sql.raw(recountFigures(table, mapping)).execute(db);
}

/** Changes, insertions and deletions of random records, one statement each, through the triggers. */
async function changeAtRandom(db: Db, orgs: string[]): Promise<number> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
  const ago = () => new Date(Date.now() - Math.random() * YEAR_SECONDS * 1000);
  for (let i = 0; i < CHANGES; i++) {
    const ref = 1 + Math.floor(Math.random() * VISITS);
    switch (i % 6) {
      case 0:
        await db.updateTable('homeVisits').set({ status: 'done', completedAt: ago() }).where('reference', '=', `HV-B-${ref}`).execute();
        break;
      case 1:
        await db
          .updateTable('homeVisits')
          .set({ orgId: pick(orgs), createdAt: ago() })
          .where('reference', '=', `HV-B-${ref}`)
          .execute();
        break;
      case 2:
        await db.deleteFrom('homeVisits').where('reference', '=', `HV-B-${ref}`).execute();
        break;
      case 3:
        await db
          .updateTable('videoSessions')
          .set({ status: pick(['served', 'not_served'] as const) })
          .where('reference', '=', `VS-B-${ref}`)
          .execute();
        break;
      case 4:
        await db.deleteFrom('videoSessions').where('reference', '=', `VS-B-${ref}`).execute();
        break;
      default:
        await sql`update reports set status = ${pick(['returned', 'withdrawn', 'accepted'])}, late = ${Math.random() < 0.5}
          where id = (select id from reports offset ${Math.floor(Math.random() * 1000)} limit 1)`.execute(db);
    }
  }
  return CHANGES;
}

/** What the trigger adds to a write: single-row inserts of done home visits, with it and with triggers off, in the same run. */
async function measureInsertCost(db: Db, orgs: string[]) {
  const insertMany = (off: boolean, tag: string) =>
    db.transaction().execute(async (trx) => {
      if (off) await sql`set local session_replication_role = replica`.execute(trx);
      const t0 = performance.now();
      for (let i = 0; i < 2_000; i++)
        await sql`insert into home_visits (id, reference, org_id, service, name_enc, mobile_enc, mobile_hash, district_code, street_code,
          address_enc, reason, windows, status, raised_by, created_at, completed_at)
          values (gen_random_uuid(), ${`HV-I-${tag}-${i}`}, ${orgs[i % orgs.length]}, 'cash', 'x', 'x', 'x', '310101', '310101002', 'x',
          'elderly', '[]', 'done', 'citizen', now(), now())`.execute(trx);
      const us = ((performance.now() - t0) * 1000) / 2_000;
      await sql`delete from home_visits where reference like ${`HV-I-${tag}-%`}`.execute(trx);
      return us;
    });
  await insertMany(false, 'warm');
  const withoutUs = Math.round(await insertMany(true, 'off'));
  const withCountsUs = Math.round(await insertMany(false, 'on'));
  return { withCountsUs, withoutUs, ratio: round(withCountsUs / withoutUs) };
}
