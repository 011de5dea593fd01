import type { NoticeChanges, NoticeEntry } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

const NOTICE_COLUMNS = [
  'id',
  'associationId',
  'version',
  'status',
  sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('asOf'),
  'entries',
  'changes',
  'compiledAt',
  'publishedAt',
  'compiledBy',
  'publishedBy',
  'documentNumber',
  sql<string | null>`to_char(signed_on, 'YYYY-MM-DD')`.as('signedOn'),
] as const;

export function selectLatestPublished(db: Db, associationId: string) {
  return db
    .selectFrom('notices')
    .select(NOTICE_COLUMNS)
    .where('associationId', '=', associationId)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The association's one draft: a new compilation replaces it. */
export async function replaceDraft(
  db: Db,
  row: { id: string; associationId: string; asOf: string; entries: NoticeEntry[]; changes: NoticeChanges; compiledBy: string | null },
) {
  await db.deleteFrom('notices').where('associationId', '=', row.associationId).where('status', '=', 'draft').execute();
  await db
    .insertInto('notices')
    .values({
      ...row,
      version: null,
      status: 'draft',
      entries: JSON.stringify(row.entries),
      changes: JSON.stringify(row.changes),
      compiledAt: new Date(),
    })
    .execute();
}

export function selectDraft(db: Db, associationId: string) {
  return db
    .selectFrom('notices')
    .select(NOTICE_COLUMNS)
    .where('associationId', '=', associationId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
}

/** Publishes the draft as the association's next version, and answers that version. */
export async function publishDraftRow(
  db: Db,
  associationId: string,
  id: string,
  review: { publishedBy: string | null; documentNumber: string; signedOn: string },
): Promise<number> {
  const last = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('associationId', '=', associationId)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .updateTable('notices')
    .set({ status: 'published', version, publishedAt: new Date(), ...review })
    .where('id', '=', id)
    .execute();
  return version;
}

/** A published version: public, so no scope; drafts are never found here. */
export function selectPublished(db: Db, id: string) {
  return db.selectFrom('notices').select(NOTICE_COLUMNS).where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
}

/** Every published version, newest first, without its entries. */
export function selectPublishedVersions(db: Db) {
  return db
    .selectFrom('notices')
    .select([
      'id',
      'associationId',
      'version',
      sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('asOf'),
      'publishedAt',
      'documentNumber',
      sql<number>`jsonb_array_length(entries)`.as('entryCount'),
    ])
    .where('status', '=', 'published')
    .orderBy('publishedAt', 'desc')
    .execute();
}

/** Notices by id as "第N版" (a draft: "草稿"), for the audit trail. */
export async function nameNotices(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('notices').select(['id', 'version']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.version === null ? '草稿' : `第${r.version}版`]));
}
