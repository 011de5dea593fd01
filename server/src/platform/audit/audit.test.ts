import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { createMemoryKeyRing, deriveAuditKey } from '../pii/keys.ts';
import { readCheckpointFile, takeAuditCheckpoint } from './checkpoints.ts';
import { insertAudited } from './insert-audited.ts';
import { purgeExpiredAuditEvents } from './retention.ts';
import { chainAuditEntries, recordAudit } from './service.ts';
import { verifyAuditTrail } from './verify.ts';

const key = deriveAuditKey(createMemoryKeyRing());
const system = { type: 'system', name: 'test' } as const;
const EVENTS = 48;

describe(`audit trail (${testDatabaseKind})`, () => {
  let database: Database;
  /** The events of the chain that holds the most, in order: room to tamper in the middle. */
  let busy: { chain: number; seq: number; recordId: string }[];

  beforeEach(async () => {
    database = await openTestDatabase();
    for (let i = 1; i <= EVENTS; i++) {
      await recordAudit(database.db, key, {
        actor: system,
        action: 'test.event',
        recordType: 'thing',
        recordId: String(i),
        summary: { n: i, nested: { b: 1, a: 2 } },
      });
    }
    const rows = await database.db.selectFrom('auditEvents').select(['chain', 'seq', 'recordId']).orderBy('seq').execute();
    const byChain = Map.groupBy(rows, (r) => r.chain);
    const longest = [...byChain.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    busy = longest.map((r) => ({ chain: r.chain, seq: Number(r.seq), recordId: r.recordId as string }));
    expect(busy.length).toBeGreaterThanOrEqual(3);
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
  const problemsOf = async () => (await verifyAuditTrail(database.db, key)).problems.map((p) => [p.chain, p.seq, p.kind]);

  it('verifies an intact trail', async () => {
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: EVENTS, problems: [] });
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    await expect(sql`update audit_events set action = 'x' where record_id = '2'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where record_id = '2'`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('detects a modified event', async () => {
    const target = busy[1] as (typeof busy)[number];
    await tamper(sql`update audit_events set summary = '{"n": 99}'::jsonb where record_id = ${target.recordId}`);
    expect(await problemsOf()).toEqual([[target.chain, target.seq, 'modified']]);
  });

  it('detects a deleted event, in the middle of a chain or at its end', async () => {
    const [, middle, next] = busy as [(typeof busy)[number], (typeof busy)[number], (typeof busy)[number]];
    const last = busy.at(-1) as (typeof busy)[number];
    await tamper(
      sql`delete from audit_events where record_id = ${middle.recordId}`,
      sql`delete from audit_events where record_id = ${last.recordId}`,
    );
    expect(await problemsOf()).toEqual([
      [middle.chain, next.seq, 'deleted'],
      [last.chain, last.seq, 'deleted'],
    ]);
  });

  it('detects an inserted event, even one whose hash was computed without the key', async () => {
    const at = busy[1] as (typeof busy)[number];
    // Make room (through negative numbers: the primary key is checked row by row), then forge.
    await tamper(
      sql`update audit_events set seq = -(seq + 1) where chain = ${at.chain} and seq >= ${at.seq}`,
      sql`update audit_events set seq = -seq where seq < 0`,
      sql`insert into audit_events (chain, seq, id, occurred_at, actor_type, action, outcome, summary, prev_hash, hash)
          select chain, ${at.seq}, gen_random_uuid(), now(), 'system', 'test.forged', 'success', '{}'::jsonb, hash, md5(hash)
          from audit_events where chain = ${at.chain} and seq = ${at.seq - 1}`,
    );
    const problems = await problemsOf();
    expect(problems).toContainEqual([at.chain, at.seq, 'modified']);
    expect(problems).toContainEqual([at.chain, at.seq + 1, 'inserted_or_reordered']);
  });

  it('detects reordered events', async () => {
    const [a, , b] = busy as [(typeof busy)[number], (typeof busy)[number], (typeof busy)[number]];
    await tamper(
      sql`update audit_events set seq = -1 where chain = ${a.chain} and seq = ${a.seq}`,
      sql`update audit_events set seq = ${a.seq} where chain = ${a.chain} and seq = ${b.seq}`,
      sql`update audit_events set seq = ${b.seq} where chain = ${a.chain} and seq = -1`,
    );
    const problems = await problemsOf();
    expect(problems).toContainEqual([a.chain, a.seq, 'modified']);
    expect(problems).toContainEqual([a.chain, b.seq, 'modified']);
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

  it('keeps every chain unbroken under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(database.db, key, { actor: system, action: 'test.concurrent', recordId: String(i) }),
      ),
    );
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: EVENTS + 40, problems: [] });
  });

  it('inserts rows with their events in one statement, chaining on heads other writers move meanwhile', async () => {
    const job = (i: number) => ({
      id: randomUUID(),
      type: 'test.audited',
      payload: { n: i, nested: { a: 1 } },
      orgId: null,
      maxAttempts: 1,
    });
    const entry = (i: number) => ({ actor: system, action: 'test.audited', recordId: String(i), summary: { fieldName: i } });
    // Interleaved with locking writers: the heads this process remembers go stale and are read again.
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? recordAudit(database.db, key, { actor: system, action: 'test.locking' })
          : insertAudited(database.db, key, [entry(i), entry(i + 1000)], [{ table: 'jobs', rows: [job(i)] }]),
      ),
    );
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: EVENTS + 20 + 80, problems: [] });
    const jobs = await database.db.selectFrom('jobs').select(['payload']).where('type', '=', 'test.audited').execute();
    expect(jobs).toHaveLength(40);
    expect(jobs[0]?.payload).toMatchObject({ nested: { a: 1 } }); // jsonb values keep their own keys
    const summaries = await database.db.selectFrom('auditEvents').select('summary').where('action', '=', 'test.audited').execute();
    expect(summaries[0]?.summary).toHaveProperty('fieldName');

    // A false guard writes nothing at all.
    const written = await insertAudited(database.db, key, [entry(-1)], [{ table: 'jobs', rows: [job(-1)] }], sql<boolean>`false`);
    expect(written).toBe(false);
    expect(await database.db.selectFrom('jobs').select('id').where('type', '=', 'test.audited').execute()).toHaveLength(40);
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: EVENTS + 20 + 80, problems: [] });
  });

  it('purges events past the retention period (never under 184 days) and still verifies the rest', async () => {
    // The first 24 events written 200 days ago (the hash covers the time, so they are rewritten as such).
    await tamper(sql`update audit_events set occurred_at = now() - interval '200 days' where record_id::int <= 24`);
    expect(await purgeExpiredAuditEvents(database.db, key, 365)).toEqual({ deleted: 0 });
    expect(await purgeExpiredAuditEvents(database.db, key, 30)).toEqual({ deleted: 24 }); // 30 asked, 184 applied: 200 > 184
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: EVENTS - 24, problems: [] });
    // New events chain on after the purge.
    for (let i = 0; i < 16; i++) await recordAudit(database.db, key, { actor: system, action: 'test.after_purge' });
    expect(await verifyAuditTrail(database.db, key)).toEqual({ checked: EVENTS - 24 + 16, problems: [] });
    // Deleting the oldest remaining event of a chain is still detected.
    const oldest = await database.db.selectFrom('auditEvents').select(['chain', 'seq']).orderBy('seq').limit(1).executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_events where chain = ${oldest.chain} and seq = ${oldest.seq}`);
    expect((await verifyAuditTrail(database.db, key)).problems[0]).toMatchObject({ chain: oldest.chain, kind: 'deleted' });
  });

  it('refuses TRUNCATE, and deletes of events younger than 184 days even when told it is the purge', async () => {
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/cannot be truncated/);
    await expect(sql`truncate audit_heads, audit_anchor`.execute(database.db)).rejects.toThrow(/cannot be truncated/);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('shouhu.audit_purge', 'on', true)`.execute(trx);
        await sql`delete from audit_events where record_id = '2'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('detects the newest events deleted and the head moved back, against a signed checkpoint', async () => {
    await takeAuditCheckpoint(database.db, key);
    const last = busy.at(-1) as { chain: number; seq: number };
    const beforeLast = busy.at(-2) as { chain: number; seq: number };
    const previous = await database.db
      .selectFrom('auditEvents')
      .select('hash')
      .where('chain', '=', beforeLast.chain)
      .where('seq', '=', beforeLast.seq)
      .executeTakeFirstOrThrow();
    await tamper(
      sql`delete from audit_events where chain = ${last.chain} and seq = ${last.seq}`,
      sql`update audit_heads set seq = ${beforeLast.seq}, hash = ${previous.hash} where chain = ${last.chain}`,
    );
    expect(await problemsOf()).toEqual([[last.chain, last.seq, 'deleted']]);
  });

  it('detects a whole chain deleted, and the first events deleted with the anchor moved', async () => {
    await takeAuditCheckpoint(database.db, key);
    const first = busy[0] as { chain: number; seq: number };
    const { hash } = await database.db
      .selectFrom('auditEvents')
      .select('hash')
      .where('chain', '=', first.chain)
      .where('seq', '=', first.seq)
      .executeTakeFirstOrThrow();
    // The oldest event gone, the anchor moved onto it as a purge would, but not signed by one.
    await tamper(sql`delete from audit_events where chain = ${first.chain} and seq = ${first.seq}`);
    await sql`insert into audit_anchor (chain, seq, hash) values (${first.chain}, ${first.seq}, ${hash})`.execute(database.db);
    expect(await problemsOf()).toEqual([[first.chain, first.seq, 'deleted']]);

    // Another chain wiped: every event and its head back to the start.
    const other = await database.db
      .selectFrom('auditHeads')
      .select(['chain', 'seq'])
      .where('seq', '>', 0)
      .where('chain', '!=', first.chain)
      .executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_events where chain = ${other.chain}`);
    await sql`update audit_heads set seq = 0, hash = 'genesis' where chain = ${other.chain}`.execute(database.db);
    expect((await problemsOf()).filter(([chain]) => chain === other.chain)).toEqual([[other.chain, Number(other.seq), 'deleted']]);
  });

  it('finds a forged checkpoint in the file kept apart, and reads a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhu-audit-'));
    const file = join(dir, 'checkpoints.jsonl');
    const good = await takeAuditCheckpoint(database.db, key, file);
    expect(readCheckpointFile(file).checkpoints).toEqual([good]);
    const forged = { ...good, id: randomUUID(), heads: good.heads.map((h) => ({ ...h, seq: h.seq + 5 })) };
    const result = await verifyAuditTrail(database.db, key, { checkpoints: [...readCheckpointFile(file).checkpoints, forged] });
    expect(result.problems.map((p) => p.kind)).toEqual(['checkpoint_invalid']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies events whose summary held a date (as an API token’s expiry does), also those written before the fix', async () => {
    await recordAudit(database.db, key, { actor: system, action: 'api_token.created', summary: { expiresAt: new Date() } });
    // As such an event was written before: the Date hashed as {}, its text stored.
    const head = await database.db.selectFrom('auditHeads').selectAll().where('chain', '=', 0).executeTakeFirstOrThrow();
    const { events } = chainAuditEntries(key, { chain: 0, seq: Number(head.seq), hash: head.hash }, [
      { actor: system, action: 'api_token.created', summary: { expiresAt: {} } },
    ]);
    const event = { ...(events[0] as (typeof events)[number]), summary: { expiresAt: new Date().toISOString() } };
    await sql`insert into audit_events (chain, seq, id, occurred_at, actor_type, actor_id, actor_org_id, actor_role, org_id, action,
      record_type, record_id, outcome, request_id, ip, summary, prev_hash, hash)
      values (${event.chain}, ${event.seq}, ${event.id}, ${event.occurredAt}, ${event.actorType}, ${event.actorId}, null, null, null,
      ${event.action}, null, null, ${event.outcome}, null, null, ${JSON.stringify(event.summary)}::jsonb, ${event.prevHash}, ${event.hash})`.execute(
      database.db,
    );
    await sql`update audit_heads set seq = ${event.seq}, hash = ${event.hash} where chain = 0`.execute(database.db);
    expect((await verifyAuditTrail(database.db, key)).problems).toEqual([]);
  });
});
