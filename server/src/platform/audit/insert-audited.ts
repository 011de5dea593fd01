import { type KeyObject, randomInt } from 'node:crypto';
import { type Insertable, type RawBuilder, type SelectType, sql } from 'kysely';
import { type Db, toColumnName } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AUDIT_CHAINS, type AuditEntry, type AuditHead, chainAuditEntries } from './service.ts';

/** A row as the table takes it, except that jsonb fields are given as values, not as text. */
export type IntakeRow<T> = { [K in keyof Insertable<T>]: K extends keyof T ? Insertable<T>[K] | SelectType<T[K]> : never };

/** Rows for one table, typed by the table; every row with the same fields. */
export type TableRows = { [T in keyof DB]: { table: T; rows: IntakeRow<DB[T]>[] } }[keyof DB];

// The head of each chain as this process last wrote or read it, per database.
const knownHeads = new WeakMap<Db, Map<number, AuditHead>>();

async function readAuditHead(db: Db, chain: number): Promise<AuditHead> {
  const head = await db.selectFrom('auditHeads').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirstOrThrow();
  return { chain, seq: Number(head.seq), hash: head.hash };
}

function insertFrom({ table: field, rows }: TableRows, name: string) {
  const table = toColumnName(field);
  const columns = sql.join(Object.keys(rows[0] ?? {}).map((field) => sql.ref(toColumnName(field))));
  // Only the top-level keys are column names: jsonb values keep their own keys. Dates become ISO text.
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([field, value]) => [toColumnName(field), value]))),
  );
  return sql`, ${sql.ref(name)} as (insert into ${sql.table(table)} (${columns})
    select ${columns} from jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb) where exists (select 1 from moved))`;
}

/**
 * Inserts rows into several tables together with their audit events in ONE statement, without a
 * transaction (a statement is atomic on its own): the statement moves the chain's head only from
 * the head this process last saw — compare and swap — and inserts nothing unless it moved it.
 * When another writer moved the head meanwhile, the head is read again and the statement tried
 * again. One round trip where a transaction locking the head takes at least four; for intake
 * under load (docs/BENCHMARKS.md). `guard` is a condition checked in the same statement: when
 * false nothing is written and the answer is false.
 */
export async function insertAudited(
  db: Db,
  auditKey: KeyObject,
  entries: AuditEntry[],
  tables: TableRows[],
  guard: RawBuilder<boolean> = sql<boolean>`true`,
): Promise<boolean> {
  const heads = knownHeads.get(db) ?? new Map<number, AuditHead>();
  knownHeads.set(db, heads);
  for (let attempt = 1; ; attempt++) {
    const chain = randomInt(AUDIT_CHAINS);
    const from = heads.get(chain) ?? (await readAuditHead(db, chain));
    const { events, head } = chainAuditEntries(auditKey, from, entries);
    const inserts = [{ table: 'auditEvents' as const, rows: events }, ...tables].filter((t) => t.rows.length > 0);
    const { rows } = await sql<{ ok: boolean; moved: boolean }>`
      with guard as (select (${guard}) as ok),
      moved as (update audit_heads set seq = ${head.seq}, hash = ${head.hash}
        where chain = ${chain} and seq = ${from.seq} and (select ok from guard) returning chain)
      ${sql.join(
        inserts.map((t, i) => insertFrom(t, `insert${i}`)),
        sql``,
      )}
      select (select ok from guard) as ok, exists (select 1 from moved) as moved`.execute(db.withoutPlugins());
    const [result] = rows;
    if (result?.moved) {
      heads.set(chain, head);
      return true;
    }
    if (!result?.ok) return false;
    heads.delete(chain);
    // Every writer that moved the head in between made progress: giving up means a storm of them.
    if (attempt === 20) throw new Error(`audit chains busy: ${attempt} attempts`);
  }
}
