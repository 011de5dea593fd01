import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { createMemoryKeyRing, deriveAuditKey } from '../pii/keys.ts';
import { purgeExpiredAuditEvents } from './retention.ts';
import { recordAudit } from './service.ts';
import { verifyAuditTrail } from './verify.ts';

const key = deriveAuditKey(createMemoryKeyRing());
const system = { type: 'system', name: 'test' } as const;

describe(`audit trail (${testDatabaseKind})`, () => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase();
    for (let i = 1; i <= 6; i++) {
      await recordAudit(database.db, key, {
        actor: system,
        action: 'test.event',
        recordType: 'thing',
        recordId: String(i),
        summary: { n: i, nested: { b: 1, a: 2 } },
      });
    }
  });
  afterEach(() => database.close());

  /** An attacker with database-owner rights: triggers off, then free to change the table. */
  async function tamper(...statements: ReturnType<typeof sql>[]) {
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(trx);
      for (const statement of statements) await statement.execute(trx);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(trx);
    });
  }

  it('verifies an intact trail', async () => {
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: 6, problems: [] });
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    await expect(sql`update audit_events set action = 'x' where seq = 2`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 2`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('detects a modified event', async () => {
    await tamper(sql`update audit_events set summary = '{"n": 99}'::jsonb where seq = 3`);
    const { problems } = await verifyAuditTrail(database.db, key);
    expect(problems).toEqual([expect.objectContaining({ seq: 3, kind: 'modified' })]);
  });

  it('detects a deleted event', async () => {
    await tamper(sql`delete from audit_events where seq = 4`);
    const { problems } = await verifyAuditTrail(database.db, key);
    expect(problems).toEqual([expect.objectContaining({ seq: 5, kind: 'deleted' })]);
  });

  it('detects an inserted event, even one whose hash was computed without the key', async () => {
    // Make room at 4 (through negative numbers: the primary key is checked row by row).
    await tamper(
      sql`update audit_events set seq = -(seq + 1) where seq >= 4`,
      sql`update audit_events set seq = -seq where seq < 0`,
      sql`insert into audit_events (seq, id, occurred_at, actor_type, action, outcome, summary, prev_hash, hash)
          select 4, gen_random_uuid(), now(), 'system', 'test.forged', 'success', '{}'::jsonb, hash, md5(hash) from audit_events where seq = 3`,
    );
    const { problems } = await verifyAuditTrail(database.db, key);
    expect(problems.map((p) => [p.seq, p.kind])).toEqual(
      expect.arrayContaining([
        [4, 'modified'],
        [5, 'inserted_or_reordered'],
      ]),
    );
  });

  it('detects reordered events', async () => {
    await tamper(
      sql`update audit_events set seq = -1 where seq = 2`,
      sql`update audit_events set seq = 2 where seq = 5`,
      sql`update audit_events set seq = 5 where seq = -1`,
    );
    const { problems } = await verifyAuditTrail(database.db, key);
    expect(problems.map((p) => p.seq)).toEqual(expect.arrayContaining([2, 5]));
    expect(problems.some((p) => p.kind === 'modified')).toBe(true);
  });

  it('writes the audit entry in the caller’s transaction: a failed change leaves none', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, key, { actor: system, action: 'test.rolled_back' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const count = await database.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'test.rolled_back')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    expect((await verifyAuditTrail(database.db, key)).problems).toEqual([]);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(database.db, key, { actor: system, action: 'test.concurrent', recordId: String(i) }),
      ),
    );
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: 26, problems: [] });
  });

  it('purges events past the retention period (never under 184 days) and still verifies the rest', async () => {
    // Events 1–3 written 200 days ago (the hash covers the time, so they are rewritten as such).
    const old = await database.db.selectFrom('auditEvents').selectAll().where('seq', '<=', 3).orderBy('seq').execute();
    await tamper(sql`update audit_events set occurred_at = now() - interval '200 days' where seq <= 3`);
    expect(await purgeExpiredAuditEvents(database.db, 365)).toEqual({ deleted: 0 });
    expect(await purgeExpiredAuditEvents(database.db, 30)).toEqual({ deleted: 3 });
    const anchor = await database.db.selectFrom('auditAnchor').selectAll().executeTakeFirstOrThrow();
    expect(anchor).toMatchObject({ seq: 3, hash: old[2]?.hash });
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: 3, problems: [] });
    // New events chain on after the purge.
    await recordAudit(database.db, key, { actor: system, action: 'test.after_purge' });
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: 4, problems: [] });
    // Deleting the first remaining event is still detected.
    await tamper(sql`delete from audit_events where seq = 4`);
    expect((await verifyAuditTrail(database.db, key)).problems[0]).toMatchObject({ seq: 5, kind: 'deleted' });
  });
});
