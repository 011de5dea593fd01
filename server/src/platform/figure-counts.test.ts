import { randomUUID } from 'node:crypto';
import { addDays, todayInShanghai } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';
import { countFiguresExactly } from '../test/figures.ts';
import { insertHomeVisit } from '../test/fixtures.ts';

// A small deterministic generator, so that a failing sequence can be run again.
function createRandom(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

describe(`counted figures stay equal to a count of the records (${testDatabaseKind})`, () => {
  let t: TestApp;
  let orgs: string[];
  let formId: string;
  const today = todayInShanghai();
  beforeAll(async () => {
    t = await createTestApp();
    orgs = [await findOrgId(t, 'boc-sh'), await findOrgId(t, 'cib-sh'), await findOrgId(t, 'cpic-pc-sh')];
    const form = await t.database.db.selectFrom('reportForms').select('id').executeTakeFirstOrThrow();
    formId = form.id;
  });
  afterAll(() => t?.close());

  it('after random inserts, changes and deletions of home visits, video sessions and reports', async () => {
    const random = createRandom(20_220_401);
    const db = t.database.db;
    // An instant in the last 20 days, at any hour: days change at Shanghai's midnight, not UTC's.
    const instant = () => new Date(Date.now() - Math.floor(random.next() * 20 * 86_400_000));
    const period = () => addDays(today, -Math.floor(random.next() * 20));
    const visits: string[] = [];
    const sessions: string[] = [];
    const reports: string[] = [];
    for (let step = 0; step < 240; step++) {
      const op = random.pick(['insert', 'insert', 'update', 'delete'] as const);
      const table = random.pick(['visit', 'session', 'report'] as const);
      const done = random.next() < 0.5;
      if (table === 'visit') {
        if (op === 'insert' || visits.length === 0) {
          const at = instant();
          visits.push(
            await insertHomeVisit(t, {
              orgId: random.pick(orgs),
              createdAt: at,
              status: done ? random.pick(['done', 'partly_done'] as const) : random.pick(['requested', 'refused'] as const),
              completedAt: done ? new Date(at.getTime() + random.next() * 3 * 86_400_000) : null,
            }),
          );
        } else if (op === 'update') {
          await db
            .updateTable('homeVisits')
            .set(
              random.pick([
                { status: 'done', completedAt: instant() },
                { status: 'unreachable', orgId: random.pick(orgs), createdAt: instant() },
                { status: random.pick(['refused', 'partly_done'] as const) },
              ]),
            )
            .where('id', '=', random.pick(visits))
            .execute();
        } else {
          await db
            .deleteFrom('homeVisits')
            .where('id', '=', visits.splice(Math.floor(random.next() * visits.length), 1)[0] as string)
            .execute();
        }
      } else if (table === 'session') {
        if (op === 'insert' || sessions.length === 0) {
          const id = randomUUID();
          const at = instant();
          await db
            .insertInto('videoSessions')
            .values({
              id,
              reference: `VS-T-${id.slice(0, 12)}`,
              orgId: random.pick(orgs),
              service: 'account',
              mobileEnc: 'x',
              // One open session per customer and service: each session here is another customer.
              mobileHash: id,
              status: done ? 'served' : random.pick(['waiting', 'left'] as const),
              joinedAt: at,
              closedAt: done ? new Date(at.getTime() + 3_600_000) : null,
            })
            .execute();
          sessions.push(id);
        } else if (op === 'update') {
          await db
            .updateTable('videoSessions')
            .set(
              random.pick([
                { status: 'served', closedAt: instant() },
                { status: 'not_served', joinedAt: instant() },
                { status: random.pick(['served', 'left'] as const) },
              ]),
            )
            .where('id', '=', random.pick(sessions))
            .execute();
        } else {
          await db
            .deleteFrom('videoSessions')
            .where('id', '=', sessions.splice(Math.floor(random.next() * sessions.length), 1)[0] as string)
            .execute();
        }
      } else if (op === 'insert' || reports.length === 0) {
        const id = randomUUID();
        // One report per form, institution and period: a second one is skipped, and counts nothing.
        const inserted = await db
          .insertInto('reports')
          .values({
            id,
            formId,
            orgId: random.pick(orgs),
            period: period(),
            status: random.pick(['submitted', 'accepted', 'returned', 'withdrawn'] as const),
            values: '{}',
            preparer: '填表人',
            responsible: '负责人',
            submittedAt: new Date(),
            late: done,
            version: 1,
          })
          .onConflict((oc) => oc.columns(['formId', 'orgId', 'period']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows) === 1) reports.push(id);
      } else if (op === 'update') {
        await db
          .updateTable('reports')
          .set({ status: random.pick(['submitted', 'accepted', 'returned', 'withdrawn'] as const), late: done })
          .where('id', '=', random.pick(reports))
          .execute();
      } else {
        await db
          .deleteFrom('reports')
          .where('id', '=', reports.splice(Math.floor(random.next() * reports.length), 1)[0] as string)
          .execute();
      }
    }

    const regulator = await signInAs(t.app, 'regulator');
    const read = async (url: string) => {
      const res = await t.app.inject({ url, headers: regulator });
      expect(res.statusCode, url).toBe(200);
      return res.json();
    };
    const pick = (figures: Record<string, unknown>) => ({
      'home-visits': figures['home-visits'],
      'cloud-branch': figures['cloud-branch'],
      oversight: figures.oversight,
    });
    for (const [from, to] of [
      [addDays(today, -30), today],
      [addDays(today, -6), today],
      [addDays(today, -12), addDays(today, -3)],
      [today, today],
    ] as const) {
      expect(pick((await read(`/api/v1/figures?from=${from}&to=${to}`)).figures), `${from}..${to}`).toEqual(
        await countFiguresExactly(t.database.db, from, to, null),
      );
      for (const orgId of orgs)
        expect(pick((await read(`/api/v1/figures?from=${from}&to=${to}&orgId=${orgId}`)).figures)).toEqual(
          await countFiguresExactly(t.database.db, from, to, orgId),
        );
    }
    // The trend's days are the same counts, one day at a time.
    const from = addDays(today, -9);
    const trend = await read(`/api/v1/figures/trend?from=${from}`);
    expect(trend.days).toHaveLength(10);
    for (const [i, day] of (trend.days as string[]).entries()) {
      const exact = await countFiguresExactly(t.database.db, day, day, null);
      expect(trend.figures['home-visits'].served[i], day).toBe(exact['home-visits'].served);
      expect(trend.figures['cloud-branch'].joined[i], day).toBe(exact['cloud-branch'].joined);
      expect(trend.figures.oversight.received[i], day).toBe(exact.oversight.received);
    }
    // Something happened in the period, or the comparison proves little.
    expect((await countFiguresExactly(t.database.db, addDays(today, -30), today, null))['home-visits'].requested).toBeGreaterThan(10);
  });

  it('refuses a trend longer than a quarter, naming the field', async () => {
    const res = await t.app.inject({
      url: `/api/v1/figures/trend?from=${addDays(today, -120)}`,
      headers: await signInAs(t.app, 'regulator'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'querystring.from', reason: 'range_too_long', limit: 92 }),
    ]);
  });
});
